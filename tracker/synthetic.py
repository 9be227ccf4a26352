"""Synthetic datasets with the documented columns, for tests, demos and the dashboard bench.

The numbers are made up but shaped like the real thing: events in Sahel host countries from
2012 to 2025, Western actors dominant early and Russian actors (state, Wagner, Africa Corps)
rising after 2018, most events asserted, most reported by one or two sources.

    python -m tracker.synthetic OUT_DIR [--events 5000] [--seed 7]
"""
from __future__ import annotations

import argparse
import binascii
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tracker.records import (ARTICLE_COLUMNS, CONTRIBUTION_COLUMNS, EVENT_COLUMNS, EVENT_TYPES,
                             INFLUENCE_COLUMNS, MENTION_COLUMNS, PRESENCE_COLUMNS)

YEARS = (2012, 2025)
HOSTS = {"MLI": 24, "BFA": 12, "NER": 12, "TCD": 8, "CAF": 8, "SDN": 5, "LBY": 5, "NGA": 6,
         "MRT": 4, "SEN": 4, "GIN": 4, "CIV": 5, "DZA": 3}
# code: (bloc, weight, first year, last year, trend per year: >0 grows, <0 fades)
ACTORS = {
    "RUS": ("russia", 12, 2012, 2025, 0.22), "WAGNER": ("russia", 9, 2017, 2024, 0.25),
    "AFRICA_CORPS": ("russia", 6, 2023, 2025, 0.0), "FRA": ("west", 16, 2012, 2025, -0.12),
    "USA": ("west", 8, 2012, 2025, -0.04), "DEU": ("west", 5, 2012, 2025, -0.04),
    "EU": ("west", 5, 2012, 2025, -0.05), "EUTM": ("west", 3, 2013, 2024, -0.05),
    "UN": ("west", 3, 2012, 2025, 0.0), "MINUSMA": ("west", 4, 2013, 2023, -0.03),
    "ECOWAS": ("regional", 5, 2012, 2025, 0.02), "AES": ("regional", 2, 2023, 2025, 0.0),
    "AU": ("regional", 2, 2012, 2025, 0.0), "CHN": ("other", 3, 2012, 2025, 0.05),
    "TUR": ("other", 2, 2012, 2025, 0.08),
}
HOME_ACTS = {"expulsion": 0.8, "coup": 1.0, "criticism": 0.3}  # share done by the host itself
TYPE_WEIGHTS = dict(zip(EVENT_TYPES, (14, 8, 12, 5, 16, 10, 4, 4, 8, 7, 2, 10)))
REALIS_WEIGHTS = {"asserted": 80, "announced": 10, "denied": 4, "speculated": 6}
NASTY_SENTENCES = (  # what analysts' spreadsheets and browsers must survive
    "=HYPERLINK(\"http://example.invalid\",\"click\") Russian instructors arrived in Bamako.",
    "<script>alert('x')</script> **Wagner** fighters were deployed near Menaka.",
    "-2+3 France withdrew its last soldiers from Gao; @Barkhane said",
)


def _pick(rng: np.random.Generator, weights: dict, n: int) -> np.ndarray:
    """Return n keys of `weights` drawn with probability proportional to their values."""
    keys = np.array(list(weights))
    p = np.array(list(weights.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=p / p.sum())]


def _actor_probabilities(year: int) -> np.ndarray:
    """Return the probability of each actor in ACTORS for an event of `year`."""
    w = np.array([wt * np.exp(trend * (year - 2018)) * (first <= year <= last)
                  for _bloc, wt, first, last, trend in ACTORS.values()])
    return w / w.sum()


def _actors_by_year(rng: np.random.Generator, years: np.ndarray) -> np.ndarray:
    """Return one actor code per event, drawn from the year's actor mix."""
    codes = np.array(list(ACTORS))
    out = np.empty(len(years), dtype=object)
    for year in np.unique(years):
        rows = np.flatnonzero(years == year)
        out[rows] = codes[rng.choice(len(codes), size=len(rows), p=_actor_probabilities(int(year)))]
    return out


