"""The whole `workbook analyze` on one ~1M-word article: in-process with start-up excluded (target ≥ 200,000
words/s), and end to end through the command line, JSON to a file included (target ≥ 300,000 words/s).

The article is the dev set (rebuilt locally from ../shared, never committed) and the seed, repeated until
it passes WORDS words, written as one plain-layout article. The baseline in the same run is the loader
alone (read, decode, zones), so the ratio shows what the analysis costs on top of reading the file.
Run: .venv/bin/python bench/analyze_speed.py [WORDS]
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

from analysis.analysis import analyse_article
from analysis.article import load_article
from analysis.devset import rebuild_dev_set

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2022-01_blinken-lavrov-geneve.txt"


def body_of(path: Path) -> str:
    article = load_article(path)
    return "\n\n".join(z.text for z in article.zones if z.kind in ("lead", "body", "crosshead"))


def build_article(target_words: int, folder: Path) -> Path:
    bodies = [body_of(SEED)] + [body_of(item.text_path) for item in rebuild_dev_set()]
    chunk = "\n\n".join(bodies)
    words_per_chunk = len(chunk.split())
    repeats = target_words // words_per_chunk + 1
    path = folder / "stor-artikkel.txt"
    path.write_text(
        "Stor testartikkel\n2024-01-01\n\n" + "\n\n".join([chunk] * repeats) + "\n", encoding="utf-8"
    )
    return path


def main(target_words: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build_article(target_words, Path(tmp))
        analyse_article(load_article(SEED)).complete()  # warm imports and data files: start-up is excluded

        started = time.perf_counter()
        article = load_article(path)
        load_seconds = time.perf_counter() - started
        words = article.words

        started, cpu_started = time.perf_counter(), time.process_time()
        result = analyse_article(article).complete().to_json()
        orjson.dumps(result)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        out = Path(tmp) / "analysis.json"
        with out.open("wb") as handle:
            started = time.perf_counter()
            cli = [str(Path(sys.executable).parent / "workbook"), "analyze", str(path), "--json"]
            subprocess.run(cli, check=True, stdout=handle)
            cli_seconds = time.perf_counter() - started
        json_mb = out.stat().st_size / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sections = ", ".join(k for k in result if k != "article")
    print(f"article: {words:,} words ({sections or 'article only'})")
    print(f"load (baseline):  {load_seconds:.2f} s  {words / load_seconds:,.0f} words/s")
    print(
        f"analyze + JSON:   {seconds:.2f} s wall, {cpu:.2f} s CPU  {words / seconds:,.0f} words/s wall, "
        f"{words / cpu:,.0f} words/s CPU  (target ≥ 200,000; peak RSS {peak:.0f} MB)"
    )
    print(f"ratio analyze/load time: {seconds / load_seconds:.1f}")
    print(
        f"workbook analyze --json, end to end: {cli_seconds:.2f} s wall, {words / cli_seconds:,.0f} words/s "
        f"(target ≥ 300,000; {json_mb:.0f} MB of JSON)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
