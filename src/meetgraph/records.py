"""The attributes of a meeting graph, each defined once.

Every node of a graph built by :func:`meetgraph.graph.build_graph` carries
exactly the :data:`NODE_FIELDS`, every edge exactly the :data:`EDGE_FIELDS`
and the graph itself the :data:`GRAPH_FIELDS`. Records are made by
:func:`node_record`, :func:`edge_record` and :func:`graph_record`, which
fill in what is not given and refuse an attribute that is not defined here;
the export columns (:func:`flat_columns`) and the actor columns of the
metrics tables (:data:`ACTOR_COLUMNS`) derive from the same definitions.

A *localized* field holds a mapping of language code to text, over the
languages the dataset declares (``G.graph["languages"]``, the first is the
default). Flat formats (CSV, GraphML, GEXF) write one column per language,
``<field>_<language>``.

Examples
--------
>>> edge = edge_record(status="held", meeting="m1", place={"en": "Seoul", "ko": "서울"})
>>> edge["place"]["ko"], edge["peers"], edge["counterfactual"]
('서울', [], False)
>>> edge_record(colour="red")
Traceback (most recent call last):
...
meetgraph.records.RecordError: unknown edge attribute 'colour'
>>> flat_columns(NODE_FIELDS, ["en", "ja"])[:3]
['name_en', 'name_ja', 'type']
>>> flat_values(edge, EDGE_FIELDS, ["en", "ko"])["place_ko"]
'서울'
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from meetgraph.errors import MeetgraphError

__all__ = [
    "ACTOR_COLUMNS",
    "EDGE_FIELDS",
    "GRAPH_FIELDS",
    "NODE_FIELDS",
    "Field",
    "FlatRecords",
    "Kind",
    "RecordError",
    "edge_record",
    "flat_columns",
    "flat_value",
    "flat_values",
    "graph_record",
    "node_record",
]


class RecordError(MeetgraphError, TypeError):
    """A record was given an attribute its definition does not have."""


class Kind(enum.Enum):
    """What a field holds, and so how a flat format writes it."""

    VALUE = "value"  #: a str or a number, or None
    FLAG = "flag"  #: a bool, False unless set
    DATE = "date"  #: a datetime.date or None
    TEXTS = "texts"  #: a mapping of language to text (a localized label)
    TEXTS_LIST = "texts_list"  #: a list of such mappings (e.g. topics)
    LIST = "list"  #: a list of str
    EVIDENCE = "evidence"  #: a list of {"source", "quote"} mappings
    MAPPING = "mapping"  #: anything else structured (graph-level vocabularies)


_EMPTY: dict[Kind, Callable[[], Any]] = {
    Kind.VALUE: lambda: None,
    Kind.FLAG: lambda: False,
    Kind.DATE: lambda: None,
    Kind.TEXTS: dict,
    Kind.TEXTS_LIST: list,
    Kind.LIST: list,
    Kind.EVIDENCE: list,
    Kind.MAPPING: dict,
}


@dataclass(frozen=True)
class Field:
    """One attribute: its name, what it holds, and what it means."""

    name: str
    kind: Kind
    doc: str

    @property
    def localized(self) -> bool:
        """Whether the field holds text per language."""
        return self.kind in (Kind.TEXTS, Kind.TEXTS_LIST)

    def empty(self) -> Any:
        """The value of the field when nothing is known: None, {} or []."""
        return _EMPTY[self.kind]()


NODE_FIELDS: tuple[Field, ...] = (
    Field("name", Kind.TEXTS, "the actor's name"),
    Field("type", Kind.VALUE, "person, organization, group or government_body"),
    Field("sector", Kind.VALUE, "a sector id of the dataset"),
    Field("country", Kind.VALUE, "ISO 3166-1 alpha-2 code"),
    Field("role", Kind.TEXTS, "the actor's role, e.g. CEO of OpenAI"),
    Field("affiliation", Kind.VALUE, "the id of another actor"),
    Field("note", Kind.VALUE, "the curator's note"),
)

EDGE_FIELDS: tuple[Field, ...] = (
    Field("status", Kind.VALUE, "held, planned, requested or missing"),
    Field("date", Kind.DATE, "the day, when known"),
    Field("kind", Kind.VALUE, "meeting, press_conference, workshop ...; None for missing edges"),
    Field("meeting", Kind.VALUE, "the meeting id; None for missing edges"),
    Field("expectation", Kind.VALUE, "the expectation id of a missing edge, else None"),
    Field("place", Kind.TEXTS, "where it took place"),
    Field("country", Kind.VALUE, "the country it took place (or was expected) in"),
    Field("topics", Kind.TEXTS_LIST, "what was discussed"),
    Field("evidence", Kind.EVIDENCE, "the quotes that state it, with their source ids"),
    Field("explanation", Kind.TEXTS, "why a missing edge was expected"),
    Field("order", Kind.VALUE, "position within the day, 1 for the first"),
    Field("time", Kind.VALUE, "HH:MM or morning, afternoon, evening, night"),
    Field("note", Kind.VALUE, "the curator's note"),
    Field("peers", Kind.LIST, "the meeting ids that justify a missing edge"),
    Field("visitor", Kind.VALUE, "the visitor of a missing edge's expectation"),
    Field("counterfactual", Kind.FLAG, "True for a missing edge drawn as if held (what-if)"),
)

GRAPH_FIELDS: tuple[Field, ...] = (
    Field("dataset", Kind.VALUE, "the dataset id"),
    Field("title", Kind.TEXTS, "the dataset's title"),
    Field("description", Kind.TEXTS, "the dataset's description"),
    Field("languages", Kind.LIST, "the languages of its labels, the default first"),
    Field("sectors", Kind.MAPPING, 'sector id to {"label": texts, "color": str or None}'),
    Field("sources", Kind.MAPPING, "source id to its title, publisher, authors, date, url"),
    Field("expectations", Kind.MAPPING, 'expectation id to {"label": texts}'),
)

_MUTABLE = frozenset({Kind.TEXTS, Kind.TEXTS_LIST, Kind.LIST, Kind.EVIDENCE, Kind.MAPPING})

#: The actor columns that lead the metrics tables (names flattened per language).
ACTOR_COLUMNS: tuple[Field, ...] = tuple(
    f for f in NODE_FIELDS if f.name in ("name", "type", "sector", "country")
)

_FIELDS = {"node": NODE_FIELDS, "edge": EDGE_FIELDS, "graph": GRAPH_FIELDS}
_NAMES = {what: frozenset(f.name for f in fields) for what, fields in _FIELDS.items()}
# Records are made by the ten thousand: start from a copy of the immutable empty values
# (in field order) and make only the empty lists and mappings not given.
_BLANKS = {
    what: {f.name: (None if f.kind in _MUTABLE else f.empty()) for f in fields}
    for what, fields in _FIELDS.items()
}
# Each mutable field's name and the maker of its empty value (an enum's hash, to look the
# maker up per record, would cost more than making the value).
_FRESH = {
    what: [(f.name, _EMPTY[f.kind]) for f in fields if f.kind in _MUTABLE]
    for what, fields in _FIELDS.items()
}


def node_record(**values: Any) -> dict[str, Any]:
    """The attributes of a node: ``values``, and the empty value of every other field."""
    return _record("node", values)


def edge_record(**values: Any) -> dict[str, Any]:
    """The attributes of an edge: ``values``, and the empty value of every other field."""
    return _record("edge", values)


def graph_record(**values: Any) -> dict[str, Any]:
    """The attributes of a graph: ``values``, and the empty value of every other field."""
    return _record("graph", values)


def _record(what: str, values: Mapping[str, Any]) -> dict[str, Any]:
    if not values.keys() <= _NAMES[what]:
        unknown = sorted(values.keys() - _NAMES[what])
        raise RecordError(f"unknown {what} attribute {unknown[0]!r}")
    record = dict(_BLANKS[what])
    for name, empty in _FRESH[what]:
        if name not in values:
            record[name] = empty()
    record.update(values)
    return record


def flat_columns(fields: Iterable[Field], languages: Sequence[str]) -> list[str]:
    """Column names of ``fields`` in a flat table: one per language for localized fields."""
    columns: list[str] = []
    for field in fields:
        if field.localized:
            columns.extend(f"{field.name}_{language}" for language in languages)
        else:
            columns.append(field.name)
    return columns


def flat_values(
    record: Mapping[str, Any], fields: Iterable[Field], languages: Sequence[str]
) -> dict[str, Any]:
    """``record`` as the columns of :func:`flat_columns`: scalars, or None when empty.

    Dates become ISO strings, lists are joined with ``"; "``, evidence becomes
    ``"source: quote"`` items joined with ``" | "``; a localized value holds
    that language's text only (no fallback), so that nothing is invented.
    (:class:`FlatRecords` does the same for many records.)

    >>> flat_values({"topics": [{"en": "AI", "ko": "인공지능"}, {"en": "chips"}]},
    ...             [Field("topics", Kind.TEXTS_LIST, "")], ["en", "ko"])
    {'topics_en': 'AI; chips', 'topics_ko': '인공지능'}
    """
    return FlatRecords(fields, languages).values(record)


class FlatRecords:
    """Records of ``fields`` flattened in ``languages``, as :func:`flat_values` flattens one.

    The columns are worked out once, for the records of a whole graph (an
    export flattens hundreds of thousands). One object serves one pass over
    records that do not change meanwhile: a list met again right after
    itself (the same object: the peers that a rule's missing edges share,
    hundreds of meeting ids each at scale) is joined once.

    >>> flat = FlatRecords([Field("place", Kind.TEXTS, ""), Field("order", Kind.VALUE, "")],
    ...                    ["en", "ko"])
    >>> flat.columns
    ['place_en', 'place_ko', 'order']
    >>> flat.items({"place": {"en": "Seoul", "ko": ""}, "order": 1})
    [('place_en', 'Seoul'), ('order', 1)]
    >>> flat.values({"order": 2})
    {'place_en': None, 'place_ko': None, 'order': 2}
    """

    def __init__(self, fields: Iterable[Field], languages: Sequence[str]) -> None:
        fields = tuple(fields)
        self.columns = flat_columns(fields, languages)
        self.names = frozenset(f.name for f in fields)  #: the fields' own names
        self.column_names = frozenset(self.columns)  #: :attr:`columns`, as a set
        # Each field's name, kind and (for a localized one) its language and column pairs.
        self._steps = [
            (f.name, f.kind, tuple((lang, f"{f.name}_{lang}") for lang in languages))
            for f in fields
        ]
        self._last_joined: dict[str, tuple[list[Any], Any]] = {}  # field -> (list, its text)

    def plain_columns(self, records: Iterable[Mapping[str, Any]]) -> list[str]:
        """The localized fields that some of ``records`` hold as plain text (a graph made by
        hand): each is a column of its own, under the field's name.

        >>> FlatRecords(NODE_FIELDS, ["en"]).plain_columns([{"name": {"en": "A"}}, {"name": "B"}])
        ['name']
        """
        records = list(records)
        return [
            name
            for name, kind, _ in self._steps
            if (kind is _TEXTS or kind is _TEXTS_LIST)
            and any(
                (value := record.get(name)) is not None and not _localized(kind, value)
                for record in records
            )
        ]

    def values(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """Every column of ``record``: a scalar, or None when empty (and a plain column of
        :meth:`plain_columns`, when ``record`` has one)."""
        flat = dict.fromkeys(self.columns)
        flat.update(self.items(record))
        return flat

    def items(self, record: Mapping[str, Any]) -> list[tuple[str, Any]]:
        """The columns of ``record`` that are not empty, in order, with their values."""
        items: list[tuple[str, Any]] = []
        add = items.append
        for name, kind, columns in self._steps:
            value = record.get(name)
            if value is None:
                continue
            # A localized field holding plain text (a graph made by hand) is a plain column.
            localized = (kind is _TEXTS or kind is _TEXTS_LIST) and _localized(kind, value)
            if localized and kind is _TEXTS:
                for language, column in columns if value else ():
                    if text := value.get(language):
                        add((column, text))
            elif localized:
                for language, column in columns if value else ():
                    if text := "; ".join([t[language] for t in value if t.get(language)]):
                        add((column, text))
            elif type(value) in _SCALARS:
                add((name, value))  # most values, as they are
            elif type(value) is list and not value:
                pass  # no peers, no evidence
            elif type(value) is dt.date:
                add((name, value.isoformat()))
            elif kind is _EVIDENCE and type(value) is list:
                add((name, _evidence_text(value)))
            elif type(value) is list:
                last = self._last_joined.get(name)
                if last is None or last[0] is not value:
                    last = self._last_joined[name] = (value, flat_value(value, kind))
                if last[1] is not None:
                    add((name, last[1]))
            elif (flat := flat_value(value, kind)) is not None:
                add((name, flat))
        return items


def _localized(kind: Kind, value: Any) -> bool:
    """Whether ``value`` is text per language (TEXTS), or a list of such (TEXTS_LIST)."""
    if kind is _TEXTS:
        return type(value) is dict or isinstance(value, Mapping)
    return not value or (type(value) is list and all(isinstance(t, Mapping) for t in value))


# Looked up once: an enum member's lookup through its class costs more than the rest of a field.
_TEXTS, _TEXTS_LIST, _EVIDENCE = Kind.TEXTS, Kind.TEXTS_LIST, Kind.EVIDENCE
# Values a flat format writes as they are.
_SCALARS = frozenset({str, int, float, bool})


def flat_value(value: Any, kind: Kind = Kind.VALUE) -> Any:
    """One value as a scalar for a flat format: str, number or bool, or None when empty.

    >>> flat_value(["a", "b"]), flat_value(dt.date(2025, 2, 4)), flat_value([])
    ('a; b', '2025-02-04', None)
    """
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind is _EVIDENCE:
        return _evidence_text(value)
    if isinstance(value, set | frozenset):
        value = sorted(value, key=str)
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value) or None
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return value


def _evidence_text(evidence: Iterable[Mapping[str, Any]]) -> str | None:
    """Evidence as ``"source: quote"`` items joined with ``" | "``, or None when empty."""
    return " | ".join([f"{e.get('source', '')}: {e.get('quote', '')}" for e in evidence]) or None
