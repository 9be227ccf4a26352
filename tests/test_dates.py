"""Dates: table-driven cases (tests/data/dates_*.csv) and the choice of the nearest expression."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tracker.dates import days_later, event_date, find_dates

DATA = Path(__file__).parent / "data"


def cases():
    for path in sorted(DATA.glob("dates_*.csv")):
        language = path.stem.split("_")[-1]
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                yield pytest.param(row["published"], row["sentence"], row["expected"] or None, language,
                                   id=f"{path.stem}:{number}")


@pytest.mark.parametrize("published, sentence, expected, language", list(cases()))
def test_date_table(published, sentence, expected, language):
    assert event_date(sentence, published or None, language) == expected


def test_nearest_expression_to_the_trigger_wins():
    sentence = "After the coup of August 2020, Russian instructors arrived in December 2021."
    assert event_date(sentence, "2022-03", near=sentence.index("arrived")) == "2021-12"
    assert event_date(sentence, "2022-03", near=sentence.index("coup")) == "2020-08"


def test_relative_dates_need_a_publication_date():
    assert event_date("The minister left on Tuesday.", None) is None
    assert [d.kind for d in find_dates("in May 2021 and last year", "2023-02")] == ["explicit", "relative"]


@pytest.mark.parametrize("sentence, base, expected", [
    ("Algeria answered the next day.", "2023-12-20", "2023-12-21"),
    ("Two days later, Bamako recalled its ambassador.", "2023-12-20", "2023-12-22"),
    ("Le lendemain, Berlin a riposté.", "2023-04-07", "2023-04-08"),
    ("La semaine suivante, le camp a été rendu.", "2024-12-26", "2025-01-02"),
    ("Two days later, Bamako recalled its ambassador.", None, None),
    ("Bamako recalled its ambassador.", "2023-12-20", None),
])
def test_days_later_counts_from_the_last_full_date(sentence, base, expected):
    assert days_later(sentence, base) == expected
