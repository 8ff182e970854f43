"""The models (`desktop/db/models.py`) against the schema the migrations build, column by column, on SQLite and
on PostgreSQL: a model changed without its migration, or a migration that builds something else, fails here."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Boolean, Column, DateTime, Index, Integer, MetaData, String, Table, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeDecorator, TypeEngine

from desktop.db import schema
from desktop.db.session import Database

# Type families that must agree: the migrated database keeps its own spelling (VARCHAR, TIMESTAMP, DATETIME, ...).
FAMILIES: tuple[type[TypeEngine[Any]], ...] = (Boolean, DateTime, Integer, String)


def _family(column_type: TypeEngine[Any]) -> str:
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    generic = column_type.as_generic() if not isinstance(column_type, FAMILIES) else column_type
    for family in FAMILIES:
        if isinstance(generic, family):
            return family.__name__
    return type(generic).__name__


def _differences(conn: Connection, metadata: MetaData) -> list[Any]:
    context = MigrationContext.configure(conn, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


def test_every_table_has_the_models_columns_with_their_types_and_nullability(db: Database) -> None:
    inspector = inspect(db.engine)
    tables = set(inspector.get_table_names())
    for table in schema.metadata.sorted_tables:
        assert table.name in tables, f"no table {table.name} after the migrations"
        migrated = {c["name"]: c for c in inspector.get_columns(table.name)}
        assert list(migrated) == [c.name for c in table.columns], table.name
        for column in table.columns:
            found = migrated[column.name]
            where = f"{table.name}.{column.name}"
            assert found["nullable"] == column.nullable, where
            assert _family(found["type"]) == _family(column.type), (where, found["type"], column.type)
            if isinstance(column.type, String) and column.type.length is not None:
                assert getattr(found["type"], "length", None) == column.type.length, where


def test_models_and_migrated_schema_have_the_same_indexes_constraints_and_types(db: Database) -> None:
    """Alembic's own comparison (what `alembic revision --autogenerate` would write): nothing to add."""
    with db.engine.connect() as conn:
        assert _differences(conn, schema.metadata) == []


def test_the_comparison_sees_a_model_the_migrations_do_not_match(db: Database) -> None:
    """The check above is not vacuous: a column made optional, a new column and a new index are all reported."""
    changed = MetaData()
    for table in schema.metadata.sorted_tables:
        table.to_metadata(changed)
    incidents: Table = changed.tables["incidents"]
    incidents.c.title.nullable = not incidents.c.title.nullable
    incidents.append_column(Column("extra", String(10)))
    Index("ix_incidents_title_check", incidents.c.title)
    with db.engine.connect() as conn:
        kinds = {diff[0] if isinstance(diff, tuple) else diff[0][0] for diff in _differences(conn, changed)}
    assert {"add_column", "modify_nullable", "add_index"} <= kinds


def test_the_whole_schema_module_holds_every_table_module() -> None:
    """The program imports only the tables it uses (desktop/db/__init__.py); whatever needs the whole schema
    (Alembic, drop_all, the tests above) takes desktop.db.schema, so a table module it forgot is a table Alembic
    and these checks never see. Every module of desktop/db that declares a table must be listed there."""
    import ast
    from pathlib import Path

    import desktop.db

    folder = Path(desktop.db.__file__).parent
    declaring = {f"desktop.db.{path.stem}" for path in folder.glob("*.py")
                 if any(isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__tablename__"
                                                            for t in node.targets)
                        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))}
    assert "desktop.db.models" in declaring and len(declaring) >= 4
    assert {m.__name__ for m in schema.TABLE_MODULES} == declaring
