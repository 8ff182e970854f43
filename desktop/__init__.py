"""RepDesk core: organisation, incidents, the deadline engine, the database, reports. No Qt here."""

__version__ = "0.1.0"
