"""Run history of `workbook batch`, in an embedded SQLite database beside the reports: `OUT/runs.sqlite`.

Three tables:
- `runs`: one row per batch run (start, end, status, counts, version, parameters, exit code);
- `results`: one row per article the run tried to render (content hash, status, seconds, error, outputs);
- `articles`: the current state of every article ever rendered into OUT (hashes, outputs, index summary),
  which is what lets an unchanged rerun skip an article without loading it or starting a kernel.

Each result is committed as soon as it arrives, so a run killed midway keeps what it finished; its `runs`
row keeps `ended` empty and `workbook history` shows it as interrupted.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DB_NAME = "runs.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    ended TEXT,
    status TEXT NOT NULL,              -- running, finished, interrupted
    total INTEGER NOT NULL DEFAULT 0,   -- articles found
    rendered INTEGER NOT NULL DEFAULT 0,-- reports written by this run
    skipped INTEGER NOT NULL DEFAULT 0, -- unchanged since an earlier run
    failed INTEGER NOT NULL DEFAULT 0,  -- articles whose current state is failed (new or unchanged)
    jobs INTEGER,
    version TEXT NOT NULL,
    settings_hash TEXT NOT NULL,
    parameters TEXT NOT NULL,           -- JSON, as passed to papermill
    exit_code INTEGER
);
CREATE TABLE IF NOT EXISTS results (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    article_path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL,               -- ok, failed
    seconds REAL NOT NULL,
    error TEXT,
    outputs TEXT NOT NULL               -- JSON list of file names relative to OUT
);
CREATE INDEX IF NOT EXISTS results_by_run ON results(run_id);
CREATE TABLE IF NOT EXISTS articles (
    path TEXT PRIMARY KEY,
    slug TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    settings_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    transient INTEGER NOT NULL DEFAULT 0, -- a failure worth retrying even when nothing changed
    error TEXT,
    outputs TEXT NOT NULL,
    summary TEXT NOT NULL,                -- JSON from ArticleAnalysis.summary()
    seconds REAL NOT NULL,
    run_id INTEGER NOT NULL
);
"""


@dataclass(frozen=True)
class ArticleState:
    """What OUT holds for one article since its last render attempt."""

    path: str
    slug: str
    content_hash: str
    settings_hash: str
    status: str
    transient: bool
    error: str | None
    outputs: list[str]
    summary: dict[str, Any]
    seconds: float


@dataclass(frozen=True)
class Outcome:
    """The result of one render attempt, as a worker reports it."""

    path: str
    slug: str
    content_hash: str
    status: str  # "ok" or "failed"
    seconds: float
    error: str | None = None
    outputs: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    transient: bool = False  # kernel or worker trouble: retried on the next run even if nothing changed


