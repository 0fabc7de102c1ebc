"""Biquad EQ filters as second-order sections (RBJ Audio EQ Cookbook), and the one place
where recursive (IIR) filtering runs.

Used by the meter, analysis, mastering and the mix moves, so an EQ move means the same
curve everywhere. Filtering runs in float32 along the last axis.

Recursive filters fed digital silence let their state decay into subnormal floats, where
the arithmetic is tens of times slower and rounding can hold them there for good: a vocal
stem that is two-thirds silence took 3 s instead of 0.1 s to K-weight. Every filter here
therefore adds a fixed noise floor 500 dB below full scale to its input (the software
form of a DSP's flush-to-zero flag), far under any gate or level this project reports.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import signal

from dsp.threads import thread_pool

__all__ = [
    "SosStream",
    "apply_sos",
    "band_limit",
    "band_limit_hz",
    "band_pass",
    "bell",
    "high_pass",
    "high_shelf",
    "low_pass",
    "low_shelf",
    "one_pole",
    "with_noise_floor",
]

_PARALLEL_FRAMES = 1 << 20
"""Longer signals are filtered a channel per core (scipy's filters release the GIL)."""
_FLOOR_PERIOD = 4096
_NOISE_FLOOR = (np.random.default_rng(1770).choice([-1.0, 1.0], _FLOOR_PERIOD)
                * 1e-25).astype(np.float32)
"""White (±1e-25, i.e. -500 dBFS) so it reaches every state of every filter shape."""
_CHUNK_FRAMES = 64 * _FLOOR_PERIOD


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


def band_limit_hz(sample_rate: int) -> float:
    """Where band_limit's flat passband ends: 0.9 of Nyquist."""
    return 0.9 * sample_rate / 2


@lru_cache(maxsize=8)
def band_limit(sample_rate: int) -> np.ndarray:
    """Flat (0.01 dB) to 0.9 of Nyquist and 60 dB down from 0.93, as a converter's
    anti-alias filter leaves a recording: between there and Nyquist, interpolators
    legitimately differ (a long FIR, an FFT and BS.1770's 4x filter read white noise up
    to 24 kHz 0.4 dB apart), so a master band-limited here has one true peak."""
    return signal.ellip(8, 0.01, 60, band_limit_hz(sample_rate), fs=sample_rate, output="sos")


def band_pass(low_hz: float, high_hz: float, sample_rate: int, *,
              order: int = 2) -> np.ndarray:
    high_hz = min(high_hz, 0.45 * sample_rate)
    return signal.butter(order, [min(low_hz, 0.9 * high_hz), high_hz], "bandpass",
                         fs=sample_rate, output="sos")


def with_noise_floor(samples: np.ndarray) -> np.ndarray:
    """A float32 copy of `samples` plus the -500 dBFS floor that keeps IIR states normal."""
    samples = np.asarray(samples, dtype=np.float32)
    n = samples.shape[-1]
    out = np.empty(samples.shape, np.float32)
    whole = n - n % _FLOOR_PERIOD
    blocks = samples.shape[:-1] + (whole // _FLOOR_PERIOD, _FLOOR_PERIOD)
    np.add(samples[..., :whole].reshape(blocks), _NOISE_FLOOR,
           out=out[..., :whole].reshape(blocks))
    np.add(samples[..., whole:], _NOISE_FLOOR[:n - whole], out=out[..., whole:])
    return out


def apply_sos(samples: np.ndarray, *sections: np.ndarray,
              zero_phase: bool = False) -> np.ndarray:
    """Run one or more filters in a single cascade (one pass over the audio).

    `zero_phase` runs the cascade forward and backward: no delay, squared magnitude.
    Forward, the audio is filtered a chunk at a time into the one output array (see
    _filter_into), not through whole-song copies. Either way a long song's channels run
    one per core."""
    if not sections:
        return samples
    sos = np.vstack(sections).astype(np.float32)
    samples = np.asarray(samples)
    out = np.empty(samples.shape, np.float32)
    rows, into = np.atleast_2d(samples), np.atleast_2d(out)
    run = _filter_both_ways if zero_phase else _filter_into
    if samples.ndim != 2 or samples.shape[0] < 2 or samples.shape[1] < _PARALLEL_FRAMES:
        run(sos, rows, into)
        return out
    with thread_pool(samples.shape[0]) as pool:
        list(pool.map(lambda row: run(sos, rows[row:row + 1], into[row:row + 1]),
                      range(samples.shape[0])))
    return out


def _filter_both_ways(sos: np.ndarray, samples: np.ndarray, out: np.ndarray) -> None:
    out[:] = signal.sosfiltfilt(sos, with_noise_floor(samples), axis=-1)


def _filter_into(sos: np.ndarray, samples: np.ndarray, out: np.ndarray) -> None:
    """Filter (channels, frames) `samples` into `out` a chunk at a time, the state carried
    over: exactly one long run, as each chunk starts on a period of the noise floor. The
    floored copy and scipy's output had been two more whole-song arrays per call
    (K-weighting a 20-minute stereo master took 0.8 GB beyond its input, now 0.4 GB)."""
    stream = SosStream(sos, channels=samples.shape[0])
    for start in range(0, samples.shape[1], _CHUNK_FRAMES):
        out[:, start:start + _CHUNK_FRAMES] = stream.process(
            samples[:, start:start + _CHUNK_FRAMES])


def one_pole(samples: np.ndarray, coeff: float, *, initial: float = 0.0) -> np.ndarray:
    """y[n] = (1 - coeff) x[n] + coeff y[n-1] along the last axis, starting from `initial`."""
    zi = np.full(np.shape(samples)[:-1] + (1,), initial * coeff, dtype=np.float32)
    out, _ = signal.lfilter(np.float32([1.0 - coeff]), np.float32([1.0, -coeff]),
                            with_noise_floor(samples), axis=-1, zi=zi)
    return out


class SosStream:
    """A filter cascade run over consecutive chunks of one signal, its state carried from
    chunk to chunk, so the chunks come out exactly as one long run would."""

    def __init__(self, *sections: np.ndarray, channels: int) -> None:
        self.sos = np.vstack(sections).astype(np.float32)
        self.state = np.zeros((self.sos.shape[0], channels, 2), np.float32)

    def process(self, chunk: np.ndarray) -> np.ndarray:
        """Filter (channels, frames) `chunk`, continuing from the previous one."""
        out, self.state = signal.sosfilt(self.sos, with_noise_floor(chunk), axis=-1,
                                         zi=self.state)
        return out
