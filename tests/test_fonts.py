"""The Hangul font hint: from fontconfig's answer, never a failure."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from meetgraph.fonts import HANGUL_HINT, hangul_font_hint, hangul_fonts

DEBIAN_WITH_NOTO = """\
Noto Sans CJK KR,Noto Sans CJK KR Regular
Noto Serif CJK KR,Noto Serif CJK KR Regular
Noto Sans Mono CJK KR,Noto Sans Mono CJK KR Regular
"""


def fake_fc_list(folder: Path, output: str, status: int = 0) -> Path:
    """A folder holding an ``fc-list`` that prints ``output`` and exits with ``status``."""
    folder.mkdir()
    script = folder / "fc-list"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nsys.stdout.write({output!r})\nsys.exit({status})\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder


@pytest.mark.parametrize(
    ("listed", "hint"),
    [
        (DEBIAN_WITH_NOTO, None),
        ("Malgun Gothic\n", None),
        ("", HANGUL_HINT),
        ("\n  \n", HANGUL_HINT),
        (None, None),  # no fontconfig to ask
    ],
)
def test_the_hint_only_when_fontconfig_lists_no_hangul_font(listed: str | None, hint: str) -> None:
    assert hangul_font_hint(listed) == hint


def test_the_hint_says_what_to_install_in_one_line() -> None:
    assert "\n" not in HANGUL_HINT
    assert HANGUL_HINT.endswith("sudo apt-get install fonts-noto-cjk")


def test_fc_list_is_asked_for_korean_families(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(fake_fc_list(tmp_path / "bin", DEBIAN_WITH_NOTO)))
    assert hangul_fonts() == DEBIAN_WITH_NOTO


def test_a_failing_or_missing_fc_list_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(fake_fc_list(tmp_path / "bin", "", status=1)))
    assert hangul_fonts() is None
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert hangul_fonts() is None


@pytest.mark.parametrize(("listed", "printed"), [("", HANGUL_HINT + "\n"), (DEBIAN_WITH_NOTO, "")])
def test_the_make_run_check_prints_the_hint_and_succeeds(
    tmp_path: Path, listed: str, printed: str
) -> None:
    env = {**os.environ, "PATH": str(fake_fc_list(tmp_path / "bin", listed))}
    result = subprocess.run(
        [sys.executable, "-m", "meetgraph.fonts"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, printed, "")
