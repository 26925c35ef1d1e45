"""The starter dataset of ``meetgraph init``: valid in any languages, commented."""

from __future__ import annotations

import pytest

from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset_text
from meetgraph.starter import StarterError, parse_languages, starter_text


@pytest.mark.parametrize(
    "languages", [["en"], ["en", "ko"], ["ko", "en"], ["ja"], ["en", "ja", "ko"]]
)
def test_the_starter_loads_in_the_languages_asked(languages: list[str]) -> None:
    dataset = load_dataset_text(starter_text(languages), "story.yaml")
    assert dataset.languages == languages
    for actor in dataset.actors:
        assert list(actor.name) == languages
    G = build_graph(dataset)
    statuses = sorted(status for _, _, status in G.edges(data="status"))
    assert statuses == ["held", "held", "missing"]


def test_a_language_without_words_gets_the_english_text_to_translate() -> None:
    dataset = load_dataset_text(starter_text(["pt-BR", "ko"]), "story.yaml")
    assert dataset.actors[0].name == {"pt-BR": "Jane Doe", "ko": "제인 도"}


def test_the_starter_explains_itself_in_comments() -> None:
    text = starter_text(["en"])
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) >= 15
    assert 'title: "Seoul: the visit"' in text  # the quoting hint


def test_languages_are_parsed_strictly() -> None:
    assert parse_languages(" en , pt-BR ") == ["en", "pt-BR"]
    with pytest.raises(StarterError, match="'ko_KR' is not a language code"):
        parse_languages("ko_KR")
    with pytest.raises(StarterError, match="at least one language"):
        starter_text([])
