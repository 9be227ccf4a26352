"""Mentions -> events: one stable `event_id` per real-world event, within and across articles.

Two mentions are one event when their parties (an organisation counts with its parent state:
WAGNER with RUS), their type and their date bucket agree. The bucket is the year, split by month
when mentions give different months; an undated mention joins the dated event of the same parties
and type nearest its article's publication (at most JOIN_YEARS away), else it is bucketed by its
publication year. Repeats inside one article fold into one mention row (a report is a document,
not a sentence), so ten articles about one visit are one event with ten mentions.
All steps are vectorised pandas operations: the cost grows linearly with the number of mentions.
"""
from __future__ import annotations

import hashlib
from typing import Callable

import pandas as pd

from tracker.records import EVENT_COLUMNS, MENTION_COLUMNS

REALIS_RANK = {"asserted": 0, "announced": 1, "speculated": 2, "denied": 3}
KEY = ["party_a", "party_b", "event_type"]
JOIN_YEARS = 2  # an undated report joins a dated event of the same parties at most this far from its publication


def stable_id(*parts) -> str:
    """Return a 12-hex-digit hash of the parts (same content, same id, on every rebuild)."""
    text = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _with_keys(mentions: pd.DataFrame, parent: Callable[[str], str]) -> pd.DataFrame:
    """Return mentions with the grouping columns: parent parties, year, month, publication year."""
    out = mentions.copy()
    out["date"] = out["date"].where(out["date"].notna() & (out["date"] != ""), None)
    codes = pd.unique(pd.concat([out["actor"], out["target"]]))
    parents = {code: parent(code) for code in codes}
    out["party_a"], out["party_b"] = out["actor"].map(parents), out["target"].map(parents)
    out["year"] = pd.to_numeric(out["date"].str[:4], errors="coerce")
    out["month"] = out["date"].where(out["date"].str.len() >= 7).str[:7]
    out["pub_year"] = pd.to_numeric(out["published"].astype("string").str[:4], errors="coerce")
    out["precision"] = out["date"].str.len().fillna(0).astype(int)
    return out


def _year_buckets(frame: pd.DataFrame, by: list[str]) -> pd.Series:
    """Return each mention's year bucket (a string): its own year, or one chosen for undated ones."""
    bucket = frame["year"].map(lambda y: "" if pd.isna(y) else str(int(y)))
    undated = frame["year"].isna()
    if not undated.any():
        return bucket
    known = frame[~undated].groupby(by, dropna=False)["year"].agg(lambda ys: sorted({int(y) for y in ys}))
    lookup = known.to_dict()
    keys = frame.loc[undated, by].itertuples(index=False, name=None)
    bucket.loc[undated] = [_nearest(lookup.get(k if len(by) > 1 else k[0], []), pub)
                           for k, pub in zip(keys, frame.loc[undated, "pub_year"])]
    return bucket


def _nearest(years: list[int], pub) -> str:
    """Return the dated year nearest the publication (within JOIN_YEARS), else 'p<publication year>'."""
    if pd.isna(pub):
        return str(years[-1]) if years else ""
    near = [y for y in years if abs(y - pub) <= JOIN_YEARS]
    return str(min(near, key=lambda y: (abs(y - pub), -y))) if near else f"p{int(pub)}"


def _month_buckets(frame: pd.DataFrame, by: list[str]) -> pd.Series:
    """Return each mention's month bucket: '' unless its year bucket holds several distinct months."""
    cols = by + ["year_bucket"]
    split = frame.groupby(cols, dropna=False)["month"].transform("nunique") > 1
    if not split.any():
        return pd.Series("", index=frame.index)
    counts = frame[split].dropna(subset=["month"]).groupby(cols + ["month"], dropna=False).size().rename("n").reset_index()
    main = counts.sort_values(cols + ["n", "month"], ascending=[True] * len(cols) + [False, True], kind="mergesort") \
        .drop_duplicates(cols).rename(columns={"month": "main"})[cols + ["main"]]
    merged = frame[cols + ["month"]].merge(main, on=cols, how="left")
    merged.index = frame.index
    return merged["month"].fillna(merged["main"]).where(split, "").fillna("")


