"""A Ctrl+C doesn't wait for work in progress on other threads (dsp.threads): Ctrl+C
during `moozix master` on 20 minutes of a tone had waited up to 22 s for a true peak."""

from __future__ import annotations

import threading

import pytest

import dsp.audio
from dsp.audio import ReadAhead
from dsp.threads import thread_pool


def leave(block, error: BaseException, *, patience_s: float = 10.0) -> bool:
    """Run `block(started, release, error)` on a thread: it starts work that runs until
    released, and raises `error` once the work has started. The work is released once the
    block is left, or after `patience_s`. True if the block was left while the work ran."""
    started, release, left = threading.Event(), threading.Event(), threading.Event()
    running_when_left = []

    def run() -> None:
        try:
            block(started, release, error)
        except type(error):
            running_when_left.append(not release.is_set())
            left.set()

    thread = threading.Thread(target=run)
    thread.start()
    left.wait(patience_s)
    release.set()
    thread.join()
    return running_when_left == [True]


def in_a_pool(started, release, error) -> None:
    with thread_pool(1) as pool:
        pool.submit(lambda: (started.set(), release.wait()))
        started.wait()
        raise error


def reading_ahead(started, release, error) -> None:
    with ReadAhead(["a.wav"]):
        started.wait()
        raise error


@pytest.fixture
def slow_decoding(monkeypatch):
    """load_audio that waits to be released, for ReadAhead."""
    box = {}

    def load_audio(path):
        box["started"].set()
        box["release"].wait()

    monkeypatch.setattr(dsp.audio, "load_audio", load_audio)
    return box


def test_a_pool_left_by_ctrl_c_does_not_wait_for_its_work():
    assert leave(in_a_pool, KeyboardInterrupt())


def test_a_pool_left_by_any_other_error_waits_for_its_work():
    """A chat job cancelled (or failed) leaves no thread computing behind it."""
    assert not leave(in_a_pool, ValueError("failed"), patience_s=0.5)


def test_files_read_ahead_are_not_waited_for_after_ctrl_c(slow_decoding):
    def block(started, release, error):
        slow_decoding.update(started=started, release=release)
        reading_ahead(started, release, error)

    assert leave(block, KeyboardInterrupt())
