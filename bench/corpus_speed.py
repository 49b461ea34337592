"""Corpus build and report speed, one run, on copies of the 268 real NDT news articles (rebuilt locally
under .cache/, never committed), through the `workbook` command so start-up is included:

0. the serial cost of one article's rows in this process (what the workers pay per article), so the
   build's figures can be read against the machine's load at the time (others share its cores);
1. cold build of 800 ordinary articles on 2 local workers (target ≥ 150 articles/s, bar 80);
2. 200 more articles added, then an unchanged rebuild of the 1,000 (target < 2 s);
3. the corpus report over the 1,000 (target < 15 s);
4. peak memory of a 10,000-article build, all processes together (proportional set size, so pages the
   forked workers share are counted once; target < 1 GiB);
then a README-ready extrapolation to 1M articles, locally and per Dask worker.

Usage: python bench/corpus_speed.py [--memory-articles N] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.corpus.samples import CACHE, copies, ndt_news_folder  # noqa: E402

GIB = 1024**3


def workbook(*args: str) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "analysis.cli", *args], cwd=ROOT, capture_output=True, text=True
    )
    return time.perf_counter() - started, result


def tree_memory(pid: int) -> int:
    """Proportional set size of a process and its descendants, in bytes."""
    total = 0
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for process in processes:
        try:
            total += process.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def peak_memory_build(folder: Path, dataset: Path, jobs: int) -> tuple[float, int, int]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analysis.cli",
            "corpus",
            "build",
            str(folder),
            "--out",
            str(dataset),
            "--jobs",
            str(jobs),
            "--quiet",
        ],
        cwd=ROOT,
    )
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_memory(process.pid))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    sampler.join()
    return time.perf_counter() - started, peak, process.returncode


def serial_cost(paths: list[Path]) -> float:
    """Seconds per article of the workers' function, run here one after another (after a warm-up)."""
    from analysis.corpus.rows import article_rows
    from analysis.corpus.sources import find_sources

    sources = find_sources(paths, CACHE / "none")
    article_rows(sources[0])
    started = time.perf_counter()
    for source in sources:
        article_rows(source)
    return (time.perf_counter() - started) / len(sources)


def check(result: subprocess.CompletedProcess) -> None:
    if result.returncode not in (0, 1):
        raise SystemExit(f"workbook failed ({result.returncode}): {result.stderr.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory-articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    source = ndt_news_folder()
    if source is None:
        raise SystemExit("needs ../shared/eval/ndt_news (the NDT news articles)")
    bench = CACHE / "bench"
    thousand = copies(source, bench / "articles-1000", 1000)
    dataset = bench / "dataset-1000"
    shutil.rmtree(dataset, ignore_errors=True)
    first_800 = sorted(thousand.glob("*.txt"))[:800]
    serial = serial_cost(first_800[:100])

    cold, result = workbook(
        "corpus", "build", *map(str, first_800), "--out", str(dataset), "--jobs", str(args.jobs)
    )
    check(result)
    rate = 800 / cold
    added, result = workbook(
        "corpus", "build", str(thousand), "--out", str(dataset), "--jobs", str(args.jobs)
    )
    check(result)
    for _attempt in range(3):  # a colleague's edit of analysis/ meanwhile rebuilds everything: try again
        unchanged, result = workbook("corpus", "build", str(thousand), "--out", str(dataset))
        check(result)
        if " 0 analysed" in result.stderr:
            break
    else:
        print("note: the analysis code kept changing; the unchanged rebuild below re-analysed articles")
    report_seconds, result = workbook(
        "corpus", "report", str(dataset), "--out", str(bench / "corpus-report.html")
    )
    check(result)

    many = copies(source, bench / f"articles-{args.memory_articles}", args.memory_articles)
    big = bench / f"dataset-{args.memory_articles}"
    shutil.rmtree(big, ignore_errors=True)
    big_seconds, peak, code = peak_memory_build(many, big, args.jobs)

    per_article = big_seconds * args.jobs / args.memory_articles  # core-seconds per article, at scale
    print(
        f"serial cost in this process, now: {1000 * serial:.0f} ms per article "
        f"(ideal for {args.jobs} workers: {args.jobs / serial:.0f} articles/s; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores at the end)"
    )
    print(
        f"cold build, 800 articles, {args.jobs} workers: {cold:.1f} s = {rate:.0f} articles/s "
        f"(target ≥ 150, bar 80) {'OK' if rate >= 150 else 'BAR' if rate >= 80 else 'MISSED'}"
    )
    print(f"200 new articles added to the 800: {added:.1f} s")
    print(
        f"unchanged rebuild, 1,000 articles: {unchanged:.2f} s (target < 2 s) {'OK' if unchanged < 2 else 'MISSED'}"
    )
    print(
        f"corpus report over 1,000 articles: {report_seconds:.1f} s (target < 15 s) "
        f"{'OK' if report_seconds < 15 else 'MISSED'}"
    )
    print(
        f"{args.memory_articles:,}-article build: {big_seconds:.0f} s "
        f"({args.memory_articles / big_seconds:.0f} articles/s), exit {code}, peak memory of all processes "
        f"{peak / 2**20:.0f} MiB (target < 1024 MiB) {'OK' if peak < GIB else 'MISSED'}"
    )
    million_local = 1_000_000 * per_article / args.jobs
    per_worker_hour = 3600 / per_article
    print()
    print(
        "README extrapolation (from the measured cost at scale, "
        f"{1000 * per_article:.0f} ms of one core per article):"
    )
    print(f"- 1M articles on this machine ({args.jobs} workers): ~{million_local / 3600:.1f} h")
    print(
        f"- per Dask worker (one thread, one core): ~{per_worker_hour:,.0f} articles/h, so 1M articles take "
        f"~{1_000_000 / per_worker_hour:.0f} worker-hours (e.g. ~{1_000_000 / per_worker_hour / 16:.1f} h "
        "on 16 workers)"
    )
    print(
        f"- from the serial cost measured in this process ({1000 * serial:.0f} ms per article, no contention "
        f"between workers): 1M articles ~{1_000_000 * serial / args.jobs / 3600:.1f} h on {args.jobs} workers, "
        f"~{3600 / serial:,.0f} articles/h per Dask worker"
    )


if __name__ == "__main__":
    main()
