"""app.py with Streamlit's AppTest: load, each filter, the query string, the empty and error states, downloads."""
from __future__ import annotations

import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from synthetic import read_events, reference_events, write_dataset
from tracker import downloads, query
from tracker.query import Filters
from tracker.records import EVENT_COLUMNS

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return write_dataset(tmp_path_factory.mktemp("data"), n_events=1500)


@pytest.fixture(scope="module")
def events(folder) -> pd.DataFrame:
    return read_events(folder)


@pytest.fixture
def page(folder, monkeypatch):
    """Return a function that runs the app on the synthetic folder, with an optional query string."""
    monkeypatch.setenv("TRACKER_DATA", str(folder))

    def run(**params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(params)
        return at.run()
    return run


def events_in_view(at: AppTest) -> int:
    """Return the 'Events in view' figure of the page."""
    return int(next(m for m in at.metric if m.label == "Events in view").value.replace(",", ""))


def assert_clean(at: AppTest) -> None:
    """Assert the run raised nothing and shows no error."""
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_the_page_loads_with_map_trends_evidence_and_downloads(page, events):
    at = page()
    assert_clean(at)
    assert at.title[0].value == "Sahel Influence Tracker"
    assert events_in_view(at) == len(reference_events(events, Filters()))
    assert [s.value for s in at.subheader][2:] == ["Trends", "Evidence", "Downloads"]
    assert len(at.get("plotly_chart")) == 3
    assert {b.label for b in at.get("download_button")} >= {"Events in view", "Their mentions", "Map & trends table"}
    assert at.query_params == {} or all(not v for v in at.query_params.values())


@pytest.mark.parametrize("key, value, filters, param", [
    ("f_years", (2016, 2020), Filters(years=(2016, 2020)), {"years": "2016-2020"}),
    ("f_actors", ["WAGNER"], Filters(actors=("WAGNER",)), {"actor": "WAGNER"}),
    ("f_blocs", ["russia"], Filters(blocs=("russia",)), {"bloc": "russia"}),
    ("f_types", ["troop_deployment"], Filters(types=("troop_deployment",)), {"type": "troop_deployment"}),
    ("f_hosts", ["NER"], Filters(hosts=("NER",)), {"host": "NER"}),
    ("f_realis", ["asserted", "announced"], Filters(realis=("asserted", "announced")),
     {"realis": "asserted,announced"}),
    ("f_realis", [], Filters(realis=()), {"realis": "all"}),
    ("f_min_sources", 3, Filters(min_sources=3), {"min_sources": "3"}),
])
def test_each_filter_changes_the_view_and_the_address(page, events, key, value, filters, param):
    at = page()
    widget = next(w for w in at.sidebar if getattr(w, "key", None) == key)
    widget.set_value(value).run()
    assert_clean(at)
    assert events_in_view(at) == len(reference_events(events, filters))
    assert {k: at.query_params[k] for k in param} == param


def test_the_trends_show_the_reference_periods_as_their_own_layer(page):
    at = page()
    spec = at.get("plotly_chart")[2].proto.spec
    assert "reference periods" in spec and "Barkhane" in spec


def test_moving_a_weight_recomputes_the_index(page):
    at = page(host="MLI")
    before = next(m.value for m in at.metric if m.label == "Russia index")
    at.sidebar.slider(key="w_presence_forces").set_value(3.0).run()
    assert_clean(at)
    assert "recomputed from the events in view" in " ".join(c.value for c in at.caption)
    assert next(m.value for m in at.metric if m.label == "Russia index") != before


def test_too_large_a_view_keeps_the_built_index_and_says_so(page, monkeypatch):
    monkeypatch.setattr(query, "RECOMPUTE_LIMIT", 10)
    at = page(actor="WAGNER")
    assert_clean(at)
    assert any("recomputed for views of up to 10 asserted events" in w.value for w in at.warning)


def test_the_trend_period_follows_the_radio(page):
    at = page()
    at.sidebar.radio(key="f_period").set_value("quarter").run()
    assert_clean(at)
    assert at.query_params["period"] == "quarter"
    assert at.get("plotly_chart")[1].proto.spec.count("Q") > 4


def test_the_query_string_is_restored_on_load(page, events):
    at = page(years="2015-2021", host="MLI,BFA", bloc="west", min_sources="2")
    assert_clean(at)
    assert at.sidebar.multiselect(key="f_hosts").value == ["MLI", "BFA"]
    assert at.sidebar.slider(key="f_years").value == (2015, 2021)
    expected = Filters(years=(2015, 2021), hosts=("MLI", "BFA"), blocs=("west",), min_sources=2)
    assert events_in_view(at) == len(reference_events(events, expected))


def test_an_unknown_query_string_value_is_named_in_a_warning_and_ignored(page, events):
    at = page(host="MLI,ATLANTIS", shade="blue", event="0000feedbeef")
    assert_clean(at)
    warnings = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "ATLANTIS" in warnings and "host" in warnings and "shade" in warnings and "0000feedbeef" in warnings
    assert events_in_view(at) == len(reference_events(events, Filters(hosts=("MLI",))))


def test_no_matching_event_gives_a_clear_message(page, events):
    empty = Filters(hosts=("DZA",), types=("coup",), realis=("denied",), min_sources=10)
    assert reference_events(events, empty).empty
    at = page(host="DZA", type="coup", realis="denied", min_sources="10")
    assert_clean(at)
    assert "No events match these filters" in at.info[0].value
    assert events_in_view(at) == 0 and not at.get("plotly_chart")


def page_error(folder: Path, monkeypatch) -> str:
    """Return the error the page shows for a data folder (Markdown escapes removed); fail on a traceback."""
    monkeypatch.setenv("TRACKER_DATA", str(folder))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    return at.error[0].value.replace("\\", "")


def test_a_folder_with_tables_but_no_events_shows_which_file_is_missing(tmp_path, monkeypatch):
    (tmp_path / "mentions.csv").write_text("doc,sentence,event_id\n")
    message = page_error(tmp_path, monkeypatch)
    assert str(tmp_path / "events.parquet") in message and "missing" in message


def test_a_corrupt_events_file_shows_the_file_and_the_reason(tmp_path, monkeypatch):
    (tmp_path / "events.parquet").write_bytes(b"garbage, not parquet")
    message = page_error(tmp_path, monkeypatch)
    assert str(tmp_path / "events.parquet") in message and "cannot be read" in message


def test_an_empty_folder_is_built_from_seeds_first(tmp_path, monkeypatch):
    calls = []

    def build(input_dir, out_dir, progress=False):
        calls.append(Path(input_dir).name)
        write_dataset(Path(out_dir), n_events=300)

    monkeypatch.setitem(sys.modules, "tracker.pipeline", types.SimpleNamespace(build=build))
    monkeypatch.setenv("TRACKER_DATA", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert_clean(at)
    assert calls == ["seeds"] and events_in_view(at) > 0


def test_a_failed_build_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    def build(input_dir, out_dir, progress=False):
        raise RuntimeError("no articles could be read")

    monkeypatch.setitem(sys.modules, "tracker.pipeline", types.SimpleNamespace(build=build))
    message = page_error(tmp_path / "data", monkeypatch)
    assert "could not be built" in message and "no articles could be read" in message


def test_an_event_in_the_address_shows_its_sentences_as_plain_text(page, folder):
    mentions = pd.read_csv(folder / "mentions.csv")
    hostile = mentions[mentions["sentence"].str.contains("<script>", regex=False)].iloc[0]
    events = read_events(folder).set_index("event_id")
    at = page(event=hostile["event_id"], realis="all", years=f"{int(events.loc[hostile['event_id'], 'year'])}")
    assert_clean(at)
    texts = [t.value for t in at.text]
    assert hostile["sentence"] in texts
    assert not any("<script>" in m.value for m in at.markdown)
    assert at.query_params["event"] == hostile["event_id"]


@pytest.fixture
def media(monkeypatch) -> list[MediaFileManager]:
    """Record the media file managers AppTest creates, to read what a download button serves."""
    made: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, storage):
            super().__init__(storage)
            made.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)
    return made


