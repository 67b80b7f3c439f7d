"""Alembic migrations of the store, shipped with the package and run when a store is opened."""
