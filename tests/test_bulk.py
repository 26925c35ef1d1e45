import gc

import pytest

from meetgraph.bulk import collection_paused


def test_what_was_built_is_moved_to_the_oldest_generation_unscanned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from meetgraph import bulk

    monkeypatch.setattr(bulk, "_frozen_for_good", False)  # as in a fresh process
    with collection_paused():
        built = [[index] for index in range(1000)]
    assert gc.isenabled()
    oldest = {id(found) for found in gc.get_objects(generation=2)}
    assert id(built) in oldest and id(built[-1]) in oldest


def test_what_is_frozen_for_good_is_not_thawed(monkeypatch: pytest.MonkeyPatch) -> None:
    from meetgraph import bulk

    monkeypatch.setattr(bulk, "_frozen_for_good", False)
    try:
        bulk.kept_until_exit()
        frozen = gc.get_freeze_count()
        with collection_paused():
            built = [[index] for index in range(10)]
        assert gc.get_freeze_count() == frozen and gc.isenabled()
        assert id(built) not in {id(found) for found in gc.get_objects(generation=2)}
    finally:
        gc.unfreeze()


def test_a_nested_pause_leaves_the_collector_paused() -> None:
    with collection_paused():
        with collection_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
