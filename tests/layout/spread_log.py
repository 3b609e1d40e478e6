"""Recording the drawings `layout._finish` starts, one per spread, for tests."""

from __future__ import annotations

from typing import Any

import pytest

import transit_maps.layout as engine
from transit_maps.layout import _Pending
from transit_maps.layout.parallel import SERIAL_VARIABLE
from transit_maps.model import Layer


def started_drawings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, _Pending]]:
    """Every drawing `_finish` starts from now on, with its spread, in order (the real ones).

    One after the other in this process: a spread placed meanwhile in a forked child (where
    `layout.parallel` allows one) would not be recorded here; the drawings are the same."""
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    started: list[tuple[float, _Pending]] = []
    real = engine._pending

    def recorded(layer: Layer, map_id: str, schematic: Any, spread: float) -> _Pending:
        pending = real(layer, map_id, schematic, spread)
        started.append((spread, pending))
        return pending

    monkeypatch.setattr(engine, "_pending", recorded)
    return started
