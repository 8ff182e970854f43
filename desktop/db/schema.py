"""The whole schema: every table module imported, so that `metadata` holds every table whichever module a caller
imported first. For Alembic, `drop_all` and the schema tests; the program itself imports only the tables it uses."""

from __future__ import annotations

from desktop.db import exchange_tables, models, prevention_tables, register_tables

TABLE_MODULES = (models, register_tables, prevention_tables, exchange_tables)
metadata = models.Base.metadata
