"""Labels in the chosen language: actor names, sector labels, any localized attribute.

A leaf module: the graph, the expectations and every view read labels here.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiGraph(sectors={"gov": {"label_en": "Government", "label_ko": "정부"}})
>>> G.add_node("a", name_en="Lee Jae-yong", name_ko="이재용", sector="gov")
>>> actor_label(G, "a", "ko"), sector_label(G, "gov", "ko")
('이재용', '정부')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

__all__ = ["actor_label", "localized", "sector_label"]


def localized(attributes: Mapping[str, Any], field: str, language: str) -> str:
    """The ``<field>_<language>`` attribute, falling back to English, or ``""``.

    >>> localized({"name_en": "Seoul", "name_ko": None}, "name", "ko")
    'Seoul'
    >>> localized({}, "place", "en")
    ''
    """
    value = attributes.get(f"{field}_{language}") or attributes.get(f"{field}_en")
    return str(value) if value else ""


def actor_label(G: nx.MultiGraph, actor: Any, language: str = "en") -> str:
    """An actor's name in ``language`` (English where it has no Korean name).

    >>> G = nx.MultiGraph()
    >>> G.add_node("a", name_en="Lee Jae-yong", name_ko="이재용")
    >>> actor_label(G, "a", "ko"), actor_label(G, "a", "en")
    ('이재용', 'Lee Jae-yong')
    """
    return localized(G.nodes[actor], "name", language) or str(actor)


def sector_label(G: nx.MultiGraph, sector: str, language: str = "en") -> str:
    """A sector's label in ``language`` from the graph's vocabulary, else its id.

    >>> G = nx.MultiGraph(sectors={"gov": {"label_en": "Government", "label_ko": "정부"}})
    >>> sector_label(G, "gov", "ko"), sector_label(G, "other")
    ('정부', 'other')
    """
    labels = (G.graph.get("sectors") or {}).get(sector) or {}
    return localized(labels, "label", language) or sector
