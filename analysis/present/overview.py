"""The report's opening: title, date, length and the article's zones as the loader saw them."""

from __future__ import annotations

import pandas as pd

from ..article import ANALYSED_KINDS, Article, count_words
from .html import esc, section, shown_zones, table, text_note

LABELS = {
    "nb": {
        "zones": "Artikkelens deler",
        "kind": "Del",
        "words": "Ord",
        "start": "Start",
        "end": "Slutt",
        "text": "Tekst",
        "date": "Dato",
        "undated": "udatert",
        "length": "Lengde",
        "file": "Fil",
        "language": "Språk",
        "words_unit": "ord",
        "zone_counts": "Ord per del (det som analyseres: tittel, ingress, brødtekst, mellomtitler)",
        "headline": "tittel",
        "lead": "ingress",
        "body": "brødtekst",
        "crosshead": "mellomtittel",
        "caption": "bildetekst",
        "boilerplate": "sidestøy",
    },
    "en": {
        "zones": "The article's parts",
        "kind": "Part",
        "words": "Words",
        "start": "Start",
        "end": "End",
        "text": "Text",
        "date": "Date",
        "undated": "undated",
        "length": "Length",
        "file": "File",
        "language": "Language",
        "words_unit": "words",
        "zone_counts": "Words per part (what is analysed: headline, lead, body, crossheads)",
        "headline": "headline",
        "lead": "lead",
        "body": "body",
        "crosshead": "crosshead",
        "caption": "caption",
        "boilerplate": "page debris",
    },
}


def labels(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["nb"])


def zone_table(article: Article) -> pd.DataFrame:
    """One row per zone: kind, offsets, word count and text."""
    return pd.DataFrame(
        [
            {"kind": z.kind, "start": z.start, "end": z.end, "words": count_words(z.text), "text": z.text}
            for z in article.zones
        ],
        columns=["kind", "start", "end", "words", "text"],
    )


def word_counts_by_zone(article: Article) -> pd.DataFrame:
    zones = zone_table(article)
    counts = zones.groupby("kind", sort=False)["words"].sum()
    return pd.DataFrame({"kind": list(counts.index), "words": list(counts.values)})


LANGUAGE_NAMES = {
    "nb": {"nb": "bokmål", "nn": "nynorsk", "en": "engelsk", "sv": "svensk", "da": "dansk"},
    "en": {
        "nb": "Norwegian Bokmål",
        "nn": "Norwegian Nynorsk",
        "en": "English",
        "sv": "Swedish",
        "da": "Danish",
    },
}
MONTHS = {
    "nb": "januar februar mars april mai juni juli august september oktober november desember".split(),
    "en": "January February March April May June July August September October November December".split(),
}


def language_name(code: str, language: str = "nb") -> str:
    """The article's language as a word ("bokmål"), not a code; unknown codes are shown as they are."""
    return LANGUAGE_NAMES.get(language, LANGUAGE_NAMES["nb"]).get(code, code)


def display_date(date: str | None, language: str = "nb") -> str | None:
    """An ISO date as an editor reads it, at the precision the article gives: "januar 2022", "1. mars 2024"."""
    if not date:
        return None
    parts = date.split("-")
    months = MONTHS.get(language, MONTHS["nb"])
    try:
        if len(parts) == 2:
            return f"{months[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 3:
            day = int(parts[2])
            month = months[int(parts[1]) - 1]
            return f"{day} {month} {parts[0]}" if language == "en" else f"{day}. {month} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return date


def header_html(article: Article, language: str = "nb") -> str:
    """The report title block: headline, date, length and the article's file name (never its full path)."""
    text = labels(language)
    date = display_date(article.date, language) or text["undated"]
    facts = [
        ("date", text["date"], date),
        ("length", text["length"], f"{article.words} {text['words_unit']}"),
        ("file", text["file"], article.name),
        ("language", text["language"], language_name(article.language, language)),
    ]
    meta = "".join(
        f'<span class="wb-fact-{key}">{esc(label)}: {esc(value)}</span>' for key, label, value in facts
    )
    return f'<header class="wb-header"><h1>{esc(article.title)}</h1><p class="wb-meta">{meta}</p></header>'


def zones_section(article: Article, language: str = "nb") -> str:
    """Every zone in reading order, tagged with its kind; page debris shown struck through."""
    text = labels(language)
    shown = shown_zones(article.zones)
    blocks = [
        f'<div class="wb-zone wb-zone-{esc(z.kind)}" data-start="{z.start}" data-end="{end}">'
        f'<span class="wb-tag">{esc(text.get(z.kind, z.kind))}</span>{esc(z.text[: end - z.start])}</div>'
        for z, end in shown
    ]
    counts = word_counts_by_zone(article)
    counts = counts[counts["kind"].isin(ANALYSED_KINDS)].assign(
        kind=lambda f: f["kind"].map(lambda k: text[k])
    )
    parts = [
        f"<h3>{esc(text['zone_counts'])}</h3>",
        table(counts, {"kind": text["kind"], "words": text["words"]}),
        *blocks,
        text_note(article.zones, shown, language),
    ]
    return section(text["zones"], parts, "zones")
