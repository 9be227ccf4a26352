"""The dataset's columns are documented in one place (tracker/records.py) and in the README."""
from __future__ import annotations

from pathlib import Path

from tracker import records

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_column_of_every_table():
    tables = (records.ARTICLE_COLUMNS, records.MENTION_COLUMNS, records.EVENT_COLUMNS, records.PRESENCE_COLUMNS,
              records.INFLUENCE_COLUMNS, records.CONTRIBUTION_COLUMNS)
    for columns in tables:
        for name, meaning in columns.items():
            assert f"| `{name}` | {meaning} |" in README, name


def test_mention_record_has_every_mention_column():
    fields = set(records.Mention.__dataclass_fields__)
    assert set(records.MENTION_COLUMNS) <= fields
