"""One actor in detail: who it is, and every meeting of it in a view, with the evidence.

What the app shows under the graph when an actor is clicked: a card (the
actor's names in every language of the dataset, role, type, sector, country
and affiliation) and a table of its meetings (date, with whom, status, place,
quotes and sources), the missing ones included. Dataset text is kept as
text; :func:`detail_card` escapes it for the page.

Examples
--------
>>> from meetgraph.examples import example_graph
>>> G = example_graph()
>>> detail = actor_detail(G, "a", "en")
>>> detail.title, detail.meetings.rows[["date", "with", "status"]].to_dict("records")
('A', [{'date': '2025-02-04', 'with': 'B, C', 'status': 'held'}])
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from meetgraph.errors import UnknownActorError
from meetgraph.i18n import translate
from meetgraph.labels import actor_label, citation, graph_languages, localized, sector_label
from meetgraph.tables import ShownTable, blanks, status_label, type_label
from meetgraph.timeline import meeting_table
from meetgraph.vocabulary import MISSING, MeetingStatus

__all__ = ["DETAIL_COLUMNS", "ActorDetail", "actor_detail", "detail_card"]

DETAIL_COLUMNS = ["date", "with", "status", "quote", "place", "source"]


@dataclass(frozen=True)
class ActorDetail:
    """An actor's card and meetings, in one language.

    Attributes
    ----------
    actor : str
        The actor's id.
    title : str
        Its name in the language asked for.
    facts : tuple of (str, str)
        The card: each fact's label (in the language) and value, those the
        dataset gives only.
    meetings : ShownTable
        One row per meeting of the actor (missing ones included), in tour order.
    """

    actor: str
    title: str
    facts: tuple[tuple[str, str], ...]
    meetings: ShownTable


def actor_detail(
    G: nx.MultiGraph, actor: Any, language: str, view: nx.MultiGraph | None = None
) -> ActorDetail:
    """The card of ``actor`` in ``G`` and its meetings in ``view`` (default ``G``).

    The card is read from ``G`` (the whole graph, so that an affiliation the
    view filters out still has its name); the meetings from ``view``: none
    when the view hides the actor.

    Raises
    ------
    UnknownActorError
        If ``actor`` is not in ``G``.
    """
    if actor not in G:
        raise UnknownActorError(actor)
    node: Mapping[str, Any] = G.nodes[actor]
    languages = graph_languages(G)
    names = node.get("name") or {}
    every_name = " · ".join(
        dict.fromkeys(str(names[code]) for code in languages if names.get(code))
    )
    affiliation = node.get("affiliation")
    facts = {
        "names": every_name,
        "role": localized(G, node.get("role"), language),
        "type": type_label(node.get("type"), language),
        "sector": sector_label(G, str(node["sector"]), language) if node.get("sector") else "",
        "country": str(node.get("country") or ""),
        "affiliation": (
            actor_label(G, affiliation, language) if affiliation in G else str(affiliation or "")
        ),
        "note": str(node.get("note") or ""),
    }
    card = tuple(
        (translate(f"col.{name}", language), value) for name, value in facts.items() if value
    )
    shown = view if view is not None else G
    return ActorDetail(
        str(actor), actor_label(G, actor, language), card, _meetings(shown, actor, language)
    )


def _meetings(G: nx.MultiGraph, actor: Any, language: str) -> ShownTable:
    headers = {c: translate(f"col.{c}", language) for c in DETAIL_COLUMNS}
    if actor not in G:
        return ShownTable(pd.DataFrame(columns=DETAIL_COLUMNS), headers)
    incident = list(G.edges(actor, keys=True))
    rows: list[tuple[tuple[Any, ...], dict[str, str]]] = []
    declared = meeting_table(G.edge_subgraph(incident), language)
    meeting: dict[Any, Any]
    for meeting in declared.to_dict("records"):
        others = [n for n in meeting["participant_ids"] if n != actor]
        order = math.inf if pd.isna(meeting["order"]) else meeting["order"]
        rows.append(
            (
                (meeting["date"] == "", meeting["date"], order, 0),
                {
                    "date": meeting["date"],
                    "with": ", ".join(actor_label(G, n, language) for n in others),
                    "status": status_label(str(meeting["status"]), language),
                    "place": meeting["place"],
                    "quote": meeting["quote"],
                    "source": meeting["source"],
                },
            )
        )
    for u, v, data in G.edges(actor, data=True):
        if data.get("status") != MISSING:
            continue
        other = v if u == actor else u
        date = data["date"].isoformat() if data.get("date") else ""
        evidence = data.get("evidence") or []
        name = actor_label(G, other, language)
        rows.append(
            (
                (date == "", date, math.inf, 1, name),
                {
                    "date": date,
                    "with": name,
                    "status": status_label(MeetingStatus.MISSING.value, language),
                    "place": localized(G, data.get("place"), language),
                    "quote": "\n".join(str(e["quote"]) for e in evidence),
                    "source": "; ".join(dict.fromkeys(citation(G, e) for e in evidence)),
                },
            )
        )
    rows.sort(key=lambda row: row[0])
    table = pd.DataFrame([row for _, row in rows], columns=DETAIL_COLUMNS)
    return ShownTable(blanks(table), headers)


def detail_card(detail: ActorDetail) -> str:
    """The card as HTML, every text escaped: a dataset's text is never markup.

    >>> card = ActorDetail("x", "<b>X</b>", (("role", "a & b"),), None)  # type: ignore[arg-type]
    >>> print(detail_card(card))
    <div class="actor-detail">
    <h3>&lt;b&gt;X&lt;/b&gt;</h3>
    <dl><dt>role</dt><dd>a &amp; b</dd></dl>
    </div>
    """
    facts = "".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>"
        for label, value in detail.facts
    )
    return "\n".join(
        [
            '<div class="actor-detail">',
            f"<h3>{html.escape(detail.title)}</h3>",
            f"<dl>{facts}</dl>",
            "</div>",
        ]
    )
