"""Render an article's report: execute the parameterised notebook with papermill, export HTML in-process.

The executed notebook and the HTML land side by side as `OUT/<slug>.ipynb` and `OUT/<slug>.html`, each
written to a temporary file first and renamed, so a reader never sees half a report. A failing run keeps
the executed notebook (with papermill's error banner) and raises `ReportError` with a one-line reason.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .article import Article, ArticleError, load_article

# nbformat validates notebooks through jsonschema, whose optional IRI format checker (rfc3987_syntax, installed
# with JupyterLab) compiles a grammar when imported: a second of every report's start-up for a format no
# notebook uses. Marking it absent makes jsonschema skip that one checker.
sys.modules.setdefault("rfc3987_syntax", None)

# shipped inside the package, so `workbook report` works from any folder after `pip install`
DEFAULT_NOTEBOOK = Path(__file__).resolve().parent / "notebooks" / "article_report.ipynb"
# the kernel hands the batch index its facts through one output of this type, kept out of the page
SUMMARY_MIME = "application/vnd.workbook.summary+json"
KERNEL_NAME = "python3"  # ipykernel's native kernel: the running environment's own Python


class ReportError(Exception):
    """A report that could not be rendered; the message is one line."""


class OutputError(Exception):
    """An output that cannot or must not be written (an unusable folder, the article itself, a file the
    workbook did not write); the message is one line naming the path. A user's error: exit code 2."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


