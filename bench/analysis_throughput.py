"""The whole analysis of the 268 NDT news articles in one process (target ≥ 100 articles/s).

Texts are rebuilt from ../shared/eval/ndt_news under .cache/ (never committed). Each article is loaded,
then every section of its `ArticleAnalysis` is computed (`complete()`, serial: ordinary articles never
fork) and the JSON object built. The baseline in the same run is loading alone; the per-section line shows
where an article's milliseconds go.
The first pass is printed apart: there every word form, window and chunk is new to the process, so the
per-word memos (lemmas, lexicon entries, the tagger's summed weights) are filled as they would be for an
archive's first articles; the rounds after it re-analyse the same articles with those memos warm.
Times are CPU seconds of this process (the machine is shared: wall time would count other work).
Run: .venv/bin/python bench/analysis_throughput.py [ROUNDS]
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict

from analysis.analysis import SECTIONS, analyse_article, collector_paused
from analysis.article import load_article
from analysis.corpus.samples import ndt_news_folder


def main(rounds: int = 3) -> None:
    folder = ndt_news_folder()
    if folder is None:
        sys.exit("../shared is not beside the project: nothing to measure")
    paths = sorted(folder.glob("*.txt"))
    articles = [load_article(p) for p in paths]
    words = sum(a.words for a in articles)
    for article in articles[:5]:  # warm imports and data files: start-up is excluded
        analyse_article(article).complete().to_json()
    new = [load_article(p) for p in paths[5:]]  # not seen yet by this process
    started = time.process_time()
    with collector_paused():
        for article in new:
            analyse_article(article).complete().to_json()
    first_pass = time.process_time() - started

    best_load, best_all = float("inf"), float("inf")
    per_section: dict[str, float] = defaultdict(float)
    for _ in range(rounds):
        started = time.process_time()
        loaded = [load_article(p) for p in paths]
        best_load = min(best_load, time.process_time() - started)
        started = time.process_time()
        with collector_paused():
            for article in loaded:
                analyse_article(article).complete().to_json()
        best_all = min(best_all, time.process_time() - started)
    # one more round, section by section, for the breakdown (each section's own time: earlier ones cached)
    with collector_paused():
        for article in articles:
            analysis = analyse_article(article)
            for section in SECTIONS:
                t = time.process_time()
                getattr(analysis, section)
                per_section[section] += time.process_time() - t
            t = time.process_time()
            analysis.to_json()
            per_section["to_json"] += time.process_time() - t
    n = len(articles)
    print(f"{n} articles, {words:,} words ({words / n:.0f} an article); best of {rounds} rounds")
    print(f"load (baseline): {best_load * 1000 / n:.1f} ms an article, {n / best_load:.0f} articles/s")
    print(
        f"whole analysis, first pass ({len(new)} articles new to the process): "
        f"{first_pass * 1000 / len(new):.1f} ms an article, {len(new) / first_pass:.0f} articles/s (target ≥ 100)"
    )
    print(
        f"whole analysis, again (memos warm): {best_all * 1000 / n:.1f} ms an article, "
        f"{n / best_all:.0f} articles/s (target ≥ 100)"
    )
    print("sections (ms an article): " + ", ".join(f"{k} {v * 1000 / n:.2f}" for k, v in per_section.items()))
    print(f"ratio analysis/load: {best_all / best_load:.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
