"""Derive the meetings that were expected and did not happen.

An expectation rule says: the visitor met actors of some sectors in the peer
countries (the *peer edges*), so in another country the visitor is expected to
meet the actors a selector picks. Every selected actor the visitor has no
edge with, of a status in ``satisfied_by``, gets a derived edge of status
``missing`` whose explanation names the peer edges. A rule with fewer than
``min_peers`` peer edges derives nothing.

Examples
--------
>>> from meetgraph.graph import build_graph
>>> from meetgraph.loader import load_dataset_text
>>> text = '''
... meetgraph: 1
... dataset: {id: t, title: {en: T}}
... sectors: [{id: gov, label: {en: Government}}, {id: ai, label: {en: AI}}]
... sources: [{id: s, title: T, publisher: P, published: "2025-01-01T00:00:00Z", language: en}]
... actors:
...   - {id: v, name: {en: Visitor}, type: person, sector: ai, country: US}
...   - {id: pm, name: {en: Prime Minister}, type: person, sector: gov, country: JP}
...   - {id: min, name: {en: Minister}, type: person, sector: gov, country: KR}
... meetings:
...   - {id: v-pm, participants: [v, pm], status: held, evidence: [{source: s, quote: q}]}
... expectations:
...   - id: kr-gov
...     label: {en: Government contact in KR}
...     visitor: v
...     expected: {country: KR, sectors: [gov], types: [person]}
...     peers: {countries: [JP], sectors: [gov]}
... '''
>>> G = build_graph(load_dataset_text(text, "t.yaml"))
>>> rules = load_dataset_text(text, "t.yaml").expectations
>>> [(e.visitor, e.actor, e.peers) for e in missing_edges(G, rules)]
[('v', 'min', ('v-pm',))]
>>> G.edges["v", "min", "kr-gov"]["status"]
'missing'
>>> print(G.edges["v", "min", "kr-gov"]["explanation"]["en"])  # doctest: +NORMALIZE_WHITESPACE
Government contact in KR: Visitor met Prime Minister (JP, held, v-pm);
no held or planned meeting with Minister (KR).

The explanation is written in every language of the dataset, in the words of
that language's locale (English where there is none), with the names in that
language:

>>> print(G.edges["v", "min", "kr-gov"]["explanation"]["ko"])  # doctest: +NORMALIZE_WHITESPACE
Government contact in KR: Visitor은(는) Prime Minister (JP, 성사, v-pm)과(와) 만났으나
Minister(KR)과(와)는 성사·예정된 만남이 없음.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from meetgraph.i18n import translate
from meetgraph.labels import actor_label, actor_labels, graph_languages, text_in
from meetgraph.records import edge_record
from meetgraph.schema import Expectation
from meetgraph.vocabulary import HELD, MISSING, MeetingStatus

__all__ = [
    "NAMED_PEERS",
    "MissingEdge",
    "PeerEdge",
    "actors_by_place",
    "as_if_held",
    "count_missing_edges",
    "expected_actors",
    "insert_missing_edges",
    "missing_edges",
]


#: Peer edges an explanation names; the rest are counted ("and 40 more"), so that a rule
#: with thousands of peers does not write their whole list into every missing edge's text
#: (the ``peers`` attribute keeps every meeting id).
NAMED_PEERS = 5


@dataclass(frozen=True)
class PeerEdge:
    """An edge of the visitor elsewhere that justifies an expectation."""

    meeting: str
    actor: str
    country: str
    status: str


@dataclass(frozen=True)
class MissingEdge:
    """An expected meeting that did not happen, with why it was expected."""

    expectation: str
    visitor: str
    actor: str
    country: str
    peer_edges: tuple[PeerEdge, ...]
    explanation: Mapping[str, str]
    evidence: tuple[tuple[str, str], ...]
    date: dt.date | None

    @property
    def peers(self) -> tuple[str, ...]:
        """The meeting ids of the peer edges."""
        return tuple(p.meeting for p in self.peer_edges)


def missing_edges(G: nx.MultiGraph, expectations: Iterable[Expectation]) -> list[MissingEdge]:
    """The missing edges the rules derive from the declared edges of ``G``.

    Parameters
    ----------
    G : networkx.MultiGraph
        A graph built by :func:`meetgraph.graph.declared_graph`; edges already
        of status ``missing`` are ignored.
    expectations : iterable of Expectation
        The rules, usually ``dataset.expectations``.

    Returns
    -------
    list of MissingEdge
        In rule order, then by expected actor id.
    """
    found: list[MissingEdge] = []
    for rule, peer_list, actors in _unmet(G, expectations):
        peer_edges = tuple(peer_list)  # one tuple that all the rule's edges hold
        # What the explanations of one rule share is worded once, not once per actor, and
        # the actors' names are read once per language.
        languages = graph_languages(G)
        words = {lang: _rule_words(G, rule, peer_edges, lang) for lang in languages}
        names = {lang: actor_labels(G, actors, lang) for lang in languages}
        found.extend(_missing_edge(rule, actor, peer_edges, words, names) for actor in actors)
    return found


def count_missing_edges(G: nx.MultiGraph, expectations: Iterable[Expectation]) -> int:
    """How many edges :func:`missing_edges` derives, without wording their explanations.

    >>> G = nx.MultiGraph(languages=["en"])
    >>> G.add_nodes_from([("v", {"country": "US", "sector": "ai", "type": "person"}),
    ...                   ("pm", {"country": "JP", "sector": "gov", "type": "person"}),
    ...                   ("min", {"country": "KR", "sector": "gov", "type": "person"})])
    >>> _ = G.add_edge("v", "pm", key="m", status="held", meeting="m")
    >>> from meetgraph.schema import Expectation
    >>> rule = Expectation.model_validate({"id": "r", "label": {"en": "R"}, "visitor": "v",
    ...     "expected": {"country": "KR", "sectors": ["gov"]},
    ...     "peers": {"countries": ["JP"], "sectors": ["gov"]}})
    >>> count_missing_edges(G, [rule]), len(missing_edges(G, [rule]))
    (1, 1)
    """
    return sum(len(actors) for _, _, actors in _unmet(G, expectations))


def _unmet(
    G: nx.MultiGraph, expectations: Iterable[Expectation]
) -> Iterator[tuple[Expectation, list[PeerEdge], list[Any]]]:
    """Each rule that applies, its peer edges, and the expected actors the visitor did not meet."""
    places = actors_by_place(G)
    for rule in expectations:
        if rule.visitor not in G:
            continue
        peer_edges = _peer_edges(G, rule)
        if len(peer_edges) < rule.min_peers:
            continue
        satisfied = {str(s) for s in rule.satisfied_by}
        unmet = []
        for actor in sorted(expected_actors(G, rule, places=places)):
            between: dict[Any, dict[str, Any]] = G.get_edge_data(rule.visitor, actor, default={})
            if not any(data["status"] in satisfied for data in between.values()):
                unmet.append(actor)
        yield rule, peer_edges, unmet


def insert_missing_edges(G: nx.MultiGraph, edges: Iterable[MissingEdge]) -> None:
    """Add ``edges`` to ``G`` in place, with the edge attributes of a meeting.

    For a graph being built (:func:`meetgraph.graph.build_graph`), where a
    copy of a large graph would only cost time.
    """
    # The edges of one rule share one list of its peer meetings (read, never changed); the
    # rule's tuple of peer edges is kept with it, so that its id stays its own.
    shared: dict[int, tuple[tuple[PeerEdge, ...], list[str]]] = {}
    for edge in edges:
        kept = shared.get(id(edge.peer_edges))
        if kept is None:
            kept = shared[id(edge.peer_edges)] = (edge.peer_edges, list(edge.peers))
        attributes = edge_record(
            status=MeetingStatus.MISSING.value,
            expectation=edge.expectation,
            date=edge.date,
            country=edge.country,
            evidence=[{"source": s, "quote": q} for s, q in edge.evidence],
            explanation=dict(edge.explanation),
            peers=kept[1],
            visitor=edge.visitor,
        )
        G.add_edge(edge.visitor, edge.actor, key=edge.expectation, **attributes)


#: Actors by (country, sector), each with its number in the graph's order.
Places = dict[tuple[Any, Any], list[tuple[int, Any]]]


def actors_by_place(G: nx.MultiGraph) -> Places:
    """``G``'s actors by country and sector, for :func:`expected_actors` of many rules."""
    places: Places = {}
    for number, (node, data) in enumerate(G.nodes(data=True)):
        places.setdefault((data.get("country"), data.get("sector")), []).append((number, node))
    return places


