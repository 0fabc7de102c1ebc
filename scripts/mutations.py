"""Mutation check, run by hand: does the suite notice when real behaviour breaks?

    python scripts/mutations.py            # every mutation
    python scripts/mutations.py clip gate  # only those whose name contains a word given

Copies the checkout (tracked and untracked, not ignored files) to a temporary folder, then
for each mutation: changes one piece of code found by its content (not by line number, so
it survives code moving around), runs the tests that should notice, and puts the code
back. Prints killed / SURVIVED per mutation and exits 1 if any survived, or if a pattern is
no longer found (the code changed: update the mutation, never skip it silently).
Slow (minutes); not part of CI.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str
    pattern: str
    """A regex that matches exactly once (or the first of several if `first`)."""
    replacement: str
    tests: tuple[str, ...]
    first: bool = False


MUTATIONS = (
    Mutation("negation window 4 -> 1 words", "intents/data/rules.toml",
             r"(\[negation\](?:\n(?!\[)[^\n]*)*?\nwindow = )4\b", r"\g<1>1", ("tests/intents",)),
    Mutation("the engine never sends the stem request", "moozix_tui/engine/needs.py",
             r"(def missing_stems\([^)]*\)[^:]*:\n)", r"\g<1>    return []\n",
             ("tests/engine/test_stem_request.py",)),
    Mutation("mastering loudness tolerance 0.1 -> 1.2 LU", "dsp/mastering.py",
             r"(_TOLERANCE_LU = )0\.1\b", r"\g<1>1.2", ("tests/dsp/test_mastering.py",)),
    Mutation("where the part plays: 20 -> 60 dB below its max", "dsp/stem_analysis.py",
             r"(_ACTIVE_RANGE_DB = )20\.0\b", r"\g<1>60.0",
             ("tests/dsp/test_session_analysis.py",)),
    Mutation("clip run length 3 -> 1 samples", "dsp/check.py",
             r"(_CLIP_RUN = )3\b", r"\g<1>1",
             ("tests/dsp/test_io_speed_safety.py", "tests/dsp/test_audio_check.py")),
    Mutation("K-weighting shelf gain 4.0 -> 3.85 dB", "dsp/meter.py",
             r"(f0, gain_db, q = [0-9.]+, )3\.99[0-9]*", r"\g<1>3.85",
             ("tests/dsp/test_meter.py",)),
    Mutation("K-weighting high-pass 38 -> 45 Hz", "dsp/meter.py",
             r"(f0, q = )38\.[0-9]+", r"\g<1>45.0", ("tests/dsp/test_meter.py",)),
    Mutation("absolute gate -70 -> -60 LUFS", "dsp/meter.py",
             r"(SILENCE_LUFS = )-70\.0\b", r"\g<1>-60.0", ("tests/dsp/test_meter.py",)),
    Mutation("loudness range percentiles 10/95 -> 5/99", "dsp/meter.py",
             r"np\.percentile\((\w+), \[10, 95\]\)", r"np.percentile(\g<1>, [5, 99])",
             ("tests/dsp/test_meter.py",)),
    Mutation("integrated loudness relative gate -10 -> -20 LU", "dsp/meter.py",
             r"(relative_gate = _to_lufs\(\w+\.mean\(\)\) - )10\.0", r"\g<1>20.0",
             ("tests/dsp/test_meter.py",)),
    Mutation("true peak oversampling 4x -> 2x", "dsp/meter.py",
             r"(_OVERSAMPLE = )4\b", r"\g<1>2", ("tests/dsp/test_meter.py",)),
    Mutation("outputs may overwrite an input", "dsp/writing.py",
             r"\n(\s+)ensure_not_input\(", r"\n\g<1>(lambda *a, **k: None)(",
             ("tests/dsp/test_io_speed_safety.py", "tests/dsp/test_audio_check.py")),
    Mutation("user words quoted in replies are not escaped", "moozix_tui/engine/wording.py",
             r"(def md_literal\(text: str\) -> str:\n(?:\s+\"\"\".*\"\"\"\n)?)",
             r"\g<1>    return text\n", ("tests/engine/test_conversation.py",)),
    Mutation("the chat shows the user's message as markup", "moozix_tui/widgets/chat_log.py",
             r"super\(\).__init__\(Text\(text\), markup=False\)",
             "super().__init__(text, markup=True)", ("tests/tui/test_app.py",)),
    Mutation("dsp imports intents inside a function", "dsp/recipes.py",
             r"(\ndef \w+\([^)]*\)[^:\n]*:\n)", r"\g<1>    import intents  # noqa\n",
             ("tests/test_architecture.py",), first=True),
    Mutation("dsp imports intents through importlib", "dsp/recipes.py",
             r"(\ndef \w+\([^)]*\)[^:\n]*:\n)",
             r"\g<1>    __import__('importlib').import_module('intents.parser')\n",
             ("tests/test_architecture.py",), first=True),
    Mutation("an engine method imports Textual", "moozix_tui/engine/engine.py",
             r"(\n    def \w+\(self[^)]*\)[^:\n]*:\n)",
             r"\g<1>        from textual.widgets import Static  # noqa\n",
             ("tests/test_architecture.py",), first=True),
)


def copy_checkout(into: Path) -> None:
    names = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, names):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)


def mutated(text: str, mutation: Mutation) -> str:
    found = len(re.findall(mutation.pattern, text))
    if found == 0 or (found > 1 and not mutation.first):
        raise LookupError(f"pattern matched {found} times in {mutation.path}")
    return re.sub(mutation.pattern, mutation.replacement, text, count=1)


def run_tests(copy: Path, tests: tuple[str, ...]) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-n", "2",
                             "-p", "no:cacheprovider", *tests],
                            cwd=copy, capture_output=True, text=True)
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    return result.returncode, lines[-1] if lines else result.stderr.strip()[-200:]


def main(words: list[str]) -> int:
    chosen = [m for m in MUTATIONS if not words or any(w in m.name for w in words)]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="moozix-mutations-") as tmp:
        copy = Path(tmp)
        copy_checkout(copy)
        baseline = sorted({t for m in chosen for t in m.tests})
        code, summary = run_tests(copy, tuple(baseline))
        print(f"baseline ({' '.join(baseline)}): {summary}")
        if code != 0:
            print("the unmutated tests fail: fix them first")
            return 1
        for mutation in chosen:
            path = copy / mutation.path
            original = path.read_text()
            start = time.monotonic()
            try:
                path.write_text(mutated(original, mutation))
            except (LookupError, FileNotFoundError) as exc:
                print(f"ERROR     {mutation.name}: not found ({exc})")
                failures += 1
                continue
            try:
                code, summary = run_tests(copy, mutation.tests)
            finally:
                path.write_text(original)
            took = f"{time.monotonic() - start:5.0f} s"
            if code in (1, 2):
                print(f"killed    {mutation.name}  [{took}; {summary}]")
            elif code == 0:
                print(f"SURVIVED  {mutation.name}  [{took}; {' '.join(mutation.tests)}]")
                failures += 1
            else:
                print(f"ERROR     {mutation.name}: pytest exit {code}: {summary}")
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
