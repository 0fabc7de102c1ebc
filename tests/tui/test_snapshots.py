"""Snapshots of the main screens (pytest-textual-snapshot). Each says what it proves.

Update deliberately with `pytest tests/tui/test_snapshots.py --snapshot-update` and look
at the SVGs before committing them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from moozix_tui.app import MoozixApp
from moozix_tui.engine import Engine
from moozix_tui.engine.store import SessionState, SessionStore


def fixed_app(name: str) -> MoozixApp:
    """An app on a session folder whose path and contents never change between runs."""
    folder = Path("/tmp/moozix-snapshots") / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return MoozixApp(Engine(SessionStore(folder), SessionState(created="fixed")))


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
def test_first_screen(snap_compare, size):
    """A newcomer's first screen fits at 80x24 and scales up: greeting, empty checklist,
    prompt and key bindings all visible."""
    assert snap_compare(fixed_app(f"first-{size[0]}"), terminal_size=size)


def test_stem_checklist_after_a_complaint(snap_compare):
    """A complaint is restated with its route, and the needed stems appear as a checklist
    in the chat and the side panel; the user's text is shown literally."""

    async def complain(pilot):
        prompt = pilot.app.query_one("#prompt")
        prompt.value = "the [/] vox is way too low"
        await pilot.press("enter")
        await pilot.pause(0.2)

    assert snap_compare(fixed_app("checklist"), terminal_size=(100, 30), run_before=complain)


def test_help_screen(snap_compare):
    """F1 opens the help with example complaints and every command."""
    assert snap_compare(fixed_app("help"), terminal_size=(100, 30), press=["f1"])
