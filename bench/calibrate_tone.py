"""Calibration of the tone measures' typical ranges (dsp/data/reference_ranges.toml) on
sampled instruments from several General MIDI soundfonts and on dsp.synth's parts.

For each source it prints, clean and with the bench's fault injected:
- the cymbal edge (dsp.stem_analysis: 3–7 kHz over the 1–16 kHz trend where the cymbals
  ring alone) of closed hats in several kits, open hats, ride, pedal hats and a whole kit
  (kick, snare, hats in one stem), clean and with +8 dB at 5 kHz;
- the low-mid bump of single parts (150–400 Hz over the part's own 50 Hz–2 kHz trend, the
  measure dsp.diagnosis judges on the mix and on each part) for bass, keys and guitar
  programs, clean and with +7 dB at 250 Hz (the guitar programs play the keys' chords),
  then clean kick, snare and whole kit (kick, snare, closed hats) of four kits, espeak-ng
  voices, and dsp.synth's parts: each kind's clean span is its typical range (one part's
  figure moves 4.8 dB with the bump, while clean programs of one kind spread far wider,
  so a part is evidence only above every clean one of its kind).

- the share of a low part's energy above 200 Hz, where small speakers start to play
  (dsp.analysis.SMALL_SPEAKER_HZ), of bass programs and kit kicks, a sine 808 and
  dsp.synth's bass and kick: each kind's clean span is its typical range.

Needs fluidsynth and the soundfonts of bench/sampled.py (those missing are skipped).
Run by hand:  .venv/bin/python bench/calibrate_tone.py [edge] [mud] [small]
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "support"), str(ROOT / "bench")]
import sampled  # noqa: E402
from faults import boost, stem_set  # noqa: E402

from dsp.diagnosis import low_mid_excess_db  # noqa: E402
from dsp.stem_analysis import analyse_session  # noqa: E402

DURATION_S = 10.0
SEEDS = (0, 1, 2, 3, 4, 7)
KITS = {0: "standard", 8: "room", 16: "power", 24: "electronic", 25: "TR-808", 32: "jazz",
        40: "brush"}
PROGRAMS = {"bass": (32, 33, 34, 35, 36, 38, 39), "keys": (0, 1, 4, 5, 16, 48, 89),
            "guitars": (24, 25, 27, 29, 30)}


def edge(stems: dict[str, np.ndarray], role: str, rate: int) -> float:
    return analyse_session(stem_set(stems, rate)).harshness[role].excess_db


def edge_row(label: str, kit: dict[str, np.ndarray], rate: int, *, whole: bool) -> None:
    """Clean and +8 dB at 5 kHz on the hats, as a cymbals stem or inside a drums stem."""
    def measure(hats: np.ndarray) -> float:
        if whole:
            return edge({"drums": kit["kick"] + kit["snare"] + hats, "bass": kit["kick"]},
                        "drums", rate)
        return edge({"cymbals": hats}, "cymbals", rate)

    clean = measure(kit["cymbals"])
    broken = measure(boost(kit["cymbals"], 5000, 8, rate))
    print(f"  {label:<34} {clean:+6.2f} {broken:+6.2f}  (moved {broken - clean:+.2f})",
          flush=True)


def _hat_notes(bars: int, note_of) -> list[tuple[int, int, int, int]]:
    step = sampled.TICKS // 4
    return [(t, length, note_of(t // step), velocity)
            for t, length, _, velocity in sampled._parts(bars)["cymbals"][0]]


def _material() -> tuple[int, int, dict]:
    """The frames and bars of DURATION_S at the sampled rate, and the bench's MIDI parts
    that long."""
    bars = int(DURATION_S / (4 * 60 / sampled.BPM)) + 1
    return int(DURATION_S * sampled.RATE), bars, sampled._parts(bars)


def edges() -> None:
    from dsp.synth import make_song

    frames, bars, parts = _material()
    print("cymbal edge, dB: clean, +8 dB at 5 kHz on the hats")
    for font, path in sampled.SOUNDFONTS.items():
        if not path.exists():
            continue
        print(font)
        kit = {r: sampled.render(*parts[r], frames, path) for r in ("kick", "snare")}
        for program, name in KITS.items():
            hats = sampled.render(_hat_notes(bars, lambda s: 42), 9, program, frames, path)
            edge_row(f"closed hats, {name} kit", {**kit, "cymbals": hats}, sampled.RATE,
                     whole=False)
        for label, note_of in (("open hats every 16th step", lambda s: 46 if s % 16 == 14
                                else 42), ("ride", lambda s: 51), ("pedal hats", lambda s: 44)):
            hats = sampled.render(_hat_notes(bars, note_of), 9, 0, frames, path)
            edge_row(label, {**kit, "cymbals": hats}, sampled.RATE, whole=False)
        kit["cymbals"] = sampled.render(*parts["cymbals"], frames, path)
        edge_row("whole kit (kick, snare, hats)", kit, sampled.RATE, whole=True)
    print("dsp.synth")
    for seed in SEEDS:
        song = make_song(duration_s=DURATION_S, seed=seed)
        edge_row(f"seed {seed}, hats", song, 44100, whole=False)
        edge_row(f"seed {seed}, whole kit", song, 44100, whole=True)


def bump(part: np.ndarray, rate: int) -> float:
    return low_mid_excess_db(analyse_session(stem_set({"keys": part}, rate)).mix)


MUD_KITS = (0, 8, 16, 32)
"""Acoustic kits (standard, room, power, jazz) whose pieces' low mids set the drums' ranges."""
VOICES = (("en+f3", 60), ("en+f2", 50), ("en+f4", 40), ("en-us+f1", 50), ("en+m1", 40),
          ("en+m3", 30), ("en+m7", 50))
"""espeak-ng voices and pitches: bench/sampled.py's lead (en+f3, 60) and six others."""
SYNTH_SONGS = ((20.0, 0), (20.0, 1), (20.0, 2), (20.0, 7), (12.0, 0))
"""dsp.synth songs: the bench's length and the tests' 12 s song (seed 0)."""


