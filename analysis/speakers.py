"""Who speaks and how much: one record per voice of an article, with its quote tallies and shares.

The speakers are built from the quotes and the discourse model the quote extractor resolved them against
(analysis/discourse.py gives roles, affiliations and name mentions). `share` is a speaker's share of the
words in body direct quotes (the editor's "who gets the say"); `share_all` counts headline-zone direct
quotes too. This module reads the extraction it is given and never imports the quote extractor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from .article import Article
from .discourse import (
    DiscourseModel,
    SpeakerRegistry,
    clean_name,
    country_of,
    gender_of,
    is_organisation,
    role_of,
    speaker_id,
)
from .records import JOURNALIST, Quote, Speaker

if TYPE_CHECKING:  # pragma: no cover - types only
    import pandas as pd

# names older callers import from here; they live in analysis/discourse.py
__all__ = [
    "JOURNALIST",
    "TABLE_COLUMNS",
    "SpeakerRegistry",
    "affiliation_shares",
    "clean_name",
    "count_quote_words",
    "country_of",
    "gender_of",
    "is_organisation",
    "role_of",
    "speakers",
]

_WORDS = re.compile(r"\w+(?:[-']\w+)*")

TABLE_COLUMNS = "name kind role affiliation mentions direct indirect direct_words share share_all".split()


class Extraction(Protocol):
    """What the speakers need of a quote extraction (`analysis.quotes.QuoteExtraction`)."""

    quotes: list[Quote]
    discourse: DiscourseModel


def count_quote_words(text: str) -> int:
    """Words as the scorer counts them (hyphenated compounds are one word)."""
    return len(_WORDS.findall(text))


def speakers(article: Article, extraction: Extraction) -> list[Speaker]:
    """One record per speaker of the extraction's quotes, most quoted first (body share, then counts).

    `gender` is left None: analysis/gender.py infers it. `mention_spans` are the places the article names
    the speaker: its name forms, and the words that named it in attributions ("hun", "statsråden")."""
    rows = (
        (q.speaker, q.speaker_kind, q.kind, q.zone, q.text, q.speaker_id, q.speaker_mention)
        for q in extraction.quotes
        if q.speaker
    )
    return _speaker_records(article, extraction.discourse, rows)


def _speaker_records(article: Article, model: DiscourseModel, rows: Iterable[tuple]) -> list[Speaker]:
    groups: dict[str, dict] = {}  # speaker → tallies, in order of first quote
    body_total = all_total = 0
    for name, kind, quote_kind, zone, text, key, mention in rows:
        group = groups.get(name)
        if group is None:
            group = groups[name] = {
                "kind": kind,
                "id": key or speaker_id(name),
                "direct": 0,
                "indirect": 0,
                "body_words": 0,
                "words_all": 0,
                "mentions": {},
            }
        if mention is not None:
            group["mentions"][(mention.start, mention.end)] = mention
        if quote_kind == "direct":
            words = count_quote_words(text)
            group["direct"] += 1
            group["words_all"] += words
            all_total += words
            if zone == "body":
                group["body_words"] += words
                body_total += words
        elif quote_kind == "indirect":
            group["indirect"] += 1
    other_mentions = _count_mentions(article.text, [n for n in groups if n not in model.people])
    records = []
    for name, group in groups.items():
        role, affiliation = model.describe(name)
        person = model.people.get(name)
        mentions = sum(person.forms.values()) if person else other_mentions.get(name, 1)
        spans = dict(group["mentions"])
        for span in model.mention_spans(name):
            spans.setdefault((span.start, span.end), span)
        body_words, words_all = group["body_words"], group["words_all"]
        records.append(
            Speaker(
                id=group["id"],
                name=name,
                kind=group["kind"],
                role=role,
                affiliation=affiliation,
                mentions=int(mentions),
                direct=group["direct"],
                indirect=group["indirect"],
                direct_words=body_words,
                share=body_words / body_total if body_total else 0.0,
                share_all=words_all / all_total if all_total else 0.0,
                mention_spans=tuple(spans[key] for key in sorted(spans)),
            )
        )
    # a stable sort: speakers with equal figures keep the order of their first quote
    return sorted(records, key=lambda s: (-s.share, -s.direct, -s.indirect))


def _count_mentions(text: str, names: list[str]) -> dict[str, int]:
    """How often each name occurs in the text (at least once: it was quoted); str.count runs at C speed."""
    return {name: max(1, text.count(name)) for name in names}


def affiliation_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Direct-quote word shares (body) and quote counts per affiliation; speakers without one are "—"."""
    import pandas as pd  # a view for the report: the speakers stage itself never loads pandas

    columns = ["affiliation", "speakers", "direct", "indirect", "direct_words", "share"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    frame = table.assign(affiliation=table["affiliation"].fillna("—"))
    grouped = (
        frame.groupby("affiliation", sort=False)
        .agg(
            speakers=("name", "count"),
            direct=("direct", "sum"),
            indirect=("indirect", "sum"),
            direct_words=("direct_words", "sum"),
        )
        .reset_index()
    )
    total = grouped["direct_words"].sum()
    grouped["share"] = grouped["direct_words"] / total if total else 0.0
    return grouped[columns].sort_values("share", ascending=False, ignore_index=True)
