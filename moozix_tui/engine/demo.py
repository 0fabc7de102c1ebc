"""The built-in demo song: generated once, cached, with a buried vocal and a muddy low end."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DEMO_ROLES", "demo_dir", "demo_files", "demo_ready", "make_demo"]

DEMO_ROLES = ("drums", "bass", "keys", "vocal")
_VERSION = "demo-v1"
_MARKER = "ready"


def demo_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    if os.environ.get("MOOZIX_HOME"):
        base = str(Path(os.environ["MOOZIX_HOME"]).expanduser() / "cache")
    return Path(base).expanduser() / "moozix" / _VERSION


def demo_files() -> dict[str, Path]:
    folder = demo_dir()
    return {role: folder / f"{role}.wav" for role in DEMO_ROLES}


def demo_ready() -> bool:
    return (demo_dir() / _MARKER).exists() and all(p.exists() for p in demo_files().values())


def make_demo(*, duration_s: float = 45.0) -> dict[str, Path]:
    """Write the demo stems (atomically) unless they are cached already."""
    if demo_ready():
        return demo_files()
    import numpy as np

    from dsp.atomic import atomic_write_bytes
    from dsp.filters import apply_sos, bell
    from dsp.synth import make_song
    from dsp.writing import write_wav

    rate = 44100
    song = make_song(duration_s=duration_s, sample_rate=rate, seed=7)
    stems = {
        "drums": song["kick"] + song["snare"] + song["cymbals"],
        "bass": apply_sos(song["bass"], bell(250.0, 6.0, 1.0, rate)),
        "keys": apply_sos(song["keys"], bell(250.0, 6.0, 1.0, rate)),
        "vocal": song["vocal"] * np.float32(10 ** (-8 / 20)),
    }
    files = demo_files()
    for role, samples in stems.items():
        write_wav(files[role], samples, rate)
    atomic_write_bytes(demo_dir() / _MARKER, b"demo stems: vocal -8 dB, +6 dB at 250 Hz\n")
    return files
