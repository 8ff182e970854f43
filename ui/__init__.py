"""RepDesk's window: PySide6 views, table models and dialogs over the `desktop` core."""
