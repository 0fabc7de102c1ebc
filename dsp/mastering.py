"""Mastering: tone, loudness to a target and a true-peak-safe ceiling.

The master is band-limited to 0.9 of Nyquist first (dsp.filters.band_limit): above that,
the long 16x filter, ideal (FFT) interpolation and BS.1770's 4x filter read white noise up
to 24 kHz up to 0.6 dB apart, and a master limited by one of them was over the ceiling by
another. Below it, the precise figure agrees with ideal interpolation to 0.01 dB. What the
band limit takes off the mix's loudness is measured, and said when it is more than a
trace (see _BAND_LIMIT_LOSS_LU).

pedalboard's Limiter adds its threshold back as make-up gain and peaks near
0 dBFS whatever the threshold (FIELD-NOTES), so the ceiling here comes from our
own look-ahead limiter driven by the 4x-oversampled peak envelope. Peaks scale
with gain, so the envelope is computed once and each loudness iteration only
recomputes the gain curve and the loudness.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from scipy import ndimage

from dsp.analysis import BANDS, band_share_db, spectrum
from dsp.errors import Cancelled, DspError
from dsp.filters import (
    apply_sos,
    band_limit,
    band_limit_hz,
    bell,
    high_pass,
    high_shelf,
    low_shelf,
    one_pole,
)
from dsp.meter import (
    SCREEN_DB,
    Loudness,
    hop_frames,
    integrated_from_hops,
    integrated_lufs,
    k_weight,
    measure_loudness,
    oversampled_peaks,
    power_sums,
    precise_peaks,
    true_peaks,
)
from dsp.targets import MasterTarget
from dsp.threads import thread_pool
from dsp.writing import MASTER_BIT_DEPTH, on_pcm_grid

__all__ = [
    "STYLES",
    "MasterResult",
    "MasterSettings",
    "master",
    "style_tone_moves",
]

Progress = Callable[[str, float], None]

STYLES = ("balanced", "warm", "bright", "punchy")
_TOLERANCE_LU = 0.1
_MAX_ITERATIONS = 8
_MAX_RENDERS = 3
_MAX_BLOCK = 32
_MAX_LIMITING_DB = 9.0
"""Past this much limiting on the loud passages, drums and transients audibly flatten."""
_LOOKAHEAD_S = 0.003
_HOLD_S = 0.010
_RELEASE_S = 0.120
_MARGIN_DB = 0.1
"""The limiter holds the precise true peak here under the ceiling: -1.10 dBTP, which is
-1.1 to the shown precision whichever meter rounds it (at 0.15 it sat on the rounding
edge, and the same master read -1.1 in one place and -1.2 in another)."""
_BAND_LIMIT_LOSS_LU = 1.0
"""The band limit taking this much off the mix's loudness removed part of what the mix is
made of, and the master says so. Music loses hundredths of an LU there (the synth song
0.01), white noise up to Nyquist 0.46 LU at 44.1 and 48 kHz; a mix that lives above the
limit (a tone at 0.49 of the sample rate) loses nearly all of it, which had been blamed
on limiting."""




@dataclass(frozen=True)
class MasterSettings:
    target: MasterTarget
    style: str = "balanced"

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise DspError(f"unknown style {self.style!r} — use one of {', '.join(STYLES)}")


@dataclass(frozen=True, eq=False)
class MasterResult:
    samples: np.ndarray
    """On the 24-bit grid of master.wav (see dsp.writing.on_pcm_grid)."""
    sample_rate: int
    before: Loudness
    """The input's loudness; its true peak is not measured (NaN unless the caller gave it)."""
    after: Loudness
    """Measured on `samples`, both true peaks included."""
    gain_db: float
    max_reduction_db: float
    warnings: tuple[str, ...]
    target: MasterTarget
    tone_moves: tuple[str, ...] = ()


def _edge_sections(sample_rate: int) -> tuple[list[np.ndarray], list[str]]:
    """What every master gets, whatever its style: nothing below hearing, and nothing in
    the top tenth of the band, where true-peak meters disagree (dsp.filters.band_limit)."""
    return ([high_pass(25.0, sample_rate), band_limit(sample_rate)],
            ["high-pass at 25 Hz to clear inaudible rumble",
             f"low-pass at {band_limit_hz(sample_rate) / 1000:.1f} kHz, as a converter's "
             "anti-alias filter does, so that every true-peak meter reads the same peak"])


