"""The exception tree of storyline, mapped once at each edge (CLI message, HTTP status).

::

    StorylineError              anything storyline itself reports
     ├── InputError             an input cannot be ingested (has .origin and .reason)
     ├── StoreError             the article store cannot be opened, read or written
     └── ConfigError            bad configuration or command-line options

Readers do not let :class:`InputError` escape: :func:`storyline.ingest.read_inputs`
turns each one into a :class:`~storyline.model.Rejection` so a run reports every
input it skipped, and why.
"""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "StoreError", "StorylineError"]


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose."""


class InputError(StorylineError):
    """An input (file, line, record) that cannot be ingested.

    ``origin`` says where (a path, ``path:line``, ``-``), ``reason`` why, in one line.
    """

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(origin, reason)
        self.origin = origin
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class StoreError(StorylineError):
    """The article store cannot be opened, read or written."""


class ConfigError(StorylineError):
    """Bad configuration or command-line options."""
