"""One record: every node, edge and graph carries exactly the defined attributes, everywhere."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from test_languages import japanese_graph
from trip import trip_graph

from meetgraph.csvtables import csv_tables
from meetgraph.expectations import as_if_held
from meetgraph.graph import build_graph
from meetgraph.graphxml import graphml_bytes
from meetgraph.jsonio import from_json_text, to_json_text
from meetgraph.labels import graph_languages
from meetgraph.loader import load_dataset
from meetgraph.metrics import MEASURES, centrality, counterfactual
from meetgraph.records import (
    ACTOR_COLUMNS,
    EDGE_FIELDS,
    GRAPH_FIELDS,
    NODE_FIELDS,
    RecordError,
    edge_record,
    flat_columns,
    node_record,
)
from meetgraph.settings import Settings

NODE_NAMES = [f.name for f in NODE_FIELDS]
EDGE_NAMES = [f.name for f in EDGE_FIELDS]
GRAPH_NAMES = [f.name for f in GRAPH_FIELDS]


def seoul() -> nx.MultiGraph:
    return build_graph(load_dataset(Settings().default_dataset))


GRAPHS = {
    "seoul": seoul,
    "seoul what-if": lambda: as_if_held(seoul()),
    "trip": trip_graph,
    "japanese": japanese_graph,
}


@pytest.fixture(params=sorted(GRAPHS))
def G(request: pytest.FixtureRequest) -> nx.MultiGraph:
    return GRAPHS[request.param]()


def test_every_node_edge_and_graph_carries_exactly_the_record(G: nx.MultiGraph) -> None:
    assert list(G.graph) == GRAPH_NAMES
    for node, attributes in G.nodes(data=True):
        assert list(attributes) == NODE_NAMES, node
    statuses = set()
    for u, v, key, attributes in G.edges(keys=True, data=True):
        assert list(attributes) == EDGE_NAMES, (u, v, key)
        statuses.add(attributes["status"])
    assert "held" in statuses


def test_missing_edges_are_built_from_the_same_record() -> None:
    G = seoul()
    missing = [a for *_, a in G.edges(data=True) if a["status"] == "missing"]
    declared = [a for *_, a in G.edges(data=True) if a["status"] != "missing"]
    assert len(missing) == 4 and declared
    assert {tuple(a) for a in missing} == {tuple(a) for a in declared} == {tuple(EDGE_NAMES)}


def test_csv_columns_derive_from_the_record(G: nx.MultiGraph) -> None:
    languages = graph_languages(G)
    tables = csv_tables(G)
    headers = {name: next(csv.reader(io.StringIO(text))) for name, text in tables.items()}
    assert headers["nodes"] == ["id", *flat_columns(NODE_FIELDS, languages)]
    assert headers["edges"] == ["source", "target", "key", *flat_columns(EDGE_FIELDS, languages)]
    assert headers["metrics"] == [
        "actor",
        *flat_columns(ACTOR_COLUMNS, languages),
        *(m.name for m in MEASURES),
    ]


def test_metrics_columns_derive_from_the_record(G: nx.MultiGraph) -> None:
    actor_columns = flat_columns(ACTOR_COLUMNS, graph_languages(G))
    assert list(centrality(G).columns[: len(actor_columns)]) == actor_columns
    assert list(counterfactual(G).columns[: len(actor_columns)]) == actor_columns


def test_graphml_keys_are_flat_record_columns(G: nx.MultiGraph) -> None:
    languages = graph_languages(G)
    H = nx.read_graphml(io.BytesIO(graphml_bytes(G)), force_multigraph=True)
    node_keys = {k for _, a in H.nodes(data=True) for k in a}
    edge_keys = {k for *_, a in H.edges(data=True) for k in a} - {"key"}
    assert node_keys <= set(flat_columns(NODE_FIELDS, languages))
    assert edge_keys <= set(flat_columns(EDGE_FIELDS, languages))
    assert f"name_{languages[0]}" in node_keys


def test_json_keeps_the_record_whole(G: nx.MultiGraph) -> None:
    H = from_json_text(to_json_text(G))
    assert list(H.graph) == GRAPH_NAMES
    assert all(list(a) == NODE_NAMES for _, a in H.nodes(data=True))
    assert all(list(a) == EDGE_NAMES for *_, a in H.edges(data=True))


def test_records_refuse_an_attribute_they_do_not_define() -> None:
    with pytest.raises(RecordError, match="unknown node attribute 'nmae'"):
        node_record(nmae={"en": "x"})
    assert edge_record()["explanation"] == {} and edge_record()["counterfactual"] is False
