"""Scheduled report runs: a folder of articles in, a browsable, incrementally updated set of reports out.

`run_batch()` finds every article file under the input folders, renders a report for each one whose
content, notebook, package version, analysis code or parameters changed since it was last rendered into
OUT (content hashes, not timestamps), in a pool of worker processes with one kernel per report, and then
writes `OUT/index.html`. A lock on OUT keeps two runs from interleaving; `OUT/runs.sqlite` keeps the
history (see `analysis.history`). The parent process never imports papermill or loads an article: an
unchanged rerun only walks the folders, hashes bytes and reads one table.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import time
from collections import Counter
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePath
from typing import Any, Protocol

from .article import ArticleError, read_article_bytes
from .history import ArticleState, History, Outcome, mark_stale_runs_interrupted
from .report import (
    DEFAULT_NOTEBOOK,
    ReportError,
    atomic_write,
    check_replaceable,
    page,
    render_report,
    slugify,
)
from .run import open_executor, plan_workers, usable_cores
from .run.lock import Busy, exclusive

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml"})
INDEX_NAME = "index.html"
LOCK_NAME = ".workbook-batch.lock"
WORKER_LOG_NAME = ".workbook-batch.log"  # what workers and kernels print; rewritten by each run
RESERVED_SLUGS = frozenset({"index"})  # OUT/index.html is the batch's own page
PACKAGE_DIR = Path(__file__).resolve().parent
# Code that cannot change a report's content; editing it must not re-render every article.
CODE_NOT_IN_REPORTS = ("cli/", "batch.py", "history.py", "devset.py")
# The temporary names report.atomic_write and report.execute_notebook use; stale after a killed run.
_TEMPORARY = re.compile(r"^\..+\.(tmp|ipynb)$")


class BatchUsageError(ValueError):
    """Inputs or options that cannot work (a missing folder, OUT being a file, an unknown parameter)."""


class BatchBusy(Busy):
    """Another run holds OUT's lock and did not release it within the wait."""


@dataclass(frozen=True)
class ArticleFile:
    path: Path  # resolved: the key in the history and the path the notebook gets
    name: str  # relative to the folder it was found in: what the index and the log show
    slug: str  # OUT/<slug>.html and OUT/<slug>.ipynb


@dataclass(frozen=True)
class Task:
    article: ArticleFile
    content_hash: str
    reason: str  # new, changed, settings changed, outputs missing, retry, forced


@dataclass
class Plan:
    articles: list[ArticleFile]
    content_hashes: dict[Path, str]
    tasks: list[Task]
    skipped: list[ArticleFile]


@dataclass(frozen=True)
class BatchOptions:
    inputs: Sequence[Path]
    out_dir: Path
    jobs: int | None = None  # None: one worker per usable core; capped to the cores and the memory
    scheduler: str | None = None  # tcp://host:port of a Dask cluster (workers share OUT's file system)
    force: bool = False
    parameters: dict[str, Any] = field(default_factory=dict)
    notebook: Path = DEFAULT_NOTEBOOK
    wait: float = 0.0  # seconds to wait for OUT's lock; negative: wait for ever


@dataclass(frozen=True)
class BatchSummary:
    run_id: int
    total: int
    rendered: int
    skipped: int
    failed: int
    seconds: float
    index_path: Path
    interrupted: bool

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or self.interrupted else 0


class Progress(Protocol):
    """How a run reports itself: a progress bar on a terminal, log lines under cron (see cli/batch.py)."""

    def start(self, plan: Plan, jobs: int) -> None: ...

    def task_done(self, task: Task, outcome: Outcome) -> None: ...

    def finish(self, summary: BatchSummary) -> None: ...


# ---------------------------------------------------------------------------------------------- finding


def default_jobs() -> int:
    return usable_cores()  # CPU affinity (taskset, cgroup cpusets) and a cgroup CPU quota


