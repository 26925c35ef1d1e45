"""Write a meetgraph graph as HTML, GraphML, GEXF, JSON or CSV.

Every writer works on a copy: the graph given is never changed.

JSON
    Node-link JSON (:func:`networkx.node_link_data`, edges under ``"edges"``,
    multigraph keys kept) with a top-level ``"meetgraph": 1`` marker. It is
    lossless: :func:`from_json_text` gives back an equal graph. Dates are
    written as ISO strings and only the ``date`` edge attribute is turned back
    into a :class:`datetime.date`.
GraphML and GEXF (for Gephi)
    Written from a sanitized copy: ``None`` attributes are dropped, dates become
    ISO strings, lists of strings are joined with ``"; "``, ``evidence`` becomes
    ``"source: quote"`` items joined with ``" | "``, and characters XML 1.0
    forbids (control characters other than tab, newline and carriage return)
    are stripped from every string. The graph-level ``sectors`` and ``sources``
    dictionaries are flattened to one string each (``"id: label_en; ..."`` and
    ``"id: publisher, title, published, url | ..."``); other graph-level
    dictionaries are dropped. GEXF has no graph attributes: its graph ``name``
    is the ``title_en`` (else the dataset id) and the other graph attributes
    are left out. Edge ids are ``"<u>--<v>--<key>"`` so they are
    unique even when a three-party meeting gives three edges of one key; the
    original key is kept (GraphML: edge attribute ``key``; GEXF: ``networkx_key``,
    which :func:`networkx.read_gexf` turns back into the key).
CSV
    Three tables, nodes, edges and centrality metrics. Text cells starting with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a leading ``'`` so
    that spreadsheets show them instead of running them as formulas. Files are
    written as UTF-8 with a byte order mark (:data:`CSV_ENCODING`), which
    spreadsheet programs need to read Korean names correctly.

:func:`export_graph` writes atomically: a temporary file in the target
directory replaces the target only once it is complete. A missing parent
directory raises the :class:`OSError` of the operating system.

Examples
--------
>>> from meetgraph.graph import EXAMPLE_YAML, build_graph
>>> from meetgraph.loader import load_dataset_text
>>> G = build_graph(load_dataset_text(EXAMPLE_YAML, "example.yaml"))
>>> H = from_json_text(to_json_text(G))
>>> H.edges["a", "b", "m1"]["date"]
datetime.date(2025, 2, 4)
>>> H.nodes["a"] == G.nodes["a"] and H.graph == G.graph
True
>>> print(csv_tables(G)["edges"].splitlines()[1])
a,b,m1,held,2025-02-04,meeting,m1,,,,,,,s: Q,,,,,,,
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import math
import numbers
import os
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from meetgraph.errors import MeetgraphError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CSV_ENCODING",
    "FORMATS",
    "ExportError",
    "UnsupportedFormatError",
    "csv_tables",
    "export_graph",
    "from_json_text",
    "gexf_bytes",
    "graph_bytes",
    "graphml_bytes",
    "to_json_text",
    "write_atomic",
]

#: The formats :func:`export_graph` writes, named as their file extensions.
FORMATS = ("html", "graphml", "gexf", "json", "csv")
#: CSV files start with a byte order mark: without it spreadsheets misread UTF-8.
CSV_ENCODING = "utf-8-sig"

#: Version of the JSON format, stored under the top-level ``"meetgraph"`` key.
JSON_FORMAT_VERSION = 1

NODE_COLUMNS = (
    "name_en",
    "name_ko",
    "type",
    "sector",
    "country",
    "role_en",
    "role_ko",
    "affiliation",
    "note",
)
EDGE_COLUMNS = (
    "status",
    "date",
    "kind",
    "meeting",
    "expectation",
    "place_en",
    "place_ko",
    "country",
    "topics_en",
    "topics_ko",
    "evidence",
    "explanation_en",
    "explanation_ko",
    "order",
    "time",
    "note",
    "peers",
    "visitor",
)

# XML 1.0 Char production minus what it allows; tab, LF and CR stay.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(MeetgraphError):
    """A graph could not be exported or a JSON export could not be read back."""


class UnsupportedFormatError(ExportError):
    """An export was asked for in a format meetgraph does not write."""


# --- JSON ---------------------------------------------------------------------------------------


def to_json_text(G: nx.MultiGraph) -> str:
    """The graph as lossless node-link JSON text.

    Parameters
    ----------
    G : networkx.MultiGraph
        A graph as built by :func:`meetgraph.graph.build_graph`.

    Returns
    -------
    str
        JSON with a top-level ``"meetgraph": 1`` marker; dates as ISO strings,
        non-ASCII text kept as is.

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
        A new graph; ``date`` edge attributes are :class:`datetime.date` again.

    Raises
    ------
    ExportError
        If the text is not JSON written by meetgraph or is damaged.

    Examples
    --------
    >>> from_json_text('{"nodes": []}')
    Traceback (most recent call last):
    ...
    meetgraph.export.ExportError: not a meetgraph JSON export (no "meetgraph": 1 marker)
    """
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExportError(f"not valid JSON: {error}") from None
    if not isinstance(data, dict) or "meetgraph" not in data:
        raise ExportError('not a meetgraph JSON export (no "meetgraph": 1 marker)')
    version = data.pop("meetgraph")
    if version != JSON_FORMAT_VERSION:
        raise ExportError(f"unsupported meetgraph JSON version {version!r} (expected 1)")
    if not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise ExportError('damaged meetgraph JSON: "nodes" and "edges" must be lists')
    _check_node_link(data["nodes"], data["edges"])
    try:
        graph = nx.node_link_graph(data, directed=False, multigraph=True, edges="edges")
    except (KeyError, TypeError, ValueError, AttributeError, nx.NetworkXError) as error:
        raise ExportError(f"damaged meetgraph JSON: {type(error).__name__}: {error}") from None
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
                raise ExportError(
                    f"damaged meetgraph JSON: edge {u}--{v}--{key}: date {value!r} is not ISO"
                ) from None
    return G


def _check_node_link(nodes: list[Any], edges: list[Any]) -> None:
    """Name the first node or edge node_link_graph would misread or fail on."""
    ids = set()
    for i, node in enumerate(nodes):
        if not isinstance(node, dict) or "id" not in node:
            raise ExportError(f'damaged meetgraph JSON: nodes[{i}] has no "id"')
        try:
            ids.add(node["id"])
        except TypeError:
            raise ExportError(f"damaged meetgraph JSON: nodes[{i}]: id is not a str") from None
    for i, edge in enumerate(edges):
        if not isinstance(edge, dict) or "source" not in edge or "target" not in edge:
            raise ExportError(f'damaged meetgraph JSON: edges[{i}] needs "source" and "target"')
        for end in ("source", "target"):
            try:
                known = edge[end] in ids
            except TypeError:
                known = False
            if not known:
                raise ExportError(
                    f"damaged meetgraph JSON: edges[{i}].{end} {edge[end]!r} is not a node"
                )


def _json_default(value: object) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    raise TypeError(f"cannot write {type(value).__name__} value {value!r} as JSON")


# --- GraphML and GEXF ---------------------------------------------------------------------------


def graphml_bytes(G: nx.MultiGraph) -> bytes:
    """The graph as GraphML for Gephi, yEd or Cytoscape.

    Parameters
    ----------
    G : networkx.MultiGraph
        A graph as built by :func:`meetgraph.graph.build_graph`.

    Returns
    -------
    bytes
        UTF-8 GraphML of a sanitized copy (see the module docstring).

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_edge("a", "b", key="m1", status="held", date=dt.date(2025, 1, 2))
    'm1'
    >>> H = nx.read_graphml(io.BytesIO(graphml_bytes(G)), force_multigraph=True)
    >>> H.edges["a", "b", "a--b--m1"]
    {'status': 'held', 'date': '2025-01-02', 'key': 'm1'}
    """
    S = _sanitized(G)
    rekeyed: nx.MultiGraph = nx.MultiGraph(**S.graph)
    rekeyed.add_nodes_from(S.nodes(data=True))
    for u, v, key, attrs in S.edges(keys=True, data=True):
        # GraphML edge ids must be unique in the document and nx writes the key as the id.
        edge_id = rekeyed.add_edge(u, v, key=_edge_id(u, v, key), **attrs)
        rekeyed[u][v][edge_id]["key"] = key
    buffer = io.BytesIO()
    nx.write_graphml(rekeyed, buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf_bytes(G: nx.MultiGraph) -> bytes:
    """The graph as GEXF 1.2 for Gephi.

    Parameters
    ----------
    G : networkx.MultiGraph
        A graph as built by :func:`meetgraph.graph.build_graph`.

    Returns
    -------
    bytes
        UTF-8 GEXF of a sanitized copy (see the module docstring); node labels
        are ``name_en`` when there is one.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", name_en="Ann")
    >>> G.add_edges_from([("a", "b", "m1", {"status": "held"}), ("a", "b", "m2", {})])
    ['m1', 'm2']
    >>> H = nx.read_gexf(io.BytesIO(gexf_bytes(G)))
    >>> H.edges["a", "b", "m1"]["status"], H.nodes["a"]["label"]
    ('held', 'Ann')
    """
    S = _sanitized(G)
    # GEXF has no graph attributes, only a name; "mode" and the defaults would change the output.
    name = S.graph.get("title_en", S.graph.get("dataset", ""))
    S.graph.clear()
    S.graph["name"] = str(name)
    for node, attrs in S.nodes(data=True):
        attrs.setdefault("label", attrs.get("name_en", node))
    for u, v, key, attrs in S.edges(keys=True, data=True):
        # nx writes the key as the networkx_key attribute and the "id" attribute as the edge id.
        attrs["id"] = _edge_id(u, v, key)
    buffer = io.BytesIO()
    nx.write_gexf(S, buffer, encoding="utf-8")
    return buffer.getvalue()


def _edge_id(u: Any, v: Any, key: Any) -> str:
    return f"{u}--{v}--{key}"


def _sanitized(G: nx.MultiGraph) -> nx.MultiGraph:
    """A copy of G holding only the str, int, float and bool values XML writers accept."""
    S: nx.MultiGraph = nx.MultiGraph()
    S.graph.update(_graph_attrs(G.graph))
    for node, attrs in G.nodes(data=True):
        S.add_node(_xml_text(str(node)), **_flat_attrs(attrs))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        S.add_edge(
            _xml_text(str(u)), _xml_text(str(v)), key=_xml_text(str(key)), **_flat_attrs(attrs)
        )
    return S


def _graph_attrs(graph: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in graph.items():
        if name == "sectors" and isinstance(value, Mapping):
            out[name] = _xml_text(
                "; ".join(f"{sid}: {_label(sector)}" for sid, sector in value.items())
            )
        elif name == "sources" and isinstance(value, Mapping):
            out[name] = _xml_text(
                " | ".join(f"{sid}: {_source_text(source)}" for sid, source in value.items())
            )
        elif not isinstance(value, Mapping):
            flat = _flat_value(name, value)
            if flat is not None:
                out[name] = flat
    return out


def _label(sector: Any) -> str:
    if isinstance(sector, Mapping):
        return str(sector.get("label_en") or sector.get("label_ko") or "")
    return str(sector)


def _source_text(source: Any) -> str:
    if not isinstance(source, Mapping):
        return str(source)
    fields = ("publisher", "title", "published", "url")
    return ", ".join(str(source[f]) for f in fields if source.get(f) is not None)


def _flat_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in attrs.items():
        flat = _flat_value(name, value)
        if flat is not None:
            out[_xml_text(str(name))] = flat
    return out


def _flat_value(name: str, value: Any) -> str | int | float | bool | None:
    if value is None:
        return None
    if isinstance(value, bool | int | float):
        return value
    return _xml_text(_cell_text(name, value))


def _cell_text(name: str, value: Any) -> str:
    """One attribute value as a single string (used by the XML writers and the CSV tables)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if name == "evidence" and isinstance(value, list | tuple):
        return " | ".join(_evidence_text(item) for item in value)
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(item) for item in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _evidence_text(item: Any) -> str:
    if isinstance(item, Mapping):
        return f"{item.get('source', '')}: {item.get('quote', '')}"
    return str(item)


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


