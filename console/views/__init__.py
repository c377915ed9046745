"""The console's pages, one module per area; each has `register(app)`."""
