"""Words per second of the term pipeline against a plain NLTK baseline, in the same run.

Corpus: the NDT dev set (rebuilt locally from ../shared under .cache/, never committed) repeated N times
until it passes WORDS words (default 1,000,000), analysed zones only.

Figures printed (start-up excluded: simplemma's dictionary, the reference list, NLTK's import):
- baseline: NLTK RegexpTokenizer(r"\\w+") + Snowball Norwegian stemmer + FreqDist over the same text;
- lemma counts: our tokenizer, names and simplemma lemmas memoised per word type, Counter of lemmas
  (what the baseline does, with lemmas and name handling) on one article of WORDS words;
- whole term analysis: `terms_json` (lemma, name, bigram + trigram, keyness tables) on that article;
- per article: `terms_json` on each dev article separately, N rounds (small articles pay fixed costs).
The memo caches are cleared before each timed run, so every figure includes the per-type work.

Then milliseconds an article on the 268 NDT news articles (issue 12: the terms must cost a few ms of the
10 ms an article that 100 articles/s allows): `terms_json` of each article's `term_index`, with the
per-word memos cleared first (what one process meets in a fresh batch) and again with them warm, and
`lemma_counts` alone (all a corpus needs of the terms stage).

Run: .venv/bin/python bench/terms_speed.py [WORDS]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from analysis import terms, text
from analysis.article import Article, article_from_text, load_article
from analysis.devset import rebuild_dev_set

TARGET_LEMMAS = 300_000
TARGET_WHOLE = 200_000


def analysed_text(article: Article) -> str:
    return "\n\n".join(z.text for z in article.analysed_zones)


def clear_memos() -> None:
    """Forget every per-word-type decision, so that timings include them."""
    terms.clear_word_memos()


def timed(function: Callable[[], object], repeats: int = 3) -> tuple[float, float]:
    """Best (CPU seconds, wall seconds) of `repeats` runs, caches cleared before each.

    CPU time of this process is the one-core figure; wall time is printed beside it because a shared
    machine can stretch it."""
    best_cpu = best_wall = float("inf")
    for _ in range(repeats):
        clear_memos()
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall


def main(target_words: int = 1_000_000) -> int:
    dev = [load_article(item.text_path) for item in rebuild_dev_set()]
    if not dev:
        print("../shared is not beside the project: no dev set to time")
        return 1
    chunk = "\n\n".join(analysed_text(a) for a in dev)
    chunk_words = sum(terms.term_index(a).words for a in dev)
    rounds = target_words // chunk_words + 1
    big = article_from_text("Stor testartikkel\n2024-01-01\n\n" + "\n\n".join([chunk] * rounds) + "\n")
    words = terms.term_index(big).words
    corpus = analysed_text(big)

    # start-up, excluded from every figure
    from nltk.probability import FreqDist
    from nltk.stem.snowball import NorwegianStemmer
    from nltk.tokenize import RegexpTokenizer

    text.lemmatize("hus")
    terms.reference_counts()
    terms.terms_json(dev[0])

    tokenizer, stemmer = RegexpTokenizer(r"\w+"), NorwegianStemmer()

    def baseline() -> None:
        FreqDist(stemmer.stem(token.lower()) for token in tokenizer.tokenize(corpus))

    def lemma_counts() -> None:
        terms.lemma_counts(big)

    def whole() -> None:
        terms.terms_json(big)

    def per_article() -> None:
        for _ in range(rounds):
            for article in dev:
                terms.terms_json(article)

    seconds = {
        "baseline": timed(baseline, repeats=1),
        "lemma_counts": timed(lemma_counts),
        "whole": timed(whole),
        "per_article": timed(per_article, repeats=1),
    }
    rate = {name: words / cpu for name, (cpu, _) in seconds.items()}
    wall = {name: words / w for name, (_, w) in seconds.items()}
    labels = {
        "baseline": "baseline  NLTK RegexpTokenizer + Snowball + FreqDist",
        "lemma_counts": "ours      lemma counts (tokens, names, lemmas)      ",
        "whole": f"ours      whole term analysis, one {words / 1e6:.1f}M-word article",
        "per_article": "ours      whole term analysis, article by article   ",
    }
    targets = {"lemma_counts": f"target ≥ {TARGET_LEMMAS:,}", "whole": f"target far above {TARGET_WHOLE:,}"}
    print(f"corpus: NDT dev set ×{rounds} = {words:,} analysed words ({len(dev)} articles per round)")
    print("words/s on one core (CPU time of this process; wall clock in brackets)")
    for name, label in labels.items():
        ratio = "" if name == "baseline" else f"  ratio {rate[name] / rate['baseline']:5.2f}× baseline"
        note = f"  ({targets[name]})" if name in targets else ""
        print(f"{label}: {rate[name]:>10,.0f}  [{wall[name]:>10,.0f}]{ratio}{note}")
    ok = rate["lemma_counts"] >= TARGET_LEMMAS and rate["whole"] >= TARGET_WHOLE
    news_ok = per_article_news()
    print("targets met" if ok and news_ok else "TARGET MISSED")
    return 0 if ok and news_ok else 1


TARGET_NEWS_MS = 4.0  # terms' share of the 10 ms an article that 100 articles/s allows


def per_article_news() -> bool:
    from analysis.analysis import collector_paused
    from analysis.corpus.samples import ndt_news_folder

    folder = ndt_news_folder()
    paths = sorted(folder.glob("*.txt")) if folder else []
    if not paths:
        print("no NDT news articles to time")
        return True

    def over_all(function: Callable[[Article], object]) -> Callable[[], None]:
        def run() -> None:
            with collector_paused():
                for path in paths:
                    function(load_article(path))

        return run

    loading = timed(over_all(lambda article: None), repeats=3)[0]
    cold = timed(over_all(lambda article: terms.terms_json(terms.term_index(article))), repeats=3)[0]
    over_all(lambda article: terms.terms_json(terms.term_index(article)))()  # memos now warm
    warm = lemma_only = float("inf")
    for _ in range(3):
        started = time.process_time()
        over_all(lambda article: terms.terms_json(terms.term_index(article)))()
        warm = min(warm, time.process_time() - started)
        started = time.process_time()
        over_all(terms.lemma_counts)()
        lemma_only = min(lemma_only, time.process_time() - started)
    n = len(paths)

    def ms(seconds: float) -> float:
        return max(0.0, seconds - loading) * 1000 / n

    print(f"NDT news, {n} articles (CPU ms an article, loading excluded):")
    print(f"  terms_json, word memos cleared first: {ms(cold):6.2f}  (target ≤ {TARGET_NEWS_MS})")
    print(f"  terms_json, word memos warm:          {ms(warm):6.2f}")
    print(f"  lemma_counts only, memos warm:        {ms(lemma_only):6.2f}")
    return ms(cold) <= TARGET_NEWS_MS


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
