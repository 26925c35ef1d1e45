"""The ``meetgraph`` command: a thin click layer over the library.

Exit codes are a contract: 0 on success, 1 when a dataset (or another input)
is invalid, with one ``PATH:LINE:COL: field: message`` line per problem on
standard error and never a traceback, 2 for a usage error.

The filter options come from :data:`meetgraph.filters.CHOICE_FILTERS` and the
export formats from :data:`meetgraph.export.FORMATS`. Everything heavy
(pydantic's models, networkx, pandas) is imported by the command that needs
it, so that ``meetgraph --help`` answers at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from meetgraph import __version__
from meetgraph.errors import DatasetError, MeetgraphError
from meetgraph.export import FORMATS, ExportOptions, export_format, export_graph, format_of
from meetgraph.filters import CHOICE_FILTERS
from meetgraph.settings import LIMIT_RANGES, Settings

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from meetgraph.schema import Dataset
    from meetgraph.view import ViewSpec

F = TypeVar("F", bound=Callable[..., Any])

#: What ``-o`` takes to write to standard output.
STDOUT = "-"
#: The --format that writes the whole dataset as a folder of Parquet files (meetgraph.parquet).
PARQUET = "parquet"


class InputError(click.ClickException):
    """A domain error shown as its own lines (no ``Error:`` prefix), exit code 1."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message, err=True)


class _Context:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def load(self, path: Path | None) -> Dataset:
        from meetgraph.bulk import kept_until_exit
        from meetgraph.cache import dataset_cache
        from meetgraph.datafiles import read_dataset

        chosen = path if path is not None else self.settings.default_dataset
        cache = dataset_cache(self.settings)
        try:
            dataset = read_dataset(chosen, limits=self.settings.file_limits, cache=cache)
        except DatasetError as error:
            raise InputError(str(error)) from None
        kept_until_exit()  # a command's dataset lives as long as the process
        return dataset


pass_context = click.make_pass_decorator(_Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="meetgraph")
@click.option(
    "--max-bytes",
    type=click.IntRange(*LIMIT_RANGES["max_bytes"]),
    default=None,
    help="Size cap for dataset files [default: $MEETGRAPH_MAX_FILE_BYTES or 64 MiB].",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Load datasets afresh: neither read nor write the cache of validated datasets"
    " [default: $MEETGRAPH_CACHE, on; kept in $MEETGRAPH_CACHE_DIR or the user's cache folder].",
)
@click.pass_context
def cli(ctx: click.Context, max_bytes: int | None, no_cache: bool) -> None:
    """Explore who met whom, and which expected meetings did not happen.

    PATH is a dataset file (YAML, JSON or a workbook), or a folder of Parquet (or CSV)
    files, one per table; it defaults to the bundled Seoul 2025 dataset.
    """
    try:
        settings = Settings.from_env()
    except MeetgraphError as error:
        raise InputError(str(error)) from None
    if max_bytes is not None:
        settings = settings.with_max_file_bytes(max_bytes)
    if no_cache:
        settings = settings.without_cache()
    ctx.obj = _Context(settings)


def _path_argument(f: F) -> F:
    return click.argument("path", required=False, type=click.Path(path_type=Path))(f)


def _lang_option(f: F) -> F:
    return click.option(
        "--lang",
        help="Language of names and words [default: the dataset's first language].",
    )(f)


def _output_options(f: F) -> F:
    f = _lang_option(f)
    return click.option("--json", "as_json", is_flag=True, help="Print JSON records.")(f)


