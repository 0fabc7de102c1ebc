"""Sampled benchmark material: MIDI parts rendered by fluidsynth with a General MIDI
soundfont (FluidR3 GM unless told), and an espeak-ng voice as the lead, 48 kHz. Needs
Debian's fluidsynth, fluid-soundfont-gm and espeak-ng (apt-get install fluidsynth
fluid-soundfont-gm espeak-ng); bench_fix.py falls back to the numpy material when they are
missing. The other soundfonts in SOUNDFONTS are independent sample sets (apt-get install
timgm6mb-soundfont musescore-general-soundfont-small csound-soundfont), used to calibrate
typical ranges on more than one source of sampled instruments (reference_ranges.toml).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import numpy as np

SOUNDFONT = Path("/usr/share/sounds/sf2/FluidR3_GM.sf2")
SOUNDFONTS = {
    "FluidR3": SOUNDFONT,
    "TimGM6mb": Path("/usr/share/sounds/sf2/TimGM6mb.sf2"),
    "MuseScore": Path("/usr/share/sounds/sf3/MuseScore_General_Lite.sf3"),
    "csound": Path("/usr/share/sounds/sf2/sf_GMbank.sf2"),
}
"""Independent General MIDI sample sets (FluidR3's GS build and mono build share its
samples, so they are not listed)."""
RATE = 48000
BPM = 96
TICKS = 480
_CHORDS = ((57, 60, 64), (53, 57, 60), (48, 52, 55), (55, 59, 62))
_ROOTS = (33, 29, 36, 31)


def available() -> bool:
    return bool(shutil.which("fluidsynth") and shutil.which("espeak-ng") and SOUNDFONT.exists())


def _vlq(value: int) -> bytes:
    out = [value & 0x7F]
    while value > 0x7F:
        value >>= 7
        out.append((value & 0x7F) | 0x80)
    return bytes(reversed(out))


def _midi(notes: list[tuple[int, int, int, int]], channel: int, program: int) -> bytes:
    """A type-0 MIDI file from (start_tick, length_ticks, note, velocity)."""
    events = []
    for start, length, note, velocity in notes:
        events.append((start, 0x90 | channel, note, velocity))
        events.append((start + length, 0x80 | channel, note, 0))
    events.sort(key=lambda e: (e[0], e[1] & 0xF0 == 0x90))
    tempo = 60_000_000 // BPM
    track = b"\x00\xff\x51\x03" + tempo.to_bytes(3, "big")
    if channel != 9 or program:  # on channel 10 (9 from 0) a program picks the drum kit
        track += b"\x00" + bytes([0xC0 | channel, program])
    now = 0
    for tick, status, note, velocity in events:
        track += _vlq(tick - now) + bytes([status, note, velocity])
        now = tick
    track += b"\x00\xff\x2f\x00"
    return (b"MThd" + struct.pack(">IHHH", 6, 0, 1, TICKS)
            + b"MTrk" + struct.pack(">I", len(track)) + track)


def _parts(bars: int) -> dict[str, tuple[list, int, int]]:
    bar, step = 4 * TICKS, TICKS // 4
    kick, snare, hats, bass, keys = [], [], [], [], []
    for b in range(bars):
        t0 = b * bar
        for s in range(16):
            t = t0 + s * step
            if s in (0, 6, 8, 10):
                kick.append((t, step, 36, 110))
            if s in (4, 12):
                snare.append((t, step, 38, 105))
            if s % 2 == 0:
                hats.append((t, step, 42, 70 + 15 * (s % 4 == 0)))
        root = _ROOTS[b % 4]
        for s, octave in ((0, 0), (6, 0), (8, 12), (10, 0)):
            bass.append((t0 + s * step, 2 * step, root + octave, 100))
        for note in _CHORDS[b % 4]:
            keys.append((t0, bar - step, note, 80))
    return {"kick": (kick, 9, 0), "snare": (snare, 9, 0), "cymbals": (hats, 9, 0),
            "bass": (bass, 0, 33), "keys": (keys, 1, 0)}


def _read(path: Path, frames: int) -> np.ndarray:
    import soundfile as sf

    data, rate = sf.read(path, dtype="float32", always_2d=True)
    if rate != RATE:
        from scipy.signal import resample_poly

        data = resample_poly(data, RATE, rate, axis=0).astype(np.float32)
    out = np.zeros((frames, 2), np.float32)
    data = data[:frames]
    out[: len(data), : data.shape[1]] = data
    if data.shape[1] == 1:
        out[: len(data), 1] = data[:, 0]
    return out.T


def render(notes: list[tuple[int, int, int, int]], channel: int, program: int, frames: int,
           soundfont: Path = SOUNDFONT) -> np.ndarray:
    """One MIDI part rendered by fluidsynth: stereo float32 at RATE, `frames` long."""
    with tempfile.TemporaryDirectory() as tmp:
        mid, wav = Path(tmp) / "part.mid", Path(tmp) / "part.wav"
        mid.write_bytes(_midi(notes, channel, program))
        subprocess.run(["fluidsynth", "-ni", "-g", "0.6", "-r", str(RATE), "-F", str(wav),
                        str(soundfont), str(mid)], check=True, capture_output=True)
        return _read(wav, frames)


def build(folder: Path, duration_s: float, soundfont: Path = SOUNDFONT) -> dict[str, np.ndarray]:
    bars = int(duration_s / (4 * 60 / BPM)) + 1
    frames = int(duration_s * RATE)
    stems = {role: render(notes, channel, program, frames, soundfont)
             for role, (notes, channel, program) in _parts(bars).items()}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        lines = ("la la la the night is long and the city sings",
                 "hold on hold on we are almost home",
                 "every light is calling out your name tonight")
        voice = np.zeros((2, frames), np.float32)
        phrase = int(8 * 60 / BPM * RATE)
        for n, start in enumerate(range(0, frames, phrase * 2)):
            wav = tmpdir / f"voice{n}.wav"
            subprocess.run(["espeak-ng", "-v", "en+f3", "-s", "140", "-p", "60", "-w", str(wav),
                            lines[n % len(lines)]], check=True, capture_output=True)
            take = _read(wav, min(phrase, frames - start))
            voice[:, start:start + take.shape[1]] += take
        stems["vocal"] = voice
    return stems
