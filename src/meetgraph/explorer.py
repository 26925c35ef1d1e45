"""What the explorer app shows and decides, computed without Streamlit so that tests reach it.

The app (:mod:`meetgraph.app`) only lays out widgets and calls these
functions through Streamlit's caches; everything it displays, and every
choice it makes about what to show, comes from here.

Examples
--------
>>> from meetgraph.examples import EXAMPLE_YAML
>>> from meetgraph.graph import build_graph
>>> from meetgraph.loader import load_dataset_text
>>> G = build_graph(load_dataset_text(EXAMPLE_YAML, "example.yaml"))
>>> view_counts(G)
{'actors': 3, 'meetings': 1, 'missing': 0}
>>> content_digest(b"abc")[:12]
'ba7816bf8f01'
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from meetgraph.errors import DatasetError, UnknownActorError
from meetgraph.filters import ego_network
from meetgraph.i18n import ui_languages
from meetgraph.labels import actor_label, graph_languages, localized, sector_label
from meetgraph.metrics import MEASURES, SIZE_MEASURES
from meetgraph.vocabulary import MeetingStatus

__all__ = [
    "DatasetChoice",
    "actors_by_name",
    "centrality_view",
    "choose_dataset",
    "content_digest",
    "date_filter",
    "ego_view",
    "language_options",
    "missing_table",
    "names_in",
    "neighbour_table",
    "node_sizes",
    "slider_range",
    "view_counts",
]


def content_digest(data: bytes) -> str:
    """The SHA-256 of a file's bytes: the key every cache of a dataset uses."""
    return hashlib.sha256(data).hexdigest()


def view_counts(G: nx.MultiGraph) -> dict[str, int]:
    """Actors, distinct declared meetings and missing edges in ``G``."""
    statuses = [(key, data.get("status")) for _, _, key, data in G.edges(keys=True, data=True)]
    meetings = {key for key, status in statuses if status != MeetingStatus.MISSING}
    missing = sum(1 for _, status in statuses if status == MeetingStatus.MISSING)
    return {"actors": G.number_of_nodes(), "meetings": len(meetings), "missing": missing}


def language_options(G: nx.MultiGraph) -> list[str]:
    """The languages a user may pick: the dataset's, then the other interface languages.

    >>> options = language_options(nx.MultiGraph(languages=["ja", "en"]))
    >>> options[:2], "ko" in options
    (['ja', 'en'], True)
    """
    return list(dict.fromkeys([*graph_languages(G), *ui_languages()]))


@dataclass(frozen=True)
class DatasetChoice:
    """The dataset the app shows, what to remember as the last good upload, and the problems."""

    name: str
    data: bytes
    last_good: tuple[str, bytes] | None
    problems: tuple[str, ...] = ()


def choose_dataset(
    upload: tuple[str, bytes] | None,
    last_good: tuple[str, bytes] | None,
    bundled: tuple[str, bytes],
    check: Callable[[str, bytes], object],
) -> DatasetChoice:
    """Which dataset to show, given an upload (or none), the last good upload and the bundled one.

    A good upload is shown and remembered. A bad one shows its problems while
    the last good upload (else the bundled dataset) stays on screen. No
    upload shows the bundled dataset and forgets any earlier upload.
    ``check`` loads a file (name, bytes), raising :class:`DatasetError`.

    >>> def check(name, data):
    ...     if data == b"bad":
    ...         raise DatasetError([])
    >>> seoul = ("seoul.yaml", b"...")
    >>> first = choose_dataset(("mine.yaml", b"ok"), None, seoul, check)
    >>> first.name, first.last_good
    ('mine.yaml', ('mine.yaml', b'ok'))
    >>> second = choose_dataset(("typo.yaml", b"bad"), first.last_good, seoul, check)
    >>> second.name, second.last_good
    ('mine.yaml', ('mine.yaml', b'ok'))
    >>> choose_dataset(None, second.last_good, seoul, check).name
    'seoul.yaml'
    """
    if upload is None:
        return DatasetChoice(*bundled, last_good=None)
    try:
        check(*upload)
    except DatasetError as error:
        shown = last_good or bundled
        problems = tuple(str(problem) for problem in error.problems)
        return DatasetChoice(*shown, last_good=last_good, problems=problems)
    return DatasetChoice(*upload, last_good=upload)


