"""The parts of a refresh below `core.service`: its decisions as pure functions (`decide`) and
the group commit that stores feeds in batches (`writer`)."""

from . import decide
from .writer import BatchWriter

__all__ = ["BatchWriter", "decide"]
