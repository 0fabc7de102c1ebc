"""Checking single files and harmonising a set of stems into one shape.

Each problem becomes a Notice with a one-line message the chat and the CLI can
show as is: what is wrong, then what we did or what the musician should do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy import signal

from dsp.analysis import spectrum
from dsp.audio import AudioFile
from dsp.errors import AudioContentError
from dsp.meter import (
    SILENCE_LUFS,
    amplitude_db,
    hop_frames,
    hop_power,
    sample_peak,
    true_peak_dbtp,
    window_power,
)

__all__ = [
    "DRUM_ROLES",
    "VOCAL_ROLES",
    "FileCheck",
    "Notice",
    "Stem",
    "StemSet",
    "check_audio",
    "harmonise",
]

DRUM_ROLES = ("kick", "snare", "cymbals", "drums")
VOCAL_ROLES = ("vocal", "backing_vocals")
_CLIP_LEVEL = 0.999
_CLIP_RUN = 3
_ONSET_TOLERANCE_S = 0.05
_HOPS_PER_BLOCK = 10
_MIX_CHUNK = 1 << 15


@dataclass(frozen=True)
class Notice:
    level: str
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.level not in ("error", "warning", "note"):
            raise ValueError(f"Notice.level must be error, warning or note, got {self.level!r}")


@dataclass(frozen=True)
class FileCheck:
    path: Path
    format: str
    subtype: str
    sample_rate: int
    channels: int
    duration_s: float
    peak_dbfs: float
    true_peak_dbtp: float
    clipped_samples: int
    dc_offset: float
    silent: bool
    nonfinite_samples: int
    notices: tuple[Notice, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(n.level == "error" for n in self.notices)


def check_audio(audio: AudioFile, *, true_peak: bool = False) -> FileCheck:
    """Measure one file and say what is wrong with it.

    The true peak (a 4x oversampling pass) is measured only when asked: no check or
    message depends on it, and a set of long stems would spend a second on it.

    A NaN or Inf anywhere makes its channel's mean non-finite, so the means the DC offset
    needs anyway stand in for a pass of isfinite over clean audio."""
    name = audio.path.name
    samples = audio.samples
    with np.errstate(invalid="ignore"):
        means = samples.mean(axis=1)
    nonfinite = 0 if np.isfinite(means).all() else _nonfinite_count(samples)
    clean = samples
    if nonfinite:
        clean = np.where(np.isfinite(samples), samples, 0.0).astype(np.float32)
        means = clean.mean(axis=1)
    peak_linear = sample_peak(clean)
    peak = amplitude_db(peak_linear)
    silent = peak < -90.0 or _loudest_hop_db(clean, audio.sample_rate) <= SILENCE_LUFS
    clipped = _clipped_samples(clean) if peak_linear >= _CLIP_LEVEL else 0
    dc = float(np.abs(means).max())
    notices: list[Notice] = []
    if nonfinite:
        notices.append(Notice("warning", "nonfinite",
                              f"{name} has {nonfinite} broken samples (NaN/Inf) — "
                              "they will be replaced with silence"))
    if silent:
        notices.append(Notice("error", "silent",
                              f"{name} is silent — check you exported the right track"))
    if clipped:
        notices.append(Notice("warning", "clipped",
                              f"{name} has {clipped} clipped samples — if you can, export it "
                              "again with the fader lower; we can tame but not undo clipping"))
    if dc > 0.01:
        notices.append(Notice("note", "dc_offset",
                              f"{name} has a DC offset of {dc:.3f} — it will be removed"))
    return FileCheck(
        path=audio.path, format=audio.format, subtype=audio.subtype,
        sample_rate=audio.sample_rate, channels=audio.channels,
        duration_s=audio.duration_s, peak_dbfs=peak,
        true_peak_dbtp=(true_peak_dbtp(clean) if not silent else float("-inf"))
        if true_peak else float("nan"),
        clipped_samples=clipped, dc_offset=dc, silent=silent,
        nonfinite_samples=nonfinite, notices=tuple(notices),
    )


def _nonfinite_count(samples: np.ndarray) -> int:
    return int(samples.size - np.count_nonzero(np.isfinite(samples)))


def _loudest_hop_db(samples: np.ndarray, rate: int) -> float:
    """Mean-square level of the loudest 400 ms stretch, in dB: a cheap stand-in for the
    BS.1770 absolute gate when all we ask is "is there anything here at all".

    Hop powers are summed a second of audio at a time, which keeps the squared signal in
    cache; each hop's sum is the same, bit for bit, as over the whole file."""
    step = hop_frames(rate) * _HOPS_PER_BLOCK
    hops = np.concatenate([hop_power(samples[:, start:start + step], rate)
                           for start in range(0, max(samples.shape[1], 1), step)])
    blocks = window_power(hops, rate, 0.4)
    loudest = float(blocks.max(initial=0.0))
    return 10.0 * np.log10(loudest) if loudest > 0 else float("-inf")


