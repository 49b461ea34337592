"""Seed report: `workbook report` vs the naive pipeline (papermill CLI, then `jupyter nbconvert` CLI).

Both render the same notebook for the same article, alternating, ROUNDS times each; prints both medians
and the ratio workbook/naive (target ≤ 0.7). Run: .venv/bin/python bench/report_speed.py [ROUNDS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2022-01_blinken-lavrov-geneve.txt"
NOTEBOOK = ROOT / "notebooks" / "article_report.ipynb"
BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=cwd, capture_output=True)
    return time.perf_counter() - started


def workbook_once(out: Path) -> float:
    return timed([str(BIN / "workbook"), "report", str(SEED), "--out", str(out)], ROOT)


def naive_once(out: Path) -> float:
    executed = out / "naive.ipynb"
    started = time.perf_counter()
    subprocess.run(
        [
            str(BIN / "papermill"),
            str(NOTEBOOK),
            str(executed),
            "-p",
            "article_path",
            str(SEED),
            "--cwd",
            str(NOTEBOOK.parent),
            "-k",
            "python3",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main(rounds: int = 3) -> None:
    workbook_times, naive_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for _ in range(rounds):
            workbook_times.append(workbook_once(out))
            naive_times.append(naive_once(out))
    wb, naive = statistics.median(workbook_times), statistics.median(naive_times)
    print(f"workbook report   median {wb:.2f} s  ({', '.join(f'{t:.2f}' for t in workbook_times)})")
    print(f"papermill+nbconvert median {naive:.2f} s  ({', '.join(f'{t:.2f}' for t in naive_times)})")
    print(f"ratio workbook/naive: {wb / naive:.2f}  (target ≤ 0.7)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
