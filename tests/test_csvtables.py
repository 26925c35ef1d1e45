"""CSV tables: every record column, per language, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from trip import trip_graph

from meetgraph.csvtables import csv_tables


@pytest.fixture
def G() -> nx.MultiGraph:
    return trip_graph()


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


def test_a_hand_made_graph_keeps_its_plain_text_names() -> None:
    G = nx.MultiGraph(languages=["en"])
    G.add_node("a", name="Ann")
    G.add_node("b", name={"en": "Bo"})
    G.add_edge("a", "b", place="Seoul")
    nodes = rows(csv_tables(G)["nodes"])
    names = [(r["id"], r["name_en"], r["name"]) for r in nodes]
    assert names == [("a", "", "Ann"), ("b", "Bo", "")]
    assert rows(csv_tables(G)["edges"])[0]["place"] == "Seoul"
