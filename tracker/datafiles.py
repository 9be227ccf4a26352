"""Reading the user-editable dictionary files (CSV) with one clear error per problem."""
from __future__ import annotations

import csv
from pathlib import Path

from tracker.errors import DictionaryError


def read_rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Return the rows of a dictionary CSV (values stripped), checking its columns."""
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise DictionaryError(str(path), f"missing column(s): {', '.join(missing)}")
            rows = []
            for row in reader:
                if None in row:  # DictReader puts the fields beyond the header under None
                    raise DictionaryError(str(path), f"line {reader.line_num}: {len(reader.fieldnames) + len(row[None])} "
                                          f"fields for {len(reader.fieldnames)} columns (a comma in an unquoted value?)")
                rows.append({k: (v or "").strip() for k, v in row.items()})
            return rows
    except FileNotFoundError:
        raise DictionaryError(str(path), "file not found") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DictionaryError(str(path), f"unreadable: {exc}") from None
