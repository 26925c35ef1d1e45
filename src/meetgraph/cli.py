"""The ``meetgraph`` command: a thin click layer over the library.

Exit codes are a contract: 0 on success, 1 when a dataset (or another input)
is invalid, with one ``PATH:LINE:COL: field: message`` line per problem on
standard error and never a traceback, 2 for a usage error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

import click
import networkx as nx
import pandas as pd

from meetgraph import __version__
from meetgraph.errors import DatasetError, MeetgraphError
from meetgraph.expectations import missing_edges
from meetgraph.explorer import view_counts
from meetgraph.graph import build_graph, declared_graph
from meetgraph.loader import load_dataset
from meetgraph.schema import Dataset, MeetingStatus, json_schema_text
from meetgraph.settings import Settings
from meetgraph.view import ViewSpec, apply_view

F = TypeVar("F", bound=Callable[..., Any])

STATUS_CHOICES = [s.value for s in MeetingStatus]
EXPORT_FORMATS = ("html", "graphml", "gexf", "json", "csv")


class InputError(click.ClickException):
    """A domain error shown as its own lines (no ``Error:`` prefix), exit code 1."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message, err=True)


class _Context:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def load(self, path: Path | None) -> Dataset:
        chosen = path if path is not None else self.settings.default_dataset
        try:
            return load_dataset(chosen, max_bytes=self.settings.max_file_bytes)
        except DatasetError as error:
            raise InputError(str(error)) from None


pass_context = click.make_pass_decorator(_Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="meetgraph")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Size cap for dataset files [default: $MEETGRAPH_MAX_FILE_BYTES or 64 MiB].",
)
@click.pass_context
def cli(ctx: click.Context, max_bytes: int | None) -> None:
    """Explore who met whom, and which expected meetings did not happen.

    PATH is a dataset YAML file; it defaults to the bundled Seoul 2025 dataset.
    """
    try:
        settings = Settings.from_env()
    except MeetgraphError as error:
        raise InputError(str(error)) from None
    if max_bytes is not None:
        settings = Settings(max_bytes, settings.max_upload_bytes, settings.data_dir)
    ctx.obj = _Context(settings)


def _path_argument(f: F) -> F:
    return click.argument("path", required=False, type=click.Path(path_type=Path, dir_okay=False))(
        f
    )


def _output_options(f: F) -> F:
    f = click.option("--lang", type=click.Choice(["en", "ko"]), default="en", show_default=True)(f)
    return click.option("--json", "as_json", is_flag=True, help="Print JSON records.")(f)


def _echo_json(records: Any) -> None:
    click.echo(json.dumps(records, ensure_ascii=False, indent=2))


def _filter_options(f: F) -> F:
    options = [
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Meetings on or after."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Meetings on or before."),
        click.option("--sector", "sectors", multiple=True, help="Keep actors of this sector."),
        click.option("--country", "countries", multiple=True, help="Keep actors of this country."),
        click.option(
            "--status",
            "statuses",
            multiple=True,
            type=click.Choice(STATUS_CHOICES),
            help="Keep edges of this status [default: all].",
        ),
        click.option("--type", "types", multiple=True, help="Keep actors of this type."),
        click.option("--actor", help="Only this actor's neighbourhood."),
        click.option(
            "--radius", type=click.IntRange(0, 3), default=1, show_default=True, help="Hops."
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _view(G: nx.MultiGraph, language: str = "en", **options: Any) -> nx.MultiGraph:
    """Apply the filter options, refusing values the graph does not know."""
    for option, attribute in (("sectors", "sector"), ("countries", "country"), ("types", "type")):
        known = {str(v) for _, v in G.nodes(data=attribute) if v is not None}
        for value in options[option]:
            if value not in known:
                listed = ", ".join(sorted(known))
                raise InputError(f"--{attribute} {value}: not in this dataset (known: {listed})")
    try:
        spec = ViewSpec(
            since=options["since"].date() if options["since"] else None,
            until=options["until"].date() if options["until"] else None,
            sectors=tuple(options["sectors"]) or None,
            countries=tuple(options["countries"]) or None,
            statuses=tuple(options["statuses"]) or ViewSpec().statuses,
            types=tuple(options["types"]) or None,
            actor=options["actor"],
            radius=options["radius"],
            language=language,
        )
        return apply_view(G, spec)
    except MeetgraphError as error:
        raise InputError(f"error: {error}") from None


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@pass_context
def validate(context: _Context, paths: Sequence[Path]) -> None:
    """Check dataset files; print every problem found.

    Exit status 0 when every file is valid, 1 otherwise.
    """
    failed = False
    for path in paths or [context.settings.default_dataset]:
        try:
            dataset = context.load(path)
        except InputError as error:
            error.show()
            failed = True
            continue
        G = build_graph(dataset)
        missing = view_counts(G)["missing"]
        click.echo(
            f"{path}: ok ({len(dataset.actors)} actors, {len(dataset.meetings)} meetings, "
            f"{missing} missing edges)"
        )
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
    lang: str,
    **filters: Any,
) -> None:
    """Centrality of every actor, most central (PageRank) first."""
    from meetgraph.metrics import centrality

    view = _view(build_graph(context.load(path)), lang, **filters)
    statuses = ["held"] + ["planned"] * include_planned + ["missing"] * with_missing
    table = centrality(view, statuses=tuple(statuses))
    table = table.sort_values(["pagerank", "degree"], ascending=False, kind="stable")
    if as_json:
        _echo_json(json.loads(table.reset_index().to_json(orient="records", force_ascii=False)))
    else:
        click.echo(_stats_text(table, lang))
    for measure in table.attrs.get("approximate", []):
        click.echo(f"note: {measure} is approximate (sampled)", err=True)


