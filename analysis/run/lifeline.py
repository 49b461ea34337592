"""Worker processes die with the process that started them, even when it is killed with SIGKILL.

A killed batch whose workers live on keeps writing reports nobody records, while the next run may already
hold the lock. Two independent guards, because each alone has a gap:
- the kernel's parent-death signal (Linux `prctl(PR_SET_PDEATHSIG)`), which fires when the *immediate*
  parent dies: with a fork server in between that is the server, not the command;
- a watchdog thread on the command's own process (a pidfd on Linux ≥ 5.3, else polling its pid).
Either one ends the worker's own child processes (notebook kernels) first, then the worker.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
POLL_SECONDS = 0.5
CHILD_GRACE_SECONDS = 2.0


def set_parent_death_signal(signum: int = signal.SIGTERM) -> bool:
    """Ask Linux to send `signum` to this process when its parent dies; False where that is unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def end_children(grace: float = CHILD_GRACE_SECONDS) -> None:
    """Terminate this process's descendants (a kernel and whatever it started), then kill the stubborn."""
    import psutil

    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=grace)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()


def _die(exit_code: int) -> None:
    end_children()
    os._exit(exit_code)


def _on_term(signum: int, frame: object) -> None:
    _die(128 + signum)


def _watch(pid: int) -> None:
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])  # readable once the process has exited
        _die(128 + signal.SIGKILL)
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            _die(128 + signal.SIGKILL)
        except PermissionError:
            pass  # the pid exists (now owned by someone else would be a reused pid: rare, harmless)
        time.sleep(POLL_SECONDS)


def bind_to_parent(parent_pid: int) -> None:
    """Make this (worker) process end, with its descendants, when `parent_pid` or its own parent dies.

    SIGTERM (the parent's way to stop a worker, and the parent-death signal) ends the descendants too.
    """
    signal.signal(signal.SIGTERM, _on_term)
    direct_parent = os.getppid()
    set_parent_death_signal(signal.SIGTERM)
    if os.getppid() != direct_parent:  # the parent died before the signal was armed
        _die(128 + signal.SIGTERM)
    try:
        os.kill(parent_pid, 0)
    except ProcessLookupError:
        _die(128 + signal.SIGKILL)
    except PermissionError:
        pass
    threading.Thread(target=_watch, args=(parent_pid,), name="parent-watchdog", daemon=True).start()
