"""A dataset as an Excel workbook or a folder of CSV files, and back, losslessly.

The tables and their columns are those of :mod:`meetgraph.sheets`, one sheet
(or one ``<table>.csv``) each. Writing:

- every cell is a string cell, so a value starting with ``=``, ``+``, ``-``
  or ``@`` is shown as typed and never run as a formula; in CSV files such a
  value (and one starting with ``'``) gets a leading ``'``, which the reader
  takes off again;
- the same dataset gives the same bytes: the workbook's dates and the zip's
  are fixed.

Reading refuses what a spreadsheet can hold but a dataset cannot, each at its
cell: a formula, merged cells, a date or time where text is meant, a number
in a date column, TRUE or FALSE. A date cell in a date column is taken as
its date, and a whole number in a text column as its digits (an id typed
``2025``, an order ``3.0``). Then the tables are checked like a YAML file
(:func:`meetgraph.sheets.tables_dataset`). Every sheet of :data:`TABLES` must
be there, and a sheet (or ``.csv`` file) of another name is refused, so that
nothing typed in a workbook is silently dropped.

The workbook is read by openpyxl in its normal mode, with formulas kept as
formulas (``data_only=False``, so that they are seen and refused): merged
ranges are known only in that mode, and the size is bounded first: the file
and what it unpacks to may not exceed the loader's ``max_bytes``.

openpyxl is imported only here, and only when a workbook is written or read.

Examples
--------
>>> from meetgraph.examples import EXAMPLE_YAML
>>> from meetgraph.loader import load_dataset_text
>>> example = load_dataset_text(EXAMPLE_YAML, "example.yaml")
>>> read_workbook(workbook_bytes(example), "example.xlsx") == example
True
>>> sorted(csv_directory_files(example))[:3]
['actors.csv', 'authors.csv', 'dataset.csv']
>>> read_workbook(b"not a zip", "story.xlsx")
Traceback (most recent call last):
...
meetgraph.errors.DatasetError: story.xlsx: not an Excel workbook (.xlsx)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetgraph.csvtables import CSV_ENCODING
from meetgraph.errors import DatasetError, Problem, shown, words
from meetgraph.loader import decode_text, read_regular_file
from meetgraph.settings import Limits
from meetgraph.sheets import (
    TABLES,
    Column,
    Table,
    cell_field,
    column_of,
    dataset_tables,
    tables_dataset,
)

if TYPE_CHECKING:
    from meetgraph.schema import Dataset

__all__ = [
    "WORKBOOK_SUFFIX",
    "csv_directory_files",
    "read_csv_directory",
    "read_workbook",
    "table_files",
    "workbook_bytes",
]

#: The file name ending of a workbook; every other dataset file is YAML.
WORKBOOK_SUFFIX = ".xlsx"

_LIMITS = Limits()
#: The date a written workbook and its zip entries carry, so that the bytes never change.
_FIXED_TIME = dt.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_WIDTH = (8, 60)  # the narrowest and widest column, in characters


def workbook_bytes(dataset: Dataset) -> bytes:
    """The dataset as an .xlsx workbook: one sheet per table, the header bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for name, table in dataset_tables(dataset).items():
        sheet = book.create_sheet(name)
        for r, row in enumerate([table.header, *table.rows], start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c, value=value)
                cell.data_type = "s"  # text, never a formula, whatever it starts with
                if r == 1:
                    cell.font = bold
        sheet.freeze_panes = "A2"
        for c, width in enumerate(_widths(table), start=1):
            sheet.column_dimensions[get_column_letter(c)].width = width
    book.properties.creator = "meetgraph"
    book.properties.created = book.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the time of saving.
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _with_fixed_dates(buffer.getvalue())


def _widths(table: Table) -> list[float]:
    """Each column wide enough for its longest first line, within :data:`_WIDTH`."""
    widths = []
    for c in range(len(table.header)):
        values = [table.header[c], *(row[c] for row in table.rows)]
        longest = max((_text_width(v.split("\n", 1)[0]) for v in values if v), default=0)
        widths.append(float(min(max(longest + 2, _WIDTH[0]), _WIDTH[1])))
    return widths


