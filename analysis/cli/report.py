"""`workbook report PATH... [--out DIR]`: render HTML reports for one or more articles."""

from __future__ import annotations

import argparse
import sys

from ..article import ArticleError
from ..parameters import check_parameters
from ..report import OutputError, ReportError, check_output_folder, render_report
from . import sigterm_as_interrupt


def register(subparsers) -> None:
    parser = subparsers.add_parser("report", help="render an HTML report for each article")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files (text or saved HTML)")
    parser.add_argument("--out", default="reports", metavar="DIR", help="output folder (default: reports)")
    parser.add_argument("--language", choices=("nb", "en"), default="nb", help="report labels (default: nb)")
    parser.add_argument(
        "--top-n", type=int, default=20, help="how many top terms to chart, 1 to 200 (default: 20)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Render each article; print the HTML path of each success, one error line for each failure."""
    # bad values and an unusable folder stop the run before any article is read or kernel started
    parameters = check_parameters({"language": args.language, "top_n": args.top_n})
    check_output_folder(args.out)
    with sigterm_as_interrupt():
        return _render_each(args.paths, args.out, parameters)


def _render_each(paths: list[str], out: str, parameters: dict) -> int:
    worst = 0
    for path in paths:
        try:
            result = render_report(path, out, parameters)
        except (ArticleError, OutputError) as error:
            print(f"workbook report: {error}", file=sys.stderr)
            worst = max(worst, 2)
            continue
        except ReportError as error:
            print(f"workbook report: {error}", file=sys.stderr)
            worst = max(worst, 1)
            continue
        print(result.html_path)
    return worst
