"""An Input whose Enter sends and clears in order with the letters typed.

As a binding, the submit ran once the key had bubbled up to the app, after letters typed
next were already in the box: 'target apple⏎style warm⏎' from tmux, or typed while the app
was busy, sent 'target applestyle warm' twice. Every one-line box that acts on Enter (the
prompt, the picker's path box) is one of these.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

__all__ = ["LineInput"]


class LineInput(Input):
    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            await self.action_submit()   # Submitted carries the value as it is now
            self.value = ""
            return
        await super()._on_key(event)