# --- CSV ----------------------------------------------------------------------------------------


def csv_tables(G: nx.MultiGraph, metrics: pd.DataFrame | None = None) -> dict[str, str]:
    """The nodes, edges and centrality metrics as CSV texts.

    Parameters
    ----------
    G : networkx.MultiGraph
        A graph as built by :func:`meetgraph.graph.build_graph`.
    metrics : pandas.DataFrame, optional
        A metrics table indexed by actor; computed with
        :func:`meetgraph.metrics.centrality` when not given.

    Returns
    -------
    dict
        ``{"nodes": ..., "edges": ..., "metrics": ...}``; every text cell that a
        spreadsheet would run as a formula starts with ``'``.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("x", name_en="=1+1")
    >>> print(csv_tables(G)["nodes"])  # doctest: +NORMALIZE_WHITESPACE
    id,name_en,name_ko,type,sector,country,role_en,role_ko,affiliation,note
    x,'=1+1,,,,,,,,
    """
    node_extra = sorted({k for _, a in G.nodes(data=True) for k in a} - set(NODE_COLUMNS))
    node_columns = [*NODE_COLUMNS, *node_extra]
    nodes = _csv_text(
        ["id", *node_columns],
        ([node, *(attrs.get(c) for c in node_columns)] for node, attrs in G.nodes(data=True)),
    )
    edge_extra = sorted({k for *_, a in G.edges(data=True) for k in a} - set(EDGE_COLUMNS))
    edge_columns = [*EDGE_COLUMNS, *edge_extra]
    edges = _csv_text(
        ["source", "target", "key", *edge_columns],
        (
            [u, v, key, *(attrs.get(c) for c in edge_columns)]
            for u, v, key, attrs in G.edges(keys=True, data=True)
        ),
        edge_columns,
    )
    if metrics is None:
        from meetgraph.metrics import centrality

        metrics = centrality(G)
    table = metrics.reset_index()
    metrics_text = _csv_text(
        [str(c) for c in table.columns], (list(row) for row in table.itertuples(index=False))
    )
    return {"nodes": nodes, "edges": edges, "metrics": metrics_text}


