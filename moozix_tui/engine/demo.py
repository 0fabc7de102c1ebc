"""The built-in demo song: generated once, cached, with a buried vocal and low mids built up
on every part (nothing cleaned up around 250 Hz: the classic muddy home mix)."""

from __future__ import annotations

from pathlib import Path

from intents.cache import cache_dir

__all__ = ["DEMO_ROLES", "demo_dir", "demo_files", "demo_mix", "demo_ready", "make_demo"]

DEMO_ROLES = ("drums", "bass", "keys", "vocal")
_VERSION = "demo-v3"
_MARKER = "ready"
_VOCAL_DB = -8.0
_MUD_DB = 7.0


def demo_dir() -> Path:
    return cache_dir() / _VERSION


def demo_files() -> dict[str, Path]:
    folder = demo_dir()
    return {role: folder / f"{role}.wav" for role in DEMO_ROLES}


def demo_mix() -> Path:
    """The stems summed, as one file to play: a terminal can't play the song, and the chat
    asks what you hear."""
    return demo_dir() / "listen" / "demo-mix.wav"


def demo_ready() -> bool:
    return ((demo_dir() / _MARKER).exists() and demo_mix().exists()
            and all(p.exists() for p in demo_files().values()))


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

    def muddy(samples: np.ndarray) -> np.ndarray:
        return apply_sos(samples, bell(250.0, _MUD_DB, 1.0, rate))

    stems = {
        "drums": muddy(song["kick"] + song["snare"] + song["cymbals"]),
        "bass": muddy(song["bass"]),
        "keys": muddy(song["keys"]),
        "vocal": muddy(song["vocal"]) * np.float32(10 ** (_VOCAL_DB / 20)),
    }
    files = demo_files()
    for role, samples in stems.items():
        write_wav(files[role], samples, rate)
    demo_mix().parent.mkdir(parents=True, exist_ok=True)
    write_wav(demo_mix(), sum(stems.values()), rate, bit_depth=32)   # float: nothing clips
    atomic_write_bytes(demo_dir() / _MARKER, f"demo stems: vocal {_VOCAL_DB:+g} dB, every part "
                                             f"{_MUD_DB:+g} dB at 250 Hz\n".encode())
    return files
