"""Reading audio files: the only place where soundfile's (frames, channels) layout appears."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from dsp.errors import AudioContentError, AudioFileError
from dsp.intake import SUPPORTED_EXTENSIONS

__all__ = ["MIN_DURATION_S", "SUPPORTED_EXTENSIONS", "AudioFile", "load_audio"]

MIN_DURATION_S = 0.5
"""BS.1770 gates 400 ms blocks; shorter files cannot be measured."""


@dataclass(frozen=True, eq=False)
class AudioFile:
    path: Path
    samples: np.ndarray
    sample_rate: int
    format: str
    subtype: str

    @property
    def channels(self) -> int:
        return int(self.samples.shape[0])

    @property
    def frames(self) -> int:
        return int(self.samples.shape[1])

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate


def load_audio(path: str | Path) -> AudioFile:
    """Decode a file to float32 (channels, frames); raise a DspError a musician can act on."""
    path = Path(path).expanduser()
    name = path.name
    if not path.exists():
        raise AudioFileError(f"{name}: file not found at {path} — check the path and try again")
    if path.is_dir():
        raise AudioFileError(f"{name} is a folder, not an audio file — give the files inside it")
    if path.stat().st_size == 0:
        raise AudioFileError(f"{name} is empty (0 bytes) — export the track again")
    try:
        with sf.SoundFile(str(path)) as handle:
            fmt, subtype, rate, channels = (
                handle.format, handle.subtype, handle.samplerate, handle.channels
            )
            if channels > 2:
                raise AudioContentError(
                    f"{name} has {channels} channels — export it as stereo or mono"
                )
            samples = _read_channels_first(handle)
    except (sf.LibsndfileError, RuntimeError, OSError) as exc:
        kinds = ", ".join(ext.lstrip(".").upper() for ext in SUPPORTED_EXTENSIONS)
        raise AudioFileError(
            f"{name} could not be read as audio ({_short(exc)}) — export it as {kinds}"
        ) from exc
    if samples.shape[1] < MIN_DURATION_S * rate:
        raise AudioContentError(
            f"{name} is only {samples.shape[1] / rate:.2f} s long — loudness needs at least "
            f"{MIN_DURATION_S:g} s; export the full track"
        )
    return AudioFile(path=path, samples=samples, sample_rate=int(rate), format=fmt,
                     subtype=subtype)


_BLOCK_FRAMES = 1 << 16


def _read_channels_first(handle: sf.SoundFile) -> np.ndarray:
    """Decode block by block straight into a (channels, frames) array: no whole-file
    (frames, channels) copy to transpose, and each block is split into channels while in
    cache, one channel at a time (numpy walks a transposed view much more slowly)."""
    samples = np.empty((handle.channels, handle.frames), dtype=np.float32)
    block = np.empty((_BLOCK_FRAMES, handle.channels), dtype=np.float32)
    done = 0
    while done < handle.frames:
        got = handle.read(out=block).shape[0]
        if got == 0:
            break
        for channel, decoded in zip(samples, block[:got].T, strict=True):
            channel[done:done + got] = decoded
        done += got
    return np.ascontiguousarray(samples[:, :done])


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
