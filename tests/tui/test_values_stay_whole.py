"""A reply wraps between values, never inside one: "-3.2" is never left at a line's end with
its "dB" starting the next, at any width, and the text reads (and copies) as written."""

from __future__ import annotations

import re

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Markdown

from moozix_tui.widgets.chat_log import AssistantMessage
from tests.support.pilot import wait_for

REPLY = (
    "The measurement doesn't back a deep cut: 3–7 kHz stands +3.2 dB against the drums' "
    "own 1–16 kHz trend (typical +0.0…+4.5 dB), and 15% of it is in the hats. I kept it "
    "to 2.0 dB, at 6500 Hz, with a 120 ms release.\n\n"
    " 1. Turn the vocal up 5.4 dB — vocal measured -5.0 LU against the rest; typical -1…+3 "
    "LU, so move it to about +1.0 LU; loudness -17.4 → -14.0 LUFS, true peak -2.4 dBTP\n"
)
PARAGRAPH = Markdown.BLOCKS["paragraph_open"]
_SPLIT = re.compile(r"\d\s*\n\s*(?:dBTP|dBFS|dB|kHz|Hz|LUFS|LU|ms|s)(?!\w)")


class OneReply(App):
    def compose(self) -> ComposeResult:
        yield AssistantMessage(REPLY)


def screen_lines(app: App) -> list[str]:
    """The rows each paragraph draws, through the same path the compositor takes."""
    rows = []
    for paragraph in app.query(PARAGRAPH):
        width, height = paragraph.size
        rows += [strip.text.rstrip() for strip in paragraph.render_lines(
            Region(0, 0, width, height))]
    return rows


async def test_a_number_and_its_unit_are_never_wrapped_apart():
    app = OneReply()
    async with app.run_test(size=(80, 100)) as pilot:
        await wait_for(pilot, lambda: len(app.query(PARAGRAPH)) == 2, "the reply laid out")
        words = REPLY.replace(" 1. ", "").split()
        for width in range(30, 81, 2):  # a list item's text is 10 columns narrower
            await pilot.resize_terminal(width, 100)
            await wait_for(pilot, lambda w=width: app.query_one(AssistantMessage).outer_size.width
                           == w - 4, f"the reply at {width} columns (less its right margin)")
            lines = screen_lines(app)
            text = "\n".join(lines)
            assert not _SPLIT.search(text), (width, lines)
            assert text.split() == words and "\u2800" not in text, (width, lines)
            assert sum(line != "" for line in lines) == len(lines), "no row left blank"
