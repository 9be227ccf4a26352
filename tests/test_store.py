"""Atomic, reproducible files."""
from __future__ import annotations

import pandas as pd
import pytest

from tracker.errors import DataError
from tracker.store import read_table, write_csv, write_parquet

FRAME = pd.DataFrame({"event_id": ["b", "a"], "confidence": [0.8, 1 / 3], "date": ["2022", None]})


def test_same_frame_gives_the_same_bytes(tmp_path):
    for writer, name in ((write_csv, "t.csv"), (write_parquet, "t.parquet")):
        writer(FRAME, tmp_path / name)
        first = (tmp_path / name).read_bytes()
        writer(FRAME.copy(), tmp_path / name)
        assert (tmp_path / name).read_bytes() == first


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    write_csv(FRAME, tmp_path / "t.csv")
    before = (tmp_path / "t.csv").read_bytes()

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr(pd.DataFrame, "to_csv", explode)
    with pytest.raises(RuntimeError):
        write_csv(FRAME, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_corrupt_or_missing_tables_raise_data_error_naming_the_file(tmp_path):
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(DataError, match="bad.parquet"):
        read_table(tmp_path / "bad.parquet")
    with pytest.raises(DataError, match="not found"):
        read_table(tmp_path / "absent.csv")
    write_csv(FRAME, tmp_path / "t.csv")
    with pytest.raises(DataError, match="missing column"):
        read_table(tmp_path / "t.csv", columns=["event_id", "host"])
