"""The graph as a picture: an SVG for an article or a slide, and a PNG made from it.

The picture draws what the interactive page draws (:mod:`meetgraph.drawing`:
the same layout, sizes, colours, dashes and shapes), with a title, the
headline sentence, the filters in words, a legend, and a source line
(publisher, title, date) at the bottom. Text stays text (selectable and
searchable in the SVG) in fonts with Hangul and Japanese glyphs. The same
graph and options always give the same bytes.

The PNG is rendered from the SVG by CairoSVG: a maintained renderer that
needs no browser, draws text with the system's fonts (Debian's
``fonts-noto-cjk`` for Hangul) and writes the same pixels for the same SVG.

Examples
--------
>>> from meetgraph.examples import example_graph
>>> G = example_graph()
>>> picture = render_svg(G, Picture(headline="Three actors met once."), language="ko")
>>> picture.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"')
True
>>> "<title>Example</title>" in picture and ">가</text>" in picture
True
>>> picture == render_svg(G, Picture(headline="Three actors met once."), language="ko")
True
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from meetgraph.drawing import Drawing, NodeLook, drawing_for
from meetgraph.errors import MeetgraphError
from meetgraph.i18n import FALLBACK, translate
from meetgraph.labels import (
    actor_labels,
    default_language,
    localized,
    sector_label,
    source_credits,
)
from meetgraph.styles import (
    EDGE_STYLES,
    FADED_EDGE_COLOR,
    FADED_NODE_COLOR,
    FADED_TEXT_COLOR,
    FONT_FAMILY,
    NODE_SHAPES,
    WHAT_IF_STYLE,
    EdgeStyle,
    edge_style,
    sector_colors,
)
from meetgraph.vocabulary import MeetingStatus

__all__ = ["PRESETS", "Picture", "PictureError", "png_bytes", "render_svg"]

#: Sizes in CSS pixels for common uses (``--size`` takes one of these names or WxH).
PRESETS = {
    "social": (1200, 675),
    "square": (1080, 1080),
    "slide": (1920, 1080),
    "print": (2480, 1754),
}
#: The font family the PNG is drawn in (Latin, Hangul, Kana and Han in one family).
PNG_FONT = "Noto Sans CJK KR"
_MARGIN = 32
_LABELLED = 60  # on larger graphs only the largest actors are named, so names stay legible


class PictureError(MeetgraphError, ValueError):
    """A picture was asked for that cannot be made (a size out of range, no PNG renderer)."""


@dataclass(frozen=True)
class Picture:
    """What a picture says besides the graph, and its size."""

    width: int = 1200
    height: int = 675
    scale: float = 1.0  #: device pixels per CSS pixel, for the PNG
    title: str | None = None  #: default: the dataset's title
    headline: str = ""  #: the comparison in words
    filters: str = ""  #: the filters that made the view, in words
    credits: Sequence[str] = field(default_factory=tuple)  #: default: the dataset's sources

    def __post_init__(self) -> None:
        if not (320 <= self.width <= 8000 and 240 <= self.height <= 8000):
            message = f"a picture is 320x240 to 8000x8000 pixels, not {self.width}x{self.height}"
            raise PictureError(message)
        if not 0.25 <= self.scale <= 4:
            raise PictureError(f"the scale is from 0.25 to 4, not {self.scale:g}")


def parse_size(text: str) -> tuple[int, int]:
    """``1200x675`` or a preset's name, as (width, height).

    >>> parse_size("1200x675"), parse_size("square")
    ((1200, 675), (1080, 1080))
    """
    if text in PRESETS:
        return PRESETS[text]
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isascii() and width.isdigit() and height.isascii() and height.isdigit()):
        presets = ", ".join(PRESETS)
        raise PictureError(f"a size is WIDTHxHEIGHT such as 1200x675, or one of {presets}")
    return int(width), int(height)


def render_svg(
    G: nx.MultiGraph,
    picture: Picture | None = None,
    *,
    language: str | None = None,
    drawing: Drawing | None = None,
    context: nx.MultiGraph | None = None,
) -> str:
    """The picture of ``G`` as SVG text (see the module docstring).

    With a ``context`` (a graph ``G`` is a part of, see
    :func:`meetgraph.view.context_of`) the picture draws the context, its
    actors and meetings that are not in ``G`` faded, as the page does.
    """
    picture = picture or Picture()
    language = language or default_language(G) or FALLBACK
    drawing = drawing or drawing_for(G)
    view, G = G, G if context is None else context  # G: what is drawn
    looks = {
        node: look if node in view else replace(look, color=FADED_NODE_COLOR)
        for node, look in drawing.node_looks(G).items()
    }
    width, height = picture.width, picture.height
    title = picture.title or localized(G, G.graph.get("title"), language) or "meetgraph"
    font = min(width, height) / 675 * 16  # the base text size grows with the picture
    top = float(_MARGIN)
    parts: list[str] = []
    header: list[str] = []
    for line in _wrap(title, width - 2 * _MARGIN, font * 1.6):
        top += font * 1.6
        header.append(_text(_MARGIN, top, line, font * 1.6, weight="700"))
    for line in _wrap(picture.headline, width - 2 * _MARGIN, font * 1.1):
        top += font * 1.5
        header.append(_text(_MARGIN, top, line, font * 1.1, weight="600", fill="#333333"))
    if picture.filters:
        top += font * 1.4
        header.append(_text(_MARGIN, top, picture.filters, font * 0.8, fill="#555555"))
    legend, legend_height = _legend(G, language, width, font)
    credits = list(picture.credits) or _source_credits(G, language)
    credit_lines = [
        line for credit in credits for line in _wrap(credit, width - 2 * _MARGIN, font * 0.75)
    ]
    bottom = height - _MARGIN - len(credit_lines) * font * 1.1 - legend_height
    area = (_MARGIN, top + font, width - _MARGIN, bottom - font * 0.5)
    placed = _fit(looks, area)
    parts.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" font-family={quoteattr(FONT_FAMILY)}'
        f" lang={quoteattr(language)}>"
    )
    parts.append(f"<title>{escape(title)}</title>")
    if picture.headline:
        parts.append(f"<desc>{escape(picture.headline)}</desc>")
    parts.append(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')
    parts += header
    parts.append('<g class="edges" fill="none">')
    parts += _edges(G, placed, view)
    parts.append("</g>")
    parts.append('<g class="nodes">')
    parts += _nodes(G, placed, language, font, view)
    parts.append("</g>")
    parts.append(f'<g class="legend" transform="translate(0 {_n(bottom)})">')
    parts += legend
    parts.append("</g>")
    y = height - _MARGIN - (len(credit_lines) - 1) * font * 1.1
    for line in credit_lines:
        parts.append(_text(_MARGIN, y, line, font * 0.75, fill="#555555"))
        y += font * 1.1
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def png_bytes(svg: str, picture: Picture) -> bytes:
    """The SVG as a PNG of ``picture.width * picture.scale`` by ``height * scale`` pixels."""
    try:
        import cairosvg
    except (ImportError, OSError) as error:  # OSError: the cairo library itself is missing
        raise PictureError(
            f"a PNG needs CairoSVG and the cairo library ({error}); install meetgraph's"
            " requirements and, on Debian, libcairo2"
        ) from None
    # Cairo takes one family, not a CSS list: the first of the list with Hangul and Kana.
    single = svg.replace(f"font-family={quoteattr(FONT_FAMILY)}", f'font-family="{PNG_FONT}"', 1)
    png: bytes = cairosvg.svg2png(
        bytestring=single.encode("utf-8"),
        output_width=round(picture.width * picture.scale),
        output_height=round(picture.height * picture.scale),
    )
    return png


@dataclass(frozen=True)
class _Placed:
    x: float
    y: float
    r: float
    look: NodeLook


def _fit(
    looks: Mapping[Any, NodeLook], area: tuple[float, float, float, float]
) -> dict[Any, _Placed]:
    """The layout scaled into ``area`` (left, top, right, bottom), its proportions kept."""
    if not looks:
        return {}
    left, top, right, bottom = area
    xs = [look.x for look in looks.values()]
    ys = [look.y for look in looks.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    pad = 24.0  # room for the largest node and its name
    scale = min((right - left - 2 * pad) / span_x, (bottom - top - 2 * pad) / span_y)
    scale = max(scale, 0.01)
    middle_x, middle_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    # Sizes are the page's at zoom 1; a small picture of a wide layout draws them smaller.
    radius_scale = min(1.0, max(0.35, scale))
    return {
        node: _Placed(
            x=centre_x + (look.x - middle_x) * scale,
            y=centre_y + (look.y - middle_y) * scale,
            r=max(2.5, look.size * radius_scale * 0.6),
            look=look,
        )
        for node, look in looks.items()
    }


def _edges(G: nx.MultiGraph, placed: Mapping[Any, _Placed], view: nx.MultiGraph) -> list[str]:
    seen: dict[tuple[str, str], int] = {}
    drawn: list[tuple[int, str]] = []
    on_top = (EDGE_STYLES[MeetingStatus.MISSING], WHAT_IF_STYLE)
    for u, v, key, attributes in G.edges(keys=True, data=True):
        if u not in placed or v not in placed or u == v:
            continue
        style = edge_style(attributes)
        faded = not view.has_edge(u, v, key)
        if faded:
            style = replace(style, color=FADED_EDGE_COLOR)
        pair = (min(str(u), str(v)), max(str(u), str(v)))
        nth = seen[pair] = seen.get(pair, -1) + 1
        a, b = placed[u], placed[v]
        path = _curve(a.x, a.y, b.x, b.y, nth)
        element = (
            f'<path d="{path}" stroke="{style.color}" stroke-width="{style.width}"'
            f'{_dasharray(style)} data-status="{escape(str(attributes.get("status") or ""))}"/>'
        )
        if style.mark:
            mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
            element += _text(mx, my + 4, style.mark, 13, fill=style.color, anchor="middle")
        # Missing edges on top: they are the story; the faded context under everything.
        drawn.append((-1 if faded else 1 if style in on_top else 0, element))
    return [element for _, element in sorted(drawn, key=lambda item: item[0])]


def _curve(x1: float, y1: float, x2: float, y2: float, nth: int) -> str:
    """A straight line for a pair's first edge, then curves bending either side, as the page."""
    if nth == 0:
        return f"M{_n(x1)} {_n(y1)}L{_n(x2)} {_n(y2)}"
    bend = 0.15 * ((nth + 1) // 2) * (1 if nth % 2 else -1)
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    cx, cy = mx - (y2 - y1) * bend, my + (x2 - x1) * bend
    return f"M{_n(x1)} {_n(y1)}Q{_n(cx)} {_n(cy)} {_n(x2)} {_n(y2)}"


def _nodes(
    G: nx.MultiGraph, placed: Mapping[Any, _Placed], language: str, font: float, view: nx.MultiGraph
) -> list[str]:
    named = set(placed)
    if len(placed) > _LABELLED:
        named = set(sorted(placed, key=lambda n: (-placed[n].r, str(n)))[:_LABELLED])
    parts = []
    names = actor_labels(G, named, language)
    for node in sorted(placed, key=lambda n: (placed[n].r, str(n))):  # small ones under large
        spot = placed[node]
        parts.append(_shape(spot.look.shape.shape, spot.x, spot.y, spot.r, spot.look.color))
        if node in named:
            name = names[node]
            parts.append(
                _text(
                    spot.x,
                    spot.y + spot.r + font * 0.8,
                    name,
                    font * 0.7,
                    fill="#222222" if node in view else FADED_TEXT_COLOR,
                    anchor="middle",
                    halo=True,
                )
            )
    return parts


def _shape(shape: str, x: float, y: float, r: float, color: str) -> str:
    attributes = f'fill="{color}" stroke="#ffffff" stroke-width="1"'
    if shape == "square":
        side = r * 1.7
        return (
            f'<rect x="{_n(x - side / 2)}" y="{_n(y - side / 2)}" width="{_n(side)}"'
            f' height="{_n(side)}" {attributes}/>'
        )
    if shape == "triangle":
        points = [(x, y - r * 1.15), (x + r, y + r * 0.75), (x - r, y + r * 0.75)]
        return f'<polygon points="{_points(points)}" {attributes}/>'
    if shape == "diamond":
        points = [(x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y)]
        return f'<polygon points="{_points(points)}" {attributes}/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" {attributes}/>'


def _legend(G: nx.MultiGraph, language: str, width: int, font: float) -> tuple[list[str], float]:
    """The legend's rows (sectors; actor types; meetings), as elements and their height."""
    size = font * 0.75
    row_height = font * 1.5
    rows: list[list[tuple[str, str]]] = []
    colors = sector_colors(G)
    rows.append(
        [
            (f'<circle cx="6" cy="-4" r="5" fill="{colors[s]}"/>', sector_label(G, s, language))
            for s in colors
        ]
    )
    rows.append(
        [
            (_shape(shape.shape, 6, -4, 5, "#777777"), translate(f"type.{kind}", language))
            for kind, shape in NODE_SHAPES.items()
        ]
    )
    what_if = any(attributes.get("counterfactual") for *_, attributes in G.edges(data=True))
    lines = [
        (style, translate(f"status.{status}", language)) for status, style in EDGE_STYLES.items()
    ]
    if what_if:
        lines.append((WHAT_IF_STYLE, translate("page.what_if", language)))
    rows.append([(_line_sample(style), label) for style, label in lines])
    parts: list[str] = []
    y = 0.0
    for row in rows:
        x = float(_MARGIN)
        y += row_height
        for sample, label in row:
            needed = 22 + _text_width(label, size) + 18
            if x + needed > width - _MARGIN and x > _MARGIN:
                x, y = float(_MARGIN), y + row_height
            parts.append(f'<g transform="translate({_n(x)} {_n(y)})">{sample}</g>')
            parts.append(_text(x + 22, y, label, size, fill="#333333"))
            x += needed
    return parts, y + font * 0.5


def _line_sample(style: EdgeStyle) -> str:
    mark = _text(9, 0, style.mark, 10, fill=style.color, anchor="middle") if style.mark else ""
    return (
        f'<path d="M0 -4L18 -4" stroke="{style.color}" stroke-width="{style.width}"'
        f"{_dasharray(style)}/>{mark}"
    )


def _dasharray(style: EdgeStyle) -> str:
    if not style.dashes:
        return ""
    return f' stroke-dasharray="{" ".join(str(d) for d in style.dashes)}"'


def _source_credits(G: nx.MultiGraph, language: str) -> list[str]:
    """One line of the dataset's sources: publisher, title, date of each."""
    credits = source_credits(G)
    if not credits:
        return []
    return [translate("page.source", language) + ": " + " · ".join(credits)]


def _text(
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    weight: str = "400",
    fill: str = "#222222",
    anchor: str = "start",
    halo: bool = False,
) -> str:
    attributes = (
        f'x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" font-weight="{weight}"'
        f' text-anchor="{anchor}"'
    )
    # A halo is a white outline drawn first, under the text (not every renderer knows
    # paint-order), so that a name stays legible across the lines behind it.
    outline = (
        f'<text {attributes} fill="#ffffff" stroke="#ffffff" stroke-width="3"'
        f' aria-hidden="true">{escape(text)}</text>'
        if halo
        else ""
    )
    return f'{outline}<text {attributes} fill="{fill}">{escape(text)}</text>'


def _wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` in lines that fit ``width`` at ``size`` (widths estimated, wide for CJK)."""
    if not text:
        return []
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and _text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    return lines


def _text_width(text: str, size: float) -> float:
    """An estimate of the width of ``text``: full-width characters count one em, others 0.55."""
    return size * sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def _points(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _n(value: float) -> str:
    """A coordinate as SVG writes it: one decimal, no trailing zero, no negative zero."""
    rounded = round(value, 1)
    if rounded == 0 or math.isnan(rounded):
        return "0"
    return f"{rounded:.1f}".removesuffix(".0")
