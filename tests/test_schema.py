"""The dataset format: the committed JSON Schema and the rules users meet."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from meetgraph import schema
from meetgraph.schema import Actor, LocalizedText, Meeting, json_schema_text

SCHEMA_FILE = Path(__file__).parents[1] / "data" / "schema.json"


def test_committed_json_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "data/schema.json is out of date; regenerate it with:"
        " python -m meetgraph schema > data/schema.json"
    )


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ({"en": "Seoul", "ko": "서울"}, "ko", "서울"),
        ({"en": "Seoul", "ko": "서울"}, "en", "Seoul"),
        ({"en": "Seoul"}, "ko", "Seoul"),
        ({"en": "Seoul", "ko": "서울"}, "fr", "Seoul"),
        ({"en": "  Seoul "}, "en", "Seoul"),
    ],
)
def test_localized_text_falls_back_to_english(
    text: dict[str, str], language: str, expected: str
) -> None:
    assert LocalizedText.model_validate(text).get(language) == expected


@pytest.mark.parametrize("text", [{"ko": "서울"}, {"en": "   "}, {"en": "Seoul", "ko": ""}])
def test_localized_text_needs_non_blank_english(text: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        LocalizedText.model_validate(text)


LABEL = {"en": "L"}
EVIDENCE = {"source": "s", "quote": "q"}
# A smallest valid instance of every model of the format.
MINIMAL: dict[str, dict[str, Any]] = {
    "LocalizedText": LABEL,
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
