"""A dataset as a folder of Parquet files, one per table, read and written through DuckDB.

The folder holds ``<table>.parquet`` for each table of
:data:`meetgraph.sheets.TABLES` (``actors.parquet``, ``meetings.parquet``,
``participants.parquet``, ...), with the columns of :mod:`meetgraph.sheets`:
the same headers (``Id``, ``Name (en)``, ``Date``), the same cells. It is
what a database or a data pipeline can produce for a dataset too large to
curate by hand: any tool that writes Parquet (DuckDB, Polars, Spark, pandas)
can write one, and :func:`read_parquet_directory` checks it exactly as a
YAML file is checked (:func:`meetgraph.sheets.tables_dataset`).

Reading takes a column of text (``VARCHAR``) as its cells, an empty text as
an empty cell, a column of whole numbers as their digits and a ``DATE``
column where a date is meant as its date; a column of another type is
refused, named. Files of other suffixes in the folder are ignored, a
``.parquet`` file that names no table is refused. The files' sizes, on disk
and unpacked, are bounded by the loader's ``max_bytes``. A problem names the
file, the row (the first row is 1) and the column (the first is 1), and the
field: ``story/meetings.parquet:7:4: date: must be a date like 2025-02-04``.

DuckDB is imported only here, only when a Parquet folder is read or written;
it is the optional extra ``parquet`` (``pip install 'meetgraph[parquet]'``).
Its connection reads only the folder's files: it loads no extension and
reaches nothing else.

Examples
--------
>>> import tempfile, pathlib
>>> from meetgraph.examples import EXAMPLE_YAML
>>> from meetgraph.files import write_files
>>> from meetgraph.loader import load_dataset_text
>>> example = load_dataset_text(EXAMPLE_YAML, "example.yaml")
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> files = parquet_directory_files(example)
>>> sorted(files)[:3]
['actors.parquet', 'authors.parquet', 'dataset.parquet']
>>> write_files({folder / name: content for name, content in files.items()})
>>> read_parquet_directory(folder) == example
True
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from meetgraph.bulk import collection_paused
from meetgraph.errors import DatasetError, Problem, shown, words
from meetgraph.settings import Limits
from meetgraph.sheets import Table, column_of, dataset_tables, tables_dataset
from meetgraph.workbook import table_files

if TYPE_CHECKING:
    from meetgraph.schema import Dataset

__all__ = ["PARQUET_EXTRA", "PARQUET_SUFFIX", "parquet_directory_files", "read_parquet_directory"]

#: The ending of each table's file in a Parquet folder.
PARQUET_SUFFIX = ".parquet"
#: The optional dependencies that read and write Parquet: ``pip install 'meetgraph[parquet]'``.
PARQUET_EXTRA = "parquet"

_LIMITS = Limits()
# DuckDB's types of whole numbers, taken as their digits (an order, a format version).
_WHOLE_NUMBERS = frozenset(
    f"{sign}{size}"
    for sign in ("", "U")
    for size in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT")
)
_TEXT = "VARCHAR"
_NULL = '"NULL"'  # a column DuckDB knows nothing of but that it is empty


def parquet_directory_files(dataset: Dataset) -> dict[str, bytes]:
    """The dataset as Parquet files, ``<table>.parquet`` for each table, every column text.

    Raises
    ------
    DatasetError
        If DuckDB is not installed (naming the extra to install).
    """
    import pandas as pd

    duckdb = _duckdb("")
    files = {}
    with tempfile.TemporaryDirectory(prefix="meetgraph-") as scratch, _connection(duckdb) as con:
        for name, table in dataset_tables(dataset).items():
            header = [h for h in table.header if h is not None]
            frame = pd.DataFrame(table.rows, columns=header, dtype=object)
            con.register("cells", frame)
            columns = ", ".join(f"CAST({_name(h)} AS {_TEXT}) AS {_name(h)}" for h in header)
            file = Path(scratch) / f"{name}{PARQUET_SUFFIX}"
            con.execute(f"COPY (SELECT {columns} FROM cells) TO {_literal(file)} (FORMAT parquet)")
            con.unregister("cells")
            files[file.name] = file.read_bytes()
    return files


def read_parquet_directory(path: str | os.PathLike[str], *, limits: Limits = _LIMITS) -> Dataset:
    """The dataset a folder of ``<table>.parquet`` files holds, checked like a YAML file.

    Raises
    ------
    DatasetError
        With every problem found: first those of the files (missing, unknown,
        too large, not Parquet, a column of a type that is not text), else
        those of the dataset, each at its file, row and column.
    """
    folder, name = Path(path), os.fspath(path)
    files = table_files(folder, PARQUET_SUFFIX, "Parquet")
    _check_files(name, files.values(), limits)
    duckdb = _duckdb(name)
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    with _connection(duckdb, readable=files.values()) as con, collection_paused():
        unpacked = sum(_unpacked_size(con, duckdb, file) for file in files.values())
        if unpacked > limits.max_bytes:
            too_large = words("files_too_large", limit=limits.max_bytes)
            raise DatasetError([Problem.of(name, 0, 0, "", too_large)])
        for table, file in files.items():
            tables[table], found = _read_table(con, duckdb, table, file)
            problems += found
    if problems:
        raise DatasetError(problems[: limits.max_problems], len(problems))
    try:
        return tables_dataset(tables, name, limits=limits)
    except DatasetError as error:
        raise DatasetError(_in_files(error.problems, folder), error.total) from None


def _duckdb(name: str) -> ModuleType:
    """DuckDB, or the problem that it is not installed, at ``name``."""
    try:
        import duckdb
    except ImportError:
        needs = words("needs_extra", kind="Parquet", package="DuckDB", extra=PARQUET_EXTRA)
        raise DatasetError([Problem.of(name, 0, 0, "", needs)]) from None
    return duckdb


@contextmanager
def _connection(duckdb: ModuleType, readable: Iterable[Path] = ()) -> Iterator[Any]:
    """An in-memory DuckDB that loads no extension; given ``readable``, it reads only those."""
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    con = duckdb.connect(config=config)
    try:
        paths = [os.fspath(file) for file in readable]
        if paths:
            con.execute(f"SET allowed_paths = [{', '.join(_literal(p) for p in paths)}]")
            con.execute("SET enable_external_access = false")
        yield con
    finally:
        con.close()


def _name(identifier: str) -> str:
    """A column's name quoted for SQL."""
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str | os.PathLike[str]) -> str:
    """A text quoted as an SQL string (for statements that take no parameters)."""
    return "'" + os.fspath(text).replace("'", "''") + "'"


