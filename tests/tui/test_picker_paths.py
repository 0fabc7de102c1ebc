"""The file picker's path box on a DAW export folder: a folder dragged in from a file manager
(a file:// URL, or a path with its spaces and brackets escaped) opens like a typed one, and
many chosen files say how many they are."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from textual.widgets import Input, Static

from moozix_tui.app import MoozixApp
from moozix_tui.engine import Engine
from moozix_tui.screens.file_picker import AudioTree, FilePicker
from tests.support.pilot import wait_for

NAMES = ("01 Kick In", "02 Kick Out", "03 Snare Top", "04 Snare Bottom", "15 Lead Vox")


@pytest.fixture
def export(tmp_path) -> Path:
    folder = tmp_path / "My Song [Final Mix] v2"
    folder.mkdir()
    for name in NAMES:
        sf.write(folder / f"{name}.wav", np.zeros((4800, 1), np.float32), 48000)
    return folder


@asynccontextmanager
async def path_box(tmp_path: Path, monkeypatch):
    """The app with its picker open and the picker's path box focused: (pilot, picker,
    box)."""
    monkeypatch.chdir(tmp_path)
    app = MoozixApp(Engine.new(sessions_dir=tmp_path / "sessions"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FilePicker), "the picker")
        picker = app.screen
        box = picker.query_one("#path", Input)
        box.focus()
        await pilot.pause()
        yield pilot, picker, box


@pytest.mark.parametrize("typed", [
    lambda f: f.as_uri(),                                             # file manager, URL
    lambda f: str(f).replace(" ", r"\ ").replace("[", r"\[").replace("]", r"\]"),  # drag
    lambda f: f"'{f}'",                                               # quoted
])
async def test_a_dragged_in_folder_opens_in_the_picker(tmp_path, export, monkeypatch, typed):
    """'file:///…/My%20Song%20%5BFinal%20Mix%5D%20v2/' added every file at once (five names
    in a box that shows four, no count) where the same folder typed plainly opens."""
    async with path_box(tmp_path, monkeypatch) as (pilot, picker, box):
        tree = picker.query_one(AudioTree)
        box.value = typed(export)
        await pilot.press("enter")
        await wait_for(pilot, lambda: Path(tree.path) == export.resolve(), "folder opened")
        assert picker.chosen == []
        assert "My Song [Final Mix] v2" in str(picker.query_one("#where", Static).render())


async def test_many_chosen_files_say_how_many(tmp_path, export, monkeypatch):
    """Five files chosen showed four names and nothing else: the box says the count first."""
    async with path_box(tmp_path, monkeypatch) as (pilot, picker, box):
        box.value = " ".join(f"'{export / name}.wav'" for name in NAMES)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(picker.chosen) == 5, "five chosen")
        shown = str(picker.query_one("#chosen", Static).render()).splitlines()
        assert shown[0].startswith("5 files chosen")
        assert "01 Kick In.wav" in shown[1]


async def test_paths_typed_in_one_burst_are_read_one_line_at_a_time(tmp_path, export,
                                                                     monkeypatch):
    """'<folder>⏎<file>⏎' typed fast (or queued while the app was busy) read as one path,
    'not found: …/v2//…/15 Lead Vox.wavhalf': each Enter must read what was typed before it
    and nothing after, as the prompt's does (9d9ef2a)."""
    from textual import events

    async with path_box(tmp_path, monkeypatch) as (pilot, picker, box):
        burst = []
        for line in (f"{export}/", f"{export / NAMES[4]}.wav", "half"):
            burst += [events.Key("space" if c == " " else c, c) for c in line]
            burst.append(events.Key("enter", "\r"))
        for key in burst[:-1]:   # the last line is left in the box
            pilot.app.post_message(key)
        await wait_for(pilot, lambda: picker.chosen != [], "a file chosen")
        await wait_for(pilot, lambda: box.value == "half", "the last line in the box")
        assert Path(picker.query_one(AudioTree).path) == export.resolve()
        assert picker.chosen == [export / f"{NAMES[4]}.wav"]


async def test_a_path_not_found_stays_in_the_box_to_be_mended(tmp_path, export, monkeypatch):
    async with path_box(tmp_path, monkeypatch) as (pilot, picker, box):
        box.value = f"{export}/16 Lead Vox.wav"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "not found" in str(
            picker.query_one("#where", Static).render()), "not found said")
        assert box.value == f"{export}/16 Lead Vox.wav"
        await pilot.press("backspace", "x")
        assert box.value == f"{export}/16 Lead Vox.wax"
