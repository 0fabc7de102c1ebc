"""Keys from the prompt: the chat scrolls, ctrl+e exports while typing, the file picker
leaves its start folder and takes a typed path, and quitting says how to come back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from moozix_tui import app as app_module
from moozix_tui.app import MoozixApp, run_app
from moozix_tui.engine import Engine
from moozix_tui.screens.file_picker import AudioTree, FilePicker
from moozix_tui.widgets.chat_log import ChatLog, UserMessage
from moozix_tui.widgets.prompt import Prompt
from tests.support.pilot import say, wait_for
from tests.support.pilot_wait import settled


@pytest.fixture
def app(tmp_path):
    return MoozixApp(Engine.new(sessions_dir=tmp_path / "sessions"))


async def test_chat_scrolls_from_the_prompt(app):
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(4):
            await say(pilot, "help")
        log = app.query_one(ChatLog)
        prompt = app.query_one(Prompt)
        await wait_for(pilot, lambda: log.max_scroll_y > 2 * log.size.height, "a long chat")
        prompt.value = "half-typed"
        await pilot.press("ctrl+end")
        await wait_for(pilot, lambda: log.scroll_y == log.max_scroll_y, "ctrl+end: the newest")
        await pilot.press("pageup")
        await wait_for(pilot, lambda: log.scroll_y < log.max_scroll_y, "PgUp scrolled up")
        up = log.scroll_y
        await pilot.press("pageup")
        await wait_for(pilot, lambda: log.scroll_y < up, "PgUp again")
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: log.scroll_y > up - 1, "PgDn scrolled down")
        await pilot.press("ctrl+home")
        await wait_for(pilot, lambda: log.scroll_y == 0, "ctrl+home: the first message")
        await pilot.press("ctrl+end")
        await wait_for(pilot, lambda: log.scroll_y == log.max_scroll_y, "ctrl+end: the newest")
        assert app.focused is prompt and prompt.value == "half-typed"
        await pilot.press("home")  # Home stays the prompt's: start of the line
        assert prompt.cursor_position == 0


async def test_ctrl_e_exports_while_typing(app):
    async with app.run_test(size=(80, 24)) as pilot:
        prompt = app.query_one(Prompt)
        prompt.focus()
        await pilot.press("h", "i")
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: any(str(m.render()) == "export"
                                          for m in app.query(UserMessage)),
                       "ctrl+e sent export")
        assert prompt.value == "hi"


def _picker(app) -> FilePicker:
    assert isinstance(app.screen, FilePicker)
    return app.screen


async def test_file_picker_goes_up_and_takes_a_typed_path(app, buried_vocal_files,
                                                          monkeypatch):
    folder = buried_vocal_files
    start = folder / "deeper"
    start.mkdir(exist_ok=True)
    monkeypatch.chdir(start)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FilePicker), "the picker")
        picker = _picker(app)
        tree = picker.query_one(AudioTree)
        assert Path(tree.path) == start.resolve()
        await pilot.press("ctrl+up")
        await wait_for(pilot, lambda: Path(tree.path) == folder.resolve(), "up one folder")
        box = picker.query_one("#path", Input)
        box.focus()
        box.value = str(start)  # a folder: the tree opens it
        await pilot.press("enter")
        await wait_for(pilot, lambda: Path(tree.path) == start.resolve(), "typed folder")
        box.value = f'"{folder / "Lead Vox.wav"}"'  # a pasted, quoted file: added
        await pilot.press("enter")
        await wait_for(pilot, lambda: picker.chosen == [(folder / "Lead Vox.wav")],
                       "typed file chosen")
        box.value = str(folder / "no such take.wav")
        await pilot.press("enter")
        where = str(picker.query_one("#where", Static).render())
        assert "not found" in where and "no such take.wav" in where
        picker.query_one("#add").press()
        await wait_for(pilot, lambda: not isinstance(app.screen, FilePicker), "picker closed")
        await wait_for(pilot, lambda: any(s.path and s.path.endswith("Lead Vox.wav")
                                          for s in app.engine.view.stems), "file handed over")
        await settled(pilot)


def test_quitting_prints_how_to_come_back(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(app_module.MoozixApp, "run",
                        lambda self: self.engine.handle("the vocal is too low"))
    assert run_app(sessions_dir=str(tmp_path / "my sessions")) == 0
    out = capsys.readouterr().out
    folder = next((tmp_path / "my sessions").iterdir())
    assert str(folder) in out
    assert f"moozix --sessions-dir '{tmp_path / 'my sessions'}' --resume" in out


async def test_file_picker_takes_a_path_typed_or_pasted_without_clicking_the_box(
        app, buried_vocal_files, monkeypatch):
    """A newcomer opens the picker and types or pastes a folder at once: the letters reach
    the path box (the tree had the focus and swallowed them)."""
    from textual import events

    folder = buried_vocal_files
    monkeypatch.chdir(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FilePicker), "the picker")
        picker = _picker(app)
        box = picker.query_one("#path", Input)
        assert picker.focused is picker.query_one(AudioTree)
        await pilot.press(*"/tmp")
        assert box.value == "/tmp" and picker.focused is box
        box.value = ""
        picker.query_one(AudioTree).focus()
        picker.post_message(events.Paste(str(folder)))
        await wait_for(pilot, lambda: box.value == str(folder), "the pasted path in the box")


async def test_file_picker_adds_a_whole_folder(app, song, tmp_path, monkeypatch):
    """A DAW export is a folder of many files; the picker took them one Enter at a time
    (typing the folder only opened it). 'Add folder' takes every audio file of the folder
    under the cursor, as the chat takes a folder, and nothing that is not audio."""
    import soundfile as sf

    export = tmp_path / "music" / "Song's Export"
    export.mkdir(parents=True)
    names = {"Lead Vox.wav": "vocal", "Bass DI.wav": "bass", "Kick In.wav": "kick"}
    for name, part in names.items():
        sf.write(export / name, song[part][:, :44100].T, 44100)
    (export / "notes.txt").write_text("v3")
    (export.parent / "empty").mkdir()
    monkeypatch.chdir(export.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FilePicker), "the picker")
        picker = _picker(app)
        tree = picker.query_one(AudioTree)
        await wait_for(pilot, lambda: len(tree.root.children) == 2, "the folder listed")
        empty = next(n for n in tree.root.children if n.label.plain == "empty")
        tree.move_cursor(empty)
        picker.query_one("#add-folder").press()
        await wait_for(pilot, lambda: "no audio files" in str(
            picker.query_one("#where", Static).render()), "an empty folder refused")
        assert isinstance(app.screen, FilePicker)
        tree.move_cursor(next(n for n in tree.root.children if n.label.plain != "empty"))
        picker.query_one("#add-folder").press()
        await wait_for(pilot, lambda: not isinstance(app.screen, FilePicker), "picker closed")
        await settled(pilot)
        given = {Path(s.path).name for s in app.engine.view.stems if s.path}
        assert given == set(names), given


async def test_the_side_panel_scrolls_from_the_keyboard(app):
    """The panel scrolled only with a mouse: F3 (listed in F1's keys) gives it the keys,
    PgDn and End scroll it, not the chat, and Esc hands them back to the prompt."""
    from textual.widgets import Markdown

    from moozix_tui.widgets.side_panel import SidePanelScroll

    async with app.run_test(size=(80, 16)) as pilot:
        await say(pilot, "the vocal is too quiet and muddy")
        panel, log = app.query_one(SidePanelScroll), app.query_one(ChatLog)
        await wait_for(pilot, lambda: panel.max_scroll_y > 1, "a panel taller than its room")
        chat_at = log.scroll_y
        await pilot.press("f3")
        await wait_for(pilot, lambda: panel.has_focus, "F3: the panel has the keys")
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: panel.scroll_y > 0, "PgDn scrolled the panel")
        await pilot.press("end")
        await wait_for(pilot, lambda: panel.scroll_y == panel.max_scroll_y, "End: its foot")
        assert log.scroll_y == chat_at
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.query_one(Prompt).has_focus, "Esc: back to typing")
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "HelpScreen", "help")
        assert "**f3** — scroll the side panel" in app.screen.query_one(Markdown).source


async def test_a_path_typed_fast_into_the_picker_keeps_its_spaces(app, tmp_path, monkeypatch):
    """A path typed (or pasted by a terminal without bracketed paste) while the tree has
    the focus: each key arrives before the focus has moved to the path box, and the
    spaces went to the tree ("my song (final mix).wav" became "mysong(finalmix).wav")."""
    from textual import events

    monkeypatch.chdir(tmp_path)
    typed = str(tmp_path / "my song (final mix).wav")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FilePicker), "the picker")
        picker = _picker(app)
        await wait_for(pilot, lambda: picker.query_one(AudioTree).has_focus, "the tree")
        for char in typed:   # all at once, as a terminal sends them
            key = events.Key("space" if char == " " else char, char)
            key.set_sender(app)
            app._driver.send_message(key)
        box = picker.query_one("#path", Input)
        await wait_for(pilot, lambda: len(box.value) == len(typed), "the whole path typed")
        assert box.value == typed
