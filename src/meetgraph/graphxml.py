"""GraphML and GEXF, the XML graph formats Gephi, yEd and Cytoscape read, styled.

Both are written from a flat, sanitized form of each record: each attribute
of :mod:`meetgraph.records` becomes one scalar (localized ones one per
language, ``name_en``, ``name_ko``...; dates ISO strings; lists joined with
``"; "``; evidence as ``"source: quote"`` items joined with ``" | "``),
``None`` is left out, and characters XML 1.0 forbids (control characters
other than tab, newline and carriage return) are stripped from every string.
The graph-level ``sectors`` and ``sources`` become one string each
(``"id: label; ..."`` and ``"id: publisher, title, published, url | ..."``).
GEXF (version 1.3) has no graph attributes: its description is the title
in the dataset's first language (else the dataset id), and it is dated by
the newest source (not by the clock, so that the same graph gives the same
bytes). Edge ids are
``"<u>--<v>--<key>"``, unique even when a three-party meeting gives three
edges of one key; the key itself is kept (GraphML: edge attribute ``key``;
GEXF: ``networkx_key``, which :func:`networkx.read_gexf` turns back into the key).

Both carry the drawing, so that Gephi opens the picture the page shows, not
a grey hairball: each actor's position, size, colour and shape (GEXF's
``viz:`` elements; GraphML attributes ``x``, ``y``, ``size``, ``r``, ``g``,
``b`` and ``color``), each meeting's colour, width and dashes, and the
centrality measures as attributes of the actors (when given).

The files are streamed: each actor and meeting is flattened, written and
forgotten, so memory does not grow with the document. Both formats declare
their attributes before the records that use them, and which ones a graph
needs is known only once every record is flattened, so the records are
spooled (in memory up to 8 MB, then in a temporary file) and copied after
the declarations. The bytes are those networkx's writers gave (its lxml
GraphML writer, its GEXF writer with pretty printing), but for the GEXF
creator, which names meetgraph.

Examples
--------
>>> import datetime as dt
>>> G = nx.MultiGraph()
>>> G.add_edge("a", "b", key="m1", status="held", date=dt.date(2025, 1, 2))
'm1'
>>> H = nx.read_graphml(io.BytesIO(graphml_bytes(G)), force_multigraph=True)
>>> H.edges["a", "b", "a--b--m1"]
{'status': 'held', 'date': '2025-01-02', 'key': 'm1'}
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

import networkx as nx
import numpy as np

from meetgraph import __version__
from meetgraph.bulk import pairs_with_edges
from meetgraph.drawing import Drawing
from meetgraph.labels import graph_languages, text_in
from meetgraph.records import (
    EDGE_FIELDS,
    GRAPH_FIELDS,
    NODE_FIELDS,
    FlatRecords,
    Kind,
    flat_value,
)
from meetgraph.styles import EdgeStyle, edge_style, rgb

__all__ = ["gexf_bytes", "graphml_bytes", "write_gexf", "write_graphml"]

# XML 1.0 Char production minus what it allows; tab, LF and CR stay.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What a text or an attribute value needs changed: markup, line breaks and tabs, illegal characters.
_NOT_PLAIN = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
# The escapes of libxml2 (lxml, GraphML) and of ElementTree (GEXF): they differ in tab and CR.
_LXML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_LXML_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)
_ETREE_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ETREE_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#09;",
    }
)
# The graph's vocabularies (sectors, sources) are written as one text each, below.
_GRAPH_SCALARS = tuple(f for f in GRAPH_FIELDS if f.kind is not Kind.MAPPING)
# Records are spooled in memory up to this size, then in a temporary file.
_SPOOL_BYTES = 8 * 2**20
# Lines of short text values kept per attribute, to be written again without being made
# again (statuses, kinds, countries...): at most this many values each, of at most
# _REPEATED_LONGEST characters, so that memory does not grow with the document.
_REPEATED_MOST = 16
_REPEATED_LONGEST = 40
# Pieces of text gathered before they are encoded and written at once.
_BATCH = 2000

_NUMPY_FLOATS = (np.float64, np.float32, np.float16)
_NUMPY_INTS = (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64)
# Python's and numpy's scalars by their type names in each format (as networkx names them).
_GRAPHML_TYPES: dict[type, str] = {
    **dict.fromkeys(_NUMPY_FLOATS, "float"),
    **dict.fromkeys(_NUMPY_INTS, "int"),
    str: "string",
    int: "long",
    float: "double",
    bool: "boolean",
}
_GEXF_TYPES: dict[type, str] = {
    **dict.fromkeys(_NUMPY_FLOATS, "float"),
    **dict.fromkeys(_NUMPY_INTS, "int"),
    int: "long",
    float: "double",
    bool: "boolean",
    list: "string",
    dict: "string",
    str: "string",
}
_NONE: dict[str, str] = {}
# GEXF's words for the numbers Python writes as inf, -inf and nan.
_GEXF_SPECIAL_FLOATS = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}

_GRAPHML_OPEN = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
_GEXF_NAMESPACE = "http://gexf.net/1.3"
_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def graphml_bytes(G: nx.MultiGraph, drawing: Drawing | None = None) -> bytes:
    """The graph as UTF-8 GraphML (see the module docstring for what is written)."""
    buffer = io.BytesIO()
    write_graphml(G, buffer, drawing)
    return buffer.getvalue()


def gexf_bytes(G: nx.MultiGraph, drawing: Drawing | None = None) -> bytes:
    """The graph as UTF-8 GEXF 1.3; node labels are names in the dataset's first language.

    >>> G = nx.MultiGraph(languages=["en"])
    >>> G.add_node("a", name={"en": "Ann"})
    >>> G.add_edges_from([("a", "b", "m1", {"status": "held"}), ("a", "b", "m2", {})])
    ['m1', 'm2']
    >>> H = nx.read_gexf(io.BytesIO(gexf_bytes(G)), version="1.3")
    >>> H.edges["a", "b", "m1"]["status"], H.nodes["a"]["label"], H.nodes["a"]["name_en"]
    ('held', 'Ann', 'Ann')
    """
    buffer = io.BytesIO()
    write_gexf(G, buffer, drawing)
    return buffer.getvalue()


def write_graphml(G: nx.MultiGraph, file: IO[bytes], drawing: Drawing | None = None) -> None:
    """Write the graph as UTF-8 GraphML into the binary ``file``, record by record.

    Raises
    ------
    TypeError
        If an attribute holds a value GraphML has no type for, naming it.
    """
    languages = graph_languages(G)
    keys: dict[tuple[str, str, str], str] = {}  # (name, type, scope) -> id, as first met
    flat = _Flattener(languages)
    looks = drawing.node_looks(G) if drawing is not None else {}
    styles: dict[int, dict[str, Any]] = {}

    # The opening tag of each attribute's <data>, by scope, then value type, then name.
    openings: dict[str, dict[type, dict[str, str]]] = {"graph": {}, "node": {}, "edge": {}}

    def data_opening(scope: str, kind: type, name: str, indent: str) -> str:
        graphml_type = _GRAPHML_TYPES.get(kind)
        if graphml_type is None:
            raise TypeError(f"{name}: GraphML has no type for {kind.__name__} values")
        key = keys.get((name, graphml_type, scope))
        if key is None:
            key = keys[name, graphml_type, scope] = f"d{len(keys)}"
        text = openings[scope].setdefault(kind, {})[name] = f'{indent}<data key="{key}">'
        return text

    # Whole lines of short text values already written, by scope and name: statuses, kinds
    # and countries come back on edge after edge.
    repeated: dict[str, dict[str, dict[str, str]]] = {"graph": {}, "node": {}, "edge": {}}
    # The line of the last long text of each name, by the text's identity: a rule's missing
    # edges, one after the other, share the text of their peers (6 KB each at scale).
    last_long: dict[str, dict[str, tuple[str, str]]] = {"graph": {}, "node": {}, "edge": {}}

    def data(scope: str, items: Iterable[tuple[str, Any]], indent: str) -> list[str]:
        by_type, seen, last = openings[scope], repeated[scope], last_long[scope]
        lines = []
        for name, value in items:
            kind = type(value)
            if kind is not str:
                # Only text can hold markup: the numbers and booleans GraphML types are written
                # as they are.
                start = by_type.get(kind, _NONE).get(name)
                start = start or data_opening(scope, kind, name, indent)
                lines.append(f"{start}{value}</data>\n")
                continue
            long = len(value) > _REPEATED_LONGEST
            if long and (before := last.get(name)) is not None and before[0] is value:
                lines.append(before[1])
                continue
            known = seen.get(name) or seen.setdefault(name, {})
            if (line := known.get(value)) is None:
                start = by_type.get(str, _NONE).get(name) or data_opening(scope, str, name, indent)
                line = f"{start}{_lxml_text(value)}</data>\n"
                if long:
                    last[name] = (value, line)
                elif len(known) < _REPEATED_MOST:
                    known[value] = line
            lines.append(line)
        return lines

    graph_attrs = _graph_attrs(G.graph, languages)
    graph_id = graph_attrs.pop("id", None)
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as body:
        out = _Output(body)
        out.extend(data("graph", graph_attrs.items(), ""))
        for node, node_id, attrs in flat.nodes(G):
            drawn: dict[str, Any] = {}
            if drawing is not None:
                look = looks[node]
                red, green, blue = rgb(look.color)
                drawn.update(x=look.x, y=look.y, size=look.size, r=red, g=green, b=blue)
                drawn.update(color=look.color, shape=look.shape.shape)
                drawn.update(drawing.measures_of(node))
            items = flat.items(attrs, flat.node_fields, drawn)
            out.element("node", f'<node id="{_lxml_attribute(node_id)}"', data("node", items, "  "))
        ends: dict[str, str] = {}  # node id -> as an attribute value, escaped once
        for u, v, key, original in flat.edges(G):
            if drawing is not None:
                style = edge_style(original)
                # By identity: the styles are a few constants, and a dataclass hashes slowly.
                styled = styles.get(id(style))
                if styled is None:
                    styled = styles[id(style)] = {
                        "color": style.color,
                        "width": style.width,
                        "dashes": _dash_name(style),
                    }
                # GraphML edge ids must be unique in the document: the key is an attribute.
                more = {**styled, "key": key}
            else:
                more = {"key": key}
            source = ends.get(u) or ends.setdefault(u, _lxml_attribute(u))
            target = ends.get(v) or ends.setdefault(v, _lxml_attribute(v))
            # Escaping is character by character: the id's escape is its parts' escapes joined.
            edge_id = _edge_id(source, target, _lxml_attribute(key))
            opening = f'<edge source="{source}" target="{target}" id="{edge_id}"'
            items = flat.items(original, flat.edge_fields, more)
            out.element("edge", opening, data("edge", items, "  "))
        out.flush()
        declared = [
            f'<key id="{key}" for="{scope}" attr.name="{_lxml_attribute(name)}"'
            f' attr.type="{kind}"/>\n'
            for (name, kind, scope), key in reversed(keys.items())
        ]
        graph_open = '<graph edgedefault="undirected"'
        if graph_id is not None:
            graph_open += f' id="{_lxml_attribute(str(graph_id))}"'
        head = [_DECLARATION, _GRAPHML_OPEN, *declared, graph_open, ">"]
        _copy_after(file, "".join(head), body, "</graph></graphml>")


def write_gexf(G: nx.MultiGraph, file: IO[bytes], drawing: Drawing | None = None) -> None:
    """Write the graph as UTF-8 GEXF 1.3 into the binary ``file``, record by record.

    Raises
    ------
    TypeError
        If an attribute holds a value GEXF has no type for, naming it.
    """
    languages = graph_languages(G)
    # Attribute ids count up over both classes, as first met; a title keeps its first type.
    declared: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
    counter = itertools.count()
    flat = _Flattener(languages)
    looks = drawing.node_looks(G) if drawing is not None else {}
    styles: dict[EdgeStyle, str] = {}

    def attvalues(of: str, attrs: Mapping[str, Any]) -> Iterator[str]:
        if not attrs:
            return
        ids = declared[of]
        yield "        <attvalues>\n"
        for title, value in attrs.items():
            kind = _GEXF_TYPES.get(type(value))
            if kind is None:
                raise TypeError(f"{title}: GEXF has no type for {type(value).__name__} values")
            if title == "key":
                title = "networkx_key"  # as networkx names a multigraph's keys
            if title not in ids:
                ids[title] = (str(next(counter)), kind)
            yield f'          <attvalue for="{ids[title][0]}" value="{_gexf_value(value)}" />\n'
        yield "        </attvalues>\n"

    def node_parts(node: Any, attrs: dict[str, Any]) -> Iterator[str]:
        if drawing is not None:
            look = looks[node]
            red, green, blue = rgb(look.color)
            shape = _GEXF_SHAPES.get(look.shape.shape, look.shape.shape)
            yield f'        <viz:color r="{red}" g="{green}" b="{blue}" a="1.0" />\n'
            yield f'        <viz:size value="{look.size}" />\n'
            yield f'        <viz:shape value="{_etree_attribute(shape)}" />\n'
            # GEXF's y grows upwards, a page's downwards.
            yield f'        <viz:position x="{look.x}" y="{-look.y}" z="0.0" />\n'
            attrs.update(drawing.measures_of(node))
        yield from attvalues("node", attrs)

    def edge_parts(original: Mapping[str, Any], attrs: Mapping[str, Any]) -> Iterator[str]:
        if drawing is not None:
            style = edge_style(original)
            if style not in styles:
                red, green, blue = rgb(style.color)
                styles[style] = (
                    f'        <viz:color r="{red}" g="{green}" b="{blue}" a="1.0" />\n'
                    f'        <viz:thickness value="{style.width}" />\n'
                    f'        <viz:shape value="{_dash_name(style)}" />\n'
                )
            yield styles[style]
        yield from attvalues("edge", attrs)

    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as body:
        out = _Output(body)
        nodes = 0
        for node, node_id, original in flat.nodes(G):
            if nodes == 0:
                out.add("    <nodes>\n")
            nodes += 1
            attrs = flat.record(original, flat.node_fields)
            name = text_in(original.get("name"), "", languages)
            label = attrs.pop("label", None)
            if label is None:
                label = _xml_text(name) or node_id
            names = f'id="{_etree_attribute(node_id)}" label="{_etree_attribute(str(label))}"'
            out.element("node", f"      <node {names}", node_parts(node, attrs), "      ", True)
        out.add("    </nodes>\n" if nodes else "    <nodes />\n")
        edges = 0
        for u, v, key, original in flat.edges(G):
            if edges == 0:
                out.add("    <edges>\n")
            edges += 1
            attrs = flat.record(original, flat.edge_fields)
            attrs["key"] = key
            ends = f'source="{_etree_attribute(u)}" target="{_etree_attribute(v)}"'
            opening = f'      <edge {ends} id="{_etree_attribute(_edge_id(u, v, key))}"'
            out.element("edge", opening, edge_parts(original, attrs), "      ", True)
        out.add("    </edges>\n" if edges else "    <edges />\n")
        out.flush()
        # The viz namespace is declared only when it is used, as ElementTree did.
        drawn = drawing is not None and (nodes or edges)
        viz = f' xmlns:viz="{_GEXF_NAMESPACE}/viz"' if drawn else ""
        head = [_DECLARATION, f'<gexf{viz} xmlns="{_GEXF_NAMESPACE}" version="1.3">\n']
        published = _newest_source_date(G.graph)
        dated = f' lastmodifieddate="{_etree_attribute(published)}"' if published else ""
        head += [f"  <meta{dated}>\n", f"    <creator>meetgraph {__version__}</creator>\n"]
        # GEXF has no graph attributes, only a description: the title, else the dataset id.
        title = text_in(G.graph.get("title"), "", languages) or str(G.graph.get("dataset", ""))
        if title:
            text = _etree_text(title)
            head.append(
                f"    <description>{text}</description>\n" if text else "    <description />\n"
            )
        head += ["  </meta>\n", '  <graph defaultedgetype="undirected" mode="static">\n']
        # networkx put each class's declarations first when it met the class: edges come first.
        for of in ("edge", "node"):
            if declared[of]:
                head.append(f'    <attributes mode="static" class="{of}">\n')
                head += [
                    f'      <attribute id="{attribute_id}" title="{_etree_attribute(title)}"'
                    f' type="{kind}" />\n'
                    for title, (attribute_id, kind) in declared[of].items()
                ]
                head.append("    </attributes>\n")
        _copy_after(file, "".join(head), body, "  </graph>\n</gexf>\n")


class _Output:
    """Text gathered in batches, written to a binary file as UTF-8."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self._parts: list[str] = []

    def add(self, text: str) -> None:
        self._parts.append(text)
        if len(self._parts) >= _BATCH:
            self.flush()

    def extend(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.add(text)

    def element(
        self,
        tag: str,
        opening: str,
        inner: Iterable[str],
        indent: str = "",
        spaced: bool = False,
    ) -> None:
        """An element from its opening tag (without its ">") and its children's lines.

        Without children it is closed at once, as ``<tag .../>`` (lxml) or
        ``<tag ... />`` (ElementTree, ``spaced``).
        """
        children = inner if type(inner) is list else list(inner)
        if children:
            self._parts += [opening, ">\n", *children, f"{indent}</{tag}>\n"]
        else:
            self._parts.append(f"{opening} />\n" if spaced else f"{opening}/>\n")
        if len(self._parts) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        self._file.write("".join(self._parts).encode("utf-8"))
        self._parts.clear()


def _copy_after(file: IO[bytes], head: str, body: IO[bytes], tail: str) -> None:
    """Write ``head``, then the spooled ``body``, then ``tail``."""
    file.write(head.encode("utf-8"))
    body.seek(0)
    shutil.copyfileobj(body, file)
    file.write(tail.encode("utf-8"))


class _Flattener:
    """The flat records of a graph's nodes and edges, with their ids made XML text."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = languages
        self.node_fields = FlatRecords(NODE_FIELDS, languages)  #: flattens the nodes' records
        self.edge_fields = FlatRecords(EDGE_FIELDS, languages)  #: flattens the edges' records
        self._ids: dict[Any, str] = {}
        self._names: dict[Any, str] = {}  # attribute names as XML text, made once

    def node_id(self, node: Any) -> str:
        """The node's id as XML text, made once."""
        text = self._ids.get(node)
        if text is None:
            text = self._ids[node] = _xml_text(str(node))
        return text

    def nodes(self, G: nx.MultiGraph) -> Iterator[tuple[Any, str, Mapping[str, Any]]]:
        """Each node, its id as XML text and its attributes."""
        for node, attrs in G.nodes(data=True):
            yield node, self.node_id(node), attrs

    def edges(self, G: nx.MultiGraph) -> Iterator[tuple[str, str, str, Mapping[str, Any]]]:
        """Each edge's ends and key as XML text, and its attributes."""
        for u, v, keyed in pairs_with_edges(G):
            source, target = self.node_id(u), self.node_id(v)
            for key, attrs in keyed.items():
                yield source, target, _xml_text(str(key)), attrs

    def items(
        self, attrs: Mapping[str, Any], flat: FlatRecords, more: Mapping[str, Any]
    ) -> list[tuple[str, Any]]:
        """The items of :meth:`record`, then ``more``'s (one of which replaces an attribute of
        the same name in place)."""
        items = flat.items(attrs)
        # Most records hold only fields, none named as ``more``'s: no dict to merge them in.
        if flat.names.issuperset(attrs) and flat.column_names.isdisjoint(more):
            items += more.items()
            return items
        kept = self.record(attrs, flat)
        kept.update(more)
        return list(kept.items())

    def record(self, attrs: Mapping[str, Any], flat: FlatRecords) -> dict[str, Any]:
        """The record's fields flattened by ``flat``, then any other attribute, without
        empty values."""
        # A field the record lacks flattens to None, as an empty one does: both are left out.
        kept = dict(flat.items(attrs))
        known = flat.names
        if not known.issuperset(attrs):
            names = self._names
            for name, value in attrs.items():
                if name in known or (value := flat_value(value)) is None:
                    continue
                clean = names.get(name)
                if clean is None:
                    clean = names[name] = _xml_text(str(name))
                kept[clean] = value
        return kept


def _newest_source_date(graph: Mapping[str, Any]) -> str | None:
    """The day the newest source was published (YYYY-MM-DD), or None."""
    sources = graph.get("sources")
    days = [
        str(source.get("published", ""))[:10]
        for source in (sources.values() if isinstance(sources, Mapping) else ())
        if isinstance(source, Mapping) and source.get("published")
    ]
    return max(days) if days else None


# GEXF's names for the node shapes of the page (the others are the same).
_GEXF_SHAPES = {"dot": "disc"}


def _dash_name(style: EdgeStyle) -> str:
    """GEXF's and Gephi's word for a line: solid, dotted (short dashes) or dashed."""
    if not style.dashes:
        return "solid"
    return "dotted" if style.dashes[0] <= 2 else "dashed"


def _edge_id(u: str, v: str, key: str) -> str:
    return f"{u}--{v}--{key}"


def _graph_attrs(graph: Mapping[str, Any], languages: Sequence[str]) -> dict[str, Any]:
    # Other graph-level mappings than the record's own have no flat form: left out.
    scalar_names = {f.name for f in _GRAPH_SCALARS}
    kept = {k: v for k, v in graph.items() if k in scalar_names or not isinstance(v, Mapping)}
    flat = _Flattener(languages).record(kept, FlatRecords(_GRAPH_SCALARS, languages))
    sectors = graph.get("sectors")
    if isinstance(sectors, Mapping):
        flat["sectors"] = "; ".join(
            f"{sid}: {_sector_text(s, languages)}" for sid, s in sectors.items()
        )
    sources = graph.get("sources")
    if isinstance(sources, Mapping):
        flat["sources"] = " | ".join(
            f"{sid}: {_source_text(source)}" for sid, source in sources.items()
        )
    return flat


def _sector_text(sector: Any, languages: Sequence[str]) -> str:
    if isinstance(sector, Mapping):
        return text_in(sector.get("label"), "", languages)
    return str(sector)


def _source_text(source: Any) -> str:
    if not isinstance(source, Mapping):
        return str(source)
    fields = ("publisher", "title", "published", "url")
    return ", ".join(str(source[f]) for f in fields if source.get(f) is not None)


def _gexf_value(value: Any) -> str:
    """A value as networkx's GEXF writer put it: booleans in lower case, INF and NaN."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if type(value) is float:
        text = _GEXF_SPECIAL_FLOATS.get(text, text)
    return _etree_attribute(text)


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _escaper(table: dict[int, str]) -> Callable[[str], str]:
    def escape(text: str) -> str:
        if _NOT_PLAIN.search(text) is None:
            return text
        return _XML_ILLEGAL.sub("", text).translate(table)

    return escape


#: Text and attribute values escaped, illegal characters dropped, as each library writes them.
_lxml_text = _escaper(_LXML_TEXT)
_lxml_attribute = _escaper(_LXML_ATTRIBUTE)
_etree_text = _escaper(_ETREE_TEXT)
_etree_attribute = _escaper(_ETREE_ATTRIBUTE)
