"""Quitting and opening the app again: the work before is offered back, and a session
opened and closed with nothing said never stands in front of it."""

from __future__ import annotations

import os
import time

from moozix_tui.engine import Engine


def _age(folder, seconds: float) -> None:
    stamp = time.time() - seconds
    os.utime(folder / "state.json", (stamp, stamp))


def test_a_new_demo_offers_the_last_one_and_resume_skips_an_untouched_one(demo_chat):
    worked = demo_chat.engine.store.folder
    demo_chat.say("the vocal is too low")
    _age(worked, 60)
    sessions = worked.parent

    again = Engine.new(sessions_dir=sessions, demo=True)   # reopened, then quit at once
    hello = "\n".join(r.markdown for r in again.greeting().replies)
    assert worked.name in hello and "moozix demo" in hello and "--resume" in hello

    # `moozix demo --resume` (and the line printed on quitting) reaches the work, not the
    # newer session nothing was said in
    assert Engine.resume("latest", sessions_dir=sessions, demo=True).store.folder == worked
    assert Engine.resume("latest", sessions_dir=sessions).store.folder == worked
    bye = again.farewell()
    assert str(worked) in bye and "demo" in bye and "--resume" in bye
    assert str(again.store.folder) not in bye.split("Your last one")[1]


def test_a_session_with_words_in_it_is_the_one_to_come_back_to(demo_chat):
    demo_chat.say("the vocal is too low")
    bye = demo_chat.engine.farewell()
    folder = demo_chat.engine.store.folder
    assert f"Session saved in {folder}" in bye
    assert f"moozix demo --sessions-dir {folder.parent} --resume\n" in bye


def test_a_first_session_offers_nothing(chat):
    assert "--resume" not in chat.start()