def _stats_text(table: pd.DataFrame, lang: str) -> str:
    if table.empty:
        return "no actors in this view"
    shown = table.copy()
    shown.insert(0, "name", shown[f"name_{lang}"].fillna(shown["name_en"]))
    shown = shown.drop(columns=["name_en", "name_ko"])
    return shown.reset_index().to_string(index=False, float_format=lambda x: f"{x:.4f}")


@cli.command()
@_path_argument
@_output_options
@pass_context
def missing(context: _Context, path: Path | None, as_json: bool, lang: str) -> None:
    """The expected meetings that did not happen, and why they were expected."""
    dataset = context.load(path)
    edges = missing_edges(declared_graph(dataset), dataset.expectations)
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
                "explanation_en": e.explanation_en,
                "explanation_ko": e.explanation_ko,
            }
            for e in edges
        ]
        _echo_json(records)
        return
    if not edges:
        click.echo("no missing edges")
    for e in edges:
        explanation = e.explanation_ko if lang == "ko" else e.explanation_en
        click.echo(f"{e.visitor} -- {e.actor} ({e.country}) [{e.expectation}]\n  {explanation}")


@cli.command()
@_path_argument
@_filter_options
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="File to write; the format comes from its extension: " + ", ".join(EXPORT_FORMATS),
)
@click.option("--lang", type=click.Choice(["en", "ko"]), default="en", show_default=True)
@pass_context
def export(
    context: _Context, /, path: Path | None, output: Path, lang: str, **filters: Any
) -> None:
    """Write the (filtered) graph as HTML, GraphML, GEXF, JSON or CSV."""
    from meetgraph.export import export_graph

    view = _view(build_graph(context.load(path)), lang, **filters)
    try:
        written = export_graph(nx.MultiGraph(view), output, language=lang)
    except MeetgraphError as error:
        raise InputError(f"error: {error}") from None
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror}") from None
    for file in written:
        click.echo(str(file))


@cli.command()
@_path_argument
@_output_options
@pass_context
def compare(context: _Context, path: Path | None, as_json: bool, lang: str) -> None:
    """Per country on the tour: the listed actors the visitor met, by status."""
    from meetgraph.comparison import contact_table, headline

    dataset = context.load(path)
    G = build_graph(dataset)
    table = contact_table(G, dataset.expectations)
    if as_json:
        _echo_json(json.loads(table.to_json(orient="records", force_ascii=False)))
        return
    if table.empty:
        click.echo("no expectation rules in this dataset")
        return
    click.echo(headline(G, dataset.expectations, lang))
    click.echo(table.to_string(index=False, float_format=lambda x: f"{x:.2f}"))


@cli.command()
@click.option("--actors", type=click.IntRange(min=3), default=1000, show_default=True)
@click.option("--meetings", type=click.IntRange(min=0), default=10000, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False))
@pass_context
def synth(context: _Context, actors: int, meetings: int, seed: int, output: Path) -> None:
    """Write a valid synthetic dataset (for scale tests), vocabulary from the bundled one."""
    from meetgraph.export import write_atomic
    from meetgraph.synth import synth_dataset_text

    text = synth_dataset_text(context.load(None), actors, meetings, seed)
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror}") from None
    click.echo(f"{output}: {actors} actors, {meetings} meetings")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the dataset format (as in data/schema.json)."""
    click.echo(json_schema_text(), nl=False)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script and ``python -m meetgraph``."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="meetgraph")
