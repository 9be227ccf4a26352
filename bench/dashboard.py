"""Dashboard bench: time a filter change at 100k, 1M and 10M synthetic events, against naive pandas.

    python bench/dashboard.py [--sizes 100000,1000000,10000000] [--repeat 3] [--out bench/out]

A filter change is what the page does when a widget moves: the query and aggregation
(tracker.query, DuckDB over Parquet), the frames behind the map and trends, the three figures
(tracker.charts) and their JSON. The baseline does the same with pandas over the whole events
table held in memory (boolean masks and groupbys), and builds the same figures. Each side runs
in its own process so that its peak memory (max RSS) is its own; every filter state is new, so
nothing is served from a cache. Targets: <= 100 ms at 1M, <= 300 ms at 10M, <= 1.5 GB.
Datasets are written once into --out (delete it after changing tracker/synthetic.py).
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import plotly.io as pio  # noqa: E402

from tracker import charts, query, synthetic  # noqa: E402

TARGETS_MS = {1_000_000: 100, 10_000_000: 300}
MEMORY_LIMIT_MB = 1536
FILTER_CHANGES = (  # one state per widget move, as a user would make them
    query.Filters(years=(2015, 2022)),
    query.Filters(years=(2015, 2022), hosts=("MLI",)),
    query.Filters(years=(2015, 2022), hosts=("MLI", "BFA", "NER"), blocs=("russia", "west")),
    query.Filters(years=(2016, 2023), min_sources=2),
    query.Filters(years=(2016, 2023), types=("troop_deployment", "military_cooperation"), period="quarter"),
    query.Filters(actors=("WAGNER", "AFRICA_CORPS"), realis=("asserted", "announced")),
    query.Filters(years=(2019, 2025), blocs=("russia",), min_sources=3),
)


def dataset_folder(out: Path, size: int) -> Path:
    """Return a folder with events.parquet and influence.csv of `size` synthetic events (made once)."""
    folder = out / f"events_{size}"
    if not (folder / "events.parquet").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        synthetic.write_large_events(folder / "events.parquet.tmp", size)
        (folder / "events.parquet.tmp").rename(folder / "events.parquet")
        synthetic.influence_frame(synthetic.events_frame(50_000)).to_csv(folder / "influence.csv", index=False)
    return folder


def figures_json(figures) -> int:
    """Return the total size in bytes of the figures' JSON, made as st.plotly_chart makes it."""
    return sum(len(pio.to_json(f.to_dict(), validate=False)) for f in figures)


def page_update(ds: query.Dataset, geo: query.Geography, names: dict, filters: query.Filters) -> int:
    """Run what the page runs on a filter change (app.render's calls, in order); return the figures' JSON size."""
    years = filters.years or ds.options.years
    v = query.view(ds, filters)
    rows = query.influence_rows(ds.influence, filters, years)
    frame = query.map_frame(rows, v, years, names)
    rows_trend = query.influence_rows(ds.influence, filters, years, filters.period)
    return figures_json(page_figures(v, frame, rows_trend, geo, names, filters, years))


def page_figures(v, frame, rows_trend, geo, names, filters, years) -> list:
    """Return the page's three figures, built as app.py builds them."""
    return [charts.influence_map(frame, geo.url or geo.geojson, geo.codes, v.flows, geo.points, selected=filters.hosts),
            charts.events_trend(v.by_period, "bloc", filters.period,
                                periods=query.period_labels(years, filters.period)),
            charts.influence_trend(rows_trend, query.trend_hosts(v, filters, rows_trend), names, None, years)]


# ---------------------------------------------------------------- the naive baseline (pandas in memory)


def naive_mask(events: pd.DataFrame, f: query.Filters) -> pd.Series:
    """Return the boolean mask of the events selected by the filters, with pandas."""
    mask = pd.Series(True, index=events.index)
    if f.years:
        mask &= events["year"].between(*f.years)
    if f.actors:
        mask &= events["actor"].isin(f.actors) | events["target"].isin(f.actors)
    for column, values in (("bloc", f.blocs), ("event_type", f.types), ("host", f.hosts), ("realis", f.realis)):
        if values:
            mask &= events[column].isin(values)
    return mask & (events["n_sources"] >= f.min_sources)


def naive_view(events: pd.DataFrame, f: query.Filters) -> query.View:
    """Return the same frames as query.view, computed with pandas over the in-memory table."""
    sel = events[naive_mask(events, f)].copy()
    sel["period"] = sel["year"].astype("Int64").astype(str)
    if f.period == "quarter":
        quarter = (pd.to_numeric(sel["date"].str.slice(5, 7), errors="coerce") + 2) // 3
        sel["period"] = (sel["period"] + "Q" + quarter.astype("Int64").astype(str)).where(quarter.notna())
    by_period = sel.groupby(["period", "bloc", "event_type"], as_index=False).size().rename(columns={"size": "n"})
    by_host = sel.groupby(["period", "host", "bloc"], as_index=False).size().rename(columns={"size": "n"})
    flows = sel.groupby(["party", "host", "bloc"], as_index=False).size().rename(columns={"size": "n"})
    ranked = sel.sort_values(["n_sources", "date"], ascending=False)
    top = ranked.groupby("host").head(3).assign(rank=lambda d: d.groupby("host").cumcount() + 1)
    top = top.assign(label=[query.event_label(r) for r in top.itertuples()])[["host", "rank", "label"]]
    return query.View(total=len(sel), by_period=by_period, by_host=by_host, flows=flows, top_events=top,
                      evidence=ranked.head(query.EVIDENCE_LIMIT))


