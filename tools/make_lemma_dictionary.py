"""Write `analysis/data/lemma_dictionary_nb.txt.gz` from the installed simplemma's Bokmål dictionary.

    .venv/bin/python tools/make_lemma_dictionary.py

Run it after upgrading simplemma (the pin in requirements.lock): `tests/test_lemma_dictionary.py` fails while
the shipped file and the installed dictionary differ.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from analysis.lemma_dictionary import DATA_FILE, encode, simplemma_pairs  # noqa: E402


def main() -> None:
    target = PROJECT_ROOT / "analysis" / "data" / DATA_FILE
    data = encode(simplemma_pairs(), version("simplemma"))
    partial = target.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(target)
    print(f"{target.relative_to(PROJECT_ROOT)}: {len(data) / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
