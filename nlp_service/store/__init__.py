"""The persistent store: SQLAlchemy 2, SQLite by default (a file in the data folder), PostgreSQL by URL."""

from nlp_service.store.db import Store

__all__ = ["Store"]
