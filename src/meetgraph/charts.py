"""Charts of a view, drawn with Altair in the styles of the graph (:mod:`meetgraph.styles`).

Examples
--------
>>> from meetgraph.examples import example_graph
>>> from meetgraph.timeline import meeting_table
>>> G = example_graph()
>>> spec = timeline_chart(meeting_table(G), "en").to_dict()
>>> spec["encoding"]["color"]["scale"]["range"][0] == STATUS_COLORS["held"]
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from meetgraph.comparison import STATUS_RANK
from meetgraph.i18n import translate
from meetgraph.styles import STATUS_COLORS
from meetgraph.vocabulary import MeetingStatus

if TYPE_CHECKING:
    import altair as alt

__all__ = ["contact_chart", "timeline_chart"]


def timeline_chart(table: pd.DataFrame, language: str) -> alt.Chart:
    """The tour as a chart: days across, countries down, one mark per meeting.

    ``table`` is a :func:`meetgraph.timeline.meeting_table`. Marks are
    coloured by status and shaped by sector, and offset within a day by
    their order, so the day reads left to right. Undated meetings sit in a
    column of their own.
    """
    import altair as alt

    not_stated = translate("date_not_stated", language)
    data = table.assign(
        day=table["date"].replace("", not_stated),
        step=table["order"].fillna(0).astype(int),
        country=table["country"].replace("", "?"),
    )[["meeting", "day", "step", "country", "status", "sector", "participants", "place"]]
    statuses = [s.value for s in MeetingStatus]
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_point(size=160, filled=True, opacity=0.9)
        .encode(
            x=alt.X("day:N", title=translate("col.date", language), sort="ascending"),
            xOffset=alt.XOffset("step:O"),
            y=alt.Y("country:N", title=translate("col.country", language)),
            color=alt.Color(
                "status:N",
                title=translate("col.status", language),
                scale=alt.Scale(domain=statuses, range=[STATUS_COLORS[s] for s in statuses]),
            ),
            shape=alt.Shape("sector:N", title=translate("col.sector", language)),
            tooltip=["meeting", "day", "step", "participants", "place", "status", "sector"],
        )
        .properties(height=220)
    )
    return chart


def contact_chart(table: pd.DataFrame, language: str) -> alt.Chart:
    """The country comparison as stacked bars: listed actors per country, by best status.

    ``table`` is a :func:`meetgraph.comparison.contact_table`; each status has
    its colour of the graph (missing red, none grey).

    >>> from meetgraph.comparison import COLUMNS
    >>> row = dict.fromkeys(COLUMNS, 0) | {"expectation": "e", "country": "KR", "role": "expected"}
    >>> spec = contact_chart(pd.DataFrame([row | {"missing": 4, "listed": 4}]), "en").to_dict()
    >>> scale = spec["encoding"]["color"]["scale"]
    >>> dict(zip(scale["domain"], scale["range"]))["missing (expected)"]
    '#D55E00'
    """
    import altair as alt

    labels = [translate(f"status.{status}", language) for status in STATUS_RANK]
    long = table.melt(
        id_vars=["expectation", "country", "role"],
        value_vars=list(STATUS_RANK),
        var_name="status",
        value_name="actors",
    )
    rank = {status: i for i, status in enumerate(STATUS_RANK)}
    long = long.assign(
        label=long["status"].map(dict(zip(STATUS_RANK, labels, strict=True))),
        rank=long["status"].map(rank),
    )
    chart: alt.Chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("country:N", title=translate("col.country", language), sort=None),
            y=alt.Y("actors:Q", title=translate("actors", language)),
            color=alt.Color(
                "label:N",
                title=translate("col.status", language),
                scale=alt.Scale(domain=labels, range=[STATUS_COLORS[s] for s in STATUS_RANK]),
                sort=labels,
            ),
            order=alt.Order("rank:Q"),
            tooltip=["country", "label", "actors"],
        )
        .properties(height=220)
    )
    return chart
