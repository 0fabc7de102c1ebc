"""Room between two parts that sit on each other: where to cut each, how deep and how wide.

Each part is cut where the other leads it: there a cut takes the weaker part's energy out
of what the two have in common (dsp.overlap) and leaves the louder part's alone, so the
overlap falls. Every bell is tried on each part's band energies (20 ms at a time, each
third-octave band from 160 Hz to 6.3 kHz), as deep as the part's own level allows (it
loses at most LEVEL_BUDGET_DB, K-weighted over its whole spectrum), and the pair of cuts
that takes the overlap down the most is kept, the two at least an octave apart where the
spectra allow, never in the same band.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import signal

from dsp.filters import bell
from dsp.overlap import COMPETING_CENTRES_HZ, SAME_SOUND, moving_together, shared_energy

__all__ = ["BARELY", "LEVEL_BUDGET_DB", "Carve", "Cut", "carve"]

BARELY = 0.05
"""Two parts with less than this in common barely sit on each other: no carve."""
LEVEL_BUDGET_DB = 1.0
"""The most a carve may take off a part's own level (K-weighted, whole spectrum)."""
_QS = (0.7, 1.0, 1.4, 2.0, 2.8)
"""Bell widths tried: from about two octaves to half an octave."""
_DEPTH_STEP_DB = 0.5
_APART = 3
"""Bands between the two cuts' centres: an octave."""
_EDGE = 2.0 ** (1 / 6)
_POINTS = np.linspace(-1.0, 1.0, 9)
"""Where in each third-octave band a bell's response is read (its edges in sixth-octaves)."""


@dataclass(frozen=True)
class Cut:
    """A bell on one part, with what it was sized on."""

    freq_hz: float
    gain_db: float
    q: float
    level_db: float
    """The part's level change (K-weighted, from its long-term spectrum)."""
    lead_db: float
    """How far the other part leads this one in the band the cut is centred on."""
    reach: tuple[float, float]
    """The third-octave bands the bell takes 3 dB or more from (their outer edges, Hz)."""
    shared: float
    """Of the energy the two parts have in common, the share in those bands."""
    overlap_after: float
    """The pair's overlap with this cut alone."""


@dataclass(frozen=True)
class Carve:
    overlap: float
    """The pair's overlap as measured."""
    cuts: tuple[Cut | None, Cut | None]
    """The first part's cut, the second's; None for a part no cut within its level budget
    separates from the other."""
    overlap_after: float
    """The pair's overlap with both cuts."""
    together: float
    """How closely the two parts' band energies rise and fall together (dsp.overlap.
    moving_together); from dsp.overlap.SAME_SOUND up the two hold one sound and neither is
    cut."""

    @property
    def same_sound(self) -> bool:
        return self.together >= SAME_SOUND


def carve(bands: tuple[np.ndarray, np.ndarray], spectra: tuple[np.ndarray, np.ndarray],
          freqs: np.ndarray, rate: int, most_db: float) -> Carve | None:
    """The cuts that set two parts apart, each at most `most_db` deep. `bands`: each part's
    energy per frame and competing band (dsp.overlap.band_frames); `spectra`: each part's
    K-weighted power on the bins `freqs` (its long-term spectrum). None when the two
    barely overlap (under BARELY); no cuts when the two hold one sound (SAME_SOUND)."""
    a, b = bands
    overlap = shared_energy(a, b)
    if overlap < BARELY:
        return None
    together = moving_together(a, b)
    if together >= SAME_SOUND:
        return Carve(overlap, (None, None), overlap, together)
    tried = [_tried(own, other, spectrum, freqs, rate, most_db)
             for own, other, spectrum in ((a, b, spectra[0]), (b, a, spectra[1]))]
    pair = _best_pair(*tried, overlap)
    cuts = tuple(None if pick is None else _cut(pick, own, other, overlap)
                 for pick, own, other in zip(pair, (a, b), (b, a), strict=True))
    weights = [pick[4] if pick is not None else 1.0 for pick in pair]
    after = shared_energy(a * weights[0], b * weights[1])
    return Carve(overlap, cuts, after, together)


def _band_response(freq_hz: float, gain_db: float, q: float, rate: int) -> np.ndarray:
    """A bell's mean power gain over each competing band."""
    points = np.outer(COMPETING_CENTRES_HZ, _EDGE ** _POINTS).ravel()
    _, response = signal.sosfreqz(bell(freq_hz, gain_db, q, rate), worN=points, fs=rate)
    return (np.abs(response) ** 2).reshape(len(COMPETING_CENTRES_HZ), -1).mean(axis=1)


