"""Helpers for the report tests: the notebook to render, and a strict reading of the HTML it produces.

The notebook is the project's own, plus the summary and annotated-text cells when they are not integrated
yet, so the safety and browser tests cover them either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "article_report.ipynb"

SUMMARY_CELL = (
    "from analysis.present import article_text, summary\n\n"
    "inputs = summary.gather_inputs(article)\n"
    "display(HTML(summary.summary_for(article, inputs, language)))"
)
TEXT_CELL = "display(HTML(article_text.annotated_text_html(article, inputs.quotes, inputs.cues, language)))"


def report_notebook(directory: Path) -> Path:
    """Write the notebook to render into `directory` (next to nothing else) and return its path."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    sources = [cell.source for cell in notebook.cells]
    if not any("summary_for" in s or "summary_html" in s for s in sources):
        header = next((i for i, s in enumerate(sources) if "header_html" in s), None)
        if header is not None:
            notebook.cells[header] = nbformat.v4.new_code_cell(SUMMARY_CELL)
        else:
            notebook.cells.insert(2, nbformat.v4.new_code_cell(SUMMARY_CELL))
    if not any("annotated_text_html" in s for s in [cell.source for cell in notebook.cells]):
        zones = next(
            (i for i, c in enumerate(notebook.cells) if "zones_section" in c.source), len(notebook.cells)
        )
        notebook.cells.insert(zones, nbformat.v4.new_code_cell(TEXT_CELL))
    path = directory / "article_report.ipynb"
    nbformat.write(notebook, path)
    return path


VOID = {"meta", "img", "br", "hr", "link", "input", "source", "col", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]


@dataclass
class PageReading:
    """Every element with its attributes, the visible text, and nesting errors (a well-formed page has none)."""

    elements: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def tags(self, name: str) -> list[Element]:
        return [e for e in self.elements if e.tag == name]


class _Reader(HTMLParser):
    def __init__(self, skip_classes: set[str]):
        super().__init__(convert_charrefs=True)
        self.reading = PageReading()
        self.stack: list[tuple[str, bool]] = []
        self.skip_classes = skip_classes

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.reading.elements.append(Element(tag, attributes))
        if tag in VOID:
            return
        classes = set((attributes.get("class") or "").split())
        skipping = bool(classes & self.skip_classes) or tag in {"style", "title"}
        self.stack.append((tag, skipping))

    def handle_startendtag(self, tag, attrs):
        self.reading.elements.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.reading.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if not any(skipping for _, skipping in self.stack):
            self.reading.text.append(data)


def read_page(markup: str, skip_classes: set[str] | None = None) -> PageReading:
    """Parse markup; text inside elements of `skip_classes` (and <style>, <title>) is left out of `text`."""
    reader = _Reader(skip_classes or set())
    reader.feed(markup)
    reader.close()
    if reader.stack:
        reader.reading.errors.append(f"unclosed: {[tag for tag, _ in reader.stack]}")
    return reader.reading
