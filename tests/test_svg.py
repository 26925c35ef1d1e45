"""The picture: the page's drawing with title, headline, legend and source, as text and pixels."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from click.testing import CliRunner
from test_export import png_size
from test_render import hostile_graph, statuses_graph

from meetgraph.cli import cli
from meetgraph.drawing import drawing_for
from meetgraph.styles import EDGE_STYLES, FONT_FAMILY
from meetgraph.svg import PRESETS, Picture, PictureError, parse_size, png_bytes, render_svg

SVG = "{http://www.w3.org/2000/svg}"


def parsed(picture: str) -> ElementTree.Element:
    return ElementTree.fromstring(picture)


def texts(root: ElementTree.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text") if t.get("aria-hidden") != "true"]


def test_every_edge_is_a_path_styled_by_its_status() -> None:
    G = statuses_graph()
    root = parsed(render_svg(G, Picture(headline="Met one of two.")))
    paths = [p for p in root.iter(f"{SVG}path") if p.get("data-status")]
    assert len(paths) == G.number_of_edges()
    for path in paths:
        style = EDGE_STYLES[path.get("data-status")]
        assert (path.get("stroke"), path.get("stroke-width")) == (style.color, str(style.width))
        expected = " ".join(str(d) for d in style.dashes) if style.dashes else None
        assert path.get("stroke-dasharray") == expected
    # Two meetings of one pair: one straight, one curved apart.
    pair = [p.get("d") for p in paths if p.get("data-status") in ("held", "planned")]
    assert sum("Q" in d for d in pair) >= 1
    assert "×" in texts(root)  # the requested meeting's mark


def test_actors_are_shaped_by_type_and_named() -> None:
    G = statuses_graph()
    root = parsed(render_svg(G))
    (nodes,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "nodes"]
    shapes = sorted(e.tag.removeprefix(SVG) for e in nodes if e.tag != f"{SVG}text")
    # person x3 (circles), organization (rect), group (triangle) and government body (diamond).
    assert shapes == ["circle", "circle", "circle", "polygon", "polygon", "rect"]
    assert {"Visitor", "Prime Minister", "Minister", "Chip Maker"} <= set(texts(root))


def test_title_headline_filters_legend_and_source_are_text() -> None:
    G = statuses_graph()
    picture = Picture(headline="Government members met: 0 of 1 in KR", filters="Shown: everything")
    root = parsed(render_svg(G, picture, language="ko"))
    words = texts(root)
    assert words[:3] == ["방문", "Government members met: 0 of 1 in KR", "Shown: everything"]
    assert {"정부", "인공지능", "인물", "조직", "성사", "없었음 (기대됨)"} <= set(words)
    assert words[-1] == "출처: Press Co, “Daily News”, 2025-01-01"
    assert root.find(f"{SVG}title").text == "방문"
    assert root.find(f"{SVG}desc").text == "Government members met: 0 of 1 in KR"
    assert root.get("font-family") == FONT_FAMILY and "Noto Sans CJK KR" in FONT_FAMILY


def test_hostile_names_stay_text() -> None:
    picture = render_svg(hostile_graph())
    root = parsed(picture)  # well-formed XML: nothing broke out of its element
    assert "<img src=x onerror=window.__pwned=4>" in texts(root)
    assert "<script" not in picture and "onerror=" not in picture.replace("onerror=window", "")
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}image"))


def test_the_same_graph_gives_the_same_bytes_and_follows_its_layout() -> None:
    G = statuses_graph()
    assert render_svg(G, drawing=drawing_for(G, seed=1)) == render_svg(
        statuses_graph(), drawing=drawing_for(statuses_graph(), seed=1)
    )
    assert render_svg(G, drawing=drawing_for(G, seed=1)) != render_svg(
        G, drawing=drawing_for(G, seed=2)
    )


def test_sizes_and_presets() -> None:
    assert parse_size("1920x1080") == PRESETS["slide"] == (1920, 1080)
    root = parsed(render_svg(nx.MultiGraph(), Picture(width=1080, height=1080)))
    assert (root.get("width"), root.get("height")) == ("1080", "1080")
    with pytest.raises(PictureError, match="320x240 to 8000x8000"):
        Picture(width=100, height=100)
    with pytest.raises(PictureError, match="WIDTHxHEIGHT"):
        parse_size("wide")


def test_png_has_the_size_asked_for_and_the_same_bytes() -> None:
    G = statuses_graph()
    picture = Picture(width=640, height=360, scale=2)
    png = png_bytes(render_svg(G, picture), picture)
    assert png_size(png) == (1280, 720)
    assert png == png_bytes(render_svg(statuses_graph(), picture), picture)


def test_the_command_line_writes_pictures(tmp_path: Path) -> None:
    runner = CliRunner()
    svg, png = tmp_path / "seoul.svg", tmp_path / "seoul.png"
    result = runner.invoke(cli, ["export", "-o", str(svg), "--country", "KR", "--lang", "ko"])
    assert (result.exit_code, result.output) == (0, f"{svg}\n")
    words = texts(parsed(svg.read_text(encoding="utf-8")))
    assert words[1].startswith("정부 인사 면담: KR 4명 중 0명")
    assert words[2] == "표시: 국가: KR; 샘 올트먼 계속 표시 (기대된 만남의 방문자)"
    result = runner.invoke(cli, ["export", "-o", str(png), "--size", "square", "--scale", "2"])
    assert result.exit_code == 0, result.output
    assert png_size(png.read_bytes()) == (2160, 2160)
    result = runner.invoke(cli, ["export", "-o", str(png), "--size", "10x10"])
    assert result.exit_code == 2 and "a picture is 320x240 to 8000x8000 pixels" in result.output


# ---- golden file: the structure of the bundled dataset's picture (not its pixels)

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "seoul.svg.outline"
#: What an outline keeps of each element: its meaning, not where it stands.
OUTLINE_ATTRIBUTES = (
    "class",
    "fill",
    "stroke",
    "stroke-dasharray",
    "stroke-width",
    "font-weight",
    "text-anchor",
    "aria-hidden",
    "lang",
)


def outline(picture: str) -> str:
    """One line per element, indented by depth: its tag, meaningful attributes, text."""
    lines: list[str] = []

    def walk(element: ElementTree.Element, depth: int) -> None:
        tag = element.tag.removeprefix(SVG)
        kept = " ".join(
            f"{name}={element.get(name)}" for name in OUTLINE_ATTRIBUTES if element.get(name)
        )
        text = (element.text or "").strip()
        line = "  " * depth + " ".join(part for part in (tag, kept) if part)
        lines.append(f"{line} | {text}" if text else line)
        for child in element:
            walk(child, depth + 1)

    walk(parsed(picture), 0)
    return "\n".join(lines) + "\n"


def test_the_bundled_picture_has_the_golden_structure(tmp_path: Path) -> None:
    """Set MEETGRAPH_UPDATE_GOLDEN=1 to rewrite the golden file after a deliberate change."""
    import os

    result = CliRunner().invoke(cli, ["export", "-o", str(tmp_path / "seoul.svg")])
    assert result.exit_code == 0, result.output
    found = outline((tmp_path / "seoul.svg").read_text(encoding="utf-8"))
    if os.environ.get("MEETGRAPH_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(found, encoding="utf-8")
    assert found == GOLDEN.read_text(encoding="utf-8")
