"""Event patterns, role frames, realis cues and function words, loaded from `data/patterns/`.

Everything the coder knows about a language is data a user can extend without touching code:
`<lang>.csv` (triggers), `frames.csv` (where actor and target are found), `lexicon_<lang>.csv`
(named word classes usable as `{NAME}` in patterns), `realis_<lang>.csv` (negation, hedges,
futures) and `grammar_<lang>.csv` (prepositions, determiners, clause boundaries, anaphors).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tracker.datafiles import read_rows
from tracker.errors import DictionaryError
from tracker.records import EVENT_TYPES, REALIS
from tracker.regex_index import RegexIndex

PATTERN_DIR = Path(__file__).resolve().parent.parent / "data" / "patterns"
PATTERN_COLUMNS = ("id", "event_type", "trigger", "frame", "passive_frame", "requires",
                   "excludes", "confidence")
RELATIONS = ("subj", "obj", "poss", "mod", "forces", "coord", "speaker", "after_comma", "topic",
             "previous_event", "previous_actor", "owner", "last_incident", "foreign_party", "counterpart", "accuser")  # topic: the article's country; previous_event: the actor of the act reported just before; foreign_party: the foreign power the article names most


@dataclass(frozen=True)
class Frame:
    """Where to look for the actor and the target, in order of preference."""

    name: str
    actor: tuple[str, ...]
    target: tuple[str, ...]

    @property
    def is_self(self) -> bool:
        return not self.target


@dataclass(frozen=True)
class Pattern:
    """One trigger: a regex for the words, the event type and the frames for its roles."""

    id: str
    event_type: str
    regex: re.Pattern
    frame: Frame
    passive_frame: Frame | None
    requires: re.Pattern | None
    excludes: re.Pattern | None
    confidence: float


@dataclass(frozen=True)
class Grammar:
    """Function words of one language, by role."""

    prepositions: dict[str, str]
    determiners: frozenset[str]
    coordinators: frozenset[str]
    boundaries: frozenset[str]
    say_verbs: frozenset[str]
    agent_nouns: frozenset[str]
    anaphors: tuple[str, ...]
    past_verbs: frozenset[str] = frozenset()  # irregular past forms ('sent', 'met'): verbs, never nouns
    titles: frozenset[str] = frozenset()  # capitalised titles a name may hang on ('Premier ministre', 'President')
    roles: dict[str, frozenset[str]] = field(default_factory=dict)  # every role of WORD_ROLES, by name
    body_anaphors: tuple[tuple[str, str], ...] = ()  # ('the bloc', 'organisation'): the last body of that kind named

    def of(self, role: str) -> frozenset[str]:
        """Return the words of a role (see WORD_ROLES); empty when the language has none."""
        return self.roles.get(role, frozenset())

    def ends(self, word: str, role: str) -> bool:
        """True when `word` ends with one of a role's suffixes ('participle_ending': 'ed', 'é', ...)."""
        return word.endswith(self._suffixes.get(role, ()))

    def phrases(self, role: str) -> re.Pattern | None:
        """Return one regex finding a role's phrases as whole words, longest first (None when empty);
        compiled on first use."""
        if role not in self._phrases:
            words = sorted(self.of(role), key=len, reverse=True)
            self._phrases[role] = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)") \
                if words else None
        return self._phrases[role]

    def __post_init__(self):
        object.__setattr__(self, "_suffixes", {role: tuple(words) for role, words in self.roles.items()})
        words_of_anaphors: dict[str, list[tuple[str, int]]] = {}
        for phrase in self.anaphors:
            for word in re.finditer(r"[^\W\d][\w'’-]*", phrase.lower()):
                words_of_anaphors.setdefault(word.group(), []).append((phrase.lower(), word.start()))
        object.__setattr__(self, "anaphor_words", words_of_anaphors)  # word -> (anaphor, where the word is)
        object.__setattr__(self, "_phrases", {})  # role -> regex, filled by phrases()
        object.__setattr__(self, "list_glue", self.coordinators | self.determiners | set(self.prepositions))  # what
        # may stand between two members of a list of names ('Mali, Burkina Faso and Niger', 'du Mali et du Niger')


@dataclass(frozen=True)
class RealisCue:
    realis: str
    scope: str          # sentence | window | trigger | context | after (the rest of the trigger's clause)
    regex: re.Pattern


