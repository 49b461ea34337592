"""`workbook evaluate GOLD_DIR_OR_FILES... [--texts DIR] [--json]`: score the quote and speaker analysis against
gold annotations (format: docs/evaluation.md), one line per article and the totals."""

from __future__ import annotations

import argparse
import json
import sys

from ..jsonable import plain

_COLUMNS = ("gold", "pred", "tp", "fp", "speaker_ok", "share_err")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="score quotes and speakers against gold annotation files",
        description="Score quotes and speakers against gold JSON files (see docs/evaluation.md).",
    )
    parser.add_argument("paths", nargs="+", metavar="GOLD", help="gold JSON files or folders of them")
    parser.add_argument("--texts", metavar="DIR", help="folder with the article texts the gold files name")
    parser.add_argument("--json", action="store_true", help='print JSON: {"articles": [...], "total": {...}}')
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list missed and extra quotes per article"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the scores; exit 0 when scored, 2 when a gold file or its text cannot be used."""
    from ..evaluate import GoldError, evaluate_paths  # lazy: pandas costs every other command its start-up

    try:
        per_article, totals = evaluate_paths(args.paths, texts_dir=args.texts)
    except GoldError as error:
        print(f"workbook evaluate: {error}", file=sys.stderr)
        return 2
    if per_article.empty:
        print("workbook evaluate: no gold files found", file=sys.stderr)
        return 2
    if args.json:
        rows = [
            {key: plain(value) for key, value in row.items() if key not in ("P", "R", "speaker_acc")}
            for row in per_article.to_dict("records")
        ]
        json.dump({"articles": rows, "total": totals}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    header = f"{'article':<24}" + "".join(f"{c:>11}" for c in _COLUMNS)
    print(header)
    for row in per_article.to_dict("records"):
        cells = "".join(f"{row[c]:>11}" for c in _COLUMNS)
        print(f"{str(row['id'])[:23]:<24}{cells}")
        if args.verbose:
            for text in row["missed"]:
                print(f"    missed: {text}")
            for text in row["extra"]:
                print(f"    extra:  {text}")
    print(
        f"total: {totals['articles']} articles, {totals['gold']} gold quotes; P {totals['P']:.3f}  "
        f"R {totals['R']:.3f}  F1 {totals['F1']:.3f}  speaker accuracy {totals['speaker_acc']:.3f}  "
        f"mean max share error {totals['mean_max_share_err']:.3f}"
    )
    return 0
