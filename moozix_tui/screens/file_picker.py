"""Picking stems from disk: a directory tree that shows only folders and audio files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Label, Static

from moozix_tui.engine.paths import AUDIO_SUFFIXES

__all__ = ["AudioTree", "FilePicker"]


class AudioTree(DirectoryTree):
    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".")
                and (p.is_dir() or p.suffix.lower() in AUDIO_SUFFIXES)]


class FilePicker(ModalScreen[list[Path]]):
    """Select one or more audio files (Enter on each), then Add."""

    BINDINGS = [("escape", "dismiss_empty", "Cancel")]
    DEFAULT_CSS = """
    FilePicker { align: center middle; }
    FilePicker > Vertical { width: 90%; height: 85%; border: thick $primary; background: $surface; }
    FilePicker AudioTree { height: 1fr; }
    FilePicker #chosen { height: auto; max-height: 6; color: $text-muted; }
    FilePicker Horizontal { height: auto; align-horizontal: right; }
    """

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self.start = start or Path.home()
        self.chosen: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Pick stems: Enter adds a file to the list; then press Add.")
            yield AudioTree(str(self.start))
            yield Static(id="chosen")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Add", id="add", variant="primary")

    @on(DirectoryTree.FileSelected)
    def toggle_file(self, event: DirectoryTree.FileSelected) -> None:
        path = Path(event.path)
        if path in self.chosen:
            self.chosen.remove(path)
        else:
            self.chosen.append(path)
        self.query_one("#chosen", Static).update(Text("\n".join(p.name for p in self.chosen)))

    @on(Button.Pressed, "#add")
    def add_chosen(self) -> None:
        self.dismiss(list(self.chosen))

    @on(Button.Pressed, "#cancel")
    def action_dismiss_empty(self) -> None:
        self.dismiss([])
