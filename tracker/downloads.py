"""CSV exports that are safe to open in a spreadsheet.

A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets (CSV injection); such text cells get a leading apostrophe,
which the spreadsheet shows as plain text. Numbers are left alone (a negative number is not a
formula). The file is UTF-8 with a byte-order mark, which Excel needs to detect UTF-8.
"""
from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ENCODING = "utf-8-sig"


def neutralise(value):
    """Return a cell value that no spreadsheet will evaluate: risky text gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _is_text(series: pd.Series) -> bool:
    """Return True for columns that can hold text (object or string dtype)."""
    return pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of the frame with every text cell neutralised and risky column names too."""
    out = frame.copy()
    for column in out.columns:
        if _is_text(out[column]):
            out[column] = out[column].map(neutralise, na_action="ignore")
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """Return the frame as spreadsheet-safe CSV bytes (UTF-8 with BOM, no index)."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode(ENCODING)


def read_csv_download(data: bytes) -> pd.DataFrame:
    """Return the frame a download holds (for tests and round-trips), every cell as text."""
    import io

    return pd.read_csv(io.BytesIO(data), encoding=ENCODING, dtype=str, keep_default_na=False)
