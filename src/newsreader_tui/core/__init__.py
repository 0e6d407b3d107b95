"""UI-free core: fetching, parsing, text, storage, search. Never imports textual or rich."""
