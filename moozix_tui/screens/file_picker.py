"""Picking stems from disk: a folder tree of audio files, a way up, and a path box.

Enter on a file adds it to the list (again removes it), Enter on a folder opens it;
"Add folder" takes every audio file of the highlighted folder (a DAW export is a folder of
many files); ctrl+up or the "Up" button goes to the parent folder; a path typed or pasted
in the box opens that folder or adds those files (read the same way the chat reads paths).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Static

from moozix_tui.engine.paths import AUDIO_SUFFIXES, find_paths, named_folder
from moozix_tui.widgets.line_input import LineInput
from moozix_tui.widgets.prompt import PathSuggester

__all__ = ["AudioTree", "FilePicker"]


class AudioTree(DirectoryTree):
    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".")
                and (p.is_dir() or p.suffix.lower() in AUDIO_SUFFIXES)]


class FilePicker(ModalScreen[list[Path]]):
    """Select one or more audio files, then Add."""

    BINDINGS = [("escape", "dismiss_empty", "Cancel"), ("ctrl+up", "up", "Parent folder")]
    DEFAULT_CSS = """
    FilePicker { align: center middle; }
    FilePicker > Vertical { width: 90%; height: 90%; border: thick $primary; background: $surface; }
    FilePicker > Vertical > Label { width: 1fr; }
    FilePicker #where { height: 1; text-wrap: nowrap; text-overflow: ellipsis; color: $text-muted; }
    FilePicker AudioTree { height: 1fr; }
    FilePicker #chosen { height: auto; max-height: 4; color: $text-muted; }
    FilePicker Horizontal { height: auto; align-horizontal: right; }
    FilePicker Button { margin-left: 2; }
    """

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self.start = (start or Path.home()).resolve()
        self.chosen: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Enter on a file adds it · Enter on a folder opens it · Add folder "
                        "takes all its audio files · ctrl+up: parent folder · or type/paste "
                        "a path below")
            yield Static(id="where", markup=False)
            yield AudioTree(str(self.start))
            yield LineInput(placeholder="a folder or file path (Enter)", id="path",
                            suggester=PathSuggester(), select_on_focus=False)
            yield Static(id="chosen", markup=False)
            with Horizontal():
                yield Button("↑ Up", id="up", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Add folder", id="add-folder", compact=True)
                yield Button("Add", id="add", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.show_folder(self.start)
        self.query_one(AudioTree).focus()

    def on_key(self, event: events.Key) -> None:
        """Typing a path while the tree has focus goes to the path box (the tree has no
        use for letters; they were lost). A space opens the tree's folder, unless a path is
        being typed: keys typed fast reach the tree before the focus has moved to the box."""
        box = self.query_one("#path", Input)
        if self.focused is box or not event.is_printable or event.character is None \
                or (event.character == " " and not box.value):
            return
        event.stop()
        box.focus()
        box.insert_text_at_cursor(event.character)

    def on_paste(self, event: events.Paste) -> None:
        box = self.query_one("#path", Input)
        if self.focused is not box:
            event.stop()
            box.focus()
            box.insert_text_at_cursor(event.text.strip())

    @property
    def folder(self) -> Path:
        return Path(self.query_one(AudioTree).path)

    def show_folder(self, folder: Path) -> None:
        self.query_one(AudioTree).path = folder
        self.query_one("#where", Static).update(Text(f"in {folder}"))

    @on(Button.Pressed, "#up")
    def action_up(self) -> None:
        self.show_folder(self.folder.parent)

    @on(Input.Submitted, "#path")
    def open_typed_path(self, event: Input.Submitted) -> None:
        """The box cleared itself as it sent (LineInput); a path not found is put back to
        be mended, unless more has been typed since."""
        text = event.value.strip()
        if not text:
            return
        folder = named_folder(text)
        if folder is not None:
            self.show_folder(folder)
            return
        files = [p for _, p in find_paths(text) if p.is_file()]
        if not files:
            self.query_one("#where", Static).update(
                Text(f"not found: {text} (still in {self.folder})", style="red"))
            if not event.input.value:
                event.input.value = event.value
                event.input.cursor_position = len(event.value)
            return
        for path in files:
            if path not in self.chosen:
                self.chosen.append(path)
        self.show_chosen()

    @on(DirectoryTree.FileSelected)
    def toggle_file(self, event: DirectoryTree.FileSelected) -> None:
        path = Path(event.path)
        if path in self.chosen:
            self.chosen.remove(path)
        else:
            self.chosen.append(path)
        self.show_chosen()

    def show_chosen(self) -> None:
        """The count first: the box shows a few lines, and a folder's worth is many files."""
        count = len(self.chosen)
        head = [f"{count} file{'' if count == 1 else 's'} chosen — Add puts them in the "
                "session"] if count else []
        self.query_one("#chosen", Static).update(
            Text("\n".join([*head, *(p.name for p in self.chosen)])))

    @on(Button.Pressed, "#add")
    def add_chosen(self) -> None:
        self.dismiss(list(self.chosen))

    @property
    def highlighted_folder(self) -> Path:
        """The folder under the tree's cursor, or the one holding the file under it."""
        node = self.query_one(AudioTree).cursor_node
        if node is None or node.data is None:
            return self.folder
        path = Path(node.data.path)
        return path if path.is_dir() else path.parent

    @on(Button.Pressed, "#add-folder")
    def add_folder(self) -> None:
        """Every audio file of the highlighted folder, as the chat reads a folder, with
        anything already chosen."""
        folder = self.highlighted_folder
        files = [p for _, p in find_paths(str(folder)) if p.is_file()]
        if not files:
            self.query_one("#where", Static).update(
                Text(f"no audio files in {folder} (still in {self.folder})", style="red"))
            return
        self.dismiss([*self.chosen, *(p for p in files if p not in self.chosen)])

    @on(Button.Pressed, "#cancel")
    def action_dismiss_empty(self) -> None:
        self.dismiss([])
