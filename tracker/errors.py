"""The project's exceptions: each carries the file and the reason, formatted only at the edge (cli)."""
from __future__ import annotations


class TrackerError(Exception):
    """Base class: something the user can act on, with the file it concerns."""

    def __init__(self, path: str | None, reason: str):
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason

    def __reduce__(self):  # picklable, so that a worker process can report it to the build
        return type(self), (self.path, self.reason)


class InputError(TrackerError):
    """An input file (article, manifest, gold) cannot be read or is malformed."""


class DictionaryError(TrackerError):
    """A user-editable data file (actors, patterns, weights) is malformed."""


class DataError(TrackerError):
    """A built dataset (data/*.csv, *.parquet) is missing or corrupt."""
