"""What a worker does for a corpus build: analyse a few articles and turn each into rows of every table.

Runs in worker processes (local or on Dask), so it takes and returns plain picklable values: column lists
per table for the whole chunk, and a failure row (one-line reason) for each article that did not analyse.
It reads only the sections the tables need (no n-grams, no keyness).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .columns import PER_ARTICLE_TABLES, empty_columns
from .sources import Source


@dataclass
class ChunkRows:
    tables: dict[str, dict[str, list]] = field(
        default_factory=lambda: {name: empty_columns(name) for name in PER_ARTICLE_TABLES}
    )
    analysed: list[str] = field(default_factory=list)  # article ids, in the order of their rows
    failures: list[dict[str, Any]] = field(default_factory=list)


def analyse_chunk(sources: tuple[Source, ...]) -> ChunkRows:
    """Rows for each source; an article that fails adds a failure row and no rows elsewhere."""
    from ..analysis import collector_paused

    chunk = ChunkRows()
    with collector_paused():
        for source in sources:
            try:
                rows = article_rows(source)
            except Exception as error:  # noqa: BLE001 - one bad article must never stop the build
                chunk.failures.append(failure_row(source, _reason(error)))
                continue
            for table, table_rows in rows.items():
                for name, values in chunk.tables[table].items():
                    values.extend([row.get(name) for row in table_rows])
            chunk.analysed.append(source.article_id)
    return chunk


def _reason(error: Exception) -> str:
    from ..article import ArticleError
    from ..run import one_line

    return one_line(error.problem if isinstance(error, ArticleError) else error)


def failure_row(source: Source, error: str, transient: bool = False) -> dict[str, Any]:
    return {
        "article_id": source.article_id,
        "path": source.path,
        "name": source.name,
        "content_hash": source.content_hash,
        "fingerprint": source.fingerprint,
        "error": error,
        "transient": transient,
    }


def article_rows(source: Source) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one article (all computed before any is returned: all or nothing)."""
    from ..analysis import analyse_article
    from ..article import count_words, load_article

    analysis = analyse_article(load_article(source.path))
    article = analysis.article
    aid = source.article_id
    quotes = analysis.quotes
    speakers = analysis.speakers
    tone_rows = analysis.tone_aggregates
    voice_tone = {row["name"]: row for row in tone_rows if row["scope"] == "speaker"}

    quote_rows, words_by_speaker = [], {}
    for index, quote in enumerate(quotes):
        words = count_words(quote.text)
        if quote.speaker_id:
            words_by_speaker[quote.speaker_id] = words_by_speaker.get(quote.speaker_id, 0) + words
        quote_rows.append(
            {
                "article_id": aid,
                "quote": index,
                "kind": quote.kind,
                "zone": quote.zone,
                "speaker_id": quote.speaker_id,
                "speaker": quote.speaker,
                "speaker_kind": quote.speaker_kind,
                "words": words,
                "start": quote.start,
                "end": quote.end,
                "cue": quote.cue,
                "text": quote.text,
            }
        )
    speaker_rows = []
    for speaker in speakers:
        tone = voice_tone.get(speaker.name)
        speaker_rows.append(
            {
                "article_id": aid,
                "speaker_id": speaker.id,
                "name": speaker.name,
                "kind": speaker.kind,
                "role": speaker.role,
                "affiliation": speaker.affiliation,
                "gender": speaker.gender,
                "gender_evidence": speaker.gender_evidence,
                "mentions": speaker.mentions,
                "direct": speaker.direct,
                "indirect": speaker.indirect,
                "direct_words": speaker.direct_words,
                "words": words_by_speaker.get(speaker.id, 0),
                "share": float(speaker.share),
                "share_all": float(speaker.share_all),
                "tone": float(tone["tone"]) if tone else None,
                "tone_label": tone["label"] if tone else None,
            }
        )
    index = analysis.term_index
    terms = [
        {"article_id": aid, "lemma": lemma, "count": count}
        for lemma, count in analysis.lemma_counts().items()
        if not index.is_stop(lemma)
    ]
    date = article.date or source.manifest_date
    return {
        "articles": [
            {
                "article_id": aid,
                "path": source.path,
                "name": source.name,
                "title": article.title,
                "date": date,
                "month": date[:7] if date and len(date) >= 7 else None,
                "outlet": source.outlet,
                "url": source.url,
                "words": article.words,
                "language": article.language,
                "quotes": len(quotes),
                "speakers": len(speakers),
                "content_hash": source.content_hash,
                "fingerprint": source.fingerprint,
            }
        ],
        "quotes": quote_rows,
        "speakers": speaker_rows,
        "entities": [{"article_id": aid, **entity.as_dict()} for entity in analysis.entities],
        "cues": [{"article_id": aid, **cue.as_dict(), "zone": cue.zone} for cue in analysis.cues],
        "tone": [
            {
                "article_id": aid,
                **{k: row[k] for k in ("scope", "name", "words", "cues", "tone", "tension", "label")},
            }
            for row in tone_rows
        ],
        "terms": terms,
    }
