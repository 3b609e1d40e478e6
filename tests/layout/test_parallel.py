"""Computations at once (`layout.parallel`: `both`, `Aside`), and the six places the layout
runs them so (the two polishes of a map of 61-120 stations, a pipeline's layered drawing with
points, a dense pipeline's drawing with its fans moved out, the next label spread, compaction's
greedy steps with less growth, the layered drawing with turns): the same results as one after
the other, one child at a time, and every way the child can fail falls back to computing here."""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
import yaml

import transit_maps.layout as engine
from tests.layout.pipeline_cases import random_pipeline
from tests.layout.rail_cases import rail_network, tunnel_layer
from tests.layout.test_pipeline_dense import unpacked_database
from tests.layout.test_pipeline_turns import SHEET_FEEDS_TWO
from tests.paths import MAPS
from transit_maps.layout import embedding_choice, layout, parallel, pipeline, pipeline_dense
from transit_maps.layout.embedding import graph_of
from transit_maps.layout.metrics import measure
from transit_maps.layout.parallel import SERIAL_VARIABLE, both, may_fork
from transit_maps.layout.pipeline_dense import dense_schematic
from transit_maps.loader import load_map

A = TypeVar("A")
B = TypeVar("B")
# the module (the package's `compact` is its function)
compaction = importlib.import_module("transit_maps.layout.compact")
RUN = "import sys; from transit_maps.cli import main; sys.exit(main(sys.argv[1:]))"


def _forks_soon() -> bool:
    """`may_fork`, given a thread that just ended a moment to leave the kernel's list."""
    for _ in range(100):
        if may_fork():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture(autouse=True)
def _fork_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SERIAL_VARIABLE, raising=False)
    threads = [t.name for t in threading.enumerate()]
    tasks = len(os.listdir("/proc/self/task"))
    assert _forks_soon(), f"threads {threads}, {tasks} tasks: nothing here would fork"


def test_the_second_runs_in_a_child_and_both_results_come_back() -> None:
    here = os.getpid()
    first, second = both(os.getpid, lambda: (os.getpid(), list(range(100_000))))
    assert first == here
    assert second[0] != here  # computed in the child
    assert second[1] == list(range(100_000))  # more than a pipe holds at once


def test_serial_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    assert not may_fork()
    assert both(os.getpid, os.getpid) == (os.getpid(), os.getpid())
    monkeypatch.setenv(SERIAL_VARIABLE, "0")
    assert may_fork()


def test_serial_while_another_thread_runs() -> None:
    done = threading.Event()
    thread = threading.Thread(target=done.wait)
    thread.start()
    try:
        assert not may_fork()
        assert both(os.getpid, os.getpid) == (os.getpid(), os.getpid())
    finally:
        done.set()
        thread.join()
    assert _forks_soon()


def test_a_child_that_raises_is_computed_again_here() -> None:
    here = os.getpid()
    calls: list[int] = []

    def second() -> int:
        calls.append(os.getpid())  # seen here only when it runs here
        if os.getpid() != here:
            raise RuntimeError("in the child")
        return 7

    assert both(lambda: 1, second) == (1, 7)
    assert calls == [here]


def test_a_child_killed_is_computed_again_here() -> None:
    here = os.getpid()

    def second() -> str:
        if os.getpid() != here:
            os.kill(os.getpid(), signal.SIGKILL)
        return "here"

    assert both(lambda: 0, second) == (0, "here")


def test_an_error_in_the_first_ends_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    children: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(parallel.os, "fork", counted)

    def first() -> None:
        raise ValueError("first")

    with pytest.raises(ValueError, match="first"):
        both(first, lambda: threading.Event().wait(60))
    assert len(children) == 1
    with pytest.raises(ChildProcessError):  # killed and reaped: nothing left to wait for
        os.waitpid(children[0], os.WNOHANG)


