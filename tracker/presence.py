"""Events -> presence intervals and an influence index per host country, period and bloc.

Model (docs/presence.md; weights in data/presence/weights.toml):
- Only asserted events count, each once (by event_id), and only dated ones can be placed.
- Forces presence of an actor in a host opens with a deployment and closes with the actor's
  withdrawal, or with the host's expulsion of that actor (or of its parent state). Each period
  it is open adds `forces` x the share of the period covered to the actor's bloc in the host.
- Military cooperation and arms transfers add `cooperation` in their year, decaying with
  `cooperation_half_life` for `cooperation_horizon` years.
- Diplomatic events add their signed weight in their period to the foreign bloc of the pair:
  a Russian visit to Mali adds to russia in MLI; Mali expelling the French ambassador subtracts
  from west in MLI (actor-relative: who leaves or is expelled loses).
index = presence + diplomacy; balance = russia - west.
"""
from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Callable

import pandas as pd

from tracker.errors import DictionaryError
from tracker.records import CONTRIBUTION_COLUMNS, INFLUENCE_COLUMNS, PRESENCE_COLUMNS

PRESENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "presence"
DEFAULT_WEIGHTS = {
    "presence": {"forces": 1.0, "cooperation": 0.4, "cooperation_half_life": 1.0, "cooperation_horizon": 3},
    "diplomacy": {"diplomatic_visit": 0.3, "agreement": 0.5, "support_statement": 0.2, "expulsion": -1.0,
                  "sanction": -0.6, "criticism": -0.2, "troop_withdrawal": -0.5, "troop_deployment": 0.0,
                  "military_cooperation": 0.0, "arms_transfer": 0.0, "coup": 0.0, "security_incident": 0.0},
}
FOREIGN = ("russia", "west")
OPENERS, CLOSERS = {"troop_deployment"}, {"troop_withdrawal", "expulsion"}
COOPERATION = {"military_cooperation", "arms_transfer"}
REFERENCE_COLUMNS = ("actor", "bloc", "host", "label", "start", "end", "source")


def load_weights(path: Path | None = None) -> dict:
    """Return the model's weights: the defaults overridden by the TOML file (unknown keys are errors)."""
    path = Path(path) if path else PRESENCE_DIR / "weights.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DictionaryError(str(path), "weights file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise DictionaryError(str(path), f"not valid TOML ({exc})") from None
    weights = {section: dict(values) for section, values in DEFAULT_WEIGHTS.items()}
    for section, values in data.items():
        for key, value in (values.items() if isinstance(values, dict) else [(None, values)]):
            if section not in weights or key not in weights[section]:
                raise DictionaryError(str(path), f"unknown key {section}.{key}")
            if not isinstance(value, (int, float)):
                raise DictionaryError(str(path), f"{section}.{key} must be a number")
            weights[section][key] = float(value)
    return weights


def _day(value) -> date | None:
    """Return the middle of a partial date's period (a year: 1 July), or None."""
    if not isinstance(value, str) or not value[:4].isdigit():
        return None
    parts = value.split("-")
    year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else 7
    return date(year, month, int(parts[2]) if len(parts) > 2 else (1 if len(parts) == 1 else 15))


def asserted_events(events: pd.DataFrame) -> pd.DataFrame:
    """Return the asserted, dated events, each event_id once."""
    if events.empty:
        return events.iloc[0:0]
    kept = events[(events["realis"] == "asserted") & events["date"].notna() & (events["date"] != "")]
    kept = kept.drop_duplicates("event_id").copy()
    kept["day"] = kept["date"].map(_day)
    return kept[kept["day"].notna()].sort_values(["day", "event_id"])


def presence_intervals(events: pd.DataFrame, weights: dict | None = None,
                       parent: Callable[[str], str] | None = None) -> pd.DataFrame:
    """Return forces presence intervals per (actor, host), with opening and closing event ids."""
    parent = parent or (lambda code: code)
    rows, open_ = [], {}
    for ev in asserted_events(events).itertuples():
        if not isinstance(ev.host, str) or not ev.host:
            continue
        if ev.event_type in OPENERS and (ev.actor, ev.host) not in open_:
            open_[(ev.actor, ev.host)] = {"actor": ev.actor, "bloc": ev.actor_bloc, "host": ev.host, "kind": "forces",
                                          "start": ev.date, "open_event_id": ev.event_id}
        elif ev.event_type in CLOSERS:
            leaving = ev.actor if ev.event_type == "troop_withdrawal" else ev.target
            for key in [k for k in open_ if k[1] == ev.host and parent(k[0]) in (leaving, parent(leaving))]:
                rows.append({**open_.pop(key), "end": ev.date, "close_event_id": ev.event_id, "status": "closed"})
    rows += [{**o, "end": None, "close_event_id": None, "status": "open"} for o in open_.values()]
    frame = pd.DataFrame(rows, columns=list(PRESENCE_COLUMNS))
    return frame.sort_values(["host", "actor", "start"]).reset_index(drop=True)


