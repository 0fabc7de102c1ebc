"""Writing audio files: 24/16-bit WAV, TPDF dither, atomically (see dsp.atomic)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import soundfile as sf

from dsp.atomic import atomic_write, ensure_not_input

__all__ = ["write_wav"]

_SUBTYPES = {16: "PCM_16", 24: "PCM_24", 32: "FLOAT"}


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
    atomic_write(path, lambda tmp: sf.write(tmp, frames, sample_rate,
                                            subtype=_SUBTYPES[bit_depth], format="WAV"))
    return path


def _quantise(samples: np.ndarray, bit_depth: int, *, dither: bool, seed: int) -> np.ndarray:
    """Frames for soundfile. Undithered output stays float (clipped to full scale):
    libsndfile rounds it to the file's integer format itself, saving passes over the audio.
    Dithered output adds TPDF noise of one LSB and is quantised here."""
    frames = np.asarray(samples, dtype=np.float32).T
    if bit_depth == 32 or not dither:
        return np.clip(frames, -1.0, 1.0 - 2.0 ** -(bit_depth - 1))
    full_scale = float(2 ** (bit_depth - 1))
    rng = np.random.default_rng(seed)
    scaled = frames * full_scale + (rng.random(frames.shape, dtype=np.float32)
                                    - rng.random(frames.shape, dtype=np.float32))
    ints = np.clip(np.round(scaled), -full_scale, full_scale - 1)
    return ints.astype(np.int16) if bit_depth == 16 else (ints * 256).astype(np.int32)
