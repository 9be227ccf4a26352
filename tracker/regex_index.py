r"""Where the coder's regexes can match a sentence, from one Aho-Corasick scan instead of one per regex.

Each regex (triggers, requirements, realis cues) is read with the standard library's own regex
parser for the strings its matches can start with, cut to a few characters: `deploy(?:s|ed)?|sen[dt]`
starts with 'depl', 'sent' or 'send'. One automaton over all those starts finds, in a single pass
over the lowercased sentence, the regexes worth running and the offsets where each can start; a
regex is then tried only there, which gives the same matches as `finditer` over the whole sentence.
Where a regex cannot be listed further (a negated class, `.`, `\w`, a back-reference, too many
branches) its starts end there ('mi-' of 'mi-\d+'); a regex that may start with such a piece is
always run whole. The index never hides a match: it only saves work that could not find one.
"""
from __future__ import annotations

import re

import ahocorasick

try:  # the parser behind `re` (Python 3.11+), kept as sre_parse before that
    from re import _constants as C, _parser as parser
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as C
    import sre_parse as parser

PREFIX_CHARS = 4      # how much of a match's start the index keys on
MAX_STARTS = 4000     # per regex; beyond this the regex is always run
MAX_CLASS = 64        # characters a [class] may expand to


CUT = "\x00"  # ends a start that cannot be followed further ('mi-' of 'mi-\d+'): still a start of every match


class _Unlisted(Exception):
    """The starts of this piece of regex cannot be listed."""


def _done(start: str, k: int) -> bool:
    return len(start) >= k or start.endswith(CUT)


def _cap(options: set[str]) -> set[str]:
    if len(options) > MAX_STARTS:
        raise _Unlisted
    return options


def _then(heads: set[str], tails: set[str], k: int) -> set[str]:
    """Return every head followed by every tail, cut to k characters (a complete head stays as is)."""
    return _cap({h if _done(h, k) else (h + t)[:k] for h in heads for t in tails})


def _class(items) -> set[str]:
    chars: set[str] = set()
    for op, arg in items:
        if op is C.LITERAL:
            chars.add(chr(arg).lower())
        elif op is C.RANGE and arg[1] - arg[0] < MAX_CLASS:
            chars.update(chr(c).lower() for c in range(arg[0], arg[1] + 1))
        else:  # NEGATE, CATEGORY (\w, \d), wide ranges
            raise _Unlisted
    if len(chars) > MAX_CLASS:
        raise _Unlisted
    return chars


def _item(op, arg, k: int) -> set[str]:
    """Return the strings (cut to k) one parsed regex item can match; '' when it can match nothing."""
    if op is C.LITERAL:
        return {chr(arg).lower()}
    if op is C.IN:
        return _class(arg)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero width: \b, ^, look-arounds
        return {""}
    if op is C.SUBPATTERN:
        return _sequence(arg[-1], k)
    if op is C.BRANCH:
        return _cap(set().union(*(_sequence(branch, k) for branch in arg[1])))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        low, high, body = arg
        once, options, result = _sequence(body, k), {""}, set()
        for count in range(min(high, max(low, k)) + 1):  # past k characters more repeats add nothing
            if count >= low:
                result |= options
            options = _then(options, once, k)
        return _cap(result)
    raise _Unlisted  # ANY, NOT_LITERAL, GROUPREF, ...


def _sequence(items, k: int) -> set[str]:
    """Return the starts of a sequence; where an item cannot be listed, the starts end there (CUT)."""
    options = {""}
    for op, arg in items:
        if all(_done(o, k) for o in options):
            break
        try:
            options = _then(options, _item(op, arg, k), k)
        except _Unlisted:
            return {o if _done(o, k) else o + CUT for o in options}
    return options


def match_starts(regex: re.Pattern, k: int = PREFIX_CHARS) -> set[str] | None:
    """Return the lowercased strings any match of `regex` starts with (cut to k), or None if unlisted."""
    try:
        starts = {s.rstrip(CUT) for s in _sequence(parser.parse(regex.pattern, regex.flags), k)}
    except (_Unlisted, RecursionError, re.error):
        return None
    return None if "" in starts else starts


class RegexIndex:
    """Where each of a list of regexes can match a text: one automaton for all of their starts."""

    def __init__(self, regexes: list[re.Pattern]):
        self.regexes = list(regexes)
        self.always: set[int] = set()
        self.number = {id(regex): n for n, regex in reversed(list(enumerate(self.regexes)))}
        self._automaton = ahocorasick.Automaton()
        owners: dict[str, list[int]] = {}
        for number, regex in enumerate(self.regexes):
            starts = match_starts(regex)
            if starts is None:
                self.always.add(number)
                continue
            for start in starts:
                owners.setdefault(start, []).append(number)
        for start, numbers in owners.items():
            self._automaton.add_word(start, (len(start) - 1, tuple(numbers)))
        if owners:
            self._automaton.make_automaton()
        self._empty = not owners

    def scan(self, text: str) -> "Scan":
        """Return where each regex may start in `text` (one pass of the automaton)."""
        return Scan(self, text)

    def candidates(self, text: str) -> list[int]:
        """Return the numbers of the regexes that may match `text`, ascending."""
        return self.scan(text).candidates()


class Scan:
    """One text seen through a RegexIndex: each regex's matches, found only where they can start."""

    def __init__(self, index: RegexIndex, text: str):
        self.index, self.text = index, text
        self.starts: dict[int, set[int]] = {}
        lowered = text.lower()
        self.exact = len(lowered) == len(text)  # else offsets differ (rare letters): run every regex whole
        if not index._empty:
            for end, (back, numbers) in index._automaton.iter(lowered):
                for number in numbers:
                    self.starts.setdefault(number, set()).add(end - back)

    def candidates(self) -> list[int]:
        if not self.exact:
            return list(range(len(self.index.regexes)))
        return sorted(set(self.index.always) | self.starts.keys())

    def finditer(self, regex: re.Pattern) -> list[re.Match]:
        """Return the matches of `regex` in the text, as `regex.finditer` would (same order, no overlap)."""
        number = self.index.number.get(id(regex))
        if number is None or not self.exact or number in self.index.always:
            return list(regex.finditer(self.text))
        found, cursor = [], 0
        for position in sorted(self.starts.get(number, ())):
            if position >= cursor and (match := regex.match(self.text, position)):
                found.append(match)
                cursor = match.end()
        return found
