"""Summing stems into a premaster with headroom, and the moves that act on the whole bus."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dsp.check import StemSet
from dsp.meter import sample_peak
from dsp.moves import Move
from dsp.processing import apply_move

__all__ = ["HEADROOM_DBFS", "mix_stems"]

HEADROOM_DBFS = -6.0
"""The premaster's highest sample peak: room for the mastering EQ and limiter."""


def mix_stems(stems: StemSet, *, mix_moves: Sequence[Move] = ()) -> tuple[np.ndarray, float]:
    """The summed premaster and the gain (dB) applied to keep its peak at -6 dBFS or below."""
    bus = stems.mixdown()
    for move in mix_moves:
        bus = np.asarray(apply_move(bus, stems.sample_rate, move, stems), dtype=np.float32)
    peak = sample_peak(bus)
    limit = 10 ** (HEADROOM_DBFS / 20)
    if peak <= limit:
        return bus, 0.0
    bus *= np.float32(limit / peak)
    return bus, float(20 * np.log10(limit / peak))