def _text_width(text: str) -> int:
    # Hangul and other wide characters take two columns.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _with_fixed_dates(data: bytes) -> bytes:
    """The same zip, every entry dated :data:`_ZIP_TIME` (zipfile stamps the time of writing)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return buffer.getvalue()


def read_workbook(
    source: str | os.PathLike[str] | bytes, name: str | None = None, *, limits: Limits = _LIMITS
) -> Dataset:
    """The dataset an .xlsx workbook holds (a file, or its bytes).

    Parameters
    ----------
    source : path-like or bytes
        The workbook.
    name : str, optional
        The file as messages name it; by default the path given, ``workbook.xlsx`` for bytes.
    limits : Limits
        As for a YAML file; ``max_bytes`` bounds the file and what it unpacks to.

    Raises
    ------
    DatasetError
        With every problem found, each at its cell (``story.xlsx:meetings!D7: date: ...``).
    """
    if isinstance(source, bytes):
        name = name or "workbook.xlsx"
        data = source
        if len(data) > limits.max_bytes:
            raise DatasetError(
                [_whole(name, f"larger than the limit of {limits.max_bytes:,} bytes")]
            )
    else:
        name = name or os.fspath(source)
        try:
            data = read_regular_file(source, name, limits.max_bytes)
        except OSError as error:
            raise DatasetError([_whole(name, f"cannot read: {error.strerror}")]) from None
    book = _open_workbook(data, name, limits)
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    for sheet in book.worksheets:
        table, found = _sheet_table(sheet, name)
        tables[sheet.title] = table
        problems += found
    for title in book.sheetnames:
        if title not in tables:  # a chart sheet: it holds no cells
            tables[title] = Table([], [])
    if problems:
        raise DatasetError(problems[: limits.max_problems], len(problems))
    return tables_dataset(tables, name, limits=limits)


def _whole(name: str, message: str) -> Problem:
    """A problem with the file as a whole."""
    return Problem(name, 0, 0, "", message)


def _open_workbook(data: bytes, name: str, limits: Limits) -> Any:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    not_a_workbook = DatasetError([_whole(name, "not an Excel workbook (.xlsx)")])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError):
        raise not_a_workbook from None
    if unpacked > limits.max_bytes:
        message = f"unpacks to more than the limit of {limits.max_bytes:,} bytes"
        raise DatasetError([_whole(name, message)])
    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it does not read (data validation, extensions...).
            warnings.simplefilter("ignore")
            return load_workbook(
                io.BytesIO(data), read_only=False, data_only=False, keep_links=False
            )
    except (
        zipfile.BadZipFile,
        zlib.error,
        InvalidFileException,
        KeyError,
        ValueError,
        TypeError,
        SyntaxError,  # xml.etree's ParseError
        OSError,
    ):
        raise not_a_workbook from None


def _sheet_table(sheet: Any, name: str) -> tuple[Table, list[Problem]]:
    """A worksheet as a table of text, and the problems of its cells."""
    title = sheet.title
    problems = [
        Problem(name, r.min_row, r.min_col, "", f"cells {r.coord} are merged; unmerge them", title)
        for r in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col))
    ]
    # Only the cells the file holds: iterating rows up to max_row would create every
    # empty cell up to the farthest one (a single cell at XFD1048576 is 17 billion).
    by_row: dict[int, dict[int, Any]] = {}
    for (r, c), cell in sheet._cells.items():
        if cell.value is not None:
            by_row.setdefault(r, {})[c] = cell
    header_cells = by_row.pop(1, {})
    width = max(header_cells, default=0)
    header: list[str | None] = []
    columns: list[Column | None] = []
    for c in range(1, width + 1):
        text = _header_text(header_cells.get(c))
        header.append(text)
        columns.append(column_of(title, text) if text is not None and title in TABLES else None)
    rows, lines = [], []
    for r in sorted(by_row):
        cells = by_row[r]
        row: list[str | None] = []
        for c in range(1, max(max(cells), width) + 1):
            cell = cells.get(c)
            column = columns[c - 1] if c <= width else None
            try:
                row.append(_cell_text(cell, column))
            except _CellError as error:
                field = cell_field(column, header[c - 1] if c <= width else None)
                problems.append(Problem(name, r, c, field, str(error), title))
                row.append(None)
        rows.append(row)
        lines.append(r)
    return Table(header, rows, lines), problems


def _header_text(cell: Any) -> str | None:
    if cell is None:
        return None
    value = cell.value
    return value if isinstance(value, str) and cell.data_type != "f" else str(value)


class _CellError(ValueError):
    """A cell holds what a dataset's text cannot be; the message says what to do."""


_DATE_HINT = "must be a date like 2025-02-04"


def _cell_text(cell: Any, column: Column | None) -> str | None:
    """A cell's value as the text a dataset holds, or None when empty."""
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    if cell is None:
        return None
    value = cell.value
    if cell.data_type == "f" or isinstance(value, ArrayFormula | DataTableFormula):
        raise _CellError("is a formula; type the value itself")
    is_date = column is not None and column.kind == "date"
    if value is None or isinstance(value, str):
        return value or None
    if isinstance(value, bool):
        raise _CellError(f"is {str(value).upper()}, not text: format the cell as text")
    if isinstance(value, int | float):
        if is_date:
            raise _CellError(
                f"{_DATE_HINT}, not {shown(value)} (a number: format the cell as text)"
            )
        if isinstance(value, float) and not (value.is_integer() and abs(value) < 2**53):
            raise _CellError(f"is the number {shown(value)}: format the cell as text and type it")
        return str(int(value))
    if isinstance(value, dt.datetime):
        if is_date and value.time() == dt.time(0):
            return value.date().isoformat()
        shown_time = value.isoformat(sep=" ")
        if is_date:
            raise _CellError(f"{_DATE_HINT}, not a date and time ({shown_time})")
        raise _CellError(f"is a date ({shown_time}): format the cell as text and type it")
    if isinstance(value, dt.date):
        if is_date:
            return value.isoformat()
        raise _CellError(f"is a date ({value.isoformat()}): format the cell as text and type it")
    if isinstance(value, dt.time) and value.second == value.microsecond == 0 and not is_date:
        return f"{value.hour:02d}:{value.minute:02d}"
    raise _CellError(f"is not text ({type(value).__name__}): format the cell as text and type it")


