"""Parquet folders for the tests: a dataset written as one, and one of its tables rewritten."""

from __future__ import annotations

from pathlib import Path

import duckdb

from meetgraph.parquet import parquet_directory_files
from meetgraph.schema import Dataset


def write_parquet_folder(folder: Path, dataset: Dataset) -> Path:
    """``folder`` (made if needed) holding ``dataset`` as Parquet files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in parquet_directory_files(dataset).items():
        (folder / name).write_bytes(content)
    return folder


def rewrite(folder: Path, table: str, select: str) -> None:
    """Replace ``<table>.parquet`` by ``SELECT <select> FROM`` itself (SQL by DuckDB)."""
    file = folder / f"{table}.parquet"
    before = folder / f"{table}.before"
    file.rename(before)
    with duckdb.connect() as con:
        source = f"read_parquet('{before}')"
        con.execute(f"COPY (SELECT {select} FROM {source}) TO '{file}' (FORMAT parquet)")
    before.unlink()
