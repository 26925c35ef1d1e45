"""Settings come from the environment, with defaults, and bad values are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetgraph.settings import Settings, SettingsError


def test_defaults_point_at_the_bundled_data() -> None:
    settings = Settings.from_env({})
    assert settings.max_upload_bytes < settings.max_file_bytes
    assert settings.default_dataset == Path(__file__).parents[1] / "data" / "altman_seoul_2025.yaml"
    assert settings.bundled_datasets()[0] == settings.default_dataset


def test_data_dir_and_caps_from_environment(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    settings = Settings.from_env(
        {"MEETGRAPH_DATA_DIR": str(tmp_path), "MEETGRAPH_MAX_FILE_BYTES": "123"}
    )
    assert settings.max_file_bytes == 123
    assert [p.name for p in settings.bundled_datasets()] == ["a.yaml", "b.yaml"]


@pytest.mark.parametrize("value", ["0", "-5", "1.5", "lots"])
def test_bad_caps_are_refused(value: str) -> None:
    with pytest.raises(SettingsError, match="MEETGRAPH_MAX_UPLOAD_BYTES must be a positive"):
        Settings.from_env({"MEETGRAPH_MAX_UPLOAD_BYTES": value})
