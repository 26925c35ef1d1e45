"""The graph builders: the cut graph that counts the missing edges agrees with the whole one."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from strategies import datasets

from meetgraph.expectations import count_missing_edges, missing_edges
from meetgraph.graph import declared_graph, expectation_graph
from meetgraph.loader import load_dataset
from meetgraph.schema import Dataset
from meetgraph.settings import Settings


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_the_expectation_graph_derives_the_same_missing_edges(dataset: Dataset) -> None:
    rules = dataset.expectations
    small = expectation_graph(dataset)
    whole = missing_edges(declared_graph(dataset), rules)
    assert missing_edges(small, rules) == whole
    assert count_missing_edges(small, rules) == len(whole)
    assert dict(small.nodes(data=True)) == dict(declared_graph(dataset).nodes(data=True))


def test_the_expectation_graph_keeps_only_the_visitors_meetings() -> None:
    seoul = load_dataset(Settings().default_dataset)
    visitors = {rule.visitor for rule in seoul.expectations}
    theirs = {m.id for m in seoul.meetings if visitors & set(m.participants)}
    small, whole = expectation_graph(seoul), declared_graph(seoul)
    assert {key for _, _, key in small.edges(keys=True)} == theirs
    assert small.number_of_edges() < whole.number_of_edges()
    assert len(missing_edges(small, seoul.expectations)) == 4


def test_an_explanation_names_a_few_peers_and_counts_the_rest() -> None:
    from meetgraph.expectations import NAMED_PEERS
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset_text

    peers = NAMED_PEERS + 2
    officials = "".join(
        f"  - {{id: jp{i}, name: {{en: Official {i}}}, type: person, sector: gov, country: JP}}\n"
        for i in range(peers)
    )
    meetings = "".join(
        f"  - {{id: m{i}, participants: [v, jp{i}], status: held,"
        f" evidence: [{{source: s, quote: q}}]}}\n"
        for i in range(peers)
    )
    text = (
        "meetgraph: 1\ndataset: {id: t, title: {en: T}}\nlanguages: [en, ko]\n"
        "sectors: [{id: gov, label: {en: Government}}, {id: ai, label: {en: AI}}]\n"
        "sources: [{id: s, title: T, publisher: P, published: '2025-01-01T00:00:00Z',"
        " language: en}]\n"
        "actors:\n  - {id: v, name: {en: Visitor}, type: person, sector: ai, country: US}\n"
        + officials
        + "  - {id: kr1, name: {en: Minister 1}, type: person, sector: gov, country: KR}\n"
        "  - {id: kr2, name: {en: Minister 2}, type: person, sector: gov, country: KR}\n"
        "meetings:\n" + meetings + "expectations:\n"
        "  - {id: kr-gov, label: {en: KR government}, visitor: v,"
        " expected: {country: KR, sectors: [gov]}, peers: {countries: [JP], sectors: [gov]}}\n"
    )
    G = build_graph(load_dataset_text(text, "t.yaml"))
    first, second = G.edges["v", "kr1", "kr-gov"], G.edges["v", "kr2", "kr-gov"]
    english = first["explanation"]["en"]
    assert english == (
        "KR government: Visitor met "
        + ", ".join(f"Official {i} (JP, held, m{i})" for i in range(NAMED_PEERS))
        + ", and 2 more; no held or planned meeting with Minister 1 (KR)."
    )
    assert " 외 2건" in first["explanation"]["ko"]
    # Every peer meeting is still listed, in one list the rule's edges share.
    assert first["peers"] == [f"m{i}" for i in range(peers)]
    assert first["peers"] is second["peers"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_the_declared_graph_is_what_networkx_builds_and_a_meeting_is_one_record(
    dataset: Dataset,
) -> None:
    import itertools

    import networkx as nx

    from meetgraph.graph import _meeting_attributes

    G = declared_graph(dataset)
    expected = nx.MultiGraph()
    expected.add_nodes_from(G.nodes(data=True))
    expected.add_edges_from(
        (u, v, meeting.id, _meeting_attributes(meeting))
        for meeting in dataset.meetings
        for u, v in itertools.combinations(dict.fromkeys(meeting.participants), 2)
    )
    assert list(G.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert {u: list(G.adj[u]) for u in G} == {u: list(expected.adj[u]) for u in expected}
    for meeting in dataset.meetings:
        pairs = list(itertools.combinations(dict.fromkeys(meeting.participants), 2))
        records = {id(G.edges[u, v, meeting.id]) for u, v in pairs}
        assert len(records) == (1 if pairs else 0)
