"""One pass over a session's audio, in cache-sized chunks, on both cores.

The analyses need, per track: K-weighted power per 100 ms hop (loudness, loudness range,
each part against the rest), the averaged spectrum, the channel energies (correlation,
mono fold-down), the peak and the side energy below 120 Hz; for kick and bass, the
low-band energy per 20 ms. Measured stem by stem over whole arrays, each stem is read
from memory a dozen times, and the mix and every group of stems is K-weighted again.
Here every chunk of every stem is K-weighted once while it sits in cache, and what is
kept of it is, per hop, the energy of each file against each part (the sum of the part's
files) and its own energy (see Gram; one batched BLAS product, linear in the number of
files). The K-filter is linear, so the loudness of the mix, of any part or group of parts,
of one file and of the rest of the mix without any of them are sums of those entries —
exact, with no further pass — and parts that only changed gain scale their entries.

Hops, spectrum segments (two hops) and low-band frames (a fifth of a hop) share one
grid, and chunks start on it, so a chunked pass gives the same sums as a whole one. The
second core takes the second half of the song, its filters warmed up on the second
before its start (after 1 s the filters' memory of a cold start is below float32
resolution).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import fft as scipy_fft
from scipy import signal

from dsp.filters import SosStream, low_pass
from dsp.meter import hop_frames, k_weighting_sections, power_sums, sample_peak
from dsp.threads import thread_pool

__all__ = [
    "LOW_BAND_HZ",
    "SIDE_LOW_HZ",
    "Gram",
    "Scan",
    "TrackSums",
    "hann",
    "mid",
    "scan",
    "segment_cross_powers",
    "segment_frames",
    "segment_power",
]

LOW_BAND_HZ = 150.0
SIDE_LOW_HZ = 120.0
_SIDE_LOW_S = 60.0
"""Side energy below 120 Hz is read from the first minute: enough to judge the low end."""
_HOPS_PER_CHUNK = 20
_PREROLL_S = 1.0
_LOW_FRAMES_PER_HOP = 5


def mid(samples: np.ndarray) -> np.ndarray:
    """A file's mid signal, the mean of its two channels (a mono file's one channel): what
    every spectrum and band measure reads."""
    if samples.shape[0] == 1:
        return samples[0]
    total = samples[0] + samples[1]
    total *= np.float32(0.5)
    return total


def segment_frames(sample_rate: int) -> int:
    """Spectrum segment length: two hops (200 ms, 5 Hz resolution)."""
    return 2 * hop_frames(sample_rate)


@lru_cache(maxsize=8)
def hann(frames: int) -> np.ndarray:
    """The periodic Hann window the spectra use."""
    return signal.get_window("hann", frames).astype(np.float32)


def _segment_spectra(mono: np.ndarray, frames: int, count: int) -> np.ndarray:
    return scipy_fft.rfft(mono[:count * frames].reshape(count, frames) * hann(frames), axis=1)


def segment_power(mono: np.ndarray, frames: int) -> tuple[np.ndarray, int]:
    """Summed power spectrum of the whole Hann-windowed segments in `mono`, and their count."""
    count = len(mono) // frames
    if count == 0:
        return np.zeros(frames // 2 + 1), 0
    spectra = _segment_spectra(mono, frames, count)
    power = np.square(spectra.real) + np.square(spectra.imag)
    return power.sum(axis=0, dtype=np.float64), count


_CROSS_SEGMENTS = 32
"""Segments transformed at a time by `segment_cross_powers`: its spectra stay in cache."""


def segment_cross_powers(a: np.ndarray, b: np.ndarray, frames: int) -> tuple[np.ndarray, int]:
    """Summed |A|², Re(A·B*) and |B|² spectra (rows) of the Hann-windowed segments of two
    equally long signals, and the count: the power spectrum of a + g·b is, for every g,
    rows 0 + 2g·row 1 + g²·row 2, from one pass (`segment_power` of each sum would
    transform the signals again for every g)."""
    count = len(a) // frames
    sums = np.zeros((3, frames // 2 + 1))
    for start in range(0, count, _CROSS_SEGMENTS):
        n = min(_CROSS_SEGMENTS, count - start)
        span = slice(start * frames, (start + n) * frames)
        sa, sb = _segment_spectra(a[span], frames, n), _segment_spectra(b[span], frames, n)
        sums[0] += (np.square(sa.real) + np.square(sa.imag)).sum(axis=0, dtype=np.float64)
        sums[1] += (sa.real * sb.real + sa.imag * sb.imag).sum(axis=0, dtype=np.float64)
        sums[2] += (np.square(sb.real) + np.square(sb.imag)).sum(axis=0, dtype=np.float64)
    return sums, count


@dataclass(frozen=True, eq=False)
class TrackSums:
    """Everything one pass collects about one track; see the module docstring."""

    channels: int
    frames: int
    hop_power: np.ndarray | None
    spectrum_power: np.ndarray | None
    segments: int
    energies: tuple[float, float, float]
    """sum L², sum R², sum L·R (R = L for mono)."""
    peak: float
    side_power: np.ndarray | None
    """Summed power spectrum of the Hann-windowed segments of the side, (L - R) / 2, over
    the first minute (None for mono): its band below SIDE_LOW_HZ, as every band figure is
    read, is the low end that cancels in mono."""
    side_segments: int
    low_band_power: np.ndarray | None


class _Partial:
    """What one worker collects for one track over its share of the song."""

    def __init__(self, channels: int) -> None:
        self.channels = channels
        self.low: list[np.ndarray] = []
        self.spectrum: np.ndarray | None = None
        self.segments = 0
        self.energies = np.zeros(3)
        self.peak = 0.0
        self.side_power: np.ndarray | None = None
        self.side_segments = 0


@dataclass(frozen=True)
class _Plan:
    rate: int
    frames: int
    detailed: frozenset[str]
    loudness: tuple[str, ...]
    low_band: frozenset[str]
    groups: Mapping[str, tuple[str, ...]]
    gram_channels: int
    blocks: tuple[tuple[int, ...], ...]


@dataclass(frozen=True, eq=False)
class Gram:
    """Per 100 ms hop, energies of K-weighted tracks and of blocks of them (a block is a
    part: the sum of its files), summed over channels:
    cross[h, i, b] = sum over hop h of w_i * W_b, with W_b the sum of block b's tracks, and
    own[h, i] = sum of w_i * w_i. The hop power of any union of blocks, of the rest of the
    mix without it, of one track and of the rest without that track are sums of these —
    exact, and at a cost linear in the number of tracks (blocks are few)."""

    names: tuple[str, ...]
    blocks: tuple[tuple[int, ...], ...]
    """Each block's tracks, as indices into names; the blocks partition the tracks."""
    cross: np.ndarray
    own: np.ndarray

    def _block_power(self) -> np.ndarray:
        """(hops, blocks, blocks): energy of every pair of blocks."""
        return np.stack([self.cross[:, list(block), :].sum(axis=1) for block in self.blocks],
                        axis=1)

    def _blocks_of(self, members: Collection[str]) -> list[int] | None:
        chosen = {i for i, name in enumerate(self.names) if name in members}
        picked = [b for b, block in enumerate(self.blocks) if chosen & set(block)]
        if sum(len(self.blocks[b]) for b in picked) != len(chosen):
            return None
        return picked

    def of(self, members: Collection[str]) -> np.ndarray:
        """Hop power of the sum of `members`: whole blocks, or one track."""
        picked = self._blocks_of(members)
        if picked is None:
            return self.own[:, self._single(members)]
        return self._block_power()[:, picked][:, :, picked].sum(axis=(1, 2))

    def without(self, members: Collection[str]) -> np.ndarray:
        """Hop power of the sum of every track but `members` (whole blocks, or one track)."""
        picked = self._blocks_of(members)
        if picked is None:
            i = self._single(members)
            return self.total() - 2 * self.cross[:, i, :].sum(axis=1) + self.own[:, i]
        rest = [b for b in range(len(self.blocks)) if b not in picked]
        return self._block_power()[:, rest][:, :, rest].sum(axis=(1, 2))

    def _single(self, members: Collection[str]) -> int:
        index = [i for i, name in enumerate(self.names) if name in members]
        if len(index) != 1:
            raise ValueError(f"Gram sums whole blocks or one track, not {sorted(members)}")
        return index[0]

    def total(self) -> np.ndarray:
        return self.cross.sum(axis=(1, 2))

    def scaled(self, gains: Mapping[str, float]) -> Gram:
        """The energies after tracks changed level by plain gains (linear factors), one
        gain for all tracks of a block."""
        factors = np.array([gains.get(name, 1.0) for name in self.names])
        per_block = np.array([factors[block[0]] for block in self.blocks])
        for block, factor in zip(self.blocks, per_block, strict=True):
            if not np.allclose(factors[list(block)], factor, rtol=1e-6):
                raise ValueError("Gram.scaled needs one gain per block")
        return Gram(self.names, self.blocks, self.cross * np.outer(factors, per_block),
                    self.own * factors ** 2)


