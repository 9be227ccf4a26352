"""Check the gold of the development and held-out sets against their articles and
shared/eval/FORMAT.md (stdlib only).

    python dev/check_gold.py                     # every set under dev/ that has a gold.json
    python dev/check_gold.py dev/en_heldout      # one set; exits 1 and lists the problems, if any

Every evidence span and negative sentence must be a substring of its article after Unicode NFKC
and whitespace folding; every type and actor code must be one FORMAT.md allows; every date must be
YYYY, YYYY-MM or YYYY-MM-DD; every doc has an article and a manifest row (one gold event per (doc,
cluster), the independent authors' convention, is only noted). (The sets' authors each wrote a copy of this script; they were identical and are
merged here.)
"""
from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

DEV = Path(__file__).resolve().parent
TYPES = {"military_cooperation", "arms_transfer", "troop_deployment", "troop_withdrawal", "diplomatic_visit",
         "agreement", "sanction", "expulsion", "support_statement", "criticism", "coup", "security_incident"}
ORGS = {"WAGNER", "AFRICA_CORPS", "UN", "MINUSMA", "EU", "EUTM", "ECOWAS", "AES", "AU", "NATO", "G5_SAHEL"}
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip().lower()


def code_ok(code) -> bool:
    return code in ORGS or bool(re.fullmatch(r"[A-Z]{3}", code or ""))


def check(HERE: Path) -> list[str]:
    """Return the problems of one set (a folder with gold.json, manifest.csv and the articles)."""
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    with (HERE / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        manifest = {row["doc"]: row for row in csv.DictReader(handle)}
    problems = []
    texts = {}
    for d in gold["documents"]:
        path = HERE / f"{d['doc']}.txt"
        if not path.exists():
            problems.append(f"{d['doc']}: no article file")
            continue
        texts[d["doc"]] = norm(path.read_text(encoding="utf-8"))
        if d["doc"] not in manifest:
            problems.append(f"{d['doc']}: no manifest row")
        elif manifest[d["doc"]]["published"] != d["published"]:
            problems.append(f"{d['doc']}: published differs between gold and manifest")
    for i, e in enumerate(gold["events"]):
        where = f"event {i} ({e.get('doc')} {e.get('actor')}>{e.get('target')} {e.get('type')})"
        if e.get("doc") not in texts:
            problems.append(f"{where}: unknown doc")
            continue
        if e.get("type") not in TYPES or any(t not in TYPES for t in e.get("alt_types", [])):
            problems.append(f"{where}: bad type")
        codes = [e.get("actor"), e.get("target"), *e.get("alt_actors", []), *e.get("alt_targets", []),
                 *[c for pair in e.get("alt_pairs", []) for c in pair]] + ([e["host"]] if e.get("host") else [])
        if not all(code_ok(c) for c in codes):
            problems.append(f"{where}: bad code in {codes}")
        if e.get("date") is not None and not DATE.fullmatch(e["date"]):
            problems.append(f"{where}: bad date {e['date']!r}")
        if norm(e.get("evidence", "")) not in texts[e["doc"]]:
            problems.append(f"{where}: evidence not in article: {e.get('evidence')!r}")
        if not isinstance(e.get("optional", False), bool):
            problems.append(f"{where}: optional must be true/false")
    for (doc, cluster), n in Counter((e["doc"], e["cluster"]) for e in gold["events"]).items():
        if n > 1:  # the independent sets' convention, not FORMAT.md's: a note, not a problem
            print(f"  note: {doc}: cluster {cluster} annotated {n} times")
    for n in gold["negatives"]:
        if norm(n["sentence"]) not in texts.get(n["doc"], ""):
            problems.append(f"negative not in {n['doc']}: {n['sentence']!r}")
    required = sum(1 for e in gold["events"] if not e.get("optional"))
    print(f"{HERE.name}: {len(texts)} articles, {len(gold['events'])} gold events ({required} required), "
          f"{len(gold['negatives'])} negatives: {'OK' if not problems else f'{len(problems)} problem(s)'}")
    for p in problems:
        print("  " + p)
    return problems


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or sorted(p.parent for p in DEV.glob("*/gold.json"))
    return 1 if any([check(folder) for folder in folders]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
