"""Plotly figures of the dashboard, built from small aggregated frames (no Streamlit here).

The map uses MapLibre traces (`Choroplethmap`, `Scattermap`) over our own GeoJSON on plotly's
"white-bg" style (no tiles), so it draws offline; it never has text layers (they would need glyphs
from a font server).
"""
from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

BLOC_COLOURS = {"russia": "#c0392b", "west": "#2166ac", "regional": "#7a7a7a", "other": "#b8860b"}
BLOC_NAMES = {"russia": "Russia", "west": "West", "regional": "Regional", "other": "Other"}
TYPE_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#8c564b")
DIVERGING = [[0.0, "#2166ac"], [0.25, "#92c5de"], [0.5, "#f7f7f7"], [0.75, "#f4a582"], [1.0, "#b2182b"]]
LAND, BORDER = "#dfe3e8", "#ffffff"
# plotly's "white-bg" MapLibre style: a background layer and no source, so nothing is fetched as
# long as no trace draws text (its glyphs would come from a font server). A style given as a dict
# instead breaks the countries' hover in the plotly.js that Streamlit ships.
MAP_STYLE = "white-bg"
MAP_VIEW = {"lon": 10.0, "lat": 31.0, "zoom": 2.1}  # the Sahel with Paris, Brussels and Moscow in view
MAX_FLOWS = 40
FONT = dict(family="Source Sans Pro, sans-serif", size=13)


def balance_word(balance: float) -> str:
    """Return how a balance reads on the map: 'Russia-leaning', 'West-leaning' or 'balanced'."""
    if balance > 0.05:
        return "Russia-leaning"
    return "West-leaning" if balance < -0.05 else "balanced"


def colour_word(balance: float) -> str:
    """Return the colour a balance gets on the map, in words: red, blue or neutral."""
    return {"Russia-leaning": "red", "West-leaning": "blue"}.get(balance_word(balance), "neutral")


def _esc(value) -> str:
    """Return a value as text safe for plotly's hover labels (which read a few HTML tags)."""
    return html.escape(str(value), quote=False)


def _subset(geojson: dict | str, codes, keep: bool) -> dict | str:
    """Return the features whose iso3 is (keep) or is not in codes; a URL is returned as it is."""
    if isinstance(geojson, str):
        return geojson
    codes = set(codes)
    feats = [f for f in geojson["features"] if (f["properties"]["iso3"] in codes) == keep]
    return {"type": "FeatureCollection", "features": feats}


def _base_layer(geojson: dict | str, all_codes: list[str], hosts) -> go.Choroplethmap:
    """Return the grey land of every country without data (not hoverable, not clickable)."""
    hosts = set(hosts)
    rest = _subset(geojson, hosts, keep=False)
    codes = [c for c in all_codes if c not in hosts]
    return go.Choroplethmap(geojson=rest, locations=codes, z=[0] * len(codes), featureidkey="properties.iso3",
                            colorscale=[[0, LAND], [1, LAND]], showscale=False, hoverinfo="skip",
                            marker_line_color=BORDER, marker_line_width=0.6, name="countries", showlegend=False)


def _hover(frame: pd.DataFrame) -> list[str]:
    """Return one hover text per host: name, figures and top events."""
    out = []
    for r in frame.itertuples():
        lines = [f"<b>{_esc(r.name)}</b> ({_esc(r.host)})",
                 f"Russia index {r.russia:.2f} · West index {r.west:.2f}",
                 f"Balance {r.balance:+.2f}: {balance_word(r.balance)}",
                 f"Events in view: {int(r.events)} (Russia {int(r.russia_events)}, West {int(r.west_events)})"]
        lines += [f"• {_esc(t)}" for t in r.top if t]
        out.append("<br>".join(lines))
    return out


def colour_limit(balance: pd.Series) -> float:
    """Return the balance at which the map colour saturates: the 90th percentile of |balance| (at least 0.5)."""
    return max(float(balance.abs().quantile(0.9)), 0.5) if len(balance) else 1.0


