"""Measurements of one track (a stem or a mix): loudness, peaks, tone and stereo image."""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np

from dsp.meter import Loudness, loudness_from_hops, true_peak_dbtp
from dsp.scan import (
    SIDE_LOW_HZ,
    TrackSums,
    hann,
    mid,
    scan,
    segment_cross_powers,
    segment_frames,
    segment_power,
)

__all__ = [
    "BANDS",
    "SMALL_SPEAKER_HZ",
    "TrackAnalysis",
    "analyse_track",
    "band_share_db",
    "blend_powers_above",
    "smoothed_db",
    "spectrum",
    "track_analysis",
]

BANDS: MappingProxyType[str, tuple[float, float]] = MappingProxyType({
    "sub": (20.0, 60.0),
    "low": (60.0, 150.0),
    "low_mid": (150.0, 400.0),
    "mid": (400.0, 2000.0),
    "presence": (2000.0, 8000.0),
    "air": (8000.0, 20000.0),
})
SMALL_SPEAKER_HZ = 200.0
"""Where phone, laptop and other small speakers start to play: a part with little energy
above it (a sine 808, a sub bass) all but vanishes on them."""
_FLOOR = 1e-20
_MAX_MONO_LOSS_DB = 60.0
"""A fully anti-phase signal cancels completely; report it as 60 dB, not infinity."""


@dataclass(frozen=True, eq=False)
class TrackAnalysis:
    loudness: Loudness
    crest_db: float
    band_share_db: MappingProxyType[str, float]
    band_level_dbfs: MappingProxyType[str, float]
    """RMS level of each band in the mid signal, dB full scale: what a part's own tone
    move changes, whatever the rest of the mix did meanwhile."""
    small_speaker_share_db: float
    """How much of the track's energy lies above SMALL_SPEAKER_HZ, in dB against the whole:
    what a small speaker can still play of it."""
    tilt_db_per_octave: float
    correlation: float
    mono_loss_db: float
    side_low_db: float
    spectrum_hz: np.ndarray
    spectrum_db: np.ndarray


def _mid(samples: np.ndarray, frames: int) -> np.ndarray:
    """The mid signal in float32, padded to one segment when shorter."""
    mono = mid(samples) if samples.ndim == 2 else samples
    mono = np.asarray(mono, dtype=np.float32)
    return np.pad(mono, (0, frames - len(mono))) if len(mono) < frames else mono


def spectrum(samples: np.ndarray, sample_rate: int) -> tuple[np.ndarray, np.ndarray]:
    """Averaged power spectrum of the mid signal (Hann-windowed 200 ms segments).

    Linear power in arbitrary units: callers compare bands and shapes, never absolutes.
    """
    frames = segment_frames(sample_rate)
    power, count = segment_power(_mid(samples, frames), frames)
    return np.fft.rfftfreq(frames, 1.0 / sample_rate), power / count


def _band_power(freqs: np.ndarray, psd: np.ndarray, low_hz, high_hz):
    """Power between two frequencies, each bin counted for the part of its width inside
    the band: band figures then barely depend on the FFT size (whole bins moved the
    20-60 Hz share by 0.7 dB between 8192- and 9600-point segments; this, by 0.2)."""
    step = freqs[1] - freqs[0]
    edges = np.append(freqs - step / 2, freqs[-1] + step / 2)
    cumulative = np.concatenate(([0.0], np.cumsum(psd)))
    return np.interp(high_hz, edges, cumulative) - np.interp(low_hz, edges, cumulative)


def _share(freqs: np.ndarray, psd: np.ndarray, low_hz: float, high_hz: float) -> float:
    total = _band_power(freqs, psd, 20.0, freqs[-1]) + _FLOOR
    part = _band_power(freqs, psd, low_hz, high_hz) + _FLOOR
    return float(10.0 * np.log10(part / total))


def blend_powers_above(samples: np.ndarray, added: np.ndarray, sample_rate: int,
                       low_hz: float) -> np.ndarray:
    """The averaged powers of the blend x + g·h of two signals' mid signals, above `low_hz`
    (column 0) and from 20 Hz up (column 1): rows are those of x, Re(X·H*) and h, so the
    blend's are row 0 + 2g·row 1 + g²·row 2 for any g. The band share
    (small_speaker_share_db above SMALL_SPEAKER_HZ) is column 0 over column 1."""
    frames = segment_frames(sample_rate)
    sums, count = segment_cross_powers(_mid(samples, frames), _mid(added, frames), frames)
    freqs = np.fft.rfftfreq(frames, 1.0 / sample_rate)
    return np.array([[_band_power(freqs, psd, low_hz, freqs[-1]),
                      _band_power(freqs, psd, 20.0, freqs[-1])] for psd in sums / count])


def band_share_db(freqs: np.ndarray, psd: np.ndarray) -> dict[str, float]:
    return {name: _share(freqs, psd, lo, hi) for name, (lo, hi) in BANDS.items()}


