"""Debian's Chromium, launched the one way that works on this offline machine.

The browser tests, the benchmark and the screenshot script all launch it
through :func:`launch_options`, so its path and flags are written once.
Playwright cannot download a browser here; it drives the system's.

>>> options = launch_options()
>>> options["executable_path"], "--disable-background-networking" in options["args"]
('/usr/bin/chromium', True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["ARGS", "EXECUTABLE", "launch_options"]

#: Where Debian's chromium package puts the browser.
EXECUTABLE = Path("/usr/bin/chromium")
#: No sandbox (root in a container), no GPU, and nothing that reaches for the network
#: on its own: without these, Chromium's background requests are refused by the
#: closed network, many at a time.
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch_options(**extra: Any) -> dict[str, Any]:
    """Keyword arguments for Playwright's ``chromium.launch``, with ``extra`` added."""
    return {"executable_path": str(EXECUTABLE), "args": list(ARGS), **extra}
