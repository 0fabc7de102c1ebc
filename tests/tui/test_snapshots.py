"""Snapshots of the main screens (pytest-textual-snapshot). Each says what it proves.

Update deliberately with `pytest tests/tui/test_snapshots.py --snapshot-update` and look
at the SVGs before committing them.

A screenshot must not depend on how busy the machine is, so every test takes it only
once the app is idle (see `settled`): the cursor does not blink, no worker is running,
every Markdown reply has been parsed (Textual parses it in a thread) and every animation
has finished. The session lives in the test's own temporary folder, shown as `~/sessions/`.
"""

from __future__ import annotations

import pytest
from pilot_wait import settled

from moozix_tui.app import MoozixApp
from moozix_tui.engine import Engine
from moozix_tui.engine.store import SessionState, SessionStore


@pytest.fixture
def fixed_app(tmp_path, monkeypatch):
    """An app on a session folder whose shown path and contents never change between runs."""
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = tmp_path / "sessions" / "snapshot"
    folder.mkdir(parents=True)
    return MoozixApp(Engine(SessionStore(folder), SessionState(created="fixed")))


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_first_screen(snap_compare, fixed_app, size):
    """A newcomer's first screen fits at 80x24 and scales up: greeting, empty checklist,
    prompt and key bindings all visible."""
    assert snap_compare(fixed_app, terminal_size=size, run_before=settled)


def test_stem_checklist_after_a_complaint(snap_compare, fixed_app):
    """A complaint is restated with its route, and the needed stems appear as a checklist
    in the chat and the side panel; the user's text is shown literally."""

    async def complain(pilot):
        await settled(pilot)
        prompt = pilot.app.query_one("#prompt")
        prompt.value = "the [/] vox is way too low"
        await pilot.press("enter")
        await settled(pilot)

    assert snap_compare(fixed_app, terminal_size=(100, 30), run_before=complain)


def test_help_screen(snap_compare, fixed_app):
    """F1 opens the help with example complaints and every command."""

    async def open_help(pilot):
        await settled(pilot)
        await pilot.press("f1")
        await settled(pilot)

    assert snap_compare(fixed_app, terminal_size=(100, 30), run_before=open_help)
