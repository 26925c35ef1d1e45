"""The meetings as a table and as a tour timeline, one row per declared meeting.

A meeting of three actors is three edges of the graph that share a key; here
it is one row again, with its participants listed. Derived ``missing`` edges
are not meetings and are left out (see :func:`meetgraph.explorer.missing_table`).

Examples
--------
>>> from meetgraph.graph import EXAMPLE_YAML, build_graph
>>> from meetgraph.loader import load_dataset_text
>>> G = build_graph(load_dataset_text(EXAMPLE_YAML, "example.yaml"))
>>> meeting_table(G)[["meeting", "date", "participants", "status"]].to_dict("records")
[{'meeting': 'm1', 'date': '2025-02-04', 'participants': 'A, B, C', 'status': 'held'}]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from meetgraph.i18n import translate
from meetgraph.labels import actor_label, localized
from meetgraph.render import EDGE_STYLES

if TYPE_CHECKING:
    import altair as alt

__all__ = ["MEETING_COLUMNS", "STATUS_COLORS", "meeting_table", "timeline_chart"]

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
    "sector",
    "topics",
    "quote",
    "source",
]

#: Mark colours by status: the graph's edge colours, except planned, which the graph
#: tells from held by its dots and a chart of points can only tell by colour.
STATUS_COLORS = {status: style["color"] for status, style in EDGE_STYLES.items()} | {
    "planned": "#2ca02c"
}


def meeting_table(G: nx.MultiGraph, language: str = "en") -> pd.DataFrame:
    """One row per declared meeting in ``G``, in tour order.

    Parameters
    ----------
    G : networkx.MultiGraph
        A meeting graph or a view of one; only the participants present in
        ``G`` are listed.
    language : {"en", "ko"}
        Language of names, places and topics (English where Korean is absent).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MEETING_COLUMNS`. ``date`` is an ISO string, empty when
        the source gives none; undated meetings come last. ``sector`` is the
        most common sector among the participants other than the most
        connected one (the visitor, on a tour), so a meeting is coloured by
        whom the visitor met. ``quote`` and ``source`` join all evidence.
    """
    meetings: dict[Any, dict[str, Any]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        if data.get("status") == "missing":
            continue
        row = meetings.setdefault(key, {"data": data, "ids": set()})
        row["ids"].update((u, v))
    sources: Mapping[str, Mapping[str, Any]] = G.graph.get("sources", {})
    degree = dict(G.degree())
    rows = []
    for key, found in meetings.items():
        data = found["data"]
        ids = sorted(found["ids"], key=lambda n: actor_label(G, n, language).casefold())
        date: dt.date | None = data.get("date")
        rows.append(
            {
                "meeting": key,
                "date": date.isoformat() if date else "",
                "order": data.get("order"),
                "time": data.get("time") or "",
                "country": data.get("country") or "",
                "place": localized(data, "place", language),
                "kind": data.get("kind") or "",
                "status": data.get("status"),
                "participants": ", ".join(actor_label(G, n, language) for n in ids),
                "participant_ids": ids,
                "sector": _counterpart_sector(G, ids, degree),
                "topics": "; ".join(data.get(f"topics_{language}") or data.get("topics_en") or []),
                "quote": "\n".join(e["quote"] for e in data.get("evidence", [])),
                "source": "; ".join(
                    dict.fromkeys(
                        str(sources.get(e["source"], {}).get("title", e["source"]))
                        for e in data.get("evidence", [])
                    )
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


def timeline_chart(table: pd.DataFrame, language: str = "en") -> alt.Chart:
    """The tour as an Altair chart: days across, countries down, one mark per meeting.

    Marks are coloured by status (the graph's colours) and shaped by sector,
    and offset within a day by their order, so the day reads left to right.
    Undated meetings sit in a column of their own.
    """
    import altair as alt

    not_stated = translate("date_not_stated", language)
    data = table.assign(
        day=table["date"].replace("", not_stated),
        step=table["order"].fillna(0).astype(int),
        country=table["country"].replace("", "?"),
    )[["meeting", "day", "step", "country", "status", "sector", "participants", "place"]]
    statuses = list(STATUS_COLORS)
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_point(size=160, filled=True, opacity=0.9)
        .encode(
            x=alt.X("day:N", title=translate("col_date", language), sort="ascending"),
            xOffset=alt.XOffset("step:O"),
            y=alt.Y("country:N", title=translate("col_country", language)),
            color=alt.Color(
                "status:N",
                title=translate("col_status", language),
                scale=alt.Scale(domain=statuses, range=[STATUS_COLORS[s] for s in statuses]),
            ),
            shape=alt.Shape("sector:N", title=translate("col_sector", language)),
            tooltip=["meeting", "day", "step", "participants", "place", "status", "sector"],
        )
        .properties(height=220)
    )
    return chart


def _counterpart_sector(G: nx.MultiGraph, ids: list[Any], degree: Mapping[Any, int]) -> str:
    hub = max(ids, key=lambda n: (degree[n], str(n)))
    others = [n for n in ids if n != hub] or ids
    sectors = [str(G.nodes[n].get("sector") or "") for n in others]
    return max(sorted(set(sectors)), key=sectors.count)