def find_articles(inputs: Sequence[Path], out_dir: Path) -> list[ArticleFile]:
    """Article files (text and HTML) under the inputs, recursively; hidden files/folders and OUT are skipped."""
    out_resolved = out_dir.resolve()
    found: dict[Path, PurePath] = {}
    for given in inputs:
        root = Path(given).resolve()
        if root.is_file():
            found.setdefault(root, PurePath(root.name))
            continue
        # Walking the resolved root without following folder links yields resolved folders: no per-file
        # resolve() (a dozen system calls each), which matters for an unchanged rerun of thousands.
        for folder, subfolders, files in os.walk(root):
            here = Path(folder)
            # OUT inside an input folder holds HTML reports, which would otherwise be found as articles.
            subfolders[:] = sorted(
                d for d in subfolders if not d.startswith(".") and here / d != out_resolved
            )
            for name in sorted(files):
                if name.startswith(".") or os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
                    continue
                path = here / name
                found.setdefault(path, path.relative_to(root))
    return _with_slugs(found)


def _with_slugs(found: dict[Path, PurePath]) -> list[ArticleFile]:
    """Slugs from the relative path; two articles that would share one get a suffix from their path."""

    def base_slug(relative: PurePath) -> str:
        # slugify() keeps only a file's stem; folder names get a dummy suffix so "2024.05" stays whole.
        parts = [slugify(f"{part}.d") for part in relative.parent.parts] + [slugify(relative.name)]
        return "-".join(parts)

    bases = {path: base_slug(relative) for path, relative in found.items()}
    counts = Counter(bases.values())
    articles = []
    for path, relative in found.items():
        slug = bases[path]
        if counts[slug] > 1 or slug in RESERVED_SLUGS:
            slug = f"{slug}-{hashlib.sha1(str(path).encode()).hexdigest()[:6]}"
        articles.append(ArticleFile(path, relative.as_posix(), slug))
    return articles


# ---------------------------------------------------------------------------------------------- hashing


def content_hash(path: Path) -> str:
    # read_article_bytes never blocks (a FIFO would hang the whole run here); a file it refuses hashes as
    # its reason, and the worker's loader fails it with that same one line
    try:
        return hashlib.sha256(read_article_bytes(path)).hexdigest()
    except ArticleError as error:
        return f"unreadable: {error.problem}"


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsroom-workbook")
    except PackageNotFoundError:
        return "0+unknown"


def analysis_code_hash() -> str:
    """A hash of the analysis package files a report depends on, so a code change re-renders the reports.

    The package version alone is not enough while the analysis is under development and the version stays.
    """
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        relative = path.relative_to(PACKAGE_DIR).as_posix()
        if not path.is_file() or "__pycache__" in relative or relative.startswith(CODE_NOT_IN_REPORTS):
            continue
        digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def settings_hash(notebook: Path, parameters: dict[str, Any], version: str) -> str:
    """Everything besides the article that decides a report: notebook, version, parameters, analysis code."""
    digest = hashlib.sha256()
    for label, value in (
        ("notebook", Path(notebook).read_bytes()),
        ("version", version.encode()),
        ("parameters", json.dumps(parameters, sort_keys=True, ensure_ascii=False).encode()),
        ("code", analysis_code_hash().encode()),
    ):
        digest.update(label.encode() + b"\0" + value + b"\0")
    return digest.hexdigest()


