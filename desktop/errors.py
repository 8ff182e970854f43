"""Errors the core raises for people: each carries a message in the user's language."""

from __future__ import annotations


class RepDeskError(Exception):
    """Base: `message` is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(RepDeskError):
    """Bad input; names the field it is about. Nothing was stored."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class PermissionDenied(RepDeskError):
    """The actor may not do this; refused by the core whatever the window shows."""


class NotFound(RepDeskError):
    pass


class ConflictError(RepDeskError):
    """Someone else changed the record since it was read."""


class AuthError(RepDeskError):
    """Log-in refused: wrong name or password, locked or disabled account."""
