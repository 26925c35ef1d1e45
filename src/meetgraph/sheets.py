"""A dataset as tables of text: the one layout of the workbook, the CSV folder and the editor.

One table per part of a dataset, in :data:`TABLES` order: ``dataset`` (one
row: the format version, the id, the title and description), ``languages``,
``sectors``, ``sources``, ``authors`` (source, author: one row each),
``actors``, ``meetings``, ``participants`` (meeting, actor: one row each),
``topics`` (meeting, one column per language), ``evidence`` (meeting or
expectation, source, quote) and ``expectations`` (the selectors flattened
into plain columns).

The columns derive from the models of :mod:`meetgraph.schema`: a field's
header is its name in plain words (``satisfied_by`` is ``Satisfied by``),
with one column per language for text given per language
(:func:`~meetgraph.schema.localized_paths`), e.g. ``Name (en)``, ``Name (ko)``.
A list of ids or codes is one cell, its items separated by commas (none of
them can hold a comma, so nothing is lost); ``[]`` is an empty list where
the field's default is not. Every cell is text or empty, and an empty cell
is a field left out.

:func:`tables_dataset` reads tables back: it builds the same located tree as
the YAML loader, whose marks are cells, and runs the loader's own schema and
integrity passes (:func:`meetgraph.loader.validate_tree`), so that a problem
names its cell: ``story.xlsx:meetings!D7: date: must be a date like 2025-02-04``.

Examples
--------
>>> from meetgraph.examples import EXAMPLE_YAML
>>> from meetgraph.loader import load_dataset_text
>>> example = load_dataset_text(EXAMPLE_YAML, "example.yaml")
>>> tables = dataset_tables(example)
>>> tables["actors"].header
['Id', 'Name (en)', 'Name (ko)', 'Type', 'Sector', 'Country', 'Role (en)', 'Role (ko)', 'Affiliation', 'Note']
>>> tables["participants"].rows[:2]
[['m1', 'a'], ['m1', 'b']]
>>> tables_dataset(tables, "example.xlsx") == example
True
>>> tables["participants"].rows[1][1] = "z"
>>> tables_dataset(tables, "example.xlsx")
Traceback (most recent call last):
...
meetgraph.errors.DatasetError: example.xlsx:participants!B3: participants[1]: unknown actor 'z': check the spelling, or add that actor
"""  # noqa: E501

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from meetgraph.errors import TEXT_CONTROL, DatasetError, Problem, shown
from meetgraph.located import Cell, LocatedList, LocatedMap
from meetgraph.schema import Dataset, DatasetInfo, Evidence, localized_paths
from meetgraph.settings import Limits

__all__ = [
    "EMPTY_LIST",
    "TABLES",
    "Column",
    "Table",
    "cell_field",
    "column_of",
    "dataset_tables",
    "table_columns",
    "tables_dataset",
]

#: The tables of a dataset, in the order a workbook shows them.
TABLES = (
    "dataset",
    "languages",
    "sectors",
    "sources",
    "authors",
    "actors",
    "meetings",
    "participants",
    "topics",
    "evidence",
    "expectations",
)
#: A list cell holding no item, where an empty cell would mean the field's default.
EMPTY_LIST = "[]"

_LIMITS = Limits()

