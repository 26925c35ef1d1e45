"""A view of the graph: the filters a user chose, applied at once and kept as plain strings.

The CLI's filter options and the app's sidebar both describe a
:class:`ViewSpec`; :func:`apply_view` turns it into a filtered view of the
graph, and :func:`to_query_params` / :func:`from_query_params` keep it in a
URL (plain strings only), so a copied address restores the view.

Examples
--------
>>> spec = ViewSpec(sectors=("ai", "government"), statuses=("held", "missing"), language="ko")
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
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

import networkx as nx

from meetgraph.errors import MeetgraphError
from meetgraph.expectations import as_if_held
from meetgraph.filters import ego_network, filter_graph
from meetgraph.schema import Language, MeetingStatus

__all__ = [
    "DEFAULT_STATUSES",
    "ViewError",
    "ViewSpec",
    "apply_view",
    "from_query_params",
    "to_query_params",
]

#: Every status is shown unless the user hides some: the missing edges are the point.
DEFAULT_STATUSES: tuple[str, ...] = tuple(s.value for s in MeetingStatus)


class ViewError(MeetgraphError):
    """A view parameter (from the command line or a URL) is not usable."""


@dataclass(frozen=True)
class ViewSpec:
    """What part of the graph to show, and how.

    ``None`` for a collection means "no filter"; an empty tuple means "nothing".
    """

    since: dt.date | None = None
    until: dt.date | None = None
    sectors: tuple[str, ...] | None = None
    countries: tuple[str, ...] | None = None
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    types: tuple[str, ...] | None = None
    actor: str | None = None
    radius: int = 1
    language: str = Language.EN.value
    what_if: bool = False
    compare: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = sorted(set(self.statuses) - set(DEFAULT_STATUSES))
        if unknown:
            known = ", ".join(DEFAULT_STATUSES)
            raise ViewError(f"status: unknown status {unknown[0]!r} (known: {known})")
        if self.radius not in (0, 1, 2, 3):
            raise ViewError(f"radius: must be 0, 1, 2 or 3, not {self.radius!r}")
        if self.language not in {lang.value for lang in Language}:
            raise ViewError(f"lang: must be en or ko, not {self.language!r}")
        if self.since and self.until and self.since > self.until:
            raise ViewError(f"since: {self.since} is after until: {self.until}")
        if len(self.compare) > 2:
            raise ViewError(f"compare: at most two actors, not {len(self.compare)}")

    def replace(self, **changes: Any) -> ViewSpec:
        """A copy with ``changes`` applied (and checked)."""
        return replace(self, **changes)


def apply_view(G: nx.MultiGraph, spec: ViewSpec) -> nx.MultiGraph:
    """The part of ``G`` that ``spec`` selects, as a read-only view.

    The focus actor, when given, must survive the other filters. With
    ``spec.what_if`` the missing edges are shown as if held (a new graph, see
    :func:`meetgraph.expectations.as_if_held`).

    Raises
    ------
    UnknownActorError
        If ``spec.actor`` is not in the filtered graph.
    """
    view = filter_graph(
        G,
        since=spec.since,
        until=spec.until,
        sectors=spec.sectors,
        countries=spec.countries,
        statuses=spec.statuses,
        types=spec.types,
    )
    if spec.actor is not None:
        view = ego_network(view, spec.actor, spec.radius)
    return as_if_held(view) if spec.what_if else view


# URL parameter names, in the order they are written.
_PARAMS = {
    "since": "since",
    "until": "until",
    "sectors": "sector",
    "countries": "country",
    "statuses": "status",
    "types": "type",
    "actor": "actor",
    "radius": "radius",
    "language": "lang",
    "what_if": "whatif",
    "compare": "compare",
}


def to_query_params(spec: ViewSpec) -> dict[str, str]:
    """The non-default parts of ``spec`` as URL parameters (plain strings)."""
    default = ViewSpec()
    params: dict[str, str] = {}
    for field in fields(ViewSpec):
        value = getattr(spec, field.name)
        if value == getattr(default, field.name):
            continue
        name = _PARAMS[field.name]
        if isinstance(value, tuple):
            params[name] = ",".join(value)
        elif isinstance(value, dt.date):
            params[name] = value.isoformat()
        elif isinstance(value, bool):
            params[name] = "1" if value else "0"
        else:
            params[name] = str(value)
    return params


def from_query_params(params: Mapping[str, str]) -> ViewSpec:
    """The view described by URL parameters; unknown parameters are ignored.

    Raises
    ------
    ViewError
        Naming the parameter whose value cannot be used.
    """
    values: dict[str, Any] = {}
    for field_name, name in _PARAMS.items():
        raw = params.get(name)
        if raw is None:
            continue
        raw = str(raw).strip()
        if field_name in {"since", "until"}:
            values[field_name] = _date(name, raw)
        elif field_name == "radius":
            if not raw.isdigit():
                raise ViewError(f"radius: expected 0, 1, 2 or 3, not {raw!r}")
            values[field_name] = int(raw)
        elif field_name == "what_if":
            if raw not in {"0", "1"}:
                raise ViewError(f"whatif: expected 0 or 1, not {raw!r}")
            values[field_name] = raw == "1"
        elif field_name in {"actor", "language"}:
            values[field_name] = raw or None if field_name == "actor" else raw
        else:
            values[field_name] = tuple(part for part in raw.split(",") if part)
    return ViewSpec(**values)


def _date(name: str, raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ViewError(f"{name}: expected a date YYYY-MM-DD, not {raw!r}") from None