def notebook_parameters(notebook: Path) -> set[str]:
    """Names assigned in the notebook's cell tagged "parameters" (what papermill can override)."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            names = set()
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Assign | ast.AnnAssign):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    names.update(t.id for t in targets if isinstance(t, ast.Name))
            return names
    return set()


# ---------------------------------------------------------------------------------------------- planning


def plan_batch(
    articles: list[ArticleFile],
    states: dict[str, ArticleState],
    current_settings: str,
    out_dir: Path,
    force: bool = False,
) -> Plan:
    """Decide per article: render (with the reason) or skip. Reads article bytes, never parses them."""
    hashes: dict[Path, str] = {}
    tasks, skipped = [], []
    for article in articles:
        digest = hashes[article.path] = content_hash(article.path)
        reason = _render_reason(article, digest, states.get(str(article.path)), current_settings, out_dir)
        if force:
            reason = "forced"
        if reason:
            tasks.append(Task(article, digest, reason))
        else:
            skipped.append(article)
    return Plan(articles, hashes, tasks, skipped)


def _render_reason(
    article: ArticleFile, digest: str, state: ArticleState | None, current_settings: str, out_dir: Path
) -> str | None:
    if state is None:
        return "new"
    if state.content_hash != digest:
        return "changed"
    if state.settings_hash != current_settings:
        return "settings changed"
    if state.slug != article.slug:
        return "renamed"
    if state.status == "failed":
        # A bad article or a notebook error fails again until something changes; a kernel hiccup may not.
        return "retry" if state.transient else None
    if not all((out_dir / name).exists() for name in state.outputs):
        return "outputs missing"
    return None


# ---------------------------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker needs for one article (picklable)."""

    article: ArticleFile
    content_hash: str
    out_dir: Path
    parameters: dict[str, Any]
    notebook: Path


def render_job(job: RenderJob) -> Outcome:
    """Render one article in this (worker) process; every failure becomes an Outcome with a one-line reason."""
    article, slug = job.article, job.article.slug
    started, started_ns = time.perf_counter(), time.time_ns()

    def failed(reason: str, outputs: list[str] | None = None, transient: bool = False) -> Outcome:
        return Outcome(
            str(article.path),
            slug,
            job.content_hash,
            "failed",
            time.perf_counter() - started,
            error=_one_line(reason),
            outputs=outputs or [],
            transient=transient,
        )

    try:
        result = render_report(article.path, job.out_dir, job.parameters, notebook=job.notebook, slug=slug)
    except ArticleError as error:  # raised before any kernel starts
        return failed(error.problem)
    except ReportError as error:
        executed = job.out_dir / f"{slug}.ipynb"
        kept = executed.exists() and executed.stat().st_mtime_ns >= started_ns
        # Without an executed notebook the kernel never ran it (report.py already retried once): transient.
        return failed(
            _tidy_reason(str(error), article.path, executed), [executed.name] if kept else [], not kept
        )
    except Exception as error:  # a bug or an OS problem: isolate it to this article, retry on the next run
        return failed(f"{type(error).__name__}: {error}", transient=True)

    # the kernel analysed the article once and published these facts; nothing is analysed again here
    facts = result.summary or {"title": result.title, "summary_error": "the notebook published no summary"}
    return Outcome(
        str(article.path),
        slug,
        job.content_hash,
        "ok",
        time.perf_counter() - started,
        outputs=[result.html_path.name, result.notebook_path.name],
        summary=facts,
    )


def _tidy_reason(message: str, article_path: Path, executed: Path) -> str:
    """ReportError names the article and the notebook by absolute path; the index shows both already."""
    prefix = f"{article_path}: "
    message = message[len(prefix) :] if message.startswith(prefix) else message
    return message.replace(f" (see {executed})", "")


def _one_line(text: str) -> str:
    lines = str(text).strip().splitlines()
    return lines[0][:300] if lines else "unknown error"


def _init_worker(log_path: str) -> None:
    # Kernels inherit the worker's stdout/stderr and chatter there ("Kernel is running over TCP...",
    # shutdown notices); under cron every such line would be mailed. Failures travel as Outcomes instead.
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log_fd, 1)
    os.dup2(log_fd, 2)
    os.close(log_fd)
    # Pay the exporter's one-off template loading (~0.6 s) once per worker, not in its first report.
    import nbformat
    from nbconvert import HTMLExporter

    HTMLExporter(template_name="basic").from_notebook_node(nbformat.v4.new_notebook())


