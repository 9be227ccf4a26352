"""Helpers shared by the dashboard tests: a synthetic data folder and a reference filter in pandas.

The generator is `tracker.synthetic` (the bench uses it too). `reference_events` re-implements
the documented filter semantics with plain pandas, independently of tracker.query's SQL, so the
tests compare two implementations rather than one with itself.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from tracker import synthetic
from tracker.query import Filters

FOREIGN = ("russia", "west")


def write_dataset(folder: Path, n_events: int = 1500, seed: int = 11) -> Path:
    """Write a complete synthetic dataset (all tables) into folder and return it."""
    synthetic.write(synthetic.tables(n_events, seed), folder)
    return folder


def read_events(folder: Path) -> pd.DataFrame:
    """Return events.csv of a data folder, with its derived bloc (the event's foreign side)."""
    events = pd.read_csv(folder / "events.csv", dtype={"event_id": str, "date": str})
    actor_foreign = events["actor_bloc"].isin(FOREIGN)
    target_foreign = events["target_bloc"].isin(FOREIGN)
    events["bloc"] = events["actor_bloc"].where(actor_foreign, events["target_bloc"].where(target_foreign,
                                                                                            events["actor_bloc"]))
    return events


def reference_events(events: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Return the events the filters select, computed with pandas from the documented rules."""
    keep = pd.Series(True, index=events.index)
    if f.years is not None:
        keep &= events["year"].between(f.years[0], f.years[1]).fillna(False).astype(bool)
    if f.actors:
        keep &= events["actor"].isin(f.actors) | events["target"].isin(f.actors)
    for column, values in (("bloc", f.blocs), ("event_type", f.types), ("host", f.hosts), ("realis", f.realis)):
        if values:
            keep &= events[column].isin(values)
    return events[keep & (events["n_sources"] >= f.min_sources)]
