r"""Text and data made safe to place inside an HTML page.

>>> print(json_for_script({"name": "</script><b>"}))
{"name":"\u003c/script\u003e\u003cb\u003e"}
>>> print(script_safe("if (a</script>b) {}"))
if (a<\/script>b) {}
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["json_for_script", "script_safe"]

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def json_for_script(data: Any) -> str:
    """JSON that cannot end its ``<script>`` block or be read as markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def script_safe(code: str) -> str:
    """JavaScript that cannot end its ``<script>`` element early."""
    # Only "</script" (any case) can end a script element early; "<\/" means the same in JS.
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
