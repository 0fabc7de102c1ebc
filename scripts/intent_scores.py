"""Intent engine figures on the labelled phrasings, and the tune-part misses in detail.

Run by hand:  .venv/bin/python scripts/intent_scores.py [--misses] [--check]

Only the tune parts' misses (public + dev, and mined) are ever printed: rules are edited
while looking at those, and the check parts stay a measurement of phrasings nobody tuned on.
The check parts' aggregate figures are printed only with --check: run it to report, not
between rule edits (watching a held-out figure while editing rules is tuning on it).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from intent_scoring import DEV, MINED, PUBLIC, describe, load, predict, score, split  # noqa: E402


def main(argv: list[str]) -> None:
    public, dev = load(PUBLIC), load(DEV)
    parts, mined = split(public + dev), split(load(MINED))
    print(describe("public", score(public)))
    print(describe("tune", score(parts["tune"])))
    print(describe("mined tune", score(mined["tune"])))
    if "--check" in argv:
        print(describe("check", score(parts["check"])))
        print(describe("mined check", score(mined["check"])))
    if "--misses" not in argv:
        return
    for case in parts["tune"] + mined["tune"]:
        got, choices = predict(case.text)
        if got != case.gold:
            print(f"\n{case.text[:400]}\n  missing {sorted(case.gold - got)}  "
                  f"extra {sorted(got - case.gold)}"
                  + (f"  offered {sorted(choices & case.gold)}" if choices & case.gold else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
