"""One module per source kind; each turns response bytes into a ParsedFeed."""
