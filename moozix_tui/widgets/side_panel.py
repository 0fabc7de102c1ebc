"""The side panel: stem checklist, direction, plan and where the session lives."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from moozix_tui.engine import SessionView

__all__ = ["SidePanel"]

_ICONS = {"ok": ("✓", "green"), "warning": ("!", "yellow"), "error": ("✗", "red"),
          "checking": ("…", "cyan"), "missing": ("○", "dim")}


def render_view(view: SessionView) -> Text:
    text = Text()
    text.append("Stems\n", style="bold")
    if not view.stems:
        text.append("  none yet\n", style="dim")
    for slot in view.stems:
        icon, colour = _ICONS.get(slot.status, ("?", "white"))
        text.append(f" {icon} ", style=colour)
        text.append(slot.role, style="bold")
        if slot.path:
            text.append(f"  {Path(slot.path).name}")
        text.append("\n")
        if slot.note and slot.status in ("warning", "error"):
            text.append(f"   {slot.note[:120]}\n", style=colour)
    text.append("\nDirection\n", style="bold")
    text.append(f"  target {view.target} · style {view.style}\n")
    text.append("\nPlan\n", style="bold")
    if not view.plan:
        text.append("  no moves yet\n", style="dim")
    for line in view.plan:
        text.append(f"  {line[:200]}\n")
    text.append("\nSession\n", style="bold")
    folder = Path(view.session_dir)
    text.append(f"  {_home_relative(folder.parent)}/\n  {folder.name}\n", style="dim")
    return text


def _home_relative(path: Path) -> str:
    """~/… for paths under the home folder; the session's own folder name gets a line of
    its own, so a narrow panel never splits it."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except ValueError:
        return str(path)


class SidePanel(Static):
    DEFAULT_CSS = """
    SidePanel { width: 36; height: 1fr; padding: 0 1; border-left: tall $panel; }
    """

    def show(self, view: SessionView) -> None:
        self.update(render_view(view))
