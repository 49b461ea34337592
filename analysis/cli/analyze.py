"""`workbook analyze PATH --json`: the whole analysis of one article as a JSON object on standard output."""

from __future__ import annotations

import argparse
import json
import sys

from ..analyze import analyze
from ..article import load_article


def register(subparsers) -> None:
    parser = subparsers.add_parser("analyze", help="analyse one article and print the results as JSON")
    parser.add_argument("path", metavar="PATH", help="an article file (text or saved HTML)")
    parser.add_argument("--json", action="store_true", help="print JSON (the only format; kept for clarity)")
    parser.add_argument("--top-n", type=int, default=50, help="rows per term table (default: 50)")
    parser.add_argument("--indent", type=int, default=None, help="pretty-print with this indent")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    article = load_article(args.path)
    result = analyze(article, top_n=args.top_n)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=args.indent, allow_nan=False)
    sys.stdout.write("\n")
    return 0
