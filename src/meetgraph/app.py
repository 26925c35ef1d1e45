"""The meetgraph explorer: widgets, cached calls into the library, layout.

Run it with ``meetgraph app`` (an installed package), or ``make run`` /
``streamlit run streamlit_app.py`` in a checkout. What it shows and decides
is computed by the library (:mod:`meetgraph.explorer` and below); here are
only the page's parts, each a short function.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.elements.lib.column_types import ColumnConfig

from meetgraph.cache import DatasetCache, dataset_cache
from meetgraph.charts import contact_chart, timeline_chart
from meetgraph.comparison import contact_table, headline
from meetgraph.csvtables import CSV_ENCODING, metrics_csv
from meetgraph.datafiles import READERS
from meetgraph.detail import actor_detail, detail_card
from meetgraph.editing import (
    EDITED_TABLES,
    Edit,
    column_choices,
    edit,
    edited_name,
    pick_list_ids,
    start_tables,
)
from meetgraph.explorer import (
    DatasetChoice,
    Loaded,
    Refused,
    actors_by_name,
    choose_dataset,
    code_span,
    content_digest,
    date_filter,
    ego_view,
    kept_notice,
    language_options,
    load_checked,
    missing_table,
    node_sizes,
    slider_range,
    slider_span,
    step_card,
    step_from_address,
    step_shown,
    story_of,
    tab_named,
    view_counts,
    viewable,
)
from meetgraph.export import (
    FORMATS,
    ExportFormat,
    ExportOptions,
    download_bytes,
    download_mime,
    download_name,
    export_format,
)
from meetgraph.filters import (
    CHOICE_FILTERS,
    ChoiceFilter,
    choice_filter,
    context_within,
    date_span,
    settled,
    top_nodes,
)
from meetgraph.i18n import FALLBACK, language_name, translate, ui_languages
from meetgraph.labels import actor_label, localized
from meetgraph.layout import gathered, layout_positions, separated
from meetgraph.metrics import SIZE_MEASURES, centrality, counterfactual
from meetgraph.render import (
    MAX_DRAWN_EDGES,
    MAX_DRAWN_NODES,
    PageText,
    component_assets,
    component_base,
    component_data,
    drawn_whole,
    embed_snippet,
    render_html,
)
from meetgraph.schema import Dataset
from meetgraph.settings import Limits, Settings
from meetgraph.sheets import Table
from meetgraph.starter import starter_text
from meetgraph.story import StoryStep, story_steps
from meetgraph.styles import unbroken
from meetgraph.tables import (
    ShownTable,
    centrality_shown,
    contacts_shown,
    meetings_shown,
    missing_shown,
    neighbours_shown,
    what_if_shown,
)
from meetgraph.timeline import meeting_table
from meetgraph.view import (
    MAX_SEED,
    Choices,
    DrawingSpec,
    ViewError,
    ViewSpec,
    apply_view,
    context_of,
    describe,
    from_query_params,
    kept_visitors,
    story_visitors,
    to_query_params,
)

T = TypeVar("T")
GRAPH_HEIGHT = 680
DRAWN_BUDGET = (MAX_DRAWN_NODES, MAX_DRAWN_EDGES)
GRAPH_KEY = "meetgraph_graph"  # the graph component's key: its clicks are read under it
EGO_HEIGHT = 360
LEGEND_ROOM = 175
RAW_YAML_SHOWN = 20_000  # bytes of the dataset's text shown in the Data tab
TIMELINE_MEETINGS = 1_000  # meetings the timeline draws; the Meetings tab lists them all
EDIT_MAX_ROWS = 5_000  # rows of all tables the Edit tab shows; a larger dataset is edited as a file
# The measures a large view's table shows until all are asked for: one pass over the view
# (the others take a minute at 20,000 actors).
QUICK_MEASURES = ("pagerank", "degree", "weighted_degree")
# The story's step in the app's own type, its quotes a little smaller.
STEP_STYLE = (
    "<style>.story-step h4 {margin: 0 0 .2em; padding: 0} .story-step p {margin: 0 0 .3em}"
    " .story-step blockquote {margin: .2em 0 .3em .8em; font-size: .92em; color: #444}</style>"
)
# The page around the graph, on a 390 px phone as on a desk. Titles and the headline wrap
# between words only: keep-all keeps a Hangul word (2025년) whole, and break-word breaks a
# word only when it is wider than the line (never a date that fits, as "anywhere" would
# when a narrow box asks for its smallest width). The counts take their labels' width and
# wrap as a row, so no label is cut with an ellipsis; the headline takes a row of its own
# when the counts leave it less than 18em.
PAGE_STYLE = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 4rem}
.stApp h1, .stApp h2, .stApp h3, .stApp h4 {word-break: keep-all; overflow-wrap: break-word}
.stApp h1 {font-size: clamp(1.6rem, 1.1rem + 2.2vw, 2.75rem); line-height: 1.25}
[data-testid="stLayoutWrapper"]:has(> .st-key-headline) {flex: 1 1 18em; min-width: min(18em, 100%)}
.st-key-headline h4 {margin: 0; padding: 0}
</style>"""
# The detail card's facts as a compact list of label and value.
DETAIL_STYLE = (
    "<style>.actor-detail h3 {margin: 0 0 .3em; padding: 0}"
    " .actor-detail dl {display: grid; grid-template-columns: max-content 1fr;"
    " gap: .1em .8em; margin: 0} .actor-detail dt {color: #555} .actor-detail dd {margin: 0}"
    "</style>"
)
TABS = (
    "centrality",
    "meetings",
    "missing",
    "timeline",
    "comparison",
    "what_if",
    "ego",
    "data",
    "edit",
)

# ---- cached calls into the library: keyed on file content and the view, never on paths ----


# Memory is bounded by entries times their size, which the limits bound: an upload makes
# at most a tenth of a file's pairs (under 100 MB of graph), and few views are kept (a
# what-if view is a copy).


@st.cache_resource(max_entries=4, show_spinner=False)
def checked(
    digest: str, _data: bytes, name: str, limits: Limits, _cache: DatasetCache | None
) -> Loaded | Refused:
    return load_checked(_data, name, limits, _cache)


@st.cache_resource(max_entries=16, show_spinner=False)
def positions(
    digest: str,
    key: tuple[object, ...],
    _G: nx.MultiGraph,
    seed: int,
    language: str,
    _sizes: dict[str, float] | None,
) -> dict[str, tuple[float, float]]:
    # ``key`` names the graph laid out (the whole, a focus view, an ego graph) and its sizes.
    labels = {node: actor_label(_G, node, language) for node in _G}
    return layout_positions(_G, seed=seed, sizes=_sizes, labels=labels)


@st.cache_resource(max_entries=16, show_spinner=False)
def moved_apart(
    digest: str,
    key: tuple[object, ...],
    _drawn: nx.MultiGraph,
    _start: dict[str, tuple[float, float]],
    language: str,
    _sizes: dict[str, float],
    gather: bool,
) -> dict[str, tuple[float, float]]:
    # Only what the page draws is moved apart (gathered first when asked); every other
    # actor keeps its place in _start.
    labels = {node: actor_label(_drawn, node, language) for node in _drawn}
    start = gathered(_start, _drawn) if gather else _start
    return {**_start, **separated(_drawn, start, sizes=_sizes, labels=labels)}


