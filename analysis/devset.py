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


def rebuild_dev_set(cache_dir: Path | None = None) -> list[DevArticle]:
    """Rebuild the ten NDT dev texts (idempotent) and return them with their gold files."""
    shared = shared_dir()
    if shared is None:
        return []
    dev = shared / "eval" / "ndt_dev"
    cache_dir = cache_dir or PROJECT_ROOT / ".cache" / "ndt_dev"
    cache_dir.mkdir(parents=True, exist_ok=True)
    out = []
    with (dev / "manifest.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            text_path = cache_dir / f"{row['id']}.txt"
            if not text_path.exists():
                result = subprocess.run(
                    [
                        sys.executable,
                        str(shared / "eval" / "ndt_text.py"),
                        str(dev / f"{row['id']}.conll"),
                        "--title",
                        row["title"],
                        "--date",
                        row["date"],
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                tmp = text_path.with_suffix(".tmp")
                tmp.write_text(result.stdout, encoding="utf-8")
                tmp.replace(text_path)
            out.append(
                DevArticle(
                    row["id"], row["title"], row["date"], text_path, dev / "gold" / f"{row['id']}.json"
                )
            )
    return out


def seed_gold() -> Path | None:
    shared = shared_dir()
    return shared / "eval" / "gold_seed.json" if shared else None