def _voice(voice: str, pitch: int) -> np.ndarray:
    import subprocess
    import tempfile

    line = "la la la the night is long and the city sings, hold on hold on we are almost home"
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "voice.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "140", "-p", str(pitch), "-w",
                        str(wav), line], check=True, capture_output=True)
        return sampled._read(wav, 8 * sampled.RATE)


def muds() -> None:
    from dsp.synth import make_song

    frames, _, parts = _material()
    print("\nlow-mid bump of single parts, dB: clean, +7 dB at 250 Hz")
    spans: dict[str, list[float]] = {}
    for font, path in sampled.SOUNDFONTS.items():
        if not path.exists():
            continue
        for role, programs in PROGRAMS.items():
            notes, channel = (parts["bass"][0], 0) if role == "bass" else (
                parts["keys"][0], 1)
            cells = []
            for program in programs:
                audio = sampled.render(notes, channel, program, frames, path)
                clean = bump(audio, sampled.RATE)
                moved = bump(boost(audio, 250, 7, sampled.RATE), sampled.RATE) - clean
                spans.setdefault(role, []).append(clean)
                cells.append(f"{program}: {clean:+.1f} ({moved:+.1f})")
            print(f"  {font:<10} {role:<8} " + ", ".join(cells), flush=True)
    for font, path in sampled.SOUNDFONTS.items():
        if not path.exists():
            continue
        for program in MUD_KITS:
            kit = {r: sampled.render(parts[r][0], 9, program, frames, path)
                   for r in ("kick", "snare", "cymbals")}
            kit["drums"] = kit["kick"] + kit["snare"] + kit["cymbals"]
            cells = {r: bump(kit[r], sampled.RATE) for r in ("kick", "snare", "drums")}
            for role, value in cells.items():
                spans.setdefault(role, []).append(value)
            print(f"  {font:<10} {KITS[program]} kit: "
                  + ", ".join(f"{r} {v:+.1f}" for r, v in cells.items()), flush=True)
    for voice, pitch in VOICES:
        value = bump(_voice(voice, pitch), sampled.RATE)
        spans.setdefault("vocal", []).append(value)
        print(f"  espeak-ng  {voice} pitch {pitch}: vocal {value:+.1f}", flush=True)
    for duration_s, seed in SYNTH_SONGS:
        song = make_song(duration_s=duration_s, seed=seed)
        song["drums"] = song["kick"] + song["snare"] + song["cymbals"]
        cells = []
        for role in ("bass", "keys", "vocal", "kick", "snare", "drums"):
            clean = bump(song[role], 44100)
            spans.setdefault(role, []).append(clean)
            moved = bump(boost(song[role], 250, 7), 44100) - clean
            cells.append(f"{role} {clean:+.1f} ({moved:+.1f})")
        print(f"  dsp.synth  {duration_s:.0f} s, seed {seed}: " + ", ".join(cells), flush=True)
    for role, values in spans.items():
        print(f"  {role}: clean parts span {min(values):+.1f}…{max(values):+.1f} dB "
              f"(median {statistics.median(values):+.1f})")


