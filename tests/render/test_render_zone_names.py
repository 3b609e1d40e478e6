"""Zone names: beside one of the zone's stations, or left to the legend; distinct tints."""

from __future__ import annotations

import re
from dataclasses import replace

from tests.render.fixtures.layouts import bundle_zones, ml_system
from transit_maps.layout.geometry import Box, ZoneArea
from transit_maps.render import RenderOptions, render_svg
from transit_maps.render.zones import NEAR_ZONE, name_box, track_segments, zone_bounds, zone_tints


def _near(box: Box, x: float, y: float, reach: float) -> bool:
    cx, cy = box.x + box.width / 2, box.y + box.height / 2
    return abs(cx - x) <= reach + box.width / 2 and abs(cy - y) <= reach


def test_name_sits_beside_a_member_station_clear_of_everything() -> None:
    laid = bundle_zones()
    taken = [s.label.box for s in laid.stations if s.label is not None]
    track = track_segments(laid)
    for zone in laid.zones:
        box = name_box(zone, laid, taken, track)
        assert box is not None
        members = [laid.station(s) for s in zone.stations]
        assert any(_near(box, s.x, s.y, 70) for s in members), zone.id
        assert not any(box.overlaps(t, margin=-3) for t in taken)


def test_a_name_with_no_free_place_nearby_is_left_to_the_legend() -> None:
    laid = bundle_zones()
    zone = laid.zones[1]  # "Hub": one station
    everything = [Box(-1000, -1000, 3000, 3000)]  # every place near the zone is taken
    assert name_box(zone, laid, everything, track_segments(laid)) is None
    svg = render_svg(
        replace(laid, zones=(zone,)), RenderOptions(theme="light", title="Zones", legend=True)
    )
    assert "Hub" in svg  # still named in the legend


def test_eight_zones_get_eight_different_tints() -> None:
    laid = ml_system()
    ids = [s.id for s in laid.stations if not s.junction]
    zones = tuple(ZoneArea(f"z{i}", f"Zone {i}", (ids[i],)) for i in range(8))
    svg = render_svg(replace(laid, zones=zones), RenderOptions(theme="dark"))
    tints = re.findall(r'data-zone="z\d"[^>]*>.*?class="[^"]*tm-zone-c(\d)', svg)
    assert sorted(set(tints)) == [str(i) for i in range(8)]


def test_a_ninth_zone_takes_a_tint_its_neighbours_do_not_have() -> None:
    # the tints used to cycle after eight zones: a held-out nanoseq pipeline drew its ninth zone
    # (QC) beside its first (input) in the same blue, and the two read as one zone
    laid = ml_system()
    ids = [s.id for s in laid.stations if not s.junction]
    zones = tuple(ZoneArea(f"z{i}", f"Zone {i}", (sid,)) for i, sid in enumerate(ids))
    laid = replace(laid, zones=zones)
    tints = zone_tints(laid, 8)
    assert tints[:8] == list(range(8))  # up to eight zones: in order, as before
    # z8, monitoring, is one edge from serving (z6)
    box = zone_bounds(zones[8], laid)
    assert box is not None
    joined = {e.source for e in laid.edges if e.target == ids[8]}
    joined |= {e.target for e in laid.edges if e.source == ids[8]}
    near = {
        tints[i]
        for i in range(8)
        if ids[i] in joined
        or ((other := zone_bounds(zones[i], laid)) and box.overlaps(other, margin=-NEAR_ZONE))
    }
    assert near, "the test wants a ninth zone with neighbours"
    assert tints[8] not in near
    # alerts (z9) has no zone one edge away or near: the least used tint, not z8's again
    assert tints[9] != tints[8]
    # the map and its legend agree
    svg = render_svg(laid, RenderOptions(theme="light", title="Zones", legend=True))
    drawn = re.findall(r'data-zone="z(\d)"[^>]*>.*?class="[^"]*tm-zone-c(\d)', svg)
    assert [int(t) for _, t in drawn] == tints
    legend = re.findall(r'<rect class="tm-zone-c(\d)"', svg)
    assert [int(t) for t in legend] == tints


def test_a_name_keeps_off_other_zones_shading_where_it_can() -> None:
    # city-metro: the first free place for "Zone 1" lay on Zone 2's shading, beside Kingsway;
    # a place beside another of its stations is off every other zone
    from tests.paths import MAPS
    from transit_maps.layout import layout
    from transit_maps.loader import load_map
    from transit_maps.render.zones import _Region

    the_map = load_map(MAPS / "city-metro.yaml")
    laid = layout(the_map.layer("network"), the_map.id)
    taken = [s.label.box for s in laid.stations if s.label is not None]
    taken += [Box(s.x - 8, s.y - 8, 16, 16) for s in laid.stations if not s.junction]
    track = track_segments(laid)
    for zone in laid.zones:
        box = name_box(zone, laid, taken, track)
        assert box is not None
        taken.append(box)
        members = [laid.station(s) for s in zone.stations]
        assert any(_near(box, s.x, s.y, 70) for s in members), zone.id
        others = [_Region(other, laid) for other in laid.zones if other is not zone]
        assert not any(region.touches(box) for region in others), zone.id
