"""The corpus dataset on disk: Parquet parts in generations, published by atomic renames, under a lock.

    DATASET/_dataset.json            {"format": "workbook-corpus", "version": 1, "generation": 13}
    DATASET/<table>  -> .store/g000013/<table>     (a relative symbolic link per table)
    DATASET/.store/g000013/<table>/part-g000012-00000.parquet ...

A build writes a whole new generation in the hidden `.store` (unchanged parts are hard links, parts that
held a changed or removed article are rewritten without its rows, new articles go to new parts), marks it
ready, then swaps each table's link with one `rename` and records the generation last. Readers therefore
see each table either before or after a build, never half-written; a build killed before the mark leaves
only a hidden folder the next build deletes, one killed after it is completed by the next build.
The previous generation is kept for readers still reading it; older ones are deleted.

pyarrow is imported where a part is first read or written: a cold build starts its workers (which never
load it) before this process pays for the import.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..run.lock import Busy, exclusive
from .columns import PER_ARTICLE_TABLES, TABLES, empty_columns

MARKER = "_dataset.json"
STORE = ".store"
READY = "_ready"
LOCK_NAME = ".corpus.lock"
FORMAT = "workbook-corpus"
VERSION = 1


class DatasetError(ValueError):
    """A dataset path that cannot be used (a file, a folder holding something else)."""


class DatasetBusy(Busy):
    """Another build holds the dataset's lock."""


def check_dataset_path(dataset: Path) -> None:
    if dataset.exists() and not dataset.is_dir():
        raise DatasetError(f"{dataset}: exists and is not a folder")
    if dataset.is_dir() and not (dataset / MARKER).exists():
        visible = [p.name for p in dataset.iterdir() if not p.name.startswith(".")]
        if visible:
            raise DatasetError(
                f"{dataset}: a folder that is not a corpus dataset (it holds {visible[0]!r}); "
                "choose a new or empty folder"
            )


def locked(dataset: Path, wait: float = 0.0):
    """Hold the dataset's lock for a whole build; `wait` seconds for another build (negative: for ever)."""
    return exclusive(dataset / LOCK_NAME, wait, "another corpus build", DatasetBusy)


def generation_name(number: int) -> str:
    return f"g{number:06d}"


def committed_generation(dataset: Path) -> int:
    try:
        return int(json.loads((dataset / MARKER).read_text(encoding="utf-8"))["generation"])
    except (OSError, ValueError, KeyError):
        return 0


def recover(dataset: Path) -> int:
    """Finish a ready generation a killed build did not publish, delete unfinished ones (under the lock).
    Returns the committed generation."""
    committed = committed_generation(dataset)
    store = dataset / STORE
    if not store.is_dir():
        return committed
    for folder in sorted(store.iterdir()):
        number = _generation_number(folder.name)
        if number is None or number <= committed:
            continue
        if (folder / READY).exists():
            publish(dataset, number)
            committed = number
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return committed


def _generation_number(name: str) -> int | None:
    return int(name[1:]) if name.startswith("g") and name[1:].isdigit() else None


def table_files(dataset: Path, table: str, generation: int | None = None) -> list[Path]:
    """The part files of a table in a generation (default: the committed one)."""
    generation = committed_generation(dataset) if generation is None else generation
    folder = dataset / STORE / generation_name(generation) / table
    return sorted(folder.glob("*.parquet")) if generation and folder.is_dir() else []


