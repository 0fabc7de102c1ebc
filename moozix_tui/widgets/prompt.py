"""The prompt: a LineInput with message history (up/down) and file-path completion."""

from __future__ import annotations

import os
import re
from pathlib import Path

from textual import events
from textual.suggester import Suggester

from moozix_tui.widgets.line_input import LineInput

__all__ = ["PathSuggester", "Prompt", "complete_path"]


_PATH_START = re.compile(r"""(?:^|[\s="'])([/~])""")


def complete_path(value: str) -> str | None:
    """Complete the path `value` ends with, or None. The path may hold spaces ('/Music/Song
    Export/Ba'): it is the longest tail, starting at a '/' or '~' at the start of a word,
    whose folder exists."""
    for start in _PATH_START.finditer(value or ""):
        word = value[start.start(1):]
        expanded = Path(os.path.expanduser(word))  # os.path leaves an unknown ~user as is
        folder, stem = (expanded, "") if word.endswith("/") else (expanded.parent, expanded.name)
        try:
            names = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir()
                           if p.name.startswith(stem) and not p.name.startswith("."))
        except OSError:
            continue
        if names:
            return value + names[0][len(stem):]
    return None


class PathSuggester(Suggester):
    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


class Prompt(LineInput):
    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder="Tell me what sounds wrong… (F1 for help)",
                         suggester=PathSuggester(), **kwargs)
        self.history: list[str] = []
        self._cursor: int | None = None

    def remember(self, text: str) -> None:
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self._cursor = None

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("up", "down") and self.history:
            event.prevent_default()
            event.stop()
            last = len(self.history)
            cursor = last if self._cursor is None else self._cursor
            cursor = max(cursor - 1, 0) if event.key == "up" else min(cursor + 1, last)
            self._cursor = cursor
            self.value = self.history[cursor] if cursor < last else ""
            self.cursor_position = len(self.value)
            return
        await super()._on_key(event)
