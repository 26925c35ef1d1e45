"""Shared fixtures: browser tests run Debian's Chromium, never a downloaded one."""

from __future__ import annotations

import os
from typing import Any

import pytest

from meetgraph.chromium import EXECUTABLE, launch_options


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
