"""The footer: Textual's, whose command-palette hint gives way where it would cover a key.

The hint is docked over the right end of the keys: on 80 columns, with a job's Cancel and
the card's F2 in the row, it covered the last ones ('f1 He'). ctrl+p still opens the
palette when the hint is hidden, and the help lists it with the other keys.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Footer

__all__ = ["KeysFooter"]


class KeysFooter(Footer):
    DEFAULT_CSS = """
    KeysFooter.-cramped FooterKey.-command-palette { display: none; }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)

    async def recompose(self) -> None:
        await super().recompose()
        self.make_room()

    def on_resize(self) -> None:
        self.make_room()

    def make_room(self) -> None:
        """Hide the hint where the keys and it do not both fit. Widths come from what each
        key renders (its own styles), not from the layout, which a new key lacks until the
        next refresh."""
        keys = list(self.query("FooterKey"))
        needed = sum(_width(key) for key in keys)
        self.set_class(needed > self.size.width, "-cramped")


def _width(key: Widget) -> int:
    return key.render().cell_len + key.styles.gutter.width + key.styles.margin.width
