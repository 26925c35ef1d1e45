"""Which reader a dataset file goes to: the one place that knows every input format.

A dataset is read from a file's bytes (an upload, or a file the command line
read) by the reader its name calls for: YAML (the default), a workbook
(``.xlsx``), JSON (``.json``). A folder is read as the tables its files hold (Parquet, else
CSV), by :data:`FOLDER_READERS`. Each reader is imported only when a file of
its kind is read, so that a command pays for the libraries of the formats it
meets. To add an input format, add an entry to :data:`READERS` (or
:data:`FOLDER_READERS`).

Examples
--------
>>> from meetgraph.examples import EXAMPLE_YAML
>>> [a.id for a in load_dataset_bytes(EXAMPLE_YAML.encode(), "trip.yaml").actors]
['a', 'b', 'c']
>>> input_format("story.XLSX"), input_format("story.yml"), input_format("notes.txt")
('xlsx', 'yaml', 'yaml')
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from meetgraph.settings import Limits

if TYPE_CHECKING:
    from meetgraph.cache import DatasetCache
    from meetgraph.schema import Dataset

__all__ = [
    "FOLDER_READERS",
    "READERS",
    "Reader",
    "input_format",
    "load_dataset_bytes",
    "read_dataset",
]

_LIMITS = Limits()


@dataclass(frozen=True)
class Reader:
    """An input format: the suffixes it is chosen by, and where its bytes reader lives."""

    name: str
    suffixes: tuple[str, ...]
    #: ``"module:function"``; the function takes ``(data, name, *, limits)``, or for a folder
    #: ``(path, *, limits)``.
    reads: str

    def load(self) -> Callable[..., Dataset]:
        module, function = self.reads.split(":")
        reader: Callable[..., Dataset] = getattr(importlib.import_module(module), function)
        return reader


#: Every input format; the first is the default for a name no other suffix claims.
READERS: tuple[Reader, ...] = (
    Reader("yaml", (".yaml", ".yml"), "meetgraph.loader:load_dataset_text"),
    Reader("xlsx", (".xlsx",), "meetgraph.workbook:read_workbook"),
    Reader("json", (".json",), "meetgraph.jsonload:load_dataset_json"),
)

#: Folders of tables, one file per table: the first whose suffix a folder's files have reads it.
FOLDER_READERS: tuple[Reader, ...] = (
    Reader("parquet", (".parquet",), "meetgraph.parquet:read_parquet_directory"),
    Reader("csv", (".csv",), "meetgraph.workbook:read_csv_directory"),
)


def _reader(name: str) -> Reader:
    lowered = name.lower()
    for reader in READERS:
        if lowered.endswith(reader.suffixes):
            return reader
    return READERS[0]


def input_format(name: str) -> str:
    """The name of the format a file called ``name`` is read as."""
    return _reader(name).name


def load_dataset_bytes(
    data: bytes, name: str, *, limits: Limits = _LIMITS, cache: DatasetCache | None = None
) -> Dataset:
    """A dataset from a file's bytes, read as its name's format.

    With a ``cache``, bytes read before (as the same format, under the same
    limits, by the same code) give back the dataset they loaded to, without
    parsing them again; a dataset newly loaded is stored there.

    Raises
    ------
    DatasetError
        With every problem found, at its line and column (or its cell).
    """
    reader = _reader(name)
    if cache is None:
        return reader.load()(data, name, limits=limits)
    key = cache.key(data, reader.name, limits)
    cached = cache.get(key)
    if cached is not None:
        return cached
    dataset = reader.load()(data, name, limits=limits)
    cache.put(key, dataset)
    return dataset


def read_dataset(
    path: str | os.PathLike[str], *, limits: Limits = _LIMITS, cache: DatasetCache | None = None
) -> Dataset:
    """Read and validate the dataset file at ``path`` (a regular file, up to the size limit).

    A folder holding ``.parquet`` (or ``.csv``) files is read as the tables they hold.

    Raises
    ------
    DatasetError
        With the problems found, including an unreadable file or one that is
        not a regular file.
    """
    from meetgraph.loader import read_dataset_file

    name = os.fspath(path)
    folder = _folder_reader(path)
    if folder is not None:
        return folder.load()(path, limits=limits)
    data = read_dataset_file(path, name, limits.max_bytes)
    return load_dataset_bytes(data, name, limits=limits, cache=cache)


def _folder_reader(path: str | os.PathLike[str]) -> Reader | None:
    """The reader of the folder at ``path`` by its files; None for a file, or no such folder."""
    folder = Path(path)
    if not folder.is_dir():
        return None
    suffixes = {file.suffix.lower() for file in folder.iterdir()}
    return next((r for r in FOLDER_READERS if suffixes & set(r.suffixes)), None)
