"""Applying moves to stems. Pure: stems in, new stems out; the originals are untouched.

Every operation keeps length, alignment and sample rate: filters that would
delay the signal run forward-backward (zero phase) or are minimum-phase EQ
with no latency, and envelopes are computed without look-ahead shifts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import ndimage

from dsp.analysis import blend_powers_above
from dsp.check import StemSet
from dsp.filters import (
    apply_sos,
    band_pass,
    bell,
    high_pass,
    high_shelf,
    low_pass,
    low_shelf,
    one_pole,
)
from dsp.moves import Move

__all__ = ["apply_move", "apply_moves", "envelope", "equaliser_sections"]


def _db(value):
    return 10.0 ** (np.asarray(value) / 20.0)


def envelope(mono: np.ndarray, rate: int, attack_ms: float, release_ms: float) -> np.ndarray:
    """Peak envelope: a running maximum over the attack time, then a one-pole release."""
    rect = np.abs(mono).astype(np.float32)
    hold = max(int(attack_ms * rate / 1000), 1)
    rect = ndimage.maximum_filter1d(rect, size=hold, origin=(hold - 1) // 2)
    coeff = float(np.exp(-1.0 / max(release_ms * rate / 1000, 1.0)))
    smooth = one_pole(rect, coeff)
    return np.maximum(smooth, rect * (1 - coeff)).astype(np.float32)


def _split_low(x: np.ndarray, rate: int, cutoff_hz: float) -> tuple[np.ndarray, np.ndarray]:
    """Zero-phase low band and its exact complement (low + high == x)."""
    low = apply_sos(x, low_pass(cutoff_hz, rate, order=4), zero_phase=True)
    return low, x - low


def _compressor(x, rate, threshold_db, ratio, attack_ms, release_ms):
    import pedalboard

    comp = pedalboard.Compressor(threshold_db=float(threshold_db), ratio=max(float(ratio), 1.0),
                                 attack_ms=float(attack_ms), release_ms=float(release_ms))
    return comp.process(np.ascontiguousarray(x, dtype=np.float32), rate, reset=True)


def _deess(x, rate, p):
    low = p["freq_hz"] / 2 ** (0.5 / max(p["q"], 0.3))
    high = min(p["freq_hz"] * 2 ** (0.5 / max(p["q"], 0.3)), 0.45 * rate)
    band = apply_sos(x, band_pass(low, high, rate), zero_phase=True)
    env = envelope(band.max(axis=0), rate, 2.0, 60.0)
    level_db = 20 * np.log10(np.maximum(env, 1e-9))
    reduction = np.clip(level_db - p["threshold_db"], 0.0, p["max_reduction_db"])
    keep = _db(-reduction).astype(np.float32)
    return x - band * (1 - keep)


_FAST_MS, _SLOW_MS = 0.5, 20.0
_LOOKAHEAD_MS = 1.0
_SPAN_DB = 6.0
"""How far the fast envelope must rise over the slow one for the full attack gain."""


def _follower(rect: np.ndarray, rate: int, ms: float) -> np.ndarray:
    return one_pole(rect, float(np.exp(-1.0 / max(ms * rate / 1000, 1.0))))


def _transient(x, rate, p):
    """A differential-envelope transient designer: where a fast follower (0.5 ms) runs
    above a slow one (20 ms) a hit is starting and gets `attack_db`; where it falls below,
    the hit is ringing out and gets `sustain_db`. The gain is read 1 ms ahead so the
    front edge itself is lifted, not the millisecond after it."""
    rect = np.abs(x).max(axis=0)
    fast, slow = _follower(rect, rate, _FAST_MS), _follower(rect, rate, _SLOW_MS)
    ratio_db = 20.0 * np.log10((fast + 1e-6) / (slow + 1e-6))
    ahead = int(_LOOKAHEAD_MS * rate / 1000)
    if ahead:
        ratio_db = np.concatenate((ratio_db[ahead:], np.full(ahead, ratio_db[-1])))
    gain_db = (p["attack_db"] * np.clip(ratio_db / _SPAN_DB, 0.0, 1.0)
               + p["sustain_db"] * np.clip(-ratio_db / _SPAN_DB, 0.0, 1.0))
    gain_db = _follower(gain_db.astype(np.float32), rate, 0.3)
    return x * _db(gain_db).astype(np.float32)


def _duck(x, rate, p, stems: StemSet):
    trigger = [s.samples for s in stems.select(str(p["trigger"]))]
    if not trigger:
        return x
    key = sum(t.mean(axis=0) for t in trigger)
    if p.get("key_hz"):   # the kick inside a kit: only the kit's low end keys the dip
        key = _split_low(key, rate, float(p["key_hz"]))[0]
    env = envelope(key, rate, p["attack_ms"], p["release_ms"])
    ref = np.percentile(env, 95) or 1.0
    amount = np.clip(env / ref, 0.0, 1.0)
    gain = _db(-p["depth_db"] * amount).astype(np.float32)
    if p.get("cutoff_hz", 0) and p["cutoff_hz"] > 0:
        low, high = _split_low(x, rate, p["cutoff_hz"])
        return low * gain + high
    return x * gain


def _expand(x, rate, p):
    env = envelope(x.max(axis=0), rate, 5.0, p["release_ms"])
    level_db = 20 * np.log10(np.maximum(env, 1e-9))
    under = np.minimum(level_db - p["threshold_db"], 0.0)
    gain_db = np.maximum(under * (p["ratio"] - 1.0), -30.0)
    return x * _db(gain_db).astype(np.float32)


def _reverb(x, rate, p):
    import pedalboard

    verb = pedalboard.Reverb(room_size=float(p["room_size"]), wet_level=1.0, dry_level=0.0,
                             width=1.0)
    wet = verb.process(np.ascontiguousarray(x, dtype=np.float32), rate, reset=True)
    delay = int(p.get("predelay_ms", 0.0) * rate / 1000)
    if delay:
        wet = np.concatenate([np.zeros((x.shape[0], delay), np.float32), wet[:, :-delay]],
                             axis=1)
    return x + wet * np.float32(_db(p["wet_db"]))


_SHAPER_DRIVE, _SHAPER_BIAS = 2.0, 0.3
"""A soft clipper driven this hard by a unit-level note makes its harmonics; the bias
makes it asymmetric, so even harmonics come with the odd ones."""
_MOST_HARMONICS_DB = -6.0
"""The added harmonics never come within this much of the part's own level."""


