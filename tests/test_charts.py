"""tracker.charts: figures from small frames; the map draws offline (MapLibre, our shapes, no glyphs)."""
from __future__ import annotations

import json

import pandas as pd
import plotly.io as pio
import pytest

from synthetic import write_dataset
from tracker import charts, query
from tracker.query import Filters


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    return query.open_dataset(write_dataset(tmp_path_factory.mktemp("data"), n_events=800))


@pytest.fixture(scope="module")
def geo():
    return query.load_geography()


def page_map(ds, geo, filters=Filters(), shapes=None):
    """Return the map figure the page draws for the filters."""
    years = filters.years or ds.options.years
    v = query.view(ds, filters)
    frame = query.map_frame(query.influence_rows(ds.influence, filters, years), v, years, query.names(geo))
    return charts.influence_map(frame, shapes or geo.url, geo.codes, v.flows, geo.points, selected=filters.hosts)


def test_the_map_uses_maplibre_traces_on_a_style_without_tiles_or_text(ds, geo):
    fig = page_map(ds, geo).to_dict()
    assert {t["type"] for t in fig["data"]} == {"choroplethmap", "scattermap"}
    assert fig["layout"]["map"]["style"] == "white-bg"
    assert not any("text" in t.get("mode", "") for t in fig["data"] if t["type"] == "scattermap")


def test_the_map_colours_every_host_by_balance_with_a_legend_in_words(ds, geo):
    fig = page_map(ds, geo)
    hosts = fig.data[1]
    assert set(hosts.locations) == set(ds.options.hosts)
    assert hosts.zmid == 0 and list(hosts.colorbar.ticktext) == ["West-leaning", "balanced", "Russia-leaning"]
    assert set(fig.data[0].locations).isdisjoint(hosts.locations)  # grey land: every other country


def test_the_map_figure_carries_the_shapes_url_not_the_shapes(ds, geo):
    fig = page_map(ds, geo).to_dict()
    assert {t["geojson"] for t in fig["data"] if t["type"] == "choroplethmap"} == {query.STATIC_URL}
    assert len(pio.to_json(fig, validate=False)) < 60_000


def test_without_static_serving_the_shapes_are_embedded_once(ds, geo):
    fig = page_map(ds, geo, shapes=geo.geojson)
    base, hosts = fig.data[0].geojson["features"], fig.data[1].geojson["features"]
    assert len(base) + len(hosts) == len(geo.codes)


def test_lines_go_from_actor_to_host_by_bloc(ds, geo):
    fig = page_map(ds, geo)
    lines = [t for t in fig.data if t.type == "scattermap" and t.mode == "lines"]
    assert lines and {t.legendgroup for t in lines} <= set(charts.BLOC_COLOURS)
    moscow = geo.points.set_index("code").loc["RUS"]
    russian = [t for t in lines if t.legendgroup == "russia"]
    assert any(moscow["lon"] in t.lon for t in russian)


def test_the_selected_host_is_outlined(ds, geo):
    hosts = page_map(ds, geo, Filters(hosts=("MLI",))).data[1]
    widths = dict(zip(hosts.locations, hosts.marker.line.width))
    assert widths == {"MLI": 2.5}


def test_hover_text_is_escaped(geo):
    frame = pd.DataFrame({"host": ["MLI"], "name": ["<b>Mali</b>"], "russia": [1.0], "west": [0.5], "balance": [0.5],
                          "events": [3], "russia_events": [2], "west_events": [1],
                          "top": [["2022 <script>alert(1)</script> → MLI"]]})
    fig = charts.influence_map(frame, geo.url, geo.codes, pd.DataFrame(columns=["party", "host", "bloc", "n"]),
                               geo.points)
    text = fig.data[1].text[0]
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;Mali" in text


@pytest.mark.parametrize("split", ["bloc", "type"])
def test_events_trend_stacks_every_dated_event(ds, split):
    v = query.view(ds, Filters())
    fig = charts.events_trend(v.by_period, split)
    assert sum(sum(bar.y) for bar in fig.data) == v.by_period["n"].sum()
    assert fig.layout.barmode == "stack"


def test_events_trend_shows_empty_periods_too(ds):
    by_period = pd.DataFrame({"period": ["2019", "2022"], "bloc": ["russia", "west"], "event_type": ["coup"] * 2,
                              "n": [3, 4]})
    fig = charts.events_trend(by_period, periods=query.period_labels((2018, 2023), "year"))
    assert list(fig.data[0].x) == ["2018", "2019", "2020", "2021", "2022", "2023"]


def test_influence_trend_has_one_panel_per_host_and_both_blocs(ds):
    years = ds.options.years
    rows = query.influence_rows(ds.influence, Filters(), years)
    fig = charts.influence_trend(rows, ["MLI", "NER", "BFA", "TCD"], {"MLI": "Mali"}, None, years)
    assert {t.xaxis for t in fig.data} == {"x", "x2", "x3", "x4"}
    assert {t.name for t in fig.data} == {"Russia", "West"}
    assert [a.text for a in fig.layout.annotations][:2] == ["Mali", "NER"]
    assert all(len(t.x) for t in fig.data if t.xaxis == "x")


def test_reference_periods_are_a_shaded_layer_not_data(ds):
    years = ds.options.years
    rows = query.influence_rows(ds.influence, Filters(), years)
    reference = pd.DataFrame({"label": ["Barkhane", "Wagner"], "host": ["MLI", ""], "bloc": ["west", "russia"],
                              "start": ["2014-08-01", "2021-12"], "end": ["2022-08-15", ""], "source": ["w", "w"]})
    fig = charts.influence_trend(rows, ["MLI", "NER"], {}, reference, years)
    assert len(fig.layout.shapes) == 3  # Barkhane on Mali; Wagner (every host) on both
    bars = [t for t in fig.data if t.legendgroup == "reference"]
    assert len(bars) == 3 and "Barkhane" in bars[0].text[0] and [b.showlegend for b in bars] == [True, False, False]
    index_lines = [t for t in fig.data if t.legendgroup != "reference"]
    assert len(index_lines) == 4 and max(bars[0].y) > max(max(t.y) for t in index_lines if t.xaxis == "x")


@pytest.mark.parametrize("balance, word, colour", [(2.0, "Russia-leaning", "red"), (-0.4, "West-leaning", "blue"),
                                                   (0.0, "balanced", "neutral")])
def test_balance_in_words(balance, word, colour):
    assert charts.balance_word(balance) == word and charts.colour_word(balance) == colour


def test_figures_are_json(ds, geo):
    v = query.view(ds, Filters(period="quarter"))
    for fig in (page_map(ds, geo), charts.events_trend(v.by_period, "bloc", "quarter")):
        assert json.loads(pio.to_json(fig, validate=False))["data"]
