"""Benchmark: each fault class injected into generated songs, fixed from a plain complaint,
measured before, after and against the unbroken song by independent means (pyloudnorm,
plain FFT band energies, peak-to-RMS), and every master's loudness by pyloudnorm and its
true peak by BS.1770 and precisely (16x, long filter; --fft adds band-limited FFT
interpolation at 16x, slow).

With --diagnose: no complaint and no fix; each broken song (and each clean one) goes
through `dsp.diagnosis.diagnose`, on the generated songs and, when fluidsynth is installed,
on sampled arrangements (bench/sampled.py: General MIDI drums and parts from each of
SOUNDFONTS below that is installed, an espeak-ng lead, 48 kHz, three bass/keys/guitar
program sets), and the table says whether the injected fault was found and at what
severity, what was found on the clean songs, and which other findings the broken songs got
at normal or strong severity (a fault's side effects, or false findings). --held-out
diagnoses sampled arrangements of other programs instead (HELD_OUT below).

Run by hand:  .venv/bin/python bench/bench_faults.py [--fft] [--diagnose [--held-out]]
[fault words...]
(figures go into the README; words pick fault classes, e.g. "reverb crushed")
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "support"), str(ROOT / "bench")]
"""This checkout's dsp (not whichever one the environment has installed), the test fault
helpers and bench/sampled.py."""
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


def loudness(x: np.ndarray, rate: int = RATE) -> float:
    import pyloudnorm

    return pyloudnorm.Meter(rate).integrated_loudness(x.T.astype(np.float64))


def vs_rest(parts: dict[str, np.ndarray], members: tuple[str, ...], rate: int = RATE) -> float:
    part = sum(parts[r] for r in members)
    rest = sum(x for r, x in parts.items() if r not in members)
    return loudness(part, rate) - loudness(rest, rate)


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


def sub_only(x: np.ndarray, rate: int = RATE) -> np.ndarray:
    """A bass cut down to its sub: everything over 90 Hz filtered away (8th order), the
    way a sine 808 or an over-filtered bass sounds, then set back to its level."""
    from dsp.filters import apply_sos, low_pass

    low = apply_sos(x, low_pass(90.0, rate, order=8), zero_phase=True)
    return (low * np.sqrt(np.mean(x**2) / np.mean(low**2))).astype(np.float32)


FAULTS = {
    # name: (complaint, break(song) -> broken, measure(parts) -> value, unit); generated
    # songs at 44.1 kHz (the --diagnose mode breaks songs at any rate with BREAKS below)
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
    "sub-only bass (low-passed at 90 Hz)": (
        ("bass", "mono_collapse"), lambda s: {**s, "bass": sub_only(s["bass"])},
        lambda p: band_share_db(p["bass"], 200, RATE / 2), "bass share above 200 Hz, dB"),
    "crushed drums (20:1, 0.1 ms, -6 dB)": (
        ("drums", "weak"), lambda s: {**s, **{r: gain(squash(s[r]), -6) for r in DRUMS}},
        lambda p: crest_db(sum(p[r] for r in DRUMS)), "drum-sum crest factor, dB"),
    "reverb return +10 dB": (
        ("mix", "too_much_reverb"), lambda s: {**s, "fx": gain(s["fx"], 10)},
        lambda p: vs_rest(p, ("fx",)), "fx vs rest, LU (pyloudnorm)"),
}


MUDDY_PARTS = ("bass", "keys", "guitars")
BREAKS = {
    # name: (break(song, rate) -> broken, the findings (layer, problem) that name it)
    "buried vocal (-9 dB)": (
        lambda s, r: {**s, "vocal": gain(s["vocal"], -9)}, {("vocal", "too_quiet")}),
    "muddy parts (+7 dB @ 250 Hz)": (
        lambda s, r: {**s, **{p: boost(s[p], 250, 7, r) for p in MUDDY_PARTS if p in s}},
        {(p, "muddy") for p in ("mix", *MUDDY_PARTS)}),
    "harsh hats (+8 dB @ 5 kHz)": (
        lambda s, r: {**s, "cymbals": boost(s["cymbals"], 5000, 8, r)},
        {("cymbals", "harsh")}),
    "harsh hats inside a drums stem": (
        lambda s, r: {**{p: x for p, x in s.items() if p not in DRUMS},
                      "drums": s["kick"] + s["snare"] + boost(s["cymbals"], 5000, 8, r)},
        {("cymbals", "harsh"), ("drums", "harsh")}),
    "anti-phase keys": (
        lambda s, r: {**s, "keys": fake_stereo(s["keys"])},
        {("keys", "mono_collapse"), ("mix", "mono_collapse")}),
    "sub-only bass (low-passed at 90 Hz)": (
        lambda s, r: {**s, "bass": sub_only(s["bass"], r)}, {("bass", "mono_collapse")}),
    "crushed drums (20:1, 0.1 ms, -6 dB)": (
        lambda s, r: {**s, **{p: gain(squash(s[p], r), -6) for p in DRUMS}},
        {(p, q) for p in (*DRUMS, "drums", "mix") for q in ("over_compressed", "weak")}),
    "reverb return +10 dB": (
        lambda s, r: {**s, "fx": gain(s["fx"], 10)}, {("fx", "too_much_reverb")}),
}
ARRANGEMENTS = ((33, 0, 29), (34, 4, 27), (35, 89, 25))
"""GM programs (bass, keys, guitars) of the sampled songs: fingered bass, piano and
overdriven guitar; picked bass, e-piano and clean guitar; fretless bass, pad and steel
acoustic."""
HELD_OUT = ((38, 16, 24), (32, 48, 30), (36, 5, 25))
"""Arrangements no typical range was calibrated on as a whole (--held-out): synth bass,
organ and nylon guitar; acoustic bass, strings and distortion guitar; slap bass, FM
e-piano and steel guitar."""


def songs(arrangements: tuple[tuple[int, int, int], ...] = ARRANGEMENTS
          ) -> list[tuple[str, dict[str, np.ndarray], int]]:
    """(label, parts with a reverb return, rate): the generated songs and, when fluidsynth
    is installed, the sampled arrangements."""
    from dsp.synth import make_song

    out = []
    for seed in SEEDS:
        song = make_song(duration_s=DURATION_S, sample_rate=RATE, seed=seed)
        out.append((f"generated {seed}", {**song, "fx": reverb_return(song)}, RATE))
    import sampled

    if not sampled.available():
        return out
    import tempfile

    for font in SOUNDFONTS:
        if not sampled.SOUNDFONTS[font].exists():
            continue
        with tempfile.TemporaryDirectory() as tmp:
            base = sampled.build(Path(tmp), DURATION_S, sampled.SOUNDFONTS[font])
        for programs in arrangements:
            parts = _sampled_parts(sampled, programs, sampled.SOUNDFONTS[font])
            song = _balanced({**base, **parts}, sampled.RATE)
            song["fx"] = reverb_return(song, sampled.RATE)
            out.append((f"{font} {'/'.join(map(str, programs))}", song, sampled.RATE))
    return out


SOUNDFONTS = ("FluidR3", "TimGM6mb", "MuseScore")
"""The sampled songs' sources (bench/sampled.py): two independent General MIDI sample sets
and MuseScore General, rebuilt from FluidR3's samples (csound's bank is left out: it shares
most of TimGM6mb's samples)."""


