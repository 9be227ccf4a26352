"""Gazetteer: names, demonyms, capitals, office holders and organisations -> actor codes.

Data (user-editable, each row with its source) in `data/actors/`:
`states.csv` and `state_names.csv` (generated from Natural Earth and pycountry by
scripts/make_actors.py), `organisations.csv` and `aliases.csv` (hand-written: demonyms, capitals
used as metonyms, office holders with their tenure, organisations, missions and operations with
their mandates). One Aho-Corasick automaton over accent- and case-folded text finds every alias
in one pass; offsets are those of the original text.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import ahocorasick

from tracker.datafiles import read_rows
from tracker.errors import DictionaryError

ACTOR_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
ACTOR_FILES = ("states.csv", "organisations.csv")
ALIAS_FILES = ("state_names.csv", "aliases.csv")
ACTOR_COLUMNS = ("code", "name", "kind", "bloc", "parent", "host", "source")
ALIAS_COLUMNS = ("alias", "code", "lang", "form", "valid_from", "valid_to", "case_sensitive", "source")
GRACE_DAYS = 31
KINDS = ("state", "organisation", "mission", "armed_group", "operation")
BLOCS = ("russia", "west", "regional", "other")


@dataclass(frozen=True)
class Actor:
    code: str
    name: str
    kind: str
    bloc: str
    parent: str
    host: str


@dataclass(frozen=True)
class Alias:
    alias: str
    code: str
    form: str
    valid_from: str
    valid_to: str
    case_sensitive: bool


@dataclass(frozen=True)
class ActorMention:
    """An alias found in a text: character span, the words, the actor code and the kind of name."""

    start: int
    end: int
    text: str
    code: str
    form: str
    alias: str


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Return a translation table that strips accents one character for one (offsets kept)."""
    table = {ord("’"): "'", ord("‘"): "'", ord("ʼ"): "'", 0x2010: "-", 0x2011: "-", 0xA0: " "}
    for point in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(point))[0]
        if base != chr(point) and base.isascii():
            table[point] = base
    table.update({ord("œ"): "o", ord("Œ"): "O", ord("æ"): "a", ord("Æ"): "A", ord("ß"): "s"})
    return table


def fold(text: str) -> str:
    """Return text lowercased without accents, with exactly the same length."""
    folded = text.translate(_fold_table()).lower()
    if len(folded) != len(text):  # a few characters lowercase to two (İ): fall back char by char
        folded = "".join(c.translate(_fold_table()).lower()[:1] or " " for c in text)
    return folded


def _period(value: str | None) -> tuple[str, str]:
    """Return the first and last day covered by a 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' date."""
    if not value:
        return "0000-00-00", "9999-99-99"
    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    if len(value) == 7:
        return f"{value}-01", f"{value}-31"
    return value, value


def _actor(row: dict, path: Path, line: int) -> Actor:
    if row["kind"] not in KINDS or row["bloc"] not in BLOCS or not row["code"]:
        raise DictionaryError(str(path), f"line {line}: bad code/kind/bloc {row['code']!r}/{row['kind']!r}/{row['bloc']!r}")
    return Actor(row["code"], row["name"], row["kind"], row["bloc"], row["parent"], row["host"])


def _alias(row: dict, codes: set[str], path: Path, line: int) -> Alias:
    if row["code"] not in codes:
        raise DictionaryError(str(path), f"line {line}: alias {row['alias']!r} names unknown code {row['code']!r}")
    if not row["alias"]:
        raise DictionaryError(str(path), f"line {line}: empty alias")
    return Alias(row["alias"], row["code"], row["form"] or "name", row["valid_from"], row["valid_to"],
                 row["case_sensitive"] == "1")