def _periods(first: int, last: int, kind: str) -> list[tuple[str, date, date]]:
    """Return (label, start, end) of every year or quarter from first to last year."""
    if kind == "year":
        return [(str(y), date(y, 1, 1), date(y, 12, 31)) for y in range(first, last + 1)]
    out = []
    for y in range(first, last + 1):
        for q in range(4):
            end = date(y, 3 * q + 3, 30 if q in (1, 2) else 31)
            out.append((f"{y}Q{q + 1}", date(y, 3 * q + 1, 1), end))
    return out


def _forces_rows(intervals: pd.DataFrame, weights: dict, kind: str, last_day: date) -> list[dict]:
    """Return presence contributions of forces intervals: weight x share of each period covered."""
    rows = []
    for iv in intervals.itertuples():
        start, end = _day(iv.start), _day(iv.end) if isinstance(iv.end, str) else last_day
        for label, lo, hi in _periods(start.year, end.year, kind):
            share = (min(hi, end) - max(lo, start)).days / ((hi - lo).days + 1)
            if share > 0:
                rows.append({"host": iv.host, "period": label, "bloc": iv.bloc, "event_id": iv.open_event_id,
                             "component": "presence", "contribution": weights["presence"]["forces"] * share,
                             "reason": f"forces:{iv.actor}"})
    return rows


def _foreign_blocs(events: pd.DataFrame) -> pd.Series:
    """Return per event the bloc of its foreign party (the actor's when neither party is foreign)."""
    actor_side = events["actor_bloc"].isin(FOREIGN) | ~events["target_bloc"].isin(FOREIGN)
    return events["actor_bloc"].where(actor_side, events["target_bloc"])


