"""meetgraph explorer: widgets, cached calls into the library, layout.

Run with ``make run`` (or ``streamlit run streamlit_app.py``).
"""

from __future__ import annotations

import functools
from pathlib import Path

import networkx as nx
import pandas as pd
import streamlit as st

from meetgraph.comparison import contact_table, headline
from meetgraph.errors import DatasetError
from meetgraph.explorer import (
    SIZE_MEASURES,
    actor_label,
    actors_by_name,
    centrality_view,
    content_digest,
    csv_zip_bytes,
    missing_table,
    neighbour_table,
    node_sizes,
    option_label,
    view_counts,
)
from meetgraph.export import CSV_ENCODING, csv_tables, graph_bytes
from meetgraph.filters import date_span, ego_network, values
from meetgraph.graph import build_graph
from meetgraph.i18n import LANGUAGES, translate
from meetgraph.loader import load_dataset_text
from meetgraph.metrics import centrality, counterfactual
from meetgraph.render import MAX_DRAWN_NODES, layout_positions, render_html, top_nodes
from meetgraph.schema import Dataset, MeetingStatus
from meetgraph.settings import Settings
from meetgraph.timeline import meeting_table, timeline_chart
from meetgraph.view import ViewError, ViewSpec, apply_view, from_query_params, to_query_params

STATUSES = [s.value for s in MeetingStatus]
GRAPH_HEIGHT = 680
EGO_HEIGHT = 360
LEGEND_ROOM = 175

# ---- cached calls into the library: keyed on file content and the view, never on paths ----


@st.cache_resource(max_entries=16, show_spinner=False)
def load(digest: str, _data: bytes, name: str, max_bytes: int) -> tuple[Dataset, nx.MultiGraph]:
    dataset = load_dataset_text(_data, name, max_bytes=max_bytes)
    return dataset, build_graph(dataset)


@st.cache_resource(max_entries=16, show_spinner=False)
def positions(digest: str, _G: nx.MultiGraph, seed: int) -> dict[str, tuple[float, float]]:
    return layout_positions(_G, seed=seed)


@st.cache_resource(max_entries=64, show_spinner=False)
def view_of(digest: str, _G: nx.MultiGraph, spec: ViewSpec) -> nx.MultiGraph:
    return apply_view(_G, spec)


@st.cache_data(max_entries=64, show_spinner=False)
def metrics(digest: str, spec: ViewSpec, _view: nx.MultiGraph) -> pd.DataFrame:
    return centrality(_view)


@st.cache_data(max_entries=64, show_spinner=False)
def meetings_of(digest: str, spec: ViewSpec, _view: nx.MultiGraph) -> pd.DataFrame:
    return meeting_table(_view, spec.language)


@st.cache_data(max_entries=64, show_spinner=False)
def what_if_table(digest: str, spec: ViewSpec, _view: nx.MultiGraph) -> pd.DataFrame:
    return counterfactual(_view)


@st.cache_data(max_entries=64, show_spinner=False)
def page(
    digest: str,
    key: tuple[object, ...],
    _view: nx.MultiGraph,
    _positions: dict[str, tuple[float, float]],
    _sizes: dict[str, float],
    language: str,
    physics: bool,
    height: int,
) -> str:
    return render_html(
        _view,
        positions=_positions,
        language=language,
        sizes=_sizes,
        physics=physics,
        # Room below the drawing for the search bar and the legend.
        height=f"{max(height - LEGEND_ROOM, 200)}px",
    )


@st.cache_data(max_entries=64, show_spinner=False)
def export_file(
    digest: str,
    spec: ViewSpec,
    fmt: str,
    _view: nx.MultiGraph,
    _pos: dict[str, tuple[float, float]],
) -> bytes:
    return graph_bytes(nx.MultiGraph(_view), fmt, language=spec.language, positions=_pos)


