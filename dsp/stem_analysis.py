"""Measurements between stems: who is loud against whom, who crowds the low mids,
whose low end collides, and which frequencies actually ring.

Everything is measured once per render: one K-weighting pass per stem (the
filter is linear, so the rest of the mix is the mix minus the stem), one
analyse_track per stem, run on both cores.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from scipy import signal

from dsp.analysis import TrackAnalysis, analyse_track
from dsp.check import DRUM_ROLES, VOCAL_ROLES, StemSet
from dsp.filters import apply_sos, low_pass
from dsp.meter import SILENCE_LUFS, hop_power, k_weight, window_power

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


def _block_power(weighted: np.ndarray, rate: int) -> np.ndarray:
    return window_power(hop_power(weighted, rate), rate, _BLOCK_S)


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


def _low_energy_frames(samples: np.ndarray, rate: int) -> np.ndarray:
    low = apply_sos(samples.mean(axis=0), low_pass(150.0, rate, order=4))
    frame = int(0.02 * rate)
    usable = len(low) // frame * frame
    return np.square(low[:usable]).reshape(-1, frame).mean(axis=1)


def _kick_bass_overlap(stems: StemSet) -> float | None:
    kick = stems.get("kick")
    bass = stems.get("bass")
    if kick is None or bass is None:
        return None
    k = _low_energy_frames(kick.samples, stems.sample_rate)
    b = _low_energy_frames(bass.samples, stems.sample_rate)
    return float(np.minimum(k, b).sum() / max(np.maximum(k, b).sum(), 1e-20))


def _band_energy(track: TrackAnalysis, low_hz: float, high_hz: float) -> float:
    band = (track.spectrum_hz >= low_hz) & (track.spectrum_hz < high_hz)
    return float((10 ** (track.spectrum_db[band] / 10)).sum())


def analyse_session(stems: StemSet, *, measure_mix_peak: bool = True,
                    reuse: tuple[StemSet, SessionAnalysis] | None = None) -> SessionAnalysis:
    """Everything measured between stems.

    The mix's true peak costs an oversampling pass: skip it when the mix will be mastered
    anyway. `reuse` (an earlier stem set and its analysis) spares re-measuring stems whose
    audio is the very same array, as after moves that touched only some stems.
    """
    rate = stems.sample_rate
    arrays = {s.role: s.samples for s in stems.stems}
    mix = stems.mixdown()
    known = {}
    if reuse is not None:
        old_stems, old = reuse
        known = {role: old.tracks[role] for role, x in arrays.items()
                 if old_stems.get(role) is not None and old_stems.get(role).samples is x
                 and role in old.tracks}

    total = k_weight(mix, rate)
    several = len(arrays) > 1

    def measure(role: str) -> tuple[TrackAnalysis, float | None]:
        """One K-weighting pass per stem serves its loudness and its level vs the rest."""
        weighted = k_weight(arrays[role], rate)
        # a stem's true peak is never reported; only the mix's is
        track = known.get(role) or analyse_track(arrays[role], rate, true_peak=False,
                                                 weighted=weighted)
        if not several:
            return track, None
        part = _block_power(weighted, rate)
        np.subtract(total, weighted, out=weighted)
        return track, _level_vs_rest(part, _block_power(weighted, rate))

    with ThreadPoolExecutor(max_workers=2) as pool:
        measured = dict(zip(arrays, pool.map(measure, arrays), strict=True))
    tracks = {role: track for role, (track, _) in measured.items()}
    levels = {role: level for role, (_, level) in measured.items() if level is not None}
    for group, members in _groups(stems).items():
        if len(members) > 1:
            part = k_weight(sum(arrays[m] for m in members), rate)
            part_power = _block_power(part, rate)
            np.subtract(total, part, out=part)
            levels[group] = _level_vs_rest(part_power, _block_power(part, rate))
    mix_track = tracks["mix"] if list(arrays) == ["mix"] else analyse_track(
        mix, rate, true_peak=measure_mix_peak, weighted=total)
    mix_low_mid = _band_energy(mix_track, 150.0, 400.0)
    shares = {role: _band_energy(t, 150.0, 400.0) / max(mix_low_mid, 1e-20)
              for role, t in tracks.items()}
    crowders = tuple(r for r, share in sorted(shares.items(), key=lambda kv: -kv[1])
                     if share > 0.2 and r != "mix" and len(arrays) > 1)
    harsh = {role: Harshness(t.band_share_db["presence"], resonances(t, 1500.0, 10000.0))
             for role, t in tracks.items()}
    return SessionAnalysis(
        sample_rate=rate, tracks=MappingProxyType(tracks), mix=mix_track,
        level_vs_rest_lu=MappingProxyType(levels),
        kick_bass_overlap=_kick_bass_overlap(stems), low_mid_crowders=crowders,
        low_mid_share=MappingProxyType(shares), harshness=MappingProxyType(harsh),
    )
