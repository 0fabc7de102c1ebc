"""Intent engine figures on the labelled phrasings, and the tune-part misses in detail.

Run by hand:  .venv/bin/python scripts/intent_scores.py [--misses] [--unanswered] [--check]
              [--probe-check]

--unanswered prints, per tune part, how many complaints get neither a right intent nor a
right choice, by kind (a sure reading that is wrong, with no alternative or only wrong
ones; nothing read and no guess; guesses for the right part or only wrong parts), with the
no-intent texts offered any choice and the mean choices per complaint, then those
complaints (tune parts only).

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

from intent_scoring import (  # noqa: E402
    DEV,
    MINED,
    PROBE,
    PUBLIC,
    describe,
    load,
    predict,
    score,
    split,
)

KINDS = ("sure reading wrong, no alternative", "sure reading wrong, wrong alternatives",
         "nothing read, no guess", "guesses for the right part only", "guesses for wrong parts")


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
    if "--unanswered" in argv:
        for name, cases in (("tune", parts["tune"]), ("mined tune", mined["tune"]),
                            ("probe tune", probe["tune"])):
            unanswered(name, cases)
    if "--misses" not in argv:
        return
    for case in parts["tune"] + mined["tune"] + probe["tune"]:
        got, choices = predict(case.text)
        if got != case.gold:
            print(f"\n{case.text[:400]}\n  missing {sorted(case.gold - got)}  "
                  f"extra {sorted(got - case.gold)}"
                  + (f"  offered {sorted(choices & case.gold)}" if choices & case.gold else ""))


def unanswered(name: str, cases) -> None:
    """Complaints with no right intent and no right choice, by kind; choice counts."""
    kinds: dict[str, list] = {k: [] for k in KINDS}
    complaints = choices = quiet_offered = 0
    for case in cases:
        got, offered = predict(case.text)
        if not case.gold:
            quiet_offered += bool(offered)
            continue
        complaints += 1
        choices += len(offered - got)
        if case.gold & (got | offered):
            continue
        if got:
            kind = KINDS[1] if offered else KINDS[0]
        elif not offered:
            kind = KINDS[2]
        else:
            kind = KINDS[3] if {p for p, _ in case.gold} & {p for p, _ in offered} else KINDS[4]
        kinds[kind].append((case, got, offered))
    print(f"\n{name}: {sum(map(len, kinds.values()))} of {complaints} complaints unanswered ("
          + ", ".join(f"{k}: {len(v)}" for k, v in kinds.items()) + f"); no-intent texts "
          f"offered a choice: {quiet_offered}; choices per complaint "
          f"{choices / max(complaints, 1):.2f}")
    for kind, rows in kinds.items():
        for case, got, offered in rows:
            print(f"  [{kind}] {case.text[:300]}\n    gold {sorted(case.gold)}  read "
                  f"{sorted(got)}  offered {sorted(offered)}")


if __name__ == "__main__":
    main(sys.argv[1:])
