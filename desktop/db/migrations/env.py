"""Alembic environment: the engine comes from RepDesk (config attribute), batch mode for SQLite."""

from __future__ import annotations

from alembic import context

from desktop.db.schema import metadata

config = context.config
target_metadata = metadata  # every table module's, not only those imported so far


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from desktop.db.session import make_engine, resolve_url

        engine = make_engine(resolve_url(config.get_main_option("sqlalchemy.url")))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
