"""The dataset format: the committed JSON Schema and the rules users meet."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from meetgraph import schema
from meetgraph.schema import (
    DEFAULT_LANGUAGES,
    Actor,
    Dataset,
    LocalizedText,
    Meeting,
    json_schema_text,
    localized_paths,
)

SCHEMA_FILE = Path(__file__).parents[1] / "data" / "schema.json"


def test_committed_json_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "data/schema.json is out of date; regenerate it with:"
        " python -m meetgraph schema > data/schema.json"
    )


LOCALIZED = TypeAdapter(LocalizedText)


@pytest.mark.parametrize(
    "text",
    [{"en": "Seoul", "ko": "서울"}, {"ja": "ソウル"}, {"pt-BR": "Seul"}, {"en": "  Seoul "}],
)
def test_localized_text_is_text_per_language(text: dict[str, str]) -> None:
    assert LOCALIZED.validate_python(text) == {k: v.strip() for k, v in text.items()}


@pytest.mark.parametrize(
    "text", [{}, {"en": "   "}, {"en": "Seoul", "ko": ""}, {"EN": "Seoul"}, {"en_US": "Seoul"}]
)
def test_localized_text_needs_non_blank_text_under_language_codes(text: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        LOCALIZED.validate_python(text)


def test_a_dataset_without_languages_is_in_the_default_ones() -> None:
    dataset = Dataset.model_validate(MINIMAL["Dataset"])
    assert dataset.languages == list(DEFAULT_LANGUAGES) == ["en", "ko"]
    declared = Dataset.model_validate({**MINIMAL["Dataset"], "languages": ["en", "ja"]})
    assert declared.languages == ["en", "ja"]
    with pytest.raises(ValidationError):
        Dataset.model_validate({**MINIMAL["Dataset"], "languages": []})


def test_localized_paths_are_every_text_per_language() -> None:
    assert [".".join(path) for path in localized_paths()] == [
        "dataset.title",
        "dataset.description",
        "sectors.*.label",
        "actors.*.name",
        "actors.*.role",
        "meetings.*.place",
        "meetings.*.topics.*",
        "expectations.*.label",
    ]


LABEL = {"en": "L"}
EVIDENCE = {"source": "s", "quote": "q"}
# A smallest valid instance of every model of the format.
MINIMAL: dict[str, dict[str, Any]] = {
    "Sector": {"id": "ai", "label": LABEL},
    "Source": {
        "id": "s",
        "title": "T",
        "publisher": "P",
        "published": "2025-02-04T17:32:00+09:00",
        "language": "ko",
    },
    "Actor": {"id": "a", "name": LABEL, "type": "person", "sector": "ai", "country": "KR"},
    "Evidence": EVIDENCE,
    "Meeting": {"id": "m", "participants": ["a", "b"], "status": "held", "evidence": [EVIDENCE]},
    "ActorSelector": {"country": "KR", "sectors": ["gov"]},
    "PeerSelector": {"countries": ["JP"], "sectors": ["gov"]},
    "Expectation": {
        "id": "e",
        "label": LABEL,
        "visitor": "a",
        "expected": {"country": "KR", "sectors": ["gov"]},
        "peers": {"countries": ["JP"], "sectors": ["gov"]},
    },
    "DatasetInfo": {"id": "d", "title": LABEL},
}
MINIMAL["Dataset"] = {
    "meetgraph": 1,
    "dataset": MINIMAL["DatasetInfo"],
    "sectors": [MINIMAL["Sector"]],
    "sources": [MINIMAL["Source"]],
    "actors": [MINIMAL["Actor"]],
}


def _error_kinds(error: ValidationError) -> list[tuple[str, tuple[str | int, ...]]]:
    return [(e["type"], tuple(e["loc"])) for e in error.errors()]


def _models() -> list[type[BaseModel]]:
    exported = (getattr(schema, name) for name in schema.__all__)
    return [m for m in exported if inspect.isclass(m) and issubclass(m, BaseModel)]


def test_every_model_has_a_minimal_example() -> None:
    assert {m.__name__ for m in _models()} == set(MINIMAL)


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_model_forbids_unknown_fields(model: type[BaseModel]) -> None:
    model.model_validate(MINIMAL[model.__name__])
    with pytest.raises(ValidationError) as caught:
        model.model_validate({**MINIMAL[model.__name__], "colour": "red"})
    assert _error_kinds(caught.value) == [("extra_forbidden", ("colour",))]


@pytest.mark.parametrize(
    ("country", "valid"),
    [("KR", True), ("NO", True), ("kr", False), ("KOR", False), ("K1", False), ("", False)],
)
def test_country_is_iso_alpha_2(country: str, valid: bool) -> None:
    data = {**MINIMAL["Actor"], "country": country}
    if valid:
        assert Actor.model_validate(data).country == country
    else:
        with pytest.raises(ValidationError) as caught:
            Actor.model_validate(data)
        assert _error_kinds(caught.value) == [("string_pattern_mismatch", ("country",))]


@pytest.mark.parametrize(
    ("time", "valid"),
    [
        ("00:00", True),
        ("09:05", True),
        ("23:59", True),
        ("morning", True),
        ("afternoon", True),
        ("evening", True),
        ("night", True),
        ("24:00", False),
        ("9:30", False),
        ("12:60", False),
        ("12:30:00", False),
        ("noon", False),
        ("Morning", False),
        ("", False),
    ],
)
def test_time_of_day_forms(time: str, valid: bool) -> None:
    data = {**MINIMAL["Meeting"], "time": time}
    if valid:
        assert Meeting.model_validate(data).time == time
    else:
        with pytest.raises(ValidationError) as caught:
            Meeting.model_validate(data)
        assert _error_kinds(caught.value) == [("string_pattern_mismatch", ("time",))]


def test_missing_is_derived_never_declared() -> None:
    with pytest.raises(ValidationError) as caught:
        Meeting.model_validate({**MINIMAL["Meeting"], "status": "missing"})
    assert _error_kinds(caught.value) == [("enum", ("status",))]
