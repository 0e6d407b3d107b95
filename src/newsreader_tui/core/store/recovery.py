"""Opening the cache of our own data dir: private, checked, and rebuilt when it is damaged.

`Store.open` opens any file it is given and refuses one it cannot use. The cache in the data
dir is ours, so more is done for it: its permissions are tightened, it is checked with
`PRAGMA quick_check` when it changed since we last closed it cleanly (see `integrity`), and a
file that is not a database (a garbage header), cannot be read or fails the check is moved
aside with a timestamp, never deleted, and replaced by a fresh cache that carries over what
can still be read of the old one (see `salvage`). The user hears of it once, through
`Store.notices`.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from newsreader_tui.core.errors import Problem, StoreError
from newsreader_tui.core.store import integrity, private, salvage
from newsreader_tui.core.store.database import Store

REBUILD_CODES = frozenset({"store.not_cache", "store.damaged"})
"""Problems of a file that a fresh cache should replace (not "newer", not "cannot open")."""
SIDE_FILES = ("-wal", "-shm", "-journal")
"""SQLite's files beside the database: those with data move with it, so it keeps its last
writes."""


def open_cache(path: Path) -> Store:
    """The cache database at `path` in our data dir, ready to use; see the module's doc.

    Raises `StoreError` when it can be neither used nor rebuilt: written by a newer version,
    a folder that cannot be created, damaged while another instance has it open.
    """
    path = Path(path)
    notices: list[Problem] = []
    loose = private.tighten(path.parent, path.name)
    if loose is not None:
        notices.append(loose)
    # A file another instance has open changes under it as a matter of course (and could not
    # be moved aside anyway): its damage, if any, is met by queries, which say so.
    check = integrity.needs_check(path) and not integrity.in_use_elsewhere(path)
    try:
        store = Store.open(path)
    except StoreError as error:
        if error.problem.code not in REBUILD_CODES:
            raise
        store = _rebuild(path, str(error.problem.params.get("detail", "")), error)
    else:
        if check and not store.read_only:
            store = _checked(store)
    store.note_when_closed = True
    store.notices[:0] = notices
    return store


def _checked(store: Store) -> Store:
    """`store` if `PRAGMA quick_check` finds it sound, else a rebuilt one."""
    try:
        trouble = store.quick_check()
    except StoreError as error:
        trouble = str(error.problem.params.get("detail", "")) or error.problem.text
    if trouble is None:
        return store
    trouble = " ".join(trouble.replace("*** in database main ***", "").split())
    store.damaged = True
    store.close()
    return _rebuild(store.path, trouble)


def _rebuild(path: Path, detail: str, cause: StoreError | None = None) -> Store:
    """Move the damaged file aside, open a fresh cache in its place and carry over what can be
    read from the old one. When the file cannot be moved (a read-only folder) the original
    error stands: the user must be told, not handed an empty cache."""
    if integrity.in_use_elsewhere(path):
        raise StoreError(Problem.of("store.damaged_in_use", path=path, detail=detail))
    try:
        moved = _move_aside(path)
    except OSError as error:
        if cause is not None:
            raise cause from error
        raise StoreError(Problem.of("store.damaged", path=path, detail=detail)) from error
    integrity.forget_clean(path)
    store = Store.open(path)
    count = 0
    old = salvage.open_old(moved)
    if old is not None:
        with contextlib.closing(old):
            count = store.carry_over(old)
    store.notices.append(Problem.of("store.rebuilt", detail=detail, moved=moved, count=count))
    return store


def _move_aside(path: Path) -> Path:
    """Rename the database (and its -wal when that holds writes) to `<name>.damaged-<local
    time>`, numbered if that name is taken; return the new path. An empty -wal and the -shm
    (an index SQLite rebuilds) hold no data and are removed rather than moved."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while any(Path(f"{target}{side}").exists() for side in ("", *SIDE_FILES)):
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    path.rename(target)
    for side in SIDE_FILES:
        old = Path(f"{path}{side}")
        with contextlib.suppress(FileNotFoundError):
            if side == "-shm" or old.stat().st_size == 0:
                old.unlink()
            else:
                old.rename(f"{target}{side}")
    return target