def expected_actors(
    G: nx.MultiGraph,
    rule: Expectation,
    country: str | None = None,
    *,
    places: Places | None = None,
) -> list[Any]:
    """The actors of ``rule``'s expected sectors and types in ``country``, in ``G``'s order.

    ``country`` defaults to the rule's expected country; the comparison of
    countries (:mod:`meetgraph.comparison`) asks for the peer countries too.
    The visitor is never among them. ``places`` (:func:`actors_by_place`)
    spares a pass over every actor per rule.
    """
    country = rule.expected.country if country is None else country
    places = actors_by_place(G) if places is None else places
    types = {str(t) for t in rule.expected.types}
    sectors = set(rule.expected.sectors)
    found = sorted(entry for sector in sectors for entry in places.get((country, sector), ()))
    nodes: Mapping[Any, Mapping[str, Any]] = G._node  # type: ignore[attr-defined]
    return [
        node
        for _, node in found
        if node != rule.visitor and (not types or nodes[node].get("type") in types)
    ]


def _peer_edges(G: nx.MultiGraph, rule: Expectation) -> list[PeerEdge]:
    countries = set(rule.peers.countries)
    sectors = set(rule.peers.sectors)
    statuses = {str(s) for s in rule.peers.statuses}
    peers: list[PeerEdge] = []
    # Neighbour by neighbour: a visitor may have met thousands, and rules share visitors.
    # Read from networkx's own stores (a view's filtered ones): its views wrap every
    # neighbour and node, half the time at 50,000 actors.
    nodes: Mapping[Any, Mapping[str, Any]] = G._node  # type: ignore[attr-defined]
    neighbours: Mapping[Any, Mapping[Any, Mapping[str, Any]]] = G._adj[rule.visitor]  # type: ignore[attr-defined]
    for other, keyed in neighbours.items():
        node = nodes[other]
        if node["country"] not in countries or node["sector"] not in sectors:
            continue
        peers.extend(
            PeerEdge(data["meeting"], other, node["country"], data["status"])
            for data in keyed.values()
            if data["status"] in statuses and data["meeting"] is not None
        )
    # Every field in the key: a set's order changes with the hash seed, ties must not show it.
    order = {country: i for i, country in enumerate(rule.peers.countries)}
    return sorted(set(peers), key=lambda p: (order[p.country], p.meeting, p.actor, p.status))


