"""The GraphML and GEXF writers as they were, through networkx and a whole tree: shared by tests.

meetgraph streams both formats now (:mod:`meetgraph.graphxml`); these are
the writers it replaced, kept word for word (but for their names) so that
the tests can hold the streamed files to the same bytes. GEXF's creator was
networkx; it is meetgraph now, which :func:`networkx_gexf_bytes` says.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree.ElementTree import SubElement

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from meetgraph import __version__
from meetgraph.drawing import Drawing
from meetgraph.graphxml import (  # unchanged helpers, shared
    _GEXF_SHAPES,
    _dash_name,
    _edge_id,
    _newest_source_date,
    _sector_text,
    _source_text,
    _xml_text,
)
from meetgraph.labels import graph_languages, text_in
from meetgraph.records import (
    EDGE_FIELDS,
    GRAPH_FIELDS,
    NODE_FIELDS,
    Field,
    Kind,
    flat_value,
    flat_values,
)
from meetgraph.styles import edge_style, rgb

__all__ = ["networkx_gexf_bytes", "networkx_graphml_bytes"]

# XML 1.0 Char production minus what it allows; tab, LF and CR stay.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The graph's vocabularies (sectors, sources) are written as one text each, below.
_GRAPH_SCALARS = tuple(f for f in GRAPH_FIELDS if f.kind is not Kind.MAPPING)


def networkx_graphml_bytes(G: nx.MultiGraph, drawing: Drawing | None = None) -> bytes:
    """The graph as UTF-8 GraphML, as networkx's lxml writer wrote it."""
    S = _sanitized(G)
    if drawing is not None:
        looks = drawing.node_looks(G)
        for node, attrs in S.nodes(data=True):
            look = looks[node]
            red, green, blue = rgb(look.color)
            attrs.update(x=look.x, y=look.y, size=look.size, r=red, g=green, b=blue)
            attrs.update(color=look.color, shape=look.shape.shape)
            attrs.update(drawing.measures_of(node))
        for u, v, key, attrs in S.edges(keys=True, data=True):
            style = edge_style(G.edges[u, v, key])
            attrs.update(color=style.color, width=style.width, dashes=_dash_name(style))
    rekeyed: nx.MultiGraph = nx.MultiGraph(**S.graph)
    rekeyed.add_nodes_from(S.nodes(data=True))
    for u, v, key, attrs in S.edges(keys=True, data=True):
        # GraphML edge ids must be unique in the document and nx writes the key as the id.
        edge_id = rekeyed.add_edge(u, v, key=_edge_id(u, v, key), **attrs)
        rekeyed[u][v][edge_id]["key"] = key
    buffer = io.BytesIO()
    nx.write_graphml(rekeyed, buffer, encoding="utf-8")
    return buffer.getvalue()


def networkx_gexf_bytes(G: nx.MultiGraph, drawing: Drawing | None = None) -> bytes:
    """The graph as UTF-8 GEXF 1.3, as networkx wrote it (its creator is meetgraph now)."""
    languages = graph_languages(G)
    S = _sanitized(G)
    # GEXF has no graph attributes, only a name; "mode" and the defaults would change the output.
    name = text_in(G.graph.get("title"), "", languages) or str(G.graph.get("dataset", ""))
    S.graph.clear()
    looks = drawing.node_looks(G) if drawing is not None else {}
    for node, attrs in S.nodes(data=True):
        label = text_in(G.nodes[node].get("name"), "", languages) if node in G else ""
        attrs.setdefault("label", _xml_text(label) or node)
        if drawing is not None and node in looks:
            look = looks[node]
            red, green, blue = rgb(look.color)
            attrs["viz"] = {
                "color": {"r": red, "g": green, "b": blue, "a": 1.0},
                "size": look.size,
                # GEXF's y grows upwards, a page's downwards.
                "position": {"x": look.x, "y": -look.y, "z": 0.0},
                "shape": _GEXF_SHAPES.get(look.shape.shape, look.shape.shape),
            }
            attrs.update(drawing.measures_of(node))
    for u, v, key, attrs in S.edges(keys=True, data=True):
        # nx writes the key as the networkx_key attribute and the "id" attribute as the edge id.
        attrs["id"] = _edge_id(u, v, key)
        if drawing is not None:
            style = edge_style(G.edges[u, v, key])
            red, green, blue = rgb(style.color)
            attrs["viz"] = {
                "color": {"r": red, "g": green, "b": blue, "a": 1.0},
                "thickness": style.width,
                "shape": _dash_name(style),
            }
    # As nx.write_gexf, but dated by the data, not the clock: the same graph, the same bytes.
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.3")
    # A schema location is only a hint, which the GEXF grammar does not allow (and networkx
    # 3.6 misspells its namespace for 1.3): none, so that the file is valid GEXF 1.3.
    for hint in ("xsi:schemaLocation", "xmlns:xsi"):
        writer.xml.attrib.pop(hint, None)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        if (published := _newest_source_date(G.graph)) is not None:
            meta.set("lastmodifieddate", published)
        if name:
            SubElement(meta, "description").text = _xml_text(name)
    writer.add_graph(S)
    # A GEXF 1.3 graph has no name: the title is the description above.
    writer.graph_element.attrib.pop("name", None)
    buffer = io.BytesIO()
    writer.write(buffer)
    creator = f"<creator>NetworkX {nx.__version__}</creator>".encode()
    return buffer.getvalue().replace(
        creator, f"<creator>meetgraph {__version__}</creator>".encode(), 1
    )


def _sanitized(G: nx.MultiGraph) -> nx.MultiGraph:
    """A flat copy of G holding only the str, int, float and bool values XML writers accept."""
    languages = graph_languages(G)
    S: nx.MultiGraph = nx.MultiGraph()
    S.graph.update(_graph_attrs(G.graph, languages))
    for node, attrs in G.nodes(data=True):
        S.add_node(_xml_text(str(node)), **_flat(attrs, NODE_FIELDS, languages))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        S.add_edge(
            _xml_text(str(u)),
            _xml_text(str(v)),
            key=_xml_text(str(key)),
            **_flat(attrs, EDGE_FIELDS, languages),
        )
    return S


def _flat(
    attrs: Mapping[str, Any], fields: Sequence[Field], languages: Sequence[str]
) -> dict[str, Any]:
    """The record's fields flattened, then any other attribute, without empty values."""
    present = [f for f in fields if f.name in attrs]
    flat = flat_values(attrs, present, languages)
    known = {f.name for f in fields}
    flat.update((name, flat_value(v)) for name, v in attrs.items() if name not in known)
    return {
        _xml_text(str(name)): _xml_text(value) if isinstance(value, str) else value
        for name, value in flat.items()
        if value is not None
    }


def _graph_attrs(graph: Mapping[str, Any], languages: Sequence[str]) -> dict[str, Any]:
    # Other graph-level mappings than the record's own have no flat form: left out.
    scalar_names = {f.name for f in _GRAPH_SCALARS}
    kept = {k: v for k, v in graph.items() if k in scalar_names or not isinstance(v, Mapping)}
    flat = _flat(kept, _GRAPH_SCALARS, languages)
    sectors = graph.get("sectors")
    if isinstance(sectors, Mapping):
        flat["sectors"] = _xml_text(
            "; ".join(f"{sid}: {_sector_text(s, languages)}" for sid, s in sectors.items())
        )
    sources = graph.get("sources")
    if isinstance(sources, Mapping):
        flat["sources"] = _xml_text(
            " | ".join(f"{sid}: {_source_text(source)}" for sid, source in sources.items())
        )
    return flat
