"""The event coder on table-driven sentences (tests/data/sentences_*.csv).

sentences_en.csv and sentences_fr.csv (ids ien*/ifr*) were written apart from the rules, by a
developer who never saw them; sentences_core_*.csv were written with the rules (never copied from
the seed articles). Both cover every event type in English and French: positives, passives,
nominalisations, hosts, coordination, metonyms, and negatives (negation, denial, hedges,
futures, conditionals, questions, distractors). Every negative must hold. Positives the coder is
known to miss are listed with a reason in tests/data/known_misses.csv and run as strict xfails:
when a rule change fixes one, the test says so and the row must leave the list.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tracker.actors import Gazetteer
from tracker.events import find_mentions
from tracker.patterns import load_patterns
from tracker.records import Article

DATA = Path(__file__).parent / "data"
CASE_FILES = sorted(DATA.glob("sentences_*.csv"))  # sentences_<set>_<lang>.csv or sentences_<lang>.csv
GAZETTEER = Gazetteer.load()
MIN_RECALL = {"en": 0.8, "fr": 0.75}


def _events(field: str) -> list[tuple[str, ...]]:
    """Return the events of an expected/forbidden cell: 'RUS MLI type [date]; ...'."""
    return [tuple(part.split()) for part in (field or "").split(";") if part.strip() and part.strip() != "*"]


def _known_misses() -> dict[str, str]:
    path = DATA / "known_misses.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row["reason"] for row in csv.DictReader(handle)}


def _cases(path: Path) -> list[dict]:
    language = path.stem.rsplit("_", 1)[-1]
    with path.open(encoding="utf-8", newline="") as handle:
        return [dict(row, language=language) for row in csv.DictReader(handle)]


ALL_CASES = [case for path in CASE_FILES for case in _cases(path)]
KNOWN = _known_misses()


def code(sentence: str, published: str, language: str):
    """Return the mentions the coder finds in one sentence."""
    article = Article(doc="case", text=sentence, path="case.txt", published=published or None, language=language)
    return find_mentions(article, GAZETTEER, load_patterns(language))


def asserted(mentions) -> set[tuple[str, str, str]]:
    return {(m.actor, m.target, m.event_type) for m in mentions if m.realis == "asserted"}


def _param(case: dict, kind: str):
    """Return a test parameter; a known miss (positives only) is a strict xfail with its reason."""
    known = kind == "expected" and case["id"] in KNOWN
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN[case["id"]])] if known else []
    return pytest.param(case, id=case["id"], marks=marks)


POSITIVE = [_param(c, "expected") for c in ALL_CASES if _events(c["expected"])]
NEGATIVE = [_param(c, "forbidden") for c in ALL_CASES if c["forbidden"].strip()]


@pytest.mark.parametrize("case", POSITIVE)
def test_sentence_yields_its_events(case):
    found = code(case["sentence"], case["published"], case["language"])
    got = asserted(found)
    for event in _events(case["expected"]):
        assert event[:3] in got, f"missing {event[:3]}; found {sorted(got)}"
        if len(event) > 3:
            dates = {m.date for m in found if (m.actor, m.target, m.event_type) == event[:3]}
            assert any(d and d.startswith(event[3]) for d in dates), f"date {event[3]} not in {dates}"


@pytest.mark.parametrize("case", NEGATIVE)
def test_sentence_does_not_assert_forbidden_events(case):
    got = asserted(code(case["sentence"], case["published"], case["language"]))
    if case["forbidden"].strip() == "*":
        assert not got, f"asserted {sorted(got)}"
    for event in _events(case["forbidden"]):  # '*' stands for any code: '* NER criticism'
        hits = [g for g in got if all(want in ("*", have) for want, have in zip(event[:3], g))]
        assert not hits, f"asserted {hits}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_recall_over_the_table_meets_the_bar(language):
    expected = found = 0
    for case in (c for c in ALL_CASES if c["language"] == language):
        events = [e[:3] for e in _events(case["expected"])]
        got = asserted(code(case["sentence"], case["published"], language))
        expected += len(events)
        found += sum(e in got for e in events)
    assert expected and found / expected >= MIN_RECALL[language], f"{found}/{expected}"


def test_every_event_type_has_positive_cases_in_both_languages():
    from tracker.records import EVENT_TYPES

    for language in ("en", "fr"):
        types = {e[2] for c in ALL_CASES if c["language"] == language for e in _events(c["expected"])}
        assert set(EVENT_TYPES) <= types, f"{language}: no case for {set(EVENT_TYPES) - types}"


def test_mention_carries_its_evidence_and_rule():
    [mention] = [m for m in code("Russia deployed 300 soldiers to the Central African Republic last March.",
                                 "2019-06-10", "en") if m.event_type == "troop_deployment"]
    assert mention.evidence in mention.sentence and "deployed" in mention.evidence
    assert mention.rule.startswith("deploy_verb@deploy") and 0 < mention.confidence <= 1


def test_passive_voice_swaps_the_roles():
    mentions = code("Officers from Burkina Faso were trained by Turkish instructors in 2021.", "2022-01", "en")
    assert ("TUR", "BFA", "military_cooperation") in asserted(mentions)


def test_coordinated_actors_each_get_an_event():
    got = asserted(code("Mali, Burkina Faso and Niger expelled the French ambassadors in 2023.", "2023-12", "en"))
    assert {("MLI", "FRA", "expulsion"), ("BFA", "FRA", "expulsion"), ("NER", "FRA", "expulsion")} <= got


def test_anaphor_resolves_to_the_country_named_before():
    text = "Niger's junta took power in July. In December the last French troops left the country."
    got = asserted(code(text, "2023-12-30", "en"))
    assert ("FRA", "NER", "troop_withdrawal") in got


def test_dateline_names_no_party():
    got = code("ABUJA, Nigeria – Russian instructors arrived on Monday, diplomats said.", "2024-04-12", "en")
    assert not [m for m in got if "NGA" in (m.actor, m.target)]


def test_future_is_announced_and_negation_denied():
    future = code("France will withdraw its troops from Niger by the end of the year.", "2023-09-25", "en")
    negated = code("Russia has not sent any troops to Niger.", "2023-09-25", "en")
    assert {m.realis for m in future if m.event_type == "troop_withdrawal"} == {"announced"}
    assert {m.realis for m in negated if m.event_type == "troop_deployment"} <= {"denied"}


def test_a_date_in_another_clause_does_not_date_the_event():
    text = "ECOWAS imposed sanctions on Niger after the coup, before lifting most of them in February."
    [sanction] = [m for m in code(text, "2024-04-12", "en") if m.event_type == "sanction"]
    assert sanction.date is None  # February dates the lifting
    [same] = [m for m in code("ECOWAS imposed sanctions on Niger in February.", "2024-04-12", "en")
              if m.event_type == "sanction"]
    assert same.date == "2024-02"


def test_the_coup_named_again_keeps_its_date_and_another_coup_its_own():
    text = ("Soldiers seized power in Niger on 26 July 2023. In August, ECOWAS imposed sweeping sanctions "
            "on Niger days after the coup.")
    coups = {m.date for m in code(text, "2023-09-20", "en") if m.event_type == "coup" and m.realis == "asserted"}
    assert coups == {"2023-07-26"}  # 'the coup' is the one dated before, not 'In August'
    text = ("Le capitaine Traoré a pris le pouvoir le 30 septembre 2022 au Burkina Faso. Cela s'est produit "
            "en septembre, huit mois après le coup d'État qui avait porté Damiba au pouvoir en janvier 2022.")
    coups = {m.date for m in code(text, "2022-10-20", "fr") if m.event_type == "coup" and m.realis == "asserted"}
    assert "2022-09-30" in coups and "2022-09-30" != min(coups)  # a coup the text defines is another one


def test_a_month_without_year_takes_the_year_the_text_was_speaking_of():
    text = ("Operation Serval was launched in January 2013 by then-president François Hollande. "
            "Gao was retaken within weeks. On February 2, Hollande flew to Timbuktu.\n\n"
            "In March, the new government met in Bamako.")
    [visit] = [m for m in code(text, "2023-01-11", "en") if m.event_type == "diplomatic_visit"]
    assert (visit.actor, visit.target, visit.date) == ("FRA", "MLI", "2013-02-02")


def test_a_past_office_holder_counts_only_when_the_text_dates_him_in_office():
    then = code("In February 2013, Hollande flew to Timbuktu.", "2023-01-11", "en")
    now = code("Hollande flew to Timbuktu on Monday.", "2023-01-11", "en")
    assert ("FRA", "MLI", "diplomatic_visit") in asserted(then) and not asserted(now)


def test_a_sentence_naming_no_country_refers_to_the_article_s_main_country():
    text = ("Mali's junta expelled the French ambassador. Mali then turned to Russia. "
            "Neighbouring Burkina Faso followed suit months later. "
            "In August the last French soldiers left the country.")
    got = asserted(code(text, "2022-09-01", "en"))
    assert ("FRA", "MLI", "troop_withdrawal") in got and ("FRA", "BFA", "troop_withdrawal") not in got


def test_a_since_date_after_a_nominal_trigger_dates_the_state_not_the_event():
    text = "Army leaders who led the coup in Mali had been in Russia since January 2020."
    [coup] = [m for m in code(text, "2020-09-01", "en") if m.event_type == "coup"]
    assert coup.date is None or not coup.date.startswith("2020-01")
