"""`workbook analyze PATH --json`: the whole analysis of one article as a JSON object on standard output."""

from __future__ import annotations

import argparse
import json
import sys

import orjson

from ..analysis import analyse_article, collector_paused
from ..article import load_article


def register(subparsers) -> None:
    parser = subparsers.add_parser("analyze", help="analyse one article and print the results as JSON")
    parser.add_argument("path", metavar="PATH", help="an article file (text or saved HTML)")
    parser.add_argument("--json", action="store_true", help="print JSON (the only format; kept for clarity)")
    parser.add_argument("--top-n", type=int, default=50, help="rows per term table (default: 50)")
    parser.add_argument("--indent", type=int, default=None, help="pretty-print with this indent")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # loading and the JSON object make millions of small objects too: no collector passes over them either
    with collector_paused():
        article = load_article(args.path)
        result = analyse_article(article, top_n=args.top_n).complete().to_json()
        if args.indent is None:
            # orjson's C encoder, straight to bytes: json.dump to a stream runs the pure-Python encoder
            output = orjson.dumps(result) + b"\n"
        else:
            output = (
                json.dumps(result, ensure_ascii=False, indent=args.indent, allow_nan=False) + "\n"
            ).encode()
    sys.stdout.buffer.write(output)
    sys.stdout.flush()
    return 0
