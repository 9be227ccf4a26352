"""The build: articles -> mentions -> events -> presence and influence, written to a folder.

Stages, each a module named after what it produces: `articles` (Article records), `events`
(mentions), `dedupe` (event ids and events), `presence` (presence, influence, contributions),
`store` (atomic, deterministic files).
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from tracker import articles as articles_mod
from tracker import dedupe, presence, store
from tracker.actors import Gazetteer
from tracker.errors import TrackerError
from tracker.events import find_mentions
from tracker.patterns import has_patterns, load_patterns
from tracker.records import ARTICLE_COLUMNS, MENTION_COLUMNS, Article, InputProblem, Mention

OUTPUT_FILES = ("articles.csv", "mentions.csv", "events.csv", "events.parquet", "presence.csv",
                "influence.csv", "contributions.csv", "build_report.json")
DEFAULT_LANGUAGE = "en"


@dataclass
class BuildSummary:
    """What a build read, skipped and produced."""

    articles_read: int = 0
    articles_skipped: int = 0
    mentions: int = 0
    events: int = 0
    asserted_events: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    reference_check: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["problems"] = [asdict(p) for p in self.problems]
        return data


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _patterns_for(language: str | None):
    """Return the pattern set for a language, English when the language has none (no
    `data/patterns/<language>.csv`); a pattern file that exists but is broken is an error, never
    a silent fall back to English."""
    if not language or not has_patterns(language):
        return load_patterns(DEFAULT_LANGUAGE)
    return load_patterns(language)


def article_mentions(article: Article) -> tuple[list[Mention], InputProblem | None]:
    """Return the mentions of one article, or the problem that stopped it (never raises)."""
    try:
        return find_mentions(article, _gazetteer(), _patterns_for(article.language)), None
    except TrackerError:
        raise  # a broken dictionary is the user's to fix, not one article's problem
    except Exception as exc:  # noqa: BLE001 - one bad article never stops a build
        return [], InputProblem(article.path, f"extraction failed: {type(exc).__name__}: {exc}")


def _extract_chunk(chunk: list[Article]) -> list[tuple[list[Mention], InputProblem | None]]:
    return [article_mentions(a) for a in chunk]


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def extract(articles: list[Article], workers: int = 1,
            progress: Callable[[Iterable], Iterable] | None = None) -> list[tuple[list[Mention], InputProblem | None]]:
    """Return (mentions, problem) per article, in article order, using `workers` processes."""
    wrap = progress or (lambda it, **_: it)
    if workers <= 1:
        return [article_mentions(a) for a in wrap(articles, total=len(articles))]
    chunks = _chunks(articles, max(1, min(64, len(articles) // (workers * 4) or 1)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        done = list(wrap(pool.map(_extract_chunk, chunks), total=len(chunks)))
    return [result for chunk in done for result in chunk]


def mentions_frame(mentions: list[Mention]) -> pd.DataFrame:
    """Return the mentions as a DataFrame with MENTION_COLUMNS."""
    rows = [{k: getattr(m, k) for k in MENTION_COLUMNS} for m in mentions]
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def articles_frame(articles: list[Article], mentions: pd.DataFrame) -> pd.DataFrame:
    """Return articles.csv: one row per article read, with its mention count."""
    counts = mentions.groupby("doc").size() if len(mentions) else pd.Series(dtype=int)
    rows = [{**{k: getattr(a, k, None) for k in ARTICLE_COLUMNS}, "n_chars": len(a.text),
             "n_mentions": int(counts.get(a.doc, 0))} for a in articles]
    return pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))


def dataset(articles: list[Article], mentions: list[Mention]) -> dict[str, pd.DataFrame]:
    """Return every table of the dataset from articles and their raw mentions."""
    gaz = _gazetteer()
    folded = dedupe.assign_event_ids(mentions_frame(mentions), parent=gaz.parent)
    events = dedupe.mentions_to_events(folded, {a.doc: a.outlet for a in articles})
    tables = {"articles": articles_frame(articles, folded), "mentions": folded, "events": events}
    tables.update(presence.presence_tables(events, parent=gaz.parent))
    return tables


def reference_sanity(presence_table: pd.DataFrame) -> list[dict]:
    """Return, for each sourced reference period, whether the model built from the articles shows it."""
    checked = presence.reference_check(presence_table, presence.load_reference_periods())
    return checked[["label", "host", "bloc", "start", "end", "modelled"]].to_dict("records")


def write_dataset(tables: dict[str, pd.DataFrame], out_dir: Path, summary: BuildSummary) -> list[str]:
    """Write every table atomically into out_dir and return the file names."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        store.write_csv(frame, out_dir / f"{name}.csv")
    store.write_parquet(tables["events"], out_dir / "events.parquet")
    summary.files = sorted([f"{n}.csv" for n in tables] + ["events.parquet", "build_report.json"])
    store.write_json(summary.to_dict(), out_dir / "build_report.json")
    return summary.files


PARALLEL_FROM = 200  # articles: below this, starting processes costs more than it saves


def _workers(requested: int, n_articles: int) -> int:
    """Return the number of processes: as requested, or (0 = auto) all cores for large corpora."""
    if requested:
        return requested
    return (os.cpu_count() or 1) if n_articles >= PARALLEL_FROM else 1


def build(input_dir: Path, out_dir: Path, progress: Callable | None = None, workers: int = 0) -> BuildSummary:
    """Build the dataset of `input_dir` into `out_dir` and return what was done."""
    articles, problems = articles_mod.read_corpus(Path(input_dir))
    summary = BuildSummary(articles_read=len(articles), problems=list(problems),
                           articles_skipped=sum(p.skipped for p in problems))
    results = extract(articles, workers=_workers(workers, len(articles)), progress=progress)
    mentions = [m for found, _ in results for m in found]
    summary.problems += [p for _, p in results if p]
    tables = dataset(articles, mentions)
    summary.mentions, summary.events = len(tables["mentions"]), len(tables["events"])
    summary.asserted_events = int((tables["events"]["realis"] == "asserted").sum())
    summary.reference_check = reference_sanity(tables["presence"])
    write_dataset(tables, Path(out_dir), summary)
    return summary
