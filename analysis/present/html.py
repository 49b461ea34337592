"""Small HTML building blocks for report sections: everything taken from an article is escaped here.

Report sections return `IPython.display.HTML` built from these helpers, so that nbconvert's export (which
passes HTML outputs through unsanitised) only ever sees escaped article text, and charts are embedded as
base64 PNG `<img>` tags with alt text (no external requests, no file paths).
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable

import pandas as pd

# Okabe & Ito's colour-blind-safe palette (https://jfly.uni-koeln.de/color/), used by every chart.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def esc(value: object) -> str:
    """HTML-escape any value (quotes too); None becomes an empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def figure(fig, alt: str, width: int = 720) -> str:
    """A matplotlib figure as an inline PNG `<img>` with alt text; the figure is closed afterwards."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
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
) -> str:
    """An escaped HTML table; `columns` maps column names to display labels (and picks the columns)."""
    if columns:
        frame = frame[[c for c in columns if c in frame.columns]].rename(columns=columns)
    if max_rows is not None:
        frame = frame.head(max_rows)
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = "".join(f"<td>{esc(_format_cell(v))}</td>" for v in record)
        rows.append(f"<tr>{cells}</tr>")
    body = "".join(rows)
    return f'<div class="wb-scroll"><table class="{esc(classes)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _format_cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1 else f"{value:,.1f}".replace(",", " ")
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def section(title: str, parts: Iterable[str], anchor: str) -> str:
    """A titled report section; `parts` are HTML strings already built with the helpers above."""
    return f'<section class="wb-section" id="{esc(anchor)}"><h2>{esc(title)}</h2>{"".join(parts)}</section>'


def paragraph(text: str) -> str:
    return f"<p>{esc(text)}</p>"


def as_display(markup: str):
    """Wrap finished markup for `display()` in a notebook."""
    from IPython.display import HTML

    return HTML(markup)
