"""The presence and influence model, on event tables built here (not on the seed articles)."""
from __future__ import annotations

import pandas as pd

from tracker.presence import (balance, explain, influence_contributions, influence_index, load_reference_periods,
                              load_weights, presence_intervals, presence_tables, reference_check)
from tracker.records import CONTRIBUTION_COLUMNS, EVENT_COLUMNS, INFLUENCE_COLUMNS, PRESENCE_COLUMNS

BLOC = {"RUS": "russia", "WAGNER": "russia", "FRA": "west", "USA": "west", "MLI": "regional", "NER": "regional"}


def event(event_id, actor, target, kind, date, host="MLI", realis="asserted"):
    row = dict.fromkeys(EVENT_COLUMNS, None)
    row.update(event_id=event_id, actor=actor, target=target, event_type=kind, date=date, host=host, realis=realis,
               actor_bloc=BLOC[actor], target_bloc=BLOC[target], year=int(date[:4]))
    return row


def events(*rows):
    return pd.DataFrame(list(rows), columns=list(EVENT_COLUMNS))


def index_of(frame, host, period, bloc):
    influence = influence_index(influence_contributions(frame))
    rows = influence[(influence.host == host) & (influence.period == period) & (influence.bloc == bloc)]
    return float(rows["index"].sum())


def test_deployment_then_withdrawal_gives_a_closed_interval():
    out = presence_intervals(events(event("e1", "FRA", "MLI", "troop_deployment", "2013-01"),
                                    event("e2", "FRA", "MLI", "troop_withdrawal", "2022-08")))
    assert out[["actor", "start", "end", "open_event_id", "close_event_id", "status"]].values.tolist() == \
        [["FRA", "2013-01", "2022-08", "e1", "e2", "closed"]]


def test_denied_deployment_gives_nothing():
    frame = events(event("e1", "RUS", "NER", "troop_deployment", "2023-09", host="NER", realis="denied"))
    assert presence_intervals(frame).empty and influence_contributions(frame).empty


def test_ten_reports_of_one_event_weigh_as_one():
    one = events(event("v", "RUS", "MLI", "diplomatic_visit", "2023-02"))
    ten = events(*[event("v", "RUS", "MLI", "diplomatic_visit", "2023-02") for _ in range(10)])
    assert index_of(one, "MLI", "2023", "russia") == index_of(ten, "MLI", "2023", "russia") > 0


def test_expelling_the_french_ambassador_lowers_the_west_in_that_country():
    base = [event("d", "FRA", "MLI", "troop_deployment", "2014-08"), event("v", "RUS", "NER", "diplomatic_visit", "2023-06")]
    before = index_of(events(*base), "MLI", "2023", "west")
    after = index_of(events(*base, event("x", "MLI", "FRA", "expulsion", "2023-01")), "MLI", "2023", "west")
    assert after < before


def test_withdrawal_is_a_loss_for_the_bloc_that_leaves():
    base = [event("d", "FRA", "MLI", "troop_deployment", "2014-08"), event("v", "RUS", "NER", "diplomatic_visit", "2023-01")]
    stay = index_of(events(*base), "MLI", "2022", "west")
    leave = index_of(events(*base, event("w", "FRA", "MLI", "troop_withdrawal", "2022-08")), "MLI", "2022", "west")
    assert leave < stay and index_of(events(*base, event("w", "FRA", "MLI", "troop_withdrawal", "2022-08")),
                                     "MLI", "2022", "russia") == 0


def test_cooperation_decays_over_the_years():
    frame = events(event("c", "RUS", "MLI", "military_cooperation", "2020-03"))
    values = [index_of(frame, "MLI", str(year), "russia") for year in (2020, 2021, 2022)]
    assert values[0] > values[1] > values[2] > 0


def test_changing_the_weights_file_changes_the_index(tmp_path):
    path = tmp_path / "weights.toml"
    path.write_text("[diplomacy]\ndiplomatic_visit = 2.0\n", encoding="utf-8")
    frame = events(event("v", "RUS", "MLI", "diplomatic_visit", "2023-02"))
    default = influence_index(influence_contributions(frame, load_weights()))
    changed = influence_index(influence_contributions(frame, load_weights(path)))
    assert changed["index"].sum() > default["index"].sum()


def test_quarters_when_dates_allow():
    frame = events(event("v", "RUS", "MLI", "diplomatic_visit", "2023-05-02"))
    quarters = influence_contributions(frame, period_kind="quarter")
    assert quarters["period"].tolist() == ["2023Q2"]


def test_explain_sums_to_the_index_value():
    frame = events(event("d", "RUS", "MLI", "troop_deployment", "2021-12"), event("v", "RUS", "MLI", "diplomatic_visit", "2023-02"))
    contributions = influence_contributions(frame)
    influence = influence_index(contributions)
    value = influence[(influence.period == "2023") & (influence.bloc == "russia")]["index"].iloc[0]
    assert abs(explain(contributions, "MLI", "2023", "russia")["contribution"].sum() - value) < 1e-3


def test_balance_is_russia_minus_west():
    frame = events(event("v", "RUS", "MLI", "diplomatic_visit", "2023-02"), event("x", "MLI", "FRA", "expulsion", "2023-01"))
    row = balance(influence_index(influence_contributions(frame)))
    assert row["balance"].iloc[0] > 0


def test_reference_check_finds_a_modelled_presence():
    presence = presence_intervals(events(event("d", "WAGNER", "MLI", "troop_deployment", "2021-12")))
    checked = reference_check(presence, load_reference_periods())
    assert checked[(checked.actor == "WAGNER") & (checked.host == "MLI")]["modelled"].all()
    assert not checked[checked.host == "NER"]["modelled"].any()


def test_empty_input_gives_empty_tables_with_the_right_columns():
    tables = presence_tables(events())
    assert list(tables["presence"].columns) == list(PRESENCE_COLUMNS) and tables["presence"].empty
    assert list(tables["influence"].columns) == list(INFLUENCE_COLUMNS) and tables["influence"].empty
    assert list(tables["contributions"].columns) == list(CONTRIBUTION_COLUMNS) and tables["contributions"].empty


def test_docs_list_every_weight_key():
    from pathlib import Path

    doc = (Path(__file__).parent.parent / "docs" / "presence.md").read_text(encoding="utf-8")
    for section, keys in load_weights().items():
        for key in keys:
            assert f"`{section}.{key}`" in doc, f"{section}.{key} undocumented"