class Generation:
    """A new generation being written: carry parts over, add new parts, then `publish`."""

    def __init__(self, dataset: Path, previous: int) -> None:
        self.dataset = dataset
        self.previous = previous
        self.number = previous + 1
        self.folder = dataset / STORE / generation_name(self.number)
        if self.folder.exists():
            shutil.rmtree(self.folder)
        for table in TABLES:
            (self.folder / table).mkdir(parents=True)
        self._next_part = 0

    def new_part_name(self) -> str:
        name = f"part-{generation_name(self.number)}-{self._next_part:05d}.parquet"
        self._next_part += 1
        return name

    def carry_over(self, part: str, drop_articles: set[str]) -> bool:
        """Bring a previous part into this generation: linked as is, or rewritten without the rows of
        `drop_articles`. False when nothing of it is left."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        from .tables import TABLE_SCHEMAS

        old = self.dataset / STORE / generation_name(self.previous)
        if drop_articles:
            kept = pq.read_table(old / "articles" / part, columns=["article_id"]).column(0).to_pylist()
            if not set(kept) - drop_articles:
                return False
        for table in PER_ARTICLE_TABLES:
            source, target = old / table / part, self.folder / table / part
            if not drop_articles:
                _link_or_copy(source, target)
                continue
            rows = pq.read_table(source, schema=TABLE_SCHEMAS[table])
            mask = pc.invert(pc.is_in(rows.column("article_id"), value_set=pa.array(sorted(drop_articles))))
            pq.write_table(rows.filter(mask), target)
        return True

    def part_names(self) -> list[str]:
        """The parts this generation holds (each in every per-article table)."""
        return sorted(p.name for p in (self.folder / "articles").glob("part-*.parquet"))

    def write_failures(self, rows: list[dict]) -> None:
        write_rows(self.folder / "failures" / "failures.parquet", "failures", rows)

    def finish(self) -> None:
        """Every table gets at least one (possibly empty) part, so every table reads with its columns."""
        for table in TABLES:
            folder = self.folder / table
            if not any(folder.glob("*.parquet")):
                write_rows(folder / "empty.parquet", table, [])
        (self.folder / READY).touch()

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def load_arrow() -> None:
    """Import pyarrow and what its first array imports (pandas, for its conversion checks: ~0.5 s), so a
    build can pay for them while a core is idle instead of at its first write, when the workers need both."""
    import pyarrow as pa
    import pyarrow.parquet  # noqa: F401

    pa.array([], type=pa.string())


def write_rows(path: Path, table: str, rows: Iterable[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .tables import TABLE_SCHEMAS

    schema = TABLE_SCHEMAS[table]
    pq.write_table(pa.Table.from_pylist(list(rows), schema=schema), path)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def publish(dataset: Path, number: int) -> None:
    """Point every table at generation `number` (one atomic rename each), then record it."""
    name = generation_name(number)
    for table in TABLES:
        link = dataset / table
        if link.exists() and not link.is_symlink():
            raise DatasetError(f"{link}: expected the dataset's link to its table, found a real folder")
        temporary = dataset / f".{table}.link"
        temporary.unlink(missing_ok=True)
        os.symlink(Path(STORE) / name / table, temporary, target_is_directory=True)
        os.replace(temporary, link)
    marker = dataset / f".{MARKER}.tmp"
    marker.write_text(
        json.dumps({"format": FORMAT, "version": VERSION, "generation": number}) + "\n", encoding="utf-8"
    )
    os.replace(marker, dataset / MARKER)
    for folder in (dataset / STORE).iterdir():
        old = _generation_number(folder.name)
        if old is not None and old < number - 1:
            shutil.rmtree(folder, ignore_errors=True)


class PartWriter:
    """New articles' rows streamed into parts of at most `part_articles` articles, a row group at a time."""

    def __init__(self, generation: Generation, part_articles: int, group_articles: int) -> None:
        self.generation = generation
        self.part_articles = part_articles
        self.group_articles = group_articles
        self._writers: dict[str, Any] = {}  # table -> its part's pyarrow.parquet.ParquetWriter
        self._part: str | None = None
        self._in_part = 0
        self._buffer: dict[str, dict[str, list]] = {}
        self._buffered = 0

    def add(self, tables: dict[str, dict[str, list]], articles: int) -> None:
        if not articles:
            return
        if self._part is None:
            self._part = self.generation.new_part_name()
        tables["articles"]["part"] = [self._part] * articles
        for table, columns in tables.items():
            buffer = self._buffer.setdefault(table, empty_columns(table))
            for name, values in columns.items():
                buffer[name].extend(values)
        self._buffered += articles
        self._in_part += articles
        if self._buffered >= self.group_articles or self._in_part >= self.part_articles:
            self._flush()
        if self._in_part >= self.part_articles:
            self._close_part()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from .tables import TABLE_SCHEMAS

        for table, columns in self._buffer.items():
            writer = self._writers.get(table)
            if writer is None:
                path = self.generation.folder / table / self._part
                writer = self._writers[table] = pq.ParquetWriter(path, TABLE_SCHEMAS[table])
            writer.write_table(pa.Table.from_pydict(columns, schema=TABLE_SCHEMAS[table]))
        self._buffer = {}
        self._buffered = 0

    def _close_part(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers = {}
        self._part = None
        self._in_part = 0

    def close(self) -> None:
        if self._buffered:
            self._flush()
        self._close_part()
