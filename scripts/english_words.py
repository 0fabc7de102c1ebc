"""Write intents/data/english_words.txt: the English words the typo correction leaves alone.

Run by hand after `apt-get install wamerican wbritish`:
    .venv/bin/python scripts/english_words.py

The words are SCOWL's (Kevin Atkinson's Spell Checker Oriented Word Lists) as Debian ships
them in wamerican and wbritish, both spellings merged: lower-case words of letters only, so
no names, abbreviations or possessives. A word typed this way is spelled right, and the
typo correction in intents/parser.py must not turn it into a nearby vocabulary word
("competition" is not "competitive", "powder" is not "power").
"""

from __future__ import annotations

import re
from pathlib import Path

SOURCES = (Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english"))
OUT = Path(__file__).resolve().parents[1] / "intents" / "data" / "english_words.txt"

HEADER = """\
# English words: never corrected as typos of the vocabulary (intents/vocabulary.py).
# Written by scripts/english_words.py from SCOWL as Debian's wamerican and wbritish ship it
# (lower-case words of letters only, both spellings).
#
# Copyright 2000-2011 by Kevin Atkinson
#
# Permission to use, copy, modify, distribute and sell these word lists, the associated
# scripts, the output created from the scripts, and its documentation for any purpose is
# hereby granted without fee, provided that the above copyright notice appears in all
# copies and that both that copyright notice and this permission notice appear in
# supporting documentation. Kevin Atkinson makes no representations about the suitability
# of this array for any purpose. It is provided "as is" without express or implied
# warranty.
"""


def main() -> None:
    words = {line.strip() for source in SOURCES
             for line in source.read_text(encoding="utf-8").splitlines()}
    kept = sorted(w for w in words if re.fullmatch(r"[a-z]+", w))
    OUT.write_text(HEADER + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} words -> {OUT}")


if __name__ == "__main__":
    main()
