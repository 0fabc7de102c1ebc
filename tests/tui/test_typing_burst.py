"""Keys that arrive together (a fast typist, a paste, keys queued while the app was busy)
stay in the order typed: each Enter sends what was typed before it and nothing after."""

from __future__ import annotations

import pytest
from textual import events

from moozix_tui.app import MoozixApp
from moozix_tui.engine import Engine
from moozix_tui.widgets.chat_log import UserMessage
from moozix_tui.widgets.prompt import Prompt
from tests.support.pilot import wait_for
from tests.support.pilot_wait import settled


def _keys(text: str) -> list[events.Key]:
    return [events.Key("space" if c == " " else c, c) for c in text]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_lines_typed_in_one_burst_are_sent_as_typed(tmp_path, size):
    """In tmux, 'target apple⏎style warm⏎' sent at once became two messages, each 'target
    applestyle warm': the Enter's submit ran after the key had bubbled up to the app, by
    which time the prompt held the next line's letters too."""
    app = MoozixApp(Engine.new(sessions_dir=tmp_path / "sessions"))
    async with app.run_test(size=size) as pilot:
        app.query_one(Prompt).focus()
        burst = [*_keys("target apple"), events.Key("enter", "\r"), *_keys("style warm"),
                 events.Key("enter", "\r"), *_keys("half")]
        for key in burst:
            app.post_message(key)
        await wait_for(pilot, lambda: len(app.query(UserMessage)) == 2, "two messages")
        await settled(pilot)
        sent = [str(m.render()) for m in app.query(UserMessage)]
        assert sent == ["target apple", "style warm"]
        assert app.query_one(Prompt).value == "half"
