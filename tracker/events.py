"""Sentence -> event mentions: who did what to whom, with realis, date, evidence and rule.

For every sentence holding a trigger (data/patterns/<lang>.csv) the coder finds the actor mentions
(gazetteer), gives each a grammatical relation to the trigger (subject, object, possessor,
demonym modifier, prepositional phrase, speaker, ...) from the words between them, and lets the
pattern's frame (data/patterns/frames.csv) say which relation fills the actor and the target.
Passive voice switches to the pattern's passive frame. Anaphors ("the country") and a document
topic stand in for a country the sentence only implies.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from tracker import dates
from tracker.actors import MAKER_FORM, Gazetteer  # MAKER_FORM: a weapon model names its maker's state, for arms transfers only
from tracker.patterns import Frame, Pattern, PatternSet
from tracker.records import Article, Mention
from tracker.regex_index import Scan
from tracker.sentences import Sentence, Token, split_sentences, tokenize

FALLBACK_TYPES = frozenset({"troop_deployment", "troop_withdrawal", "coup", "security_incident"})
WARNING_FRAME = "war_warning"  # frames.csv: 'any intervention against X would be war': standing by X
SHIELD_FRAME = "veto_shield"  # frames.csv: a veto of sanctions shields the state they target
MEDIA_FRAME = "media_passive"  # frames.csv: 'RFI was taken off the air': by the country spoken of
CASUALTIES_FRAME = "casualties"  # frames.csv: 'French soldiers died in Mali'; an army's losses at home are domestic
RETORT_FRAME = "retort"  # frames.csv: 'X hit back': at whoever criticised X just before
FRONTED_VENUE_TYPES = frozenset({"sanction", "criticism", "support_statement", "expulsion", "agreement"})  # a place
# set before the clause is where they were decided; for moves and incidents it is where they happen
VOTE_FRAMES = frozenset({"veto_shield"})  # frames.csv: a veto is a support that is also an act others react to ('the veto')
ACT_STANCE_FRAMES = frozenset({RETORT_FRAME})  # stances whose words are no content ('a riposté en interdisant')
MEET_FRAME = "meet"  # frames.csv: a meeting is a visit by whoever is away from home
STANCE_TYPES = frozenset({"criticism", "support_statement"})  # their object may be another event
DONE_TO_TARGET = frozenset({"sanction", "expulsion", "security_incident"})  # an act of the actor against the target
PRESENCE_TYPES = frozenset({"troop_deployment", "troop_withdrawal", "military_cooperation", "arms_transfer"})
PROVIDER_FIRST = frozenset({"military_cooperation", "agreement"})  # 'between X and Y': the power provides
FORCES_OVERRIDES = frozenset({"subj", "mod", "poss", "pp:of", "pp:with", "obj", "far", "after_comma"})
SYMMETRIC = frozenset({"pp:between", "coord", "pp:with"})
MAX_DISTANCE = 15         # tokens between a trigger and a non-subject argument
SELF_DISTANCE = 6         # a coup's country is named right next to it
REQUIRES_BEFORE, REQUIRES_AFTER = 12, 8
DATELINE_RE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,[^\n–—-]{0,40})?\s*[–—-]+\s*"  # 'BAMAKO, Mali -'
                         r"|^[A-Z][\w.'’-]+(?: [\w.'’-]+){0,3}(?:,[^\n–—-]{0,40})?(?: \([^)\n]{1,30}\))?"
                         r"(?:[ \t]*[–—]+|[ \t]+-+)[ \t]+", re.MULTILINE)  # 'Nairobi -', 'Bamako (AFP) -'

DATELINE_CHARS = 1500  # a dateline opens one of the first paragraphs, after the headline
WINDOW_TOKENS = 12
TOPIC_FACTOR, SPEAKER_FACTOR = 0.75, 0.7


@dataclass(frozen=True)
class Span:
    """An actor mention inside a sentence, in token indices."""

    a: int
    b: int
    code: str
    text: str
    form: str = "name"
    pseudo: bool = False  # an anaphor or a fallback, not a name in the text


@dataclass(frozen=True)
class Candidate:
    span: Span
    relation: str
    distance: int


@dataclass
class Context:
    """What the coder knows while reading one article."""

    article: Article
    gazetteer: Gazetteer
    patterns: PatternSet
    sentences: list[Sentence]
    spans_by_sentence: dict[int, list]
    topic: str | None = None
    doc_topic: str | None = None
    last_date: tuple[int, str | None] = (-1, None)
    last_vote: tuple[int, str | None] = (-1, None)  # who cast the last veto: 'the veto' points back to it
    last_accuser: tuple[int, str | None] = (-1, None)  # who made the last criticism: 'rejected the accusations'
    last_blames: tuple[int, list] = (-1, [])  # the asserted criticisms of the last sentence that had any: 'hit back'
    last_act: tuple[int, Mention | None] = (-1, None)  # the last act (not a stance) coded, asserted
    last_acts: tuple[int, list] = (-1, [])  # the asserted mentions of the last sentence that had any
    dates_given: list[str] = field(default_factory=list)  # the dates of the events coded so far, in text order
    previous_topic: str | None = None  # the topic of the sentence before
    named_here: str | None = None  # the last African state the current sentence names
    named_all: list = field(default_factory=list)  # the African states the current sentence names, in order
    named_counts: Counter | None = None  # how often the article names each code (read by group anaphors)

    @property
    def last_actor(self) -> tuple[int, str | None]:
        """Who did the last act coded, and in which sentence: 'these measures' are theirs."""
        index, act = self.last_act
        return index, act.actor if act is not None else None


# ---------------------------------------------------------------------------------------------
# Relations between a mention and the trigger
# ---------------------------------------------------------------------------------------------

MATCH_TEXT = str.maketrans({"’": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


def match_text(text: str) -> str:
    """Return the text the regexes read: one apostrophe and one space ('« avec effet immédiat »' is
    typeset with thin or no-break spaces), same length and offsets."""
    return text.translate(MATCH_TEXT)


class SentenceView:
    """Tokens of one sentence with the helpers that read its structure."""

    def __init__(self, text: str, start: int, tokens: list[Token], spans: list[Span], patterns: PatternSet,
                 scan: Scan | None = None, published: str | None = None):
        self.text, self.start, self.tokens, self.spans = text, start, tokens, spans
        self.match_text = match_text(text)  # what the regexes read
        self._words, self._count = [t.lower for t in tokens], len(tokens)
        self.scan = scan or patterns.index.scan(self.match_text)  # where the patterns' regexes can match
        self.grammar = patterns.grammar
        self.forces_re = patterns.forces_re
        self.events_re = patterns.events_re
        self.names_modify = patterns.language == "en"  # 'the Mali mission'; French puts modifiers after
        self.span_end = {s.b - 1: s for s in spans}
        self._relations: dict[tuple, str] = {}
        self._matches: dict[int, list[tuple[int, int]]] = {}
        self._clauses: dict[tuple[int, int], tuple[int, int]] = {}
        self._starts: dict[tuple[int, int], int] = {}
        self.subject_slots: dict[tuple[int, int], int] = {}  # memo of _subject_slot, asked by each subject test
        self._dated: set[int] | None = None
        self._named: set[int] | None = None
        self.published, self.language = published, patterns.language
        self.stances: list[tuple[int, int]] = []  # criticism/support triggers: events after them are their objects
        self.main_acts: list = []  # the asserted acts of the main clause, for a participle clause after it

    def chars(self, a: int, b: int) -> tuple[int, int]:
        """Return the character span (in the sentence) of tokens a..b-1; empty when a >= b."""
        if a >= b:
            return 0, -1
        return self.tokens[a].start - self.start, self.tokens[b - 1].end - self.start

    def found(self, regex, a: int, b: int) -> bool:
        """True when regex matches inside tokens a..b-1 (the sentence is scanned once per regex)."""
        key = id(regex)
        if key not in self._matches:
            self._matches[key] = [m.span() for m in self.scan.finditer(regex)]
        lo, hi = self.chars(a, b)
        return any(lo <= start and end <= hi for start, end in self._matches[key])

    def word(self, i: int) -> str:
        return self._words[i] if 0 <= i < self._count else ""

    def is_skippable(self, i: int) -> bool:
        """True for words that may stand between a preposition and its noun (the, all, 200, new)."""
        w = self.word(i)
        g = self.grammar
        if w in g.determiners or w.replace(",", "").isdigit() or w in g.titles:
            return True
        return (w.replace("-", "").isalpha() and w.islower() and self.tokens[i].lower == self.text_at(i)
                and w not in g.prepositions and w not in g.boundaries and w not in g.coordinators
                and w not in g.say_verbs and w not in g.of("be_form"))

    def name_tokens(self) -> set[int]:
        """Return the indices of the tokens after the first of each name (memoised): a name counts as
        one word when a requirement's reach is counted."""
        if self._named is None:
            self._named = {k for s in self.spans if not s.pseudo for k in range(s.a + 1, s.b)}
        return self._named

    def date_tokens(self) -> set[int]:
        """Return the indices of the tokens inside date expressions (memoised)."""
        if self._dated is None:
            found = dates.find_dates(self.text, self.published, self.language)
            self._dated = {i for i, t in enumerate(self.tokens)
                           if any(d.start <= t.start - self.start < d.end for d in found)}
        return self._dated

    def text_at(self, i: int) -> str:
        tok = self.tokens[i]
        return self.match_text[tok.start - self.start:tok.end - self.start]

    def skip_back(self, i: int, limit: int = 3, floor: int = -1, over_dates: bool = False) -> tuple[int, list[str]]:
        """Return the index of the first non-skippable token before i (not below floor), and the words
        skipped; with `over_dates`, a date and its preposition are passed over too (an object after
        'expulsé dès janvier 2022')."""
        skipped, j = [], i - 1
        while j > floor and len(skipped) < limit and self.is_skippable(j) and j not in self.span_end:
            skipped.append(self.word(j))
            j -= 1
            dated = j
            while over_dates and j > floor and j in self.date_tokens() and j not in self.span_end:
                j -= 1  # 'expulsé dès janvier 2022 l'ambassadeur X': a date between verb and object
            if j < dated and j > floor and self.word(j) in self.grammar.prepositions:
                j -= 1  # the date's own preposition ('In July 2017 Macron flew'), not the name's
            if self._is_number(j + 1):  # 'more than 14,000', 'plus de 300', 'about 100': a quantity, no phrase
                while j > floor and self.word(j) in self.grammar.of("quantity"):
                    j -= 1
        return j, skipped

    def _is_number(self, i: int) -> bool:
        return self.word(i).replace(",", "").replace(".", "").isdigit()

    def preposition_at(self, j: int) -> str | None:
        """Return the canonical preposition ending at token j (one or two words), if any."""
        return self._preposition(j)[0]

    def _preposition(self, j: int) -> tuple[str | None, int]:
        """Return (canonical preposition ending at token j, its number of words)."""
        two = f"{self.word(j - 1)} {self.word(j)}"
        preps = self.grammar.prepositions
        if two in preps:
            return preps[two], 2
        return preps.get(self.word(j)), 1

    def is_source(self, j: int) -> bool:
        """True when token j closes 'according to' / 'selon' (the mention is a source, not a party)."""
        return (self.word(j) == "to" and self.word(j - 1) == "according") or self.word(j) == "selon"

    def relation(self, span: Span, trigger: tuple[int, int], depth: int = 0) -> str:
        """Return the grammatical relation of `span` to the trigger (token indices), memoised."""
        key = (span.a, span.b, trigger, depth)
        if key not in self._relations:
            self._relations[key] = self._relation(span, trigger, depth)
        return self._relations[key]

    def _relation(self, span: Span, trigger: tuple[int, int], depth: int = 0) -> str:
        left = span.b <= trigger[0]
        if trigger[0] <= span.a and span.b <= trigger[1]:
            return "obj"  # 'ordered the French ambassador to leave': named inside the trigger
        if left and self.word(span.b) in ("'s", "’s") and trigger[0] - span.b <= 4:
            return "poss"
        if left and self._is_modifier(span, trigger):
            return "mod"
        if left and self.word(span.a - 1) == "," and self.word(span.b) == "," and self._verb_follows(span.b + 1, trigger):
            return "subj"  # 'la porte-parole de la diplomatie russe, Maria Zakharova, a accusé': an apposed subject
        j, skipped = self.skip_back(span.a, floor=-1 if left else trigger[1] - 1, over_dates=not left)
        if j >= 0 and self.is_source(j):
            return "source"
        if j >= 0 and self.word(j) in self.grammar.say_verbs:
            if left and self._verb_follows(max(s.b for s in _coordinated(self, span)), trigger):
                return "subj"  # 'He said Russia and Mali had signed': the reported clause's subject
            return "speaker"
        prep = self.preposition_at(j) if j >= 0 else None
        linked = prep and left and self.word(j) in self.grammar.of("clause_link") \
            and (j == span.a - 1 or (j == span.a - 2 and self.word(j + 1) in self.grammar.determiners))
        if linked and self._verb_follows(span.b, trigger) and (self._verb_form(trigger[0]) or span.b < trigger[0]):
            return "subj"  # 'after Niger revoked the accord': a clause, not 'after Niger'
        if linked and (self.word(span.b) in self.grammar.say_verbs or (
                self.is_past_verb(span.b) and self.word(span.b + 1) in self.grammar.of("complementizer"))):
            return "speaker"  # 'after the Wagner Group announced that its fighters were leaving'
        if prep and self.word(j) in self.grammar.of("article_de") and self.preposition_at(j - 1):
            prep, j = self.preposition_at(j - 1), j - 1  # 'formés par des instructeurs' is by, not of
        if prep == "by" and left and self.word(j - 1) in self.grammar.of("leading_participle") and depth < 3:
            return self.relation(Span(j - 2, j - 1, "", ""), trigger, depth + 1)  # 'a delegation led by X was received': X's
        if prep:
            return self._prepositional(prep, j, trigger, depth)
        coordinated = self._coordinated_with(j, span)
        if coordinated is not None and depth < 3:
            return self.relation(coordinated, trigger, depth + 1)
        if self.word(j) == "(" and (j - 1) in self.span_end and depth < 3:
            return self.relation(self.span_end[j - 1], trigger, depth + 1)  # 'Mali (MINUSMA)'

        return self._bare(span, trigger, j, skipped, left)

    def _verb_follows(self, i: int, trigger: tuple[int, int]) -> bool:
        """True when the trigger starts at token i, after auxiliaries ('a accusé', 'has accused')."""
        while i < trigger[0] and (self.word(i) in self.grammar.of("auxiliary")
                                  or self.grammar.ends(self.word(i), "adverb_ending")):
            i += 1  # 'a fermement condamné', 'has strongly condemned'
        return i == trigger[0]

    def owns_forces(self, span: Span) -> bool:
        """True when the mention names whose forces these are ('Russian troops', 'soldiers from Chad')."""
        forces = self.forces_re
        if forces is None or span.pseudo:
            return False
        after = [self.word(i) for i in range(span.b, min(len(self.tokens), span.b + 2))]
        second = len(after) == 2 and (self.is_skippable(span.b) or after[0] in ("'s", "’s"))
        if any(forces.match(w) for w in after[:1]) or (second and forces.match(after[1])):
            return True
        before = [self.word(i) for i in range(max(0, span.a - 2), span.a)]
        if not self.names_modify and (any(forces.match(w) for w in before[-1:]) or (
                len(before) == 2 and forces.match(before[0]) and self.is_skippable(span.a - 1))):
            return True  # French order: 'les forces (spéciales) françaises' (English: 'troops left Niger' is no owner)
        j, _ = self.skip_back(span.a, limit=1)
        return self.preposition_at(j) in ("from", "of") and bool(forces.match(self.word(j - 1))) \
            and not self._owner_named(j - 1)  # 'its (last) troops from Niger': Niger is left, not the owner

    def across_border(self, span: Span) -> bool:
        """True for a state named as the other side of a border ('near the Algerian border', 'près de la
        frontière algérienne', 'at the border with Mali')."""
        if span.pseudo:
            return False
        borders = self.grammar.of("border_word")
        with_ = lambda i: self.grammar.prepositions.get(self.word(i)) == "with"  # noqa: E731  'border with Mali'
        return self.word(span.b) in borders or self.word(span.a - 1) in borders or (
            with_(span.a - 1) and self.word(span.a - 2) in borders) or (
            self.word(span.a - 1) in self.grammar.determiners and with_(span.a - 2) and self.word(span.a - 3) in borders)

    def _owner_named(self, i: int) -> bool:
        """True when the forces noun at i already has its owner ('its troops', 'the last French soldiers',
        'Wagner fighters'): a place after it with 'from' is where they come from, not whose they are."""
        return self._possessed(i) or (i - 1) in self.span_end or (
            self.is_skippable(i - 1) and (i - 2) in self.span_end and not self.span_end[i - 2].pseudo)

    def _possessed(self, i: int) -> bool:
        """True when the noun at i follows a possessive pronoun ('its troops', 'their last soldiers')."""
        return self.word(i - 1) in self.grammar.of("possessive_pronoun") or (
            self.is_skippable(i - 1) and self.word(i - 2) in self.grammar.of("possessive_pronoun"))

    def _is_modifier(self, span: Span, trigger: tuple[int, int]) -> bool:
        """True when the mention directly modifies the trigger noun ('Russian military arrival').

        A name (not a demonym) right before a verb is its subject ('Mali hosted', 'le Mali accueille').
        """
        gap = range(span.b, trigger[0])
        verbal = any(self.word(i).endswith("ed") for i in gap)
        gerund = self.grammar.ends(self.word(trigger[0]), "participle_clause_ending")  # 'accusing': a verb
        if span.form != "demonym" and (not self.names_modify or self._verb_form(trigger[0]) or gerund):
            return False
        return len(gap) <= 2 and all(self.is_skippable(i) for i in gap) and not verbal and span.form != "person"

    def _verb_form(self, i: int) -> bool:
        """True when token i is a past verb form ('hosted', 'sent'), never a noun a name could modify."""
        word = self.word(i)
        return word.endswith("ed") or word in self.grammar.past_verbs

    def _prepositional(self, prep: str, j: int, trigger: tuple[int, int], depth: int) -> str:
        """Return pp:<prep>, or the relation of the head noun when the phrase hangs on an agent noun
        ('the authorities in Bamako' is a subject like 'the authorities'; 'troops in Mali' says where)."""
        head = j - self._preposition(j)[1]
        forces_head = self.forces_re is not None and bool(self.forces_re.match(self.word(head)))
        located = forces_head and (prep == "in" or (prep == "from" and self._owner_named(head)))
        owned = prep == "of" and forces_head  # 'les soldats de Barkhane': the owner of the forces
        if (prep in ("of", "from", "in") and not located and not owned and depth < 3 and head >= 0
                and self.word(head) in self.grammar.agent_nouns and not trigger[0] <= head < trigger[1]
                and (head < trigger[0] or self.word(head) not in self.grammar.of("office_noun"))):
            return self.relation(Span(head, head + 1, "", ""), trigger, depth + 1)
        return f"pp:{prep}"

    def _coordinated_with(self, j: int, span: Span | None = None) -> Span | None:
        """Return the mention this one is coordinated with ('France and Germany'), if any. After a
        comma the list must go on ('Mali, Niger and Chad'): 'des Nations unies, le Premier ministre X
        a accusé' is no list."""
        if j < 0 or self.word(j) not in self.grammar.coordinators:
            return None
        if span is not None and self.word(j) == "," and self.word(span.b) not in self.grammar.coordinators:
            return None
        k, _ = self.skip_back(j, limit=2)
        span = self.span_end.get(k)
        if span is not None and self.word(j) == ",":
            p, _ = self.skip_back(span.a, limit=1)
            if (p <= 1 or self.word(p - 1) in self.grammar.boundaries) and self.preposition_at(p):
                return None  # '(Q: ) In Moscow, Zakharova said': a fronted place, not a list
        return span

    def _bare(self, span: Span, trigger: tuple[int, int], j: int, skipped: list[str], left: bool) -> str:
        """Return the relation of a mention with no preposition before it."""
        if left:
            k, _ = self._skip_forward(span.b)
            says = self.word(k) in self.grammar.say_verbs and k != trigger[0]  # 'Chad declared ... persona non grata'
            return "speaker" if says else "subj"
        k, _ = self._skip_forward(span.b)
        if self.word(k) in self.grammar.say_verbs:
            return "speaker"  # "'Russia is a reliable partner,' the Malian minister said"
        if j == trigger[1] - 1:
            return "obj"
        if j in self.span_end and any(w in self.grammar.of("possessive_det") for w in skipped):
            return "obj"  # 'received in Moscow his Malian counterpart'
        if self.word(j) == "," and j >= trigger[1] and self.word(j - 1) in self.grammar.of("apposed_title"):
            return "obj"  # 'expelled its spokesman, Olivier Salgado': the name is the object
        if self.word(j) == "," and j >= trigger[1]:
            return "after_comma"
        return "far"

    def _skip_forward(self, i: int) -> tuple[int, list[str]]:
        skipped = []
        while i < len(self.tokens) and len(skipped) < 3 and self.is_skippable(i):
            skipped.append(self.word(i))
            i += 1
        return i, skipped

    def clause_bounds(self, trigger: tuple[int, int]) -> tuple[int, int]:
        """Return the token range of the trigger's clause (boundaries: ; : but while that ...)."""
        if trigger not in self._clauses:
            self._clauses[trigger] = self._clause_bounds(trigger)
        return self._clauses[trigger]

    def is_past_verb(self, i: int) -> bool:
        """True for a past tense or participle ('ended', 'sent', 'expulsé')."""
        w = self.word(i)
        return self.grammar.ends(w, "participle_ending") or w in self.grammar.past_verbs

    def conjunct_end(self, trigger: tuple[int, int]) -> int:
        """Return where the trigger's verbal conjunct ends: at 'and'/'et' + a past verb after it
        ('forced out French troops and ended two missions'), else the sentence's end. Verbs joined
        right after the trigger share its object ('a formé et équipé l'armée')."""
        coordinators = self.grammar.coordinators
        for i in range(trigger[1] + 1, len(self.tokens) - 1):
            verb = i + 2 if self.word(i + 1) in self.grammar.of("auxiliary") else i + 1  # '..., and has bought'
            if self.word(i) in coordinators and self.word(i) != "," and self.is_past_verb(verb):
                return i  # a comma alone may introduce the speaker: '», a déclaré le ministre'
            if self.word(i) == "," and self.word(i + 1) in coordinators and self.word(i + 1) != "," \
                    and (i - 1) not in self.span_end:
                return i  # '..., and Bamako forced out the UN': a new clause, not a list
            if self.word(i - 1) == "," and self.word(i) in self.grammar.of("participle_clause_verb"):
                return i - 1  # '... would pull its troops out, citing the presence of Russian mercenaries'
        return len(self.tokens)

    def conjunct_start(self, trigger: tuple[int, int]) -> int:
        """Return where the trigger's clause starts when it is joined by ', and'/', et' and has a
        subject of its own ('..., accusing Bangui of complicity, and the last French soldiers left'):
        the comma; else 0. A list ('Mali, Niger, and Chad left') is not a clause. Memoised."""
        if trigger not in self._starts:
            self._starts[trigger] = self._conjunct_start(trigger)
        return self._starts[trigger]

    def _conjunct_start(self, trigger: tuple[int, int]) -> int:
        coordinators = self.grammar.coordinators
        for i in range(trigger[0] - 2, 0, -1):
            if self.word(i) == "," and self.word(i + 1) in coordinators and self.word(i + 1) != "," \
                    and not (self._list_item(i + 2) and not self._verb_before(i, trigger)):
                subject = any(i + 1 < s.a and s.b <= trigger[0] for s in self.spans) \
                    or self.word(i + 2) in self.grammar.of("possessive_pronoun")  # ', and its foreign policy chief refused'
                return i if subject else 0
        return 0

    def _verb_before(self, comma: int, trigger: tuple[int, int]) -> bool:
        """True when a name after ', and' is followed by the trigger verb and a verb stands before the
        comma ('the EU halted its aid, and France suspended ...'): two clauses, not a list of subjects."""
        name = next((s for s in self.spans if s.a in (comma + 2, comma + 3)), None)
        return name is not None and self._verb_follows(self._past_relative(name.b, trigger), trigger) \
            and any(self.is_past_verb(k) for k in range(comma))

    def _past_relative(self, i: int, trigger: tuple[int, int]) -> int:
        """Return where the words after a name go on past an apposed relative clause ('Germany, whose
        special forces have long worked at Tillia, sent ...'), else i."""
        if self.word(i) != "," or self.word(i + 1) not in self.grammar.of("relative_link"):
            return i
        close = next((k for k in range(i + 2, trigger[0]) if self.word(k) == ","), None)
        return close + 1 if close is not None else i

    def _list_item(self, i: int) -> bool:
        """True when a name opens the conjunct at token i ('..., and (the) Niger'): a list, not a clause
        ('..., and Chadian troops left' opens a clause)."""
        starts = {s.a for s in self.spans if s.form != "demonym"}
        return i in starts or (self.word(i) in self.grammar.determiners and i + 1 in starts)

    def _opens_finite_clause(self, k: int, trigger: tuple[int, int]) -> bool:
        """True when token k is a clause link ('since', 'after') opening the trigger verb's own clause,
        with its subject between them ('has become a hub since the last Barkhane soldiers left Mali'):
        the clause starts after it, and the main clause's subject is not the trigger's."""
        if self.word(k) not in self.grammar.of("clause_link") or not self.is_past_verb(trigger[0]) \
                or any(self.word(i) in self.grammar.of("passive_aux") or self.word(i) == "," for i in range(k, trigger[0])):
            return False  # 'after the Gao base was handed': a passive's subject is not its actor
        return any(k < s.a and s.b <= trigger[0] for s in self.spans)

    def _clause_bounds(self, trigger: tuple[int, int]) -> tuple[int, int]:
        bounds, links = self.grammar.boundaries, self.grammar.of("clause_link")
        lo = trigger[0]
        while lo > 0 and self.word(lo - 1) not in bounds and not (
                self.word(lo - 1) in links and self._opens_finite_clause(lo - 1, trigger)):
            lo -= 1
        hi = trigger[1]
        while hi < len(self.tokens) and self.word(hi) not in bounds:
            hi += 1
        return lo, hi


