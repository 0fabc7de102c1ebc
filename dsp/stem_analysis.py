"""Measurements between stems: who is loud against whom, who crowds the low mids,
whose low end collides, and which frequencies actually ring.

Everything comes from one pass over the stems (dsp.scan): each stem K-weighted once,
the mix and the rest of the mix as sums of those.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np
from scipy import signal

from dsp.analysis import TrackAnalysis, track_analysis
from dsp.check import DRUM_ROLES, VOCAL_ROLES, StemSet
from dsp.meter import SILENCE_LUFS, loudness_from_hops, window_power
from dsp.scan import Gram, TrackSums, scan

__all__ = ["Harshness", "SessionAnalysis", "analyse_session", "resonances"]

_ACTIVE_RANGE_DB = 20.0
_BLOCK_S = 0.4


@dataclass(frozen=True)
class Harshness:
    presence_share_db: float
    peaks: tuple[tuple[float, float], ...]


@dataclass(frozen=True, eq=False)
class SessionAnalysis:
    sample_rate: int
    tracks: Mapping[str, TrackAnalysis]
    mix: TrackAnalysis
    level_vs_rest_lu: Mapping[str, float]
    kick_bass_overlap: float | None
    low_mid_crowders: tuple[str, ...]
    low_mid_share: Mapping[str, float]
    harshness: Mapping[str, Harshness]
    gram: Gram | None
    """The stems' K-weighted hop energies, kept so a later analysis can reuse them."""
    low_band_power: Mapping[str, np.ndarray]
    """Kick and bass energy below 150 Hz per 20 ms, kept for the same reason."""

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self.tracks)


def resonances(track: TrackAnalysis, low_hz: float, high_hz: float,
               *, min_db: float = 1.0) -> tuple[tuple[float, float], ...]:
    """Peaks that stand above the spectrum's own 1-octave trend, strongest first."""
    db = track.spectrum_db
    kernel = np.ones(13) / 13.0
    trend = np.convolve(np.pad(db, 6, mode="edge"), kernel, mode="valid")
    excess = db - trend
    band = (track.spectrum_hz >= low_hz) & (track.spectrum_hz <= high_hz)
    idx = np.flatnonzero(band)
    if idx.size == 0:
        return ()
    local, _ = signal.find_peaks(excess[idx])
    peaks = [(float(track.spectrum_hz[idx[i]]), float(excess[idx[i]])) for i in local
             if excess[idx[i]] >= min_db]
    return tuple(sorted(peaks, key=lambda p: -p[1]))


def _level_vs_rest(part: np.ndarray, rest: np.ndarray) -> float:
    """Stem against the rest over the blocks where the stem plays (within 20 dB of its max)."""
    with np.errstate(divide="ignore"):
        part_db = 10 * np.log10(part)
    active = (part_db > part_db.max() - _ACTIVE_RANGE_DB) & (part_db > SILENCE_LUFS)
    if not active.any() or rest[active].sum() <= 0:
        return float("inf") if active.any() else float("-inf")
    return float(10 * np.log10(part[active].mean() / rest[active].mean()))


def _groups(stems: StemSet) -> dict[str, tuple[str, ...]]:
    roles = stems.roles
    groups = {role: (role,) for role in roles}
    drums = tuple(r for r in roles if r in DRUM_ROLES)
    if len(drums) > 1 or (drums and "drums" not in roles):
        groups["drums"] = drums
    instruments = tuple(r for r in roles if r not in VOCAL_ROLES + ("mix",))
    if "instruments" not in roles and instruments and len(instruments) < len(roles):
        groups["instruments"] = instruments
    return groups


def _kick_bass_overlap(low_band: Mapping[str, np.ndarray]) -> float | None:
    """Share of kick and bass low-band energy (per 20 ms) that the two have in common."""
    if "kick" not in low_band or "bass" not in low_band:
        return None
    kick, bass = low_band["kick"], low_band["bass"]
    return float(np.minimum(kick, bass).sum() / max(np.maximum(kick, bass).sum(), 1e-20))


def _band_energy(track: TrackAnalysis, low_hz: float, high_hz: float) -> float:
    band = (track.spectrum_hz >= low_hz) & (track.spectrum_hz < high_hz)
    return float((10 ** (track.spectrum_db[band] / 10)).sum())