@dataclass(frozen=True, eq=False)
class Scan:
    tracks: Mapping[str, TrackSums]
    gram: Gram | None


def scan(tracks: Mapping[str, np.ndarray], sample_rate: int, *,
         groups: Mapping[str, Sequence[str]] | None = None,
         detailed: Collection[str] | None = None,
         loudness: Collection[str] | None = None,
         low_band: Collection[str] = (),
         blocks: Sequence[Sequence[str]] | None = None,
         stereo: bool = False,
         workers: int = 2) -> Scan:
    """Sums for every track, and for every group (the sum of its member tracks).

    `detailed` tracks and groups get spectrum, energies, peak and side energy (default:
    all); `loudness` tracks are K-weighted into the Gram matrix (default: all tracks) and
    get their hop power, as does each group made of whole `blocks` (a partition of the
    loudness tracks; default: each track alone — see Gram). With `stereo`, a mono track
    counts in both channels in the Gram, as it plays in a stereo mix. All tracks must have
    the same length. A group may share a name with a track only when that track is its one
    member.
    """
    names = tuple(tracks)
    groups = {name: tuple(members) for name, members in (groups or {}).items()
              if tuple(members) != (name,)}
    clash = [name for name in groups if name in tracks]
    if clash:
        raise ValueError(f"groups {clash} are named like tracks they are not")
    frames = next(iter(tracks.values())).shape[1]
    weighted = names if loudness is None else tuple(n for n in names if n in loudness)
    blocks = [tuple(block) for block in blocks] if blocks is not None else \
        [(name,) for name in weighted]
    if sorted(n for block in blocks for n in block) != sorted(weighted):
        raise ValueError("scan blocks must partition the loudness tracks")
    plan = _Plan(
        rate=sample_rate, frames=frames,
        detailed=frozenset(names) | frozenset(groups) if detailed is None
        else frozenset(detailed),
        loudness=weighted, low_band=frozenset(low_band), groups=groups,
        gram_channels=2 if stereo else max(x.shape[0] for x in tracks.values()),
        blocks=tuple(tuple(weighted.index(n) for n in block) for block in blocks),
    )
    chunk = _HOPS_PER_CHUNK * hop_frames(sample_rate)
    chunks = -(-frames // chunk)
    middle = (chunks // 2) * chunk if workers > 1 and chunks > 1 else frames
    ranges = [(0, middle)] + ([(middle, frames)] if middle < frames else [])
    with thread_pool(len(ranges)) as pool:
        parts = list(pool.map(lambda r: _scan_range(tracks, plan, *r), ranges))
    gram = None
    if plan.loudness:
        gram = Gram(plan.loudness, plan.blocks,
                    np.concatenate([g[0] for part, grams in parts for g in grams]),
                    np.concatenate([g[1] for part, grams in parts for g in grams]))
    hop_power = {name: gram.of([name]) for name in plan.loudness} if gram else {}
    if gram is not None:
        hop_power.update({name: gram.of(members) for name, members in groups.items()
                          if set(members) <= set(plan.loudness)})
    sums = {name: _merge(name, [part[name] for part, _ in parts], plan, hop_power.get(name))
            for name in parts[0][0]}
    return Scan(tracks=sums, gram=gram)


def _scan_range(tracks: Mapping[str, np.ndarray], plan: _Plan, start: int,
                stop: int) -> tuple[dict[str, _Partial], list[np.ndarray]]:
    rate = plan.rate
    channels = {name: x.shape[0] for name, x in tracks.items()}
    channels.update({name: max(channels[m] for m in members)
                     for name, members in plan.groups.items()})
    k_sections = k_weighting_sections(rate)
    weighting = {name: SosStream(k_sections, channels=channels[name]) for name in plan.loudness}
    side = {name for name in channels if name in plan.detailed and channels[name] == 2}
    low = {name: SosStream(low_pass(LOW_BAND_HZ, rate, order=4), channels=1)
           for name in plan.low_band}
    side_stop = min(int(_SIDE_LOW_S * rate), plan.frames)
    if start > 0:
        _warm_up(tracks, plan, max(start - int(_PREROLL_S * rate), 0), start,
                 weighting, low)
    partials = {name: _Partial(channels[name]) for name in channels}
    grams = []
    hop = hop_frames(rate)
    for a in range(start, stop, _HOPS_PER_CHUNK * hop):
        b = min(a + _HOPS_PER_CHUNK * hop, stop)
        audio = {name: x[:, a:b] for name, x in tracks.items()}
        if weighting:
            grams.append(_hop_energies([stream.process(audio[name])
                                        for name, stream in weighting.items()], hop,
                                       plan.gram_channels, plan.blocks))
        _add_groups(audio, plan)
        for name, partial in partials.items():
            _collect(partial, name, audio[name], plan, a, b, name in side, low.get(name),
                     side_stop)
    return partials, grams


def _add_groups(audio: dict[str, np.ndarray], plan: _Plan) -> None:
    """Each group's chunk: the sum of its members' chunks (stereo if any member is)."""
    for name, members in plan.groups.items():
        if len(members) == 1:
            audio[name] = audio[members[0]]
            continue
        width = max(audio[m].shape[0] for m in members)
        total = np.zeros((width, audio[members[0]].shape[1]), dtype=np.float32)
        for member in members:
            total += audio[member]
        audio[name] = total


def _hop_energies(weighted: list[np.ndarray], hop: int, channels: int,
                  blocks: tuple[tuple[int, ...], ...]) -> tuple[np.ndarray, np.ndarray]:
    """Per hop, each weighted track against each block's sum (hops, tracks, blocks), and
    each track's own energy (hops, tracks); a mono track counted in each of `channels`.

    One float32 einsum per pair, on views of the chunks as (channels, hops, hop): a batched
    BLAS product needed the chunks copied into one array and then transposed into another,
    hop-major (4.6 ms a chunk of six stereo files, now 0.9 ms). Relative error ~1e-6 per
    entry; the entries are kept in float64 for the sums taken from them."""
    hops = weighted[0].shape[1] // hop
    views = [w[:, :hops * hop].reshape(w.shape[0], hops, hop) for w in weighted]
    sums = [views[block[0]] if len(block) == 1 else _block_sum([views[i] for i in block])
            for block in blocks]
    block_of = {block[0]: b for b, block in enumerate(blocks) if len(block) == 1}
    cross = np.empty((hops, len(views), len(sums)))
    own = np.empty((hops, len(views)))
    for i, view in enumerate(views):
        own[:, i] = _hop_dot(view, view, channels)
        for b, (block, total) in enumerate(zip(blocks, sums, strict=True)):
            j = block[0] if len(block) == 1 else None
            if j == i:
                cross[:, i, b] = own[:, i]
            elif j is not None and j < i and i in block_of:   # a track alone against another
                cross[:, i, b] = cross[:, j, block_of[i]]
            else:
                cross[:, i, b] = _hop_dot(view, total, channels)
    return cross, own


def _block_sum(views: list[np.ndarray]) -> np.ndarray:
    """The chunk of a block of several tracks: their sum (stereo if any member is)."""
    total = np.zeros((max(v.shape[0] for v in views), *views[0].shape[1:]), np.float32)
    for view in views:
        total += view
    return total


def _hop_dot(a: np.ndarray, b: np.ndarray, channels: int) -> np.ndarray:
    """Per hop, the sum over channels and frames of a * b, (channels, hops, hop) each; a
    mono side counts in each of `channels`, as it plays in both."""
    if a.shape[0] == b.shape[0]:
        return np.einsum("chk,chk->h", a, b) * np.float32(channels // a.shape[0])
    mono, wide = (a, b) if a.shape[0] == 1 else (b, a)
    return np.einsum("hk,chk->h", mono[0], wide)


def _warm_up(tracks, plan: _Plan, a: int, b: int, weighting, low) -> None:
    audio = {name: x[:, a:b] for name, x in tracks.items()}
    if low:
        _add_groups(audio, plan)
    for name, stream in weighting.items():
        stream.process(audio[name])
    for name, stream in low.items():
        stream.process(audio[name].mean(axis=0, keepdims=True))


def _collect(partial: _Partial, name: str, x: np.ndarray, plan: _Plan, a: int, b: int,
             side: bool, low: SosStream | None, side_stop: int) -> None:
    if name in plan.detailed:
        partial.peak = max(partial.peak, sample_peak(x))
        left, right = x[0], x[-1]
        partial.energies += (np.dot(left, left), np.dot(right, right), np.dot(left, right))
        power, count = segment_power(mid(x), segment_frames(plan.rate))
        partial.spectrum = power if partial.spectrum is None else partial.spectrum + power
        partial.segments += count
        if side and a < side_stop:
            # read from a spectrum, not through a low-pass: a 24 dB/octave filter let the
            # side of a wide pad's 150-250 Hz in, and its centred lows read -27 dB where
            # the band below 120 Hz held -59 dB
            stop = min(b, side_stop) - a
            power, count = segment_power((x[0, :stop] - x[1, :stop]) * np.float32(0.5),
                                         segment_frames(plan.rate))
            partial.side_power = (power if partial.side_power is None
                                  else partial.side_power + power)
            partial.side_segments += count
    if low is not None:
        filtered = low.process(x.mean(axis=0, keepdims=True))
        partial.low.append(power_sums(filtered, hop_frames(plan.rate) // _LOW_FRAMES_PER_HOP))


def _merge(name: str, parts: list[_Partial], plan: _Plan,
           hop_power: np.ndarray | None) -> TrackSums:
    first = parts[0]
    spectra = [p.spectrum for p in parts if p.spectrum is not None]
    return TrackSums(
        channels=first.channels, frames=plan.frames, hop_power=hop_power,
        spectrum_power=sum(spectra) if spectra else None,
        segments=sum(p.segments for p in parts),
        energies=tuple(float(v) for v in sum(p.energies for p in parts)),
        peak=max(p.peak for p in parts),
        side_power=sum(p.side_power for p in parts if p.side_power is not None)
        if any(p.side_power is not None for p in parts) else None,
        side_segments=sum(p.side_segments for p in parts),
        low_band_power=np.concatenate([h for p in parts for h in p.low]) if first.low
        else None,
    )
