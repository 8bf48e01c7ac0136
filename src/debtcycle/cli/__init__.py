"""Command-line interface. Each module here adds its commands with ``register(app)``."""
