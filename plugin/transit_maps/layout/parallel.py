"""Independent computations at once: one in a forked child, on the other core.

The machines the time targets are set on have two cores, and the layout has steps that share
nothing: the two polishes of a map of 61-120 stations (`embedding_choice.polish_best`), a
pipeline's layered drawing with one-sided port areas and with points (`pipeline`), the labels
at one spread and at the next (`layout._Spreads`), compaction's greedy steps with the most
growth and with less (`compact._GreedySteps`), the layered drawing with turns and the routed
candidates (`layout._turning`). `Aside(compute)` starts `compute` in a child
process forked from this one (it sees everything as it is, nothing is pickled on the way in);
`result()` reads the child's result back through a pipe (pickled), `cancel()` stops the child
when its result is not needed after all. `both(first, second, wanted)` runs `first` here with
`second` aside, and drops the second when `wanted(first())` says so. What runs aside is a pure
function of what it was given, so the results are those of running everything here, one after
the other, and the layout stays byte-identical.

Everything runs here, one after the other and only when asked for, where forking is not safe
or not possible: a platform other than Linux, a process with more than one thread (`mkdocs
serve` watches files in threads; a child forked there could wait forever on a lock another
thread held; threads a C library started count too), a worker process that has a core of its
own already (`keep_to_one_core`; so does every child, which forks no grandchild), or
`TRANSIT_MAPS_SERIAL` set in the environment. One child at a time: while one runs, both cores
are busy, so what would be forked then runs here too (the compaction inside the first of two
polishes, while the child polishes the second). A child that fails in any way (an exception, a
signal, a result that does not unpickle) is not an error, nor is a fork that fails: the
computation then runs here.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

A = TypeVar("A")
B = TypeVar("B")
T = TypeVar("T")

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
# The children of this process that still run (their pids): at most one (see `may_fork`).
_running: set[int] = set()


def may_fork() -> bool:
    """Whether `both` runs its second computation in a forked child (see the module docstring)."""
    if _one_core or _running or os.environ.get(SERIAL_VARIABLE, "") not in ("", "0"):
        return False
    return fork_is_safe()


def fork_is_safe() -> bool:
    """Whether this process may fork without risk: on Linux, with no other thread (a child
    forked beside one could wait forever on a lock that thread held)."""
    if sys.platform != "linux" or not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:  # threads started outside `threading` too (by a C library), as the kernel counts them
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class Aside(Generic[T]):
    """`compute()` started in a forked child at once (where `may_fork`), its result collected
    when asked for (`result`), or dropped (`cancel`). Where no child may be forked, it is
    computed here when first asked for, and never when it is not."""

    def __init__(self, compute: Callable[[], T]) -> None:
        self._compute = compute
        self._pid = 0
        self._pipe = -1
        self._value: T | None = None
        self._done = False
        if may_fork():
            self._start()

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare (a process limit): computed here when asked
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the child: compute, send, and leave without running any exit handler
            os.close(read_end)
            keep_to_one_core()  # a child's own `both` or `Aside` runs there, in turn
            status = 1
            try:
                data = pickle.dumps(self._compute(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end
        _running.add(pid)

    def result(self) -> T:
        """The result: the child's, or computed here (no child, or one that failed)."""
        if not self._done:
            self._value = self._collected() if self._pid else self._compute()
            self._done = True
        return self._value  # type: ignore[return-value]

    def _collected(self) -> T:
        pipe, self._pipe = os.fdopen(self._pipe, "rb"), -1  # the file object closes it now
        try:
            with pipe:
                data = pipe.read()
        except BaseException:
            self.cancel()
            raise
        _, status = os.waitpid(self._pid, 0)
        _running.discard(self._pid)
        self._pid = 0
        if status == 0:
            try:
                return pickle.loads(data)  # type: ignore[no-any-return]  # our own child's
            except Exception:  # a result cut short: computed here instead
                pass
        return self._compute()

    def cancel(self) -> None:
        """Stop the child, if one still runs, and drop its result."""
        if self._pid:
            _stop(self._pid)
            _running.discard(self._pid)
            self._pid = 0
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1
        self._done = True


def both(
    first: Callable[[], A], second: Callable[[], B], wanted: Callable[[A], bool] = _always
) -> tuple[A, B | None]:
    """`(first(), second())`, the second computed in a forked child while this process computes
    the first, where `may_fork`; else one after the other. When `wanted(first())` is false the
    second is not needed: None stands for it (the child is stopped, or it is not computed).
    The two must not depend on each other, nor on anything the other changes."""
    aside = Aside(second)
    try:
        a = first()
    except BaseException:
        aside.cancel()
        raise
    if not wanted(a):
        aside.cancel()
        return a, None
    return a, aside.result()


def _stop(pid: int) -> None:
    """End the child and reap it (its result is not needed, or `first` raised)."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