def _count(number: int, noun: str) -> str:
    """``1 actor``, ``2 actors``: a count and its noun, in English (the command's language)."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _echo_json(records: Any) -> None:
    click.echo(json.dumps(records, ensure_ascii=False, indent=2))


def _filter_options(f: F) -> F:
    options = [
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Meetings on or after."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Meetings on or before."),
    ]
    for entry in CHOICE_FILTERS:
        kept = "actors" if entry.target == "node" else "meetings"
        options.append(
            click.option(
                _option_name(entry.name),
                f"choice_{entry.name}",
                multiple=True,
                type=click.Choice(entry.fixed) if entry.fixed else None,
                help=f"Keep {kept} of this {entry.name} (repeatable) [default: all].",
            )
        )
    options += [
        click.option("--actor", help="Only this actor's neighbourhood."),
        click.option(
            "--radius", type=click.IntRange(0, 3), default=1, show_default=True, help="Hops."
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _option_name(name: str) -> str:
    """A registered name as a command-line option: ``meeting_country`` is ``--meeting-country``."""
    return "--" + name.replace("_", "-")


def _language(dataset: Dataset, requested: str | None) -> str:
    """The language asked for, if the dataset or the interface has it; else the dataset's first."""
    from meetgraph.i18n import ui_languages

    if requested is None:
        return dataset.languages[0]
    if requested in dataset.languages or requested in ui_languages():
        return requested
    raise InputError(
        f"--lang {requested}: not a language of this dataset ({', '.join(dataset.languages)})"
        f" or of the interface ({', '.join(ui_languages())})"
    )


def _graph_of(dataset: Dataset) -> nx.MultiGraph:
    """The dataset's graph, frozen, for a command that only reads it until it exits.

    Frozen, a view that hides nothing of it settles as the graph itself
    (:func:`meetgraph.filters.settled`), not a copy; kept from the garbage
    collector, the interpreter's exit does not scan it (8 s of a 31 s
    ``stats`` at 50,000 actors).
    """
    import networkx as nx

    from meetgraph.bulk import collection_paused, kept_until_exit
    from meetgraph.graph import build_graph

    with collection_paused():
        G: nx.MultiGraph = nx.freeze(build_graph(dataset))
        kept_until_exit()  # before the collector runs again: it never scans the graph (1 s)
    return G


def _view(G: nx.MultiGraph, language: str, options: dict[str, Any]) -> nx.MultiGraph:
    """Apply the filter options, refusing values the graph does not know."""
    return apply_view_of(G, _spec(G, language, options))


def apply_view_of(G: nx.MultiGraph, spec: ViewSpec) -> nx.MultiGraph:
    """The view ``spec`` selects, a problem with it an input error."""
    from meetgraph.view import apply_view

    try:
        return apply_view(G, spec)
    except MeetgraphError as error:
        raise InputError(f"error: {error}") from None


def _spec(G: nx.MultiGraph, language: str, options: dict[str, Any]) -> ViewSpec:
    """The view the filter options ask for, refusing values the graph does not know."""
    from meetgraph.view import Choices, ViewSpec

    picked: dict[str, tuple[str, ...]] = {}
    for entry in CHOICE_FILTERS:
        chosen = tuple(options.pop(f"choice_{entry.name}"))
        if not chosen:
            continue
        known = entry.options(G)
        for value in chosen:
            if value not in known:
                listed = ", ".join(known)
                option = _option_name(entry.name)
                raise InputError(f"{option} {value}: not in this dataset (known: {listed})")
        picked[entry.name] = chosen
    try:
        return ViewSpec(
            since=options["since"].date() if options["since"] else None,
            until=options["until"].date() if options["until"] else None,
            choices=Choices(picked),
            actor=options["actor"],
            radius=options["radius"],
            language=language,
        )
    except MeetgraphError as error:
        raise InputError(f"error: {error}") from None


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@pass_context
def validate(context: _Context, paths: Sequence[Path]) -> None:
    """Check dataset files; print every problem found.

    Exit status 0 when every file is valid, 1 otherwise.
    """
    from meetgraph.expectations import count_missing_edges
    from meetgraph.graph import expectation_graph

    failed = False
    for path in paths or [context.settings.default_dataset]:
        try:
            dataset = context.load(path)
        except InputError as error:
            error.show()
            failed = True
            continue
        missing = count_missing_edges(expectation_graph(dataset), dataset.expectations)
        counts = [
            _count(len(dataset.actors), "actor"),
            _count(len(dataset.meetings), "meeting"),
            _count(missing, "missing edge"),
        ]
        click.echo(f"{path}: ok ({', '.join(counts)})")
    if failed:
        sys.exit(1)


