"""Alembic environment of the store: the tables of nlp_service/store/models.py.

Runs with a connection handed in by :func:`nlp_service.store.migrations.upgrade` (the service on
start), or from the command line with the service's own database (``NLP_SERVICE_DATABASE_URL``,
else the SQLite file in ``NLP_SERVICE_DATA_DIR``) unless alembic.ini names ``sqlalchemy.url``.
"""

from __future__ import annotations

from alembic import context

from nlp_service.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:  # noqa: ANN001
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"}, render_as_batch=_url().startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from nlp_service.store import Store

    store = Store()
    try:
        return store.url
    finally:
        store.engine.dispose()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from nlp_service.store import Store

    store = Store(url=config.get_main_option("sqlalchemy.url") or None)
    try:
        with store.engine.begin() as conn:
            _run(conn)
    finally:
        store.engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
