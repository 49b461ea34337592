"""The corpus dataset's tables and their column types (one Arrow schema each, so empty tables and every
part of a table agree, and DuckDB and pandas read the same types).

Each table is a folder `DATASET/<table>/` of Parquet parts; `article_id` joins every table to `articles`.
Offsets (`start`, `end`) are character offsets into the article's text, as in the single-article JSON.
"""

from __future__ import annotations

import pyarrow as pa

TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article_id", pa.string()),
            ("path", pa.string()),  # resolved path at build time
            ("name", pa.string()),  # relative to the input folder it was found in
            ("title", pa.string()),
            ("date", pa.string()),  # ISO date (YYYY-MM-DD or YYYY-MM) from the article, else the manifest
            ("month", pa.string()),  # YYYY-MM, for per-month figures
            ("outlet", pa.string()),
            ("url", pa.string()),
            ("words", pa.int64()),  # words of the analysed zones
            ("language", pa.string()),
            ("quotes", pa.int64()),
            ("speakers", pa.int64()),
            ("content_hash", pa.string()),  # sha256 of the file's bytes
            ("fingerprint", pa.string()),  # content, metadata and analysis code: what decides the rows
            ("part", pa.string()),  # the part file holding this article's rows in every table
        ]
    ),
    "quotes": pa.schema(
        [
            ("article_id", pa.string()),
            ("quote", pa.int64()),  # position in the article, 0 first
            ("kind", pa.string()),  # direct, indirect
            ("zone", pa.string()),  # headline, body
            ("speaker_id", pa.string()),
            ("speaker", pa.string()),
            ("speaker_kind", pa.string()),
            ("words", pa.int64()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("cue", pa.string()),
            ("text", pa.string()),
        ]
    ),
    "speakers": pa.schema(
        [
            ("article_id", pa.string()),
            ("speaker_id", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("role", pa.string()),
            ("affiliation", pa.string()),
            ("gender", pa.string()),  # female, male, unknown (people); null for organisations
            ("gender_evidence", pa.string()),
            ("mentions", pa.int64()),
            ("direct", pa.int64()),
            ("indirect", pa.int64()),
            ("direct_words", pa.int64()),  # words in the speaker's body direct quotes
            ("words", pa.int64()),  # words in all the speaker's quotes, direct and indirect
            ("share", pa.float64()),  # of the article's body direct-quote words
            ("share_all", pa.float64()),
            ("tone", pa.float64()),  # valence per 100 words inside the speaker's quotes
            ("tone_label", pa.string()),
        ]
    ),
    "entities": pa.schema(
        [
            ("article_id", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
            ("type", pa.string()),
        ]
    ),
    "cues": pa.schema(
        [
            ("article_id", pa.string()),
            ("term", pa.string()),
            ("lemma", pa.string()),
            ("category", pa.string()),
            ("polarity", pa.float64()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("negated", pa.bool_()),
            ("sentence", pa.int64()),
            ("zone", pa.string()),
        ]
    ),
    "tone": pa.schema(
        [
            ("article_id", pa.string()),
            ("scope", pa.string()),  # article, zone, speaker, reporter
            ("name", pa.string()),
            ("words", pa.int64()),
            ("cues", pa.int64()),
            ("tone", pa.float64()),
            ("tension", pa.float64()),
            ("label", pa.string()),
        ]
    ),
    "terms": pa.schema(
        [
            ("article_id", pa.string()),
            ("lemma", pa.string()),  # stopwords left out; `articles.words` is the total
            ("count", pa.int64()),
        ]
    ),
    "failures": pa.schema(
        [
            ("article_id", pa.string()),
            ("path", pa.string()),
            ("name", pa.string()),
            ("content_hash", pa.string()),
            ("fingerprint", pa.string()),
            ("error", pa.string()),  # one line
            ("transient", pa.bool_()),  # a worker died: retried on the next build
        ]
    ),
}

# Tables with one part per group of articles; `failures` is small and rewritten whole by every build.
PER_ARTICLE_TABLES = tuple(name for name in TABLE_SCHEMAS if name != "failures")
TABLES = tuple(TABLE_SCHEMAS)


def empty_columns(table: str) -> dict[str, list]:
    return {name: [] for name in TABLE_SCHEMAS[table].names}