# What a path is when it is not a regular file, in the loader's words.
_NOT_A_FILE = {stat.S_IFDIR: "folder", stat.S_IFIFO: "named_pipe"}


def _check_files(name: str, files: Iterable[Path], limits: Limits) -> None:
    """Every file a regular one, and all of them within ``limits.max_bytes`` on disk."""
    problems, size = [], 0
    for file in files:
        try:
            status = file.stat()
        except OSError as error:
            reason = words("cannot_read", reason=error.strerror)
            problems.append(Problem.of(os.fspath(file), 0, 0, "", reason))
            continue
        if not stat.S_ISREG(status.st_mode):
            kind = _NOT_A_FILE.get(stat.S_IFMT(status.st_mode), "device")
            problems.append(Problem.of(os.fspath(file), 0, 0, "", words(kind)))
        size += status.st_size
    if size > limits.max_bytes:
        too_large = words("files_too_large", limit=limits.max_bytes)
        problems.append(Problem.of(name, 0, 0, "", too_large))
    if problems:
        raise DatasetError(problems)


def _unpacked_size(con: Any, duckdb: ModuleType, file: Path) -> int:
    """The bytes the file's columns take unpacked, from its footer."""
    query = "SELECT coalesce(sum(total_uncompressed_size), 0) FROM parquet_metadata(?)"
    try:
        (size,) = con.execute(query, [os.fspath(file)]).fetchone()
    except duckdb.Error:
        raise DatasetError([Problem.of(os.fspath(file), 0, 0, "", words("not_parquet"))]) from None
    return int(size)


def _read_table(
    con: Any, duckdb: ModuleType, table: str, file: Path
) -> tuple[Table, list[Problem]]:
    """A file's cells as text, or the problems of its columns' types."""
    where = os.fspath(file)
    try:
        described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [where]).fetchall()
    except duckdb.Error:
        raise DatasetError([Problem.of(where, 0, 0, "", words("not_parquet"))]) from None
    header: list[str | None] = []
    cells, problems = [], []
    for column_name, column_type, *_ in described:
        header.append(column_name)
        quoted, column = _name(column_name), column_of(table, column_name)
        if column_type == _TEXT:
            cells.append(f"nullif({quoted}, '')")
        elif column_type == "DATE" and column is not None and column.kind == "date":
            cells.append(f"strftime({quoted}, '%Y-%m-%d')")
        elif column_type in _WHOLE_NUMBERS or column_type == _NULL or column is None:
            # digits; or a column that the tables' check refuses by its name anyway
            cells.append(f"CAST({quoted} AS {_TEXT})")
        else:
            key = "parquet_date_type" if column.kind == "date" else "parquet_type"
            kind = words(key, column=shown(column_name), type=column_type)
            problems.append(Problem.of(where, 0, 0, "", kind))
            cells.append("NULL")
    if problems or not cells:
        return Table(header, []), problems
    query = f"SELECT {', '.join(cells)} FROM read_parquet(?)"
    try:
        rows = con.execute(query, [where]).fetchall()
    except duckdb.Error as error:
        reason = words("cannot_read", reason=shown(str(error).split("\n", 1)[0], 200))
        raise DatasetError([Problem.of(where, 0, 0, "", reason)]) from None
    return Table(header, [list(row) for row in rows]), []


def _in_files(problems: Iterable[Problem], folder: Path) -> list[Problem]:
    """Problems at cells of tables as problems at rows of the tables' files.

    A table's header is its row 1 and its first row of cells row 2; a file's
    first row is row 1, and a problem of the header is one of the whole file.
    """
    located = []
    for problem in problems:
        if problem.sheet is None:
            located.append(problem)
            continue
        row = problem.line - 1 if problem.line > 1 else 0
        file = os.fspath(folder / f"{problem.sheet}{PARQUET_SUFFIX}")
        column = problem.column if row else 0
        located.append(replace(problem, path=file, line=row, column=column, sheet=None))
    return located