def _dates(rng: np.random.Generator, years: np.ndarray) -> pa.Array:
    """Return dates as strings, as precise as a news text allows: day (60%), month (25%), year."""
    days = (years - 1970) * 365.25 + rng.integers(0, 365, len(years))
    full = pa.array(days.astype("int32"), pa.int32()).cast(pa.date32()).cast(pa.string())
    precision = pa.array(rng.choice(3, size=len(years), p=[0.6, 0.25, 0.15]))
    month = pc.utf8_slice_codeunits(full, 0, 7)
    year = pa.array(years.astype(str))
    return pc.if_else(pc.equal(precision, 0), full, pc.if_else(pc.equal(precision, 1), month, year))


def event_ids(rng: np.random.Generator, n: int) -> pa.Array:
    """Return n distinct-looking 16-hex-digit event ids as an Arrow string array."""
    hexed = binascii.hexlify(rng.bytes(8 * n))
    return pa.FixedSizeBinaryArray.from_buffers(pa.binary(16), n, [None, pa.py_buffer(hexed)]).cast(pa.string())


def event_columns(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Return the core event columns (numpy arrays) of n synthetic events."""
    years = rng.integers(YEARS[0], YEARS[1] + 1, n)
    years = np.where(rng.random(n) < 0.5, np.maximum(years, rng.integers(YEARS[0], YEARS[1] + 1, n)), years)
    actor, host = _actors_by_year(rng, years), _pick(rng, HOSTS, n).astype(object)
    host[actor == "MINUSMA"] = "MLI"
    etype = _slant(rng, _pick(rng, TYPE_WEIGHTS, n).astype(object), _bloc_of(actor), years)
    at_home = rng.random(n) < pd.Series(etype).map(HOME_ACTS).fillna(0.0).to_numpy()
    target = np.where(at_home & (etype != "coup"), actor, host).astype(object)
    actor = np.where(at_home, host, actor).astype(object)
    n_sources = np.minimum(rng.geometric(0.45, n), 25)
    return {"actor": actor, "target": target, "event_type": etype, "host": host, "year": years,
            "realis": _pick(rng, REALIS_WEIGHTS, n).astype(object), "n_sources": n_sources,
            "n_mentions": n_sources + rng.poisson(0.6, n), "confidence": np.round(rng.uniform(0.5, 0.97, n), 2)}


def _slant(rng: np.random.Generator, etype: np.ndarray, bloc: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Return event types leaning the way the region went: Russia arriving, the West leaving after 2020."""
    hostile = np.isin(etype, ("expulsion", "sanction", "troop_withdrawal", "criticism"))
    friendly = np.isin(etype, ("troop_deployment", "military_cooperation", "agreement", "diplomatic_visit"))
    russia_turn = (bloc == "russia") & hostile & (rng.random(len(etype)) < 0.85)
    west_turn = (bloc == "west") & friendly & (years >= 2020) & (rng.random(len(etype)) < 0.45)
    out = etype.copy()
    out[russia_turn] = rng.choice(["troop_deployment", "military_cooperation", "agreement"], russia_turn.sum())
    out[west_turn] = rng.choice(["troop_withdrawal", "expulsion", "criticism"], west_turn.sum())
    return out


def _bloc_of(codes: np.ndarray) -> np.ndarray:
    """Return the bloc of each actor code (host states are 'regional')."""
    blocs = {code: spec[0] for code, spec in ACTORS.items()}
    return pd.Series(codes).map(blocs).fillna("regional").to_numpy(dtype=object)


def events_frame(n: int, seed: int = 7, undated_share: float = 0.02) -> pd.DataFrame:
    """Return n synthetic events with EVENT_COLUMNS (a few undated, some not asserted)."""
    rng = np.random.default_rng(seed)
    cols = event_columns(rng, n)
    dates = _dates(rng, cols["year"]).to_numpy(zero_copy_only=False)
    undated = rng.random(n) < undated_share
    frame = pd.DataFrame({"event_id": event_ids(rng, n).to_pylist(), **cols})
    frame["date"] = np.where(undated, None, dates)
    frame["year"] = pd.array(np.where(undated, None, cols["year"]), dtype="Int64")
    frame["actor_bloc"], frame["target_bloc"] = _bloc_of(cols["actor"]), _bloc_of(cols["target"])
    frame["n_asserted"] = np.where(frame["realis"] == "asserted", frame["n_mentions"], 0)
    frame["first_reported"] = frame["last_reported"] = frame["date"]
    frame["docs"] = [f"syn{i % max(1, n // 2):06d}" for i in range(n)]
    frame["evidence"] = [_sentence(a, t, e, h) for a, t, e, h in
                         zip(frame["actor"], frame["target"], frame["event_type"], frame["host"])]
    frame["rule"] = frame["event_type"] + "@synthetic"
    return frame[list(EVENT_COLUMNS)]


def _sentence(actor: str, target: str, event_type: str, host: str) -> str:
    """Return a plausible evidence sentence for a synthetic event."""
    return f"{actor} and {target}: {event_type.replace('_', ' ')} reported in {host}."


def mentions_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Return one mention per (event, source) with MENTION_COLUMNS, some with hostile text."""
    rows = events.loc[events.index.repeat(events["n_sources"].clip(upper=3))].reset_index(drop=True)
    rank = rows.groupby("event_id").cumcount()
    rows["doc"] = [f"{d}_{r}" for d, r in zip(rows["docs"], rank)]
    rows["sentence_index"] = rank * 3 + 1
    rows["sentence"] = rows["evidence"]
    rows.loc[: len(NASTY_SENTENCES) - 1, "sentence"] = NASTY_SENTENCES[: len(rows)]
    rows["evidence"] = rows["sentence"].str.slice(0, 60)
    rows["trigger"], rows["actor_text"], rows["target_text"] = rows["event_type"], rows["actor"], rows["target"]
    rows["language"], rows["published"], rows["sentence_count"] = "en", rows["first_reported"], 1
    return rows[list(MENTION_COLUMNS)]


def articles_frame(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return one article per mention doc with ARTICLE_COLUMNS."""
    docs = mentions.groupby("doc", sort=True).agg(published=("published", "first"), n_mentions=("doc", "size"))
    outlets = np.array(["Reuters", "RFI", "Le Monde", "Al Jazeera", "Jeune Afrique", "AFP", "RIA Novosti"])
    frame = docs.reset_index()
    frame["outlet"] = outlets[np.arange(len(frame)) % len(outlets)]
    frame["url"] = "https://news.example.invalid/" + frame["doc"]
    frame["path"], frame["language"], frame["encoding"], frame["n_chars"] = frame["doc"] + ".txt", "en", "utf-8", 4000
    return frame[list(ARTICLE_COLUMNS)]


def influence_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Return a simple stand-in influence table (INFLUENCE_COLUMNS) for datasets without tracker.presence."""
    ok = events[(events["realis"] == "asserted") & events["year"].notna()]
    bloc = np.where(ok["actor_bloc"].isin(["russia", "west"]), ok["actor_bloc"], ok["target_bloc"])
    sign = np.where(ok["event_type"].isin(["expulsion", "sanction", "criticism", "troop_withdrawal"]), -1.0, 1.0)
    frame = pd.DataFrame({"host": ok["host"], "year": ok["year"].astype(int), "bloc": bloc, "value": sign})
    table = frame.groupby(["host", "bloc", "year"], as_index=False).agg(diplomacy=("value", "sum"),
                                                                          n_events=("value", "size"))
    table["presence"] = table.groupby(["host", "bloc"])["n_events"].transform(lambda s: s.ewm(alpha=0.4).mean())
    table["presence"], table["diplomacy"] = table["presence"].round(3), (table["diplomacy"] * 0.1).round(3)
    table["index"] = (table["presence"] + table["diplomacy"]).round(3)
    table["period"], table["period_kind"] = table["year"].astype(str), "year"
    return table[list(INFLUENCE_COLUMNS)]


def contributions_frame(events: pd.DataFrame, influence: pd.DataFrame) -> pd.DataFrame:
    """Return a stand-in contributions table: each asserted event adds its share to its year."""
    ok = events[(events["realis"] == "asserted") & events["year"].notna()].copy()
    ok["bloc"] = np.where(ok["actor_bloc"].isin(["russia", "west"]), ok["actor_bloc"], ok["target_bloc"])
    ok["year"] = ok["year"].astype(int)
    merged = ok.merge(influence, on=["host", "year", "bloc"])
    merged["contribution"] = (merged["index"] / merged["n_events"]).round(4)
    merged["component"], merged["reason"] = "presence", merged["event_type"] + ":synthetic"
    return merged[list(CONTRIBUTION_COLUMNS)]


def tables(n_events: int = 2000, seed: int = 7) -> dict[str, pd.DataFrame]:
    """Return every table of a synthetic dataset (presence from tracker.presence when it loads)."""
    events = events_frame(n_events, seed)
    mentions = mentions_frame(events)
    out = {"articles": articles_frame(mentions), "mentions": mentions, "events": events}
    out.update(presence_tables(events))
    return out


def presence_tables(events: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Return presence, influence and contributions: tracker.presence's, else the stand-ins."""
    try:
        from tracker import presence
        return presence.presence_tables(events, presence.load_weights())
    except ImportError:
        influence = influence_frame(events)
        return {"presence": pd.DataFrame(columns=list(PRESENCE_COLUMNS)), "influence": influence,
                "contributions": contributions_frame(events, influence)}


def write(tables_: dict[str, pd.DataFrame], out_dir: Path) -> None:
    """Write the tables as the pipeline does: one CSV each, plus events.parquet."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in tables_.items():
        frame.to_csv(out_dir / f"{name}.csv", index=False)
    tables_["events"].to_parquet(out_dir / "events.parquet", index=False)


def write_large_events(path: Path, n: int, seed: int = 7, chunk: int = 2_000_000) -> None:
    """Write n synthetic events to a Parquet file in chunks (fast, bounded memory; text columns terse)."""
    writer = None
    for start in range(0, n, chunk):
        batch = _large_batch(np.random.default_rng(seed + start), min(chunk, n - start))
        writer = writer or pq.ParquetWriter(path, batch.schema)
        writer.write_table(batch, row_group_size=1_000_000)
    if writer:
        writer.close()


def _large_batch(rng: np.random.Generator, n: int) -> pa.Table:
    """Return one chunk of synthetic events as an Arrow table with EVENT_COLUMNS."""
    cols = event_columns(rng, n)
    dates = _dates(rng, cols["year"])
    data = {"event_id": event_ids(rng, n), "date": dates, "first_reported": dates, "last_reported": dates,
            "actor_bloc": _bloc_of(cols["actor"]), "target_bloc": _bloc_of(cols["target"]),
            "n_asserted": np.where(cols["realis"] == "asserted", cols["n_mentions"], 0),
            "docs": pa.array(np.char.add("syn", (np.arange(n) % 100_000).astype(str))),
            "evidence": cols["event_type"], "rule": cols["event_type"], **cols}
    arrays = {k: v if isinstance(v, (pa.Array, pa.ChunkedArray)) else pa.array(v) for k, v in data.items()}
    arrays["year"] = arrays["year"].cast(pa.int64())
    return pa.table({k: arrays[k] for k in EVENT_COLUMNS})


def main(argv: list[str] | None = None) -> int:
    """Write a synthetic dataset folder and return the exit code."""
    parser = argparse.ArgumentParser(description="write a synthetic dataset (all tables)")
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    write(tables(args.events, args.seed), args.out)
    print(f"{args.events} synthetic events -> {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
