"""Thread pools that a Ctrl+C does not wait for.

A pool left by an exception waits for its work in progress (concurrent.futures does), and
a worker can't be stopped half-way through a numpy call: Ctrl+C during `moozix master` on
20 minutes of a tone waited up to 22 s for a true peak nobody would see. Left by a Ctrl+C,
these pools drop their queued work and let the work in progress run on, unwaited; the
command then ends the process (moozix_tui.cli). Any other exception still waits, as the
chat's jobs, cancelled, must not leave threads behind them.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

__all__ = ["shut_down", "thread_pool"]


@contextmanager
def thread_pool(count: int) -> Iterator[ThreadPoolExecutor]:
    pool = ThreadPoolExecutor(max_workers=count)
    try:
        yield pool
    except BaseException as error:
        shut_down(pool, error)
        raise
    shut_down(pool, None)


def shut_down(pool: ThreadPoolExecutor, error: BaseException | None, *,
              drop_queued: bool | None = None) -> None:
    """Wait for the pool's work, unless it is left by a Ctrl+C. Queued work is dropped
    when `drop_queued`, by default whenever the pool is left by an exception."""
    pool.shutdown(wait=not isinstance(error, KeyboardInterrupt),
                  cancel_futures=error is not None if drop_queued is None else drop_queued)