def _band_levels(freqs: np.ndarray, psd: np.ndarray, sample_rate: int) -> dict[str, float]:
    """Parseval on the averaged segment spectrum: a one-sided bin holds half the power
    N^2 * mean(window^2) / 2 of the windowed segment's mean square."""
    frames = segment_frames(sample_rate)
    to_mean_square = 2.0 / (frames * frames * float(np.mean(np.square(hann(frames)))))
    return {name: float(10.0 * np.log10(_band_power(freqs, psd, lo, hi) * to_mean_square
                                        + _FLOOR))
            for name, (lo, hi) in BANDS.items()}


def _tilt(freqs: np.ndarray, psd: np.ndarray) -> float:
    """Least-squares slope of octave-band levels from 100 Hz to 10 kHz, dB per octave."""
    centres = 100.0 * 2.0 ** np.arange(0, 7)
    power = _band_power(freqs, psd, centres / np.sqrt(2), centres * np.sqrt(2))
    slope, _ = np.polyfit(np.log2(centres), 10.0 * np.log10(power + _FLOOR), 1)
    return float(slope)


def smoothed_db(freqs: np.ndarray, psd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
                  loudness: Loudness | None = None, true_peak: bool = True) -> TrackAnalysis:
    """Every measurement of one track (a stem, a mix or a master); pass `loudness` when it
    is already known, to skip the K-weighting."""
    samples = samples if samples.ndim == 2 else samples[np.newaxis, :]
    sums = scan({"track": samples}, sample_rate,
                loudness=() if loudness else None).tracks["track"]
    if loudness is None:
        loudness = replace(loudness_from_hops(sums.hop_power, sample_rate, peak=sums.peak),
                           true_peak_dbtp=true_peak_dbtp(samples) if true_peak else float("nan"))
    return track_analysis(sums, sample_rate, loudness)


def track_analysis(sums: TrackSums, sample_rate: int, loudness: Loudness) -> TrackAnalysis:
    """A TrackAnalysis from what a scan collected (see dsp.scan)."""
    freqs = np.fft.rfftfreq(segment_frames(sample_rate), 1.0 / sample_rate)
    psd = sums.spectrum_power / max(sums.segments, 1)
    energy_l, energy_r, cross = sums.energies
    samples_counted = sums.frames * sums.channels
    energy = energy_l + (energy_r if sums.channels > 1 else 0.0)
    rms = float(np.sqrt(max(energy, 0.0) / max(samples_counted, 1)))
    peak = sums.peak
    crest = 20.0 * np.log10(peak / rms) if rms > 0 and peak > 0 else 0.0
    correlation, mono_loss, side_low = _stereo(sums, sample_rate)
    hz, db = smoothed_db(freqs, psd)
    return TrackAnalysis(
        loudness=loudness,
        crest_db=float(crest),
        band_share_db=MappingProxyType(band_share_db(freqs, psd)),
        band_level_dbfs=MappingProxyType(_band_levels(freqs, psd, sample_rate)),
        small_speaker_share_db=_share(freqs, psd, SMALL_SPEAKER_HZ, float(freqs[-1])),
        tilt_db_per_octave=_tilt(freqs, psd),
        correlation=correlation,
        mono_loss_db=mono_loss,
        side_low_db=side_low,
        spectrum_hz=hz,
        spectrum_db=db,
    )


def _side_low_mean_square(sums: TrackSums, sample_rate: int) -> float:
    """The side's mean square below SIDE_LOW_HZ, from its averaged segment spectrum
    (Parseval, as _band_levels)."""
    if sums.side_power is None or sums.side_segments == 0:
        return 0.0
    frames = segment_frames(sample_rate)
    freqs = np.fft.rfftfreq(frames, 1.0 / sample_rate)
    to_mean_square = 2.0 / (frames * frames * float(np.mean(np.square(hann(frames)))))
    return float(_band_power(freqs, sums.side_power / sums.side_segments, 0.0, SIDE_LOW_HZ)
                 * to_mean_square)


def _stereo(sums: TrackSums, sample_rate: int) -> tuple[float, float, float]:
    """Correlation, loss of level when folded to mono (dB), side energy below 120 Hz (dB)."""
    if sums.channels < 2:
        return 1.0, 0.0, -120.0
    energy_l, energy_r, cross = sums.energies
    stereo_energy = energy_l + energy_r
    if stereo_energy <= 0:
        return 1.0, 0.0, -120.0
    correlation = cross / np.sqrt(energy_l * energy_r) if energy_l * energy_r > 0 else 1.0
    mid_energy = (energy_l + energy_r + 2 * cross) / 4.0
    # A dual-mono signal keeps its level when folded (mid energy = half the stereo energy).
    mono_loss = -10.0 * np.log10(max(mid_energy, _FLOOR) / (stereo_energy / 2.0))
    side_low_db = 10.0 * np.log10(max(_side_low_mean_square(sums, sample_rate) * sums.frames,
                                      _FLOOR) / stereo_energy)
    return float(correlation), float(np.clip(mono_loss, 0.0, _MAX_MONO_LOSS_DB)), float(side_low_db)
