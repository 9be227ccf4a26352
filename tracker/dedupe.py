"""Mentions -> events: one stable `event_id` per real-world event, within and across articles.

Two mentions are one event when their parties (an organisation counts with its parent state:
WAGNER with RUS), their type and their date bucket agree. The bucket is the year, split by month
when mentions give different months; an undated mention joins the dated event of the same parties
and type closest to its article's publication. Repeats inside one article fold into one mention
row (a report is a document, not a sentence), so ten articles about one visit are one event with
ten mentions.
"""
from __future__ import annotations

import hashlib
from typing import Callable

import pandas as pd

from tracker.records import EVENT_COLUMNS, MENTION_COLUMNS

REALIS_RANK = {"asserted": 0, "announced": 1, "speculated": 2, "denied": 3}
KEY = ["party_a", "party_b", "event_type"]
JOIN_YEARS = 2  # an undated report joins a dated event of the same parties at most this far from its publication


def _year(value) -> int | None:
    return int(value[:4]) if isinstance(value, str) and value[:4].isdigit() else None


def _month(value) -> str | None:
    return value[:7] if isinstance(value, str) and len(value) >= 7 else None


def _precision(value) -> int:
    return len(value) if isinstance(value, str) else 0


def stable_id(*parts) -> str:
    """Return a 12-hex-digit hash of the parts (same content, same id, on every rebuild)."""
    text = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _with_keys(mentions: pd.DataFrame, parent: Callable[[str], str]) -> pd.DataFrame:
    """Return mentions with the grouping columns: parent parties, year, publication year."""
    out = mentions.copy()
    out["party_a"] = out["actor"].map(parent)
    out["party_b"] = out["target"].map(parent)
    out["year"] = out["date"].map(_year)
    out["pub_year"] = out["published"].map(_year)
    return out


def _assign_years(group: pd.DataFrame) -> pd.Series:
    """Return each mention's year bucket: its own; for an undated one, the dated year nearest its
    publication (within JOIN_YEARS), else its publication year."""
    known = sorted({int(y) for y in group["year"] if y is not None and not pd.isna(y)})

    def bucket(row):
        if row.year is not None and not pd.isna(row.year):
            return str(int(row.year))
        if row.pub_year is None or pd.isna(row.pub_year):
            return str(known[-1]) if known else ""
        near = [y for y in known if abs(y - row.pub_year) <= JOIN_YEARS]
        return str(min(near, key=lambda y: (abs(y - row.pub_year), -y))) if near else f"p{int(row.pub_year)}"
    return pd.Series([bucket(r) for r in group.itertuples()], index=group.index, dtype=object)


def _assign_months(group: pd.DataFrame) -> pd.Series:
    """Return each mention's month bucket inside its year ('' when one month or none is known)."""
    months = group["date"].map(_month)
    known = months.dropna()
    if known.nunique() <= 1:
        return pd.Series([""] * len(group), index=group.index)
    main = known.value_counts().sort_index().idxmax()
    return months.fillna(main)


