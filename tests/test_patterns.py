"""Pattern files are data: they load, they are validated, and a user can extend them."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from tracker.errors import DictionaryError
from tracker.patterns import PATTERN_DIR, load_patterns
from tracker.records import EVENT_TYPES


def copy_patterns(tmp_path):
    folder = tmp_path / "patterns"
    shutil.copytree(PATTERN_DIR, folder)
    return folder


def append(folder, name: str, line: str) -> None:
    with (folder / name).open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_event_type_has_patterns(language):
    types = {p.event_type for p in load_patterns(language).patterns}
    assert types == set(EVENT_TYPES)


def test_bad_regex_names_the_file_and_row(tmp_path):
    folder = copy_patterns(tmp_path)
    append(folder, "en.csv", "broken_row,coup,coup(,self,,,,0.5,")
    with pytest.raises(DictionaryError) as info:
        load_patterns("en", folder)
    assert "en.csv" in str(info.value) and "broken_row" in str(info.value)


def test_unknown_event_type_is_rejected(tmp_path):
    folder = copy_patterns(tmp_path)
    append(folder, "en.csv", "odd,invasion,invaded,deploy,,,,0.5,")
    with pytest.raises(DictionaryError, match="unknown event_type"):
        load_patterns("en", folder)


def test_missing_column_is_rejected(tmp_path):
    folder = copy_patterns(tmp_path)
    (folder / "frames.csv").write_text("frame,actor\nx,subj\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="missing column"):
        load_patterns("en", folder)


def test_an_unquoted_comma_in_a_regex_is_rejected_not_cut(tmp_path):
    folder = copy_patterns(tmp_path)
    append(folder, "lexicon_en.csv", "ODD,follow(?:ed)? (?:\\w+ ){1,2}lead,note")  # the comma splits the regex
    with pytest.raises(DictionaryError, match=r"lexicon_en.csv.*line \d+: 4 fields for 3 columns"):
        load_patterns("en", folder)


def test_unknown_relation_in_a_frame_is_rejected(tmp_path):
    folder = copy_patterns(tmp_path)
    append(folder, "frames.csv", "odd,subject,obj,")
    with pytest.raises(DictionaryError, match="unknown relation"):
        load_patterns("en", folder)


def test_a_user_row_adds_a_trigger_without_code(tmp_path):
    from tracker.actors import Gazetteer
    from tracker.events import find_mentions
    from tracker.records import Article

    folder = copy_patterns(tmp_path)
    article = Article(doc="x", text="Russia airlifted gendarmes to Niger in May 2024.", path="x.txt",
                      published="2024-06", language="en")
    before = find_mentions(article, Gazetteer.load(), load_patterns("en", folder))
    append(folder, "en.csv", "airlift,troop_deployment,airlift(?:s|ed|ing)?,deploy,deploy,gendarmes,,0.8,user row")
    after = find_mentions(article, Gazetteer.load(), load_patterns("en", folder))
    assert not [m for m in before if m.event_type == "troop_deployment"]
    assert [(m.actor, m.target, m.rule.split("@")[0]) for m in after] == [("RUS", "NER", "airlift")]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_pattern_fires_on_a_sentence_of_our_own(language):
    """Every trigger row meets its requirements on at least one sentence of tests/data/sentences_core_*.csv."""
    from tracker import events
    from tracker.actors import Gazetteer
    from tracker.records import Article
    from tracker.sentences import split_sentences

    gazetteer, patterns = Gazetteer.load(), load_patterns(language)
    fired = set()
    path = Path(__file__).parent / "data" / f"sentences_core_{language}.csv"
    for row in csv.DictReader(path.open(encoding="utf-8", newline="")):
        article = Article(doc="case", text=row["sentence"], path="case.txt", published=row["published"] or None,
                          language=language)
        sentences = split_sentences(article.text)
        found = gazetteer.find(article.text, when=article.published)
        ctx = events.Context(article, gazetteer, patterns, sentences, events._group_by_sentence(sentences, found))
        for sentence in sentences:
            text = article.text[sentence.start:sentence.end]
            tokens = events.tokenize(text, sentence.start)
            view = events.SentenceView(text, sentence.start, tokens, events._sentence_spans(ctx, sentence, tokens),
                                       patterns)
            fired.update(pattern.id for pattern, _ in events._triggers(ctx, view))
    assert not [p.id for p in patterns.patterns if p.id not in fired]


def test_a_user_grammar_row_changes_realis_without_code(tmp_path):
    """A verb of decision added to grammar_en.csv makes 'X elected to expel Y' a decision taken (asserted)."""
    from tracker.actors import Gazetteer
    from tracker.events import find_mentions
    from tracker.records import Article

    folder = copy_patterns(tmp_path)
    article = Article(doc="x", text="Mali elected to expel the French ambassador in 2022.", path="x.txt",
                      published="2022-03", language="en")
    realis = lambda: {m.realis for m in find_mentions(article, Gazetteer.load(), load_patterns("en", folder))}  # noqa: E731
    assert realis() == {"announced"}  # 'to expel': a purpose, unless the verb before it says it was decided
    append(folder, "grammar_en.csv", "decision_verb,elected,,")
    assert realis() == {"asserted"}


def test_an_unknown_grammar_role_names_the_line(tmp_path):
    folder = copy_patterns(tmp_path)
    append(folder, "grammar_fr.csv", "verbe_modal,pouvoir,,")
    with pytest.raises(DictionaryError, match=r"grammar_fr.csv.*line \d+: unknown role 'verbe_modal'"):
        load_patterns("fr", folder)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_word_role_has_words(language):
    """Each role the coder reads is filled for the language (article_de and ellipsis are one language's)."""
    from tracker.patterns import WORD_ROLES

    grammar = load_patterns(language).grammar
    one_language = {"en": {"article_de", "reduced_passive_ending", "clause_link_follower", "infinitive_ending", "future_ending"},
                    "fr": {"ellipsis", "perfect", "passive_word", "reduced_passive_place", "gerund_ending"}}[language]
    assert [r for r in WORD_ROLES if not grammar.of(r) and r not in one_language] == []
