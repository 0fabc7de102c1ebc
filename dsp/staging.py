"""A set of output files swapped into a folder together: written first into a hidden
staging folder inside it, then renamed into place only once every file is complete.

Each file was already written atomically (dsp.atomic), but an export stopped half-way
(an error, Ctrl+C) left the folder holding some new files beside the earlier run's
others. Now a failure leaves the earlier set as it was. The staging folder lives inside
the target, not beside it, so the renames never cross a file system (a USB stick's root
is a mount point) and never need a writable parent.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from dsp.atomic import ensure_not_input
from dsp.errors import OutputPathError

__all__ = ["Swapped", "staged", "swap_in"]

_PREFIX = ".moozix-export-"


@dataclass(frozen=True)
class Swapped:
    replaced: tuple[Path, ...]
    """Files of the new set that were already in the folder (an earlier run's)."""
    removed: tuple[Path, ...]
    """Files an earlier run wrote that the new set does not: taken away with the swap."""


@contextmanager
def staged(folder: Path) -> Iterator[Path]:
    """A new, empty staging folder inside `folder` (made if need be); write the set under
    it, then call swap_in. Whatever happens, the staging folder goes at the end, and a
    `folder` this call made goes too if nothing was swapped into it."""
    made = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=_PREFIX, dir=folder))
    except OSError as exc:
        raise OutputPathError(f"cannot write to {folder} ({exc.strerror}) — "
                              "choose a folder you can write to") from exc
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if made:
            try:
                folder.rmdir()   # only if empty: nothing was swapped in
            except OSError:
                pass


def swap_in(staging: Path, folder: Path, names: Sequence[str], *,
            earlier: Iterable[str] = (), protect: Iterable[Path] = ()) -> Swapped:
    """Move the files `names` (relative, '/'-separated) from `staging` into `folder`, and
    take away the files `earlier` (an earlier run's outputs) that are not among them. The
    files they replace are moved aside first and put back if any rename fails, so the
    folder ends with the whole new set or the whole old one. An input file is never
    moved: the caller has refused outputs at inputs' paths, and an earlier output that is
    now an input stays."""
    protect = list(protect)
    new = set(names)
    stale = [name for name in dict.fromkeys(earlier) if name not in new
             and (folder / name).is_file() and not _protected(folder / name, protect)]
    aside = staging / ".before"
    moved_out: list[str] = []
    moved_in: list[str] = []
    try:
        for name in (*names, *stale):
            if (folder / name).exists():
                _move(folder / name, aside / name)
                moved_out.append(name)
        for name in names:
            _move(staging / name, folder / name)
            moved_in.append(name)
    except BaseException:
        for name in reversed(moved_in):
            _move(folder / name, staging / name)
        for name in reversed(moved_out):
            _move(aside / name, folder / name)
        raise
    for parent in {(folder / name).parent for name in stale} - {folder}:
        with suppress(OSError):
            parent.rmdir()   # only if the stale files were all it held: no empty stems/
    return Swapped(replaced=tuple(folder / n for n in moved_out if n in new),
                   removed=tuple(folder / n for n in moved_out if n not in new))


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def _protected(path: Path, protect: list[Path]) -> bool:
    try:
        ensure_not_input(path, protect)
    except OutputPathError:
        return True
    return False