@dataclass(frozen=True)
class PatternSet:
    """All the coder needs for one language."""

    language: str
    patterns: tuple[Pattern, ...]
    index: RegexIndex  # where each regex below can match a sentence, from one scan
    grammar: Grammar
    cues: tuple[RealisCue, ...] = field(default=())
    forces_re: re.Pattern | None = None  # {FORCES} and {WEAPONS}: a name next to them owns them
    events_re: re.Pattern | None = None  # the lexicon's {EVENT}: what one condemns ('the coup')
    event_refs_re: re.Pattern | None = None  # the lexicon's {EVENT_REF}: 'these measures', 'cette décision'
    accusation_refs_re: re.Pattern | None = None  # the lexicon's {ACCUSATION_REF}: 'the accusations', 'le rapport'
    same_act_re: re.Pattern | None = None  # the lexicon's {SAME_ACT}: 'did the same', 'a fait de même'
    victims_re: re.Pattern | None = None  # the lexicon's {VICTIMS}: who or what an attack by nobody named hits
    same_fate_re: re.Pattern | None = None  # the lexicon's {SAME_FATE}: 'suffered the same fate', 'a connu le même sort'
    premises_re: re.Pattern | None = None  # the lexicon's {PREMISES}: a state's embassy or consulate abroad


def _compile(path: Path, row_id: str, regex: str) -> re.Pattern:
    """Return a compiled case-insensitive regex, or raise DictionaryError naming the row."""
    try:
        return re.compile(regex, re.IGNORECASE)
    except re.error as exc:
        raise DictionaryError(str(path), f"row {row_id}: bad regex ({exc})") from None


def load_frames(folder: Path = PATTERN_DIR) -> dict[str, Frame]:
    """Return the role frames of `frames.csv`, keyed by name."""
    path = folder / "frames.csv"
    frames = {}
    for row in read_rows(path, ("frame", "actor", "target")):
        actor, target = tuple(row["actor"].split()), tuple(row["target"].split())
        for relation in actor + target:
            if relation not in RELATIONS and not relation.startswith("pp:"):
                raise DictionaryError(str(path), f"frame {row['frame']}: unknown relation {relation!r}")
        frames[row["frame"]] = Frame(row["frame"], actor, target)
    return frames


def load_lexicon(language: str, folder: Path = PATTERN_DIR) -> dict[str, str]:
    """Return the named word classes ({FORCES}, ...) of a language."""
    path = folder / f"lexicon_{language}.csv"
    return {row["name"]: row["regex"] for row in read_rows(path, ("name", "regex"))}


def _expand(text: str, lexicon: dict[str, str]) -> str:
    """Return `text` with every {NAME} replaced by its lexicon regex, as a group."""
    return re.sub(r"\{([A-Z_]+)\}", lambda m: f"(?:{lexicon[m.group(1)]})", text)


def _pattern(row: dict, frames: dict[str, Frame], lexicon: dict[str, str], path: Path) -> Pattern:
    """Return one Pattern from its CSV row, validated."""
    pid = row["id"]
    if row["event_type"] not in EVENT_TYPES:
        raise DictionaryError(str(path), f"row {pid}: unknown event_type {row['event_type']!r}")
    for key in ("frame", "passive_frame"):
        if row[key] and row[key] not in frames:
            raise DictionaryError(str(path), f"row {pid}: unknown {key} {row[key]!r}")
    try:
        optional = {k: _expand(row[k], lexicon) for k in ("requires", "excludes")}
    except KeyError as exc:
        raise DictionaryError(str(path), f"row {pid}: unknown lexicon class {exc}") from None
    return Pattern(
        id=pid, event_type=row["event_type"],
        regex=_compile(path, pid, rf"\b(?:{_expand(row['trigger'], lexicon)})\b"),
        frame=frames[row["frame"]],
        passive_frame=frames[row["passive_frame"]] if row["passive_frame"] else None,
        requires=_compile(path, pid, rf"\b(?:{optional['requires']})\b") if optional["requires"] else None,
        excludes=_compile(path, pid, optional["excludes"]) if optional["excludes"] else None,
        confidence=float(row["confidence"] or 0.7),
    )


GRAMMAR_ROLES = ("preposition", "determiner", "coordinator", "boundary", "say", "agent_noun", "anaphor",
                 "past_verb", "title", "body_anaphor")
