"""One set of styles: the page, its legend and the charts draw every status alike."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from test_render import statuses_graph

from meetgraph.render import embedded_data, render_html
from meetgraph.styles import (
    EDGE_STYLES,
    FONT_FAMILY,
    NODE_SHAPES,
    STATUS_COLORS,
    sector_colors,
    unbroken,
)
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


def test_the_app_theme_names_the_font_stack() -> None:
    # streamlit run reads .streamlit/config.toml, which cannot import FONT_FAMILY.
    config = tomllib.loads(
        (Path(__file__).parents[1] / ".streamlit" / "config.toml").read_text("utf-8")
    )
    assert config["theme"]["font"] == FONT_FAMILY


def test_make_run_and_meetgraph_app_start_streamlit_alike() -> None:
    # make run reads .streamlit/config.toml; meetgraph app and the benchmarks pass
    # meetgraph.serving.streamlit_settings on the command line.
    from meetgraph.serving import streamlit_settings

    config = tomllib.loads(
        (Path(__file__).parents[1] / ".streamlit" / "config.toml").read_text("utf-8")
    )
    flat = {
        f"{section}.{name}": str(value).lower() if isinstance(value, bool) else str(value)
        for section, values in config.items()
        for name, value in values.items()
    }
    assert flat == streamlit_settings(8501)


def test_the_font_stack_names_hangul_fonts_of_each_system_before_the_generic_one() -> None:
    families = [f.strip().strip("'") for f in FONT_FAMILY.split(",")]
    hangul = ["Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic"]
    assert set(hangul) <= set(families)
    assert families[-1] == "sans-serif"
    assert max(families.index(f) for f in hangul) < families.index("system-ui")
    assert families.index("Noto Sans CJK KR") < families.index("Noto Sans CJK JP")


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("Sam Altman in Seoul, 2025-02-04", "Sam Altman in Seoul, 2025-\u206002-\u206004"),
        ("샘 올트먼 방한, 2025년 2월 4일", "샘 올트먼 방한, 2025년 2월 4일"),
        ("Seasons 2024–2025", "Seasons 2024–\u20602025"),
        ("K-pop and Jean-Luc, -3 to 4-", "K-pop and Jean-Luc, -3 to 4-"),
    ],
)
def test_unbroken_joins_dashes_between_digits_only(text: str, joined: str) -> None:
    assert unbroken(text) == joined
    assert unbroken(text).replace("\u2060", "") == text


def test_the_graph_canvas_names_the_font_stack() -> None:
    data = embedded_data(render_html(statuses_graph()))
    assert data["options"]["nodes"]["font"]["face"] == FONT_FAMILY
    assert data["options"]["edges"]["font"]["face"] == FONT_FAMILY
