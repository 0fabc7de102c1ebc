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
from dsp.meter import SILENCE_LUFS, loudness_from_hops, true_peak_dbtp, window_power
from dsp.scan import TrackSums, scan

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


def _kick_bass_overlap(sums: Mapping[str, TrackSums]) -> float | None:
    """Share of kick and bass low-band energy (per 20 ms) that the two have in common."""
    if "kick" not in sums or "bass" not in sums:
        return None
    kick, bass = sums["kick"].low_band_power, sums["bass"].low_band_power
    return float(np.minimum(kick, bass).sum() / max(np.maximum(kick, bass).sum(), 1e-20))


def _band_energy(track: TrackAnalysis, low_hz: float, high_hz: float) -> float:
    band = (track.spectrum_hz >= low_hz) & (track.spectrum_hz < high_hz)
    return float((10 ** (track.spectrum_db[band] / 10)).sum())


def analyse_session(stems: StemSet, *, measure_mix_peak: bool = True,
                    reuse: tuple[StemSet, SessionAnalysis] | None = None) -> SessionAnalysis:
    """Everything measured between stems.

    The mix's true peak costs a pass of its own: skip it when the mix will be mastered
    anyway. `reuse` (an earlier stem set and its analysis) spares re-measuring stems whose
    audio is the very same array, as after moves that touched only some stems; their
    level against the rest is measured again, since the rest has changed.
    """
    rate = stems.sample_rate
    arrays = {s.role: s.samples for s in stems.stems}
    known = {}
    if reuse is not None:
        old_stems, old = reuse
        known = {role: old.tracks[role] for role, x in arrays.items()
                 if old_stems.get(role) is not None and old_stems.get(role).samples is x
                 and role in old.tracks}
    several = len(arrays) > 1
    groups = {g: members for g, members in _groups(stems).items() if len(members) > 1}
    sums = scan(arrays, rate, groups=groups, with_mix=several,
                detailed=[r for r in arrays if r not in known] + ["mix"] * several,
                low_band=("kick", "bass") if {"kick", "bass"} <= arrays.keys() else ())
    tracks = {role: known.get(role) or _track(sums[role], rate) for role in arrays}
    levels = {name: _level_vs_rest(window_power(sums[name].hop_power, rate, _BLOCK_S),
                                   window_power(sums[name].rest_hop_power, rate, _BLOCK_S))
              for name in [*arrays, *groups] if several}
    if several:
        peak = true_peak_dbtp(stems.mixdown()) if measure_mix_peak else float("nan")
        mix_track = _track(sums["mix"], rate, true_peak=peak)
    else:
        mix_track = tracks[next(iter(arrays))]
        if measure_mix_peak:
            mix_track = replace(mix_track, loudness=replace(
                mix_track.loudness, true_peak_dbtp=true_peak_dbtp(stems.stems[0].samples)))
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
        kick_bass_overlap=_kick_bass_overlap(sums), low_mid_crowders=crowders,
        low_mid_share=MappingProxyType(shares), harshness=MappingProxyType(harsh),
    )


def _track(sums: TrackSums, rate: int, *, true_peak: float = float("nan")) -> TrackAnalysis:
    loudness = replace(loudness_from_hops(sums.hop_power, rate, peak=sums.peak),
                       true_peak_dbtp=true_peak)
    return track_analysis(sums, rate, loudness)
