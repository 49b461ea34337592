"""`workbook history OUT [--last N] [--run ID]`: the last batch runs into OUT, or one run's articles."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from . import UsageError


def register(subparsers) -> None:
    parser = subparsers.add_parser("history", help="show the last batch runs into an output folder")
    parser.add_argument("out", metavar="OUT", help="the output folder of `workbook batch`")
    parser.add_argument("--last", "-n", type=int, default=10, metavar="N", help="how many runs (default: 10)")
    parser.add_argument("--run", type=int, metavar="ID", help="list the articles one run rendered or failed")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..history import DB_NAME, History

    if args.last < 1:
        raise UsageError("--last must be at least 1")
    try:
        history = History(Path(args.out), create=False)
    except FileNotFoundError:
        raise UsageError(f"{args.out}: no run history here ({DB_NAME} not found)") from None
    with history:
        if args.run is not None:
            return _print_run(history, args.run)
        runs = history.last_runs(args.last)
        if not runs:
            print("no runs yet")
            return 0
        print(
            f"{'run':>4}  {'started (UTC)':19}  {'seconds':>7}  {'status':11}  articles  rendered  unchanged  failed  version"
        )
        for record in runs:
            seconds = f"{record.seconds:.1f}" if record.seconds is not None else "-"
            print(
                f"{record.id:>4}  {_when(record.started):19}  {seconds:>7}  {record.status:11}  "
                f"{record.total:>8}  {record.rendered:>8}  {record.skipped:>9}  {record.failed:>6}  {record.version}"
            )
        failing = [state for state in history.article_states().values() if state.status != "ok"]
        if failing:
            print(f"\nfailing now ({len(failing)}):")
            for state in sorted(failing, key=lambda s: s.path):
                print(f"  {state.path}: {state.error}")
    return 0


def _print_run(history, run_id: int) -> int:
    results = history.run_results(run_id)
    if not any(record.id == run_id for record in history.last_runs(limit=1_000_000)):
        raise UsageError(f"no run {run_id} in this history")
    if not results:
        print(f"run {run_id} rendered nothing (every article unchanged)")
    for result in results:
        detail = result["error"] if result["status"] != "ok" else ", ".join(result["outputs"])
        print(f"{result['status']:6}  {result['seconds']:6.1f} s  {result['article_path']}  {detail}")
    return 0


def _when(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M:%S")