@dataclass(frozen=True)
class RunRecord:
    id: int
    started: str
    ended: str | None
    status: str
    total: int
    rendered: int
    skipped: int
    failed: int
    jobs: int | None
    version: str
    parameters: dict[str, Any]
    exit_code: int | None

    @property
    def seconds(self) -> float | None:
        if not self.ended:
            return None
        return (datetime.fromisoformat(self.ended) - datetime.fromisoformat(self.started)).total_seconds()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class History:
    """The run history of one OUT folder. Only the batch holding OUT's lock writes to it."""

    def __init__(self, out_dir: str | Path, create: bool = True):
        self.path = Path(out_dir) / DB_NAME
        if not create and not self.path.exists():
            raise FileNotFoundError(self.path)
        # A reader (`workbook history`) may meet a writer mid-commit: wait rather than fail.
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.row_factory = sqlite3.Row
        if create:
            self.db.executescript(_SCHEMA)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.db.commit()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing (under OUT's lock)

    def start_run(
        self,
        version: str,
        settings_hash: str,
        parameters: dict[str, Any],
        jobs: int,
        total: int = 0,
        skipped: int = 0,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO runs (started, status, jobs, version, settings_hash, parameters, total, skipped) "
            "VALUES (?, 'running', ?, ?, ?, ?, ?, ?)",
            (now_iso(), jobs, version, settings_hash, json.dumps(parameters, sort_keys=True), total, skipped),
        )
        self.db.commit()
        return int(cursor.lastrowid)

    def record(self, run_id: int, settings_hash: str, outcome: Outcome) -> None:
        """Store one render attempt and make it the article's current state, in one transaction."""
        outputs = json.dumps(outcome.outputs)
        with self.db:
            self.db.execute(
                "INSERT INTO results (run_id, article_path, content_hash, status, seconds, error, outputs) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    outcome.path,
                    outcome.content_hash,
                    outcome.status,
                    outcome.seconds,
                    outcome.error,
                    outputs,
                ),
            )
            self.db.execute(
                "INSERT OR REPLACE INTO articles (path, slug, content_hash, settings_hash, status, transient, "
                "error, outputs, summary, seconds, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    outcome.path,
                    outcome.slug,
                    outcome.content_hash,
                    settings_hash,
                    outcome.status,
                    int(outcome.transient),
                    outcome.error,
                    outputs,
                    json.dumps(outcome.summary, ensure_ascii=False),
                    outcome.seconds,
                    run_id,
                ),
            )
            # The run's tally grows with each report, so a run killed even with SIGKILL counts what it wrote.
            self.db.execute(
                "UPDATE runs SET rendered = rendered + ? WHERE id = ?", (int(outcome.status == "ok"), run_id)
            )

    def finish_run(
        self,
        run_id: int,
        *,
        status: str,
        total: int,
        rendered: int,
        skipped: int,
        failed: int,
        exit_code: int | None,
    ) -> None:
        with self.db:
            self.db.execute(
                "UPDATE runs SET ended = ?, status = ?, total = ?, rendered = ?, skipped = ?, failed = ?, "
                "exit_code = ? WHERE id = ?",
                (now_iso(), status, total, rendered, skipped, failed, exit_code, run_id),
            )

    @staticmethod
    def state_of(outcome: Outcome, settings_hash: str) -> ArticleState:
        """The article state a recorded outcome amounts to (what `article_states()` would now return)."""
        return ArticleState(
            path=outcome.path,
            slug=outcome.slug,
            content_hash=outcome.content_hash,
            settings_hash=settings_hash,
            status=outcome.status,
            transient=outcome.transient,
            error=outcome.error,
            outputs=list(outcome.outputs),
            summary=dict(outcome.summary),
            seconds=outcome.seconds,
        )

    # ------------------------------------------------------------------ reading

    def article_states(self) -> dict[str, ArticleState]:
        """Every article's current state, keyed by its resolved path: one query, no article is opened."""
        states = {}
        for row in self.db.execute("SELECT * FROM articles"):
            states[row["path"]] = ArticleState(
                path=row["path"],
                slug=row["slug"],
                content_hash=row["content_hash"],
                settings_hash=row["settings_hash"],
                status=row["status"],
                transient=bool(row["transient"]),
                error=row["error"],
                outputs=json.loads(row["outputs"]),
                summary=json.loads(row["summary"]),
                seconds=row["seconds"],
            )
        return states

    def last_runs(self, limit: int = 10) -> list[RunRecord]:
        rows = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [
            RunRecord(
                id=row["id"],
                started=row["started"],
                ended=row["ended"],
                status=row["status"],
                total=row["total"],
                rendered=row["rendered"],
                skipped=row["skipped"],
                failed=row["failed"],
                jobs=row["jobs"],
                version=row["version"],
                parameters=json.loads(row["parameters"]),
                exit_code=row["exit_code"],
            )
            for row in rows
        ]

    def run_results(self, run_id: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT * FROM results WHERE run_id = ? ORDER BY status DESC, article_path", (run_id,)
        ).fetchall()
        return [{**dict(row), "outputs": json.loads(row["outputs"])} for row in rows]


def mark_stale_runs_interrupted(history: History) -> None:
    """Runs still 'running' when a new run holds the lock were killed: say so in the history, with the
    reports each had written and the failures it had met (from its recorded results)."""
    with history.db:
        history.db.execute(
            "UPDATE runs SET status = 'interrupted', "
            "rendered = (SELECT count(*) FROM results WHERE run_id = runs.id AND status = 'ok'), "
            "failed = (SELECT count(*) FROM results WHERE run_id = runs.id AND status != 'ok') "
            "WHERE status = 'running'"
        )
