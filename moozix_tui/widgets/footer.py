"""The footer: Textual's, whose command-palette hint gives way where it would cover a key.

The hint is docked over the right end of the keys: on 80 columns, with a job's Cancel and
the card's F2 in the row, it covered the last ones ('f1 He'). ctrl+p still opens the
palette when the hint is hidden, and the help lists it with the other keys.
"""

from __future__ import annotations

from textual.widgets import Footer

__all__ = ["KeysFooter"]


class KeysFooter(Footer):
    DEFAULT_CSS = """
    KeysFooter.-cramped FooterKey.-command-palette { display: none; }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._hint_width = 0

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.make_room)

    def on_resize(self) -> None:
        self.call_after_refresh(self.make_room)

    def make_room(self) -> None:
        """Hide the hint where the keys and it do not both fit."""
        keys = list(self.query("FooterKey").exclude(".-command-palette"))
        for hint in self.query("FooterKey.-command-palette"):
            self._hint_width = max(self._hint_width, hint.outer_size.width)
        if not keys or not self._hint_width:
            return
        right = max(k.region.right for k in keys) - self.region.x
        self.set_class(right + self._hint_width > self.size.width, "-cramped")
