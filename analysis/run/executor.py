"""Run one function over many tasks on local worker processes or on a Dask cluster, results as they come.

Both executors have the same interface (`Executor.run(function, tasks)` yields a `TaskResult` per task, in
completion order) so `workbook batch` and `workbook corpus build` never care where the work happens:
- `LocalExecutor` (the default, nothing to start): a pool of worker processes forked from a fork server that
  imported the given modules once; each worker is bound to the command's life (`lifeline.bind_to_parent`).
- `DaskExecutor` (`--scheduler tcp://host:8786`): an existing `distributed` cluster; every worker needs the
  same `newsroom-workbook` installed and, for inputs named by path, the same files at the same paths.
Tasks are submitted a window at a time, so a million tasks never sit in memory at once.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from .lifeline import bind_to_parent

WINDOW_PER_WORKER = 4  # tasks in flight per worker: enough to keep it busy, few enough to stream
WORKER_DIED = "the worker process running it died"


@dataclass(frozen=True)
class TaskResult:
    """One task's outcome: `value` when the function returned, else `error` (one line). `crashed` says
    the worker process itself died on this task (killed, out of memory, a crash in C code)."""

    task: Any
    value: Any = None
    error: str | None = None
    crashed: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


class Executor(Protocol):
    workers: int
    description: str  # "2 local worker processes", "Dask cluster at tcp://… (4 worker threads)"

    def prestart(self) -> None: ...

    def run(self, function: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[TaskResult]: ...

    def close(self) -> None: ...


def one_line(error: BaseException | str) -> str:
    """An exception (or message) as one line: 'Type: first line of the message'."""
    if isinstance(error, BaseException):
        text = str(error).strip()
        error = f"{type(error).__name__}: {text}" if text else type(error).__name__
    lines = str(error).strip().splitlines()
    return lines[0][:300] if lines else "unknown error"


# ---------------------------------------------------------------------------------------------- local


def _start_worker(parent_pid: int, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    # The parent coordinates shutdown on Ctrl-C; a worker dying of SIGINT mid-task helps nobody.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    bind_to_parent(parent_pid)
    if initializer is not None:
        initializer(*initargs)


class LocalExecutor:
    """Worker processes on this machine (see the module docstring). Use as a context manager, or close()."""

    def __init__(
        self,
        workers: int,
        preload: Sequence[str] = (),
        initializer: Callable[..., None] | None = None,
        initargs: tuple = (),
    ) -> None:
        self.workers = workers
        self.description = f"{workers} local worker process{'es' if workers != 1 else ''}"
        self._preload = list(preload)
        self._initializer = initializer
        self._initargs = initargs
        self._pool: ProcessPoolExecutor | None = None
        self.note: str | None = None  # set by callers: why fewer workers than asked

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if error is not None:
            self.terminate()
        else:
            self.close()

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(self._preload)
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(os.getpid(), self._initializer, self._initargs),
        )

    def prestart(self) -> None:
        """Start the fork server now (its imports and warm-up) without waiting for it: the caller plans its
        tasks meanwhile. Workers fork from it at the first task (starting one waits for the warm-up)."""
        from multiprocessing import forkserver

        if self._pool is None:
            self._pool = self._new_pool()
        forkserver.ensure_running()  # the one fork server of the "forkserver" context _new_pool gives the pool

    def run(self, function: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[TaskResult]:
        """Yield a TaskResult per task as each completes. When a worker dies, the tasks it shared the pool
        with are run again in a fresh pool, each alone, so only the task that kills a worker fails."""
        suspects: list[Any] = []
        yield from self._run_window(function, iter(tasks), self.workers * WINDOW_PER_WORKER, suspects)
        for task in list(suspects):
            isolated: list[Any] = []
            yield from self._run_window(function, iter([task]), 1, isolated)
            if isolated:
                yield TaskResult(task, error=WORKER_DIED, crashed=True)

    def _run_window(
        self, function: Callable, tasks: Iterator[Any], window: int, crashed: list[Any]
    ) -> Iterator[TaskResult]:
        if self._pool is None:
            self._pool = self._new_pool()
        in_flight: dict[Future, Any] = {}
        queue: deque[Any] = deque()
        exhausted = False
        while True:
            while not exhausted and len(in_flight) < window:
                task = queue.popleft() if queue else next(tasks, _END)
                if task is _END:
                    exhausted = True
                    break
                try:
                    in_flight[self._pool.submit(function, task)] = task
                except BrokenProcessPool:
                    crashed.append(task)
                    self._replace_pool()
            if not in_flight:
                return
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                task = in_flight.pop(future)
                error = future.exception()
                if isinstance(error, BrokenProcessPool):
                    crashed.append(task)
                    broken = True
                elif error is not None:
                    yield TaskResult(task, error=one_line(error))
                else:
                    yield TaskResult(task, future.result())
            if broken:
                # Every task still in the broken pool fails the same way: they are suspects too.
                crashed.extend(in_flight.values())
                in_flight.clear()
                self._replace_pool()

    def _replace_pool(self) -> None:
        self.terminate()
        self._pool = self._new_pool()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def terminate(self) -> None:
        """Stop the workers now (an interrupted run): SIGTERM, which also ends their kernels, then SIGKILL."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # shutdown() forgets the processes, so take them first
        workers = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()
                worker.join()


_END = object()


# ---------------------------------------------------------------------------------------------- dask


class DaskExecutor:
    """Tasks on an existing Dask cluster (`distributed`), e.g. started with `dask scheduler` and
    `dask worker tcp://host:8786 --nworkers N --nthreads 1` on each machine."""

    def __init__(self, address: str, timeout: float = 10.0) -> None:
        from distributed import Client

        try:
            self._client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise ConnectionError(
                f"cannot reach the Dask scheduler at {address}: {one_line(error)}"
            ) from None
        threads = sum(self._client.nthreads().values())
        self.workers = max(1, threads)
        self.address = address
        self.description = f"Dask cluster at {address} ({threads} worker thread{'s' if threads != 1 else ''})"
        self.note: str | None = None

    def prestart(self) -> None:
        """Nothing to start: the cluster's workers are running."""

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        self.close()

    def run(self, function: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[TaskResult]:
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        tasks = iter(tasks)
        window = self.workers * WINDOW_PER_WORKER
        owners: dict[Any, Any] = {}

        def submit() -> Any | None:
            task = next(tasks, _END)
            if task is _END:
                return None
            future = self._client.submit(function, task, pure=False)
            owners[future.key] = task
            return future

        with self._client.as_current():  # as_completed() looks the client up
            first = [f for f in (submit() for _ in range(window)) if f is not None]
            if not first:
                return
            pending = as_completed(first)
            for future in pending:
                task = owners.pop(future.key)
                if future.status == "error":
                    error = future.exception()
                    crashed = isinstance(error, KilledWorker)
                    yield TaskResult(task, error=WORKER_DIED if crashed else one_line(error), crashed=crashed)
                else:
                    yield TaskResult(task, future.result())
                future.release()
                following = submit()
                if following is not None:
                    pending.add(following)

    def close(self) -> None:
        self._client.close()

    def terminate(self) -> None:
        self.close()


def open_executor(
    workers: int,
    scheduler: str | None = None,
    preload: Sequence[str] = (),
    initializer: Callable[..., None] | None = None,
    initargs: tuple = (),
) -> LocalExecutor | DaskExecutor:
    """A Dask executor when a scheduler address is given, else `workers` local processes."""
    if scheduler:
        return DaskExecutor(scheduler)
    return LocalExecutor(workers, preload=preload, initializer=initializer, initargs=initargs)