# ---------------------------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------------------------

def _admissible(span: Span, relation: str, distance: int, trigger, clause, passive: bool) -> bool:
    """True when a mention may fill a role: in the clause, near enough, on the right side."""
    lo, hi = clause
    if relation not in ("speaker", "after_comma", "obj", "forces") and not (lo <= span.a and span.b <= hi):
        return False
    if relation not in ("subj", "speaker", "forces") and distance > MAX_DISTANCE:
        return False
    return not (passive and relation.startswith("pp:") and span.b <= trigger[0])


def _candidates(view: SentenceView, trigger: tuple[int, int], relations: tuple[str, ...],
                passive: bool = False, right_first: bool = False) -> list[Candidate]:
    """Return the mentions whose relation is in `relations`, by preference then distance."""
    clause = view.clause_bounds(trigger)
    conjunct_end = view.conjunct_end(trigger)  # 'forced out French troops | and ended two EU missions'
    conjunct_start = view.conjunct_start(trigger)  # '..., | and the last French soldiers left'
    owned = conjunct_start and view.word(conjunct_start + 2) in view.grammar.of("possessive_pronoun")
    found = []
    for span in view.spans:
        if span.a >= conjunct_end:
            continue
        relation = view.relation(span, trigger)
        if relation in ("mod", "pp:by") and span.b <= trigger[0] and _accompanying(view, span):
            continue  # 'Malian soldiers accompanied by Russian fighters entered': the Malians did
        if relation == "subj" and span.b <= conjunct_start and not owned:
            continue  # the subject of the clause before, not this one's ('..., and its chief refused': its owner's)
        if "forces" in relations and relation in FORCES_OVERRIDES and (span.form == MAKER_FORM or view.owns_forces(span)):
            relation = "forces"
        distance = min(abs(span.a - trigger[1]), abs(trigger[0] - span.b))
        if relation == "subj" and "subj" in relations and _before_relative_clause(view, span, clause, trigger):
            found.append(Candidate(span, relation, distance))  # 'the junta that took power in Niger expelled'
        elif relation in relations and _admissible(span, relation, distance, trigger, clause, passive):
            found.append(Candidate(span, relation, distance))
    order = {r: n for n, r in enumerate(relations)}
    side = (lambda c: c.span.a < trigger[0]) if right_first else (lambda c: 0)
    return sorted(found, key=lambda c: (side(c), order[c.relation], c.distance, c.span.a))


def _accompanying(view: SentenceView, span: Span) -> bool:
    """True for a name in a phrase of company before the verb ('accompanied by Russian fighters',
    'backed by', 'aux côtés de', 'appuyés par'): it goes with the subject, it is not the subject."""
    j, _ = view.skip_back(span.a, limit=2)
    companions = view.grammar.of("companion")
    return any(" ".join(view.word(k) for k in range(j - n, j + 1)) in companions for n in (0, 1, 2))


def _before_relative_clause(view: SentenceView, span: Span, clause: tuple[int, int], trigger: tuple[int, int]) -> bool:
    """True when a name stands right before a relative clause that opens the trigger's clause and has
    a verb of its own before the trigger ('the junta | that took power in Niger | expelled'): the
    name is the subject of the trigger."""
    lo = clause[0]
    return span.b == lo - 1 and view.word(span.b) in view.grammar.of("anaphor_relative") \
        and trigger[0] - lo <= RELATIVE_TOKENS and any(view.is_past_verb(k) for k in range(lo, trigger[0])) \
        and view.is_past_verb(trigger[0]) and "," not in (view.word(k) for k in range(lo, trigger[0]))


RELATIVE_TOKENS = 10  # the longest relative clause read between a subject and its verb


def _same_side(gazetteer: Gazetteer, a: str, b: str) -> bool:
    """True when two codes are one party: an operation or mission and its state or organisation
    (Barkhane and France, MINUSMA and the UN); WAGNER and RUS stay two parties."""
    return a == b or gazetteer.parent(a) == gazetteer.parent(b) and gazetteer.actor_kind(a) in ("operation", "mission")


def _pick_pair(actors: list[Candidate], targets: list[Candidate], gazetteer: Gazetteer, group: set):
    """Return the first (actor, target) in preference order naming two different parties.

    Mentions coordinated with each other ('Mali and Niger') are not paired against each other,
    unless the frame asks for it (relation 'coord': 'Russia and Mali signed an accord').
    """
    for actor in actors:
        for target in targets:
            if actor.span == target.span or _same_side(gazetteer, actor.span.code, target.span.code) \
                    or _same_side(gazetteer, target.span.code, actor.span.code):
                continue
            if target.relation != "coord" and actor.span in group and target.span in group:
                continue
            return actor, target
    return None


def _prefer_states(targets: list[Candidate], gazetteer: Gazetteer, event_type: str) -> list[Candidate]:
    """Return targets with states first for presence events (Mali before MINUSMA)."""
    if event_type not in PRESENCE_TYPES:
        return targets
    return sorted(targets, key=lambda c: gazetteer.actor_kind(c.span.code) != "state")


def _fallback(code: str | None, relation: str) -> list[Candidate]:
    return [Candidate(Span(-1, -1, code, "", pseudo=True), relation, 99)] if code else []


def _provider_first(gaz: Gazetteer, event_type: str, actor: Candidate, target: Candidate):
    """Return the pair with the foreign power (Russia, the West, China, Turkey...) as actor for
    symmetric cooperation and agreements with an African state."""
    symmetric = actor.relation in SYMMETRIC or target.relation in SYMMETRIC
    regional_actor = gaz.bloc(actor.span.code) == "regional" and gaz.bloc(target.span.code) != "regional"
    if event_type in PROVIDER_FIRST and symmetric and regional_actor:
        return target, actor
    return actor, target


VICTIM_FRAMES = frozenset({CASUALTIES_FRAME, "attack_passive"})  # frames.csv: 'X's soldiers were killed (by Y)'
VICTIM_RELATIONS = frozenset({"forces", "subj", "mod"})  # who was hit, read as the frame's actor
PLACE_RELATIONS = frozenset({"pp:in", "pp:at", "pp:near", "topic"})


ATTACK_FRAME = "attack"


def _victims_last(gaz: Gazetteer, actor: Candidate, target: Candidate, view: SentenceView) -> tuple[Candidate, Candidate]:
    """Return the pair of an incident whose only named party is who was hit, in the country where it
    happened ('four US soldiers were killed in an ambush in Niger', 'des casques bleus tchadiens ont
    péri au Mali'), as the host against the victims' state (NER -> USA): the convention of most
    independent gold sets (dev/README.md). An attacker named with 'by' keeps the actor's place, and so
    does an armed group, a fighting party wherever it loses men ('Wagner lost dozens of men in Mali');
    an African army's losses with no place named are at home (a domestic incident)."""
    if actor.relation in VICTIM_RELATIONS and target.relation in PLACE_RELATIONS \
            and gaz.actor_kind(actor.span.code) != "armed_group":
        alone = not any(s.code != actor.span.code and not s.pseudo for s in view.spans) \
            and not any(view.word(k) in view.grammar.of("agent_preposition") for k in range(len(view.tokens)))
        if target.relation == "topic" and alone and gaz.bloc(actor.span.code) == "regional":
            return actor, actor  # 'the killing of eight Togolese soldiers', no place or attacker named: at home
        return target, actor
    return actor, target


def _object_of_attack(view: SentenceView, trigger: tuple[int, int], actor: Candidate) -> bool:
    """True for forces named after a noun of killing with 'of' ('the killing of eight Togolese
    soldiers'): who was hit, not who attacked ('the incursion of Malian soldiers' names its authors)."""
    return actor.relation == "forces" and actor.span.a >= trigger[1] \
        and view.word(trigger[1] - 1) in view.grammar.of("victim_noun") \
        and any(view.word(k) in view.grammar.of("of_word") for k in range(trigger[1], actor.span.a))


