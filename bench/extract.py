"""Benchmark of the extraction pipeline against a bare Aho-Corasick scan, in the same run.

    python bench/extract.py [--mb 20] [--workers 0] [--steps 5,10,20]

Builds a synthetic corpus (articles recombined from sentences written for this benchmark, about
one in three carrying an event, the rest background, as in real dispatches), then times on the
same text: (1) the bare scan: pyahocorasick over the lowercased text with every alias of the
gazetteer (the floor any gazetteer-based coder pays); (2) the full build (`tracker.pipeline.build`:
read, split, code, date, dedupe, presence, write), single process and on all cores. Prints MB/s
and the ratio pipeline/scan per core, for English and French separately, and MB/s at growing
sizes to show the cost is linear. Target: ratio >= 1/20 per core. Last, the stages that run before
any rule (reading, the library's sentence splitter, tokenising, the gazetteer, the trigger scan), each
timed alone on the English corpus, with its share of the 1/20 budget: the floor of this design.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import ahocorasick

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.actors import Gazetteer  # noqa: E402
from tracker.articles import read_corpus  # noqa: E402
from tracker.events import match_text  # noqa: E402
from tracker.pipeline import _patterns_for, build  # noqa: E402
from tracker.sentences import split_sentences, tokenize  # noqa: E402

EVENTS = {
    "en": [
        "{pub_day}, {foreign} deployed {n} soldiers to {host} to support the army.",
        "The last {foreign_adj} troops left {host} on {weekday}, officials said.",
        "{minister} visited {capital} last week for talks with the junta.",
        "{host} expelled the {foreign_adj} ambassador in {month} {year}.",
        "{foreign} delivered {n} combat helicopters to {host} in {year}.",
        "Officers from {host} were trained by {foreign_adj} instructors in {year}.",
        "ECOWAS imposed sanctions on {host} after the coup in {month} {year}.",
        "{foreign} and {host} signed a defence cooperation agreement on {weekday}.",
        "Soldiers seized power in {host} in {month} {year}, toppling the president.",
        "{foreign} condemned the decision of the authorities in {capital}.",
        "It is not clear whether {foreign_adj} instructors will be sent to {host}.",
        "{foreign} has not deployed any troops to {host}, the ministry said.",
    ],
    "fr": [
        "{foreign_fr} a déployé {n} soldats au {host_fr} pour appuyer l'armée.",
        "Les derniers soldats {adj_fr} ont quitté le {host_fr} mardi, selon l'état-major.",
        "Le ministre {adj_fr} s'est rendu à {capital} la semaine dernière.",
        "Le {host_fr} a expulsé l'ambassadeur {adj_fr} en {month_fr} {year}.",
        "{foreign_fr} a livré {n} hélicoptères de combat au {host_fr} en {year}.",
        "Des officiers maliens ont été formés par des instructeurs {adj_fr} en {year}.",
        "La Cédéao a imposé des sanctions au {host_fr} après le coup d'État.",
        "{foreign_fr} et le {host_fr} ont signé un accord de défense lundi.",
        "{foreign_fr} n'a déployé aucun soldat au {host_fr}, selon le ministère.",
    ],
}
BACKGROUND = {
    "en": [
        "The region has suffered from a decade of insurgency by armed groups linked to al-Qaeda.",
        "Prices of staple foods rose sharply during the rainy season, according to aid agencies.",
        "Analysts say the security situation remains fragile in the tri-border area.",
        "Thousands of people have been displaced by the violence since the start of the year.",
        "The capital was calm on Friday, with shops and markets open as usual.",
        "Gold mining remains the main source of export revenue for the country.",
        "Opposition parties have called for a timetable for elections.",
        "Humanitarian organisations say access to the north is increasingly difficult.",
    ],
    "fr": [
        "La région est confrontée depuis une décennie à l'insurrection de groupes armés.",
        "Les prix des denrées de base ont fortement augmenté pendant la saison des pluies.",
        "Selon les analystes, la situation sécuritaire reste fragile dans la zone des trois frontières.",
        "Des milliers de personnes ont été déplacées par les violences depuis le début de l'année.",
        "La capitale était calme vendredi, les marchés étaient ouverts comme d'habitude.",
        "L'exploitation aurifère reste la principale source de recettes d'exportation du pays.",
    ],
}
FILL = {
    "foreign": ["Russia", "France", "The United States", "Germany", "Turkey", "China"],
    "foreign_adj": ["Russian", "French", "American", "German", "Turkish"],
    "host": ["Mali", "Niger", "Burkina Faso", "Chad", "Mauritania", "the Central African Republic"],
    "capital": ["Bamako", "Niamey", "Ouagadougou", "N'Djamena", "Nouakchott"],
    "minister": ["Sergei Lavrov", "The French defence minister", "The German foreign minister"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "month": ["January", "March", "May", "August", "October", "December"],
    "year": [str(y) for y in range(2013, 2025)],
    "n": ["100", "250", "400", "1,000"],
    "pub_day": ["On Monday", "Last week", "In March", "Earlier this year"],
    "foreign_fr": ["La Russie", "La France", "Les États-Unis", "L'Allemagne", "La Turquie"],
    "adj_fr": ["russes", "français", "américains", "allemands", "turcs"],
    "host_fr": ["Mali", "Niger", "Burkina Faso", "Tchad"],
    "month_fr": ["janvier", "mars", "mai", "août", "octobre", "décembre"],
}


def sentence(template: str, rng: random.Random) -> str:
    return template.format(**{k: rng.choice(v) for k, v in FILL.items()})


def article(language: str, rng: random.Random, size: int = 2500) -> str:
    """Return one synthetic article of about `size` characters, one sentence in three an event."""
    parts, length = [], 0
    while length < size:
        pool = EVENTS[language] if rng.random() < 1 / 3 else BACKGROUND[language]
        parts.append(sentence(rng.choice(pool), rng))
        length += len(parts[-1]) + 1
        if rng.random() < 0.25:
            parts.append("\n")
    return " ".join(parts).replace(" \n ", "\n")


def write_corpus(folder: Path, language: str, megabytes: float, seed: int = 7) -> str:
    """Write a jsonl corpus of about `megabytes` MB into folder and return its whole text."""
    rng, texts, total = random.Random(seed), [], 0
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"corpus_{language}.jsonl").open("w", encoding="utf-8") as handle:
        while total < megabytes * 1e6:
            text = article(language, rng)
            month = f"{rng.randint(2013, 2024)}-{rng.randint(1, 12):02d}"
            handle.write(json.dumps({"doc": f"{language}{len(texts):07d}", "text": text, "published": month,
                                     "language": language, "outlet": f"outlet{len(texts) % 40}"}) + "\n")
            texts.append(text)
            total += len(text.encode("utf-8"))
    return "\n".join(texts)


def bare_scan(text: str, aliases: list[str]) -> float:
    """Return seconds for a pyahocorasick scan of the lowercased text (automaton built outside)."""
    automaton = ahocorasick.Automaton()
    for alias in aliases:
        automaton.add_word(alias.lower(), alias)
    automaton.make_automaton()
    start = time.perf_counter()
    hits = sum(1 for _ in automaton.iter(text.lower()))
    elapsed = time.perf_counter() - start
    assert hits > 0
    return elapsed


def timed_build(folder: Path, workers: int) -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        build(folder, Path(out), workers=workers)
        return time.perf_counter() - start


def run(language: str, megabytes: float, workers: int, root: Path, aliases: list[str]) -> dict:
    folder = root / f"{language}_{megabytes:g}"
    text = write_corpus(folder, language, megabytes)
    mb = len(text.encode("utf-8")) / 1e6
    scan = bare_scan(text, aliases)
    single = timed_build(folder, 1)
    parallel = timed_build(folder, workers) if workers > 1 else single
    return {"language": language, "mb": round(mb, 1), "scan_mb_s": mb / scan, "pipeline_mb_s": mb / single,
            "pipeline_all_cores_mb_s": mb / parallel, "ratio_per_core": scan / single}


def _seconds(work, items) -> float:
    """Return the seconds `work` takes over every item, its results dropped as the pipeline drops them."""
    start = time.perf_counter()
    for item in items:
        work(item)
    return time.perf_counter() - start


def stage_floors(folder: Path, scan: float, gazetteer: Gazetteer, language: str) -> list[tuple[str, float]]:
    """Return (stage, seconds) for each stage that runs before any rule, timed alone on the corpus
    of `folder`; `scan` is the bare scan's time on the same text."""
    articles, _ = read_corpus(folder)
    sentences = [a.text[s.start:s.end] for a in articles for s in split_sentences(a.text)]
    index = _patterns_for(language).index
    return [("bare Aho-Corasick scan (baseline)", scan),
            ("read the corpus", _seconds(read_corpus, [folder])),
            ("split sentences (blingfire)", _seconds(split_sentences, [a.text for a in articles])),
            ("tokenise, every sentence", _seconds(tokenize, sentences)),
            ("gazetteer scan", _seconds(lambda a: gazetteer.find_split(a.text, when=a.published), articles)),
            ("trigger scan, per sentence", _seconds(lambda s: index.scan(match_text(s)), sentences))]


