"""User-interface words in English and Korean, read from ``locales/ui.json``.

Examples
--------
>>> translate("tab_missing", "ko")
'없었던 만남'
>>> translate("upload_ok", "en", name="x.yaml")
'Loaded x.yaml.'
>>> translate("tab_missing", "fr")
Traceback (most recent call last):
...
KeyError: "no user-interface language 'fr'"
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["LANGUAGES", "translate", "ui_words"]

#: Language codes with the name each is offered under.
LANGUAGES = {"en": "English", "ko": "한국어"}


@cache
def _all_words() -> dict[str, dict[str, str]]:
    text = resources.files("meetgraph").joinpath("locales/ui.json").read_text(encoding="utf-8")
    words: dict[str, dict[str, str]] = json.loads(text)
    return words


def ui_words(language: str) -> Mapping[str, str]:
    """Every user-interface word in ``language`` (``en`` or ``ko``)."""
    try:
        return _all_words()[language]
    except KeyError:
        raise KeyError(f"no user-interface language {language!r}") from None


def translate(key: str, language: str, **values: Any) -> str:
    """The word ``key`` in ``language``, with ``values`` formatted in."""
    text = ui_words(language)[key]
    return text.format(**values) if values else text