def _clipped_samples(samples: np.ndarray) -> int:
    """Samples in runs of 3+ at full scale: isolated full-scale samples are legal peaks."""
    hot = np.abs(samples) >= _CLIP_LEVEL
    if not hot.any():
        return 0
    total = 0
    for row in hot:
        edges = np.diff(np.concatenate(([0], row.view(np.int8), [0])))
        starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        runs = stops - starts
        total += int(runs[runs >= _CLIP_RUN].sum())
    return total


@dataclass(frozen=True, eq=False)
class Stem:
    role: str
    samples: np.ndarray
    source: Path | None = None


@dataclass(frozen=True, eq=False)
class StemSet:
    stems: tuple[Stem, ...]
    sample_rate: int
    frames: int
    notices: tuple[Notice, ...] = field(default=())

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(stem.role for stem in self.stems)

    def get(self, role: str) -> Stem | None:
        return next((stem for stem in self.stems if stem.role == role), None)

    def layer_stems(self, layer: str) -> tuple[Stem, ...]:
        """The stems a layer means: 'drums' is the whole kit, 'instruments' all but vocals."""
        exact = self.get(layer)
        if layer == "drums":
            return tuple(s for s in self.stems if s.role in DRUM_ROLES)
        if layer == "instruments" and exact is None:
            return tuple(s for s in self.stems if s.role not in VOCAL_ROLES + ("mix",))
        return (exact,) if exact is not None else ()

    def with_samples(self, role: str, samples: np.ndarray) -> StemSet:
        stems = tuple(replace(s, samples=samples) if s.role == role else s for s in self.stems)
        return replace(self, stems=stems)

    def replace(self, **changes) -> StemSet:
        return replace(self, **changes)

    def mixdown(self) -> np.ndarray:
        """The sum of the stems, a cache-sized chunk at a time: each stem is read once and
        the mix written once, instead of the mix going through memory once per stem."""
        total = np.empty((2, self.frames), dtype=np.float32)
        for start in range(0, self.frames, _MIX_CHUNK):
            chunk = total[:, start:start + _MIX_CHUNK]
            chunk[:] = self.stems[0].samples[:, start:start + _MIX_CHUNK]
            for stem in self.stems[1:]:
                chunk += stem.samples[:, start:start + _MIX_CHUNK]
        return total


def harmonise(files: Mapping[str, AudioFile], *, sample_rate: int | None = None,
              reuse_arrays: bool = False) -> StemSet:
    """Bring stems to one rate, stereo and one length; say what was changed and why.

    With reuse_arrays a stem may keep its file's array and remove the DC offset in place,
    changing the AudioFile: for callers that drop the files afterwards, so a stem is never
    held twice. Stems are conformed and measured on both cores.
    """
    if not files:
        raise AudioContentError("no stems were given — add at least one audio file")
    rates = Counter(audio.sample_rate for audio in files.values())
    rate = sample_rate or max(rates, key=lambda r: (rates[r], r))
    with ThreadPoolExecutor(max_workers=2) as pool:
        converted = list(pool.map(lambda audio: _conform(audio, rate, reuse_arrays),
                                  files.values()))
        notices = [notice for _, notice in converted if notice is not None]
        frames = max(samples.shape[1] for samples, _ in converted)
        stems = []
        for (role, audio), (samples, _) in zip(files.items(), converted, strict=True):
            short_by = frames - samples.shape[1]
            if short_by > 0:
                if short_by > rate * 0.01:
                    notices.append(Notice("note", "padded",
                                          f"{audio.path.name} is {short_by / rate:.2f} s "
                                          "shorter than the longest stem — padded with "
                                          "silence at the end"))
                samples = np.pad(samples, ((0, 0), (0, short_by)))
            stems.append(Stem(role=role, samples=samples, source=audio.path))
        notices.extend(_alignment_notices(stems, rate))
        notices.extend(_label_notices(stems, rate, pool))
    return StemSet(stems=tuple(stems), sample_rate=rate, frames=frames, notices=tuple(notices))