@st.cache_data(max_entries=8, show_spinner=False)
def drawable_whole(digest: str, _G: nx.MultiGraph) -> bool:
    # Whether the whole dataset is within the drawing budget (a walk of every edge).
    return drawn_whole(_G)


@st.cache_data(max_entries=8, show_spinner=False)
def visitors_of(digest: str, _G: nx.MultiGraph) -> frozenset[str]:
    # Once per dataset: a walk of every edge (0.2 s at 20,000 actors).
    return story_visitors(_G)


@st.cache_data(max_entries=64, show_spinner=False)
def kept_of(digest: str, spec: ViewSpec, _G: nx.MultiGraph) -> tuple[str, ...]:
    # Once per view: the view, the notice and the description of the filters all need them.
    return kept_visitors(_G, spec, visitors=visitors_of(digest, _G))


@st.cache_resource(max_entries=4, show_spinner=False)
def view_of(digest: str, _G: nx.MultiGraph, spec: ViewSpec) -> nx.MultiGraph:
    # Settled once: the page walks a view several times (counts, measures, drawing).
    return settled(apply_view(_G, spec, kept=kept_of(digest, spec, _G)))


@st.cache_resource(max_entries=4, show_spinner=False)
def context_view(digest: str, _G: nx.MultiGraph, spec: ViewSpec) -> nx.MultiGraph | None:
    # What a fading view draws around itself; None when the filters remove.
    context = context_of(_G, spec)
    return None if context is None else settled(context)


@st.cache_data(max_entries=64, show_spinner=False)
def kept_notice_of(digest: str, spec: ViewSpec, language: str, _G: nx.MultiGraph) -> str | None:
    return kept_notice(_G, spec, language, kept=kept_of(digest, spec, _G))


@st.cache_data(max_entries=64, show_spinner=False)
def description_of(digest: str, spec: ViewSpec, language: str, _G: nx.MultiGraph) -> str:
    return describe(_G, spec, language, kept=kept_of(digest, spec, _G))


@st.cache_data(max_entries=64, show_spinner=False)
def metrics(digest: str, spec: ViewSpec, _view: nx.MultiGraph) -> pd.DataFrame:
    return centrality(_view)


@st.cache_data(max_entries=64, show_spinner=False)
def quick_metrics(digest: str, spec: ViewSpec, _view: nx.MultiGraph) -> pd.DataFrame:
    return centrality(_view, measures=QUICK_MEASURES)


@st.cache_data(max_entries=64, show_spinner=False)
def measure_of(digest: str, spec: ViewSpec, name: str, _view: nx.MultiGraph) -> pd.DataFrame:
    return centrality(_view, measures=[name])


@st.cache_resource(max_entries=4, show_spinner=False)
def drawn_of(
    digest: str,
    spec: ViewSpec,
    size_by: str,
    _view: nx.MultiGraph,
    _sizes: dict[str, float],
    _context: nx.MultiGraph | None,
) -> tuple[nx.MultiGraph, nx.MultiGraph | None]:
    # What the graph draws: a view too large for the page is its top actors by the measure,
    # and a fading view's context is taken around what is drawn, within the same budget.
    drawn = _view
    if not drawn_whole(_view):
        drawn = settled(top_nodes(_view, _sizes, *DRAWN_BUDGET))
    if _context is None:
        return drawn, None
    return drawn, settled(context_within(_context, drawn, *DRAWN_BUDGET))


@st.cache_data(max_entries=64, show_spinner=False)
def edges_of(digest: str, spec: ViewSpec, _view: nx.MultiGraph) -> int:
    return int(_view.number_of_edges())


@st.cache_data(max_entries=64, show_spinner=False)
def counts_of(digest: str, spec: ViewSpec, _view: nx.MultiGraph) -> dict[str, int]:
    return view_counts(_view)


# What the sidebar and the header read of the whole dataset: once per file, not per rerun.


@st.cache_data(max_entries=8, show_spinner=False)
def span_of(digest: str, _G: nx.MultiGraph) -> tuple[dt.date, dt.date] | None:
    return date_span(_G)


@st.cache_data(max_entries=64, show_spinner=False)
def options_of(digest: str, name: str, _G: nx.MultiGraph) -> list[str]:
    return choice_filter(name).options(_G)


@st.cache_data(max_entries=16, show_spinner=False)
def actor_order(digest: str, language: str, _G: nx.MultiGraph) -> list[str]:
    return actors_by_name(_G, language)


@st.cache_data(max_entries=64, show_spinner=False)
def headline_of(
    digest: str, spec: ViewSpec, language: str, _view: nx.MultiGraph, _dataset: Dataset
) -> str:
    return headline(_view, _dataset.expectations, language) if _dataset.expectations else ""


@st.cache_data(max_entries=64, show_spinner=False)
def meetings_of(digest: str, spec: ViewSpec, language: str, _view: nx.MultiGraph) -> pd.DataFrame:
    return meeting_table(_view, language)


@st.cache_data(max_entries=64, show_spinner=False)
def what_if_table(digest: str, spec: ViewSpec, _view: nx.MultiGraph) -> pd.DataFrame:
    return counterfactual(_view)


@st.cache_data(max_entries=64, show_spinner=False)
def story(digest: str, spec: ViewSpec, language: str, _view: nx.MultiGraph) -> list[StoryStep]:
    return story_of(_view, language)


@st.cache_data(max_entries=8, show_spinner=False)
def ego_page(
    digest: str,
    key: tuple[object, ...],
    _ego: nx.MultiGraph,
    _positions: dict[str, tuple[float, float]],
    language: str,
) -> str:
    # A small page of its own per compared actor, in a frame beside the other.
    return render_html(
        _ego,
        positions=_positions,
        language=language,
        # Room below the drawing for the search bar and the legend.
        height=f"{max(EGO_HEIGHT - LEGEND_ROOM, 200)}px",
    )


@st.cache_data(max_entries=8, show_spinner=False)
def graph_data(
    digest: str,
    key: tuple[object, ...],
    _view: nx.MultiGraph,
    _positions: dict[str, tuple[float, float]],
    _sizes: dict[str, float],
    language: str,
    physics: bool,
    height: int,
    _steps: list[StoryStep],
    step: int | None,
    _context: nx.MultiGraph | None = None,
    affiliations: bool = True,
    base_id: str | None = None,
    _base: dict[str, Any] | None = None,
) -> dict[str, object]:
    # base_id names _base (or None: the whole page model is sent).
    return component_data(
        _view,
        positions=_positions,
        language=language,
        sizes=_sizes,
        physics=physics,
        height=max(height - LEGEND_ROOM, 200),
        story=_steps,
        step=step,
        context=_context,
        affiliations=affiliations,
        base=_base,
    )


