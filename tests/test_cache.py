"""The cache of validated datasets: a hit is the same dataset, anything doubtful is rebuilt."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

import meetgraph.cache
import meetgraph.loader
from meetgraph.cache import DatasetCache, code_fingerprint, dataset_cache
from meetgraph.cli import cli
from meetgraph.datafiles import load_dataset_bytes, read_dataset
from meetgraph.errors import DatasetError
from meetgraph.examples import EXAMPLE_YAML, example_dataset
from meetgraph.explorer import Loaded, load_checked
from meetgraph.schema import Dataset
from meetgraph.settings import Limits, Settings
from meetgraph.synth import synth_dataset_text

DATA = EXAMPLE_YAML.encode()
LIMITS = Limits()


@pytest.fixture
def cache(tmp_path: Path) -> DatasetCache:
    return DatasetCache(tmp_path / "cache")


def entries(cache: DatasetCache) -> list[Path]:
    return sorted(cache.folder.glob("*.pickle")) if cache.folder.exists() else []


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, the YAML reader fails: only the cache can give a dataset."""

    def refuse(*args: object, **kwargs: object) -> Dataset:
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(meetgraph.loader, "load_dataset_text", refuse)


def test_a_second_load_comes_from_the_cache_and_is_equal(
    cache: DatasetCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = example_dataset()
    first = load_dataset_bytes(DATA, "trip.yaml", cache=cache)
    assert len(entries(cache)) == 1
    no_parsing(monkeypatch)
    second = load_dataset_bytes(DATA, "another-name.yml", cache=cache)
    assert second == first == expected
    assert second is not first


@pytest.mark.parametrize("at_once", [7, 300, 10_000])  # groups of 7 (the last of 6), one
def test_a_generated_dataset_comes_back_whole(
    cache: DatasetCache, bundled: Dataset, at_once: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meetgraph.cache, "MEETINGS_AT_ONCE", at_once)
    text = synth_dataset_text(bundled, actors=60, meetings=300, seed=3).encode()
    fresh = load_dataset_bytes(text, "synth.yaml")
    load_dataset_bytes(text, "synth.yaml", cache=cache)
    cached = cache.get(cache.key(text, "yaml", LIMITS))
    assert cached == fresh
    # The fields given in the file, not only the values: what yamlout writes depends on them.
    assert cached is not None
    assert cached.model_dump(exclude_unset=True) == fresh.model_dump(exclude_unset=True)
    assert cached.model_dump_json() == fresh.model_dump_json()
    assert [m.model_fields_set for m in cached.meetings] == [
        m.model_fields_set for m in fresh.meetings
    ]


@pytest.fixture
def bundled() -> Dataset:
    return read_dataset(Settings.from_env().default_dataset)


def test_changed_content_is_loaded_afresh(cache: DatasetCache) -> None:
    load_dataset_bytes(DATA, "trip.yaml", cache=cache)
    changed = EXAMPLE_YAML.replace("Example", "Changed", 1).encode()
    assert changed != DATA
    dataset = load_dataset_bytes(changed, "trip.yaml", cache=cache)
    assert dataset == load_dataset_bytes(changed, "trip.yaml")
    assert dataset != example_dataset()
    assert len(entries(cache)) == 2


def test_the_key_covers_format_limits_and_code(
    cache: DatasetCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = cache.key(DATA, "yaml", LIMITS)
    assert cache.key(DATA, "xlsx", LIMITS) != key
    assert cache.key(DATA, "yaml", Limits(max_pairs=10)) != key
    assert cache.key(DATA, "yaml", Limits(max_bytes=1000)) != key
    # How many problems a refusal lists does not change what loads.
    assert cache.key(DATA, "yaml", Limits(max_problems=3)) == key
    monkeypatch.setattr(meetgraph.cache, "__version__", "99.0")
    assert code_fingerprint.__wrapped__() != code_fingerprint()


def test_an_entry_of_other_code_is_not_found(
    cache: DatasetCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_dataset_bytes(DATA, "trip.yaml", cache=cache)
    monkeypatch.setattr(meetgraph.cache, "code_fingerprint", lambda: "another version")
    assert cache.get(cache.key(DATA, "yaml", LIMITS)) is None


def test_limits_that_refuse_the_file_are_not_bypassed(cache: DatasetCache) -> None:
    load_dataset_bytes(DATA, "trip.yaml", cache=cache)
    with pytest.raises(DatasetError, match="participants"):
        load_dataset_bytes(DATA, "trip.yaml", limits=Limits(max_pairs=1), cache=cache)


def test_a_refused_file_is_not_cached(cache: DatasetCache) -> None:
    with pytest.raises(DatasetError):
        load_dataset_bytes(b"meetgraph: 1\n", "bad.yaml", cache=cache)
    assert entries(cache) == []


def damage_truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-100])


def damage_flipped(path: Path) -> None:
    content = bytearray(path.read_bytes())
    content[-50] ^= 1
    path.write_bytes(bytes(content))


def damage_emptied(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [damage_truncated, damage_flipped, damage_emptied])
def test_a_damaged_entry_is_deleted_and_rebuilt(
    cache: DatasetCache, damage: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = example_dataset()
    load_dataset_bytes(DATA, "trip.yaml", cache=cache)
    [entry] = entries(cache)
    good = entry.read_bytes()
    damage(entry)  # type: ignore[operator]
    assert cache.get(cache.key(DATA, "yaml", LIMITS)) is None
    assert not entry.exists()
    assert load_dataset_bytes(DATA, "trip.yaml", cache=cache) == expected
    assert entry.read_bytes() == good
    no_parsing(monkeypatch)
    assert load_dataset_bytes(DATA, "trip.yaml", cache=cache) == expected


class Planted:
    """A pickle that would write a file if it were ever unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_a_planted_entry_is_never_unpickled(cache: DatasetCache, tmp_path: Path) -> None:
    load_dataset_bytes(DATA, "trip.yaml", cache=cache)
    [entry] = entries(cache)
    marker = tmp_path / "unpickled"
    header = meetgraph.cache.ENTRY_LAYOUT + b"\0" * meetgraph.cache.MAC_BYTES
    entry.write_bytes(header + pickle.dumps(Planted(marker)))
    assert cache.get(entry.stem) is None
    assert not marker.exists()
    assert not entry.exists()


def test_an_entry_signed_by_another_cache_does_not_verify(
    cache: DatasetCache, tmp_path: Path
) -> None:
    other = DatasetCache(tmp_path / "other")
    key = other.key(DATA, "yaml", LIMITS)
    other.put(key, example_dataset())
    cache.put(cache.key(b"something else", "yaml", LIMITS), example_dataset())  # makes its key
    [foreign] = entries(other)
    (cache.folder / foreign.name).write_bytes(foreign.read_bytes())
    assert cache.get(key) is None
    assert other.get(key) == example_dataset()


def test_an_entry_under_another_key_does_not_verify(cache: DatasetCache) -> None:
    key = cache.key(DATA, "yaml", LIMITS)
    cache.put(key, example_dataset())
    other_key = cache.key(b"other bytes", "yaml", LIMITS)
    (cache.folder / f"{key}.pickle").rename(cache.folder / f"{other_key}.pickle")
    assert cache.get(other_key) is None


def test_a_key_file_others_can_read_turns_the_cache_off(cache: DatasetCache) -> None:
    key = cache.key(DATA, "yaml", LIMITS)
    cache.put(key, example_dataset())
    (cache.folder / "key").chmod(0o644)
    assert cache.get(key) is None
    assert load_dataset_bytes(DATA, "trip.yaml", cache=cache) == example_dataset()


def test_a_pipe_under_an_entry_name_does_not_hang(cache: DatasetCache) -> None:
    key = cache.key(DATA, "yaml", LIMITS)
    cache.put(b"x".hex(), example_dataset())  # makes the folder and its key
    os.mkfifo(cache.folder / f"{key}.pickle")
    assert load_dataset_bytes(DATA, "trip.yaml", cache=cache) == example_dataset()


def test_an_unusable_cache_directory_never_fails_a_load(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = DatasetCache(blocker / "cache")
    assert load_dataset_bytes(DATA, "trip.yaml", cache=cache) == example_dataset()
    assert load_dataset_bytes(DATA, "trip.yaml", cache=cache) == example_dataset()
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_the_entries_used_longest_ago_are_evicted(tmp_path: Path) -> None:
    probe = DatasetCache(tmp_path / "probe")
    probe.put("probe", example_dataset())
    size = (probe.folder / "probe.pickle").stat().st_size
    cache = DatasetCache(tmp_path / "cache", max_bytes=int(size * 2.5))
    for age, name in enumerate(["c", "b", "a"]):
        cache.put(name, example_dataset())
        os.utime(cache.folder / f"{name}.pickle", (1000 - age, 1000 - age))
    # c was stored first but is used now, so b is the one used longest ago.
    assert cache.get("c") == example_dataset()
    cache.put("d", example_dataset())
    assert [p.stem for p in entries(cache)] == ["c", "d"]


def test_a_dataset_larger_than_the_cache_is_not_stored(tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache", max_bytes=100)
    assert load_dataset_bytes(DATA, "trip.yaml", cache=cache) == example_dataset()
    assert entries(cache) == []
    # The entry was stopped as it grew past the cap: nothing of it is left either.
    assert sorted(p.name for p in cache.folder.iterdir()) == ["key"]


def test_stale_temporary_files_are_removed(cache: DatasetCache) -> None:
    cache.put("a", example_dataset())
    stale = cache.folder / ".b.pickle.0123abcd.tmp"
    fresh = cache.folder / ".c.pickle.4567abcd.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"being written")
    os.utime(stale, (1000, 1000))
    cache.put("d", example_dataset())
    assert not stale.exists() and fresh.exists()


def test_the_key_file_is_private(cache: DatasetCache) -> None:
    cache.put("a", example_dataset())
    assert (cache.folder / "key").stat().st_mode & 0o777 == 0o600
    assert cache.folder.stat().st_mode & 0o777 == 0o700


def test_settings_choose_the_cache(tmp_path: Path) -> None:
    on = Settings.from_env(
        {"MEETGRAPH_CACHE_DIR": str(tmp_path), "MEETGRAPH_CACHE_MAX_BYTES": "2000000"}
    )
    assert dataset_cache(on) == DatasetCache(tmp_path, 2_000_000)
    assert dataset_cache(on.without_cache()) is None
    assert dataset_cache(Settings.from_env({"MEETGRAPH_CACHE": "off"})) is None


def test_the_tests_never_use_the_users_cache() -> None:
    from meetgraph.settings import user_cache_dir

    assert Settings.from_env().cache_dir != user_cache_dir()
    assert Settings.from_env().cache_dir == Path(os.environ["MEETGRAPH_CACHE_DIR"])


def run_cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def cli_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DatasetCache:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("MEETGRAPH_CACHE_DIR", str(folder))
    return DatasetCache(folder)


def test_the_cli_caches_nothing_beside_the_data(tmp_path: Path, cli_cache: DatasetCache) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "trip.yaml").write_bytes(DATA)
    first = run_cli("validate", str(data / "trip.yaml"))
    assert first == run_cli("validate", str(data / "trip.yaml"))
    assert first.endswith(": ok (3 actors, 1 meeting, 0 missing edges)\n")
    assert [p.name for p in data.iterdir()] == ["trip.yaml"]
    assert len(entries(cli_cache)) == 1


def test_the_cli_without_the_cache(
    tmp_path: Path, cli_cache: DatasetCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "trip.yaml").write_bytes(DATA)
    run_cli("--no-cache", "validate", str(tmp_path / "trip.yaml"))
    assert not cli_cache.directory.exists()
    monkeypatch.setenv("MEETGRAPH_CACHE", "off")
    run_cli("stats", "--json", str(tmp_path / "trip.yaml"))
    assert not cli_cache.directory.exists()
    monkeypatch.setenv("MEETGRAPH_CACHE", "maybe")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "trip.yaml")])
    assert (result.exit_code, result.output) == (
        1,
        "MEETGRAPH_CACHE must be on or off, not 'maybe'\n",
    )


def test_the_app_loads_through_the_same_cache(cli_cache: DatasetCache) -> None:
    cache = dataset_cache(Settings.from_env())
    loaded = load_checked(DATA, "upload.yaml", Settings.from_env().upload_limits, cache)
    assert isinstance(loaded, Loaded)
    assert loaded.dataset == example_dataset()
    assert len(entries(cli_cache)) == 1
    again = load_checked(DATA, "upload.yaml", Settings.from_env().upload_limits, cache)
    assert isinstance(again, Loaded) and again.dataset == loaded.dataset
