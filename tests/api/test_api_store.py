"""The store's schema comes from the Alembic migrations, and they match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from nlp_service.config import Settings
from nlp_service.store import Store
from nlp_service.store.migrations import current_revision, head_revision, upgrade
from nlp_service.store.models import Base


def test_migrations_create_the_tables_of_the_models(tmp_path):
    store = Store(Settings(data_dir=tmp_path / "fresh"), url=f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    upgrade(store)
    assert current_revision(store) == head_revision()
    assert set(Base.metadata.tables) <= set(inspect(store.engine).get_table_names())
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], diff
    upgrade(store)  # a second start changes nothing
    store.engine.dispose()


def test_a_database_made_by_the_old_create_all_is_taken_over_by_the_migrations(tmp_path):
    """Before migrations existed, ``create_all`` made the first schema without a version table."""
    store = Store(Settings(data_dir=tmp_path / "old"), url=f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(store, "0001_initial")
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    assert current_revision(store) is None
    assert "worker" not in {c["name"] for c in inspect(store.engine).get_columns("batch_items")}
    store.create_all()  # what every command does on start
    assert current_revision(store) == head_revision()
    assert "worker" in {c["name"] for c in inspect(store.engine).get_columns("batch_items")}
    assert "file_blobs" in inspect(store.engine).get_table_names()
    store.engine.dispose()


def test_the_service_database_is_at_the_head_revision(client, store):
    assert current_revision(store) == head_revision()