def _harmonics(x, rate, p):
    """Upper harmonics of the part's own low end, so a small speaker that can't play the
    fundamental still carries the note (the ear hears the missing fundamental from its
    harmonics). The mid signal's band under `split_hz`, divided by its envelope, goes through a soft
    clipper at the same drive whatever the note's level, is scaled back by the envelope and
    high-passed at `split_hz`; the low end itself is left as it was. The harmonics are added
    at the level that lifts the file's share of energy above `above_hz` (its mid signal's
    averaged spectrum, as the analysis measures it) by `lift_db`, never within
    _MOST_HARMONICS_DB of the file's own level."""
    split, above = float(p["split_hz"]), float(p["above_hz"])
    low = apply_sos(x.mean(axis=0, keepdims=True), low_pass(split, rate, order=4),
                    zero_phase=True)
    env = envelope(np.abs(low[0]), rate, 2.0, 1000.0 / split)
    floor = np.float32(max(float(env.max()), 1e-9) * 1e-3)
    unit = low / np.maximum(env, floor)
    shaped = (np.tanh(_SHAPER_DRIVE * unit + _SHAPER_BIAS) - np.float32(np.tanh(_SHAPER_BIAS)))
    added = apply_sos((shaped * env).astype(np.float32), high_pass(split, rate, order=4),
                      zero_phase=True)   # from the mid, the same in every channel
    # Band powers of averaged segment spectra are quadratic in the signal: those of x, of
    # the harmonics and their cross term give x + g * harmonics for every g.
    (above_x, all_x), (cross_above, cross_all), (above_h, all_h) = blend_powers_above(
        x, added, rate, above)
    if all_x <= 0 or all_h <= 0:
        return x
    share = above_x / all_x * 10.0 ** (float(p["lift_db"]) / 10.0)
    # the share of x + g h: above_x + 2g cross_above + g^2 above_h = share * (the same of all)
    quad = above_h - share * all_h
    lin = 2.0 * (cross_above - share * cross_all)
    const = above_x - share * all_x
    if const >= 0:
        return x
    if quad > 0:
        g = (-lin + np.sqrt(max(lin * lin - 4.0 * quad * const, 0.0))) / (2.0 * quad)
    else:
        g = np.inf
    most = np.sqrt(all_x / all_h) * 10.0 ** (_MOST_HARMONICS_DB / 20.0)
    return x + added * np.float32(min(g, most))


