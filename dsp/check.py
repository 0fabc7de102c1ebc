"""Checking single files and harmonising a set of stems into one shape.

Each problem becomes a Notice with a one-line message the chat and the CLI can
show as is: what is wrong, then what we did or what the musician should do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy import signal

from dsp.analysis import spectrum
from dsp.audio import AudioFile, load_audio
from dsp.errors import AudioContentError, DspError
from dsp.intake import split_stereo_pairs
from dsp.meter import (
    SILENCE_LUFS,
    amplitude_db,
    hop_frames,
    hop_power,
    sample_peak,
    true_peaks,
    window_power,
)
from dsp.threads import thread_pool
from dsp.wording import definite, listing, part_name

__all__ = [
    "DRUM_ROLES",
    "LAYER_GROUPS",
    "VOCAL_ROLES",
    "Checked",
    "FileCheck",
    "Notice",
    "Stem",
    "StemSet",
    "against_words",
    "check_audio",
    "check_file",
    "harmonise",
    "left_out",
    "working_against",
]

DRUM_ROLES = ("kick", "snare", "cymbals", "drums")
VOCAL_ROLES = ("vocal", "backing_vocals")
RETURN = "fx"
"""The part effects returns are loaded as (reverbs, delays, room mics, risers)."""
_CLIP_LEVEL = 0.999
_FLOAT_SUBTYPES = frozenset({"FLOAT", "DOUBLE"})
_CLIP_RUN = 3
_TRUNCATION_S = 0.01
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
    """The precise figure (dsp.meter.true_peaks), what the master's "true peak" is too: BS.1770's
    4x filter under-reads bright transients by up to ~0.5 dB."""
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
    floating = audio.subtype in _FLOAT_SUBTYPES
    clipped = _clipped_samples(clean, flat_tops=floating) if peak_linear >= _CLIP_LEVEL else 0
    dc = float(np.abs(means).max())
    notices: list[Notice] = []
    if nonfinite:
        notices.append(Notice("warning", "nonfinite",
                              f"{name} has {nonfinite:,} broken samples (NaN/Inf) — "
                              "they will be replaced with silence"))
    if audio.truncated_s > _TRUNCATION_S:
        notices.append(Notice("warning", "truncated",
                              f"{name} stops at {audio.duration_s:.2f} s but its header "
                              f"says {audio.duration_s + audio.truncated_s:.2f} s — the file "
                              "was cut short (an interrupted export or copy?); only the "
                              "audio that is there is used. Export or copy it again"))
    if silent:
        notices.append(Notice("error", "silent",
                              f"{name} is silent — check you exported the right track"))
    if floating and peak_linear > 1.0 and not clipped:
        notices.append(Notice("note", "over_full_scale",
                              f"{name} peaks {peak:.1f} dB over full scale — a floating-point "
                              "file keeps those peaks whole, nothing is clipped; the mix and "
                              "master bring them down"))
    if clipped:
        notices.append(Notice("warning", "clipped",
                              f"{name} has {clipped:,} clipped samples — if you can, export it "
                              "again with the fader lower; clipping can be tamed but not undone"))
    if dc > 0.01:
        notices.append(Notice("note", "dc_offset",
                              f"{name} has a DC offset of {dc:.3f} — it will be removed"))
    return FileCheck(
        path=audio.path, format=audio.format, subtype=audio.subtype,
        sample_rate=audio.sample_rate, channels=audio.channels,
        duration_s=audio.duration_s, peak_dbfs=peak,
        true_peak_dbtp=(true_peaks(clean).precise_dbtp if not silent else float("-inf"))
        if true_peak else float("nan"),
        clipped_samples=clipped, dc_offset=dc, silent=silent,
        nonfinite_samples=nonfinite, notices=tuple(notices),
    )


@dataclass(frozen=True, eq=False)
class Checked:
    """One file read and checked; `audio` is None when it can't be used, and `error` says
    why (`check` is None too when it could not even be read)."""
    path: Path
    audio: AudioFile | None
    check: FileCheck | None
    error: str | None


def check_file(path: Path, *, true_peak: bool = False,
               read: Callable[[Path], AudioFile] = load_audio) -> Checked:
    """Read and check a file, never raising for what is wrong with it: the one rule, for the
    chat and the command line alike, of which files a session can use."""
    try:
        audio = read(path)
    except DspError as exc:
        return Checked(Path(path), None, None, str(exc))
    check = check_audio(audio, true_peak=true_peak)
    errors = [n.message for n in check.notices if n.level == "error"]
    if errors:
        return Checked(Path(path), None, check, "; ".join(errors))
    return Checked(Path(path), audio, check, None)


def left_out(error: str) -> str:
    """What is wrong with a file, then that it is left out: after a semicolon where the
    message already has a dash ('is silent — check you exported the right track')."""
    error = error.rstrip(".")
    return error + ("; it is" if " — " in error else " — it is") + " left out of the mix"


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


def _clipped_samples(samples: np.ndarray, *, flat_tops: bool = False) -> int:
    """Samples in runs of 3+ at full scale: isolated full-scale samples are legal peaks.
    With `flat_tops` (a floating-point file, which holds values over full scale whole)
    only runs of one repeated value count: a wave cut flat, at 0 dBFS or above."""
    magnitude = np.abs(samples)
    hot = magnitude >= _CLIP_LEVEL
    if flat_tops:
        same = np.zeros_like(hot)
        same[:, 1:] = magnitude[:, 1:] == magnitude[:, :-1]
        same[:, :-1] |= same[:, 1:]
        hot &= same
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
    """One source in the session: a file, or a split-stereo pair joined into one.

    `role` is its part (a layer id, or "mix"); `name` is unique in its StemSet and is
    what a move names to target this source alone (defaults to the role). Mono sources
    stay (1, frames): they sit in the centre of the mix at full level in both channels."""

    role: str
    samples: np.ndarray
    sources: tuple[Path, ...] = ()
    name: str = ""

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.role)


LAYER_GROUPS = ("drums", "instruments")
"""Layers that gather several parts (StemSet.layer_stems)."""


@dataclass(frozen=True, eq=False)
class StemSet:
    stems: tuple[Stem, ...]
    sample_rate: int
    frames: int
    notices: tuple[Notice, ...] = field(default=())

    def __post_init__(self) -> None:
        names = [stem.name for stem in self.stems]
        if len(set(names)) != len(names):
            raise ValueError(f"StemSet.stems need unique names, got {names}")

    @property
    def parts(self) -> tuple[str, ...]:
        """The parts (roles) present, in the order their first file came."""
        return tuple(dict.fromkeys(stem.role for stem in self.stems))

    def part(self, role: str) -> tuple[Stem, ...]:
        return tuple(stem for stem in self.stems if stem.role == role)

    def get(self, name: str) -> Stem | None:
        """The source with this name."""
        return next((stem for stem in self.stems if stem.name == name), None)

    def layer_stems(self, layer: str) -> tuple[Stem, ...]:
        """The sources a layer means: 'drums' is the whole kit, 'instruments' all but vocals."""
        if layer == "drums":
            return tuple(s for s in self.stems if s.role in DRUM_ROLES)
        if layer == "instruments" and "instruments" not in self.parts:
            return tuple(s for s in self.stems if s.role not in VOCAL_ROLES + ("mix",))
        return self.part(layer)

    def select(self, target: str) -> tuple[Stem, ...]:
        """What a move's `stem` means: every file of a part or layer, else the one file of
        that name (parts win: a file is never named like another part, see harmonise)."""
        if target in self.parts or target in LAYER_GROUPS:
            return self.layer_stems(target)
        stem = self.get(target)
        return (stem,) if stem is not None else ()

    def with_samples(self, name: str, samples: np.ndarray) -> StemSet:
        stems = tuple(replace(s, samples=samples) if s.name == name else s for s in self.stems)
        return replace(self, stems=stems)

    def replace(self, **changes) -> StemSet:
        return replace(self, **changes)

    def mixdown(self, stems: Sequence[Stem] | None = None) -> np.ndarray:
        """The stereo sum of `stems` (default: all), a cache-sized chunk at a time: each
        source is read once and the mix written once, instead of the mix going through
        memory once per source."""
        stems = self.stems if stems is None else stems
        total = np.zeros((2, self.frames), dtype=np.float32)
        for start in range(0, self.frames, _MIX_CHUNK):
            chunk = total[:, start:start + _MIX_CHUNK]
            for stem in stems:
                chunk += stem.samples[:, start:start + _MIX_CHUNK]
        return total


def harmonise(files: Sequence[tuple[str, AudioFile]], *, sample_rate: int | None = None,
              reuse_arrays: bool = False,
              part_names: Mapping[str, str] | None = None) -> StemSet:
    """Bring (part, file) sources to one rate and one length; say what was changed and why.

    Two mono files named as a left/right pair of one part become one stereo source (see
    dsp.intake). Each source is named after its file, made unique (see _unique_names).
    With reuse_arrays a stem may keep its file's array and remove the DC offset in place,
    changing the AudioFile: for callers that drop the files afterwards, so a stem is never
    held twice. Sources are conformed and measured on both cores. `part_names`: each part's
    name for people, for the notices (see dsp.wording.part_name).
    """
    if not files:
        raise AudioContentError("no stems were given — add at least one audio file")
    rates = Counter(audio.sample_rate for _, audio in files)
    rate = sample_rate or max(rates, key=lambda r: (rates[r], r))
    sources, notices = _join_split_stereo(files)
    names = _unique_names([(role, name, _label(paths))
                           for role, name, _, paths in sources])
    with thread_pool(2) as pool:
        converted = list(pool.map(lambda source: _conform(source[2], rate, reuse_arrays,
                                                          _label(source[3])), sources))
        notices += [notice for _, notice in converted if notice is not None]
        frames = max(samples.shape[1] for samples, _ in converted)
        stems = []
        for (role, _, _, paths), name, (samples, _) in zip(sources, names, converted,
                                                           strict=True):
            short_by = frames - samples.shape[1]
            if short_by > 0:
                if short_by > rate * 0.01:
                    notices.append(_padded(_label(paths), short_by / rate))
                samples = np.pad(samples, ((0, 0), (0, short_by)))
            stems.append(Stem(role=role, samples=samples, sources=paths, name=name))
        polarity = pool.submit(_polarity_notices, stems, part_names or {})
        notices.extend(_alignment_notices(stems, rate))
        notices.extend(polarity.result())
        notices.extend(_label_notices(stems, rate, pool, part_names or {}))
    return StemSet(stems=tuple(stems), sample_rate=rate, frames=frames, notices=tuple(notices))


def _join_split_stereo(files: Sequence[tuple[str, AudioFile]]
                       ) -> tuple[list[tuple[str, str, AudioFile, tuple[Path, ...]]],
                                  list[Notice]]:
    """(part, wanted name, audio, paths) per source: split-stereo pairs joined, as a DAW
    would import them; every other file as it is."""
    mono = [i for i, (_, audio) in enumerate(files) if audio.channels == 1]
    found = split_stereo_pairs([(files[i][0], files[i][1].path.stem) for i in mono])
    joined: dict[int, tuple[int, str]] = {}
    notices = []
    for left_at, right_at, base in found:
        left, right = files[mono[left_at]][1], files[mono[right_at]][1]
        if left.sample_rate != right.sample_rate:
            continue
        joined[mono[left_at]] = (mono[right_at], base)
        notices.append(Notice("note", "split_stereo",
                              f"{left.path.name} and {right.path.name} are a left/right "
                              "pair — joined into one stereo source, as a DAW would"))
    paired = {right for right, _ in joined.values()}
    sources = []
    for index, (role, audio) in enumerate(files):
        if index in paired:
            continue
        if index not in joined:
            sources.append((role, audio.path.stem, audio, (audio.path,)))
            continue
        right_at, base = joined[index]
        right = files[right_at][1]
        frames = max(audio.frames, right.frames)
        stereo = np.zeros((2, frames), dtype=np.float32)
        stereo[0, :audio.frames] = audio.samples[0]
        stereo[1, :right.frames] = right.samples[0]
        sources.append((role, base or role, replace(audio, samples=stereo),
                        (audio.path, right.path)))
    return sources, notices


def _label(paths: Sequence[Path]) -> str:
    return " + ".join(path.name for path in paths)


_SAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _safe(name: str, role: str) -> str:
    return _SAFE.sub("_", name).strip().lstrip(".") or role


def export_names(stems: Sequence[Stem]) -> list[str]:
    """The file name (without .wav) each source is exported under: its own file's name
    ("Keys.flac" -> "Keys"), as the musician knows it; its source name only where two
    files would share one ("Keys.flac" and "Keys.wav")."""
    wanted = [_safe(stem.sources[0].stem, stem.role) if len(stem.sources) == 1 else stem.name
              for stem in stems]
    counts = Counter(name.casefold() for name in wanted)
    names = [name if counts[name.casefold()] == 1 else stem.name
             for name, stem in zip(wanted, stems, strict=True)]
    if len({name.casefold() for name in names}) < len(names):  # a name is some file's name
        return [stem.name for stem in stems]
    return names


def _unique_names(wanted: Sequence[tuple[str, str, str]]) -> list[str]:
    """Names every source can be told apart by, in moves and as file names on export.

    `wanted` is (part, name, file name) per source. Characters no file system takes become
    "_"; names are unique ignoring case (macOS); and a file is never named like a part or
    layer it is not the only source of, so a move on "keys" always means the whole part. A
    name that cannot be used is said as its whole file name ("Keys.flac" beside
    "Keys 2.aif"), so it still says which file it is; only when that does not tell it
    apart either (two files of one name) does it get the first free " 2", " 3"…"""
    per_part = Counter(role for role, _, _ in wanted)
    reserved = {key.casefold() for key in (*per_part, "mix", *LAYER_GROUPS)}
    same_file = Counter(file_name.casefold() for _, _, file_name in wanted)
    names: list[str | None] = []
    taken: set[str] = set()
    for role, name, _ in wanted:
        base = _safe(name, role)
        key = base.casefold()
        own = key == role.casefold() and per_part[role] == 1
        fine = key not in taken and (key not in reserved or own)
        names.append(base if fine else None)
        taken.update([key] if fine else [])
    for index, (role, name, file_name) in enumerate(wanted):
        if names[index] is not None:
            continue
        whole = _safe(file_name, role)
        if same_file[file_name.casefold()] == 1 and whole.casefold() not in taken | reserved:
            names[index] = whole
        else:
            base, number = _safe(name, role), 2
            while f"{base} {number}".casefold() in taken | reserved:
                number += 1
            names[index] = f"{base} {number}"
        taken.add(names[index].casefold())
    return names


def _conform(audio: AudioFile, rate: int, reuse: bool,
             label: str) -> tuple[np.ndarray, Notice | None]:
    """The file's audio at `rate`, broken samples silenced, DC offset removed.

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
                        f"{label} is {audio.sample_rate} Hz — converted "
                        f"to {rate} Hz to match the other stems")
    if offset is None:
        offset = samples.mean(axis=1, keepdims=True, dtype=np.float64)
    if np.abs(offset).max() > 1e-4:
        if owned and samples.dtype == np.float32:
            samples -= offset.astype(np.float32)
        else:
            samples = samples - offset.astype(np.float32)
    return np.ascontiguousarray(samples, dtype=np.float32), notice


