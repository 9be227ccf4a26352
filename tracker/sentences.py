"""Sentence and word spans of a text: paragraphs by line breaks, sentences by blingfire."""
from __future__ import annotations

import re
from dataclasses import dataclass

import blingfire

PARAGRAPH_RE = re.compile(r"[^\n]+")
# French elisions (l', d', qu') are tokens of their own; English possessive 's too; '1,000' is one token.
TOKEN_RE = re.compile(r"(?:[ldjmnst]|qu|jusqu|lorsqu|puisqu)['’](?=\w)|\d{1,3}(?:,\d{3})+\b|\w+(?:[-.]\w+)*|[’']s\b|[^\w\s]",
                      re.IGNORECASE)
MAX_SENTENCE_CHARS = 2000  # blingfire can return a whole unpunctuated page as one sentence


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its index, character span and paragraph."""

    index: int
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    lower: str


def _sentence_spans(paragraph: str, offset: int) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the sentences of one paragraph."""
    spans, cursor = [], 0
    for piece in _split_accented(blingfire.text_to_sentences(paragraph).split("\n")):
        piece = piece.strip()
        if not piece:
            continue
        found = paragraph.find(piece[:40], cursor)
        start = found if found >= 0 else cursor
        end = min(len(paragraph), start + len(piece)) if found >= 0 else len(paragraph)
        spans.extend(_cut_long(start + offset, end + offset))
        cursor = end
    return spans


ACCENTED_START = re.compile(r"(?:(?<=[a-zà-ÿ]{2}[.!?])|(?<=[a-zà-ÿ]{2}\s[!?])|(?<=[.!?]\s»)|(?<=[.!?]»))"
                            r"\s+(?=[ÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ])"  # 'tardé. À Paris', 'le pays ? À Bangui'
                            r"|(?<=\bans\.)\s+(?=[A-Z])|(?<=\ban\.)\s+(?=[A-Z])")  # 'depuis deux ans. Des instructeurs'


def _split_accented(pieces: list[str]) -> list[str]:
    """Return the pieces split where a sentence opens with an accented capital, or follows the French
    'an.'/'ans.', which blingfire does not take for a sentence end ('... n'ont pas tardé. À Paris, le
    Quai d'Orsay ...', '... depuis deux ans. Des instructeurs ...')."""
    return [part for piece in pieces for part in ACCENTED_START.split(piece)]


def _cut_long(start: int, end: int) -> list[tuple[int, int]]:
    """Return the span cut into pieces of at most MAX_SENTENCE_CHARS (bounded work per sentence)."""
    return [(s, min(end, s + MAX_SENTENCE_CHARS)) for s in range(start, end, MAX_SENTENCE_CHARS)]


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of `text` in order, with character offsets into `text`."""
    sentences: list[Sentence] = []
    for number, para in enumerate(PARAGRAPH_RE.finditer(text)):
        if not para.group().strip():
            continue
        for start, end in _sentence_spans(para.group(), para.start()):
            sentences.append(Sentence(len(sentences), start, end, number))
    return sentences


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Return the word and punctuation tokens of `text` (offsets shifted by `offset`)."""
    return [Token(m.start() + offset, m.end() + offset, m.group().lower().replace("’", "'"))
            for m in TOKEN_RE.finditer(text)]
