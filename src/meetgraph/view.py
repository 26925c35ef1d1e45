"""A view of the graph: the filters a user chose, applied at once and kept as plain strings.

The CLI's filter options and the app's sidebar both describe a
:class:`ViewSpec`; :func:`apply_view` turns it into a filtered view of the
graph, and :func:`to_query_params` / :func:`from_query_params` keep it in a
URL (plain strings only), so a copied address restores the view. The
choice filters and their URL parameters come from
:data:`meetgraph.filters.CHOICE_FILTERS`.

Two rules keep the story readable when the filters narrow the view:

- **The visitor stays in view.** The visitor of an expectation (the actor at
  one end of its missing edges) whom the actor filters (sector, country,
  type) would hide is kept when it has an edge in view to an actor they
  keep, and so are those edges (:func:`kept_visitors`): "Countries: KR"
  shows Sam Altman, the US visitor, with his Korean meetings and the missing
  ones, not one meeting among Korean actors. The edge filters and the dates
  still apply to his edges.
- **Fade, or remove.** With ``fade`` the page draws the view's context
  (:func:`context_of`) and fades what the choice filters (sector, country,
  type, where meetings took place, status) leave out; the dates, the focus
  and the what-if shape the context as they shape the view, so what they
  leave out is not drawn. The counts and measures are the view's either way.

Examples
--------
>>> spec = ViewSpec(choices=Choices(sector=("ai", "government"), status=("held", "missing")),
...                 language="ko")
>>> params = to_query_params(spec)
>>> params
{'sector': 'ai,government', 'status': 'held,missing', 'lang': 'ko'}
>>> from_query_params(params) == spec
True
>>> from_query_params({"since": "yesterday"})
Traceback (most recent call last):
...
meetgraph.view.ViewError: since: expected a date YYYY-MM-DD, not 'yesterday'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from meetgraph.errors import MeetgraphError, UnknownActorError, shown
from meetgraph.expectations import as_if_held
from meetgraph.filters import CHOICE_FILTERS, FilterError, choice_filter, ego_network, filter_graph
from meetgraph.i18n import LANGUAGE_CODE, translate
from meetgraph.labels import actor_label
from meetgraph.metrics import SIZE_MEASURES
from meetgraph.vocabulary import MISSING

__all__ = [
    "DEFAULT_SEED",
    "MAX_SEED",
    "RADII",
    "Choices",
    "DrawingSpec",
    "HiddenActorError",
    "ViewError",
    "ViewSpec",
    "apply_view",
    "chosen_part",
    "context_of",
    "describe",
    "from_query_params",
    "kept_visitors",
    "story_visitors",
    "to_query_params",
]

#: How many hops around the focus actor a view may reach.
RADII = (0, 1, 2, 3)
#: The layout's seed when none is chosen, and the largest a user may choose.
DEFAULT_SEED, MAX_SEED = 7, 10_000


class ViewError(MeetgraphError):
    """A view parameter (from the command line or a URL) is not usable."""


class HiddenActorError(UnknownActorError):
    """The focus actor is in the dataset but the other filters hide it."""

    def __str__(self) -> str:
        return f"actor {shown(self.actor)} is hidden by the other filters"


class Choices(Mapping[str, tuple[str, ...]]):
    """The values picked per choice filter, immutable and hashable (a cache key).

    A filter left out keeps everything; an empty tuple keeps nothing. Picking
    every value of a filter with fixed values is the same as leaving it out.

    >>> Choices(status=("held", "planned", "requested", "missing")) == Choices()
    True
    >>> Choices(status=("maybe",))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    meetgraph.view.ViewError: status: unknown value 'maybe' (known: held, planned, ...)
    """

    __slots__ = ("_items",)

    def __init__(self, picked: Mapping[str, Iterable[str] | None] | None = None, **more: Any):
        given = {**(picked or {}), **more}
        items = []
        for entry in CHOICE_FILTERS:
            chosen = given.pop(entry.name, None)
            if chosen is None:
                continue
            values = tuple(dict.fromkeys(str(v) for v in chosen))
            unknown = [v for v in values if entry.fixed and v not in entry.fixed]
            if unknown:
                known = ", ".join(entry.fixed)
                raise ViewError(f"{entry.name}: unknown value {unknown[0]!r} (known: {known})")
            if entry.fixed and set(values) == set(entry.fixed):
                continue
            items.append((entry.name, values))
        if given:
            try:
                choice_filter(next(iter(given)))
            except FilterError as error:
                raise ViewError(str(error)) from None
        self._items: tuple[tuple[str, tuple[str, ...]], ...] = tuple(items)

    def __getitem__(self, name: str) -> tuple[str, ...]:
        for key, values in self._items:
            if key == name:
                return values
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Choices) and self._items == other._items

    def __repr__(self) -> str:
        return f"Choices({', '.join(f'{k}={v!r}' for k, v in self._items)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Choices, (dict(self._items),))


@dataclass(frozen=True)
class ViewSpec:
    """What part of the graph to show, and how."""

    since: dt.date | None = None
    until: dt.date | None = None
    choices: Choices = field(default_factory=Choices)
    actor: str | None = None
    radius: int = 1
    language: str | None = None  #: None: the dataset's first language
    what_if: bool = False
    compare: tuple[str, ...] = ()
    fade: bool = False  #: draw what the choice filters leave out, faded, rather than remove it

    def __post_init__(self) -> None:
        if self.radius not in RADII:
            raise ViewError(f"radius: must be 0, 1, 2 or 3, not {self.radius!r}")
        if self.language is not None and not re.match(LANGUAGE_CODE, self.language):
            message = f"lang: must be a language code such as en or ko, not {self.language!r}"
            raise ViewError(message)
        if self.since and self.until and self.since > self.until:
            raise ViewError(f"since: {self.since} is after until: {self.until}")
        if len(self.compare) > 2:
            raise ViewError(f"compare: at most two actors, not {len(self.compare)}")

    def replace(self, **changes: Any) -> ViewSpec:
        """A copy with ``changes`` applied (and checked)."""
        return replace(self, **changes)


# URL parameters of the drawing.
_SEED, _PHYSICS, _SIZE, _AFFILIATIONS = ("seed", "physics", "size", "affil")


@dataclass(frozen=True)
class DrawingSpec:
    """How the view is drawn: the layout's seed, brief physics, the measure sizing the
    actors, and whether affiliations (person to organisation) are drawn.

    Kept in the URL beside :class:`ViewSpec`'s parameters, the defaults left out,
    so that a shared address draws the same picture.

    >>> DrawingSpec(seed=3, size_by="eigenvector").to_query_params()
    {'seed': '3', 'size': 'eigenvector'}
    >>> DrawingSpec.from_query_params({"physics": "1", "affil": "0", "lang": "ko"})
    DrawingSpec(seed=7, physics=True, size_by='pagerank', affiliations=False)
    >>> DrawingSpec.from_query_params({"size": "fame"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    meetgraph.view.ViewError: size: expected one of pagerank, degree, ..., not 'fame'
    """

    seed: int = DEFAULT_SEED
    physics: bool = False
    size_by: str = SIZE_MEASURES[0].name
    affiliations: bool = True

    def __post_init__(self) -> None:
        if not (isinstance(self.seed, int) and 0 <= self.seed <= MAX_SEED):
            raise ViewError(
                f"seed: expected a whole number from 0 to {MAX_SEED}, not {self.seed!r}"
            )
        sizable = [m.name for m in SIZE_MEASURES]
        if self.size_by not in sizable:
            raise ViewError(f"size: expected one of {', '.join(sizable)}, not {self.size_by!r}")

    def to_query_params(self) -> dict[str, str]:
        """The settings that differ from the defaults, as URL parameters (plain strings)."""
        default = DrawingSpec()
        params: dict[str, str] = {}
        if self.seed != default.seed:
            params[_SEED] = str(self.seed)
        if self.physics != default.physics:
            params[_PHYSICS] = _flag_text(self.physics)
        if self.size_by != default.size_by:
            params[_SIZE] = self.size_by
        if self.affiliations != default.affiliations:
            params[_AFFILIATIONS] = _flag_text(self.affiliations)
        return params

    @classmethod
    def from_query_params(cls, params: Mapping[str, str]) -> DrawingSpec:
        """The drawing URL parameters describe; other parameters are ignored.

        Raises
        ------
        ViewError
            Naming the parameter whose value cannot be used.
        """
        values: dict[str, Any] = {}
        if (text := _raw(params, _SEED)) is not None:
            if not (text.isascii() and text.isdigit() and len(text) <= len(str(MAX_SEED))):
                raise ViewError(f"seed: expected a whole number from 0 to {MAX_SEED}, not {text!r}")
            values["seed"] = int(text)
        for name, attribute in ((_PHYSICS, "physics"), (_AFFILIATIONS, "affiliations")):
            if (text := _raw(params, name)) is not None:
                values[attribute] = _flag(name, text)
        if (text := _raw(params, _SIZE)) is not None:
            values["size_by"] = text
        return cls(**values)


def describe(
    G: nx.MultiGraph, spec: ViewSpec, language: str, *, kept: tuple[Any, ...] | None = None
) -> str:
    """The filters of ``spec`` in words, for a picture or a page that shows the view.

    ``kept`` is :func:`kept_visitors` of ``G`` and ``spec`` when the caller
    has it (the visitors kept are named); None finds them.

    >>> import networkx as nx
    >>> G = nx.MultiGraph(sectors={"gov": {"label": {"en": "Government"}}})
    >>> print(describe(G, ViewSpec(), "en"))
    All actors and meetings
    >>> spec = ViewSpec(choices=Choices(sector=["gov"], status=["held", "missing"]))
    >>> print(describe(G, spec, "en"))
    Shown: Sectors: Government; Edges shown: held, missing (expected)
    """
    parts = []
    for entry in CHOICE_FILTERS:
        if entry.name in spec.choices:
            values = ", ".join(entry.label(G, v, language) for v in spec.choices[entry.name])
            parts.append(f"{translate(f'filter.{entry.name}', language)}: {values or '—'}")
    if spec.since is not None:
        parts.append(translate("filters.since", language, date=spec.since.isoformat()))
    if spec.until is not None:
        parts.append(translate("filters.until", language, date=spec.until.isoformat()))
    if spec.actor is not None and spec.actor in G:
        name = actor_label(G, spec.actor, language)
        parts.append(translate("filters.focus", language, name=name, radius=spec.radius))
    if spec.what_if:
        parts.append(translate("filters.what_if", language))
    if kept is None:
        kept = kept_visitors(G, spec)
    if kept:
        names = ", ".join(actor_label(G, actor, language) for actor in kept)
        parts.append(translate("filters.kept", language, names=names))
    if spec.fade and spec.choices:
        parts.append(translate("filters.fade", language))
    if not parts:
        return translate("filters.all", language)
    return translate("filters.shown", language, parts="; ".join(parts))


def apply_view(
    G: nx.MultiGraph, spec: ViewSpec, *, kept: tuple[Any, ...] | None = None
) -> nx.MultiGraph:
    """The part of ``G`` that ``spec`` selects, as a read-only view.

    The focus actor, when given, must survive the other filters. With
    ``spec.what_if`` the missing edges are shown as if held (a new graph, see
    :func:`meetgraph.expectations.as_if_held`). ``kept`` is
    :func:`kept_visitors` of ``G`` and ``spec`` when the caller has it
    (a page that also names them finds them once); None finds them.

    Raises
    ------
    HiddenActorError
        If ``spec.actor`` is in ``G`` but not in the filtered graph.
    UnknownActorError
        If ``spec.actor`` is not in ``G`` at all.
    """
    view = chosen_part(G, spec, kept=kept)
    if spec.actor is not None:
        if spec.actor in G and spec.actor not in view:
            raise HiddenActorError(spec.actor)
        view = ego_network(view, spec.actor, spec.radius)
    return as_if_held(view) if spec.what_if else view


def chosen_part(
    G: nx.MultiGraph, spec: ViewSpec, *, kept: tuple[Any, ...] | None = None
) -> nx.MultiGraph:
    """What the choice filters and the dates of ``spec`` keep, the story's visitors kept too.

    The first step of :func:`apply_view` (no focus, no what-if), as a
    read-only view; ``kept`` as there (see :func:`kept_visitors`).
    """
    if kept is None:
        kept = kept_visitors(G, spec)
    return filter_graph(G, spec.choices, since=spec.since, until=spec.until, keep=kept)


def story_visitors(G: nx.MultiGraph) -> frozenset[Any]:
    """The actors of ``G`` at the visitor's end of a missing edge: the stories' centres.

    A walk of every edge, whatever the view: a caller that asks
    :func:`kept_visitors` about many views of one graph finds them once.

    >>> G = nx.MultiGraph()
    >>> _ = G.add_edge("v", "m", key="rule", status="missing", visitor="v")
    >>> _ = G.add_edge("v", "p", key="met", status="held", visitor="p")
    >>> sorted(story_visitors(G))
    ['v']
    """
    return frozenset(
        visitor
        for *_, data in G.edges(data=True)
        if data.get("status") == MISSING
        and (visitor := data.get("visitor")) is not None
        and visitor in G
    )


def kept_visitors(
    G: nx.MultiGraph, spec: ViewSpec, *, visitors: Collection[Any] | None = None
) -> tuple[Any, ...]:
    """The visitors ``spec``'s actor filters would hide but the view keeps: the story's centre.

    A visitor is an actor at the visitor's end of a missing edge (its
    ``visitor`` attribute; ``visitors`` is :func:`story_visitors` of ``G``
    when the caller keeps it, None finds them). One the actor filters hide
    is kept when it has an edge that passes the edge filters and the dates
    to an actor the filters keep; its edges to kept actors are then in view
    too. Visitors in the graph's order of actors. Only the choice filters
    and the dates of ``spec`` matter.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_nodes_from([("v", {"country": "US"}), ("m", {"country": "KR"}),
    ...                   ("p", {"country": "JP"})])
    >>> _ = G.add_edge("v", "m", key="rule", status="missing", visitor="v")
    >>> _ = G.add_edge("v", "p", key="met", status="held", visitor=None)
    >>> kept_visitors(G, ViewSpec(choices=Choices(country=["KR"])))
    ('v',)
    >>> kept_visitors(G, ViewSpec(choices=Choices(country=["KR"], status=["held"])))
    ()
    >>> kept_visitors(G, ViewSpec(choices=Choices(country=["US"])))  # not hidden
    ()
    """
    node_filters = [
        (choice_filter(name).attribute, frozenset(values))
        for name, values in spec.choices.items()
        if choice_filter(name).target == "node"
    ]
    if not node_filters:
        return ()
    if visitors is None:
        visitors = story_visitors(G)
    hidden = [
        node
        for node in G.nodes
        if node in visitors
        and not all(G.nodes[node].get(attribute) in allowed for attribute, allowed in node_filters)
    ]
    if not hidden:
        return ()
    part = filter_graph(G, spec.choices, since=spec.since, until=spec.until, keep=hidden)
    return tuple(node for node in hidden if any(True for _ in part.adj[node]))


def context_of(G: nx.MultiGraph, spec: ViewSpec) -> nx.MultiGraph | None:
    """What the page draws around the view of ``spec`` when it fades, or None when it removes.

    The view without its choice filters: the dates, the focus (its
    neighbourhood in the unfiltered graph) and the what-if apply as they do
    to the view, so the view is a part of it and the rest is drawn faded
    (see :func:`meetgraph.render.render_html`'s ``context``). None when
    ``spec`` does not fade or has no choice filter, so nothing would fade.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_nodes_from([("a", {"country": "KR"}), ("b", {"country": "JP"})])
    >>> _ = G.add_edge("a", "b", key="m", status="held")
    >>> spec = ViewSpec(choices=Choices(country=["KR"]), fade=True)
    >>> sorted(apply_view(G, spec)), sorted(context_of(G, spec))
    (['a'], ['a', 'b'])
    >>> context_of(G, spec.replace(fade=False)) is None
    True
    """
    if not spec.fade or not spec.choices:
        return None
    return apply_view(G, spec.replace(choices=Choices(), fade=False))


# URL parameters besides the choice filters' (which use the filter's name).
_SINCE, _UNTIL, _ACTOR, _RADIUS, _LANG, _WHAT_IF, _COMPARE, _FADE = (
    "since",
    "until",
    "actor",
    "radius",
    "lang",
    "whatif",
    "compare",
    "fade",
)


def to_query_params(spec: ViewSpec) -> dict[str, str]:
    """The non-default parts of ``spec`` as URL parameters (plain strings), in a fixed order."""
    default = ViewSpec()
    params: dict[str, str] = {}
    if spec.since is not None:
        params[_SINCE] = spec.since.isoformat()
    if spec.until is not None:
        params[_UNTIL] = spec.until.isoformat()
    params.update((name, ",".join(values)) for name, values in spec.choices.items())
    if spec.actor is not None:
        params[_ACTOR] = spec.actor
    if spec.radius != default.radius:
        params[_RADIUS] = str(spec.radius)
    if spec.language is not None:
        params[_LANG] = spec.language
    if spec.what_if:
        params[_WHAT_IF] = "1"
    if spec.compare:
        params[_COMPARE] = ",".join(spec.compare)
    if spec.fade:
        params[_FADE] = "1"
    return params


def from_query_params(params: Mapping[str, str]) -> ViewSpec:
    """The view described by URL parameters; unknown parameters are ignored.

    Raises
    ------
    ViewError
        Naming the parameter whose value cannot be used.
    """

    def raw(name: str) -> str | None:
        return _raw(params, name)

    values: dict[str, Any] = {}
    for name in (_SINCE, _UNTIL):
        if (text := raw(name)) is not None:
            values[name] = _date(name, text)
    values["choices"] = Choices(
        {f.name: _items(text) for f in CHOICE_FILTERS if (text := raw(f.name)) is not None}
    )
    if (text := raw(_ACTOR)) is not None:
        values["actor"] = text or None
    if (text := raw(_RADIUS)) is not None:
        if text not in {str(r) for r in RADII}:
            raise ViewError(f"radius: expected 0, 1, 2 or 3, not {text!r}")
        values["radius"] = int(text)
    if (text := raw(_LANG)) is not None:
        values["language"] = text or None
    if (text := raw(_WHAT_IF)) is not None:
        values["what_if"] = _flag(_WHAT_IF, text)
    if (text := raw(_COMPARE)) is not None:
        values["compare"] = _items(text)
    if (text := raw(_FADE)) is not None:
        values["fade"] = _flag(_FADE, text)
    return ViewSpec(**values)


def _raw(params: Mapping[str, str], name: str) -> str | None:
    value = params.get(name)
    return None if value is None else str(value).strip()


def _flag_text(value: bool) -> str:
    return "1" if value else "0"


def _flag(name: str, text: str) -> bool:
    if text not in {"0", "1"}:
        raise ViewError(f"{name}: expected 0 or 1, not {text!r}")
    return text == "1"


def _items(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(",") if part)


def _date(name: str, raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ViewError(f"{name}: expected a date YYYY-MM-DD, not {raw!r}") from None
