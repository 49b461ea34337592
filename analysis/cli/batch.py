"""`workbook batch DIR... --out OUT`: render every changed article under DIR, then write OUT/index.html.

Exit codes: 0 all articles have a report, 1 some failed, 2 bad usage, 75 (EX_TEMPFAIL) when another
run holds OUT's lock and --wait ran out (try again later), 130 when interrupted by Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from . import EXIT_BUSY, UsageError, sigterm_as_interrupt


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="render reports for every changed article in folders, with an index",
        description="Render a report for every article file (text or HTML, recursively, hidden files "
        "ignored) whose content, notebook, version or parameters changed, then write OUT/index.html.",
    )
    parser.add_argument("inputs", nargs="+", metavar="DIR", help="folders (or files) with articles")
    parser.add_argument("--out", required=True, metavar="OUT", help="output folder for reports and index")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="worker processes, each report in its own kernel (default and cap: usable cores; also capped "
        "to the available memory at ~400 MiB per worker)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="render on an existing Dask cluster, e.g. tcp://host:8786 (its workers must see the articles "
        "and OUT at the same paths)",
    )
    parser.add_argument("--force", action="store_true", help="re-render every article, changed or not")
    parser.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a notebook parameter, e.g. -p top_n 10 -p language en (overrides --parameters)",
    )
    parser.add_argument(
        "--parameters", metavar="FILE.yaml", help="notebook parameters from a YAML mapping, e.g. top_n: 10"
    )
    parser.add_argument("--notebook", metavar="PATH", help="report notebook (default: the packaged one)")
    parser.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for a concurrent run on OUT to finish (default: 0, give up at once; -1: for ever)",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="print nothing unless an article failed (for cron mail)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import BatchBusy, BatchOptions, BatchUsageError, run_batch
    from ..parameters import check_parameters
    from ..report import DEFAULT_NOTEBOOK

    options = BatchOptions(
        inputs=[Path(p) for p in args.inputs],
        out_dir=Path(args.out),
        jobs=args.jobs,
        scheduler=args.scheduler,
        force=args.force,
        parameters=check_parameters(batch_parameters(args.parameters, args.param), bool(args.notebook)),
        notebook=Path(args.notebook) if args.notebook else DEFAULT_NOTEBOOK,
        wait=args.wait,
    )
    progress = make_progress(sys.stderr, quiet=args.quiet)
    # systemd stops a unit with SIGTERM: finish like Ctrl-C, so the history says "interrupted".
    try:
        with sigterm_as_interrupt():
            summary = run_batch(options, progress)
    except (BatchUsageError, ConnectionError) as error:
        raise UsageError(str(error)) from None
    except BatchBusy as error:
        print(f"workbook batch: {error}", file=sys.stderr)
        return EXIT_BUSY
    if not args.quiet:
        print(summary.index_path)
    return summary.exit_code


def batch_parameters(parameters_file: str | None, pairs: list[list[str]]) -> dict[str, Any]:
    """Parameters from a YAML file, then `-p NAME VALUE` pairs on top; passed to papermill unchanged."""
    import yaml

    parameters: dict[str, Any] = {}
    if parameters_file:
        try:
            loaded = yaml.safe_load(Path(parameters_file).read_text(encoding="utf-8"))
        except OSError as error:
            raise UsageError(f"{parameters_file}: {error.strerror}") from None
        except yaml.YAMLError as error:
            raise UsageError(f"{parameters_file}: not valid YAML ({str(error).splitlines()[0]})") from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict) or not all(isinstance(k, str) for k in loaded):
            raise UsageError(f"{parameters_file}: expected a mapping of parameter names to values")
        parameters.update(loaded)
    for name, value in pairs:
        parameters[name] = parse_value(value)
    return parameters


def parse_value(text: str) -> Any:
    """A command-line value as papermill's -p reads it: int, float, true/false, none, else the string.

    Not YAML: YAML 1.1 would turn the language code "no" into False.
    """
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("none", "null"):
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


# -------------------------------------------------------------------------------- progress reporting


def make_progress(stream: TextIO, quiet: bool = False):
    """A progress bar when a person watches a terminal; plain log lines otherwise (cron mails them)."""
    if not quiet and stream.isatty():
        return BarProgress(stream)
    return LogProgress(stream, quiet=quiet)


class LogProgress:
    """One line per rendered article and a summary line; with quiet, only failures and their summary."""

    def __init__(self, stream: TextIO, quiet: bool = False):
        self.stream = stream
        self.quiet = quiet
        self.done = 0
        self.failures: list[str] = []

    def _say(self, text: str) -> None:
        print(f"workbook batch: {text}", file=self.stream, flush=True)

    def note(self, text: str) -> None:
        """Something the run decided for the user, e.g. fewer workers than --jobs asked for."""
        if not self.quiet:
            self._say(text)

    def start(self, plan, jobs: int) -> None:
        self.total = len(plan.tasks)
        if self.quiet:
            return
        reasons: dict[str, int] = {}
        for task in plan.tasks:
            reasons[task.reason] = reasons.get(task.reason, 0) + 1
        why = ", ".join(f"{count} {reason}" for reason, count in reasons.items())
        workers = f" with {jobs} worker{'s' if jobs != 1 else ''}" if plan.tasks and jobs else ""
        self._say(
            f"{_count(len(plan.articles), 'article')}: {len(plan.tasks)} to render{f' ({why})' if why else ''}{workers}, "
            f"{len(plan.skipped)} unchanged"
        )

    def task_done(self, task, outcome) -> None:
        self.done += 1
        counter = f"[{self.done}/{self.total}]"
        if outcome.status == "ok":
            if not self.quiet:
                self._say(f"{counter} ok {task.article.name} ({outcome.seconds:.1f} s)")
        else:
            self.failures.append(task.article.name)
            self._say(f"{counter} FAILED {task.article.name}: {outcome.error}")

    def finish(self, summary) -> None:
        if self.quiet and not summary.failed and not summary.interrupted:
            return
        state = "interrupted" if summary.interrupted else "done"
        self._say(
            f"{state} in {summary.seconds:.1f} s: {_count(summary.total, 'article')}, {summary.rendered} rendered, "
            f"{summary.skipped} unchanged, {summary.failed} failed; index {summary.index_path}"
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


class BarProgress(LogProgress):
    """A tqdm bar over the articles to render; failures are printed above it as they happen."""

    def __init__(self, stream: TextIO):
        super().__init__(stream)
        self.bar = None

    def _say(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(f"workbook batch: {text}", file=self.stream)
        else:
            super()._say(text)

    def start(self, plan, jobs: int) -> None:
        from tqdm import tqdm

        super().start(plan, jobs)
        if plan.tasks:
            self.bar = tqdm(total=len(plan.tasks), file=self.stream, unit="article", dynamic_ncols=True)

    def task_done(self, task, outcome) -> None:
        self.done += 1
        if outcome.status != "ok":
            self.failures.append(task.article.name)
            self._say(f"FAILED {task.article.name}: {outcome.error}")
        self.bar.set_postfix(failed=len(self.failures), refresh=False)
        self.bar.update(1)

    def finish(self, summary) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        super().finish(summary)
