"""Filters: pure functions that return read-only views of a meeting graph.

The filters a user picks values for are registered in :data:`CHOICE_FILTERS`:
a node filter (sector, country, actor type) keeps the actors whose attribute
is one of the values picked, and the edges among them; an edge filter
(where a meeting took place, status) keeps every actor and the edges whose
attribute is: filtering meetings by country keeps the visitor in view. A missing
edge takes place where it was expected: its ``country`` is its rule's expected
country, so "where meetings took place: KR" keeps the meetings that did not
happen in Korea with those that did. The date range keeps every actor and
drops edges. The CLI's options, the app's pickers and the URL parameters are
made from the registry: to add a filter, add an entry (with its word
``filter.<name>`` in the locale files).

Nothing is copied or mutated: each function returns a
:func:`networkx.subgraph_view`, so filtering a large graph is cheap and the
original stays intact. (networkx is imported where a graph is filtered: the
command line reads the registry before it needs a graph.)

Examples
--------
>>> from meetgraph.examples import example_graph
>>> G = example_graph()
>>> sorted(filter_graph(G, {"country": ["KR"]}).nodes)
['a', 'b']
>>> filter_graph(G, {"country": ["KR"]}).number_of_edges(), G.number_of_edges()
(1, 3)
>>> sorted(ego_network(G, "c", radius=1).nodes)
['a', 'b', 'c']
>>> date_span(G)
(datetime.date(2025, 2, 4), datetime.date(2025, 2, 4))
>>> [f.name for f in CHOICE_FILTERS], choice_filter("type").options(G)
(['sector', 'country', 'type', 'meeting_country', 'status'], ['organization', 'person'])
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from meetgraph.errors import MeetgraphError, UnknownActorError
from meetgraph.i18n import translate
from meetgraph.labels import sector_label
from meetgraph.vocabulary import MeetingStatus

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CHOICE_FILTERS",
    "ChoiceFilter",
    "FilterError",
    "choice_filter",
    "context_within",
    "date_span",
    "ego_network",
    "filter_graph",
    "induced",
    "settled",
    "top_nodes",
    "values",
]


class FilterError(MeetgraphError, ValueError):
    """A filter was asked for that does not exist, or with values it cannot take."""


def _as_is(G: nx.MultiGraph, value: str, language: str | None) -> str:
    return value


def _sector(G: nx.MultiGraph, value: str, language: str | None) -> str:
    return sector_label(G, value, language)


def _word(group: str) -> Callable[[nx.MultiGraph, str, str | None], str]:
    def label(G: nx.MultiGraph, value: str, language: str | None) -> str:
        return translate(f"{group}.{value}", language or "")

    return label


@dataclass(frozen=True)
class ChoiceFilter:
    """A filter that keeps the actors or edges whose attribute is one of the values picked."""

    name: str  #: the CLI option (``--name``), the URL parameter and the locale word's key
    target: Literal["node", "edge"]  #: what it keeps or drops
    attribute: str  #: the attribute of :mod:`meetgraph.records` it reads
    fixed: tuple[str, ...] = ()  #: the only values it takes; else those found in the graph
    label: Callable[[nx.MultiGraph, str, str | None], str] = _as_is  #: a value as shown

    def options(self, G: nx.MultiGraph) -> list[str]:
        """The values a user may pick in ``G``: the fixed ones, else those present, sorted."""
        if self.fixed:
            return list(self.fixed)
        return values(G, self.attribute, edges=self.target == "edge")


#: Every filter a user picks values for, in the order offered.
CHOICE_FILTERS: tuple[ChoiceFilter, ...] = (
    ChoiceFilter("sector", "node", "sector", label=_sector),
    ChoiceFilter("country", "node", "country"),
    ChoiceFilter("type", "node", "type", label=_word("type")),
    ChoiceFilter("meeting_country", "edge", "country"),
    ChoiceFilter(
        "status", "edge", "status", tuple(s.value for s in MeetingStatus), label=_word("status")
    ),
)


def choice_filter(name: str) -> ChoiceFilter:
    """The registered filter called ``name``.

    Raises
    ------
    FilterError
        If there is none.
    """
    for entry in CHOICE_FILTERS:
        if entry.name == name:
            return entry
    known = ", ".join(f.name for f in CHOICE_FILTERS)
    raise FilterError(f"no filter {name!r} (filters: {known})")


def filter_graph(
    G: nx.MultiGraph,
    choices: Mapping[str, Collection[str] | None] | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    keep_undated: bool = False,
    keep: Collection[Any] = (),
) -> nx.MultiGraph:
    """The part of ``G`` that passes every given filter, as a read-only view.

    Parameters
    ----------
    G : networkx.MultiGraph
        A meeting graph (see :mod:`meetgraph.graph`).
    choices : mapping, optional
        For filters of :data:`CHOICE_FILTERS` by name (``sector``,
        ``country``, ``type``, ``status``), the values to keep; a filter not
        named, or ``None``, keeps all; an empty collection keeps nothing.
    since, until : datetime.date, optional
        Keep edges dated on or after ``since`` and on or before ``until``.
    keep_undated : bool, default False
        With a date range, also keep edges whose date is not known. Without a
        range, undated edges are always kept.
    keep : collection, optional
        Actors kept whatever the actor filters say (the edge filters and the
        dates still apply to their edges): the visitor of a story, see
        :func:`meetgraph.view.kept_visitors`.

    Returns
    -------
    networkx.MultiGraph
        A view of ``G``; copy it with ``nx.MultiGraph(view)`` to change it.

    Raises
    ------
    FilterError
        For a name that is not a registered filter.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", sector="ai", country="KR", type="person")
    >>> G.add_node("b", sector="government", country="KR", type="person")
    >>> _ = G.add_edge("a", "b", key="m", status="held", date=dt.date(2025, 2, 4))
    >>> _ = G.add_edge("a", "b", key="x", status="missing", date=None)
    >>> sorted(k for *_, k in filter_graph(G, {"status": ["missing"]}).edges(keys=True))
    ['x']
    >>> sorted(k for *_, k in filter_graph(G, since=dt.date(2025, 2, 5)).edges(keys=True))
    []
    >>> sorted(filter_graph(G, {"sector": ["ai"]}).nodes)
    ['a']
    >>> sorted(k for *_, k in filter_graph(G, {"sector": ["ai"]}, keep=["b"]).edges(keys=True))
    ['m', 'x']
    """
    import networkx as nx

    picked = {
        choice_filter(name): frozenset(allowed)
        for name, allowed in (choices or {}).items()
        if allowed is not None
    }
    node_filters = [(f.attribute, allowed) for f, allowed in picked.items() if f.target == "node"]
    edge_filters = [(f.attribute, allowed) for f, allowed in picked.items() if f.target == "edge"]
    dated = since is not None or until is not None

    # The actors kept, decided once: a view asks again for every edge it walks (700,000
    # times for a collapse of a third of 20,000 actors), and a set answers fastest. A plain
    # test, not nx.filters.show_nodes, so that the view lists nodes in the graph's order.
    always = frozenset(keep)
    kept = frozenset(
        node
        for node, data in G.nodes(data=True)
        if node in always
        or all(data.get(attribute) in allowed for attribute, allowed in node_filters)
    )
    keep_node = kept.__contains__

    def keep_edge(u: Any, v: Any, key: Any) -> bool:
        data = G.edges[u, v, key]
        if not all(data.get(attribute) in allowed for attribute, allowed in edge_filters):
            return False
        if not dated:
            return True
        date = data.get("date")
        if date is None:
            return keep_undated
        return (since is None or date >= since) and (until is None or date <= until)

    return nx.subgraph_view(
        G,
        filter_node=keep_node if node_filters else nx.filters.no_filter,
        filter_edge=keep_edge if edge_filters or dated else nx.filters.no_filter,
    )


def ego_network(G: nx.MultiGraph, actor: str, radius: int = 1) -> nx.MultiGraph:
    """The actors within ``radius`` meetings of ``actor``, and the edges among them.

    Parameters
    ----------
    G : networkx.MultiGraph
        A meeting graph or a view of one.
    actor : str
        The id of the actor at the centre.
    radius : int, default 1
        How many hops away an actor may be; 0 gives the actor alone.

    Returns
    -------
    networkx.MultiGraph
        A read-only subgraph view of ``G``.

    Raises
    ------
    UnknownActorError
        If ``actor`` is not a node of ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> P = nx.MultiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(ego_network(P, "a", radius=2).nodes)
    ['a', 'b', 'c']
    >>> ego_network(P, "z")
    Traceback (most recent call last):
    ...
    meetgraph.errors.UnknownActorError: unknown actor 'z'
    """
    import networkx as nx

    if actor not in G:
        raise UnknownActorError(actor)
    if radius < 0:
        raise ValueError(f"radius must be 0 or more, not {radius}")
    reached = nx.single_source_shortest_path_length(G, actor, cutoff=radius)
    return induced(G, reached)


def date_span(G: nx.MultiGraph) -> tuple[dt.date, dt.date] | None:
    """The first and last date of the dated edges of ``G``, or ``None`` if none is dated.

    >>> import networkx as nx
    >>> date_span(nx.MultiGraph()) is None
    True
    """
    dates: list[dt.date] = [d["date"] for *_, d in G.edges(data=True) if d.get("date") is not None]
    return (min(dates), max(dates)) if dates else None


def values(G: nx.MultiGraph, attribute: str, *, edges: bool = False) -> list[str]:
    """The distinct non-empty values of a node (or edge) ``attribute`` in ``G``, sorted.

    >>> import networkx as nx
    >>> values(nx.MultiGraph(), "sector")
    []
    """
    found: Iterable[tuple[Any, ...]] = G.edges(data=attribute) if edges else G.nodes(data=attribute)
    return sorted({str(item[-1]) for item in found if item[-1] is not None})


def settled(G: nx.MultiGraph) -> nx.MultiGraph:
    """A frozen graph of what ``G`` (usually a view) holds now, sharing its attribute dicts.

    A view asks its filters again at every step of every walk, about a
    microsecond each: a caller that walks one view many times (the app
    counts it, collapses it for the metrics and draws it) walks it once here
    and then at full speed. Nodes, edges and their order are the view's; the
    attribute dicts are the same objects (nothing is copied but the
    adjacency), and the graph is frozen, so none can be changed through it.

    A frozen graph, or a view that hides nothing of one, is already all that:
    it is returned as it is (the graph below the view), not copied.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> _ = G.add_edge("a", "b", key="m", status="held")
    >>> _ = G.add_edge("b", "c", key="n", status="missing")
    >>> view = filter_graph(G, {"status": ["held"]})
    >>> H = settled(view)
    >>> list(H.edges(keys=True)) == list(view.edges(keys=True)), nx.is_frozen(H)
    (True, True)
    >>> H.edges["a", "b", "m"] is G.edges["a", "b", "m"]
    True
    >>> frozen = nx.freeze(G.copy())
    >>> settled(frozen) is frozen, settled(filter_graph(frozen)) is frozen
    (True, True)
    """
    import networkx as nx

    whole = _frozen_whole(G)
    if whole is not None:
        return whole
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes)
    # The node and edge dicts themselves, in the view's order: set in networkx's own
    # stores (public methods would copy every dict), which is how its subgraphs are made too.
    nodes: dict[Any, dict[str, Any]] = H._node  # type: ignore[attr-defined]
    adjacency: dict[Any, dict[Any, Any]] = H._adj  # type: ignore[attr-defined]
    nodes.update(G.nodes(data=True))
    base = getattr(G, "_graph", None)
    if base is not None and getattr(G, "_EDGE_OK", None) is nx.filters.no_filter:
        # A view that filters only actors: each kept actor's meetings with kept actors, read
        # from the graph below in plain dict steps (a view asks its filters at every step).
        below = getattr(base, "_adj", None)
        if type(below) is dict:  # a graph's own store: its dicts are shared, not copied
            adjacency.update(
                (u, {v: keyed for v, keyed in below[u].items() if v in nodes}) for u in nodes
            )
        else:
            adjacency.update(
                (u, {v: dict(keyed) for v, keyed in base.adj[u].items() if v in nodes})
                for u in nodes
            )
    else:
        adjacency.update(
            (u, {v: dict(keyed) for v, keyed in neighbours.items()})
            for u, neighbours in G.adj.items()
        )
    frozen: nx.MultiGraph = nx.freeze(H)
    return frozen


def _frozen_whole(G: nx.MultiGraph) -> nx.MultiGraph | None:
    """The frozen graph ``G`` is, or that ``G`` views without hiding anything; else None."""
    import networkx as nx

    base = getattr(G, "_graph", None)
    if base is None:
        return G if nx.is_frozen(G) else None
    hides_nothing = all(
        getattr(G, name, None) is nx.filters.no_filter for name in ("_NODE_OK", "_EDGE_OK")
    )
    # At 50,000 actors a copy of the whole adjacency takes seconds and 0.2 GB.
    if hides_nothing and getattr(base, "_graph", None) is None and nx.is_frozen(base):
        return base  # type: ignore[no-any-return]
    return None


def top_nodes(
    G: nx.MultiGraph, scores: Mapping[Any, float], limit: int, max_edges: int | None = None
) -> nx.MultiGraph:
    """A view of ``G`` on the ``limit`` nodes with the highest score.

    Ties are broken by node id; a node without a score ranks last. With
    ``max_edges``, nodes are taken in that order only while the edges among
    them stay within it (the first node always), so a dense core of a large
    graph gives fewer nodes rather than more edges than a page can draw.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(top_nodes(G, {"a": 1.0, "b": 3.0, "c": 1.0}, 2))
    ['a', 'b']
    >>> sorted(top_nodes(G, {"a": 1.0, "b": 3.0, "c": 2.0}, 4, max_edges=1))
    ['b', 'c']
    """
    if limit < 0:
        raise FilterError(f"limit must be at least 0, not {limit}")
    if max_edges is not None and max_edges < 0:
        raise FilterError(f"max_edges must be at least 0, not {max_edges}")
    ranked = sorted(G.nodes, key=lambda node: (-_score(scores, node), str(node)))[:limit]
    if max_edges is not None:
        ranked = _within_edges(G, ranked, max_edges)
    return induced(G, ranked)


def induced(G: nx.MultiGraph, nodes: Iterable[Any]) -> nx.MultiGraph:
    """The subgraph view of ``G`` on ``nodes``, listing them in ``G``'s order.

    ``G.subgraph`` lists a set of them when they are fewer than half of
    ``G``'s, in an order that changes with the process's hash seed: layouts,
    pages and pictures of the same view would change from run to run.

    >>> import networkx as nx
    >>> G = nx.MultiGraph([("b", "c"), ("a", "b"), ("d", "e"), ("f", "g")])
    >>> list(induced(G, ["c", "a", "b"]))
    ['b', 'c', 'a']
    """
    import networkx as nx

    kept = frozenset(nodes)
    view: nx.MultiGraph = nx.subgraph_view(G, filter_node=kept.__contains__)
    return view


def context_within(
    context: nx.MultiGraph, drawn: Collection[Any], limit: int, max_edges: int | None = None
) -> nx.MultiGraph:
    """A view of ``context`` within a drawing's budget: the actors ``drawn`` first.

    The context a page draws faded around a view (see
    :func:`meetgraph.view.context_of`) can be far larger than the view: it
    keeps the view's ``drawn`` actors, then the others with the most edges,
    by :func:`top_nodes`'s rule (``limit`` actors, ``max_edges`` edges).

    >>> import networkx as nx
    >>> G = nx.MultiGraph([("a", "b"), ("b", "c"), ("b", "d"), ("c", "d")])
    >>> sorted(context_within(G, ["a"], 2))
    ['a', 'b']
    """
    degrees = dict(context.degree())
    first = max(degrees.values(), default=0) + 1
    scores = {node: first if node in drawn else float(degree) for node, degree in degrees.items()}
    return top_nodes(context, scores, limit, max_edges)


def _within_edges(G: nx.MultiGraph, ranked: list[Any], max_edges: int) -> list[Any]:
    """The longest head of ``ranked`` whose nodes have at most ``max_edges`` edges among them."""
    chosen: set[Any] = set()
    edges = 0
    for count, node in enumerate(ranked):
        # Only the edges to nodes already chosen (and loops) are new: each counted once.
        neighbours = G[node]
        edges += sum(len(neighbours[other]) for other in neighbours if other in chosen)
        edges += len(neighbours[node]) if node in neighbours else 0
        if edges > max_edges and count:
            return ranked[:count]
        chosen.add(node)
    return ranked


def _score(scores: Mapping[Any, float], node: Any) -> float:
    value = scores.get(node)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return -math.inf
    return float(value)
