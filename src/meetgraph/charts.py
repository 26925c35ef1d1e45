"""Charts of a view, drawn with Altair in the styles of the graph (:mod:`meetgraph.styles`).

Examples
--------
>>> from meetgraph.examples import example_graph
>>> from meetgraph.timeline import meeting_table
>>> G = example_graph()
>>> spec = timeline_chart(G, meeting_table(G), "en").to_dict()
>>> points = spec["hconcat"][0]["layer"][0]["encoding"]
>>> points["color"]["scale"]["range"][0] == STATUS_COLORS["held"]
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from meetgraph.comparison import STATUS_RANK
from meetgraph.i18n import translate
from meetgraph.labels import sector_label
from meetgraph.styles import STATUS_COLORS
from meetgraph.tables import status_label
from meetgraph.vocabulary import DeclaredStatus

if TYPE_CHECKING:
    import altair as alt

__all__ = ["contact_chart", "timeline_chart"]


#: Meetings up to which each mark is labelled with whom the visitor met; more would overlap.
LABELLED_MEETINGS = 40
#: Pixels per meeting in a country's row (a row holds its busiest day's meetings)...
SLOT_HEIGHT = 20
#: ... less when the rows would be taller than this together (a long tour overlaps).
TIMELINE_HEIGHT = 640


def timeline_chart(G: nx.MultiGraph, table: pd.DataFrame, language: str) -> alt.HConcatChart:
    """The tour as a chart: days across, countries down, one mark per meeting.

    ``table`` is a :func:`meetgraph.timeline.meeting_table` of ``G`` in
    ``language``. Each mark sits on its day (a UTC date: a day is the same
    day in every time zone), meetings of one day and country stacked in
    tour order; it is coloured by status, shaped by the sector met and, on a
    short tour, labelled with whom the visitor met. Undated meetings sit in
    a panel of their own. Every word is in ``language``: legends list every
    status a meeting may have and every sector met.
    """
    import altair as alt

    def t(key: str) -> str:
        return translate(key, language)

    statuses = [s.value for s in DeclaredStatus]
    status_words = [status_label(s, language) for s in statuses]
    data = pd.DataFrame(
        {
            "day": table["date"],
            "country": table["country"].replace("", "?"),
            "status": [status_label(str(s), language) for s in table["status"]],
            "sector": [sector_label(G, str(s), language) for s in table["sector"]],
            "who": table["counterparts"],
            "participants": table["participants"],
            "place": table["place"],
        }
    )
    data["slot"] = data.groupby(["day", "country"], sort=False).cumcount()
    sectors = sorted(set(data["sector"]), key=str.casefold)
    tooltip = [
        alt.Tooltip("day:N", title=t("col.date")),
        alt.Tooltip("participants:N", title=t("col.participants")),
        alt.Tooltip("place:N", title=t("col.place")),
        alt.Tooltip("status:N", title=t("col.status")),
        alt.Tooltip("sector:N", title=t("col.counterpart_sector")),
    ]
    # Countries in the order the tour reaches them; each label beside its row's first meeting.
    countries = list(dict.fromkeys(data["country"]))
    slots = int(data["slot"].max()) + 1 if len(data) else 1
    step = max(1.0, min(SLOT_HEIGHT, TIMELINE_HEIGHT / (slots * max(len(countries), 1))))
    rows = alt.Axis(labelOffset=-(slots - 1) * step / 2)
    marks = {
        "y": alt.Y("country:N", title=t("col.country"), sort=countries, axis=rows),
        "y_bare": alt.Y("country:N", sort=countries, axis=None),
        "yOffset": alt.YOffset("slot:O"),
        "color": alt.Color(
            "status:N",
            title=t("col.status"),
            scale=alt.Scale(domain=status_words, range=[STATUS_COLORS[s] for s in statuses]),
        ),
        "shape": alt.Shape(
            "sector:N", title=t("col.counterpart_sector"), scale=alt.Scale(domain=sectors)
        ),
        "tooltip": tooltip,
    }
    labelled = len(data) <= LABELLED_MEETINGS
    dated = data[data["day"] != ""]
    days = alt.X(
        "day:T",
        timeUnit="utcyearmonthdate",
        title=t("col.date"),
        scale=alt.Scale(type="utc", padding=24),
        axis=alt.Axis(format="%Y-%m-%d", tickCount={"interval": "day", "step": 1}),
    )
    undated = data[data["day"] == ""].assign(day=t("date_not_stated"))
    apart = alt.X("day:N", title=None, axis=alt.Axis(labelAngle=0))
    parts = [(part, x, width) for part, x, width in ((dated, days, 240), (undated, apart, 120))]
    parts = [part for part in parts if len(part[0])] or parts[:1]
    panels = [
        _panel(alt, part, x, marks, labelled, axis=n == 0).properties(
            width=width, height={"step": step}
        )
        for n, (part, x, width) in enumerate(parts)
    ]
    chart: alt.HConcatChart = (
        alt.hconcat(*panels, spacing=8)
        .resolve_scale(y="shared", color="shared", shape="shared")
        .configure_legend(orient="bottom", columns=2, symbolLimit=0, labelLimit=0)
    )
    return chart


def _panel(
    alt: Any,
    data: pd.DataFrame,
    x: Any,
    marks: dict[str, Any],
    labelled: bool,
    axis: bool,
) -> Any:
    """One panel of the timeline: its marks and, on a short tour, whom each meeting was with.

    Only the first panel (``axis``) names the countries; the others share its rows.
    """
    y = marks["y"] if axis else marks["y_bare"]
    base = alt.Chart(data).encode(x=x, y=y, yOffset=marks["yOffset"])
    points = base.mark_point(size=120, filled=True, opacity=0.9).encode(
        color=marks["color"], shape=marks["shape"], tooltip=marks["tooltip"]
    )
    layers = [points]
    if labelled:
        layers.append(base.mark_text(align="left", dx=9, fontSize=11).encode(text="who:N"))
    return alt.layer(*layers)


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
