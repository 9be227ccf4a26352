"""Ingest: a folder of .txt / .html / .jsonl articles (+ optional manifest.csv) -> Article records.

A bad file is reported as an InputProblem naming the file and the reason, and the rest is read:
one bad article never stops a build. Nothing here fetches anything (trafilatura runs offline on
the HTML it is given).
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from tracker.records import Article, InputProblem

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SUPPORTED_LANGUAGES = ("en", "fr")
MAX_FILE_BYTES = 64_000_000          # larger files are skipped: no news article is that long
MAX_ARTICLE_CHARS = 2_000_000        # longer texts are cut (with a warning) to bound the work per article
MANIFEST = "manifest.csv"
MANIFEST_FIELDS = ("doc", "file", "outlet", "url", "published", "language", "note")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def normalise_date(value: str | None) -> str | None:
    """Return 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' from an ISO date, or from any written date
    ('20 May 2022', 'mai 2022') by dateparser, keeping the precision given; None if it is not a date."""
    match = DATE_RE.match((value or "").strip())
    if not match:
        return _parsed_date(value) if value and value.strip() else None
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        return None
    return "-".join(part for part in (year, month, day) if part)


def _parsed_date(value: str) -> str | None:
    """Return a written date normalised by dateparser (only called when the ISO regex fails)."""
    from dateparser.date import DateDataParser

    data = DateDataParser(languages=["en", "fr"]).get_date_data(value.strip())
    if not data or not data.date_obj:
        return None
    return data.date_obj.strftime({"year": "%Y", "month": "%Y-%m"}.get(data.period, "%Y-%m-%d"))


def decode(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 (BOM stripped), else cp1252, else latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def looks_binary(raw: bytes) -> bool:
    """True for data that is not text (NUL bytes, or mostly control characters)."""
    sample = raw[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(b < 9 or 13 < b < 32 for b in sample)
    return bool(sample) and controls / len(sample) > 0.05


def clean_text(text: str) -> str:
    """Return text in NFC with Unix line ends; otherwise as written (evidence must be findable)."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


DETECTABLE = ("en", "fr", "es", "pt", "it", "de", "nl", "ar", "ru", "tr", "zh", "ha", "sw")


@lru_cache(maxsize=1)
def _identifier():
    """Return py3langid's classifier limited to the languages a Sahel news feed carries.

    Unrestricted, it takes short English dispatches for Nigerian Pidgin ('pcm').
    """
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(DETECTABLE))
    return identifier


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the text's language (py3langid), None for too little text."""
    if len(text.strip()) < 20:
        return None
    code, _ = _identifier().classify(text[:20000])
    return code


