"""Benchmark: `moozix fix` end to end on a 3.5-min 6-stem 48 kHz session, where the
time goes, and the mastering step next to ffmpeg loudnorm and matchering.

Run by hand:  .venv/bin/python bench/bench_fix.py
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
# this checkout's dsp, imported before numpy so that BLAS stays on one thread (see
# dsp/__init__.py; with numpy first, the in-process stage times below ran 5x slower)
import dsp  # noqa: E402, F401, I001
from material import DURATION_S, OUT, build  # noqa: E402

MOOZIX = [sys.executable, "-m", "moozix_tui"]
"""This checkout's command (run from ROOT), not whichever one the venv has installed."""
RUNS = 3
FIX_RUNS = 5


def run_child(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{cmd[0]} failed: {proc.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(path: Path) -> tuple[float, float, float, float]:
    """LUFS by our meter and by pyloudnorm; true peak by BS.1770 (4x, 48 taps) and by the
    precise 16x filter (64 taps per phase)."""
    import pyloudnorm

    from dsp.audio import load_audio
    from dsp.meter import integrated_lufs, true_peaks

    audio = load_audio(path)
    ours = integrated_lufs(audio.samples, audio.sample_rate)
    theirs = pyloudnorm.Meter(audio.sample_rate).integrated_loudness(audio.samples.T)
    peaks = true_peaks(audio.samples)
    return ours, theirs, peaks.standard_dbtp, peaks.precise_dbtp


def stage_times(files: dict[str, Path]) -> list[tuple[str, float]]:
    from dsp.mastering import MasterSettings
    from dsp.moves import FixRequest, Plan
    from dsp.pipeline import export, load_stems, render
    from dsp.recipes import plan_fixes
    from dsp.stem_analysis import analyse_session
    from dsp.targets import resolve_target
    from intents import LAYER_NAMES

    marks = []
    t = time.perf_counter()

    def lap(name):
        nonlocal t
        now = time.perf_counter()
        marks.append((name, now - t))
        t = now

    stems, _ = load_stems(list(files.items()))
    lap("load + check + harmonise")
    analysis = analyse_session(stems)
    lap("analyse (6 stems + mix)")
    plan = plan_fixes([FixRequest("vocal", "too_quiet")], analysis)
    lap("plan")
    last = [time.perf_counter()]
    stages: dict[str, float] = {}

    def progress(stage, fraction):
        now = time.perf_counter()
        stages[stage] = stages.get(stage, 0.0) + now - last[0]
        last[0] = now

    result = render(stems, plan.moves, MasterSettings(resolve_target("streaming")),
                    before=analysis, progress=progress)
    lap("render (moves, mix, master, re-measure)")
    with tempfile.TemporaryDirectory() as out:
        export(out, result, plan=Plan(plan.moves, plan.notes), names=LAYER_NAMES,
               inputs=list(files.values()))
    lap("export (9 files + read-back check)")
    return marks


def harmonics_cpu_s(bass: Path) -> float:
    """CPU seconds (median of 3) of the small-speaker harmonics move on the bass stem: the
    bench's own request plans none, and sizing them reads the spectrum."""
    from dsp.audio import load_audio
    from dsp.moves import Move
    from dsp.processing import apply_move

    audio = load_audio(bass)
    move = Move("bass", "harmonics", {"split_hz": 150.0, "above_hz": 200.0, "lift_db": 10.0},
                "", "bass/mono_collapse")
    runs = []
    for _ in range(3):
        start = time.process_time()
        apply_move(audio.samples, audio.sample_rate, move, None)
        runs.append(time.process_time() - start)
    return statistics.median(runs)


def main() -> None:
    files = build()
    stems = [f"{role}={path}" for role, path in files.items()]
    mix = OUT / "mix.wav"
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                   if line.startswith("model name"))
        machine = f"{cpu}, {os.cpu_count()} cores"
    except (OSError, StopIteration):
        pass
    print(f"machine: {machine}; material: 6 stems, 48 kHz, {DURATION_S:.0f} s")

    fix_runs = [run_child([*MOOZIX, "fix", "--say", "the vocal is too low", *stems,
                           "--out", str(OUT / "fix")]) for _ in range(FIX_RUNS)]
    fix_s = statistics.median(r[0] for r in fix_runs)
    peak_mb = max(r[1] for r in fix_runs)
    print(f"moozix fix end to end: median of {FIX_RUNS} {fix_s:.2f} s = "
          f"{DURATION_S / fix_s:.0f}x real time, peak RSS {peak_mb:.0f} MB; load average "
          f"{os.getloadavg()[0]:.1f}")
    lufs, lufs_ref, standard, precise = measure(OUT / "fix" / "master.wav")
    print(f"  its master: {lufs:.2f} LUFS (pyloudnorm {lufs_ref:.2f}), true peak "
          f"{standard:.2f} dBTP (BS.1770) / {precise:.2f} dBTP (precise 16x)")
    for name, seconds in stage_times(files):
        print(f"  {name:<42} {seconds:6.2f} s")
    print(f"  {'harmonics on the bass (CPU, not in the fix)':<42} "
          f"{harmonics_cpu_s(files['bass']):6.2f} s")

    rows = []
    ours = [run_child([*MOOZIX, "master", str(mix), "--out", str(OUT / "m")])
            for _ in range(RUNS)]
    rows.append(("moozix master", statistics.median(r[0] for r in ours),
                 *measure(OUT / "m" / "master.wav")))
    if shutil.which("ffmpeg"):
        def loudnorm() -> None:
            first = subprocess.run(
                ["ffmpeg", "-hide_banner", "-nostats", "-i", str(mix), "-af",
                 "loudnorm=I=-14:TP=-1:LRA=11:print_format=json", "-f", "null", "-"],
                capture_output=True, text=True, check=True).stderr
            data = json.loads(first[first.rindex("{"):])
            subprocess.run(
                ["ffmpeg", "-hide_banner", "-nostats", "-y", "-i", str(mix), "-af",
                 "loudnorm=I=-14:TP=-1:LRA=11:linear=true:"
                 f"measured_I={data['input_i']}:measured_TP={data['input_tp']}:"
                 f"measured_LRA={data['input_lra']}:measured_thresh={data['input_thresh']}:"
                 f"offset={data['target_offset']}", "-ar", "48000", "-c:a", "pcm_s24le",
                 str(OUT / "ffmpeg.wav")], capture_output=True, check=True)

        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            loudnorm()
            times.append(time.perf_counter() - start)
        rows.append(("ffmpeg loudnorm, 2 pass", statistics.median(times),
                     *measure(OUT / "ffmpeg.wav")))
    try:
        import matchering  # noqa: F401

        reference = OUT / "m" / "master.wav"
        code = ("import matchering as mg, sys; mg.log(lambda *a: None); "
                "mg.process(target=sys.argv[1], reference=sys.argv[2], "
                "results=[mg.pcm24(sys.argv[3])])")
        runs = [run_child([sys.executable, "-c", code, str(mix), str(reference),
                           str(OUT / "matchering.wav")]) for _ in range(RUNS)]
        rows.append(("matchering 2.0.6 (ref: our -14 master)",
                     statistics.median(r[0] for r in runs), *measure(OUT / "matchering.wav")))
    except ImportError:
        print("matchering not installed: pip install matchering")
    print(f"\nmastering the 48 kHz mixdown ({DURATION_S:.0f} s), median of {RUNS}:")
    print("| tool | time | LUFS (ours) | LUFS (pyloudnorm) | error vs -14 | true peak BS.1770 "
          "| precise 16x |")
    print("|---|---|---|---|---|---|---|")
    for name, seconds, lufs, lufs_ref, peak, precise in rows:
        print(f"| {name} | {seconds:.1f} s | {lufs:.2f} | {lufs_ref:.2f} | {lufs + 14:+.2f} LU "
              f"| {peak:.2f} dBTP | {precise:.2f} dBTP |")


if __name__ == "__main__":
    main()
