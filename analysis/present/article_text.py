"""The article text itself, escaped, with quotes coloured by speaker and sentiment cues marked.

Every figure in the report can be checked against these words: each quote is a span with the id `q<n>`
(see `html.quote_id`) and each cue a `<mark>` with the id `c<n>`, so tables and charts link to "#q3".

Spans come from other analyses and may overlap (a quote inside a quote, a cue across a quote's edge), so
the text is cut at every span boundary into elementary pieces; each piece is wrapped in its innermost quote
and its cues. Markup never nests across pieces, so the HTML stays well formed whatever the spans are.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from ..analysis import ArticleAnalysis
from ..article import Article
from .html import (
    JOURNALIST,
    SPEAKER_PATTERNS,
    cue_id,
    esc,
    quote_id,
    section,
    shown_zones,
    speaker_order,
    text_note,
)

ANCHOR = "article-text"

LABELS = {
    "nb": {
        "title": "Artikkelteksten med sitater og stemningsord",
        "intro": "Hele teksten slik den ble analysert. Sitater er farget og understreket per kilde, med "
        "kildens navn foran; kursiv betyr indirekte sitat. Stemningsord er markert; hold pekeren over "
        "et ord for å se kategori og styrke.",
        "speakers": "Kilder",
        "cues": "Stemningsord",
        "negative": "negativt",
        "positive": "positivt",
        "neutral": "nøytralt/usikkerhet",
        "negated": "nektet («ikke redd»)",
        "quote": "Sitat",
        "direct": "direkte",
        "indirect": "indirekte",
        "quotes_unit": "sitater",
        "quote_unit": "sitat",
        "reporter": "journalisten",
        "unknown": "ukjent kilde",
        "no_quotes": "Ingen sitater funnet.",
        "no_cues": "Ingen stemningsord funnet.",
        "not_analysed": "ikke analysert",
        "negated_word": "nektet",
        "polarity": "styrke",
        "zones": {
            "headline": "tittel",
            "lead": "ingress",
            "crosshead": "mellomtittel",
            "caption": "bildetekst",
            "boilerplate": "sidestøy",
        },
    },
    "en": {
        "title": "The article text with quotes and sentiment cues",
        "intro": "The whole text as analysed. Quotes are coloured and underlined per source, with the "
        "source's name in front; italics mean an indirect quote. Sentiment cues are marked; hover over a "
        "word to see its category and strength.",
        "speakers": "Sources",
        "cues": "Sentiment cues",
        "negative": "negative",
        "positive": "positive",
        "neutral": "neutral/uncertainty",
        "negated": "negated (“not afraid”)",
        "quote": "Quote",
        "direct": "direct",
        "indirect": "indirect",
        "quotes_unit": "quotes",
        "quote_unit": "quote",
        "reporter": "the reporter",
        "unknown": "unknown source",
        "no_quotes": "No quotes found.",
        "no_cues": "No sentiment cues found.",
        "not_analysed": "not analysed",
        "negated_word": "negated",
        "polarity": "strength",
        "zones": {
            "headline": "headline",
            "lead": "lead",
            "crosshead": "crosshead",
            "caption": "caption",
            "boilerplate": "page debris",
        },
    },
}

# Signs shown after each cue so polarity is readable without colour (and in a black-and-white print).
SIGNS = {"negative": "−", "positive": "+", "neutral": "~", "negated": "¬"}


def labels(language: str) -> dict:
    return LABELS.get(language, LABELS["nb"])


@dataclass(frozen=True)
class QuoteSpan:
    position: int
    start: int
    end: int
    speaker: str | None
    kind: str
    cue: str | None


@dataclass(frozen=True)
class CueSpan:
    position: int
    start: int
    end: int
    term: str
    category: str
    polarity: float
    negated: bool

    @property
    def tone(self) -> str:
        if self.negated:
            return "negated"
        if self.polarity < 0:
            return "negative"
        if self.polarity > 0:
            return "positive"
        return "neutral"


def annotated_text_html(analysis: ArticleAnalysis, language: str = "nb") -> str:
    """The whole article, zone by zone, every character escaped; quotes and cues marked and anchored."""
    return annotated_text(analysis.article, analysis.quotes_frame(), analysis.cues_frame(), language)


def annotated_text(
    article: Article, quotes: pd.DataFrame | None, cues: pd.DataFrame | None, language: str = "nb"
) -> str:
    """The annotated text from quote and cue tables (either may be None: not marked); rows whose offsets
    do not fit the text are left out, never trusted."""
    text = labels(language)
    quote_spans = _quote_spans(quotes, len(article.text))
    cue_spans = _cue_spans(cues, len(article.text))
    order = speaker_order(quotes) if quote_spans else []
    styles = {name: i for i, name in enumerate(order)}
    badge_done: set[int] = set()
    blocks = []
    quotes_by_zone, cues_by_zone = _SpansByZone(quote_spans), _SpansByZone(cue_spans)
    zones = sorted(article.zones, key=lambda z: z.start)
    shown = shown_zones(zones)
    for zone, end in shown:
        tag = text["zones"].get(zone.kind)
        inner = _render_zone(
            article.text,
            zone.start,
            end,
            quotes_by_zone.overlapping(zone.start, end),
            cues_by_zone.overlapping(zone.start, end),
            styles,
            text,
            badge_done,
        )
        tag_html = f'<span class="wb-tag">{esc(tag)}</span>' if tag else ""
        blocks.append(f'<div class="wb-zone wb-zone-{_slug(zone.kind)}">{tag_html}{inner}</div>')
    parts = [
        f'<p class="wb-intro">{esc(text["intro"])}</p>',
        _legend(quotes, quote_spans, cue_spans, cues is not None, order, styles, text),
        f'<div class="wb-article">{"".join(blocks)}</div>',
        text_note(zones, shown, language),
    ]
    return section(text["title"], parts, ANCHOR)


# ---------------------------------------------------------------- spans from the analyses' frames


def _valid_offsets(start: object, end: object, length: int) -> tuple[int, int] | None:
    """Integer offsets clipped to the text, or None for missing, reversed or empty spans."""
    try:
        start_f, end_f = float(start), float(end)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if math.isnan(start_f) or math.isnan(end_f):
        return None
    lo, hi = max(0, int(start_f)), min(length, int(end_f))
    return (lo, hi) if lo < hi else None


def _text_or_none(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def _located_records(frame: pd.DataFrame | None, length: int):
    """(row position, start, end, record) for each row with usable offsets; rows without are skipped."""
    if frame is None or frame.empty or not {"start", "end"} <= set(frame.columns):
        return
    for position, record in enumerate(frame.to_dict("records")):
        offsets = _valid_offsets(record.get("start"), record.get("end"), length)
        if offsets:
            yield position, offsets[0], offsets[1], record


def _quote_spans(quotes: pd.DataFrame | None, length: int) -> list[QuoteSpan]:
    return [
        QuoteSpan(
            position,
            start,
            end,
            speaker=_text_or_none(record.get("speaker")),
            kind=str(record.get("kind") or "direct"),
            cue=_text_or_none(record.get("cue")),
        )
        for position, start, end, record in _located_records(quotes, length)
    ]


def _cue_spans(cues: pd.DataFrame | None, length: int) -> list[CueSpan]:
    return [
        CueSpan(
            position,
            start,
            end,
            term=_text_or_none(record.get("term")) or "",
            category=_text_or_none(record.get("category")) or "",
            polarity=_number(record.get("polarity")),
            negated=_flag(record.get("negated")),
        )
        for position, start, end, record in _located_records(cues, length)
    ]


def _number(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(number) else number


def _flag(value: object) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


# ---------------------------------------------------------------- rendering


def _slug(value: str) -> str:
    """A class-name-safe token (article-derived values never reach a class attribute unfiltered)."""
    return re.sub(r"[^a-z0-9-]+", "-", value.lower()).strip("-") or "x"


def speaker_label(speaker: str | None, text: dict) -> str:
    if speaker is None:
        return text["unknown"]
    if speaker == JOURNALIST:
        return text["reporter"]
    return speaker


def _speaker_classes(speaker: str | None, styles: dict[str, int]) -> str:
    if speaker is None or speaker not in styles:
        return "wb-sp-none"
    if speaker == JOURNALIST:
        return "wb-sp-reporter wb-pat-2"
    index = styles[speaker]
    return f"wb-sp-{index % 8} wb-pat-{index % len(SPEAKER_PATTERNS)}"


class _SpansByZone:
    """Spans handed out zone by zone in one pass: zones come in text order, so each span is looked at
    when it starts and dropped once a zone begins after its end (a long article has as many zones as cues;
    filtering every span for every zone took most of a big report's time)."""

    def __init__(self, spans: list) -> None:
        self.pending = sorted(spans, key=lambda span: (span.start, span.position))
        self.next = 0
        self.open: list = []

    def overlapping(self, start: int, end: int) -> list:
        """The spans overlapping start:end, in their original order; zones must be asked in text order."""
        while self.next < len(self.pending) and self.pending[self.next].start < end:
            self.open.append(self.pending[self.next])
            self.next += 1
        self.open = [span for span in self.open if span.end > start]
        return sorted((span for span in self.open if span.start < end), key=lambda span: span.position)


def _render_zone(
    source: str,
    start: int,
    end: int,
    quotes_here: list[QuoteSpan],
    cues_here: list[CueSpan],
    styles: dict[str, int],
    text: dict,
    badge_done: set[int],
) -> str:
    """One zone's text cut at every span boundary; each piece wrapped in its cues and innermost quote.

    A sweep over the cut points keeps the spans open at each piece, so a zone with many cues (one long
    paragraph) costs time in proportion to its pieces, not pieces times spans.
    """
    cuts = {start, end}
    for span in (*quotes_here, *cues_here):
        cuts.update(offset for offset in (span.start, span.end) if start < offset < end)
    points = sorted(cuts)
    quote_sweep, cue_sweep = _Sweep(quotes_here), _Sweep(cues_here)
    out = []
    cue_done: set[int] = set()
    for lo, hi in zip(points, points[1:], strict=False):
        # every span boundary is a cut, so a span covers lo:hi exactly when it is open at lo
        active_quotes = quote_sweep.open_at(lo)
        active_cues = cue_sweep.open_at(lo)
        # A badge with the speaker's name opens each quote: the text cue beside the colour.
        for quote in active_quotes:
            if quote.position not in badge_done:
                badge_done.add(quote.position)
                out.append(_badge(quote, styles, text))
        piece = esc(source[lo:hi])
        if active_cues:
            piece = _mark(active_cues, piece, cue_done, text)
        if active_quotes:
            innermost = max(active_quotes, key=lambda q: (q.start, -q.end))
            classes = ["wb-q", _speaker_classes(innermost.speaker, styles)]
            if innermost.kind != "direct":
                classes.append("wb-q-indirect")
            if len(active_quotes) > 1:
                classes.append("wb-q-overlap")
            title = " · ".join(_quote_title(q, text) for q in active_quotes)
            piece = f'<span class="{" ".join(classes)}" title="{esc(title)}">{piece}</span>'
        out.append(piece)
    return "".join(out)


class _Sweep:
    """The spans open at increasing offsets (start <= offset < end), in the order of their positions."""

    def __init__(self, spans: list) -> None:
        self.pending = sorted(spans, key=lambda span: span.start)
        self.next = 0
        self.open: list = []

    def open_at(self, offset: int) -> list:
        added = False
        while self.next < len(self.pending) and self.pending[self.next].start <= offset:
            self.open.append(self.pending[self.next])
            self.next += 1
            added = True
        if added or any(span.end <= offset for span in self.open):
            self.open = sorted(
                (span for span in self.open if span.end > offset), key=lambda span: span.position
            )
        return self.open


def _quote_title(quote: QuoteSpan, text: dict) -> str:
    kind = text["direct"] if quote.kind == "direct" else text["indirect"]
    parts = [f"{text['quote']} {quote.position + 1}", speaker_label(quote.speaker, text), kind]
    if quote.cue:
        parts.append(f"«{quote.cue}»")
    return ", ".join(parts)


def _badge(quote: QuoteSpan, styles: dict[str, int], text: dict) -> str:
    classes = f"wb-q-tag {_speaker_classes(quote.speaker, styles)}"
    return (
        f'<span class="{classes}" id="{quote_id(quote.position)}" title="{esc(_quote_title(quote, text))}">'
        f"{esc(speaker_label(quote.speaker, text))}</span>"
    )


def _mark(active: list[CueSpan], piece: str, cue_done: set[int], text: dict) -> str:
    cue = active[0]
    title = "; ".join(_cue_title(c, text) for c in active)
    # The id goes on the cue's first piece only, so each id is unique in the page.
    anchor = f' id="{cue_id(cue.position)}"' if cue.position not in cue_done else ""
    cue_done.add(cue.position)
    return (
        f'<mark class="wb-cue wb-cue-{cue.tone}"{anchor} data-sign="{SIGNS[cue.tone]}" '
        f'title="{esc(title)}">{piece}</mark>'
    )


def _cue_title(cue: CueSpan, text: dict) -> str:
    details = [cue.category] if cue.category else []
    details.append(f"{text['polarity']} {cue.polarity:+g}")
    if cue.negated:
        details.append(text["negated_word"])
    return f"{cue.term}: {', '.join(details)}"


def _legend(
    quotes: pd.DataFrame | None,
    quote_spans: list[QuoteSpan],
    cue_spans: list[CueSpan],
    cues_given: bool,
    order: list[str],
    styles: dict[str, int],
    text: dict,
) -> str:
    if quote_spans:
        counts: dict[str | None, list[QuoteSpan]] = {}
        for quote in quote_spans:
            counts.setdefault(quote.speaker, []).append(quote)
        names = [n for n in order if n in counts] + ([None] if None in counts else [])
        items = []
        for name in names:
            first = counts[name][0]
            unit = text["quote_unit"] if len(counts[name]) == 1 else text["quotes_unit"]
            items.append(
                f'<li><a class="wb-q-tag {_speaker_classes(name, styles)}" href="#{quote_id(first.position)}">'
                f"{esc(speaker_label(name, text))}</a> {len(counts[name])} {esc(unit)}</li>"
            )
        speakers = f'<ul class="wb-legend-list">{"".join(items)}</ul>'
    else:
        speakers = f"<p>{esc(text['no_quotes'] if quotes is not None else text['not_analysed'])}</p>"
    if cue_spans:
        tones = [
            t for t in ("negative", "positive", "neutral", "negated") if any(c.tone == t for c in cue_spans)
        ]
        items = "".join(
            f'<li><mark class="wb-cue wb-cue-{t}" data-sign="{SIGNS[t]}">{esc(text[t])}</mark> '
            f"{sum(c.tone == t for c in cue_spans)}</li>"
            for t in tones
        )
        cue_part = f'<ul class="wb-legend-list">{items}</ul>'
    else:
        cue_part = f"<p>{esc(text['no_cues'] if cues_given else text['not_analysed'])}</p>"
    return (
        f'<div class="wb-legend"><div><h3>{esc(text["speakers"])}</h3>{speakers}</div>'
        f"<div><h3>{esc(text['cues'])}</h3>{cue_part}</div></div>"
    )