class Gazetteer:
    """Actors and their aliases, with a one-pass finder."""

    def __init__(self, actors: dict[str, Actor], aliases: list[Alias]):
        self._actors = actors
        self._aliases = aliases
        self._automaton = ahocorasick.Automaton()
        for alias in aliases:
            key = _key(alias.alias)
            _, entries = self._automaton.get(key, (len(key), []))
            entries.append(alias)
            self._automaton.add_word(key, (len(key), entries))
        self._automaton.make_automaton()

    @classmethod
    def load(cls, folder: Path | None = None) -> "Gazetteer":
        """Return the gazetteer of `folder` (default data/actors/), validating every row."""
        folder = Path(folder) if folder else ACTOR_DIR
        actors = {}
        for name in ACTOR_FILES:
            for line, row in enumerate(read_rows(folder / name, ACTOR_COLUMNS), start=2):
                actors[row["code"]] = _actor(row, folder / name, line)
        aliases = [Alias(a.name, a.code, "name", "", "", False) for a in actors.values()]
        for name in ALIAS_FILES:
            for line, row in enumerate(read_rows(folder / name, ALIAS_COLUMNS), start=2):
                aliases.append(_alias(row, set(actors), folder / name, line))
        return cls(actors, aliases)

    def find(self, text: str, when: str | None = None) -> list[ActorMention]:
        """Return the actor mentions of `text`, leftmost-longest, whole words, valid at `when`."""
        return self.find_split(text, when)[0]

    def find_split(self, text: str, when: str | None = None) -> tuple[list[ActorMention], list[ActorMention]]:
        """Return (mentions valid at `when`, mentions out of their period at `when`), leftmost-longest
        over both: a longer name out of office still hides the shorter one inside it ('Moussa Traoré'
        is not 'Traoré'), and the caller may take it back when the text dates it in office."""
        folded = fold(text)
        found, invalid = [], set()
        for end, (length, entries) in self._automaton.iter(folded):
            start = end - length + 1
            plural = _plural_model(folded, start, end + 1, entries)  # 'Bayraktar TB2s', 'Su-25s'
            if not plural and not _whole_word(folded, start, end + 1):
                continue
            original = text[start:end + 1]
            valid = self._pick(entries, original, when)
            alias = valid or (self._pick(entries, original, None) if when else None)
            if alias:
                found.append(ActorMention(start, end + 1, original, alias.code, alias.form, alias.alias))
                if not valid:
                    invalid.add((start, end + 1))
        chosen = _leftmost_longest(found)
        return ([m for m in chosen if (m.start, m.end) not in invalid],
                [m for m in chosen if (m.start, m.end) in invalid])

    def _pick(self, entries: list[Alias], original: str, when: str | None) -> Alias | None:
        """Return the first alias of a key that matches the case and is valid at `when`."""
        lo, hi = _period(when) if when else ("", "")
        for alias in entries:
            if alias.case_sensitive and original != alias.alias:
                continue
            if when and not ((alias.valid_from or "0000") <= hi and (not alias.valid_to or _grace(alias.valid_to) >= lo)):
                continue
            return alias
        return None

    def actor(self, code: str) -> Actor | None:
        return self._actors.get(code)

    def actor_kind(self, code: str) -> str:
        """Return the kind of an actor ('state', 'organisation', ...); unknown codes are states."""
        actor = self._actors.get(code)
        return actor.kind if actor else "state"

    def bloc(self, code: str) -> str:
        """Return the bloc of an actor: russia, west, regional or other (unknown: other)."""
        actor = self._actors.get(code)
        return actor.bloc if actor else "other"

    def parent(self, code: str) -> str:
        """Return the state or organisation an actor belongs to (WAGNER -> RUS), or the code itself."""
        actor = self._actors.get(code)
        return actor.parent if actor and actor.parent else code

    def host_country(self, code: str) -> str | None:
        """Return the ISO3 country an actor stands for: the state itself, an operation's host, else None."""
        actor = self._actors.get(code)
        return actor.host or None if actor else None

    def codes(self) -> list[str]:
        return sorted(self._actors)

    def aliases(self) -> list[str]:
        """Return every surface form (for benchmarks and documentation)."""
        return sorted({a.alias for a in self._aliases})


def _grace(valid_to: str) -> str:
    """Return the end of a tenure plus GRACE_DAYS: right after a coup the news still names the ousted
    president with his country ('Bazoum was overthrown on 26 July', in an article of 28 July)."""
    try:
        return (date.fromisoformat(valid_to) + timedelta(days=GRACE_DAYS)).isoformat()
    except ValueError:
        return valid_to


def _key(alias: str) -> str:
    """Return the automaton key of an alias: folded, without a leading article ('the Kremlin')."""
    key = fold(alias)
    return key[4:] if key.startswith("the ") else key


def _whole_word(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not before.isalnum() and not after.isalnum()


MAKER_FORM = "maker"  # aliases.csv: a weapon model, which names the state that makes it


def _plural_model(folded: str, start: int, end: int, entries: list) -> bool:
    """True for a weapon model followed by a plural 's' ('TB2s', 'Su-25s'): still the model's name."""
    return any(a.form == MAKER_FORM for a in entries) and folded[end:end + 1] == "s" \
        and _whole_word(folded, start, end + 1)


def _leftmost_longest(found: list[ActorMention]) -> list[ActorMention]:
    """Return non-overlapping mentions, preferring the leftmost then the longest."""
    chosen, last_end = [], -1
    for mention in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if mention.start >= last_end:
            chosen.append(mention)
            last_end = mention.end
    return chosen
