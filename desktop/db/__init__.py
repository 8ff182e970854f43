"""The database: typed SQLAlchemy models, Alembic migrations, engine and sessions.

Every table module is imported here so that `Base.metadata` (Alembic, `create_all`, the schema tests) sees them all
whichever one a caller imports first.
"""

from desktop.db import exchange_tables, models, prevention_tables, register_tables

__all__ = ["exchange_tables", "models", "prevention_tables", "register_tables"]
