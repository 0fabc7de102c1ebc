"""File-name part accuracy on the labelled names, and the tune-part misses.

Run by hand:  .venv/bin/python scripts/name_scores.py [--misses] [--check]

Only tune-part misses are ever printed; the check part's accuracy is printed with --check,
to report, not between edits of roles.py or files.toml.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from name_scoring import accuracy, guess, load_names  # noqa: E402


def main(argv: list[str]) -> None:
    parts = load_names()
    print(f"tune: {accuracy(parts['tune']):.3f} of {len(parts['tune'])} names")
    if "--check" in argv:
        print(f"check: {accuracy(parts['check']):.3f} of {len(parts['check'])} names")
    if "--misses" in argv:
        for n in parts["tune"]:
            got = guess(n.name)
            if got != n.part:
                print(f"  {n.name!r}: {got or '-'} (want {n.part or '-'}; {n.convention})")


if __name__ == "__main__":
    main(sys.argv[1:])
