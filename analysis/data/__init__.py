"""The package's language resources: word lists, tables and the tagger's weights, each file with a header
saying where it comes from and under what licence. One reader for all of them."""

from __future__ import annotations

from importlib import resources


def text(name: str) -> str:
    """A data file's whole text."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def lines(name: str) -> list[str]:
    """A data file's lines without comments (`#` first) and blank lines."""
    return [line for line in text(name).splitlines() if line.strip() and not line.startswith("#")]
