"""The help screen: example complaints and every command, from the engine's own wording,
and every key, from the app's own bindings. It scrolls when the terminal is short."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from moozix_tui.engine.wording import HELP, glossary_markdown

__all__ = ["HelpScreen", "keys_markdown"]


def keys_markdown(bindings: list[Binding], display) -> str:
    """A Markdown list of keys: `display(binding)` formats the key, the tooltip (or
    description) says what it does."""
    lines = [f"- **{display(b)}** — {b.tooltip or b.description}"
             for b in bindings if b.description]
    return "**Keys** (all work while you type)\n\n" + "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [("escape,f1,q", "app.pop_screen", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; height: 90%; border: thick $primary;
                                  background: $surface; padding: 0 2; }
    HelpScreen > VerticalScroll:focus { border: thick $accent; }
    """

    def compose(self) -> ComposeResult:
        bindings = [b if isinstance(b, Binding) else Binding(*b) for b in self.app.BINDINGS]
        # the footer has no room for the palette's hint on a narrow screen: the help has
        bindings.append(Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette", "Palette",
                                tooltip="every action by name: files, undo, targets, styles"))
        # Cancel leads the footer (whole on 80 columns during a job); here it goes last
        bindings.sort(key=lambda b: b.action == "cancel_job")
        keys = keys_markdown(bindings,
                             lambda b: self.app.get_key_display(b).replace("^", "ctrl+"))
        with VerticalScroll():
            yield Markdown("# Moozix help\n\n" + HELP + "\n\n" + keys + "\n\n"
                           + glossary_markdown()
                           + "\n\n↑/↓ or PgUp/PgDn scroll this help; **Esc** closes it.")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).border_subtitle = "Esc closes · ↑/↓ PgUp/PgDn scroll"

    def on_screen_resume(self) -> None:
        """Built once and kept (MoozixApp.SCREENS): each opening starts at the top."""
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_home(animate=False)
        scroll.focus()