@st.cache_resource(max_entries=4, show_spinner=False)
def graph_base(
    digest: str,
    what_if: bool,
    _graph: nx.MultiGraph,
    seed: int,
    language: str,
    physics: bool,
    affiliations: bool,
) -> dict[str, Any] | None:
    # The whole drawing, of which each filter's view is a part; None when it is too large
    # to draw whole (the views then are the top actors, sent whole).
    whole = settled(apply_view(_graph, ViewSpec(what_if=what_if)))
    if not drawn_whole(whole):
        return None
    layout = positions(digest, ("whole",), _graph, seed, language, None)
    return component_base(
        whole,
        language=language,
        positions=layout,
        physics=physics,
        affiliations=affiliations,
        story=story_steps(whole, language),
    )


@st.cache_data(max_entries=8, show_spinner=False)
def export_file(
    digest: str,
    spec: ViewSpec,
    language: str,
    format_name: str,
    stem: str,
    size_by: str,
    headline: str,
    filters: str,
    _fmt: ExportFormat,
    _view: nx.MultiGraph,
    _positions: dict[str, tuple[float, float]],
    _metrics: pd.DataFrame,
    _context: nx.MultiGraph | None = None,
) -> bytes:
    options = ExportOptions(
        language=language,
        positions=_positions,
        metrics=_metrics,
        size_by=size_by,
        headline=headline,
        filters=filters,
        context=_context,
    )
    # The view and its context are settled (frozen, walked at full speed): not copied.
    return download_bytes(_view, _fmt, stem, options)


@st.cache_data(max_entries=64, show_spinner=False)
def metrics_file(digest: str, spec: ViewSpec, _view: nx.MultiGraph) -> bytes:
    return metrics_csv(metrics(digest, spec, _view)).encode(CSV_ENCODING)


@st.cache_resource(max_entries=2, show_spinner=False)
def editor_start(digest: str, _data: bytes, name: str, limits: Limits) -> dict[str, Table]:
    return start_tables(_data, name, limits)


@st.cache_data(max_entries=8, show_spinner=False)
def workbook_file(digest: str, _dataset: Dataset) -> bytes:
    from meetgraph.workbook import workbook_bytes

    return workbook_bytes(_dataset)


# ---- the page ----


@dataclass(frozen=True)
class Editing:
    """The Edit tab's work: where it started, the edit, and the dataset the page shows for it."""

    name: str
    start: dict[str, Table]
    edit: Edit
    shown: DatasetChoice | None


@dataclass(frozen=True)
class Sizing:
    """A view and the measure sizing its nodes: the centrality each part of the page needs."""

    digest: str
    spec: ViewSpec
    view: nx.MultiGraph
    size_by: str
    context: nx.MultiGraph | None = None  #: drawn around the view, faded (see view.context_of)

    @property
    def large(self) -> bool:
        """Whether the view is too large for all measures on every rerun."""
        return self.view.number_of_nodes() > MAX_DRAWN_NODES

    def table(self, every_measure: bool) -> pd.DataFrame:
        """Every measure, or (for a large view) the quick ones unless ``every_measure``."""
        if every_measure or not self.large:
            return metrics(self.digest, self.spec, self.view)
        return quick_metrics(self.digest, self.spec, self.view)

    def sizes(self) -> tuple[dict[str, float], list[str]]:
        """The measure by actor, and the measures estimated (named under the graph)."""
        if not self.large:
            table = metrics(self.digest, self.spec, self.view)
        elif self.size_by in QUICK_MEASURES:
            table = quick_metrics(self.digest, self.spec, self.view)
        else:
            table = measure_of(self.digest, self.spec, self.size_by, self.view)
        return dict(node_sizes(table, self.size_by)), list(table.attrs.get("approximate", []))

    def drawn(self) -> tuple[nx.MultiGraph, nx.MultiGraph | None]:
        """What the graph draws: the view (its top actors when too large) and the context
        drawn faded around it (None when the filters remove), within the page's budget."""
        sizes, _ = self.sizes()
        return drawn_of(self.digest, self.spec, self.size_by, self.view, sizes, self.context)


class FirstRunSidebar:
    """The sidebar in a session's first run, which draws it later: each widget returns the
    value it starts from, as Streamlit's do when first drawn (the session holds none yet)."""

    def container(self) -> FirstRunSidebar:
        return self

    def expander(self, label: str) -> FirstRunSidebar:
        return self

    def caption(self, body: str) -> None:
        return None

    def selectbox(self, label: str, options: Sequence[T], index: int = 0, **_: object) -> T:
        return options[index]

    def radio(self, label: str, options: Sequence[T], index: int = 0, **_: object) -> T:
        return options[index]

    def file_uploader(self, label: str, **_: object) -> None:
        return None

    def slider(self, label: str, *, value: T, **_: object) -> T:
        return value

    def multiselect(
        self, label: str, options: Sequence[T], default: Sequence[T] | None = None, **_: object
    ) -> list[T]:
        return list(default or ())

    def toggle(self, label: str, value: bool = False, **_: object) -> bool:
        return value

    def number_input(self, label: str, *, value: T, **_: object) -> T:
        return value


#: Where the sidebar's widgets go: Streamlit's sidebar, or nowhere yet (a first run).
Sidebar = DeltaGenerator | FirstRunSidebar


