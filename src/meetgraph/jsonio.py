"""The lossless JSON form of a meeting graph, written and read back.

Node-link JSON (:func:`networkx.node_link_data`, edges under ``"edges"``,
multigraph keys kept) with a top-level ``"meetgraph"`` marker holding the
version of this format (:data:`JSON_FORMAT_VERSION`). Localized attributes
stay mappings of language to text; dates are written as ISO strings and the
``date`` edge attribute is read back as a :class:`datetime.date`, so
:func:`from_json_text` gives back a graph equal to the one written.

Examples
--------
>>> from meetgraph.examples import example_graph
>>> G = example_graph()
>>> H = from_json_text(to_json_text(G))
>>> H.edges["a", "b", "m1"]["date"]
datetime.date(2025, 2, 4)
>>> H.nodes["a"] == G.nodes["a"] and H.graph == G.graph
True
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import networkx as nx

from meetgraph.errors import MeetgraphError

__all__ = ["JSON_FORMAT_VERSION", "JSONGraphError", "from_json_text", "to_json_text"]

#: Version 2: localized attributes are mappings of language to text (version 1
#: had ``name_en``/``name_ko`` attributes).
JSON_FORMAT_VERSION = 2


class JSONGraphError(MeetgraphError):
    """A text is not a meetgraph JSON export, or is damaged."""


def to_json_text(G: nx.MultiGraph) -> str:
    """The graph as lossless node-link JSON text.

    Parameters
    ----------
    G : networkx.MultiGraph
        A graph as built by :func:`meetgraph.graph.build_graph`.

    Returns
    -------
    str
        JSON with the ``"meetgraph"`` version marker first; dates as ISO strings,
        non-ASCII text kept as is, sets as sorted lists.

    Examples
    --------
    >>> G = nx.MultiGraph(dataset="d")
    >>> G.add_edge("a", "b", key="m1", date=dt.date(2025, 1, 2))
    'm1'
    >>> '"date": "2025-01-02"' in to_json_text(G)
    True
    """
    data = nx.node_link_data(G, edges="edges")
    return json.dumps(
        {"meetgraph": JSON_FORMAT_VERSION, **data},
        ensure_ascii=False,
        indent=1,
        default=_json_default,
    )


def from_json_text(text: str | bytes) -> nx.MultiGraph:
    """Read back a graph written by :func:`to_json_text`.

    Parameters
    ----------
    text : str or bytes
        The JSON text (bytes are decoded as UTF-8).

    Returns
    -------
    networkx.MultiGraph
        A new undirected multigraph; ``date`` edge attributes are dates again.

    Raises
    ------
    JSONGraphError
        If the text is not JSON written by meetgraph, or is damaged.

    Examples
    --------
    >>> from_json_text('{"nodes": []}')
    Traceback (most recent call last):
    ...
    meetgraph.jsonio.JSONGraphError: not a meetgraph JSON export (no "meetgraph": 2 marker)
    """
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise JSONGraphError(f"not valid JSON: {error}") from None
    if not isinstance(data, dict) or "meetgraph" not in data:
        raise JSONGraphError(
            f'not a meetgraph JSON export (no "meetgraph": {JSON_FORMAT_VERSION} marker)'
        )
    version = data.pop("meetgraph")
    if version != JSON_FORMAT_VERSION:
        raise JSONGraphError(
            f"unsupported meetgraph JSON version {version!r} (this meetgraph reads "
            f"{JSON_FORMAT_VERSION}); export the dataset again"
        )
    if not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise JSONGraphError('damaged meetgraph JSON: "nodes" and "edges" must be lists')
    _check_node_link(data["nodes"], data["edges"])
    try:
        graph = nx.node_link_graph(data, directed=False, multigraph=True, edges="edges")
    except (KeyError, TypeError, ValueError, AttributeError, nx.NetworkXError) as error:
        raise JSONGraphError(f"damaged meetgraph JSON: {type(error).__name__}: {error}") from None
    # The file's own "directed"/"multigraph" flags win over the arguments; meetgraph graphs are
    # undirected multigraphs whatever the file says.
    G: nx.MultiGraph = (
        graph
        if isinstance(graph, nx.MultiGraph) and not graph.is_directed()
        else nx.MultiGraph(graph)
    )
    for u, v, key, attrs in G.edges(keys=True, data=True):
        value = attrs.get("date")
        if isinstance(value, str):
            try:
                attrs["date"] = dt.date.fromisoformat(value)
            except ValueError:
                raise JSONGraphError(
                    f"damaged meetgraph JSON: edge {u}--{v}--{key}: date {value!r} is not ISO"
                ) from None
    return G


def _check_node_link(nodes: list[Any], edges: list[Any]) -> None:
    """Name the first node or edge node_link_graph would misread or fail on."""
    ids = set()
    for i, node in enumerate(nodes):
        if not isinstance(node, dict) or "id" not in node:
            raise JSONGraphError(f'damaged meetgraph JSON: nodes[{i}] has no "id"')
        try:
            ids.add(node["id"])
        except TypeError:
            raise JSONGraphError(f"damaged meetgraph JSON: nodes[{i}]: id is not a str") from None
    for i, edge in enumerate(edges):
        if not isinstance(edge, dict) or "source" not in edge or "target" not in edge:
            raise JSONGraphError(f'damaged meetgraph JSON: edges[{i}] needs "source" and "target"')
        for end in ("source", "target"):
            try:
                known = edge[end] in ids
            except TypeError:
                known = False
            if not known:
                raise JSONGraphError(
                    f"damaged meetgraph JSON: edges[{i}].{end} {edge[end]!r} is not a node"
                )


def _json_default(value: object) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    raise TypeError(f"cannot write {type(value).__name__} value {value!r} as JSON")
