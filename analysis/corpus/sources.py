"""The articles a corpus build reads: files under the input folders, each with its id, outlet and date.

Outlet and date come, in this order, from `--outlet`, a sidecar manifest in the article's folder
(`manifest.tsv` or `manifest.csv` with at least `id`, and `outlet`, `date`, `url` when known; `id` is the
file name without its suffix), or the name of the folder holding the article. The article's own dateline
wins over the manifest's date (it is what the reader saw).
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePath

from ..batch import content_hash, find_articles

MANIFEST_NAMES = ("manifest.tsv", "manifest.csv")
PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Package code that cannot change a corpus row: editing it must not rebuild every article.
CODE_NOT_IN_ROWS = (
    "cli/",
    "present/",
    "run/",
    "notebooks/",
    "templates/",
    "batch.py",
    "history.py",
    "report.py",
    "devset.py",
    "corpus/store.py",
    "corpus/build.py",
    "corpus/report.py",
    "corpus/samples.py",
    "corpus/query.py",
)


@dataclass(frozen=True)
class Source:
    """One article file to analyse (picklable: it travels to the worker)."""

    article_id: str
    path: str  # resolved
    name: str  # relative to its input folder
    outlet: str | None
    manifest_date: str | None
    url: str | None
    content_hash: str
    fingerprint: str


def find_sources(inputs: list[Path], dataset: Path, outlet: str | None = None) -> list[Source]:
    """Every article file under the inputs (as `workbook batch` finds them), with ids, metadata and hashes."""
    found = find_articles(inputs, dataset)
    ids = _article_ids([PurePath(a.name) for a in found], [a.path for a in found])
    code = code_hash()
    manifests: dict[Path, dict[str, dict[str, str]]] = {}  # per folder, read once per build
    sources = []
    for article, article_id in zip(found, ids, strict=True):
        folder = article.path.parent
        if folder not in manifests:
            manifests[folder] = manifest_rows(folder)
        meta = manifests[folder].get(article.path.stem, {})
        chosen_outlet = outlet or meta.get("outlet") or article.path.parent.name or None
        digest = content_hash(article.path)  # never blocks on a FIFO; an unreadable file hashes as its reason
        fields = (
            article_id,
            str(article.path),
            article.name,
            chosen_outlet,
            meta.get("date"),
            meta.get("url"),
            digest,
            code,
        )
        fingerprint = hashlib.sha256("\0".join(str(f) for f in fields).encode()).hexdigest()
        sources.append(
            Source(
                article_id,
                str(article.path),
                article.name,
                chosen_outlet,
                meta.get("date") or None,
                meta.get("url") or None,
                digest,
                fingerprint,
            )
        )
    return sources


def _article_ids(names: list[PurePath], paths: list[Path]) -> list[str]:
    """The relative path without its suffix ("2024/05/budsjett"); clashes get a suffix from the path."""
    bases = [name.with_suffix("").as_posix() for name in names]
    counts = Counter(bases)
    return [
        f"{base}~{hashlib.sha1(str(path).encode()).hexdigest()[:6]}" if counts[base] > 1 else base
        for base, path in zip(bases, paths, strict=True)
    ]


def manifest_rows(folder: Path) -> dict[str, dict[str, str]]:
    """The sidecar manifest of a folder by id (empty without one); columns other than id are optional."""
    for name in MANIFEST_NAMES:
        path = folder / name
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                delimiter = "\t" if name.endswith(".tsv") else ","
                rows = csv.DictReader(handle, delimiter=delimiter)
                return {
                    row["id"].strip(): {k.strip(): (v or "").strip() for k, v in row.items() if k}
                    for row in rows
                    if row.get("id")
                }
    return {}


@cache
def code_hash() -> str:
    """A hash of the analysis code the rows depend on, so a change of the analysis rebuilds the dataset."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")) + sorted((PACKAGE_DIR / "data").rglob("*")):
        relative = path.relative_to(PACKAGE_DIR).as_posix()
        if not path.is_file() or "__pycache__" in relative or relative.startswith(CODE_NOT_IN_ROWS):
            continue
        digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