def _circumstance(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True for an attack noun in a phrase of circumstance ('were killed in an ambush', 'blessés dans
    un attentat', 'during a raid'): the names before it are who was hit, not who attacked."""
    j, skipped = view.skip_back(trigger[0])
    during = view.grammar.of("during_word")
    return view.preposition_at(j) == "in" or view.word(j) in during or bool(during.intersection(skipped)) or (
        view.preposition_at(j) is not None and view.word(j - 1) in during)  # 'lors d'une embuscade'


# ---------------------------------------------------------------------------------------------
# The coder
# ---------------------------------------------------------------------------------------------

PASSIVE_GAP = 4  # words between a participle and its 'by'/'par' agent ('soutenue à bout de bras par')


def _is_passive(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when the trigger is a participle in the passive voice."""
    before = [view.word(trigger[0] - k) for k in (1, 2, 3)]
    first = view.word(trigger[0])
    g = view.grammar
    participle = g.ends(first, "passive_ending") or first in g.of("passive_word")
    if not participle:
        return False
    if any(w in g.of("passive_aux") for w in before[:2]) or view.word(trigger[1]) in g.of("agent_preposition"):
        return True
    agent = next((k for k in range(trigger[1], min(len(view.tokens), trigger[1] + PASSIVE_GAP + 1))
                  if view.word(k) in g.of("agent_preposition")), None)  # 'soutenue à bout de bras par la France'
    if agent is not None and not any(k in view.span_end or view.word(k) == "," or view.is_past_verb(k)
                                     or view.word(k) in g.determiners or view.word(k) in g.of("object_opener")
                                     for k in range(trigger[1], agent)):  # not 'condemned any seizure of power by'
        return True
    if g.ends(first, "reduced_passive_ending") \
            and ((trigger[0] - 1) in view.span_end or (before[0] == "," and (trigger[0] - 2) in view.span_end)):
        return True  # French participle right after a name: 'Hollande accueilli', 'Joël Meyer, expulsé le'
    reduced = trigger[1] - trigger[0] == 1 and view.word(trigger[1]) in g.of("reduced_passive_place") \
        and before[0].isalpha() \
        and before[0] not in g.determiners and trigger[0] - 1 not in view.span_end
    return reduced and g.ends(first, "participle_ending")


def _text_between(view: SentenceView, a: int, b: int) -> str:
    """Return the sentence text from token a to the end of token b-1 ('' when empty)."""
    if a >= b:
        return ""
    return view.text[view.tokens[a].start - view.start:view.tokens[b - 1].end - view.start]


def _realis(view: SentenceView, trigger: tuple[int, int], ctx: Context, sentence: Sentence,
            read_after: bool = True) -> str:
    """Return asserted, announced, denied or speculated for the trigger; with `read_after` False, the
    words after it are not read (a warning's hypothetical, 'would be treated as war', is its content)."""
    lo = max(view.clause_bounds(trigger)[0] - 1, trigger[0] - WINDOW_TOKENS, 0)  # the boundary word counts ('if', 'si')
    for i in range(trigger[0] - 1, lo - 1, -1):
        if view.word(i) in view.grammar.of("temporal_head"):  # 'has not struck ... since the coup': the coup is not negated
            lo = i
            break
    if _past_after_coordinator(view, trigger):  # 'demanded their departure and expelled the envoy'
        lo = trigger[0] - 1
    lo = max(lo, _after_parenthetical(view, trigger))  # 'Le Tchad, qui n'est pas membre, a dépêché'
    lo = max(lo, view.conjunct_start(trigger))  # '..., accusing X of bias, and the last soldiers left'
    after_end = min(len(view.tokens), trigger[1] + 4)
    after_end = next((i + 1 for i in range(trigger[1], after_end) if view.word(i) in view.grammar.of("purpose")), after_end)
    after_end = next((i for i in range(trigger[1], after_end) if view.word(i) in view.grammar.of("relative_subject")),
                     after_end)  # 'vetoed a draft that would have renewed the sanctions': the relative clause's own modal
    after_end = next((i for i in range(trigger[1], after_end) if view.word(i) == ","  # ', accusing her of': a clause
                      and view.grammar.ends(view.word(i + 1), "participle_clause_ending")), after_end)  # of its own
    after = (trigger[1], after_end if read_after else trigger[1])  # 'flew to Nouakchott to discuss': a purpose does not hedge
    if view.word(trigger[0] - 1) in view.grammar.of("hypothetical_determiner"):
        return "speculated"  # 'toute attaque contre ses ressortissants entraînerait', 'any intervention would'
    cues = ctx.patterns.cues
    for cue in cues:
        if cue.scope == "sentence" and view.found(cue.regex, 0, trigger[0]):
            return cue.realis
        if cue.scope == "after" and view.found(cue.regex, trigger[1], view.clause_bounds(trigger)[1]):
            return cue.realis  # 'L'intervention brandie par la Cédéao n'a jamais eu lieu'
    if view.text.rstrip().rstrip("”»\"' ").endswith("?"):
        return "speculated"
    trigger_text = _text_between(view, trigger[0], trigger[1])
    decided = view.word(trigger[0] - 2) in view.grammar.of("decision_verb")  # 'agreed to withdraw', 'a décidé de retirer'
    cause = next((trigger[0] - k for k in (2, 3, 4) if view.word(trigger[0] - k) in view.grammar.of("cause_verb")), None)
    decided = decided or any(view.word(trigger[0] - k) in view.grammar.of("first_word") for k in range(2, 8))  # 'the first to visit'
    if cause is not None:  # 'prompting Ouagadougou to summon': it did, whatever came before
        decided, lo = True, max(lo, cause)
    if view.word(trigger[0] - 1) in view.grammar.of("infinitive_marker") and not decided \
            and not _after_contact(view, trigger) and not _sequel_infinitive(view, trigger) \
            and not view.grammar.ends(trigger_text.lower(), "nominal_ending"):
        return _unless_decided("announced", ctx, sentence)  # 'a campaign to support X': a purpose, not a fact
    first_word = view.word(trigger[0])
    for cue in cues:
        if cue.scope == "trigger" and (cue.regex.search(trigger_text) or cue.regex.search(first_word)):
            return _unless_decided(cue.realis, ctx, sentence)
    group = _governing_verb(view, trigger)
    for cue in cues:
        hit_after = cue.realis in ("announced", "speculated") and view.found(cue.regex, *after)
        hit_group = group is not None and view.found(cue.regex, *group)
        if cue.scope == "window" and (view.found(cue.regex, lo, trigger[0]) or hit_after):
            if any(view.word(i) in view.grammar.of("forecast") for i in range(lo, trigger[0])):
                return cue.realis  # 'are expected to be handed over in March': a forecast, not the decision itself
            return _unless_decided(cue.realis, ctx, sentence)
        if cue.scope == "window" and hit_group:
            return cue.realis  # 'the departure of US troops will cost...': a forecast, decided or not
    return "asserted"


def _after_contact(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when a call or letter made stands shortly before ('telephoned Ouattara to offer his
    condolences'): the purpose infinitive is what it said, not a plan."""
    return any(view.word(k) in view.grammar.of("contact_verb") for k in range(max(0, trigger[0] - 10), trigger[0]))


def _past_after_coordinator(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when the trigger is a past verb right after 'and'/'et': a conjunct of its own, which the
    words of the previous conjunct ('demanded', 'may') do not govern."""
    return view.is_past_verb(trigger[0]) and view.word(trigger[0] - 1) in view.grammar.coordinators


FORCE_MOVES = frozenset({"troop_deployment", "troop_withdrawal"})
NOUN_PHRASE_TOKENS = 14  # how far a nominal trigger's noun phrase may run before its verb


def _governing_verb(view: SentenceView, trigger: tuple[int, int]) -> tuple[int, int] | None:
    """Return the tokens of the verb group a nominal trigger is the subject of ('the withdrawal of
    French troops should be completed', 'le retrait des troupes devrait s'achever'), or None: the
    trigger must follow a determiner, and a boundary, relative pronoun or coordinator ends the search."""
    g = view.grammar
    if view.word(trigger[0] - 1) not in g.determiners and view.word(trigger[0] - 1) not in g.of("possessive_pronoun"):
        return None
    for j in range(trigger[1], min(len(view.tokens), trigger[1] + NOUN_PHRASE_TOKENS)):
        w = view.word(j)
        if w in g.boundaries or w in g.of("relative_subject") or w in g.coordinators:
            return None
        if w in g.of("be_form") or w in g.of("modal"):
            return j, min(len(view.tokens), j + 4)
    return None


def _after_parenthetical(view: SentenceView, trigger: tuple[int, int]) -> int:
    """Return the token after a relative clause set off by commas before the trigger (', qui n'est
    pas membre de l'organisation,'), whose negations and hedges are not the trigger's; else 0."""
    close = next((i for i in range(trigger[0] - 1, max(-1, trigger[0] - 7), -1) if view.word(i) == ","), None)
    if close is None:
        return 0
    for i in range(close - 1, max(-1, close - 20), -1):
        if view.word(i) == ",":
            return close + 1 if view.word(i + 1) in view.grammar.of("relative_link") else 0
    return 0


def _unless_decided(realis: str, ctx: Context, sentence: Sentence) -> str:
    """Return 'asserted' for a plan reported right after a decision (FORMAT.md), else realis."""
    return "asserted" if realis == "announced" and _decided(ctx, sentence) else realis


def _decided(ctx: Context, sentence: Sentence) -> bool:
    """True when this sentence or the one before it reports a decision (a vote, a decree)."""
    cues = [c for c in ctx.patterns.cues if c.scope == "context"]
    for other in ctx.sentences[max(0, sentence.index - 1):sentence.index + 1]:
        text = ctx.article.text[other.start:other.end]
        if any(c.regex.search(text) for c in cues):
            return True
    return False


SAME_TIME = re.compile(r"\b(?:(?:on |that )?the same day|that (?:same )?day|at the same time|le (?:même )?jour même|le même jour|"
                       r"ce jour-là|au même moment|dans le même temps|(?P<month>(?:in |during )?the same month|that same month|"
                       r"le même mois|ce même mois)|(?P<year>(?:in |during )?the same year|that same year|la même année|"
                       r"cette même année))\b", re.IGNORECASE)


def _event_date(view: SentenceView, trigger: tuple[int, int], ctx: Context, sentence: Sentence) -> str | None:
    """Return the event date: in the sentence, else carried from the previous one, else present tense."""
    near = view.tokens[trigger[0]].start - view.start
    published, language = ctx.article.published, ctx.article.language or "en"
    found = dates.event_date(view.text, published, language, near=near,
                             allowed=lambda a, b: not _other_clause(view, trigger, a, b) and not _names_document(view, a, b),
                             anchor_year=_anchor_year(ctx, sentence, view, near))
    if found:
        return found
    later = dates.days_later(view.text, next((d for d in reversed(ctx.dates_given) if len(d) == 10), None))
    if later:  # 'two days later', 'le lendemain': after the last full date the text gave
        return later
    same = SAME_TIME.search(view.text)
    if same:  # 'on the same day of the visit', 'le même mois': the last date the text gave that precisely
        need = 7 if same.group("month") else 4 if same.group("year") else 10
        value = next((d for d in reversed(ctx.dates_given) if len(d) >= need), None)
        if value:
            return value[:need]
    previous_index, previous_date = ctx.last_date
    previous = ctx.sentences[previous_index] if previous_index >= 0 else None
    if previous and previous.index == sentence.index - 1 and previous.paragraph == sentence.paragraph \
            and (previous_date or not _present_perfect(view, trigger)):
        return previous_date
    if published and _present_tense(view, trigger):
        return published
    if published and _present_perfect(view, trigger):
        return published[:4]
    return None


def _other_clause(view: SentenceView, trigger: tuple[int, int], start: int, end: int) -> bool:
    """True when a date at characters start..end dates another verb: a clause of 'before/after +
    -ing' or 'avant de / après avoir' stands between it and the trigger ('days after the coup, ...
    before lifting them in February': February is the lifting's)."""
    bounds = [i for i, tok in enumerate(view.tokens) if start <= tok.start - view.start < end]
    if not bounds:
        return False
    since = view.word(bounds[0]) in view.grammar.of("since") or view.word(bounds[0] - 1) in view.grammar.of("since")
    if since and view.word(trigger[0] - 1) in view.grammar.determiners and bounds[0] >= trigger[1]:
        return True  # 'the coup ... had been in Russia since January': a state's start, not the event's date
    a, b = (trigger[1], bounds[0]) if bounds[0] >= trigger[1] else (bounds[-1] + 1, trigger[0])
    for i in range(a, b):
        nxt = view.word(i + 1)
        if view.word(i) in view.grammar.of("clause_link") and (view.grammar.ends(nxt, "gerund_ending")
                                                              or nxt in view.grammar.of("clause_link_follower")):
            return True
        if view.word(i) in view.grammar.of("relative_link") and i >= trigger[1]:  # '..., which has hosted drones since 2019'
            return True
    return False


def _names_document(view: SentenceView, start: int, end: int) -> bool:
    """True for a bare year that names a document, not the event's date ('l'accord de 2018', 'the
    accord of 2015', 'the 2018 agreement', 'la résolution 2100 de 2013')."""
    if not view.text[start:end].strip().isdigit():
        return False
    inside = [i for i, tok in enumerate(view.tokens) if start <= tok.start - view.start < end]
    if not inside:
        return False
    documents = view.grammar.of("document_noun")
    first, last = inside[0], inside[-1]
    return view.word(last + 1) in documents or (view.preposition_at(first - 1) is not None
                                                and view.word(first - 2) in documents)


def _present_tense(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when the trigger is in the present tense of the report ('is the first visit')."""
    nearby = {view.word(i) for i in range(max(0, trigger[0] - 4), min(len(view.tokens), trigger[1] + 3))}
    return bool(nearby & view.grammar.of("present"))


def _present_perfect(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True for a verb trigger in the present perfect ('Mali has purchased'): done by the report's year."""
    if not view.is_past_verb(trigger[0]):
        return False
    for i in range(trigger[0] - 1, max(-1, trigger[0] - 4), -1):  # 'has (already) deployed'
        if view.word(i) in view.grammar.of("perfect"):
            return True
        if not view.is_skippable(i):
            return False
    return False


def _evidence(view: SentenceView, trigger: tuple[int, int], *spans: Span) -> str:
    """Return the sentence span covering the trigger and the named roles."""
    real = [s for s in spans if not s.pseudo or s.form == "group"]
    return _text_between(view, min([trigger[0]] + [s.a for s in real]), max([trigger[1]] + [s.b for s in real]))


def _list_start(view: SentenceView, span: Span) -> Span:
    """Return the first member of the list of names that `span` belongs to."""
    glue = view.grammar.list_glue
    current = span
    while True:
        i, words = current.a - 1, []
        while current.form == "person" and i >= 0 and i not in view.span_end and view.text_at(i)[:1].isupper():
            i -= 1  # 'Karamoko Jean-Marie Traore': first names the gazetteer does not hold
        while i >= 0 and view.word(i) in glue:
            words.append(view.word(i))
            i -= 1
        previous = view.span_end.get(i)
        if previous is not None and not previous.pseudo and previous.code == current.code and not words:
            current = previous  # 'European Commission President Ursula von der Leyen': one member
            continue
        if previous is None or previous.pseudo or previous.code == current.code \
                or not any(w in view.grammar.coordinators for w in words) or _mixed(previous, current):
            return current
        current = previous


def _mixed(first: Span, second: Span) -> bool:
    """True for a name and a demonym ('Bamako, and Chadian troops'): a new phrase, not a list of
    names ('French and Malian troops', 'Mali and Niger' are lists)."""
    return (first.form == "demonym") != (second.form == "demonym")


def _coordinated(view: SentenceView, span: Span) -> list[Span]:
    """Return the names coordinated with `span`, itself included ('Mali, Burkina Faso and Niger').

    A bare comma links two names only in a list that ends with a conjunction, so that
    'to Moscow, Germany's parliament' is not read as a list.
    """
    if span.form == "group":  # 'both countries': its members, all on the phrase's tokens
        return [s for s in view.spans if s.form == "group" and (s.a, s.b) == (span.a, span.b)]
    if span.pseudo:
        return [span]
    glue = view.grammar.list_glue
    by_start, current = {s.a: s for s in view.spans}, _list_start(view, span)
    group, links, same = [current], [], []
    while True:
        words, nxt = _next_member(view, current, by_start, glue, same)
        last = same[-1] if same and same[-1].a > current.a else current  # 'Spanish Prime Minister Pedro Sánchez'
        if nxt is None or nxt.code == current.code or nxt.pseudo \
                or not any(w in view.grammar.coordinators for w in words) or _mixed(last, nxt):
            break  # 'du Mali, du Burkina Faso et du Niger' is a list; 'France in Mali' is not
        links.append(any(w != "," for w in words if w in view.grammar.coordinators))
        group.append(nxt)
        current = nxt
    while links and not links[-1]:
        links.pop()
        group.pop()
    members = {s.code for s in group}
    return group if span in group or (span in same and span.code in members) else [span]


def _next_member(view: SentenceView, current: Span, by_start: dict, glue: set,
                 same: list[Span]) -> tuple[list[str], Span | None]:
    """Return the words after a list member and the name that follows them. A person and the state
    named after him are one member ('Abdoulaye Diop of Mali, ...'), and so are an organisation and
    its officer ('European Commission President Ursula von der Leyen': the officer goes to `same`)
    and an unknown name and its state after a conjunction ('... and Bakary Yaou Sangare of Niger')."""
    i, words, n = current.b, [], len(view.tokens)
    of_words = view.grammar.of("of_word")
    dated, saw_date = view.date_tokens(), False
    while True:
        while i < n and (view.word(i) in glue or i in dated) and i not in by_start \
                and not (saw_date and view.word(i) == ","):  # "et l'Union", 'on 8 March and then on to', not 'en 2024, et'
            saw_date = saw_date or i in dated
            words.append(view.word(i))
            i += 1
        nxt = by_start.get(i)
        if nxt is None and not words:
            officer = by_start.get(_past_capitalised(view, i, by_start))
            if officer is not None and officer.code == current.code and not officer.pseudo:
                same.append(officer)
                i = officer.b
                continue
        own_state = nxt is not None and nxt.code == current.code and current.form == "person" \
            and words and words[-1] in of_words and not any(w in view.grammar.coordinators for w in words)
        if own_state:  # 'Diop of Mali': go on after 'Mali'
            i, words = nxt.b, []
            continue
        if nxt is None and any(w in view.grammar.coordinators for w in words):
            j = _past_capitalised(view, i, by_start)
            if i < j < n and j in by_start and by_start[j].form == "person":  # ', Karamoko Jean-Marie Traore'
                nxt = by_start[j]
            elif i < j < n and view.word(j) in of_words and (j + 1) in by_start \
                    and any(w != "," for w in words if w in view.grammar.coordinators):  # 'and Bakary Sangare of Niger'
                words, nxt = words + [view.word(j)], by_start[j + 1]
        return words, nxt


def _past_capitalised(view: SentenceView, i: int, by_start: dict) -> int:
    """Return the index after the capitalised words from i that open no name (first names and titles
    the gazetteer does not hold: 'Karamoko Jean-Marie', 'President')."""
    while i < len(view.tokens) and i not in by_start and view.text_at(i)[:1].isupper():
        i += 1
    return i


def _ellipsis_actors(view: SentenceView, trigger: tuple[int, int]) -> list[Span]:
    """Return the mentions of an 'as did X' clause after the trigger (they did the same)."""
    rest = " ".join(view.word(i) for i in range(trigger[1], len(view.tokens)))
    for phrase in view.grammar.of("ellipsis"):
        at = rest.find(phrase + " ")
        if at >= 0:
            first = trigger[1] + rest[:at].count(" ") + phrase.count(" ") + 1
            return [s for s in view.spans if s.a >= first and s.a - first < 8 and not s.pseudo][:3]
    return []


def _host(gazetteer: Gazetteer, actor: str, target: str, event_type: str) -> str | None:
    """Return the country whose relations the event concerns (the African side of a foreign pair)."""
    a, t = gazetteer.host_country(actor), gazetteer.host_country(target)
    if event_type == "coup" or a == t:
        return a
    if a and t:
        return t if gazetteer.bloc(target) == "regional" or gazetteer.bloc(actor) != "regional" else a
    return t or a


def _roles(view, pattern, frame, trigger, ctx, sentence, passive):
    """Return the actor and target candidates of a trigger under a frame."""
    gaz = ctx.gazetteer
    place_words = view.grammar.of("place_anaphor")  # 'there' is where, never who
    actors = [c for c in _candidates(view, trigger, frame.actor, passive) if c.span.form != "broadcaster"
              and (c.span.form != MAKER_FORM or pattern.event_type == "arms_transfer")
              and not (c.span.form == "anaphor" and c.span.text.lower() in place_words)] \
        + _speaker_fallback(frame, ctx, sentence)
    if pattern.event_type not in STANCE_TYPES:
        actors = _not_the_stance_taker(view, trigger, actors)
    if "owner" in frame.actor:  # 'le camp militaire français a été rétrocédé': the French leave it
        actors += [Candidate(c.span, "owner", c.distance) for c in _candidates(view, trigger, ("subj",), passive)
                   if c.span.form == "demonym"]
    if "previous_actor" in frame.actor and not actors:  # 'Gossi was handed over': by who was leaving
        index, party = ctx.last_actor
        if party is not None and 0 < sentence.index - index <= REFERENCE_REACH + 1 and gaz.bloc(party) != "regional":
            actors = _fallback(party, "previous_actor")  # a foreign force leaving, never the host
    if "foreign_party" in frame.actor and not actors:  # 'Le camp de Gossi a été remis aux forces maliennes',
        mission = _last_body(ctx, sentence, view.start, "mission", lookback=len(ctx.sentences))  # nobody named: the
        actors = _fallback(mission or _foreign_party(ctx, None), "foreign_party")  # mission named last, else the power
        # the article names most ('The base at Ber was handed over on 13 August' in an article about MINUSMA)
    if "topic" in frame.actor:  # 'X was declared persona non grata': by the article's country
        actors = actors + _fallback(ctx.topic, "topic")
    actors = [c for c in actors if not _leader_of_party(view, c, trigger)] or actors
    if view.word(trigger[0] - 1) in view.grammar.of("possessive_pronoun") and any(c.relation == "subj" for c in actors):
        actors = [c for c in actors if c.relation != "pp:of"]  # 'Bamako a annoncé son retrait du G5': Bamako's
    if _after_temporal(view, trigger):  # 'left ... months after the denunciation of the accords'
        actors = [c for c in actors if c.relation not in ("subj", "speaker", "after_comma")]
    if pattern.event_type == "security_incident" and _in_phrase(view, trigger):
        actors = [c for c in actors if c.relation != "subj"]  # 'X's soldiers were killed in an ambush': X is hit
    targets = _prefer_states(_candidates(view, trigger, frame.target, right_first=True),
                             gaz, pattern.event_type)
    if pattern.event_type in STANCE_TYPES and not passive and view.is_past_verb(trigger[0]):
        agents = [c for c in actors if c.relation == "pp:by" and c.span.a >= trigger[1]  # 'dénoncé les pressions
                  and view.is_past_verb(view.skip_back(c.span.a, limit=1)[0] - 1)]
        actors = [c for c in actors if c not in agents]  # exercées par Washington': the author of what is blamed
        named = [c for c in targets if c.relation != "topic"]
        targets = named + [Candidate(c.span, "object_agent", c.distance) for c in agents] + targets[len(named):]
    if pattern.event_type not in BROADCASTER_TYPES:  # 'told the BBC': a channel, not a party
        targets = [c for c in targets if c.span.form != "broadcaster"]
    targets = [c for c in targets if c.span.form != MAKER_FORM]  # 'Su-25s': whose weapons, never who receives them
    if pattern.event_type == "security_incident":  # 'près de la frontière algérienne':
        targets = [c for c in targets if not view.across_border(c.span)]  # not where it happened
    if frame.name == MEDIA_FRAME:  # 'RFI a été suspendue': a channel's state, not 'Mali was suspended'
        targets = [c for c in targets if c.span.form == "broadcaster"]
    targets = [_named_mission(view, c, gaz) for c in targets if not _leader_of_party(view, c, trigger)]
    if pattern.event_type != "diplomatic_visit":
        fronted = pattern.event_type in FRONTED_VENUE_TYPES  # 'à Accra, les chefs d'État ont gelé': where, not whom
        places = [c for c in targets if not _venue(view, c)
                  and not (fronted and c.span.b <= trigger[0] and _fronted_place(view, c.span))]
        if len(places) < len(targets):
            targets = places or _fallback(ctx.topic, "topic")
    if "coord" in frame.target:
        targets += [Candidate(s, "coord", 0) for c in actors[:1] for s in _coordinated(view, c.span)[1:]]
    late_topic = "previous_event" in frame.target  # 'Niger closed its border': with the party of the act just
    if pattern.event_type in FALLBACK_TYPES or (passive and pattern.event_type == "military_cooperation") \
            or _criticises_an_event(view, pattern, trigger) or ("topic" in frame.target and not late_topic):
        topic = _incident_place(ctx, sentence) if pattern.event_type == "security_incident" \
            else _other_topic(ctx, actors, pattern.event_type)  # an attack 'près de la frontière algérienne': not Algeria
        targets += _fallback(topic, "topic")
    if pattern.event_type in STANCE_TYPES:
        last = max(ctx.last_actor, ctx.last_vote, key=lambda pair: pair[0])  # 'ces mesures', 'the veto': the latest act
        meant = [_referred_back(view, ctx.patterns.event_refs_re, trigger[0] + 1, trigger, last, sentence)]
        if pattern.event_type == "criticism":
            meant.append(_referred_back(view, ctx.patterns.accusation_refs_re, trigger[0], trigger,
                                        ctx.last_accuser, sentence))
        for code in meant:
            if code:
                targets = [c for c in targets if c.relation != "topic"] or _fallback(code, "previous_event")
    if "last_incident" in frame.target and not targets:  # 'Paris offered its condolences': to the country hit
        index, act = ctx.last_act
        if act is not None and act.event_type == "security_incident" and 0 < sentence.index - index <= REFERENCE_REACH:
            targets = _fallback(act.target, "last_incident")
    if "accuser" in frame.target and not targets:  # 'Chad hit back': at whoever criticised it just before
        index, blames = ctx.last_blames
        actor = actors[0].span.code if actors else None
        named = [m.actor for m in blames if m.actor != actor and (actor is None or m.target == actor)]
        if named and 0 < sentence.index - index <= REFERENCE_REACH + 1:
            targets = _fallback(named[-1], "accuser")
    if pattern.event_type in STANCE_TYPES:  # 'reprochant aux Occidentaux de vouloir maintenir Bamako sous tutelle':
        targets = [c for c in targets if not _in_stance_content(view, trigger, c.span)]  # Bamako is what is said
    if "previous_event" in frame.target and not targets:  # 'Berlin avait fait part de ses profonds regrets'
        targets = _previous_party(ctx, sentence, actors[0].span.code if actors else None)
    if "counterpart" in frame.actor and not actors and targets:  # 'un accord a été signé avec Bamako': by the
        named = targets[0].span.code  # other party named before it in the sentence, or the article speaks of
        before = [s.code for s in view.spans if s.b <= trigger[0] and not s.pseudo and s.form not in ("broadcaster", MAKER_FORM)]
        actors = _fallback(next((c for c in before if c != named), None) or _spoken_of(ctx, named)
                           or _foreign_party(ctx, named), "counterpart")
    if "foreign_party" in frame.target and not targets and not (actors and gaz.bloc(actors[0].span.code) != "regional"):
        targets = _fallback(_foreign_party(ctx, actors[0].span.code if actors else None), "foreign_party")  # 'the end of all
        # foreign military presence', 'a salué un partenariat sincère': the power named most, when the actor is not one
    if late_topic and "topic" in frame.target and not targets:  # reported, else with the country spoken of (before,
        targets = _fallback(_spoken_of(ctx, actors[0].span.code if actors else None), "topic")  # when the actor is it)
    return actors, targets


def _in_stance_content(view: SentenceView, trigger: tuple[int, int], span: Span) -> bool:
    """True for a name after 'de' + infinitive following a stance ('reprochant aux Occidentaux de vouloir
    maintenir Bamako sous tutelle'): part of what is reproached, not whom."""
    g = view.grammar
    return any(view.word(k) in g.of("of_word") and g.ends(view.word(k + 1), "infinitive_ending")
               and len(view.word(k + 1)) > 3 for k in range(trigger[1], span.a - 1))


def _spoken_of(ctx: Context, besides: str | None) -> str | None:
    """Return the country the text speaks of other than `besides`: the sentence's topic, else the one
    spoken of before it, else the article's main country."""
    return next((c for c in (ctx.topic, ctx.previous_topic, ctx.doc_topic) if c and c != besides), None)


def _named_counts(ctx: Context) -> Counter:
    """Return how often the article names each code (counted once, on first use)."""
    if ctx.named_counts is None:
        ctx.named_counts = Counter(m.code for spans in ctx.spans_by_sentence.values() for _, m in spans)
    return ctx.named_counts


def _foreign_party(ctx: Context, actor: str | None) -> str | None:
    """Return the non-African state the article names most (not the actor): the foreign power an
    unnamed 'foreign military presence' stands for."""
    gaz = ctx.gazetteer
    powers = [(n, code) for code, n in _named_counts(ctx).items() if code != actor
              and gaz.actor_kind(code) == "state" and gaz.bloc(code) in ("west", "russia")]
    return max(powers)[1] if powers else None


BROADCASTER_TYPES = frozenset({"sanction", "expulsion"})  # 'suspended RFI and France 24': a step against France


def _other_topic(ctx: Context, actors: list[Candidate], event_type: str) -> str | None:
    """Return the country the sentence speaks of, or, for a stance by that country itself ('le
    gouvernement ivoirien exige leur libération'), the one spoken of before it."""
    own = actors and actors[0].span.code == ctx.topic and event_type in STANCE_TYPES
    return _spoken_of(ctx, ctx.topic) if own else ctx.topic


def _named_mission(view: SentenceView, candidate: Candidate, gaz: Gazetteer) -> Candidate:
    """Return the candidate as its mission when the mission is named right after it ('the UN
    peacekeeping mission MINUSMA', 'the EU's training mission, EUTM Mali'): the more specific party."""
    span = candidate.span
    for other in view.spans:
        if span.b <= other.a <= span.b + 4 and not other.pseudo and gaz.parent(other.code) == span.code \
                and gaz.actor_kind(other.code) == "mission":
            return replace(candidate, span=other)
    return candidate


LED_BY = re.compile(r"\b(?:led|headed|chaired|conduite?s?|dirigée?s?|menée?s?|présidée?s?) (?:by|par)(?:\s+[\w'’-]+){0,3}\s*$",
                    re.IGNORECASE)


def _leader_of_party(view: SentenceView, candidate: Candidate, trigger: tuple[int, int]) -> bool:
    """True for a name in 'a mission of ECOWAS led by Ghana's minister' before the verb: the party is
    the body that sent the mission, not its leader's state."""
    span = candidate.span
    if span.b > trigger[0] or span.pseudo:
        return False
    lo = view.tokens[max(0, span.a - 6)].start - view.start
    return bool(LED_BY.search(view.text[lo:view.tokens[span.a].start - view.start]))


def _in_phrase(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when the trigger noun hangs on a preposition ('killed in an ambush', 'tués dans une attaque'):
    the clause's subject is not its agent."""
    j, _ = view.skip_back(trigger[0], limit=2)
    return view.preposition_at(j) is not None


def _venue(view: SentenceView, candidate: Candidate) -> bool:
    """True for a place named after a meeting ('at a summit in Accra', 'le sommet tenu jeudi dans la
    capitale ghanéenne'): where it was held. Only a visit takes its venue as a party (the host)."""
    if not candidate.relation.startswith("pp:"):
        return False
    venues = view.grammar.of("venue")
    return any(view.word(i) in venues for i in range(max(0, candidate.span.a - 7), candidate.span.a))


def _after_temporal(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True for a nominal trigger in a time phrase ('after the denunciation of the accords'): the
    clause's subject did the clause's verb, not this event."""
    i = trigger[0] - 1
    if view.word(i) in view.grammar.determiners:
        i -= 1
    g = view.grammar
    return view.word(i) in g.of("temporal_head") or view.word(i) in g.of("temporal_preposition") \
        or (view.word(i) in g.of("of_word") and view.word(i - 1) in g.of("temporal_preposition"))  # 'suite à/de'


def _previous_party(ctx: Context, sentence: Sentence, actor: str | None) -> list[Candidate]:
    """Return the other party of the last act reported shortly before (what a regret or a concern
    with no object is about): its actor, or its target when the actor is the one who regrets."""
    index, act = ctx.last_act
    own = [m for m in ctx.last_acts[1] if actor in (m.actor, m.target)]
    if own and ctx.last_acts[0] > index:  # a stance of or against the same party, reported after it
        index, act = ctx.last_acts[0], own[-1]
    if act is None or not 0 < sentence.index - index <= REFERENCE_REACH:
        return []
    return _fallback(act.target if act.actor == actor else act.actor, "previous_event")


REFERENCE_REACH = 2  # sentences back where 'these measures' may find the act they refer to


def _referred_back(view: SentenceView, refs, start: int, trigger: tuple[int, int],
                   last: tuple[int, str | None], sentence: Sentence) -> str | None:
    """Return who a stance's object points back to: the actor of the act ('these measures', lexicon
    EVENT_REF) or the accuser ('the accusations', ACCUSATION_REF) coded in one of the
    REFERENCE_REACH sentences before, when `refs` matches from token `start` to just after the trigger; else None."""
    index, party = last
    if refs is None or party is None or not 0 < sentence.index - index <= REFERENCE_REACH:
        return None
    return party if view.found(refs, start, min(len(view.tokens), trigger[1] + 4)) else None


def _not_the_stance_taker(view: SentenceView, trigger: tuple[int, int], actors: list[Candidate]) -> list[Candidate]:
    """Return the actors minus the subject of a criticism or support verb whose object this event is.

    'Russia denounced the sanctions imposed on Mali by ECOWAS': Russia does not sanction;
    'France condemned the attack': France did not attack.
    """
    clause = view.clause_bounds(trigger)
    stances = [t for t in view.stances if t[1] <= trigger[0] and clause[0] <= t[0]]
    if not stances:
        return actors
    first = min(t[0] for t in stances)
    return [c for c in actors if not (c.span.b <= first and c.relation in ("subj", "speaker", "mod"))]


def _stance_on_agent(events: list[tuple[Mention, tuple[int, int]]]) -> list[Mention]:
    """Return the mentions with a criticism or support of an event aimed at the event's actor.

    'Russia denounced the sanctions imposed on Mali by ECOWAS' criticises ECOWAS, not Mali: when a
    stance and the event it is about share their target, the stance targets the event's actor.
    """
    out = []
    for mention, trigger in events:
        if mention.event_type in STANCE_TYPES:
            later = [m for m, t in events if t[0] >= trigger[1] and m.event_type in DONE_TO_TARGET
                     and m.target == mention.target and m.actor not in (mention.actor, mention.target)
                     and not m.rule.endswith(MUTUAL_RULE)]  # 'as the two sides close their airspace': not its agent
            if later:
                mention = replace(mention, target=later[0].actor, target_text=later[0].actor_text,
                                  target_bloc=later[0].actor_bloc, rule=mention.rule + "+event_agent")
        out.append(mention)
    return out


def _criticises_an_event(view: SentenceView, pattern: Pattern, trigger: tuple[int, int]) -> bool:
    """True for criticism of an event of the topic country ('France condemned the coup')."""
    events = view.events_re
    return pattern.event_type in STANCE_TYPES and events is not None and \
        view.found(events, max(0, trigger[0] - 6), _after_tokens(view, trigger[1], 8))


def _code_event(view: SentenceView, pattern: Pattern, trigger: tuple[int, int], ctx: Context,
                sentence: Sentence) -> list[Mention]:
    """Return the mentions one trigger yields (several when actors are coordinated)."""
    passive = bool(pattern.passive_frame) and _is_passive(view, trigger)
    frame: Frame = pattern.passive_frame if passive else pattern.frame
    if frame.is_self:
        return _self_event(view, pattern, trigger, ctx, sentence)
    gaz = ctx.gazetteer
    actors, targets = _roles(view, pattern, frame, trigger, ctx, sentence, passive)
    if pattern.event_type == "troop_withdrawal":
        actors, targets = _leaving_roles(view, trigger, gaz, actors, targets)
    relative = _relative_antecedent(view, trigger)
    if relative is not None:
        actors = relative
    elif _possessive_forces(view, trigger) and any(c.span.b <= trigger[0] for c in actors):
        actors = [c for c in actors if c.span.b <= trigger[0]]  # 'ses Casques bleus de la Minusma': Abidjan's
    elif "subj" in frame.actor and (_pronoun_subject(view, trigger) or (
            _possessive_forces(view, trigger) and all(c.span.a > trigger[0] for c in actors))):
        actors = _not_the_stance_taker(view, trigger, _antecedents(view, trigger)) \
            or _previous_subject(view, trigger, ctx, sentence)
    elif "subj" in frame.target and _pronoun_subject(view, trigger) and not any(c.relation == "subj" for c in targets):
        targets = _antecedents(view, trigger) or _previous_subject(view, trigger, ctx, sentence) or targets
        # 'Le même jour, il recevait une délégation russe': the host is the pronoun's antecedent
    if _sequel_infinitive(view, trigger):  # 'La France était intervenue ..., avant de lancer Barkhane': France
        actors = [Candidate(s, "main_subject", 0) for s in _opening_subjects(view)] or actors
    if view.main_acts and _possessed_agent(view, trigger):  # '..., with its spokesman accusing Washington'
        actors = _main_actors(view)
    participle = pattern.event_type in STANCE_TYPES and _participle_clause(view, trigger)
    opening = _opening_subjects(view) if participle and not view.main_acts else []
    main_subject = participle and bool(view.main_acts or opening)
    if main_subject and view.main_acts:  # 'it gave the UN coordinator 72 hours to leave, accusing the UN chief'
        actors = _main_actors(view)
        targets = [c for c in targets if c.relation == "obj"] or [  # else whom the main clause acted on
            Candidate(Span(-1, -1, m.target, m.target_text, pseudo=True), "main_object", 0)
            for m in {m.target: m for m in view.main_acts}.values()]
    elif main_subject:  # 'Mali, Burkina Faso and Niger announced they were leaving, accusing the bloc of'
        actors = [Candidate(s, "main_subject", 0) for s in opening]
        codes, end = {c.span.code for c in actors}, max(c.span.b for c in actors)
        between = [s for s in view.spans if end <= s.a and s.b <= trigger[0] and s.code not in codes]
        targets = [c for c in targets if c.relation == "obj" and c.span.code not in codes] or \
            [Candidate(s, "main_object", 0) for s in between[-1:]]  # 'leaving Ecowas ..., accusing the bloc'
    if actors and actors[0].span.form == "group" and "coord" not in frame.target \
            and (pattern.event_type in MUTUAL_TYPES or frame.name == "recall"):
        members = _coordinated(view, actors[0].span)
        if not [c for c in targets if c.relation != "topic" and c.span.code not in {s.code for s in members}]:
            return _mutual(view, pattern, trigger, ctx, sentence, frame, sorted(members, key=lambda s: s.code))
    if _past_after_coordinator(view, trigger):  # 'X forced out French troops and ended ...': X ended
        actors = sorted((c for c in actors if c.span.b <= trigger[0]), key=lambda c: c.span.a) + \
            [c for c in actors if c.span.b > trigger[0]]
    if frame.name == MEET_FRAME:
        targets = _hosts_taking_part(view, trigger, actors) or _gathering_host(view, trigger, actors, targets, gaz)
    if frame.name == SHIELD_FRAME:  # 'used its veto to end a UN sanctions regime': it shields a state, not the UN
        targets = [c for c in targets if gaz.actor_kind(c.span.code) == "state"]
    if pattern.event_type in FORCE_AND_DEALS and actors:  # 'le retour de ses hommes en Russie': not to its own state
        targets = [c for c in targets if not _one_owns_the_other(gaz, actors[0].span.code, c.span.code)] or targets
    if pattern.event_type == "sanction" and _under(view, trigger):  # 'Le pays vit sous un embargo décrété par
        agents = [c for c in actors if c.relation == "pp:by"]  # la Cédéao': the subject undergoes it
        undergo = [c for c in actors if c.relation == "subj"]
        if undergo:
            actors, targets = agents, [Candidate(c.span, "undergoer", c.distance) for c in undergo]
    if pattern.event_type == "sanction" and not actors:  # 'la suspension du Burkina des instances de la Cédéao':
        bodies = [c for c in targets if gaz.actor_kind(c.span.code) == "organisation" and c.relation != "topic"]
        if bodies and any(gaz.actor_kind(c.span.code) == "state" for c in targets):  # a bloc suspends a state
            actors, targets = bodies[:1], [c for c in targets if c not in bodies]
    if pattern.event_type == "agreement" and not targets and len({c.span.code for c in actors if c.relation == "subj"}) == 2:
        subjects = sorted((c for c in actors if c.relation == "subj"), key=lambda c: c.span.a)  # 'Burkina Faso and
        other = next(c for c in subjects if c.span.code != subjects[0].span.code)  # Russia's Rosatom signed': the two
        actors, targets = [subjects[0]], [Candidate(other.span, "coord", other.distance)]  # subjects are the parties
    if pattern.event_type == "agreement" and not actors:  # 'des accords ont été signés en présence des deux chefs d'État'
        members = [s for s in view.spans if s.form == "group"][:2]
        if len(members) == 2:
            actors, targets = [Candidate(members[0], "subj", 0)], [Candidate(members[1], "coord", 0)]
    if frame.name == CASUALTIES_FRAME and actors and actors[0].span.code in {c.span.code for c in targets}:
        return _at_home(view, pattern, frame, trigger, ctx, sentence, actors[0])  # 'l'armée malienne et ses
        # supplétifs russes y ont subi de lourdes pertes': losses at home
    group = set(_coordinated(view, actors[0].span)) if actors else set()
    pair = _pick_pair(actors, targets, gaz, group)
    if pair is None and pattern.event_type == "expulsion" and _possessive_object(view, trigger):
        pair = _pick_pair(actors, _owners(view, trigger), gaz, group)
    if pair is None and pattern.event_type == "security_incident" and not actors:
        return _premises_incident(view, pattern, trigger, ctx, sentence, targets) \
            or _domestic_incident(view, pattern, trigger, ctx, sentence, targets)
    if pair is None and pattern.event_type == "security_incident" and actors and not frame.name.startswith("arrest") \
            and gaz.actor_kind(actors[0].span.code) == "state" and actors[0].span.code in {
                c.span.code for c in targets if c.relation in ("pp:in", "pp:at", "pp:near", "pp:on", "obj")}:
        return _at_home(view, pattern, frame, trigger, ctx, sentence, actors[0])  # 'Malian troops killed hundreds
        # of people in Moura': an incident at home
    if pair is None:
        return []
    actor, target = _provider_first(gaz, pattern.event_type, *pair)
    if frame.name in VICTIM_FRAMES or (frame.name == ATTACK_FRAME and (_circumstance(view, trigger)
                                                                       or _object_of_attack(view, trigger, actor))):
        actor, target = _victims_last(gaz, actor, target, view)
        if actor.span.code == target.span.code:
            return _at_home(view, pattern, frame, trigger, ctx, sentence, actor)  # losses at home: domestic
    if "coord" in (actor.relation, target.relation):  # 'Russia and Mali signed': one pair, not a list
        actor_spans, target_spans = [actor.span], [target.span]
    elif main_subject:  # 'Mali and Niger broke off relations, accusing Kyiv': each of them
        actor_spans, target_spans = [c.span for c in actors], _coordinated(view, target.span)
    elif actor.relation == "previous_subject":  # 'Mali, Burkina Faso and Niger left. Their ministers ...'
        actor_spans = [c.span for c in actors if c.relation == actor.relation]
        target_spans = _coordinated(view, target.span)
    else:
        actor_spans = _coordinated(view, actor.span) + _ellipsis_actors(view, trigger)
        target_spans = _coordinated(view, target.span)
    rule = f"{pattern.id}@{frame.name}:{actor.relation}>{target.relation}"
    base = _mention(view, pattern, trigger, ctx, sentence, rule, pattern.confidence * _factor(actor) * _factor(target))
    event_type = pattern.event_type
    intervener = _intervener(ctx, sentence, {s.code for s in actor_spans}) if frame.name == WARNING_FRAME else None
    if intervener:  # 'Mali and Burkina Faso warned that any intervention in Niger would be a declaration of war':
        event_type, target_spans = "criticism", [Span(-1, -1, intervener, intervener, pseudo=True)]  # against ECOWAS
        base = replace(base, event_type=event_type, rule=f"{pattern.id}@{frame.name}:{actor.relation}>intervener")
    return [_with_roles(base, a, t, view, trigger, gaz, event_type)
            for a in actor_spans for t in target_spans if not _same_side(gaz, a.code, t.code)
            and not (pattern.event_type in FORCE_AND_DEALS and _one_owns_the_other(gaz, a.code, t.code))]


INTERVENERS = "ECOWAS EU AU G5_SAHEL AES NATO"  # bodies that threaten or are asked to intervene


def _intervener(ctx: Context, sentence: Sentence, actors: set[str]) -> str | None:
    """Return the bloc whose intervention a war warning is against: the last one the article named up
    to the end of this sentence (any distance back), not one of the warning parties; None when none is
    named, and the warning then stands by the country threatened. Most independent golds code the
    warning as a criticism of the bloc (dev/README.md)."""
    return _last_body(ctx, sentence, sentence.end, INTERVENERS, lookback=sentence.index, besides=actors)


def _at_home(view, pattern, frame, trigger, ctx, sentence, actor: Candidate) -> list[Mention]:
    """Return the incident a state's own forces cause or suffer on its own soil: a domestic event."""
    base = _mention(view, pattern, trigger, ctx, sentence, f"{pattern.id}@{frame.name}:{actor.relation}>own",
                    pattern.confidence * _factor(actor))
    return [_with_roles(base, actor.span, actor.span, view, trigger, ctx.gazetteer, pattern.event_type)]


MUTUAL_TYPES = frozenset({"expulsion", "sanction"})  # acts a group's members can only take against each other
MUTUAL_RULE = ":group>group"


def _mutual(view, pattern, trigger, ctx, sentence, frame, members: list[Span]) -> list[Mention]:
    """Return the act of each member of a group towards each other ('both capitals recalled their
    ambassadors', 'les deux pays ont expulsé leurs diplomates'): one mention per ordered pair."""
    rule = f"{pattern.id}@{frame.name}{MUTUAL_RULE}"
    base = _mention(view, pattern, trigger, ctx, sentence, rule, pattern.confidence * TOPIC_FACTOR)
    return [_with_roles(base, a, b, view, trigger, ctx.gazetteer, pattern.event_type)
            for a in members for b in members if a.code != b.code]


FORCE_AND_DEALS = frozenset({"troop_deployment", "troop_withdrawal", "military_cooperation", "arms_transfer",
                             "agreement", "diplomatic_visit", "expulsion", "support_statement"})


def _one_owns_the_other(gaz: Gazetteer, a: str, b: str) -> bool:
    """True for a state and its own armed group or mission ('Russian instructors, most of them Wagner'):
    they deploy, train or sign together, never towards each other."""
    return gaz.parent(a) == b or gaz.parent(b) == a


def _adverb(view: SentenceView, i: int) -> bool:
    """True for a lowercase -ly/-ment word ('strongly', 'fermement'), skipped before a verb."""
    word = view.word(i)
    return len(word) > 4 and view.grammar.ends(word, "adverb_ending") and view.text_at(i).islower()


def _before_auxiliaries(view: SentenceView, trigger: tuple[int, int], skip: frozenset[str] | None = None) -> int:
    """Return the index of the word before the trigger and its auxiliaries ('they | have left')."""
    skip = view.grammar.of("auxiliary") if skip is None else skip
    i = trigger[0] - 1
    while i >= 0 and (view.word(i) in skip or _adverb(view, i)):  # 'he (has) strongly condemned'
        i -= 1
    return i


def _pronoun_subject(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when the trigger's subject is a pronoun ('they arrived', 'he was received', 'qu'il mettait fin')."""
    i = _subject_slot(view, trigger)
    return view.word(i) in view.grammar.of("pronoun") or view.word(i) in view.grammar.of("relative_subject") \
        or _possessive_subject(view, trigger) or _partitive_subject(view, trigger)


def _partitive_subject(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when the sentence opens with its subject 'The last of them', 'About 1,500 of them', 'Les
    derniers d'entre eux', or forces with no owner ('The first hundred soldiers', 'Les derniers
    militaires'), and names nobody before the trigger: (a part of) forces named before."""
    if any(s.a < trigger[0] for s in view.spans):
        return False
    i = _subject_slot(view, trigger)
    if not 0 < i <= POSSESSIVE_SUBJECT_TOKENS + 2:
        return False
    if view.word(i) in view.grammar.of("partitive_pronoun") and (view.word(i - 1) in view.grammar.of("partitive_link")
                                                                 or (i == 1 and view.word(0) in view.grammar.determiners)):
        return True  # 'The last of them left', 'Les derniers ont quitté Niamey'
    return view.word(0) in view.grammar.determiners and view.forces_re is not None \
        and bool(view.forces_re.match(view.word(i))) and not any(view.is_past_verb(k) for k in range(1, i)) \
        and all(view.text_at(k).replace(",", "").isalnum() for k in range(1, i))  # 'The first hundred soldiers flew home'


POSSESSIVE_SUBJECT_TOKENS = 4  # 'Their (new) foreign ministers were in Moscow'


def _possessive_subject(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when the sentence opens with its subject 'Its/Their + noun' and names nobody before the
    trigger ('Their foreign ministers were in Moscow', 'Its defence minister spent a day in Tillia'):
    the owner is the party of the sentence before, like a pronoun's."""
    if view.word(0) not in view.grammar.of("possessive_pronoun") or any(s.a < trigger[0] for s in view.spans):
        return False
    i = _subject_slot(view, trigger)
    return 0 < i <= POSSESSIVE_SUBJECT_TOKENS and all(view.text_at(k).isalpha() for k in range(1, i + 1)) \
        and not any(view.is_past_verb(k) for k in range(1, i + 1))


def _subject_slot(view: SentenceView, trigger: tuple[int, int]) -> int:
    """Return the index of the word before the trigger, its auxiliaries, be-forms and a decision verb
    that governs it ('they | have (also) decided to recall', 'ils | ont décidé de rappeler', 'il | a
    été reçu'). Memoised per sentence."""
    if trigger not in view.subject_slots:
        skip = view.grammar.of("auxiliary") | view.grammar.of("be_form")
        i = _before_auxiliaries(view, trigger, skip)
        if view.word(i) in view.grammar.of("infinitive_marker") and view.word(i - 1) in view.grammar.of("decision_verb"):
            i = _before_auxiliaries(view, (i - 1, i), skip)
        view.subject_slots[trigger] = i
    return view.subject_slots[trigger]


def _relative_antecedent(view: SentenceView, trigger: tuple[int, int]) -> list[Candidate] | None:
    """Return the subject of a relative clause ('Russia, which sent ...', 'l'attaque qui a tué ...'):
    the name right before the relative pronoun, or nobody when a plain noun stands there; None
    when the trigger has no relative pronoun as subject."""
    i = _before_auxiliaries(view, trigger)
    whose = next((k for k in (i - 1, i - 2) if view.word(k) == "whose"), None)  # 'Niger, whose junta revoked'
    if whose is not None and all(view.is_skippable(k) for k in range(whose + 1, i + 1)):
        i = whose
    if view.word(i) not in view.grammar.of("relative_subject") and view.word(i) != "whose":
        return None
    j = i - 1 if view.word(i - 1) != "," else i - 2
    if j not in view.span_end and view.forces_re is not None and view.forces_re.match(view.word(j)):
        j -= 1  # 'French troops who left', 'des soldats de Wagner qui'
        j = j - 1 if view.word(j) in view.grammar.prepositions and (j - 1) in view.span_end else j
    span = view.span_end.get(j)
    return [Candidate(span, "relative", trigger[0] - span.b)] if span is not None else []


def _hosts_taking_part(view: SentenceView, trigger: tuple[int, int], actors: list[Candidate]) -> list[Candidate]:
    """Return the places of a meeting ('in Bamako', 'à Moscou') whose country is one of the
    people meeting ('met Goïta in Bamako'), so that a meeting in a third country is no visit."""
    parties = {c.span.code for c in actors}
    places = []
    for s in view.spans:
        if s.pseudo or s.code not in parties:
            continue
        j, _ = view.skip_back(s.a, limit=1)
        after = s.a >= trigger[1] and s.a - trigger[1] <= MAX_DISTANCE
        fronted = s.b <= trigger[0] and j <= 0 and view.clause_bounds(trigger)[0] == 0  # 'In Ouagadougou, Lavrov met'
        if (after or fronted) and view.preposition_at(j) in ("in", "at", "to"):
            places.append(s)
    return [Candidate(s, "place", s.a - trigger[1]) for s in places]


GATHERING_SIZE = 3  # states meeting together: a gathering whose host country each of them visits


def _gathering_host(view: SentenceView, trigger: tuple[int, int], actors: list[Candidate], targets: list[Candidate],
                    gaz: Gazetteer) -> list[Candidate]:
    """Return the host of a gathering of at least GATHERING_SIZE states ('ministers from Burkina Faso,
    Mali, Niger and Chad met in Marrakech'): the state of the place it was held in, which each of them
    visited; two parties meeting in a third country ('met in Geneva') remain no visit."""
    parties = set()
    for c in actors:
        parties.update(s.code for s in _coordinated(view, c.span))
    if len({p for p in parties if gaz.actor_kind(p) == "state"}) < GATHERING_SIZE:
        return []
    return [c for c in targets if c.relation in ("pp:in", "pp:at") and c.span.code not in parties
            and gaz.actor_kind(c.span.code) == "state"][:1]


def _possessive_object(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when the trigger's object is 'its/his/son ...' ('the expulsion of its ambassador',
    'demanded their departure')."""
    i = trigger[1] + (1 if view.word(trigger[1]) in view.grammar.of("of_word") else 0)
    mine = view.grammar.of("possessive_pronoun")
    return view.word(i) in mine or any(view.word(k) in mine
                                                      for k in range(trigger[0] + 1, trigger[1]))


def _owners(view: SentenceView, trigger: tuple[int, int]) -> list[Candidate]:
    """Return who 'its/his' in the object stands for: the sentence's subject before the trigger
    ('Germany criticised Chad's expulsion of its ambassador': Germany's ambassador)."""
    found = [Candidate(s, "owner", trigger[0] - s.b) for s in view.spans
             if s.b <= trigger[0] and not s.pseudo and view.relation(s, trigger) in ("subj", "speaker")]
    return sorted(found, key=lambda c: c.span.a)[:1]


def _possessive_forces(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when the trigger's forces are 'its (last) troops' / 'leurs (derniers) soldats' (the owner is named earlier)."""
    forces = view.forces_re
    if forces is None:
        return False
    for i in range(max(0, trigger[0] - 5), min(len(view.tokens), trigger[1] + 3)):
        if view.word(i) in view.grammar.of("possessive_pronoun") and (forces.match(view.word(i + 1)) or (  # 'its last troops'
                view.is_skippable(i + 1) and i + 1 not in view.span_end and forces.match(view.word(i + 2)))):
            return True
    return False


def _antecedents(view: SentenceView, trigger: tuple[int, int]) -> list[Candidate]:
    """Return the names a subject pronoun may stand for: earlier subjects, or forces, of the same sentence."""
    found = []
    for span in view.spans:
        if span.b > trigger[0] or span.pseudo:
            continue
        relation = "forces" if view.owns_forces(span) else view.relation(span, trigger)
        if relation in ("subj", "mod", "forces", "speaker"):  # 'the EU said it would end...'
            found.append(Candidate(span, relation, trigger[0] - span.b))
    nearest = sorted(found, key=lambda c: c.distance)[:1]
    if nearest and any(view.word(i) in view.grammar.of("clause_joiner") for i in range(nearest[0].span.b, trigger[0])):
        return sorted(found, key=lambda c: c.span.a)[:1]  # 'X met Y ..., and he was received': X, not Y
    return nearest


def _factor(candidate: Candidate) -> float:
    return {"topic": TOPIC_FACTOR, "previous_subject": TOPIC_FACTOR,
            "speaker_fallback": SPEAKER_FACTOR}.get(candidate.relation, 1.0)


def _previous_subject(view: SentenceView, trigger: tuple[int, int], ctx: Context, sentence: Sentence) -> list[Candidate]:
    """Return who a sentence-initial pronoun stands for ('It denounced its accords with France'):
    the first party named in the sentence before, in the same paragraph."""
    partitive = _partitive_subject(view, trigger)
    i = 0 if partitive or _possessive_subject(view, trigger) else _subject_slot(view, trigger)  # 'Il a été reçu'
    previous = ctx.sentences[sentence.index - 1] if sentence.index > 0 else None
    if partitive and previous is not None and previous.paragraph == sentence.paragraph:
        owner = _forces_owner(ctx, view, previous)  # 'the 1,500 French troops ... The last of them left'
        index, act = ctx.last_act
        if owner is None and act is not None and index == previous.index and act.event_type in FORCE_MOVES:
            owner = act.actor  # 'The US pulled its last troops out of Niger. A smaller contingent was withdrawn'
        return _fallback(owner, "previous_subject") if owner else []
    linked = i > 0 and all(view.word(k) in view.grammar.of("clause_link") or not view.word(k).isalpha()
                           or view.text_at(k).isupper() for k in range(i))  # 'A: When he flew to Bamako'
    fronted = not any(s.a < i for s in view.spans) and (
        view.word(i - 1) == "," or _fronted_date(view, i, ctx) or linked)  # 'In February 2023(,) he travelled'
    opens = previous is not None and previous.paragraph != sentence.paragraph and (i == 0 or linked) and \
        previous.paragraph == sentence.paragraph - 1  # 'He then travelled to ...' opening the next paragraph
    pronoun = view.grammar.of("pronoun") | view.grammar.of("possessive_pronoun")
    if (i != 0 and not fronted) or view.word(i) not in pronoun or previous is None \
            or (previous.paragraph != sentence.paragraph and not opens):
        return []
    if previous.index > 0 and not ctx.spans_by_sentence.get(previous.index) \
            and ctx.article.text[previous.start:previous.end].rstrip().endswith("?"):
        previous = ctx.sentences[previous.index - 1]  # 'Q: Mahama covered Bamako... Why the rush? A: When he flew'
    previous = _pronoun_chain(ctx, previous, view.word(i), pronoun)
    named = sorted((pair for pair in ctx.spans_by_sentence.get(previous.index, [])
                    if not _venue_place(ctx, pair[0])), key=lambda pair: pair[0])  # 'réunis dans la capitale ghanéenne'
    if named:
        members = next((run for run in _state_lists(ctx, named) if run[0] == named[0][1].code), None) \
            if view.word(i) in view.grammar.of("plural_pronoun") else None
        return [c for code in members or [named[0][1].code] for c in _fallback(code, "previous_subject")]
    return _fallback(ctx.topic, "topic") if _opens_with_anaphor(ctx, previous) else []


PRONOUN_CHAIN = 3  # sentences back a chain of the same pronoun subject is followed


def _pronoun_chain(ctx: Context, previous: Sentence, word: str, pronouns: frozenset) -> Sentence:
    """Return the sentence that names what a pronoun subject stands for: the sentence before, unless
    that one's subject is the same pronoun before any name ('Kuleba landed in Dakar. From there he went
    on to Abidjan. At every stop he said ... He accused the Kremlin': Kuleba), then the one before it,
    in the same paragraph, up to PRONOUN_CHAIN sentences back."""
    for _ in range(PRONOUN_CHAIN):
        if previous.index == 0 or ctx.sentences[previous.index - 1].paragraph != previous.paragraph:
            break
        text = ctx.article.text[previous.start:previous.end]
        first_name = min((m.start - previous.start for _, m in ctx.spans_by_sentence.get(previous.index, [])),
                         default=len(text))
        opening = tokenize(text[:first_name])[:OPENING_TOKENS]
        if not any(t.lower == word for t in opening) or word not in pronouns:
            break
        previous = ctx.sentences[previous.index - 1]
    return previous


OPENING_TOKENS = 5  # where a sentence's pronoun subject stands ('At every stop he said')


def _forces_owner(ctx: Context, view: SentenceView, sentence: Sentence) -> str | None:
    """Return the last party a sentence names as the owner of forces ('the 1,500 French troops', 'des
    quelque 1 500 militaires français'), or None."""
    text, forces = ctx.article.text, view.forces_re
    if forces is None:
        return None
    owner = None
    for start, mention in ctx.spans_by_sentence.get(sentence.index, []):
        after = re.match(r"[\s’'s]*([\w-]+)", text[mention.end:mention.end + 30])
        before = re.search(r"([\w-]+)\s+$", text[max(sentence.start, start - 30):start])
        if (after and forces.match(after.group(1).lower())) or (before and forces.match(before.group(1).lower())):
            owner = mention.code
    return owner


def _opens_with_anaphor(ctx: Context, sentence: Sentence) -> bool:
    """True when a sentence opens with an anaphor ('The junta has answered pressure with defiance.')."""
    opening = match_text(ctx.article.text[sentence.start:sentence.start + 60]).lower()
    return any(opening.startswith(phrase.lower() + " ") for phrase in ctx.patterns.grammar.anaphors)


def _fronted_date(view: SentenceView, i: int, ctx: Context) -> bool:
    """True when the words before token i are one date ('In January it designated', 'Mardi, il a')."""
    if i <= 0:
        return False
    prefix_end = view.tokens[i - 1].end - view.start
    glue = set(view.grammar.prepositions) | view.grammar.determiners | {","}
    for d in dates.find_dates(view.text, ctx.article.published, ctx.article.language or "en"):
        before = [k for k in range(i) if view.tokens[k].end - view.start <= d.start]
        if d.end >= prefix_end and all(view.word(k) in glue for k in before):  # 'In mid-October it gave'
            return True
    return False


def _speaker_fallback(frame: Frame, ctx: Context, sentence: Sentence) -> list[Candidate]:
    """Return the last person named in the two previous sentences, for quoted statements."""
    if "speaker" not in frame.actor:
        return []
    for index in range(sentence.index - 1, max(-1, sentence.index - 3), -1):
        people = [s for s in ctx.spans_by_sentence.get(index, []) if s[1].form == "person"]
        if people:
            return _fallback(people[-1][1].code, "speaker_fallback")
    return []


def _self_event(view, pattern, trigger, ctx, sentence) -> list[Mention]:
    """Return a domestic event (coup): actor = target = the country named next to it, a state."""
    gaz = ctx.gazetteer
    near = [c for c in _candidates(view, trigger, pattern.frame.actor, passive=True)
            if c.distance <= SELF_DISTANCE and gaz.actor_kind(c.span.code) == "state" and not _venue(view, c)
            and c.span.form != "group"]  # 'in both capitals ... since the coup': which one's coup is not said
    plural = view.word(trigger[0]) in view.grammar.of("generic_plural")  # 'a string of coups', 'after military coups in those countries'
    states = near + ([] if plural else _fallback(ctx.topic, "topic"))
    if not states:
        return []
    country = states[0]
    rule = f"{pattern.id}@{pattern.frame.name}:{country.relation}"
    base = _mention(view, pattern, trigger, ctx, sentence, rule, pattern.confidence * _factor(country))
    return [_with_roles(base, country.span, country.span, view, trigger, gaz, pattern.event_type)]


def _domestic_incident(view, pattern, trigger, ctx, sentence, targets: list[Candidate]) -> list[Mention]:
    """Return an attack by no coded party ('jihadists killed 28 soldiers', 'the army post was attacked')
    as a domestic incident of the state where it happened: a state named in the clause, else the
    article's country; a venue or a victim's nationality is not the place."""
    gaz = ctx.gazetteer
    lo, hi = max(0, trigger[0] - 6), min(len(view.tokens), trigger[1] + 8)
    victims = ctx.patterns.victims_re
    if victims is None or not victims.search(_text_between(view, lo, hi)) or any(view.scan.finditer(p.regex) for p in ctx.patterns.patterns
                                                               if p.event_type == "coup"):
        return []  # an attack on people or a post, in a sentence that is not about a coup
    country = _incident_country(ctx, sentence, targets,
                                lambda c: c.relation in ("pp:in", "pp:on", "pp:near") and not _venue(view, c))
    if country is None:
        return []
    rule = f"{pattern.id}@domestic:{country.relation}"
    base = _mention(view, pattern, trigger, ctx, sentence, rule, pattern.confidence * 0.8 * _factor(country))
    return [_with_roles(base, country.span, country.span, view, trigger, gaz, pattern.event_type)]


def _premises_incident(view, pattern, trigger, ctx, sentence, targets: list[Candidate]) -> list[Mention]:
    """Return an attack by no coded party on a foreign state's embassy or consulate ('Protesters attacked
    the French embassy in Ouagadougou', 'l'ambassade de France a été prise pour cible'): an incident of
    the state where it happened (a state named in the clause, else the article's country) against the
    state the premises belong to."""
    gaz, premises = ctx.gazetteer, ctx.patterns.premises_re
    if premises is None:
        return []
    owners = [c for c in targets if gaz.actor_kind(c.span.code) == "state" and _owns_premises(view, c.span, premises)]
    if not owners:
        return []
    owner = owners[0]
    place = _incident_country(ctx, sentence, targets,
                              lambda c: c.relation in ("pp:in", "pp:at", "pp:near") and c.span.code != owner.span.code,
                              besides=owner.span.code)
    if place is None:
        return []
    rule = f"{pattern.id}@premises:{place.relation}>{owner.relation}"
    base = _mention(view, pattern, trigger, ctx, sentence, rule, pattern.confidence * 0.8 * _factor(place))
    return [_with_roles(base, place.span, owner.span, view, trigger, gaz, pattern.event_type)]


def _incident_country(ctx: Context, sentence: Sentence, targets: list[Candidate], keep,
                      besides: str | None = None) -> Candidate | None:
    """Return where an attack by no coded party happened: the first state of `targets` that `keep`
    accepts, else the article's country (`_incident_place`); None unless it is an African state other
    than `besides` (a domestic incident, or the host of an embassy attacked)."""
    gaz = ctx.gazetteer
    places = [c for c in targets if gaz.actor_kind(c.span.code) == "state" and keep(c)] \
        or _fallback(_incident_place(ctx, sentence), "topic")
    return next((c for c in places if c.span.code != besides and gaz.bloc(c.span.code) == "regional"), None)


def _owns_premises(view: SentenceView, span: Span, premises: re.Pattern) -> bool:
    """True for a state named as the owner of an embassy or consulate: 'the French embassy', 'l'ambassade
    de France', 'the embassy of France'."""
    if span.pseudo:
        return False
    after = _text_between(view, span.b, min(len(view.tokens), span.b + 1))
    before = _text_between(view, max(0, span.a - 3), span.a)
    return bool(premises.match(after) or re.search(rf"(?:{premises.pattern})\s+(?:of(?:\s+the)?|de|d'|du|des)$",
                                                   before, re.IGNORECASE))


def _incident_place(ctx: Context, sentence: Sentence) -> str | None:
    """Return where an attack with no place named happened: the topic, unless this sentence named it
    only across a border ('une attaque contre un poste proche de la frontière burkinabè' in Togo)."""
    named = [m for _, m in ctx.spans_by_sentence.get(sentence.index, []) if m.code == ctx.topic]
    if ctx.topic == ctx.named_here and named and all(_across_border(ctx, m.start, m.end) for m in named):
        return ctx.previous_topic
    return ctx.topic


ANNOUNCED_MOVES = FORCE_MOVES  # 'Paris announced that it would withdraw its troops': a decision announced as taken
ANNOUNCE_REACH = 12  # tokens between an announcement verb and the move it announces


def _announced_move(view: SentenceView, trigger: tuple[int, int], pattern: Pattern, realis: str) -> str:
    """Return 'asserted' for a deployment or withdrawal in the future of an announcement ('Paris announced
    on 17 February that it would withdraw its troops', 'le Tchad a annoncé qu'il enverrait 1 200 soldats'):
    a government's decision announced as taken (FORMAT.md; the independent golds require it); a move
    that is only said ('said it would send') stays announced."""
    if realis != "announced" or pattern.event_type not in ANNOUNCED_MOVES:
        return realis
    g = view.grammar
    future = any(view.word(k) in g.of("future_marker") for k in range(max(0, trigger[0] - 3), trigger[0])) \
        or g.ends(view.word(trigger[0]), "future_ending")  # 'would withdraw', 'retirerait': a verb, not 'de retrait'
    announced = any(view.word(k) in g.of("announce_verb") for k in range(max(0, trigger[0] - ANNOUNCE_REACH), trigger[0]))
    announced_noun = view.word(trigger[0] - 1) in g.determiners \
        and view.word(view.skip_back(trigger[0] - 1)[0]) in g.of("announce_verb")
    return "asserted" if (future and announced) or announced_noun else realis  # 'a annoncé (le mois dernier) le départ'


def _mention(view, pattern, trigger, ctx, sentence, rule, confidence) -> Mention:
    """Return a Mention with everything but the roles filled in."""
    realis = _realis(view, trigger, ctx, sentence, read_after=pattern.frame.name != WARNING_FRAME)
    return Mention(
        doc=ctx.article.doc, sentence_index=sentence.index, sentence=view.text, evidence="",
        actor="", target="", event_type=pattern.event_type,
        date=_event_date(view, trigger, ctx, sentence),
        realis=_announced_move(view, trigger, pattern, realis),
        confidence=round(min(1.0, confidence), 3), rule=rule, trigger=_text_between(view, *trigger),
        language=ctx.article.language, published=ctx.article.published,
    )


def _as_party(gaz: Gazetteer, span: Span) -> Span:
    """Return the span coded as its state when it names a military operation (Barkhane -> FRA)."""
    return replace(span, code=gaz.parent(span.code)) if gaz.actor_kind(span.code) == "operation" else span


def _with_roles(base: Mention, actor: Span, target: Span, view, trigger, gaz: Gazetteer, event_type) -> Mention:
    """Return `base` with actor and target codes, texts, blocs, host and evidence."""
    actor, target = _as_party(gaz, actor), _as_party(gaz, target)
    host = gaz.host_country(target.code)
    if event_type in FORCE_MOVES and gaz.actor_kind(target.code) == "mission" and host and host != actor.code:
        target = replace(target, code=host)  # troops leaving MINUSMA leave Mali
    return replace(
        base, actor=actor.code, target=target.code, actor_text=actor.text, target_text=target.text,
        actor_bloc=gaz.bloc(actor.code), target_bloc=gaz.bloc(target.code),
        host=_host(gaz, actor.code, target.code, event_type),
        evidence=_evidence(view, trigger, actor, target),
    )


# ---------------------------------------------------------------------------------------------
# Article level
# ---------------------------------------------------------------------------------------------

def _trigger_tokens(view: SentenceView, start: int, end: int) -> tuple[int, int] | None:
    """Return the token range covering characters [start, end) of the sentence."""
    a = next((i for i, t in enumerate(view.tokens) if t.end - view.start > start), None)
    if a is None:
        return None
    b = a
    while b < len(view.tokens) and view.tokens[b].start - view.start < end:
        b += 1
    return a, max(b, a + 1)


def _requirement_met(pattern: Pattern, view: SentenceView, trigger: tuple[int, int], gaz: Gazetteer | None = None) -> bool:
    """True when the pattern's required words are near the trigger and its excluded ones are not."""
    a, b = max(0, trigger[0] - REQUIRES_BEFORE), _after_tokens(view, trigger[1], REQUIRES_AFTER)
    if pattern.requires and not view.found(pattern.requires, a, b) and not _office_holder_visits(pattern, view, trigger) \
            and not _armed_group_moves(pattern, view, trigger, gaz):
        return False
    return not (pattern.excludes and view.found(pattern.excludes, a, b))


def _armed_group_moves(pattern: Pattern, view: SentenceView, trigger: tuple[int, int], gaz: Gazetteer | None) -> bool:
    """True when an armed group of the gazetteer is the subject right before a deployment or withdrawal
    ('Wagner s'est installé en Libye', 'the Africa Corps arrived in Niamey'): the group is the forces
    the pattern asks for."""
    if gaz is None or pattern.event_type not in FORCE_MOVES:
        return False
    skip = view.grammar.of("auxiliary") | view.grammar.of("be_form") | view.grammar.of("reflexive")
    span = view.span_end.get(_before_auxiliaries(view, trigger, skip))
    after = trigger[1]
    moves = after >= len(view.tokens) or view.preposition_at(after) is not None or not view.word(after).isalnum() \
        or any(s.a == after for s in view.spans)  # 'arrived in Niamey', 'left Mali': not 'sent missiles'
    return moves and span is not None and gaz.actor_kind(span.code) == "armed_group"


def _office_holder_visits(pattern: Pattern, view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when an office holder of the gazetteer stands right before a visit's trigger ('Diop was
    already in Moscow'): a minister or president is the diplomat the pattern asks for."""
    if pattern.event_type != "diplomatic_visit":
        return False
    i = _before_auxiliaries(view, trigger, view.grammar.of("auxiliary") | view.grammar.of("be_form"))
    span = view.span_end.get(i)
    return span is not None and span.form == "person"


def _after_tokens(view: SentenceView, start: int, count: int) -> int:
    """Return the token index `count` words after `start`, not counting the words of dates or of the
    names of parties ('a signé le 13 octobre à Moscou un mémorandum', 'a signé avec le Mali et le
    Burkina Faso la charte': neither the date nor the partners push the accord out)."""
    dated, named = view.date_tokens(), view.name_tokens()
    i, seen = start, 0
    while i < len(view.tokens) and seen < count:
        seen += i not in dated and i not in named and view.word(i) not in UNCOUNTED_TOKENS
        i += 1
    return i


UNCOUNTED_TOKENS = frozenset('«»"“”,')  # quotes and commas carry no word: 'a condamné « avec fermeté »', 'Menaka, in the east,'


def _inside_name(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when the trigger is part of an actor's name ('European Union Training Mission')."""
    return any(s.a <= trigger[0] < s.b and not s.pseudo for s in view.spans)


def _sentence_spans(ctx: Context, sentence: Sentence, tokens: list[Token]) -> list[Span]:
    """Return the actor mentions and anaphors of a sentence as token spans."""
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    spans = []
    for _, mention in ctx.spans_by_sentence.get(sentence.index, []):
        a, b = _align(mention.start, mention.end, starts, ends, tokens)
        if a is not None:
            spans.append(Span(a, b + 1, mention.code, mention.text, mention.form))
    return spans + _anaphors(ctx, sentence, tokens, starts, ends, spans)


def _align(start: int, end: int, starts: dict, ends: dict, tokens: list[Token]):
    """Return the first and last token index of a character span (tolerant of elisions)."""
    a = starts.get(start)
    if a is None:
        a = next((i for i, t in enumerate(tokens) if t.start <= start < t.end), None)
    b = ends.get(end)
    if b is None:
        b = next((i for i, t in enumerate(tokens) if t.start < end <= t.end), None)
    return (a, b) if a is not None and b is not None else (None, None)


def _anaphors(ctx: Context, sentence: Sentence, tokens, starts, ends, spans) -> list[Span]:
    """Return pseudo-mentions for 'the country', 'the junta', 'there' naming the topic country,
    and for 'the two countries', 'les trois pays' naming the states named last."""
    text = ctx.article.text[sentence.start:sentence.end]
    lower = text.lower()
    taken = {i for s in spans for i in range(s.a, s.b)}
    found = _group_anaphors(ctx, sentence, text, match_text(lower), tokens, starts, ends, taken)
    found += _body_anaphors(ctx, sentence, text, lower, tokens, starts, ends, taken)
    if not ctx.topic:
        return found
    for phrase in ctx.patterns.grammar.anaphors:
        for at, a, b in _free_phrases(phrase, sentence, lower, tokens, starts, ends, taken):
            if any(s.form == "demonym" and (s.a == b + 1 or s.b == a) for s in spans):
                continue  # 'le gouvernement ivoirien' names Côte d'Ivoire, not the topic
            possessed = phrase.split()[0].lower() in ctx.patterns.grammar.of("possessive_pronoun")  # 'its neighbour'
            before = _last_named(ctx, sentence, sentence.start + at)
            if phrase.lower() in ctx.patterns.grammar.of("office_anaphor"):  # 'In Moscow, the foreign ministry'
                before = _last_state(ctx, sentence, sentence.start + at) or before
            if possessed:  # 'Nigeria shut its crossings with its northern neighbour': not Nigeria
                fallback = ctx.topic if ctx.topic != before else ctx.previous_topic
            else:  # 'le gouvernement accuse Alger': the state named before it, not after
                fallback = before or (ctx.previous_topic if ctx.named_here else None) or ctx.topic
            code = _named_in_relative(ctx, sentence, sentence.start + at + len(phrase)) or fallback
            found.append(Span(a, b + 1, code, text[at:at + len(phrase)], "anaphor", pseudo=True))
            taken.update(range(a, b + 1))
    return found


def _free_phrases(phrase: str, sentence: Sentence, lower: str, tokens, starts, ends, taken: set):
    """Yield (offset in the sentence, first token, last token) of each whole-word occurrence of `phrase`
    in the lowercased sentence whose tokens no mention has taken yet (re-read after each yield, so a
    caller that takes an occurrence's tokens is seen by the next)."""
    at = lower.find(phrase.lower())
    while at >= 0:
        a, b = _align(sentence.start + at, sentence.start + at + len(phrase), starts, ends, tokens)
        if a is not None and not taken.intersection(range(a, b + 1)) and _is_word(lower, at, len(phrase)):
            yield at, a, b
        at = lower.find(phrase.lower(), at + 1)


BODY_LOOKBACK = 4  # sentences back where 'the bloc' / 'la mission' may find the body it stands for


def _body_anaphors(ctx: Context, sentence: Sentence, text: str, lower: str, tokens, starts, ends,
                   taken: set) -> list[Span]:
    """Return pseudo-mentions for 'the bloc', 'l'organisation régionale', 'la mission': the last
    organisation or mission of that kind (grammar: body_anaphor, canonical = the kind) the article
    named before the phrase, in this sentence or the BODY_LOOKBACK before; 'the bloc' is one of the
    blocs its canonical column lists, never the UN."""
    found = []
    for phrase, kind in ctx.patterns.grammar.body_anaphors:
        for at, a, b in _free_phrases(phrase, sentence, lower, tokens, starts, ends, taken):
            code = _last_body(ctx, sentence, sentence.start + at, kind)
            if code:
                found.append(Span(a, b + 1, code, text[at:at + len(phrase)], "anaphor", pseudo=True))
                taken.update(range(a, b + 1))
    return found


def _last_body(ctx: Context, sentence: Sentence, position: int, kind: str, lookback: int = BODY_LOOKBACK,
               besides: frozenset | set = frozenset()) -> str | None:
    """Return the last body named before `position` (this sentence or the `lookback` before it) whose
    code or kind is one of `kind` (space-separated: 'mission', 'ECOWAS EU AES AU G5_SAHEL') and which
    is not one of `besides`, or None."""
    gaz, kinds = ctx.gazetteer, set(kind.split())
    for index in range(sentence.index, max(-1, sentence.index - lookback - 1), -1):
        named = [m for start, m in ctx.spans_by_sentence.get(index, []) if start < position and m.code not in besides
                 and (m.code in kinds or gaz.actor_kind(m.code) in kinds)]
        if named:
            return named[-1].code
    return None


GROUP_SIZES = {"group_of_two": 2, "group_of_three": 3}
GROUP_LOOKBACK = 3  # sentences before this one where the members of a group may be named


def _group_anaphors(ctx: Context, sentence: Sentence, text: str, lower: str, tokens, starts, ends,
                    taken: set) -> list[Span]:
    """Return one pseudo-mention per member for 'both countries', 'the two governments', 'les trois
    pays': the last two (three) distinct states named before the phrase, in this sentence or the few
    before. The members share the phrase's tokens and are read as a coordinated list."""
    found = []
    for role, size in GROUP_SIZES.items():
        regex = ctx.patterns.grammar.phrases(role)
        for match in regex.finditer(lower) if regex is not None else ():
            at, end = match.span()
            a, b = _align(sentence.start + at, sentence.start + end, starts, ends, tokens)
            if a is not None and not taken.intersection(range(a, b + 1)):
                members = _last_states(ctx, sentence, sentence.start + at, size)
                if members:
                    found += [Span(a, b + 1, code, text[at:end], "group", pseudo=True) for code in members]
                    taken.update(range(a, b + 1))
    return found


def _last_states(ctx: Context, sentence: Sentence, before: int, size: int) -> list[str] | None:
    """Return the `size` states a group phrase stands for, in text order, or None. Shortly before it:
    the last list of exactly that many states ('In Burkina Faso and Niger, ...'); else the last states
    of its own sentence; else those the article names most (the pair it is about, not a stop-over
    named last)."""
    named = [(start, mention) for index in range(max(0, sentence.index - GROUP_LOOKBACK), sentence.index + 1)
             for start, mention in ctx.spans_by_sentence.get(index, [])
             if start < before and ctx.gazetteer.actor_kind(mention.code) == "state" and mention.form not in ("broadcaster", MAKER_FORM)]
    for run in reversed(_state_lists(ctx, named)):
        if len(run) == size:
            return run
    own = list(dict.fromkeys(m.code for s, m in reversed(named) if s >= ctx.sentences[sentence.index].start))
    if len(own) >= size:
        return own[:size][::-1]
    recency = {m.code: s for s, m in named}
    if len(recency) < size:
        return None
    counts = _named_counts(ctx)
    chosen = sorted(recency, key=lambda code: (counts[code], recency[code]), reverse=True)[:size]
    return sorted(chosen, key=recency.get)


LIST_GAP_WORDS = 6  # 'Diop of Mali, Karamoko Jean-Marie Traore of Burkina Faso and ...'


def _state_lists(ctx: Context, named: list) -> list[list[str]]:
    """Return the coordinated lists of distinct states among `named` mentions, in text order:
    names joined by commas, conjunctions, articles, prepositions and the names of their people."""
    grammar, text = ctx.patterns.grammar, ctx.article.text
    glue = grammar.list_glue
    runs, run, joined, last_end = [], [], False, -1
    for start, mention in named:
        words = re.findall(r"[\w'’-]+|,", match_text(text[last_end:start])) if run else []
        conjunction = any(w.lower() in grammar.coordinators and w != "," for w in words)
        linked = run and len(words) <= LIST_GAP_WORDS and "\n" not in text[last_end:start] \
            and all(w == "," or w.lower() in glue or w[:1].isupper() for w in words) \
            and not (joined and not conjunction)  # 'In Burkina Faso and Niger, Moscow ...': the list has ended
        if linked and mention.code not in run:
            run.append(mention.code)
            joined = joined or conjunction
        elif not linked:
            if len(run) > 1 and joined:
                runs.append(run)
            run, joined = [mention.code], False
        last_end = mention.end
    if len(run) > 1 and joined:
        runs.append(run)
    return runs


def _is_word(lower: str, at: int, length: int) -> bool:
    before = lower[at - 1] if at > 0 else " "
    after = lower[at + length] if at + length < len(lower) else " "
    return not before.isalnum() and not after.isalnum()


def _update_topic(ctx: Context, sentence: Sentence) -> None:
    """Make the last African state the sentence names the topic that anaphors and implied places
    refer to; a sentence that names none refers to the one state the sentence before (same paragraph)
    named, unless that was an aside, else to the article's main country (the one it names most)."""
    previous = ctx.sentences[sentence.index - 1] if sentence.index > 0 else None
    alone = previous is not None and previous.paragraph == sentence.paragraph \
        and len(set(ctx.named_all)) == 1 \
        and not _aside(ctx, previous)  # 'l'état-major tchadien a exigé ...'; not 'Neighbouring Burkina followed'
    ctx.named_all = _named_states(ctx, sentence, sentence.end)  # 'Une partie a quitté le pays': Chad
    ctx.previous_topic, ctx.named_here = ctx.topic, (ctx.named_all[-1] if ctx.named_all else None)
    ctx.topic = ctx.named_here or (ctx.previous_topic if alone else None) or ctx.doc_topic


RELATIVE_REACH = 60  # characters after 'the junta that' where the relative clause names its country


def _named_in_relative(ctx: Context, sentence: Sentence, end: int) -> str | None:
    """Return the African state named in a relative clause right after an anaphor ('the junta that
    took power in Niger', 'la junte qui dirige le Mali'), or None."""
    word = re.match(r"\s*([^\W\d]+)", ctx.article.text[end:end + 20])
    if not word or word.group(1).lower() not in ctx.patterns.grammar.of("anaphor_relative"):
        return None
    for start, mention in ctx.spans_by_sentence.get(sentence.index, []):
        code = ctx.gazetteer.host_country(mention.code)
        if end < start < end + RELATIVE_REACH and code and ctx.gazetteer.bloc(code) == "regional":
            return code
    return None


def _aside(ctx: Context, sentence: Sentence) -> bool:
    """True when a sentence names a state as an aside from the article's ('Neighbouring Burkina Faso
    followed suit', 'Au Mali voisin'): the next sentence goes back to the article's country."""
    words = set(re.findall(r"[\w'’-]+", match_text(ctx.article.text[sentence.start:sentence.end]).lower()))
    return bool(words & ctx.patterns.grammar.of("aside_word"))


def _last_state(ctx: Context, sentence: Sentence, before: int) -> str | None:
    """Return the last state of any bloc the sentence names (by name or capital) before an offset."""
    named = [m.code for start, m in ctx.spans_by_sentence.get(sentence.index, []) if start < before
             and m.form in ("name", "capital") and ctx.gazetteer.actor_kind(m.code) == "state"]
    return named[-1] if named else None


def _last_named(ctx: Context, sentence: Sentence, before: int) -> str | None:
    """Return the last African state the sentence names before a character offset (not a venue, not
    a state in a contrast clause, not an operation)."""
    named = _named_states(ctx, sentence, before)
    return named[-1] if named else None


def _named_states(ctx: Context, sentence: Sentence, before: int) -> list[str]:
    """Return the African states the sentence names before a character offset, in order (see _last_named)."""
    named = []
    contrast = CONTRAST_WORD.search(ctx.article.text, sentence.start, sentence.end)
    for _, mention in ctx.spans_by_sentence.get(sentence.index, []):
        if mention.start >= before:
            break
        if ctx.gazetteer.actor_kind(mention.code) == "operation":
            continue  # Barkhane or Takuba name no single host
        if contrast and mention.start > contrast.start():
            break  # '..., tandis qu'Emmanuel Macron s'est entretenu avec ses homologues sénégalais
        code = ctx.gazetteer.host_country(mention.code)
        if code and ctx.gazetteer.bloc(code) == "regional" and not _after_venue(ctx, mention.start) \
                and not CONTRAST_CLAUSE.search(ctx.article.text, max(0, mention.start - 20), mention.start) \
                and not _sends_forces(ctx, mention):
            named.append(code)
    return named


def _across_border(ctx: Context, start: int, end: int | None = None) -> bool:
    """True for a state named as the other side of a border ('proche de la frontière burkinabè', 'near
    the border with Mali', 'near the Algerian border'): the sentence is not about it. The text-level
    twin of SentenceView.across_border, for mentions outside the sentence being coded."""
    borders = ctx.patterns.grammar.of("border_word")
    after = re.match(r"\s*([\w'’-]+)", ctx.article.text[end:end + 20]) if end is not None else None
    if after and after.group(1).lower() in borders:
        return True
    words = re.findall(r"[\w'’-]+", match_text(ctx.article.text[max(0, start - 30):start]).lower())[-3:]
    with_ = lambda w: ctx.patterns.grammar.prepositions.get(w) == "with"  # noqa: E731  'la frontière avec le Mali'
    return any(w in borders for w in words[-1:]) or (len(words) >= 2 and words[-2] in borders and with_(words[-1])) or (
        len(words) == 3 and words[0] in borders and with_(words[1]))


def _sends_forces(ctx: Context, mention) -> bool:
    """True for a demonym owning the forces it qualifies ('Rwandan soldiers were flown in') in an
    article about another country: the state that sends them, not the place the sentence is about."""
    if mention.form != "demonym" or ctx.patterns.forces_re is None or mention.code == ctx.doc_topic:
        return False
    if ctx.patterns.language == "en":  # 'Rwandan soldiers'; French 'des soldats rwandais'
        near = ctx.article.text[mention.end:mention.end + 30].split()[:1]
    else:
        near = ctx.article.text[max(0, mention.start - 30):mention.start].split()[-1:]
    return bool(near) and bool(ctx.patterns.forces_re.match(near[0].strip(",.;:").lower()))


CONTRAST_WORD = re.compile(r"\b(?:while|whereas|tandis qu|alors qu)", re.IGNORECASE)
CONTRAST_CLAUSE = re.compile(r",\s*(?:and|et)\s+(?:the\s+|le\s+|la\s+|l['’])?$",
                             re.IGNORECASE)  # ', and Rwanda flew in troops' ('tandis que le Rwanda': CONTRAST_WORD)


def _after_venue(ctx: Context, start: int) -> bool:
    """True when a meeting word comes shortly before the name ('a summit in Accra'): a venue, not the topic."""
    before = ctx.article.text[max(0, start - 60):start].lower().split()[-7:]
    return any(word.strip(",.;:") in ctx.patterns.grammar.of("venue") for word in before)


def _venue_place(ctx: Context, start: int) -> bool:
    """True when the name is the place of a meeting: a meeting word, then 'in/at/dans/à' right before
    the name's phrase ('réunis en sommet dans la capitale ghanéenne'), not a speaker after a
    meeting phrase ('At a news conference, Lavrov said')."""
    words = [w.strip(",.;:").lower() for w in ctx.article.text[max(0, start - 60):start].split()[-7:]]
    places = {w for w, canonical in ctx.patterns.grammar.prepositions.items() if canonical in ("in", "to")}
    return _after_venue(ctx, start) and any(w in places for w in words[-3:])


def _document_topic(ctx: Context) -> str | None:
    """Return the African state the article names most, the topic before any is named."""
    counts = Counter(ctx.gazetteer.host_country(m.code) for spans in ctx.spans_by_sentence.values()
                     for _, m in spans)
    ranked = [c for c, _ in counts.most_common() if c and ctx.gazetteer.bloc(c) == "regional"]
    return ranked[0] if ranked else None


def _group_by_sentence(sentences: list[Sentence], found) -> dict[int, list]:
    """Return actor mentions grouped by the index of the sentence holding them."""
    grouped: dict[int, list] = {}
    k = 0
    for mention in found:
        while k < len(sentences) and sentences[k].end <= mention.start:
            k += 1
        if k < len(sentences) and sentences[k].start <= mention.start:
            grouped.setdefault(k, []).append((mention.start, mention))
    return grouped


def _explicit_years(text: str, language: str | None) -> list[str]:
    """Return the years a text states outright ('in 2013', 'January 11, 2013'), in order."""
    return [d.value[:4] for d in dates.find_dates(text, None, language or "en") if d.kind == "explicit"]


def _paragraph_years(article: Article, sentences: list[Sentence], sentence: Sentence) -> list[str]:
    """Return the explicit years of a sentence and of the sentences before it (its paragraph and the one before)."""
    years = []
    for other in sentences[:sentence.index + 1]:
        if other.paragraph >= sentence.paragraph - 1:  # this paragraph and the one before
            years += _explicit_years(article.text[other.start:other.end], article.language)
    return years


def _anchor_year(ctx: Context, sentence: Sentence, view: SentenceView, near: int) -> str | None:
    """Return the year the text was last speaking of before the trigger: stated earlier in this
    sentence or in its paragraph (a new paragraph may return to the present)."""
    since = view.grammar.of("since")

    def stated(text: str, end: int) -> list[str]:  # not 'has trained gendarmes since 2018, ... in April'
        return [d.value[:4] for d in dates.find_dates(text, None, ctx.article.language or "en")
                if d.kind == "explicit" and d.end <= end
                and not (text[:d.start].split()[-1:] and text[:d.start].split()[-1].lower() in since)]
    years = stated(view.text, near)
    if years:
        return years[-1]
    before = [s for s in ctx.sentences[:sentence.index] if s.paragraph >= sentence.paragraph]
    for other in reversed(before):  # 'MINUSMA has been in Mali since 2013. On 5 February, ...': not 2013
        years = stated(ctx.article.text[other.start:other.end], other.end - other.start)
        if years:
            return years[-1]
    return None


NAMED_BODIES = frozenset({"operation", "organisation"})  # their names keep meaning them after they end


def _past_office_holders(article: Article, gazetteer: Gazetteer, sentences: list[Sentence],
                         out_of_period: list) -> list:
    """Return the mentions of office holders, operations and missions no longer current at
    publication (`out_of_period`, from Gazetteer.find_split) whose sentence (with a date resolved
    against the publication, 'fin août'), or paragraph, or the one before, dates them within their
    period ('Serval was launched in January 2013 by then-president
    François Hollande', 'les soldats de Barkhane avaient quitté le pays le 15 août 2022'):
    background paragraphs name those of their time."""
    extra = [m for m in out_of_period if m.form in NAMED_BODIES]
    for mention in [m for m in out_of_period if m.form not in NAMED_BODIES]:
        sentence = next((s for s in sentences if s.start <= mention.start < s.end), None)
        if sentence is None:
            continue
        text = article.text[sentence.start:sentence.end]
        resolved = [d.value for d in dates.find_dates(text, article.published, article.language or "en")]
        for when in resolved + list(reversed(_paragraph_years(article, sentences, sentence))):
            if any(m.code == mention.code for m in gazetteer.find(mention.text, when=when)):
                extra.append(mention)  # 'l'ambassadeur Sylvain Itté, déclaré persona non grata fin août'
                break
    return extra


def _without_dateline(text: str, found: list) -> list:
    """Return the actor mentions minus those of a dateline ('ABUJA, Nigeria –', 'BAMAKO –' name no party)."""
    match = DATELINE_RE.search(text, 0, DATELINE_CHARS)
    return [m for m in found if not match.start() <= m.start < match.end()] if match else found


def _without_anaphor_words(text: str, found: list, grammar) -> list:
    """Return the actor mentions minus demonyms that are words of an anaphor ('the Central African
    country' refers back to the article's country; it does not name the Central African Republic)."""
    def inside(mention) -> bool:
        words = mention.text.lower().split()
        return mention.form == "demonym" and bool(words) and any(
            text[mention.start - at:mention.start - at + len(phrase)].lower() == phrase
            for phrase, at in grammar.anaphor_words.get(words[0], ()))
    return [mention for mention in found if not inside(mention)]


FIRST_NAME_RE = re.compile(r"(?<![.!?:;]\s)(?<!^)\b([A-ZÀ-Ý][a-zà-ÿ'’-]+)\s+$")  # a capitalised word right before, not opening a sentence


def _without_other_bearers(text: str, found: list, grammar, language: str) -> list:
    """Return the actor mentions minus an office holder's bare surname borne by someone else, named
    with another first name ('the prime minister's son, Gaspar Orban': not Viktor Orbán); a title
    ('President Orban', 'Mr Macron'), a date ('in August Goita') or a name the gazetteer knows keeps it."""
    ends = {m.end for m in found}
    def other(mention) -> bool:
        if mention.form != "person" or " " in mention.text.strip():
            return False
        match = FIRST_NAME_RE.search(text, max(0, mention.start - 40), mention.start)
        if not match or match.end(1) in ends:
            return False
        word = match.group(1)
        lower = word.lower()
        return lower not in grammar.titles and lower not in grammar.of("honorific") \
            and lower not in dates.MONTHS.get(language, ()) and lower not in dates.WEEKDAYS.get(language, ())
    return [mention for mention in found if not other(mention)]


def find_mentions(article: Article, gazetteer: Gazetteer, patterns: PatternSet) -> list[Mention]:
    """Return the event mentions of an article, one per trigger and role pair, in text order."""
    sentences = split_sentences(article.text)
    found, out_of_period = gazetteer.find_split(article.text, when=article.published)
    if out_of_period:
        found = sorted(found + _past_office_holders(article, gazetteer, sentences, out_of_period),
                       key=lambda m: m.start)
    found = _without_anaphor_words(article.text, _without_dateline(article.text, found), patterns.grammar)
    found = _without_other_bearers(article.text, found, patterns.grammar, article.language or "en")
    ctx = Context(article, gazetteer, patterns, sentences, _group_by_sentence(sentences, found))
    ctx.topic = ctx.doc_topic = _document_topic(ctx)
    mentions: list[Mention] = []
    coups: dict[str, str] = {}  # country -> date of the first dated coup the article reports
    for sentence in sentences:
        _update_topic(ctx, sentence)
        text = article.text[sentence.start:sentence.end]
        scan = patterns.index.scan(match_text(text))
        hits = _trigger_matches(patterns, scan)
        coded = _code_sentence(ctx, sentence, text, scan, hits) if hits else []
        if patterns.same_act_re is not None:
            coded += _same_act(ctx, sentence, text, scan, [m for m in coded if m.realis == "asserted"])
        if patterns.same_fate_re is not None:
            coded += _same_act(ctx, sentence, text, scan, [m for m in coded if m.realis == "asserted"], fate=True)
        coded = _same_coup(coded, coups, article, patterns.grammar)
        mentions.extend(coded)
        if coded:
            ctx.last_date = (sentence.index, coded[0].date)
            ctx.dates_given += [m.date for m in coded if m.date]
            asserted = [m for m in coded if m.realis == "asserted"]
            if asserted:
                ctx.last_acts = (sentence.index, asserted)
            acts = [m for m in asserted if m.event_type not in STANCE_TYPES]
            votes = [m for m in asserted if _rule_frame(m) in VOTE_FRAMES]
            if votes:
                ctx.last_vote = (sentence.index, votes[-1].actor)
            if acts:
                ctx.last_act = (sentence.index, acts[-1])
            blames = [m for m in asserted if m.event_type == "criticism"]
            if blames:
                ctx.last_accuser = (sentence.index, blames[-1].actor)
                ctx.last_blames = (sentence.index, blames)
    return mentions


DATE_NEAR_CHARS = 25  # a date this close to a coup noun dates that coup ('the coup of 26 July', 'the 2021 coup')


def _same_coup(coded: list[Mention], coups: dict[str, str], article: Article, grammar) -> list[Mention]:
    """Return the mentions with a definite, undated 'the coup' / 'le putsch' of a country whose coup the
    article already dated taking that date: the same coup named again ('After the July 2023 coup ...
    ECOWAS imposed sanctions in August, days after the coup'), not a second one dated by another verb
    of the sentence or defined by what follows ('the coup that brought Damiba to office'). Records the
    first dated coup of each country in `coups`."""
    out = []
    for mention in coded:
        if mention.event_type == "coup" and mention.realis == "asserted":
            at = mention.sentence.find(mention.trigger)
            end = at + len(mention.trigger)
            before, after = mention.sentence[max(0, at - DATE_NEAR_CHARS):at], mention.sentence[end:end + DATE_NEAR_CHARS]
            local = dates.find_dates(before + " " + after, article.published, article.language or "en")
            last = [t.lower for t in tokenize(mention.sentence[:at])][-1:]
            following = [t.lower for t in tokenize(after)][:2]
            definite = bool(last) and last[0] in grammar.of("definite_determiner")
            restricted = any(" ".join(following[:n]) in grammar.of("restrictive_opener") for n in (1, 2))
            if mention.actor in coups and at >= 0 and definite and not local and not restricted:
                mention = replace(mention, date=coups[mention.actor])
            elif mention.date and mention.actor not in coups:
                coups[mention.actor] = mention.date
        out.append(mention)
    return out


def _rule_frame(mention: Mention) -> str:
    """Return the frame a mention was coded with (its rule reads 'pattern@frame:actor>target')."""
    return mention.rule.partition("@")[2].partition(":")[0]


def _same_act(ctx: Context, sentence: Sentence, text: str, scan: Scan, own: list[Mention],
              fate: bool = False) -> list[Mention]:
    """Return the act just reported, done again by the subject of 'did the same' / 'a fait de même'
    ('ECOWAS suspended Guinea on 8 September. The AU did the same two days later.'), or with `fate`,
    done again to the subject of 'suffered the same fate' / 'a connu le même sort' ('Le Mali avait
    connu le même sort dès 2021'): the models are the asserted mentions of this sentence's earlier
    clauses, else of the sentence before."""
    matches = scan.finditer(ctx.patterns.same_fate_re if fate else ctx.patterns.same_act_re)
    if not matches:
        return []
    own = [] if fate else own  # 'X suffered the same fate after the coup': the act of the sentence before
    models = own or (ctx.last_acts[1] if sentence.index - ctx.last_acts[0] == 1 else [])
    if not models:
        return []
    tokens = tokenize(text, sentence.start)
    view = SentenceView(text, sentence.start, tokens, _sentence_spans(ctx, sentence, tokens), ctx.patterns, scan,
                        ctx.article.published)
    trigger = _trigger_tokens(view, matches[0].start(), matches[0].end())
    if trigger is None:
        return []
    starts = {s.a for s in view.spans}
    joins = [i for i in range(1, trigger[0]) if view.word(i) in view.grammar.coordinators and view.word(i) != ","
             and (view.word(i - 1) == "," or (own and {i + 1, i + 2} & starts))]
    start = joins[-1] + 1 if joins else 0  # 'X did ..., and Y did the same', 'X seized power and Y followed'
    if own and not start:
        return []
    domestic = [m for m in models if m.actor == m.target]  # 'Gabon's army did the same': a coup of its own
    models = [m for m in models if m.actor != m.target]
    subject = next((s for s in view.spans if not s.pseudo and start <= s.a and s.b <= trigger[0]
                    and not _fronted_place(view, s)), None)
    if subject is None:
        return []
    gaz, out = ctx.gazetteer, []
    if domestic and not models and gaz.actor_kind(subject.code) == "state" and subject.code != domestic[0].actor:
        models, subject = domestic[:1], replace(subject, pseudo=False)
    answering = not fate and any(subject.code == m.target for m in models)
    for model in models:
        if subject.code == model.actor or (fate and subject.code == model.target):
            continue
        place = not fate and subject.form in ("place", "capital") and subject.code == model.target \
            and model.event_type in FORCE_MOVES  # 'Gossi was handed over on April 19. Menaka followed on June 13.'
        if place:
            subject = Span(subject.a, subject.b, model.actor, model.actor_text, pseudo=True)
        reply = not fate and not place and (subject.code == model.target or answering)  # 'Mali summoned the Algerian envoy.
        # Algeria responded in kind'; 'Algeria recalled its envoys from Bamako and Niamey and closed its airspace
        # to Mali. Bamako did the same': against Algeria, whom Bamako answers
        if model.actor == model.target:  # a domestic act done again: the new subject's own
            model = replace(model, actor=subject.code, target=subject.code, actor_text=subject.text,
                            target_text=subject.text)
        base = Mention(doc=ctx.article.doc, sentence_index=sentence.index, sentence=view.text, evidence="",
                       actor="", target="", event_type=model.event_type, date=_event_date(view, trigger, ctx, sentence),
                       realis=_realis(view, trigger, ctx, sentence), confidence=round(model.confidence * 0.8, 3),
                       rule=f"same_act@{model.rule}", trigger=_text_between(view, *trigger),
                       language=ctx.article.language, published=ctx.article.published)
        by_actor = Span(trigger[0], trigger[1], model.actor, model.actor_text, pseudo=True)
        target = by_actor if reply else Span(trigger[0], trigger[1], model.target, model.target_text, pseudo=True)
        if fate:  # the subject undergoes the act: the model's actor does it again, to the subject
            out.append(_with_roles(replace(base, rule=f"same_fate@{model.rule}"), by_actor, subject, view, trigger,
                                   gaz, model.event_type))
            continue
        out.append(_with_roles(base, subject, target, view, trigger, gaz, model.event_type))
        if place:
            break
    return list({(m.actor, m.target, m.event_type): m for m in out}.values())


def _fronted_place(view: SentenceView, span: Span) -> bool:
    """True for a place set before the clause ('In Paris, the ministry ...', 'À Paris, le Quai')."""
    return view.preposition_at(span.a - 1) is not None and view.word(span.b) == ","


def _trigger_matches(patterns: PatternSet, scan: Scan) -> list[tuple[Pattern, re.Match]]:
    """Return (pattern, match) for every trigger regex match in the scanned text, in pattern order."""
    count = len(patterns.patterns)
    return [(patterns.patterns[number], match) for number in scan.candidates() if number < count
            for match in scan.finditer(patterns.patterns[number].regex)]


def _triggers(ctx: Context, view: SentenceView, hits: list[tuple[Pattern, re.Match]] | None = None):
    """Yield (pattern, token range) for every trigger of the sentence that meets its pattern."""
    for pattern, match in _trigger_matches(ctx.patterns, view.scan) if hits is None else hits:
        trigger = _trigger_tokens(view, match.start(), match.end())
        if trigger and not _inside_name(view, trigger) and (
                _requirement_met(pattern, view, trigger, ctx.gazetteer) or _partitive_subject(view, trigger)):  # 'The last of them left'
            yield pattern, trigger


def _outermost(found: list[tuple[Pattern, tuple[int, int]]]) -> list[tuple[Pattern, tuple[int, int]]]:
    """Return the triggers not strictly inside a longer one ('exigé le départ', 'took delivery of')."""
    def inside(inner, outer):
        return outer[0] <= inner[0] and inner[1] <= outer[1] and outer != inner
    return [(p, t) for p, t in found if not any(inside(t, t2) for _, t2 in found)]


def _code_sentence(ctx: Context, sentence: Sentence, text: str, scan: Scan,
                   hits: list[tuple[Pattern, re.Match]]) -> list[Mention]:
    """Return the mentions of one sentence, given its trigger matches (at least one)."""
    tokens = tokenize(text, sentence.start)
    view = SentenceView(text, sentence.start, tokens, _sentence_spans(ctx, sentence, tokens), ctx.patterns, scan,
                        ctx.article.published)
    found = _outermost(list(_triggers(ctx, view, hits)))
    view.stances = [t for p, t in found if p.event_type in STANCE_TYPES  # acts, not words: what follows them
                    and p.frame.name not in ACT_STANCE_FRAMES]  # is no content ('a riposté en interdisant')
    coded = []
    later = [(p, t) for p, t in found if p.event_type in STANCE_TYPES and _participle_clause(view, t)]
    for pattern, trigger in [pair for pair in found if pair not in later] + later:  # participles after their main clause
        mentions = _code_event(view, pattern, trigger, ctx, sentence)
        coded += [(m, trigger) for m in mentions]
        main = [m for m in mentions if m.realis == "asserted" and m.event_type not in STANCE_TYPES]
        if main and not view.main_acts and not _participle_clause(view, trigger):
            view.main_acts = main  # what the main clause reports, for a participle clause after it
    out: dict[tuple, Mention] = {}
    for mention in _stance_on_agent(coded):
        key = (mention.actor, mention.target, mention.event_type)
        if key not in out or (out[key].realis != "asserted" and mention.realis == "asserted"):
            out[key] = mention  # one mention per pair and type: the first asserted, else the first
    kept = _drop_contradicted(list(out.values()))
    return [copy for mention in kept for copy in _one_per_date(view, mention, ctx)]


def _opening_subjects(view: SentenceView) -> list[Span]:
    """Return the names a sentence opens with, followed by a verb ('Mali, Burkina Faso and Niger
    announced ...'): the subject of its main clause."""
    first = next((s for s in view.spans if not s.pseudo), None)
    if first is None or any(view.word(i) not in view.grammar.determiners for i in range(first.a)):
        return []
    group = _coordinated(view, first)
    end = max(s.b for s in group)
    verb = end < len(view.tokens) and (view.is_past_verb(end) or view.word(end) in view.grammar.of("auxiliary")
                                       or view.word(end) in view.grammar.of("be_form")
                                       or view.word(end) in view.grammar.say_verbs)
    return group if verb else []


def _under(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when a sanction noun follows 'under'/'sous' ('lives under an embargo', 'placed under
    sanctions'): the subject undergoes the sanction."""
    i = trigger[0] - 1
    while i > 0 and view.word(i) in view.grammar.determiners:
        i -= 1
    return view.word(i) in view.grammar.of("under_word")


def _leaving_roles(view: SentenceView, trigger: tuple[int, int], gaz: Gazetteer, actors: list[Candidate],
                   targets: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Return a withdrawal's actors and targets with two readings of news style: an operation named in
    the trigger leaves ('la fin de Barkhane', 'the end of Barkhane'); an African state right after a
    departure noun is the place left when a foreign party is named too ('un départ contraint du Mali'
    after 'militaires français')."""
    named_op = [c for c in targets if c.relation == "obj" and gaz.actor_kind(c.span.code) in ("operation", "mission")
                and trigger[0] <= c.span.a < trigger[1]]
    if named_op:
        actors = [Candidate(c.span, "forces", c.distance) for c in named_op] + actors
        targets = [c for c in targets if c not in named_op]
    of_op = [c for c in actors if c.relation == "pp:of" and gaz.actor_kind(c.span.code) in ("operation", "mission")]
    actors = of_op + [c for c in actors if c not in of_op]  # 'le retrait coordonné de Barkhane': Barkhane leaves
    foreign = any(gaz.bloc(s.code) not in ("regional", "other") for s in view.spans)
    left = [c for c in actors if c.relation == "pp:of" and trigger[1] <= c.span.a <= trigger[1] + 2 and foreign
            and gaz.actor_kind(c.span.code) == "state" and gaz.bloc(c.span.code) == "regional"]
    if left:
        actors = [c for c in actors if c not in left]
        targets = [Candidate(c.span, "pp:from", c.distance) for c in left] + targets
    return actors, targets


def _main_actors(view: SentenceView) -> list[Candidate]:
    """Return the actors of the acts the sentence's main clause reported, one per code."""
    return [Candidate(Span(-1, -1, m.actor, m.actor_text, pseudo=True), "main_subject", 0)
            for m in {m.actor: m for m in view.main_acts}.values()]


def _possessed_agent(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True when the trigger's subject is 'its/their + agent noun' right before it, with no name
    ('with its spokesman accusing', 'son porte-parole accusant'): the main clause's actor speaks."""
    i = trigger[0] - 1
    return i - 1 not in view.span_end and view.word(i) in view.grammar.agent_nouns \
        and view.word(i - 1) in view.grammar.of("possessive_pronoun") \
        and view.grammar.ends(view.word(trigger[0]), "participle_clause_ending")


def _sequel_infinitive(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True for an infinitive after a clause link ('avant de sommer', 'après avoir expulsé'): the next
    step of the main clause's subject, done, not planned."""
    return view.word(trigger[0] - 1) in view.grammar.of("infinitive_marker") \
        and view.word(trigger[0] - 2) in view.grammar.of("clause_link")


def _participle_clause(view: SentenceView, trigger: tuple[int, int]) -> bool:
    """True for a participle after a comma (', accusing X of', ', lui reprochant'): its subject is the
    main clause's."""
    before = trigger[0] - 1
    if view.word(before) in view.grammar.of("pronoun_object"):
        before -= 1
    return view.word(before) == "," and view.grammar.ends(view.word(trigger[0]), "participle_clause_ending")


DATE_LINK = re.compile(r"\s+(?:and|et|then|puis)\s+(?:(?:again|à nouveau|de nouveau|an?|une?|d'une?|second|seconde|"
                       r"third|troisième|one|time|fois|coup|coups|putsch)\s+){0,3}(?:(?:in|en|on|le|au)\s+)?", re.IGNORECASE)
DATE_LIST_END = re.compile(r"\s*(?:[.,;:)]|$)")  # not '... and in May said', '... and Guinea in 2021'
RANGE_OPENER = re.compile(r"\b(?:between|from|entre|de|du)\s+$", re.IGNORECASE)
YEAR_WORDS = re.compile(r"\d{4}|\byear\b|\bannée\b|\ban\b", re.IGNORECASE)


def _one_per_date(view: SentenceView, mention: Mention, ctx: Context) -> list[Mention]:
    """Return the mention once per date when its date opens a list of dates that closes its clause
    ('a coup in August 2020 and a second one in May 2021', 'en 2020 et en 2021'): one event each.
    A range ('between March and August') is one event."""
    if not mention.date:
        return [mention]
    found = dates.find_dates(view.text, ctx.article.published, ctx.article.language or "en")
    first = next((i for i, d in enumerate(found) if d.value == mention.date), None)
    if first is None or RANGE_OPENER.search(view.text[max(0, found[first].start - 10):found[first].start]):
        return [mention]
    last = first
    while last + 1 < len(found) and DATE_LINK.fullmatch(view.text[found[last].end:found[last + 1].start]):
        last += 1
    group, end = list(found[first:last + 1]), found[last].end
    if last + 1 < len(found) and not view.text[end:found[last + 1].start].strip():  # 'in May' + 'this year'
        year = found[last + 1].value[:4]
        group[-1] = replace(group[-1], value=year + group[-1].value[4:], yearless=False)
        end = found[last + 1].end
    if len(group) < 2 or not DATE_LIST_END.match(view.text, end):
        return [mention]
    values = list(dict.fromkeys(_year_from_list(group, i) for i in range(len(group))))
    return [replace(mention, date=value, rule=f"{mention.rule}+dates") if value != mention.date else mention
            for value in values]


def _year_from_list(group: list, i: int) -> str:
    """Return the value of the i-th date of a list, a month named without a year taking the year of
    the nearest dated one ('in February 2023 and again in June')."""
    if not _yearless(group[i]):
        return group[i].value
    dated = [d for d in group[:i][::-1] + group[i + 1:] if not _yearless(d)]
    return dated[0].value[:4] + group[i].value[4:] if dated else group[i].value


def _yearless(found) -> bool:
    """True for a month or day named with no year at all ('in June'; not 'in May this year')."""
    return found.yearless and not YEAR_WORDS.search(found.text)


def _drop_contradicted(mentions: list[Mention]) -> list[Mention]:
    """Return mentions minus the weaker reading of a pair the sentence codes twice.

    'France withdrew its troops deployed in Mali' is a withdrawal (the participle describes the
    troops); 'Chad ended its defence cooperation accord with France' is an expulsion, not
    cooperation, and 'revoked the accords concluded with the US' not an agreement; 'Russia sent
    instructors to Mali' is a deployment.
    """
    pairs = lambda *types: {frozenset((m.actor, m.target)) for m in mentions if m.event_type in types}  # noqa: E731
    beaten = {"troop_deployment": pairs("troop_withdrawal", "expulsion"),
              "agreement": pairs("expulsion"),
              "military_cooperation": pairs("troop_withdrawal", "expulsion", "troop_deployment", "agreement"),
              "diplomatic_visit": {frozenset((m.actor, m.target)) for m in mentions  # 'Russian soldiers landed
                                   if m.event_type == "troop_deployment" and _same_words(m, mentions)}}  # in Ouagadougou'
    return [m for m in mentions if frozenset((m.actor, m.target)) not in beaten.get(m.event_type, set())]


def _same_words(deployment: Mention, mentions: list[Mention]) -> bool:
    """True when a visit of the same pair was read from the deployment's own words ('landed in'), not
    from another verb of the sentence ('flew to Bamako to watch them launch a force')."""
    return any(m.event_type == "diplomatic_visit" and {m.actor, m.target} == {deployment.actor, deployment.target}
               and (m.trigger in deployment.trigger or deployment.trigger in m.trigger) for m in mentions)
