"""The collector's pauses (core/perf.py) hold across threads: a pause ending on one thread
never switches the collector back on under another thread's pause."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from planner.core.perf import collect_automatically, paused_gc


@pytest.fixture(autouse=True)
def _collector_back_on() -> Iterator[None]:
    assert gc.isenabled()
    yield
    collect_automatically(True)
    assert gc.isenabled()


def test_a_pause_ending_on_one_thread_keeps_another_threads_pause() -> None:
    entered, leave = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other() -> None:
        with paused_gc():
            entered.set()
            leave.wait(10)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=other)
    with paused_gc():
        thread.start()
        assert entered.wait(10)
    assert not gc.isenabled()  # the other thread still builds its objects
    leave.set()
    thread.join(10)
    assert seen == [False]
    assert gc.isenabled()  # the last pause has ended


def test_nested_pauses_switch_the_collector_on_once_at_the_end() -> None:
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_handed_over_stays_off_after_a_pause() -> None:
    with paused_gc():
        collect_automatically(False)  # the desktop app takes collecting over midway
    assert not gc.isenabled()
    with paused_gc():
        pass
    assert not gc.isenabled()
    collect_automatically(True)
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_is_left_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Node:
    me: object


def _old(thing: object) -> bool:
    """Whether `thing` is in the collector's oldest generation."""
    return any(o is thing for o in gc.get_objects(generation=2))


def test_an_aged_pause_moves_what_it_made_to_the_oldest_generation() -> None:
    """What an aged pause made (the command line's commands: everything loaded) is not gone
    through by the young generations' collections after it, yet its garbage is still freed."""
    with paused_gc(aged=True):
        kept = [[n] for n in range(50_000)]
        cycle = _Node()
        cycle.me = cycle  # garbage only the collector frees
        garbage = weakref.ref(cycle)
        del cycle
    assert gc.isenabled()
    assert _old(kept) and _old(kept[-1])
    assert garbage() is not None  # not collected yet: it waits in the oldest generation
    gc.collect()
    assert garbage() is None


def test_a_pause_not_aged_leaves_what_it_made_young() -> None:
    """The test above can fail: without `aged` the pause's objects are young when it ends."""
    gc.collect()  # every count at 0: the first collection after the pause is the youngest's
    with paused_gc():
        kept = [[n] for n in range(50_000)]
    assert not _old(kept) and not _old(kept[-1])
