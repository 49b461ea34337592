"""Helpers for the report tests: the notebook to render, and a strict reading of the HTML it produces.

The notebook is the one the package ships, unpatched: a report section missing from it fails these tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from analysis.report import DEFAULT_NOTEBOOK

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = DEFAULT_NOTEBOOK  # the notebook the package ships, rendered as it is


def report_notebook(directory: Path) -> Path:
    """The notebook the report tests render: the shipped one, unpatched (`directory` is unused)."""
    del directory
    return NOTEBOOK


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
