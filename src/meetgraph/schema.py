"""The dataset format: pydantic models of one meetgraph YAML file.

A dataset declares its own sector vocabulary, its sources, the actors, the
meetings between them (held, planned, or requested and fallen through) and the
expectation rules from which the meetings that did *not* happen are derived
(see :mod:`meetgraph.expectations`).

The models check the shape and the type of every value. Cross references
(unknown actor, unknown sector, duplicate id ...) are checked afterwards by
:func:`meetgraph.integrity.check_integrity`, so that all problems of a file
are reported together.

Examples
--------
>>> actor = Actor.model_validate({
...     "id": "sam-altman", "name": {"en": "Sam Altman", "ko": "샘 올트먼"},
...     "type": "person", "sector": "ai", "country": "US"})
>>> actor.name["ko"], actor.type.value
('샘 올트먼', 'person')
>>> [".".join(path) for path in localized_paths()][:3]
['dataset.title', 'dataset.description', 'sectors.*.label']
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import re
import types
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from meetgraph.i18n import FALLBACK, LANGUAGE_CODE, translate
from meetgraph.vocabulary import ActorType, DeclaredStatus, MeetingKind, MeetingStatus

__all__ = [
    "DEFAULT_LANGUAGES",
    "ID_REFERENCES",
    "Actor",
    "ActorSelector",
    "ActorType",
    "Dataset",
    "DatasetInfo",
    "DeclaredStatus",
    "Evidence",
    "Expectation",
    "LanguageCode",
    "LocalizedText",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "PeerSelector",
    "Sector",
    "Source",
    "class_in",
    "country_codes",
    "field_annotation",
    "json_schema",
    "localized_paths",
]

T = TypeVar("T")

#: The languages of a dataset that declares none: files written before the
#: ``languages`` key existed were labelled in these.
DEFAULT_LANGUAGES = ("en", "ko")

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
    Field(description="Lower-case id: letters a-z, digits and single hyphens, e.g. sam-altman."),
]
#: The pattern of one line of text.
ONE_LINE = r"^[^\t\n\r]*$"


def _refused(kind: str, **context: str) -> PydanticCustomError:
    """The error of a validator below, in the words ``problem.<kind>`` of the locale files.

    The loader shows it in the interface's language by its ``kind``; the English
    words are its message for anyone validating the models directly.

    >>> _refused("real_date").message()
    'must be a date that exists, like 2025-02-04 (year-month-day)'
    """
    return PydanticCustomError(kind, translate(f"problem.{kind}", FALLBACK), context or None)


def _assigned_country(code: str) -> str:
    if code not in country_codes():
        if code in _COUNTRY_INSTEAD:
            raise _refused("country_instead", code=_COUNTRY_INSTEAD[code])
        raise _refused("country_unassigned")
    return code


# Codes people write that ISO 3166-1 does not assign to the country they mean.
_COUNTRY_INSTEAD = {"UK": "GB", "EL": "GR"}

CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    AfterValidator(_assigned_country),
    Field(description="ISO 3166-1 alpha-2 country code, upper case, e.g. KR."),
]
#: Text on one line (names, labels, roles...); prose fields are LongText.
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000, pattern=ONE_LINE)
]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10000)]


def _whole_number(value: object) -> object:
    """Digits only: the loader keeps scalars as text, and ``+1``, ``1.0`` or ``0_1`` are typos."""
    if isinstance(value, str) and not (value.isascii() and value.isdigit() and len(value) <= 9):
        raise _refused("whole_number")
    return value


def _iso_date(value: object) -> object:
    """A calendar date written as YYYY-MM-DD, not a number or a date and time."""
    if isinstance(value, str):
        if not _DATE.fullmatch(value):
            raise _refused("date")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _refused("real_date") from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise _refused("date")
    return value


def _iso_datetime(value: object) -> object:
    """A date and time with its offset from UTC, written in ISO 8601."""
    if isinstance(value, str):
        if not _DATETIME.fullmatch(value):
            raise _refused("date_time")
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            raise _refused("real_date_time") from None
    return value


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})"
)

WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
IsoDateTime = Annotated[AwareDatetime, BeforeValidator(_iso_datetime)]
HexColor = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
LanguageCode = Annotated[
    str,
    StringConstraints(pattern=LANGUAGE_CODE),
    Field(description="A language code (ISO 639, optionally with a region), e.g. en, ko, pt-BR."),
]


class _Localized:
    """Marks the type of text given per language, so that :func:`localized_paths` finds it."""


LOCALIZED = _Localized()
LocalizedText = Annotated[
    dict[LanguageCode, Text],
    Field(
        min_length=1,
        description=(
            "Text per language, e.g. {en: Seoul, ko: 서울}: every language the dataset"
            " declares may appear, and its first language must."
        ),
    ),
    LOCALIZED,
]
TimeOfDay = Annotated[
    str,
    StringConstraints(pattern=r"^(?:[01]\d|2[0-3]):[0-5]\d$|^(?:morning|afternoon|evening|night)$"),
    Field(description="HH:MM (24 h) or one of morning, afternoon, evening, night."),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Sector(_Strict):
    """One entry of the dataset's own sector vocabulary."""

    id: Slug
    label: LocalizedText
    color: HexColor | None = Field(default=None, description="Node colour, e.g. #1f77b4.")


