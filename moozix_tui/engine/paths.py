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

from dsp.intake import SUPPORTED_EXTENSIONS, audio_files_in

__all__ = ["AUDIO_SUFFIXES", "RoleHint", "closest_name", "find_paths", "looks_like_path",
           "named_folder", "parse_path", "read_paths"]

AUDIO_SUFFIXES = SUPPORTED_EXTENSIONS   # what dsp can read
_ASSIGN = re.compile(r"^([A-Za-z_ ]{2,20})\s*[=:]\s*(.+)$")

RoleHint = tuple[str | None, Path]


def parse_path(text: str) -> Path | None:
    """One path as typed or pasted — quoted or not, `~`, `file://` — whether or not it
    exists yet (an export folder may not). None when the text can't be a path."""
    token = text.strip().strip(",;")
    if token[:1] in ("'", '"'):
        parts = _split(token)
        token = parts[0] if len(parts) == 1 else token.strip("'\"")
    if token.startswith("file://"):
        token = unquote(urlparse(token).path)
    if not token or len(token) > 4096 or "\0" in token:
        return None
    try:
        return Path(token).expanduser()
    except (OSError, ValueError, RuntimeError):
        return None


def named_folder(text: str) -> Path | None:
    """The one existing folder a typed or pasted text names, read as the chat reads a path
    (quoted, `~`, `file://`, or with its spaces and brackets escaped as a folder dragged
    into a terminal comes), or None."""
    tokens = _split(text.strip())
    for token in (text, *(tokens if len(tokens) == 1 else ())):
        path = _candidate(token)
        if path is not None and path.is_dir():
            return path.resolve()
    return None


def _candidate(token: str) -> Path | None:
    path = parse_path(token)
    try:
        return path if path is not None and path.exists() else None
    except (OSError, ValueError):
        return None


def looks_like_path(text: str) -> bool:
    """A message that is meant as a file or folder: a path separator or an audio suffix,
    and no spaces outside the path itself."""
    token = text.strip().strip("'\"")
    if not token or len(token) > 4096:
        return False
    if "=" in token.split("/")[0]:
        token = token.split("=", 1)[1]
    has_sep = (token.startswith(("/", "~", "./", "../", "file://"))
               or (" " not in token and "/" in token))
    return has_sep or token.lower().endswith(AUDIO_SUFFIXES)


def closest_name(path: Path) -> Path | None:
    """The existing file or folder whose name is nearest to a path that doesn't exist,
    looking in the nearest folder that does. Names sharing the wanted one's suffix are
    compared without it: ".wav" alone made "six.wav" the closest to "missing.wav"."""
    import difflib

    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        names = [p.name for p in folder.iterdir() if not p.name.startswith(".")]
    except OSError:
        return None
    wanted = path.name if path.parent == folder else path.relative_to(folder).parts[0]
    suffix = Path(wanted).suffix.lower()

    def key(name: str) -> str:
        return Path(name).stem if suffix and Path(name).suffix.lower() == suffix else name

    by_key = {key(name): name for name in names}
    match = difflib.get_close_matches(key(wanted), list(by_key), n=1, cutoff=0.5)
    return folder / by_key[match[0]] if match else None


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text, posix=True)
    except ValueError:
        return text.split()


def _expand(path: Path) -> list[Path]:
    """A folder is the audio files in it, in the order a musician reads them."""
    return list(audio_files_in(path).audio) if path.is_dir() else [path]


def find_paths(text: str) -> list[RoleHint]:
    """(role hint or None, path) for every existing file or folder named in the text."""
    return read_paths(text)[0]


def read_paths(text: str) -> tuple[list[RoleHint], list[Path]]:
    """What `find_paths` finds, and the paths named beside them that don't exist or are
    folders with no audio (so a paste of five files with one mistyped never drops that
    one without a word)."""
    if len(text) > 20_000:
        return [], []
    found: list[RoleHint] = []
    whole = _candidate(text.strip().strip("'\""))
    if whole is not None:
        return [(None, p) for p in _expand(whole)], []
    tokens = _split(text)
    left: list[list[str]] = [[]]   # runs of tokens that named nothing that exists
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
            inside = _expand(path)
            found.extend((role, p) for p in inside)
            left.append([])
            if not inside:   # a folder with no audio in it: said, like a missing path
                left[-2].append(str(path))
            i += used
        else:
            left[-1].append(tokens[i])
            i += 1
    unique: dict[Path, str | None] = {}
    for role, path in found:
        unique.setdefault(path.resolve(), role)
    missing = [m for run in left for m in [_missing(run)] if m is not None] if found else []
    return [(role, path) for path, role in unique.items()], missing


def _missing(run: list[str]) -> Path | None:
    """The path a run of leftover words names, from the word that starts a path to the
    last that ends like an audio file (spaces inside it kept): None if it names none."""
    words = [_ASSIGN.sub(r"\2", w) for w in run]
    start = next((n for n, w in enumerate(words)
                  if w.startswith(("/", "~", "./", "../", "file://"))), None)
    if start is None:
        return None
    ends = [n for n, w in enumerate(words) if n >= start and w.lower().endswith(AUDIO_SUFFIXES)]
    return parse_path(" ".join(words[start:ends[-1] + 1] if ends else words[start:start + 1]))
