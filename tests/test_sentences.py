"""Sentence and token spans: offsets into the text, French sentence starts, long unpunctuated text."""
from __future__ import annotations

import pytest

from tracker.sentences import MAX_SENTENCE_CHARS, split_sentences, tokenize


def _texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


@pytest.mark.parametrize("second", ["À Paris, le Quai d'Orsay a condamné le putsch.",
                                    "Élisabeth Borne a réagi dans la soirée.",
                                    "Ça n'a pas tardé."])
def test_a_sentence_opening_with_an_accented_capital_is_a_sentence(second):
    first = "Les condamnations n’ont pas tardé."
    assert _texts(f"{first} {second}") == [first, second]


def test_an_abbreviation_before_an_accented_name_does_not_end_the_sentence():
    text = "Selon M. Étienne Dupont, les soldats sont partis."
    assert _texts(text) == [text]


def test_offsets_paragraphs_and_indices():
    text = "Russia sent troops. Mali hosted them.\n\nFrance left. Élysée said so."
    sentences = split_sentences(text)
    assert [text[s.start:s.end] for s in sentences] == ["Russia sent troops.", "Mali hosted them.", "France left.",
                                                        "Élysée said so."]
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    assert [s.paragraph for s in sentences][:2] == [0, 0] and sentences[2].paragraph == sentences[3].paragraph != 0


def test_a_page_without_punctuation_is_cut_into_bounded_pieces():
    text = "word " * (MAX_SENTENCE_CHARS // 2)
    assert max(s.end - s.start for s in split_sentences(text)) <= MAX_SENTENCE_CHARS


def test_tokens_keep_elisions_possessives_and_thousands():
    assert [t.lower for t in tokenize("L’armée d'Italie, Russia's 1,000 troops")] == \
        ["l'", "armée", "d'", "italie", ",", "russia", "'s", "1,000", "troops"]


def test_a_french_question_mark_after_a_space_ends_the_sentence_before_an_accented_capital():
    assert _texts("Les instructeurs russes quitteront-ils le pays ? À Bangui, personne n'y croit.") == \
        ["Les instructeurs russes quitteront-ils le pays ?", "À Bangui, personne n'y croit."]


@pytest.mark.parametrize("text", ["Moscou courtise le Niger depuis deux ans. Des instructeurs russes sont arrivés.",
                                  "Il a été élu pour un an. Dans le communiqué final, rien de neuf."])
def test_a_french_year_count_ends_the_sentence(text):
    assert len(_texts(text)) == 2


def test_an_english_month_abbreviation_does_not_end_the_sentence():
    assert len(_texts("The accord was signed on Jan. 5 in Bamako by both sides.")) == 1