def _csv_text(
    header: Sequence[str], rows: Iterable[Sequence[Any]], names: Sequence[str] = ()
) -> str:
    # names are the attribute names of the cells after the first three (for evidence).
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_safe_cell(h) for h in header])
    offset = len(header) - len(names)
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            name = names[i - offset] if names and i >= offset else ""
            cells.append(_safe_cell(value, name))
        writer.writerow(cells)
    return buffer.getvalue()


def _safe_cell(value: Any, name: str = "") -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, numbers.Number):
        return value
    text = _cell_text(name, value)
    # A leading ' stops spreadsheets from running a cell as a formula (CSV injection).
    return "'" + text if text.startswith(_FORMULA_START) else text


# --- files --------------------------------------------------------------------------------------


def graph_bytes(
    G: nx.MultiGraph,
    format: str,
    *,
    language: str = "en",
    positions: Mapping[Any, tuple[float, float]] | None = None,
    sizes: Mapping[Any, float] | None = None,
) -> bytes:
    """The graph in one of the single-file formats, html, graphml, gexf or json.

    Parameters
    ----------
    G : networkx.MultiGraph
        A graph as built by :func:`meetgraph.graph.build_graph`.
    format : str
        ``"html"``, ``"graphml"``, ``"gexf"`` or ``"json"``.
    language : str
        Language of the HTML page (``"en"`` or ``"ko"``).
    positions, sizes : mapping, optional
        Node positions and sizes for the HTML page.

    Returns
    -------
    bytes
        The file's content.

    Raises
    ------
    UnsupportedFormatError
        For ``"csv"`` (several files, see :func:`csv_tables`) or an unknown format.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> graph_bytes(G, "json")[:15]
    b'{\\n "meetgraph":'
    >>> graph_bytes(G, "pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    meetgraph.export.UnsupportedFormatError: unsupported format 'pdf' (use html, ...)
    """
    fmt = format.lower()
    if fmt == "html":
        from meetgraph.render import render_html

        return render_html(G, language=language, sizes=sizes, positions=positions).encode("utf-8")
    if fmt == "graphml":
        return graphml_bytes(G)
    if fmt == "gexf":
        return gexf_bytes(G)
    if fmt == "json":
        return to_json_text(G).encode("utf-8")
    raise UnsupportedFormatError(f"unsupported format {format!r} (use html, graphml, gexf or json)")


