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
>>> print(headline(build_graph(dataset), dataset.expectations, "ko"))
... # doctest: +NORMALIZE_WHITESPACE
이 보기에서: 샘 올트먼 — 대한민국 정부 인사 4명 중 0명 면담; 이시바 시게루(일본 총리) 면담;
나렌드라 모디(인도 총리) 면담 예정
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import pandas as pd

from meetgraph.expectations import Places, actors_by_place, expected_actors
from meetgraph.i18n import FALLBACK, translate
from meetgraph.labels import (
    actor_label,
    country_name,
    default_language,
    graph_languages,
    localized,
    sector_label,
    text_in,
)
from meetgraph.schema import Expectation
from meetgraph.vocabulary import MISSING, MeetingStatus

__all__ = ["COLUMNS", "STATUS_RANK", "contact_table", "headline"]

#: The order in which a visitor's edges with one actor decide its status.
STATUS_RANK = (*(s.value for s in MeetingStatus), "none")
_NO_EDGES: Mapping[Any, Mapping[str, Any]] = {}
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
    places = actors_by_place(G)
    for rule in expectations:
        countries = [(rule.expected.country, "expected")]
        countries += [(c, "peer") for c in rule.peers.countries if c != rule.expected.country]
        for country, role in countries:
            counts = dict.fromkeys(STATUS_RANK, 0)
            for actor in expected_actors(G, rule, country, places=places):
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
    """What the visitor of each rule did in ``G``, a view, in plain words.

    For each rule and country of :func:`contact_table` (the expected one,
    then the peers), a clause on the actors the rule lists there that are in
    ``G``: one actor is named with its role ("met Ishiba Shigeru (Prime
    Minister of Japan)"), several are counted ("met 0 of the 4 Government
    members in South Korea"), a country with none in view is left out. A
    rule whose visitor is not in ``G`` says so. The words are the locale's
    (``headline.*``), the names, roles and sectors the dataset's, the
    countries ISO 3166's; "" when no rule has anything to say.

    Examples
    --------
    >>> from meetgraph.graph import build_graph
    >>> from meetgraph.loader import load_dataset_text
    >>> from meetgraph.settings import Settings
    >>> dataset = load_dataset_text(Settings().default_dataset.read_bytes(), "seoul.yaml")
    >>> print(headline(build_graph(dataset), dataset.expectations, "en"))
    ... # doctest: +NORMALIZE_WHITESPACE
    In this view: Sam Altman met 0 of the 4 Government members in South Korea;
    met Ishiba Shigeru (Prime Minister of Japan); is to meet Narendra Modi (Prime Minister of India)
    >>> headline(nx.MultiGraph(), [])
    ''
    """
    language = language or default_language(G) or FALLBACK

    def word(key: str, **values: object) -> str:
        return translate(key, language, **values)

    sentences = []
    places = actors_by_place(G)  # once: a view has many rules, each of several countries
    for rule in expectations:
        if rule.visitor not in G:
            rule_name = text_in(rule.label, language, graph_languages(G))
            sentences.append(word("headline.visitor_hidden", rule=rule_name))
            continue
        clauses = [
            clause
            for country in _countries(rule)
            if (clause := _country_clause(G, rule, country, language, places))
        ]
        if clauses:
            visitor = actor_label(G, rule.visitor, language)
            clauses_text = word("headline.separator").join(clauses)
            sentences.append(word("headline.rule", visitor=visitor, clauses=clauses_text))
    if not sentences:
        return ""
    return word("headline.view", rules=word("headline.rule_separator").join(sentences))


def _countries(rule: Expectation) -> list[str]:
    """The rule's expected country, then its peer countries, once each."""
    return list(dict.fromkeys([rule.expected.country, *rule.peers.countries]))


def _country_clause(
    G: nx.MultiGraph,
    rule: Expectation,
    country: str,
    language: str,
    places: Places,
) -> str:
    """What the visitor did with the actors ``rule`` lists in ``country`` ("" for none)."""
    actors = expected_actors(G, rule, country, places=places)
    statuses = [_best_status(G, rule.visitor, actor) for actor in actors]
    if not actors:
        return ""
    if len(actors) == 1:
        node = G.nodes[actors[0]]
        person = translate(
            "headline.person",
            language,
            name=actor_label(G, actors[0], language),
            role=localized(G, node.get("role"), language) or country_name(country, language),
        )
        return translate(f"headline.one.{statuses[0]}", language, person=person)
    separator = translate("headline.sector_separator", language)
    clause = translate(
        "headline.counted",
        language,
        held=statuses.count(MeetingStatus.HELD.value),
        listed=len(actors),
        who=separator.join(sector_label(G, s, language) for s in rule.expected.sectors),
        country=country_name(country, language),
    )
    planned = statuses.count(MeetingStatus.PLANNED.value)
    if planned:
        clause += translate("headline.counted_planned", language, planned=planned)
    return clause


def _best_status(G: nx.MultiGraph, visitor: str, actor: Any) -> str:
    """The best status of the visitor's edges with ``actor``; a what-if meeting is ``missing``.

    A missing meeting held only as if (:func:`meetgraph.expectations.as_if_held`)
    did not happen: the comparison and the headline stay the facts.
    """
    if visitor not in G:
        return "none"
    # From networkx's store (a view's filtered one), with the plain status strings: a
    # headline at 50,000 actors asks this of tens of thousands of expected actors.
    adjacency: Mapping[Any, Mapping[Any, Mapping[Any, Mapping[str, Any]]]]
    adjacency = G._adj  # type: ignore[attr-defined]
    between = adjacency[visitor].get(actor, _NO_EDGES)
    statuses = {
        MISSING if data.get("counterfactual") else data["status"] for data in between.values()
    }
    return next((s for s in STATUS_RANK if s in statuses), "none")
