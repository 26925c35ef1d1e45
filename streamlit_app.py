"""meetgraph explorer: widgets, cached calls into the library, layout.

Run with ``make run`` (or ``streamlit run streamlit_app.py``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pandas as pd
import streamlit as st

from meetgraph.comparison import contact_table, headline
from meetgraph.errors import DatasetError, MeetgraphError
from meetgraph.explorer import (
    SIZE_MEASURES,
    content_digest,
    csv_zip_bytes,
    missing_table,
    node_sizes,
    view_counts,
)
from meetgraph.export import csv_tables, gexf_bytes, graphml_bytes, to_json_text
from meetgraph.filters import date_span, values
from meetgraph.graph import build_graph
from meetgraph.i18n import LANGUAGES, translate
from meetgraph.loader import load_dataset_text
from meetgraph.metrics import centrality
from meetgraph.render import layout_positions, render_html
from meetgraph.schema import Dataset, MeetingStatus
from meetgraph.settings import Settings
from meetgraph.timeline import meeting_table
from meetgraph.view import ViewError, ViewSpec, apply_view, from_query_params, to_query_params

STATUSES = [s.value for s in MeetingStatus]
GRAPH_HEIGHT = 680


# ---- cached calls into the library (keyed on file content, never on paths) ----


@st.cache_resource(max_entries=16, show_spinner=False)
def load(digest: str, _data: bytes, name: str, max_bytes: int) -> tuple[Dataset, nx.MultiGraph]:
    dataset = load_dataset_text(_data, name, max_bytes=max_bytes)
    return dataset, build_graph(dataset)


@st.cache_resource(max_entries=16, show_spinner=False)
def positions(digest: str, _G: nx.MultiGraph, seed: int) -> dict[str, tuple[float, float]]:
    return layout_positions(_G, seed=seed)


@st.cache_data(max_entries=64, show_spinner=False)
def metrics(digest: str, view_key: str, _view: nx.MultiGraph) -> pd.DataFrame:
    return centrality(_view)


@st.cache_data(max_entries=64, show_spinner=False)
def page(
    digest: str,
    view_key: str,
    _view: nx.MultiGraph,
    _positions: dict[str, tuple[float, float]],
    _sizes: dict[str, float],
    language: str,
    physics: bool,
) -> str:
    return render_html(
        _view, positions=_positions, language=language, node_sizes=_sizes, physics=physics
    )


def bundled_file(path: Path) -> bytes:
    return path.read_bytes()


# ---- state from the URL, once per session ----

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
    data = upload.getvalue()
    try:
        load(content_digest(data), data, upload.name, settings.max_upload_bytes)
        st.session_state.last_good = (upload.name, data)
    except DatasetError as error:
        upload_problems = [str(problem) for problem in error.problems]
if upload is None:
    st.session_state.pop("last_good", None)
source_name, source_bytes = st.session_state.get(
    "last_good", (chosen, bundled_file(bundled[chosen]))
)
digest = content_digest(source_bytes)
dataset, graph = load(digest, source_bytes, source_name, settings.max_file_bytes)

span = date_span(graph)
since, until = url_view.since, url_view.until
if span is not None and span[0] < span[1]:
    chosen_span = st.sidebar.slider(
        t("dates"),
        min_value=span[0],
        max_value=span[1],
        value=(max(since or span[0], span[0]), min(until or span[1], span[1])),
        format="YYYY-MM-DD",
        key="dates",
    )
    since = chosen_span[0] if chosen_span[0] > span[0] else None
    until = chosen_span[1] if chosen_span[1] < span[1] else None


def picker(label: str, attribute: str, chosen: tuple[str, ...] | None) -> tuple[str, ...] | None:
    options = values(graph, attribute)
    default = [v for v in chosen if v in options] if chosen is not None else []
    picked = st.sidebar.multiselect(
        label,
        options,
        default=default,
        format_func=lambda v: _label(attribute, v),
        key=f"pick_{attribute}",
    )
    return tuple(picked) or None


def _label(attribute: str, value: str) -> str:
    if attribute == "sector":
        sector = graph.graph["sectors"].get(value, {})
        return str(sector.get(f"label_{language}") or sector.get("label_en") or value)
    if attribute == "type":
        return (
            t(value) if value in {"person", "organization", "group", "government_body"} else value
        )
    return value


sectors = picker(t("sectors"), "sector", url_view.sectors)
countries = picker(t("countries"), "country", url_view.countries)
st.sidebar.caption(t("statuses"))
statuses = tuple(
    status
    for status in STATUSES
    if st.sidebar.toggle(t(status), value=status in url_view.statuses, key=f"status_{status}")
)
types = picker(t("types"), "type", url_view.types)

actor_ids = sorted(graph.nodes, key=lambda n: str(graph.nodes[n]["name_en"]).casefold())
focus_options: list[str | None] = [None, *actor_ids]
focus = st.sidebar.selectbox(
    t("focus"),
    focus_options,
    index=focus_options.index(url_view.actor) if url_view.actor in graph else 0,
    format_func=lambda n: t("focus_none") if n is None else _label("name", _name(n)),
    key="focus",
)


def _name(node: str) -> str:
    data = graph.nodes[node]
    return str(data[f"name_{language}"] or data["name_en"])


radius = st.sidebar.radio(
    t("radius"), [1, 2], index=0 if url_view.radius <= 1 else 1, horizontal=True, key="radius"
)
with st.sidebar.expander(t("layout")):
    seed = int(st.number_input(t("seed"), min_value=0, max_value=10_000, value=7, key="seed"))
    physics = st.toggle(t("physics"), value=False, key="physics")
    size_by = st.selectbox(t("size_by"), SIZE_MEASURES, format_func=t, key="size_by")

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
)
st.query_params.from_dict({**to_query_params(spec), "data": source_name})
view_key = "&".join(f"{k}={v}" for k, v in sorted(to_query_params(spec).items()))

# ---- main area ----

st.title(graph.graph[f"title_{language}"] or graph.graph["title_en"])
if "url_error" in st.session_state:
    st.warning(t("bad_url", error=st.session_state.url_error))
if upload_problems:
    st.error(t("upload_failed"))
    st.code("\n".join(upload_problems), language=None)

view = apply_view(graph, spec)
counts = view_counts(view)
table = metrics(digest, view_key, view)
rules = dataset.expectations
cols = st.columns([1, 1, 1, 4])
cols[0].metric(t("actors"), counts["actors"])
cols[1].metric(t("meetings"), counts["meetings"])
cols[2].metric(t("missing_edges"), counts["missing"])
if rules:
    cols[3].markdown(f"### {headline(contact_table(graph, rules), language)}")

graph_column, tabs_column = st.columns([3, 2])
with graph_column:
    if view.number_of_nodes() == 0:
        st.info(t("empty_view"))
    else:
        html = page(
            digest,
            view_key + f"|{seed}|{size_by}",
            view,
            positions(digest, graph, seed),
            dict(node_sizes(table, size_by)),
            language,
            physics,
        )
        st.iframe(html, height=GRAPH_HEIGHT)
    if table.attrs.get("approximate"):
        st.caption(t("approximate", measures=", ".join(table.attrs["approximate"])))

with tabs_column:
    centrality_tab, meetings_tab, missing_tab, data_tab = st.tabs(
        [t("tab_centrality"), t("tab_meetings"), t("tab_missing"), t("tab_data")]
    )
    with centrality_tab:
        shown = table.drop(columns=["name_ko" if language == "en" else "name_en"])
        st.dataframe(
            shown.sort_values("pagerank", ascending=False),
            column_config={
                measure: st.column_config.ProgressColumn(
                    t(measure), min_value=0.0, max_value=float(shown[measure].max() or 1.0)
                )
                for measure in SIZE_MEASURES
            },
            key="centrality_table",
        )
    with meetings_tab:
        meetings = meeting_table(view, language)
        st.dataframe(
            meetings.drop(columns=["participant_ids"]),
            hide_index=True,
            key="meetings_table",
        )
    with missing_tab:
        missing = missing_table(view, language)
        if missing.empty:
            st.info(t("no_missing"))
        else:
            st.dataframe(missing, hide_index=True, key="missing_table")
    with data_tab:
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
export_view = nx.MultiGraph(view)
download_columns = st.columns(5)
download_columns[0].download_button(
    "HTML",
    render_html(export_view, positions=positions(digest, graph, seed), language=language),
    file_name=f"{stem}.html",
    mime="text/html",
    key="download_html",
)
download_columns[1].download_button(
    "GraphML", graphml_bytes(export_view), f"{stem}.graphml", "application/xml", key="dl_graphml"
)
download_columns[2].download_button(
    "GEXF", gexf_bytes(export_view), f"{stem}.gexf", "application/xml", key="dl_gexf"
)
download_columns[3].download_button(
    "JSON", to_json_text(export_view), f"{stem}.json", "application/json", key="dl_json"
)
download_columns[4].download_button(
    t("download_csv"),
    csv_zip_bytes(csv_tables(export_view, table), stem),
    f"{stem}-csv.zip",
    "application/zip",
    key="dl_csv",
)

_ = (dt, MeetgraphError)
