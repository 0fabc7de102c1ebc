"""Reading audio files: the only place where soundfile's (frames, channels) layout appears."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from dsp.errors import AudioContentError, AudioFileError

__all__ = ["MIN_DURATION_S", "SUPPORTED_EXTENSIONS", "AudioFile", "load_audio"]

SUPPORTED_EXTENSIONS = (".wav", ".flac", ".aif", ".aiff", ".ogg", ".mp3")
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
            data = handle.read(dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, OSError) as exc:
        kinds = ", ".join(ext.lstrip(".").upper() for ext in SUPPORTED_EXTENSIONS)
        raise AudioFileError(
            f"{name} could not be read as audio ({_short(exc)}) — export it as {kinds}"
        ) from exc
    if channels > 2:
        raise AudioContentError(
            f"{name} has {channels} channels — export it as stereo or mono"
        )
    if data.shape[0] < MIN_DURATION_S * rate:
        raise AudioContentError(
            f"{name} is only {data.shape[0] / rate:.2f} s long — loudness needs at least "
            f"{MIN_DURATION_S:g} s; export the full track"
        )
    samples = np.ascontiguousarray(data.T)
    return AudioFile(path=path, samples=samples, sample_rate=int(rate), format=fmt,
                     subtype=subtype)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
