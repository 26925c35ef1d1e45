"""The graph as CSV tables: nodes, edges and centrality metrics, safe for spreadsheets.

The columns are those of :mod:`meetgraph.records`, localized fields one per
language of the dataset (``name_en``, ``name_ko``...), then any attribute a
graph carries beyond them. Text cells starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return get a leading ``'`` so that spreadsheets
show them instead of running them as formulas. Files are meant to be
written as UTF-8 with a byte order mark (:data:`CSV_ENCODING`), which
spreadsheet programs need to read Korean names correctly.

Examples
--------
>>> from meetgraph.examples import example_graph
>>> G = example_graph()
>>> print(csv_tables(G)["edges"].splitlines()[1])
a,b,m1,held,2025-02-04,meeting,m1,,,,,,,s: Q,,,,,,,,False
"""

from __future__ import annotations

import csv
import io
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx

from meetgraph.labels import graph_languages
from meetgraph.records import EDGE_FIELDS, NODE_FIELDS, Field, FlatRecords, flat_value

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CSV_ENCODING", "TABLES", "csv_tables", "metrics_csv"]

#: CSV files start with a byte order mark: without it spreadsheets misread UTF-8.
CSV_ENCODING = "utf-8-sig"
#: The tables :func:`csv_tables` makes, in order.
TABLES = ("nodes", "edges", "metrics")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    >>> G = nx.MultiGraph(languages=["en", "ko"])
    >>> G.add_node("x", name={"en": "=1+1"})
    >>> print(csv_tables(G)["nodes"])  # doctest: +NORMALIZE_WHITESPACE
    id,name_en,name_ko,type,sector,country,role_en,role_ko,affiliation,note
    x,'=1+1,,,,,,,,
    """
    languages = graph_languages(G)
    nodes = _table(
        ["id"],
        ((node, attrs) for node, attrs in G.nodes(data=True)),
        NODE_FIELDS,
        languages,
    )
    edges = _table(
        ["source", "target", "key"],
        (((u, v, key), attrs) for u, v, key, attrs in G.edges(keys=True, data=True)),
        EDGE_FIELDS,
        languages,
    )
    if metrics is None:
        from meetgraph.metrics import centrality

        metrics = centrality(G)
    return {"nodes": nodes, "edges": edges, "metrics": metrics_csv(metrics)}


def metrics_csv(metrics: pd.DataFrame) -> str:
    """A metrics table (indexed by actor) as CSV text."""
    table = metrics.reset_index()
    return _csv_text(
        [str(c) for c in table.columns], (list(row) for row in table.itertuples(index=False))
    )


def _table(
    id_columns: list[str],
    rows: Iterable[tuple[Any, Mapping[str, Any]]],
    fields: Sequence[Field],
    languages: Sequence[str],
) -> str:
    rows = list(rows)
    records = FlatRecords(fields, languages)
    extra = sorted({name for _, attrs in rows for name in attrs} - records.names)
    columns = [*records.columns, *records.plain_columns(a for _, a in rows), *extra]

    def cells(ids: Any, attrs: Mapping[str, Any]) -> list[Any]:
        flat = records.values(attrs)
        flat.update((name, flat_value(attrs.get(name))) for name in extra)
        ids = ids if isinstance(ids, tuple) else (ids,)
        return [*ids, *(flat.get(c) for c in columns)]

    return _csv_text([*id_columns, *columns], (cells(ids, attrs) for ids, attrs in rows))


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_safe_cell(h) for h in header])
    writer.writerows([_safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def _safe_cell(value: Any) -> Any:
    if _is_missing(value):
        return ""
    if isinstance(value, numbers.Number):
        return value
    text = str(flat_value(value) or "")
    # A leading ' stops spreadsheets from running a cell as a formula (CSV injection).
    return "'" + text if text.startswith(_FORMULA_START) else text


def _is_missing(value: Any) -> bool:
    """None, NaN, or pandas' NA (which has no truth value)."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:
        return True
