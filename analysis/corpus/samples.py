"""Real articles to run the corpus on in tests and benchmarks: the NDT news set beside the project.

`ndt_news_folder()` rebuilds the 268 texts of `../shared/eval/ndt_news` under `.cache/corpus/ndt_news/`
(git-ignored: the treebank's licence forbids republishing the texts) with the shared `ndt_text.py`, and
writes the manifest (id, outlet, date, url) beside them, as an archive's sidecar would be.
`copies(folder, target, count)` fills a folder with `count` articles drawn from it in turn, each copy a
distinct file (for benchmarks of thousands of ordinary articles). Nothing here is needed at run time.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from ..devset import PROJECT_ROOT, manifest_rows, rebuild_text, shared_dir

CACHE = PROJECT_ROOT / ".cache" / "corpus"


def ndt_news_folder(cache_dir: Path | None = None) -> Path | None:
    """The rebuilt NDT news texts with their manifest.tsv; None without ../shared."""
    shared = shared_dir()
    if shared is None:
        return None
    source = shared / "eval" / "ndt_news"
    folder = cache_dir or CACHE / "ndt_news"
    rows = manifest_rows(source)
    for row in rows:
        rebuild_text(source, row, folder)
    manifest = folder / "manifest.tsv"
    if not manifest.exists():
        with manifest.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(["id", "outlet", "date", "url"])
            writer.writerows([row["id"], row["outlet"], row["date"], row["url"]] for row in rows)
    return folder


def copies(folder: Path, target: Path, count: int) -> Path:
    """`count` article files in `target`, copied from `folder`'s articles in turn (with its manifest's
    outlet and date for each copy); kept between runs when already complete."""
    originals = sorted(folder.glob("*.txt"))
    manifest = {}
    if (folder / "manifest.tsv").exists():
        with (folder / "manifest.tsv").open(encoding="utf-8") as handle:
            manifest = {row["id"]: row for row in csv.DictReader(handle, delimiter="\t")}
    target.mkdir(parents=True, exist_ok=True)
    if len(list(target.glob("*.txt"))) == count:
        return target
    shutil.rmtree(target)
    target.mkdir(parents=True)
    rows = []
    for number in range(count):
        original = originals[number % len(originals)]
        name = f"a{number:07d}"
        shutil.copyfile(original, target / f"{name}.txt")
        meta = manifest.get(original.stem, {})
        rows.append([name, meta.get("outlet", ""), meta.get("date", ""), meta.get("url", "")])
    with (target / "manifest.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["id", "outlet", "date", "url"])
        writer.writerows(rows)
    return target
