"""Benchmark material: a 3.5-minute, 6-stem, 48 kHz session with a buried vocal.

Sampled instruments (fluidsynth + FluidR3 GM) and an espeak-ng lead when those Debian
packages are installed, else dsp.synth; written as 24-bit WAVs under bench/out/.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "out"
RATE = 48000
DURATION_S = 210.0


def build(folder: Path = OUT) -> dict[str, Path]:
    from dsp.synth import make_song
    from dsp.writing import write_wav

    folder.mkdir(parents=True, exist_ok=True)
    files = {role: folder / f"{role}.wav" for role in
             ("kick", "snare", "cymbals", "bass", "keys", "vocal")}
    if all(p.exists() for p in files.values()) and (folder / "mix.wav").exists() \
            and (folder / "SOURCE").exists():
        return files
    import sampled

    if sampled.available():
        song = sampled.build(folder, DURATION_S)
        (folder / "SOURCE").write_text("fluidsynth FluidR3_GM + espeak-ng\n")
    else:
        song = make_song(duration_s=DURATION_S, sample_rate=RATE, seed=3)
        (folder / "SOURCE").write_text("dsp.synth\n")
    song = _balance(song)
    song["vocal"] = song["vocal"] * np.float32(10 ** (-9 / 20))
    for role, path in files.items():
        write_wav(path, song[role], RATE)
    mix = np.sum(list(song.values()), axis=0)
    write_wav(folder / "mix.wav", mix * np.float32(10 ** (-6 / 20)), RATE)
    return files


def _balance(song: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """A plausible pop balance before the fault: parts at fixed RMS, mix peak at -3 dBFS."""
    levels = {"kick": -16.0, "snare": -20.0, "cymbals": -28.0, "bass": -16.0, "keys": -22.0,
              "vocal": -14.0}
    out = {}
    for role, x in song.items():
        rms = float(np.sqrt(np.mean(np.square(x)))) or 1.0
        out[role] = (x * (10 ** (levels[role] / 20) / rms)).astype(np.float32)
    peak = float(np.abs(np.sum(list(out.values()), axis=0)).max())
    return {role: (x * np.float32(10 ** (-3 / 20) / peak)) for role, x in out.items()}


if __name__ == "__main__":
    for role, path in build().items():
        print(role, path)
