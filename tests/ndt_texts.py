"""Rebuilt texts of the shared NDT evaluation sets (../shared/eval), for tests only.

The treebank's licence forbids republishing the texts, so they are rebuilt with the shared `ndt_text.py`
under `.cache/<set>/` (ignored by git), from the titles and dates in each set's manifest.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rebuilt_texts(eval_dir: Path, set_name: str) -> Path:
    """The folder of rebuilt texts of `eval_dir/set_name` (ID.txt for each manifest row), made once."""
    source = eval_dir / set_name
    cache = ROOT / ".cache" / set_name
    cache.mkdir(parents=True, exist_ok=True)
    with (source / "manifest.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            path = cache / f"{row['id']}.txt"
            if path.exists():
                continue
            command = [sys.executable, str(eval_dir / "ndt_text.py"), str(source / f"{row['id']}.conll")]
            result = subprocess.run(
                [*command, "--title", row["title"], "--date", row["date"]],
                capture_output=True,
                text=True,
                check=True,
            )
            temporary = path.with_suffix(".tmp")
            temporary.write_text(result.stdout, encoding="utf-8")
            temporary.replace(path)
    return cache