def _band_limited_lufs(samples: np.ndarray, sample_rate: int, given_lufs: float,
                       edged_lufs: float) -> float | None:
    """The mix's loudness without its content above the band limit, when the band limit
    takes _BAND_LIMIT_LOSS_LU or more off it; else None.

    `edged_lufs` (the mix through _edge_sections) is measured anyway: only when it has lost
    that much is the band limit measured on its own, so that a loss below 25 Hz is not
    put on it."""
    top_khz = band_limit_hz(sample_rate) / 1000
    if edged_lufs == float("-inf"):
        raise DspError(
            f"nothing in the mix is between 25 Hz and {top_khz:.1f} kHz, the band a master "
            f"keeps: without what lies outside it, the mix (at {given_lufs:.1f} LUFS) is "
            "silent, so there is nothing to master — check that this is the right file")
    if given_lufs - edged_lufs < _BAND_LIMIT_LOSS_LU:
        return None
    limited_lufs = integrated_lufs(apply_sos(samples, band_limit(sample_rate)), sample_rate)
    return limited_lufs if given_lufs - limited_lufs >= _BAND_LIMIT_LOSS_LU else None


def _level_warnings(given_lufs: float, limited_lufs: float | None, top_khz: float,
                    achieved_lufs: float, target_lufs: float, held_back: bool) -> list[str]:
    """Why the master is not simply the mix made louder: content removed above the band
    limit (`limited_lufs`, see _band_limited_lufs), or loudness held back by the limiting
    cap. When the band limit removed content, that is the cause named, not limiting."""
    stopped = f"stopped at {achieved_lufs:.1f} LUFS instead of {target_lufs:g}"
    if limited_lufs is not None:
        said = (f"the mix's content above {top_khz:.1f} kHz, the master's band limit, was "
                f"removed: the mix measures {given_lufs:.1f} LUFS, and {limited_lufs:.1f} "
                "LUFS without it")
        if held_back:
            said += (f"; what was left {stopped}, as more would need over "
                     f"{_MAX_LIMITING_DB:g} dB of limiting")
        return [said]
    if held_back:
        return [f"{stopped}: getting there needs more than {_MAX_LIMITING_DB:g} dB of "
                "limiting on the loud parts, which would flatten the drums; a louder master "
                "needs a mix with controlled peaks (tame the kick, snare and low end first)"]
    return []


def _style_sections(style: str, sample_rate: int) -> tuple[list[np.ndarray], list[str]]:
    sections: list[np.ndarray] = []
    words: list[str] = []
    if style == "warm":
        sections += [low_shelf(180.0, 1.5, sample_rate), high_shelf(7000.0, -1.5, sample_rate)]
        words += ["low shelf +1.5 dB at 180 Hz", "high shelf -1.5 dB at 7 kHz"]
    elif style == "bright":
        sections += [high_shelf(8000.0, 2.0, sample_rate), low_shelf(150.0, -0.5, sample_rate)]
        words += ["high shelf +2 dB at 8 kHz (air)", "low shelf -0.5 dB at 150 Hz"]
    elif style == "punchy":
        sections += [bell(70.0, 1.0, 1.0, sample_rate), bell(3000.0, 0.8, 0.9, sample_rate)]
        words += ["+1 dB at 70 Hz (kick weight)", "+0.8 dB at 3 kHz (attack)"]
    return sections, words


def style_tone_moves(style: str) -> tuple[str, ...]:
    """What a style does to the master's tone, in the words the report uses."""
    return tuple(_style_sections(style, 48000)[1])


_REFERENCE_CURVE = {
    "sub": ("low_shelf", 60.0), "low": ("bell", 100.0), "low_mid": ("bell", 250.0),
    "mid": ("bell", 900.0), "presence": ("bell", 4000.0), "air": ("high_shelf", 10000.0),
}
_MAX_REFERENCE_DB = 4.0


