"""The side panel: stem checklist, direction, plan and where the session lives.

Laid out for its own width, so a value never breaks mid-way: words wrap only between
values ("up 8.6 dB" stays whole, under the move's first word), and what still does not
fit ends in an ellipsis.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from moozix_tui.engine import SessionView
from moozix_tui.widgets.values import glue_values

__all__ = ["SidePanel", "SidePanelScroll", "fit", "render_view", "short_note", "wrap_values"]

_ICONS = {"ok": ("✓", "green"), "warning": ("!", "yellow"), "error": ("✗", "red"),
          "checking": ("…", "cyan"), "missing": ("○", "dim"),
          "unused": ("–", "dim"), "waiting": ("?", "yellow")}
_NBSP = "\u00a0"
_FILE_ROOM = 12
"""Columns a file's name needs beside its part's name before it goes on a line of its own."""
_LEAD_WORD = re.compile(r"(?<=[a-z]) (?=[+-]?\d)")  # "up 9.2 dB", "at 214 Hz" stay together


def fit(text: str, width: int) -> str:
    """One line of at most `width` cells, ending in … when cut."""
    if len(text) <= width:
        return text
    return text[:max(width - 1, 0)] + "…"


def fit_tail(text: str, width: int) -> str:
    """Like fit, but keeps the end (for paths, whose last part matters most)."""
    if len(text) <= width:
        return text
    return "…" + text[len(text) - max(width - 1, 0):]


def wrap_values(text: str, width: int, indent: str = "", hang: str = "  ") -> list[str]:
    """Wrap between words, never inside a value ("+8.6 dB", "up 9.2 dB", "at 214 Hz")."""
    glued = _LEAD_WORD.sub(_NBSP, glue_values(text, _NBSP))
    lines = textwrap.wrap(glued, width=max(width, 8), initial_indent=indent,
                          subsequent_indent=indent + hang, break_long_words=False,
                          break_on_hyphens=False)
    return [fit(line.replace(_NBSP, " "), width) for line in lines] or [indent]


def short_note(note: str, width: int, most: int = 3, name: str = "") -> list[str]:
    """A file's note in at most `most` lines: what is wrong, without the details in
    brackets or the advice after a dash (the chat has those in full), nor the file's
    `name` it opens with (the line above shows it)."""
    if name and note.startswith(f"{name} "):
        note = note[len(name) + 1:]
    gist = re.sub(r"\s*\([^)]*\)", "", note).split(" — ")[0].split("; ")[0].strip()
    lines = wrap_values(gist, width, "   ")
    if len(lines) > most or gist != note.strip():
        lines = lines[:most]
        lines[-1] = fit(lines[-1], width - 1) + ("" if lines[-1].endswith("…") else "…")
    return lines


def render_view(view: SessionView, width: int = 33, height: int | None = None) -> Text:
    """The panel at `width`; where it would be taller than `height`, a part's files that
    are fine are only counted ('✓ guitars ×4'), so a DAW export's 24 files do not push the
    plan out of sight. Files with something to say are always listed."""
    full = _render(view, width, gather=False)
    if height is None or len(full.plain.splitlines()) <= height:
        return full
    return _render(view, width, gather=True)


def _render(view: SessionView, width: int, *, gather: bool) -> Text:
    text = Text()

    def line(content: str, style: str = "") -> None:
        text.append(content + "\n", style=style)

    line("Stems", "bold")
    if not view.stems:
        line("  none yet", "dim")
    parts: dict[str, list] = {}
    for slot in view.stems:
        parts.setdefault(slot.role, []).append(slot)
    for slots in parts.values():  # a part with several files: its name, then each file
        part = slots[0].name  # "backing vocals", "reverb and effects": as the chat says it
        waiting = slots[0].status == "waiting"   # files whose part is still to be said
        single = len(slots) == 1 and not waiting
        if gather and not single and not waiting and all(s.status == "ok" for s in slots):
            icon, colour = _ICONS["ok"]
            text.append(f" {icon} ", style=colour)
            line(fit(f"{part} ×{len(slots)}", width - 3), "bold")
            continue
        if not single:  # "backing vocals ×4", as the chat's file summary counts them
            line(fit(f" {part}" + ("" if waiting else f" ×{len(slots)}"), width), "bold")
        for slot in slots:
            if gather and not single and slot.status == "ok":
                continue   # counted in the part's "×4"; the files with something to say follow
            icon, colour = _ICONS.get(slot.status, ("?", "white"))
            text.append(f" {icon} " if single else f"   {icon} ", style=colour)
            name = Path(slot.path).name if slot.path else ""
            if not single:
                line(fit(name, width - 5))
            elif len(part) + 2 + min(len(name), _FILE_ROOM) <= width - 3:
                text.append(part, style="bold")
                line(fit(f"  {name}" if name else "", width - 3 - len(part)))
            else:  # a long name ("the music under the vocal"): wrapped, its file under it
                for i, words in enumerate(textwrap.wrap(part, max(width - 3, 8)) or [part]):
                    text.append("" if i == 0 else "   ")
                    text.append(fit(words, width - 3), style="bold")
                    line("")
                if name:
                    line(fit(f"   {name}", width))
            if slot.note and slot.status in ("warning", "error", "unused"):
                for note in short_note(slot.note, width, name=name):
                    line(note, colour)
    line("")
    line("Direction", "bold")
    for part in wrap_values(f"target  {view.target}", width, "  ", " " * 8):  # its LUFS whole
        line(part)
    line(fit(f"  style   {view.style}", width))
    if view.reference:
        line(fit(f"  ref     {view.reference}", width))
    line("")
    line("Plan", "bold")
    if not view.plan:
        line("  no moves yet", "dim")
    for move in view.plan:  # "1. Turn the vocal up 9.2 dB": wrapped under its words
        number = move.split(" ", 1)[0]
        for part in wrap_values(move[:200], width, "  ", " " * (len(number) + 1)):
            line(part)
    line("")
    line("Session", "bold")
    folder = Path(view.session_dir)
    line(_indented_tail(f"{_home_relative(folder.parent)}/", width), "dim")
    text.append(_indented_tail(folder.name, width), style="dim")
    return text


def _indented_tail(path: str, width: int, indent: int = 2) -> str:
    """A path under its heading: the indent gives way before the path is cut, so "…" only
    ever stands for a part of the path that is not shown."""
    room = min(indent, max(width - len(path), 0))
    return " " * room + fit_tail(path, width - room)


def _home_relative(path: Path) -> str:
    try:
        return f"~/{path.relative_to(Path.home())}"
    except ValueError:
        return str(path)


class SidePanel(Static):
    """The panel's text, re-laid out whenever its width changes."""

    DEFAULT_CSS = """
    SidePanel { width: 1fr; height: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self) -> None:
        super().__init__(markup=False)
        self.view: SessionView | None = None

    def show(self, view: SessionView) -> None:
        self.view = view
        self.refresh(layout=True)

    def render(self) -> Text:
        if self.view is None:
            return Text()
        return render_view(self.view, max(self.content_size.width, 12), self._room())

    def get_content_height(self, container, viewport, width: int) -> int:
        """Measured at the width being laid out (a wrapped value adds a line), not at the
        width of the last render, so the last line is never cut off."""
        if self.view is None:
            return 0
        return len(render_view(self.view, max(width, 12), self._room()).plain.splitlines())

    def _room(self) -> int | None:
        """The rows the panel's scroll shows."""
        height = self.parent.scrollable_content_region.height if self.parent else 0
        return height or None


class SidePanelScroll(VerticalScroll):
    """Scrolls the panel when its checklist and plan outgrow the screen. F3 (the app's
    binding) gives it the keys: ↑/↓, PgUp/PgDn, Home/End scroll it, and Esc or F3 hands
    them back to the prompt."""

    BINDINGS = [Binding("escape", "app.focus_panel", "Back to typing", show=False)]
    DEFAULT_CSS = """
    SidePanelScroll { width: 36; height: 1fr; padding: 0 1; border-left: tall $panel;
                      scrollbar-size-vertical: 1; }
    SidePanelScroll:focus { border-left: tall $accent; }
    """