def _periods_of(days: pd.Series, kind: str) -> pd.Series:
    years = days.map(lambda d: d.year)
    if kind == "year":
        return years.astype(str)
    return years.astype(str) + "Q" + days.map(lambda d: (d.month - 1) // 3 + 1).astype(str)


def _cooperation_rows(events: pd.DataFrame, weights: dict, kind: str) -> pd.DataFrame:
    """Return decaying presence contributions of cooperation and arms transfers."""
    p = weights["presence"]
    coop = events[events["event_type"].isin(COOPERATION)]
    frames = []
    for years in range(int(p["cooperation_horizon"]) + 1):
        value = p["cooperation"] * 0.5 ** (years / p["cooperation_half_life"]) if p["cooperation_half_life"] else 0.0
        days = coop["day"] if years == 0 else coop["day"].map(lambda d, n=years: date(d.year + n, 7, 1))
        frames.append(pd.DataFrame({"host": coop["host"], "period": _periods_of(days, kind),
                                    "bloc": _foreign_blocs(coop), "event_id": coop["event_id"],
                                    "component": "presence", "contribution": value,
                                    "reason": coop["event_type"] + f":decay{years}"}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _diplomacy_rows(events: pd.DataFrame, weights: dict, kind: str) -> pd.DataFrame:
    """Return the signed diplomatic contribution of each event to the foreign bloc of its pair."""
    weight = events["event_type"].map(weights["diplomacy"]).fillna(0.0)
    kept = events[weight != 0]
    return pd.DataFrame({"host": kept["host"], "period": _periods_of(kept["day"], kind), "bloc": _foreign_blocs(kept),
                         "event_id": kept["event_id"], "component": "diplomacy", "contribution": weight[weight != 0],
                         "reason": kept["event_type"]})


def influence_contributions(events: pd.DataFrame, weights: dict | None = None, period_kind: str = "year",
                            parent: Callable[[str], str] | None = None) -> pd.DataFrame:
    """Return one row per (host, period, bloc, event, component) with its signed contribution."""
    weights = weights or load_weights()
    kept = asserted_events(events)
    kept = kept[kept["host"].notna() & (kept["host"] != "")] if len(kept) else kept
    if kept.empty:
        return pd.DataFrame(columns=list(CONTRIBUTION_COLUMNS))
    last_day = date(max(d.year for d in kept["day"]), 12, 31)
    intervals = presence_intervals(kept, weights, parent)
    frame = pd.concat([pd.DataFrame(_forces_rows(intervals, weights, period_kind, last_day)),
                       _cooperation_rows(kept, weights, period_kind), _diplomacy_rows(kept, weights, period_kind)],
                      ignore_index=True)
    if frame.empty:
        return pd.DataFrame(columns=list(CONTRIBUTION_COLUMNS))
    frame["period_kind"] = period_kind
    frame["year"] = frame["period"].str[:4].astype(int)
    frame["contribution"] = frame["contribution"].round(6)
    return frame[list(CONTRIBUTION_COLUMNS)].sort_values(["host", "period", "bloc", "event_id", "component"]) \
        .reset_index(drop=True)


def influence_index(contributions: pd.DataFrame) -> pd.DataFrame:
    """Return the index per (host, period, bloc): presence + diplomacy, with the events behind it."""
    if contributions.empty:
        return pd.DataFrame(columns=list(INFLUENCE_COLUMNS))
    keys = ["host", "period", "period_kind", "year", "bloc"]
    wide = contributions.pivot_table(index=keys, columns="component", values="contribution", aggfunc="sum",
                                     fill_value=0.0).reset_index()
    for component in ("presence", "diplomacy"):
        if component not in wide:
            wide[component] = 0.0
    wide["index"] = wide["presence"] + wide["diplomacy"]
    wide["n_events"] = wide.set_index(keys).index.map(contributions.groupby(keys)["event_id"].nunique())
    wide[["presence", "diplomacy", "index"]] = wide[["presence", "diplomacy", "index"]].round(4)
    return wide[list(INFLUENCE_COLUMNS)].sort_values(keys).reset_index(drop=True)


def balance(influence: pd.DataFrame) -> pd.DataFrame:
    """Return russia minus west index per (host, period): > 0 leans Russian, < 0 Western."""
    if influence.empty:
        return pd.DataFrame(columns=["host", "period", "period_kind", "year", "balance"])
    wide = influence.pivot_table(index=["host", "period", "period_kind", "year"], columns="bloc", values="index",
                                 aggfunc="sum", fill_value=0.0)
    wide["balance"] = wide.get("russia", 0.0) - wide.get("west", 0.0)
    return wide["balance"].round(4).reset_index()


def explain(contributions: pd.DataFrame, host: str, period: str, bloc: str) -> pd.DataFrame:
    """Return the contributions behind one index value, largest absolute first."""
    rows = contributions[(contributions["host"] == host) & (contributions["period"] == str(period))
                         & (contributions["bloc"] == bloc)]
    return rows.reindex(rows["contribution"].abs().sort_values(ascending=False).index)


def presence_tables(events: pd.DataFrame, weights: dict | None = None,
                    parent: Callable[[str], str] | None = None) -> dict[str, pd.DataFrame]:
    """Return the tables the build writes: presence, influence (years and quarters), contributions."""
    weights = weights or load_weights()
    contributions = pd.concat([influence_contributions(events, weights, kind, parent) for kind in ("year", "quarter")],
                              ignore_index=True)
    if contributions.empty:
        contributions = pd.DataFrame(columns=list(CONTRIBUTION_COLUMNS))
    return {"presence": presence_intervals(events, weights, parent), "influence": influence_index(contributions),
            "contributions": contributions}


def load_reference_periods(path: Path | None = None) -> pd.DataFrame:
    """Return the sourced reference presences (a layer and a sanity check, never extracted data)."""
    path = Path(path) if path else PRESENCE_DIR / "reference_periods.csv"
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise DictionaryError(str(path), "reference periods file not found") from None
    missing = [c for c in REFERENCE_COLUMNS if c not in frame.columns]
    if missing:
        raise DictionaryError(str(path), f"missing column(s): {', '.join(missing)}")
    return frame


def reference_check(presence: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Return each reference period with whether the model shows that bloc present in that host then."""
    def found(ref) -> bool:
        same = presence[(presence["host"] == ref.host) & (presence["bloc"] == ref.bloc)]
        ref_start, ref_end = ref.start or "0000", ref.end or "9999"
        return bool(((same["start"].fillna("0000") <= ref_end) & (same["end"].fillna("9999") >= ref_start)).any())
    out = reference.copy()
    out["modelled"] = [found(r) for r in reference.itertuples()] if len(reference) else []
    return out
