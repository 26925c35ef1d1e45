"""The explorer's tables as a reader sees them: names first, words translated, no ids, no None.

Each function here takes a table the library computes for machines (the
metrics, the meetings, the counterfactual...) or a graph, and returns a
:class:`ShownTable`: the rows in reading order, keyed by machine column names
so that code and tests can still find them, and each column's header in the
chosen language. Ids stay in the (hidden) index only; the downloads keep
the machine tables, unchanged.

Examples
--------
>>> from meetgraph.examples import example_graph
>>> G = example_graph()
>>> from meetgraph.timeline import meeting_table
>>> shown = meetings_shown(G, meeting_table(G, "en"), "en")
>>> [shown.headers[c] for c in shown.rows.columns][:4]
['date', 'participants', 'status', 'quote']
>>> shown.rows.index.tolist(), shown.rows.iloc[0]["status"]
(['m1'], 'held')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from meetgraph.comparison import STATUS_RANK
from meetgraph.errors import UnknownActorError
from meetgraph.i18n import FALLBACK, translate, ui_words
from meetgraph.labels import actor_label, localized, sector_label
from meetgraph.metrics import MEASURES, SIZE_MEASURES
from meetgraph.schema import Expectation
from meetgraph.vocabulary import MISSING

__all__ = [
    "ShownTable",
    "blanks",
    "centrality_shown",
    "contacts_shown",
    "kind_label",
    "meetings_shown",
    "missing_shown",
    "neighbours_shown",
    "status_label",
    "type_label",
    "what_if_shown",
]

#: Columns of long text: shown wide, so that they can be read.
LONG_COLUMNS = frozenset({"explanation", "quote", "peers", "topics", "source", "place"})
#: Pixels per row of a table with long text: its cells wrap (a table grid wraps text only
#: in rows taller than 64 pixels), five lines of it; a click on a cell shows all of it.
WRAPPED_ROW_HEIGHT = 112
#: Pixels of a long text column: beside a name, it fits the tabs' column of a desk's page.
LONG_WIDTH = 280
#: Pixels of a long text column when the table spans the page (under the graph).
WIDE_LONG_WIDTH = 2 * LONG_WIDTH
#: Columns of names: narrower, wrapped when the table wraps.
NAME_COLUMNS = frozenset({"participants", "with", "visitor"})
NAME_WIDTH = 160
#: Rows of wrapped text a table shows before it scrolls.
WRAPPED_ROWS = 5
HEADER_HEIGHT = 38


@dataclass(frozen=True)
class ShownTable:
    """A table as the app shows it.

    Attributes
    ----------
    rows : pandas.DataFrame
        The columns shown, in order, under machine names; the index holds the
        ids (actor, meeting) and is not shown.
    headers : mapping of str to str
        Each column's header in the chosen language.
    formats : mapping of str to str
        A number format for some columns (``"percent"``, ``"%.3f"``...).
    """

    rows: pd.DataFrame
    headers: Mapping[str, str]
    formats: Mapping[str, str] = field(default_factory=dict)

    @property
    def long(self) -> list[str]:
        """The columns of long text, to be given room."""
        return [c for c in self.rows.columns if c in LONG_COLUMNS]

    @property
    def row_height(self) -> int | None:
        """Rows tall enough for long text to wrap; None (one line) when there is none."""
        return WRAPPED_ROW_HEIGHT if self.long else None

    @property
    def height(self) -> int | None:
        """Pixels for a table of wrapped rows (up to :data:`WRAPPED_ROWS`), else None (auto).

        >>> rows = pd.DataFrame({"quote": ["a", "b"]})
        >>> ShownTable(rows, {"quote": "quote"}).height, ShownTable(rows[[]], {}).height
        (262, None)
        """
        if not self.long:
            return None
        return HEADER_HEIGHT + WRAPPED_ROW_HEIGHT * max(1, min(len(self.rows), WRAPPED_ROWS))

    def width_of(self, column: str, *, wide: bool = False) -> int | None:
        """Pixels for ``column``: room for long text and, when rows wrap, names; else None.

        A ``wide`` table (across the page) gives long text twice the room.

        >>> shown = ShownTable(pd.DataFrame({"quote": ["a"]}), {"quote": "quote"})
        >>> shown.width_of("quote"), shown.width_of("quote", wide=True)
        (280, 560)
        """
        if column in LONG_COLUMNS:
            return WIDE_LONG_WIDTH if wide else LONG_WIDTH
        if self.long and column in NAME_COLUMNS:
            return NAME_WIDTH
        return None


def blanks(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with missing values as empty text: a reader sees a blank, never "None" or NaN.

    Columns with no missing value keep their type (numbers stay numbers).

    >>> blanks(pd.DataFrame({"a": [1, None], "b": ["x", None], "c": [1.5, 2.0]})).to_dict("list")
    {'a': ['1', ''], 'b': ['x', ''], 'c': [1.5, 2.0]}
    """
    shown = table.copy()
    for column in shown.columns:
        values = shown[column]
        if values.isna().any():
            shown[column] = [_cell(value) for value in values]
    return shown


