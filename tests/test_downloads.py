"""tracker.downloads: CSV that is safe in a spreadsheet (no formula injection) and opens as UTF-8."""
from __future__ import annotations

import pandas as pd
import pytest

from tracker import downloads


@pytest.mark.parametrize("cell", ["=1+1", "+33 6 12", "-2+3", "@SUM(A1:A9)", "\tx", "\rx",
                                  '=HYPERLINK("http://x.invalid","click")'])
def test_cells_a_spreadsheet_would_evaluate_are_neutralised(cell):
    assert downloads.neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Mali", "2022-05-20", "a=b", " =1", "", "RUS → MLI", 3, -2.5, None])
def test_other_cells_are_left_alone(cell):
    assert downloads.neutralise(cell) == cell


def test_csv_is_utf8_with_a_byte_order_mark_and_keeps_non_ascii_text():
    data = downloads.to_csv(pd.DataFrame({"name": ["Côte d'Ivoire", "Россия", "تشاد"]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert list(downloads.read_csv_download(data)["name"]) == ["Côte d'Ivoire", "Россия", "تشاد"]


def test_csv_neutralises_text_but_not_numbers():
    frame = pd.DataFrame({"sentence": ["=cmd|' /C calc'!A0", "fine"], "contribution": [-0.5, 1.25],
                          "n": [1, 2]})
    back = downloads.read_csv_download(downloads.to_csv(frame))
    assert list(back["sentence"]) == ["'=cmd|' /C calc'!A0", "fine"]
    assert list(back["contribution"]) == ["-0.5", "1.25"]


def test_string_dtype_columns_and_missing_values_are_handled():
    frame = pd.DataFrame({"evidence": pd.array(["+1 more", None], dtype="string")})
    back = downloads.read_csv_download(downloads.to_csv(frame))
    assert list(back["evidence"]) == ["'+1 more", ""]


def test_risky_column_names_are_neutralised_too():
    assert downloads.read_csv_download(downloads.to_csv(pd.DataFrame({"=x": [1]}))).columns[0] == "'=x"


def test_multiline_cells_stay_one_record():
    frame = pd.DataFrame({"sentence": ["line one\nline two", "next"]})
    assert len(downloads.read_csv_download(downloads.to_csv(frame))) == 2


def test_neutralising_does_not_change_the_caller_frame():
    frame = pd.DataFrame({"sentence": ["=1"]})
    downloads.to_csv(frame)
    assert frame.loc[0, "sentence"] == "=1"