def test_the_command_forks_and_draws_as_one_after_the_other(tmp_path: Path) -> None:
    # a seeded 61-station rail network from topology: two candidates polished (POLISH_TWO)
    path = tmp_path / "rail-61.yaml"
    data = rail_network().rail_map(60, seed=6, hints=False, tunnels=0.15)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    probe = "from transit_maps.layout.parallel import may_fork; print(may_fork())"
    env = {k: v for k, v in os.environ.items() if k != SERIAL_VARIABLE}
    forks = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert forks.stdout.strip() == "True"  # a fresh command runs the second polish in a child
    outputs = []
    for serial in ("", "1"):
        done = subprocess.run(
            [sys.executable, "-c", RUN, "layout", str(path), "--json"],
            capture_output=True,
            check=True,
            env={**env, SERIAL_VARIABLE: serial},
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert b'"stations"' in outputs[0]


def test_polish_best_runs_the_two_polishes_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    layer = tunnel_layer(60, 6)  # 61 stations: the first candidate and the first embedding's
    calls: list[int] = []

    def recorded(
        first: Callable[[], A], second: Callable[[], B], wanted: Callable[[A], bool]
    ) -> tuple[A, B | None]:
        calls.append(os.getpid())
        return both(first, second, wanted)

    monkeypatch.setattr(embedding_choice, "both", recorded)
    together = layout(layer, "tunnels").to_json()
    assert calls == [os.getpid()]
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    assert layout(layer, "tunnels").to_json() == together  # one after the other


def test_a_second_not_wanted_is_stopped_or_not_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    started = time.monotonic()
    result = both(lambda: 3, lambda: threading.Event().wait(60), lambda first: first > 5)
    assert result == (3, None)
    assert time.monotonic() - started < 30  # the child was stopped, not waited for
    computed: list[int] = []
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    assert both(lambda: 3, lambda: computed.append(1), lambda first: first > 5) == (3, None)
    assert computed == []
    assert both(lambda: 9, lambda: computed.append(1) or 4, lambda first: first > 5) == (9, 4)


def test_a_worker_with_a_core_of_its_own_keeps_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_one_core", False)  # put back after the test
    parallel.keep_to_one_core()
    assert not may_fork()
    assert both(os.getpid, os.getpid) == (os.getpid(), os.getpid())


def test_no_process_to_spare_runs_both_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, "fork", refused)
    assert both(os.getpid, os.getpid) == (os.getpid(), os.getpid())


def test_a_both_inside_the_child_runs_there_one_after_the_other() -> None:
    here = os.getpid()
    _, (child, inner) = both(lambda: None, lambda: (os.getpid(), both(os.getpid, os.getpid)))
    assert child != here
    assert inner == (child, child)  # no grandchild


def test_the_layered_drawing_with_points_is_drawn_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # seed 118 of the pipeline generator (60 stations): its drawing with port areas crosses once
    # and the one with points, drawn meanwhile in the child, does not (and is kept)
    layer = random_pipeline(118)
    calls: list[bool] = []

    def recorded(
        first: Callable[[], A], second: Callable[[], B], wanted: Callable[[A], bool]
    ) -> tuple[A, B | None]:
        a, b = both(first, second, wanted)
        calls.append(b is not None)
        return a, b

    monkeypatch.setattr(pipeline, "both", recorded)
    together = layout(layer, "pipeline").to_json()
    assert calls == [True]
    assert measure(layout(layer, "pipeline"), layer).edge_crossings == 0
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    assert layout(layer, "pipeline").to_json() == together


def test_a_dense_layer_moves_its_fans_out_meanwhile(monkeypatch: pytest.MonkeyPatch) -> None:
    # eight tools fed by the merged reads and by an unpacked database: no variant of the usual
    # ranking is drawn; the one with the unpacking moved out, drawn meanwhile in the child, is
    # kept (`pipeline_dense.dense_schematic`)
    layer = unpacked_database(8)
    g = graph_of(layer)
    calls: list[bool] = []

    def recorded(
        first: Callable[[], A], second: Callable[[], B], wanted: Callable[[A], bool]
    ) -> tuple[A, B | None]:
        a, b = both(first, second, wanted)
        calls.append(a is None and b is not None)
        return a, b

    monkeypatch.setattr(pipeline_dense, "both", recorded)
    together = dense_schematic(layer, g)
    assert calls == [True] and together is not None
    assert may_fork()  # the child is collected
    # with a bound (a layered drawing to beat), only the usual ranking is drawn, here
    assert dense_schematic(layer, g, 10**6) is None and calls == [True]
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    alone = dense_schematic(layer, g)
    assert alone is not None
    assert (alone.positions, alone.paths) == (together.positions, together.paths)


