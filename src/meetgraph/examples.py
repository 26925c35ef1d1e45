"""Small valid datasets for the doctests and the tests.

Examples
--------
>>> EXAMPLE_YAML.splitlines()[0]
'meetgraph: 1'
>>> sorted(example_graph())
['a', 'b', 'c']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from meetgraph.schema import Dataset

__all__ = ["EXAMPLE_YAML", "example_dataset", "example_graph"]

#: A minimal valid dataset: three actors of one three-party meeting. Its labels
#: are in the default languages (no ``languages`` key), Korean given for one actor.
EXAMPLE_YAML = """\
meetgraph: 1
dataset: {id: example, title: {en: Example}}
sectors: [{id: ai, label: {en: AI}}]
sources:
  - {id: s, title: T, publisher: P, published: "2025-02-04T17:32:00+09:00", language: ko}
actors:
  - {id: a, name: {en: A, ko: 가}, type: person, sector: ai, country: KR}
  - {id: b, name: {en: B}, type: person, sector: ai, country: KR}
  - {id: c, name: {en: C}, type: organization, sector: ai, country: JP}
meetings:
  - id: m1
    participants: [a, b, c]
    status: held
    date: "2025-02-04"
    evidence: [{source: s, quote: Q}]
"""


def example_dataset() -> Dataset:
    """:data:`EXAMPLE_YAML` loaded: the dataset the doctests start from."""
    from meetgraph.loader import load_dataset_text  # here, not above: as in example_graph

    return load_dataset_text(EXAMPLE_YAML, "example.yaml")


def example_graph() -> nx.MultiGraph:
    """:data:`EXAMPLE_YAML` loaded and built: the graph the doctests start from."""
    from meetgraph.graph import build_graph  # here, not above: nothing imports examples for work

    return build_graph(example_dataset())