def download(at: AppTest, media: list[MediaFileManager], file_name: str) -> pd.DataFrame:
    """Return the CSV a download button of the page serves, read back as text cells."""
    button = next(b for b in at.get("download_button") if b.key == f"dl_{file_name}")
    manager = media[-1]
    url = manager.execute_deferred(button.proto.deferred_file_id)
    stored = manager.read_file(Path(url).stem)
    assert stored.content.startswith(b"\xef\xbb\xbf")
    return downloads.read_csv_download(stored.content)


def test_the_events_download_is_exactly_the_events_in_view(page, media, events):
    at = page(years="2016-2022", bloc="russia", min_sources="2")
    assert_clean(at)
    got = download(at, media, "events_in_view.csv")
    expected = reference_events(events, Filters(years=(2016, 2022), blocs=("russia",), min_sources=2))
    assert sorted(got["event_id"]) == sorted(expected["event_id"])
    assert list(got.columns) == list(EVENT_COLUMNS)


def test_the_mentions_download_has_the_evidence_and_is_safe_in_a_spreadsheet(page, media, folder):
    at = page(realis="all")
    got = download(at, media, "mentions_in_view.csv")
    assert {"sentence", "evidence", "outlet", "url", "event_id"} <= set(got.columns)
    assert len(got) == len(pd.read_csv(folder / "mentions.csv"))
    risky = got["sentence"].str.match(r"[=+\-@\t\r]")
    assert not risky.any() and got["sentence"].str.startswith("'=HYPERLINK").any()


def test_the_aggregate_download_is_the_table_behind_the_map_and_trends(page, media):
    at = page(years="2018-2020", host="MLI")
    got = download(at, media, "aggregates_in_view.csv")
    assert set(got["host"]) == {"MLI"} and set(got["period"]) == {"2018", "2019", "2020"}
    assert {"balance", "russia_index", "west_index", "russia_events", "west_events"} <= set(got.columns)
