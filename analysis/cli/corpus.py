"""`workbook corpus build DIR... --out DATASET` and `workbook corpus report DATASET [--out FILE.html]`.

Exit codes (build): 0 every article is in the tables, 1 some failed (listed, also in the `failures`
table), 2 bad usage, 75 (EX_TEMPFAIL) when another build holds the dataset's lock, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_BUSY, UsageError, sigterm_as_interrupt


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "corpus",
        help="tables of many articles' analyses (build), and the corpus report (report)",
        description="Analyse a whole archive into tidy Parquet tables, and report on who is quoted.",
    )
    commands = parser.add_subparsers(dest="corpus_command", metavar="ACTION")
    commands.required = True

    build = commands.add_parser(
        "build",
        help="analyse every new or changed article into the dataset's tables",
        description="Analyse every article file under DIR (recursively; hidden files ignored) into tidy "
        "Parquet tables in DATASET: articles, quotes, speakers, entities, cues, tone, terms, failures. "
        "Unchanged articles are not analysed again.",
    )
    build.add_argument("inputs", nargs="+", metavar="DIR", help="folders (or files) with articles")
    build.add_argument("--out", required=True, metavar="DATASET", help="the dataset folder")
    build.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="local worker processes (default and cap: usable cores)"
    )
    build.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on an existing Dask cluster, e.g. tcp://host:8786 (workers need the same files)",
    )
    build.add_argument("--outlet", metavar="NAME", help="the outlet of every article (overrides manifests)")
    build.add_argument("--force", action="store_true", help="analyse every article again")
    build.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for a concurrent build to finish (default 0; -1: for ever)",
    )
    build.add_argument("--quiet", "-q", action="store_true", help="print nothing unless an article failed")
    build.set_defaults(func=run_build)

    report = commands.add_parser(
        "report",
        help="render the corpus report (who is quoted, women's share, officials, tone, terms) as HTML",
        description="Render the corpus report notebook over DATASET into one self-contained HTML page.",
    )
    report.add_argument("dataset", metavar="DATASET", help="a dataset made by `workbook corpus build`")
    report.add_argument("--out", default="corpus-report.html", metavar="FILE.html", help="the page to write")
    report.add_argument("--language", choices=("nb", "en"), help="labels (default nb)")
    report.add_argument(
        "--batch", metavar="OUT", help="a `workbook batch` output folder: rows link to its article reports"
    )
    report.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a notebook parameter: date_from, date_to (YYYY-MM[-DD]; also 'from', 'to'), outlets "
        "(comma-separated), language, top_n, period_from, period_to (the period for keyness)",
    )
    report.set_defaults(func=run_report)


def run_build(args: argparse.Namespace) -> int:
    from ..corpus.build import BuildOptions, CorpusUsageError, build_corpus
    from ..corpus.store import DatasetBusy

    options = BuildOptions(
        inputs=[Path(p) for p in args.inputs],
        dataset=Path(args.out),
        jobs=args.jobs,
        scheduler=args.scheduler,
        outlet=args.outlet,
        force=args.force,
        wait=args.wait,
    )
    progress = BuildLog(sys.stderr, quiet=args.quiet)
    try:
        with sigterm_as_interrupt():
            summary = build_corpus(options, progress)
    except (CorpusUsageError, ConnectionError) as error:
        raise UsageError(str(error)) from None
    except DatasetBusy as error:
        print(f"workbook corpus: {error}", file=sys.stderr)
        return EXIT_BUSY
    progress.finish(summary)
    return summary.exit_code


class BuildLog:
    """Log lines on standard error: the plan, each failure with its reason, the summary."""

    def __init__(self, stream, quiet: bool = False) -> None:
        self.stream = stream
        self.quiet = quiet
        self.failures = 0

    def _say(self, text: str) -> None:
        print(f"workbook corpus: {text}", file=self.stream, flush=True)

    def start(self, to_analyse: int, unchanged: int, removed: int, executor: str, note: str | None) -> None:
        if note:
            self._say(note)
        if to_analyse and not self.quiet:
            self._say(f"analysing {to_analyse} article{'s' if to_analyse != 1 else ''} on {executor}")

    def advance(self, articles: int) -> None:
        pass

    def failed(self, name: str, reason: str) -> None:
        self.failures += 1
        self._say(f"FAILED {name}: {reason}")

    def finish(self, summary) -> None:
        if self.quiet and not summary.failed:
            return
        self._say(
            f"{summary.dataset}: {summary.total} articles, {summary.analysed} analysed, "
            f"{summary.unchanged} unchanged, {summary.removed} removed, {summary.failed} failed "
            f"({summary.seconds:.1f} s)"
        )


def run_report(args: argparse.Namespace) -> int:
    from ..cli.batch import parse_value
    from ..corpus.report import CorpusReportError, render_corpus_report

    parameters = {name: parse_value(value) for name, value in args.param}
    if args.language:
        parameters["language"] = args.language
    if args.batch:
        parameters["batch"] = str(Path(args.batch).resolve())
    try:
        path = render_corpus_report(Path(args.dataset), Path(args.out), parameters)
    except (CorpusReportError, ValueError) as error:
        raise UsageError(str(error)) from None
    print(path)
    return 0
