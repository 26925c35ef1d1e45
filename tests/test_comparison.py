"""The country comparison, from the graph and the rules only."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from meetgraph.comparison import contact_table, headline
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset, load_dataset_text
from meetgraph.schema import Dataset
from meetgraph.settings import Settings
from meetgraph.view import Choices, ViewSpec, apply_view

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
    # The tour's actors have no roles: one listed actor is named with its country.
    assert headline(G, dataset.expectations) == (
        "In this view: Visitor met 1 of the 3 Government members in South Korea; "
        "met 1 of the 2 Government members in Japan, 1 more to meet; is to meet IN PM (India)"
    )
    assert headline(G, dataset.expectations, "ko") == (
        "이 보기에서: Visitor — 대한민국 정부 인사 3명 중 1명 면담; "
        "일본 정부 인사 2명 중 1명 면담, 1명 면담 예정; IN PM(인도) 면담 예정"
    )


def test_headline_of_a_view_leaves_out_countries_with_no_one_in_it(
    tour: tuple[nx.MultiGraph, Dataset],
) -> None:
    G, dataset = tour
    view = apply_view(G, ViewSpec(actor="v", radius=1, choices=Choices(country=["US", "KR"])))
    assert headline(view, dataset.expectations) == (
        "In this view: Visitor met 1 of the 3 Government members in South Korea"
    )
    only_b = G.subgraph(["v", "b"])
    assert headline(only_b, dataset.expectations) == (
        "In this view: Visitor did not meet B (South Korea), though a meeting was requested"
    )


@pytest.fixture(scope="module")
def seoul() -> tuple[nx.MultiGraph, Dataset]:
    dataset = load_dataset(Settings().default_dataset)
    return build_graph(dataset), dataset


SEOUL_EN = (
    "In this view: Sam Altman met 0 of the 4 Government members in South Korea; "
    "met Ishiba Shigeru (Prime Minister of Japan); "
    "is to meet Narendra Modi (Prime Minister of India)"
)
SEOUL_KO = (
    "이 보기에서: 샘 올트먼 — 대한민국 정부 인사 4명 중 0명 면담; "
    "이시바 시게루(일본 총리) 면담; 나렌드라 모디(인도 총리) 면담 예정"
)


@pytest.mark.parametrize(
    ("spec", "language", "expected"),
    [
        (ViewSpec(), "en", SEOUL_EN),
        (ViewSpec(), "ko", SEOUL_KO),
        # Actors of Korea only: the visitor (US) is kept in view with them, Japan and India not.
        (
            ViewSpec(choices=Choices(country=["KR"])),
            "en",
            "In this view: Sam Altman met 0 of the 4 Government members in South Korea",
        ),
        (
            ViewSpec(choices=Choices(country=["KR"])),
            "ko",
            "이 보기에서: 샘 올트먼 — 대한민국 정부 인사 4명 중 0명 면담",
        ),
        # Organisations only: the visitor met none, so he is not kept, and the headline says so.
        (
            ViewSpec(choices=Choices(type=["organization"])),
            "en",
            "In this view: the visitor of “Government contact in Korea” is not shown",
        ),
        (
            ViewSpec(choices=Choices(type=["organization"])),
            "ko",
            "이 보기에서: “한국 정부 인사 면담”의 방문자가 보이지 않음",
        ),
        # From 5 February: only the Modi meeting (6 February) is dated in range.
        (
            ViewSpec(since=dt.date(2025, 2, 5)),
            "en",
            "In this view: Sam Altman met 0 of the 4 Government members in South Korea; "
            "did not meet Ishiba Shigeru (Prime Minister of Japan); "
            "is to meet Narendra Modi (Prime Minister of India)",
        ),
        (
            ViewSpec(since=dt.date(2025, 2, 5)),
            "ko",
            "이 보기에서: 샘 올트먼 — 대한민국 정부 인사 4명 중 0명 면담; "
            "이시바 시게루(일본 총리) 면담 없음; 나렌드라 모디(인도 총리) 면담 예정",
        ),
        # Government actors only, and Japan's: the held meeting with Ishiba is the view.
        (
            ViewSpec(choices=Choices(country=["US", "JP"])),
            "en",
            "In this view: Sam Altman met Ishiba Shigeru (Prime Minister of Japan)",
        ),
        # What if: the four missing meetings are drawn as held, but did not happen.
        (ViewSpec(what_if=True), "en", SEOUL_EN),
    ],
)
def test_the_seoul_headline_per_view(
    seoul: tuple[nx.MultiGraph, Dataset], spec: ViewSpec, language: str, expected: str
) -> None:
    G, dataset = seoul
    assert headline(apply_view(G, spec), dataset.expectations, language) == expected


def test_a_view_without_the_visitor_counts_nobody_as_met(
    tour: tuple[nx.MultiGraph, Dataset],
) -> None:
    G, dataset = tour
    table = contact_table(G.subgraph(["a", "b", "pm"]), dataset.expectations)
    assert table["held"].sum() == 0 and table["none"].sum() == 3


def test_each_country_lists_the_rules_expected_actors_of_the_view() -> None:
    # The comparison groups a view's actors by place once; each row still counts exactly
    # the actors expected_actors finds, in views of a generated dataset of many rules.
    from meetgraph.expectations import expected_actors
    from meetgraph.synth import synth_dataset_text

    template = load_dataset(Settings().default_dataset)
    dataset = load_dataset_text(synth_dataset_text(template, 2000, 4000, seed=4), "synth.yaml")
    G = build_graph(dataset)
    for spec in (ViewSpec(), ViewSpec(choices=Choices(sector=("government", "ai")))):
        view = apply_view(G, spec)
        table = contact_table(view, dataset.expectations)
        rules = {rule.id: rule for rule in dataset.expectations}
        assert len(table) and table["listed"].sum() > 0
        for row in table.itertuples():
            expected = expected_actors(view, rules[row.expectation], row.country)
            assert row.listed == len(expected)