def naive_load(path: Path) -> pd.DataFrame:
    """Return the whole events table in memory with the derived columns the page needs (bloc, party)."""
    events = pd.read_parquet(path)
    foreign = events["actor_bloc"].isin(query.FOREIGN_BLOCS)
    events["bloc"] = events["actor_bloc"].where(foreign, events["target_bloc"].where(
        events["target_bloc"].isin(query.FOREIGN_BLOCS), events["actor_bloc"]))
    events["party"] = events["actor"].where(events["actor"] != events["host"], events["target"])
    return events


def naive_update(events: pd.DataFrame, influence: pd.DataFrame, years_all, geo, names, f: query.Filters) -> int:
    """Run the baseline filter change: pandas view, then the same frames and figures as the page."""
    years = f.years or years_all
    v = naive_view(events, f)
    rows = query.influence_rows(influence, f, years)
    frame = query.map_frame(rows, v, years, names)
    rows_trend = query.influence_rows(influence, f, years, f.period)
    return figures_json(page_figures(v, frame, rows_trend, geo, names, f, years))


# ---------------------------------------------------------------- one side, in its own process


def timed(run, repeat: int) -> list[float]:
    """Return the median milliseconds of `run(filters)` for each filter change."""
    out = []
    for filters in FILTER_CHANGES:
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            run(filters)
            samples.append((time.perf_counter() - start) * 1000)
        out.append(statistics.median(samples))
    return out


def worker(side: str, folder: Path, repeat: int) -> dict:
    """Return load time, per-filter milliseconds, figure JSON size and peak RSS of one side."""
    geo = query.load_geography()
    names = query.names(geo)
    start = time.perf_counter()
    ds = query.open_dataset(folder)
    if side == "ours":
        load_s = time.perf_counter() - start
        json_bytes = page_update(ds, geo, names, FILTER_CHANGES[0])
        ms = timed(lambda f: page_update(ds, geo, names, f), repeat)
    else:
        events = naive_load(folder / "events.parquet")
        load_s = time.perf_counter() - start
        json_bytes = naive_update(events, ds.influence, ds.options.years, geo, names, FILTER_CHANGES[0])
        ms = timed(lambda f: naive_update(events, ds.influence, ds.options.years, geo, names, f), repeat)
    return {"side": side, "load_s": load_s, "ms": ms, "json_bytes": json_bytes, "peak_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MB: VmHWM on Linux (reset by exec, unlike
    ru_maxrss, which a child inherits from a parent that has just generated 10M events)."""
    try:
        status = Path("/proc/self/status").read_text()
        return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_side(side: str, folder: Path, repeat: int) -> dict:
    """Return the worker's result, run in a fresh Python process."""
    command = [sys.executable, __file__, "--worker", side, "--folder", str(folder), "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        return {"side": side, "error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(size: int, ours: dict, naive: dict) -> str:
    """Return the bench lines of one size."""
    if "error" in ours:
        return f"{size:>10,}  ours failed: {ours['error']}"
    ours_ms = statistics.median(ours["ms"])
    target = TARGETS_MS.get(size)
    met = target is not None and ours_ms <= target and ours["peak_mb"] <= MEMORY_LIMIT_MB
    verdict = "" if target is None else (" ok" if met else " MISSED")
    line = (f"{size:>10,}  ours {ours_ms:7.1f} ms (max {max(ours['ms']):6.1f}, load {ours['load_s']:5.1f} s, "
            f"peak {ours['peak_mb']:6.0f} MB, figures {ours['json_bytes'] / 1e3:4.0f} KB)")
    if "error" in naive:
        return line + f"  naive failed: {naive['error']}" + verdict
    naive_ms = statistics.median(naive["ms"])
    return (line + f"  naive pandas {naive_ms:7.1f} ms (peak {naive['peak_mb']:6.0f} MB)  "
            f"speed-up x{naive_ms / ours_ms:5.1f}" + (f"  target {target} ms" if target else "") + verdict)


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print one line per size; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--worker", choices=("ours", "naive"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.folder, args.repeat)))
        return 0
    print(f"filter change = query + aggregation + 3 figures + JSON; median of {len(FILTER_CHANGES)} filter states "
          f"x {args.repeat} runs; peak = max resident memory of the side's process")
    missed = False
    for size in (int(s) for s in args.sizes.split(",")):
        folder = dataset_folder(args.out, size)
        ours, naive = run_side("ours", folder, args.repeat), run_side("naive", folder, args.repeat)
        line = report(size, ours, naive)
        missed |= line.endswith("MISSED") or "ours failed" in line
        print(line, flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
