"""The Textual app: a thin UI over newsreader_tui.core."""
