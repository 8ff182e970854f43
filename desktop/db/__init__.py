"""The database: typed SQLAlchemy models, Alembic migrations, engine and sessions.

The table modules are imported by what uses them: a cold `repdesk report` loads the core models alone, not the
registers', prevention's and exchange's tables (about a third of the tables' import and mapper set-up time).
Whatever needs the whole schema (Alembic, `drop_all`, the schema tests) takes `desktop.db.schema.metadata`.
"""