@st.cache_data(max_entries=64, show_spinner=False)
def metrics_csv(digest: str, spec: ViewSpec, _view: nx.MultiGraph, _table: pd.DataFrame) -> bytes:
    return csv_tables(nx.MultiGraph(_view), _table)["metrics"].encode(CSV_ENCODING)


@st.cache_data(max_entries=64, show_spinner=False)
def csv_zip(digest: str, spec: ViewSpec, _view: nx.MultiGraph, _table: pd.DataFrame) -> bytes:
    return csv_zip_bytes(csv_tables(nx.MultiGraph(_view), _table), "meetgraph")


# ---- the view in the URL, read once per session ----

settings = Settings.from_env()
if "view_from_url" not in st.session_state:
    params = st.query_params.to_dict()
    try:
        st.session_state.view_from_url = from_query_params(params)
    except ViewError as error:
        st.session_state.view_from_url = ViewSpec()
        st.session_state.url_error = str(error)
    st.session_state.data_from_url = params.get("data")
url_view: ViewSpec = st.session_state.view_from_url

st.set_page_config(page_title="meetgraph", page_icon="🕸️", layout="wide")

# ---- sidebar: language, dataset, filters, layout ----

language = st.sidebar.radio(
    "Language / 언어",
    list(LANGUAGES),
    index=list(LANGUAGES).index(url_view.language),
    format_func=LANGUAGES.__getitem__,
    horizontal=True,
    key="language",
)


def t(key: str, **values: object) -> str:
    return translate(key, language, **values)


bundled = {path.name: path for path in settings.bundled_datasets()}
names = list(bundled)
chosen = st.sidebar.selectbox(
    t("dataset"),
    names,
    index=names.index(st.session_state.data_from_url)
    if st.session_state.data_from_url in bundled
    else 0,
    key="dataset",
)
upload = st.sidebar.file_uploader(
    t("upload"),
    type=["yaml", "yml"],
    help=t("upload_help", limit=f"{settings.max_upload_bytes / 1024 / 1024:.0f} MB"),
    key="upload",
)

upload_problems: list[str] = []
if upload is not None:
    uploaded = upload.getvalue()
    try:
        load(content_digest(uploaded), uploaded, upload.name, settings.max_upload_bytes)
        st.session_state.last_good = (upload.name, uploaded)
    except DatasetError as error:
        upload_problems = [str(problem) for problem in error.problems]
else:
    st.session_state.pop("last_good", None)
source_name, source_bytes = st.session_state.get(
    "last_good", (chosen, bundled[chosen].read_bytes())
)
digest = content_digest(source_bytes)
dataset, graph = load(digest, source_bytes, source_name, settings.max_file_bytes)

span = date_span(graph)
since, until = url_view.since, url_view.until
if span is not None and span[0] < span[1]:
    picked_span = st.sidebar.slider(
        t("dates"),
        min_value=span[0],
        max_value=span[1],
        value=(max(since or span[0], span[0]), min(until or span[1], span[1])),
        format="YYYY-MM-DD",
        key="dates",
    )
    # The full span means "no date filter", so undated meetings stay in view.
    since = picked_span[0] if picked_span[0] > span[0] else None
    until = picked_span[1] if picked_span[1] < span[1] else None


def picker(label: str, attribute: str, chosen: tuple[str, ...] | None) -> tuple[str, ...] | None:
    options = values(graph, attribute)
    picked = st.sidebar.multiselect(
        label,
        options,
        default=[v for v in options if v in (chosen or ())],
        format_func=lambda value: option_label(graph, attribute, value, language),
        key=f"pick_{attribute}",
    )
    return tuple(picked) or None


