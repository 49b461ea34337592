"""A long article's report against its analysis: the report's own part must stay bounded (issue 14, item 3).

For each size, one article is made of news paragraphs (the 268 NDT news texts rebuilt under .cache/ when
../shared is there, else the seed's paragraphs), many voices among them; `workbook analyze --json` and
`workbook report` are timed on it, one after the other, and the report's HTML size is printed. The analysis
grows with the article; the report's extra time (kernel, sections, nbconvert export) and its page must not:
a 10 MB article's report ran past 400 s while its analysis took 33 s, because the annotated text compared
every zone with every span, charts drew a bar per speaker and nbconvert re-read a 60 MB page tag by tag.
Run: .venv/bin/python bench/report_long.py [MEGABYTES...]   (default: 0.5 1 2)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2022-01_blinken-lavrov-geneve.txt"
BIN = Path(sys.executable).parent


def paragraphs() -> list[str]:
    from analysis.devset import rebuild_set, shared_dir

    texts = [path for _, path in rebuild_set("ndt_news")] if shared_dir() else [SEED]
    found = []
    for path in texts:
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        found.extend(block.strip() for block in blocks[1:] if block.strip())
    return found


def long_article(folder: Path, megabytes: float, pieces: list[str]) -> Path:
    body, size, target = [], 0, int(megabytes * 1e6)
    while size < target:
        for piece in pieces:
            body.append(piece)
            size += len(piece.encode()) + 2
            if size >= target:
                break
    path = folder / f"lang-{megabytes:g}mb.txt"
    path.write_text("Lang samleartikkel\n2024-01-01\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    return path


def timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([str(BIN / "workbook"), *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def main(sizes: list[float]) -> None:
    from analysis.report import slugify

    pieces = paragraphs()
    print(f"{'MB':>5} {'analyze s':>10} {'report s':>9} {'report - analyze':>17} {'HTML MB':>8}")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for megabytes in sizes:
            article = long_article(folder, megabytes, pieces)
            analyze = timed("analyze", str(article), "--json")
            report = timed("report", str(article), "--out", str(folder / "out"))
            page = folder / "out" / f"{slugify(article)}.html"
            print(
                f"{megabytes:>5g} {analyze:>10.1f} {report:>9.1f} {report - analyze:>17.1f} "
                f"{page.stat().st_size / 1e6:>8.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main([float(value) for value in sys.argv[1:]] or [0.5, 1.0, 2.0])
