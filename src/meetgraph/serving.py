"""A server process on a free loopback port: started, waited for until it listens, stopped.

The browser tests, the benchmarks and the screenshot script start the
explorer (or another server) through :func:`serving`, so starting, waiting
and stopping are written once. The process runs in a session of its own and
is stopped with everything it started.

>>> command = streamlit_command(Path("app.py"), 8600)
>>> command[1:4], command[command.index("--server.port") + 1]
(['-m', 'streamlit', 'run'], '8600')
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = [
    "ServerError",
    "free_port",
    "server_process",
    "serving",
    "stop",
    "streamlit_command",
    "streamlit_settings",
]

#: The loopback address every server here listens on.
HOST = "127.0.0.1"


class ServerError(RuntimeError):
    """A server exited before it listened, or did not listen in time; with its output."""


def free_port() -> int:
    """A loopback port no process listens on now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def streamlit_settings(port: int, upload_megabytes: int = 5) -> dict[str, str]:
    """The explorer's Streamlit settings (``.streamlit/config.toml`` says the same, for
    ``make run``): loopback only, no usage statistics, no error details, fonts with Hangul.

    >>> settings = streamlit_settings(8600)
    >>> settings["server.address"], settings["runner.postScriptGC"]
    ('127.0.0.1', 'false')
    """
    from meetgraph.styles import FONT_FAMILY

    return {
        "server.address": HOST,
        "server.port": str(port),
        "server.headless": "true",
        "server.maxUploadSize": str(upload_megabytes),
        # Nobody edits the installed code while it serves: no polling of every module's
        # file for changes (2 s of CPU in 14 s beside a large dataset).
        "server.fileWatcherType": "none",
        "server.runOnSave": "false",
        # A full collection after every run walks every object of the datasets held (2.3 s
        # per filter change at 20,000 actors); Python's own collections still run.
        "runner.postScriptGC": "false",
        "browser.gatherUsageStats": "false",
        "client.showErrorDetails": "none",
        "client.toolbarMode": "minimal",
        "theme.base": "light",
        # Streamlit puts its own font after these: Hangul from a named font, not by chance.
        "theme.font": FONT_FAMILY,
    }


def streamlit_command(script: Path, port: int, upload_megabytes: int = 5) -> list[str]:
    """``streamlit run SCRIPT`` with this interpreter and the explorer's settings."""
    settings = streamlit_settings(port, upload_megabytes)
    options = [part for name, value in settings.items() for part in (f"--{name}", value)]
    return [sys.executable, "-m", "streamlit", "run", str(script), *options]


@contextmanager
def server_process(
    command: Sequence[str],
    port: int,
    *,
    cwd: Path,
    log: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 60.0,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` (which listens on ``port``) until it listens; yield its process.

    Its output goes to ``log``, quoted in the :class:`ServerError` raised when
    it exits early or does not listen within ``timeout`` seconds.
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
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise ServerError(f"{command[0]} exited early:\n{log.read_text()}")
            with socket.socket() as sock:
                if sock.connect_ex((HOST, port)) == 0:
                    break
            if time.monotonic() > deadline:
                raise ServerError(f"{command[0]} did not listen on port {port}:\n{log.read_text()}")
            time.sleep(0.2)
        yield server
    finally:
        stop(server)


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop ``server``'s session: politely, then for good after ten seconds."""
    # The group is gone when the server exited early and started nothing.
    with suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


@contextmanager
def serving(
    command: Sequence[str],
    port: int,
    *,
    cwd: Path,
    log: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 60.0,
) -> Iterator[str]:
    """As :func:`server_process`, yielding the server's address instead."""
    with server_process(command, port, cwd=cwd, log=log, env=env, timeout=timeout):
        yield f"http://{HOST}:{port}"
