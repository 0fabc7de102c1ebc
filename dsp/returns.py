"""Which dry part each effects return follows, by measurement.

A reverb or delay return is its source's sound, later and smeared: band by band its level
rises and falls with the source's, a few frames behind. A riser, or another part's room,
rises and falls with something else. So each return's third-octave energy (20 ms frames,
dsp.overlap.band_frames) is compared with each dry part's, as level detail in dB (each
band's moves around its own slow trend, so a loud chorus lifting every part says nothing),
the return lagged up to MAX_LAG_S behind the part; the part it follows is the one with the
highest correlation, when that is high enough.

On 12 s of the generated song (three seeds; tests/dsp/test_returns.py builds the returns)
a vocal's 1.8 s reverb followed the vocal at 0.67–0.70 and no other part over 0.15; a snare
plate the snare at 0.74–0.76; a kit's 0.5 s room the snare at 0.63–0.66 (the kick 0.26); a
375 ms keys delay the keys at 0.63–0.67; a noise riser no part over 0.16.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy.ndimage import uniform_filter1d

from dsp.overlap import FRAME_S

__all__ = ["FOLLOWS", "MAX_LAG_S", "follows"]

MAX_LAG_S = 0.5
"""How far a return may trail its source: a reverb's build-up and predelay, and a delay up
to an eighth note at 60 bpm. At 0.7 s a drum return met the bass one beat later (0.37)."""
FOLLOWS = 0.45
"""The least correlation that makes a part a return's source (above: sources 0.63–0.76,
other parts at most 0.26)."""
ALIKE = 0.1
"""Parts within this of the best correlation are followed alike (a doubled vocal)."""
_SMOOTH_S = 0.2
_TREND_S = 3.0
_RANGE_DB = 60.0
_LAG_STEP = 2


def _detail(power: np.ndarray) -> np.ndarray:
    """Band levels (dB, floored 60 dB under the loudest entry), smoothed over 200 ms, less
    each band's 3 s trend."""
    db = 10.0 * np.log10(np.maximum(power, 1e-30, dtype=np.float32))
    db = np.maximum(db, db.max() - _RANGE_DB)
    smooth = uniform_filter1d(db, max(1, round(_SMOOTH_S / FRAME_S)), axis=0, mode="nearest")
    return smooth - uniform_filter1d(smooth, round(_TREND_S / FRAME_S), axis=0,
                                     mode="nearest")


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    a = a - a.mean(axis=0)
    b = b - b.mean(axis=0)
    scale = float(np.sqrt(np.sum(a * a, dtype=np.float64) * np.sum(b * b, dtype=np.float64)))
    return float(np.sum(a * b, dtype=np.float64)) / scale if scale > 0 else 0.0


def correlations(ret: np.ndarray, dry: Mapping[str, np.ndarray]) -> dict[str, float]:
    """For each dry part, the highest correlation of the return's band detail with the
    part's, the return trailing it by 0 to MAX_LAG_S. Energies as band_frames gives them."""
    mine = _detail(ret)
    out = {}
    for part, power in dry.items():
        theirs = _detail(power)
        frames = min(len(mine), len(theirs))
        lags = range(0, min(round(MAX_LAG_S / FRAME_S), frames // 2) + 1, _LAG_STEP)
        out[part] = max((_correlation(mine[lag:frames], theirs[:frames - lag]) for lag in lags),
                        default=0.0)
    return out


def follows(ret: np.ndarray, dry: Mapping[str, np.ndarray]) -> tuple[str, ...]:
    """The dry parts a return follows: the best-correlated part when it reaches FOLLOWS,
    with any part within ALIKE of it; empty when it follows none."""
    found = correlations(ret, dry)
    best = max(found.values(), default=0.0)
    if best < FOLLOWS:
        return ()
    return tuple(part for part, r in sorted(found.items(), key=lambda kv: -kv[1])
                 if r >= best - ALIKE)
