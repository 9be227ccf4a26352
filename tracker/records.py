"""Records passed between pipeline stages, and the column list of every table we write.

This module is the one place where the dataset's columns are defined and documented; the README's
"Data columns" section is generated from (and tested against) the ``*_COLUMNS`` dicts below.
"""
from __future__ import annotations

from dataclasses import dataclass, field

EVENT_TYPES = (
    "military_cooperation", "arms_transfer", "troop_deployment", "troop_withdrawal",
    "diplomatic_visit", "agreement", "sanction", "expulsion", "support_statement",
    "criticism", "coup", "security_incident",
)
REALIS = ("asserted", "announced", "denied", "speculated")
BLOCS = ("russia", "west", "regional", "other")


@dataclass(frozen=True)
class Article:
    """One news article after ingest: clean text plus what the manifest or HTML says about it."""

    doc: str                      # identifier: file name without extension, or the jsonl `doc`
    text: str                     # clean plain text (HTML already reduced to its main text)
    path: str                     # file it came from, relative to the input folder
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'
    language: str | None = None   # ISO 639-1 ('en', 'fr'); None when unknown
    encoding: str = "utf-8"       # encoding the file was decoded with


@dataclass(frozen=True)
class InputProblem:
    """A file (or manifest row) that was skipped or read with a warning, and why."""

    path: str
    reason: str
    skipped: bool = True          # False: read anyway, with a warning


@dataclass
class Mention:
    """One report of one event by one article (repeats inside an article are folded into it)."""

    doc: str
    sentence_index: int
    sentence: str
    evidence: str
    actor: str
    target: str
    event_type: str
    date: str | None
    realis: str
    confidence: float
    rule: str
    trigger: str = ""
    actor_text: str = ""
    target_text: str = ""
    actor_bloc: str = "other"
    target_bloc: str = "other"
    host: str | None = None
    language: str | None = None
    published: str | None = None
    sentence_count: int = 1
    event_id: str = ""
    extra: dict = field(default_factory=dict, repr=False)


ARTICLE_COLUMNS = {
    "doc": "article identifier (file name without extension, or the jsonl `doc`)",
    "path": "file the article was read from, relative to the input folder",
    "outlet": "publishing outlet (manifest or HTML metadata)",
    "url": "article URL (manifest or HTML metadata)",
    "published": "publication date, YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown",
    "language": "ISO 639-1 language code (manifest, else detected)",
    "encoding": "text encoding the file was decoded with",
    "n_chars": "length of the clean text in characters",
    "n_mentions": "event mentions extracted from the article",
}

MENTION_COLUMNS = {
    "doc": "article identifier (join with articles.csv for outlet, URL, date)",
    "sentence_index": "0-based index of the evidence sentence in the article's clean text",
    "sentence": "the full sentence stating the event, as plain text",
    "evidence": "the span of the sentence that fired the rule (actor ... trigger ... target)",
    "actor": "code of who does the act (ISO 3166-1 alpha-3 or an organisation code: WAGNER, UN, ...)",
    "target": "code of the other party",
    "event_type": "one of the 12 event types of FORMAT.md",
    "date": "date of the event itself (YYYY, YYYY-MM or YYYY-MM-DD); empty when the text gives none",
    "realis": "asserted, announced, denied or speculated; only asserted rows count as events/presence",
    "confidence": "rule confidence in [0, 1]",
    "rule": "id of the pattern that fired, with the role frame used (pattern@frame)",
    "trigger": "the words that matched the pattern",
    "actor_text": "the words naming the actor",
    "target_text": "the words naming the target",
    "actor_bloc": "bloc of the actor: russia, west, regional or other",
    "target_bloc": "bloc of the target",
    "host": "ISO3 code of the country whose relations the event concerns: the African state of a foreign-African "
            "pair (a Malian minister in Moscow: MLI), else the target's country; empty when none is a country",
    "language": "language of the article",
    "published": "publication date of the article",
    "sentence_count": "sentences of this article that report the same event (folded into this row)",
    "event_id": "stable hash of the event's content; equal for mentions of one real-world event",
}

EVENT_COLUMNS = {
    "event_id": "stable hash of actor, target, type, host and date bucket",
    "actor": "code of who does the act",
    "target": "code of the other party",
    "event_type": "one of the 12 event types",
    "date": "most precise date the mentions agree on (YYYY, YYYY-MM or YYYY-MM-DD); empty if none",
    "year": "year of the event (integer; empty when undated)",
    "host": "ISO3 code of the host country",
    "realis": "asserted if any mention asserts it, else the most common realis of its mentions",
    "actor_bloc": "bloc of the actor",
    "target_bloc": "bloc of the target",
    "n_mentions": "number of mentions (article reports) of the event",
    "n_sources": "number of distinct sources (outlets, or articles when the outlet is unknown)",
    "n_asserted": "mentions that assert the event",
    "first_reported": "earliest publication date among its articles",
    "last_reported": "latest publication date among its articles",
    "confidence": "highest mention confidence",
    "docs": "the articles reporting it, separated by '|'",
    "evidence": "the sentence of its most confident mention",
    "rule": "the rule of its most confident mention",
}

PRESENCE_COLUMNS = {
    "actor": "actor holding the presence (state or organisation code)",
    "bloc": "bloc of the actor",
    "host": "ISO3 code of the host country",
    "kind": "forces (deployment, mission) or cooperation (training, arms: lighter, decaying)",
    "start": "date the presence opens (YYYY, YYYY-MM or YYYY-MM-DD)",
    "end": "date it closes; empty while open",
    "open_event_id": "event_id of the event that opened it",
    "close_event_id": "event_id of the event that closed it; empty while open",
    "status": "open or closed",
}

INFLUENCE_COLUMNS = {
    "host": "ISO3 code of the host country",
    "period": "the period: '2022' for a year, '2022Q2' for a quarter",
    "period_kind": "year or quarter",
    "year": "year of the period",
    "bloc": "russia, west, regional or other",
    "presence": "presence component (forces and cooperation in place during the period)",
    "diplomacy": "diplomatic component (visits, agreements, support minus expulsions, sanctions, criticism)",
    "index": "presence + diplomacy",
    "n_events": "distinct events behind the value",
}

CONTRIBUTION_COLUMNS = {
    "host": "ISO3 code of the host country",
    "period": "the period, as in influence.csv",
    "period_kind": "year or quarter",
    "year": "year of the period",
    "bloc": "bloc whose index the event moves",
    "event_id": "the event behind the contribution",
    "component": "presence or diplomacy",
    "contribution": "signed amount the event adds to that bloc's index in that period",
    "reason": "why: the weight key that applied (e.g. expulsion:target)",
}
