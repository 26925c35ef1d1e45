"""Editing a dataset as tables, as the app's Edit tab does: computed here, tested here.

The tables are those of :mod:`meetgraph.sheets` (one layout for the workbook,
the CSV folder and the editor). The app shows each in a data editor over the
tables of the dataset the editing started from; the editor reports its
changes as edited, added and deleted rows, which :func:`apply_changes` puts
into the table. :func:`edited_dataset` reads the tables back through the
loader's own checks, so an edit is refused with the same words as a file,
each problem at its table, row and column.

Examples
--------
>>> from meetgraph.examples import example_dataset
>>> tables = dataset_tables(example_dataset())
>>> changes = {"edited_rows": {0: {"Name (en)": "Ay"}},
...            "added_rows": [{"Id": "d", "Name (en)": "D", "Type": "person",
...                            "Sector": "ai", "Country": "KR"}],
...            "deleted_rows": []}
>>> tables["actors"] = apply_changes(tables["actors"], changes)
>>> edit = edited_dataset(tables, "example.yaml")
>>> [actor.name["en"] for actor in edit.dataset.actors]
['Ay', 'B', 'C', 'D']
>>> tables["actors"] = apply_changes(tables["actors"], {"edited_rows": {3: {"Country": "XX"}}})
>>> [str(p) for p in edited_dataset(tables, "example.yaml").problems]  # doctest: +ELLIPSIS
["Actors, row 4, Country: ... 'XX'"]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from meetgraph.datafiles import input_format, load_dataset_bytes
from meetgraph.errors import DatasetError, Problem
from meetgraph.i18n import FALLBACK, translate
from meetgraph.schema import ID_REFERENCES, Dataset, class_in, country_codes, field_annotation
from meetgraph.settings import Limits
from meetgraph.sheets import TABLES, Column, Table, dataset_tables, table_columns, tables_dataset
from meetgraph.yamlout import dataset_yaml

__all__ = [
    "EDITED_TABLES",
    "Edit",
    "EditProblem",
    "EditResult",
    "apply_changes",
    "column_choices",
    "dataset_tables",
    "edit",
    "edited_dataset",
    "edited_name",
    "pick_list_ids",
    "start_tables",
    "table_records",
]

#: The tables the editor shows, the people and meetings first.
EDITED_TABLES = (
    "actors",
    "meetings",
    "participants",
    "evidence",
    "expectations",
    "topics",
    "sectors",
    "sources",
    "authors",
    "languages",
    "dataset",
)
assert sorted(EDITED_TABLES) == sorted(TABLES)  # every table of the layout, once


@dataclass(frozen=True)
class EditProblem:
    """Why an edit is refused, at a table's row (1-based, as the editor counts) and column."""

    table: str
    row: int
    column: str
    problem: Problem

    def __str__(self) -> str:
        return self.text(FALLBACK)

    def text(self, language: str) -> str:
        """The problem in ``language``: its table, row and column, then what is wrong."""
        where = [translate(f"table.{self.table}", language) if self.table else ""]
        if self.row:
            where.append(translate("edit_row", language, row=self.row))
        if self.column:
            where.append(self.column)
        return ", ".join(part for part in where if part) + f": {self.problem.message_in(language)}"


@dataclass(frozen=True)
class EditResult:
    """The edited dataset, or why not: the problems (the first ones) and how many there are."""

    dataset: Dataset | None
    problems: tuple[EditProblem, ...] = ()
    total: int = 0


@dataclass(frozen=True)
class Edit:
    """The tables as edited, what they hold, and that dataset as YAML when it is valid."""

    tables: dict[str, Table]
    result: EditResult
    text: bytes | None


def start_tables(data: bytes, name: str, limits: Limits | None = None) -> dict[str, Table]:
    """The tables of a dataset file's bytes (YAML, or a workbook), where an editor starts from.

    Raises
    ------
    DatasetError
        If the file does not load.
    """
    return dataset_tables(load_dataset_bytes(data, name, limits=limits or Limits()))


def edit(
    start: Mapping[str, Table],
    changes: Mapping[str, Mapping[str, Any] | None],
    original: bytes,
    name: str,
    limits: Limits | None = None,
) -> Edit:
    """The editors' ``changes`` (by table) applied to the ``start`` tables, checked.

    When valid, the dataset is written as YAML by rewriting ``original`` (the
    file the tables came from), so that its comments stay and an unchanged
    dataset gives back the very same bytes.

    >>> from meetgraph.examples import EXAMPLE_YAML
    >>> original = EXAMPLE_YAML.encode()
    >>> tables = start_tables(original, "example.yaml")
    >>> edit(tables, {}, original, "example.yaml").text == original
    True
    >>> renamed = edit(tables, {"actors": {"edited_rows": {1: {"Name (en)": "Bee"}}}},
    ...                original, "example.yaml")
    >>> [line for line in renamed.text.decode().splitlines() if "Bee" in line]
    ['  - {id: b, name: {en: Bee}, type: person, sector: ai, country: KR}']
    """
    tables = {table: apply_changes(start[table], changes.get(table)) for table in start}
    result = edited_dataset(tables, name, limits=limits)
    text = None
    if result.dataset is not None:
        # A workbook has no YAML text to keep: its dataset is written canonically.
        kept = None if input_format(name) != "yaml" else original.decode("utf-8-sig")
        text = dataset_yaml(result.dataset, kept).encode("utf-8")
    return Edit(tables, result, text)


def edited_name(name: str) -> str:
    """The file name of an edited dataset: ``seoul.yaml`` becomes ``seoul-edited.yaml``.

    >>> edited_name("seoul.yaml"), edited_name("story-edited.yaml"), edited_name("book.xlsx")
    ('seoul-edited.yaml', 'story-edited.yaml', 'book-edited.yaml')
    """
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem + ".yaml" if stem.endswith("-edited") else f"{stem}-edited.yaml"


