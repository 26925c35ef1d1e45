"""The country comparison, from the graph and the rules only."""

from __future__ import annotations

import networkx as nx
import pytest

from meetgraph.comparison import contact_table, headline
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset, load_dataset_text
from meetgraph.schema import Dataset
from meetgraph.settings import Settings

TOUR = """\
meetgraph: 1
dataset: {id: t, title: {en: Tour}}
sectors: [{id: ai, label: {en: AI}}, {id: gov, label: {en: Government, ko: 정부}}]
sources: [{id: s, title: T, publisher: P, published: "2025-01-01T00:00:00Z", language: en}]
actors:
  - {id: v, name: {en: Visitor}, type: person, sector: ai, country: US}
  - {id: pm, name: {en: PM}, type: person, sector: gov, country: JP}
  - {id: fm, name: {en: FM}, type: person, sector: gov, country: JP}
  - {id: in-pm, name: {en: IN PM}, type: person, sector: gov, country: IN}
  - {id: a, name: {en: A}, type: person, sector: gov, country: KR}
  - {id: b, name: {en: B}, type: person, sector: gov, country: KR}
  - {id: c, name: {en: C}, type: person, sector: gov, country: KR}
  - {id: body, name: {en: Ministry}, type: government_body, sector: gov, country: KR}
meetings:
  - {id: m1, participants: [v, pm], status: held, evidence: [{source: s, quote: q}]}
  - {id: m2, participants: [v, in-pm], status: planned, evidence: [{source: s, quote: q}]}
  - {id: m3, participants: [v, a], status: held, evidence: [{source: s, quote: q}]}
  - {id: m4, participants: [v, b], status: requested, evidence: [{source: s, quote: q}]}
  - {id: m5, participants: [v, fm], status: planned, evidence: [{source: s, quote: q}]}
  - {id: m6, participants: [v, body], status: requested, evidence: [{source: s, quote: q}]}
expectations:
  - id: kr
    label: {en: KR government}
    visitor: v
    expected: {country: KR, sectors: [gov], types: [person]}
    peers: {countries: [JP, IN], sectors: [gov]}
"""


@pytest.fixture(scope="module")
def tour() -> tuple[nx.MultiGraph, Dataset]:
    dataset = load_dataset_text(TOUR, "tour.yaml")
    return build_graph(dataset), dataset


def test_counts_by_best_status(tour: tuple[nx.MultiGraph, Dataset]) -> None:
    G, dataset = tour
    rows = contact_table(G, dataset.expectations).set_index("country")
    # KR: a held; b requested (so also missing: requested does not satisfy); c missing.
    kr = rows.loc["KR", ["listed", "held", "requested", "missing", "none"]].tolist()
    assert kr == [3, 1, 1, 1, 0]
    assert G.get_edge_data("v", "b", "kr")["status"] == "missing"
    assert rows.loc["KR", "share_met"] == pytest.approx(1 / 3)
    assert rows.loc["JP", ["listed", "held", "planned"]].tolist() == [2, 1, 1]
    assert rows.loc["IN", ["listed", "held", "planned"]].tolist() == [1, 0, 1]
    assert rows["role"].tolist() == ["expected", "peer", "peer"]


def test_headline_in_both_languages(tour: tuple[nx.MultiGraph, Dataset]) -> None:
    G, dataset = tour
    assert headline(G, dataset.expectations) == (
        "Government members met: 1 of 3 in KR; JP 1 of 2, 1 planned; IN 1 planned"
    )
    assert headline(G, dataset.expectations, "ko") == (
        "정부 인사 면담: KR 3명 중 1명; JP 2명 중 1명, 1명 예정; IN 1명 예정"
    )


def test_the_seoul_headline() -> None:
    dataset = load_dataset(Settings().default_dataset)
    assert headline(build_graph(dataset), dataset.expectations) == (
        "Government members met: 0 of 4 in KR; JP 1 of 1; IN 1 planned"
    )


def test_a_view_without_the_visitor_counts_nobody_as_met(
    tour: tuple[nx.MultiGraph, Dataset],
) -> None:
    G, dataset = tour
    table = contact_table(G.subgraph(["a", "b", "pm"]), dataset.expectations)
    assert table["held"].sum() == 0 and table["none"].sum() == 3
