"""Atomic, deterministic files: CSV, Parquet and JSON in the data folder.

Every write goes to a temporary file in the same folder and is renamed over the target
(`os.replace` is atomic on POSIX), so a crash never leaves a half-written table, and the same
frame always gives the same bytes, so rebuilding is idempotent and diffs between builds mean
something.
"""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tracker.errors import DataError


@contextmanager
def atomic_path(path: Path):
    """Yield a temporary path next to `path`; on success it replaces `path`, on error it is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes 0600 files; a dataset is meant to be shared
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.remove(temp)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame as UTF-8 CSV with '\\n' line ends, atomically and byte-for-byte reproducibly."""
    with atomic_path(path) as temp:
        frame.to_csv(temp, index=False, encoding="utf-8", lineterminator="\n", float_format="%.6g")


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame as Parquet atomically (no timestamps in the file: same frame, same bytes)."""
    table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    with atomic_path(path) as temp:
        pq.write_table(table, temp, compression="zstd")


def write_json(data, path: Path) -> None:
    """Write JSON with sorted keys, atomically."""
    with atomic_path(path) as temp:
        temp.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n",
                        encoding="utf-8")


def read_table(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Return a CSV or Parquet table; DataError names the file when it is missing, corrupt or short of columns."""
    path = Path(path)
    if not path.exists():
        raise DataError(str(path), "file not found (run `python -m tracker build`)")
    try:
        frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path, keep_default_na=False,
                                                                                  na_values=[""])
    except Exception as exc:  # noqa: BLE001 - any parser failure means a corrupt file
        raise DataError(str(path), f"cannot be read ({type(exc).__name__}: {exc})") from None
    missing = [c for c in (columns or []) if c not in frame.columns]
    if missing:
        raise DataError(str(path), f"missing column(s): {', '.join(missing)}")
    return frame
