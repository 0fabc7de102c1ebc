"""Independent references for the meter and mastering tests: material that trips up
short interpolators, and band-limited interpolation by FFT."""

from __future__ import annotations

import numpy as np
from scipy import fft as scipy_fft
from scipy import signal as scipy_signal


def bright_transients(rate: int = 44100, seconds: float = 3.0) -> np.ndarray:
    """Hats, clicks and a square-ish synth: the material a 48-tap 4x meter under-reads."""
    rng = np.random.default_rng(7)
    n = int(seconds * rate)
    x = np.zeros(n)
    for start in range(0, n - 200, rate // 8):
        x[start] += rng.uniform(0.4, 1.0)
        x[start + 1] -= 0.7 * x[start]
    hats = rng.standard_normal(n) * 0.2
    x += scipy_signal.sosfilt(scipy_signal.butter(4, 7000, "highpass", fs=rate, output="sos"),
                              hats)
    x += 0.3 * scipy_signal.square(2 * np.pi * 220 * np.arange(n) / rate)
    # what any converter does: nothing left at Nyquist, where interpolators legitimately
    # differ (an aliased square and bare clicks there spread FFT and long FIRs by 0.08 dB)
    anti_alias = scipy_signal.ellip(10, 0.01, 90, 0.9 * rate / 2, fs=rate, output="sos")
    stereo = scipy_signal.sosfilt(anti_alias, np.vstack([x, 0.9 * x]))
    return (stereo / np.abs(stereo).max()).astype(np.float32)


def ideal_peak_dbtp(samples: np.ndarray, factor: int) -> float:
    """Band-limited (FFT) interpolation: exact for the padded signal taken as periodic.

    The padding runs on to a length the FFT factors well (next_fast_len): a 12 s file took
    9.6 s at its own length and 1.5 s at the next fast one; more silence changes the peak
    by under 0.0001 dB."""
    length = samples.shape[1] + 8192
    tail = 4096 + scipy_fft.next_fast_len(length, real=True) - length
    padded = np.pad(samples.astype(np.float64), ((0, 0), (4096, tail)))
    up = scipy_signal.resample(padded, padded.shape[1] * factor, axis=1)
    return float(20 * np.log10(np.abs(up).max()))
