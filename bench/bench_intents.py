"""Benchmark the intent engine: per-message latency, a huge message, and batch scoring.

Run by hand:  .venv/bin/python bench/bench_intents.py
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))   # this checkout's intents, not whichever the venv installed
SHARED = ROOT / "tests" / "data" / "intents_public.jsonl"


def main() -> None:
    from intents import understand
    from intents.text import MAX_CHARS

    texts = [json.loads(line)["text"] for line in SHARED.read_text().splitlines()]
    texts += ["the vox is way too low and the 808 is muddy", "hats r piercing",
              "the bass isn't muddy, it's the guitars", "make it sound like a record"]
    short = [t for t in texts if len(t) < 300]
    understand("warm up")
    times = []
    for _ in range(20):
        for text in short:
            start = time.perf_counter()
            understand(text)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p99 = times[int(0.99 * len(times))]
    print(f"messages < 300 chars: median {statistics.median(times):.3f} ms, p99 {p99:.3f} ms "
          f"({len(times)} parses)")
    for size in (10_000, 100_000):
        long_text = (" ".join(short) * 80)[:size]
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            understand(long_text)
            runs.append((time.perf_counter() - start) * 1000)
        print(f"{size:,}-character message: median {statistics.median(runs):.1f} ms of 5 "
              f"(the first {MAX_CHARS:,} characters are read)")
    batch = "\n".join((short * 10)[:1000]) + "\n"
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "moozix_tui", "parse", "--json", "-"],
                         input=batch, text=True, capture_output=True, check=True,
                         cwd=ROOT).stdout
    elapsed = time.perf_counter() - start
    print(f"1,000 messages through `moozix parse --json -`: {elapsed:.2f} s including start-up "
          f"({len(out.splitlines())} lines)")


if __name__ == "__main__":
    main()
