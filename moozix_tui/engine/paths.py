"""Finding file paths in what the user typed or pasted.

Handles quotes, spaces, `~`, `file://` URIs, several paths at once and folders
(expanded to the audio files inside). Pure apart from asking the file system
what exists.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import unquote, urlparse

__all__ = ["AUDIO_SUFFIXES", "RoleHint", "find_paths"]

AUDIO_SUFFIXES = (".wav", ".wave", ".flac", ".aif", ".aiff", ".mp3", ".ogg")
_ASSIGN = re.compile(r"^([A-Za-z_ ]{2,20})\s*[=:]\s*(.+)$")

RoleHint = tuple[str | None, Path]


def _candidate(token: str) -> Path | None:
    token = token.strip().strip(",;")
    if token.startswith("file://"):
        token = unquote(urlparse(token).path)
    if not token or len(token) > 4096:
        return None
    try:
        path = Path(token).expanduser()
        return path if path.exists() else None
    except (OSError, ValueError, RuntimeError):
        return None


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text, posix=True)
    except ValueError:
        return text.split()


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir()
                      if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES
                      and not p.name.startswith("."))
    return [path]


def find_paths(text: str) -> list[RoleHint]:
    """(role hint or None, path) for every existing file or folder named in the text."""
    if len(text) > 20_000:
        return []
    found: list[RoleHint] = []
    whole = _candidate(text.strip().strip("'\""))
    if whole is not None:
        return [(None, p) for p in _expand(whole)]
    tokens = _split(text)
    i = 0
    while i < len(tokens):
        role, first = None, tokens[i]
        match = _ASSIGN.match(first)
        if match:
            role, first = match.group(1).strip(), match.group(2)
        path, used = _candidate(first), 1
        while path is None and used < 8 and i + used < len(tokens):
            used += 1
            path = _candidate(" ".join([first, *tokens[i + 1:i + used]]))
        if path is not None:
            found.extend((role, p) for p in _expand(path))
            i += used
        else:
            i += 1
    unique: dict[Path, str | None] = {}
    for role, path in found:
        unique.setdefault(path.resolve(), role)
    return [(role, path) for path, role in unique.items()]