@cli.command()
@_path_argument
@_filter_options
@click.option("--include-planned", is_flag=True, help="Count planned meetings too.")
@click.option("--with-missing", is_flag=True, help="Count the missing meetings as if held.")
@_output_options
@pass_context
def stats(
    context: _Context,
    /,
    path: Path | None,
    include_planned: bool,
    with_missing: bool,
    as_json: bool,
    lang: str | None,
    **filters: Any,
) -> None:
    """Centrality of every actor, most central first."""
    from meetgraph.filters import settled
    from meetgraph.metrics import MEASURES, centrality
    from meetgraph.vocabulary import MeetingStatus

    dataset = context.load(path)
    language = _language(dataset, lang)
    view = settled(_view(_graph_of(dataset), language, filters))
    statuses = [MeetingStatus.HELD.value]
    statuses += [MeetingStatus.PLANNED.value] * include_planned
    statuses += [MeetingStatus.MISSING.value] * with_missing
    table = centrality(view, statuses=tuple(statuses))
    ranking = [m.name for m in MEASURES[:2]]
    table = table.sort_values(ranking, ascending=False, kind="stable")
    if as_json:
        _echo_json(json.loads(table.reset_index().to_json(orient="records", force_ascii=False)))
    else:
        click.echo(_stats_text(table, language))
    for measure in table.attrs.get("approximate", []):
        click.echo(f"note: {measure} is approximate (sampled)", err=True)


def _stats_text(table: pd.DataFrame, language: str) -> str:
    from meetgraph.explorer import names_in

    if table.empty:
        return "no actors in this view"
    shown = table.copy()
    names = [c for c in shown.columns if str(c).startswith("name_")]
    shown.insert(0, "name", names_in(shown, language))
    shown = shown.drop(columns=names)
    return shown.reset_index().to_string(index=False, float_format=lambda x: f"{x:.4f}")


@cli.command()
@_path_argument
@_output_options
@pass_context
def missing(context: _Context, path: Path | None, as_json: bool, lang: str | None) -> None:
    """The expected meetings that did not happen, and why they were expected."""
    from meetgraph.expectations import missing_edges
    from meetgraph.graph import expectation_graph
    from meetgraph.labels import text_in

    dataset = context.load(path)
    language = _language(dataset, lang)
    edges = missing_edges(expectation_graph(dataset), dataset.expectations)
    if as_json:
        records = [
            {
                "expectation": e.expectation,
                "visitor": e.visitor,
                "actor": e.actor,
                "country": e.country,
                "date": e.date.isoformat() if e.date else None,
                "peers": [
                    {
                        "meeting": p.meeting,
                        "actor": p.actor,
                        "country": p.country,
                        "status": p.status,
                    }
                    for p in e.peer_edges
                ],
                "explanation": dict(e.explanation),
            }
            for e in edges
        ]
        _echo_json(records)
        return
    if not edges:
        click.echo("no missing edges")
    for e in edges:
        explanation = text_in(e.explanation, language, dataset.languages)
        click.echo(f"{e.visitor} -- {e.actor} ({e.country}) [{e.expectation}]\n  {explanation}")


