"""The regex index only ever skips work that could not find a match: it is a filter, never a judge."""
from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pytest

from tracker.patterns import load_patterns
from tracker.regex_index import RegexIndex, match_starts

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("regex, starts", [
    (r"\b(?:deploy(?:s|ed)?|sen[dt])\b", {"depl", "send", "sent"}),
    (r"\bx*y", {"y", "xy", "xxy", "xxxy", "xxxx"}),          # a starred letter may be absent
    (r"(?:ab){2,}c", {"abab"}),                              # a repeat's minimum is kept
    (r"\bmet\b", {"met"}),                                   # a whole match shorter than the key
    (r"(?:l'|d')?Envoi", {"l'en", "d'en", "envo"}),          # case is folded
    (r"(?<=\s)ink", {"ink"}),                                # look-arounds take no characters
    (r"\b(?:mi|l)-\d+s?", {"mi-", "l-"}),                      # a start ends where it cannot be listed
    (r"a.b|(c)\1x", {"a", "c"}),
])
def test_match_starts_lists_what_a_match_begins_with(regex, starts):
    assert match_starts(re.compile(regex, re.IGNORECASE)) == starts


@pytest.mark.parametrize("regex", [r"[^x]yz", r"\w+ed", r"x?", r"(?:a|)", r"ab|.c"])
def test_unlistable_or_empty_starts_mean_always_run(regex):
    assert match_starts(re.compile(regex, re.IGNORECASE)) is None
    assert RegexIndex([re.compile(regex, re.IGNORECASE)]).candidates("nothing here") == [0]


def _sentences(language: str) -> list[str]:
    rows = []
    for name in (f"sentences_core_{language}.csv", f"sentences_{language}.csv"):
        path = DATA / name
        if path.exists():
            rows += [r["sentence"] for r in csv.DictReader(path.open(encoding="utf-8", newline=""))]
    return rows


@pytest.mark.parametrize("language", ["en", "fr"])
def test_scan_finds_what_finditer_finds(language):
    """For every regex of the language (triggers, requirements, realis cues, word classes) and every
    test sentence (as written, upper-cased, or cut at a random point), the scan's matches are
    finditer's, and a trigger that matches is among the candidates."""
    patterns = load_patterns(language)
    index = patterns.index
    rng = random.Random(3)
    texts = _sentences(language)
    texts += [t.upper() for t in texts] + [t[rng.randrange(len(t)):] for t in texts if t]
    matched = 0
    for text in texts:
        scan = index.scan(text)
        candidates = set(scan.candidates())
        for number, regex in enumerate(index.regexes):
            expected = [m.span() for m in regex.finditer(text)]
            assert [m.span() for m in scan.finditer(regex)] == expected, (regex.pattern[:60], text)
            if expected:
                matched += 1
                assert number in candidates, (regex.pattern[:60], text)
    assert matched > len(texts)  # the check ran on real matches
    assert len(index.regexes) > len(patterns.patterns) + len(patterns.cues)  # requirements are indexed too


def test_scan_of_text_whose_case_changes_length_runs_every_regex():
    """'İ'.lower() is two characters: offsets would drift, so the scan falls back to whole-text finditer."""
    regex = re.compile(r"\bsent\b", re.IGNORECASE)
    scan = RegexIndex([regex]).scan("İstanbul sent troops")
    assert not scan.exact and [m.span() for m in scan.finditer(regex)] == [(9, 13)]


def test_index_skips_patterns_whose_words_are_absent():
    regexes = [re.compile(r"\b\w+loyed\b", re.IGNORECASE), re.compile(r"\bvisit(?:ed)?\b", re.IGNORECASE)]
    index = RegexIndex(regexes)
    assert index.always == {0}  # \w+ cannot be listed
    assert index.candidates("The minister VISITED Bamako.") == [0, 1]
    assert index.candidates("Prices rose.") == [0]