class Source(_Strict):
    """A document the meetings are taken from."""

    id: Slug
    title: Text
    publisher: Text
    authors: list[Text] = Field(default_factory=list)
    published: IsoDateTime = Field(description="ISO 8601 date and time with offset.")
    language: LanguageCode = Field(description="The language the source is written in.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)] | None = None


class Actor(_Strict):
    """A person, organisation, group or government body."""

    id: Slug
    name: LocalizedText
    type: ActorType
    sector: Slug = Field(description="An id from the dataset's sectors.")
    country: CountryCode
    role: LocalizedText | None = None
    affiliation: Slug | None = Field(default=None, description="The id of another actor.")
    note: LongText | None = None


class Evidence(_Strict):
    """Where a source states a fact, quoted in the source's own language."""

    source: Slug
    quote: LongText


class Meeting(_Strict):
    """An encounter of two or more actors; a meeting of n becomes its n(n-1)/2 pairs."""

    id: Slug
    participants: list[Slug] = Field(min_length=2, description="Two or more actor ids.")
    status: DeclaredStatus
    kind: MeetingKind = MeetingKind.MEETING
    date: IsoDate | None = Field(default=None, description="ISO date; leave out when unknown.")
    order: Annotated[WholeNumber, Field(ge=1, le=1000)] | None = Field(
        default=None, description="Position within the day, 1 for the first."
    )
    time: TimeOfDay | None = None
    place: LocalizedText | None = None
    country: CountryCode | None = Field(default=None, description="Where it took place.")
    topics: list[LocalizedText] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=1)
    note: LongText | None = None


class ActorSelector(_Strict):
    """The actors an expectation rule expects the visitor to meet."""

    country: CountryCode
    sectors: list[Slug] = Field(min_length=1)
    types: list[ActorType] = Field(default_factory=list, description="Empty means any type.")


class PeerSelector(_Strict):
    """The visitor's edges elsewhere that justify an expectation."""

    countries: list[CountryCode] = Field(min_length=1)
    sectors: list[Slug] = Field(min_length=1)
    statuses: list[DeclaredStatus] = Field(
        default_factory=lambda: [DeclaredStatus.HELD, DeclaredStatus.PLANNED]
    )


