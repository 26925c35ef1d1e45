"""Whether this system can draw Hangul: a one-line hint when the explorer starts.

The explorer, its pages and its pictures name fonts with Hangul
(:data:`meetgraph.styles.FONT_FAMILY`), but a system must have one of them:
a Debian or Ubuntu machine without ``fonts-noto-cjk`` draws every Korean
name as boxes in the PNG export (and, lacking any other Hangul font, in the
browser). ``make run`` and ``meetgraph app`` ask fontconfig
(``fc-list :lang=ko``) before starting and print :data:`HANGUL_HINT` when it
lists no font; they start in any case. A system without fontconfig (macOS,
Windows, which ship Hangul fonts) gets no hint.

``python -m meetgraph.fonts`` prints the hint, or nothing, and exits 0.

Examples
--------
>>> hangul_font_hint("Noto Sans CJK KR,Noto Sans CJK KR Regular\\n") is None
True
>>> hangul_font_hint("") == HANGUL_HINT
True
>>> hangul_font_hint(None) is None  # no fontconfig: nothing to say
True
"""

from __future__ import annotations

import shutil
import subprocess

__all__ = ["HANGUL_HINT", "hangul_font_hint", "hangul_fonts", "main"]

#: What to do when no font has Hangul (one plain line, for a terminal).
HANGUL_HINT = (
    "note: no font with Korean (Hangul) glyphs found; Korean names will show as boxes."
    " On Debian or Ubuntu: sudo apt-get install fonts-noto-cjk"
)
_FC_LIST_SECONDS = 20  # a first fc-list may build fontconfig's cache


def hangul_fonts() -> str | None:
    """The families ``fc-list :lang=ko family`` prints; None without a working fc-list."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listed = subprocess.run(
            [fc_list, ":lang=ko", "family"],
            capture_output=True,
            text=True,
            timeout=_FC_LIST_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return listed.stdout if listed.returncode == 0 else None


def hangul_font_hint(fc_list_output: str | None) -> str | None:
    """:data:`HANGUL_HINT` when fontconfig listed no Hangul font, else None.

    ``fc_list_output`` is what :func:`hangul_fonts` returned: None when there
    is no fontconfig to ask, which says nothing about the fonts.
    """
    if fc_list_output is None or fc_list_output.strip():
        return None
    return HANGUL_HINT


def main() -> None:
    """Print the hint for this system, if any; never fail."""
    hint = hangul_font_hint(hangul_fonts())
    if hint is not None:
        print(hint)


if __name__ == "__main__":
    main()