@cli.command()
@_path_argument
@_filter_options
@click.option(
    "-o",
    "--output",
    required=True,
    help=(
        f"File to write, or {STDOUT} for standard output (with --format); its extension names"
        " the format: "
        + ", ".join(f"{f.extension} ({f.label})" for f in FORMATS)
        + ", .xlsx (the whole dataset as a workbook); with --format parquet, the folder"
        " to write the whole dataset in as Parquet files, one per table."
    ),
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice([*(f.name for f in FORMATS), PARQUET], case_sensitive=False),
    help="The format, whatever the file's extension.",
)
@click.option(
    "--size",
    "size_text",
    default="social",
    show_default=True,
    help="A picture's size: WIDTHxHEIGHT in pixels, or social (1200x675), square, slide, print.",
)
@click.option(
    "--scale",
    type=click.FloatRange(0.25, 4),
    default=1.0,
    show_default=True,
    help="A PNG's pixels per picture pixel (2 for print and sharp screens).",
)
@click.option(
    "--size-by",
    help="The measure that sizes the actors in pictures, pages and Gephi files"
    " (a column of 'meetgraph stats') [default: pagerank].",
)
@click.option(
    "--fade",
    is_flag=True,
    help="Draw what the filters leave out around the view, faded (HTML, SVG, PNG);"
    " the data formats hold the view only.",
)
@_lang_option
@pass_context
def export(
    context: _Context,
    /,
    path: Path | None,
    output: str,
    format_name: str | None,
    size_text: str,
    scale: float,
    size_by: str | None,
    fade: bool,
    lang: str | None,
    **filters: Any,
) -> None:
    """Write the (filtered) graph in one of the export formats.

    An .xlsx file (without --format) is the dataset itself as a workbook, one
    sheet per table, which 'meetgraph import' reads back unchanged; so is a
    folder with --format parquet, which every command reads as PATH.
    """

    if format_name is None and output != STDOUT and Path(output).suffix.lower() == ".xlsx":
        _export_workbook(context, path, Path(output), filters)
        return
    if format_name is not None and format_name.lower() == PARQUET:
        _export_parquet(context, path, output, filters)
        return

    from meetgraph.comparison import headline
    from meetgraph.filters import settled
    from meetgraph.metrics import SIZE_MEASURES
    from meetgraph.svg import Picture, parse_size
    from meetgraph.view import context_of, describe

    sizable = [m.name for m in SIZE_MEASURES]
    if size_by is not None and size_by not in sizable:
        raise click.BadParameter(
            f"{size_by!r} is not one of {', '.join(sizable)}", param_hint="--size-by"
        )

    try:
        if output == STDOUT:
            if format_name is None:
                raise InputError(f"-o {STDOUT}: name the format with --format")
            fmt = export_format(format_name)
        else:
            fmt = export_format(format_name) if format_name else format_of(output)
    except MeetgraphError as error:
        raise InputError(f"error: {error}") from None
    try:
        size = parse_size(size_text)
        Picture(width=size[0], height=size[1], scale=scale)
    except MeetgraphError as error:
        raise click.BadParameter(str(error), param_hint="--size") from None
    dataset = context.load(path)
    language = _language(dataset, lang)
    G = _graph_of(dataset)
    spec = _spec(G, language, filters).replace(fade=fade)
    # Frozen graphs sharing the dataset graph's attribute dicts: walked at full speed, as
    # copies would be, without copying 500,000 meetings' dicts at 50,000 actors.
    view = settled(apply_view_of(G, spec))
    around = context_of(G, spec)
    options = ExportOptions(
        context=None if around is None else settled(around),
        language=language,
        size_by=size_by,
        size=size,
        scale=scale,
        # In words for a page or a picture only (the headline takes 1 s at 50,000 actors).
        headline=headline(view, dataset.expectations, language) if fmt.titled else "",
        filters=describe(G, spec, language) if fmt.titled else "",
    )
    if output == STDOUT:
        _export_to_stdout(view, fmt.name, options)
        return
    try:
        written = export_graph(view, output, format=fmt.name, options=options)
    except MeetgraphError as error:
        raise InputError(f"error: {error}") from None
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror}") from None
    for file in written:
        click.echo(str(file))


