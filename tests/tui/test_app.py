"""The Textual app driven by Pilot: the journey, literal text, a responsive prompt, resume."""

from __future__ import annotations

import threading

import pytest
from pilot_wait import settled
from textual.widgets import Markdown

from dsp.audio import load_audio
from moozix_tui.app import MoozixApp
from moozix_tui.engine import Engine, Job
from moozix_tui.widgets.chat_log import ChatLog, UserMessage
from moozix_tui.widgets.prompt import Prompt, complete_path
from moozix_tui.widgets.side_panel import SidePanel
from moozix_tui.widgets.summary_card import SummaryCard


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "home"))
    return MoozixApp(Engine.new(sessions_dir=tmp_path / "sessions"))


async def send(pilot, text: str) -> None:
    prompt = pilot.app.query_one(Prompt)
    prompt.value = text
    prompt.focus()
    await pilot.press("enter")
    await settle(pilot)


async def settle(pilot) -> None:
    await settled(pilot)


def chat_text(app) -> str:
    parts = []
    for widget in app.query_one(ChatLog).children:
        if isinstance(widget, Markdown):
            parts.append(widget.source)
        else:
            parts.append(str(widget.render()))
    return "\n".join(parts)


async def test_whole_journey(app, buried_vocal_files, tmp_path):
    folder = buried_vocal_files
    async with app.run_test(size=(120, 40)) as pilot:
        await send(pilot, "the vocal is way too low")
        assert "Stems I need" in chat_text(app)
        await send(pilot, f'"{folder / "Lead Vox.wav"}" "{folder / "beat.wav"}"')
        assert "The plan" in chat_text(app)
        await send(pilot, "go")
        card = app.query_one(SummaryCard)
        assert card.has_class("-shown")
        rows = {r.label: r for r in app.engine.view.summary.rows}
        assert rows["lead vocal vs rest"].after - rows["lead vocal vs rest"].before > 5
        await send(pilot, f"export {tmp_path / 'out'}")
        assert "Exported" in chat_text(app)
    master = load_audio(tmp_path / "out" / "master.wav")
    assert master.subtype == "PCM_24"


async def test_undo_key_and_stereo_only(app, buried_vocal_files):
    async with app.run_test(size=(100, 30)) as pilot:
        await send(pilot, "the vocal is buried")
        await send(pilot, "I only have the stereo mix")
        await send(pilot, str(buried_vocal_files / "mix.wav"))
        await send(pilot, "go")
        applied = app.engine.view.applied_moves
        assert applied >= 1
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.engine.view.applied_moves == applied - 1
        assert "Undid" in chat_text(app)


async def test_markup_and_emoji_are_shown_literally(app):
    text = "the [/] vocal is [bold]too quiet[/bold] 🎤 **no markdown** " + "long " * 300
    async with app.run_test(size=(80, 24)) as pilot:
        await send(pilot, text)
        users = list(app.query(UserMessage))
        assert str(users[-1].render()).startswith("the [/] vocal is [bold]too quiet")


async def test_bad_file_is_explained_in_the_checklist(app, tmp_path):
    bad = tmp_path / "vocal.wav"
    bad.write_text("not audio")
    async with app.run_test(size=(100, 30)) as pilot:
        await send(pilot, "the vocal is too quiet")
        await send(pilot, str(bad))
        assert "could not be read" in chat_text(app)
        assert "✗" in str(app.query_one(SidePanel).render())


async def test_prompt_accepts_input_while_a_job_runs(app):
    release = threading.Event()
    job = Job("check-1", "check", "Blocking on purpose",
              lambda progress, cancel: [] if release.wait(10) else [])
    async with app.run_test(size=(100, 30)) as pilot:
        app.engine.session.job = job
        app.start_job(job)
        await pilot.pause()
        prompt = app.query_one(Prompt)
        prompt.focus()
        await pilot.press("h", "i")
        assert prompt.value == "hi"
        await pilot.press("enter")
        assert "Noted" in chat_text(app) and "didn't catch" not in chat_text(app)
        release.set()
        await settle(pilot)
        assert not app.engine.busy
        assert "didn't catch" in chat_text(app)  # "hi" was handled once the job ended


