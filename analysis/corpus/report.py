"""`render_corpus_report()`: execute the corpus report notebook with papermill and export one HTML page.

Uses the article report's execution and export (analysis.report): the executed notebook is written beside
the page as `<page>.ipynb`, both through temporary files and renames.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ..report import ReportError, atomic_write, execute_notebook, export_html
from .store import MARKER

CORPUS_NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "corpus_report.ipynb"
PARAMETERS = {
    "dataset": str,
    "date_from": str,
    "date_to": str,
    "outlets": str,
    "language": str,
    "top_n": int,
    "period_from": str,
    "period_to": str,
    "batch": str,
    "quote_chars": int,
    "page_dir": str,
}
ALIASES = {"from": "date_from", "to": "date_to"}


class CorpusReportError(Exception):
    """A corpus report that could not be rendered; one line."""


def check_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    """Known names with values of the right type; `from`/`to` are `date_from`/`date_to`."""
    checked: dict[str, Any] = {}
    for name, value in parameters.items():
        name = ALIASES.get(name, name)
        if name not in PARAMETERS:
            known = ", ".join(sorted(set(PARAMETERS) - {"dataset", "page_dir"}))
            raise CorpusReportError(f"unknown parameter {name!r}: the corpus report takes {known}")
        kind = PARAMETERS[name]
        least = 0 if name == "quote_chars" else 1
        if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value < least):
            raise CorpusReportError(
                f"parameter {name} must be a whole number of at least {least}, not {value!r}"
            )
        if kind is str:
            value = "" if value is None else str(value)
        checked[name] = value
    if checked.get("language", "nb") not in ("nb", "en"):
        raise CorpusReportError(f"parameter language must be nb or en, not {checked['language']!r}")
    return checked


def render_corpus_report(
    dataset: Path, out: Path, parameters: dict[str, Any] | None = None, notebook: Path | None = None
) -> Path:
    """Render the report over `dataset` into the page `out` (HTML); returns its path."""
    dataset = Path(dataset).resolve()
    if not (dataset / MARKER).exists():
        raise CorpusReportError(f"{dataset}: not a corpus dataset (run `workbook corpus build` first)")
    out = Path(out)
    if out.is_dir():
        out = out / "corpus-report.html"
    if out.suffix.lower() not in (".html", ".htm"):
        raise CorpusReportError(f"{out}: the report page must end in .html")
    values = check_parameters(parameters or {})
    values.update(dataset=str(dataset), page_dir=str(out.resolve().parent))
    out.parent.mkdir(parents=True, exist_ok=True)
    executed_path = out.with_suffix(".ipynb")
    try:
        executed = execute_notebook(Path(notebook or CORPUS_NOTEBOOK), executed_path, values)
    except ReportError as error:
        raise CorpusReportError(str(error)) from None
    title = "Kildebalanse i korpuset" if values.get("language", "nb") == "nb" else "Source balance"
    atomic_write(out, export_html(executed, SimpleNamespace(title=title)))
    return out
