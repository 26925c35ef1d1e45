"""meetgraph installed from its wheel works with no checkout: the CLI, the bundled data, the app.

The wheel is built from this checkout and installed into a new virtual
environment; its dependencies come from the environment running the tests
(only meetgraph itself is under test). Every Python process of that
environment runs with an audit hook that stops it if it opens, lists or
scans anything in the checkout (but the test environment's own ``.venv``):
so a command that passes did not need the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from servers import free_port, serving

ROOT = Path(__file__).parents[1]

# Installed as sitecustomize.py in the new environment: every process there refuses the checkout.
GUARD = """\
import os
import sys

CHECKOUT = {checkout!r}
ALLOWED = {allowed!r}


def _refuse_the_checkout(event, args):
    if event not in ("open", "os.listdir", "os.scandir") or not args:
        return
    path = args[0]
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str):
        return
    path = os.path.abspath(path)
    inside = path == CHECKOUT or path.startswith(CHECKOUT + os.sep)
    if inside and not (path == ALLOWED or path.startswith(ALLOWED + os.sep)):
        raise RuntimeError(f"meetgraph touched its checkout: {{event}} {{path}}")


sys.addaudithook(_refuse_the_checkout)
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed; returns its ``bin`` folder."""
    root = tmp_path_factory.mktemp("installed")
    # Built from a copy: setuptools writes build/ and *.egg-info/ beside the sources it builds.
    source = root / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", ".*_cache", ".hypothesis", "__pycache__"
        ),
    )
    wheels = root / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation"]
    subprocess.run([*build, "-q", "-w", str(wheels)], check=True, cwd=root, timeout=300)
    (wheel,) = wheels.glob("meetgraph-*.whl")
    environment = root / "venv"
    venv.EnvBuilder(with_pip=False).create(environment)
    python = environment / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps"]
    subprocess.run(
        [*install, "-q", str(wheel)],
        check=True,
        cwd=root,
        timeout=300,
    )
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies, from the environment running the tests (a path line adds a folder,
    # it does not run the .pth files in it, so the checkout's editable install stays out).
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    guard = GUARD.format(checkout=str(ROOT.resolve()), allowed=str(Path(sys.prefix).resolve()))
    (site / "sitecustomize.py").write_text(guard, encoding="utf-8")
    return environment / "bin"


def clean_environment() -> dict[str, str]:
    """This process's environment without meetgraph's settings or Python's path variables.

    The session's cache folder stays: no test writes into the user's own cache.
    """
    kept = {"MEETGRAPH_CACHE_DIR": os.environ["MEETGRAPH_CACHE_DIR"]}
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("MEETGRAPH_", "PYTHON"))},
        **kept,
    }


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / "meetgraph"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_environment(),
        timeout=120,
        check=False,
    )


def test_the_package_and_its_data_come_from_the_installed_wheel(
    installed: Path, tmp_path: Path
) -> None:
    program = "import meetgraph, meetgraph.data as d; print(meetgraph.__file__); print(d.__file__)"
    result = subprocess.run(
        [str(installed / "python"), "-c", program],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    for line in result.stdout.splitlines():
        assert Path(line).is_relative_to(installed.parent), line


def test_the_guard_stops_a_process_that_reads_the_checkout(installed: Path) -> None:
    program = f"open({str(ROOT / 'README.md')!r})"
    result = subprocess.run(
        [str(installed / "python"), "-c", program], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "meetgraph touched its checkout" in result.stderr


def test_validate_stats_and_schema_use_the_bundled_data(installed: Path, tmp_path: Path) -> None:
    result = run(installed, "validate", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    bundled, verdict = result.stdout.rsplit(": ", 1)
    assert Path(bundled).is_relative_to(installed.parent)
    assert Path(bundled).name == "altman_seoul_2025.yaml"
    assert verdict == "ok (25 actors, 10 meetings, 4 missing edges)\n"
    stats = run(installed, "stats", "--json", cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    assert len(json.loads(stats.stdout)) == 25
    schema = run(installed, "schema", cwd=tmp_path)
    assert schema.stdout == (ROOT / "data" / "schema.json").read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == []


def test_export_writes_only_the_named_page(installed: Path, tmp_path: Path) -> None:
    result = run(installed, "export", "-o", "seoul.html", "--lang", "ko", cwd=tmp_path)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "seoul.html\n")
    assert [p.name for p in tmp_path.iterdir()] == ["seoul.html"]
    page = (tmp_path / "seoul.html").read_text(encoding="utf-8")
    assert "샘 올트먼" in page and '<html lang="ko">' in page


@pytest.fixture
def installed_app(installed: Path, tmp_path: Path) -> Iterator[str]:
    """``meetgraph app`` of the installed package, stopped by its process group."""
    port = free_port()
    log = tmp_path / "app.log"
    command = [str(installed / "meetgraph"), "app", "--port", str(port)]
    with serving(command, port, cwd=tmp_path, log=log, env=clean_environment()) as url:
        yield url
    assert "touched its checkout" not in log.read_text(), log.read_text()


@pytest.mark.browser
def test_the_installed_app_draws_the_bundled_graph(installed_app: str, page: Page) -> None:
    page.goto(installed_app)
    # The graph component, in the app's own page, once it has drawn.
    page.wait_for_selector("[data-meetgraph-graph]:not([data-drawn='0'])", timeout=60_000)
    page.wait_for_function("() => !!window.meetgraphNetwork", timeout=60_000)
    drawn = page.evaluate("() => window.meetgraphNetwork.body.data.nodes.length")
    assert drawn == 25
