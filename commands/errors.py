"""Errors that carry a message for the user; the facade turns them into a private reply."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused action: `message` is shown to the user as is (Dutch, from the catalogue)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class AccessDenied(UserError):
    """The user may not do or see this; says no more than that (never whether a case exists)."""
