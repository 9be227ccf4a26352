"""Mentions -> events: stable ids, folding within an article, merging across articles."""
from __future__ import annotations

import pandas as pd

from tracker.dedupe import assign_event_ids, mentions_to_events, stable_id
from tracker.records import EVENT_COLUMNS, MENTION_COLUMNS

PARENT = {"WAGNER": "RUS"}.get


def mention(doc, actor, target, event_type, date, sentence_index=0, realis="asserted", published="2023-02"):
    row = dict.fromkeys(MENTION_COLUMNS, None)
    row.update(doc=doc, actor=actor, target=target, event_type=event_type, date=date, realis=realis,
               sentence_index=sentence_index, sentence=f"{doc} sentence {sentence_index}", confidence=0.8,
               rule="r", published=published, actor_bloc="russia", target_bloc="regional", host=target)
    return row


def frame(*rows):
    return pd.DataFrame(list(rows), columns=list(MENTION_COLUMNS))


def ids(rows):
    return assign_event_ids(frame(*rows), parent=lambda c: PARENT(c, c))


def test_ten_reports_of_one_visit_are_one_event_with_ten_sources():
    out = ids([mention(f"d{i}", "RUS", "MLI", "diplomatic_visit", "2023-02-07") for i in range(10)])
    events = mentions_to_events(out, {f"d{i}": f"outlet{i}" for i in range(10)})
    assert out["event_id"].nunique() == 1
    assert events.loc[0, "n_mentions"] == 10 and events.loc[0, "n_sources"] == 10


def test_sources_count_outlets_not_articles():
    out = ids([mention("a", "RUS", "MLI", "diplomatic_visit", "2023-02"),
               mention("b", "RUS", "MLI", "diplomatic_visit", "2023-02")])
    events = mentions_to_events(out, {"a": "RFI", "b": "RFI"})
    assert events.loc[0, "n_mentions"] == 2 and events.loc[0, "n_sources"] == 1


def test_repeats_inside_one_article_fold_into_one_mention():
    out = ids([mention("a", "FRA", "MLI", "troop_withdrawal", "2022", 1),
               mention("a", "FRA", "MLI", "troop_withdrawal", None, 5)])
    assert len(out) == 1 and out.loc[0, "sentence_count"] == 2 and out.loc[0, "date"] == "2022"


def test_different_years_are_different_events():
    out = ids([mention("a", "MLI", "MLI", "coup", "2012"), mention("b", "MLI", "MLI", "coup", "2020-08")])
    assert out["event_id"].nunique() == 2


def test_undated_mention_joins_the_event_nearest_its_publication():
    out = ids([mention("a", "MLI", "MLI", "coup", "2012", 1), mention("a", "MLI", "MLI", "coup", "2020-08", 2),
               mention("b", "MLI", "MLI", "coup", None, 3, published="2020-08")])
    by_doc = out.set_index(["doc", "date"])["event_id"]
    assert out[out["doc"] == "b"]["event_id"].iloc[0] == by_doc[("a", "2020-08")]


def test_an_organisation_merges_with_its_parent_state():
    out = ids([mention("a", "WAGNER", "MLI", "troop_deployment", "2022"),
               mention("b", "RUS", "MLI", "troop_deployment", "2022")])
    assert out["event_id"].nunique() == 1


def test_two_months_of_one_year_are_two_events():
    out = ids([mention("a", "RUS", "MLI", "diplomatic_visit", "2023-02"),
               mention("b", "RUS", "MLI", "diplomatic_visit", "2023-07")])
    assert out["event_id"].nunique() == 2


def test_ids_are_stable_and_do_not_depend_on_row_order():
    rows = [mention("a", "RUS", "MLI", "diplomatic_visit", "2023-02"), mention("b", "FRA", "MLI", "expulsion", "2023")]
    assert sorted(ids(rows)["event_id"]) == sorted(ids(rows[::-1])["event_id"])
    assert stable_id("RUS", "MLI") == stable_id("RUS", "MLI") != stable_id("MLI", "RUS")


def test_event_is_asserted_when_any_mention_asserts_it():
    out = ids([mention("a", "RUS", "NER", "troop_deployment", "2024", realis="denied"),
               mention("b", "RUS", "NER", "troop_deployment", "2024")])
    events = mentions_to_events(out)
    assert events.loc[0, "realis"] == "asserted" and events.loc[0, "n_asserted"] == 1


def test_empty_input_gives_empty_tables_with_the_columns():
    assert list(ids([]).columns) == list(MENTION_COLUMNS)
    assert list(mentions_to_events(ids([])).columns) == list(EVENT_COLUMNS)


def test_two_months_within_one_article_are_two_events_and_undated_mentions_join_one():
    out = ids([mention("a", "USA", "NER", "diplomatic_visit", "2023-03", 0),
               mention("a", "USA", "NER", "diplomatic_visit", "2023-08-07", 4),
               mention("a", "USA", "NER", "diplomatic_visit", None, 6),
               mention("a", "USA", "NER", "diplomatic_visit", "2023-08", 7)])
    assert out["event_id"].nunique() == 2  # Blinken in March, Nuland in August
    assert len(out) == 2  # the undated and the second August mention fold into the August one
