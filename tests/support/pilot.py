"""Driving the app as a person would: type, press, wait for the state (never a fixed sleep)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget
from textual.widgets import Markdown

from moozix_tui.widgets.chat_log import ChatLog
from moozix_tui.widgets.prompt import Prompt
from tests.support.pilot_wait import settled


async def wait_for(pilot, condition: Callable[[], bool], what: str, tries: int = 400) -> None:
    """Let the app run until `condition()` holds; fail saying `what` never happened."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


async def type_line(pilot, text: str) -> None:
    prompt = pilot.app.query_one(Prompt)
    prompt.focus()
    prompt.value = text
    await pilot.press("enter")


async def say(pilot, text: str) -> None:
    await type_line(pilot, text)
    await settled(pilot)


def chat_text(app) -> str:
    return "\n".join(w.source if isinstance(w, Markdown) else str(w.render())
                     for w in app.query_one(ChatLog).children)


def fully_visible(widget: Widget, inside: Widget) -> bool:
    """Every row of `widget` is on screen inside `inside`'s viewport."""
    region = widget.region
    return bool(region) and inside.content_region.contains_region(region)