#: What a column holds: text, a comma-separated list, a date (YYYY-MM-DD), or the id of
#: the item a row belongs to (the meeting of a participant).
ColumnKind = Literal["text", "list", "date", "owner"]


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, where its value goes in a row's item, what it holds.

    ``path`` is relative to the row's item: ``("name", "en")``, or ``()`` for a
    table whose rows are single values (a participant's actor id); an ``owner``
    column's path is the section of the owner, ``("meetings",)``. A ``list``
    column with ``keeps_empty`` writes an empty list as :data:`EMPTY_LIST`.
    """

    header: str
    path: tuple[str, ...]
    kind: ColumnKind = "text"
    keeps_empty: bool = False


@dataclass
class Table:
    """A header and rows of cells (text or None for empty).

    ``lines`` gives the row (or line) of each row in its file, for error
    messages; by default the header is row 1 and the rows follow it.
    """

    header: list[str | None]
    rows: list[list[str | None]]
    lines: list[int] | None = field(default=None, compare=False)

    def line_of(self, index: int) -> int:
        """The row in the file of ``rows[index]``."""
        return self.lines[index] if self.lines is not None else index + 2


@dataclass(frozen=True)
class _Owned:
    """A table of list items that belong to items of other sections (participants of meetings)."""

    owners: tuple[str, ...]  #: the sections whose items hold the list
    field: str  #: the list field of those items
    item_words: str  #: the header of a single-value item


_SECTIONS = ("sectors", "sources", "actors", "meetings", "expectations")
_OWNED = {
    "authors": _Owned(("sources",), "authors", "Author"),
    "participants": _Owned(("meetings",), "participants", "Actor"),
    "topics": _Owned(("meetings",), "topics", "Topic"),
    "evidence": _Owned(("meetings", "expectations"), "evidence", ""),
}
# Header words that the field's name does not give plainly.
_WORDS = {"meetgraph": "Format version", "url": "Web address"}
_OWNER_WORDS = {"sources": "Source", "meetings": "Meeting", "expectations": "Expectation"}
_ANY_LANGUAGE = "*"


def _words(name: str) -> str:
    """A field's name as a header: ``satisfied_by`` is ``Satisfied by``."""
    return _WORDS.get(name, name.replace("_", " ").capitalize())


def table_columns(table: str, languages: Sequence[str]) -> list[Column]:
    """The columns of ``table`` for a dataset in ``languages``, in order.

    >>> [c.header for c in table_columns("expectations", ["en"])]  # doctest: +NORMALIZE_WHITESPACE
    ['Id', 'Label (en)', 'Visitor', 'Expected country', 'Expected sectors', 'Expected types',
     'Peers countries', 'Peers sectors', 'Peers statuses', 'Min peers', 'Date', 'Satisfied by']
    >>> [c.header for c in table_columns("evidence", ["en"])]
    ['Meeting', 'Expectation', 'Source', 'Quote']
    """
    if table == "dataset":
        version = Column(_words("meetgraph"), ("meetgraph",))
        info = _model_columns(DatasetInfo, ("dataset",), "", ("dataset",), languages)
        return [version, *info]
    if table == "languages":
        return [Column("Language", ())]
    if table in _SECTIONS:
        model = _item_model(table)
        skip = {o.field for o in _OWNED.values() if table in o.owners}
        return _model_columns(model, (table, "*"), "", (), languages, skip)
    owned = _OWNED[table]
    owners = [Column(_OWNER_WORDS[section], (section,), "owner") for section in owned.owners]
    pattern = (owned.owners[0], "*", owned.field, "*")
    if pattern in _localized():
        items = [Column(f"{owned.item_words} ({lang})", (lang,)) for lang in languages]
    elif owned.field == "evidence":
        items = _model_columns(Evidence, pattern, "", (), languages)
    else:
        items = [Column(owned.item_words, ())]
    return [*owners, *items]


@cache
def _localized() -> frozenset[tuple[str, ...]]:
    return frozenset(localized_paths())


def _item_model(section: str) -> type[BaseModel]:
    model: type[BaseModel] = get_args(Dataset.model_fields[section].annotation)[0]
    return model


def _model_columns(
    model: type[BaseModel],
    pattern: tuple[str, ...],
    words: str,
    path: tuple[str, ...],
    languages: Sequence[str],
    skip: frozenset[str] | set[str] = frozenset(),
) -> list[Column]:
    """The columns of ``model``'s fields; ``pattern`` is where it stands in a dataset."""
    columns = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        header = f"{words} {name.replace('_', ' ')}" if words else _words(name)
        here = (*path, name)
        base = _base(info.annotation)
        if (*pattern, name) in _localized():
            columns += [Column(f"{header} ({lang})", (*here, lang)) for lang in languages]
        elif isinstance(base, type) and issubclass(base, BaseModel):
            columns += _model_columns(base, (*pattern, name), header, here, languages)
        elif get_origin(base) is list:
            default = info.get_default(call_default_factory=True)
            columns.append(Column(header, here, "list", keeps_empty=bool(default)))
        else:
            kind: ColumnKind = "date" if base is dt.date else "text"
            columns.append(Column(header, here, kind))
    return columns


def _base(annotation: Any) -> Any:
    """The type under ``Annotated`` and ``| None``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


def column_of(table: str, header: str) -> Column | None:
    """The column ``header`` names in ``table``, any language; None if it names none.

    >>> column_of("meetings", "Date").kind, column_of("actors", "Name (ja)").path
    ('date', ('name', 'ja'))
    >>> column_of("actors", "Colour") is None
    True
    """
    try:
        (column,) = _header_columns(table, [header])
    except KeyError:
        return None
    return column


def cell_field(column: Column | None, header: str | None) -> str:
    """The field a problem with one cell names: its path in the item, else its header.

    >>> cell_field(column_of("actors", "Name (en)"), "Name (en)"), cell_field(None, "Colour")
    ('name.en', 'colour')
    """
    if column is not None and column.path and column.kind != "owner":
        return ".".join(column.path)
    return (header or "").lower()


# --- writing ---------------------------------------------------------------------------


def dataset_tables(dataset: Dataset) -> dict[str, Table]:
    """The tables of ``dataset``, in :data:`TABLES` order, every value as text.

    Every field is written, defaults too (a meeting's kind, a rule's statuses),
    so that a reader sees them.
    """
    data = dataset.model_dump(mode="json")
    languages = dataset.languages
    tables = {}
    for table in TABLES:
        columns = table_columns(table, languages)
        header: list[str | None] = [c.header for c in columns]
        tables[table] = Table(header, list(_rows(table, columns, data)))
    return tables


def _rows(table: str, columns: list[Column], data: dict[str, Any]) -> Iterator[list[str | None]]:
    if table == "dataset":
        yield [_cell(c, _value_at(data, c.path)) for c in columns]
    elif table == "languages":
        yield from ([language] for language in data["languages"])
    elif table in _SECTIONS:
        for item in data[table]:
            yield [_cell(c, _value_at(item, c.path)) for c in columns]
    else:
        owned = _OWNED[table]
        items = columns[len(owned.owners) :]
        for section in owned.owners:
            owners = [section == other for other in owned.owners]
            for item in data[section]:
                for value in item[owned.field]:
                    ids = [item["id"] if mine else None for mine in owners]
                    yield [*ids, *(_cell(c, _value_at(value, c.path)) for c in items)]


def _value_at(item: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(item, dict):
            return None
        item = item.get(key)
    return item


def _cell(column: Column, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        if not value:
            return EMPTY_LIST if column.keeps_empty else None
        return ", ".join(str(item) for item in value)
    return str(value)


# --- reading ---------------------------------------------------------------------------


def tables_dataset(tables: Mapping[str, Table], name: str, *, limits: Limits = _LIMITS) -> Dataset:
    """The dataset ``tables`` hold, checked like a YAML file (``name`` is the file for messages).

    Every table of :data:`TABLES` must be there; its columns may come in any
    order and optional ones may be left out. Rows whose cells are all empty
    are skipped.

    Raises
    ------
    DatasetError
        With every problem found, each at its cell: first those of the tables
        themselves (a missing table, an unknown column, a control character),
        else those of the dataset.
    """
    problems = list(_table_problems(tables, name))
    if problems:
        raise DatasetError(problems[: limits.max_problems], len(problems))
    from meetgraph.bulk import collection_paused
    from meetgraph.loader import validate_tree

    try:
        with collection_paused():  # a tree of millions of objects and no cycles, as for YAML
            builder = _TreeBuilder(tables, name)
            tree = builder.build()
            return validate_tree(tree, name, limits=limits, problems=builder.problems)
    except DatasetError as error:
        within = [replace(p, field=_within_row(p.field)) for p in error.problems]
        raise DatasetError(within, error.total) from None


def _within_row(field: str) -> str:
    """A field path without the item a row stands for: its sheet and row say which.

    >>> _within_row("meetings[4].date"), _within_row("dataset.title.en"), _within_row("actors")
    ('date', 'title.en', 'actors')
    """
    return _ITEM_PREFIX.sub("", field, count=1)


_ITEM_PREFIX = re.compile(r"^(?:[a-z_]+\[\d+\]|dataset)\.")
_LOCALIZED_HEADER = re.compile(r"^(.+) \(([^()]+)\)$")


def _header_columns(table: str, header: Sequence[str | None]) -> list[Column | None]:
    """The column each header names (None for an empty header); KeyError for an unknown one."""
    templates = {c.header: c for c in table_columns(table, [_ANY_LANGUAGE])}
    columns: list[Column | None] = []
    for text in header:
        if text is None:
            columns.append(None)
            continue
        column = templates.get(text)
        if column is None or _ANY_LANGUAGE in column.path:
            match = _LOCALIZED_HEADER.fullmatch(text)
            template = templates.get(f"{match.group(1)} ({_ANY_LANGUAGE})") if match else None
            if match is None or template is None:
                raise KeyError(text)
            language = match.group(2)
            path = tuple(language if part == _ANY_LANGUAGE else part for part in template.path)
            column = replace(template, header=text, path=path)
        columns.append(column)
    return columns


def _table_problems(tables: Mapping[str, Table], name: str) -> Iterator[Problem]:
    for table in TABLES:
        if table not in tables:
            yield Problem(name, 0, 0, "", f"missing sheet {shown(table)}")
    for table, content in tables.items():
        if table not in TABLES:
            listed = ", ".join(TABLES)
            yield Problem(name, 0, 0, "", f"unknown sheet {shown(table)} (the sheets are {listed})")
            continue
        yield from _header_problems(table, content, name)
        yield from _control_problems(table, content, name)


def _header_problems(table: str, content: Table, name: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, text in enumerate(content.header):
        cell = (name, 1, index + 1, "")
        if text is None:
            if any(index < len(row) and row[index] is not None for row in content.rows):
                yield Problem(*cell, "this column has no header", sheet=table)
            continue
        try:
            _header_columns(table, [text])
        except KeyError:
            yield Problem(*cell, f"unknown column {shown(text)}", sheet=table)
        if text in seen:
            yield Problem(*cell, f"column {shown(text)} appears twice", sheet=table)
        seen.add(text)
    for index, row in enumerate(content.rows):
        beyond = [j for j in range(len(content.header), len(row)) if row[j] is not None]
        if beyond:
            line = content.line_of(index)
            message = "this cell is beyond the last column with a header"
            yield Problem(name, line, beyond[0] + 1, "", message, sheet=table)


def _control_problems(table: str, content: Table, name: str) -> Iterator[Problem]:
    for index, row in enumerate(content.rows):
        for j, value in enumerate(row):
            match = TEXT_CONTROL.search(value) if value is not None else None
            if match is not None:
                header = content.header[j] if j < len(content.header) else None
                column = column_of(table, header) if header is not None else None
                message = (
                    f"holds the control character {shown(match.group())}; only text is allowed"
                )
                where = (name, content.line_of(index), j + 1, cell_field(column, header))
                yield Problem(*where, message, sheet=table)


class _TreeBuilder:
    """Builds the located tree of valid-looking tables; problems of ownership are collected."""

    def __init__(self, tables: Mapping[str, Table], name: str) -> None:
        self.tables = tables
        self.name = name
        self.problems: list[Problem] = []

    def build(self) -> LocatedMap:
        tree = self._document()
        tree["languages"] = self._languages()
        tree.marks["languages"] = tree.key_marks["languages"] = Cell("languages", 1, 1)
        for section in _SECTIONS:
            tree[section] = self._section(section)
            tree.marks[section] = tree.key_marks[section] = Cell(section, 1, 1)
        for table in _OWNED:
            self._owned(table, tree)
        return tree

    def _rows(self, table: str) -> Iterator[tuple[list[Column | None], list[str | None], int]]:
        """Each row with a value, with the columns of its cells and its row number."""
        content = self.tables[table]
        columns = _header_columns(table, content.header)
        for index, row in enumerate(content.rows):
            if row.count(None) < len(row):  # a value somewhere (count runs in C)
                yield columns, row, content.line_of(index)

    def _document(self) -> LocatedMap:
        tree = LocatedMap()
        tree.start = Cell("dataset", 1, 1)
        rows = list(self._rows("dataset"))
        if rows:
            columns, row, line = rows[0]
            tree = _item(_plan(columns, "dataset"), row, line)
        else:  # every field missing: point at the first row's cells
            columns = _header_columns("dataset", self.tables["dataset"].header)
            tree = _item(_plan(columns, "dataset"), [None] * len(columns), 2)
        for _, _, line in rows[1:]:
            message = "the dataset sheet holds one row; this is another"
            self.problems.append(Problem(self.name, line, 1, "", message, sheet="dataset"))
        return tree

    def _languages(self) -> LocatedList:
        languages = LocatedList()
        languages.start = Cell("languages", 1, 1)
        for columns, row, line in self._rows("languages"):
            for j, column in enumerate(columns):
                if column is not None and row[j] is not None:
                    languages.append(row[j])
                    languages.marks.append(Cell("languages", line, j + 1))
        return languages

    def _section(self, section: str) -> LocatedList:
        items = LocatedList()
        items.start = Cell(section, 1, 1)
        plan = _plan(_header_columns(section, self.tables[section].header), section)
        for _, row, line in self._rows(section):
            items.append(_item(plan, row, line))
            items.marks.append(Cell(section, line, 1))
        return items

    def _owned(self, table: str, tree: LocatedMap) -> None:
        owned = _OWNED[table]
        by_id: dict[str, dict[str, LocatedMap]] = {}
        for section in owned.owners:
            found = by_id.setdefault(section, {})
            for item in tree[section]:
                if isinstance(item.get("id"), str):
                    found.setdefault(item["id"], item)
        columns = _header_columns(table, self.tables[table].header)
        owners = [
            (j, c.path[0]) for j, c in enumerate(columns) if c is not None and c.kind == "owner"
        ]
        item_columns = [c if c is not None and c.kind != "owner" else None for c in columns]
        single = [j for j, c in enumerate(item_columns) if c is not None and c.path == ()]
        plan = _plan(item_columns, table)
        first = next((j for j, c in enumerate(item_columns) if c is not None), 0)
        for _, row, line in self._rows(table):
            owner = self._owner(table, owners, row, line, by_id)
            if owner is None:
                continue
            if single:  # the item is one value: a participant's actor id
                j = single[0]
                value: Any = row[j]
                cell = Cell(table, line, j + 1)
                if value is None:
                    field = f"{owned.field}[{len(owner.get(owned.field) or [])}]"
                    self._problem(cell, field, "required field is missing")
                    continue
            else:
                value = _item(plan, row, line)
                cell = Cell(table, line, first + 1)
            items = owner.get(owned.field)
            if not isinstance(items, LocatedList):
                items = owner[owned.field] = LocatedList()
                items.start = cell
                owner.marks[owned.field] = cell
                owner.key_marks[owned.field] = Cell(table, 1, cell.column)
            items.append(value)
            items.marks.append(cell)

    def _owner(
        self,
        table: str,
        owners: list[tuple[int, str]],
        row: list[str | None],
        line: int,
        by_id: dict[str, dict[str, LocatedMap]],
    ) -> LocatedMap | None:
        """The item a row of an owned table belongs to, or None with the problem noted.

        ``owners`` are the table's owner columns: their index and the section they name.
        """
        given = [(j, section) for j, section in owners if j < len(row) and row[j] is not None]
        if len(given) != 1:
            nouns = " or ".join(_OWNER_WORDS[s].lower() for s in _OWNED[table].owners)
            if given:
                where, field, message = given[1][0], "", f"name one {nouns}, not both"
            else:
                where, field, message = (
                    owners[0][0] if owners else 0,
                    nouns,
                    f"name the {nouns} this row belongs to",
                )
            self._problem(Cell(table, line, where + 1), field, message)
            return None
        j, section = given[0]
        owner_id = row[j]
        assert owner_id is not None  # given
        owner = by_id[section].get(owner_id)
        if owner is None:
            noun = _OWNER_WORDS[section].lower()
            self._problem(Cell(table, line, j + 1), noun, f"unknown {noun} {shown(owner_id)}")
        return owner

    def _problem(self, cell: Cell, field: str, message: str) -> None:
        problem = Problem(self.name, cell.row, cell.column, field, message, sheet=cell.sheet)
        self.problems.append(problem)


@dataclass(frozen=True)
class _Plan:
    """What a table's rows are read by: the columns that hold a field, with their header cells."""

    table: str
    #: (index in the row, the column, its header's cell), for every column with a path
    fields: tuple[tuple[int, Column, Cell], ...]


def _plan(columns: Sequence[Column | None], table: str) -> _Plan:
    fields = tuple(
        (j, column, Cell(table, 1, j + 1))
        for j, column in enumerate(columns)
        if column is not None and column.path
    )
    return _Plan(table, fields)


def _item(plan: _Plan, row: Sequence[str | None], line: int) -> LocatedMap:
    """One row as a located mapping; the first column of a group marks the group.

    Empty cells get a mark without a value, so that a missing field is shown
    at its own cell.
    """
    table = plan.table
    item = LocatedMap()
    item.start = Cell(table, line, 1)
    width = len(row)
    nested = []
    for j, column, header in plan.fields:
        value = row[j] if j < width else None
        cell = Cell(table, line, j + 1)
        path = column.path
        if len(path) == 1:  # most columns: the field is a key of the row's item
            key = path[0]
            if value is not None:
                item[key] = _value(column, value, cell)
            if key not in item.marks:
                item.marks[key], item.key_marks[key] = cell, header
            continue
        nested.append((column, cell, header))
        if value is None:
            continue
        node = item
        for key in path[:-1]:
            child = node.get(key)
            if not isinstance(child, LocatedMap):
                child = node[key] = LocatedMap()
            node = child
        node[path[-1]] = _value(column, value, cell)
    for column, cell, header in nested:
        node = item
        for key in column.path:
            if key not in node.marks:
                node.marks[key], node.key_marks[key] = cell, header
                child = node.get(key)
                if isinstance(child, LocatedMap):
                    child.start = cell
            child = node.get(key)
            if not isinstance(child, LocatedMap):
                break
            node = child
    return item


def _value(column: Column, text: str, cell: Cell) -> Any:
    if column.kind != "list":
        return text
    items = LocatedList()
    items.start = cell
    if text.strip() != EMPTY_LIST:
        for part in text.split(","):
            items.append(part.strip())
            items.marks.append(cell)
    return items
