"""The export formats' table, and writing a graph to files: all or nothing."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest
from trip import snapshot, trip_graph

import meetgraph.jsonio as jsonio
from meetgraph.errors import MeetgraphError
from meetgraph.export import (
    FORMATS,
    ExportFormat,
    ExportOptions,
    UnsupportedFormatError,
    download_bytes,
    download_mime,
    download_name,
    export_files,
    export_format,
    export_graph,
    format_of,
)
from meetgraph.jsonio import from_json_text
from meetgraph.render import embedded_data


@pytest.fixture
def G() -> nx.MultiGraph:
    return trip_graph()


#: The extensions as error messages list them.
EXTENSIONS = ", ".join(f.extension for f in FORMATS[:-1]) + f" or {FORMATS[-1].extension}"


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def graph_bytes(G: nx.MultiGraph, name: str) -> bytes:
    (content,) = export_files(G, export_format(name), "x").values()
    return content


def _counts_of_page(files: dict[Path, bytes]) -> tuple[int, int]:
    (page,) = files.values()
    data = embedded_data(page.decode("utf-8"))
    return len(data["nodes"]), len(data["edges"])


def _counts_of_graph(read: Callable[[io.BytesIO], nx.Graph]) -> Callable[..., tuple[int, int]]:
    def counts(files: dict[Path, bytes]) -> tuple[int, int]:
        (content,) = files.values()
        graph = read(io.BytesIO(content))
        return graph.number_of_nodes(), graph.number_of_edges()

    return counts


def _counts_of_tables(files: dict[Path, bytes]) -> tuple[int, int]:
    by_table = {p.name.split(".")[-2]: rows(c.decode("utf-8-sig")) for p, c in files.items()}
    assert len(by_table["metrics"]) == len(by_table["nodes"])
    return len(by_table["nodes"]), len(by_table["edges"])


def _counts_of_picture(files: dict[Path, bytes]) -> tuple[int, int]:
    (svg,) = files.values()
    root = ElementTree.fromstring(svg)
    namespace = "{http://www.w3.org/2000/svg}"
    edges = [p for p in root.iter(f"{namespace}path") if p.get("data-status") is not None]
    (nodes,) = [g for g in root.iter(f"{namespace}g") if g.get("class") == "nodes"]
    shapes = [e for e in nodes if e.tag != f"{namespace}text"]
    return len(shapes), len(edges)


def _counts_of_png(files: dict[Path, bytes]) -> tuple[int, int]:
    (png,) = files.values()
    assert png_size(png) == (1200, 675)
    return -1, -1  # a raster holds no count: its size and its decoding are what is checked


#: How each registered format is read back, to the counts of nodes and edges it holds.
READERS: dict[str, Callable[[dict[Path, bytes]], tuple[int, int]]] = {
    "html": _counts_of_page,
    "graphml": _counts_of_graph(lambda f: nx.read_graphml(f, force_multigraph=True)),
    "gexf": _counts_of_graph(lambda f: nx.read_gexf(f, version="1.3")),
    "json": _counts_of_graph(lambda f: from_json_text(f.read())),
    "csv": _counts_of_tables,
    "svg": _counts_of_picture,
    "png": _counts_of_png,
}


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, read from its header after checking its signature and CRC."""
    import struct
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    header = data[16:29]
    assert struct.unpack(">I", data[29:33])[0] == zlib.crc32(b"IHDR" + header)
    zlib.decompress(b"".join(_chunks(data, b"IDAT")))  # the pixels decompress
    width, height = struct.unpack(">II", header[:8])
    return width, height


def _chunks(data: bytes, kind: bytes) -> list[bytes]:
    import struct

    found, at = [], 8
    while at < len(data):
        length, name = struct.unpack(">I4s", data[at : at + 8])
        if name == kind:
            found.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    return found


def test_every_registered_format_has_a_reader_here() -> None:
    assert [f.name for f in FORMATS] == list(READERS)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_every_format_exports_and_reads_back(
    G: nx.MultiGraph, tmp_path: Path, fmt: ExportFormat
) -> None:
    written = export_graph(G, tmp_path / f"trip{fmt.extension}")
    assert sorted(tmp_path.iterdir()) == sorted(written)
    assert len(written) > 1 if fmt.several else written == [tmp_path / f"trip{fmt.extension}"]
    files = {path: path.read_bytes() for path in written}
    counts = READERS[fmt.name](files)
    assert counts in {(G.number_of_nodes(), G.number_of_edges()), (-1, -1) if fmt.binary else ()}
    if not fmt.binary:
        for content in files.values():
            content.decode("utf-8")


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_the_same_graph_gives_the_same_bytes(G: nx.MultiGraph, fmt: ExportFormat) -> None:
    assert download_bytes(G, fmt, "trip") == download_bytes(trip_graph(), fmt, "trip")


