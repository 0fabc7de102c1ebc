"""Benchmark: time from launching the chat to a usable prompt, and `moozix parse` with and
without the vocabulary's disk cache.

Runs the real app headless (App.run_test) in a fresh interpreter and stops the clock
when the prompt has focus. Both run this checkout's code (from its root).
Run by hand:  .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import time
start = time.perf_counter()
import asyncio, sys
from moozix_tui.app import MoozixApp
from moozix_tui.engine import Engine

async def main():
    app = MoozixApp(Engine.new(sessions_dir=sys.argv[1]))
    async with app.run_test(size=(100, 30)) as pilot:
        while not app.query_one("#prompt").has_focus:
            await pilot.pause(0.005)
        print(time.perf_counter() - start)

asyncio.run(main())
"""


def parse_startup(runs: int = 10) -> tuple[float, float, float]:
    """`moozix parse` wall seconds, in fresh interpreters: the first run in a new home (it
    builds the vocabulary and writes the cache), then the median with the cache, and the
    median with a cache folder that cannot be written (every run builds)."""
    cmd = [sys.executable, "-m", "moozix_tui", "parse", "the vocal is too quiet"]

    def timed(home: str) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env={**os.environ, "MOOZIX_HOME": home},
                       capture_output=True, check=True)
        return time.perf_counter() - start

    with tempfile.TemporaryDirectory() as folder:
        first = timed(folder)
        cached = statistics.median(timed(folder) for _ in range(runs))
        blocker = os.path.join(folder, "not a folder")
        with open(blocker, "w") as out:
            out.write("a file where the cache folder would go")
        building = statistics.median(timed(blocker) for _ in range(runs))
    return first, cached, building


def main() -> None:
    first, cached, building = parse_startup()
    print(f"moozix parse: first run {first:.2f} s (builds and caches the vocabulary), then "
          f"median {cached:.2f} s from the cache; {building:.2f} s when the cache cannot be "
          f"written (load average {os.getloadavg()[0]:.1f})")
    runs = []
    for _ in range(5):
        with tempfile.TemporaryDirectory() as folder:
            out = subprocess.run([sys.executable, "-c", CHILD, folder], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout
            runs.append(float(out.strip().splitlines()[-1]))
    importing = subprocess.run([sys.executable, "-X", "importtime", "-c",
                                "import moozix_tui.app"], cwd=ROOT, capture_output=True,
                               text=True).stderr
    heavy = [line for line in importing.splitlines() if "numpy" in line.split("|")[-1].strip()
             and line.split("|")[-1].strip() == "numpy"]
    print(f"start-up to a focused prompt (interpreter start excluded): median "
          f"{statistics.median(runs):.2f} s over {len(runs)} runs; numpy imported at start-up: "
          f"{'yes' if heavy else 'no'}")


if __name__ == "__main__":
    main()
