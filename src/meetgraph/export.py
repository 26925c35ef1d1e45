"""The export formats, in one table that the CLI and the app read.

Each :class:`ExportFormat` names its file extension, label, MIME type and
whether its bytes are text, and writes a graph as one or more files. To add
a format, add an entry to :data:`FORMATS` (and its round trip to
``tests/test_export.py``): the CLI's choices and messages and the app's
download buttons follow.

Every writer works on the graph given without changing it. The formats
that large graphs make large (GraphML, GEXF) also stream: :func:`export_graph`
writes them piece by piece into the file, never whole in memory.

Examples
--------
>>> [f.extension for f in FORMATS][:3]
['.html', '.graphml', '.gexf']
>>> format_of("trip.GEXF").label, export_format("json").mime
('GEXF', 'application/json')
>>> format_of("trip.pdf")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
meetgraph.export.UnsupportedFormatError: trip.pdf: unsupported format '.pdf' (use .html, ...)
"""

from __future__ import annotations

import functools
import io
import os
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from meetgraph.errors import MeetgraphError
from meetgraph.files import Content, write_files

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from meetgraph.drawing import Drawing
    from meetgraph.svg import Picture

__all__ = [
    "FORMATS",
    "ExportFormat",
    "ExportOptions",
    "UnsupportedFormatError",
    "download_bytes",
    "download_mime",
    "download_name",
    "export_files",
    "export_format",
    "export_graph",
    "format_of",
]


class UnsupportedFormatError(MeetgraphError, ValueError):
    """An export was asked for in a format meetgraph does not write."""


@dataclass(frozen=True)
class ExportOptions:
    """What some formats need beyond the graph.

    ``language`` (default: the dataset's first); the node ``positions`` and
    ``sizes`` (else sizes by the measure ``size_by``, by default the first)
    shape every picture: the page, GEXF, GraphML; ``metrics`` fill the CSV
    metrics table and the actors' attributes (computed when not given). A
    ``context`` (:func:`meetgraph.view.context_of`) is drawn around the graph
    by the page and the pictures, faded; without ``positions`` the layout is
    then the context's, so the graph's actors stand where they stand in it.
    """

    language: str | None = None
    positions: Mapping[Any, tuple[float, float]] | None = None
    sizes: Mapping[Any, float] | None = None
    metrics: pd.DataFrame | None = None
    size_by: str | None = None  #: the measure that sizes nodes when no sizes are given
    size: tuple[int, int] = (1200, 675)  #: a picture's width and height (CSS pixels)
    scale: float = 1.0  #: a PNG's pixels per CSS pixel (2 for print and sharp screens)
    headline: str = ""  #: the comparison in words, for pictures and the page
    filters: str = ""  #: the filters that made the view, in words
    context: nx.MultiGraph | None = None  #: drawn around the graph, faded (page and pictures)

    def picture(self) -> Picture:
        """What a picture says besides the graph, and its size."""
        from meetgraph.svg import Picture

        width, height = self.size
        return Picture(
            width=width,
            height=height,
            scale=self.scale,
            headline=self.headline,
            filters=self.filters,
        )

    def drawing(self, G: nx.MultiGraph, *, all_measures: bool = True) -> Drawing:
        """The drawing these options ask for: what they do not give, made.

        Without ``all_measures`` only the measure that sizes the nodes is
        computed (when no metrics are given): a picture needs no more.
        """
        from meetgraph.drawing import drawing_for
        from meetgraph.layout import layout_positions

        positions = self.positions
        if positions is None and self.context is not None:
            positions = layout_positions(self.context)
        return drawing_for(
            G,
            positions=positions,
            sizes=self.sizes,
            metrics=self.metrics,
            size_by=self.size_by,
            all_measures=all_measures,
        )


