"""A server process for the browser tests: started on a free port, waited for, stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(
    command: Sequence[str],
    port: int,
    *,
    cwd: Path,
    log: Path,
    env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Run ``command`` (which listens on ``port``) until it listens; yield its address.

    The process runs in a session of its own and is stopped with everything it
    started; its output goes to ``log``, shown when it fails to start.
    """
    with log.open("w") as output:
        server = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=dict(env) if env is not None else None,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                pytest.fail(f"{command[0]} exited early:\n{log.read_text()}")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        else:
            pytest.fail(f"{command[0]} did not listen on port {port}:\n{log.read_text()}")
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@contextmanager
def streamlit_app(root: Path, log: Path) -> Iterator[str]:
    """``streamlit run streamlit_app.py`` of ``root`` on a free loopback port; its address."""
    port = free_port()
    command = [
        *(sys.executable, "-m", "streamlit", "run", str(root / "streamlit_app.py")),
        *("--server.port", str(port), "--server.address", "127.0.0.1"),
        *("--server.headless", "true"),
    ]
    with serving(command, port, cwd=root, log=log) as url:
        yield url
