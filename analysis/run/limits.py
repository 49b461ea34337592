"""How many worker processes this machine can afford: the usable cores and the available memory.

`--jobs 999` must not start 999 processes (each a Python interpreter with the analysis loaded, for a batch
also a notebook kernel of ~230 MB): the count is capped to the cores the process may run on (CPU affinity
and a cgroup CPU quota, as containers set them) and to the memory available now, and the cap is said.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024


@dataclass(frozen=True)
class WorkerPlan:
    """The worker count to use and, when it is lower than asked for, why (`note`, one line)."""

    workers: int
    requested: int | None
    cores: int
    available_memory: int | None  # bytes, None when unknown
    per_worker_memory: int  # bytes one worker is expected to need
    note: str | None = None


def usable_cores() -> int:
    """The cores this process may use: CPU affinity (taskset, cgroup cpusets), then a cgroup CPU quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    quota = _cgroup_cpu_quota()
    return max(1, min(cores, quota) if quota else cores)


def _cgroup_cpu_quota() -> int | None:
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        return None
    if quota == "max":
        return None
    return max(1, math.ceil(int(quota) / int(period)))


def available_memory() -> int | None:
    """Bytes this process could still allocate: MemAvailable, lowered by a cgroup memory limit."""
    available = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                available = int(line.split()[1]) * 1024
                break
    except (OSError, ValueError):
        pass
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        used = int(Path("/sys/fs/cgroup/memory.current").read_text().strip())
        if limit != "max":
            left = max(0, int(limit) - used)
            available = left if available is None else min(available, left)
    except (OSError, ValueError):
        pass
    return available


def plan_workers(requested: int | None, per_worker_memory: int, tasks: int | None = None) -> WorkerPlan:
    """The number of worker processes for `requested` (None: one per usable core), capped to the cores,
    to the memory available (`per_worker_memory` bytes each, one worker at least) and to the task count."""
    if requested is not None and requested < 1:
        raise ValueError("the number of workers must be at least 1")
    cores = usable_cores()
    memory = available_memory()
    by_memory = max(1, memory // per_worker_memory) if memory is not None else None
    workers = min(requested or cores, cores)
    reasons = []
    if requested and requested > cores:
        reasons.append(f"{cores} usable core{'s' if cores != 1 else ''}")
    if by_memory is not None and workers > by_memory:
        workers = by_memory
        reasons.append(f"{memory // MIB} MiB available memory at ~{per_worker_memory // MIB} MiB per worker")
    note = None
    if requested and workers < requested and reasons:
        note = f"--jobs {requested} capped to {workers} ({', '.join(reasons)})"
    if tasks is not None:  # no idle workers for a short run (not worth a note)
        workers = max(1, min(workers, tasks))
    return WorkerPlan(workers, requested, cores, memory, per_worker_memory, note)
