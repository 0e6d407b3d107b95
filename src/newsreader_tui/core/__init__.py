"""UI-free core: fetching, parsing, text, storage, search. Never imports textual or rich.

Layers, highest first; a module imports only from its own layer or those below it:

    service, views, opml               what the CLI and the UI call
    media, sources, fetch, normalize   downloading and reading what feeds point to
    (with transfer, fetch_failures)    (a transfer's limits; what went wrong on the wire)
    store                              SQLite: feeds, articles, state, search, image rows
    models, text, dates, errors, paths, config, content

Which calls are coroutines and which are synchronous (run in threads by the UI) is listed once,
in the docstring of `core.service`.
"""
