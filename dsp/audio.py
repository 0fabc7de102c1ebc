"""Reading audio files: the only place where soundfile's (frames, channels) layout appears."""

from __future__ import annotations

import re
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from dsp.errors import AudioContentError, AudioFileError
from dsp.intake import SUPPORTED_EXTENSIONS
from dsp.threads import shut_down

__all__ = ["MIN_DURATION_S", "SUPPORTED_EXTENSIONS", "AudioFile", "ReadAhead", "load_audio"]

MIN_DURATION_S = 0.5
"""BS.1770 gates 400 ms blocks; shorter files cannot be measured."""


@dataclass(frozen=True, eq=False)
class AudioFile:
    path: Path
    samples: np.ndarray
    sample_rate: int
    format: str
    subtype: str
    declared_frames: int = 0
    """How many frames the file's header promises; more than `frames` when the data was
    cut short (an interrupted export or copy). 0 means "as many as were decoded"."""

    @property
    def truncated_s(self) -> float:
        """Seconds the header promises beyond the decoded audio (0.0 for a whole file)."""
        return max(self.declared_frames - self.frames, 0) / self.sample_rate

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
            declared = max(handle.frames, _header_frames(path, fmt) or 0)
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
                     subtype=subtype, declared_frames=declared)


class ReadAhead:
    """Files decoding on two background threads while the caller does other work: decoding
    runs in libsndfile without the GIL, so it overlaps importing the analysis modules and
    parsing (about 0.7 s of a `moozix fix` that did both before the first file was read).
    A context manager: leaving it drops the files not yet asked for and waits for any
    still decoding (not after a Ctrl+C: see dsp.threads)."""

    def __init__(self, paths: Iterable[str | Path]) -> None:
        self._pool = ThreadPoolExecutor(max_workers=2)
        self._files: dict[Path, Future[AudioFile]] = {}
        for path in paths:
            key = Path(path).expanduser()
            if key not in self._files:
                self._files[key] = self._pool.submit(load_audio, key)

    def load(self, path: str | Path) -> AudioFile:
        """The decoded file (load_audio's result or error); a path not read ahead, or
        asked for a second time, is decoded now. The AudioFile is not kept here."""
        pending = self._files.pop(Path(path).expanduser(), None)
        return pending.result() if pending is not None else load_audio(path)

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        shut_down(self._pool, error, drop_queued=True)
        self._files.clear()


_BLOCK_FRAMES = 1 << 16


def _read_channels_first(handle: sf.SoundFile) -> np.ndarray:
    """Decode block by block straight into a (channels, frames) array: no whole-file
    (frames, channels) copy to transpose, and each block is split into channels while in
    cache, one channel at a time (numpy walks a transposed view much more slowly)."""
    samples = np.empty((handle.channels, handle.frames), dtype=np.float32)
    block = np.empty((_BLOCK_FRAMES, handle.channels), dtype=np.float32)
    done = 0
    while done < handle.frames:
        try:
            got = handle.read(out=block).shape[0]
        except sf.LibsndfileError:
            if done == 0:
                raise
            break  # a compressed stream cut short: keep what decoded; the check says so
        if got == 0:
            break
        for channel, decoded in zip(samples, block[:got].T, strict=True):
            channel[done:done + got] = decoded
        done += got
    return np.ascontiguousarray(samples[:, :done])


_HEADER_BYTES = 1 << 16


def _header_frames(path: Path, fmt: str) -> int | None:
    """Frames the WAV 'data' chunk or the AIFF 'COMM' chunk declares. libsndfile quietly
    shortens its frame count to the bytes present, so a cut-off file reads as a shorter
    whole one; only the header still tells. None when the header can't say (RF64, other
    formats), where the decoder's own count stands."""
    with path.open("rb") as handle:
        head = handle.read(_HEADER_BYTES)
    if fmt == "WAV" and head[:4] == b"RIFF":
        chunks = _chunks(head, 12, "<")
        fmt_chunk, data = chunks.get(b"fmt "), chunks.get(b"data")
        if fmt_chunk is None or data is None or data[1] == 0xFFFFFFFF:
            return None
        block_align = int.from_bytes(head[fmt_chunk[0] + 12:fmt_chunk[0] + 14], "little")
        return data[1] // block_align if block_align else None
    if fmt == "AIFF" and head[:4] == b"FORM":
        comm = _chunks(head, 12, ">").get(b"COMM")
        if comm is None:
            return None
        return int.from_bytes(head[comm[0] + 2:comm[0] + 6], "big")
    return None


def _chunks(head: bytes, start: int, order: str) -> dict[bytes, tuple[int, int]]:
    """RIFF/IFF chunk ids in the first bytes of a file: id -> (data offset, declared size)."""
    found, pos = {}, start
    while pos + 8 <= len(head):
        size = int.from_bytes(head[pos + 4:pos + 8], "little" if order == "<" else "big")
        found.setdefault(head[pos:pos + 4], (pos + 8, size))
        pos += 8 + size + (size & 1)
    return found


def _short(exc: BaseException) -> str:
    """The library's reason without its own preamble ("Error opening '/long/path': ")."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    text = re.sub(r"^Error opening .*?: ", "", text).rstrip(".")
    return text[:1].lower() + text[1:120]