def _joined(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Return the columns' values joined by '|' per row (vectorised)."""
    joined = frame[columns[0]].astype(str)
    for column in columns[1:]:
        joined = joined + "|" + frame[column].astype(str)
    return joined


def _fold_article(frame: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (article, event, realis): its most confident sentence, with a count and the finest date."""
    keys = ["doc"] + KEY + ["year_bucket", "doc_month", "realis"]
    ordered = frame.sort_values(["confidence", "precision", "sentence_index"], ascending=[False, False, True],
                                kind="mergesort")
    folded = ordered.drop_duplicates(keys).copy()
    counts = frame.groupby(keys, dropna=False).size().rename("sentence_count").reset_index()
    finest = frame.sort_values(["precision", "date"], ascending=[False, False], kind="mergesort") \
        .drop_duplicates(keys)[keys + ["date"]].rename(columns={"date": "finest"})
    folded = folded.drop(columns=["sentence_count"]).merge(counts, on=keys, how="left").merge(finest, on=keys, how="left")
    folded["date"] = folded["finest"]
    return folded.drop(columns=["finest"])


def assign_event_ids(mentions: pd.DataFrame, parent: Callable[[str], str] = str) -> pd.DataFrame:
    """Return mentions folded per article, each with its `event_id` (MENTION_COLUMNS order)."""
    if mentions.empty:
        return pd.DataFrame(columns=list(MENTION_COLUMNS))
    frame = _with_keys(mentions, parent)
    frame["year_bucket"] = _year_buckets(frame, ["doc"] + KEY)
    frame["doc_month"] = _month_buckets(frame, ["doc"] + KEY)  # two visits in March and August: two events
    frame = _fold_article(frame)
    frame["precision"] = frame["date"].str.len().fillna(0).astype(int)
    frame["year"] = pd.to_numeric(frame["date"].str[:4], errors="coerce")
    frame["month"] = frame["date"].where(frame["date"].str.len() >= 7).str[:7]
    frame["year_bucket"] = _year_buckets(frame, KEY)
    frame["month_bucket"] = _month_buckets(frame, KEY)
    parts = _joined(frame, KEY + ["year_bucket", "month_bucket"])
    frame["event_id"] = [stable_id(p) for p in parts]
    frame = frame.sort_values(["doc", "sentence_index", "event_type", "actor", "target", "realis"], kind="mergesort")
    return frame[list(MENTION_COLUMNS)].reset_index(drop=True)


def _most_common(mentions: pd.DataFrame, column: str) -> pd.Series:
    """Return, per event, the most frequent non-null value of a column (ties: the smallest)."""
    counts = mentions.dropna(subset=[column]).groupby(["event_id", column]).size().rename("n").reset_index()
    counts = counts.sort_values(["event_id", "n", column], ascending=[True, False, True], kind="mergesort")
    return counts.drop_duplicates("event_id").set_index("event_id")[column]


def _event_dates(mentions: pd.DataFrame) -> pd.Series:
    """Return per event the most precise date of its asserted mentions (of all when none asserts)."""
    frame = mentions.assign(asserted=mentions["realis"] == "asserted",
                            precision=mentions["date"].str.len().fillna(0))
    frame = frame[frame["date"].notna() & (frame["date"] != "")]
    frame = frame.sort_values(["event_id", "asserted", "precision", "date"], ascending=[True, False, False, True],
                              kind="mergesort")
    return frame.drop_duplicates("event_id").set_index("event_id")["date"]


def mentions_to_events(mentions: pd.DataFrame, outlets: dict[str, str] | None = None) -> pd.DataFrame:
    """Return one row per event (EVENT_COLUMNS) from mentions carrying event ids."""
    if mentions.empty:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    m = mentions.assign(source=mentions["doc"].map(lambda d: (outlets or {}).get(d) or d),
                        rank=mentions["realis"].map(REALIS_RANK), is_asserted=mentions["realis"] == "asserted")
    best = m.sort_values(["confidence", "sentence_index", "doc"], ascending=[False, True, True], kind="mergesort") \
        .drop_duplicates("event_id").set_index("event_id")
    grouped = m.groupby("event_id")
    events = pd.DataFrame({"event_type": best["event_type"], "evidence": best["sentence"], "rule": best["rule"]})
    for column in ("actor", "target", "host", "actor_bloc", "target_bloc"):
        events[column] = _most_common(m, column)
    events["date"] = _event_dates(m)
    events["year"] = pd.to_numeric(events["date"].str[:4], errors="coerce").astype("Int64")
    events["realis"] = grouped["rank"].min().map({v: k for k, v in REALIS_RANK.items()})
    events["n_mentions"] = grouped.size()
    events["n_sources"] = grouped["source"].nunique()
    events["n_asserted"] = grouped["is_asserted"].sum().astype(int)
    events["first_reported"] = grouped["published"].min()
    events["last_reported"] = grouped["published"].max()
    events["confidence"] = grouped["confidence"].max().astype(float)
    events["docs"] = grouped["doc"].agg(lambda docs: "|".join(sorted(set(docs))))
    events = events.reset_index()[list(EVENT_COLUMNS)]
    return events.sort_values(["year", "date", "event_id"], na_position="last", kind="mergesort").reset_index(drop=True)
