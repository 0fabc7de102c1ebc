"""Measurements of one track (a stem or a mix): loudness, peaks, tone and stereo image."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import numpy as np
from scipy import signal

from dsp.filters import apply_sos, low_pass
from dsp.meter import Loudness, measure_loudness

__all__ = ["BANDS", "TrackAnalysis", "analyse_track", "band_share_db", "spectrum"]

BANDS: MappingProxyType[str, tuple[float, float]] = MappingProxyType({
    "sub": (20.0, 60.0),
    "low": (60.0, 150.0),
    "low_mid": (150.0, 400.0),
    "mid": (400.0, 2000.0),
    "presence": (2000.0, 8000.0),
    "air": (8000.0, 20000.0),
})
_FLOOR = 1e-20
_MAX_MONO_LOSS_DB = 60.0
"""A fully anti-phase signal cancels completely; report it as 60 dB, not infinity."""


@dataclass(frozen=True, eq=False)
class TrackAnalysis:
    loudness: Loudness
    crest_db: float
    band_share_db: MappingProxyType[str, float]
    tilt_db_per_octave: float
    correlation: float
    mono_loss_db: float
    side_low_db: float
    spectrum_hz: np.ndarray
    spectrum_db: np.ndarray


_SEGMENT = 8192


def spectrum(samples: np.ndarray, sample_rate: int) -> tuple[np.ndarray, np.ndarray]:
    """Averaged power spectrum of the mid signal (Hann-windowed 8192-point segments).

    Linear power in arbitrary units: callers compare bands and shapes, never absolutes.
    """
    mono = samples.mean(axis=0) if samples.ndim == 2 else samples
    mono = np.asarray(mono, dtype=np.float32)
    count = max(len(mono) // _SEGMENT, 1)
    segments = np.zeros((count, _SEGMENT), np.float32)
    usable = min(count * _SEGMENT, len(mono))
    segments.reshape(-1)[:usable] = mono[:usable]
    segments *= _hann()
    power = np.square(np.abs(np.fft.rfft(segments, axis=1))).mean(axis=0)
    return np.fft.rfftfreq(_SEGMENT, 1.0 / sample_rate), power


@lru_cache(maxsize=1)
def _hann() -> np.ndarray:
    return signal.get_window("hann", _SEGMENT).astype(np.float32)


def _share(freqs: np.ndarray, psd: np.ndarray, low_hz: float, high_hz: float) -> float:
    total = psd[(freqs >= 20.0)].sum() + _FLOOR
    part = psd[(freqs >= low_hz) & (freqs < high_hz)].sum() + _FLOOR
    return float(10.0 * np.log10(part / total))


def band_share_db(freqs: np.ndarray, psd: np.ndarray) -> dict[str, float]:
    return {name: _share(freqs, psd, lo, hi) for name, (lo, hi) in BANDS.items()}


def _tilt(freqs: np.ndarray, psd: np.ndarray) -> float:
    """Least-squares slope of octave-band levels from 100 Hz to 10 kHz, dB per octave."""
    centres = 100.0 * 2.0 ** np.arange(0, 7)
    levels = []
    for centre in centres:
        band = (freqs >= centre / np.sqrt(2)) & (freqs < centre * np.sqrt(2))
        levels.append(10.0 * np.log10(psd[band].sum() + _FLOOR))
    slope, _ = np.polyfit(np.log2(centres), levels, 1)
    return float(slope)


def _smoothed_db(freqs: np.ndarray, psd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """1/6-octave smoothed spectrum from 20 Hz to 20 kHz for plots and resonance search."""
    centres = 20.0 * 2.0 ** (np.arange(0, 60) / 6.0)
    centres = centres[centres < min(20000.0, freqs[-1])]
    edges_lo, edges_hi = centres * 2 ** (-1 / 12), centres * 2 ** (1 / 12)
    cumulative = np.concatenate(([0.0], np.cumsum(psd)))
    lo = np.searchsorted(freqs, edges_lo)
    hi = np.maximum(np.searchsorted(freqs, edges_hi), lo + 1)
    mean_power = (cumulative[hi] - cumulative[lo]) / (hi - lo)
    return centres, 10.0 * np.log10(mean_power + _FLOOR)


def analyse_track(samples: np.ndarray, sample_rate: int, *,
                  loudness: Loudness | None = None, true_peak: bool = True,
                  weighted: np.ndarray | None = None) -> TrackAnalysis:
    samples = samples if samples.ndim == 2 else samples[np.newaxis, :]
    loudness = loudness or measure_loudness(samples, sample_rate, true_peak=true_peak,
                                            weighted=weighted)
    freqs, psd = spectrum(samples, sample_rate)
    flat = np.ascontiguousarray(samples, dtype=np.float32).reshape(-1)
    rms = float(np.sqrt(max(float(np.dot(flat, flat)), 0.0) / max(flat.size, 1)))
    peak = float(np.abs(samples).max(initial=0.0))
    crest = 20.0 * np.log10(peak / rms) if rms > 0 and peak > 0 else 0.0
    correlation, mono_loss, side_low = _stereo(samples, sample_rate)
    hz, db = _smoothed_db(freqs, psd)
    return TrackAnalysis(
        loudness=loudness,
        crest_db=float(crest),
        band_share_db=MappingProxyType(band_share_db(freqs, psd)),
        tilt_db_per_octave=_tilt(freqs, psd),
        correlation=correlation,
        mono_loss_db=mono_loss,
        side_low_db=side_low,
        spectrum_hz=hz,
        spectrum_db=db,
    )


def _stereo(samples: np.ndarray, sample_rate: int) -> tuple[float, float, float]:
    """Correlation, loss of level when folded to mono (dB), side energy below 120 Hz (dB)."""
    if samples.shape[0] < 2:
        return 1.0, 0.0, -120.0
    left, right = samples[0].astype(np.float64), samples[1].astype(np.float64)
    energy_l, energy_r = np.dot(left, left), np.dot(right, right)
    cross = np.dot(left, right)
    stereo_energy = energy_l + energy_r
    if stereo_energy <= 0:
        return 1.0, 0.0, -120.0
    correlation = cross / np.sqrt(energy_l * energy_r) if energy_l * energy_r > 0 else 1.0
    mid_energy = (energy_l + energy_r + 2 * cross) / 4.0
    # A dual-mono signal keeps its level when folded (mid energy = half the stereo energy).
    mono_loss = -10.0 * np.log10(max(mid_energy, _FLOOR) / (stereo_energy / 2.0))
    side = (samples[0] - samples[1]) / 2.0
    side_low = apply_sos(side[: sample_rate * 60], low_pass(120.0, sample_rate, order=4))
    low_energy = float(np.dot(side_low, side_low)) * (samples.shape[1] / len(side_low))
    side_low_db = 10.0 * np.log10(max(low_energy, _FLOOR) / stereo_energy)
    return float(correlation), float(np.clip(mono_loss, 0.0, _MAX_MONO_LOSS_DB)), float(side_low_db)
