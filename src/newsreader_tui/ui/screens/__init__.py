"""Modal screens: help, confirmation, search, details."""
