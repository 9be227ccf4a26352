"""Command line: `build`, `evaluate`, `serve`. The only place that prints errors."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from tracker.errors import TrackerError

ROOT = Path(__file__).resolve().parent.parent
PROGRESS_MIN_ARTICLES = 50


def _progress(enabled: bool):
    """Return a tqdm wrapper for long runs, or None."""
    if not enabled:
        return None
    from tqdm import tqdm

    return lambda iterable, total=None: tqdm(iterable, total=total, unit="article", file=sys.stderr)


def _count_inputs(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def cmd_build(args) -> int:
    """Build the dataset; exit 1 only when no article could be read."""
    from tracker.pipeline import build

    folder = Path(args.input)
    if not folder.is_dir():
        print(f"error: {folder}: input folder not found", file=sys.stderr)
        return 2
    show = not args.quiet and _count_inputs(folder) >= PROGRESS_MIN_ARTICLES
    summary = build(folder, Path(args.out), progress=_progress(show), workers=args.workers)
    for problem in summary.problems:
        kind = "skipped" if problem.skipped else "warning"
        print(f"{kind}: {problem.path}: {problem.reason}", file=sys.stderr)
    print(f"read {summary.articles_read} article(s), skipped {summary.articles_skipped}; "
          f"{summary.mentions} mention(s), {summary.events} event(s) "
          f"({summary.asserted_events} asserted) -> {args.out}/")
    shown = sum(r["modelled"] for r in summary.reference_check)
    print(f"sanity check: the model shows {shown} of {len(summary.reference_check)} sourced reference presences "
          f"(data/presence/reference_periods.csv; details in build_report.json)")
    return 0 if summary.articles_read else 1


def cmd_evaluate(args) -> int:
    """Score predictions against a gold file (FORMAT.md) and print the report."""
    from tracker import evaluate

    scores = evaluate.score(evaluate.load_gold(Path(args.gold)), evaluate.load_predictions(Path(args.pred)))
    print(json.dumps(scores.to_dict(), indent=2, sort_keys=True) if args.json else evaluate.format_report(scores))
    return 0


def cmd_serve(args) -> int:
    """Run the dashboard (builds from seeds/ first when the data folder is empty)."""
    env = {**os.environ, "TRACKER_DATA": str(Path(args.data).resolve())}
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(args.port)]
    return subprocess.call(command, env=env, cwd=ROOT)


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of `python -m tracker`."""
    top = argparse.ArgumentParser(prog="python -m tracker", description="Sahel Influence Tracker")
    sub = top.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="articles folder -> dataset (CSV/Parquet)")
    build.add_argument("--input", default="seeds", help="folder of .txt/.html/.jsonl articles (+ manifest.csv)")
    build.add_argument("--out", default="data", help="output folder (default: data)")
    build.add_argument("--workers", type=int, default=0,
                       help="processes (default 0: all cores from 200 articles up, else one)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.set_defaults(func=cmd_build)
    ev = sub.add_parser("evaluate", help="score mentions against a gold file")
    ev.add_argument("gold", help="gold JSON in the format of shared/eval/FORMAT.md")
    ev.add_argument("--pred", default="data/mentions.csv", help="predicted mentions (default: data/mentions.csv)")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.set_defaults(func=cmd_evaluate)
    serve = sub.add_parser("serve", help="run the dashboard")
    serve.add_argument("--data", default="data", help="data folder (default: data)")
    serve.add_argument("--port", type=int, default=8501)
    serve.set_defaults(func=cmd_serve)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except TrackerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `... | head`: the reader left, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