def main() -> None:
    """One run of the page."""
    st.set_page_config(page_title="meetgraph", page_icon="🕸️", layout="wide")
    graph_library()
    st.html(PAGE_STYLE)
    settings = Settings.from_env()
    url_view = view_from_url()
    # A session's first run draws the graph and nothing after it, nor the sidebar's widgets
    # (their values are the ones they start from): with them, the browser loads and renders
    # some forty elements (the data grid's 1.2 MB of script) before it shows any. The drawn
    # graph asks for the whole page (a rerun), as would a button pressed before.
    first_run = not st.session_state.get("whole_page", False)
    st.session_state.whole_page = True
    bar = FirstRunSidebar() if first_run else st.sidebar
    if first_run:  # the sidebar in place from the start, so that the graph does not move
        st.sidebar.caption(translate("sidebar_follows", url_view.language or FALLBACK))
    language_slot = bar.container()
    choice, digest = dataset_picker(
        settings, bar, st.session_state.get("language") or url_view.language
    )
    editing = edits(settings)
    if editing is not None and editing.shown is not None:
        choice = editing.shown
        digest = content_digest(choice.data)
    # The command line's cache of validated datasets, for local files and uploads; not for
    # each valid edit, which would fill it with datasets never opened again.
    cache = dataset_cache(settings) if editing is None else None
    loaded = checked(digest, choice.data, choice.name, choice.limits, cache)
    if isinstance(loaded, Refused):  # a bundled dataset that does not load
        if first_run:
            st.rerun()  # no graph to wait for: the whole page (the dataset picker) now
        show_problems(loaded, url_view.language or FALLBACK)
        st.stop()
    dataset, graph = loaded.dataset, loaded.graph
    language = language_picker(language_slot, graph, url_view)
    relabel(language)
    spec, drawing = sidebar(bar, digest, graph, url_view, drawing_from_url(), language)
    focus = spec.actor  # as picked or asked for, even when dropped below
    spec, dropped = viewable(graph, spec, kept=kept_of(digest, spec, graph))

    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    title = localized(graph, graph.graph.get("title"), language) or choice.name
    text_block("h1", unbroken(title))
    if "url_error" in st.session_state:
        st.warning(t("bad_url", error=code_span(st.session_state.url_error)))
    if url_view.actor is not None and url_view.actor not in graph:
        st.warning(t("focus_unknown", actor=code_span(url_view.actor)))
    if dropped == "focus_hidden":
        name = actor_label(graph, focus, language)
        st.warning(t(dropped, name=code_span(name)))
    if choice.refused is not None:
        show_problems(choice.refused, language)
    if (notice := kept_notice_of(digest, spec, language, graph)) is not None:
        text_block("p", notice)

    view = view_of(digest, graph, spec)
    steps = story(digest, spec, language, view)
    step = step_shown(st.session_state.get("story_step"), steps)
    first_tab = t(f"tab_{st.session_state.get('tab_from_url') or TABS[0]}")
    address = {**to_query_params(spec), **drawing.to_query_params(), "data": choice.name}
    st.query_params.from_dict(
        {
            **address,
            **page_params(step, st.session_state.get("tab") or first_tab, language),
            **({"tables": "wide"} if tables_wide() else {}),
        }
    )
    sized = Sizing(digest, spec, view, drawing.size_by, context_view(digest, graph, spec))
    words = PageText(
        title=title,
        headline=headline_of(digest, spec, language, view, dataset),
        filters=description_of(digest, spec, language, graph),
    )
    header(counts_of(digest, spec, view), words.headline, language)
    wide = tables_wide()
    if wide:  # the tabs under the graph, across the page: long columns read whole
        graph_column, tabs_column = st.container(), st.container()
    else:
        graph_column, tabs_column = st.columns([3, 2])
    layout = view_layout(sized, graph, drawing, language)
    with graph_column:
        with st.container():  # one place however many buttons: the graph below stays put
            story_controls(steps, step, language)
        asked = graph_panel(
            sized, layout, drawing, language, steps, step, graph, ask_rest=first_run
        )
        detail_panel(graph, view, language)
    if first_run:
        if not asked:
            st.rerun()  # no graph to wait for (an empty view): the whole page now
        return
    with tabs_column:
        st.toggle(
            t("tables_wide"),
            value=first_value(TABLES_WIDE, wide, False),
            key=TABLES_WIDE,
            help=t("tables_wide_help"),
        )
        # Only the open tab runs: each of the others reads the whole view, and its
        # tables would be sent on every rerun although the reader sees one tab.
        labels = [t(f"tab_{name}") for name in TABS]
        tab_row = st.tabs(labels, default=first_tab, key="tab", on_change="rerun")
        tabs = dict(zip(TABS, tab_row, strict=True))
        if tabs["centrality"].open:
            with tabs["centrality"]:
                centrality_tab(sized, choice.name, language)
        if tabs["meetings"].open:
            with tabs["meetings"]:
                meetings_tab(digest, spec, view, language)
        if tabs["missing"].open:
            with tabs["missing"]:
                missing_tab(view, language)
        if tabs["timeline"].open:
            with tabs["timeline"]:
                timeline_tab(view, meetings_of(digest, spec, language, view), language)
        if tabs["comparison"].open:
            with tabs["comparison"]:
                comparison_tab(view, dataset, language)
        if tabs["what_if"].open:
            with tabs["what_if"]:
                what_if_tab(digest, graph, spec, language)
        if tabs["ego"].open:
            with tabs["ego"]:
                ego_tab(digest, graph, view, spec, drawing.seed, language)
        if tabs["data"].open:
            with tabs["data"]:
                data_tab(choice.refused, choice.data, dataset, graph, language)
        if tabs["edit"].open:
            with tabs["edit"]:
                edit_tab(editing, choice, digest, dataset, language)
    if editing is not None:
        edit_tables(editing, dataset, language)
    downloads(sized, layout, drawing, Path(choice.name).stem, words, language)


def editor_key(table: str) -> str:
    """The key of a table's editor; a new start gets new keys, so no old edit carries over."""
    return f"edit_{st.session_state.get('edit_generation', 0)}_{table}"


def edits(settings: Settings) -> Editing | None:
    """The dataset as the Edit tab's tables hold it now; what the page shows while editing."""
    if "edit_start" not in st.session_state:
        return None
    name, data = st.session_state.edit_start
    limits = settings.upload_limits
    start = st.session_state.get("edit_base") or editor_start(
        content_digest(data), data, name, limits
    )
    changes = {table: st.session_state.get(editor_key(table)) for table in EDITED_TABLES}
    # Every rerun (a filter changed) comes here: check and write the edit only when the
    # editors' changes are new (0.1 s for the bundled dataset).
    asked = (st.session_state.get("edit_generation", 0), json.dumps(changes, default=str))
    memo = st.session_state.get("edit_memo")
    if memo is not None and memo[0] == asked:
        result = memo[1]
    else:
        result = edit(start, changes, data, name, limits)
        st.session_state.edit_memo = (asked, result)
    if pick_list_ids(result.tables) != pick_list_ids(start):
        # New ids for the pick-lists: the editors start anew from the edited tables.
        start = st.session_state.edit_base = result.tables
        st.session_state.edit_generation = st.session_state.get("edit_generation", 0) + 1
    if result.text is not None:
        st.session_state.edit_last_good = result.text
    shown = st.session_state.get("edit_last_good", data)
    return Editing(name, start, result, DatasetChoice(edited_name(name), shown, limits, None))


def view_from_url() -> ViewSpec:
    """The view the address asked for, read once per session."""
    if "view_from_url" not in st.session_state:
        params = st.query_params.to_dict()
        try:
            st.session_state.view_from_url = from_query_params(params)
        except ViewError as error:
            st.session_state.view_from_url = ViewSpec()
            st.session_state.url_error = str(error)
        st.session_state.data_from_url = params.get("data")
        try:
            st.session_state.drawing_from_url = DrawingSpec.from_query_params(params)
        except ViewError as error:
            st.session_state.drawing_from_url = DrawingSpec()
            st.session_state.url_error = str(error)
        st.session_state.tables_from_url = params.get("tables") == "wide"
        wanted_tab = params.get("tab")
        st.session_state.tab_from_url = wanted_tab if wanted_tab in TABS else None
        try:
            st.session_state.story_step = step_from_address(params.get("step"))
        except ViewError as error:
            st.session_state.story_step = None
            st.session_state.url_error = str(error)
    view: ViewSpec = st.session_state.view_from_url
    return view


#: The toggle that puts the tabs under the graph, across the page (``tables=wide`` in the URL).
TABLES_WIDE = "tables_wide"


def tables_wide() -> bool:
    """Whether the tabs go under the graph: the toggle's value, else the address's."""
    return bool(st.session_state.get(TABLES_WIDE, st.session_state.get("tables_from_url")))


def drawing_from_url() -> DrawingSpec:
    """How the address asked for the graph to be drawn (read with the view, once)."""
    drawing: DrawingSpec = st.session_state.get("drawing_from_url", DrawingSpec())
    return drawing


def page_params(step: int | None, tab_label: str | None, language: str) -> dict[str, str]:
    """The story's step (from 1) and the open tab (by name, not by its words) for the URL."""
    params = {} if step is None else {"step": str(step + 1)}
    tab = tab_named(tab_label, TABS, language)
    if tab is not None and tab != TABS[0]:
        params["tab"] = tab
    return params


