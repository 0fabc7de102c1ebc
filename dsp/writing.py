"""Writing audio files atomically: a crash never leaves a half-written master behind.

The file is written next to its destination under a temporary name, flushed to
disk, then renamed over the destination in one step.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import soundfile as sf

from dsp.errors import OutputPathError

__all__ = ["atomic_write_bytes", "ensure_not_input", "write_wav"]

_SUBTYPES = {16: "PCM_16", 24: "PCM_24", 32: "FLOAT"}


def ensure_not_input(path: Path, protect: Iterable[Path]) -> None:
    target = _identity(path)
    for other in protect:
        if _identity(Path(other)) == target:
            raise OutputPathError(
                f"refusing to write {path.name}: it is one of your input files — "
                "choose another output folder"
            )


def write_wav(
    path: str | Path,
    samples: np.ndarray,
    sample_rate: int,
    *,
    bit_depth: int = 24,
    dither: bool = False,
    protect: Iterable[Path] = (),
    seed: int = 0,
) -> Path:
    """Write float (channels, frames) audio as WAV; 16-bit output gets TPDF dither if asked."""
    path = Path(path)
    if bit_depth not in _SUBTYPES:
        raise ValueError(f"bit_depth must be one of {sorted(_SUBTYPES)}, got {bit_depth}")
    ensure_not_input(path, protect)
    frames = _quantise(samples, bit_depth, dither=dither, seed=seed)
    _atomic(path, lambda tmp: sf.write(tmp, frames, sample_rate, subtype=_SUBTYPES[bit_depth],
                                       format="WAV"))
    return path


def atomic_write_bytes(path: str | Path, data: bytes, *, protect: Iterable[Path] = ()) -> Path:
    path = Path(path)
    ensure_not_input(path, protect)

    def write(tmp: str) -> None:
        with open(tmp, "wb") as handle:
            handle.write(data)

    _atomic(path, write)
    return path


def _quantise(samples: np.ndarray, bit_depth: int, *, dither: bool, seed: int) -> np.ndarray:
    frames = np.asarray(samples, dtype=np.float64).T
    if bit_depth == 32:
        return frames.astype(np.float32)
    full_scale = float(2 ** (bit_depth - 1))
    scaled = frames * full_scale
    if dither:
        rng = np.random.default_rng(seed)
        scaled = scaled + rng.random(scaled.shape) - rng.random(scaled.shape)
    ints = np.clip(np.round(scaled), -full_scale, full_scale - 1)
    if bit_depth == 16:
        return ints.astype(np.int16)
    return (ints * 256).astype(np.int32)


def _atomic(path: Path, write) -> None:
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
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _identity(path: Path) -> Path:
    return Path(os.path.realpath(os.path.expanduser(path)))
