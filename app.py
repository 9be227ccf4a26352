"""Sahel Influence Tracker: the dashboard. Widgets and layout only; the work is in tracker.query/charts.

    streamlit run app.py                       # data/ (built from seeds/ first when empty)
    streamlit run app.py -- --data /path       # or: TRACKER_DATA=/path streamlit run app.py
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

from tracker import charts, downloads, query
from tracker.errors import DataError, TrackerError

ROOT = Path(__file__).resolve().parent
DEFAULT_DATA = ROOT / "data"
EVENT_PARAM = "event"  # the event whose sources are shown (event_id); not a filter
KEYS = {"years": "f_years", "actors": "f_actors", "blocs": "f_blocs", "types": "f_types", "hosts": "f_hosts",
        "realis": "f_realis", "min_sources": "f_min_sources", "period": "f_period"}
MARKDOWN_SPECIALS = "\\`*_[]<>#|~$:"  # what could turn a quoted path or reason into markup


def plain(text) -> str:
    """Return text with Markdown punctuation escaped, for messages that quote paths or reasons."""
    return "".join("\\" + c if c in MARKDOWN_SPECIALS else c for c in str(text))


# ---------------------------------------------------------------- data (cached in one place)


@st.cache_resource(show_spinner=False, max_entries=3)
def load_dataset(folder: str, version: tuple) -> query.Dataset:
    """Return the opened dataset of a folder (reopened when its files change)."""
    return query.open_dataset(Path(folder))


@st.cache_resource(show_spinner=False)
def load_geography() -> query.Geography:
    """Return the shipped boundaries and points."""
    return query.load_geography()


@st.cache_data(show_spinner=False, max_entries=64)
def cached_view(_ds: query.Dataset, version: tuple, filters: query.Filters) -> query.View:
    """Return the aggregated frames of a view (cached per dataset version and filters)."""
    return query.view(_ds, filters)


@st.cache_data(show_spinner="Recomputing the influence index…", max_entries=16)
def cached_recompute(_ds: query.Dataset, version: tuple, filters: query.Filters, weights: dict) -> dict:
    """Return presence, influence and contributions recomputed for a view and weights."""
    return query.recomputed_influence(_ds, filters, weights)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_contributions(_ds: query.Dataset, version: tuple, host: str, period: str) -> pd.DataFrame:
    """Return the built contributions behind one host and period."""
    return query.contributions_of(_ds, host, period)


def build_from_seeds(folder: Path) -> None:
    """Build the dataset of seeds/ into folder, with a spinner; stop the page with a message on failure."""
    with st.spinner(f"First run: {folder} is empty, building the sample dataset from seeds/ …"):
        try:
            from tracker.pipeline import build

            build(ROOT / "seeds", folder)
        except Exception as exc:  # noqa: BLE001 - any failure is shown as one clear message
            st.error(f"{plain(folder)} is empty and the sample dataset could not be built from seeds/: "
                     f"{plain(type(exc).__name__)}: {plain(exc)}")
            st.stop()
    st.toast(f"Built the sample dataset from seeds/ into {folder}.")


def open_or_stop(folder: Path) -> tuple[query.Dataset, tuple]:
    """Return the dataset and its version, or stop the page with a clear message."""
    if query.is_empty(folder) and (ROOT / "seeds").is_dir():
        build_from_seeds(folder)
    try:
        version = query.dataset_version(folder) if folder.is_dir() else ()
        return load_dataset(str(folder), version), version
    except DataError as exc:
        st.error(f"Cannot open the dataset. {plain(exc.path)}: {plain(exc.reason)}")
        st.info("Build it with `python -m tracker build --input ARTICLES --out FOLDER`, then point the page at "
                "FOLDER with `TRACKER_DATA=FOLDER streamlit run app.py`.")
        st.stop()


# ---------------------------------------------------------------- filters <-> widgets <-> URL


def restore_from_url(options: query.Options) -> None:
    """On a session's first run, put the filters of the query string into the widgets' state."""
    if "restored" in st.session_state:
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params if key != EVENT_PARAM}
    filters, problems = query.filters_from_query(params, options)
    st.session_state["url_event"] = st.query_params.get(EVENT_PARAM)
    st.session_state["restored"] = True
    st.session_state["url_problems"] = problems
    set_widgets(filters, options)


def set_widgets(filters: query.Filters, options: query.Options) -> None:
    """Put filters into the widgets' session state."""
    for name, key in KEYS.items():
        value = getattr(filters, name)
        if name == "years":
            value = value or options.years
        st.session_state[key] = list(value) if isinstance(value, tuple) and name != "years" else value


