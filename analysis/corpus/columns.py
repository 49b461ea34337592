"""The corpus dataset's tables and their columns with their Arrow types, as plain names: the workers that
make the rows read the column lists here without loading pyarrow (`tables` turns them into schemas).

Each table is a folder `DATASET/<table>/` of Parquet parts; `article_id` joins every table to `articles`.
Offsets (`start`, `end`) are character offsets into the article's text, as in the single-article JSON.
"""

from __future__ import annotations

# table -> (column, Arrow type: the name of its pyarrow factory) in order
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("article_id", "string"),
        ("path", "string"),  # resolved path at build time
        ("name", "string"),  # relative to the input folder it was found in
        ("title", "string"),
        ("date", "string"),  # ISO date (YYYY-MM-DD or YYYY-MM) from the article, else the manifest
        ("month", "string"),  # YYYY-MM, for per-month figures
        ("outlet", "string"),
        ("url", "string"),
        ("words", "int64"),  # words of the analysed zones
        ("language", "string"),
        ("quotes", "int64"),
        ("speakers", "int64"),
        ("content_hash", "string"),  # sha256 of the file's bytes
        ("fingerprint", "string"),  # content, metadata and analysis code: what decides the rows
        ("part", "string"),  # the part file holding this article's rows in every table
    ),
    "quotes": (
        ("article_id", "string"),
        ("quote", "int64"),  # position in the article, 0 first
        ("kind", "string"),  # direct, indirect
        ("zone", "string"),  # headline, body
        ("speaker_id", "string"),
        ("speaker", "string"),
        ("speaker_kind", "string"),
        ("words", "int64"),
        ("start", "int64"),
        ("end", "int64"),
        ("cue", "string"),
        ("text", "string"),
    ),
    "speakers": (
        ("article_id", "string"),
        ("speaker_id", "string"),
        ("name", "string"),
        ("kind", "string"),
        ("role", "string"),
        ("affiliation", "string"),
        ("gender", "string"),  # female, male, unknown (people); null for organisations
        ("gender_evidence", "string"),
        ("mentions", "int64"),
        ("direct", "int64"),
        ("indirect", "int64"),
        ("direct_words", "int64"),  # words in the speaker's body direct quotes
        ("words", "int64"),  # words in all the speaker's quotes, direct and indirect
        ("share", "float64"),  # of the article's body direct-quote words
        ("share_all", "float64"),
        ("tone", "float64"),  # valence per 100 words inside the speaker's quotes
        ("tone_label", "string"),
    ),
    "entities": (
        ("article_id", "string"),
        ("start", "int64"),
        ("end", "int64"),
        ("text", "string"),
        ("type", "string"),
    ),
    "cues": (
        ("article_id", "string"),
        ("term", "string"),
        ("lemma", "string"),
        ("category", "string"),
        ("polarity", "float64"),
        ("start", "int64"),
        ("end", "int64"),
        ("negated", "bool_"),
        ("sentence", "int64"),
        ("zone", "string"),
    ),
    "tone": (
        ("article_id", "string"),
        ("scope", "string"),  # article, zone, speaker, reporter
        ("name", "string"),
        ("words", "int64"),
        ("cues", "int64"),
        ("tone", "float64"),
        ("tension", "float64"),
        ("label", "string"),
    ),
    "terms": (
        ("article_id", "string"),
        ("lemma", "string"),  # stopwords left out; `articles.words` is the total
        ("count", "int64"),
    ),
    "failures": (
        ("article_id", "string"),
        ("path", "string"),
        ("name", "string"),
        ("content_hash", "string"),
        ("fingerprint", "string"),
        ("error", "string"),  # one line
        ("transient", "bool_"),  # a worker died: retried on the next build
    ),
}

# Tables with one part per group of articles; `failures` is small and rewritten whole by every build.
PER_ARTICLE_TABLES = tuple(name for name in COLUMNS if name != "failures")
TABLES = tuple(COLUMNS)


def empty_columns(table: str) -> dict[str, list]:
    return {name: [] for name, _ in COLUMNS[table]}
