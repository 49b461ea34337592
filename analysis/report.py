"""Render an article's report: execute the parameterised notebook with papermill, export HTML in-process.

The executed notebook and the HTML land side by side as `OUT/<slug>.ipynb` and `OUT/<slug>.html`, each
written to a temporary file first and renamed, so a reader never sees half a report. A failing run keeps
the executed notebook (with papermill's error banner) and raises `ReportError` with a one-line reason.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .article import Article, ArticleError, load_article

# shipped inside the package, so `workbook report` works from any folder after `pip install`
DEFAULT_NOTEBOOK = Path(__file__).resolve().parent / "notebooks" / "article_report.ipynb"
# the kernel hands the batch index its facts through one output of this type, kept out of the page
SUMMARY_MIME = "application/vnd.workbook.summary+json"
KERNEL_NAME = "python3"  # ipykernel's native kernel: the running environment's own Python


class ReportError(Exception):
    """A report that could not be rendered; the message is one line."""


@dataclass(frozen=True)
class ReportResult:
    article_path: Path
    html_path: Path
    notebook_path: Path
    title: str
    seconds: float
    article: Article  # as loaded for the report, so callers need not read and decode it again
    summary: dict | None = None  # the facts the notebook published (`publish_summary`), when it did


def slugify(path: str | Path) -> str:
    """A file-system and URL safe name from the article's file name: "Blinken og Lavrov.txt" → "blinken-og-lavrov"."""
    stem = Path(path).stem
    ascii_text = unicodedata.normalize(
        "NFKD",
        stem.replace("æ", "ae")
        .replace("ø", "o")
        .replace("å", "a")
        .replace("Æ", "Ae")
        .replace("Ø", "O")
        .replace("Å", "A"),
    )
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or "article"


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder, then rename: readers see the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render_report(
    article_path: str | Path,
    out_dir: str | Path,
    parameters: dict | None = None,
    notebook: str | Path | None = None,
    slug: str | None = None,
) -> ReportResult:
    """Execute the report notebook for one article and publish `OUT/<slug>.html` beside `OUT/<slug>.ipynb`.

    Raises `ArticleError` before any kernel starts when the article does not load, and `ReportError` when
    the notebook fails (the failed executed notebook is kept for inspection).
    """
    started = time.perf_counter()
    article_path = Path(article_path).resolve()
    article = load_article(article_path)  # fail fast: no kernel for an article that does not load
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    slug = slug or slugify(article_path)
    notebook_path = out_dir / f"{slug}.ipynb"
    html_path = out_dir / f"{slug}.html"
    params = {"article_path": str(article_path), **(parameters or {})}

    # nbconvert's import and template set-up overlap the kernel's run instead of following it
    warm = threading.Thread(target=_html_exporter, name="warm-nbconvert", daemon=True)
    warm.start()
    executed = execute_notebook(Path(notebook or DEFAULT_NOTEBOOK), notebook_path, params)
    warm.join()
    summary = take_summary(executed)
    atomic_write(html_path, export_html(executed, article))
    return ReportResult(
        article_path, html_path, notebook_path, article.title, time.perf_counter() - started, article, summary
    )


def publish_summary(analysis) -> None:
    """In the report notebook: hand the analysis' summary to `render_report` (never shown on the page)."""
    from IPython.display import display

    display({SUMMARY_MIME: analysis.summary()}, raw=True)


def take_summary(executed_notebook) -> dict | None:
    """Remove the published summary from an executed notebook's outputs and return it (None if absent)."""
    found = None
    for cell in executed_notebook.cells:
        outputs = cell.get("outputs", [])
        kept = [o for o in outputs if SUMMARY_MIME not in o.get("data", {})]
        if len(kept) != len(outputs):
            found = next(o["data"][SUMMARY_MIME] for o in outputs if SUMMARY_MIME in o.get("data", {}))
            cell["outputs"] = kept
    return dict(found) if found is not None else None


def execute_notebook(notebook: Path, output_path: Path, parameters: dict):
    """Run the notebook with papermill into a temporary file, then move it into place (kept on failure too)."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    fd, tmp_name = tempfile.mkstemp(dir=output_path.parent, prefix=f".{output_path.stem}.", suffix=".ipynb")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        for attempt in (1, 2):
            try:
                papermill.execute_notebook(
                    str(notebook),
                    str(tmp),
                    parameters=parameters,
                    kernel_name=KERNEL_NAME,
                    progress_bar=False,
                    cwd=str(notebook.parent),
                    request_save_on_cell_execute=False,
                    # the kernel's own start-up log (e.g. its TCP-transport notice) would reach cron mail
                    extra_arguments=["--IPKernelApp.log_level=ERROR"],
                )
                break
            except PapermillExecutionError as error:
                os.replace(tmp, output_path)
                raise ReportError(
                    f"{parameters.get('article_path')}: the report notebook failed in cell {error.exec_count}: "
                    f"{error.ename}: {_first_line(error.evalue)} (see {output_path})"
                ) from None
            except (
                RuntimeError
            ) as error:  # kernel start races under parallel load (papermill #511): retry once
                if attempt == 2 or "kernel" not in str(error).lower():
                    raise ReportError(
                        f"{parameters.get('article_path')}: the kernel failed: {_first_line(error)}"
                    ) from None
        executed = nbformat.read(tmp, as_version=4)
        os.replace(tmp, output_path)
        return executed
    finally:
        tmp.unlink(missing_ok=True)


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0][:300] if text else ""


def export_html(executed_notebook, article: Article) -> str:
    """Self-contained HTML from an executed notebook: outputs only, no prompts, inline styles, no URLs."""
    with _EXPORT_LOCK:  # one exporter per process, used by one report at a time
        body, _resources = _html_exporter().from_notebook_node(executed_notebook)
    return page(body, title=article.title, language=_report_language(executed_notebook))


_EXPORT_LOCK = threading.Lock()


@cache
def _html_exporter():
    """nbconvert's HTML exporter for reports (basic template: no input, no prompts), built once, warmed up."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.from_notebook_node(nbformat.v4.new_notebook())  # loads the template environment now
    return exporter


def _report_language(executed_notebook) -> str:
    parameters = executed_notebook.metadata.get("papermill", {}).get("parameters", {})
    return "en" if parameters.get("language") == "en" else "nb"


def page(body: str, title: str, language: str = "nb") -> str:
    """Wrap exported cells in a complete HTML page with the report's inline stylesheet."""
    from .present.html import esc

    css = resources.files("analysis.templates").joinpath("report.css").read_text(encoding="utf-8")
    suffix = "analyserapport" if language == "nb" else "analysis report"
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)} – {suffix}</title>\n<style>\n{css}\n</style>\n</head>\n"
        f'<body>\n<main class="wb-report">\n{body}\n</main>\n</body>\n</html>\n'
    )


__all__ = ["ArticleError", "ReportError", "ReportResult", "render_report", "slugify", "atomic_write", "page"]
