"""The bundled Seoul dataset: what the article states, and only that."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

from meetgraph.expectations import missing_edges
from meetgraph.graph import build_graph, declared_graph
from meetgraph.loader import load_dataset
from meetgraph.schema import Dataset
from meetgraph.settings import Settings

ROOT = Path(__file__).parents[1]
ARTICLE = (Path(__file__).parent / "fixtures" / "seed_article.txt").read_text(encoding="utf-8")
KOREAN_GOVERNMENT = {"choi-sang-mok", "yoo-sang-im", "ahn-duk-geun", "oh-young-ju"}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(Settings().default_dataset)


@pytest.fixture(scope="module")
def graph(dataset: Dataset) -> nx.MultiGraph:
    return build_graph(dataset)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_bundled_dataset_points_editors_at_the_schema() -> None:
    for path in Settings().bundled_datasets():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=schema.json", path


def test_every_quote_is_in_the_article(dataset: Dataset) -> None:
    article = squash(ARTICLE)
    quotes = [e.quote for m in dataset.meetings for e in m.evidence]
    quotes += [e.quote for rule in dataset.expectations for e in rule.evidence]
    assert quotes
    for quote in quotes:
        assert squash(quote) in article, quote


def test_the_source_is_the_seed_article(dataset: Dataset) -> None:
    source = dataset.sources[0]
    assert source.title in ARTICLE
    assert source.published.isoformat() == "2025-02-04T17:32:00+09:00"
    assert source.authors == ["고석용", "남미래"]


def test_every_korean_name_appears_in_the_article(dataset: Dataset) -> None:
    for actor in dataset.actors:
        assert actor.name["ko"], actor.id
        if actor.id != "unnamed-government-ministry":
            assert actor.name["ko"] in ARTICLE, actor.id


def test_the_seoul_day_in_order(dataset: Dataset) -> None:
    day = sorted(
        (m.order, m.id) for m in dataset.meetings if m.date and m.date.isoformat() == "2025-02-04"
    )
    assert [meeting for _, meeting in day] == [
        "altman-sk-group",
        "altman-krafton",
        "altman-developer-workshop",
        "altman-kakao-press-conference",
        "openai-kakao-partnership",
        "altman-samsung-softbank",
    ]


def test_altman_met_no_korean_government_member(graph: nx.MultiGraph) -> None:
    met = {
        other
        for _, other, status in graph.edges("sam-altman", data="status")
        if status in {"held", "planned"}
    }
    assert not met & KOREAN_GOVERNMENT
    assert {"ishiba-shigeru", "narendra-modi", "lee-jae-yong", "son-masayoshi"} <= met


def test_four_missing_edges_with_explanations(dataset: Dataset, graph: nx.MultiGraph) -> None:
    edges = missing_edges(declared_graph(dataset), dataset.expectations)
    assert {e.actor for e in edges} == KOREAN_GOVERNMENT
    for edge in edges:
        assert edge.visitor == "sam-altman"
        assert edge.peers == ("altman-ishiba", "altman-modi")
        assert "Ishiba Shigeru" in edge.explanation["en"] and "모디" in edge.explanation["ko"]
        data = graph.edges["sam-altman", edge.actor, "kr-government-contact"]
        assert data["status"] == "missing" and data["explanation"] == edge.explanation


def test_the_other_statuses(graph: nx.MultiGraph) -> None:
    assert graph.edges["sam-altman", "narendra-modi", "altman-modi"]["status"] == "planned"
    assert graph.edges["sam-altman", "narendra-modi", "altman-modi"]["date"].isoformat() == (
        "2025-02-06"
    )
    assert graph.edges["sam-altman", "ishiba-shigeru", "altman-ishiba"]["date"] is None
    assert graph.edges["yoo-sang-im", "son-masayoshi", "yoo-son-meeting"]["status"] == "planned"
    request = graph.edges["unnamed-government-ministry", "sam-altman", "ministry-request"]
    assert request["status"] == "requested"
    assert graph.degree("deepseek") == 0
