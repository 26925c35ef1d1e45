"""Settings come from the environment, with defaults, and bad values are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetgraph.settings import Limits, Settings, SettingsError


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


@pytest.mark.parametrize(
    "value", ["0", "-5", "1.5", "lots", "²", "1" * 30, "99999999999999", "１２"]
)
def test_bad_caps_are_refused_in_one_line(value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"MEETGRAPH_MAX_UPLOAD_BYTES": value})
    message = str(caught.value)
    assert message.startswith(
        "MEETGRAPH_MAX_UPLOAD_BYTES must be a whole number from 1 to 17,179,869,184, not "
    )
    assert "\n" not in message and len(message) < 200


@pytest.mark.parametrize(
    ("variable", "value", "attribute"),
    [
        ("MEETGRAPH_MAX_PARTICIPANTS", "12", "max_participants"),
        ("MEETGRAPH_MAX_PAIRS", "5000", "max_pairs"),
        ("MEETGRAPH_MAX_FILE_BYTES", "2048", "max_file_bytes"),
    ],
)
def test_every_limit_is_a_setting(variable: str, value: str, attribute: str) -> None:
    assert getattr(Settings.from_env({variable: value}), attribute) == int(value)
    with pytest.raises(SettingsError, match=variable):
        Settings.from_env({variable: "0"})


def test_uploads_get_a_tenth_of_the_pairs_and_their_own_size_cap() -> None:
    settings = Settings.from_env({"MEETGRAPH_MAX_PAIRS": "5000", "MEETGRAPH_MAX_UPLOAD_BYTES": "9"})
    assert (settings.file_limits.max_pairs, settings.upload_limits.max_pairs) == (5000, 500)
    assert settings.upload_limits.max_bytes == 9
    with pytest.raises(SettingsError, match="max_depth must be a whole number from 1 to 64"):
        Limits(max_depth=65)
