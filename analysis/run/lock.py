"""One writer at a time per output folder: an exclusive file lock held for a whole run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(RuntimeError):
    """Another run holds the folder's lock and did not release it within the wait."""


@contextmanager
def exclusive(lock_path: Path, wait: float, what: str, error: type[Busy] = Busy) -> Iterator[None]:
    """Hold `lock_path` (wait `wait` seconds for it; negative: for ever) or raise `error`, a one-line
    message naming `what` holds it ("another batch run")."""
    from filelock import FileLock, Timeout

    lock = FileLock(lock_path, timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise error(
            f"{what} is writing to {lock_path.parent} (lock {lock_path}); "
            + (f"gave up after waiting {wait:g} s" if wait > 0 else "pass --wait SECONDS to wait for it")
        ) from None
    try:
        yield
    finally:
        lock.release()
