"""Errors a user can act on: each names the file and says what is wrong with it."""

from __future__ import annotations


class KgError(Exception):
    """An error reported to the user as one line, never as a traceback."""


class InputError(KgError):
    """A file that cannot be turned into a record: empty, binary, unknown encoding, too large,
    not a resolution. ``path`` names the file, ``reason`` says why in the user's terms."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
