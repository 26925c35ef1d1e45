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
