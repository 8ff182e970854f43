"""The database: typed SQLAlchemy models, Alembic migrations, engine and sessions."""
