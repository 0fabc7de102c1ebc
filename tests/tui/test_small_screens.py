"""80x24 and 120x40: the newest plan is on screen without scrolling, the side panel never
splits a value, the card folds on a short screen, help scrolls to its last line."""

from __future__ import annotations

import re

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from moozix_tui.app import MoozixApp
from moozix_tui.engine import Engine
from moozix_tui.widgets.chat_log import AssistantMessage, ChatLog
from moozix_tui.widgets.side_panel import SidePanel
from moozix_tui.widgets.summary_card import SummaryCard
from tests.support.pilot import fully_visible, say, wait_for


@pytest.fixture
def app(tmp_path):
    return MoozixApp(Engine.new(sessions_dir=tmp_path / "sessions"))


def newest_plan(app) -> Markdown | None:
    """The newest reply, when it carries a plan."""
    replies = list(app.query(AssistantMessage))
    return replies[-1] if replies and "**The plan**" in replies[-1].source else None


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_newest_plan_is_on_screen_after_a_complaint(app, buried_vocal_files, size):
    folder = buried_vocal_files
    async with app.run_test(size=size) as pilot:
        await say(pilot, "the vocal is way too low")
        await say(pilot, f'"{folder / "Lead Vox.wav"}" "{folder / "beat.wav"}"')
        await say(pilot, "go")
        card = app.query_one(SummaryCard)
        await wait_for(pilot, lambda: card.has_class("-shown"), "the before/after card")
        assert not card.has_class("-folded"), "a fresh result is shown in full"
        await say(pilot, "the vocal is harsh")
        log = app.query_one(ChatLog)
        await wait_for(pilot, lambda: newest_plan(app) is not None, "a plan reply")
        plan = newest_plan(app)
        # the reply's top (what was heard) and every numbered move are on screen
        first = plan.query("MarkdownParagraph").first()
        moves = plan.query("MarkdownOrderedList").first()
        await wait_for(pilot, lambda: fully_visible(first, log) and fully_visible(moves, log),
                       "the newest plan's first line and moves on screen")
        assert re.search(r"\d+(\.\d+)? dB", plan.source)
        # at any height the card folds to a line: at 120x36 in full it hid the plan's moves
        assert card.outer_size.height <= 1, "the card folds to a line"
        assert "lead vocal vs rest" in str(card.query_one("#fold").render())


# a value with the word that leads it: "up 9.2 dB", "around 8.1 kHz", "+8.6 dB"
_VALUE = re.compile(r"(?:[a-z]+ )?[+-]?\d+(?:\.\d+)? (?:dB|Hz|kHz|LU|LUFS|dBTP)\b")


async def test_side_panel_never_splits_a_value(app, buried_vocal_files):
    folder = buried_vocal_files
    async with app.run_test(size=(80, 24)) as pilot:
        await say(pilot, "the vocal is way too low")
        await say(pilot, f'"{folder / "Lead Vox.wav"}" "{folder / "beat.wav"}"')
        await say(pilot, "the vocal is harsh")
        panel = app.query_one(SidePanel)
        view = app.engine.view
        assert len(view.plan) >= 2
        await wait_for(pilot, lambda: "Plan" in str(panel.render()), "the panel's plan")
        width = panel.content_size.width
        lines = [" ".join(line.split()) for line in str(panel.render()).splitlines()]
        assert max(len(line) for line in str(panel.render()).splitlines()) <= width
        assert f"target {view.target}" in " ".join(lines) and f"style {view.style}" in lines
        for entry in view.plan:
            if len(entry) + 2 <= width:  # fits a line: shown whole
                assert entry in lines, (entry, lines)
            for value in _VALUE.findall(entry):  # a longer move wraps, its values whole
                assert any(value in line for line in lines), (value, lines)


async def test_help_scrolls_to_its_last_line(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "HelpScreen", "help")
        scroller = app.screen.query_one(VerticalScroll)
        await wait_for(pilot, lambda: scroller.max_scroll_y > 0, "help taller than the screen")
        for _ in range(10):
            await pilot.press("pagedown")
        await wait_for(pilot, lambda: scroller.scroll_y == scroller.max_scroll_y,
                       "help scrolled to the end")
        last = app.screen.query("MarkdownParagraph").last()
        assert "closes it" in str(last.render()) or "Esc" in str(last.render())
        assert fully_visible(last, scroller)
        assert "moozix --resume" in app.screen.query_one(Markdown).source


@pytest.mark.parametrize(("size", "panel_shown"), [((60, 20), False), ((80, 24), True)])
async def test_the_side_panel_gives_way_on_a_very_narrow_terminal(app, size, panel_shown):
    """At 60 columns the panel took 28 and left the chat about 26: it goes, and the chat
    gets the whole width."""
    from moozix_tui.widgets.side_panel import SidePanelScroll

    async with app.run_test(size=size) as pilot:
        await say(pilot, "the vocal is too low")
        panel = app.query_one(SidePanelScroll)
        log = app.query_one(ChatLog)
        await wait_for(pilot, lambda: log.size.width > 0, "the chat laid out")
        assert panel.display == panel_shown
        assert (log.size.width >= size[0] - 4) == (not panel_shown)


async def test_help_says_how_to_close_it_before_any_scrolling(app):
    """How to close the help was only its last line, under a 24-row screen's fold."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "HelpScreen", "help")
        scroller = app.screen.query_one(VerticalScroll)
        assert scroller.scroll_y == 0 and "Esc closes" in str(scroller.border_subtitle)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ != "HelpScreen", "closed")


async def test_the_notes_of_one_quote_stand_apart():
    """A plan's notes are one quote, a paragraph each; they were drawn on consecutive
    lines, so one note's last line ran into the next one's first."""
    from textual.app import App

    class OneReply(App):
        def compose(self):
            yield AssistantMessage("> The drums get a nudge only.\n>\n"
                                   "> Your earlier fix stays.\n\n**The plan**")

    app = OneReply()
    async with app.run_test(size=(80, 24)) as pilot:
        quote = app.query_one("MarkdownBlockQuote")
        await wait_for(pilot, lambda: len(quote.children) == 2, "both notes drawn")
        first, second = quote.children
        await wait_for(pilot, lambda: second.region.height > 0, "laid out")
        assert second.region.y == first.region.bottom + 1
