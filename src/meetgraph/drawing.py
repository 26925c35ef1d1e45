"""A drawing of a graph: where each actor stands, how large, in which colour and shape.

The exports that carry a picture (GEXF and GraphML for Gephi, SVG and PNG)
draw what the interactive page draws: the same server-side layout
(:mod:`meetgraph.layout`), sizes by a centrality measure, and the colours
and shapes of :mod:`meetgraph.styles`.

Examples
--------
>>> from meetgraph.examples import example_graph
>>> G = example_graph()
>>> drawing = drawing_for(G, seed=1)
>>> look = drawing.node_looks(G)["a"]
>>> look.color, look.shape.shape, drawing.size_by
('#0072B2', 'dot', 'pagerank')
>>> sorted(drawing.measures_of("a"))[:3]
['betweenness', 'closeness', 'community']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import networkx as nx
import pandas as pd

from meetgraph.layout import layout_positions
from meetgraph.metrics import MEASURES, centrality
from meetgraph.styles import UNKNOWN_SECTOR_COLOR, NodeShape, node_shape, sector_colors, size_scale

__all__ = ["Drawing", "NodeLook", "drawing_for"]


@dataclass(frozen=True)
class NodeLook:
    """One actor as drawn: centre, size (the page's pixels), fill colour and shape."""

    x: float
    y: float
    size: float
    color: str
    shape: NodeShape


@dataclass(frozen=True)
class Drawing:
    """The positions, the sizes and the measures a picture of a graph is drawn with."""

    positions: Mapping[Any, tuple[float, float]]
    sizes: Mapping[Any, float] | None
    metrics: pd.DataFrame | None
    size_by: str | None

    def node_looks(self, G: nx.MultiGraph) -> dict[Any, NodeLook]:
        """Every actor of ``G`` as drawn."""
        colors = sector_colors(G)
        scale = size_scale(G, self.sizes)
        looks = {}
        for node, attributes in G.nodes(data=True):
            x, y = self.positions.get(node, (0.0, 0.0))
            looks[node] = NodeLook(
                x=float(x),
                y=float(y),
                size=scale(node),
                color=colors.get(str(attributes.get("sector")), UNKNOWN_SECTOR_COLOR),
                shape=node_shape(attributes.get("type")),
            )
        return looks

    def measures_of(self, node: Any) -> dict[str, float | int]:
        """The centrality measures of an actor, by name (none without a metrics table)."""
        return dict(self._measures.get(node, {}))

    @cached_property
    def _measures(self) -> dict[Any, dict[str, float | int]]:
        # Read once: an export asks for every actor's, and a table row costs far more than a dict.
        if self.metrics is None:
            return {}
        columns = [m for m in MEASURES if m.name in self.metrics.columns]
        table = {m.name: self.metrics[m.name].tolist() for m in columns}
        return {
            node: {
                m.name: int(table[m.name][row]) if m.integer else float(table[m.name][row])
                for m in columns
            }
            for row, node in enumerate(self.metrics.index)
        }


def drawing_for(
    G: nx.MultiGraph,
    *,
    positions: Mapping[Any, tuple[float, float]] | None = None,
    sizes: Mapping[Any, float] | None = None,
    metrics: pd.DataFrame | None = None,
    size_by: str | None = None,
    seed: int = 0,
    all_measures: bool = True,
) -> Drawing:
    """What is not given, made: the layout (seeded), the metrics, sizes by ``size_by``.

    ``size_by`` is a measure of :data:`meetgraph.metrics.SIZE_MEASURES`
    (default: the first); given ``sizes`` win over it. Metrics not given are
    computed: every measure, or only ``size_by`` unless ``all_measures``.
    """
    if positions is None:
        positions = layout_positions(G, seed=seed)
    size_by = size_by or MEASURES[0].name
    if metrics is None:
        metrics = centrality(G, measures=None if all_measures else [size_by])
    if sizes is None and size_by in metrics.columns and len(metrics):
        sizes = {node: float(value) for node, value in metrics[size_by].items()}
    return Drawing(positions=positions, sizes=sizes, metrics=metrics, size_by=size_by)
