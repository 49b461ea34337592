"""`build_corpus()`: analyse every new or changed article under the inputs into the dataset's tables.

The plan reads file bytes and one column set of the `articles` and `failures` tables, never an article's
text: an unchanged rebuild only walks the folders and hashes. Work runs on `analysis.run` executors
(local worker processes, or a Dask cluster with a scheduler address); rows stream from the workers into
Parquet parts, so memory does not grow with the corpus.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..run import WORKER_DIED, TaskResult, open_executor, plan_workers
from .rows import ChunkRows, analyse_chunk, failure_row
from .sources import Source, find_sources
from .store import (
    Generation,
    PartWriter,
    check_dataset_path,
    load_arrow,
    locked,
    publish,
    recover,
    table_files,
)

PART_ARTICLES = 2000  # articles per part: what a changed article costs to rewrite
GROUP_ARTICLES = 250  # articles per row group: what the build holds in memory before writing
CHECKPOINT_ARTICLES = 20_000  # a long build publishes what it has analysed this often
LOCAL_CHUNK = 8  # articles per task on local workers
DASK_CHUNK = 32  # fewer, larger tasks for the scheduler
WORKER_MEMORY = 300 * 1024 * 1024  # a worker's peak with the analysis loaded, for the memory cap
PRELOAD = ["analysis.corpus.rows", "analysis.corpus.warmup"]


class CorpusUsageError(ValueError):
    """Inputs or options that cannot work (a missing folder, a dataset path holding something else)."""


@dataclass(frozen=True)
class BuildOptions:
    inputs: list[Path]
    dataset: Path
    jobs: int | None = None  # None: one local worker per usable core
    scheduler: str | None = None  # tcp://host:port of a Dask scheduler
    outlet: str | None = None
    force: bool = False
    wait: float = 0.0


@dataclass(frozen=True)
class BuildSummary:
    dataset: Path
    total: int  # articles found
    analysed: int
    unchanged: int
    removed: int
    failed: int  # articles in the failures table now (new and kept)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (name, reason) of this build
    seconds: float = 0.0
    executor: str = ""
    note: str | None = None  # why fewer workers than asked
    generation: int = 0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


class BuildProgress(Protocol):
    def start(
        self, to_analyse: int, unchanged: int, removed: int, executor: str, note: str | None
    ) -> None: ...

    def advance(self, articles: int) -> None: ...

    def failed(self, name: str, reason: str) -> None: ...


class _Silent:
    def start(self, *args) -> None:
        pass

    def advance(self, articles: int) -> None:
        pass

    def failed(self, name: str, reason: str) -> None:
        pass


def check_options(options: BuildOptions) -> None:
    if not options.inputs:
        raise CorpusUsageError("no input folders given")
    dataset = Path(options.dataset).resolve()
    for given in options.inputs:
        path = Path(given)
        if not path.exists():
            raise CorpusUsageError(f"{given}: no such file or folder")
        if path.resolve() == dataset:
            raise CorpusUsageError(f"{given}: the input folder cannot also be the dataset")
    if options.jobs is not None and options.jobs < 1:
        raise CorpusUsageError("--jobs must be at least 1")
    if options.scheduler and "://" not in options.scheduler:
        raise CorpusUsageError(f"--scheduler {options.scheduler}: expected an address like tcp://host:8786")
    try:
        check_dataset_path(Path(options.dataset))
    except ValueError as error:
        raise CorpusUsageError(str(error)) from None


@dataclass
class _State:
    """What the committed dataset holds: per path its fingerprint, id and part; the failure rows."""

    analysed: dict[str, tuple[str, str, str]]  # path -> (fingerprint, article_id, part)
    failures: dict[str, dict]  # path -> failure row


def _read_state(dataset: Path) -> _State:
    import pyarrow.parquet as pq  # here, not at the top: see analysis.corpus.store

    analysed: dict[str, tuple[str, str, str]] = {}
    for part in table_files(dataset, "articles"):
        columns = pq.read_table(part, columns=["path", "fingerprint", "article_id", "part"]).to_pydict()
        for path, fingerprint, article_id, name in zip(
            columns["path"], columns["fingerprint"], columns["article_id"], columns["part"], strict=True
        ):
            analysed[path] = (fingerprint, article_id, name)
    failures = {}
    for part in table_files(dataset, "failures"):
        for row in pq.read_table(part).to_pylist():
            failures[row["path"]] = row
    return _State(analysed, failures)


def build_corpus(options: BuildOptions, progress: BuildProgress | None = None) -> BuildSummary:
    """Bring the dataset up to date with the inputs (see the module docstring); raises CorpusUsageError,
    DatasetBusy, ConnectionError (scheduler unreachable)."""
    progress = progress or _Silent()
    check_options(options)
    started = time.perf_counter()
    dataset = Path(options.dataset)
    dataset.mkdir(parents=True, exist_ok=True)
    with locked(dataset, options.wait), ExitStack() as stack:
        committed = recover(dataset)
        executor = None
        if not committed or options.force:
            # Everything will be analysed: start the workers (imports, word lists) while the files are hashed.
            executor = stack.enter_context(_open(options, None))
            executor.prestart()
        sources = find_sources([Path(p) for p in options.inputs], dataset, options.outlet)
        state = _read_state(dataset)
        if executor is not None:
            load_arrow()  # while the workers warm up, on the core they leave free
        tasks, kept_failures = [], []
        kept_paths: set[str] = set()
        for source in sources:
            done = state.analysed.get(source.path)
            failure = state.failures.get(source.path)
            if options.force:
                tasks.append(source)
            elif done and done[0] == source.fingerprint:
                kept_paths.add(source.path)
            elif failure and failure["fingerprint"] == source.fingerprint and not failure["transient"]:
                kept_failures.append(failure)  # fails again until the article (or the analysis) changes
            else:
                tasks.append(source)
        drop_by_part: dict[str, set[str]] = {}
        for path, (_, article_id, part) in state.analysed.items():
            if path not in kept_paths:
                drop_by_part.setdefault(part, set()).add(article_id)
        found = {s.path for s in sources}
        removed = sum(1 for path in state.analysed if path not in found)
        failures_unchanged = len(kept_failures) == len(state.failures)
        if committed and not tasks and not drop_by_part and failures_unchanged:
            return BuildSummary(
                dataset,
                len(sources),
                0,
                len(kept_paths),
                0,
                len(kept_failures),
                seconds=time.perf_counter() - started,
                generation=committed,
            )

        output = _Output(dataset, Generation(dataset, committed), kept_failures)
        try:
            for part in sorted({p for _, _, p in state.analysed.values()}):
                output.generation.carry_over(part, drop_by_part.get(part, set()))
            executor_name, note = _analyse(options, tasks, output, progress, executor)
            output.publish()
        except BaseException:
            output.generation.discard()  # what earlier checkpoints published stays
            raise
        new_failures = output.failures
    return BuildSummary(
        dataset,
        len(sources),
        len(tasks) - len(new_failures),
        len(kept_paths),
        removed,
        len(kept_failures) + len(new_failures),
        failures=[(row["name"], row["error"]) for row in new_failures],
        seconds=time.perf_counter() - started,
        executor=executor_name,
        note=note,
        generation=output.generation.number,
    )


def _open(options: BuildOptions, tasks: int | None):
    plan = plan_workers(options.jobs, WORKER_MEMORY, tasks=tasks)
    executor = open_executor(plan.workers, options.scheduler, preload=PRELOAD)
    executor.note = None if options.scheduler else plan.note
    return executor


class _Output:
    """Where a build's rows go: parts of the new generation, published at the end and, in a long build,
    every CHECKPOINT_ARTICLES analysed articles, so an interrupted build keeps what it had analysed."""

    def __init__(self, dataset: Path, generation: Generation, kept_failures: list[dict]) -> None:
        self.dataset = dataset
        self.generation = generation
        self.kept_failures = kept_failures
        self.failures: list[dict] = []  # new in this build
        self.writer = PartWriter(generation, PART_ARTICLES, GROUP_ARTICLES)
        self.since_checkpoint = 0

    def add(self, chunk: ChunkRows) -> None:
        self.writer.add(chunk.tables, len(chunk.analysed))
        self.since_checkpoint += len(chunk.analysed)
        if self.since_checkpoint >= CHECKPOINT_ARTICLES:
            self.checkpoint()

    def publish(self) -> None:
        self.writer.close()
        self.generation.write_failures(self.kept_failures + self.failures)
        self.generation.finish()
        publish(self.dataset, self.generation.number)

    def checkpoint(self) -> None:
        """Publish what is written so far and go on in a next generation holding the same parts."""
        self.publish()
        previous = self.generation
        self.generation = Generation(self.dataset, previous.number)
        for part in previous.part_names():
            self.generation.carry_over(part, set())
        self.writer = PartWriter(self.generation, PART_ARTICLES, GROUP_ARTICLES)
        self.since_checkpoint = 0


def _analyse(
    options: BuildOptions, tasks: list[Source], output: _Output, progress: BuildProgress, executor
) -> tuple[str, str | None]:
    """Run the tasks on the executor (opened here unless given), streaming rows into the output; returns
    the executor's description and the note on capped workers."""
    if not tasks:
        progress.start(0, 0, 0, "", None)
        return "", None
    chunk_size = DASK_CHUNK if options.scheduler else LOCAL_CHUNK
    with ExitStack() as stack:
        if executor is None:
            executor = stack.enter_context(_open(options, -(-len(tasks) // chunk_size)))
        note = executor.note
        progress.start(len(tasks), 0, 0, executor.description, note)
        crashed: list[Source] = []
        for result in executor.run(analyse_chunk, _chunks(tasks, chunk_size)):
            _take(result, output, crashed, progress)
        # A chunk whose worker died: its articles again, one per task, so only the culprit fails.
        for result in executor.run(analyse_chunk, ((s,) for s in crashed)):
            _take(result, output, [], progress)
        return executor.description, note


def _take(result: TaskResult, output: _Output, crashed: list[Source], progress) -> None:
    sources: tuple[Source, ...] = result.task
    failures = output.failures
    if result.ok:
        chunk: ChunkRows = result.value
        output.add(chunk)
        for row in chunk.failures:
            failures.append(row)
            progress.failed(row["name"], row["error"])
        progress.advance(len(sources))
    elif len(sources) > 1 and result.crashed:
        crashed.extend(sources)
    else:
        for source in sources:
            row = failure_row(source, WORKER_DIED if result.crashed else result.error, result.crashed)
            failures.append(row)
            progress.failed(source.name, row["error"])
        progress.advance(len(sources))


def _chunks(tasks: list[Source], size: int) -> Iterator[tuple[Source, ...]]:
    for start in range(0, len(tasks), size):
        yield tuple(tasks[start : start + size])
