"""The report notebook's parameters, checked once before any work starts (for `report` and `batch`).

A wrong value must stop a run at once with one line, not fail every article in a notebook cell: `-p top_n
banana` used to reach the kernel, and `-p language xx` or `--top-n 0` were accepted silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("nb", "en")  # the report's label languages
TOP_N_RANGE = (1, 200)  # rows per term chart: one at least; more than a couple of hundred nobody reads


class ParameterError(ValueError):
    """A parameter with an unknown name, or a value of the wrong type or out of range; one line."""


@dataclass(frozen=True)
class Parameter:
    name: str
    meaning: str
    choices: tuple[str, ...] = ()
    whole_range: tuple[int, int] | None = None

    def check(self, value: Any) -> None:
        if self.choices and value not in self.choices:
            raise ParameterError(
                f"{self.name} must be one of {', '.join(self.choices)} ({self.meaning}), got {value!r}"
            )
        if self.whole_range is not None:
            low, high = self.whole_range
            # bool is an int subclass in Python, but "top_n true" is a slip, not a number
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ParameterError(
                    f"{self.name} must be a whole number from {low} to {high} ({self.meaning}), got {value!r}"
                )


REPORT_PARAMETERS = {
    parameter.name: parameter
    for parameter in (
        Parameter("language", "the report's labels", choices=LANGUAGES),
        Parameter("top_n", "rows per term chart", whole_range=TOP_N_RANGE),
    )
}
# set by `report` and `batch` for each article; a user cannot choose it for a whole run
PER_ARTICLE = frozenset({"article_path"})


def check_parameters(parameters: Mapping[str, Any], custom_notebook: bool = False) -> dict[str, Any]:
    """Return the parameters unchanged if every name is known and every value fits; else raise ParameterError.

    With `custom_notebook` the names a notebook of the user's own takes are its business (the batch checks
    them against its parameters cell); the report's own parameters are still checked for type and range.
    """
    for name, value in parameters.items():
        if name in PER_ARTICLE:
            raise ParameterError(f"{name} is set for each article; it cannot be given as a parameter")
        known = REPORT_PARAMETERS.get(name)
        if known is not None:
            known.check(value)
        elif not custom_notebook:
            raise ParameterError(
                f"unknown parameter {name!r}: the report takes {', '.join(sorted(REPORT_PARAMETERS))}"
            )
    return dict(parameters)