#: A writer: the graph to its files, each named by the suffix that follows the stem.
Writer = Callable[["nx.MultiGraph", ExportOptions], dict[str, bytes]]
#: A streaming writer: the graph into one open binary file, piece by piece.
StreamWriter = Callable[["nx.MultiGraph", ExportOptions, IO[bytes]], None]


@dataclass(frozen=True)
class ExportFormat:
    """One way to write a graph to files."""

    name: str  #: the format's name, which is also its file extension
    label: str  #: its name as users know it, e.g. "GraphML"
    mime: str  #: the MIME type of its file (of a zip when it writes several)
    binary: bool  #: whether its bytes are not text (cannot be read in a terminal)
    write: Writer
    several: bool = False  #: whether it writes several files (downloaded as one zip)
    stream: StreamWriter | None = None  #: writes its one file piece by piece, when it can
    titled: bool = False  #: whether its file says the headline and the filters (page, picture)

    @property
    def extension(self) -> str:
        """``"." + name``."""
        return f".{self.name}"


def _html(G: nx.MultiGraph, options: ExportOptions) -> dict[str, bytes]:
    from meetgraph.i18n import FALLBACK
    from meetgraph.labels import default_language, localized, source_credits
    from meetgraph.render import PageText, render_html
    from meetgraph.story import story_steps

    # A page of its own: it says what it shows, where it comes from, and tells the story.
    language = options.language or default_language(G) or FALLBACK
    drawing, drawn, note, context = _drawing_of(G, options, language)
    text = PageText(
        title=localized(G, G.graph.get("title"), language) or "meetgraph",
        headline=options.headline,
        filters=options.filters,
        credits=tuple(source_credits(G)),
        note=note,
    )
    page = render_html(
        drawn,
        language=language,
        sizes=drawing.sizes,
        positions=drawing.positions,
        height="75vh",
        story=story_steps(drawn, language),
        text=text,
        context=context,
    )
    return {".html": page.encode("utf-8")}


def _drawing_of(
    G: nx.MultiGraph, options: ExportOptions, language: str
) -> tuple[Drawing, nx.MultiGraph, str, nx.MultiGraph | None]:
    """What a page or a picture draws of ``G``: its drawing, the graph drawn, a note in
    words when that is not all of ``G`` (see :func:`_drawn`), and the context drawn.

    Above the drawing budget, and when no positions are given, only what is drawn
    is laid out, on its own: placed by a layout of the whole graph, a few hundred
    actors of 50,000 stand far apart (so the browser draws them zoomed far out),
    and that layout takes longer than the rest of the page.
    """
    from dataclasses import replace

    from meetgraph.layout import layout_positions
    from meetgraph.render import drawn_whole

    whole = G if options.context is None else options.context
    if options.positions is not None or drawn_whole(whole):
        drawing = options.drawing(G, all_measures=False)
        drawn, note = _drawn(G, drawing, language)
        return drawing, drawn, note, _drawn_context(options, drawn)
    sized = replace(options, positions={}).drawing(G, all_measures=False)  # no layout yet
    drawn, note = _drawn(G, sized, language)
    context = _drawn_context(options, drawn)
    placed = drawn if context is None else context
    return replace(sized, positions=layout_positions(placed)), drawn, note, context


def _drawn(G: nx.MultiGraph, drawing: Drawing, language: str) -> tuple[nx.MultiGraph, str]:
    """What a page or a picture draws of ``G``, and a note in words when it is not all.

    Above :data:`meetgraph.render.MAX_DRAWN_NODES` actors or
    :data:`~meetgraph.render.MAX_DRAWN_EDGES` edges (the explorer's limits
    too) only the top actors by the measure that sizes them are drawn, so
    that the page opens in a browser; the data formats keep everyone.
    """
    from meetgraph.render import MAX_DRAWN_EDGES, MAX_DRAWN_NODES, drawn_whole

    total = G.number_of_nodes()
    if drawn_whole(G):
        return G, ""
    from meetgraph.filters import settled, top_nodes
    from meetgraph.i18n import translate

    # Settled, not a view: the page walks its edges many times, and a view filters all
    # of G's at each walk.
    drawn = settled(top_nodes(G, drawing.sizes or {}, MAX_DRAWN_NODES, MAX_DRAWN_EDGES))
    measure = translate(f"measure.{drawing.size_by}", language)
    shown = drawn.number_of_nodes()
    note = translate("top_drawn", language, shown=shown, total=total, measure=measure)
    return drawn, note