sectors = picker(t("sectors"), "sector", url_view.sectors)
countries = picker(t("countries"), "country", url_view.countries)
types = picker(t("types"), "type", url_view.types)
st.sidebar.caption(t("statuses"))
statuses = tuple(
    status
    for status in STATUSES
    if st.sidebar.toggle(t(status), value=status in url_view.statuses, key=f"status_{status}")
)
focus_options: list[str | None] = [None, *actors_by_name(graph, language)]
focus = st.sidebar.selectbox(
    t("focus"),
    focus_options,
    index=focus_options.index(url_view.actor) if url_view.actor in graph else 0,
    format_func=lambda n: t("focus_none") if n is None else actor_label(graph, n, language),
    key="focus",
)
radius = st.sidebar.radio(
    t("radius"), [1, 2], index=0 if url_view.radius <= 1 else 1, horizontal=True, key="radius"
)
what_if = st.sidebar.toggle(
    t("what_if"), value=url_view.what_if, key="what_if", help=t("what_if_help")
)
with st.sidebar.expander(t("layout")):
    seed = int(st.number_input(t("seed"), min_value=0, max_value=10_000, value=7, key="seed"))
    physics = st.toggle(t("physics"), value=False, key="physics")
    size_by = st.selectbox(t("size_by"), SIZE_MEASURES, format_func=t, key="size_by")

try:
    spec = ViewSpec(
        since=since,
        until=until,
        sectors=sectors,
        countries=countries,
        statuses=statuses,
        types=types,
        actor=focus,
        radius=radius if focus else 1,
        language=language,
        what_if=what_if,
        compare=tuple(st.session_state.get("compare", url_view.compare)),
    )
except ViewError as error:  # only a URL can carry such values; fall back to defaults
    st.session_state.url_error = str(error)
    spec = ViewSpec(language=language)
st.query_params.from_dict({**to_query_params(spec), "data": source_name})

# ---- main area ----

st.title(graph.graph[f"title_{language}"] or graph.graph["title_en"])
if "url_error" in st.session_state:
    st.warning(t("bad_url", error=st.session_state.url_error))
if upload_problems:
    st.error(t("upload_failed"))
    st.code("\n".join(upload_problems), language=None)

view = view_of(digest, graph, spec)
counts = view_counts(view)
table = metrics(digest, spec, view)
cols = st.columns([1, 1, 1, 4])
cols[0].metric(t("actors"), counts["actors"])
cols[1].metric(t("meetings"), counts["meetings"])
cols[2].metric(t("missing_edges"), counts["missing"])
if dataset.expectations:
    cols[3].markdown(f"#### {headline(graph, dataset.expectations, language)}")

graph_column, tabs_column = st.columns([3, 2])
layout = positions(digest, graph, seed)
with graph_column:
    drawn = view
    if view.number_of_nodes() > MAX_DRAWN_NODES:
        drawn = top_nodes(view, node_sizes(table, size_by), MAX_DRAWN_NODES)
        st.info(
            t("top_only", shown=MAX_DRAWN_NODES, total=view.number_of_nodes(), measure=t(size_by))
        )
    if view.number_of_nodes() == 0:
        st.info(t("empty_view"))
    else:
        html = page(
            digest,
            (spec, seed, size_by),
            drawn,
            layout,
            dict(node_sizes(table, size_by)),
            language,
            physics,
            GRAPH_HEIGHT,
        )
        st.iframe(html, height=GRAPH_HEIGHT)
    if table.attrs.get("approximate"):
        st.caption(t("approximate", measures=", ".join(table.attrs["approximate"])))

