"""The gender of a quoted person, from the article's own words first and a first-name list second."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

FIRST_NAMES_FILE = "first_names_nb.tsv"


def _data_lines(name: str) -> Iterable[str]:
    with resources.files("analysis.data").joinpath(name).open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line


@cache
def first_name_genders() -> dict[str, str]:
    """First name -> "female" or "male" (the data file's names; ambiguous names are not in it)."""
    genders = {}
    for line in _data_lines(FIRST_NAMES_FILE):
        gender, _, name = line.partition("\t")
        genders[name] = "female" if gender == "f" else "male"
    return genders