def _drawn_context(options: ExportOptions, drawn: nx.MultiGraph) -> nx.MultiGraph | None:
    """The options' context within the drawing budget, the drawn actors first (or None)."""
    if options.context is None:
        return None
    from meetgraph.filters import context_within
    from meetgraph.render import MAX_DRAWN_EDGES, MAX_DRAWN_NODES

    return context_within(options.context, drawn, MAX_DRAWN_NODES, MAX_DRAWN_EDGES)


def _in_memory(stream: StreamWriter, suffix: str) -> Writer:
    """The writer that gives what ``stream`` writes as the bytes of one file."""

    def write(G: nx.MultiGraph, options: ExportOptions) -> dict[str, bytes]:
        buffer = io.BytesIO()
        stream(G, options, buffer)
        return {suffix: buffer.getvalue()}

    return write


def _graphml(G: nx.MultiGraph, options: ExportOptions, file: IO[bytes]) -> None:
    from meetgraph.graphxml import write_graphml

    write_graphml(G, file, options.drawing(G))


def _gexf(G: nx.MultiGraph, options: ExportOptions, file: IO[bytes]) -> None:
    from meetgraph.graphxml import write_gexf

    write_gexf(G, file, options.drawing(G))


def _json(G: nx.MultiGraph, options: ExportOptions) -> dict[str, bytes]:
    from meetgraph.jsonio import to_json_text

    return {".json": to_json_text(G).encode("utf-8")}


def _svg_text(G: nx.MultiGraph, options: ExportOptions) -> str:
    from dataclasses import replace

    from meetgraph.i18n import FALLBACK
    from meetgraph.labels import default_language
    from meetgraph.svg import render_svg

    language = options.language or default_language(G) or FALLBACK
    drawing, drawn, note, context = _drawing_of(G, options, language)
    picture = options.picture()
    if note:
        picture = replace(picture, filters=" · ".join(t for t in (picture.filters, note) if t))
    return render_svg(drawn, picture, language=options.language, drawing=drawing, context=context)


def _svg(G: nx.MultiGraph, options: ExportOptions) -> dict[str, bytes]:
    return {".svg": _svg_text(G, options).encode("utf-8")}


def _png(G: nx.MultiGraph, options: ExportOptions) -> dict[str, bytes]:
    from meetgraph.svg import png_bytes

    return {".png": png_bytes(_svg_text(G, options), options.picture())}


def _csv(G: nx.MultiGraph, options: ExportOptions) -> dict[str, bytes]:
    from meetgraph.csvtables import CSV_ENCODING, csv_tables

    tables = csv_tables(G, options.metrics)
    return {f".{name}.csv": text.encode(CSV_ENCODING) for name, text in tables.items()}


#: Every format meetgraph writes, in the order offered.
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("html", "HTML", "text/html", False, _html, titled=True),
    ExportFormat(
        "graphml",
        "GraphML",
        "application/xml",
        False,
        _in_memory(_graphml, ".graphml"),
        stream=_graphml,
    ),
    ExportFormat(
        "gexf", "GEXF", "application/xml", False, _in_memory(_gexf, ".gexf"), stream=_gexf
    ),
    ExportFormat("json", "JSON", "application/json", False, _json),
    ExportFormat("csv", "CSV", "text/csv", False, _csv, several=True),
    ExportFormat("svg", "SVG", "image/svg+xml", False, _svg, titled=True),
    ExportFormat("png", "PNG", "image/png", True, _png, titled=True),
)


