"""Labels in the chosen language: actor names, sector labels, any localized value.

A localized value (see :mod:`meetgraph.records`) maps language codes to
text. A label is read in the language asked for, else in the dataset's
default language (the first it declares), else in any language it has.
A leaf module: the graph, the expectations and every view read labels here.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiGraph(languages=["en", "ko"],
...                   sectors={"gov": {"label": {"en": "Government", "ko": "정부"}}})
>>> G.add_node("a", name={"en": "Lee Jae-yong", "ko": "이재용"}, sector="gov")
>>> G.add_node("b", name={"en": "OpenAI"})
>>> actor_label(G, "a", "ko"), actor_label(G, "b", "ko"), sector_label(G, "gov", "ko")
('이재용', 'OpenAI', '정부')
>>> actor_label(G, "a")  # the dataset's default language
'Lee Jae-yong'
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx


__all__ = [
    "actor_label",
    "actor_labels",
    "citation",
    "country_name",
    "default_language",
    "graph_languages",
    "localized",
    "sector_label",
    "source_credits",
    "text_in",
]


def text_in(
    texts: Mapping[str, str] | str | None, language: str | None, fallbacks: Sequence[str] = ()
) -> str:
    """The text in ``language``, else in the first of ``fallbacks`` it has, else any, else "".

    Plain text (a graph made by hand, with no languages) is the text in every language.

    >>> text_in({"en": "Seoul", "ko": "서울"}, "ko"), text_in({"en": "Seoul"}, "ja", ["en"])
    ('서울', 'Seoul')
    >>> text_in(None, "en"), text_in({"ko": "서울"}, "en"), text_in("Seoul", "ko")
    ('', '서울', 'Seoul')
    """
    if not texts:
        return ""
    if not isinstance(texts, Mapping):
        return str(texts)
    for code in (language, *fallbacks):
        if code is not None and texts.get(code):
            return str(texts[code])
    return str(next(iter(texts.values())))


def graph_languages(G: nx.MultiGraph) -> tuple[str, ...]:
    """The languages of ``G``'s labels, the default first.

    A graph made by :func:`meetgraph.graph.build_graph` declares them; for
    another, they are read off the actors' names, in order of appearance.

    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", name={"ja": "孫正義", "en": "Son Masayoshi"})
    >>> graph_languages(G)
    ('ja', 'en')
    """
    declared = G.graph.get("languages")
    if declared:
        return tuple(declared)
    seen: dict[str, None] = {}
    for _, name in G.nodes(data="name"):
        if isinstance(name, Mapping):
            seen.update(dict.fromkeys(name))
    return tuple(seen)


def default_language(G: nx.MultiGraph) -> str | None:
    """The first language of ``G``'s labels, or None for a graph without any."""
    languages = graph_languages(G)
    return languages[0] if languages else None


def localized(G: nx.MultiGraph, texts: Mapping[str, str] | None, language: str | None) -> str:
    """A localized value of ``G`` in ``language``, falling back to the graph's languages."""
    languages = graph_languages(G)
    return text_in(texts, language or (languages[0] if languages else ""), languages)


def actor_label(G: nx.MultiGraph, actor: Any, language: str | None = None) -> str:
    """An actor's name in ``language`` (default: the dataset's first language), else its id."""
    return actor_labels(G, (actor,), language)[actor]


def actor_labels(
    G: nx.MultiGraph, actors: Iterable[Any], language: str | None = None
) -> dict[Any, str]:
    """:func:`actor_label` of each of ``actors``, the graph's languages read once.

    A graph that does not declare its languages has them read off every
    actor's name: once per label, a drawing of 5,000 actors took 11 s.

    >>> import networkx as nx
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", name={"ko": "이재용", "en": "Lee Jae-yong"})
    >>> G.add_node("b")
    >>> actor_labels(G, ["a", "b"]), actor_labels(G, ["a"], "en")
    ({'a': '이재용', 'b': 'b'}, {'a': 'Lee Jae-yong'})
    """
    languages = graph_languages(G)
    chosen = language or (languages[0] if languages else "")
    return {
        actor: text_in(G.nodes[actor].get("name"), chosen, languages) or str(actor)
        for actor in actors
    }


def citation(G: nx.MultiGraph, evidence: Mapping[str, Any]) -> str:
    """Where a quote comes from: its source's title and publisher, else the source id.

    >>> import networkx as nx
    >>> G = nx.MultiGraph(sources={"s": {"title": "Daily", "publisher": "Press"}})
    >>> citation(G, {"source": "s", "quote": "q"}), citation(G, {"source": "x"})
    ('Daily, Press', 'x')
    """
    source = (G.graph.get("sources") or {}).get(evidence.get("source")) or {}
    parts = [str(part) for part in (source.get("title"), source.get("publisher")) if part]
    return ", ".join(parts) or str(evidence.get("source", ""))


def source_credits(G: nx.MultiGraph) -> list[str]:
    """Each source of the dataset as a credit line: publisher, title, date.

    >>> import networkx as nx
    >>> G = nx.MultiGraph(sources={"s": {"title": "Daily", "publisher": "Press",
    ...                                  "published": "2025-02-04T10:00:00+09:00"}})
    >>> source_credits(G)
    ['Press, “Daily”, 2025-02-04']
    """
    credits = []
    for source in (G.graph.get("sources") or {}).values():
        title, published = source.get("title"), source.get("published")
        parts = [
            source.get("publisher"),
            f"“{title}”" if title else None,
            str(published)[:10] if published else None,
        ]
        credits.append(", ".join(str(part) for part in parts if part))
    return [credit for credit in credits if credit]


def sector_label(G: nx.MultiGraph, sector: str, language: str | None = None) -> str:
    """A sector's label in ``language`` from the graph's vocabulary, else its id.

    >>> import networkx as nx
    >>> sector_label(nx.MultiGraph(), "other")
    'other'
    """
    entry = (G.graph.get("sectors") or {}).get(sector) or {}
    return localized(G, entry.get("label"), language) or sector


def country_name(code: str, language: str | None = None) -> str:
    """A country's everyday name in ``language`` (ISO 3166 through pycountry), else its code.

    >>> country_name("KR"), country_name("KR", "ko"), country_name("JP", "xx"), country_name("ZZ")
    ('South Korea', '대한민국', 'Japan', 'ZZ')
    """
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    names = [n for n in (getattr(country, "common_name", None), country.name) if n]
    if language:  # the names are the catalogue's keys: a language without one keeps them
        words = _country_words(language)
        for name in names:
            if (translated := words.gettext(name)) != name:
                return translated
    return str(names[0])


@functools.cache
def _country_words(language: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [language], fallback=True)