def html_to_text(html: str) -> tuple[str, dict]:
    """Return the main text of an HTML page and its metadata (date, url, site), offline."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    found = {"published": getattr(meta, "date", None), "url": getattr(meta, "url", None),
             "outlet": getattr(meta, "sitename", None)} if meta else {}
    return text, {k: v for k, v in found.items() if v}


def read_manifest(folder: Path) -> tuple[dict[str, dict], list[InputProblem]]:
    """Return manifest rows keyed by file name, and the problems found in the manifest."""
    path = folder / MANIFEST
    if not path.exists():
        return {}, []
    text, _ = decode(path.read_bytes())
    reader = csv.DictReader(io.StringIO(text))
    columns = set(reader.fieldnames or [])
    if "file" not in columns and "doc" not in columns:
        return {}, [InputProblem(MANIFEST, "manifest has neither a 'file' nor a 'doc' column; ignored")]
    rows, problems = {}, []
    for line, row in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k}
        name = row.get("file") or f"{row.get('doc')}.txt"
        if not (folder / name).exists():
            problems.append(InputProblem(MANIFEST, f"line {line}: names absent file {name!r}", skipped=False))
            continue
        if row.get("published") and not normalise_date(row["published"]):
            problems.append(InputProblem(MANIFEST, f"line {line}: bad date {row['published']!r} for {name}; "
                                         "read without a date", skipped=False))
            row["published"] = ""
        rows[name] = row
    return rows, problems


def _article(doc: str, text: str, path: str, meta: dict, encoding: str) -> tuple[Article | None, list[InputProblem]]:
    """Return an Article from clean text and metadata, with warnings; None when it must be skipped."""
    problems = []
    if not text.strip():
        return None, [InputProblem(path, "empty: no text to read")]
    if len(text) > MAX_ARTICLE_CHARS:
        problems.append(InputProblem(path, f"{len(text):,} characters; only the first {MAX_ARTICLE_CHARS:,} "
                                     "are read", skipped=False))
        text = text[:MAX_ARTICLE_CHARS]
    language = (meta.get("language") or "").lower()[:2] or detect_language(text)
    if language not in SUPPORTED_LANGUAGES:
        return None, problems + [InputProblem(path, f"language {language or 'unknown'!r} is not supported "
                                              f"(supported: {', '.join(SUPPORTED_LANGUAGES)})")]
    published = normalise_date(meta.get("published"))
    if not published:
        problems.append(InputProblem(path, "no publication date (manifest or HTML): relative dates stay "
                                     "unresolved", skipped=False))
    return Article(doc=doc, text=text, path=path, outlet=meta.get("outlet") or None, url=meta.get("url") or None,
                   published=published, language=language, encoding=encoding), problems


def _read_bytes(path: Path, name: str) -> tuple[bytes | None, list[InputProblem]]:
    """Return the file's bytes, or None with the reason it cannot be an article."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [InputProblem(name, f"{size / 1e6:.0f} MB is larger than {MAX_FILE_BYTES / 1e6:.0f} MB")]
    raw = path.read_bytes()
    if looks_binary(raw):
        return None, [InputProblem(name, "binary file, not text")]
    return raw, []


def read_file(path: Path, folder: Path, manifest: dict[str, dict]) -> Iterator[Article | InputProblem]:
    """Yield the articles of one file (several for .jsonl) and its problems."""
    name = str(path.relative_to(folder))
    raw, problems = _read_bytes(path, name)
    yield from problems
    if raw is None:
        return
    text, encoding = decode(raw)
    if encoding != "utf-8":
        yield InputProblem(name, f"not UTF-8: decoded as {encoding}", skipped=False)
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl(text, name, encoding)
        return
    meta = dict(manifest.get(name, {}))
    if path.suffix.lower() in HTML_SUFFIXES:
        text, found = html_to_text(text)
        meta = {**found, **{k: v for k, v in meta.items() if v}}
    doc = meta.get("doc") or path.stem
    article, problems = _article(doc, clean_text(text), name, meta, encoding)
    yield from problems
    if article:
        yield article


def _jsonl(text: str, name: str, encoding: str) -> Iterator[Article | InputProblem]:
    """Yield the articles of a .jsonl file, one per line; a bad line is one problem."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
            doc, body = str(record["doc"]), str(record["text"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            yield InputProblem(where, f"bad jsonl line ({type(exc).__name__}: needs 'doc' and 'text')")
            continue
        meta = {k: record.get(k) for k in ("outlet", "url", "published", "language") if record.get(k)}
        article, problems = _article(doc, clean_text(body), where, meta, encoding)
        yield from problems
        if article:
            yield article


def article_files(folder: Path) -> list[Path]:
    """Return the article files of a folder (recursively), sorted for determinism."""
    suffixes = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                  and not p.name.startswith("."))


def iter_corpus(folder: Path) -> Iterator[Article | InputProblem]:
    """Yield every article of the folder and every problem met, file by file."""
    folder = Path(folder)
    manifest, problems = read_manifest(folder)
    yield from problems
    for path in article_files(folder):
        try:
            yield from read_file(path, folder, manifest)
        except OSError as exc:
            yield InputProblem(str(path.relative_to(folder)), f"cannot be read: {exc.strerror or exc}")


def read_corpus(folder: Path) -> tuple[list[Article], list[InputProblem]]:
    """Return the articles of a folder (sorted by doc) and the problems met reading it."""
    articles, problems = [], []
    for item in iter_corpus(folder):
        (articles if isinstance(item, Article) else problems).append(item)
    return sorted(articles, key=lambda a: a.doc), problems