def analyse_session(stems: StemSet, *,
                    reuse: tuple[StemSet, SessionAnalysis] | None = None) -> SessionAnalysis:
    """Everything measured between stems.

    Loudness figures carry no true peak (NaN): the mix is mastered, and mastering measures
    the true peak of what it is given. `reuse` is an earlier stem set and its analysis:
    stems whose audio is the very same array keep their measurements, and when every stem
    is either that or the old audio times a constant (moves that only changed levels),
    nothing is K-weighted again — the old measurements are scaled — and only the new mix is scanned.
    """
    rate = stems.sample_rate
    arrays = {s.role: s.samples for s in stems.stems}
    gains = _level_changes(stems, reuse) if reuse is not None else {}
    known = {role: reuse[1].tracks[role] for role in gains} if reuse is not None else {}
    several = len(arrays) > 1
    rescale = reuse is not None and reuse[1].gram is not None and len(gains) == len(arrays)
    low_band = ("kick", "bass") if {"kick", "bass"} <= arrays.keys() else ()
    if rescale:
        old = reuse[1]
        sums = scan(arrays, rate, with_mix=several, loudness=(), detailed=["mix"] * several)
        gram = old.gram.scaled(gains)
        low_power = {role: power * gains[role] ** 2
                     for role, power in old.low_band_power.items()}
        tracks = {role: _rescaled(known[role], gains[role]) for role in arrays}
    else:
        unchanged = [role for role, gain in gains.items() if gain == 1.0]
        sums = scan(arrays, rate, with_mix=several, low_band=low_band,
                    detailed=[r for r in arrays if r not in unchanged] + ["mix"] * several)
        gram = sums.gram
        low_power = {role: sums.tracks[role].low_band_power for role in low_band}
        tracks = {role: known[role] if role in unchanged else
                  _track(sums.tracks[role], gram.of([role]), rate) for role in arrays}
    levels = {}
    if several:
        for name, members in {**{r: (r,) for r in arrays}, **_groups(stems)}.items():
            levels[name] = _level_vs_rest(window_power(gram.of(members), rate, _BLOCK_S),
                                          window_power(gram.without(members), rate, _BLOCK_S))
        mix_track = _track(sums.tracks["mix"], gram.total(), rate)
    else:
        mix_track = tracks[next(iter(arrays))]
    mix_low_mid = _band_energy(mix_track, 150.0, 400.0)
    shares = {role: _band_energy(t, 150.0, 400.0) / max(mix_low_mid, 1e-20)
              for role, t in tracks.items()}
    crowders = tuple(r for r, share in sorted(shares.items(), key=lambda kv: -kv[1])
                     if share > 0.2 and r != "mix" and several)
    harsh = {role: Harshness(t.band_share_db["presence"], resonances(t, 1500.0, 10000.0))
             for role, t in tracks.items()}
    return SessionAnalysis(
        sample_rate=rate, tracks=MappingProxyType(tracks), mix=mix_track,
        level_vs_rest_lu=MappingProxyType(levels),
        kick_bass_overlap=_kick_bass_overlap(low_power), low_mid_crowders=crowders,
        low_mid_share=MappingProxyType(shares), harshness=MappingProxyType(harsh),
        gram=gram, low_band_power=MappingProxyType(low_power),
    )


def _track(sums: TrackSums, hop_power: np.ndarray, rate: int) -> TrackAnalysis:
    return track_analysis(sums, rate, loudness_from_hops(hop_power, rate, peak=sums.peak))


def _level_changes(stems: StemSet,
                   reuse: tuple[StemSet, SessionAnalysis]) -> dict[str, float]:
    """For each stem that is the earlier stem's audio times a constant, that constant
    (1.0 for the very same array); stems that changed otherwise are left out."""
    old_stems, old = reuse
    gains = {}
    for stem in stems.stems:
        previous = old_stems.get(stem.role)
        if previous is None or stem.role not in old.tracks:
            continue
        if previous.samples is stem.samples:
            gains[stem.role] = 1.0
        elif (gain := _plain_gain(previous.samples, stem.samples)) is not None:
            gains[stem.role] = gain
    return gains


_CHECK_FRAMES = 1 << 16


def _plain_gain(old: np.ndarray, new: np.ndarray) -> float | None:
    """g when new == g * old up to float32 rounding, else None.

    From three float64 dot products: the residual |new - g old|^2 = |new|^2 - <new,old>^2
    / |old|^2 is zero for a plain gain and large for any EQ, dynamics or edit."""
    if old.shape != new.shape:
        return None
    sums = np.zeros(3)
    for start in range(0, old.shape[1], _CHECK_FRAMES):
        a = old[:, start:start + _CHECK_FRAMES].astype(np.float64).ravel()
        b = new[:, start:start + _CHECK_FRAMES].astype(np.float64).ravel()
        sums += (np.dot(a, a), np.dot(b, b), np.dot(a, b))
    old_energy, new_energy, cross = sums
    if old_energy <= 0:
        return None
    gain = cross / old_energy
    residual = new_energy - cross * gain
    return float(gain) if gain > 0 and residual <= 1e-9 * new_energy else None


def _rescaled(track: TrackAnalysis, gain: float) -> TrackAnalysis:
    """The analysis of the same audio after a plain gain change: levels move, shapes stay."""
    gain_db = 20.0 * np.log10(gain)
    return replace(track, loudness=track.loudness.scaled(gain_db),
                   spectrum_db=track.spectrum_db + gain_db,
                   band_level_dbfs=MappingProxyType(
                       {band: level + gain_db for band, level in track.band_level_dbfs.items()}))
