"""The shared evaluation material beside the project (../shared/eval), for tests and benchmarks only.

The NDT dev texts may be rebuilt locally but never committed: they are written under `.cache/ndt_dev/`
(ignored by git) with the shared `ndt_text.py`, from the titles and dates in the manifest.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path | None:
    """../shared from the project root (or $WORKBOOK_SHARED), when it exists."""
    candidate = Path(os.environ.get("WORKBOOK_SHARED", PROJECT_ROOT.parent / "shared"))
    return candidate if (candidate / "eval").is_dir() else None


@dataclass(frozen=True)
class DevArticle:
    id: str
    title: str
    date: str
    text_path: Path
    gold_path: Path


def manifest_rows(set_dir: Path) -> list[dict[str, str]]:
    """The rows of an evaluation set's manifest.tsv (id, title, date, outlet, ...)."""
    with (set_dir / "manifest.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def rebuild_text(set_dir: Path, row: dict[str, str], cache_dir: Path) -> Path:
    """The text of one treebank article rebuilt by the shared ndt_text.py into `cache_dir/ID.txt`, once
    (written to a temporary file and renamed, so a half-written text is never taken for a whole one)."""
    text_path = cache_dir / f"{row['id']}.txt"
    if not text_path.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        script = set_dir.parent / "ndt_text.py"
        command = [sys.executable, str(script), str(set_dir / f"{row['id']}.conll")]
        result = subprocess.run(
            [*command, "--title", row["title"], "--date", row["date"]],
            capture_output=True,
            text=True,
            check=True,
        )
        tmp = text_path.with_suffix(".tmp")
        tmp.write_text(result.stdout, encoding="utf-8")
        tmp.replace(text_path)
    return text_path


def rebuild_set(name: str, cache_dir: Path | None = None) -> list[tuple[dict[str, str], Path]]:
    """Every article of ../shared/eval/NAME (ndt_dev, ndt_dev2, ndt_news) as (manifest row, rebuilt text
    under .cache/NAME/); empty without ../shared."""
    shared = shared_dir()
    if shared is None:
        return []
    set_dir = shared / "eval" / name
    cache_dir = cache_dir or PROJECT_ROOT / ".cache" / name
    return [(row, rebuild_text(set_dir, row, cache_dir)) for row in manifest_rows(set_dir)]


def rebuild_dev_set(cache_dir: Path | None = None) -> list[DevArticle]:
    """Rebuild the ten NDT dev texts (idempotent) and return them with their gold files."""
    gold = (shared_dir() or PROJECT_ROOT) / "eval" / "ndt_dev" / "gold"
    return [
        DevArticle(row["id"], row["title"], row["date"], path, gold / f"{row['id']}.json")
        for row, path in rebuild_set("ndt_dev", cache_dir)
    ]


def seed_gold() -> Path | None:
    shared = shared_dir()
    return shared / "eval" / "gold_seed.json" if shared else None