WORD_ROLES = {  # the other roles of grammar_<lang>.csv, read with Grammar.of(role)
    "be_form": "forms of be (French être, avoir): never the noun a name hangs on",
    "passive_aux": "before a participle, they make a passive",
    "possessive_det": "may stand between a name and its noun ('Russia, its ally')",
    "possessive_pronoun": "own what follows ('its troops')",
    "article_de": "an article after a preposition ('par des instructeurs')",
    "pronoun": "subject pronouns, read as a previous party",
    "object_opener": "opens an object after a verb ('condemned any seizure of power by'): the verb is active",
    "under_word": "before a sanction noun ('under an embargo', 'sous des sanctions'): the subject undergoes it",
    "place_anaphor": "anaphors of a place ('there', 'là-bas'): where something happens, never who acts",
    "complementizer": "opens a reported clause after a verb ('announced that', 'a annoncé que')",
    "office_anaphor": "anaphors naming an office ('the foreign ministry'): of the state named before them in the sentence, whatever its bloc",
    "aside_word": "marks a state named as an aside ('neighbouring Burkina Faso'): the next sentence returns to the article's country",
    "office_noun": "agent nouns of an office ('the spokesman of MINUSMA'): they speak for their body as subjects only",
    "border_word": "'near the Burkinabe border', 'la frontière avec le Mali': the state named is across it, not the place",
    "partitive_pronoun": "'the last of them', 'les derniers d'entre eux': a part of forces named in the sentence before",
    "partitive_link": "the word before a partitive pronoun ('of', 'entre')",
    "leading_participle": "'a delegation led by X': X stands where the delegation does in the clause",
    "plural_pronoun": "plural pronouns and possessives: they stand for the whole list named in the sentence before",
    "temporal_head": "what follows dates another event ('since the coup'); not negated with the verb",
    "temporal_preposition": "more heads of a time phrase ('amid', 'suite à')",
    "document_noun": "a bare year after 'X of' or before it names the document, not the event's date ('the 2018 agreement')",
    "honorific": "a capitalised word before a bare surname that keeps it the office holder's ('Mr Macron', 'M. Lavrov')",
    "companion": "a phrase of company before a name ('accompanied by', 'aux côtés de'): the name goes with the subject",
    "reflexive": "reflexive pronouns between a subject and its verb ('s'est installé')",
    "infinitive_ending": "after 'de' following a stance, an infinitive opens its content ('reprocher à X de vouloir maintenir Bamako')",
    "announce_verb": "a government's announcement: a move in its future is a decision announced as taken",
    "future_marker": "before a verb, its future ('would', 'allait'): with an announcement, a decision announced as taken",
    "future_ending": "a verb with this ending is a future or conditional ('retirerait')",
    "participle_clause_verb": "after a comma, a participle that opens a clause of reasons or words (', citing X', ', accusant X'): the names in it are not the act's",
    "definite_determiner": "before 'coup' with no date, names a coup already reported ('the coup')",
    "restrictive_opener": "after 'the coup', defines another one ('the coup that brought Damiba to office')",
    "hypothetical_determiner": "before an event noun, makes it hypothetical ('any attack', 'toute intervention')",
    "contact_verb": "a call or message made: 'to + verb' after it is what was said in it ('telephoned Ouattara to offer his condolences')",
    "victim_noun": "a noun of killing whose 'of' names who was hit ('the killing of eight soldiers')",
    "during_word": "an attack noun after it is a circumstance: the names before it were hit ('killed during a raid')",
    "apposed_title": "the title of an apposed name ('its envoy, X,')",
    "generic_plural": "plural event nouns that need a country next to them ('coups')",
    "quantity": "words of a quantity before a noun ('more than 200')",
    "decision_verb": "a decision taken or an act under way: what follows is asserted",
    "first_word": "'the first ... to visit': asserted",
    "cause_verb": "'prompting X to summon': X did",
    "modal": "with be forms, what starts a verb group",
    "clause_link": "opens a clause of its own before a gerund or infinitive",
    "relative_link": "opens a relative clause",
    "auxiliary": "skipped between a subject and its verb",
    "relative_subject": "relative pronouns that are a clause's subject",
    "participle_ending": "suffixes of a past participle",
    "ellipsis": "'as did X': X did the same",
    "venue": "meetings: a name in a phrase after them is where they were held, not a party",
    "purpose": "opens a purpose clause: what follows a trigger's 'to discuss' does not hedge it",
    "present": "near a trigger, the present of the report: the event is dated at publication",
    "perfect": "auxiliaries of a present perfect ('has purchased'): the event is dated at the publication's year",
    "passive_ending": "endings of a participle that a passive can be built on",
    "passive_word": "irregular participles a passive can be built on",
    "agent_preposition": "introduces the agent of a passive",
    "reduced_passive_ending": "a participle with this ending right after a name is a reduced passive ('Hollande accueilli')",
    "reduced_passive_place": "an -ed participle followed by this is a reduced passive ('troops stationed in Mali')",
    "infinitive_marker": "before a trigger, a purpose ('a campaign to support X'): a plan, not a fact",
    "nominal_ending": "a trigger with this ending after an infinitive marker is a noun, not an infinitive",
    "since": "'since' + date: the start of a state, not an event's date",
    "clause_link_follower": "after a clause link, opens a clause of its own ('avant de', 'après avoir')",
    "gerund_ending": "after a clause link, a gerund opens a clause of its own ('before lifting them')",
    "of_word": "'of' between a trigger and its object",
    "clause_joiner": "joins two clauses: a pronoun after it stands for the first clause's subject",
    "adverb_ending": "adverbs skipped between a subject and its verb",
    "anaphor_relative": "after an anaphor, a relative clause that names its country ('the junta that took power in Niger')",
    "participle_clause_ending": "after a comma, a participle with this ending shares the main clause's subject (', accusing X of')",
    "pronoun_object": "object pronouns that may stand between a comma and a participle (', lui reprochant')",
    "forecast": "before a future trigger, a forecast ('expected to'): stays announced even after a decision",
    "group_of_two": "'both countries', 'les deux pays': the last two states named",
    "group_of_three": "'the three juntas', 'les trois pays': the last three states named",
}


