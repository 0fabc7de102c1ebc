"""How much two parts sit on each other: of the energy the two put into the same moments
and bands, the share they have in common.

The kick and the bass are compared below 150 Hz, 20 ms at a time (dsp.scan's low band);
two other parts in the third-octave bands from 160 Hz to 6.3 kHz, where one part's tone
hides another's (where dsp.recipes carves room between them), 20 ms at a time too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import fft as scipy_fft
from scipy import signal

__all__ = ["COMPETING_CENTRES_HZ", "FRAME_S", "SAME_SOUND", "Copy", "band_frames", "copies",
           "moving_together", "shared_energy"]

FRAME_S = 0.02
"""One moment: a part that plays between another's notes does not sit on it."""
COMPETING_CENTRES_HZ = tuple(1000.0 * 2.0 ** (k / 3) for k in range(-8, 9))
"""Third-octave bands from 160 Hz to 6.3 kHz, where one part's tone hides another's."""
SAME_SOUND = 0.9
"""Two parts or files whose band energies rise and fall together this closely
(moving_together) hold one sound, a copy: an EQ cut on either leaves the two one sound
(dsp.carve cuts neither). On /tmp/e2e/24-files the cymbals and fx parts (FX Riser is a copy
of Hats) measure 0.97, the keys and snare (Synth is a copy of Snare Top) 0.95; every other
pair of parts 0.43 or less, and different files of one kind 0.68 (Guitar L/R) or less."""
_BLOCK_FRAMES = 2048
"""Frames transformed at a time: their spectra stay a few MB."""


def _on_one_grid(a: np.ndarray, b: np.ndarray) -> None:
    if a.shape != b.shape:
        raise ValueError(f"two parts' energies must be on one grid, got {a.shape} and {b.shape}")


def shared_energy(a: np.ndarray, b: np.ndarray) -> float:
    """The share of two parts' energy they have in common, from their energies on one grid
    (per frame, or per frame and band): sum of the smaller over sum of the larger, entry by
    entry. 1 for the same energy everywhere, 0 when they never sound in the same frame and
    band; a part at a quarter of the other's energy throughout has 0.25 in common."""
    _on_one_grid(a, b)
    larger = float(np.maximum(a, b).sum(dtype=np.float64))
    return float(np.minimum(a, b).sum(dtype=np.float64)) / max(larger, 1e-20)


def moving_together(a: np.ndarray, b: np.ndarray) -> float:
    """How closely two parts' energies (per frame and band) rise and fall together: in each
    band, the correlation of the two over the frames, averaged with the energy the two have
    in common there as weight. 1 for a copy of one part at any gain and EQ (the same sound,
    band by band); near 0 for two parts playing apart or independently."""
    _on_one_grid(a, b)
    a, b = a.astype(np.float64), b.astype(np.float64)
    weight = np.minimum(a, b).sum(axis=0)
    a, b = a - a.mean(axis=0), b - b.mean(axis=0)
    spread = np.sqrt(np.square(a).sum(axis=0) * np.square(b).sum(axis=0))
    correlation = (a * b).sum(axis=0) / np.where(spread > 0, spread, np.inf)
    return float((correlation * weight).sum() / max(float(weight.sum()), 1e-20))


@dataclass(frozen=True)
class Copy:
    """Files of one part and files of another that hold one sound: each file here moves
    with a file on the other side by SAME_SOUND or more, and these files with no others."""

    first: tuple[str, ...]
    second: tuple[str, ...]
    together: tuple[float, float]
    """The least and the most closely moving pair's figure (moving_together)."""


def copies(frames: Mapping[str, np.ndarray], first: Sequence[str],
           second: Sequence[str]) -> tuple[Copy, ...]:
    """Which files of `first` hold the same sound as which of `second`, from each file's
    band energies (`frames`, band_frames): the pairs that move together by SAME_SOUND or
    more, gathered into groups linked by such pairs (a synth that copies a snare moves with
    the snare's top and its bottom alike: one group of three files)."""
    together = {(a, b): moving_together(frames[a], frames[b]) for a in first for b in second}
    pairs = [pair for pair, value in together.items() if value >= SAME_SOUND]
    groups: list[tuple[set[str], set[str], list[float]]] = []
    for a, b in pairs:
        linked = [g for g in groups if a in g[0] or b in g[1]]
        merged = ({a}, {b}, [together[a, b]])
        for g in linked:
            groups.remove(g)
            merged = (merged[0] | g[0], merged[1] | g[1], merged[2] + g[2])
        groups.append(merged)
    return tuple(Copy(tuple(f for f in first if f in g[0]), tuple(f for f in second if f in g[1]),
                      (min(g[2]), max(g[2]))) for g in groups)


_EDGE = 2.0 ** (1 / 6)


@lru_cache(maxsize=4)
def _band_matrix(frames: int, rate: int) -> np.ndarray:
    """(bins, bands): which FFT bins each third-octave band sums, up to the last band's top."""
    hz = scipy_fft.rfftfreq(frames, 1.0 / rate)
    hz = hz[hz < COMPETING_CENTRES_HZ[-1] * _EDGE]
    return np.stack([((hz >= centre / _EDGE) & (hz < centre * _EDGE)).astype(np.float32)
                     for centre in COMPETING_CENTRES_HZ], axis=1)


def band_frames(mono: np.ndarray, rate: int) -> np.ndarray:
    """A part's energy per 20 ms frame (rows) in each competing band (columns), from its
    channels' mean (1-D): Hann windows two frames (40 ms, 25 Hz between bins) long, one
    frame apart, so the 160 Hz band (143–180 Hz) still spans two bins."""
    hop = int(round(FRAME_S * rate))
    window = 2 * hop
    count = max((len(mono) - window) // hop + 1, 0)
    bands = _band_matrix(window, rate)
    bins = bands.shape[0]
    taper = signal.get_window("hann", window).astype(np.float32)
    out = np.empty((count, bands.shape[1]), dtype=np.float32)
    for start in range(0, count, _BLOCK_FRAMES):
        n = min(_BLOCK_FRAMES, count - start)
        span = mono[start * hop:(start + n - 1) * hop + window]
        segments = np.lib.stride_tricks.sliding_window_view(span, window)[::hop]
        spectra = scipy_fft.rfft(segments * taper, axis=1)[:, :bins]
        out[start:start + n] = (np.square(spectra.real) + np.square(spectra.imag)) @ bands
    return out
