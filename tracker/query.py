"""The dashboard's data access: filters -> SQL over the built dataset -> small aggregated frames.

`open_dataset(folder)` loads the events into an in-memory DuckDB table of compact columns
(ENUM codes, small integers), sorted by sources then date, so a filter change is a few scans
of a few bytes per event whatever the dataset's size; the full rows stay in Parquet/CSV and
are read only for the selected event and the downloads. Everything else here is a pure
function of a `Dataset` and a `Filters`.
"""
from __future__ import annotations

import json
from functools import lru_cache
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

import duckdb
import pandas as pd

from tracker.errors import DataError
from tracker.records import BLOCS, EVENT_TYPES, INFLUENCE_COLUMNS, REALIS

ROOT = Path(__file__).resolve().parent.parent
BOUNDARIES = ROOT / "data" / "boundaries"
ORGANISATIONS = ROOT / "data" / "actors" / "organisations.csv"
FOREIGN_BLOCS = ("russia", "west")
EVENT_REQUIRED = ("event_id", "actor", "target", "event_type", "date", "year", "host", "realis",
                  "actor_bloc", "target_bloc", "n_sources")
INFLUENCE_REQUIRED = ("host", "period", "year", "bloc", "index")
MENTION_REQUIRED = ("doc", "sentence", "event_id")
EVIDENCE_LIMIT = 1000
TOP_EVENTS = 3
MAX_SOURCES = 10  # the slider's top: "10" means 10 or more
QUIET = "SET enable_progress_bar = false"  # per connection: DuckDB would draw a bar on stdout


@dataclass(frozen=True)
class Filters:
    """What the page shows: every field is one widget and one query-string parameter."""

    years: tuple[int, int] | None = None   # inclusive; None = all years, undated events included
    actors: tuple[str, ...] = ()            # actor or target code; () = all
    blocs: tuple[str, ...] = ()             # the event's foreign side (see `bloc` in open_dataset)
    types: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    realis: tuple[str, ...] = ("asserted",)
    min_sources: int = 1
    period: str = "year"                    # granularity of the trend charts: year or quarter


@dataclass(frozen=True)
class Options:
    """The values the dataset offers, for widgets and for checking a query string."""

    years: tuple[int, int]
    actors: tuple[str, ...]
    hosts: tuple[str, ...]
    types: tuple[str, ...] = EVENT_TYPES
    blocs: tuple[str, ...] = BLOCS
    realis: tuple[str, ...] = REALIS


@dataclass
class Dataset:
    """An opened dataset: a DuckDB connection with table `ev` and views, plus the small tables."""

    folder: Path
    con: duckdb.DuckDBPyConnection
    options: Options
    n_events: int
    influence: pd.DataFrame | None = None
    presence: pd.DataFrame | None = None
    problems: list[DataError] = field(default_factory=list)
    has_mentions: bool = False

    def sql(self, query: str, params: list | None = None) -> pd.DataFrame:
        """Return the result of a query as a DataFrame (thread-safe: one cursor per call)."""
        with self.con.cursor() as cur:
            cur.execute(QUIET)
            return cur.execute(query, params or []).df()


# ---------------------------------------------------------------- data folder and opening


def data_folder(argv: list[str], env: Mapping[str, str], default: Path = ROOT / "data") -> Path:
    """Return the data folder: `--data PATH` in argv, else $TRACKER_DATA, else `default`."""
    for i, arg in enumerate(argv):
        if arg == "--data" and i + 1 < len(argv):
            return Path(argv[i + 1]).expanduser()
        if arg.startswith("--data="):
            return Path(arg.split("=", 1)[1]).expanduser()
    return Path(env["TRACKER_DATA"]).expanduser() if env.get("TRACKER_DATA") else default


def events_source(folder: Path) -> Path | None:
    """Return the events file of a data folder (Parquet preferred), or None when there is none."""
    for name in ("events.parquet", "events.csv"):
        if (folder / name).is_file():
            return folder / name
    return None


def is_empty(folder: Path) -> bool:
    """Return True when a data folder is missing or holds no table yet (sub-folders do not count)."""
    return not folder.is_dir() or not any(folder.glob("*.csv")) and not any(folder.glob("*.parquet"))


def dataset_version(folder: Path) -> tuple:
    """Return the folder and the names, sizes and times of its tables (changes when it is rebuilt)."""
    files = sorted(folder.glob("*.csv")) + sorted(folder.glob("*.parquet"))
    return (str(folder.resolve()),) + tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def _reader(path: Path) -> str:
    """Return the DuckDB table function reading a CSV or Parquet file, every column as text for CSV."""
    literal = _quote(str(path))
    if path.suffix == ".parquet":
        return f"read_parquet({literal}, file_row_number=true)"
    return f"read_csv({literal}, header=true, all_varchar=true, strict_mode=false)"


