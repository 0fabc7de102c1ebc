"""Intent engine figures on the labelled phrasings, and the tune-part misses in detail.

Run by hand:  .venv/bin/python scripts/intent_scores.py [--misses] [--check] [--probe-check]

Only the tune parts' misses (public + dev, and mined) are ever printed: rules are edited
while looking at those, and the check parts stay a measurement of phrasings nobody tuned on.
The check parts' aggregate figures are printed only with --check: run it to report, not
between rule edits (watching a held-out figure while editing rules is tuning on it).
The team's probe file is split the same way; only its tune misses are printed, and its
check part's aggregate figures with --probe-check.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from intent_scoring import DEV, MINED, PROBE, PUBLIC, describe, load, predict, score, split  # noqa: E402


def main(argv: list[str]) -> None:
    public, dev = load(PUBLIC), load(DEV)
    parts, mined, probe = split(public + dev), split(load(MINED)), split(load(PROBE))
    print(describe("public", score(public)))
    print(describe("tune", score(parts["tune"])))
    print(describe("mined tune", score(mined["tune"])))
    print(describe("probe tune", score(probe["tune"])))
    if "--probe-check" in argv:
        print(describe("probe check", score(probe["check"])))
    if "--check" in argv:
        print(describe("check", score(parts["check"])))
        print(describe("mined check", score(mined["check"])))
    if "--misses" not in argv:
        return
    for case in parts["tune"] + mined["tune"] + probe["tune"]:
        got, choices = predict(case.text)
        if got != case.gold:
            print(f"\n{case.text[:400]}\n  missing {sorted(case.gold - got)}  "
                  f"extra {sorted(got - case.gold)}"
                  + (f"  offered {sorted(choices & case.gold)}" if choices & case.gold else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
