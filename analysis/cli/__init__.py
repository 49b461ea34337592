"""`workbook`: the command line over the analysis package. Each subcommand lives in its own module here.

Errors a user can cause (a missing file, an empty article, bad options) print one line on standard error
and exit with code 2; nothing prints a traceback unless WORKBOOK_DEBUG=1 is set.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from ..article import ArticleError
from ..parameters import ParameterError
from ..report import OutputError

# Subcommand modules in the order `workbook --help` lists them; each has register(subparsers).
COMMANDS = ("report", "analyze", "batch", "history", "evaluate", "sentiment", "corpus")


EXIT_BUSY = 75  # sysexits.h EX_TEMPFAIL: cron and systemd treat it as "try later", not as broken input


class UsageError(Exception):
    """Bad usage that the parser cannot see (conflicting options, an unusable output folder)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbook", description="Norwegian news analysis: terms, speakers, tone, with evidence."
    )
    parser.add_argument("--version", action=_PrintVersion, help="print the version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            continue  # a capability not installed in this build
        module.register(subparsers)
    return parser


class _PrintVersion(argparse.Action):
    """`workbook --version`: the installed package's version, the one the batch history records."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from ..batch import package_version  # looked up only when asked for

        print(f"{parser.prog} {package_version()}")
        parser.exit()


class Terminated(KeyboardInterrupt):
    """SIGTERM's interrupt. A subclass, not KeyboardInterrupt itself: CPython 3.11 marks a bare
    KeyboardInterrupt that passes through exec'd source (a dataclass being made in an import, say) as
    unhandled and ends the process by SIGINT even after `main` has caught it and chosen its exit code."""


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a cron timeout, systemd stopping a unit) unwinds like Ctrl-C: kernels are shut down and
    temporary files removed by the `finally` clauses on the way out, instead of the process just vanishing."""

    def interrupt(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (ArticleError, OutputError, UsageError, ParameterError) as error:
        print(f"workbook {args.command}: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `workbook analyze ... | head`: the reader left; not an error worth a line
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"workbook {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug, not bad input: still one line, with a way to see the traceback
        if os.environ.get("WORKBOOK_DEBUG"):
            raise
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        print(
            f"workbook {args.command}: internal error: {type(error).__name__}: {first} "
            "(set WORKBOOK_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