def reset_filters(options: query.Options) -> None:
    """Callback of the reset button: default filters everywhere."""
    set_widgets(query.default_filters(), options)


def sidebar_filters(options: query.Options, labels: dict[str, str]) -> query.Filters:
    """Return the filters chosen in the sidebar."""
    st.sidebar.header("Filters")
    years = year_slider(options)
    codes = code_filters(options, labels)
    min_sources = st.sidebar.slider("Minimum sources", 1, query.MAX_SOURCES, key=KEYS["min_sources"],
                                    help="Independent outlets reporting the event (10 = ten or more).")
    period = st.sidebar.radio("Trend period", query.PERIODS, key=KEYS["period"], horizontal=True)
    st.sidebar.button("Reset filters", on_click=reset_filters, args=(options,), width="stretch")
    return query.Filters(years=None if tuple(years) == options.years else (int(years[0]), int(years[1])),
                         min_sources=int(min_sources), period=period, **codes)


def year_slider(options: query.Options) -> tuple[int, int]:
    """Return the years chosen on the slider (the only year when the data has one)."""
    lo, hi = options.years
    if hi == lo:
        return lo, hi
    return st.sidebar.slider("Years", lo, hi, key=KEYS["years"],
                             help="Events dated in these years. The full range also keeps undated events.")