def _sampled_parts(sampled, programs: tuple[int, int, int], soundfont: Path
                   ) -> dict[str, np.ndarray]:
    """Bass, keys and a strummed guitar rendered by fluidsynth with the given programs; the
    guitar 6 dB under the keys' render level."""
    frames = int(DURATION_S * sampled.RATE)
    bars = int(DURATION_S / (4 * 60 / sampled.BPM)) + 1
    parts = sampled._parts(bars)
    bar, step = 4 * sampled.TICKS, sampled.TICKS // 4
    shapes = ((45, 52, 57, 60), (41, 48, 53, 57), (48, 55, 60, 64), (43, 50, 55, 59))
    strums = [(b * bar + s * step, 2 * step, n, 90) for b in range(bars)
              for s in range(0, 16, 2) for n in shapes[b % 4]]
    notes = {"bass": (parts["bass"][0], 0, programs[0]), "keys": (parts["keys"][0], 1, programs[1]),
             "guitars": (strums, 2, programs[2])}
    out = {role: sampled.render(events, channel, program, frames, soundfont)
           for role, (events, channel, program) in notes.items()}
    out["guitars"] = gain(out["guitars"], -6)
    return out


BALANCE_LU = {"kick": -6.0, "snare": -6.0, "cymbals": -14.0, "bass": -6.0, "keys": -8.0,
              "guitars": -6.0, "vocal": 1.0}
"""Where the sampled parts are set against the rest (pyloudnorm, whole song): a balanced
mix, so that its clean version is a fair test of false findings."""


def _balanced(song: dict[str, np.ndarray], rate: int) -> dict[str, np.ndarray]:
    song = dict(song)
    for _ in range(3):
        for role, target in BALANCE_LU.items():
            song[role] = gain(song[role], target - vs_rest(song, (role,), rate))
    return song


def diagnose_all(words: list[str], arrangements: tuple[tuple[int, int, int], ...]) -> None:
    from dsp.diagnosis import diagnose
    from dsp.stem_analysis import analyse_session

    chosen = {n: f for n, f in BREAKS.items() if not words or any(w in n for w in words)}
    material = songs(arrangements)
    labels = [label for label, _, _ in material]
    print(f"{len(material)} songs x {DURATION_S:.0f} s: {', '.join(labels)}")
    print("| fault injected | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    others: dict[str, Counter] = {}
    for name, (breaker, expected) in chosen.items():
        cells = []
        for _, song, rate in material:
            findings = diagnose(analyse_session(stem_set(breaker(song, rate), rate)))
            hits = [f for f in findings if (f.layer, f.problem) in expected]
            rank = next((i for i, f in enumerate(findings) if f in hits), None)
            cells.append(f"{hits[0].severity} (#{rank + 1} of {len(findings)})" if hits
                         else f"not found ({len(findings)} others)")
            others.setdefault(name, Counter()).update(
                f"{f.layer} {f.problem.replace('_', ' ')} ({f.severity})" for f in findings
                if f not in hits and f.severity != "mild")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    cells = []
    for _, song, rate in material:
        findings = diagnose(analyse_session(stem_set(song, rate)))
        cells.append(", ".join(f"{f.layer} {f.problem.replace('_', ' ')} ({f.severity})"
                               for f in findings) or "nothing")
    print("| clean (false findings) | " + " | ".join(cells) + " |")
    print("\nother findings at normal or strong severity on the broken songs (songs):")
    for name, counts in others.items():
        print(f"- {name}: " + (", ".join(f"{what} ({n})" for what, n in counts.most_common())
                               or "none"))


def main() -> None:
    from dsp.mastering import MasterSettings
    from dsp.meter import true_peaks
    from dsp.moves import FixRequest
    from dsp.pipeline import render
    from dsp.recipes import plan_fixes
    from dsp.stem_analysis import analyse_session
    from dsp.synth import make_song
    from dsp.targets import resolve_target

    words = [w for w in sys.argv[1:] if not w.startswith("--")]
    if "--diagnose" in sys.argv:
        diagnose_all(words, HELD_OUT if "--held-out" in sys.argv else ARRANGEMENTS)
        return
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