def _reference_sections(samples: np.ndarray, reference: np.ndarray, sample_rate: int,
                        reference_rate: int) -> tuple[list[np.ndarray], list[str]]:
    """EQ toward the reference's broad band balance, at most ±4 dB and half the gap per band."""
    mine = band_share_db(*spectrum(samples, sample_rate))
    theirs = band_share_db(*spectrum(reference, reference_rate))
    sections, words = [], []
    for band in BANDS:
        gap = float(np.clip((theirs[band] - mine[band]) * 0.5, -_MAX_REFERENCE_DB,
                            _MAX_REFERENCE_DB))
        if abs(gap) < 0.5:
            continue
        kind, freq = _REFERENCE_CURVE[band]
        if kind == "low_shelf":
            sections.append(low_shelf(freq, gap, sample_rate))
        elif kind == "high_shelf":
            sections.append(high_shelf(freq, gap, sample_rate))
        else:
            sections.append(bell(freq, gap, 0.9, sample_rate))
        words.append(f"{gap:+.1f} dB around {freq:g} Hz toward the reference")
    return sections, words


def _punch(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    import pedalboard

    rms_db = 10 * np.log10(np.mean(np.square(samples)) + 1e-12)
    comp = pedalboard.Compressor(threshold_db=float(rms_db + 4.0), ratio=1.8,
                                 attack_ms=30.0, release_ms=150.0)
    return comp.process(np.ascontiguousarray(samples, dtype=np.float32), sample_rate)


def limiter_gain(envelope: np.ndarray, ceiling: float, sample_rate: int) -> np.ndarray:
    """Gain curve that keeps envelope * gain <= ceiling at every sample, with smooth edges.

    A forward minimum over look-ahead + hold followed by a backward moving average of
    the look-ahead length never exceeds the required gain (every averaged value comes
    from a window that contains the sample). A one-pole release, combined with a
    minimum, slows the recovery without ever rising above the fast curve.
    """
    lookahead = max(int(_LOOKAHEAD_S * sample_rate), 1)
    hold = int(_HOLD_S * sample_rate)
    required = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-12)).astype(np.float32)
    if required.min() >= 1.0:
        return required
    size = lookahead + hold + 1
    fast = ndimage.minimum_filter1d(required, size=size, origin=-(size // 2) + hold,
                                    mode="nearest")
    padded = np.concatenate((np.full(lookahead + 1, fast[0], dtype=np.float64), fast))
    running = np.cumsum(padded)
    fast = ((running[lookahead + 1:] - running[:-lookahead - 1]) / (lookahead + 1)).astype(
        np.float32)
    coeff = np.exp(-1.0 / (_RELEASE_S * sample_rate))
    slow = one_pole(fast - np.float32(1.0), coeff, initial=float(fast[0]) - 1.0) + 1.0
    return np.minimum(fast, slow.astype(np.float32))


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("mastering cancelled — nothing was written")


def master(
    samples: np.ndarray,
    sample_rate: int,
    settings: MasterSettings,
    *,
    reference: tuple[np.ndarray, int] | None = None,
    measured: Loudness | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> MasterResult:
    """Tone → gain → look-ahead true-peak limiter, iterated until loudness is on target.

    The search runs on a coarse copy of the song (see _LoudnessModel): a few milliseconds
    per try instead of a pass over the audio. Only the final gain is rendered at full
    rate and measured exactly; if that misses by more than the tolerance, the model is
    corrected by the miss and the search repeats. `measured` is the input's loudness
    when the caller already has it; the input's true peak is not needed, and not measured.

    The result is rounded to the 24-bit grid master.wav is written on, and every figure in
    `after` is measured on those samples: they are the file's, bit for bit.
    """
    report = progress or (lambda stage, fraction: None)
    samples = np.asarray(samples, dtype=np.float32)
    before = measure_loudness(samples, sample_rate, true_peak=False) if measured is None \
        else measured
    if before.integrated_lufs == float("-inf"):
        raise DspError("the mix is silent — there is nothing to master")
    report("tone", 0.05)
    edge_sections, tone_words = _edge_sections(sample_rate)
    sections, style_words = _style_sections(settings.style, sample_rate)
    tone_words += style_words
    if reference is not None:
        ref_sections, ref_words = _reference_sections(samples, reference[0], sample_rate,
                                                      reference[1])
        sections += ref_sections
        tone_words += ref_words
    edged = apply_sos(samples, *edge_sections)
    toned = apply_sos(edged, *sections)   # bit for bit one cascade of both
    # with no style or reference, the loudness model below measures the edged mix
    edged_lufs = None if toned is edged else integrated_lufs(edged, sample_rate)
    del edged
    if settings.style == "punchy":
        toned = _punch(toned, sample_rate)
    _check(cancel)
    report("peaks", 0.2)
    target = settings.target
    model = _LoudnessModel(toned, sample_rate,
                           ceiling=10.0 ** ((target.ceiling_dbtp - _MARGIN_DB) / 20.0))
    toned_lufs = model.lufs(0.0, None)
    limited_lufs = _band_limited_lufs(samples, sample_rate, before.integrated_lufs,
                                      toned_lufs if edged_lufs is None else edged_lufs)
    gain_db = target.lufs - toned_lufs
    model_error_lu = 0.0
    for attempt in range(_MAX_RENDERS):
        _check(cancel)
        report("loudness", 0.3 + 0.5 * attempt / _MAX_RENDERS)
        gain_db, curve, held_back = _search_gain(model, gain_db, target.lufs + model_error_lu)
        while model.refine(toned, gain_db, curve):
            gain_db, curve, held_back = _search_gain(model, gain_db,
                                                     target.lufs + model_error_lu)
        result = on_pcm_grid(model.render(toned, gain_db, curve), MASTER_BIT_DEPTH)
        with thread_pool(1) as pool:
            peak = pool.submit(true_peaks, result)
            achieved = measure_loudness(result, sample_rate, true_peak=False)
        miss = target.lufs - achieved.integrated_lufs
        if held_back or abs(miss) <= _TOLERANCE_LU:
            break
        model_error_lu += miss
        gain_db += miss
    warnings = _level_warnings(before.integrated_lufs, limited_lufs,
                               band_limit_hz(sample_rate) / 1000, achieved.integrated_lufs,
                               target.lufs, held_back)
    report("ceiling", 0.9)
    peaks = peak.result()
    after = replace(achieved, true_peak_dbtp=peaks.standard_dbtp,
                    precise_peak_dbtp=peaks.precise_dbtp)
    result, after, trim_db = _enforce_ceiling(result, after, sample_rate,
                                               target.ceiling_dbtp)
    report("done", 1.0)
    return MasterResult(
        samples=result, sample_rate=sample_rate, before=before,
        after=after, gain_db=float(gain_db + trim_db),
        max_reduction_db=float(-20 * np.log10(max(float(curve.min()), 1e-6))),
        warnings=tuple(warnings), target=target, tone_moves=tuple(tone_words),
    )


class _LoudnessModel:
    """The toned mix reduced to what the gain search needs, in blocks of ~0.7 ms:
    K-weighted power per block and the true-peak envelope's maximum per block.

    The limiter runs at block rate; its curve is drawn as straight lines between block
    starts, and each block's envelope also covers the block before it, so the lines
    never rise above the gain a sample needs. Loudness is estimated as block power times
    the squared gain (the K-filter is linear and the gain moves slowly next to it); the
    caller checks the estimate against an exact measurement of the render.
    """

    def __init__(self, toned: np.ndarray, sample_rate: int, *, ceiling: float) -> None:
        self.sample_rate = sample_rate
        self.ceiling = ceiling
        hop = hop_frames(sample_rate)
        self.block = max(d for d in range(1, _MAX_BLOCK + 1) if hop % d == 0)
        self.blocks_per_hop = hop // self.block
        self.frames = toned.shape[1]
        with thread_pool(1) as pool:
            weighted = pool.submit(k_weight, toned, sample_rate)
            envelope = oversampled_peaks(toned)
            power = power_sums(weighted.result(), self.block)
        hops = len(power) // self.blocks_per_hop
        self.power = power[:hops * self.blocks_per_hop]
        count = -(-self.frames // self.block)
        padded = np.zeros(count * self.block, np.float32)
        padded[:self.frames] = envelope
        peaks = padded.reshape(count, self.block).max(axis=1)
        peaks[1:] = np.maximum(peaks[1:], peaks[:-1])
        self.peaks = peaks
        self.refined = np.zeros(count, bool)

    def refine(self, toned: np.ndarray, gain_db: float, curve: np.ndarray) -> bool:
        """Re-measure precisely (see dsp.meter.true_peaks) every block that `curve` brings
        within SCREEN_DB of the ceiling and that is not refined yet, and raise its peak to
        what the long filter finds. True when any block's peak rose: the curve must be
        searched again, since the 4x envelope under-reads clicks by up to ~0.6 dB."""
        level = self.peaks[:len(curve)] * curve * np.float32(10.0 ** (gain_db / 20.0))
        near = (level >= self.ceiling * 10.0 ** (-SCREEN_DB / 20.0)) & ~self.refined[:len(curve)]
        blocks = np.flatnonzero(near)
        if blocks.size == 0:
            return False
        self.refined[blocks] = True
        starts = np.unique(np.concatenate((blocks, np.maximum(blocks - 1, 0)))) * self.block
        where = (starts[:, None] + np.arange(self.block)).ravel()
        where = where[where < self.frames]
        values = precise_peaks(toned, where)
        own = np.zeros_like(self.peaks)
        np.maximum.at(own, where // self.block, values)
        raised = np.maximum(own, np.concatenate(([0.0], own[:-1])).astype(np.float32))
        rose = bool((raised > self.peaks).any())
        np.maximum(self.peaks, raised, out=self.peaks)
        return rose

    def curve(self, gain_db: float) -> np.ndarray:
        return limiter_gain(self.peaks * np.float32(10.0 ** (gain_db / 20.0)), self.ceiling,
                            self.sample_rate / self.block)

    def lufs(self, gain_db: float, curve: np.ndarray | None) -> float:
        power = self.power * 10.0 ** (gain_db / 10.0)
        if curve is not None:
            power = power * np.square(curve[:len(power)], dtype=np.float64)
        hops = power.reshape(-1, self.blocks_per_hop).sum(axis=1)
        return integrated_from_hops(hops, self.sample_rate)

    def render(self, toned: np.ndarray, gain_db: float, curve: np.ndarray) -> np.ndarray:
        """toned * gain * curve, the curve drawn linearly between block starts."""
        ramp = np.arange(self.block, dtype=np.float32) / np.float32(self.block)
        knots = np.append(curve, curve[-1]) * np.float32(10.0 ** (gain_db / 20.0))
        full = (knots[:-1, None] + np.diff(knots)[:, None] * ramp).reshape(-1)
        return toned * full[:self.frames]


def _search_gain(model: _LoudnessModel, gain_db: float,
                 target_lufs: float) -> tuple[float, np.ndarray, bool]:
    """The gain whose limited result the model puts on target, its curve, and whether the
    gain was held back because reaching the target would need more than
    _MAX_LIMITING_DB of limiting on the loud passages."""
    for _ in range(_MAX_ITERATIONS):
        curve = model.curve(gain_db)
        heavy = float(-20 * np.log10(max(float(np.percentile(curve, 0.5)), 1e-6)))
        if heavy > _MAX_LIMITING_DB:
            gain_db -= heavy - _MAX_LIMITING_DB
            return gain_db, model.curve(gain_db), True
        error = target_lufs - model.lufs(gain_db, curve)
        if abs(error) <= _TOLERANCE_LU / 4:
            break
        gain_db += error
    return gain_db, curve, False


def _enforce_ceiling(samples: np.ndarray, measured: Loudness, sample_rate: int,
                     ceiling_dbtp: float) -> tuple[np.ndarray, Loudness, float]:
    """Last guard: the gain curve is smooth but not band-limited, so trim by what the
    higher of the two measured true peaks overshoots.

    Returns the samples (on the 24-bit grid), their measured figures and the trim in dB
    (0 or negative)."""
    limit_dbtp = ceiling_dbtp - 0.02
    highest = max(measured.true_peak_dbtp, measured.precise_peak_dbtp)
    if highest <= limit_dbtp:
        return samples, measured, 0.0
    trim_db = limit_dbtp - highest
    samples = on_pcm_grid(samples * np.float32(10.0 ** (trim_db / 20.0)), MASTER_BIT_DEPTH)
    return samples, measure_loudness(samples, sample_rate), trim_db