def code_filters(options: query.Options, labels: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Return the actors, blocs, types, hosts and realis chosen in the sidebar's multiselects."""
    name = lambda code: labels.get(code, code)  # noqa: E731
    widgets = {
        "actors": ("Actor (either side)", options.actors, name,
                   "States, Wagner / Africa Corps, UN and EU missions, … as actor or target."),
        "blocs": ("Bloc", options.blocs, lambda b: charts.BLOC_NAMES.get(b, b),
                  "The foreign side of the event: the actor's bloc, or the target's when the actor is local "
                  "(Mali expelling France counts as West)."),
        "types": ("Event type", options.types, lambda t: t.replace("_", " "), None),
        "hosts": ("Host country", options.hosts, name,
                  "Where the event takes place. Clicking a country on the map sets it."),
        "realis": ("Realis", options.realis, str, "Asserted = reported as having happened. Announced, denied and "
                   "speculated events are kept for analysts but never count as presence."),
    }
    return {field: tuple(st.sidebar.multiselect(label, values, key=KEYS[field], format_func=fmt, help=help_))
            for field, (label, values, fmt, help_) in widgets.items()}


def sync_url(filters: query.Filters, event_id: str | None = None) -> None:
    """Write the filters (and the event shown) into the query string, so the view can be bookmarked and shared."""
    wanted = query.filters_to_query(filters) | ({EVENT_PARAM: event_id} if event_id else {})
    if wanted != st.query_params.to_dict():
        st.query_params.from_dict(wanted)


def weight_sliders(presence) -> tuple[dict | None, dict | None]:
    """Return (weights chosen, default weights) from the sliders of the weights expander."""
    if presence is None:
        st.sidebar.caption("Influence weights: the presence model is not available; the map uses influence.csv.")
        return None, None
    try:
        defaults = presence.load_weights()
    except TrackerError as exc:
        st.sidebar.warning(f"Influence weights: {plain(exc.path)}: {plain(exc.reason)}")
        return None, None
    chosen = {section: dict(values) for section, values in defaults.items()}
    with st.sidebar.expander("Influence weights"):
        st.caption("Defaults from data/presence/weights.toml. Moving one recomputes the index from the events in view.")
        for section, key in query.MAIN_WEIGHTS:
            low, high = (0.0, 3.0) if section == "presence" else (-3.0, 3.0)
            chosen[section][key] = st.slider(f"{key.replace('_', ' ')} ({section})", low, high,
                                             float(defaults[section][key]), step=0.1, key=f"w_{section}_{key}")
    return chosen, defaults


def on_map_click() -> None:
    """Callback of a click on the map: filter the page to the clicked host country."""
    points = st.session_state.get("map", {}).get("selection", {}).get("points", [])
    host = query.clicked_host(points, st.session_state.get("host_options", ()))
    if host:
        st.session_state[KEYS["hosts"]] = [host]


# ---------------------------------------------------------------- page sections


def influence_tables(ds, version, filters, weights, defaults) -> tuple[pd.DataFrame, pd.DataFrame | None, str]:
    """Return (influence, recomputed contributions or None, note on where the index comes from)."""
    if weights is not None and (ds.influence is None or query.needs_recompute(filters, weights, defaults)):
        n = query.count(ds, query.index_scope(filters))
        if n <= query.RECOMPUTE_LIMIT:
            tables = cached_recompute(ds, version, filters, weights)
            return tables["influence"], tables["contributions"], "recomputed from the events in view"
        st.warning(f"The index is recomputed for views of up to {query.RECOMPUTE_LIMIT:,} asserted events "
                   f"({n:,} here): the map shows the built index. Narrow the filters to recompute it.")
    if ds.influence is not None:
        return ds.influence, None, "influence.csv"
    return None, None, "event counts (no influence table in the data folder)"


def header(ds: query.Dataset, folder: Path, v: query.View) -> None:
    """Show the title, the dataset line and the headline figures of the view."""
    st.title("Sahel Influence Tracker")
    st.caption(f"Russian and Western presence and influence in the Sahel, from news reports. "
               f"Dataset: {plain(folder)} · {ds.n_events:,} events.")
    for problem in st.session_state.get("url_problems", []):
        st.warning(f"Link: {plain(problem)}.")
    for problem in ds.problems:
        st.warning(f"{plain(problem.path)}: {plain(problem.reason)}. The page works without it.")
    blocs = v.by_host.groupby("bloc")["n"].sum()
    cols = st.columns(4)
    cols[0].metric("Events in view", f"{v.total:,}")
    cols[1].metric("Russia side", f"{int(blocs.get('russia', 0)):,}")
    cols[2].metric("West side", f"{int(blocs.get('west', 0)):,}")
    cols[3].metric("Host countries", f"{v.by_host['host'].nunique():,}")


def map_section(frame: pd.DataFrame, v: query.View, geo: query.Geography, filters, years, source) -> None:
    """Show the map and how to read it."""
    st.subheader(f"Russian vs Western influence, {years[0]}–{years[1]}")
    shapes = geo.url if geo.url and st.get_option("server.enableStaticServing") else geo.geojson
    fig = charts.influence_map(frame, shapes, geo.codes, v.flows, geo.points, selected=filters.hosts)
    st.plotly_chart(fig, key="map", on_select=on_map_click, selection_mode="points",
                    config={"scrollZoom": True, "displaylogo": False})
    st.caption(f"Colour: mean yearly influence index, Russia minus West, {years[0]}–{years[1]} ({plain(source)}). "
               "Red = Russia-leaning, blue = West-leaning, white = balanced, grey = no data. Lines: events from "
               "the actor's capital or headquarters to the host, by bloc; thicker = more events. "
               "Click a country to filter the page to it.")


def why_section(ds, version, frame: pd.DataFrame, rows: pd.DataFrame, contributions, years, labels) -> None:
    """Show the 'Why is <country> <year> <colour>?' panel: the events behind one index value."""
    choice = why_choice(frame, years, labels)
    if choice is None:
        return
    host, year = choice
    index_figures(rows, host, year, labels)
    explained = contributions_for(ds, version, host, str(year), contributions)
    explained = explained[explained["bloc"].isin(query.FOREIGN_BLOCS)]
    if explained.empty:
        st.info("No Russian or Western event contributes to this country and year.")
        return
    st.caption("The events behind these values, largest contribution first (reason: the weight that applied):")
    contributions_table(explained.head(50))


def why_choice(frame: pd.DataFrame, years: tuple[int, int], labels) -> tuple[str, int] | None:
    """Return the country and year the panel explains (the selected host by default), or None."""
    hosts = list(frame.sort_values("balance", key=abs, ascending=False)["host"])
    if not hosts:
        return None
    selected = (st.session_state.get(KEYS["hosts"]) or hosts[:1])[0]
    left, right = st.columns(2)
    host = left.selectbox("Country", hosts, index=hosts.index(selected) if selected in hosts else 0,
                          format_func=lambda h: labels.get(h, h), key=f"why_host_{selected}")
    return host, right.selectbox("Year", list(range(years[1], years[0] - 1, -1)), key="why_year")


def index_figures(rows: pd.DataFrame, host: str, year: int, labels) -> None:
    """Show the panel's question and the Russia, West and balance figures of one host and year."""
    here = rows[(rows["host"] == host) & (rows["year"] == year)]
    russia, west = (float(here.loc[here["bloc"] == b, "index"].sum()) for b in ("russia", "west"))
    st.subheader(f"Why is {plain(labels.get(host, host))} {year} {charts.colour_word(russia - west)}?")
    cols = st.columns(3)
    cols[0].metric("Russia index", f"{russia:.2f}")
    cols[1].metric("West index", f"{west:.2f}")
    cols[2].metric("Balance", f"{russia - west:+.2f}", help=charts.balance_word(russia - west))


def contributions_table(explained: pd.DataFrame) -> None:
    """Show the contributions behind a value: bloc, signed effect, event, the weight that applied."""
    table = explained.assign(bloc=explained["bloc"].map(charts.BLOC_NAMES))
    st.dataframe(table[["bloc", "contribution", "label", "reason"]], hide_index=True,
                 height=min(300, 35 * (len(table) + 1) + 3),
                 column_config={"contribution": st.column_config.NumberColumn("effect", format="%+.2f", width="small"),
                                "bloc": st.column_config.TextColumn(width="small"),
                                "label": st.column_config.TextColumn("event", width="large")})


def contributions_for(ds, version, host: str, period: str, contributions) -> pd.DataFrame:
    """Return the contributions behind one value: tracker.presence.explain when it exists, else the table."""
    if contributions is not None:
        return query.contributions_of(ds, host, period, contributions)
    return cached_contributions(ds, version, host, period)


def trends_section(v: query.View, rows_trend: pd.DataFrame, filters, years, labels, reference) -> None:
    """Show the two trend charts."""
    st.subheader("Trends")
    split = st.radio("Colour events by", ("bloc", "event type"), horizontal=True, key="split")
    periods = query.period_labels(years, filters.period)
    st.plotly_chart(charts.events_trend(v.by_period, "bloc" if split == "bloc" else "type", filters.period,
                                        periods=periods), key="trend_events", config={"displaylogo": False})
    if v.unplaced:
        st.caption(f"{v.unplaced:,} events in view are not in this chart (undated, or dated to the year only "
                   f"in the quarterly view).")
    hosts = query.trend_hosts(v, filters, rows_trend)
    st.plotly_chart(charts.influence_trend(rows_trend, hosts, labels, reference, years), key="trend_influence",
                    config={"displaylogo": False})
    st.caption("Bars above the lines and shading: reference periods (known operations and missions, with their "
               "source, from data/presence/reference_periods.csv; hover for details). They are context, never "
               "mixed into the extracted data.")


def evidence_section(ds: query.Dataset, v: query.View, filters: query.Filters) -> str | None:
    """Show the events in view and, for the selected one, its sources; return the shown event's id."""
    st.subheader("Evidence")
    more = f"; the {len(v.evidence):,} best-sourced are listed (the CSV has all)" if v.total > len(v.evidence) else ""
    st.caption(f"{v.total:,} events in view{more}. Select a row to read its sources.")
    rid = evidence_table(v.evidence, filters)
    if rid is not None:
        st.session_state["url_event"] = None  # a click replaces the event of the link
        return event_detail(ds, query.event_row(ds, rid))
    return event_detail(ds, linked_event(ds))


def evidence_table(shown: pd.DataFrame, filters: query.Filters) -> int | None:
    """Show the events table (one row selectable) and return the selected event's rid, if any."""
    table = shown.assign(event=shown["actor"] + " → " + shown["target"],
                         event_type=shown["event_type"].str.replace("_", " "))
    picked = st.dataframe(table[["date", "event", "event_type", "host", "n_sources", "realis"]], hide_index=True,
                          on_select="rerun", selection_mode="single-row", key=f"evidence_{hash(filters)}",
                          height=320, column_config={"n_sources": st.column_config.NumberColumn("sources"),
                                                     "event_type": st.column_config.TextColumn("type"),
                                                     "event": st.column_config.TextColumn("actor → target")})
    rows = picked.selection.rows if picked else []
    return int(shown["rid"].iloc[rows[0]]) if rows else None


def linked_event(ds: query.Dataset) -> dict | None:
    """Return the event the link named (?event=...), warning when the dataset does not have it."""
    wanted = st.session_state.get("url_event")
    row = query.event_by_id(ds, wanted) if wanted else None
    if wanted and row is None:
        st.warning(f"Link: event '{plain(wanted)}' is not in this dataset.")
        st.session_state["url_event"] = None
    return row


def event_detail(ds: query.Dataset, row: dict | None) -> str | None:
    """Show one event: its fields and every mention, as plain text (never HTML or Markdown); return its id."""
    if row is None:
        return None
    st.markdown("**Selected event**")
    st.text(f"{row.get('date') or 'undated'} · {row['actor']} → {row['target']} · {row['event_type']} · "
            f"host {row['host']} · {row['n_sources']} source(s) · {row['realis']} · event {row['event_id']}")
    mentions = query.event_mentions(ds, str(row["event_id"]))
    if mentions.empty:
        st.text(f"Evidence: {row.get('evidence', '')}")
    for m in mentions.head(20).itertuples():
        with st.container(border=True):
            st.text(f"{_text(m.outlet, 'unknown outlet')} · published {_text(m.article_published, '?')} · "
                    f"{_text(m.url, 'no URL')} · article {m.doc}")
            st.text(str(m.sentence))
    return str(row["event_id"])


def _text(value, missing: str) -> str:
    """Return a cell as text, `missing` when it is empty."""
    return missing if value is None or pd.isna(value) or not str(value).strip() else str(value)


def downloads_section(ds, filters, influence_rows, v, labels, presence_rows) -> None:
    """Show the download buttons: events, mentions and aggregates of exactly the view."""
    st.subheader("Downloads")
    st.caption("CSV, UTF-8, safe to open in a spreadsheet (cells starting with = + - @ are neutralised).")
    cols = st.columns(5)
    files = [("Events in view", "events_in_view.csv", lambda: downloads.to_csv(query.events_in_view(ds, filters))),
             ("Their mentions", "mentions_in_view.csv", lambda: downloads.to_csv(query.mentions_in_view(ds, filters))),
             ("Map & trends table", "aggregates_in_view.csv",
              lambda: downloads.to_csv(query.aggregate_table(influence_rows, v, labels))),
             ("Influence (in view)", "influence.csv", lambda: downloads.to_csv(influence_rows)),
             ("Presence (in view)", "presence.csv", lambda: downloads.to_csv(presence_rows))]
    for col, (label, name, make) in zip(cols, files):
        col.download_button(label, data=make, file_name=name, mime="text/csv", on_click="ignore",
                            key=f"dl_{name}", width="stretch")


def reference_periods(presence) -> pd.DataFrame | None:
    """Return the reference periods of the presence model, or None when unavailable."""
    try:
        return presence.load_reference_periods() if presence is not None else None
    except (TrackerError, OSError, ValueError):
        return None


# ---------------------------------------------------------------- the page


def render() -> None:
    """Lay out the page from top to bottom."""
    folder = query.data_folder(sys.argv[1:], os.environ, DEFAULT_DATA)
    ds, version = open_or_stop(folder)
    geo = load_geography()
    labels = query.names(geo)
    st.session_state["host_options"] = ds.options.hosts
    restore_from_url(ds.options)
    filters = sidebar_filters(ds.options, labels)
    presence = query.presence_module()
    weights, defaults = weight_sliders(presence)
    v = cached_view(ds, version, filters)
    header(ds, folder, v)
    if v.total == 0:
        st.info("No events match these filters. Widen the years, lower the minimum sources, add realis values "
                "or clear some filters (the Reset button in the sidebar restores the defaults).")
        return sync_url(filters)
    influence, contributions, source = influence_tables(ds, version, filters, weights, defaults)
    sections(ds, version, geo, labels, filters, v, influence if influence is not None else
             query.counts_as_influence(v), contributions, source, presence)


def sections(ds, version, geo, labels, filters, v, influence, contributions, source, presence) -> None:
    """Lay out the map and its explanation, the trends, the evidence and the downloads of a view."""
    years = filters.years or ds.options.years
    rows = query.influence_rows(influence, filters, years)
    frame = query.map_frame(rows, v, years, labels)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        map_section(frame, v, geo, filters, years, source)
    with right:
        why_section(ds, version, frame, rows, contributions, years, labels)
    rows_trend = query.influence_rows(influence, filters, years, filters.period)
    trends_section(v, rows_trend, filters, years, labels, reference_periods(presence))
    shown_event = evidence_section(ds, v, filters)
    downloads_section(ds, filters, rows_trend, v, labels, query.presence_rows(ds.presence, filters, years))
    sync_url(filters, shown_event)


st.set_page_config(page_title="Sahel Influence Tracker", page_icon="🌍", layout="wide")
try:
    render()
except DataError as exc:
    st.error(f"Data problem. {plain(exc.path)}: {plain(exc.reason)}")
except Exception as exc:  # noqa: BLE001 - the page shows a message, never a traceback
    logging.getLogger("tracker.app").exception("page failed")  # the traceback goes to the server log
    st.error(f"Something went wrong while drawing the page: {plain(type(exc).__name__)}: {plain(exc)}")
