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
from typing import Any

import networkx as nx
import pandas as pd

from meetgraph.errors import UnknownActorError
from meetgraph.export import CSV_ENCODING
from meetgraph.i18n import translate
from meetgraph.labels import actor_label, sector_label
from meetgraph.schema import MeetingStatus

__all__ = [
    "ACTOR_TYPES",
    "SIZE_MEASURES",
    "actor_label",
    "actors_by_name",
    "centrality_view",
    "content_digest",
    "csv_zip_bytes",
    "missing_table",
    "neighbour_table",
    "node_sizes",
    "option_label",
    "view_counts",
]

#: Actor types, whose labels are UI words.
ACTOR_TYPES = ("person", "organization", "group", "government_body")

#: Centrality measures a user may size nodes by, in the order offered.
SIZE_MEASURES = ("pagerank", "degree", "weighted_degree", "betweenness", "closeness", "eigenvector")


def content_digest(data: bytes) -> str:
    """The SHA-256 of a file's bytes: the key every cache of a dataset uses."""
    return hashlib.sha256(data).hexdigest()


def view_counts(G: nx.MultiGraph) -> dict[str, int]:
    """Actors, distinct declared meetings and missing edges in ``G``."""
    statuses = [(key, data.get("status")) for _, _, key, data in G.edges(keys=True, data=True)]
    meetings = {key for key, status in statuses if status != MeetingStatus.MISSING}
    missing = sum(1 for _, status in statuses if status == MeetingStatus.MISSING)
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
        rows.append(
            {
                "expectation": data["expectation"],
                "visitor": visitor,
                "actor": actor,
                "name": actor_label(G, actor, language),
                "country": data["country"],
                "explanation": data[f"explanation_{language}"] or data["explanation_en"],
                "peers": ", ".join(data["peers"]),
            }
        )
    columns = ["expectation", "visitor", "actor", "name", "country", "explanation", "peers"]
    return pd.DataFrame(rows, columns=columns).sort_values(["expectation", "actor"])


def centrality_view(metrics: pd.DataFrame, language: str = "en") -> pd.DataFrame:
    """The centrality table as shown: name in ``language``, the measures, then the rest.

    Sorted by PageRank, highest first.

    >>> from meetgraph.metrics import centrality
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", name_en="A", name_ko="가", type="person", sector="ai", country="KR")
    >>> list(centrality_view(centrality(G), "ko").columns)[:3]
    ['name', 'pagerank', 'degree']
    """
    shown = metrics.copy()
    shown.insert(0, "name", shown[f"name_{language}"].fillna(shown["name_en"]))
    measures = [m for m in SIZE_MEASURES if m in shown.columns]
    rest = [c for c in shown.columns if c not in {"name", "name_en", "name_ko", *measures}]
    return shown[["name", *measures, *rest]].sort_values("pagerank", ascending=False)


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
            archive.writestr(f"{stem}.{name}.csv", text.encode(CSV_ENCODING))
    return buffer.getvalue()


def actors_by_name(G: nx.MultiGraph, language: str = "en") -> list[str]:
    """The actor ids of ``G`` sorted by their name in ``language``."""
    return sorted(G.nodes, key=lambda n: (actor_label(G, n, language).casefold(), str(n)))


def option_label(G: nx.MultiGraph, attribute: str, value: str, language: str = "en") -> str:
    """How a filter value is shown: sector labels from the dataset, type names translated.

    >>> G = nx.MultiGraph(sectors={"gov": {"label_en": "Government", "label_ko": "정부"}})
    >>> option_label(G, "sector", "gov", "ko"), option_label(G, "type", "government_body")
    ('정부', 'government body')
    >>> option_label(G, "country", "KR")
    'KR'
    """
    if attribute == "sector":
        return sector_label(G, value, language)
    if attribute == "type" and value in ACTOR_TYPES:
        return translate(value, language)
    return value


def neighbour_table(G: nx.MultiGraph, actor: str, language: str = "en") -> pd.DataFrame:
    """Whom ``actor`` met: one row per neighbour with the statuses and meetings between them.

    Raises
    ------
    UnknownActorError
        If ``actor`` is not in ``G``.

    >>> G = nx.MultiGraph()
    >>> G.add_nodes_from(["a", "b"], name_en="x", sector="ai", country="KR")
    >>> _ = G.add_edge("a", "b", key="m1", status="held")
    >>> _ = G.add_edge("a", "b", key="m2", status="planned")
    >>> neighbour_table(G, "a")[["neighbour", "statuses", "meetings"]].to_dict("records")
    [{'neighbour': 'b', 'statuses': 'held, planned', 'meetings': 'm1, m2'}]
    """
    if actor not in G:
        raise UnknownActorError(actor)
    order = [s.value for s in MeetingStatus]
    rows = []
    for other in G.neighbors(actor):
        between: dict[Any, dict[str, Any]] = G.get_edge_data(actor, other, default={})
        statuses = {str(data.get("status")) for data in between.values()}
        rows.append(
            {
                "neighbour": other,
                "name": actor_label(G, other, language),
                "sector": sector_label(G, str(G.nodes[other].get("sector")), language),
                "country": G.nodes[other].get("country"),
                "statuses": ", ".join(s for s in order if s in statuses),
                "meetings": ", ".join(sorted(str(key) for key in between)),
            }
        )
    columns = ["neighbour", "name", "sector", "country", "statuses", "meetings"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["name", "neighbour"], kind="stable").reset_index(drop=True)