# Every page the workbook writes says so in its head; reports written before this marker carry the
# Content-Security-Policy line below, which no hand-made page has word for word.
GENERATOR = "newsroom-workbook"
_GENERATOR_META = f'<meta name="generator" content="{GENERATOR}">'
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


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
    """Write via a temporary file in the same folder, then rename: readers see the old or the new file.

    The file gets the mode an ordinary new file gets under the umask (0644 under 022), not mkstemp's 0600:
    a web server running as another user must be able to serve the reports.
    """
    make_folder(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(path.parent, f"cannot be written to ({error.strerror or error})") from None
    try:
        os.fchmod(fd, new_file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(path, f"cannot be written ({error.strerror or error})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def new_file_mode() -> int:
    """The permissions `open()` would give a new file now: 0666 less the process umask."""
    return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux shows the umask without changing it; os.umask() can only be read by setting it
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def make_folder(folder: Path) -> None:
    """Create an output folder (and its parents) or raise `OutputError` saying why it cannot be used."""
    check_output_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(folder, f"cannot be created ({error.strerror or error})") from None


def check_output_folder(folder: str | Path) -> None:
    """Raise `OutputError` unless `folder` is, or can become, a folder this process may write into.

    Checked before any kernel starts, without creating anything: a mistyped --out costs one line, not a run.
    """
    folder = Path(folder)
    existing = folder
    while not existing.exists() and not existing.is_symlink() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        where = (
            "exists and is not a folder"
            if existing == folder
            else f"cannot be created ({existing} is a file)"
        )
        raise OutputError(folder, where)
    if not os.access(existing, os.W_OK | os.X_OK):
        where = "is not writable" if existing == folder else f"cannot be created ({existing} is not writable)"
        raise OutputError(folder, where)


def check_replaceable(target: Path, article_path: Path | None = None) -> None:
    """Raise `OutputError` if writing `target` would replace the article or a file the workbook did not write."""
    if not os.path.lexists(target):
        return
    if article_path and article_path.exists() and target.exists() and os.path.samefile(target, article_path):
        raise OutputError(target, "is the article itself; choose another --out folder")
    if not written_by_workbook(target):
        raise OutputError(
            target,
            "exists and was not written by the workbook; not replacing it (move it or choose another --out)",
        )


def written_by_workbook(path: Path) -> bool:
    """Is `path` a report page, index or executed notebook that the workbook wrote (and may replace)?"""
    import json

    if path.is_symlink() or not path.is_file():
        return False
    try:
        if path.suffix == ".ipynb":
            metadata = json.loads(path.read_bytes()).get("metadata", {})
            return isinstance(metadata, dict) and ("workbook" in metadata or "papermill" in metadata)
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except (OSError, ValueError, AttributeError):
        return False
    return _GENERATOR_META in head or _CSP in head


def render_report(
    article_path: str | Path,
    out_dir: str | Path,
    parameters: dict | None = None,
    notebook: str | Path | None = None,
    slug: str | None = None,
) -> ReportResult:
    """Execute the report notebook for one article and publish `OUT/<slug>.html` beside `OUT/<slug>.ipynb`.

    Raises `ArticleError` before any kernel starts when the article does not load, `OutputError` (also
    before the kernel) when OUT cannot be written or a file there is the article or not the workbook's own,
    and `ReportError` when the notebook fails (the failed executed notebook is kept for inspection).
    """
    started = time.perf_counter()
    article = load_article(article_path)  # fail fast: no kernel for an article that does not load
    article_path = Path(article_path).resolve()  # after loading: a link loop is the loader's one line
    out_dir = Path(out_dir)
    make_folder(out_dir)
    slug = slug or slugify(article_path)
    notebook_path = out_dir / f"{slug}.ipynb"
    html_path = out_dir / f"{slug}.html"
    for target in (html_path, notebook_path):
        check_replaceable(target, article_path)
    params = {"article_path": str(article_path), **(parameters or {})}

    # nbconvert's template set-up overlaps the kernel's run instead of following it. What both threads
    # would import is imported here first: two threads importing the same packages in different orders
    # can trip importlib's deadlock detection, and the report would fail before its kernel started.
    _import_shared_modules()
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
    """Run the notebook with papermill into a temporary file, then move it into place (kept on failure too).

    The notebook written keeps only file names (the article's, its own, the notebook's), never a path of
    the rendering machine, as the HTML does; it is marked as the workbook's so a later run may replace it.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    def publish() -> nbformat.NotebookNode:
        executed = nbformat.read(tmp, as_version=4)
        executed = _with_file_names_only(executed, machine_paths)
        executed.metadata["workbook"] = {"generator": GENERATOR}
        nbformat.write(executed, tmp)
        os.replace(tmp, output_path)
        return executed

    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=output_path.parent, prefix=f".{output_path.stem}.", suffix=".ipynb"
        )
    except OSError as error:
        raise OutputError(output_path.parent, f"cannot be written to ({error.strerror or error})") from None
    try:  # entered right after mkstemp: an interrupt from here on still removes the temporary file
        tmp = Path(tmp_name)
        os.fchmod(fd, new_file_mode())  # papermill rewrites the file in place, keeping this mode
        os.close(fd)
        machine_paths = {
            str(tmp): output_path.name,
            str(parameters.get("article_path", "")): Path(str(parameters.get("article_path", ""))).name,
            str(notebook): notebook.name,
        }
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
                publish()
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
        return publish()
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def _with_file_names_only(node, replacements: dict[str, str]):
    """Every string in a notebook with the given absolute paths replaced by their file names."""
    paths = sorted((path for path in replacements if path and os.path.isabs(path)), key=len, reverse=True)
    if not paths:
        return node
    pattern = re.compile("|".join(re.escape(path) for path in paths))

    def clean(value):
        if isinstance(value, str):
            return pattern.sub(lambda found: replacements[found.group(0)], value)
        if isinstance(value, dict):
            for key in value:
                value[key] = clean(value[key])
            return value
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    return clean(node)


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0][:300] if text else ""


def export_html(executed_notebook, article: Article) -> str:
    """Self-contained HTML from an executed notebook: outputs only, no prompts, inline styles, no URLs."""
    with _EXPORT_LOCK:  # one exporter per process, used by one report at a time
        body, _resources = _html_exporter().from_notebook_node(executed_notebook)
    return page(body, title=article.title, language=_report_language(executed_notebook))


_EXPORT_LOCK = threading.Lock()


def _import_shared_modules() -> None:
    """Import the packages papermill's run and nbconvert's exporter both load (papermill loads nbconvert
    itself; the kernel client and the exporter's highlighting share pygments), so no thread imports them
    while the other does."""
    import papermill  # noqa: F401
    import pygments.style  # noqa: F401


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
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{_GENERATOR_META}\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f"<title>{esc(title)} – {suffix}</title>\n<style>\n{css}\n</style>\n</head>\n"
        f'<body>\n<main class="wb-report">\n{body}\n</main>\n</body>\n</html>\n'
    )


__all__ = [
    "ArticleError",
    "OutputError",
    "ReportError",
    "ReportResult",
    "render_report",
    "slugify",
    "atomic_write",
    "check_output_folder",
    "check_replaceable",
    "page",
]
