"""Errors the core raises for people: each carries a message in the user's language, and a code for callers.

Callers decide what to do from the class and `code`, never from the message text: the message is for people and
may be reworded or translated at any time.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """What went wrong. Each error class has its general code; a raise names a specific one where a caller may
    act on it."""

    ERROR = "error"
    VALIDATION = "validation"
    PERMISSION_DENIED = "permission_denied"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    AUTH_FAILED = "auth_failed"
    # specific
    STALE = "stale"  # someone else changed the record since it was read: reopen it
    WRONG_STATE = "wrong_state"  # the record's state does not allow this (closed, already signed, not submitted)
    LATE_REASON_REQUIRED = "late_reason_required"  # past its deadline: ask for the 迟报说明 and try again
    BAD_CREDENTIALS = "bad_credentials"  # unknown name or wrong password, never said which
    ACCOUNT_LOCKED = "account_locked"
    ACCOUNT_DISABLED = "account_disabled"
    BUSY = "busy"  # the database stayed busy (locked by other writers) through every retry: try again later


class RepDeskError(Exception):
    """Base: `message` is shown to the user as it is; `code` says what went wrong."""

    code: ErrorCode = ErrorCode.ERROR
    # The rare refusal whose transaction must still commit what it wrote (a failed log-in's count): the database
    # layer commits, then raises it.
    keep_changes: bool = False

    def __init__(self, message: str, code: ErrorCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class ValidationError(RepDeskError):
    """Bad input; names the field it is about. Nothing was stored."""

    code = ErrorCode.VALIDATION

    def __init__(self, field: str, message: str, code: ErrorCode | None = None) -> None:
        super().__init__(message, code)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class PermissionDenied(RepDeskError):
    """The actor may not do this; refused by the core whatever the window shows."""

    code = ErrorCode.PERMISSION_DENIED


class NotFound(RepDeskError):
    code = ErrorCode.NOT_FOUND


class ConflictError(RepDeskError):
    """Someone else changed the record since it was read (`STALE`), or its state no longer allows the action
    (`WRONG_STATE`)."""

    code = ErrorCode.CONFLICT


class AuthError(RepDeskError):
    """Log-in refused: wrong name or password, locked or disabled account."""

    code = ErrorCode.AUTH_FAILED