def _conform(audio: AudioFile, rate: int, reuse: bool) -> tuple[np.ndarray, Notice | None]:
    """The file's audio at `rate`, stereo, broken samples silenced, DC offset removed.

    A NaN or Inf makes its channel's mean non-finite, so the mean the DC offset needs
    also says whether the audio is clean, without a pass of isfinite."""
    samples = audio.samples
    owned = reuse and samples.flags.writeable
    notice = None
    with np.errstate(invalid="ignore"):
        offset = samples.mean(axis=1, keepdims=True, dtype=np.float64)
    if not np.isfinite(offset).all():
        samples = np.where(np.isfinite(samples), samples, 0.0).astype(np.float32)
        offset, owned = None, True
    if audio.sample_rate != rate:
        samples = _resample(samples, audio.sample_rate, rate)
        offset, owned = None, True
        notice = Notice("note", "resampled",
                        f"{audio.path.name} is {audio.sample_rate} Hz — converted "
                        f"to {rate} Hz to match the other stems")
    if samples.shape[0] == 1:
        samples = np.repeat(samples, 2, axis=0)
        offset, owned = None, True
    if offset is None:
        offset = samples.mean(axis=1, keepdims=True, dtype=np.float64)
    if np.abs(offset).max() > 1e-4:
        if owned and samples.dtype == np.float32:
            samples -= offset.astype(np.float32)
        else:
            samples = samples - offset.astype(np.float32)
    return np.ascontiguousarray(samples, dtype=np.float32), notice


def _resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    ratio = Fraction(target_rate, source_rate)
    out = signal.resample_poly(samples, ratio.numerator, ratio.denominator, axis=1)
    expected = int(round(samples.shape[1] * target_rate / source_rate))
    return out[:, :expected].astype(np.float32)


def _onset_s(samples: np.ndarray, rate: int) -> float | None:
    """Where the stem first gets within 26 dB of its peak (1 ms resolution is plenty)."""
    step = max(rate // 1000, 1)
    envelope = np.abs(samples[:, ::step]).max(axis=0)
    peak = envelope.max()
    if peak <= 0:
        return None
    first = np.flatnonzero(envelope > peak * 0.05)
    return float(first[0]) * step / rate


def _alignment_notices(stems: list[Stem], rate: int) -> list[Notice]:
    """Flag a stem starting much later than all others when the others start together.

    Stems that legitimately enter late (a vocal after an intro) also trigger this, so it
    is a warning to confirm, never an automatic shift.
    """
    onsets = {s.role: _onset_s(s.samples, rate) for s in stems}
    known = {r: o for r, o in onsets.items() if o is not None}
    if len(known) < 3:
        return []
    earliest = min(known.values())
    together = [r for r, o in known.items() if o - earliest <= _ONSET_TOLERANCE_S]
    if len(together) < 2:
        return []
    notices = []
    for role, onset in known.items():
        late = onset - earliest
        if _ONSET_TOLERANCE_S < late < 1.0:
            notices.append(Notice("warning", "offset",
                                  f"the {role} stem starts {late * 1000:.0f} ms after the others "
                                  "— if they were exported from the same start point, "
                                  "this is fine; otherwise export all stems from bar 1"))
    return notices


_EXPECTED_BANDS = {
    "kick": ((20.0, 250.0), 0.4, "mostly above 250 Hz"),
    "bass": ((20.0, 400.0), 0.4, "mostly above 400 Hz"),
    "cymbals": ((2000.0, 20000.0), 0.2, "mostly below 2 kHz"),
    "vocal": ((150.0, 5000.0), 0.5, "mostly outside 150 Hz–5 kHz"),
}


def _label_notices(stems: list[Stem], rate: int, pool: Executor) -> list[Notice]:
    checked = [stem for stem in stems if stem.role in _EXPECTED_BANDS]
    found = pool.map(lambda stem: _label_notice(stem, rate), checked)
    return [notice for notice in found if notice is not None]


def _label_notice(stem: Stem, rate: int) -> Notice | None:
    (low, high), minimum, what = _EXPECTED_BANDS[stem.role]
    freqs, psd = spectrum(stem.samples[:, : rate * 60], rate)
    total = psd.sum()
    if total <= 0:
        return None
    share = psd[(freqs >= low) & (freqs < high)].sum() / total
    if share < minimum:
        name = stem.source.name if stem.source else stem.role
        return Notice("warning", "label",
                      f"{name} was given as {stem.role} but its sound is {what} — "
                      "check the file is the right part")
    return None