# Widgets that show their options in the interface's words (format_func). The browser
# keeps the words of the run that drew a selection (a chip) until the server sends the
# value again, which it does only for a value set through st.session_state.
RELABELLED = (
    *(f"pick_{entry.name}" for entry in CHOICE_FILTERS if not entry.fixed),
    "focus",
    "size_by",
    "compare",
    "edit_from",
)


def first_value(key: str, value: T, blank: T) -> T:
    """A widget's value to start from, or ``blank`` once the session holds one for it.

    A widget given both is warned about; :func:`relabel` sets the session's.
    """
    return blank if key in st.session_state else value


def relabel(language: str) -> None:
    """After a language switch, send each relabelled widget its value again, in new words."""
    before = st.session_state.get("labels_language", language)
    if before != language:
        for key in RELABELLED:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
        # The open tab is held by its words: the same tab, in the new ones.
        tab = tab_named(st.session_state.get("tab"), TABS, before)
        if tab is not None:
            st.session_state.tab = translate(f"tab_{tab}", language)
    st.session_state.labels_language = language


def dataset_picker(
    settings: Settings, bar: Sidebar, language: str | None
) -> tuple[DatasetChoice, str]:
    """The bundled dataset chosen, or an upload (a bad one keeps the last good one); its digest."""
    language = language or FALLBACK
    bundled = {path.name: path for path in settings.bundled_datasets()}
    names = list(bundled)
    wanted = st.session_state.get("data_from_url")
    upload = st.session_state.get("upload")
    chosen = bar.selectbox(
        translate("dataset", language),
        names,
        index=names.index(wanted) if wanted in bundled else 0,
        key="dataset",
        disabled=upload is not None,  # an upload is shown instead
    )
    upload = bar.file_uploader(
        translate("upload", language),
        type=[suffix.lstrip(".") for reader in READERS for suffix in reader.suffixes],
        help=translate(
            "upload_help", language, limit=f"{settings.max_upload_bytes / 1024 / 1024:.0f} MB"
        ),
        key="upload",
    )

    def check(name: str, data: bytes, limits: Limits) -> Refused | None:
        loaded = checked(content_digest(data), data, name, limits, dataset_cache(settings))
        return loaded if isinstance(loaded, Refused) else None

    status = bundled[chosen].stat()
    bundled_data, bundled_digest = bundled_file(
        str(bundled[chosen]), status.st_size, status.st_mtime_ns
    )
    choice = choose_dataset(
        (upload.name, upload.getvalue()) if upload is not None else None,
        st.session_state.get("last_good"),
        (chosen, bundled_data),
        (settings.file_limits, settings.upload_limits),
        check,
    )
    st.session_state.last_good = choice.last_good
    if choice.uploaded:
        bar.caption(translate("showing_upload", language, name=code_span(choice.name)))
    digest = bundled_digest if choice.data is bundled_data else content_digest(choice.data)
    return choice, digest


@st.cache_resource(max_entries=2, show_spinner=False)
def bundled_file(path: str, size: int, modified: int) -> tuple[bytes, str]:
    """A bundled file's bytes and their digest, read again only when its size or time changes.

    Read and hashed at every rerun, a 37 MB file (20,000 actors) took 80 ms of each.
    """
    data = Path(path).read_bytes()
    return data, content_digest(data)


def language_picker(slot: Sidebar, graph: nx.MultiGraph, url_view: ViewSpec) -> str:
    """The language of labels and words: the dataset's, then the interface's other ones."""
    options = language_options(graph)
    wanted = st.session_state.get("language") or url_view.language
    if st.session_state.get("language") not in (None, *options):
        del st.session_state["language"]  # picked for another dataset
    # Named in every interface language, so that anyone finds it.
    label = " / ".join(dict.fromkeys(translate("language", code) for code in ui_languages()))
    chosen: str = slot.radio(
        label,
        options,
        index=options.index(wanted) if wanted in options else 0,
        format_func=language_name,
        horizontal=True,
        key="language",
    )
    return chosen


def sidebar(
    bar: Sidebar,
    digest: str,
    graph: nx.MultiGraph,
    url_view: ViewSpec,
    url_drawing: DrawingSpec,
    language: str,
) -> tuple[ViewSpec, DrawingSpec]:
    """The filters, the focus, the what-if and the drawing's settings: the view asked for."""

    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    since, until = url_view.since, url_view.until
    span = slider_span(span_of(digest, graph))
    if span is not None:
        picked = bar.slider(
            t("dates"),
            min_value=span[0],
            max_value=span[1],
            value=slider_range(span, since, until),
            format="YYYY-MM-DD",
            key="dates",
        )
        since, until = date_filter(span, picked)
    choices = Choices(
        {
            entry.name: choice_picker(
                bar, entry, options_of(digest, entry.name, graph), graph, url_view, language
            )
            for entry in CHOICE_FILTERS
        }
    )
    fade = filtered_out_picker(bar, url_view, language)
    focus_options: list[str | None] = [None, *actor_order(digest, language, graph)]
    wanted = focus_options.index(url_view.actor) if url_view.actor in graph else 0
    focus = bar.selectbox(
        t("focus"),
        focus_options,
        index=first_value("focus", wanted, 0),
        format_func=lambda n: t("focus_none") if n is None else actor_label(graph, n, language),
        key="focus",
    )
    radius = bar.radio(
        t("radius"), [1, 2], index=0 if url_view.radius <= 1 else 1, horizontal=True, key="radius"
    )
    what_if = bar.toggle(
        t("what_if"), value=url_view.what_if, key="what_if", help=t("what_if_help")
    )
    drawing = drawing_settings(bar, url_drawing, language)
    try:
        spec = ViewSpec(
            since=since,
            until=until,
            choices=choices,
            actor=focus,
            radius=radius if focus else 1,
            language=language,
            what_if=what_if,
            compare=tuple(st.session_state.get("compare", url_view.compare)),
            fade=fade,
        )
    except ViewError as error:  # only a URL can carry such values; fall back to defaults
        st.session_state.url_error = str(error)
        spec = ViewSpec(language=language)
    return spec, drawing


def drawing_settings(bar: Sidebar, url_drawing: DrawingSpec, language: str) -> DrawingSpec:
    """The layout expander: seed, brief physics, the measure sizing nodes, affiliations."""

    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    sizable = [m.name for m in SIZE_MEASURES]
    box = bar.expander(t("layout"))
    seed = box.number_input(
        t("seed"), min_value=0, max_value=MAX_SEED, value=url_drawing.seed, key="seed"
    )
    physics = box.toggle(t("physics"), value=url_drawing.physics, key="physics")
    size_by = box.selectbox(
        t("size_by"),
        sizable,
        index=first_value("size_by", sizable.index(url_drawing.size_by), 0),
        format_func=lambda name: t(f"measure.{name}"),
        key="size_by",
    )
    affiliations = box.toggle(
        t("draw_affiliations"), value=url_drawing.affiliations, key="affiliations"
    )
    return DrawingSpec(int(seed), physics, size_by, affiliations)


