"""How the views draw actors and meetings: colours, shapes, dashes, sizes, in one place.

The interactive page, its legend, the timeline and the country chart all
read these, so that no two views can disagree on what a colour means.

Encoding
    Node colour = sector (the dataset's colour, else :data:`PALETTE` in
    sector order), shape = actor type (:data:`NODE_SHAPES`), size = a chosen
    measure within :data:`NODE_SIZE_RANGE`. Edges by status
    (:data:`EDGE_STYLES`): ``held`` solid grey-blue, ``planned`` dotted,
    ``requested`` orange dashed with a "✗" (asked for, fell through),
    ``missing`` red, wide, dashed and outside the physics; the what-if draws
    a missing edge solid red (:data:`WHAT_IF_STYLE`).

Examples
--------
>>> EDGE_STYLES["missing"].color, NODE_SHAPES["government_body"].shape
('#d62728', 'diamond')
>>> list(STATUS_COLORS) == [s.value for s in MeetingStatus] + ["none"]
True
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from meetgraph.vocabulary import MeetingStatus

__all__ = [
    "DEFAULT_NODE_SIZE",
    "EDGE_STYLES",
    "NODE_SHAPES",
    "NODE_SIZE_RANGE",
    "PALETTE",
    "STATUS_COLORS",
    "UNKNOWN_SECTOR_COLOR",
    "WHAT_IF_STYLE",
    "EdgeStyle",
    "NodeShape",
    "sector_colors",
]

#: Sector colours used, in sector order, when a sector declares none.
PALETTE = (
    "#1f77b4",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#aec7e8",
    "#98df8a",
    "#c5b0d5",
    "#c49c94",
)
UNKNOWN_SECTOR_COLOR = "#b0b0b0"


@dataclass(frozen=True)
class NodeShape:
    """How an actor type is drawn: a vis-network shape and the glyph the legend shows."""

    shape: str
    glyph: str


NODE_SHAPES: dict[str, NodeShape] = {
    "person": NodeShape("dot", "●"),
    "organization": NodeShape("square", "■"),
    "group": NodeShape("triangle", "▲"),
    "government_body": NodeShape("diamond", "◆"),
}

NODE_SIZE_RANGE = (10.0, 45.0)
DEFAULT_NODE_SIZE = 18.0


@dataclass(frozen=True)
class EdgeStyle:
    """How an edge of one status is drawn."""

    color: str
    dashes: tuple[int, ...] | None  #: dash and gap lengths; None for a solid line
    width: int
    mark: str = ""  #: a label on the edge
    physics: bool = True  #: whether it pulls in a physics layout


#: Edge style per status, in the schema's order of statuses.
EDGE_STYLES: dict[str, EdgeStyle] = {
    MeetingStatus.HELD.value: EdgeStyle("#5b7a99", None, 2),
    MeetingStatus.PLANNED.value: EdgeStyle("#5b7a99", (2, 6), 2),
    MeetingStatus.REQUESTED.value: EdgeStyle("#ff7f0e", (8, 4), 2, mark="✗"),
    MeetingStatus.MISSING.value: EdgeStyle("#d62728", (10, 8), 3, physics=False),
}
#: The what-if view (:func:`meetgraph.expectations.as_if_held`): missing edges drawn solid.
WHAT_IF_STYLE = EdgeStyle("#d62728", None, 3)

#: Mark colours by status for charts of points and bars: the edges' colours, except
#: planned, which the graph tells from held by its dots and a chart only by colour,
#: and ``none`` (no edge at all, in the country comparison).
STATUS_COLORS: dict[str, str] = {
    **{status: style.color for status, style in EDGE_STYLES.items()},
    MeetingStatus.PLANNED.value: "#2ca02c",
    "none": "#c7c7c7",
}


def sector_colors(G: nx.MultiGraph) -> dict[str, str]:
    """The colour of every sector of ``G``: declared, else from the palette in sector order.

    >>> G = nx.MultiGraph(sectors={"gov": {"color": "#123456"}, "ai": {}})
    >>> G.add_node("x", sector="media")
    >>> sector_colors(G)
    {'gov': '#123456', 'ai': '#2ca02c', 'media': '#9467bd'}
    """
    sectors = G.graph.get("sectors") or {}
    colors = {
        sector: (info or {}).get("color") or PALETTE[i % len(PALETTE)]
        for i, (sector, info) in enumerate(sectors.items())
    }
    # Sectors only the nodes name (e.g. a hand-built graph) still get a stable colour.
    for _, sector in sorted(G.nodes(data="sector"), key=lambda item: str(item[0])):
        if sector is not None and str(sector) not in colors:
            colors[str(sector)] = PALETTE[len(colors) % len(PALETTE)]
    return colors