def _same_level(processed: np.ndarray, original: np.ndarray) -> np.ndarray:
    """Shape moves (transients, parallel compression) keep the level; gain moves set it."""
    before = float(np.sqrt(np.mean(np.square(original, dtype=np.float64))))
    after = float(np.sqrt(np.mean(np.square(processed, dtype=np.float64))))
    return processed * np.float32(before / after) if after > 0 else processed


def _width(x, side_gain_db):
    mid = (x[0] + x[1]) / 2
    side = (x[0] - x[1]) / 2 * np.float32(_db(side_gain_db))
    return np.vstack([mid + side, mid - side])


def equaliser_sections(move: Move, rate: int) -> np.ndarray | None:
    """The filter a static EQ move is (second-order sections), or None for any other move."""
    p = move.params
    if move.op == "high_pass":
        return high_pass(p["cutoff_hz"], rate)
    if move.op == "low_shelf":
        return low_shelf(p["cutoff_hz"], p["gain_db"], rate)
    if move.op == "high_shelf":
        return high_shelf(p["cutoff_hz"], p["gain_db"], rate)
    if move.op == "bell":
        return bell(p["freq_hz"], p["gain_db"], p["q"], rate)
    return None


def apply_move(x: np.ndarray, rate: int, move: Move, stems: StemSet) -> np.ndarray:
    """One move on one (channels, frames) array."""
    p = move.params
    op = move.op
    if op == "gain":
        return x * np.float32(_db(p["gain_db"]))
    sections = equaliser_sections(move, rate)
    if sections is not None:
        return apply_sos(x, sections)
    if op == "deess":
        return _deess(x, rate, p)
    if op == "compress":
        out = _compressor(x, rate, p["threshold_db"], p["ratio"], p["attack_ms"],
                          p["release_ms"])
        return out * np.float32(_db(p.get("makeup_db", 0.0)))
    if op == "transient":
        return _same_level(_transient(x, rate, p), x)
    if op == "parallel_compress":
        crushed = _compressor(x, rate, p["threshold_db"], p["ratio"], 5.0, 120.0)
        return _same_level(x + crushed * np.float32(p["mix"]), x)
    if op == "duck":
        return _duck(x, rate, p, stems)
    if op == "mono_below":
        low, high = _split_low(x, rate, p["cutoff_hz"])
        return high + low.mean(axis=0, keepdims=True)
    if op == "polarity":
        return -x
    if op == "phase_repair":
        if p.get("mode") == "mid_only":
            return np.repeat(x.mean(axis=0, keepdims=True), 2, axis=0)
        return np.vstack([x[0], -x[1]])
    if op == "width":
        return _width(x, p["side_gain_db"])
    if op == "reverb_send":
        return _reverb(x, rate, p)
    if op == "expand":
        return _expand(x, rate, p)
    if op == "harmonics":
        return _harmonics(x, rate, p)
    if op == "saturate":
        drive = float(_db(p["drive_db"]))
        wet = np.tanh(x * drive) / drive
        return (1 - p["mix"]) * x + p["mix"] * wet
    raise ValueError(f"unknown operation {op!r}")


_STEREO_OPS = ("width", "phase_repair")
"""Operations that work between two channels: a mono file is first placed in both, as
it plays in the mix."""


def apply_moves(stems: StemSet, moves: Sequence[Move]) -> StemSet:
    """Moves in order on what each names (StemSet.select: every file of a part or layer,
    or one file by name); moves on the 'mix' bus are left to mix_stems. Only files a move
    touches get new arrays."""
    current = stems
    for move in moves:
        if move.stem == "mix":
            continue
        for stem in current.select(move.stem):
            x = stem.samples
            if move.op in _STEREO_OPS and x.shape[0] == 1:
                x = np.repeat(x, 2, axis=0)
            out = apply_move(x, current.sample_rate, move, current)
            current = current.with_samples(stem.name, np.ascontiguousarray(out,
                                                                          dtype=np.float32))
    return current
