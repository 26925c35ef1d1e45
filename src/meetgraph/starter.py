"""A small, commented, valid dataset to start one's own story from (``meetgraph init``).

The starter lives in ``templates/starter.yaml`` with its texts in English,
Korean and Japanese. :func:`starter_text` keeps the languages asked for, in
their order; a language the starter has no words in gets the English text,
to be translated.

Examples
--------
>>> from meetgraph.loader import load_dataset_text
>>> dataset = load_dataset_text(starter_text(["en", "ja"]), "story.yaml")
>>> dataset.languages, dataset.actors[0].name
(['en', 'ja'], {'en': 'Jane Doe', 'ja': 'ジェーン・ドウ'})
>>> len(dataset.actors), len(dataset.meetings), len(dataset.expectations)
(4, 2, 1)
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from meetgraph.errors import MeetgraphError, shown
from meetgraph.i18n import FALLBACK, LANGUAGE_CODE
from meetgraph.schema import DEFAULT_LANGUAGES, localized_paths
from meetgraph.yamlout import round_trip_yaml

__all__ = ["StarterError", "parse_languages", "starter_text"]


class StarterError(MeetgraphError):
    """The starter cannot be made as asked."""


def parse_languages(text: str) -> list[str]:
    """Language codes written with commas, as ``--languages`` takes them.

    >>> parse_languages("en, ja")
    ['en', 'ja']
    >>> parse_languages("en,EN")
    Traceback (most recent call last):
    ...
    meetgraph.starter.StarterError: 'EN' is not a language code such as en, ko or pt-BR
    """
    codes = [code.strip() for code in text.split(",")]
    for code in codes:
        if not re.fullmatch(LANGUAGE_CODE, code):
            raise StarterError(f"{shown(code)} is not a language code such as en, ko or pt-BR")
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise StarterError(f"{shown(repeated[0])} is given twice")
    return codes


def starter_text(languages: Sequence[str] = DEFAULT_LANGUAGES) -> str:
    """The starter dataset as YAML text, its labels in ``languages`` (the first the default)."""
    if not languages:
        raise StarterError("give at least one language")
    template = resources.files("meetgraph").joinpath("templates", "starter.yaml")
    reader = round_trip_yaml()
    document = reader.load(template.read_text(encoding="utf-8"))
    document["languages"] = _flow(CommentedSeq(languages))
    for path in localized_paths():
        for texts in _found(document, path):
            _keep_languages(texts, languages)
    stream = io.StringIO()
    reader.dump(document, stream)
    return stream.getvalue()


def _found(value: Any, path: tuple[str, ...]) -> list[CommentedMap]:
    """The per-language mappings at ``path`` (``*`` for every list item)."""
    if not path:
        return [value] if isinstance(value, CommentedMap) else []
    head, *rest = path
    if head == "*":
        items = value if isinstance(value, CommentedSeq) else []
        return [found for item in items for found in _found(item, tuple(rest))]
    if isinstance(value, CommentedMap) and head in value:
        return _found(value[head], tuple(rest))
    return []


def _keep_languages(texts: CommentedMap, languages: Sequence[str]) -> None:
    words = dict(texts)
    for code in list(texts):
        del texts[code]
    for code in languages:
        texts[code] = words.get(code, words[FALLBACK])


def _flow(sequence: CommentedSeq) -> CommentedSeq:
    sequence.fa.set_flow_style()
    return sequence
