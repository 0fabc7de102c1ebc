"""Biquad EQ filters as second-order sections (RBJ Audio EQ Cookbook).

Used by mastering and by the mix moves, so an EQ move means the same curve
everywhere. Filtering runs in float32 along the last axis.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

__all__ = ["apply_sos", "bell", "high_pass", "high_shelf", "low_pass", "low_shelf"]


def _normalise(b: list[float], a: list[float]) -> np.ndarray:
    return np.array([[*(np.array(b) / a[0]), *(np.array(a) / a[0])]])


def _w0(freq_hz: float, sample_rate: int) -> float:
    freq_hz = min(max(freq_hz, 1.0), 0.49 * sample_rate)
    return 2.0 * np.pi * freq_hz / sample_rate


def bell(freq_hz: float, gain_db: float, q: float, sample_rate: int) -> np.ndarray:
    a_gain = 10.0 ** (gain_db / 40.0)
    w0 = _w0(freq_hz, sample_rate)
    alpha = np.sin(w0) / (2.0 * q)
    cos = np.cos(w0)
    return _normalise([1 + alpha * a_gain, -2 * cos, 1 - alpha * a_gain],
                      [1 + alpha / a_gain, -2 * cos, 1 - alpha / a_gain])


def _shelf(freq_hz: float, gain_db: float, sample_rate: int, *, high: bool,
           slope: float = 1.0) -> np.ndarray:
    a_gain = 10.0 ** (gain_db / 40.0)
    w0 = _w0(freq_hz, sample_rate)
    cos, sin = np.cos(w0), np.sin(w0)
    alpha = sin / 2.0 * np.sqrt((a_gain + 1 / a_gain) * (1 / slope - 1) + 2)
    root = 2 * np.sqrt(a_gain) * alpha
    sign = -1.0 if high else 1.0
    b = [a_gain * ((a_gain + 1) - sign * (a_gain - 1) * cos + root),
         sign * 2 * a_gain * ((a_gain - 1) - sign * (a_gain + 1) * cos),
         a_gain * ((a_gain + 1) - sign * (a_gain - 1) * cos - root)]
    a = [(a_gain + 1) + sign * (a_gain - 1) * cos + root,
         -sign * 2 * ((a_gain - 1) + sign * (a_gain + 1) * cos),
         (a_gain + 1) + sign * (a_gain - 1) * cos - root]
    return _normalise(b, a)


def low_shelf(freq_hz: float, gain_db: float, sample_rate: int) -> np.ndarray:
    return _shelf(freq_hz, gain_db, sample_rate, high=False)


def high_shelf(freq_hz: float, gain_db: float, sample_rate: int) -> np.ndarray:
    return _shelf(freq_hz, gain_db, sample_rate, high=True)


def high_pass(cutoff_hz: float, sample_rate: int, *, order: int = 2) -> np.ndarray:
    return signal.butter(order, min(cutoff_hz, 0.45 * sample_rate), "highpass",
                         fs=sample_rate, output="sos")


def low_pass(cutoff_hz: float, sample_rate: int, *, order: int = 2) -> np.ndarray:
    return signal.butter(order, min(cutoff_hz, 0.45 * sample_rate), "lowpass",
                         fs=sample_rate, output="sos")


def apply_sos(samples: np.ndarray, *sections: np.ndarray) -> np.ndarray:
    """Run one or more filters in a single cascade (one pass over the audio)."""
    if not sections:
        return samples
    sos = np.vstack(sections).astype(np.float32)
    return signal.sosfilt(sos, np.asarray(samples, dtype=np.float32), axis=-1)
