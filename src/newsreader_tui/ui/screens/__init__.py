"""Screens: the reading screen (`main.py` and its `main_*.py` helpers) and the modal dialogs
pushed over it (help, confirmation, search, details)."""