# --- CSV folders -----------------------------------------------------------------------


def csv_directory_files(dataset: Dataset) -> dict[str, bytes]:
    """The dataset as CSV files, ``<table>.csv`` for each table, UTF-8 with a byte order mark."""
    files = {}
    for name, table in dataset_tables(dataset).items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["" if h is None else h for h in table.header])
        writer.writerows([_guarded(value) for value in row] for row in table.rows)
        files[f"{name}.csv"] = buffer.getvalue().encode(CSV_ENCODING)
    return files


def _guarded(value: str | None) -> str:
    """A cell that a spreadsheet shows as text: a leading ``'`` before a formula's first sign.

    A value starting with ``'`` gets one too, so that the reader can take off one ``'`` always.

    >>> _guarded("=1+1"), _guarded("'quoted"), _guarded("plain"), _guarded(None)
    ("'=1+1", "''quoted", 'plain', '')
    """
    if value is None:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def read_csv_directory(path: str | os.PathLike[str], *, limits: Limits = _LIMITS) -> Dataset:
    """The dataset a folder of ``<table>.csv`` files holds (as :func:`csv_directory_files` writes).

    Problems name the file, the line and the column: ``story/meetings.csv:7:4: date: ...``.
    Other files than ``.csv`` ones are ignored.

    Raises
    ------
    DatasetError
        With every problem found.
    """
    folder = Path(path)
    tables, read = {}, 0
    for table, file in table_files(folder, ".csv", "CSV").items():
        try:
            data = read_regular_file(file, os.fspath(file), limits.max_bytes)
        except OSError as error:
            raise DatasetError(
                [_whole(os.fspath(file), f"cannot read: {error.strerror}")]
            ) from None
        read += len(data)
        if read > limits.max_bytes:
            too_large = words("files_too_large", limit=limits.max_bytes)
            raise DatasetError([Problem.of(os.fspath(folder), 0, 0, "", too_large)])
        tables[table] = _csv_table(decode_text(data, os.fspath(file)), os.fspath(file))
    try:
        return tables_dataset(tables, os.fspath(folder), limits=limits)
    except DatasetError as error:
        raise DatasetError(_in_files(error.problems, folder), error.total) from None


def table_files(path: str | os.PathLike[str], suffix: str, kind: str) -> dict[str, Path]:
    """The file of each table in the folder ``path``, ``<table><suffix>``, in :data:`TABLES` order.

    Each must be there; a file of another suffix is ignored, one of ``suffix``
    that names no table is refused (nothing in the folder is silently dropped).
    ``kind`` names the files in messages (``CSV``).

    Raises
    ------
    DatasetError
        If ``path`` is not a folder, or a file is missing or unknown (all of them).
    """
    folder, name = Path(path), os.fspath(path)
    if not folder.is_dir():
        raise DatasetError([Problem.of(name, 0, 0, "", words("not_table_folder", kind=kind))])
    files = {table: folder / f"{table}{suffix}" for table in TABLES}
    problems = [
        Problem.of(name, 0, 0, "", words("missing_file", file=shown(file.name)))
        for file in files.values()
        if not file.exists()
    ]
    listed = ", ".join(file.name for file in files.values())
    problems += [
        Problem.of(name, 0, 0, "", words("unknown_file", file=shown(extra.name), listed=listed))
        for extra in sorted(folder.glob(f"*{suffix}"))
        if extra.stem not in TABLES
    ]
    if problems:
        raise DatasetError(problems)
    return files


def _csv_table(text: str, name: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str | None] = []
    rows: list[list[str | None]] = []
    lines: list[int] = []
    try:
        start = 1
        for index, record in enumerate(reader):
            if index == 0:
                header = [cell or None for cell in record]
            else:
                rows.append([cell.removeprefix("'") or None for cell in record])
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        raise DatasetError(
            [Problem(name, reader.line_num, 1, "", f"invalid CSV: {error}")]
        ) from None
    return Table(header, rows, lines)


def _in_files(problems: Iterable[Problem], folder: Path) -> list[Problem]:
    """Problems at cells of tables as problems in the tables' files."""
    return [
        replace(p, path=os.fspath(folder / f"{p.sheet}.csv"), sheet=None) if p.sheet else p
        for p in problems
    ]