def _missing_edge(
    rule: Expectation,
    actor: str,
    peer_edges: Sequence[PeerEdge],
    words: Mapping[str, Mapping[str, str]],
    names: Mapping[str, Mapping[str, str]],
) -> MissingEdge:
    country = rule.expected.country
    explanation = {
        language: translate(
            "explanation.missing", language, **parts, actor=names[language][actor], country=country
        )
        for language, parts in words.items()
    }
    return MissingEdge(
        expectation=rule.id,
        visitor=rule.visitor,
        actor=actor,
        country=country,
        peer_edges=tuple(peer_edges),
        explanation=explanation,
        evidence=tuple((e.source, e.quote) for e in rule.evidence),
        date=rule.date,
    )


def _rule_words(
    G: nx.MultiGraph, rule: Expectation, peer_edges: Sequence[PeerEdge], language: str
) -> dict[str, str]:
    """The parts of a rule's explanations that every expected actor shares, in ``language``."""

    def word(key: str, **values: object) -> str:
        return translate(key, language, **values)

    peers = word("explanation.peer_separator").join(
        word(
            "explanation.peer",
            name=actor_label(G, p.actor, language),
            country=p.country,
            status=word(f"status_plain.{p.status}"),
            meeting=p.meeting,
        )
        for p in peer_edges[:NAMED_PEERS]
    )
    if len(peer_edges) > NAMED_PEERS:
        peers += word("explanation.more_peers", count=len(peer_edges) - NAMED_PEERS)
    all_held = all(p.status == MeetingStatus.HELD for p in peer_edges)
    statuses = word("explanation.status_separator").join(
        word(f"status_plain.{status}") for status in rule.satisfied_by
    )
    return {
        "rule": text_in(rule.label, language, graph_languages(G)),
        "visitor": actor_label(G, rule.visitor, language),
        "verb": word("explanation.met" if all_held else "explanation.met_or_to_meet"),
        "peers": peers,
        "statuses": statuses,
    }


def as_if_held(G: nx.MultiGraph) -> nx.MultiGraph:
    """A copy of ``G`` in which every ``missing`` edge counts as ``held``: the what-if.

    The edges keep ``counterfactual=True`` so that a picture can still tell
    them apart; every other edge gets ``counterfactual=False``.

    >>> G = nx.MultiGraph()
    >>> _ = G.add_edge("v", "m", key="rule", status="missing")
    >>> H = as_if_held(G)
    >>> H.edges["v", "m", "rule"]["status"], H.edges["v", "m", "rule"]["counterfactual"]
    ('held', True)
    >>> G.edges["v", "m", "rule"]["status"]
    'missing'
    """
    H: nx.MultiGraph = nx.MultiGraph(G)
    for _, _, data in H.edges(data=True):
        missing = data.get("status") == MISSING
        data["counterfactual"] = missing
        if missing:
            data["status"] = HELD
    return H