def test_formats_are_found_by_name_and_by_extension() -> None:
    assert export_format(".JSON") is export_format("json") is format_of("a/b/trip.Json")
    with pytest.raises(UnsupportedFormatError) as info:
        export_format("pdf")
    names = [f.name for f in FORMATS]
    listed = ", ".join(names[:-1]) + " or " + names[-1]
    assert str(info.value) == f"unsupported format 'pdf' (use {listed})"


def test_a_download_of_several_files_is_one_zip(G: nx.MultiGraph) -> None:
    fmt = export_format("csv")
    assert (download_name(fmt, "trip"), download_mime(fmt)) == ("trip-csv.zip", "application/zip")
    archive = zipfile.ZipFile(io.BytesIO(download_bytes(G, fmt, "trip")))
    assert archive.namelist() == ["trip.nodes.csv", "trip.edges.csv", "trip.metrics.csv"]
    assert len(rows(archive.read("trip.edges.csv").decode("utf-8-sig"))) == G.number_of_edges()
    single = export_format("gexf")
    assert (download_name(single, "trip"), download_mime(single)) == (
        "trip.gexf",
        "application/xml",
    )
    assert download_bytes(G, single, "trip") == graph_bytes(G, "gexf")


def test_the_html_page_takes_the_options(G: nx.MultiGraph) -> None:
    positions = {node: (float(i), 2.0) for i, node in enumerate(G)}
    options = ExportOptions(language="ko", positions=positions, sizes={"v": 3.0, "pm": 1.0})
    page = graph_bytes_with(G, "html", options).decode("utf-8")
    nodes = {n["id"]: n for n in embedded_data(page)["nodes"]}
    assert nodes["pm"]["label"] == "총리"
    assert (nodes["v"]["x"], nodes["v"]["y"]) == positions["v"]
    assert nodes["v"]["size"] > nodes["pm"]["size"]


def graph_bytes_with(G: nx.MultiGraph, name: str, options: ExportOptions) -> bytes:
    (content,) = export_files(G, export_format(name), "x", options).values()
    return content


