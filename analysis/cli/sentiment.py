"""`workbook sentiment`: one sentence per line on standard input, one JSON line per sentence on standard output.

Each output line is {"label": "negative"|"neutral"|"positive", "score": float, "cues": [...]}, with cue
offsets into that input line. For benchmarks (bench/sentiment_norec.py scores the same way) and for users
with their own sentence lists.
"""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "sentiment", help="score sentences from standard input (one per line) as JSON lines"
    )
    parser.add_argument(
        "--no-cues", action="store_true", help="print only label and score (smaller output for benchmarks)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    stdin = sys.stdin
    if hasattr(stdin, "reconfigure"):  # sentences are UTF-8 whatever the locale says
        stdin.reconfigure(encoding="utf-8", errors="replace")
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")
    from ..sentiment import score_lines  # lazy: keep other commands' start-up light

    for result in score_lines(stdin):
        if getattr(args, "no_cues", False):
            result = {"label": result["label"], "score": result["score"]}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return 0
