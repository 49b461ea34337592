"""Copy gold files of the NDT news articles into tests/fixtures/ndt_news_gold without the article's words.

    .venv/bin/python tools/strip_gold.py GOLD.json ...

The treebank's licence forbids republishing its newspaper texts, and a quote's "text" (or an annotator's
note quoting the article) is the article's words; so is a long description kept as a speaker's mention (more
than five words). Offsets, kinds, zones, cues, speaker names and short mentions stay; the
test that scores the set (tests/test_ndt_news_gold.py) puts each quote's text back from the rebuilt article.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "ndt_news_gold"
QUOTE_KEYS = ("kind", "zone", "speaker", "cue", "start", "end")
MENTION_WORDS = 5


def stripped(gold: dict) -> dict:
    quotes = [{key: quote[key] for key in QUOTE_KEYS if key in quote} for quote in gold["quotes"]]
    speakers = [
        {**speaker, "mentions": [m for m in speaker.get("mentions", []) if len(m.split()) <= MENTION_WORDS]}
        for speaker in gold["speakers"]
    ]
    return {"id": gold["id"], "speakers": speakers, "quotes": quotes}


def main(paths: list[str]) -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for path in map(Path, paths):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out = TARGET / path.name
        out.write_text(json.dumps(stripped(gold), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(out.relative_to(TARGET.parent.parent.parent), len(gold["quotes"]), "quotes")


if __name__ == "__main__":
    main(sys.argv[1:])
