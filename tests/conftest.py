"""Shared fixtures: browser tests run Debian's Chromium, never a downloaded one.

No test writes into the user's own cache: the session's cache of validated
datasets is a temporary folder, in this process's environment so that every
command a test starts inherits it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from meetgraph.chromium import EXECUTABLE, launch_options


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache folder of the session's own, set before any test runs a command."""
    folder = tmp_path_factory.mktemp("meetgraph-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEETGRAPH_CACHE_DIR", str(folder))
        patch.delenv("MEETGRAPH_CACHE", raising=False)
        yield folder


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch arguments, pointed at the system Chromium, offline-minded."""
    _check_chromium()  # session fixtures run before the autouse check below
    return {**browser_type_launch_args, **launch_options()}


@pytest.fixture(autouse=True)
def _require_chromium(request: pytest.FixtureRequest) -> None:
    """Skip browser tests without Chromium locally; in CI its absence is a failure."""
    if request.node.get_closest_marker("browser") is not None:
        _check_chromium()


def _check_chromium() -> None:
    if EXECUTABLE.exists():
        return
    message = f"{EXECUTABLE} is missing (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
