"""The web API and dashboard (FastAPI): thin wrappers over the facade.

``debtcycle serve`` runs :func:`debtcycle.web.app.create_app` with Uvicorn.
"""
