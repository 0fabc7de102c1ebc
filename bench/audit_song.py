"""Audit material: a 3.5-minute song as a DAW export nobody has tuned on, with injected
faults of known size.

32 files, 48 kHz: 24-bit WAVs plus a FLAC and an AIFF, several files per part (Kick In/Out/
Sub, Snare Top/Bottom, OH L/R, Room, toms, Bass DI/Amp, four guitars, Piano L/R, Pad,
Rhodes, Strings, Lead Vocal/Double/Ad-libs, BGV 1-3, FX returns), with sections (a quiet
verse, a loud chorus with crash, distorted guitars, strings and backing vocals). Instruments
are General MIDI parts rendered by fluidsynth (FluidR3 GM, through bench/sampled.py),
voices by espeak-ng. Every file is first set to a plausible pop balance (pyloudnorm
integrated loudness per file, FILE_LUFS), then the faults are made (FAULTS):

- guitars 8 dB too low (all four guitar files);
- +6 dB at 250 Hz (a bell, Q 1) on the bass (DI and amp) and on the piano (L and R);
- +8 dB at 4 kHz (a bell, Q 2) on the hats;
- the vocal plate return 9 dB hotter than its normal level (a reverb-heavy vocal);
- Kick Out in reverse polarity against Kick In (a part out of phase between its mics);
- the pad's right channel in reverse polarity (it vanishes in mono).

The song goes to /tmp/audit/song (the export), /tmp/audit/clean (each faulted file as it
was before its fault, for "did the fix restore it") and /tmp/audit/faults.json.
Needs Debian's fluidsynth, fluid-soundfont-gm and espeak-ng.

Run by hand:  .venv/bin/python bench/audit_song.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
import sampled  # noqa: E402

OUT = Path("/tmp/audit")
RATE = sampled.RATE
BPM = sampled.BPM
TICKS = sampled.TICKS
BAR = 4 * TICKS
STEP = TICKS // 4
SECTIONS = (("intro", 4), ("verse", 16), ("chorus", 12), ("verse", 16), ("chorus", 12),
            ("bridge", 8), ("chorus", 12), ("outro", 4))
"""84 bars at 96 BPM: 210 s."""
LOUD = {"chorus"}
VERSE_CHORDS = ((57, 60, 64), (53, 57, 60), (48, 52, 55), (55, 59, 62))
CHORUS_CHORDS = ((53, 57, 60), (48, 52, 55), (55, 59, 62), (57, 60, 64))
ROOT_OF = {57: 33, 53: 29, 48: 36, 55: 31}

FILE_LUFS = {
    "Kick In.wav": -24, "Kick Out.wav": -26, "Kick Sub.wav": -31,
    "Snare Top.wav": -24, "Snare Bottom.wav": -33, "Hi Hat.wav": -32,
    "OH L.wav": -30, "OH R.wav": -30, "Room Mics.wav": -32, "Tom 1.wav": -34,
    "Tom 2.wav": -34, "Bass DI.wav": -24, "Bass Amp.aiff": -27, "Gtr Rhy 1.wav": -27,
    "Gtr Rhy 2.wav": -27, "Gtr Clean.wav": -29, "Gtr Lead.flac": -28, "Piano L.wav": -30,
    "Piano R.wav": -30, "Pad.wav": -32, "Rhodes.wav": -31, "Strings.wav": -31,
    "Lead Vocal.wav": -20, "Lead Dbl.wav": -30, "Adlibs.wav": -31, "BGV 1.wav": -31,
    "BGV 2.wav": -32, "BGV 3.wav": -32, "Vocal Plate.wav": -32, "Delay Throw.wav": -35,
    "Drum Verb.wav": -36, "Riser.wav": -36,
}
"""Each file's integrated loudness in the balanced song, before faults and before the whole
export is scaled (one gain for every file) to a -3 dBFS mix peak."""

GUITARS = ("Gtr Rhy 1.wav", "Gtr Rhy 2.wav", "Gtr Clean.wav", "Gtr Lead.flac")
FAULTS = {
    "guitars_low": {"files": GUITARS, "gain_db": -8.0},
    "bass_mud": {"files": ("Bass DI.wav", "Bass Amp.aiff"), "bell_hz": 250.0, "gain_db": 6.0,
                 "q": 1.0},
    "piano_mud": {"files": ("Piano L.wav", "Piano R.wav"), "bell_hz": 250.0, "gain_db": 6.0,
                  "q": 1.0},
    "hats_harsh": {"files": ("Hi Hat.wav",), "bell_hz": 4000.0, "gain_db": 8.0, "q": 2.0},
    "vocal_reverb": {"files": ("Vocal Plate.wav",), "gain_db": 9.0},
    "kick_polarity": {"files": ("Kick Out.wav",), "polarity": "reversed against Kick In"},
    "pad_mono": {"files": ("Pad.wav",), "polarity": "right channel reversed"},
}


def _bars() -> list[tuple[str, int, int]]:
    """(section, bar index within the section, bars in the section) for every bar."""
    return [(name, i, length) for name, length in SECTIONS for i in range(length)]


def _notes() -> dict[str, tuple[list, int, int]]:
    """Every MIDI part: name -> (notes, channel, program)."""
    parts: dict[str, list] = {k: [] for k in (
        "kick", "snare", "hats", "crash", "tom1", "tom2", "bass", "rhy1", "rhy2", "clean",
        "lead", "piano", "pad", "rhodes", "strings")}
    rng = np.random.default_rng(7)
    for b, (section, i, length) in enumerate(_bars()):
        t0 = b * BAR
        loud = section in LOUD
        vel = 112 if loud else 78
        chords = CHORUS_CHORDS if loud else VERSE_CHORDS
        chord = chords[b % 4]
        root = ROOT_OF[chord[0]]
        fill = i == length - 1 and section not in ("outro",)
        if section != "intro":
            for s in (0, 6, 8, 10) if loud else (0, 8, 10):
                parts["kick"].append((t0 + s * STEP, STEP, 36, vel))
            for s in (4, 12):
                parts["snare"].append((t0 + s * STEP, STEP, 38, vel - 4))
            for s in range(0, 16, 2):
                note = 46 if loud and s % 4 == 2 else 42
                parts["hats"].append((t0 + s * STEP, STEP, note, vel - 30 + 12 * (s % 4 == 0)))
        if loud and i % 4 == 0:
            parts["crash"].append((t0, BAR, 49, 100))
        if fill:
            for s, tom in ((12, "tom1"), (13, "tom1"), (14, "tom2"), (15, "tom2")):
                parts[tom].append((t0 + s * STEP, STEP, 48 if tom == "tom1" else 43, vel))
        for s, octave in ((0, 0), (6, 0), (8, 12), (10, 0)) if section != "intro" else ((0, 0),):
            parts["bass"].append((t0 + s * STEP, 2 * STEP, root + octave, vel - 8))
        if loud:
            power = (root + 12, root + 19, root + 24)
            for s in range(0, 16, 2):
                for rhy, jitter in (("rhy1", 0), ("rhy2", int(rng.integers(0, 20)))):
                    for note in power:
                        parts[rhy].append((t0 + s * STEP + jitter, 2 * STEP - 20, note, 105))
            for note in chord:
                parts["strings"].append((t0, BAR - STEP, note + 12, 90))
        if section in ("verse", "bridge", "intro"):
            for s in range(0, 16, 2):
                note = chord[(s // 2) % 3] + 12
                parts["clean"].append((t0 + s * STEP, 2 * STEP, note, 80))
            for note in chord:
                parts["rhodes"].append((t0, BAR - STEP, note, 70))
        if loud or section == "bridge":
            melody = (0, 2, 4, 7, 9, 7, 4, 2)
            for s in range(8):
                parts["lead"].append((t0 + s * 2 * STEP, 2 * STEP, 69 + melody[(s + b) % 8], 100))
        for s in (0, 8) if loud else (0,):
            for note in chord:
                parts["piano"].append((t0 + s * STEP, 8 * STEP if loud else BAR, note, vel - 10))
        for note in chord:
            parts["pad"].append((t0, BAR, note - 12, 70))
    programs = {"kick": (9, 0), "snare": (9, 0), "hats": (9, 0), "crash": (9, 0),
                "tom1": (9, 0), "tom2": (9, 0), "bass": (0, 33), "rhy1": (2, 29),
                "rhy2": (3, 30), "clean": (4, 27), "lead": (5, 30), "piano": (6, 0),
                "pad": (7, 89), "rhodes": (8, 4), "strings": (10, 48)}
    return {name: (notes, *programs[name]) for name, notes in parts.items()}


def _frames() -> int:
    return int(len(_bars()) * 4 * 60 / BPM * RATE)


def _filtered(x: np.ndarray, *sections: np.ndarray) -> np.ndarray:
    from dsp.filters import apply_sos

    return apply_sos(x, *sections).astype(np.float32)


def _voices(frames: int) -> dict[str, np.ndarray]:
    """Lead, double, ad-libs and three backing voices from espeak-ng, mono."""
    lines = ("the night is long and the city sings", "hold on hold on we are almost home",
             "every light is calling out your name", "and I will run until the morning comes")
    bar_frames = int(4 * 60 / BPM * RATE)
    out = {k: np.zeros(frames, np.float32) for k in ("lead", "dbl", "adlib", "b1", "b2", "b3")}
    with tempfile.TemporaryDirectory() as tmp:
        def say(text: str, voice: str, pitch: int, speed: int) -> np.ndarray:
            wav = Path(tmp) / "v.wav"
            subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch),
                            "-w", str(wav), text], check=True, capture_output=True)
            return sampled._read(wav, 8 * bar_frames)[0]

        def put(track: str, start: int, take: np.ndarray) -> None:
            end = min(frames, start + take.size)
            out[track][start:end] += take[: end - start]

        n = 0
        for b, (section, i, _) in enumerate(_bars()):
            start = b * bar_frames
            if section in ("verse", "chorus", "bridge") and i % 2 == 0:
                line = lines[n % len(lines)]
                n += 1
                put("lead", start, say(line, "en+f3", 55 + 10 * (section == "chorus"), 130))
                if section == "chorus":
                    put("dbl", start + 480, say(line, "en+f2", 62, 128))
            if section == "chorus" and i % 4 == 1:
                put("adlib", start + bar_frames // 2, say("yeah oh yeah", "en+m3", 70, 150))
            if section == "chorus" and i % 2 == 0:
                for track, pitch in (("b1", 40), ("b2", 55), ("b3", 70)):
                    put(track, start, say("ooooh aaaah ooooh", "en+f4", pitch, 70))
    return out


def _riser(frames: int) -> np.ndarray:
    """A noise sweep over the bar before each chorus."""
    rng = np.random.default_rng(3)
    out = np.zeros(frames, np.float32)
    bar_frames = int(4 * 60 / BPM * RATE)
    from scipy import signal

    for b, (section, _, _) in enumerate(_bars()):
        if b + 1 < len(_bars()) and _bars()[b + 1][0] == "chorus" and section != "chorus":
            noise = rng.standard_normal(bar_frames)
            sos = signal.butter(2, 2000, "highpass", fs=RATE, output="sos")
            out[b * bar_frames:(b + 1) * bar_frames] = (
                signal.sosfilt(sos, noise) * np.linspace(0, 1, bar_frames) ** 2)
    return out


def _sub(kick_notes: list, frames: int) -> np.ndarray:
    """A 50 Hz sine thump under every kick (a Kick Sub track)."""
    out = np.zeros(frames, np.float32)
    length = int(0.35 * RATE)
    t = np.arange(length) / RATE
    thump = np.sin(2 * np.pi * (50 * t + 40 * (1 - np.exp(-t / 0.02)) * 0.02))
    thump *= np.exp(-t / 0.12)
    for start, _, _, vel in kick_notes:
        at = int(start / TICKS * 60 / BPM * RATE)
        end = min(frames, at + length)
        out[at:end] += (vel / 127) * thump[: end - at]
    return out


def _fx(x: np.ndarray, *plugins) -> np.ndarray:
    import pedalboard

    return pedalboard.Pedalboard(list(plugins))(x.astype(np.float32), RATE)


def build_song() -> dict[str, np.ndarray]:
    """The balanced song, before faults: file name -> float32 (channels, frames)."""
    import pedalboard

    from dsp.filters import high_pass, high_shelf, low_pass, low_shelf

    frames = _frames()
    notes = _notes()
    r = {name: sampled.render(n, ch, prog, frames) for name, (n, ch, prog) in notes.items()}
    mono = {name: x.mean(axis=0, keepdims=True) for name, x in r.items()}
    kit = r["kick"] + r["snare"] + r["hats"] + r["crash"] + r["tom1"] + r["tom2"]
    vocal = _voices(frames)
    lead = vocal["lead"][None]
    song = {
        "Kick In.wav": _filtered(mono["kick"], high_shelf(4000, 5, RATE), high_pass(40, RATE)),
        "Kick Out.wav": _filtered(mono["kick"], low_shelf(90, 4, RATE), low_pass(3000, RATE)),
        "Kick Sub.wav": _sub(notes["kick"][0], frames)[None],
        "Snare Top.wav": mono["snare"],
        "Snare Bottom.wav": _filtered(
            mono["snare"] + 0.3 * np.random.default_rng(5).standard_normal(frames)
            * np.abs(mono["snare"]).clip(0, 0.2), high_pass(900, RATE, order=4)),
        "Hi Hat.wav": mono["hats"],
        "OH L.wav": _filtered(kit[:1] + 0.6 * kit[1:], high_pass(180, RATE)),
        "OH R.wav": _filtered(kit[1:] + 0.6 * kit[:1], high_pass(180, RATE)),
        "Room Mics.wav": _filtered(
            _fx(kit.mean(axis=0, keepdims=True), pedalboard.Reverb(room_size=0.3,
                wet_level=0.6, dry_level=0.5)), low_pass(6000, RATE)),
        "Tom 1.wav": mono["tom1"],
        "Tom 2.wav": mono["tom2"],
        "Bass DI.wav": mono["bass"],
        "Bass Amp.aiff": _filtered(_fx(mono["bass"], pedalboard.Distortion(drive_db=12)),
                                  low_pass(2500, RATE, order=4)),
        "Gtr Rhy 1.wav": mono["rhy1"],
        "Gtr Rhy 2.wav": mono["rhy2"],
        "Gtr Clean.wav": mono["clean"],
        "Gtr Lead.flac": mono["lead"],
        "Piano L.wav": r["piano"][:1],
        "Piano R.wav": r["piano"][1:],
        "Pad.wav": np.vstack([r["pad"][0], np.roll(r["pad"][1], 480)]),
        "Rhodes.wav": r["rhodes"],
        "Strings.wav": np.vstack([r["strings"][0], np.roll(r["strings"][1], 240)]),
        "Lead Vocal.wav": lead,
        "Lead Dbl.wav": vocal["dbl"][None],
        "Adlibs.wav": vocal["adlib"][None],
        "BGV 1.wav": vocal["b1"][None],
        "BGV 2.wav": vocal["b2"][None],
        "BGV 3.wav": vocal["b3"][None],
        "Vocal Plate.wav": _fx(np.vstack([lead[0], lead[0]]), pedalboard.Reverb(
            room_size=0.75, damping=0.4, wet_level=1.0, dry_level=0.0, width=1.0)),
        "Delay Throw.wav": _fx(np.vstack([lead[0], lead[0]]), pedalboard.Delay(
            delay_seconds=60 / BPM * 0.75, feedback=0.35, mix=1.0)),
        "Drum Verb.wav": _fx(np.vstack([mono["snare"][0]] * 2), pedalboard.Reverb(
            room_size=0.6, wet_level=1.0, dry_level=0.0)),
        "Riser.wav": _riser(frames)[None],
    }
    return _balanced({name: x.astype(np.float32) for name, x in song.items()})


def _balanced(song: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    import pyloudnorm

    meter = pyloudnorm.Meter(RATE)
    out = {}
    for name, x in song.items():
        now = meter.integrated_loudness(x.T.astype(np.float64))
        out[name] = (x * 10 ** ((FILE_LUFS[name] - now) / 20)).astype(np.float32)
    return out


def faulted(song: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The song with FAULTS made: a new dict, the input untouched."""
    from dsp.filters import apply_sos, bell

    out = dict(song)
    for fault in FAULTS.values():
        for name in fault["files"]:
            x = out[name]
            if "bell_hz" in fault:
                x = apply_sos(x, bell(fault["bell_hz"], fault["gain_db"], fault["q"], RATE))
            elif "gain_db" in fault:
                x = x * 10 ** (fault["gain_db"] / 20)
            elif name == "Pad.wav":
                x = np.vstack([x[0], -x[1]])
            else:
                x = -x
            out[name] = np.asarray(x, np.float32)
    return out