def filtered_out_picker(bar: Sidebar, url_view: ViewSpec, language: str) -> bool:
    """Whether what the filters leave out is faded (True) or removed, beside the filters."""
    fade = bar.radio(
        translate("filtered_out", language),
        [False, True],
        index=int(url_view.fade),
        format_func=lambda on: translate(
            "filtered_out_fade" if on else "filtered_out_remove", language
        ),
        horizontal=True,
        help=translate("filtered_out_help", language),
        key="fade",
    )
    return bool(fade)


def choice_picker(
    bar: Sidebar,
    entry: ChoiceFilter,
    options: list[str],
    graph: nx.MultiGraph,
    url_view: ViewSpec,
    language: str,
) -> tuple[str, ...] | None:
    """A filter's widget: toggles for a few fixed values, else a multiselect of those present."""
    from_url = url_view.choices.get(entry.name)
    if entry.fixed:
        bar.caption(translate(f"filter.{entry.name}", language))
        return tuple(
            value
            for value in entry.fixed
            if bar.toggle(
                entry.label(graph, value, language),
                value=from_url is None or value in from_url,
                key=f"{entry.name}_{value}",
            )
        )
    picked = bar.multiselect(
        translate(f"filter.{entry.name}", language),
        options,
        default=first_value(
            f"pick_{entry.name}", [v for v in options if v in (from_url or ())], None
        ),
        format_func=lambda value: entry.label(graph, value, language),
        placeholder=translate("choose", language),
        key=f"pick_{entry.name}",
    )
    return tuple(picked) or None


def text_block(tag: str, text: str) -> None:
    """Dataset text as a heading or in bold: escaped HTML, so never Markdown, links or markup."""
    st.html(f"<{tag}>{html.escape(text)}</{tag}>")


def show_problems(refused: Refused, language: str) -> None:
    st.error(translate("upload_failed", language))
    st.code("\n".join(refused.lines(language)), language=None)


def header(counts: dict[str, int], sentence: str, language: str) -> None:
    """The counts of the view and the comparison in words: one row on a desk, two on a phone."""
    hypothetical = counts.get("hypothetical", 0)
    meetings_help = (
        translate("meetings_hypothetical", language, count=hypothetical) if hypothetical else None
    )
    with st.container(horizontal=True, vertical_alignment="center", gap="medium", key="header"):
        with st.container(horizontal=True, width="content", gap="medium", key="counts"):
            st.metric(translate("actors", language), counts["actors"], width="content")
            st.metric(
                translate("meetings", language),
                counts["meetings"],
                help=meetings_help,
                width="content",
            )
            st.metric(translate("missing_edges", language), counts["missing"], width="content")
        if sentence:
            with st.container(key="headline"):
                text_block("h4", sentence)


def set_step(step: int | None) -> None:
    st.session_state.story_step = step


def story_controls(steps: list[StoryStep], step: int | None, language: str) -> None:
    """The story of the view, step by step: its buttons, and the step shown."""

    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    if not steps:
        return
    if step is None:
        st.button(t("story.start"), on_click=set_step, args=(0,), key="story_start")
        return
    # One row that wraps on a phone, rather than columns that stack.
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(
            t("story.previous"),
            on_click=set_step,
            args=(step - 1,),
            disabled=step == 0,
            key="story_previous",
        )
        st.button(
            t("story.next"),
            on_click=set_step,
            args=(step + 1,),
            disabled=step == len(steps) - 1,
            key="story_next",
        )
        st.button(t("story.stop"), on_click=set_step, args=(None,), key="story_stop")
        st.caption(t("story.step", number=step + 1, total=len(steps)))
    st.html(STEP_STYLE + step_card(steps[step]))


def view_layout(
    sized: Sizing, graph: nx.MultiGraph, drawing: DrawingSpec, language: str
) -> dict[str, tuple[float, float]]:
    """Where the view's actors are drawn.

    A focus view is laid out on its own; any other view keeps the places of
    the whole graph's layout (so that filtering moves no one far), what the
    graph draws moved apart where the view's sizes need more room. When the
    dataset is too large to draw whole, what a view draws is gathered
    (:func:`meetgraph.layout.gathered`): its actors keep their places
    relative to each other, as close together as a layout of them alone.
    """
    sizes, _ = sized.sizes()
    if sized.spec.actor is not None:
        # Fading draws the context around the view: its actors need places too.
        placed = sized.view if sized.context is None else sized.context
        focus = ("focus", sized.spec, drawing.size_by)
        return positions(sized.digest, focus, placed, drawing.seed, language, sizes)
    drawn, context = sized.drawn()
    whole = positions(sized.digest, ("whole",), graph, drawing.seed, language, None)
    view = (sized.spec, drawing.size_by, drawing.seed)
    placed = drawn if context is None else context
    gather = not drawable_whole(sized.digest, graph)
    return moved_apart(sized.digest, view, placed, whole, language, sizes, gather)


def graph_panel(
    sized: Sizing,
    layout: dict[str, tuple[float, float]],
    drawing: DrawingSpec,
    language: str,
    steps: list[StoryStep],
    step: int | None,
    graph: nx.MultiGraph,
    *,
    ask_rest: bool = False,
) -> bool:
    """The interactive graph, of the top actors only when the view is very large.

    A click on an actor selects it, a double click focuses the view on it. The
    whole drawing of ``graph`` (the dataset) goes once to the browser; each view
    as the part of it that it draws. With ``ask_rest``, the graph once drawn asks
    for a rerun (the rest of the page); whether it was drawn to ask.
    """

    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    notes = st.container()  # before the graph, so that the graph's place never moves
    view = sized.view
    sizes, approximate = sized.sizes()
    drawn, context = sized.drawn()
    total = view.number_of_nodes()
    if total > MAX_DRAWN_NODES or edges_of(sized.digest, sized.spec, view) > MAX_DRAWN_EDGES:
        measure = t(f"measure.{drawing.size_by}")
        notes.info(t("top_only", shown=drawn.number_of_nodes(), total=total, measure=measure))
    asked = False
    if total == 0:
        notes.info(t("empty_view"))
    else:
        base = graph_base(
            sized.digest,
            sized.spec.what_if,
            graph,
            drawing.seed,
            language,
            drawing.physics,
            drawing.affiliations,
        )
        key = (sized.spec, drawing)
        data = graph_data(
            sized.digest,
            key,
            drawn,
            layout,
            sizes,
            language,
            drawing.physics,
            GRAPH_HEIGHT,
            steps,
            step,
            context,
            drawing.affiliations,
            None if base is None else base["id"],
            base,
        )
        selected = st.session_state.get("selected_actor")
        data["selected"] = selected if selected in drawn else None
        data["focus"] = sized.spec.actor
        data["ask_rest"] = asked = ask_rest
        graph_component(data, base)
    if drawing.size_by in approximate:
        st.caption(t("approximate", measures=", ".join(approximate)))
    return asked