class _Weighed:
    """Two parts' band frames, ready for their overlap (dsp.overlap.shared_energy) once
    the first is scaled band by band: in each band the frames are sorted by how far the
    second stands over the first, so a scale w splits them where that ratio passes w (the
    smaller is the first, scaled, above; the second below) and the sums come from running
    totals."""

    def __init__(self, own: np.ndarray, other: np.ndarray) -> None:
        own, other = own.astype(np.float64), other.astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(own > 0, other / np.where(own > 0, own, 1.0), np.inf)
        order = np.argsort(ratio, axis=0)
        self.ratio = np.take_along_axis(ratio, order, axis=0).T
        zero = np.zeros((1, own.shape[1]))
        self.own_before = np.concatenate([zero, np.cumsum(np.take_along_axis(
            own, order, axis=0), axis=0)]).T
        self.other_before = np.concatenate([zero, np.cumsum(np.take_along_axis(
            other, order, axis=0), axis=0)]).T

    def overlap(self, weights: np.ndarray) -> float:
        split = [np.searchsorted(r, w) for r, w in zip(self.ratio, weights, strict=True)]
        bands = np.arange(len(split))
        own, other = self.own_before[:, -1], self.other_before[:, -1]
        smaller = self.other_before[bands, split] + weights * (own - self.own_before[bands, split])
        return float(smaller.sum() / max(float((weights * own + other).sum() - smaller.sum()),
                                          1e-20))


def _tried(own: np.ndarray, other: np.ndarray, spectrum: np.ndarray, freqs: np.ndarray,
           rate: int, most_db: float) -> list[tuple]:
    """Every bell tried on `own`, each as deep as its level budget allows: (overlap after,
    band, q, depth, band response, level change)."""
    total = float(spectrum.sum())
    depths = np.arange(_DEPTH_STEP_DB, most_db + 1e-9, _DEPTH_STEP_DB)

    def level(centre: float, depth: float, q: float) -> float:
        _, response = signal.sosfreqz(bell(centre, -depth, q, rate), worN=freqs, fs=rate)
        return float(10 * np.log10(float((spectrum * np.abs(response) ** 2).sum()) / total))

    weighed = _Weighed(own, other)
    tried = []
    for band, centre in enumerate(COMPETING_CENTRES_HZ):
        for q in _QS:
            # the deepest step within the budget: a deeper cut loses more level
            low, high = 0, len(depths)
            while low < high:
                middle = (low + high) // 2
                if level(centre, depths[middle], q) >= -LEVEL_BUDGET_DB:
                    low = middle + 1
                else:
                    high = middle
            if low == 0:
                continue
            depth = float(depths[low - 1])
            weights = _band_response(centre, -depth, q, rate)
            tried.append((weighed.overlap(weights), band, q, depth, weights,
                          level(centre, depth, q)))
    return tried


def _best_pair(first: Sequence[tuple], second: Sequence[tuple],
               overlap: float) -> tuple[tuple | None, tuple | None]:
    """The two bells (one per part) that take the overlap down the most between them, an
    octave apart if any two that both help are; a part no bell helps gets none."""
    def best(tried: Sequence[tuple]) -> dict[int, tuple]:
        kept: dict[int, tuple] = {}
        for pick in tried:
            if pick[0] < overlap and (pick[1] not in kept or pick[0] < kept[pick[1]][0]):
                kept[pick[1]] = pick
        return kept

    ones, twos = best(first), best(second)
    if not ones or not twos:
        return (min(ones.values(), default=None, key=lambda p: p[0]),
                min(twos.values(), default=None, key=lambda p: p[0]))
    for apart in (_APART, 1):
        pairs = [(x, y) for x in ones.values() for y in twos.values()
                 if abs(x[1] - y[1]) >= apart]
        if pairs:
            return min(pairs, key=lambda pair: pair[0][0] + pair[1][0])
    return min(ones.values(), key=lambda p: p[0]), None


def _cut(pick: tuple, own: np.ndarray, other: np.ndarray, overlap: float) -> Cut:
    after, band, q, depth, weights, level = pick
    centre = COMPETING_CENTRES_HZ[band]
    own_db, other_db = (10 * np.log10(max(float(x[:, band].sum()), 1e-20)) for x in (own, other))
    reached = np.flatnonzero(weights <= 10 ** (-0.3))
    reached = reached if reached.size else np.array([band])
    common = np.minimum(own, other).sum(axis=0, dtype=np.float64)
    return Cut(freq_hz=float(round(centre)), gain_db=-depth, q=q, level_db=level,
               lead_db=float(other_db - own_db),
               reach=(COMPETING_CENTRES_HZ[reached[0]] / _EDGE,
                      COMPETING_CENTRES_HZ[reached[-1]] * _EDGE),
               shared=float(common[reached].sum() / max(common.sum(), 1e-20)),
               overlap_after=after)
