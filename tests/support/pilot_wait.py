"""Waiting for a Textual app to settle: the state a test needs, never a fixed sleep."""

from __future__ import annotations

import time

from textual.widgets import Input, Markdown
from textual.worker import WorkerCancelled


async def settled(pilot, timeout_s: float = 120.0) -> None:
    """Wait until nothing on screen can still change, or fail saying what did not settle.

    Settled means: no worker running (jobs and the DSP preload), the engine not busy (a
    finished job's message handled), every Markdown reply parsed (Textual parses Markdown
    in a thread) and every animation done. The prompt's cursor is made steady, so a
    screenshot never depends on the moment it was taken; users still get a blinking one.
    """
    app = pilot.app
    for input_ in app.query(Input):
        input_.cursor_blink = False
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # superseded on purpose (a path suggestion, a folder listing): not a failure
        await pilot.wait_for_scheduled_animations()
        unparsed = [m for m in app.screen.query(Markdown) if m.source.strip() and not m.children]
        if not unparsed and not app.engine.busy:
            break
        if time.monotonic() > deadline:
            raise AssertionError(f"the app did not settle in {timeout_s} s: {len(unparsed)} "
                                 f"Markdown widgets unparsed, engine busy={app.engine.busy}")
        await pilot.pause(0.02)
    await pilot.pause()
