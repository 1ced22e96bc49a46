"""Schema migrations of the store (Alembic). The service calls :func:`upgrade` on start.

A new column or table in ``store/models.py`` needs a new revision here:
``alembic revision --autogenerate -m "..."`` from the repository root, then read what it wrote.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

log = logging.getLogger(__name__)
_LOCK = threading.Lock()

MIGRATIONS_DIR = Path(__file__).resolve().parent
#: The revision that creates the tables as ``Store.create_all`` made them before migrations existed.
INITIAL_REVISION = "0001_initial"
#: PostgreSQL advisory lock held while migrating (any fixed 64-bit number of our own).
MIGRATION_LOCK_KEY = 0x6E6C7073  # "nlps"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(store) -> str | None:  # noqa: ANN001 - a nlp_service.store.Store
    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(store, revision: str = "head") -> None:  # noqa: ANN001 - a nlp_service.store.Store
    """Bring the store's database to ``revision``.

    A database made by ``Store.create_all`` (tests, or a command that ran before the service) has
    the tables but no Alembic version: it is stamped with the initial revision, and upgraded from there.
    """
    with _LOCK:  # Alembic keeps its context in module globals: one migration at a time per process
        _upgrade(store, revision)
        if revision == "head":
            store._schema_ready = True  # noqa: SLF001


def _upgrade(store, revision: str) -> None:  # noqa: ANN001
    cfg = alembic_config()
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # workers on several machines start at once: one migrates
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        cfg.attributes["connection"] = conn
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables and "documents" in tables:
            log.info("database without a migration version: stamping %s", INITIAL_REVISION)
            command.stamp(cfg, INITIAL_REVISION)
        command.upgrade(cfg, revision)
