"""tracker.query: opening a data folder, filters and query strings, the frames behind the page."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from synthetic import read_events, reference_events, write_dataset
from tracker import query
from tracker.errors import DataError
from tracker.query import Filters

FILTER_CASES = [
    Filters(),
    Filters(years=(2015, 2020)),
    Filters(actors=("WAGNER", "AFRICA_CORPS")),
    Filters(blocs=("west",)),
    Filters(types=("troop_deployment", "expulsion")),
    Filters(hosts=("MLI", "NER")),
    Filters(realis=("announced", "speculated")),
    Filters(realis=()),
    Filters(min_sources=3),
    Filters(years=(2019, 2024), blocs=("russia",), hosts=("MLI",), min_sources=2),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return write_dataset(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def ds(folder) -> query.Dataset:
    return query.open_dataset(folder)


@pytest.fixture(scope="module")
def events(folder) -> pd.DataFrame:
    return read_events(folder)


# ---------------------------------------------------------------- the data folder


@pytest.mark.parametrize("argv, env, expected", [
    (["--data", "/x/a"], {"TRACKER_DATA": "/x/b"}, "/x/a"),
    (["--data=/x/a"], {}, "/x/a"),
    ([], {"TRACKER_DATA": "/x/b"}, "/x/b"),
    ([], {}, "/default"),
])
def test_data_folder_prefers_argument_then_environment_then_default(argv, env, expected):
    assert query.data_folder(argv, env, Path("/default")) == Path(expected)


def test_a_folder_without_tables_is_empty(tmp_path):
    (tmp_path / "actors").mkdir()
    assert query.is_empty(tmp_path) and query.is_empty(tmp_path / "missing")
    (tmp_path / "mentions.csv").write_text("doc\n")
    assert not query.is_empty(tmp_path)


def test_missing_events_raise_a_data_error_naming_the_file(tmp_path):
    with pytest.raises(DataError) as caught:
        query.open_dataset(tmp_path)
    assert caught.value.path.endswith("events.parquet") and "missing" in caught.value.reason


def test_corrupt_parquet_raises_a_data_error_naming_the_file(tmp_path):
    (tmp_path / "events.parquet").write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(DataError) as caught:
        query.open_dataset(tmp_path)
    assert caught.value.path == str(tmp_path / "events.parquet")


def test_missing_columns_are_named(tmp_path, folder):
    pd.read_csv(folder / "events.csv").drop(columns=["host", "realis"]).to_csv(tmp_path / "events.csv", index=False)
    with pytest.raises(DataError, match="missing column"):
        query.open_dataset(tmp_path)


def test_events_csv_alone_gives_the_same_view_as_parquet(tmp_path, folder, ds):
    shutil.copy(folder / "events.csv", tmp_path / "events.csv")
    from_csv = query.open_dataset(tmp_path)
    f = Filters(years=(2014, 2021), min_sources=2)
    assert query.view(from_csv, f).total == query.view(ds, f).total
    assert set(query.events_in_view(from_csv, f)["event_id"]) == set(query.events_in_view(ds, f)["event_id"])


def test_an_unreadable_optional_table_is_reported_not_fatal(tmp_path, folder):
    shutil.copy(folder / "events.parquet", tmp_path / "events.parquet")
    (tmp_path / "influence.csv").write_text("nothing,useful\n1,2\n")
    opened = query.open_dataset(tmp_path)
    assert opened.influence is None
    assert [p.path for p in opened.problems] == [str(tmp_path / "influence.csv")]


def test_options_list_what_the_data_holds(ds, events):
    assert ds.options.years == (int(events["year"].min()), int(events["year"].max()))
    assert set(ds.options.hosts) == set(events["host"].dropna())
    assert set(ds.options.actors) == set(events["actor"]) | set(events["target"])


# ---------------------------------------------------------------- query strings


def test_query_string_values_become_filters(ds):
    params = {"years": "2015-2020", "actor": "wagner,RUS", "bloc": "russia", "type": "coup",
              "host": ["MLI", "NER"], "realis": "asserted,announced", "min_sources": "2", "period": "quarter"}
    filters, problems = query.filters_from_query(params, ds.options)
    assert problems == []
    assert filters == Filters(years=(2015, 2020), actors=("RUS", "WAGNER"), blocs=("russia",), types=("coup",),
                              hosts=("MLI", "NER"), realis=("asserted", "announced"), min_sources=2, period="quarter")


@pytest.mark.parametrize("params, message", [
    ({"host": "MLI,XYZ"}, "unknown value 'XYZ' for 'host'"),
    ({"bloc": "martians"}, "unknown value 'martians' for 'bloc'"),
    ({"years": "soon"}, "unknown value 'soon' for 'years'"),
    ({"min_sources": "many"}, "unknown value 'many' for 'min_sources'"),
    ({"period": "decade"}, "unknown value 'decade' for 'period'"),
    ({"colour": "red"}, "unknown parameter 'colour'"),
])
def test_unknown_query_string_values_are_reported_and_ignored(ds, params, message):
    filters, problems = query.filters_from_query(params, ds.options)
    assert any(message in p for p in problems)
    assert filters.blocs == () and filters.period == "year"


def test_years_outside_the_data_are_clipped(ds):
    lo, hi = ds.options.years
    filters, problems = query.filters_from_query({"years": f"{lo - 30}-{hi - 1}"}, ds.options)
    assert filters.years == (lo, hi - 1) and problems == []


@pytest.mark.parametrize("filters", FILTER_CASES[1:] + [Filters(period="quarter")])
def test_query_string_round_trips(ds, filters):
    params = query.filters_to_query(filters)
    assert query.filters_from_query(params, ds.options) == (filters, [])


def test_default_filters_give_an_empty_query_string():
    assert query.filters_to_query(Filters()) == {}


def test_quotes_in_values_cannot_break_the_sql():
    assert "'O''Neil'" in query.where_sql(Filters(hosts=("O'Neil",)))


# ---------------------------------------------------------------- the frames of a view


@pytest.mark.parametrize("filters", FILTER_CASES)
def test_view_counts_the_events_the_filters_select(ds, events, filters):
    expected = reference_events(events, filters)
    v = query.view(ds, filters)
    assert v.total == len(expected) == query.count(ds, filters)
    assert v.by_host["n"].sum() == expected["host"].notna().sum()


@pytest.mark.parametrize("filters", FILTER_CASES[:4])
def test_exactly_the_events_in_view_are_exported(ds, events, filters):
    assert set(query.events_in_view(ds, filters)["event_id"]) == set(reference_events(events, filters)["event_id"])


def test_by_period_holds_every_dated_event(ds, events):
    v = query.view(ds, Filters())
    dated = reference_events(events, Filters())["year"].notna().sum()
    assert v.by_period["n"].sum() == dated and v.by_period["n"].sum() + v.unplaced == v.total


def test_quarters_leave_out_events_dated_to_the_year_only(ds, events):
    v = query.view(ds, Filters(period="quarter"))
    assert v.by_period["period"].str.fullmatch(r"\d{4}Q[1-4]").all()
    year_only = reference_events(events, Filters())["date"].fillna("").str.len() < 7
    assert v.unplaced == year_only.sum()


def test_evidence_lists_the_best_sourced_events_first(ds):
    shown = query.view(ds, Filters(realis=())).evidence
    assert len(shown) == min(query.EVIDENCE_LIMIT, ds.n_events)
    assert shown["n_sources"].is_monotonic_decreasing


def test_top_events_are_at_most_three_per_host(ds):
    top = query.view(ds, Filters()).top_events
    assert top.groupby("host").size().max() <= query.TOP_EVENTS
    assert top["label"].str.contains("→").all()


def test_top_events_missing_from_the_evidence_rows_are_fetched(ds):
    where = query.where_sql(Filters())
    totals = query.view(ds, Filters()).by_host.groupby("host")["n"].sum()
    from_few = query.top_events(ds, where, query.evidence(ds, where, limit=5), totals)
    from_all = query.top_events(ds, where, query.evidence(ds, where, limit=10**6), totals)
    key = ["host", "rank"]
    pd.testing.assert_frame_equal(from_few.sort_values(key).reset_index(drop=True),
                                  from_all.sort_values(key).reset_index(drop=True))


def test_mentions_in_view_belong_to_the_events_in_view(ds):
    f = Filters(hosts=("MLI",), min_sources=2)
    mentions = query.mentions_in_view(ds, f)
    assert len(mentions) and set(mentions["event_id"]) <= set(query.events_in_view(ds, f)["event_id"])
    assert {"sentence", "evidence", "outlet", "url"} <= set(mentions.columns)


def test_an_event_row_leads_to_its_mentions_and_articles(ds):
    first = query.view(ds, Filters()).evidence.iloc[0]
    row = query.event_row(ds, int(first["rid"]))
    assert row["n_sources"] == first["n_sources"] and row["host"] == first["host"]
    mentions = query.event_mentions(ds, row["event_id"])
    assert len(mentions) >= 1 and mentions["url"].str.startswith("https://").all()


def test_map_frame_balance_is_russia_minus_west_averaged_over_the_years(ds):
    years = (2016, 2019)
    rows = query.influence_rows(ds.influence, Filters(years=years), years)
    frame = query.map_frame(rows, query.view(ds, Filters(years=years)), years, {}).set_index("host")
    mali = rows[rows["host"] == "MLI"]
    russia = mali.loc[mali["bloc"] == "russia", "index"].sum() / 4
    west = mali.loc[mali["bloc"] == "west", "index"].sum() / 4
    assert frame.loc["MLI", "balance"] == pytest.approx(russia - west, abs=1e-3)


def test_influence_rows_follow_the_period_kind(ds):
    rows = query.influence_rows(ds.influence, Filters(), ds.options.years, "quarter")
    assert len(rows) and (rows["period_kind"] == "quarter").all() and rows["period"].str.contains("Q").all()


def test_influence_rows_fall_back_to_years_when_there_are_no_quarters(ds):
    yearly = ds.influence[ds.influence["period_kind"] == "year"]
    rows = query.influence_rows(yearly, Filters(), ds.options.years, "quarter")
    assert len(rows) and (rows["period_kind"] == "year").all()


def test_the_aggregate_table_has_one_row_per_host_and_period(ds):
    f = Filters(years=(2018, 2020))
    v = query.view(ds, f)
    table = query.aggregate_table(query.influence_rows(ds.influence, f, (2018, 2020)), v, {"MLI": "Mali"})
    assert not table.duplicated(["host", "period"]).any()
    assert table["russia_events"].sum() + table["west_events"].sum() + table["regional_events"].sum() \
        + table["other_events"].sum() == v.by_host.dropna(subset=["period"])["n"].sum()
    assert (table["balance"] == (table["russia_index"] - table["west_index"]).round(4)).all()


def test_trend_hosts_are_the_busiest_hosts_with_an_index(ds):
    v = query.view(ds, Filters())
    rows = query.influence_rows(ds.influence, Filters(), ds.options.years)
    assert query.trend_hosts(v, Filters(), rows, k=3) == list(ds.options.hosts[:3])
    assert query.trend_hosts(v, Filters(), rows[rows["host"] != "MLI"], k=3)[0] != "MLI"
    assert query.trend_hosts(v, Filters(hosts=("SEN", "MLI")), rows) == ["SEN", "MLI"]


@pytest.mark.parametrize("period, expected", [("year", ["2019", "2020"]),
                                              ("quarter", ["2019Q1", "2019Q2", "2019Q3", "2019Q4", "2020Q1"])])
def test_period_labels_cover_every_period_of_the_years(period, expected):
    assert query.period_labels((2019, 2020), period)[:len(expected)] == expected


def test_counts_stand_in_for_a_missing_influence_table(ds):
    stand_in = query.counts_as_influence(query.view(ds, Filters()))
    assert list(stand_in.columns) == list(query.INFLUENCE_COLUMNS) and stand_in["index"].sum() > 0


@pytest.mark.parametrize("points, expected", [
    ([{"location": "MLI", "z": 1.2}], "MLI"),
    ([{"customdata": "NER"}], "NER"),
    ([{"customdata": ["BFA"]}], "BFA"),
    ([{"location": "FRA"}], None),
    ([], None),
])
def test_a_map_click_selects_a_host_country(points, expected):
    assert query.clicked_host(points, ("MLI", "NER", "BFA")) == expected


# ---------------------------------------------------------------- geography


def test_geography_has_shapes_and_a_point_for_every_actor_and_host(ds):
    geo = query.load_geography()
    assert len(geo.codes) == len(set(geo.codes)) > 100
    assert {"MLI", "NER", "BFA", "TCD", "FRA", "RUS"} <= set(geo.codes)
    points = set(geo.points["code"])
    assert set(ds.options.hosts) | set(ds.options.actors) <= points


def test_the_served_copy_of_the_shapes_is_used_only_when_identical(tmp_path):
    assert query.load_geography().url == query.STATIC_URL
    (tmp_path / "countries.geojson").write_text("{}")
    assert query.load_geography(static=tmp_path / "countries.geojson").url is None