def _export_workbook(
    context: _Context, path: Path | None, output: Path, filters: dict[str, Any]
) -> None:
    """The dataset as a workbook: all of it, so the filters cannot apply."""
    from meetgraph.files import write_atomic
    from meetgraph.workbook import workbook_bytes

    _whole_dataset(output, "a workbook", filters)
    content = workbook_bytes(context.load(path))
    try:
        write_atomic(output, content)
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror}") from None
    click.echo(str(output))


def _whole_dataset(output: str | Path, what: str, filters: dict[str, Any]) -> None:
    """Refuse filters for an export of the whole dataset."""
    if any(value for name, value in filters.items() if name != "radius"):
        raise InputError(f"{output}: {what} holds the whole dataset; drop the filters")


def _export_parquet(
    context: _Context, path: Path | None, output: str, filters: dict[str, Any]
) -> None:
    """The dataset as a folder of Parquet files, one per table (made if it is not there)."""
    from meetgraph.files import write_files
    from meetgraph.parquet import parquet_directory_files

    if output == STDOUT:
        raise InputError(f"-o {STDOUT}: Parquet writes several files; name a folder")
    _whole_dataset(output, "a Parquet folder", filters)
    dataset = context.load(path)
    folder = Path(output)
    try:
        files = parquet_directory_files(dataset)
    except DatasetError as error:
        raise InputError(str(error)) from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_files({folder / name: content for name, content in files.items()})
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror}") from None
    click.echo(str(folder))


@cli.command(name="import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The dataset file to write: .json writes JSON, any other name YAML.",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@pass_context
def import_(context: _Context, source: Path, output: Path, force: bool) -> None:
    """Read a dataset from a workbook (.xlsx), a folder of CSV files, or a dataset file
    (.yaml, .json); write it as YAML, or as JSON when OUTPUT ends in .json.

    Every problem is printed at its cell (SHEET!CELL, or FILE:LINE:COLUMN for
    CSV, YAML and JSON files) and nothing is written. OUTPUT is written whole or
    not at all, and an existing one only with --force.
    """
    from meetgraph.datafiles import READERS, input_format, read_dataset
    from meetgraph.files import write_atomic
    from meetgraph.workbook import read_csv_directory, read_workbook

    if output.exists() and not force:
        raise InputError(f"{output}: exists already; use --force to replace it")
    limits = context.settings.file_limits
    try:
        if source.is_dir():
            dataset = read_csv_directory(source, limits=limits)
        elif source.name.lower().endswith(tuple(s for r in READERS for s in r.suffixes)):
            dataset = read_dataset(source, limits=limits)
        else:
            dataset = read_workbook(source, limits=limits)
    except DatasetError as error:
        raise InputError(str(error)) from None
    if input_format(output.name) == "json":
        from meetgraph.jsonload import dataset_json

        text = dataset_json(dataset)
    else:
        from meetgraph.yamlout import dataset_yaml

        text = dataset_yaml(dataset)
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror}") from None
    counts = [
        _count(len(dataset.actors), "actor"),
        _count(len(dataset.meetings), "meeting"),
        _count(len(dataset.expectations), "expectation rule"),
    ]
    click.echo(f"{output}: {', '.join(counts)} (from {source})")


def _export_to_stdout(G: nx.MultiGraph, format_name: str, options: ExportOptions) -> None:
    from meetgraph.export import export_files

    fmt = export_format(format_name)
    if fmt.several:
        raise InputError(f"-o {STDOUT}: {fmt.label} writes several files; name a file")
    (content,) = export_files(G, fmt, "", options).values()
    if fmt.binary and sys.stdout.isatty():
        raise InputError(f"-o {STDOUT}: {fmt.label} is binary; redirect it to a file")
    sys.stdout.buffer.write(content)
    sys.stdout.flush()


