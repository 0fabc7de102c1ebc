"""Atomic file writes with no heavy imports: temp file beside the target, fsync, rename.

Kept free of numpy so the chat can save its session file before the audio stack
has loaded.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from dsp.errors import OutputPathError

__all__ = ["atomic_write", "atomic_write_bytes", "ensure_not_input"]


def _read_umask() -> int:
    """The process umask. mkstemp creates files 0600; a finished file should get the mode
    any other program would give it (0644 under the usual umask), so it is set explicitly.
    Read once, at import, before worker threads exist (os.umask can only be read by
    setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_read_umask()


def ensure_not_input(path: Path, protect: Iterable[Path]) -> None:
    target = _identity(path)
    for other in protect:
        if _identity(Path(other)) == target:
            raise OutputPathError(
                f"refusing to write {path.name}: it is one of your input files — "
                "choose another output folder"
            )


def atomic_write(path: Path, write: Callable[[str], None]) -> None:
    """Call write(temp_path), then move the finished file over `path` in one step."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputPathError(f"cannot write to {directory} ({exc.strerror}) — "
                              "choose a folder you can write to") from exc
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fchmod(handle.fileno(), _FILE_MODE)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: str | Path, data: bytes, *, protect: Iterable[Path] = ()) -> Path:
    path = Path(path)
    ensure_not_input(path, protect)

    def write(tmp: str) -> None:
        with open(tmp, "wb") as handle:
            handle.write(data)

    atomic_write(path, write)
    return path


def _identity(path: Path) -> Path:
    return Path(os.path.realpath(os.path.expanduser(path)))