def graph_component(data: dict[str, object], base: dict[str, Any] | None) -> None:
    """The graph as a Streamlit component: vis-network and the drawing code come once per
    browser session (an element that never changes, sent by reference after the first
    time), the whole drawing (``base``) once per dataset and drawing settings, the same
    way; each rerun sends only the view's part of it, drawn in place with the camera kept."""
    assets = component_assets()
    whole = st.components.v2.component("meetgraph_base", js=assets.base_js, isolate_styles=False)
    graph = st.components.v2.component("meetgraph_graph", js=assets.mount_js, isolate_styles=False)
    # Always there (empty without a base), so that the graph's element keeps its place.
    whole(key="meetgraph_base", data=base or {}, height="content")
    graph(
        key=GRAPH_KEY,
        data=data,
        height="content",
        on_select_change=select_actor,
        on_focus_change=focus_actor,
        on_drawn_change=rest_of_page,
    )


def graph_library() -> None:
    """vis-network and the drawing code, first on the page: the browser fetches the
    component's code and evaluates the library while the rest of the page arrives."""
    assets = component_assets()
    library = st.components.v2.component(
        "meetgraph_library", js=assets.library_js, css=assets.css, isolate_styles=False
    )
    library(key="meetgraph_library", height="content")


def select_actor() -> None:
    """A click in the graph: the actor clicked, or None for a click on empty space."""
    st.session_state["selected_actor"] = st.session_state[GRAPH_KEY].get("select") or None


def focus_actor() -> None:
    """A double click on an actor: the sidebar's focus (its selectbox's key) is that actor."""
    actor = st.session_state[GRAPH_KEY].get("focus")
    if actor:
        st.session_state["focus"] = actor


def rest_of_page() -> None:
    """The graph drawn, asking for the rest of the page: the rerun it starts is all it asks."""


def close_detail() -> None:
    st.session_state.selected_actor = None


def detail_panel(graph: nx.MultiGraph, view: nx.MultiGraph, language: str) -> None:
    """The actor clicked in the graph: its card and every meeting of it in the view."""
    actor = st.session_state.get("selected_actor")
    if not isinstance(actor, str) or actor not in graph:
        return
    detail = actor_detail(graph, actor, language, view)
    with st.container(border=True, key="detail_panel"):
        st.html(DETAIL_STYLE + detail_card(detail))
        if detail.meetings.rows.empty:
            st.caption(translate("detail.no_meetings", language))
        else:
            show_table(detail.meetings, "detail_table")
        st.button(translate("detail.close", language), on_click=close_detail, key="detail_close")


def show_table(
    shown: ShownTable,
    key: str,
    config: dict[str, ColumnConfig] | None = None,
) -> None:
    """A table as a reader reads it: translated headers, room for long text, ids hidden."""
    columns: dict[str, ColumnConfig] = {}
    for column, header in shown.headers.items():
        if column in shown.formats:
            columns[column] = st.column_config.NumberColumn(header, format=shown.formats[column])
        else:
            width = shown.width_of(column, wide=tables_wide())
            columns[column] = st.column_config.Column(header, width=width)
    st.dataframe(
        shown.rows,
        column_config=columns | (config or {}),
        hide_index=True,
        width="stretch",
        height=shown.height or "auto",
        row_height=shown.row_height,
        placeholder="",
        key=key,
    )


def centrality_tab(sized: Sizing, source_name: str, language: str) -> None:
    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    every = not sized.large or st.toggle(
        t("all_measures", actors=f"{sized.view.number_of_nodes():,}"),
        key="all_measures",
        persist_state="page",  # kept while another tab is open: only the open one runs
        help=t("all_measures_help"),
    )
    table = sized.table(every)
    shown = centrality_shown(sized.view, table, language)
    bars = {
        m.name: st.column_config.ProgressColumn(
            shown.headers[m.name],
            min_value=0.0,
            max_value=float(shown.rows[m.name].max() or 1.0),
            format=shown.formats[m.name],
        )
        for m in SIZE_MEASURES
        if m.name in shown.rows.columns
    }
    show_table(shown, "centrality_table", bars)
    if table.attrs.get("approximate"):
        st.caption(t("approximate", measures=", ".join(table.attrs["approximate"])))
    st.download_button(
        t("download_table_csv"),
        functools.partial(metrics_file, sized.digest, sized.spec, sized.view),
        file_name=f"{Path(source_name).stem}.metrics.csv",
        mime="text/csv",
        on_click="ignore",
        key="download_metrics_csv",
    )


def meetings_tab(digest: str, spec: ViewSpec, view: nx.MultiGraph, language: str) -> None:
    """The meetings of the view, one row each."""
    meetings = meetings_of(digest, spec, language, view)
    show_table(meetings_shown(view, meetings, language), "meetings_table")


def missing_tab(view: nx.MultiGraph, language: str) -> None:
    missing = missing_table(view, language)
    if missing.empty:
        st.info(translate("no_missing", language))
        return
    hypothetical = int(missing["hypothetical"].sum())
    if hypothetical:
        st.caption(translate("missing_hypothetical", language, count=hypothetical))
    show_table(missing_shown(view, missing, language), "missing_table")


def timeline_tab(view: nx.MultiGraph, meetings: pd.DataFrame, language: str) -> None:
    if meetings.empty:
        st.info(translate("empty_view", language))
        return
    # A chart of tens of thousands of marks would hold the browser up: the tour's start.
    shown = meetings.head(TIMELINE_MEETINGS)
    if len(meetings) > TIMELINE_MEETINGS:
        words = {"shown": f"{TIMELINE_MEETINGS:,}", "total": f"{len(meetings):,}"}
        st.caption(translate("timeline_head", language, **words))
    # Its own width: the panels have widths of their own, which stretching would undo.
    st.altair_chart(timeline_chart(view, shown, language), width="content", key="timeline_chart")


def comparison_tab(view: nx.MultiGraph, dataset: Dataset, language: str) -> None:
    contacts = contact_table(view, dataset.expectations)
    if contacts.empty:
        st.info(translate("no_rules", language))
    else:
        st.altair_chart(contact_chart(contacts, language), key="comparison_chart")
        shown = contacts_shown(view, contacts, dataset.expectations, language)
        show_table(shown, "comparison_table")


def what_if_tab(digest: str, graph: nx.MultiGraph, spec: ViewSpec, language: str) -> None:
    # Only on request: the counterfactual is two more centrality runs per view.
    if not spec.what_if:
        st.info(translate("what_if_off", language))
        return
    st.caption(translate("what_if_explained", language))
    as_declared = spec.replace(what_if=False)
    declared = view_of(digest, graph, as_declared)
    change = what_if_table(digest, as_declared, declared)
    show_table(what_if_shown(declared, change, language), "what_if_table")


def ego_tab(
    digest: str,
    graph: nx.MultiGraph,
    view: nx.MultiGraph,
    spec: ViewSpec,
    seed: int,
    language: str,
) -> None:
    """Two actors side by side: whom each met in the view, each laid out on its own."""
    pair = st.multiselect(
        translate("compare_actors", language),
        actor_order(digest, language, graph),
        default=first_value("compare", [a for a in spec.compare if a in graph], None),
        max_selections=2,
        format_func=lambda n: actor_label(graph, n, language),
        placeholder=translate("choose", language),
        key="compare",
        persist_state="page",  # kept while another tab is open: only the open one runs
    )
    for actor, column in zip(pair, st.columns(2), strict=False):
        with column:
            text_block("strong", actor_label(graph, actor, language))
            ego = ego_view(view, graph, actor)
            key = ("ego", actor, spec)
            layout = positions(digest, key, ego, seed, language, None)
            drawn = ego_page(digest, key, ego, layout, language)
            st.iframe(drawn, height=EGO_HEIGHT)
            show_table(neighbours_shown(ego, actor, language), f"ego_table_{actor}")