with tabs_column:
    tab_names = [
        "centrality",
        "meetings",
        "missing",
        "timeline",
        "comparison",
        "what_if",
        "ego",
        "data",
    ]
    tabs = dict(zip(tab_names, st.tabs([t(f"tab_{name}") for name in tab_names]), strict=True))
    with tabs["centrality"]:
        shown = centrality_view(table, language)
        st.dataframe(
            shown,
            column_config={
                measure: st.column_config.ProgressColumn(
                    t(measure),
                    min_value=0.0,
                    max_value=float(shown[measure].max() or 1.0),
                    format="%d" if "degree" in measure else "%.3f",
                )
                for measure in SIZE_MEASURES
            }
            | {
                column: st.column_config.Column(t(f"col_{column}"))
                for column in ("name", "type", "sector", "country", "community")
            }
            | {"_index": st.column_config.Column(t("col_actor"))},
            key="centrality_table",
        )
        st.download_button(
            t("download_table_csv"),
            functools.partial(metrics_csv, digest, spec, view, table),
            file_name=f"{Path(source_name).stem}.metrics.csv",
            mime="text/csv",
            on_click="ignore",
            key="download_metrics_csv",
        )
    with tabs["meetings"]:
        meetings = meetings_of(digest, spec, view)
        st.dataframe(
            meetings.drop(columns=["participant_ids"]), hide_index=True, key="meetings_table"
        )
    with tabs["missing"]:
        missing = missing_table(view, language)
        if missing.empty:
            st.info(t("no_missing"))
        else:
            st.dataframe(missing, hide_index=True, key="missing_table")
    with tabs["timeline"]:
        if meetings.empty:
            st.info(t("empty_view"))
        else:
            st.altair_chart(timeline_chart(meetings, language), key="timeline_chart")
    with tabs["comparison"]:
        contacts = contact_table(view, dataset.expectations)
        if contacts.empty:
            st.info(t("no_rules"))
        else:
            st.bar_chart(
                contacts, x="country", y=["held", "planned", "requested", "missing", "none"]
            )
            st.dataframe(contacts, hide_index=True, key="comparison_table")
    with tabs["what_if"]:
        # Only on request: the counterfactual is two more centrality runs per view.
        if not spec.what_if:
            st.info(t("what_if_off"))
        else:
            st.caption(t("what_if_explained"))
            as_declared = spec.replace(what_if=False)
            st.dataframe(
                what_if_table(digest, as_declared, view_of(digest, graph, as_declared)).drop(
                    columns=["name_ko" if language == "en" else "name_en"]
                ),
                key="what_if_table",
            )
    with tabs["ego"]:
        pair = st.multiselect(
            t("compare_actors"),
            actors_by_name(graph, language),
            default=[a for a in spec.compare if a in graph],
            max_selections=2,
            format_func=lambda n: actor_label(graph, n, language),
            key="compare",
        )
        for actor, column in zip(pair, st.columns(2), strict=False):
            with column:
                st.markdown(f"**{actor_label(graph, actor, language)}**")
                ego = ego_network(view, actor, 1) if actor in view else ego_network(graph, actor, 0)
                st.iframe(
                    page(
                        digest, ("ego", actor, spec), ego, layout, {}, language, False, EGO_HEIGHT
                    ),
                    height=EGO_HEIGHT,
                )
                st.dataframe(
                    neighbour_table(ego, actor, language), hide_index=True, key=f"ego_table_{actor}"
                )

    with tabs["data"]:
        if upload_problems:
            st.error(t("upload_failed"))
            st.code("\n".join(upload_problems), language=None)
        st.success(
            t(
                "valid",
                actors=len(dataset.actors),
                meetings=len(dataset.meetings),
                missing=view_counts(graph)["missing"],
            )
        )
        with st.expander(t("raw_yaml")):
            st.code(source_bytes.decode("utf-8-sig", "replace"), language="yaml")

st.subheader(t("download"))
stem = Path(source_name).stem
downloads = st.columns(5)
for column, (fmt, label, mime) in zip(
    downloads,
    [
        ("html", "HTML", "text/html"),
        ("graphml", "GraphML", "application/xml"),
        ("gexf", "GEXF", "application/xml"),
        ("json", "JSON", "application/json"),
    ],
    strict=False,
):
    column.download_button(
        label,
        functools.partial(export_file, digest, spec, fmt, view, layout),
        file_name=f"{stem}.{fmt}",
        mime=mime,
        on_click="ignore",
        key=f"download_{fmt}",
    )
downloads[4].download_button(
    t("download_csv"),
    functools.partial(csv_zip, digest, spec, view, table),
    file_name=f"{stem}-csv.zip",
    mime="application/zip",
    on_click="ignore",
    key="download_csv",
)
