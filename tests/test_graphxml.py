"""GraphML and GEXF: what Gephi and networkx read back."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trip import edge_set, trip_graph

from meetgraph.graphxml import gexf_bytes, graphml_bytes, write_gexf, write_graphml


@pytest.fixture
def G() -> nx.MultiGraph:
    return trip_graph()


def with_control_character(G: nx.MultiGraph) -> nx.MultiGraph:
    H = G.copy()
    H.nodes["pm"]["name"] = {**H.nodes["pm"]["name"], "en": "Prime\x01 Minister\x0b"}
    H.edges["v", "pm", "v-pm"]["place"] = {"en": "Tokyo\x00\tJapan"}
    return H


def no_none_or_empty_name(graph: nx.MultiGraph) -> None:
    for _, attrs in graph.nodes(data=True):
        assert "None" not in attrs.values()
    for *_, attrs in graph.edges(data=True):
        assert "None" not in attrs.values()


def test_graphml_reads_back_in_networkx(G: nx.MultiGraph) -> None:
    data = graphml_bytes(with_control_character(G))
    H = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes["pm"]["name_en"] == "Prime Minister"
    assert H.nodes["min"]["name_ko"] == "장관"
    edge = H.edges["v", "pm", "v--pm--v-pm"]
    assert (edge["status"], edge["date"], edge["key"]) == ("held", "2025-02-03", "v-pm")
    assert edge["place_en"] == "Tokyo\tJapan"
    assert edge["evidence"] == "s: 만났다"
    assert H.edges["v", "min", "v--min--kr-gov"]["status"] == "missing"
    # The three-party meeting's three edges share a key but keep distinct ids.
    assert {k for *_, k in H.edges(keys=True, data="key") if k == "v-ceo"} == {"v-ceo"}
    assert sum(1 for *_, k in H.edges(keys=True, data="key") if k == "v-ceo") == 3
    assert "role_en" not in H.nodes["pm"]  # None dropped, not written as "None"
    assert H.graph["sectors"] == "gov: Government; ai: AI"
    assert H.graph["title_ko"] == "방문"
    no_none_or_empty_name(H)


def test_gexf_reads_back_in_networkx(G: nx.MultiGraph) -> None:
    data = gexf_bytes(with_control_character(G))
    H = nx.read_gexf(io.BytesIO(data), version="1.3")
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert edge_set(H) == edge_set(G)
    assert H.nodes["pm"]["label"] == "Prime Minister"
    assert H.nodes["ceo"]["name_ko"] == "대표"
    edge = H.edges["v", "pm", "v-pm"]
    assert (edge["status"], edge["date"]) == ("held", "2025-02-03")
    assert "topics_en" not in edge  # empty: left out, like None
    assert H.edges["v", "ceo", "v-ceo-2"]["status"] == "planned"
    assert "note" not in edge
    description = ElementTree.fromstring(data).find(f"{{{GEXF}}}meta/{{{GEXF}}}description")
    assert description is not None and description.text == "Trip"
    no_none_or_empty_name(H)


@pytest.mark.parametrize("write", [graphml_bytes, gexf_bytes])
def test_xml_has_no_illegal_characters(G: nx.MultiGraph, write: Any) -> None:
    text = write(with_control_character(G)).decode("utf-8")
    assert "\x01" not in text and "\x00" not in text and "\x0b" not in text
    assert ">None<" not in text and '"None"' not in text


# --- the drawing travels with the graph (Gephi opens the picture) -----------------------------

GEXF = "http://gexf.net/1.3"
VIZ = {"viz": "http://gexf.net/1.3/viz"}


def test_gexf_carries_positions_colours_sizes_shapes_and_measures(G: nx.MultiGraph) -> None:
    from meetgraph.drawing import drawing_for
    from meetgraph.styles import EDGE_STYLES, rgb

    drawing = drawing_for(G, seed=3)
    looks = drawing.node_looks(G)
    H = nx.read_gexf(io.BytesIO(gexf_bytes(G, drawing)), version="1.3")
    for node, look in looks.items():
        viz = H.nodes[node]["viz"]
        assert (viz["position"]["x"], -viz["position"]["y"]) == pytest.approx((look.x, look.y))
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == rgb(look.color)
        assert viz["size"] == pytest.approx(look.size)
        assert H.nodes[node]["pagerank"] == pytest.approx(drawing.measures_of(node)["pagerank"])
    # networkx reads no node shape back (it looks for the wrong attribute): read the XML.
    shapes = {
        node.get("id"): node.find("viz:shape", VIZ).get("value")
        for node in ElementTree.fromstring(gexf_bytes(G, drawing)).iter(f"{{{GEXF}}}node")
    }
    assert (shapes["pm"], shapes["neg"], shapes["min"]) == ("disc", "square", "disc")
    edges = {
        edge.get("id"): edge
        for edge in ElementTree.fromstring(gexf_bytes(G, drawing)).iter(f"{{{GEXF}}}edge")
    }
    missing = edges["v--min--kr-gov"]
    assert missing.find("viz:shape", VIZ).get("value") == "dashed"
    assert float(missing.find("viz:thickness", VIZ).get("value")) == EDGE_STYLES["missing"].width
    assert edges["v--ceo--v-ceo-2"].find("viz:shape", VIZ).get("value") == "dotted"  # planned


def test_graphml_carries_the_drawing_for_networkx_and_igraph(
    G: nx.MultiGraph, tmp_path: Path
) -> None:
    import igraph

    from meetgraph.drawing import drawing_for
    from meetgraph.styles import rgb

    drawing = drawing_for(G, seed=3)
    looks = drawing.node_looks(G)
    path = tmp_path / "trip.graphml"
    path.write_bytes(graphml_bytes(G, drawing))
    H = nx.read_graphml(path, force_multigraph=True)
    assert (H.nodes["pm"]["x"], H.nodes["pm"]["y"]) == pytest.approx((looks["pm"].x, looks["pm"].y))
    assert H.nodes["pm"]["color"] == looks["pm"].color
    # A second reader, independent of networkx.
    other = igraph.Graph.Read_GraphML(str(path))
    assert other.vcount() == G.number_of_nodes() and other.ecount() == G.number_of_edges()
    for vertex in other.vs:
        look = looks[vertex["id"]]
        assert (vertex["x"], vertex["y"], vertex["size"]) == pytest.approx(
            (look.x, look.y, look.size)
        )
        assert (vertex["r"], vertex["g"], vertex["b"]) == rgb(look.color)
        assert vertex["pagerank"] > 0
    assert sorted(other.es["dashes"]) == sorted(
        {"held": "solid", "planned": "dotted", "missing": "dashed"}[s]
        for *_, s in G.edges(data="status")
    )


SCHEMA = Path(__file__).parent / "fixtures" / "gexf-1.3" / "gexf.rng"


@pytest.mark.parametrize("drawn", [False, True])
def test_gexf_is_valid_gexf_1_3(G: nx.MultiGraph, drawn: bool) -> None:
    from lxml import etree

    from meetgraph.drawing import drawing_for

    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    data = gexf_bytes(with_control_character(G), drawing_for(G) if drawn else None)
    document = etree.fromstring(data)
    assert schema.validate(document), schema.error_log
    assert document.get("version") == "1.3"


def test_the_schema_check_catches_what_gexf_1_3_forbids(G: nx.MultiGraph) -> None:
    from lxml import etree

    from meetgraph.drawing import drawing_for

    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    document = etree.fromstring(gexf_bytes(G, drawing_for(G)))
    shape = document.find(f".//{{{GEXF}}}node/{{{VIZ['viz']}}}shape")
    assert shape is not None
    shape.set("value", "dot")  # vis-network's name, not GEXF's
    assert not schema.validate(document)


def test_the_bundled_dataset_drawn_is_valid_gexf_1_3() -> None:
    from lxml import etree

    from meetgraph.drawing import drawing_for
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings

    seoul = build_graph(load_dataset(Settings().default_dataset))
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    assert schema.validate(etree.fromstring(gexf_bytes(seoul, drawing_for(seoul))))


# --- streamed, and the same bytes as networkx's writers gave -----------------------------------


@pytest.fixture(scope="module")
def synthetic() -> nx.MultiGraph:
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset, load_dataset_text
    from meetgraph.settings import Settings
    from meetgraph.synth import synth_dataset_text

    template = load_dataset(Settings().default_dataset)
    text = synth_dataset_text(template, 800, 4000, seed=5)
    return build_graph(load_dataset_text(text, "synthetic.yaml"))


def awkward(G: nx.MultiGraph) -> nx.MultiGraph:
    """G with every kind of value the writers escape or type apart."""
    import numpy as np

    H = with_control_character(G)
    H.nodes["v"]["note"] = 'a <b> & "c"\tand\nnext\r]]> é 한'
    H.nodes["pm"]["extra"] = np.float64(0.5)
    H.nodes["pm"]["count"] = np.int64(3)
    H.nodes["min"]["score"] = float("inf")
    H.nodes["ceo"]["flag"] = True
    H.nodes["neg"]["empty"] = ""
    H.add_node("lonely")  # no attribute at all
    # Attributes named as the drawing's, which replace them in place, and one more.
    H.nodes["pm"]["x"] = "west"
    H.edges["v", "pm", "v-pm"]["color"] = "plum"
    H.edges["v", "pm", "v-pm"]["rank"] = 2
    H.graph["id"] = "trip & co"
    return H


def bundled() -> nx.MultiGraph:
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings

    return build_graph(load_dataset(Settings().default_dataset))


@pytest.mark.parametrize("drawn", [False, True])
@pytest.mark.parametrize("which", ["bundled", "trip", "awkward", "synthetic", "empty"])
def test_streamed_files_are_the_bytes_networkx_wrote(
    which: str, drawn: bool, synthetic: nx.MultiGraph
) -> None:
    from networkx_writers import networkx_gexf_bytes, networkx_graphml_bytes

    from meetgraph.drawing import drawing_for

    graphs = {
        "bundled": bundled,
        "trip": trip_graph,
        "awkward": lambda: awkward(trip_graph()),
        "synthetic": lambda: synthetic,
        "empty": nx.MultiGraph,
    }
    G = graphs[which]()
    drawing = drawing_for(G) if drawn and len(G) else None
    assert graphml_bytes(G, drawing) == networkx_graphml_bytes(G, drawing)
    assert gexf_bytes(G, drawing) == networkx_gexf_bytes(G, drawing)


@settings(max_examples=60, deadline=None)
@given(text=st.text())
def test_any_text_is_escaped_as_networkx_escaped_it(text: str) -> None:
    from networkx_writers import networkx_gexf_bytes, networkx_graphml_bytes

    G = trip_graph()
    G.nodes["v"]["note"] = text
    G.edges["v", "pm", "v-pm"]["place"] = {"en": text}
    G.graph["title"] = {"en": text}
    assert graphml_bytes(G) == networkx_graphml_bytes(G)
    assert gexf_bytes(G) == networkx_gexf_bytes(G)


@pytest.mark.parametrize("write", [write_graphml, write_gexf])
def test_memory_does_not_grow_with_the_document(
    write: Any, synthetic: nx.MultiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracemalloc

    from meetgraph import graphxml

    # Small buffers, so that what is left is what the writer holds beyond them.
    monkeypatch.setattr(graphxml, "_SPOOL_BYTES", 2**16)
    monkeypatch.setattr(graphxml, "_BATCH", 100)
    path = tmp_path / "synthetic.xml"
    with path.open("wb") as file:
        tracemalloc.start()
        try:
            write(synthetic, file)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    size = path.stat().st_size
    assert size > 1_500_000
    assert peak < size / 8, (peak, size)
    H = nx.read_graphml(path) if write is write_graphml else nx.read_gexf(path, version="1.3")
    assert H.number_of_edges() == synthetic.number_of_edges()


def test_an_id_with_a_control_character_keeps_its_drawing() -> None:
    from meetgraph.drawing import drawing_for

    G = trip_graph()
    nx.relabel_nodes(G, {"pm": "p\x01m"}, copy=False)
    drawing = drawing_for(G, seed=1)
    look = drawing.node_looks(G)["p\x01m"]
    H = nx.read_graphml(io.BytesIO(graphml_bytes(G, drawing)), force_multigraph=True)
    assert H.nodes["pm"]["x"] == pytest.approx(look.x)
    assert H.has_edge("v", "pm", "v--pm--v-pm")
    gexf = nx.read_gexf(io.BytesIO(gexf_bytes(G, drawing)), version="1.3")
    assert gexf.nodes["pm"]["label"] == "Prime Minister"
    assert gexf.nodes["pm"]["viz"]["size"] == pytest.approx(look.size)


@pytest.mark.parametrize("languages", [None, ["en"]])
def test_a_hand_made_graph_keeps_its_plain_text_names(languages: list[str] | None) -> None:
    # networkx graphs often carry a plain "name"; with or without languages declared, it is
    # written as a plain attribute, not dropped, and does not stop the export.
    G = nx.MultiGraph(**({"languages": languages} if languages else {}))
    G.add_node("a", name="Ann", topics=["x", "y"])
    G.add_edge("a", "b", place="Seoul")
    H = nx.read_graphml(io.BytesIO(graphml_bytes(G)), force_multigraph=True)
    assert H.nodes["a"] == {"name": "Ann", "topics": "x; y"}
    assert H.edges["a", "b", "a--b--0"]["place"] == "Seoul"
    K = nx.read_gexf(io.BytesIO(gexf_bytes(G)), version="1.3")
    assert K.nodes["a"] == {"name": "Ann", "topics": "x; y", "label": "Ann"}