def _host_layer(frame: pd.DataFrame, geojson: dict | str, selected: tuple[str, ...]) -> go.Choroplethmap:
    """Return the host countries coloured by balance on a diverging scale with a legend in words."""
    limit = colour_limit(frame["balance"])
    chosen = frame["host"].isin(selected).tolist()
    return go.Choroplethmap(
        geojson=_subset(geojson, frame["host"], keep=True), locations=frame["host"].tolist(),
        z=frame["balance"].tolist(),
        featureidkey="properties.iso3", customdata=frame["host"].tolist(), text=_hover(frame),
        hovertemplate="%{text}<extra></extra>", colorscale=DIVERGING, zmid=0, zmin=-limit, zmax=limit,
        marker_line_color=["#111111" if c else "#ffffff" for c in chosen],
        marker_line_width=[2.5 if c else 0.8 for c in chosen],
        unselected={"marker": {"opacity": 0.85}}, name="balance", showlegend=False,
        colorbar=dict(orientation="h", title=dict(text="Russia − West influence", side="top"),
                      tickvals=[-0.75 * limit, 0, 0.75 * limit],  # inside the bar, so the words are not cut
                      ticktext=["West-leaning", "balanced", "Russia-leaning"],
                      len=0.45, thickness=10, x=0.99, xanchor="right", y=0.02, yanchor="bottom",
                      bgcolor="rgba(255,255,255,0.85)"))