@cli.command()
@_path_argument
@_output_options
@pass_context
def compare(context: _Context, path: Path | None, as_json: bool, lang: str | None) -> None:
    """Per country on the tour: the listed actors the visitor met, by status."""
    from meetgraph.comparison import contact_table, headline

    dataset = context.load(path)
    language = _language(dataset, lang)
    G = _graph_of(dataset)
    table = contact_table(G, dataset.expectations)
    if as_json:
        _echo_json(json.loads(table.to_json(orient="records", force_ascii=False)))
        return
    if table.empty:
        click.echo("no expectation rules in this dataset")
        return
    click.echo(headline(G, dataset.expectations, language))
    click.echo(table.to_string(index=False, float_format=lambda x: f"{x:.2f}"))


@cli.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--languages",
    default="en,ko",
    show_default=True,
    help="The dataset's languages, the default first, with commas.",
)
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
def init(path: Path, languages: str, force: bool) -> None:
    """Write a small, commented, valid dataset to PATH, to start your own story from."""
    from meetgraph.files import write_atomic
    from meetgraph.starter import parse_languages, starter_text

    try:
        text = starter_text(parse_languages(languages))
    except MeetgraphError as error:
        raise click.BadParameter(str(error), param_hint="'--languages'") from None
    if path.exists() and not force:
        raise InputError(f"{path}: exists already; give --force to replace it")
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror}") from None
    click.echo(f"{path}: a starter dataset in {', '.join(parse_languages(languages))}")
    click.echo(f"next: edit it, then: meetgraph validate {path}")


@cli.command()
@click.option("--actors", type=click.IntRange(min=3), default=1000, show_default=True)
@click.option("--meetings", type=click.IntRange(min=0), default=10000, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False))
@pass_context
def synth(context: _Context, actors: int, meetings: int, seed: int, output: Path) -> None:
    """Write a valid synthetic dataset (for scale tests), vocabulary from the bundled one."""
    from meetgraph.files import write_atomic
    from meetgraph.synth import synth_dataset_text

    text = synth_dataset_text(context.load(None), actors, meetings, seed)
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror}") from None
    click.echo(f"{output}: {actors} actors, {meetings} meetings")


@cli.command()
@click.option("--markdown", is_flag=True, help="The reference in words (docs/format.md).")
@pass_context
def schema(context: _Context, markdown: bool) -> None:
    """Print the JSON Schema of the dataset format (as in the bundled schema.json)."""
    if markdown:
        from meetgraph.reference import format_reference

        click.echo(format_reference(context.load(None)), nl=False)
        return
    from meetgraph.schema import json_schema_text

    click.echo(json_schema_text(), nl=False)


@cli.command(context_settings={"ignore_unknown_options": True})
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.argument("streamlit_options", nargs=-1, type=click.UNPROCESSED)
@pass_context
def app(context: _Context, port: int, streamlit_options: Sequence[str]) -> None:
    """Start the explorer in the browser, at http://127.0.0.1:PORT.

    It listens on this machine only and sends no usage statistics; uploads
    are capped by $MEETGRAPH_MAX_UPLOAD_BYTES. Further options go to
    ``streamlit run``.
    """
    import importlib.util
    import subprocess

    from meetgraph.fonts import hangul_font_hint, hangul_fonts
    from meetgraph.serving import streamlit_command

    if importlib.util.find_spec("streamlit") is None:
        raise InputError("the explorer needs streamlit: pip install 'meetgraph[app]'")
    hint = hangul_font_hint(hangul_fonts())
    if hint is not None:
        click.echo(hint, err=True)
    script = importlib.util.find_spec("meetgraph.app")
    assert script is not None and script.origin is not None  # part of this package
    upload_megabytes = max(1, -(-context.settings.max_upload_bytes // (1024 * 1024)))
    command = streamlit_command(Path(script.origin), port, upload_megabytes)
    sys.exit(subprocess.call([*command, *streamlit_options]))


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script and ``python -m meetgraph``."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="meetgraph")