def _cell(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def status_label(status: str, language: str) -> str:
    """A status in words: ``held``, ``missing (expected)``, ``성사``...

    >>> status_label("missing", "en"), status_label("held", "ko")
    ('missing (expected)', '성사')
    """
    return translate(f"status.{status}", language) if status in STATUS_RANK else status


def type_label(kind: object, language: str) -> str:
    """An actor type in words, else as given.

    >>> type_label("government_body", "ko"), type_label(None, "en")
    ('정부 기관', '')
    """
    known = f"type.{kind}"
    return translate(known, language) if kind and _has_word(known) else _text(kind)


def kind_label(kind: object, language: str) -> str:
    """A meeting kind in words, else as given."""
    known = f"kind.{kind}"
    return translate(known, language) if kind and _has_word(known) else _text(kind)


def _has_word(key: str) -> bool:
    return key in ui_words(FALLBACK)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _headers(columns: Iterable[str], language: str, **keys: str) -> dict[str, str]:
    """Each column's header: ``col.<column>`` unless ``keys`` names another locale key."""
    return {c: translate(keys.get(c, f"col.{c}"), language) for c in columns}


def _shown(
    rows: pd.DataFrame, headers: Mapping[str, str], formats: Mapping[str, str] | None = None
) -> ShownTable:
    return ShownTable(blanks(rows), dict(headers), dict(formats or {}))


def centrality_shown(G: nx.MultiGraph, metrics: pd.DataFrame, language: str) -> ShownTable:
    """The centrality table: the name, the measures, then type, sector and country in words.

    ``metrics`` is a :func:`meetgraph.metrics.centrality` of ``G`` (the view);
    sorted by the first measure, highest first.

    >>> from meetgraph.metrics import centrality
    >>> G = nx.MultiGraph(sectors={"ai": {"label": {"en": "AI", "ko": "인공지능"}}})
    >>> G.add_node("a", name={"en": "A", "ko": "가"}, type="person", sector="ai", country="KR")
    >>> shown = centrality_shown(G, centrality(G), "ko")
    >>> shown.rows.loc["a", ["name", "type", "sector"]].tolist(), shown.headers["degree"]
    (['가', '인물', '인공지능'], '연결 수')
    """
    measures = [m.name for m in MEASURES if m.name in metrics.columns]
    rows = pd.DataFrame(index=metrics.index)
    rows["name"] = [actor_label(G, a, language) if a in G else str(a) for a in metrics.index]
    for name in measures:
        rows[name] = metrics[name]
    rows["type"] = [type_label(t, language) for t in metrics.get("type", [None] * len(rows))]
    rows["sector"] = [
        sector_label(G, str(s), language) if s else ""
        for s in metrics.get("sector", [None] * len(rows))
    ]
    rows["country"] = list(metrics.get("country", [""] * len(rows)))
    if measures:
        rows = rows.sort_values(measures[0], ascending=False, kind="stable")
    headers = _headers(rows.columns, language, **{m: f"measure.{m}" for m in measures})
    formats = {m.name: "%d" if m.integer else "%.3f" for m in MEASURES if m.name in measures}
    return _shown(rows, headers, formats)


def meetings_shown(G: nx.MultiGraph, meetings: pd.DataFrame, language: str) -> ShownTable:
    """The meetings in tour order: when, who, how it went, where, and the evidence.

    ``meetings`` is :func:`meetgraph.timeline.meeting_table` of ``G`` in
    ``language``. The meeting's id is the (hidden) index; the kind, status
    and sector are in words.
    """
    columns = ["date", "participants", "status", "quote", "place", "source"]
    columns += ["topics", "kind", "order", "time", "country", "sector"]
    rows = meetings.set_index("meeting")[columns].copy()
    rows.index.name = "meeting"
    rows["status"] = [status_label(str(s), language) for s in rows["status"]]
    rows["kind"] = [kind_label(k, language) for k in rows["kind"]]
    rows["sector"] = [sector_label(G, str(s), language) if s else "" for s in rows["sector"]]
    return _shown(rows, _headers(columns, language, sector="col.counterpart_sector"))


def missing_shown(G: nx.MultiGraph, missing: pd.DataFrame, language: str) -> ShownTable:
    """The missing edges: whom the visitor did not meet, why that was expected, and on what.

    ``missing`` is :func:`meetgraph.explorer.missing_table` of ``G``. ``peers``
    names the meetings that justify each edge by their other participants and
    status (``Ishiba Shigeru (held)``); the actor's id is the (hidden) index.
    """
    meetings = _meetings_by_id(G)
    rules: Mapping[str, Mapping[str, Any]] = G.graph.get("expectations") or {}
    rows = pd.DataFrame(
        {
            "name": missing["name"],
            "explanation": missing["explanation"],
            "peers": [
                "; ".join(
                    _peer_meeting(G, meetings, peer, visitor, language)
                    for peer in str(peers).split(", ")
                    if peer
                )
                for peers, visitor in zip(missing["peers"], missing["visitor"], strict=True)
            ],
            "country": missing["country"],
            "visitor": [actor_label(G, v, language) if v in G else v for v in missing["visitor"]],
            "expectation": [
                localized(G, (rules.get(rule) or {}).get("label"), language) or str(rule)
                for rule in missing["expectation"]
            ],
        }
    )
    if "hypothetical" in missing and missing["hypothetical"].any():
        # What-if: these meetings are drawn as if held; the table says which.
        rows["hypothetical"] = missing["hypothetical"].to_numpy()
    rows.index = pd.Index(missing["actor"], name="actor")
    return _shown(rows, _headers(rows.columns, language, peers="col.peer_meetings"))


def _meetings_by_id(G: nx.MultiGraph) -> dict[Any, tuple[set[Any], str]]:
    found: dict[Any, tuple[set[Any], str]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        if data.get("status") != MISSING:
            found.setdefault(key, (set(), str(data.get("status"))))[0].update((u, v))
    return found


def _peer_meeting(
    G: nx.MultiGraph,
    meetings: Mapping[Any, tuple[set[Any], str]],
    meeting: Any,
    visitor: Any,
    language: str,
) -> str:
    if meeting not in meetings:  # filtered out of the view: only its id is known
        return str(meeting)
    ids, status = meetings[meeting]
    names = sorted(actor_label(G, n, language) for n in ids if n != visitor)
    return f"{', '.join(names)} ({status_label(status, language)})"


def contacts_shown(
    G: nx.MultiGraph, table: pd.DataFrame, expectations: Sequence[Expectation], language: str
) -> ShownTable:
    """The country comparison: per rule and country, the listed actors by best status.

    ``table`` is :func:`meetgraph.comparison.contact_table` of ``G``.
    Statuses head their columns in words; ``share_met`` is a share (0 to 1)
    shown as a percentage.
    """
    labels = {rule.id: localized(G, rule.label, language) or rule.id for rule in expectations}
    columns = ["country", "role", "listed", "share_met", *STATUS_RANK, "expectation"]
    rows = table[columns].copy()
    rows["role"] = [translate(f"role.{r}", language) for r in rows["role"]]
    rows["expectation"] = [labels.get(e, e) for e in rows["expectation"]]
    keys = {s: f"status.{s}" for s in STATUS_RANK} | {"role": "col.country_role"}
    return _shown(rows, _headers(columns, language, **keys), {"share_met": "percent"})


def what_if_shown(G: nx.MultiGraph, change: pd.DataFrame, language: str) -> ShownTable:
    """The counterfactual: per actor, each measure's change first, then before and after.

    ``change`` is a :func:`meetgraph.metrics.counterfactual`; its order (the
    largest gain first) is kept.
    """
    rows = pd.DataFrame(index=change.index)
    rows["name"] = [actor_label(G, a, language) if a in G else str(a) for a in change.index]
    headers = {"name": translate("col.name", language)}
    formats = {}
    measures = [m for m in SIZE_MEASURES if f"{m.name}_change" in change.columns]
    for suffix in ("change", "before", "after"):
        for m in measures:
            column = f"{m.name}_{suffix}"
            rows[column] = change[column]
            word = translate(f"measure.{m.name}", language)
            headers[column] = translate(f"col.{suffix}", language, measure=word)
            formats[column] = "%+d" if m.integer and suffix == "change" else "%d"
            if not m.integer:
                formats[column] = "%+.3f" if suffix == "change" else "%.3f"
    rows["sector"] = [
        sector_label(G, str(s), language) if s else "" for s in change.get("sector", [])
    ]
    rows["country"] = list(change.get("country", []))
    headers |= _headers(["sector", "country"], language)
    return _shown(rows, headers, formats)


def neighbours_shown(G: nx.MultiGraph, actor: Any, language: str) -> ShownTable:
    """Whom ``actor`` met in ``G``: name, how (statuses in words), how often, sector, country.

    The neighbour's id is the (hidden) index.

    Raises
    ------
    UnknownActorError
        If ``actor`` is not in ``G``.

    >>> G = nx.MultiGraph()
    >>> G.add_nodes_from(["a", "b"], name={"en": "x"}, sector="ai", country="KR")
    >>> _ = G.add_edge("a", "b", key="m1", status="held")
    >>> _ = G.add_edge("a", "b", key="m2", status="missing")
    >>> neighbours_shown(G, "a", "en").rows.to_dict("index")
    {'b': {'name': 'x', 'statuses': 'held, missing (expected)', 'meetings': 1, \
'sector': 'ai', 'country': 'KR'}}
    """
    if actor not in G:
        raise UnknownActorError(actor)
    rows = []
    for other in G.neighbors(actor):
        between: dict[Any, dict[str, Any]] = G.get_edge_data(actor, other, default={})
        statuses = {str(data.get("status")) for data in between.values()}
        rows.append(
            {
                "neighbour": other,
                "name": actor_label(G, other, language),
                "statuses": ", ".join(
                    status_label(s, language) for s in STATUS_RANK if s in statuses
                ),
                "meetings": sum(1 for data in between.values() if data.get("status") != MISSING),
                "sector": sector_label(G, str(G.nodes[other].get("sector") or ""), language),
                "country": G.nodes[other].get("country") or "",
            }
        )
    columns = ["name", "statuses", "meetings", "sector", "country"]
    table = pd.DataFrame(rows, columns=["neighbour", *columns])
    table = table.sort_values(["name", "neighbour"], kind="stable").set_index("neighbour")
    return _shown(table, _headers(columns, language, meetings="col.meetings"))