def _flow_points(flows: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """Return the largest flows (party -> host) that have a point at both ends, with coordinates."""
    xy = points.set_index("code")[["lon", "lat"]]
    frame = flows[(flows["party"] != flows["host"]) & flows["party"].isin(xy.index) & flows["host"].isin(xy.index)]
    frame = frame.sort_values("n", ascending=False, kind="stable").head(MAX_FLOWS).copy()
    frame[["lon0", "lat0"]] = xy.loc[frame["party"]].to_numpy()
    frame[["lon1", "lat1"]] = xy.loc[frame["host"]].to_numpy()
    return frame


def _width(n: pd.Series) -> np.ndarray:
    """Return a line width per flow from its event count: 1.2, 2.5 or 4.5 (thirds of the largest)."""
    top = max(float(n.max()), 1.0) if len(n) else 1.0
    return np.select([n >= top * 2 / 3, n >= top / 3], [4.5, 2.5], 1.2)


def _none_gaps(values: np.ndarray) -> list:
    """Return coordinates as a list with None where a line breaks (plotly's gap marker)."""
    return [None if np.isnan(v) else float(v) for v in values]


def _flow_lines(frame: pd.DataFrame) -> list[go.Scattermap]:
    """Return one line trace per bloc and width: party -> host segments separated by gaps."""
    traces, shown = [], set()
    frame = frame.assign(width=_width(frame["n"]))
    for (bloc, width), part in frame.groupby(["bloc", "width"], sort=True):
        gap = np.full(len(part), np.nan)
        traces.append(go.Scattermap(
            lon=_none_gaps(np.column_stack([part["lon0"], part["lon1"], gap]).ravel()),
            lat=_none_gaps(np.column_stack([part["lat0"], part["lat1"], gap]).ravel()), mode="lines",
            hoverinfo="skip",  # the countries under the lines carry the hover (figures, top events)
            legendgroup=bloc, showlegend=bloc not in shown,
            line=dict(width=width, color=BLOC_COLOURS.get(bloc, "#555")), opacity=0.5,
            name=f"{BLOC_NAMES.get(bloc, bloc)}: actor → host"))
        shown.add(bloc)
    return traces


def _origin_text(party: str, part: pd.DataFrame, names: dict[str, str]) -> str:
    """Return the hover of an actor's marker: its events in view and where they took place."""
    part = part.sort_values("n", ascending=False)
    lines = [f"<b>{_esc(names.get(party, party))}</b>: {int(part['n'].sum()):,} events in view (drawn lines)"]
    lines += [f"→ {_esc(names.get(h, h))}: {n:,}" for h, n in zip(part["host"][:8], part["n"][:8])]
    return "<br>".join(lines)


def _origins(frame: pd.DataFrame, names: dict[str, str]) -> go.Scattermap:
    """Return a marker at each actor's capital or headquarters, sized by its events, with where they went."""
    groups = list(frame.groupby(["party", "bloc", "lon0", "lat0"], sort=True))
    totals = np.array([float(part["n"].sum()) for _, part in groups])
    size = (6 + 10 * np.sqrt(totals / max(totals.max(), 1.0))).tolist() if len(groups) else []
    return go.Scattermap(lon=[k[2] for k, _ in groups], lat=[k[3] for k, _ in groups], mode="markers",
                         text=[_origin_text(k[0], part, names) for k, part in groups], showlegend=False,
                         marker=dict(size=size, color=[BLOC_COLOURS.get(k[1], "#555") for k, _ in groups]),
                         hovertemplate="%{text}<extra></extra>", name="actors")


def influence_map(frame: pd.DataFrame, geojson: dict | str, codes: list[str], flows: pd.DataFrame,
                  points: pd.DataFrame, selected: tuple[str, ...] = (), height: int = 560) -> go.Figure:
    """Return the map: hosts coloured by Russia − West balance, lines from actor to host by bloc.

    `geojson` is the FeatureCollection of the shapes (iso3 in properties) or the URL the app serves
    it at (the figure then stays small); `codes` are its iso3 codes. `frame` has one row per host:
    host, name, russia, west, balance, events, russia_events, west_events, top (event labels);
    `flows` has party, host, bloc, n.
    """
    names = dict(zip(points["code"], points["name"]))
    placed = _flow_points(flows, points)
    traces = [_base_layer(geojson, codes, frame["host"]), _host_layer(frame, geojson, selected)]
    traces += _flow_lines(placed) + [_origins(placed, names)]
    return go.Figure(traces, layout=dict(
        map=dict(style=MAP_STYLE, center=dict(lon=MAP_VIEW["lon"], lat=MAP_VIEW["lat"]), zoom=MAP_VIEW["zoom"]),
        height=height, margin=dict(l=0, r=0, t=0, b=0), uirevision="map", clickmode="event+select",
        legend=dict(orientation="v", x=0.01, y=0.99, xanchor="left", yanchor="top", title_text="Events",
                    bgcolor="rgba(255,255,255,0.85)"), font=FONT))


def _period_axis(periods: pd.Series) -> pd.Series:
    """Return a period label ('2022' or '2022Q2') as a decimal year: 2022.0 or 2022.25 (quarter start)."""
    text = periods.astype(str)
    year = pd.to_numeric(text.str.slice(0, 4), errors="coerce")
    quarter = pd.to_numeric(text.str.extract(r"Q(\d)")[0], errors="coerce").fillna(1)
    return year + (quarter - 1) / 4


def events_trend(by_period: pd.DataFrame, split: str = "bloc", period: str = "year", height: int = 300,
                 periods: list[str] | None = None) -> go.Figure:
    """Return stacked bars of events per period, coloured by bloc or by event type (every period of
    `periods` on the axis, empty ones too)."""
    column = "bloc" if split == "bloc" else "event_type"
    table = by_period.groupby(["period", column])["n"].sum().unstack(column, fill_value=0).sort_index()
    if periods:
        table = table.reindex(sorted(set(periods) | set(table.index)), fill_value=0)
    return go.Figure(_bars(table, column), layout=dict(
        barmode="stack", height=height, margin=dict(l=10, r=10, t=30, b=10), font=FONT,
        legend=dict(orientation="h", y=-0.15), title=dict(text=f"Events per {period}", x=0, font_size=15),
        xaxis=dict(type="category", title=None), yaxis=dict(title="events")))


def _bars(table: pd.DataFrame, column: str) -> list[go.Bar]:
    """Return one bar trace per column of a period x (bloc or type) table, in the page's colours."""
    keys = [k for k in BLOC_NAMES if k in table.columns] if column == "bloc" else sorted(table.columns)
    bars = []
    for i, key in enumerate(keys):
        colour = BLOC_COLOURS.get(key) if column == "bloc" else TYPE_COLOURS[i % len(TYPE_COLOURS)]
        label = BLOC_NAMES.get(key, key) if column == "bloc" else str(key).replace("_", " ")
        bars.append(go.Bar(x=list(table.index), y=table[key].tolist(), name=label, marker_color=colour,
                           hovertemplate=f"{_esc(label)}<br>%{{x}}: %{{y}} events<extra></extra>"))
    return bars


def _grid(n: int) -> tuple[int, int]:
    """Return (rows, cols) for n small multiples: up to 3 per row."""
    cols = min(3, max(n, 1))
    return (max(n, 1) + cols - 1) // cols, cols


def _grid_layout(titles: list[str], span: tuple[int, int], gap_x: float = 0.05, gap_y: float = 0.16) -> dict:
    """Return layout axes (x, x2, ...; y, y2, ...) and title annotations of a grid of small multiples.

    Every x axis gets the same explicit range (not `matches`: with it plotly.js stops autoscaling y)."""
    rows, cols = _grid(len(titles))
    width, height = (1 - gap_x * (cols - 1)) / cols, (1 - gap_y * (rows - 1)) / rows
    years = span[1] - span[0]
    x_axis = dict(tickformat="d", range=[span[0] - 0.5, span[1] + 0.5],
                  dtick=1 if years <= 6 else 2 if years <= 12 else 4)
    layout: dict = {"annotations": []}
    for i, title in enumerate(titles):
        row, col, n = i // cols, i % cols, "" if i == 0 else str(i + 1)
        x0, y1 = col * (width + gap_x), 1 - row * (height + gap_y)
        layout[f"xaxis{n}"] = dict(x_axis, domain=[x0, x0 + width], anchor=f"y{n}")
        layout[f"yaxis{n}"] = dict(domain=[y1 - height, y1], anchor=f"x{n}", rangemode="tozero")
        layout["annotations"].append(dict(text=title, x=x0 + width / 2, y=y1, xref="paper", yref="paper",
                                          xanchor="center", yanchor="bottom", showarrow=False, font_size=13))
    return layout


def _index_lines(parts: dict, host: str, axis: str, first: bool) -> list[go.Scatter]:
    """Return the Russia and West index lines of one host on one subplot (parts: (host, bloc) -> rows)."""
    lines = []
    empty = pd.DataFrame({"x": [], "index": [], "period": []})
    for bloc in ("russia", "west"):
        part = parts.get((host, bloc), empty)
        lines.append(go.Scatter(x=part["x"].tolist(), y=part["index"].tolist(), mode="lines+markers",
                                xaxis=f"x{axis}", yaxis=f"y{axis}", line=dict(color=BLOC_COLOURS[bloc], width=2),
                                marker_size=4, name=BLOC_NAMES[bloc], legendgroup=bloc, showlegend=first,
                                customdata=part["period"].tolist(),
                                hovertemplate=f"{BLOC_NAMES[bloc]} %{{customdata}}: %{{y:.2f}}<extra></extra>"))
    return lines


def influence_trend(trend: pd.DataFrame, hosts: list[str], names: dict[str, str],
                    reference: pd.DataFrame | None = None, years: tuple[int, int] | None = None,
                    height_per_row: int = 210) -> go.Figure:
    """Return small multiples per host: Russia and West influence index over time, with reference periods.

    `trend` has host, period, bloc, index; `reference` (optional: tracker.presence.load_reference_periods)
    has label, host ('' for every host), bloc, start, end ('' while open).
    """
    titles = [_esc(names.get(h, h)) for h in hosts] or ["no host in view"]
    data = trend[trend["bloc"].isin(("russia", "west")) & trend["host"].isin(hosts)]
    data = data.assign(x=_period_axis(data["period"])).sort_values("x")
    traces, shapes = _panels(data, hosts, reference, years)
    layout = _grid_layout(titles, years or _span(data["x"]))
    layout.update(height=max(280, _grid(len(titles))[0] * height_per_row + 90), margin=dict(l=10, r=10, t=90, b=10),
                  title=dict(text="Influence index per host, Russia vs West", x=0, font_size=15), font=FONT,
                  legend=dict(orientation="h", x=1, y=0.985, xanchor="right", yanchor="top", yref="container"),
                  shapes=shapes)
    return go.Figure(traces, layout=layout)


def _panels(data: pd.DataFrame, hosts: list[str], reference, years) -> tuple[list[go.Scatter], list[dict]]:
    """Return the traces (index lines, reference bars) and shaded spans of every host's panel."""
    parts = {key: part for key, part in data.groupby(["host", "bloc"], sort=False)}
    traces, shapes, legend = [], [], True
    for i, host in enumerate(hosts):
        axis = "" if i == 0 else str(i + 1)
        top = max([float(p["index"].max()) for k, p in parts.items() if k[0] == host and len(p)] + [1.0])
        spans, bars = _reference_layer(reference, host, axis, years, top, legend)
        traces += _index_lines(parts, host, axis, i == 0) + bars
        shapes, legend = shapes + spans, legend and not bars
    return traces, shapes


def _span(x: pd.Series) -> tuple[int, int]:
    """Return the first and last year of decimal years (the current decade when empty)."""
    return (int(x.min()), int(x.max())) if len(x) else (2015, 2025)


def _decimal_year(date) -> float | None:
    """Return 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as a decimal year, None when empty."""
    if date is None or pd.isna(date) or not str(date).strip():
        return None
    parts = [int(p) for p in str(date).split("-")[:3] if p.isdigit()]
    if not parts:
        return None
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return parts[0] + (month - 1) / 12 + (day - 1) / 365


def _reference_layer(reference: pd.DataFrame | None, host: str, axis: str, years: tuple[int, int] | None,
                     top: float, legend: bool) -> tuple[list[dict], list[go.Scatter]]:
    """Return the reference periods of one host: a light shaded span and a bar above the lines (hover: label)."""
    if reference is None or reference.empty:
        return [], []
    hosts = reference["host"].fillna("")
    shapes, bars = [], []
    for r in reference[(hosts == "") | (hosts == host)].itertuples():
        start, end = _decimal_year(r.start), _decimal_year(r.end) or float((years or (2025, 2025))[1] + 1)
        if start is None or (years and (end < years[0] or start > years[1] + 1)):
            continue
        start = max(start, years[0] - 0.5) if years else start
        shapes.append(dict(type="rect", xref=f"x{axis}", yref=f"y{axis} domain", x0=start, x1=end, y0=0, y1=1,
                           fillcolor=BLOC_COLOURS.get(r.bloc, "#999999"), opacity=0.06, line_width=0, layer="below"))
        bars.append(_reference_bar(r, start, end, axis, top * (1.1 + 0.09 * len(bars)), legend and not bars))
    return shapes, bars


def _reference_bar(r, start: float, end: float, axis: str, level: float, legend: bool) -> go.Scatter:
    """Return one reference period as a thick bar at `level`, its label, dates and source in the hover."""
    text = f"{_esc(r.label)}<br>{_esc(r.start)} – {_esc(r.end) or 'ongoing'}<br>{_esc(r.source)}"
    return go.Scatter(x=[start, end], y=[level, level], mode="lines", xaxis=f"x{axis}", yaxis=f"y{axis}",
                      line=dict(color=BLOC_COLOURS.get(r.bloc, "#999999"), width=5), opacity=0.55,
                      text=[text, text], hovertemplate="%{text}<extra>reference</extra>", name="reference periods",
                      legendgroup="reference", showlegend=legend)
