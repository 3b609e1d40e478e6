"""The layout fuzz (benchmarks/fuzz.py): its cases are seeded, cover every kind, and the first
case of each kind meets every invariant; a broken invariant is reported with its seed."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import networkx as nx
import pytest

import transit_maps.layout as engine
from tests.paths import REPO


def _fuzz_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz", REPO / "benchmarks" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fuzz = _fuzz_module()


def test_cases_are_seeded_and_cover_every_line() -> None:
    for seed in range(len(fuzz.KINDS)):
        kind, g, layer = fuzz.case(seed)
        again = fuzz.case(seed)[2]
        assert [line.stations for line in layer.lines] == [line.stations for line in again.lines]
        covered = {frozenset((s.a, s.b)) for s in layer.segments}
        assert covered == {frozenset(e) for e in g.edges()}, kind
        assert len(layer.segments) == g.number_of_edges()  # edge-disjoint lines


def test_one_case_of_each_kind_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert fuzz.main(["--cases", str(len(fuzz.KINDS))]) == 0
    out = capsys.readouterr().out
    assert out.count("\n| ") == len(fuzz.KINDS) + 1  # a row per kind, after the header


def test_a_crossing_on_a_planar_network_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    # seed 80 (a triangulated patch) crossed before `_with_room`; without its room, it does again
    monkeypatch.setattr(engine, "ROOMY_TRIES", 0)
    monkeypatch.setattr(engine, "planar_embeddings", lambda *_: [])  # nor Tutte's drawings
    kind, planar, _, bad = fuzz.failures(80)
    assert kind == "triangular lattice" and planar
    assert any("crossings (planar)" in b for b in bad)
    assert nx.check_planarity(fuzz.case(80)[1])[0]


def test_flow_cases_follow_their_arcs_and_cover_every_one() -> None:
    for seed in range(2 * len(fuzz.FLOWS)):
        kind, g, layer = fuzz.case(seed, flows=True)
        assert kind == list(fuzz.FLOWS)[seed % len(fuzz.FLOWS)]
        again = fuzz.case(seed, flows=True)[2]
        assert [line.stations for line in layer.lines] == [line.stations for line in again.lines]
        covered = {frozenset((s.a, s.b)) for s in layer.segments}
        assert covered == {frozenset(e) for e in g.edges()}, kind
        # every line runs along the arcs of one acyclic order: no station comes back
        assert all(len(set(line.stations)) == len(line.stations) for line in layer.lines)
        index = {s.id: int(s.id[1:]) for s in layer.stations}  # ranks are numbered in order
        assert all(
            index[a] < index[b]
            for line in layer.lines
            for a, b in zip(line.stations, line.stations[1:], strict=False)
        )


def test_one_flow_case_of_each_kind_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert fuzz.main(["--flows", "--cases", str(len(fuzz.FLOWS))]) == 0
    out = capsys.readouterr().out
    assert "| pipeline | 1 |" in out and "| pipeline with a collector | 1 |" in out
