"""`workbook analyze --json`: one JSON object with the article and every analysis section.

The contract (documented in the README): {"article": {"path", "title", "date", "language", "words",
"zones": [{"kind", "start", "end", "text"}]}, "terms": {...}, "quotes": [...], "speakers": [...],
"sentiment": {...}}. Every value is a plain JSON type, so the output is valid JSON for any article that loads.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from typing import Any

from .article import Article
from .jsonable import plain


def article_json(article: Article) -> dict[str, Any]:
    return {
        "path": str(article.path),
        "title": article.title,
        "date": article.date,
        "language": article.language,
        "words": article.words,
        "encoding": article.encoding,
        "format": article.source_format,
        "zones": [{"kind": z.kind, "start": z.start, "end": z.end, "text": z.text} for z in article.zones],
    }


# Above this many words the term tables and the tone pass are computed in a second process while this one
# finds quotes: they are independent, and a long article is where the second core pays for the fork.
PARALLEL_MIN_WORDS = 200_000


def analyze(article: Article, top_n: int = 50, parallel: bool | None = None) -> dict[str, Any]:
    """The whole analysis of one article as JSON-ready data.

    `parallel` (default: automatic, for long articles on machines with several cores) runs the term
    section and the tone pass in a forked worker process; the result is the same either way.
    """
    from .quotes import extract_quotes, quotes_json
    from .sentiment import adopt_analysis, sentiment_json

    if parallel is None:
        parallel = article.words >= PARALLEL_MIN_WORDS and (os.cpu_count() or 1) > 1 and _can_fork()
    # Each section already returns plain JSON types (their own tests check it), so only the article's own
    # part is normalised here: walking a million-word result again would double the cost of the analysis.
    with collector_paused(), _worker(parallel) as pool:
        # the worker takes what needs no quotes (terms, the tone pass); this process finds the quotes
        independent = pool.submit(_quote_independent_sections, article, top_n) if pool else None
        result: dict[str, Any] = {"article": plain_json(article_json(article))}
        quotes = extract_quotes(article)
        quote_section = quotes_json(article, quotes)
        if independent is not None:
            result["terms"], tone = independent.result()
            adopt_analysis(article, tone)
        else:
            result["terms"] = _terms_section(article, top_n)
        result.update(quote_section)
        result["sentiment"] = sentiment_json(article, quotes)
        return result


def _terms_section(article: Article, top_n: int) -> dict[str, Any]:
    from .terms import terms_json

    return terms_json(article, top_n=top_n)


def _quote_independent_sections(article: Article, top_n: int):
    from .sentiment import analyse

    with collector_paused():
        return _terms_section(article, top_n), analyse(article)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def _worker(parallel: bool):
    """One forked worker process for the sections that need no quotes, or None to compute all here."""
    if not parallel:
        yield None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while an analysis builds its many small objects.

    The analysis makes millions of short-lived tuples and no reference cycles worth collecting; with the
    collector on, its full passes over a growing heap make a 1M-word article several times slower.
    Reference counting still frees everything; one collection runs afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def plain_json(value: Any) -> Any:
    """Replace NaN/inf by None and numpy scalars by Python ones, recursively (see `jsonable.plain`)."""
    return plain(value)


def summary(article: Article, top_speakers: int = 3) -> dict[str, Any]:
    """The few facts an index of many reports shows per article: title, date, length, top voices, tone.

    `speakers` lists {"name", "share"} for the voices holding most of the body's directly quoted words;
    `tone` is the article's tone label (negative/neutral/positive) with its tension per 100 words.
    """
    from .quotes import extract_quotes
    from .sentiment import tone_aggregates
    from .speakers import speaker_table

    with collector_paused():
        quotes = extract_quotes(article)
        speakers = speaker_table(article, quotes)
        tone = tone_aggregates(article, quotes)
    quoted = speakers[speakers["share"] > 0].sort_values("share", ascending=False).head(top_speakers)
    whole = tone[tone["scope"] == "article"]
    return plain_json(
        {
            "title": article.title,
            "date": article.date,
            "words": article.words,
            "language": article.language,
            "quotes": len(quotes),
            "speakers": [{"name": r.name, "share": round(float(r.share), 3)} for r in quoted.itertuples()],
            "tone": whole["label"].iloc[0] if not whole.empty else None,
            "tension": round(float(whole["tension"].iloc[0]), 1) if not whole.empty else None,
        }
    )