def test_the_next_spread_is_placed_meanwhile(monkeypatch: pytest.MonkeyPatch) -> None:
    # seed 4 of the tunnel networks (59 stations): names get stuck at the first two spreads and
    # five are placed; while one is placed here, the next is placed in a child
    layer = tunnel_layer(60, 4)
    asides: list[parallel.Aside[object]] = []

    class Recorded(parallel.Aside[object]):
        def __init__(self, compute: Callable[[], object]) -> None:
            super().__init__(compute)
            asides.append(self)

    monkeypatch.setattr(engine, "Aside", Recorded)
    together = layout(layer, "tunnels").to_json()
    assert len(asides) >= 2
    assert all(a._done for a in asides)  # collected or stopped: no child left behind
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    assert layout(layer, "tunnels").to_json() == together


def test_the_layered_drawing_with_turns_is_drawn_meanwhile(monkeypatch: pytest.MonkeyPatch) -> None:
    # a planar pipeline whose every left-to-right drawing crosses: its drawing with a direction
    # turned round (kept) is drawn in a child from the moment the layered drawing is known,
    # while the routed candidates are ranked here; the same drawing as one after the other
    asides: list[parallel.Aside[object]] = []
    children: list[int] = []

    class Recorded(parallel.Aside[object]):
        def __init__(self, compute: Callable[[], object]) -> None:
            super().__init__(compute)
            if getattr(compute, "func", None) is engine._turned:
                asides.append(self)
                children.append(self._pid)

    monkeypatch.setattr(engine, "Aside", Recorded)
    together = layout(SHEET_FEEDS_TWO, "m")
    assert len(asides) == 1 and children[0] != 0  # forked
    assert asides[0]._done and may_fork()  # collected: no child left behind
    assert measure(together, SHEET_FEEDS_TWO).edge_crossings == 0
    # the example city metro's layered drawing crosses too, but its routed drawing does not:
    # the child is stopped once that is known, before the labels (which use the other core)
    city = load_map(MAPS / "city-metro.yaml").layers[0]
    routed = layout(city, "city")
    assert len(asides) == 2 and children[1] != 0 and asides[1]._done and may_fork()
    assert measure(routed, city).edge_crossings == 0
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    assert layout(SHEET_FEEDS_TWO, "m").to_json() == together.to_json()
    assert layout(city, "city").to_json() == routed.to_json()


def test_an_aside_runs_in_a_child_or_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    here = os.getpid()
    assert parallel.Aside(os.getpid).result() != here
    stopped = parallel.Aside(lambda: threading.Event().wait(60))
    stopped.cancel()  # at once, not after a minute
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    computed: list[int] = []
    lazy = parallel.Aside(lambda: computed.append(1) or os.getpid())
    assert computed == []  # not before it is asked for
    assert lazy.result() == here
    assert lazy.result() == here and computed == [1]  # once
    dropped = parallel.Aside(lambda: computed.append(2))
    dropped.cancel()
    assert computed == [1]


def test_one_child_at_a_time() -> None:
    here = os.getpid()
    running = parallel.Aside(lambda: threading.Event().wait(60))
    try:
        assert not may_fork()  # both cores are busy: what would be forked runs here
        assert parallel.Aside(os.getpid).result() == here
        assert both(os.getpid, os.getpid) == (here, here)
    finally:
        running.cancel()
    assert may_fork()
    collected = parallel.Aside(os.getpid)
    assert not may_fork()
    assert collected.result() != here
    assert may_fork()  # once collected, the next may fork


def test_compaction_grows_less_meanwhile(monkeypatch: pytest.MonkeyPatch) -> None:
    # seed 5 of the pipeline generator (45 stations): both compactions (of the layered drawing
    # and of the polished candidate) ask for the greedy steps without growth, one for those
    # with less growth too; they run in a child while the most growth runs here
    layer = random_pipeline(5)
    asides: list[parallel.Aside[object]] = []
    collected: list[object] = []

    class Recorded(parallel.Aside[object]):
        def __init__(self, compute: Callable[[], object]) -> None:
            super().__init__(compute)
            asides.append(self)

        def result(self) -> object:
            collected.append(self._pid)
            return super().result()

    monkeypatch.setattr(compaction, "Aside", Recorded)
    together = layout(layer, "pipeline").to_json()
    assert len(asides) >= 2
    assert all(a._done for a in asides)  # collected or stopped: no child left behind
    assert len(collected) >= 2 and all(collected)  # collected from a child
    assert may_fork()
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    assert layout(layer, "pipeline").to_json() == together