async def test_resume_after_quitting(tmp_path, monkeypatch):
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "home"))
    first = MoozixApp(Engine.new(sessions_dir=tmp_path / "s"))
    async with first.run_test() as pilot:
        await send(pilot, "the kick and bass are fighting")
    again = MoozixApp(Engine.resume("latest", sessions_dir=tmp_path / "s"))
    async with again.run_test() as pilot:
        await pilot.pause()
        text = chat_text(again)
        assert "the kick and bass are fighting" in text and "Welcome back" in text


async def test_prompt_history_with_up_and_down(app):
    async with app.run_test() as pilot:
        await send(pilot, "help")
        await send(pilot, "status")
        prompt = app.query_one(Prompt)
        await pilot.press("up")
        assert prompt.value == "status"
        await pilot.press("up")
        assert prompt.value == "help"
        await pilot.press("down", "down")
        assert prompt.value == ""


async def test_help_screen_opens_and_closes(app):
    """It lists every key, the palette's too: a narrow footer has no room for its hint."""
    from textual.widgets import Markdown

    async with app.run_test() as pilot:
        await pilot.press("f1")
        assert app.screen.__class__.__name__ == "HelpScreen"
        assert "**ctrl+p** — every action by name" in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        assert app.screen.__class__.__name__ == "Screen"


async def test_help_is_built_once_and_opens_at_the_top_showing_the_glossary(app):
    """F1 built about a hundred Markdown blocks each time (about 1.75 s under load): the
    help is built on first use and kept, and each opening starts at its top."""
    from textual.containers import VerticalScroll
    from textual.widgets.markdown import MarkdownBlock

    from dsp.report import GLOSSARY

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        await settle(pilot)
        first = app.screen
        shown = "\n".join(str(b.render()) for b in first.query(MarkdownBlock))
        assert "What the figures mean" in shown
        assert all(term in shown for term, _ in GLOSSARY)
        first.query_one(VerticalScroll).scroll_end(animate=False)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not first
        await pilot.press("f1")
        await settle(pilot)
        assert app.screen is first and first.query_one(VerticalScroll).scroll_y == 0
        assert first.query_one(VerticalScroll).has_focus


def test_path_completion(tmp_path):
    (tmp_path / "Lead Vox.wav").write_bytes(b"")
    (tmp_path / "stems").mkdir()
    assert complete_path(f"{tmp_path}/Le") == f"{tmp_path}/Lead Vox.wav"
    assert complete_path(f"add {tmp_path}/st") == f"add {tmp_path}/stems/"
    assert complete_path("the vocal") is None


def test_path_completion_goes_on_past_a_space_in_a_folder_name(tmp_path):
    """After completing to '…/Song Export/', typing 'Ba' completed nothing: only the text
    after the last space ('Export/Ba') was taken for the path."""
    folder = tmp_path / "Song Export"
    folder.mkdir()
    (folder / "Bass DI.wav").write_bytes(b"")
    assert complete_path(f"{tmp_path}/Song") == f"{folder}/"
    assert complete_path(f"{folder}/Ba") == f"{folder}/Bass DI.wav"
    assert complete_path(f'bass="{folder}/Ba') == f'bass="{folder}/Bass DI.wav'
    assert complete_path(f"add {folder}/Ba") == f"add {folder}/Bass DI.wav"
    assert complete_path(f"{folder}/Bass DI.wav and the vocal") is None


async def test_light_theme_renders_the_journey(app, buried_vocal_files):
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-light"
        await send(pilot, "the vocal is too quiet")
        folder = buried_vocal_files
        await send(pilot, f"{folder / 'Lead Vox.wav'} {folder / 'beat.wav'}")
        assert "The plan" in chat_text(app)
        assert app.current_theme.dark is False


async def test_a_reply_that_opens_with_a_note_starts_on_its_first_row(app):
    """A plan opening with a note ('> There is no cymbals stem…') began with an empty row:
    the quote's top margin sat inside the reply's border."""
    from moozix_tui.engine import Reply
    from moozix_tui.widgets.chat_log import AssistantMessage

    async with app.run_test(size=(80, 24)) as pilot:
        log = app.query_one(ChatLog)
        log.add(Reply("assistant", "> a note first\n\n**The plan**\n\n1. a move", "plan"))
        await settle(pilot)
        reply = list(app.query(AssistantMessage))[-1]
        first, after = reply.children[0], reply.children[1]
        assert first.region.y == reply.content_region.y, "no empty row above the note"
        assert after.region.y == first.region.bottom + 1, "one empty row below it, as before"