class Expectation(_Strict):
    """A rule: having met ``peers`` elsewhere, the visitor is expected to meet ``expected``.

    Each expected actor without a meeting of a status in ``satisfied_by`` gets
    a derived edge of status ``missing``, explained by the peer edges.
    """

    id: Slug
    label: LocalizedText
    visitor: Slug = Field(description="The id of the visiting actor.")
    expected: ActorSelector
    peers: PeerSelector
    min_peers: Annotated[WholeNumber, Field(ge=1)] = 1
    date: IsoDate | None = Field(
        default=None,
        description="The day the visitor was in the expected country; the derived edges carry it.",
    )
    satisfied_by: list[DeclaredStatus] = Field(
        default_factory=lambda: [DeclaredStatus.HELD, DeclaredStatus.PLANNED], min_length=1
    )
    evidence: list[Evidence] = Field(default_factory=list)


class DatasetInfo(_Strict):
    """Title and description of a dataset."""

    id: Slug
    title: LocalizedText
    description: LocalizedText | None = None


class Dataset(_Strict):
    """A whole meetgraph file."""

    meetgraph: Annotated[WholeNumber, Field(ge=1, le=1, description="Format version: 1.")]
    dataset: DatasetInfo
    languages: list[LanguageCode] = Field(
        default_factory=lambda: list(DEFAULT_LANGUAGES),
        min_length=1,
        description=(
            "The languages of the labels, the default first; without it, "
            + ", ".join(DEFAULT_LANGUAGES)
            + "."
        ),
    )
    sectors: list[Sector] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    actors: list[Actor] = Field(min_length=1)
    meetings: list[Meeting] = Field(default_factory=list)
    expectations: list[Expectation] = Field(default_factory=list)


#: The fields that hold ids of another section's items, by field name (each name means one
#: thing across the schema): a meeting's ``participants`` are ids of ``actors``.
ID_REFERENCES = {
    "sector": "sectors",
    "sectors": "sectors",
    "affiliation": "actors",
    "participants": "actors",
    "visitor": "actors",
    "source": "sources",
}


def field_annotation(section: tuple[str, ...], path: tuple[str, ...]) -> Any:
    """The type of the field at ``path`` within an item of ``section`` of a dataset.

    >>> field_annotation(("expectations",), ("expected", "types")) == list[ActorType]
    True
    """
    annotation: Any = Dataset
    for name in (*section, *path):
        model = class_in(annotation, BaseModel)
        if model is None or name not in model.model_fields:
            raise KeyError(name)
        annotation = model.model_fields[name].annotation
    return annotation


def class_in(annotation: Any, kind: type[T]) -> type[T] | None:
    """The first subclass of ``kind`` a field's type holds, under lists, ``| None``, ``Annotated``.

    >>> from enum import Enum
    >>> class_in(Meeting.model_fields["kind"].annotation, Enum) is MeetingKind
    True
    """
    if inspect.isclass(annotation) and issubclass(annotation, kind):
        return annotation
    for inner in get_args(annotation):
        found = class_in(inner, kind)
        if found is not None:
            return found
    return None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, as committed in ``data/schema.json``.

    >>> json_schema()["title"]
    'meetgraph dataset'
    """
    schema = Dataset.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "meetgraph dataset"
    return schema


def json_schema_text() -> str:
    """:func:`json_schema` as the exact text of ``data/schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code, from the pycountry package's copy of the standard."""
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries)


def localized_paths() -> list[tuple[str, ...]]:
    """Where a dataset holds text per language: field names, ``*`` for every list item."""
    return list(_localized_in(Dataset, ()))


def _localized_in(annotation: Any, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        if any(isinstance(item, _Localized) for item in metadata):
            yield path
        else:
            yield from _localized_in(base, path)
    elif origin in (Union, types.UnionType):
        for option in get_args(annotation):
            yield from _localized_in(option, path)
    elif origin is list:
        yield from _localized_in(get_args(annotation)[0], (*path, "*"))
    elif inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            if any(isinstance(item, _Localized) for item in info.metadata):
                yield (*path, name)
            else:
                yield from _localized_in(info.annotation, (*path, name))