def slider_range(
    span: tuple[dt.date, dt.date], since: dt.date | None, until: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The date slider's handles for a view: its dates, kept within the dataset's span.

    >>> span = (dt.date(2025, 2, 3), dt.date(2025, 2, 6))
    >>> slider_range(span, None, dt.date(2030, 1, 1))
    (datetime.date(2025, 2, 3), datetime.date(2025, 2, 6))
    """
    low, high = span
    start = min(max(since or low, low), high)
    end = max(min(until or high, high), start)
    return start, end


def date_filter(
    span: tuple[dt.date, dt.date], picked: tuple[dt.date, dt.date]
) -> tuple[dt.date | None, dt.date | None]:
    """The view's ``since`` and ``until`` from the slider: a handle at the span's end is no limit.

    So the full span means "no date filter", and undated meetings stay in view.

    >>> span = (dt.date(2025, 2, 3), dt.date(2025, 2, 6))
    >>> date_filter(span, span)
    (None, None)
    >>> date_filter(span, (dt.date(2025, 2, 4), dt.date(2025, 2, 6)))
    (datetime.date(2025, 2, 4), None)
    """
    since = picked[0] if picked[0] > span[0] else None
    until = picked[1] if picked[1] < span[1] else None
    return since, until


def ego_view(view: nx.MultiGraph, graph: nx.MultiGraph, actor: str) -> nx.MultiGraph:
    """An actor and whom it met in ``view``; the actor alone when the view hides it.

    Raises
    ------
    UnknownActorError
        If ``actor`` is not in ``graph`` either.
    """
    if actor in view:
        return ego_network(view, actor, 1)
    return ego_network(graph, actor, 0)


def missing_table(G: nx.MultiGraph, language: str | None = None) -> pd.DataFrame:
    """One row per missing edge: who, where, why, and the meetings that justify it.

    >>> missing_table(nx.MultiGraph()).columns.tolist()
    ['expectation', 'visitor', 'actor', 'name', 'country', 'explanation', 'peers']
    """
    rows = []
    for u, v, data in G.edges(data=True):
        if data["status"] != MeetingStatus.MISSING:
            continue
        visitor = data["visitor"]
        actor = v if u == visitor else u
        rows.append(
            {
                "expectation": data["expectation"],
                "visitor": visitor,
                "actor": actor,
                "name": actor_label(G, actor, language),
                "country": data["country"],
                "explanation": localized(G, data["explanation"], language),
                "peers": ", ".join(data["peers"]),
            }
        )
    columns = ["expectation", "visitor", "actor", "name", "country", "explanation", "peers"]
    return pd.DataFrame(rows, columns=columns).sort_values(["expectation", "actor"])


def centrality_view(metrics: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The centrality table as shown: the name in ``language``, the measures, then the rest.

    Sorted by the first measure, highest first.

    >>> from meetgraph.metrics import centrality
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", name={"en": "A", "ko": "가"}, type="person", sector="ai", country="KR")
    >>> shown = centrality_view(centrality(G), "ko")
    >>> list(shown.columns)[:3], shown.loc["a", "name"]
    (['name', 'pagerank', 'degree'], '가')
    """
    shown = metrics.copy()
    names = [str(c) for c in shown.columns if str(c).startswith("name_")]
    shown.insert(0, "name", names_in(shown, language))
    measures = [m.name for m in MEASURES if m.name in shown.columns]
    rest = [c for c in shown.columns if c not in {"name", *names, *measures}]
    return shown[["name", *measures, *rest]].sort_values(MEASURES[0].name, ascending=False)


def names_in(table: pd.DataFrame, language: str | None) -> pd.Series:
    """Each row's name in ``language``, else in the first language that has one, else its id.

    ``table`` has ``name_<language>`` columns, in the dataset's order of languages.

    >>> names_in(pd.DataFrame({"name_en": ["Son"], "name_ja": [None]}, index=["s"]), "ja").tolist()
    ['Son']
    """
    columns = [str(c) for c in table.columns if str(c).startswith("name_")]
    preferred = f"name_{language}"
    ordered = [preferred] if preferred in columns else []
    ordered += [c for c in columns if c != preferred]
    names = pd.Series([str(i) for i in table.index], index=table.index, dtype=object)
    for column in reversed(ordered):
        names = table[column].astype(object).where(table[column].notna(), names)
    return names.rename("name")


def node_sizes(metrics: pd.DataFrame, measure: str) -> Mapping[str, float]:
    """The values of one centrality ``measure`` by actor, to size the nodes with."""
    sizable = [m.name for m in SIZE_MEASURES]
    if measure not in sizable:
        raise ValueError(f"cannot size nodes by {measure!r}; choose one of {', '.join(sizable)}")
    return {str(actor): float(value) for actor, value in metrics[measure].items()}


def actors_by_name(G: nx.MultiGraph, language: str | None = None) -> list[str]:
    """The actor ids of ``G`` sorted by their name in ``language``."""
    return sorted(G.nodes, key=lambda n: (actor_label(G, n, language).casefold(), str(n)))


def neighbour_table(G: nx.MultiGraph, actor: str, language: str | None = None) -> pd.DataFrame:
    """Whom ``actor`` met: one row per neighbour with the statuses and meetings between them.

    Raises
    ------
    UnknownActorError
        If ``actor`` is not in ``G``.

    >>> G = nx.MultiGraph()
    >>> G.add_nodes_from(["a", "b"], name={"en": "x"}, sector="ai", country="KR")
    >>> _ = G.add_edge("a", "b", key="m1", status="held")
    >>> _ = G.add_edge("a", "b", key="m2", status="planned")
    >>> neighbour_table(G, "a")[["neighbour", "statuses", "meetings"]].to_dict("records")
    [{'neighbour': 'b', 'statuses': 'held, planned', 'meetings': 'm1, m2'}]
    """
    if actor not in G:
        raise UnknownActorError(actor)
    order: Sequence[str] = [s.value for s in MeetingStatus]
    rows = []
    for other in G.neighbors(actor):
        between: dict[Any, dict[str, Any]] = G.get_edge_data(actor, other, default={})
        statuses = {str(data.get("status")) for data in between.values()}
        rows.append(
            {
                "neighbour": other,
                "name": actor_label(G, other, language),
                "sector": sector_label(G, str(G.nodes[other].get("sector")), language),
                "country": G.nodes[other].get("country"),
                "statuses": ", ".join(s for s in order if s in statuses),
                "meetings": ", ".join(sorted(str(key) for key in between)),
            }
        )
    columns = ["neighbour", "name", "sector", "country", "statuses", "meetings"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["name", "neighbour"], kind="stable").reset_index(drop=True)
