"""The import rules of docs/architecture.md, checked in fresh interpreters."""

from __future__ import annotations

import subprocess
import sys

import pytest


def loaded_modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return {line.split(".")[0] for line in out.splitlines()}


@pytest.mark.parametrize(
    ("statement", "forbidden"),
    [
        ("import moozix_tui", {"textual", "numpy", "dsp", "intents"}),
        ("import moozix_tui.cli", {"textual", "numpy", "dsp"}),
        ("import intents", {"textual", "numpy", "dsp", "moozix_tui", "rich"}),
        ("import dsp", {"textual", "intents", "moozix_tui", "rich"}),
        ("import moozix_tui.engine", {"textual"}),
    ],
)
def test_core_imports_stay_in_their_lane(statement: str, forbidden: set[str]) -> None:
    assert loaded_modules_after(statement).isdisjoint(forbidden)