def print_floors(floors: list[tuple[str, float]]) -> None:
    """Print each stage's speed as a fraction of the bare scan and of the 1/20 budget."""
    scan = floors[0][1]
    budget = 20 * scan
    print(f"[stages en] the 1/20 target allows {budget:.2f} s for this corpus; stages before any rule:")
    for name, seconds in floors[1:]:
        print(f"  {name:28s} 1/{seconds / scan:5.1f} of the bare scan, {100 * seconds / budget:5.1f}% of the budget")
    spent = sum(seconds for _, seconds in floors[1:])
    print(f"  {'together':28s} 1/{spent / scan:5.1f} of the bare scan, {100 * spent / budget:5.1f}% of the budget")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20, help="corpus size per language (MB)")
    parser.add_argument("--steps", default="5,10", help="smaller sizes for the linearity check (MB)")
    parser.add_argument("--workers", type=int, default=0, help="processes for the parallel run (0 = all cores)")
    args = parser.parse_args()
    workers = args.workers or os.cpu_count() or 1
    aliases = Gazetteer.load().aliases()
    print(f"gazetteer aliases: {len(aliases)}; cores: {workers}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for language in ("en", "fr"):
            row = run(language, args.mb, workers, root, aliases)
            print(f"[{language}] {row['mb']} MB  bare scan {row['scan_mb_s']:.1f} MB/s  "
                  f"pipeline {row['pipeline_mb_s']:.2f} MB/s (1 core), {row['pipeline_all_cores_mb_s']:.2f} MB/s "
                  f"({workers} cores)  ratio per core 1/{1 / row['ratio_per_core']:.1f} (target >= 1/20)")
        for size in [float(s) for s in args.steps.split(",") if s] + [args.mb]:
            folder = root / f"lin_{size:g}"
            text = write_corpus(folder, "en", size, seed=11)
            seconds = timed_build(folder, 1)
            print(f"[linearity en] {len(text.encode('utf-8')) / 1e6:.1f} MB in {seconds:.1f} s: "
                  f"{len(text.encode('utf-8')) / 1e6 / seconds:.2f} MB/s")
        folder = root / f"en_{args.mb:g}"
        text = "\n".join(json.loads(line)["text"] for line in (folder / "corpus_en.jsonl").open(encoding="utf-8"))
        print_floors(stage_floors(folder, bare_scan(text, aliases), Gazetteer.load(), "en"))


if __name__ == "__main__":
    main()