SMALL_BASSES = (32, 33, 34, 35, 36, 37, 38, 39, 87)
SMALL_KITS = (0, 8, 16, 24, 25, 32)


def small_share(part: np.ndarray, rate: int) -> float:
    from dsp.analysis import analyse_track

    return analyse_track(part, rate, true_peak=False).small_speaker_share_db


def sine_808(duration_s: float, rate: int) -> np.ndarray:
    """Decaying 41–55 Hz sines, one every half second: a sub bass with nothing above it."""
    frames = int(duration_s * rate)
    out = np.zeros(frames, np.float32)
    for k, start in enumerate(range(0, frames, rate // 2)):
        t = np.arange(min(rate // 2, frames - start)) / rate
        out[start:start + len(t)] = np.sin(2 * np.pi * (45, 55, 41, 49)[k % 4] * t) * np.exp(-3 * t)
    return np.vstack([out, out])


def smalls() -> None:
    from dsp.synth import make_song

    frames, _, parts = _material()
    print("\nshare above 200 Hz of low parts, dB")
    spans: dict[str, list[float]] = {}
    for font, path in sampled.SOUNDFONTS.items():
        if not path.exists():
            continue
        cells = {"bass": [sampled.render(parts["bass"][0], 0, p, frames, path)
                          for p in SMALL_BASSES],
                 "kick": [sampled.render(parts["kick"][0], 9, k, frames, path)
                          for k in SMALL_KITS]}
        for role, audios in cells.items():
            values = [small_share(a, sampled.RATE) for a in audios]
            spans.setdefault(role, []).extend(values)
            print(f"  {font:<10} {role:<5} " + ", ".join(f"{v:+.1f}" for v in values), flush=True)
    for role, values in spans.items():
        print(f"  {role}: clean parts span {min(values):+.1f}…{max(values):+.1f} dB")
    song = make_song(duration_s=12.0, seed=0)
    print(f"  sine 808 {small_share(sine_808(DURATION_S, sampled.RATE), sampled.RATE):+.1f}, "
          f"dsp.synth bass {small_share(song['bass'], 44100):+.1f}, "
          f"kick {small_share(song['kick'], 44100):+.1f}")


def main() -> None:
    if not sampled.available():
        sys.exit("needs fluidsynth, espeak-ng and FluidR3 GM (see bench/sampled.py)")
    words = sys.argv[1:]
    if not words or "edge" in words:
        edges()
    if not words or "mud" in words:
        muds()
    if not words or "small" in words:
        smalls()


if __name__ == "__main__":
    main()
