"""Small HTML building blocks for report sections: everything taken from an article is escaped here.

Report sections return `IPython.display.HTML` built from these helpers, so that nbconvert's export (which
passes HTML outputs through unsanitised) only ever sees escaped article text, and charts are embedded as
base64 PNG `<img>` tags with alt text (no external requests, no file paths).
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..records import JOURNALIST

# Okabe & Ito's colour-blind-safe palette (https://jfly.uni-koeln.de/color/), used by every chart.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder how the text after
# them reads (after U+202E a quote or a name shows backwards). Escaping leaves them working, so they are shown
# as their code point instead. The marks LRM, RLM and ALM stay: they cannot reverse a run of letters.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def esc(value: object) -> str:
    """HTML-escape any value (quotes too) with bidirectional controls made visible; None becomes ""."""
    if value is None:
        return ""
    text = _BIDI_CONTROLS.sub(lambda found: f"[U+{ord(found.group()):04X}]", str(value))
    return html.escape(text, quote=True)


def figure(fig, alt: str, width: int = 720) -> str:
    """A matplotlib figure as an inline PNG `<img>` with alt text; the figure is closed afterwards."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    # the figures lay themselves out (layout="constrained"): one drawing pass, where bbox_inches="tight"
    # would draw each figure twice
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<img class="wb-chart" src="data:image/png;base64,{data}" alt="{esc(alt)}" '
        f'style="max-width:100%;width:{width}px;height:auto">'
    )


def table(
    frame: pd.DataFrame,
    columns: dict[str, str] | None = None,
    max_rows: int | None = None,
    classes: str = "wb-table",
    row_links: list[str] | None = None,
    link_header: str = "",
) -> str:
    """An escaped HTML table; `columns` maps column names to display labels (and picks the columns).

    `row_links` adds a first column of evidence links, one per row, built by `quote_link` or `cue_link`
    (markup made here from numbers, never from article text).
    """
    if columns:
        frame = frame[[c for c in columns if c in frame.columns]].rename(columns=columns)
    if max_rows is not None:
        frame = frame.head(max_rows)
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    if row_links is not None:
        head = f"<th>{esc(link_header)}</th>" + head
    rows = []
    for position, record in enumerate(frame.itertuples(index=False)):
        cells = "".join(f"<td>{esc(_format_cell(v))}</td>" for v in record)
        if row_links is not None:
            cells = f"<td>{row_links[position]}</td>" + cells
        rows.append(f"<tr>{cells}</tr>")
    body = "".join(rows)
    return f'<div class="wb-scroll"><table class="{esc(classes)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _format_cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "–"  # missing (None/NaN): a dash, never "nan"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1 else f"{value:,.1f}".replace(",", " ")
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


# A long article's long lists are summarised, not embedded whole: a chart of hundreds of bars takes minutes
# to draw and cannot be read, and tables of thousands of rows make the page too heavy to open. Every row
# stays in the analysis (`workbook analyze --json`, the executed notebook's `analysis`).
MAX_TABLE_ROWS = 200
MAX_CHART_BARS = 15
_ROWS_NOTE = {
    "nb": "Viser {shown} av {total} rader; alle står i analysen (workbook analyze --json).",
    "en": "Showing {shown} of {total} rows; all of them are in the analysis (workbook analyze --json).",
}
_BARS_NOTE = {"nb": "De {shown} største av {total}.", "en": "The {shown} largest of {total}."}


# The article's own text is shown whole up to this many characters (some forty times a long feature); past
# it the report shows the beginning and says so. nbconvert re-reads the whole page tag by tag, so a 10 MB
# article shown whole (some 60 MB of marked-up text) took minutes to export and was too heavy to open.
MAX_TEXT_CHARS = 250_000
_TEXT_NOTE = {
    "nb": "Artikkelen er lang: her vises de første {shown} av {total} tegn. Tallene i rapporten gjelder hele "
    "teksten, og alt står i analysen (workbook analyze --json).",
    "en": "The article is long: the first {shown} of {total} characters are shown here. The report's figures "
    "cover the whole text, and all of it is in the analysis (workbook analyze --json).",
}


def shown_zones(zones: Iterable, budget: int = MAX_TEXT_CHARS) -> list[tuple[Any, int]]:
    """(zone, end) for the zones shown in text order within `budget` characters; the last one shown may
    end early, at a space, so a single huge paragraph is cut too."""
    shown, used = [], 0
    for zone in zones:
        room = budget - used
        if room <= 0:
            break
        end = zone.end
        if zone.end - zone.start > room:
            cut = zone.text.rfind(" ", 0, room)
            end = zone.start + (cut if cut > 0 else room)
        shown.append((zone, end))
        used += end - zone.start
    return shown


