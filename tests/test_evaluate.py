"""The scorer implements FORMAT.md: checked on small hand-computed cases."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tracker.errors import InputError
from tracker.evaluate import Gold, load_gold, score


def gold(*events, negatives=()):
    return Gold(documents=[], events=[dict(e) for e in events], negatives=list(negatives))


def g(doc, actor, target, kind, **extra):
    return {"doc": doc, "actor": actor, "target": target, "type": kind, "date": extra.pop("date", None),
            "cluster": extra.pop("cluster", f"{actor}-{target}-{kind}"), **extra}


def preds(*rows, realis=True):
    columns = ["doc", "actor", "target", "event_type", "date", "event_id", "realis", "evidence"]
    frame = pd.DataFrame([dict(zip(columns, r)) for r in rows], columns=columns)
    return frame if realis else frame.drop(columns=["realis"])


def p(doc, actor, target, kind, date="", event_id="", realis="asserted", evidence=""):
    return (doc, actor, target, kind, date, event_id, realis, evidence)


def test_precision_recall_f1_by_hand():
    gs = gold(g("d", "RUS", "MLI", "diplomatic_visit"), g("d", "FRA", "MLI", "troop_withdrawal"))
    s = score(gs, preds(p("d", "RUS", "MLI", "diplomatic_visit"), p("d", "USA", "MLI", "sanction")))
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)


def test_alternatives_match():
    gs = gold(g("d", "WAGNER", "MLI", "troop_deployment", alt_actors=["RUS"]),
              g("d", "MLI", "RUS", "diplomatic_visit", alt_pairs=[["RUS", "MLI"]]),
              g("d", "RUS", "MLI", "arms_transfer", alt_types=["military_cooperation"]))
    s = score(gs, preds(p("d", "RUS", "MLI", "troop_deployment"), p("d", "RUS", "MLI", "diplomatic_visit"),
                        p("d", "RUS", "MLI", "military_cooperation")))
    assert s.matched_required == 3 and s.precision == 1.0


def test_optional_gold_neither_rewards_nor_punishes():
    gs = gold(g("d", "RUS", "MLI", "diplomatic_visit"), g("d", "RUS", "CAF", "military_cooperation", optional=True))
    with_optional = score(gs, preds(p("d", "RUS", "MLI", "diplomatic_visit"), p("d", "RUS", "CAF", "military_cooperation")))
    without = score(gs, preds(p("d", "RUS", "MLI", "diplomatic_visit")))
    assert (with_optional.precision, with_optional.recall) == (without.precision, without.recall) == (1.0, 1.0)


def test_each_gold_matches_one_prediction():
    gs = gold(g("d", "MLI", "MLI", "coup"))
    s = score(gs, preds(p("d", "MLI", "MLI", "coup"), p("d", "MLI", "MLI", "coup")))
    assert s.precision == 0.5 and s.recall == 1.0


def test_an_ambiguous_prediction_is_not_wasted_on_optional_gold():
    gs = gold(g("d", "RUS", "MLI", "arms_transfer", alt_types=["military_cooperation"]),
              g("d", "RUS", "MLI", "military_cooperation", optional=True))
    s = score(gs, preds(p("d", "RUS", "MLI", "military_cooperation"), p("d", "RUS", "MLI", "arms_transfer")))
    assert s.precision == 1.0 and s.recall == 1.0 and s.matched_optional == 1


def test_only_asserted_rows_are_scored():
    gs = gold(g("d", "FRA", "NER", "troop_withdrawal"))
    s = score(gs, preds(p("d", "FRA", "NER", "troop_withdrawal", realis="announced")))
    assert s.n_predictions == 0 and s.recall == 0.0
    assert score(gs, preds(p("d", "FRA", "NER", "troop_withdrawal"), realis=False)).recall == 1.0


def test_date_exact_and_year():
    gs = gold(g("d", "A", "B", "coup", date="2022-05"), g("d", "C", "D", "coup", date="2022-05"),
              g("d", "E", "F", "coup", date="2021"))
    s = score(gs, preds(p("d", "A", "B", "coup", "2022-05-20"), p("d", "C", "D", "coup", "2022"),
                        p("d", "E", "F", "coup", "2020")))
    assert (s.date_exact, s.date_year) == (round(1 / 3, 4), round(2 / 3, 4))


def test_dedup_precision_and_recall_over_pairs():
    gs = gold(g("a", "FRA", "MLI", "troop_withdrawal", cluster="x"), g("b", "FRA", "MLI", "troop_withdrawal", cluster="x"),
              g("c", "RUS", "MLI", "diplomatic_visit", cluster="y"))
    s = score(gs, preds(p("a", "FRA", "MLI", "troop_withdrawal", event_id="1"),
                        p("b", "FRA", "MLI", "troop_withdrawal", event_id="2"),
                        p("c", "RUS", "MLI", "diplomatic_visit", event_id="2")))
    assert s.dedup_recall == 0.0 and s.dedup_precision == 0.0
    s = score(gs, preds(p("a", "FRA", "MLI", "troop_withdrawal", event_id="1"),
                        p("b", "FRA", "MLI", "troop_withdrawal", event_id="1"),
                        p("c", "RUS", "MLI", "diplomatic_visit", event_id="3")))
    assert (s.dedup_precision, s.dedup_recall) == (1.0, 1.0)


def test_asserted_prediction_from_a_negative_is_reported():
    negative = {"doc": "d", "sentence": "Russia may send troops to Niger", "why": "hedge"}
    gs = gold(g("d", "RUS", "MLI", "diplomatic_visit"), negatives=[negative])
    s = score(gs, preds(p("d", "RUS", "NER", "troop_deployment", evidence="Russia may send troops to Niger")))
    assert [n["predicted"] for n in s.negatives_hit] == ["RUS>NER troop_deployment"]


def test_malformed_gold_names_the_file(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"events": [{"doc": "d"}]}), encoding="utf-8")
    with pytest.raises(InputError, match="gold.json"):
        load_gold(path)


def test_every_development_and_held_out_gold_matches_its_articles():
    """dev/check_gold.py: spans are in the articles, codes, types and dates are FORMAT.md's."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "dev" / "check_gold.py"
    spec = importlib.util.spec_from_file_location("check_gold", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folders = sorted(p.parent for p in path.parent.glob("*/gold.json"))
    assert folders and not [problem for folder in folders for problem in module.check(folder)]