def _buckets(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Return frame with `bucket_year` and `bucket_month` assigned group by group."""
    frame = frame.copy()
    frame["bucket_year"] = None
    frame["bucket_month"] = ""
    for _, group in frame.groupby(by, sort=True, dropna=False):
        years = _assign_years(group)
        frame.loc[group.index, "bucket_year"] = years
        for _, same_year in group.groupby(years, sort=True):
            frame.loc[same_year.index, "bucket_month"] = _assign_months(same_year)
    return frame


def _fold_article(frame: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (article, event, realis): the most confident sentence, with a count."""
    frame = frame.sort_values(["doc", "sentence_index", "confidence"], ascending=[True, True, False])
    keys = ["doc"] + KEY + ["bucket_year_key", "realis"]
    frame["bucket_year_key"] = frame["bucket_year"].map(lambda y: "" if y is None or y != y else str(y))
    frame["_precision"] = frame["date"].map(_precision)
    best = frame.sort_values(["confidence", "_precision", "sentence_index"], ascending=[False, False, True])
    folded = best.groupby(keys, sort=False, dropna=False).head(1).copy()
    grouped = frame.groupby(keys, dropna=False)
    folded["sentence_count"] = folded.set_index(keys).index.map(grouped.size())
    folded["date"] = folded.set_index(keys).index.map(grouped["date"].agg(_finest_date))
    return folded.drop(columns=["bucket_year_key", "_precision"])


def _finest_date(dates: pd.Series):
    """Return the most precise of the dates a group of mentions gives (None when none does)."""
    given = [d for d in dates if isinstance(d, str) and d]
    return max(given, key=lambda d: (len(d), d)) if given else None


def _event_ids(frame: pd.DataFrame) -> pd.Series:
    """Return the stable event id of each mention from its parties, type and date bucket."""
    return pd.Series(
        [stable_id(r.party_a, r.party_b, r.event_type, r.bucket_year, r.bucket_month)
         for r in frame.itertuples()], index=frame.index)


def assign_event_ids(mentions: pd.DataFrame, parent: Callable[[str], str] = str) -> pd.DataFrame:
    """Return mentions folded per article, each with its `event_id` (MENTION_COLUMNS order)."""
    if mentions.empty:
        return pd.DataFrame(columns=list(MENTION_COLUMNS))
    frame = _buckets(_with_keys(mentions, parent), ["doc"] + KEY)
    frame = _buckets(_fold_article(frame).drop(columns=["bucket_year", "bucket_month"]), KEY)
    frame["event_id"] = _event_ids(frame)
    frame = frame.sort_values(["doc", "sentence_index", "event_type", "actor", "target", "realis"])
    return frame[list(MENTION_COLUMNS)].reset_index(drop=True)


def _most_common(values: pd.Series):
    """Return the most frequent non-null value (ties: the first in sorted order)."""
    counts = values.dropna().value_counts()
    if counts.empty:
        return None
    top = counts[counts == counts.max()].index
    return sorted(top)[0]


def _event_date(dates: pd.Series):
    """Return the most precise date its mentions give (most frequent among the most precise)."""
    given = dates.dropna()
    if given.empty:
        return None
    longest = given.map(len).max()
    return _most_common(given[given.map(len) == longest])


def _event_row(group: pd.DataFrame, sources: dict[str, str]) -> dict:
    """Return one events.csv row from the mentions of one event."""
    best = group.sort_values(["confidence", "sentence_index"], ascending=[False, True]).iloc[0]
    asserted = group[group["realis"] == "asserted"]
    realis = "asserted" if len(asserted) else min(group["realis"], key=REALIS_RANK.get)
    date = _event_date((asserted if len(asserted) else group)["date"])
    published = group["published"].dropna()
    return {
        "event_id": best["event_id"], "actor": _most_common(group["actor"]),
        "target": _most_common(group["target"]), "event_type": best["event_type"],
        "date": date, "year": _year(date), "host": _most_common(group["host"]), "realis": realis,
        "actor_bloc": _most_common(group["actor_bloc"]), "target_bloc": _most_common(group["target_bloc"]),
        "n_mentions": len(group), "n_sources": len({sources.get(d, d) for d in group["doc"]}),
        "n_asserted": len(asserted),
        "first_reported": published.min() if len(published) else None,
        "last_reported": published.max() if len(published) else None,
        "confidence": float(group["confidence"].max()), "docs": "|".join(sorted(set(group["doc"]))),
        "evidence": best["sentence"], "rule": best["rule"],
    }


def mentions_to_events(mentions: pd.DataFrame, outlets: dict[str, str] | None = None) -> pd.DataFrame:
    """Return one row per event (EVENT_COLUMNS) from mentions carrying event ids."""
    if mentions.empty:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    sources = {doc: outlet for doc, outlet in (outlets or {}).items() if outlet}
    rows = [_event_row(group, sources) for _, group in mentions.groupby("event_id", sort=True)]
    events = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    events["year"] = events["year"].astype("Int64")
    return events.sort_values(["year", "date", "event_id"], na_position="last").reset_index(drop=True)