def load_grammar(language: str, folder: Path = PATTERN_DIR) -> Grammar:
    """Return the function words of a language from `grammar_<lang>.csv`."""
    path = folder / f"grammar_{language}.csv"
    rows = read_rows(path, ("role", "word", "canonical"))
    for number, row in enumerate(rows, start=2):
        if row["role"] not in GRAMMAR_ROLES and row["role"] not in WORD_ROLES:
            raise DictionaryError(str(path), f"line {number}: unknown role {row['role']!r}")
    words = lambda role: frozenset(r["word"].lower() for r in rows if r["role"] == role)  # noqa: E731
    return Grammar(
        prepositions={r["word"].lower(): r["canonical"] for r in rows if r["role"] == "preposition"},
        determiners=words("determiner"), coordinators=words("coordinator"),
        boundaries=words("boundary"), say_verbs=words("say"), agent_nouns=words("agent_noun"),
        anaphors=tuple(sorted((r["word"] for r in rows if r["role"] == "anaphor"), key=len, reverse=True)),
        past_verbs=words("past_verb"), titles=words("title"), roles={role: words(role) for role in WORD_ROLES},
        body_anaphors=tuple(sorted(((r["word"], r["canonical"]) for r in rows if r["role"] == "body_anaphor"),
                                   key=lambda pair: len(pair[0]), reverse=True)),
    )


def load_cues(language: str, folder: Path = PATTERN_DIR) -> tuple[RealisCue, ...]:
    """Return the realis cues of a language, in file order."""
    path = folder / f"realis_{language}.csv"
    cues = []
    for number, row in enumerate(read_rows(path, ("realis", "scope", "cue")), start=2):
        if row["realis"] not in REALIS or row["scope"] not in ("sentence", "window", "trigger", "context", "after"):
            raise DictionaryError(str(path), f"line {number}: bad realis/scope {row['realis']}/{row['scope']}")
        cues.append(RealisCue(row["realis"], row["scope"], _compile(path, str(number), row["cue"])))
    return tuple(cues)


def has_patterns(language: str, folder: Path | None = None) -> bool:
    """True when the folder (default data/patterns/) holds a trigger file for the language (`<language>.csv`)."""
    return language.isidentifier() and (Path(folder or PATTERN_DIR) / f"{language}.csv").is_file()


def load_patterns(language: str = "en", folder: Path | None = None) -> PatternSet:
    """Return the PatternSet of a language (the default folder is read once per process)."""
    return _default_patterns(language) if folder is None else read_patterns(language, Path(folder))


@lru_cache(maxsize=8)
def _default_patterns(language: str) -> PatternSet:
    return read_patterns(language, PATTERN_DIR)


def read_patterns(language: str, folder: Path) -> PatternSet:
    """Return the PatternSet of a language read from `folder`."""
    path = folder / f"{language}.csv"
    frames, lexicon = load_frames(folder), load_lexicon(language, folder)
    patterns = tuple(_pattern(row, frames, lexicon, path) for row in read_rows(path, PATTERN_COLUMNS))
    if not patterns:
        raise DictionaryError(str(path), "no patterns")
    owned = "|".join(lexicon[k] for k in ("FORCES", "WEAPONS") if k in lexicon)  # 'Russian troops', 'avions russes'
    forces = re.compile(rf"(?:{owned})$", re.IGNORECASE) if owned else None
    def word_class(name: str) -> re.Pattern | None:  # a lexicon class as whole words, if the lexicon has it
        return re.compile(rf"\b(?:{lexicon[name]})\b", re.IGNORECASE) if name in lexicon else None
    cues, refs = load_cues(language, folder), [word_class(n) for n in ("EVENT", "EVENT_REF", "ACCUSATION_REF", "SAME_ACT",
                                                                  "VICTIMS", "SAME_FATE", "PREMISES")]
    scanned = [p.regex for p in patterns] + [r for p in patterns for r in (p.requires, p.excludes) if r]
    index = RegexIndex(scanned + [c.regex for c in cues] + [r for r in refs if r])
    return PatternSet(language, patterns, index, load_grammar(language, folder), cues, forces, *refs)