def data_tab(
    refused: Refused | None,
    data: bytes,
    dataset: Dataset,
    graph: nx.MultiGraph,
    language: str,
) -> None:
    if refused is not None:
        show_problems(refused, language)
    counts = view_counts(graph)
    st.success(
        translate(
            "valid",
            language,
            actors=len(dataset.actors),
            meetings=len(dataset.meetings),
            missing=counts["missing"],
        )
    )
    with st.expander(translate("raw_yaml", language)):
        # The head only: a few MB of highlighted text would freeze the browser for minutes.
        head = data[:RAW_YAML_SHOWN].decode("utf-8-sig", "ignore")
        st.code(head, language="yaml")
        if len(data) > RAW_YAML_SHOWN:
            words = {"shown": f"{RAW_YAML_SHOWN:,}", "total": f"{len(data):,}"}
            st.caption(translate("raw_yaml_head", language, **words))
            st.download_button(
                translate("download_yaml", language),
                data,
                file_name="dataset.yaml",
                mime="application/yaml",
                on_click="ignore",
                key="download_yaml",
            )


def edit_tab(
    editing: Editing | None, choice: DatasetChoice, digest: str, dataset: Dataset, language: str
) -> None:
    """Tables of the dataset to edit, checked at every change; the graph shows the edit."""

    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    if editing is None:
        st.caption(t("edit_intro"))
        origin = st.radio(
            t("edit_from"),
            ["shown", "starter"],
            format_func=lambda o: t(f"edit_from_{o}", name=choice.name),
            key="edit_from",
            persist_state="page",  # kept while another tab is open: only the open one runs
        )
        if st.button(t("edit_begin"), key="edit_begin"):
            if origin == "shown":
                st.session_state.edit_start = (choice.name, choice.data)
            else:
                text = starter_text([language]).encode("utf-8")
                st.session_state.edit_start = ("story.yaml", text)
            st.session_state.edit_generation = st.session_state.get("edit_generation", 0) + 1
            for key in ("edit_last_good", "edit_base"):
                st.session_state.pop(key, None)
            st.rerun()
        return
    rows = sum(len(table.rows) for table in editing.start.values())
    if rows > EDIT_MAX_ROWS:
        st.warning(t("edit_too_large", rows=f"{rows:,}", limit=f"{EDIT_MAX_ROWS:,}"))
        stop_editing_button(language)
        return
    st.caption(t("edit_copy", name=code_span(editing.name)))
    result = editing.edit.result
    if result.problems:
        st.error(t("edit_problems", count=result.total))
        st.code("\n".join(p.text(language) for p in result.problems), language=None)
    else:
        st.success(t("edit_valid"))
    row = st.container(horizontal=True)
    stem = edited_name(editing.name).rsplit(".", 1)[0]
    row.download_button(
        t("edit_download_yaml"),
        editing.shown.data if editing.shown is not None else b"",
        file_name=f"{stem}.yaml",
        mime="application/yaml",
        on_click="ignore",
        key="edit_download_yaml",
    )
    row.download_button(
        t("edit_download_xlsx"),
        functools.partial(workbook_file, digest, dataset),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="edit_download_xlsx",
    )
    stop_editing_button(language, row)
    st.caption(t("edit_below"))


def edit_tables(editing: Editing, dataset: Dataset, language: str) -> None:
    """The dataset's tables in editors, the width of the page, below the graph."""
    if sum(len(table.rows) for table in editing.start.values()) > EDIT_MAX_ROWS:
        return
    st.subheader(translate("edit_tables", language))
    result = editing.edit.result
    languages = list(dataset.languages)
    names = [translate(f"table.{name}", language) for name in EDITED_TABLES]
    # A container of its own for each start: the browser draws new editors, not old ones
    # given new data (which would keep showing the edits they held).
    box = st.container(key=f"edit_tables_{st.session_state.get('edit_generation', 0)}")
    # Tabs that keep their choice: a rerun (every edit is one) must not go back to the first.
    tabs = box.tabs(names, key="edit_table_tab", on_change="rerun")
    for table, tab in zip(EDITED_TABLES, tabs, strict=True):
        with tab:
            start = editing.start[table]
            choices = column_choices(editing.start, table, languages)  # stable while editing
            st.data_editor(
                pd.DataFrame(start.rows, columns=start.header, dtype="string"),
                key=editor_key(table),
                num_rows="dynamic",
                hide_index=True,
                column_config={
                    header: st.column_config.SelectboxColumn(header, options=options)
                    for header, options in choices.items()
                },
            )
            # Below the editor, so that problems coming and going do not move it (which
            # would make the browser draw it anew, scrolled back to the top).
            mine = [p.text(language) for p in result.problems if p.table == table]
            if mine:
                st.code("\n".join(mine), language=None)


def stop_editing_button(language: str, slot: DeltaGenerator | None = None) -> None:
    """Back to the dataset chosen in the sidebar; the edits are dropped."""
    if (slot or st).button(translate("edit_stop", language), key="edit_stop"):
        for key in ("edit_start", "edit_last_good", "edit_base"):
            st.session_state.pop(key, None)
        st.session_state.edit_generation = st.session_state.get("edit_generation", 0) + 1
        st.rerun()


def export_view(
    sized: Sizing,
    language: str,
    stem: str,
    words: PageText,
    fmt: ExportFormat,
    layout: dict[str, tuple[float, float]],
) -> bytes:
    """A download of the view: made when clicked, with every measure (computed then)."""
    table = metrics(sized.digest, sized.spec, sized.view)
    return export_file(
        sized.digest,
        sized.spec,
        language,
        fmt.name,
        stem,
        sized.size_by,
        words.headline,
        words.filters,
        fmt,
        sized.view,
        layout,
        table,
        sized.context,
    )


def downloads(
    sized: Sizing,
    layout: dict[str, tuple[float, float]],
    drawing: DrawingSpec,
    stem: str,
    words: PageText,
    language: str,
) -> None:
    """One button per export format, the file made only when clicked; the page's embed code."""
    st.subheader(translate("download", language))
    # One row of buttons that wraps on a phone, rather than columns that stack.
    row = st.container(horizontal=True)
    for fmt in FORMATS:
        row.download_button(
            f"{fmt.label} (zip)" if fmt.several else fmt.label,
            functools.partial(export_view, sized, language, stem, words, fmt, layout),
            file_name=download_name(fmt, stem),
            mime=download_mime(fmt),
            on_click="ignore",
            key=f"download_{fmt.name}",
        )
    page_file = download_name(export_format("html"), stem)
    embed = st.expander(translate("embed", language), key="embed", on_change="rerun")
    # Filled only when open: its code block brings 1.5 MB of highlighter script to every
    # page load otherwise (Streamlit fetches an element's code when it is first shown).
    if embed.open:
        with embed:
            st.caption(translate("embed_help", language, file=code_span(page_file)))
            st.code(embed_snippet(page_file, words.title), language="html")


if __name__ == "__main__":
    main()