_PLACED_S = 1.0
"""A file this much shorter than the rest is more than a trimmed tail: it may have been
exported from where it plays rather than from the song's start."""


def _padded(label: str, short_s: float) -> Notice:
    said = f"{label} is {short_s:.2f} s shorter than the longest file — padded with silence"
    if short_s <= _PLACED_S:
        return Notice("note", "padded", said + " at the end")
    return Notice("warning", "padded", said + " at the end, so it plays from the song's "
                  "start; if it belongs later in the song, export it from the start (bar 1) "
                  "like the others")


def _resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    ratio = Fraction(target_rate, source_rate)
    out = signal.resample_poly(samples, ratio.numerator, ratio.denominator, axis=1)
    expected = int(round(samples.shape[1] * target_rate / source_rate))
    return out[:, :expected].astype(np.float32)


def _envelope(samples: np.ndarray, rate: int) -> np.ndarray:
    """Mean power per block of about a millisecond, both channels together."""
    step = _envelope_step(rate)
    usable = samples.shape[1] // step * step
    power = np.square(samples[:, :usable], dtype=np.float32).mean(axis=0)
    return power.reshape(-1, step).mean(axis=1)


def _envelope_step(rate: int) -> int:
    return max(rate // 1000, 1)


def _lag(reference: np.ndarray, other: np.ndarray) -> tuple[int, float, float]:
    """How many envelope blocks `other` runs behind `reference` (negative: ahead), how
    alike their envelopes are at that lag and as they are (normalised correlation, 0..1)."""
    a = reference - reference.mean()
    b = other - other.mean()
    scale = float(np.sqrt(np.dot(a, a) * np.dot(b, b)))
    if scale <= 0:
        return 0, 0.0, 0.0
    size = 1 << int(np.ceil(np.log2(len(a) + len(b))))
    corr = np.fft.irfft(np.conj(np.fft.rfft(a, size)) * np.fft.rfft(b, size), size)
    limit = min(_MAX_OFFSET_BLOCKS, len(a) - 1)
    lags = np.concatenate((np.arange(0, limit + 1), np.arange(-limit, 0)))
    values = np.concatenate((corr[:limit + 1], corr[size - limit:]))
    best = int(np.argmax(values))
    return int(lags[best]), float(values[best] / scale), float(values[0] / scale)


_MAX_OFFSET_BLOCKS = 4000
"""About four seconds of envelope blocks searched either way."""
_OFFSET_MS = 20
"""Two microphones on one source sit at most a few metres apart (a few ms); files of one
part further apart than this were exported from different start points."""
_ALIKE = 0.5
"""Envelopes this alike at their best shift record the same thing; a pair that is at
least half as alike as exported already lines up (a loop's pattern matches itself a bar
later too, so the best shift alone is no evidence of a late export)."""


_SEPARATE_SOURCES = ("drums",)
"""Parts whose files each record a source of their own: the kit pieces with no part of
their own (toms, percussion). Their envelopes match at a shift whenever one plays after
the other (a fill down the toms: on the audit song Tom 2 was called 315 ms late behind
Tom 1), which is no evidence of a late export."""


def _alignment_notices(stems: list[Stem], rate: int) -> list[Notice]:
    """Files that record the same thing (several files of one part: kick in and out, bass
    DI and amp; or a stereo mix beside its stems) must line up. Each is compared with its
    part's loudest file (the mix with the sum of the stems) by the cross-correlation of
    their millisecond power envelopes. When a part enters is no evidence: a snare that
    first hits on beat two is not late."""
    groups: dict[str, list[Stem]] = {}
    for stem in stems:
        if stem.role not in _SEPARATE_SOURCES:
            groups.setdefault(stem.role, []).append(stem)
    envelopes = {s.name: _envelope(s.samples, rate) for s in stems
                 if s.role not in _SEPARATE_SOURCES
                 and (len(groups[s.role]) > 1 or s.role == "mix")}
    pairs = []
    for members in groups.values():
        if len(members) > 1:
            anchor = max(members, key=lambda s: float(envelopes[s.name].sum()))
            pairs += [(anchor.name, envelopes[anchor.name], s.name, envelopes[s.name])
                      for s in members if s is not anchor]
    mixes = groups.get("mix", [])
    others = [s for s in stems if s.role != "mix"]
    if len(mixes) == 1 and others:
        summed = _envelope(sum(s.samples for s in others), rate)
        pairs.append(("the stems' sum", summed, mixes[0].name, envelopes[mixes[0].name]))
    notices = []
    for anchor, reference, name, envelope in pairs:
        blocks, alike, as_given = _lag(reference, envelope)
        lag = round(blocks * _envelope_step(rate) * 1000 / rate)
        if abs(lag) >= _OFFSET_MS and alike >= _ALIKE and as_given < alike / 2:
            notices.append(Notice(
                "warning", "offset",
                f"{name} runs {abs(lag)} ms {'behind' if lag > 0 else 'ahead of'} {anchor} "
                "(their sound lines up best at that shift) — export all files from the same "
                "start point, bar 1, and load them again"))
    return notices


_FLIP_GAIN_DB = 3.0
"""A part that sums this much louder with one of its files flipped has that file working
against the others (a microphone facing the other way, a DI against its amp). Files that
record different things change by well under 1 dB when one is flipped; mics at different
distances from one drum cancel a little, which is their sound."""


def working_against(files: Sequence[Stem]) -> tuple[str, float] | None:
    """The file of one part whose polarity, flipped, makes the part's sum _FLIP_GAIN_DB or
    more louder, and by how much (dB): the part as summed (mono, as the mix hears it)
    against the same sum with that file reversed. When flipping any of two files gives the
    same sum, the quieter is named. None when no file works against the others."""
    if len(files) < 2:
        return None
    monos = {s.name: s.samples.mean(axis=0) for s in files}
    total = sum(monos.values())
    power = float(np.dot(total, total))
    if power <= 0:
        return None
    energy = {n: float(np.dot(x, x)) for n, x in monos.items()}
    gains = {n: float(10 * np.log10(max(power - 4 * float(np.dot(total, x)) + 4 * energy[n],
                                        1e-30) / power))
             for n, x in monos.items()}
    flipped = max(gains, key=lambda n: (round(gains[n], 1), -energy[n]))
    return (flipped, gains[flipped]) if gains[flipped] >= _FLIP_GAIN_DB else None


def against_words(flipped: str, others: Sequence[str], part: str, gain_db: float) -> str:
    """'Kick In works against Kick Out and Kick Sub: with its polarity flipped the kick
    sums 4.3 dB louder' (`part`: the part as a sentence names it)."""
    return (f"{flipped} works against {listing(others)}: with its polarity flipped {part} "
            f"sums {gain_db:.1f} dB louder")


def _polarity_notices(stems: list[Stem], names: Mapping[str, str]) -> list[Notice]:
    groups: dict[str, list[Stem]] = {}
    for stem in stems:
        if stem.role != "mix":
            groups.setdefault(stem.role, []).append(stem)
    notices = []
    for role, members in groups.items():
        found = working_against(members)
        if found is not None:
            others = [s.name for s in members if s.name != found[0]]
            part = definite(part_name(role, names))
            notices.append(Notice("warning", "polarity",
                                  f"{against_words(found[0], others, part, found[1])} — flip "
                                  "it (the Ø button) in your DAW and export it again, or say "
                                  f"{part} sounds thin and I will flip it"))
    return notices


_EXPECTED_BANDS = {
    "kick": ((20.0, 250.0), 0.4, "mostly above 250 Hz"),
    "bass": ((20.0, 400.0), 0.4, "mostly above 400 Hz"),
    "cymbals": ((2000.0, 20000.0), 0.2, "mostly below 2 kHz"),
    "vocal": ((150.0, 5000.0), 0.5, "mostly outside 150 Hz–5 kHz"),
}


def _label_notices(stems: list[Stem], rate: int, pool: Executor,
                   names: Mapping[str, str]) -> list[Notice]:
    checked = [stem for stem in stems if stem.role in _EXPECTED_BANDS]
    found = pool.map(lambda stem: _label_notice(stem, rate, names), checked)
    return [notice for notice in found if notice is not None]


def _label_notice(stem: Stem, rate: int, names: Mapping[str, str]) -> Notice | None:
    (low, high), minimum, what = _EXPECTED_BANDS[stem.role]
    freqs, psd = spectrum(stem.samples[:, : rate * 60], rate)
    total = psd.sum()
    if total <= 0:
        return None
    share = psd[(freqs >= low) & (freqs < high)].sum() / total
    if share < minimum:
        name = _label(stem.sources) or stem.name
        return Notice("warning", "label",
                      f"{name} was given as {part_name(stem.role, names)} but its sound "
                      f"is {what} — "
                      "check the file is the right part")
    return None
