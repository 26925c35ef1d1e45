"""Exports: what Gephi, spreadsheets and a later meetgraph session read back."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import meetgraph.export as export
from meetgraph.errors import MeetgraphError
from meetgraph.export import (
    FORMATS,
    UnsupportedFormatError,
    csv_tables,
    export_graph,
    from_json_text,
    gexf_bytes,
    graph_bytes,
    graphml_bytes,
    to_json_text,
)
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset_text

DATASET = """\
meetgraph: 1
dataset: {id: t, title: {en: Trip, ko: 방문}}
sectors: [{id: gov, label: {en: Government, ko: 정부}}, {id: ai, label: {en: AI, ko: 인공지능}}]
sources: [{id: s, title: T, publisher: P, published: "2025-01-01T00:00:00Z", language: ko}]
actors:
  - {id: v, name: {en: Visitor, ko: 방문자}, type: person, sector: ai, country: US}
  - {id: pm, name: {en: Prime Minister, ko: 총리}, type: person, sector: gov, country: JP}
  - {id: min, name: {en: Minister, ko: 장관}, type: person, sector: gov, country: KR}
  - {id: ceo, name: {en: "=HYPERLINK(\\"http://evil\\")", ko: 대표}, type: person, sector: ai,
     country: KR}
  - {id: neg, name: {en: "-1+2", ko: "@SUM(A1)"}, type: organization, sector: ai, country: KR}
meetings:
  - {id: v-pm, participants: [v, pm], status: held, date: "2025-02-03",
     evidence: [{source: s, quote: 만났다}]}
  - {id: v-ceo, participants: [v, ceo, neg], status: held, date: "2025-02-04",
     evidence: [{source: s, quote: "=1+1"}]}
  - {id: v-ceo-2, participants: [v, ceo], status: planned, date: "2025-02-05",
     evidence: [{source: s, quote: 예정}]}
expectations:
  - id: kr-gov
    label: {en: Government contact in KR}
    visitor: v
    expected: {country: KR, sectors: [gov], types: [person]}
    peers: {countries: [JP], sectors: [gov]}
"""


@pytest.fixture
def G() -> nx.MultiGraph:
    return build_graph(load_dataset_text(DATASET, "t.yaml"))


def snapshot(graph: nx.MultiGraph) -> tuple[Any, ...]:
    return (
        copy.deepcopy(graph.graph),
        sorted((n, copy.deepcopy(a)) for n, a in graph.nodes(data=True)),
        sorted(
            ((u, v, k, copy.deepcopy(a)) for u, v, k, a in graph.edges(keys=True, data=True)),
            key=lambda e: (str(e[0]), str(e[1]), str(e[2])),
        ),
    )


def edge_set(graph: nx.MultiGraph) -> set[tuple[Any, ...]]:
    return {(frozenset((u, v)), k) for u, v, k in graph.edges(keys=True)}


# --- JSON ---------------------------------------------------------------------------------------


def test_fixture_has_what_the_exports_must_keep(G: nx.MultiGraph) -> None:
    assert G.edges["v", "min", "kr-gov"]["status"] == "missing"
    assert G.number_of_edges("v", "ceo") == 2
    assert G.nodes["pm"]["name_ko"] == "총리"


def test_json_round_trip_is_lossless(G: nx.MultiGraph) -> None:
    H = from_json_text(to_json_text(G))
    assert snapshot(H) == snapshot(G)
    assert H.is_multigraph() and not H.is_directed()
    assert H.edges["v", "pm", "v-pm"]["date"] == dt.date(2025, 2, 3)
    assert (
        H.edges["v", "min", "kr-gov"]["explanation_en"]
        == (G.edges["v", "min", "kr-gov"]["explanation_en"])
    )


def test_json_is_readable_text_with_a_marker(G: nx.MultiGraph) -> None:
    text = to_json_text(G)
    data = json.loads(text)
    assert data["meetgraph"] == 1
    assert "총리" in text  # not \\u escaped
    edge = next(e for e in data["edges"] if e["key"] == "v-pm")
    assert edge["date"] == "2025-02-03"
    assert {edge["source"], edge["target"]} == {"v", "pm"}


def test_json_from_bytes(G: nx.MultiGraph) -> None:
    assert snapshot(from_json_text(to_json_text(G).encode("utf-8"))) == snapshot(G)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json {", "not valid JSON"),
        ('{"nodes": [], "edges": []}', 'no "meetgraph": 1 marker'),
        ("[1, 2]", 'no "meetgraph": 1 marker'),
        ('{"meetgraph": 2, "nodes": [], "edges": []}', "unsupported meetgraph JSON version 2"),
        ('{"meetgraph": 1, "nodes": {}}', '"nodes" and "edges" must be lists'),
        ('{"meetgraph": 1, "nodes": [{"name": "x"}], "edges": []}', "damaged meetgraph JSON"),
        (
            '{"meetgraph": 1, "nodes": [{"id": "a"}], "edges": [{"target": "a"}]}',
            "damaged meetgraph JSON",
        ),
        (
            '{"meetgraph": 1, "nodes": [{"id": "a"}, {"id": "b"}],'
            ' "edges": [{"source": "a", "target": "b", "key": "m", "date": "soon"}]}',
            "edge a--b--m: date 'soon' is not ISO",
        ),
        (b"\xff\xfe", "not valid JSON"),
    ],
)
def test_from_json_text_rejects_garbage_clearly(text: str | bytes, message: str) -> None:
    with pytest.raises(MeetgraphError) as info:
        from_json_text(text)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
attr_names = st.text(min_size=1, max_size=6).filter(
    lambda s: s not in {"id", "source", "target", "key", "date"}
)


@st.composite
def multigraphs(draw: st.DrawFn) -> nx.MultiGraph:
    graph = nx.MultiGraph(**draw(st.dictionaries(attr_names, json_values, max_size=3)))
    nodes = draw(st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=5, unique=True))
    for node in nodes:
        graph.add_node(node, **draw(st.dictionaries(attr_names, json_values, max_size=3)))
    for _ in range(draw(st.integers(0, 6))):
        u, v = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
        attrs = draw(st.dictionaries(attr_names, json_values, max_size=3))
        attrs["date"] = draw(st.none() | st.dates())
        graph.add_edge(u, v, key=draw(st.text(max_size=4)), **attrs)
    return graph


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(multigraphs())
def test_json_round_trip_of_random_unicode_graphs(graph: nx.MultiGraph) -> None:
    assert snapshot(from_json_text(to_json_text(graph))) == snapshot(graph)


# --- GraphML and GEXF ---------------------------------------------------------------------------


def with_control_character(G: nx.MultiGraph) -> nx.MultiGraph:
    H = G.copy()
    H.nodes["pm"]["name_en"] = "Prime\x01 Minister\x0b"
    H.edges["v", "pm", "v-pm"]["place_en"] = "Tokyo\x00\tJapan"
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
    H = nx.read_gexf(io.BytesIO(data))
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert edge_set(H) == edge_set(G)
    assert H.nodes["pm"]["label"] == "Prime Minister"
    assert H.nodes["ceo"]["name_ko"] == "대표"
    edge = H.edges["v", "pm", "v-pm"]
    assert (edge["status"], edge["date"]) == ("held", "2025-02-03")
    assert edge["topics_en"] == ""
    assert H.edges["v", "ceo", "v-ceo-2"]["status"] == "planned"
    assert "note" not in edge
    assert H.graph["name"] == "Trip"
    no_none_or_empty_name(H)


@pytest.mark.parametrize("write", [graphml_bytes, gexf_bytes])
def test_xml_has_no_illegal_characters(G: nx.MultiGraph, write: Any) -> None:
    text = write(with_control_character(G)).decode("utf-8")
    assert "\x01" not in text and "\x00" not in text and "\x0b" not in text
    assert ">None<" not in text and '"None"' not in text


# --- CSV ----------------------------------------------------------------------------------------


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_tables_escape_formulas(G: nx.MultiGraph) -> None:
    tables = csv_tables(G)
    nodes = {row["id"]: row for row in rows(tables["nodes"])}
    assert nodes["ceo"]["name_en"] == '\'=HYPERLINK("http://evil")'
    assert nodes["neg"]["name_en"] == "'-1+2"
    assert nodes["neg"]["name_ko"] == "'@SUM(A1)"
    assert nodes["pm"]["name_ko"] == "총리"
    metrics = {row["actor"]: row for row in rows(tables["metrics"])}
    assert metrics["ceo"]["name_en"].startswith("'=")
    assert metrics["neg"]["name_ko"] == "'@SUM(A1)"
    edges = rows(tables["edges"])
    quotes = {row["evidence"] for row in edges if row["key"] == "v-ceo"}
    assert quotes == {"s: =1+1"}  # not at the start of the cell, so harmless
    for table in tables.values():
        for row in csv.reader(io.StringIO(table)):
            assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row)


def test_csv_edges_table(G: nx.MultiGraph) -> None:
    edges = rows(csv_tables(G)["edges"])
    assert list(edges[0])[:16] == [
        "source",
        "target",
        "key",
        "status",
        "date",
        "kind",
        "meeting",
        "expectation",
        "place_en",
        "place_ko",
        "country",
        "topics_en",
        "topics_ko",
        "evidence",
        "explanation_en",
        "explanation_ko",
    ]
    assert len(edges) == G.number_of_edges()
    held = next(row for row in edges if row["key"] == "v-pm")
    assert (held["status"], held["date"], held["evidence"]) == ("held", "2025-02-03", "s: 만났다")
    missing = next(row for row in edges if row["status"] == "missing")
    assert missing["expectation"] == "kr-gov"
    assert "Minister" in missing["explanation_en"]


def test_csv_uses_the_metrics_given(G: nx.MultiGraph) -> None:
    import pandas as pd

    table = pd.DataFrame({"degree": [7]}, index=pd.Index(["v"], name="actor"))
    assert csv_tables(G, table)["metrics"] == "actor,degree\nv,7\n"


def test_export_csv_writes_three_files(G: nx.MultiGraph, tmp_path: Path) -> None:
    written = export_graph(G, tmp_path / "trip.CSV")
    assert written == [
        tmp_path / "trip.nodes.csv",
        tmp_path / "trip.edges.csv",
        tmp_path / "trip.metrics.csv",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    # A byte order mark first, or spreadsheets misread the Korean names.
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in written)
    nodes = rows(written[0].read_text(encoding="utf-8-sig"))
    assert len(nodes) == G.number_of_nodes()
    assert any(row["name_ko"] for row in nodes)
    assert len(rows(written[1].read_text(encoding="utf-8-sig"))) == G.number_of_edges()
    assert {row["actor"] for row in rows(written[2].read_text(encoding="utf-8-sig"))} == set(G)


# --- export_graph -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_by_extension(G: nx.MultiGraph, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"trip.{fmt.upper()}"
    assert export_graph(G, path) == [path]
    assert path.read_bytes() == graph_bytes(G, fmt)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_export_format_overrides_extension(G: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "trip.txt"
    export_graph(G, path, format="json")
    assert snapshot(from_json_text(path.read_text(encoding="utf-8"))) == snapshot(G)


def test_export_html(G: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "trip.html"
    assert export_graph(G, path, language="ko") == [path]
    page = path.read_text(encoding="utf-8")
    assert "<html" in page.lower()
    assert "총리" in page


def test_export_unknown_extension_message(G: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "trip.PDF"
    with pytest.raises(UnsupportedFormatError) as info:
        export_graph(G, path)
    assert str(info.value) == (
        f"{path}: unsupported format '.PDF' (use .html, .graphml, .gexf, .json or .csv)"
    )
    assert isinstance(info.value, MeetgraphError)
    assert list(tmp_path.iterdir()) == []


def test_export_no_extension_message(G: nx.MultiGraph, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"unsupported format ''"):
        export_graph(G, tmp_path / "trip")


def test_export_missing_directory_raises_oserror(G: nx.MultiGraph, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        export_graph(G, tmp_path / "nope" / "trip.json")


def test_failed_serialisation_leaves_existing_file(
    G: nx.MultiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trip.json"
    path.write_text("good", encoding="utf-8")

    def boom(graph: nx.MultiGraph) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(export, "to_json_text", boom)
    with pytest.raises(RuntimeError):
        export_graph(G, path)
    assert path.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["trip.json"]


def test_failed_write_removes_temp_file(
    G: nx.MultiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trip.gexf"
    path.write_text("good", encoding="utf-8")

    def replace(self: Path, target: Any) -> Path:
        assert self.read_bytes() == gexf_bytes(G)  # written in full, not yet moved
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(OSError, match="No space left"):
        export_graph(G, path)
    assert path.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["trip.gexf"]


def test_export_replaces_existing_file(G: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "trip.graphml"
    path.write_text("old", encoding="utf-8")
    export_graph(G, path)
    assert path.read_bytes() == graphml_bytes(G)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_never_mutates_the_graph(G: nx.MultiGraph, tmp_path: Path, fmt: str) -> None:
    before = snapshot(G)
    export_graph(G, tmp_path / f"trip.{fmt}")
    assert snapshot(G) == before


def test_graph_bytes_rejects_csv(G: nx.MultiGraph) -> None:
    with pytest.raises(UnsupportedFormatError, match="'csv'"):
        graph_bytes(G, "csv")