def test_a_failing_file_of_a_set_changes_none_of_them(
    G: nx.MultiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("nodes", "edges", "metrics"):
        (tmp_path / f"trip.{name}.csv").write_text("old", encoding="utf-8")
    opened: list[int] = []
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any) -> Any:
        opened.append(fd)
        if len(opened) == 2:  # the disk is full when the second file is written
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, *args)

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(OSError, match="No space left"):
        export_graph(G, tmp_path / "trip.csv")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "trip.edges.csv",
        "trip.metrics.csv",
        "trip.nodes.csv",
    ]
    assert {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {"old"}


def test_export_csv_writes_three_files(G: nx.MultiGraph, tmp_path: Path) -> None:
    written = export_graph(G, tmp_path / "trip.CSV")
    assert written == [
        tmp_path / "trip.nodes.csv",
        tmp_path / "trip.edges.csv",
        tmp_path / "trip.metrics.csv",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    # A byte order mark first, or spreadsheets misread the Korean names.
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in written)
    nodes = rows(written[0].read_text(encoding="utf-8-sig"))
    assert len(nodes) == G.number_of_nodes()
    assert any(row["name_ko"] for row in nodes)
    assert len(rows(written[1].read_text(encoding="utf-8-sig"))) == G.number_of_edges()
    assert {row["actor"] for row in rows(written[2].read_text(encoding="utf-8-sig"))} == set(G)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_by_extension(G: nx.MultiGraph, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"trip.{fmt.upper()}"
    assert export_graph(G, path) == [path]
    assert path.read_bytes() == graph_bytes(G, fmt)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_export_format_overrides_extension(G: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "trip.txt"
    export_graph(G, path, format="json")
    assert snapshot(from_json_text(path.read_text(encoding="utf-8"))) == snapshot(G)


def test_export_html(G: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "trip.html"
    assert export_graph(G, path, options=ExportOptions(language="ko")) == [path]
    page = path.read_text(encoding="utf-8")
    assert "<html" in page.lower()
    assert "총리" in page


def test_export_unknown_extension_message(G: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "trip.PDF"
    with pytest.raises(UnsupportedFormatError) as info:
        export_graph(G, path)
    assert str(info.value) == (f"{path}: unsupported format '.PDF' (use {EXTENSIONS})")
    assert isinstance(info.value, MeetgraphError)
    assert list(tmp_path.iterdir()) == []


def test_export_no_extension_message(G: nx.MultiGraph, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"unsupported format ''"):
        export_graph(G, tmp_path / "trip")


def test_export_missing_directory_raises_oserror(G: nx.MultiGraph, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        export_graph(G, tmp_path / "nope" / "trip.json")


def test_failed_serialisation_leaves_existing_file(
    G: nx.MultiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trip.json"
    path.write_text("good", encoding="utf-8")

    def boom(graph: nx.MultiGraph) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(jsonio, "to_json_text", boom)
    with pytest.raises(RuntimeError):
        export_graph(G, path)
    assert path.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["trip.json"]


def test_failed_write_removes_temp_file(
    G: nx.MultiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trip.gexf"
    path.write_text("good", encoding="utf-8")

    def replace(self: Path, target: Any) -> Path:
        assert self.read_bytes() == graph_bytes(G, "gexf")  # written in full, not yet moved
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(OSError, match="No space left"):
        export_graph(G, path)
    assert path.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["trip.gexf"]


def test_export_replaces_existing_file(G: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "trip.graphml"
    path.write_text("old", encoding="utf-8")
    export_graph(G, path)
    assert path.read_bytes() == graph_bytes(G, "graphml")


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_export_never_mutates_the_graph(
    G: nx.MultiGraph, tmp_path: Path, fmt: ExportFormat
) -> None:
    before = snapshot(G)
    export_graph(G, tmp_path / f"trip{fmt.extension}")
    assert snapshot(G) == before


def test_a_stream_that_fails_partway_leaves_the_file_as_it_was(
    G: nx.MultiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from meetgraph import graphxml

    path = tmp_path / "trip.graphml"
    path.write_text("good", encoding="utf-8")
    monkeypatch.setattr(graphxml, "_BATCH", 1)  # every piece is written as it is made
    styled: list[object] = []
    real_style = graphxml.edge_style

    def edge_style(attributes: Any) -> Any:
        styled.append(attributes)
        if len(styled) == 3:
            raise RuntimeError("the third meeting cannot be drawn")
        return real_style(attributes)

    monkeypatch.setattr(graphxml, "edge_style", edge_style)
    with pytest.raises(RuntimeError, match="third meeting"):
        export_graph(G, path)
    assert path.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["trip.graphml"]


# --- pages and pictures draw the top actors of a large view, and say so ------------------------

SIZES = {"v": 5.0, "pm": 4.0, "min": 3.0, "ceo": 2.0, "neg": 1.0}


@pytest.fixture
def limit_three(monkeypatch: pytest.MonkeyPatch) -> None:
    from meetgraph import render

    monkeypatch.setattr(render, "MAX_DRAWN_NODES", 3)  # the explorer's limit, lowered


@pytest.mark.parametrize(
    ("language", "note"),
    [
        (
            "en",
            "Drawn: the top 3 of 5 actors by PageRank."
            " The GraphML, GEXF, JSON and CSV exports hold all of them.",
        ),
        (
            "ko",
            "페이지랭크 기준 상위 3명만 그렸습니다 (전체 5명)."
            " GraphML, GEXF, JSON, CSV 내보내기에는 모두 들어 있습니다.",
        ),
    ],
)
def test_a_large_page_draws_the_top_actors_and_says_so(
    G: nx.MultiGraph, limit_three: None, language: str, note: str
) -> None:
    import html

    options = ExportOptions(language=language, sizes=SIZES)
    page = graph_bytes_with(G, "html", options).decode("utf-8")
    assert sorted(n["id"] for n in embedded_data(page)["nodes"]) == ["min", "pm", "v"]
    assert f'<p class="meetgraph-note">{html.escape(note)}</p>' in page


def test_a_large_page_lays_out_only_the_actors_it_draws(
    G: nx.MultiGraph, limit_three: None
) -> None:
    from meetgraph.filters import induced
    from meetgraph.layout import layout_positions

    page = graph_bytes_with(G, "html", ExportOptions(sizes=SIZES)).decode("utf-8")
    placed = {n["id"]: [n["x"], n["y"]] for n in embedded_data(page)["nodes"]}
    alone = layout_positions(induced(G, ["v", "pm", "min"]))
    assert placed == {node: list(xy) for node, xy in alone.items()}
    whole = layout_positions(G)  # where a layout of everyone would put them
    assert placed != {node: list(whole[node]) for node in alone}


def test_a_page_within_the_limit_draws_everyone_without_a_note(G: nx.MultiGraph) -> None:
    page = graph_bytes_with(G, "html", ExportOptions(sizes=SIZES)).decode("utf-8")
    assert len(embedded_data(page)["nodes"]) == G.number_of_nodes()
    assert "meetgraph-note" not in page.split("<style>")[-1].split("</style>")[-1]


def test_a_large_picture_draws_the_top_actors_and_says_so(
    G: nx.MultiGraph, limit_three: None
) -> None:
    options = ExportOptions(language="en", sizes=SIZES, filters="All actors")
    svg = graph_bytes_with(G, "svg", options).decode("utf-8")
    assert "All actors · Drawn: the top 3 of 5 actors by PageRank." in svg
    nodes = svg.split('<g class="nodes">')[1].split("</g>")[0]
    assert ">Visitor<" in nodes and ">Prime Minister<" in nodes and ">Minister<" in nodes
    assert ">-1+2<" not in nodes and "HYPERLINK" not in nodes


@pytest.mark.parametrize("name", ["graphml", "gexf", "json", "csv"])
def test_the_data_formats_keep_every_actor_of_a_large_view(
    G: nx.MultiGraph, limit_three: None, name: str
) -> None:
    files = export_files(G, export_format(name), "x", ExportOptions(sizes=SIZES))
    text = next(iter(files.values())).decode("utf-8-sig")
    assert all(actor in text for actor in SIZES)
