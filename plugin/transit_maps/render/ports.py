"""Port areas: the long interchange pill of a station with more neighbours than ports.

A grid node has eight ports, five of them leading to one side (three that way, and up or down
first), so the layout gives a station with more neighbours, or more to one side, a *port area*
(`layout.markers.has_port_area`): the station sits at the centre of a bar of grid nodes in the
direction of its `angle`, and its edges start with stubs running along the bar to their own
ports. Drawn as they are, the stubs look like a tangle of overlapping strokes; a pill along the
bar, covering every stub start, reads as one large interchange instead. Where the bar runs is
`layout.markers.port_bars` (the metrics measure the same shape).
"""

from __future__ import annotations

from ..layout.markers import PORT_NEIGHBOURS, PortBar, port_bars
from .markup import num

__all__ = ["PORT_NEIGHBOURS", "PortBar", "port_bars", "port_pill"]


def port_pill(bar: PortBar) -> str:
    """The long interchange pill along `bar`: outline stroke with a narrower fill on top."""
    (x1, y1), (x2, y2) = bar.start, bar.end
    d = f"M{num(x1)} {num(y1)}L{num(x2)} {num(y2)}"
    edge = num(bar.thickness)
    core = num(bar.thickness - 5.0)
    # Inline widths beat the class rule's fixed ones: the pill is as thick as the stub bundles.
    return (
        f'<path class="tm-pill-edge tm-port" style="stroke-width:{edge}px" d="{d}"/>'
        f'<path class="tm-pill-core tm-port" style="stroke-width:{core}px" d="{d}"/>'
    )