def text_note(zones: list, shown: list[tuple[Any, int]], language: str = "nb") -> str:
    """A line saying the text shown is the article's beginning; empty when all of it is shown."""
    total = sum(zone.end - zone.start for zone in zones)
    visible = sum(end - zone.start for zone, end in shown)
    if visible >= total:
        return ""
    note = _TEXT_NOTE.get(language, _TEXT_NOTE["nb"])
    numbers = {"shown": count_text(visible, language), "total": count_text(total, language)}
    return f'<p class="wb-meta wb-text-cut">{esc(note.format(**numbers))}</p>'


def count_text(number: int, language: str = "nb") -> str:
    """A count as the report's language writes it: "2 319" (a no-break space) in Bokmål, "2,319" in English."""
    return f"{number:,}".replace(",", "," if language == "en" else "\u00a0")


def rows_note(shown: int, total: int, language: str = "nb") -> str:
    """A line saying a table shows only its first rows; empty when it shows them all."""
    if shown >= total:
        return ""
    note = _ROWS_NOTE.get(language, _ROWS_NOTE["nb"])
    return f'<p class="wb-meta">{esc(note.format(shown=count_text(shown, language), total=count_text(total, language)))}</p>'


def largest(frame: pd.DataFrame, column: str, language: str = "nb", most: int = MAX_CHART_BARS):
    """(the `most` rows with the largest `column`, a note saying so): the frame as it is when it is short."""
    if len(frame) <= most:
        return frame, ""
    top = frame.sort_values(column, ascending=False, kind="stable").head(most)
    note = _BARS_NOTE.get(language, _BARS_NOTE["nb"])
    return (
        top,
        f'<p class="wb-meta">{esc(note.format(shown=most, total=count_text(len(frame), language)))}</p>',
    )


def section(title: str, parts: Iterable[str], anchor: str) -> str:
    """A titled report section; `parts` are HTML strings already built with the helpers above."""
    return f'<section class="wb-section" id="{esc(anchor)}"><h2>{esc(title)}</h2>{"".join(parts)}</section>'


def paragraph(text: str) -> str:
    return f"<p>{esc(text)}</p>"


def as_display(markup: str):
    """Wrap finished markup for `display()` in a notebook."""
    from IPython.display import HTML

    return HTML(markup)


# ---------------------------------------------------------------- shared by the text, speaker and tone sections

SPEAKER_PATTERNS = ("solid", "dashed", "dotted")  # underline styles: a second, non-colour cue per speaker


def quote_id(position: int) -> str:
    """The anchor of a quote in the annotated article text: `q1` for the first row of the quotes frame.

    Tables and charts link to a quote with `href="#q3"`; the number is the 1-based row position in the
    quotes DataFrame as extracted (not its index label), so every section numbers quotes the same way.
    """
    return f"q{position + 1}"


def cue_id(position: int) -> str:
    """The anchor of a sentiment cue in the annotated article text: `c1` for the first row of the cues frame."""
    return f"c{position + 1}"


def quote_link(position: int, label: str | None = None) -> str:
    """A link to one quote in the annotated text, e.g. `<a href="#q3">3</a>`."""
    anchor = quote_id(position)
    return f'<a class="wb-qlink" href="#{anchor}">{esc(label if label is not None else anchor[1:])}</a>'


def speaker_order(quotes: pd.DataFrame | None) -> list[str]:
    """Speakers by words in their direct quotes, then quote count, then first appearance; the reporter last.

    Charts and the annotated text colour speakers by this order (via `speaker_colours`), so one speaker
    has one colour throughout the report.
    """
    from ..article import count_words

    if quotes is None or quotes.empty or "speaker" not in quotes.columns:
        return []
    named = quotes[quotes["speaker"].notna()]
    stats: dict[str, list[int]] = {}
    for position, record in enumerate(named.itertuples(index=False)):
        speaker = str(record.speaker)
        entry = stats.setdefault(speaker, [0, 0, position])
        if getattr(record, "kind", "direct") == "direct":
            entry[0] += count_words(str(getattr(record, "text", "") or ""))
        entry[1] += 1
    return sorted(stats, key=lambda s: (s == JOURNALIST, -stats[s][0], -stats[s][1], stats[s][2]))


def speaker_colours(names: Iterable[str]) -> dict[str, str]:
    """One Okabe-Ito colour per speaker in the given order (the reporter in grey), for charts and text."""
    colours, slot = {}, 0
    for name in names:
        if name == JOURNALIST:
            colours[name] = "#5F6368"
        else:
            colours[name] = PALETTE[slot % len(PALETTE)]
            slot += 1
    return colours
