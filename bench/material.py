"""Benchmark material: a 3.5-minute, 6-stem, 48 kHz session with a buried vocal.

Generated with dsp.synth (numpy), written as 24-bit WAVs under bench/out/. Run by hand.
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
    if all(p.exists() for p in files.values()) and (folder / "mix.wav").exists():
        return files
    song = make_song(duration_s=DURATION_S, sample_rate=RATE, seed=3)
    song["vocal"] = song["vocal"] * np.float32(10 ** (-9 / 20))
    for role, path in files.items():
        write_wav(path, song[role], RATE)
    mix = np.sum(list(song.values()), axis=0)
    write_wav(folder / "mix.wav", mix * np.float32(10 ** (-6 / 20)), RATE)
    return files


if __name__ == "__main__":
    for role, path in build().items():
        print(role, path)
