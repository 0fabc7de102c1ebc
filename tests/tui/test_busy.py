"""Work while a render runs: files picked with ctrl+o wait their turn (the running job and
its stems untouched) and are handled when it ends; Esc stops the running job."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Input

from moozix_tui.app import MoozixApp
from moozix_tui.engine import Engine, Job
from moozix_tui.screens.file_picker import FilePicker
from moozix_tui.widgets.summary_card import SummaryCard
from tests.support.pilot import chat_text, say, type_line, wait_for
from tests.support.pilot_wait import settled


@pytest.fixture
def app(tmp_path):
    return MoozixApp(Engine.new(sessions_dir=tmp_path / "sessions"))


@pytest.fixture
def held_renders(monkeypatch):
    """Renders wait for the test to let them go, so 'during the render' is certain."""
    gate = threading.Event()
    run = Job.run

    def held(self, progress, cancel=None):
        if self.kind == "render":
            assert gate.wait(30), "the test never let the render go"
        return run(self, progress, cancel)

    monkeypatch.setattr(Job, "run", held)
    yield gate
    gate.set()


async def start_render(pilot, folder) -> Job:
    app = pilot.app
    await say(pilot, "the vocal is way too low")
    await say(pilot, f'"{folder / "Lead Vox.wav"}" "{folder / "beat.wav"}"')
    await type_line(pilot, "go")
    await wait_for(pilot, lambda: app.engine.busy and app.engine.session.job.kind == "render",
                   "the render running")
    return app.engine.session.job


async def test_files_picked_during_a_render_wait_their_turn(app, buried_vocal_files,
                                                            held_renders):
    folder = buried_vocal_files
    async with app.run_test(size=(100, 30)) as pilot:
        render = await start_render(pilot, folder)
        stems_before = app.engine.view.stems
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FilePicker), "the picker")
        box = app.screen.query_one("#path", Input)
        box.focus()
        box.value = str(folder / "mix.wav")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.chosen, "mix.wav chosen")
        app.screen.query_one("#add").press()
        await wait_for(pilot, lambda: not isinstance(app.screen, FilePicker), "picker closed")
        # the render is still the job, its stems as they were
        assert app.engine.session.job is render and not render.cancel_event.is_set()
        assert app.engine.view.stems == stems_before
        assert "mix.wav" not in str([s.path for s in stems_before])
        held_renders.set()
        await settled(pilot)
        previews = app.engine.view.session_dir / "preview"
        assert (previews / "after.wav").exists(), "the render ran to its end"
        assert any(s.path and s.path.endswith("mix.wav") for s in app.engine.view.stems), \
            "the picked file was handled after the render"


async def test_escape_stops_the_running_render(app, buried_vocal_files, held_renders):
    async with app.run_test(size=(100, 30)) as pilot:
        render = await start_render(pilot, buried_vocal_files)
        await pilot.press("escape")
        await wait_for(pilot, render.cancel_event.is_set, "the render asked to stop")
        held_renders.set()
        await settled(pilot)
        assert "Cancelled" in chat_text(app)
        assert app.query_one(SummaryCard).card is None, "a stopped render shows no result"


def assert_footer_keys_whole(app) -> None:
    from textual.widgets._footer import FooterKey

    shown = [k for k in app.query(FooterKey) if k.display and k.region]
    footer = shown[0].parent
    for key in shown:
        text = f"{key.key_display} {key.description}".strip()
        assert key.region.width >= len(text), f"{text!r} cut"
        assert key.region.right <= footer.region.right, f"{text!r} cut"
        assert not any(other is not key and other.region.overlaps(key.region)
                       for other in shown), f"{text!r} covered"


async def test_every_footer_key_is_whole_during_a_second_render_at_80_columns(
        app, buried_vocal_files, held_renders):
    """With the card's F2 in the footer too, 'esc Cancel' was cut to 'esc Canc' at 80
    columns, just when it matters: it comes first while a job runs. Then the palette's hint
    covered the last keys instead ('f2 Card', 'f1 He'): where keys and hint do not both fit,
    the hint gives way (ctrl+p still opens the palette, and the help lists it)."""
    from textual.widgets._footer import FooterKey

    folder = buried_vocal_files
    async with app.run_test(size=(80, 24)) as pilot:
        await start_render(pilot, folder)
        held_renders.set()
        await settled(pilot)
        held_renders.clear()
        await type_line(pilot, "louder")
        await wait_for(pilot, lambda: app.engine.busy, "the second render running")
        await wait_for(pilot, lambda: any(k.action == "cancel_job" for k in
                                          app.query(FooterKey)), "Cancel in the footer")
        await pilot.pause()
        assert {"cancel_job", "toggle_card", "help", "quit"} <= {
            k.action for k in app.query(FooterKey) if k.display}
        assert_footer_keys_whole(app)
        held_renders.set()
        await settled(pilot)


async def test_every_footer_key_is_whole_while_files_are_checked_at_80_columns(
        app, buried_vocal_files, monkeypatch):
    """The first job of a session (checking the files given) showed 'f1 He▏^p palette'."""
    from textual.widgets._footer import FooterKey

    gate = threading.Event()
    run = Job.run

    def held(self, progress, cancel=None):
        if self.kind == "check":
            assert gate.wait(30), "the test never let the check go"
        return run(self, progress, cancel)

    monkeypatch.setattr(Job, "run", held)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_line(pilot, f'"{buried_vocal_files / "Lead Vox.wav"}"')
        await wait_for(pilot, lambda: any(k.action == "cancel_job" for k in
                                          app.query(FooterKey)), "Cancel in the footer")
        await pilot.pause()
        assert {"cancel_job", "help"} <= {k.action for k in app.query(FooterKey) if k.display}
        assert_footer_keys_whole(app)
        gate.set()
        await settled(pilot)


async def test_a_plan_for_words_typed_during_a_render_gets_the_room_on_a_short_screen(
        app, buried_vocal_files, held_renders):
    """At 80x24 the result arrived unfolded (14 rows of card) together with the plan for a
    complaint typed while it rendered, leaving that plan 4 rows of chat. The card now folds
    to its line whenever a later reply comes with it."""
    from tests.tui.test_small_screens import newest_plan

    async with app.run_test(size=(80, 24)) as pilot:
        await start_render(pilot, buried_vocal_files)
        await type_line(pilot, "the vocal is harsh")
        held_renders.set()
        await settled(pilot)
        card = app.query_one(SummaryCard)
        assert card.card is not None, "the render's result arrived"
        assert newest_plan(app) is not None, "the queued complaint was planned after it"
        assert card.outer_size.height == 1, "the card folded to a line under the new plan"
