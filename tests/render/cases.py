"""Named render cases (fixture layout + options) shared by the golden and browser tests."""

from __future__ import annotations

from collections.abc import Callable

from tests.render.fixtures.layouts import bundle_turns, bundle_zones, ml_system, port_area
from transit_maps.layout.geometry import Layout
from transit_maps.render import RenderOptions

_ML_URLS = {
    s: f"../{s}/"
    for s in ("sources", "ingest", "validation", "features", "training", "registry", "serving")
}

CASES: dict[str, tuple[Callable[[], Layout], RenderOptions]] = {
    "ml-system-light": (ml_system, RenderOptions(theme="light", title="A typical ML system")),
    "ml-system-dark": (ml_system, RenderOptions(theme="dark", title="A typical ML system")),
    "ml-system-auto-links-highlight": (
        ml_system,
        RenderOptions(
            theme="auto",
            title="Highlight: the training path",
            description="Feature store to registry.",
            station_urls=_ML_URLS,
            line_urls={"model": "../lines/model/"},
            highlight=("features", "training", "registry"),
            id_prefix="tm-hl",
        ),
    ),
    "ml-system-solution": (
        ml_system,
        RenderOptions(
            theme="light",
            title="MLflow on the ML system",
            coverage={
                "sources": "missing",
                "ingest": "missing",
                "validation": "missing",
                "features": "partial",
                "training": "covered",
                "registry": "covered",
                "serving": "partial",
                "batch": "missing",
                "monitoring": "missing",
                "alerts": "missing",
            },
            solution="MLflow",
        ),
    ),
    "ml-system-diff": (
        ml_system,
        RenderOptions(
            theme="light",
            title="Changes",
            changes={"batch": "added", "alerts": "removed", "training": "changed"},
            edge_changes={("registry", "batch"): "added", ("j", "alerts"): "removed"},
        ),
    ),
    "bundles-light": (bundle_turns, RenderOptions(theme="light", title="Bundles")),
    "bundles-zones-dark": (bundle_zones, RenderOptions(theme="dark", title="Zones")),
    "port-area-light": (port_area, RenderOptions(theme="light", title="Port area")),
}
