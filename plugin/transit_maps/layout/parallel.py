"""Two independent computations at once: the second in a forked child, on the other core.

The layout's dearest step on maps of 61-120 stations is the local search, run on two
candidates one after the other (`embedding_choice.polish_best`); the two polishes share
nothing, and the machines the time targets are set on have two cores. `both(first, second)`
runs `second` in a child process forked from this one (it sees everything as it is, nothing is
pickled on the way in) while this process runs `first`, and reads the child's result back
through a pipe (pickled). Both are pure functions of what they were given, so the results are
those of running them one after the other, and the layout stays byte-identical. When the first
result says the second is not needed after all (`wanted`), the child is stopped.

They run one after the other instead (here, in this process) where forking is not safe or not
possible: a platform other than Linux, a process with more than one thread (`mkdocs serve`
watches files in threads; a child forked there could wait forever on a lock another thread
held), a worker process that has a core of its own already (`keep_to_one_core`), or
`TRANSIT_MAPS_SERIAL` set in the environment. A child that fails in any way (an
exception, a signal, a result that does not unpickle) is not an error, nor is a fork that fails:
`second` then runs here.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")

# Set (to anything but "" or "0") to run everything in this process, one after the other.
SERIAL_VARIABLE = "TRANSIT_MAPS_SERIAL"


def _always(_: object) -> bool:
    return True


def keep_to_one_core() -> None:
    """From now on, in this process, `both` runs its two computations one after the other: for
    worker processes that already have a core each (`site.diagrams.prewarm`)."""
    global _one_core
    _one_core = True


_one_core = False


def may_fork() -> bool:
    """Whether `both` runs its second computation in a forked child (see the module docstring)."""
    if _one_core or os.environ.get(SERIAL_VARIABLE, "") not in ("", "0"):
        return False
    if sys.platform != "linux" or not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:  # threads started outside `threading` too (by a C library), as the kernel counts them
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def both(
    first: Callable[[], A], second: Callable[[], B], wanted: Callable[[A], bool] = _always
) -> tuple[A, B | None]:
    """`(first(), second())`, the second computed in a forked child while this process computes
    the first, where `may_fork`; else one after the other. When `wanted(first())` is false the
    second is not needed: None stands for it (the child is stopped, or it is not computed).
    The two must not depend on each other, nor on anything the other changes."""
    if not may_fork():
        a = first()
        return a, (second() if wanted(a) else None)
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no process to spare (a process limit): one after the other
        os.close(read_end)
        os.close(write_end)
        a = first()
        return a, (second() if wanted(a) else None)
    if pid == 0:  # the child: compute, send, and leave without running any exit handler
        os.close(read_end)
        keep_to_one_core()  # a `both` inside `second` runs here, one after the other
        status = 1
        try:
            data = pickle.dumps(second(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        try:
            a = first()
            if not wanted(a):
                _stop(pid)
                return a, None
            data = pipe.read()
        except BaseException:
            _stop(pid)
            raise
    _, status = os.waitpid(pid, 0)
    if status == 0:
        try:
            return a, pickle.loads(data)  # our own child's result
        except Exception:  # a result cut short: computed here instead
            pass
    return a, second()


def _stop(pid: int) -> None:
    """End the child and reap it (its result is not needed, or `first` raised)."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
