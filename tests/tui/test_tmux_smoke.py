"""The tmux smoke script, run when tmux is installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_demo_journey_in_a_real_terminal():
    moozix = f"{sys.executable} -m moozix_tui"  # this checkout's code, not an installed copy
    result = subprocess.run(["bash", str(ROOT / "scripts" / "tmux_smoke.sh"), moozix],
                            capture_output=True, text=True, timeout=1200, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