def export_graph(
    G: nx.MultiGraph,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    metrics: pd.DataFrame | None = None,
    language: str = "en",
    positions: Mapping[Any, tuple[float, float]] | None = None,
    sizes: Mapping[Any, float] | None = None,
) -> list[Path]:
    """Write the graph to a file, the format coming from its extension.

    Parameters
    ----------
    G : networkx.MultiGraph
        A graph as built by :func:`meetgraph.graph.build_graph`.
    path : path-like
        File to write. For CSV, three files are written next to it:
        ``<stem>.nodes.csv``, ``<stem>.edges.csv`` and ``<stem>.metrics.csv``.
    format : str, optional
        One of :data:`FORMATS`; by default the extension of ``path``
        (case-insensitive).
    metrics : pandas.DataFrame, optional
        Metrics table for CSV (see :func:`csv_tables`).
    language : str
        Language of the HTML page.
    positions, sizes : mapping, optional
        Node positions and sizes for the HTML page.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    UnsupportedFormatError
        If the format is not one of :data:`FORMATS`.
    OSError
        If a file cannot be written, e.g. its directory does not exist; no
        existing file is changed then and no temporary file is left.

    Examples
    --------
    >>> export_graph(nx.MultiGraph(), "graph.pdf")
    Traceback (most recent call last):
    ...
    meetgraph.export.UnsupportedFormatError: graph.pdf: unsupported format '.pdf' (use .html, .graphml, .gexf, .json or .csv)
    """  # noqa: E501
    target = Path(path)
    if format is None:
        ext = target.suffix
        fmt = ext.lower().lstrip(".")
    else:
        ext = format
        fmt = format.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UnsupportedFormatError(
            f"{path}: unsupported format {ext!r} (use .html, .graphml, .gexf, .json or .csv)"
        )
    if fmt == "csv":
        tables = csv_tables(G, metrics)
        stem = target.stem if target.suffix.lower() == ".csv" else target.name
        files = [target.with_name(f"{stem}.{name}.csv") for name in ("nodes", "edges", "metrics")]
        for file, name in zip(files, ("nodes", "edges", "metrics"), strict=True):
            write_atomic(file, tables[name].encode(CSV_ENCODING))
        return files
    content = graph_bytes(G, fmt, language=language, positions=positions, sizes=sizes)
    write_atomic(target, content)
    return [target]


def write_atomic(path: Path, content: bytes) -> None:
    """Write content to path through a temporary file in the same directory."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # os.open with 0o666 lets the umask decide the permissions, as for a plain open().
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(content)
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
