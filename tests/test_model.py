"""The model's derived facts."""

from __future__ import annotations

from transit_maps.model import Layer, Line, Ref, Station


def _layer() -> Layer:
    lines = (
        Line("data", "Data", "#e4002b", ("sources", "ingest", "store", "training")),
        Line(
            "model",
            "Model",
            "#0098d4",
            ("training", "registry", "serving"),
            (("registry", "batch"),),
        ),
        Line("feedback", "Feedback", "#8f4d9f", ("serving", "ingest")),
    )
    ids = ("sources", "ingest", "store", "training", "registry", "serving", "batch")
    return Layer("systems", "Systems", "systems", lines, tuple(Station(i, i) for i in ids))


def test_transfers_are_stations_on_two_or_more_lines() -> None:
    layer = _layer()
    assert layer.transfers == ("ingest", "training", "serving")
    assert layer.lines_at["serving"] == ("model", "feedback")


def test_segments_are_unique_pairs_in_station_order() -> None:
    layer = _layer()
    pairs = [(s.a, s.b) for s in layer.segments]
    assert (
        "ingest",
        "serving",
    ) in pairs  # feedback runs serving -> ingest; stored in station order
    assert len(pairs) == len(set(pairs)) == 7


def test_neighbours_and_adjacency_along_a_line() -> None:
    layer = _layer()
    assert layer.neighbours("registry") == ("training", "serving", "batch")
    assert layer.adjacent_along("registry", "model") == (("training", "serving"), (None, "batch"))
    assert layer.adjacent_along("training", "model") == ((None, "registry"),)
    assert layer.is_terminus("batch") and not layer.is_terminus("store")


def test_ref_parsing() -> None:
    assert Ref.parse("systems/training") == Ref("systems", "training")
    assert Ref.parse("other:org/sre") == Ref("org", "sre", "other")
    assert Ref.parse("training") is None
    assert Ref.parse("a/b/c") is None
