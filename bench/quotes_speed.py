"""CPU seconds of quote extraction and the speaker records on one ~1M-word article (the older target was
≤ 1.3 s per 1M words for both together, start-up excluded; the discourse model of issue 10 costs more).

The article is `bench/analyze_speed.py`'s: the dev set (rebuilt locally from ../shared, never committed) and
the seed, repeated until it passes WORDS words. CPU time (time.process_time), not wall time, because the
machine's cores are shared; the garbage collector is paused as `ArticleAnalysis.complete` pauses it; the
per-string memo caches are cleared before each of ROUNDS runs, and the best run is printed.
Run: .venv/bin/python bench/quotes_speed.py [WORDS] [ROUNDS]
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

from analysis import discourse, gender, quotes, speakers
from analysis.article import load_article
from analysis.quotes import cues

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analyze_speed import SEED, build_article  # noqa: E402

# every per-string memo the stages keep (older versions memoise fewer of them)
MEMOS = getattr(
    discourse,
    "WORD_MEMOS",
    (discourse.clean_name, discourse.role_of, discourse.country_of, discourse.is_organisation),
) + (getattr(discourse, "noun_gender", None), cues.lemma_of, gender.gender_of_noun)


def _cold() -> None:
    for memo in MEMOS:
        if hasattr(memo, "cache_clear"):  # older versions memoise fewer of them
            memo.cache_clear()


def main(target_words: int = 1_000_000, rounds: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build_article(target_words, Path(tmp))
        seed = load_article(SEED)
        speakers.speakers(seed, quotes.extract(seed))  # warm imports and data files: start-up is excluded
        best: tuple[float, float] | None = None
        gc.disable()
        try:
            for _ in range(rounds):
                _cold()
                article = load_article(path)
                started = time.process_time()
                extraction = quotes.extract(article)
                extracted = time.process_time()
                speakers.speakers(article, extraction)
                finished = time.process_time()
                run = (extracted - started, finished - extracted)
                best = run if best is None or sum(run) < sum(best) else best
        finally:
            gc.enable()
    extract, as_json = best
    per_million = 1_000_000 / article.words
    print(
        f"article: {article.words:,} words, {len(extraction.quotes):,} quotes; best of {rounds} runs, CPU seconds"
    )
    print(f"quotes.extract: {extract:.2f} s   speakers.speakers: {as_json:.2f} s")
    print(f"per 1M words:   {(extract + as_json) * per_million:.2f} s (target ≤ 1.3)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
