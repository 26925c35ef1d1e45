"""The meetings as a table in tour order, one row per declared meeting.

A meeting of three actors is three edges of the graph that share a key; here
it is one row again, with its participants listed. Derived ``missing`` edges
are not meetings and are left out (see :func:`meetgraph.tables.missing_shown`).

Examples
--------
>>> from meetgraph.examples import example_graph
>>> G = example_graph()
>>> meeting_table(G)[["meeting", "date", "participants", "status"]].to_dict("records")
[{'meeting': 'm1', 'date': '2025-02-04', 'participants': 'A, B, C', 'status': 'held'}]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import networkx as nx
import pandas as pd

from meetgraph.labels import actor_labels, citation, graph_languages, text_in

__all__ = ["MEETING_COLUMNS", "meeting_table"]

MEETING_COLUMNS = [
    "meeting",
    "date",
    "order",
    "time",
    "country",
    "place",
    "kind",
    "status",
    "participants",
    "participant_ids",
    "counterparts",
    "sector",
    "topics",
    "quote",
    "source",
]


def meeting_table(G: nx.MultiGraph, language: str | None = None) -> pd.DataFrame:
    """One row per declared meeting in ``G``, in tour order.

    Parameters
    ----------
    G : networkx.MultiGraph
        A meeting graph or a view of one; only the participants present in
        ``G`` are listed.
    language : str, optional
        Language of names, places and topics (default, and where one is not
        given in it: the dataset's first language).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MEETING_COLUMNS`. ``date`` is an ISO string, empty when
        the source gives none; undated meetings come last. ``sector`` is the
        most common sector among the participants other than the most
        connected one (the visitor, on a tour), so a meeting is coloured by
        whom the visitor met; ``counterparts`` names those participants.
        ``quote`` and ``source`` join all evidence.
    """
    meetings: dict[Any, dict[str, Any]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        if data.get("status") == "missing":
            continue
        row = meetings.setdefault(key, {"data": data, "ids": set()})
        row["ids"].update((u, v))
    degree = dict(G.degree())
    languages = graph_languages(G)
    names = actor_labels(G, G.nodes, language)
    rows = []
    for key, found in meetings.items():
        data = found["data"]
        ids = sorted(found["ids"], key=lambda n: (names[n].casefold(), str(n)))
        others = _counterparts(ids, degree)
        date: dt.date | None = data.get("date")
        rows.append(
            {
                "meeting": key,
                "date": date.isoformat() if date else "",
                "order": data.get("order"),
                "time": data.get("time") or "",
                "country": data.get("country") or "",
                "place": text_in(data.get("place"), language, languages),
                "kind": data.get("kind") or "",
                "status": data.get("status"),
                "participants": ", ".join(names[n] for n in ids),
                "participant_ids": ids,
                "counterparts": ", ".join(names[n] for n in others),
                "sector": _counterpart_sector(G, others),
                "topics": "; ".join(
                    text_in(topic, language, languages) for topic in data.get("topics") or ()
                ),
                "quote": "\n".join(e["quote"] for e in data.get("evidence", [])),
                "source": "; ".join(
                    dict.fromkeys(citation(G, e) for e in data.get("evidence", []))
                ),
            }
        )
    table = pd.DataFrame(rows, columns=MEETING_COLUMNS)
    if table.empty:
        return table
    table["order"] = table["order"].astype("Int64")
    undated = table["date"] == ""
    return (
        table.assign(_undated=undated)
        .sort_values(["_undated", "date", "order", "meeting"], kind="stable")
        .drop(columns="_undated")
        .reset_index(drop=True)
    )


def _counterparts(ids: list[Any], degree: Mapping[Any, int]) -> list[Any]:
    """The participants but the most connected one (the visitor, on a tour); all if alone."""
    hub = max(ids, key=lambda n: (degree[n], str(n)))
    return [n for n in ids if n != hub] or ids


def _counterpart_sector(G: nx.MultiGraph, others: list[Any]) -> str:
    sectors = [str(G.nodes[n].get("sector") or "") for n in others]
    return max(sorted(set(sectors)), key=sectors.count)
