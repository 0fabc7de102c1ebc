"""Benchmark: how `moozix fix` grows with the number of files in a session.

Builds DAW-style exports of 6, 12 and 24 files (4 minutes, 48 kHz, 24-bit; several
files per part, mono and stereo, an "OH L"/"OH R" split-stereo pair and a "Guitar L"/
"Guitar R" one) from dsp.synth songs, runs `moozix fix --say "the guitars are too loud"
FOLDER` on each as a child process (this checkout's code), and reports wall time and
peak RSS against the decoded audio (float32, as the files decode: mono stays mono).
A least-squares line through the three sizes gives the fixed base and the cost per
file, from which a 64-file and a 96 kHz session are extrapolated (at 96 kHz every
per-sample cost doubles, the fixed part's too, start-up included: an upper bound).

Run by hand:  .venv/bin/python bench/bench_session_size.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out" / "session_size"
RATE = 48000
DURATION_S = 240.0
SIZES = (6, 12, 24)

# (file name, song seed, part of the song, channel: 0/1 for one side as a mono file,
#  None for stereo, "mono" for a mono fold-down), in the order sessions take them
LAYOUT = [
    ("Kick In", 0, "kick", "mono"), ("OH L", 0, "cymbals", 0), ("OH R", 0, "cymbals", 1),
    ("Bass DI", 0, "bass", "mono"), ("Lead Vox", 0, "vocal", "mono"),
    ("Gtr DI", 3, "keys", "mono"),
    ("Snare Top", 0, "snare", "mono"), ("Kick Out", 1, "kick", "mono"),
    ("Guitar L", 2, "keys", 0), ("Guitar R", 2, "keys", 1),
    ("Vox Dbl", 1, "vocal", "mono"), ("Piano", 0, "keys", None),
    ("Snare Bottom", 1, "snare", "mono"), ("Guitar 2", 1, "keys", None),
    ("Bass Amp", 1, "bass", "mono"), ("Hats", 1, "cymbals", "mono"),
    ("Drums Room", 2, "cymbals", None), ("BGV 1", 2, "vocal", "mono"),
    ("BGV 2", 3, "vocal", "mono"), ("BGV 3", 2, "vocal", None),
    ("Pad 1", 3, "keys", None), ("Pad 2", 2, "bass", None),
    ("FX Riser", 3, "cymbals", None), ("Synth", 3, "snare", None),
]
LEVELS_DB = {"kick": -18.0, "snare": -22.0, "cymbals": -30.0, "bass": -18.0, "keys": -26.0,
             "vocal": -20.0}


def build(count: int) -> Path:
    """The first `count` files of LAYOUT in their own folder (cached)."""
    from dsp.synth import make_song
    from dsp.writing import write_wav

    folder = OUT / f"{count}-files"
    wanted = LAYOUT[:count]
    if all((folder / f"{name}.wav").exists() for name, *_ in wanted):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    songs: dict[int, dict[str, np.ndarray]] = {}
    for name, seed, part, channel in wanted:
        if seed not in songs:
            songs[seed] = make_song(duration_s=DURATION_S, sample_rate=RATE, seed=seed)
        x = songs[seed][part]
        x = x * np.float32(10 ** (LEVELS_DB[part] / 20) / max(float(np.sqrt(np.mean(x ** 2))),
                                                              1e-9))
        if channel == "mono":
            x = x.mean(axis=0, keepdims=True)
        elif channel is not None:
            x = x[channel:channel + 1]
        write_wav(folder / f"{name}.wav", x.astype(np.float32), RATE)
    return folder


def decoded_mb(folder: Path) -> float:
    import soundfile as sf

    return sum(info.frames * info.channels * 4 for info in
               (sf.info(p) for p in folder.glob("*.wav"))) / 1e6


def run(folder: Path, out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, all threads) and peak RSS (MB) of `moozix
    fix` on the folder, this checkout's code. CPU time says how the work grows even on a
    busy machine, where wall time says more about the neighbours; BLAS runs on one thread
    (the pipeline's own two workers keep both cores busy) so that OpenBLAS threads spinning
    while they wait for a core are not counted as work."""
    cmd = [sys.executable, "-m", "moozix_tui", "fix", "--say", "the guitars are too loud",
           str(folder), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"moozix fix failed: {proc.stderr.read().decode()[-800:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def line(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Intercept and slope of the least-squares line."""
    slope, intercept = np.polyfit(xs, ys, 1)
    return float(intercept), float(slope)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2)
    runs = parser.parse_args().runs
    rows = []
    for count in SIZES:
        folder = build(count)
        audio_mb = decoded_mb(folder)
        results = [run(folder, OUT / f"fix-{count}") for _ in range(runs)]
        seconds = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        peak = max(r[2] for r in results)
        rows.append((count, audio_mb, seconds, cpu, peak))
        print(f"{count} files: decoded {audio_mb:.0f} MB, {seconds:.1f} s wall "
              f"(runs {', '.join(f'{r[0]:.1f}' for r in results)}), {cpu:.1f} s CPU, "
              f"peak RSS {peak:.0f} MB", flush=True)
    base_mb, per_mb = line([r[1] for r in rows], [r[4] for r in rows])
    start_s, per_file_s = line([r[0] for r in rows], [r[2] for r in rows])
    start_cpu, per_file_cpu = line([r[0] for r in rows], [r[3] for r in rows])
    mb_per_file = rows[-1][1] / rows[-1][0]
    print(f"\nmemory: peak RSS = {base_mb:.0f} MB + {per_mb:.2f} x decoded audio; "
          f"wall: {start_s:.1f} s + {per_file_s:.2f} s per file; CPU: {start_cpu:.1f} s + "
          f"{per_file_cpu:.2f} s per file (4 min, 48 kHz; {mb_per_file:.0f} MB decoded per "
          "file on average)")
    print("\n| files | decoded audio | wall time | CPU time | peak RSS | RSS / decoded |")
    print("|---|---|---|---|---|---|")
    for count, audio_mb, seconds, cpu, peak in rows:
        print(f"| {count} | {audio_mb:.0f} MB | {seconds:.1f} s | {cpu:.1f} s "
              f"| {peak:.0f} MB | {peak / audio_mb:.2f} |")
    for label, files, scale in (("64 files, 48 kHz", 64, 1), ("24 files, 96 kHz", 24, 2)):
        audio = files * mb_per_file * scale
        print(f"| {label} (extrapolated) | {audio:.0f} MB | "
              f"~{start_s * scale + per_file_s * files * scale:.0f} s | "
              f"~{start_cpu * scale + per_file_cpu * files * scale:.0f} s | "
              f"~{base_mb + per_mb * audio:.0f} MB | |")


if __name__ == "__main__":
    main()