def export_format(name: str) -> ExportFormat:
    """The format called ``name`` (``"json"`` or ``".json"``, in any case).

    Raises
    ------
    UnsupportedFormatError
        Naming the formats there are.
    """
    wanted = name.lower().removeprefix(".")
    for fmt in FORMATS:
        if fmt.name == wanted:
            return fmt
    names = [f.name for f in FORMATS]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}"
    raise UnsupportedFormatError(f"unsupported format {name!r} (use {listed})")


def format_of(path: str | os.PathLike[str]) -> ExportFormat:
    """The format a file's extension names, in any case.

    Raises
    ------
    UnsupportedFormatError
        Naming the file and the extensions there are.
    """
    suffix = Path(path).suffix
    for fmt in FORMATS:
        if fmt.extension == suffix.lower():
            return fmt
    known = [f.extension for f in FORMATS]
    listed = ", ".join(known[:-1]) + f" or {known[-1]}"
    raise UnsupportedFormatError(f"{os.fspath(path)}: unsupported format {suffix!r} (use {listed})")


def export_files(
    G: nx.MultiGraph, fmt: ExportFormat, stem: str, options: ExportOptions | None = None
) -> dict[str, bytes]:
    """The files ``fmt`` writes for ``G``, by file name (``stem`` + each file's suffix)."""
    written = fmt.write(G, options or ExportOptions())
    return {f"{stem}{suffix}": content for suffix, content in written.items()}


def export_graph(
    G: nx.MultiGraph,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    options: ExportOptions | None = None,
) -> list[Path]:
    """Write the graph to ``path``; the format comes from its extension unless given.

    A format that writes one file writes it at ``path``; one that writes
    several (CSV: nodes, edges, metrics) writes them beside it, as
    ``<stem>.nodes.csv`` and so on. All files are written or none.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    UnsupportedFormatError
        If the format is not one of :data:`FORMATS`.
    OSError
        If a file cannot be written; no existing file is changed then and no
        temporary file is left.

    Examples
    --------
    >>> import networkx as nx
    >>> export_graph(nx.MultiGraph(), "graph.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    meetgraph.export.UnsupportedFormatError: graph.pdf: unsupported format '.pdf' (use .html, ...)
    """
    target = Path(path)
    fmt = export_format(format) if format is not None else format_of(target)
    named = target.suffix.lower() == fmt.extension
    stem = target.name.removesuffix(target.suffix) if named else target.name
    contents: dict[Path, Content]
    if fmt.stream is not None:
        contents = {target: functools.partial(fmt.stream, G, options or ExportOptions())}
    else:
        files = export_files(G, fmt, stem, options)
        if fmt.several:
            contents = {target.with_name(name): content for name, content in files.items()}
        else:
            (content,) = files.values()
            contents = {target: content}
    write_files(contents)
    return list(contents)


def download_name(fmt: ExportFormat, stem: str) -> str:
    """The file name a browser saves ``fmt`` under: one file, or a zip of several.

    >>> download_name(export_format("csv"), "seoul"), download_name(FORMATS[0], "seoul")
    ('seoul-csv.zip', 'seoul.html')
    """
    return f"{stem}-{fmt.name}.zip" if fmt.several else f"{stem}{fmt.extension}"


def download_mime(fmt: ExportFormat) -> str:
    """The MIME type of what :func:`download_bytes` gives."""
    return "application/zip" if fmt.several else fmt.mime


def download_bytes(
    G: nx.MultiGraph, fmt: ExportFormat, stem: str, options: ExportOptions | None = None
) -> bytes:
    """What a browser downloads: the file, or for several files one zip of them.

    The zip holds the files as :func:`export_graph` names them, with a fixed
    date, so that the same view gives the same bytes.
    """
    files = export_files(G, fmt, stem, options)
    if not fmt.several:
        (content,) = files.values()
        return content
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()
