"""Benchmark: each fault class injected into generated songs, fixed from a plain complaint,
measured before, after and against the unbroken song by independent means (pyloudnorm,
plain FFT band energies, peak-to-RMS), and every master's loudness by pyloudnorm and its
true peak by BS.1770 and precisely (16x, long filter; --fft adds band-limited FFT
interpolation at 16x, slow).

Run by hand:  .venv/bin/python bench/bench_faults.py [--fft] [fault words...]
(figures go into the README; words pick fault classes, e.g. "reverb crushed")
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))
from faults import (  # noqa: E402
    band_share_db,
    boost,
    crest_db,
    fake_stereo,
    gain,
    reverb_return,
    squash,
    stem_set,
)
from reference import ideal_peak_dbtp  # noqa: E402

RATE = 44100
SEEDS = (1, 2)
DURATION_S = 20.0
DRUMS = ("kick", "snare", "cymbals")


def loudness(x: np.ndarray) -> float:
    import pyloudnorm

    return pyloudnorm.Meter(RATE).integrated_loudness(x.T.astype(np.float64))


def vs_rest(parts: dict[str, np.ndarray], members: tuple[str, ...]) -> float:
    part = sum(parts[r] for r in members)
    rest = sum(x for r, x in parts.items() if r not in members)
    return loudness(part) - loudness(rest)


def band_db(x: np.ndarray, low: float, high: float) -> float:
    freqs = np.fft.rfftfreq(x.shape[1], 1 / RATE)
    power = np.abs(np.fft.rfft(x.mean(axis=0))) ** 2
    return float(10 * np.log10(power[(freqs >= low) & (freqs < high)].sum()))


def rms_db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(np.square(x, dtype=np.float64))))


def mono_loss_db(x: np.ndarray) -> float:
    mid = (x[0] + x[1]) / 2
    ratio = np.mean(mid.astype(np.float64) ** 2) / np.mean(x.astype(np.float64) ** 2)
    return float(min(-10 * np.log10(max(ratio, 1e-12)), 60.0))


FAULTS = {
    # name: (complaint, break(song) -> broken, measure(parts) -> value, unit)
    "buried vocal (-9 dB)": (
        ("vocal", "too_quiet"), lambda s: {**s, "vocal": gain(s["vocal"], -9)},
        lambda p: vs_rest(p, ("vocal",)), "vocal vs rest, LU (pyloudnorm)"),
    "muddy bass+keys (+7 dB @ 250 Hz)": (
        ("bass", "muddy"), lambda s: {**s, **{r: boost(s[r], 250, 7) for r in ("bass", "keys")}},
        lambda p: band_share_db(sum(p.values()), 150, 400), "mix 150-400 Hz share, dB"),
    "harsh hats (+8 dB @ 5 kHz)": (
        ("cymbals", "harsh"), lambda s: {**s, "cymbals": boost(s["cymbals"], 5000, 8)},
        lambda p: band_share_db(p["cymbals"], 2000, 8000), "cymbals 2-8 kHz share, dB"),
    "anti-phase keys": (
        ("mix", "mono_collapse"), lambda s: {**s, "keys": fake_stereo(s["keys"])},
        lambda p: mono_loss_db(p["keys"]), "keys mono loss, dB"),
    "crushed drums (20:1, 0.1 ms, -6 dB)": (
        ("drums", "weak"), lambda s: {**s, **{r: gain(squash(s[r]), -6) for r in DRUMS}},
        lambda p: crest_db(sum(p[r] for r in DRUMS)), "drum-sum crest factor, dB"),
    "reverb return +10 dB": (
        ("mix", "too_much_reverb"), lambda s: {**s, "fx": gain(s["fx"], 10)},
        lambda p: vs_rest(p, ("fx",)), "fx vs rest, LU (pyloudnorm)"),
}


def main() -> None:
    from dsp.mastering import MasterSettings, resolve_target
    from dsp.meter import true_peaks
    from dsp.moves import FixRequest
    from dsp.pipeline import render
    from dsp.recipes import plan_fixes
    from dsp.stem_analysis import analyse_session
    from dsp.synth import make_song

    words = [w for w in sys.argv[1:] if not w.startswith("--")]
    fft = "--fft" in sys.argv
    chosen = {n: f for n, f in FAULTS.items() if not words or any(w in n for w in words)}
    settings = MasterSettings(resolve_target("streaming"))
    masters = []
    print(f"{len(SEEDS)} generated songs x {DURATION_S:.0f} s, 44.1 kHz; medians over songs")
    print(f"{'fault':<36} {'measure':<34} {'clean':>7} {'broken':>7} {'fixed':>7}")
    for name, (complaint, breaker, measure, unit) in chosen.items():
        figures = []
        for seed in SEEDS:
            song = make_song(duration_s=DURATION_S, sample_rate=RATE, seed=seed)
            song["fx"] = reverb_return(song)
            broken = breaker(song)
            stems = stem_set(broken)
            analysis = analyse_session(stems)
            plan = plan_fixes([FixRequest(*complaint)], analysis)
            result = render(stems, plan.moves, settings, before=analysis)
            fixed = {s.name: s.samples for s in result.stems.stems}
            figures.append((measure(song), measure(broken), measure(fixed)))
            peaks = true_peaks(result.master.samples)
            masters.append((name, seed, loudness(result.master.samples), peaks.standard_dbtp,
                            peaks.precise_dbtp, ideal_peak_dbtp(result.master.samples, 16)
                            if fft else float("nan")))
        clean, broke, fixed_value = (statistics.median(f[i] for f in figures) for i in range(3))
        print(f"{name:<36} {unit:<34} {clean:7.1f} {broke:7.1f} {fixed_value:7.1f}",
              flush=True)
    print("\nmasters (streaming: -14 LUFS, -1 dBTP):")
    print(f"  loudness by pyloudnorm {min(m[2] for m in masters):.2f} … "
          f"{max(m[2] for m in masters):.2f} LUFS")
    print(f"  true peak, BS.1770 4x: {min(m[3] for m in masters):.2f} … "
          f"{max(m[3] for m in masters):.2f} dBTP")
    print(f"  true peak, precise 16x: {min(m[4] for m in masters):.2f} … "
          f"{max(m[4] for m in masters):.2f} dBTP")
    if fft:
        print(f"  true peak, FFT interpolation 16x: {min(m[5] for m in masters):.2f} … "
              f"{max(m[5] for m in masters):.2f} dBTP")


if __name__ == "__main__":
    main()
