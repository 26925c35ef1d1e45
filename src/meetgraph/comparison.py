"""Compare countries: how many of the actors an expectation rule lists did the visitor meet?

For each expectation rule, the expected country and each peer country get one
row. The actors counted in a country are those of the rule's expected sectors
and types (e.g. government persons); each is counted once, by the best status
of the visitor's edges with it: ``held`` before ``planned`` before
``requested`` before ``missing``; ``none`` when there is no edge at all.
Nothing is typed in: the figures come from the graph and the rules.

Examples
--------
>>> from meetgraph.graph import build_graph
>>> from meetgraph.loader import load_dataset_text
>>> from meetgraph.settings import Settings
>>> dataset = load_dataset_text(Settings().default_dataset.read_bytes(), "seoul.yaml")
>>> table = contact_table(build_graph(dataset), dataset.expectations)
>>> print(table[["country", "role", "listed", "held", "planned", "missing"]].to_string(index=False))
country     role  listed  held  planned  missing
     KR expected       4     0        0        4
     JP     peer       1     1        0        0
     IN     peer       1     0        1        0
>>> headline(build_graph(dataset), dataset.expectations)
'Government members met: 0 of 4 in KR; JP 1 of 1; IN 1 planned'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import pandas as pd

from meetgraph.expectations import expected_actors
from meetgraph.i18n import FALLBACK, translate
from meetgraph.labels import default_language, sector_label
from meetgraph.schema import Expectation
from meetgraph.vocabulary import MeetingStatus

__all__ = ["COLUMNS", "STATUS_RANK", "contact_table", "headline"]

#: The order in which a visitor's edges with one actor decide its status.
STATUS_RANK = (*(s.value for s in MeetingStatus), "none")
COLUMNS = [
    "expectation",
    "country",
    "role",
    "listed",
    *STATUS_RANK,
    "share_met",
]


def contact_table(G: nx.MultiGraph, expectations: Iterable[Expectation]) -> pd.DataFrame:
    """One row per rule and country: the listed actors, counted by best status.

    Parameters
    ----------
    G : networkx.MultiGraph
        The full graph (declared and missing edges), see :func:`meetgraph.graph.build_graph`.
    expectations : iterable of Expectation
        The dataset's rules.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`; ``role`` is ``expected`` for the rule's
        country and ``peer`` for the countries that justify it, in the rule's
        order; ``share_met`` is ``held / listed`` (0 when nothing is listed).
    """
    rows = []
    for rule in expectations:
        countries = [(rule.expected.country, "expected")]
        countries += [(c, "peer") for c in rule.peers.countries if c != rule.expected.country]
        for country, role in countries:
            counts = dict.fromkeys(STATUS_RANK, 0)
            for actor in expected_actors(G, rule, country):
                counts[_best_status(G, rule.visitor, actor)] += 1
            listed = sum(counts.values())
            rows.append(
                {
                    "expectation": rule.id,
                    "country": country,
                    "role": role,
                    "listed": listed,
                    **counts,
                    "share_met": counts["held"] / listed if listed else 0.0,
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def headline(
    G: nx.MultiGraph, expectations: Sequence[Expectation], language: str | None = None
) -> str:
    """The comparison in words, one clause per country, rules separated by " | ".

    Examples
    --------
    >>> headline(nx.MultiGraph(), [])
    ''
    """
    language = language or default_language(G) or FALLBACK
    table = contact_table(G, expectations)
    sentences = []
    for rule in expectations:
        rows = table[table["expectation"] == rule.id]
        parts = []
        for row in rows.itertuples():
            values: dict[str, Any] = {
                "country": row.country,
                "held": row.held,
                "listed": row.listed,
                "planned": row.planned,
            }
            if row.role == "expected":
                parts.append(translate("headline_expected", language, **values))
            elif row.held or not row.planned:
                clause = translate("headline_peer", language, **values)
                if row.planned:
                    clause += ", " + translate("headline_planned_more", language, **values)
                parts.append(clause)
            else:
                parts.append(translate("headline_peer_planned", language, **values))
        who = "/".join(sector_label(G, s, language) for s in rule.expected.sectors)
        sentences.append(
            translate("headline", language, who=who, parts="; ".join(parts)) if parts else ""
        )
    return " | ".join(s for s in sentences if s)


def _best_status(G: nx.MultiGraph, visitor: str, actor: Any) -> str:
    if visitor not in G:
        return "none"
    between: dict[Any, dict[str, Any]] = G.get_edge_data(visitor, actor, default={})
    statuses = {data["status"] for data in between.values()}
    return next((s for s in STATUS_RANK if s in statuses), "none")
