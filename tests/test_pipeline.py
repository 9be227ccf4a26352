"""The build end to end: seed evaluation, idempotence, bad input, the presence it shows."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tracker import patterns
from tracker.cli import main
from tracker.errors import DictionaryError
from tracker.evaluate import load_gold, load_predictions, score
from tracker.pipeline import OUTPUT_FILES, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "eval" / "seeds_gold.json"
FRENCH_DEV = ROOT / "dev" / "fr"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed_build")
    build(SEEDS, out)
    return out


@pytest.mark.skipif(not GOLD.exists(), reason="shared/eval/seeds_gold.json is not beside the repository")
def test_seed_evaluation_meets_the_bar(seed_build):
    scores = score(load_gold(GOLD), load_predictions(seed_build / "mentions.csv"))
    assert scores.f1 >= 0.80 and scores.precision >= 0.85, (scores.precision, scores.recall)
    assert not scores.negatives_hit


@pytest.mark.skipif(not (FRENCH_DEV / "gold.json").exists(), reason="no French development set")
def test_french_development_set_meets_the_bar(tmp_path):
    build(FRENCH_DEV, tmp_path)
    scores = score(load_gold(FRENCH_DEV / "gold.json"), load_predictions(tmp_path / "mentions.csv"))
    assert scores.f1 >= 0.75, (scores.precision, scores.recall)


def test_every_table_is_written(seed_build):
    assert sorted(p.name for p in seed_build.iterdir()) == sorted(OUTPUT_FILES)


def test_rebuilding_gives_identical_bytes(seed_build, tmp_path):
    build(SEEDS, tmp_path)
    for name in OUTPUT_FILES:
        assert (tmp_path / name).read_bytes() == (seed_build / name).read_bytes(), name


def test_every_event_row_carries_its_evidence(seed_build):
    mentions = pd.read_csv(seed_build / "mentions.csv", keep_default_na=False)
    assert len(mentions) and (mentions["sentence"] != "").all() and (mentions["rule"] != "").all()
    assert all(e in s for e, s in zip(mentions["evidence"], mentions["sentence"]))


def test_seed_model_shows_the_west_falling_in_mali_and_russia_rising(seed_build):
    influence = pd.read_csv(seed_build / "influence.csv")
    mali = influence[(influence.host == "MLI") & (influence.period_kind == "year")]
    west = mali[mali.bloc == "west"].set_index("year")["index"]
    russia = mali[mali.bloc == "russia"].set_index("year")["index"]
    assert west.get(2023, 0) < west.get(2022, 0) <= 0
    assert russia.get(2022, 0) > russia.get(2021, 0) > 0
    presence = pd.read_csv(seed_build / "presence.csv")
    assert ((presence.host == "MLI") & (presence.bloc == "russia") & (presence.start.str[:4] >= "2021")).any()


def test_one_bad_article_never_stops_a_build(tmp_path):
    source = tmp_path / "in"
    shutil.copytree(SEEDS, source)
    (source / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    (source / "empty.txt").write_text("", encoding="utf-8")
    summary = build(source, tmp_path / "out")
    assert summary.articles_read == 5 and summary.articles_skipped == 2
    assert {p.path for p in summary.problems if p.skipped} == {"broken.txt", "empty.txt"}


def test_a_broken_pattern_file_stops_the_build_naming_it(tmp_path, monkeypatch):
    folder = tmp_path / "patterns"
    shutil.copytree(patterns.PATTERN_DIR, folder)
    with (folder / "fr.csv").open("a", encoding="utf-8") as handle:
        handle.write("broken_fr,criticism,a{0,3},criticise,,,,0.7,an unquoted comma\n")
    monkeypatch.setattr(patterns, "PATTERN_DIR", folder)
    patterns._default_patterns.cache_clear()
    try:
        source = tmp_path / "in"
        source.mkdir()
        (source / "a.jsonl").write_text(json.dumps({"doc": "a", "text": "La France a condamné le Mali.",
                                                    "language": "fr"}) + "\n", encoding="utf-8")
        with pytest.raises(DictionaryError, match="fr.csv"):  # never a silent fall back to English
            build(source, tmp_path / "out", workers=1)
    finally:
        patterns._default_patterns.cache_clear()


def test_cli_build_and_evaluate(tmp_path, capsys):
    assert main(["build", "--input", str(SEEDS), "--out", str(tmp_path), "--quiet"]) == 0
    assert "read 5 article(s)" in capsys.readouterr().out
    if GOLD.exists():
        assert main(["evaluate", str(GOLD), "--pred", str(tmp_path / "mentions.csv")]) == 0
        assert "precision" in capsys.readouterr().out


def test_cli_fails_clearly_when_nothing_can_be_read(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    assert main(["build", "--input", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 1
    assert "empty.txt: empty" in capsys.readouterr().err
    assert main(["build", "--input", str(tmp_path / "absent")]) == 2
    assert main(["evaluate", str(tmp_path / "nope.json"), "--pred", str(tmp_path / "x.csv")]) == 2
    assert "nope.json" in capsys.readouterr().err


def test_parallel_build_gives_the_same_tables(tmp_path, seed_build):
    build(SEEDS, tmp_path, workers=2)
    for name in ("mentions.csv", "events.csv"):
        assert (tmp_path / name).read_bytes() == (seed_build / name).read_bytes()


# Sets written by developers who never saw the rules (dev/README.md): floors a little below their
# current F1, so that a rule change that loses ground on any of them fails, and no gold negative
# (negation, denial, hedge, future) may ever be asserted.
OTHER_SETS = {"en_dev10": 0.80, "en_dev11": 0.67, "en_dev12": 0.60, "en_dev13": 0.55, "en_dev14": 0.69,
              "en_dev15": 0.77, "en_dev16": 0.63, "en_dev17": 0.63, "en_dev18": 0.57, "en_dev19": 0.34,
              "en_dev3": 0.81, "en_dev4": 0.83, "en_dev5": 0.75, "en_dev6": 0.72, "en_dev7": 0.79,
              "en_dev8": 0.66, "en_dev9": 0.75, "en_heldout": 0.74, "en_independent": 0.81, "fr_dev10": 0.52,
              "fr_dev11": 0.63, "fr_dev12": 0.73, "fr_dev13": 0.74, "fr_dev14": 0.70, "fr_dev15": 0.56,
              "fr_dev16": 0.52, "fr_dev17": 0.71, "fr_dev18": 0.58, "fr_dev19": 0.57, "fr_dev2": 0.85,
              "fr_dev3": 0.87, "fr_dev4": 0.65, "fr_dev5": 0.77, "fr_dev6": 0.74, "fr_dev7": 0.71,
              "fr_dev8": 0.69, "fr_dev9": 0.68, "fr_independent": 0.77}
NEGATIVES_KNOWN_HIT = {"fr_dev5": 1,  # 'est attendu ... avant de poursuivre sa tournée au Soudan': a plan the rules miss
                       "en_dev6": 1,  # held out: a negative the rules assert (dev/README.md)
                       "fr_dev9": 1,  # a negative the rules of the first session of 30 November asserted
                       "en_dev10": 1,  # 'The Emirates rejected the findings': rejecting findings criticises their author
                       "en_dev11": 1,  # 'no ministerial visit ... since the 2022 coup' (a background coup)
                       "en_dev13": 1,  # held out: 'Claims ... that Russian instructors are on their way ... are unfounded'
                       "en_dev14": 3,  # a refuted viral claim quoted in a fact-check (3 pairs)
                       "en_dev15": 1,  # 'said Wagner had supplied ..., a claim the group denied'
                       "en_dev16": 1,  # held out: 'A visit ... has been talked about in diplomatic circles'
                       "en_dev17": 1,  # held out: 'Chad, whose soldiers have died in greater numbers ...' (a background toll)
                       "fr_dev17": 1,  # held out: 'Selon la presse américaine, Washington reprochait ...' (a hedge the
                       # rules miss)
                       "fr_dev19": 1}  # held out: 'une version précédente ... indiquait à tort que l'ambassadeur ...
                       # avait été expulsé' (a correction the rules read as the event)


@pytest.mark.parametrize("name", sorted(OTHER_SETS))
def test_independent_sets_do_not_regress(name, tmp_path):
    folder = ROOT / "dev" / name
    if not (folder / "gold.json").exists():
        pytest.skip(f"no dev/{name}")
    build(folder, tmp_path)
    scores = score(load_gold(folder / "gold.json"), load_predictions(tmp_path / "mentions.csv"))
    assert scores.f1 >= OTHER_SETS[name], (scores.precision, scores.recall)
    assert len(scores.negatives_hit) <= NEGATIVES_KNOWN_HIT.get(name, 0), scores.negatives_hit
