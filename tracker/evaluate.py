"""The scorer of shared/eval/FORMAT.md: precision, recall, F1, per-type F1, dates, dedup, negatives.

Matching is per document: a prediction matches a gold event when (actor, target) is in
({actor} + alt_actors) x ({target} + alt_targets) or in alt_pairs, and its type is the gold type
or in alt_types. Each gold event and each prediction match at most once: a maximum bipartite
matching is taken first over required gold, then over optional gold with the predictions left,
so an ambiguous prediction is never wasted on an optional event.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path

import pandas as pd

from tracker.errors import InputError

PREDICTION_COLUMNS = ("doc", "actor", "target", "event_type", "date")


@dataclass
class Gold:
    documents: list[dict]
    events: list[dict]
    negatives: list[dict]


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    n_predictions: int
    n_required: int
    matched_required: int
    matched_optional: int
    per_type: dict[str, dict] = field(default_factory=dict)
    macro_f1: float = 0.0
    date_exact: float | None = None
    date_year: float | None = None
    dedup_precision: float | None = None
    dedup_recall: float | None = None
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    negatives_hit: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def normalise(text: str | None) -> str:
    """Return text after NFKC and whitespace folding (the texts hold non-breaking spaces)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip().lower()


def load_gold(path: Path) -> Gold:
    """Return a gold file; InputError names the file when it is not FORMAT.md's JSON."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        events = [dict(e) for e in data["events"]]
        for event in events:
            for key in ("doc", "actor", "target", "type"):
                if key not in event:
                    raise KeyError(key)
    except FileNotFoundError:
        raise InputError(str(path), "gold file not found") from None
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(str(path), f"not a gold file in the FORMAT.md format ({type(exc).__name__}: {exc})") from None
    return Gold(data.get("documents", []), events, data.get("negatives", []))


def load_predictions(path: Path) -> pd.DataFrame:
    """Return the predicted mentions (data/mentions.csv or any CSV with FORMAT.md's columns)."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(str(path), "predictions not found (run `python -m tracker build` first)") from None
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise InputError(str(path), f"unreadable CSV ({exc})") from None
    missing = [c for c in PREDICTION_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(str(path), f"missing column(s): {', '.join(missing)}")
    return frame


def scored_rows(predictions: pd.DataFrame) -> list[dict]:
    """Return the prediction rows that are scored: asserted ones (all when there is no realis column)."""
    rows = predictions.fillna("").to_dict("records")
    if "realis" in predictions.columns:
        rows = [r for r in rows if r["realis"] in ("asserted", "")]
    return rows


def compatible(pred: dict, gold: dict) -> bool:
    """True when a prediction can match a gold event (FORMAT.md's rule)."""
    if pred["doc"] != gold["doc"]:
        return False
    actors = {gold["actor"], *gold.get("alt_actors", [])}
    targets = {gold["target"], *gold.get("alt_targets", [])}
    pairs = {tuple(p) for p in gold.get("alt_pairs", [])}
    pair_ok = (pred["actor"] in actors and pred["target"] in targets) or (pred["actor"], pred["target"]) in pairs
    return pair_ok and pred["event_type"] in {gold["type"], *gold.get("alt_types", [])}


def max_matching(edges: dict[int, list[int]], order: list[int]) -> dict[int, int]:
    """Return a maximum bipartite matching {gold: pred}, golds tried in `order` (Kuhn's augmenting paths).

    An augmenting path never unmatches a gold matched earlier, so golds tried first (the required
    ones) keep their matches when later ones (optional) are added.
    """
    owner: dict[int, int] = {}  # pred -> gold

    def augment(gold: int, seen: set[int]) -> bool:
        for pred in edges.get(gold, []):
            if pred in seen:
                continue
            seen.add(pred)
            if pred not in owner or augment(owner[pred], seen):
                owner[pred] = gold
                return True
        return False

    for gold in order:
        augment(gold, set())
    return {gold: pred for pred, gold in owner.items()}


def match(preds: list[dict], golds: list[dict]) -> tuple[dict[int, int], dict[int, int]]:
    """Return (required matches, optional matches) as {prediction index: gold index}."""
    edges = {j: [i for i, p in enumerate(preds) if compatible(p, g)] for j, g in enumerate(golds)}
    order = [j for j, g in enumerate(golds) if not g.get("optional")] + \
            [j for j, g in enumerate(golds) if g.get("optional")]
    matched = max_matching(edges, order)
    required = {pred: gold for gold, pred in matched.items() if not golds[gold].get("optional")}
    optional = {pred: gold for gold, pred in matched.items() if golds[gold].get("optional")}
    return required, optional


def _prf(matched: int, predicted: int, expected: int) -> dict:
    precision = matched / predicted if predicted else 0.0
    recall = matched / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "matched": matched, "predicted": predicted, "expected": expected}


def per_type(preds, golds, required: dict, optional: dict) -> dict[str, dict]:
    """Return P/R/F1 per event type (predictions by their type, gold by its type)."""
    types = {g["type"] for g in golds if not g.get("optional")} | {p["event_type"] for p in preds}
    out = {}
    for kind in sorted(types):
        predicted = sum(1 for i, p in enumerate(preds) if p["event_type"] == kind and i not in optional)
        matched = sum(1 for i in required if preds[i]["event_type"] == kind)
        expected = sum(1 for g in golds if g["type"] == kind and not g.get("optional"))
        out[kind] = _prf(matched, predicted, expected)
    return out


def date_scores(preds, golds, required: dict) -> tuple[float | None, float | None]:
    """Return (exact, year) shares over matched required gold events that have a date."""
    dated = [(preds[i].get("date") or "", golds[j]["date"]) for i, j in required.items() if golds[j].get("date")]
    if not dated:
        return None, None
    exact = sum(p.startswith(g) for p, g in dated) / len(dated)
    year = sum(p[:4] == g[:4] for p, g in dated) / len(dated)
    return round(exact, 4), round(year, 4)


def dedup_scores(pairs: list[tuple[dict, dict]]) -> tuple[float | None, float | None]:
    """Return (precision, recall) of event ids over pairs of matched mentions."""
    same_cluster = same_id = both = 0
    for (p1, g1), (p2, g2) in combinations(pairs, 2):
        c, e = g1.get("cluster") == g2.get("cluster"), bool(p1.get("event_id")) and p1.get("event_id") == p2.get("event_id")
        same_cluster += c
        same_id += e
        both += c and e
    precision = round(both / same_id, 4) if same_id else None
    recall = round(both / same_cluster, 4) if same_cluster else None
    return precision, recall


def negatives_hit(gold: Gold, preds: list[dict], matched: set[int]) -> list[dict]:
    """Return unmatched asserted predictions whose evidence lies in a gold negative sentence (or holds it)."""
    hits = []
    for negative in gold.negatives:
        sentence = normalise(negative["sentence"])
        for i, pred in enumerate(preds):
            evidence = normalise(pred.get("evidence") or pred.get("sentence"))
            if i in matched or pred["doc"] != negative["doc"] or not evidence:
                continue
            if evidence in sentence or sentence in evidence:
                hits.append({**negative, "predicted": f"{pred['actor']}>{pred['target']} {pred['event_type']}"})
    return hits


def _row(item: dict, keys: tuple[str, ...]) -> dict:
    return {k: item.get(k) for k in keys}


def score(gold: Gold, predictions: pd.DataFrame) -> Scores:
    """Return the scores of predictions against gold, exactly as FORMAT.md defines them."""
    preds = scored_rows(predictions)
    by_doc_pred, by_doc_gold = defaultdict(list), defaultdict(list)
    for i, p in enumerate(preds):
        by_doc_pred[p["doc"]].append(i)
    for j, g in enumerate(gold.events):
        by_doc_gold[g["doc"]].append(j)
    required, optional = {}, {}
    for doc, pred_ids in by_doc_pred.items():
        gold_ids = by_doc_gold.get(doc, [])
        req, opt = match([preds[i] for i in pred_ids], [gold.events[j] for j in gold_ids])
        required.update({pred_ids[a]: gold_ids[b] for a, b in req.items()})
        optional.update({pred_ids[a]: gold_ids[b] for a, b in opt.items()})
    n_required = sum(1 for g in gold.events if not g.get("optional"))
    overall = _prf(len(required), len(preds) - len(optional), n_required)
    types = per_type(preds, gold.events, required, optional)
    exact, year = date_scores(preds, gold.events, required)
    all_matches = {**required, **optional}
    dedup_p, dedup_r = dedup_scores([(preds[i], gold.events[j]) for i, j in sorted(all_matches.items())])
    matched_gold = set(required.values())
    return Scores(
        precision=overall["precision"], recall=overall["recall"], f1=overall["f1"], n_predictions=len(preds),
        n_required=n_required, matched_required=len(required), matched_optional=len(optional), per_type=types,
        macro_f1=round(sum(t["f1"] for t in types.values()) / len(types), 4) if types else 0.0,
        date_exact=exact, date_year=year, dedup_precision=dedup_p, dedup_recall=dedup_r,
        misses=[_row(g, ("doc", "actor", "target", "type", "date", "evidence")) for j, g in enumerate(gold.events)
                if not g.get("optional") and j not in matched_gold],
        false_positives=[_row(p, ("doc", "actor", "target", "event_type", "date", "evidence")) for i, p in enumerate(preds)
                         if i not in all_matches],
        negatives_hit=negatives_hit(gold, preds, set(all_matches)),
    )


def _fmt(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_report(scores: Scores) -> str:
    """Return a plain-text report: figures first, then misses, false positives and negatives hit."""
    lines = [
        f"precision {_fmt(scores.precision)}  recall {_fmt(scores.recall)}  F1 {_fmt(scores.f1)}  "
        f"macro-F1 {_fmt(scores.macro_f1)}",
        f"predictions {scores.n_predictions} (asserted), required gold {scores.n_required}, "
        f"matched {scores.matched_required} required + {scores.matched_optional} optional",
        f"date exact {_fmt(scores.date_exact)}  date year {_fmt(scores.date_year)}  "
        f"dedup precision {_fmt(scores.dedup_precision)}  dedup recall {_fmt(scores.dedup_recall)}",
        "", "per type:",
    ]
    for kind, s in scores.per_type.items():
        lines.append(f"  {kind:22s} P {_fmt(s['precision'])}  R {_fmt(s['recall'])}  F1 {_fmt(s['f1'])}  "
                     f"({s['matched']}/{s['predicted']} predicted, {s['expected']} expected)")
    lines += ["", f"misses ({len(scores.misses)}):"]
    lines += [f"  {m['doc']} {m['actor']}>{m['target']} {m['type']} {m['date']}: {m['evidence']}" for m in scores.misses]
    lines += ["", f"false positives ({len(scores.false_positives)}):"]
    lines += [f"  {p['doc']} {p['actor']}>{p['target']} {p['event_type']} {p['date'] or ''}: {p['evidence']}"
              for p in scores.false_positives]
    lines += ["", f"gold negatives asserted ({len(scores.negatives_hit)}):"]
    lines += [f"  {n['doc']} {n['predicted']}: {n['sentence']}" for n in scores.negatives_hit]
    return "\n".join(lines)
