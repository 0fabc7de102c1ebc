"""Benchmark: time from launching the chat to a usable prompt.

Runs the real app headless (App.run_test) in a fresh interpreter and stops the clock
when the prompt has focus. Run by hand:  .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile

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


def main() -> None:
    runs = []
    for _ in range(5):
        with tempfile.TemporaryDirectory() as folder:
            out = subprocess.run([sys.executable, "-c", CHILD, folder], capture_output=True,
                                 text=True, check=True).stdout
            runs.append(float(out.strip().splitlines()[-1]))
    importing = subprocess.run([sys.executable, "-X", "importtime", "-c",
                                "import moozix_tui.app"], capture_output=True, text=True).stderr
    heavy = [line for line in importing.splitlines() if "numpy" in line.split("|")[-1].strip()
             and line.split("|")[-1].strip() == "numpy"]
    print(f"start-up to a focused prompt (interpreter start excluded): median "
          f"{statistics.median(runs):.2f} s over {len(runs)} runs; numpy imported at start-up: "
          f"{'yes' if heavy else 'no'}")


if __name__ == "__main__":
    main()
