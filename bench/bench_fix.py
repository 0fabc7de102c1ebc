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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from material import DURATION_S, OUT, build  # noqa: E402

BIN = Path(sys.executable).parent
RUNS = 3


def run_child(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{cmd[0]} failed: {proc.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(path: Path) -> tuple[float, float, float]:
    import pyloudnorm

    from dsp.audio import load_audio
    from dsp.meter import integrated_lufs, true_peak_dbtp

    audio = load_audio(path)
    ours = integrated_lufs(audio.samples, audio.sample_rate)
    theirs = pyloudnorm.Meter(audio.sample_rate).integrated_loudness(audio.samples.T)
    return ours, theirs, true_peak_dbtp(audio.samples, audio.sample_rate)


def stage_times(files: dict[str, Path]) -> list[tuple[str, float]]:
    from dsp.mastering import MasterSettings, resolve_target
    from dsp.moves import FixRequest, Plan
    from dsp.pipeline import export, load_stems, render
    from dsp.recipes import plan_fixes
    from dsp.stem_analysis import analyse_session

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
        export(out, result, plan=Plan(plan.moves, plan.notes), inputs=list(files.values()))
    lap("export (9 files + read-back check)")
    return marks


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

    fix_runs = [run_child([str(BIN / "moozix"), "fix", "--say", "the vocal is too low", *stems,
                           "--out", str(OUT / "fix")]) for _ in range(RUNS)]
    fix_s = statistics.median(r[0] for r in fix_runs)
    peak_mb = max(r[1] for r in fix_runs)
    print(f"moozix fix end to end: median {fix_s:.1f} s = {DURATION_S / fix_s:.0f}x real time, "
          f"peak RSS {peak_mb:.0f} MB")
    for name, seconds in stage_times(files):
        print(f"  {name:<42} {seconds:6.2f} s")

    rows = []
    ours = [run_child([str(BIN / "moozix"), "master", str(mix), "--out", str(OUT / "m")])
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
    print("| tool | time | LUFS (ours) | LUFS (pyloudnorm) | error vs -14 | true peak |")
    print("|---|---|---|---|---|---|")
    for name, seconds, lufs, lufs_ref, peak in rows:
        print(f"| {name} | {seconds:.1f} s | {lufs:.2f} | {lufs_ref:.2f} | {lufs + 14:+.2f} LU "
              f"| {peak:.2f} dBTP |")


if __name__ == "__main__":
    main()
