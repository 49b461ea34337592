"""Time on one long paragraph, doubling it from 100 KB to 1.6 MB: every pass must be linear (issue 14).

The paragraph is issue 14's repro, one sentence repeated ('Støre sa at regjeringen vil gjøre mer for folk i
hele landet nå. '), as the body of an article with a title, a date and a short lead. For each size the
best of a few runs is printed for three stages, with the growth over the previous size (linear: 2× per
doubling; the limit is 2.5× to allow for a noisy machine):
- the sentence splitter (`text.split_sentences` on the paragraph);
- the terms stage (`terms.term_index` and `terms.terms_json`);
- the whole analysis (`analysis.analyse_article(article).complete(parallel=False).to_json()`, or
  `analyze.analyze(article, parallel=False)` where the former does not exist), in one process so that the
  sizes compare.
The cyclic garbage collector is paused while a stage runs, as the analysis itself pauses it.
A stage that passes STAGE_LIMIT seconds at one size is not run at the larger ones (a quadratic pass would
take hours at 1.6 MB).
Run: .venv/bin/python bench/linear_time.py [START_KB] [DOUBLINGS]
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable

from analysis import terms, text
from analysis.article import Article, article_from_text

SENTENCE = "Støre sa at regjeringen vil gjøre mer for folk i hele landet nå. "
MAX_GROWTH = 2.5  # per doubling: 2 is linear, 4 quadratic
STAGE_LIMIT = 120.0  # seconds


def paragraph(kilobytes: int) -> str:
    return SENTENCE * (kilobytes * 1000 // len(SENTENCE.encode()) + 1)


def article_of(body: str) -> Article:
    return article_from_text(f"Lang tekst\n2024-01-01\n\nEn kort ingress.\n\n{body}\n", path="lang.txt")


def whole_analysis() -> Callable[[Article], object]:
    try:
        from analysis.analysis import analyse_article
    except ImportError:
        from analysis.analyze import analyze

        return lambda article: analyze(article, parallel=False)
    return lambda article: analyse_article(article).complete(parallel=False).to_json()


def best_seconds(function: Callable[[], object], repeats: int) -> float:
    """Best wall time, with the cyclic collector paused as the analysis pauses it (its passes over a
    growing heap would make any long run look superlinear)."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            function()
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
    return best


def main(start_kb: int = 100, doublings: int = 4) -> int:
    analyse = whole_analysis()
    warm = article_of(paragraph(2))
    analyse(warm)  # imports, data files and word memos: start-up is excluded
    offsets = iter(range(1, 10**6))  # a new offset per call: the splitter's memo of recent paragraphs misses
    stages: dict[str, Callable[[str, Article], object]] = {
        "sentence splitter": lambda body, _: text.split_sentences(body, next(offsets)),
        "terms stage": lambda _, article: terms.terms_json(terms.term_index(article)),
        "whole analysis": lambda _, article: analyse(article),
    }
    previous: dict[str, float] = {}
    stopped: set[str] = set()
    worst: dict[str, float] = {}
    print(f"one paragraph of {SENTENCE!r} repeated; best of runs; growth per doubling (limit {MAX_GROWTH}×)")
    for step in range(doublings + 1):
        kilobytes = start_kb * 2**step
        body = paragraph(kilobytes)
        article = article_of(body)
        cells = []
        for name, stage in stages.items():
            if name in stopped:
                cells.append(f"{name}: not run")
                continue
            repeats = 3 if name != "whole analysis" or kilobytes <= 400 else 1
            seconds = best_seconds(lambda s=stage, b=body, a=article: s(b, a), repeats)
            growth = seconds / previous[name] if name in previous else None
            if growth is not None:
                worst[name] = max(worst.get(name, 0.0), growth)
            previous[name] = seconds
            cells.append(f"{name} {seconds:7.3f} s" + (f" ({growth:.2f}×)" if growth else "         "))
            if seconds > STAGE_LIMIT:
                stopped.add(name)
        print(f"{kilobytes:>5} KB, {article.words:>7,} words: " + "; ".join(cells))
    ok = not stopped and all(growth <= MAX_GROWTH for growth in worst.values())
    summary = ", ".join(f"{name} {growth:.2f}×" for name, growth in worst.items())
    print(f"largest growth per doubling: {summary}")
    print("linear: every stage within the limit" if ok else "NOT LINEAR: a stage grew faster than the limit")
    return 0 if ok else 1


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    sys.exit(main(*arguments))