def apply_changes(table: Table, changes: Mapping[str, Any] | None) -> Table:
    """``table`` with a data editor's changes: edited, added and deleted rows.

    Rows are counted in ``table`` as the editor showed it; an empty cell, a
    blank text or a missing number is an empty cell (the field left out).

    >>> t = Table(["Id", "Note"], [["a", None], ["b", "x"]])
    >>> apply_changes(t, {"edited_rows": {"1": {"Note": " "}}, "deleted_rows": [0]}).rows
    [['b', None]]
    """
    changes = changes or {}
    rows = [list(row) for row in table.rows]
    position = {header: index for index, header in enumerate(table.header)}
    for row, edits in (changes.get("edited_rows") or {}).items():
        index = int(row)
        if 0 <= index < len(rows):
            for header, value in edits.items():
                if header in position:
                    rows[index][position[header]] = _cell_text(value)
    deleted = {int(row) for row in changes.get("deleted_rows") or ()}
    kept = [row for index, row in enumerate(rows) if index not in deleted]
    for added in changes.get("added_rows") or ():
        kept.append([_cell_text(added.get(str(header))) for header in table.header])
    return Table(list(table.header), kept)


def _cell_text(value: Any) -> str | None:
    """What the editor gives (text, a number, nothing) as a cell of text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def table_records(table: Table) -> list[dict[str, str | None]]:
    """The rows as records keyed by header, as the editor takes them.

    >>> table_records(Table(["Id", "Note"], [["a", None]]))
    [{'Id': 'a', 'Note': None}]
    """
    return [dict(zip(map(str, table.header), row, strict=True)) for row in table.rows]


def edited_dataset(
    tables: Mapping[str, Table], name: str, *, limits: Limits | None = None
) -> EditResult:
    """The dataset the tables hold, or every problem at its table, row and column."""
    try:
        dataset = tables_dataset(tables, name, limits=limits or Limits())
    except DatasetError as error:
        problems = tuple(
            EditProblem(
                problem.sheet or "",
                max(problem.line - 1, 0),  # the header is the sheet's first row
                _header_at(tables, problem.sheet, problem.column),
                problem,
            )
            for problem in error.problems
        )
        return EditResult(None, problems, error.total)
    return EditResult(dataset)


def _header_at(tables: Mapping[str, Table], sheet: str | None, column: int) -> str:
    table = tables.get(sheet or "")
    if table is None or not 1 <= column <= len(table.header):
        return ""
    return str(table.header[column - 1])


def column_choices(
    tables: Mapping[str, Table], table: str, languages: Sequence[str]
) -> dict[str, list[str]]:
    """The values a single-valued column may take, for a pick-list: ids, types, countries.

    Ids are those the tables hold now (an actor added in the editor can take
    part in a meeting at once). Lists (``Sectors``) and free text get none.

    >>> from meetgraph.examples import example_dataset
    >>> choices = column_choices(dataset_tables(example_dataset()), "participants", ["en"])
    >>> choices["Meeting"], choices["Actor"]
    (['m1'], ['a', 'b', 'c'])
    >>> choices["Type"] if "Type" in choices else column_choices(
    ...     dataset_tables(example_dataset()), "actors", ["en"])["Type"]
    ['person', 'organization', 'group', 'government_body']
    """
    choices = {}
    for column in table_columns(table, languages):
        options = _options(tables, table, column)
        if options is not None:
            choices[column.header] = options
    return choices


def _options(tables: Mapping[str, Table], table: str, column: Column) -> list[str] | None:
    if column.kind == "owner":
        return _ids(tables, column.path[0])
    if column.kind != "text":
        return None
    if table in ("participants",) and column.path == ():
        return _ids(tables, "actors")
    if not column.path or table not in _ITEM_TABLES:
        return None
    field = column.path[-1]
    if field in ID_REFERENCES:
        return _ids(tables, ID_REFERENCES[field])
    try:
        annotation = field_annotation(_ITEM_TABLES[table], column.path)
    except KeyError:  # a language of a text given per language
        return None
    enum = class_in(annotation, Enum)
    if enum is not None:
        return [member.value for member in enum]
    if field in ("country", "countries"):
        return sorted(country_codes())
    return None


#: The section whose items a table's rows are (evidence rows are Evidence items).
_ITEM_TABLES = {
    "sectors": ("sectors",),
    "sources": ("sources",),
    "actors": ("actors",),
    "meetings": ("meetings",),
    "expectations": ("expectations",),
    "evidence": ("meetings", "evidence"),
}


#: The sections whose ids the pick-lists offer.
_PICKED = ("actors", "sectors", "sources", "meetings", "expectations")


def pick_list_ids(tables: Mapping[str, Table]) -> dict[str, list[str]]:
    """The ids the pick-lists offer, by section.

    A browser's data editor drops the edits it holds when its columns change,
    so when these change (an actor added or renamed) the editors must start
    anew from the edited tables, with the new ids in their pick-lists.

    >>> from meetgraph.examples import example_dataset
    >>> pick_list_ids(dataset_tables(example_dataset()))["actors"]
    ['a', 'b', 'c']
    """
    return {section: _ids(tables, section) for section in _PICKED}


def _ids(tables: Mapping[str, Table], section: str) -> list[str]:
    table = tables.get(section)
    if table is None or not table.header:
        return []
    first = table.header.index("Id") if "Id" in table.header else 0
    return list(dict.fromkeys(cell for row in table.rows if (cell := row[first])))