# Imported once by the workers' fork server (copy-on-write): each report still runs in a kernel of its
# own; the workers only save the parent-side imports a naive `papermill` + `jupyter nbconvert` pays twice.
WORKER_PRELOAD = ["papermill", "nbconvert", "nbclient", "analysis.report", "analysis.analysis"]
# A worker with papermill and nbconvert loaded plus its notebook kernel: what --jobs is capped by.
WORKER_MEMORY = 400 * 1024 * 1024


def open_workers(jobs: int, options: BatchOptions):
    """The executor of a run: a Dask cluster with a scheduler address, else local worker processes that
    die with this process (kill -9 included) and end their kernels with them."""
    log_path = options.out_dir / WORKER_LOG_NAME
    return open_executor(
        jobs,
        options.scheduler,
        preload=WORKER_PRELOAD,
        initializer=_init_worker,
        initargs=(str(log_path),),
    )


def _run_tasks(tasks: list[Task], options: BatchOptions, jobs: int) -> Generator[tuple[Task, Outcome]]:
    """Yield each task's outcome as it completes; only a task whose worker died (alone) fails for it."""
    if not tasks:
        return
    by_job: dict[int, Task] = {}

    def jobs_of(pending: list[Task]) -> Iterator[RenderJob]:
        for task in pending:
            job = RenderJob(
                task.article, task.content_hash, options.out_dir, options.parameters, options.notebook
            )
            by_job[id(job)] = task
            yield job

    with open_workers(jobs, options) as executor:
        for result in executor.run(render_job, jobs_of(tasks)):
            task = by_job.pop(id(result.task))
            if result.ok:
                yield task, result.value
            elif result.crashed:
                yield task, _crashed_outcome(task)
            else:  # render_job turns every error into an Outcome: this is the executor's own trouble
                yield task, _failed_outcome(task, result.error)


def _failed_outcome(task: Task, error: str | None) -> Outcome:
    return Outcome(
        str(task.article.path),
        task.article.slug,
        task.content_hash,
        "failed",
        0.0,
        error=error or "unknown error",
        transient=True,
    )


def _crashed_outcome(task: Task) -> Outcome:
    return _failed_outcome(task, "the worker process rendering it died")


# ---------------------------------------------------------------------------------------------- the run


def check_options(options: BatchOptions) -> None:
    """Raise BatchUsageError for inputs or options that cannot work, before taking the lock."""
    if not options.inputs:
        raise BatchUsageError("no input folders given")
    for given in options.inputs:
        if not Path(given).exists():
            raise BatchUsageError(f"{given}: no such file or folder")
        if Path(given).resolve() == Path(options.out_dir).resolve():
            raise BatchUsageError(f"{given}: the input folder cannot also be the output folder")
    if Path(options.out_dir).exists() and not Path(options.out_dir).is_dir():
        raise BatchUsageError(f"{options.out_dir}: exists and is not a folder")
    if options.jobs is not None and options.jobs < 1:
        raise BatchUsageError("--jobs must be at least 1")
    if options.scheduler and "://" not in options.scheduler:
        raise BatchUsageError(f"--scheduler {options.scheduler}: expected an address like tcp://host:8786")
    if not Path(options.notebook).is_file():
        raise BatchUsageError(f"{options.notebook}: no such notebook")
    try:
        known = notebook_parameters(options.notebook)
    except (ValueError, SyntaxError, UnicodeDecodeError, KeyError, AttributeError) as error:
        raise BatchUsageError(
            f"{options.notebook}: not a readable notebook ({type(error).__name__})"
        ) from None
    for name in options.parameters:
        if name == "article_path":
            raise BatchUsageError(
                "article_path is set per article by the batch; it cannot be a batch parameter"
            )
        if name not in known:
            raise BatchUsageError(
                f"unknown parameter {name!r}: the notebook takes {', '.join(sorted(known - {'article_path'}))}"
            )


