"""The help screen: example complaints and every command, from the engine's own wording."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from moozix_tui.engine.wording import HELP

__all__ = ["HelpScreen"]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [("escape,f1,q", "app.pop_screen", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; height: 85%; border: thick $primary;
                                  background: $surface; padding: 0 2; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown("# Moozix help\n\n" + HELP + "\n\nPress **Esc** to close.")
