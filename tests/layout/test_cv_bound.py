"""The flow bound on edge-length CV (benchmarks/cv_bound.py), on cases solved by hand.

A chain of p steps with a bypass from its first station to its last: in a drawing that flows
with spread k the bypass advances as far as the whole chain, so it is at least (chain length) / k
long. With every chain edge 1 and the bypass p / k (the best: lengthening the bypass or making
the chain uneven only spreads the lengths), the CV is that of p ones and one p / k. For p = 2
and k = sqrt 2 (two diagonal steps and a straight bypass) that is 3 - 2 sqrt 2, about 0.17.
"""

from __future__ import annotations

import importlib.util
import math
import statistics
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from tests.paths import CORPUS, REPO
from transit_maps.loader import load_map
from transit_maps.model import Layer


def _bound_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cv_bound", REPO / "benchmarks" / "cv_bound.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


cv_bound = _bound_module()


def _layer(tmp_path: Path, lines: dict[str, list[str]]) -> Layer:
    data = {
        "title": "Bound",
        "layers": {
            "pipeline": {"lines": {name: {"stations": route} for name, route in lines.items()}}
        },
    }
    path = tmp_path / "bound.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_map(path).layer("pipeline")


def _cv(lengths: list[float]) -> float:
    return statistics.pstdev(lengths) / statistics.fmean(lengths)


def _bypassed_chain(tmp_path: Path, steps: int) -> Layer:
    chain = [f"s{i}" for i in range(steps + 1)]
    return _layer(tmp_path, {"main": chain, "bypass": [chain[0], chain[-1]]})


@pytest.mark.parametrize("steps", [2, 4])
@pytest.mark.parametrize("spread", [math.sqrt(2), 1.5])
def test_a_bypassed_chain_is_held_to_the_hand_solved_cv(
    tmp_path: Path, steps: int, spread: float
) -> None:
    layer = _bypassed_chain(tmp_path, steps)
    bound = cv_bound.flow_cv_bound(layer, spread)
    assert bound.converged
    assert (bound.edges, bound.free_edges) == (steps + 1, 0)
    lengths = [1.0] * steps + [steps / spread]
    if (steps, spread) == (2, math.sqrt(2)):
        assert _cv(lengths) == pytest.approx(3 - 2 * math.sqrt(2))
    assert bound.cv == pytest.approx(_cv(lengths), abs=1e-4)


def test_detours_long_enough_allow_even_lengths(tmp_path: Path) -> None:
    # With k = 2 the two steps can each be as long as the bypass.
    layer = _bypassed_chain(tmp_path, 2)
    # The solver's objective is good to about 1e-7; its square root, near 0, to about 1e-3.
    assert cv_bound.flow_cv_bound(layer, 2.0).cv == pytest.approx(0.0, abs=1e-3)


def test_a_feedback_line_runs_back_at_no_cost(tmp_path: Path) -> None:
    # The retraining loop b -> c -> d -> e -> b cannot flow one way all round; the edge that
    # closes it is a feedback edge, free in the model, and the rest can be even.
    layer = _layer(
        tmp_path, {"main": ["a", "b", "c", "d"], "retrain": ["d", "e", "b"], "more": ["d", "f"]}
    )
    bound = cv_bound.flow_cv_bound(layer, math.sqrt(2))
    assert bound.converged
    assert bound.free_edges >= 1
    assert bound.cv == pytest.approx(0.0, abs=1e-4)


def test_the_script_prints_a_row_per_layer_and_the_corpus_bound_misses_the_target(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = CORPUS / "nf-metro-genomeassembly.yaml"
    assert cv_bound.main([str(path)]) == 0
    rows = [r for r in capsys.readouterr().out.splitlines() if r.startswith("| nf-metro")]
    assert len(rows) == 1
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    assert cells[0] == "nf-metro-genomeassembly/pipeline"
    # Straight and diagonal pieces only: no drawing that flows gets below 0.4 (target 0.25);
    # longer detours allow less.
    assert float(cells[3]) > 0.4
    assert float(cells[3]) > float(cells[4]) > float(cells[5])
