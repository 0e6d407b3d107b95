"""Builders and helpers shared by test modules: feeds, pages, PNG files, articles, clocks.

Imported as `support` (`from support.feeds import rss`): pyproject puts `tests/` on pytest's
`pythonpath`, and ruff's `src` lists `tests`, so isort files it with the first-party imports.
Fixtures stay in conftest files; what a test module must import by name lives here, since a
conftest is not a module a test can import.
"""