def locked(out_dir: Path, wait: float):
    """Hold OUT's lock for the whole run: two writers never interleave reports, index or history."""
    return exclusive(out_dir / LOCK_NAME, wait, "another batch run", BatchBusy)


def remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed run left behind; only ever called while holding OUT's lock."""
    for entry in os.scandir(out_dir):
        if entry.is_file() and _TEMPORARY.match(entry.name) and entry.name != LOCK_NAME:
            Path(entry.path).unlink(missing_ok=True)


def run_batch(options: BatchOptions, progress: Progress) -> BatchSummary:
    """Render what changed, write the index and the history; see the module docstring."""
    check_options(options)
    started = time.perf_counter()
    out_dir = Path(options.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    check_replaceable(out_dir / INDEX_NAME)  # refused before any work, not after the last report
    version = package_version()
    with locked(out_dir, options.wait), History(out_dir) as history:
        mark_stale_runs_interrupted(history)
        remove_stale_temporaries(out_dir)
        (out_dir / WORKER_LOG_NAME).unlink(missing_ok=True)
        current_settings = settings_hash(options.notebook, options.parameters, version)
        states = history.article_states()
        plan = plan_batch(
            find_articles(options.inputs, out_dir), states, current_settings, out_dir, options.force
        )
        workers = plan_workers(options.jobs, WORKER_MEMORY, tasks=len(plan.tasks))
        jobs = workers.workers
        run_id = history.start_run(
            version,
            current_settings,
            options.parameters,
            jobs,
            total=len(plan.articles),
            skipped=len(plan.skipped),
        )
        note = getattr(progress, "note", None)
        if options.scheduler and plan.tasks and note is not None:
            note(f"rendering on the Dask cluster at {options.scheduler}")
        elif workers.note and note is not None:
            note(workers.note)
        progress.start(plan, jobs if plan.tasks and not options.scheduler else 0)
        rendered = 0
        interrupted = True
        try:
            # closing(): on an exception the generator exits its pool, stopping the workers, before `finally`.
            with closing(_run_tasks(plan.tasks, options, jobs)) as outcomes:
                for task, outcome in outcomes:
                    history.record(run_id, current_settings, outcome)
                    states[outcome.path] = history.state_of(outcome, current_settings)
                    rendered += outcome.status == "ok"
                    progress.task_done(task, outcome)
            interrupted = False
        finally:
            # Also after Ctrl-C or SIGTERM: the index and history show what this run finished.
            entries = [(article, states.get(str(article.path))) for article in plan.articles]
            index_path = write_index(out_dir, entries, options.parameters.get("language", "nb"))
            failed = sum(1 for _, state in entries if state is not None and state.status != "ok")
            if interrupted:
                remove_stale_temporaries(out_dir)  # the terminated workers could not clean up
            summary = BatchSummary(
                run_id,
                len(plan.articles),
                rendered,
                len(plan.skipped),
                failed,
                time.perf_counter() - started,
                index_path,
                interrupted,
            )
            history.finish_run(
                run_id,
                status="interrupted" if interrupted else "finished",
                total=summary.total,
                rendered=rendered,
                skipped=summary.skipped,
                failed=failed,
                exit_code=None if interrupted else summary.exit_code,
            )
    progress.finish(summary)
    return summary


# ---------------------------------------------------------------------------------------------- the index

_LABELS = {
    "nb": {
        "title": "Rapportoversikt",
        "columns": ("Dato", "Tittel", "Ord", "Talere", "Tone", "Status"),
        "ok": "ok",
        "failed": "feilet",
        "pending": "ikke gjengitt ennå",
        "notebook": "utført notatbok",
        "meta": "{total} artikler · {failed} feilet · oppdatert {when}",
        "empty": "Ingen artikler funnet.",
    },
    "en": {
        "title": "Report index",
        "columns": ("Date", "Title", "Words", "Speakers", "Tone", "Status"),
        "ok": "ok",
        "failed": "failed",
        "pending": "not rendered yet",
        "notebook": "executed notebook",
        "meta": "{total} articles · {failed} failed · updated {when}",
        "empty": "No articles found.",
    },
}


def write_index(
    out_dir: Path, entries: list[tuple[ArticleFile, ArticleState | None]], language: str = "nb"
) -> Path:
    """`OUT/index.html`: one row per article, newest first, relative links, everything escaped."""
    from .present.html import esc
    from .present.tone import labels as tone_labels

    labels = _LABELS["en" if language == "en" else "nb"]
    tone_words = tone_labels(language)  # the tone label in the index's language, as in the reports
    # Newest first; undated (and failed) articles last, each group by title.
    rows = sorted(entries, key=lambda entry: _title_of(*entry).casefold())
    rows.sort(key=lambda entry: str(((entry[1] and entry[1].summary) or {}).get("date") or ""), reverse=True)

    body_rows = []
    for article, state in rows:
        facts = (state.summary if state else {}) or {}
        ok = state is not None and state.status == "ok"
        if ok:
            title_cell = f'<a href="{esc(article.slug)}.html">{esc(_title_of(article, state))}</a>'
            status_cell = esc(labels["ok"])
        else:
            title_cell = esc(article.name)
            reason = state.error if state else labels["pending"]
            status_cell = f"<strong>{esc(labels['failed'] if state else labels['pending'])}</strong>"
            if state:
                status_cell += f": {esc(reason)}"
                notebook_links = [name for name in state.outputs if name.endswith(".ipynb")]
                status_cell += "".join(
                    f' (<a href="{esc(name)}">{esc(labels["notebook"])}</a>)' for name in notebook_links
                )
        cells = (
            esc(facts.get("date") or ""),
            title_cell,
            esc(facts.get("words", "")),
            esc(_speakers_text(facts.get("speakers"))),
            esc(tone_words.get(facts["tone"], facts["tone"]) if facts.get("tone") else ""),
            status_cell,
        )
        row_class = "wb-ok" if ok else "wb-failed"
        body_rows.append(
            f'<tr class="{row_class}">' + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"
        )

    failed = sum(1 for _, state in entries if state is not None and state.status != "ok")
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    head = "".join(f"<th>{esc(label)}</th>" for label in labels["columns"])
    table = (
        f'<div class="wb-scroll"><table class="wb-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body_rows)}</tbody></table></div>"
        if body_rows
        else f"<p>{esc(labels['empty'])}</p>"
    )
    body = (
        f"<h1>{esc(labels['title'])}</h1>\n"
        f'<p class="wb-meta">{esc(labels["meta"].format(total=len(entries), failed=failed, when=when))}</p>\n'
        f"{table}"
    )
    index_path = out_dir / INDEX_NAME
    check_replaceable(index_path)  # a user's own index.html in OUT is never written over
    atomic_write(index_path, page(body, title=labels["title"], language="en" if language == "en" else "nb"))
    return index_path


def _title_of(article: ArticleFile, state: ArticleState | None) -> str:
    title = state.summary.get("title") if state and state.status == "ok" else None
    return str(title) if title else article.name


def _speakers_text(speakers: Any, most: int = 3) -> str:
    """Whatever summary() gives as speakers, shown as "Name 42 %, Other 20 %"; unknown shapes as text."""
    if not speakers:
        return ""
    if not isinstance(speakers, list):
        return str(speakers)
    shown = []
    for speaker in speakers[:most]:
        if not isinstance(speaker, dict):
            shown.append(str(speaker))
            continue
        name, share = speaker.get("name", "?"), speaker.get("share")
        if isinstance(share, int | float):
            shown.append(f"{name} {round(share * 100) if share <= 1 else round(share)} %")
        else:
            shown.append(str(name))
    return ", ".join(shown)