def write(song: dict[str, np.ndarray], folder: Path, scale: float) -> None:
    import soundfile as sf

    folder.mkdir(parents=True, exist_ok=True)
    for name, x in song.items():
        sf.write(folder / name, (x * scale).T, RATE, subtype="PCM_24")


def main() -> None:
    if not sampled.available():
        raise SystemExit("needs fluidsynth, fluid-soundfont-gm and espeak-ng")
    clean = build_song()
    broken = faulted(clean)
    mix = np.zeros((2, _frames()), np.float32)
    for x in broken.values():
        mix += x if x.shape[0] == 2 else np.vstack([x[0], x[0]])
    scale = 10 ** (-3 / 20) / float(np.abs(mix).max())
    peak = max(float(np.abs(x).max()) for x in broken.values()) * scale
    if peak >= 1.0:
        raise SystemExit(f"a file would clip ({peak:.2f})")
    write(broken, OUT / "song", scale)
    write({n: clean[n] for f in FAULTS.values() for n in f["files"]}, OUT / "clean", scale)
    (OUT / "faults.json").write_text(json.dumps(
        {"rate": RATE, "seconds": _frames() / RATE, "scale_db": 20 * np.log10(scale),
         "faults": FAULTS}, indent=1))
    print(f"{len(broken)} files, {_frames() / RATE:.0f} s at {RATE} Hz -> {OUT / 'song'}")


if __name__ == "__main__":
    main()
