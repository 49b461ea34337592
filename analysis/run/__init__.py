"""Where the work of many articles runs: local worker processes (default) or a Dask cluster.

Shared by `workbook batch` (one report per task) and `workbook corpus build` (a few articles' table rows
per task). The public interface:

- `plan_workers(requested, per_worker_memory, tasks=None) -> WorkerPlan`: the worker count, capped to the
  usable cores and the available memory, with a one-line `note` when it is lower than requested;
- `open_executor(workers, scheduler=None, preload=(), initializer=None, initargs=())`: a `LocalExecutor`
  or, with a `tcp://host:port` address, a `DaskExecutor`; both are context managers with
  `run(function, tasks) -> Iterator[TaskResult]` (completion order), `workers` and `description`;
- `TaskResult(task, value, error, crashed)`: `error` is one line when the function raised, `crashed` when
  the worker process died on the task (a local pool retries the others alone first);
- `bind_to_parent(pid)`: what each local worker calls first: it dies, with its children, when `pid` dies.
"""

from .executor import (
    WORKER_DIED,
    DaskExecutor,
    Executor,
    LocalExecutor,
    TaskResult,
    one_line,
    open_executor,
)
from .lifeline import bind_to_parent, end_children, set_parent_death_signal
from .limits import WorkerPlan, available_memory, plan_workers, usable_cores

__all__ = [
    "WORKER_DIED",
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "TaskResult",
    "WorkerPlan",
    "available_memory",
    "bind_to_parent",
    "end_children",
    "one_line",
    "open_executor",
    "plan_workers",
    "set_parent_death_signal",
    "usable_cores",
]
