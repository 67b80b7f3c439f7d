"""The web app's routers, one module per concern, each given the shared :class:`~.context.Context`."""
