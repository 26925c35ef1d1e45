"""What the explorer app shows, computed without Streamlit so that tests reach it.

The app (``streamlit_app.py``) only lays out widgets and calls these
functions through Streamlit's caches; everything it displays comes from here.

Examples
--------
>>> from meetgraph.graph import EXAMPLE_YAML, build_graph
>>> from meetgraph.loader import load_dataset_text
>>> G = build_graph(load_dataset_text(EXAMPLE_YAML, "example.yaml"))
>>> view_counts(G)
{'actors': 3, 'meetings': 1, 'missing': 0}
>>> content_digest(b"abc")[:12]
'ba7816bf8f01'
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Mapping

import networkx as nx
import pandas as pd

from meetgraph.schema import MeetingStatus

__all__ = [
    "SIZE_MEASURES",
    "content_digest",
    "csv_zip_bytes",
    "missing_table",
    "node_sizes",
    "view_counts",
]

#: Centrality measures a user may size nodes by, in the order offered.
SIZE_MEASURES = ("pagerank", "degree", "weighted_degree", "betweenness", "closeness", "eigenvector")


def content_digest(data: bytes) -> str:
    """The SHA-256 of a file's bytes: the key every cache of a dataset uses."""
    return hashlib.sha256(data).hexdigest()


def view_counts(G: nx.MultiGraph) -> dict[str, int]:
    """Actors, distinct declared meetings and missing edges in ``G``."""
    meetings = {
        key for _, _, key, status in G.edges(keys=True, data="status") if status != "missing"
    }
    missing = sum(1 for *_, status in G.edges(data="status") if status == MeetingStatus.MISSING)
    return {"actors": G.number_of_nodes(), "meetings": len(meetings), "missing": missing}


def missing_table(G: nx.MultiGraph, language: str = "en") -> pd.DataFrame:
    """One row per missing edge: who, where, why, and the meetings that justify it.

    >>> missing_table(nx.MultiGraph()).columns.tolist()
    ['expectation', 'visitor', 'actor', 'name', 'country', 'explanation', 'peers']
    """
    rows = []
    for u, v, data in G.edges(data=True):
        if data["status"] != MeetingStatus.MISSING:
            continue
        visitor = data["visitor"]
        actor = v if u == visitor else u
        node = G.nodes[actor]
        rows.append(
            {
                "expectation": data["expectation"],
                "visitor": visitor,
                "actor": actor,
                "name": _localized(node, "name", language),
                "country": data["country"],
                "explanation": data[f"explanation_{language}"] or data["explanation_en"],
                "peers": ", ".join(data["peers"]),
            }
        )
    columns = ["expectation", "visitor", "actor", "name", "country", "explanation", "peers"]
    return pd.DataFrame(rows, columns=columns).sort_values(["expectation", "actor"])


def node_sizes(metrics: pd.DataFrame, measure: str) -> Mapping[str, float]:
    """The values of one centrality ``measure`` by actor, to size the nodes with."""
    if measure not in SIZE_MEASURES:
        raise ValueError(f"cannot size nodes by {measure!r}; choose one of {SIZE_MEASURES}")
    return {str(actor): float(value) for actor, value in metrics[measure].items()}


def csv_zip_bytes(tables: Mapping[str, str], stem: str) -> bytes:
    """The CSV tables (name to text) in one zip, as ``stem.<name>.csv`` files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables.items():
            archive.writestr(f"{stem}.{name}.csv", text.encode("utf-8"))
    return buffer.getvalue()


def _localized(node: Mapping[str, object], field: str, language: str) -> str:
    return str(node.get(f"{field}_{language}") or node.get(f"{field}_en") or "")
