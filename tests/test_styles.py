"""One set of styles: the page, its legend and the charts draw every status alike."""

from __future__ import annotations

from test_render import statuses_graph

from meetgraph.render import embedded_data, render_html
from meetgraph.styles import EDGE_STYLES, NODE_SHAPES, STATUS_COLORS, sector_colors
from meetgraph.vocabulary import ActorType, MeetingStatus


def test_every_status_and_type_has_a_style_in_the_schemas_order() -> None:
    assert list(EDGE_STYLES) == [s.value for s in MeetingStatus]
    assert list(STATUS_COLORS) == [*(s.value for s in MeetingStatus), "none"]
    assert list(NODE_SHAPES) == [t.value for t in ActorType]


def test_the_page_and_its_legend_draw_each_status_as_styled() -> None:
    data = embedded_data(render_html(statuses_graph()))
    for edge in data["edges"]:
        style = EDGE_STYLES[edge["status"]]
        assert (edge["color"], edge["width"], edge["physics"]) == (
            style.color,
            style.width,
            style.physics,
        )
        assert edge["dashes"] == (list(style.dashes) if style.dashes else False)
    legend = data["legend"]["sections"][2]["items"]
    assert [(i["color"], i["width"], i["mark"]) for i in legend] == [
        (s.color, s.width, s.mark) for s in EDGE_STYLES.values()
    ]


def test_nodes_are_coloured_by_sector_and_shaped_by_type() -> None:
    G = statuses_graph()
    colors = sector_colors(G)
    for node in embedded_data(render_html(G))["nodes"]:
        attributes = G.nodes[node["id"]]
        assert node["color"] == colors[attributes["sector"]]
        assert node["shape"] == NODE_SHAPES[attributes["type"]].shape