def _columns(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """Return the column names of a table file, or raise DataError when it cannot be read."""
    try:
        return [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {_reader(path)}").fetchall()]
    except duckdb.Error as exc:
        raise DataError(str(path), f"cannot be read ({_first_line(exc)})") from exc


def _require(path: Path, columns: list[str], required: tuple[str, ...]) -> None:
    """Raise DataError naming the missing columns, if any."""
    missing = [c for c in required if c not in columns]
    if missing:
        raise DataError(str(path), f"missing column(s): {', '.join(missing)}")


def _first_line(exc: Exception) -> str:
    """Return the first line of an exception's message (DuckDB appends SQL context below)."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def open_dataset(folder: Path) -> Dataset:
    """Return the opened dataset of a folder; DataError when the events are missing or corrupt."""
    folder = Path(folder)
    source = events_source(folder)
    if source is None:
        raise DataError(str(folder / "events.parquet"), "missing: build the dataset with `python -m tracker build`")
    con = duckdb.connect(":memory:")
    con.execute(QUIET)
    _require(source, _columns(con, source), EVENT_REQUIRED)
    _create_events(con, source)
    ds = Dataset(folder=folder, con=con, options=_options(con), n_events=_count(con))
    _attach_optional(ds)
    return ds


def _count(con: duckdb.DuckDBPyConnection) -> int:
    """Return the number of events in table ev."""
    return int(con.execute("SELECT count(*) FROM ev").fetchone()[0])


def _create_events(con: duckdb.DuckDBPyConnection, source: Path) -> None:
    """Create view `src` (full rows, with `rid`) and the compact, sorted table `ev`."""
    columns = ("* EXCLUDE (file_row_number), CAST(file_row_number AS UBIGINT) AS rid" if source.suffix == ".parquet"
               else "*, CAST(row_number() OVER () - 1 AS UBIGINT) AS rid")
    try:
        con.execute(f"CREATE VIEW src AS SELECT {columns} FROM {_reader(source)}")
        _create_enums(con)
        con.execute(EV_TABLE_SQL)
        for kind, columns in CUBES.items():
            con.execute(CUBE_SQL.format(kind=kind, columns=columns, top=MAX_SOURCES))
    except duckdb.Error as exc:
        raise DataError(str(source), f"cannot be read ({_first_line(exc)})") from exc


def _create_enums(con: duckdb.DuckDBPyConnection) -> None:
    """Create ENUM types for the code columns, from the values present plus the documented ones."""
    found = con.execute("SELECT list(DISTINCT c) FILTER (c IS NOT NULL) FROM (SELECT unnest([actor, target, host, "
                        "event_type, realis, actor_bloc, target_bloc]::VARCHAR[]) AS c FROM src)").fetchone()[0] or []
    values = sorted(set(found) | set(EVENT_TYPES) | set(REALIS) | set(BLOCS))
    con.execute(f"CREATE TYPE code AS ENUM ({', '.join(_quote(v) for v in values)})")


EV_TABLE_SQL = """
CREATE TABLE ev AS
WITH raw AS (
  SELECT rid, CAST(actor AS VARCHAR) AS actor, CAST(target AS VARCHAR) AS target,
    CAST(host AS VARCHAR) AS host, CAST(event_type AS VARCHAR) AS event_type,
    CAST(realis AS VARCHAR) AS realis, CAST(actor_bloc AS VARCHAR) AS actor_bloc,
    CAST(target_bloc AS VARCHAR) AS target_bloc, CAST(date AS VARCHAR) AS date,
    TRY_CAST(year AS INTEGER) AS year, TRY_CAST(n_sources AS INTEGER) AS n_sources
  FROM src),
dated AS (
  SELECT *, TRY_CAST(CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01'
                     ELSE date END AS DATE) AS day FROM raw)
SELECT CAST(rid AS UINTEGER) AS rid,
  CAST(coalesce(year, year(day)) AS SMALLINT) AS year,
  CAST(CASE WHEN length(date) >= 7 THEN quarter(day) END AS TINYINT) AS quarter,
  day, CAST(CASE WHEN day IS NULL THEN 0 WHEN length(date) = 4 THEN 1 WHEN length(date) = 7 THEN 2
                 ELSE 3 END AS TINYINT) AS precision,
  actor::code AS actor, target::code AS target, host::code AS host, event_type::code AS event_type,
  realis::code AS realis,
  (CASE WHEN actor_bloc IN ('russia', 'west') THEN actor_bloc
        WHEN target_bloc IN ('russia', 'west') THEN target_bloc
        ELSE coalesce(actor_bloc, 'other') END)::code AS bloc,
  (CASE WHEN actor = host AND target IS DISTINCT FROM host THEN target ELSE actor END)::code AS party,
  CAST(least(greatest(coalesce(n_sources, 1), 0), 32000) AS SMALLINT) AS n_sources
FROM dated
ORDER BY n_sources DESC, day DESC NULLS LAST, rid
"""


# Counts by every column a filter or a chart uses: what the charts need is a sum over a few
# hundred thousand rows however many millions of events there are. n_sources is capped at the
# slider's top so `n_sources >= k` keeps its meaning.
CUBE_SQL = """
CREATE TABLE cube_{kind} AS
SELECT {columns}, actor, target, event_type, host, realis, bloc, party,
       CAST(least(n_sources, {top}) AS SMALLINT) AS n_sources, count(*) AS n
FROM ev GROUP BY ALL
"""
CUBES = {"year": "year", "quarter": "year, quarter"}  # the yearly one is half the size or less


def _options(con: duckdb.DuckDBPyConnection) -> Options:
    """Return the years, actors and hosts present in table ev (codes by decreasing frequency)."""
    lo, hi = con.execute("SELECT min(year), max(year) FROM ev").fetchone()
    actors = con.execute("SELECT c FROM (SELECT unnest([actor, target]) AS c FROM ev) WHERE c IS NOT NULL "
                         "GROUP BY c ORDER BY count(*) DESC, c").fetchall()
    hosts = con.execute("SELECT host FROM ev WHERE host IS NOT NULL GROUP BY host "
                        "ORDER BY count(*) DESC, host").fetchall()
    years = (int(lo), int(hi)) if lo is not None else (2000, 2000)
    return Options(years=years, actors=tuple(str(r[0]) for r in actors), hosts=tuple(str(r[0]) for r in hosts))


def _attach_optional(ds: Dataset) -> None:
    """Attach influence, presence, mentions and articles when present; record why when not usable."""
    ds.influence = _optional_frame(ds, "influence.csv", INFLUENCE_REQUIRED, _read_influence)
    ds.presence = _optional_frame(ds, "presence.csv", ("actor", "host", "start"), pd.read_csv)
    ds.has_mentions = _attach_view(ds, "mentions", MENTION_REQUIRED)
    if not _attach_view(ds, "articles", ("doc",)):
        ds.con.execute("CREATE VIEW articles AS SELECT NULL::VARCHAR AS doc, NULL::VARCHAR AS outlet, "
                       "NULL::VARCHAR AS url, NULL::VARCHAR AS published WHERE false")
    _attach_view(ds, "contributions", ("host", "period", "bloc", "event_id", "contribution"))


def _optional_frame(ds: Dataset, name: str, required: tuple[str, ...], reader) -> pd.DataFrame | None:
    """Return a small optional table read with `reader`, or None (with the problem recorded)."""
    path = ds.folder / name
    if not path.is_file():
        return None
    try:
        frame = reader(path)
        _require(path, list(frame.columns), required)
        return frame
    except DataError as exc:
        ds.problems.append(exc)
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        ds.problems.append(DataError(str(path), f"cannot be read ({_first_line(exc)})"))
    return None


def _read_influence(path: Path) -> pd.DataFrame:
    """Return influence.csv with typed columns (host and bloc as text, numbers as floats)."""
    frame = pd.read_csv(path, dtype={"host": "string", "period": "string", "bloc": "string"})
    _require(path, list(frame.columns), INFLUENCE_REQUIRED)
    for column in ("presence", "diplomacy", "index", "n_events"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0.0) if column in frame else 0.0
    frame["year"] = pd.to_numeric(frame["year"], errors="coerce").astype("Int64")
    frame["period_kind"] = frame["period_kind"] if "period_kind" in frame else "year"
    return frame[list(INFLUENCE_COLUMNS)].dropna(subset=["year"])


def _attach_view(ds: Dataset, name: str, required: tuple[str, ...]) -> bool:
    """Create a view over `<name>.csv` when it exists and has the columns; False otherwise."""
    path = ds.folder / f"{name}.csv"
    if not path.is_file():
        return False
    try:
        _require(path, _columns(ds.con, path), required)
    except DataError as exc:
        ds.problems.append(exc)
        return False
    ds.con.execute(f"CREATE VIEW {name} AS SELECT * FROM {_reader(path)}")
    return True


# ---------------------------------------------------------------- filters and query strings

PARAMS = {"years": "years", "actor": "actors", "bloc": "blocs", "type": "types", "host": "hosts",
          "realis": "realis", "min_sources": "min_sources", "period": "period"}
PERIODS = ("year", "quarter")
ALL = "all"  # a list parameter's explicit "no restriction" (realis=all: every realis)


def default_filters() -> Filters:
    """Return the filters of a fresh page: everything, asserted events only, yearly charts."""
    return Filters()


def filters_from_query(params: Mapping[str, str | list[str]], options: Options) -> tuple[Filters, list[str]]:
    """Return the filters a query string asks for, and one message per value that was ignored."""
    values: dict = {}
    problems: list[str] = []
    for key, raw in params.items():
        if key not in PARAMS:
            problems.append(f"unknown parameter '{key}' ignored")
            continue
        parsed, bad = _parse_param(key, _split(raw), options)
        problems += [f"unknown value '{v}' for '{key}' ignored" for v in bad]
        if parsed is not None:
            values[PARAMS[key]] = parsed
    return replace(default_filters(), **values), problems


def _split(raw: str | list[str]) -> list[str]:
    """Return the comma-separated values of a parameter (repeated parameters are joined)."""
    items = raw if isinstance(raw, list) else [raw]
    return [v.strip() for item in items for v in str(item).split(",") if v.strip()]


def _parse_param(key: str, values: list[str], options: Options):
    """Return (parsed value or None to keep the default, rejected raw values) for one parameter."""
    if key == "years":
        return _parse_years(values, options.years)
    if key == "min_sources":
        return _parse_int(values, 1, MAX_SOURCES)
    if key == "period":
        return (values[0], []) if values and values[0] in PERIODS else (None, values)
    if values == [ALL]:
        return (), []
    allowed = {"actor": options.actors, "bloc": options.blocs, "type": options.types,
               "host": options.hosts, "realis": options.realis}[key]
    wanted = {v.upper() if key in ("actor", "host") else v.lower() for v in values}
    good = tuple(v for v in allowed if v in wanted)
    return (good or None), [v for v in values if (v.upper() if key in ("actor", "host") else v.lower()) not in allowed]


def _parse_years(values: list[str], bounds: tuple[int, int]):
    """Return ((lo, hi) clipped to the data's years, or None for all, rejected values) from '2015-2020'."""
    text = "-".join(values)
    parts = text.split("-")
    if len(parts) not in (1, 2) or not all(p.isdigit() for p in parts):
        return None, [text]
    lo, hi = int(parts[0]), int(parts[-1])
    lo, hi = max(min(lo, hi), bounds[0]), min(max(lo, hi), bounds[1])
    if lo > hi:
        return None, [text]
    return (None if (lo, hi) == bounds else (lo, hi)), []


def _parse_int(values: list[str], lo: int, hi: int):
    """Return (integer clipped to [lo, hi], rejected values) from a one-value parameter."""
    if len(values) != 1 or not values[0].isdigit():
        return None, values
    return min(max(int(values[0]), lo), hi), []


def filters_to_query(filters: Filters) -> dict[str, str]:
    """Return the query-string parameters of the filters that differ from the defaults."""
    default = default_filters()
    out: dict[str, str] = {}
    for key, name in PARAMS.items():
        value = getattr(filters, name)
        if value == getattr(default, name):
            continue
        if name == "years":
            out[key] = "" if value is None else f"{value[0]}-{value[1]}"
        elif isinstance(value, tuple):
            out[key] = ",".join(value) or ALL  # only realis has a default other than "all"
        else:
            out[key] = str(value)
    return {k: v for k, v in out.items() if v}


def where_sql(filters: Filters) -> str:
    """Return the SQL condition on table `ev` selecting the events of the filters."""
    terms = ["true"]
    if filters.years is not None:
        terms.append(f"year BETWEEN {int(filters.years[0])} AND {int(filters.years[1])}")
    if filters.actors:
        codes = _in_list(filters.actors)
        terms.append(f"(actor IN {codes} OR target IN {codes})")
    for column, values in (("bloc", filters.blocs), ("event_type", filters.types),
                           ("host", filters.hosts), ("realis", filters.realis)):
        if values:
            terms.append(f"{column} IN {_in_list(values)}")
    if filters.min_sources > 1:
        terms.append(f"n_sources >= {int(filters.min_sources)}")
    return " AND ".join(terms)


def _in_list(values: tuple[str, ...]) -> str:
    """Return an SQL list of string literals."""
    return "(" + ", ".join(_quote(v) for v in values) + ")"


def _quote(value: str) -> str:
    """Return a value as an SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


# ---------------------------------------------------------------- aggregated frames of a view


@dataclass
class View:
    """The small frames behind one page: counts by period, by host, flows, top events, evidence."""

    total: int
    by_period: pd.DataFrame      # period, bloc, event_type, n  (dated events only)
    by_host: pd.DataFrame        # period, host, bloc, n (period empty for undated events)
    flows: pd.DataFrame          # party, host, bloc, n
    top_events: pd.DataFrame     # host, rank, label
    evidence: pd.DataFrame       # rid, date, actor, target, event_type, host, n_sources, realis, bloc
    unplaced: int = 0            # events in view that no period of the trend chart can hold


def period_sql(period: str) -> str:
    """Return the SQL expression of an event's period key (2022, or 20222 for 2022Q2)."""
    return "year * 10 + quarter" if period == "quarter" else "year"


def period_label(key, period: str) -> str:
    """Return '2022' or '2022Q2' for a period key of period_sql."""
    if key is None or pd.isna(key):
        return ""
    key = int(key)
    return f"{key // 10}Q{key % 10}" if period == "quarter" else str(key)


def view(ds: Dataset, filters: Filters) -> View:
    """Return the aggregated frames of the events selected by the filters."""
    where = where_sql(filters)
    counts = _grouped_counts(ds, where, filters.period)
    sets = {name: counts[counts["g"] == name].drop(columns="g") for name in ("period", "host", "flow", "all")}
    by_period = sets["period"][["period", "bloc", "event_type", "n"]]
    placed = by_period["period"].notna()
    by_host = sets["host"][["period", "host", "bloc", "n"]].reset_index(drop=True)
    shown = evidence(ds, where)
    return View(
        total=int(sets["all"]["n"].sum()),
        by_period=by_period[placed].reset_index(drop=True),
        by_host=by_host,
        flows=sets["flow"][["party", "host", "bloc", "n"]].dropna(subset=["party", "host"]).reset_index(drop=True),
        top_events=top_events(ds, where, shown, by_host.groupby("host")["n"].sum()),
        evidence=shown,
        unplaced=int(by_period.loc[~placed, "n"].sum()),
    )


def _grouped_counts(ds: Dataset, where: str, period: str) -> pd.DataFrame:
    """Return event counts of every grouping the page needs, in one scan; column g names the grouping."""
    frame = ds.sql(f"""
        SELECT CASE GROUPING(period, bloc, event_type, host, party)
                 WHEN 3 THEN 'period' WHEN 5 THEN 'host' WHEN 20 THEN 'flow' ELSE 'all' END AS g,
               period, CAST(bloc AS VARCHAR) AS bloc, CAST(event_type AS VARCHAR) AS event_type,
               CAST(host AS VARCHAR) AS host, CAST(party AS VARCHAR) AS party, sum(n)::BIGINT AS n
        FROM (SELECT {period_sql(period)} AS period, bloc, event_type, host, party, n
              FROM cube_{"quarter" if period == "quarter" else "year"} WHERE {where})
        GROUP BY GROUPING SETS ((period, bloc, event_type), (period, host, bloc), (party, host, bloc), ())""")
    frame["period"] = [period_label(k, period) if pd.notna(k) else None for k in frame["period"]]
    return frame


DISPLAY_SQL = """CAST(rid AS UBIGINT) AS rid,
  CASE precision WHEN 1 THEN strftime(day, '%Y') WHEN 2 THEN strftime(day, '%Y-%m')
                 WHEN 3 THEN strftime(day, '%Y-%m-%d') ELSE '' END AS date,
  CAST(actor AS VARCHAR) AS actor, CAST(target AS VARCHAR) AS target,
  CAST(event_type AS VARCHAR) AS event_type, CAST(host AS VARCHAR) AS host,
  CAST(n_sources AS INTEGER) AS n_sources, CAST(realis AS VARCHAR) AS realis, CAST(bloc AS VARCHAR) AS bloc"""


def evidence(ds: Dataset, where: str, limit: int = EVIDENCE_LIMIT) -> pd.DataFrame:
    """Return the best-sourced events of a view (most sources, then latest), at most `limit`."""
    return ds.sql(f"SELECT {DISPLAY_SQL} FROM ev WHERE {where} ORDER BY rowid LIMIT {int(limit)}")


def top_events(ds: Dataset, where: str, shown: pd.DataFrame, totals: pd.Series, k: int = TOP_EVENTS) -> pd.DataFrame:
    """Return the k best-sourced events of each host in view (host, rank, label): from the evidence rows
    when they hold them, else from one more scan limited to the hosts they miss."""
    top = shown.dropna(subset=["host"]).groupby("host", sort=False).head(k)
    have = top.groupby("host").size()
    missing = [h for h, n in totals.items() if have.get(h, 0) < min(k, n)]
    if missing:
        more = ds.sql(f"""WITH top AS (SELECT unnest(min(rowid, {int(k)})) AS r FROM ev
                                       WHERE {where} AND host IN {_in_list(tuple(missing))} GROUP BY host)
                          SELECT {DISPLAY_SQL} FROM ev WHERE rowid IN (SELECT r FROM top) ORDER BY rowid""")
        top = pd.concat([top[~top["host"].isin(missing)], more], ignore_index=True)
    top = top.assign(rank=top.groupby("host").cumcount() + 1)
    return top.assign(label=[event_label(r) for r in top.itertuples()])[["host", "rank", "label"]]


def event_label(row) -> str:
    """Return a one-line description: '2022-01 WAGNER → MLI troop deployment (5 sources)'."""
    sources = f"{row.n_sources} source" + ("s" if row.n_sources != 1 else "")
    date = row.date or "undated"
    return f"{date} {row.actor} → {row.target} {str(row.event_type).replace('_', ' ')} ({sources})"


def count(ds: Dataset, filters: Filters) -> int:
    """Return the number of events selected by the filters."""
    return int(ds.sql(f"SELECT count(*) AS n FROM ev WHERE {where_sql(filters)}")["n"].iloc[0])


# ---------------------------------------------------------------- rows: selected event, downloads


def event_row(ds: Dataset, rid: int) -> dict | None:
    """Return the full row of one event (every column of the events file), or None."""
    rows = ds.sql("SELECT * EXCLUDE (rid) FROM src WHERE rid = ?", [int(rid)])
    return None if rows.empty else rows.iloc[0].to_dict()


def event_by_id(ds: Dataset, event_id: str) -> dict | None:
    """Return the full row of the event with that event_id, or None."""
    rows = ds.sql("SELECT * EXCLUDE (rid) FROM src WHERE CAST(event_id AS VARCHAR) = ? LIMIT 1", [str(event_id)])
    return None if rows.empty else rows.iloc[0].to_dict()


def event_mentions(ds: Dataset, event_id: str) -> pd.DataFrame:
    """Return the mentions of one event with their article's outlet, URL and publication date."""
    if not ds.has_mentions:
        return pd.DataFrame(columns=["doc", "sentence", "evidence", "realis", "outlet", "url", "published"])
    return ds.sql("""SELECT m.*, a.outlet, a.url, a.published AS article_published
                     FROM mentions m LEFT JOIN (SELECT DISTINCT ON (doc) * FROM articles) a USING (doc)
                     WHERE m.event_id = ? ORDER BY m.doc, TRY_CAST(m.sentence_index AS INTEGER)""", [event_id])


def events_in_view(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """Return every column of exactly the events selected by the filters, in file order."""
    return ds.sql(f"""SELECT * EXCLUDE (rid) FROM src WHERE rid IN (SELECT rid FROM ev WHERE {where_sql(filters)})
                      ORDER BY rid""")


def mentions_in_view(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """Return the mentions (with evidence, outlet and URL) of the events selected by the filters."""
    if not ds.has_mentions:
        return pd.DataFrame(columns=["event_id", "doc", "sentence", "evidence", "outlet", "url"])
    return ds.sql(f"""SELECT m.*, a.outlet, a.url FROM mentions m
                      LEFT JOIN (SELECT DISTINCT ON (doc) * FROM articles) a USING (doc)
                      WHERE m.event_id IN (SELECT event_id FROM src WHERE rid IN
                                           (SELECT rid FROM ev WHERE {where_sql(filters)}))
                      ORDER BY m.event_id, m.doc""")


# ---------------------------------------------------------------- geography


STATIC_GEOJSON = ROOT / "static" / "countries.geojson"
STATIC_URL = "app/static/countries.geojson"  # relative: resolves under any server.baseUrlPath


@dataclass(frozen=True)
class Geography:
    """Country shapes for the map and a point (capital, headquarters or centroid) per code."""

    geojson: dict
    points: pd.DataFrame   # code, name, lon, lat
    url: str | None = None  # where the app serves the same shapes, when it does

    @property
    def codes(self) -> list[str]:
        """Return the iso3 codes of the shapes."""
        return [f["properties"]["iso3"] for f in self.geojson["features"]]


def load_geography(folder: Path = BOUNDARIES, static: Path | None = STATIC_GEOJSON) -> Geography:
    """Return the shipped boundaries; anchors.csv (capitals, headquarters) overrides centroids.csv."""
    try:
        text = (folder / "countries.geojson").read_text(encoding="utf-8")
        geojson = json.loads(text)
        centroids = pd.read_csv(folder / "centroids.csv", keep_default_na=False).rename(columns={"iso3": "code"})
        anchors = pd.read_csv(folder / "anchors.csv", keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise DataError(str(folder), f"boundaries cannot be read ({_first_line(exc)})") from exc
    points = pd.concat([anchors[["code", "name", "lon", "lat"]], centroids[["code", "name", "lon", "lat"]]])
    points = pd.concat([points, organisation_points(points)]).drop_duplicates("code")
    served = static is not None and static.is_file() and static.read_text(encoding="utf-8") == text
    return Geography(geojson=geojson, points=points.drop_duplicates("code").reset_index(drop=True),
                     url=STATIC_URL if served else None)


def organisation_points(points: pd.DataFrame, path: Path = ORGANISATIONS) -> pd.DataFrame:
    """Return a point for each organisation of the gazetteer: its parent's (BARKHANE -> Paris)."""
    try:
        orgs = pd.read_csv(path, dtype=str, keep_default_na=False)[["code", "name", "parent"]]
    except (OSError, ValueError, KeyError):
        return pd.DataFrame(columns=["code", "name", "lon", "lat"])
    placed = orgs.merge(points.drop_duplicates("code")[["code", "lon", "lat"]], left_on="parent", right_on="code",
                        suffixes=("", "_parent"))
    return placed[["code", "name", "lon", "lat"]]


def names(geo: Geography) -> dict[str, str]:
    """Return code -> display name for every country and organisation with a point."""
    return dict(zip(geo.points["code"], geo.points["name"]))


def clicked_host(points: list[dict], hosts: tuple[str, ...]) -> str | None:
    """Return the host country a map click selected (a country shape or an event line), if any."""
    for point in points or []:
        for value in (point.get("location"), point.get("customdata")):
            if isinstance(value, list):
                value = value[0] if value else None
            if isinstance(value, str) and value in hosts:
                return value
    return None


# ---------------------------------------------------------------- influence behind the map and trends


def influence_rows(influence: pd.DataFrame, filters: Filters, years: tuple[int, int],
                   kind: str = "year") -> pd.DataFrame:
    """Return the influence rows of a view: period kind (year when the table has no such rows), years, hosts, blocs."""
    kinds = influence["period_kind"].astype(str)
    kind = kind if (kinds == kind).any() else "year"
    keep = (kinds == kind) & influence["year"].between(years[0], years[1]).fillna(False).astype(bool)
    if filters.hosts:
        keep &= influence["host"].isin(filters.hosts)
    if filters.blocs:
        keep &= influence["bloc"].isin(filters.blocs)
    return influence[keep].reset_index(drop=True)


def counts_as_influence(v: View) -> pd.DataFrame:
    """Return a stand-in influence table (index = events in view) when the dataset has none."""
    frame = v.by_host.dropna(subset=["period"]).rename(columns={"n": "index"})
    frame = frame.assign(period_kind="year", year=pd.to_numeric(frame["period"].str.slice(0, 4)),
                         presence=0.0, diplomacy=0.0, n_events=frame["index"])
    return frame[list(INFLUENCE_COLUMNS)]


def _per_bloc(frame: pd.DataFrame, value: str, index: str | list[str] = "host") -> pd.DataFrame:
    """Return frame summed into one column per bloc (russia, west, regional, other), zeros when absent."""
    keys = [index] if isinstance(index, str) else list(index)
    table = frame.groupby(keys + ["bloc"])[value].sum().unstack("bloc", fill_value=0)
    return table.reindex(columns=list(BLOCS), fill_value=0).rename_axis(columns=None)


def map_frame(rows: pd.DataFrame, v: View, years: tuple[int, int], names: dict[str, str]) -> pd.DataFrame:
    """Return one row per host: mean yearly Russia and West index over the years, balance, events, top events."""
    n_years = years[1] - years[0] + 1
    index = _per_bloc(rows, "index") / n_years
    events = _per_bloc(v.by_host.fillna({"period": ""}), "n")
    hosts = sorted(set(index.index) | set(events.index))
    index, events = index.reindex(hosts, fill_value=0), events.reindex(hosts, fill_value=0)
    top = v.top_events.sort_values("rank").groupby("host")["label"].agg(list)
    frame = pd.DataFrame({"host": hosts, "name": [names.get(h, h) for h in hosts],
                          "russia": index["russia"].to_numpy(), "west": index["west"].to_numpy(),
                          "events": events.sum(axis=1).to_numpy(), "russia_events": events["russia"].to_numpy(),
                          "west_events": events["west"].to_numpy()})
    frame["balance"] = (frame["russia"] - frame["west"]).round(4)
    frame["top"] = [top.get(h, []) for h in hosts]
    return frame


def presence_rows(presence: pd.DataFrame | None, filters: Filters, years: tuple[int, int]) -> pd.DataFrame:
    """Return the presence intervals of the hosts in view that overlap the years."""
    if presence is None or presence.empty:
        return pd.DataFrame(columns=["actor", "bloc", "host", "kind", "start", "end", "status"])
    start = pd.to_numeric(presence["start"].astype(str).str.slice(0, 4), errors="coerce")
    end = pd.to_numeric(presence["end"].astype(str).str.slice(0, 4), errors="coerce").fillna(9999)
    keep = (start <= years[1]) & (end >= years[0])
    if filters.hosts:
        keep &= presence["host"].isin(filters.hosts)
    return presence[keep].reset_index(drop=True)


def trend_hosts(v: View, filters: Filters, rows: pd.DataFrame, k: int = 6) -> list[str]:
    """Return the hosts of the trend chart: the selected ones, else the k with most events in view
    among those with a Russian or Western index."""
    if filters.hosts:
        return list(filters.hosts)
    totals = v.by_host.groupby("host")["n"].sum().sort_values(ascending=False, kind="stable")
    indexed = set(rows.loc[rows["bloc"].isin(FOREIGN_BLOCS), "host"])
    return [h for h in totals.index if h in indexed][:k] or list(totals.index[:k])


def period_labels(years: tuple[int, int], period: str) -> list[str]:
    """Return every period label of the years: '2015', ... or '2015Q1', ..."""
    if period == "quarter":
        return [f"{y}Q{q}" for y in range(years[0], years[1] + 1) for q in range(1, 5)]
    return [str(y) for y in range(years[0], years[1] + 1)]


def aggregate_table(rows: pd.DataFrame, v: View, names: dict[str, str]) -> pd.DataFrame:
    """Return the table behind the map and trends: per host and period, index and events by bloc, balance."""
    keys = ["host", "period"]
    index = _per_bloc(rows, "index", keys).add_suffix("_index")
    events = _per_bloc(v.by_host.dropna(subset=["period"]), "n", keys).add_suffix("_events")
    table = index.join(events, how="outer").fillna(0).reset_index()
    table.insert(1, "name", [names.get(h, h) for h in table["host"]])
    table["balance"] = (table["russia_index"] - table["west_index"]).round(4)
    cols = ["host", "name", "period", "balance", "russia_index", "west_index", "regional_index", "other_index",
            "russia_events", "west_events", "regional_events", "other_events"]
    return table[cols].sort_values(keys).reset_index(drop=True)


# ---------------------------------------------------------------- the presence model, when recomputed


def presence_module():
    """Return tracker.presence, or None when it cannot be imported (the page then uses influence.csv)."""
    try:
        from tracker import presence
    except Exception:  # noqa: BLE001 - a broken or missing model must not take the page down
        return None
    return presence


@lru_cache(maxsize=1)
def actor_parent():
    """Return the gazetteer's parent function (WAGNER -> RUS) the build uses, or None without one."""
    try:
        from tracker.actors import Gazetteer

        return Gazetteer.load().parent
    except Exception:  # noqa: BLE001 - without it, expulsions close only the expelled actor's own presence
        return None


MAIN_WEIGHTS = (("presence", "forces"), ("presence", "cooperation"), ("diplomacy", "diplomatic_visit"),
                ("diplomacy", "agreement"), ("diplomacy", "expulsion"), ("diplomacy", "sanction"))
RECOMPUTE_LIMIT = 200_000  # asserted events: the model takes ~50 µs an event, a minute at a million


def needs_recompute(filters: Filters, weights: dict | None, defaults: dict | None) -> bool:
    """Return True when the index must be recomputed: other weights, or filters that change its events."""
    return (weights is not None and weights != defaults) or bool(filters.actors or filters.types) \
        or filters.min_sources > 1


def index_scope(filters: Filters) -> Filters:
    """Return the filters of the events an index is computed from: asserted, every year and bloc."""
    return replace(filters, years=None, blocs=(), realis=("asserted",))


def recomputed_influence(ds: Dataset, filters: Filters, weights: dict) -> dict[str, pd.DataFrame]:
    """Return presence, influence and contributions of the view's asserted events under `weights`."""
    presence, parent = presence_module(), actor_parent()
    events = events_in_view(ds, index_scope(filters))
    kinds = ("year",) if filters.period == "year" else ("year", "quarter")
    contributions = pd.concat([presence.influence_contributions(events, weights, kind, parent) for kind in kinds],
                              ignore_index=True)
    influence = presence.influence_index(contributions)
    influence["year"] = pd.to_numeric(influence["year"], errors="coerce").astype("Int64")
    return {"presence": presence.presence_intervals(events, weights, parent), "influence": influence,
            "contributions": contributions}


def contributions_of(ds: Dataset, host: str, period: str, contributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the contributions behind one host and period (tracker.presence.explain per bloc), labelled."""
    if contributions is not None:
        rows = contributions[(contributions["host"] == host) & (contributions["period"].astype(str) == str(period))]
    elif _has_view(ds, "contributions"):
        rows = ds.sql("SELECT * FROM contributions WHERE host = ? AND period = ?", [host, str(period)])
    else:
        return pd.DataFrame(columns=["bloc", "component", "contribution", "reason", "event_id", "label"])
    rows = rows.assign(contribution=pd.to_numeric(rows["contribution"], errors="coerce").fillna(0.0))
    presence = presence_module()
    if presence is not None and len(rows):
        rows = pd.concat([presence.explain(rows, host, str(period), bloc) for bloc in rows["bloc"].unique()])
    labels = event_labels(ds, tuple(rows["event_id"].astype(str).unique()))
    rows = rows.assign(label=rows["event_id"].astype(str).map(labels).fillna(rows["event_id"].astype(str)))
    return rows.reindex(rows["contribution"].abs().sort_values(ascending=False).index).reset_index(drop=True)


def _has_view(ds: Dataset, name: str) -> bool:
    """Return True when the connection has a view or table of that name."""
    found = ds.sql("SELECT count(*) AS n FROM duckdb_views() WHERE view_name = ?", [name])
    return bool(found["n"].iloc[0])


def event_labels(ds: Dataset, event_ids: tuple[str, ...]) -> dict[str, str]:
    """Return event_id -> one-line label for the given events."""
    if not event_ids:
        return {}
    rows = ds.sql(f"""SELECT s.event_id, {DISPLAY_SQL} FROM ev
                      JOIN (SELECT rid, CAST(event_id AS VARCHAR) AS event_id FROM src
                            WHERE CAST(event_id AS VARCHAR) IN (SELECT unnest(?))) s USING (rid)""",
                  [list(event_ids)])
    return {r.event_id: event_label(r) for r in rows.itertuples()}
