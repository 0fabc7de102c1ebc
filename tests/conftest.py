"""Shared fixtures: generated songs, written to disk once per test session."""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import tempfile
from pathlib import Path

# What dsp/__init__.py does for the app: numpy's OpenBLAS worker threads spin while they
# wait, and each xdist worker runs dsp's own threads. Set here, before pytest starts the
# workers, since numpy is imported before dsp (tests/dsp: 166 s / 56 s CPU -> 70 s / 23 s
# at load 12 on 2 cores).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pytest
import soundfile as sf
from hypothesis import HealthCheck, settings

# Importing intents reads and writes its disk cache (intents/cache.py), at collection before
# any fixture runs: that too stays out of the user's home, as `own_moozix_home` does per test.
_COLLECTION_HOME = tempfile.mkdtemp(prefix="moozix-tests-")
atexit.register(shutil.rmtree, _COLLECTION_HOME, ignore_errors=True)
os.environ["MOOZIX_HOME"] = _COLLECTION_HOME

# The same examples on every machine and every run (a failure is reproducible, and a
# fresh checkout is never red by chance), and no "too slow" failures on a busy machine.
settings.register_profile("suite", derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")

SAMPLE_RATE = 44100


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the figures tests record (works under xdist, unlike print in a worker)."""
    figures = [value for report in terminalreporter.stats.get("passed", [])
               for name, value in report.user_properties if name == "figure"]
    for figure in figures:
        terminalreporter.write_line(figure)


_HOMES = itertools.count()


@pytest.fixture(autouse=True)
def own_moozix_home(tmp_path_factory, monkeypatch) -> Path:
    """Every test keeps its sessions and demo cache in its own temporary folder, never in the
    user's home or a folder shared with another test or another run.

    The folder is named under the run's base temp folder and made only when the product
    writes there: a `tmp_path` for each of ~3,900 tests cost ~5 ms each (the 822 tests of
    test_said_otherwise.py: 10.2 s -> 5.8 s)."""
    home = tmp_path_factory.getbasetemp() / "homes" / str(next(_HOMES))
    monkeypatch.setenv("MOOZIX_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def song() -> dict[str, np.ndarray]:
    from dsp.synth import make_song

    return make_song(duration_s=12.0, sample_rate=SAMPLE_RATE, seed=0)


def write_stem(path: Path, samples: np.ndarray, rate: int = SAMPLE_RATE) -> Path:
    sf.write(path, np.asarray(samples).T, rate, subtype="PCM_24")
    return path


@pytest.fixture(scope="session")
def song_files(song, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("song")
    files = {role: write_stem(folder / f"{role}.wav", x) for role, x in song.items()}
    files["mix"] = write_stem(folder / "mix.wav", np.sum(list(song.values()), axis=0))
    return files


@pytest.fixture(scope="session")
def buried_vocal_files(song, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("my song")
    short = {role: x[:, :44100 * 8] for role, x in song.items()}
    sf.write(folder / "Lead Vox.wav", (short["vocal"] * np.float32(10 ** (-9 / 20))).T, 44100,
             subtype="PCM_24")
    beat = sum(x for role, x in short.items() if role != "vocal")
    sf.write(folder / "beat.wav", beat.T, 44100, subtype="PCM_24")
    sf.write(folder / "mix.wav", (beat + short["vocal"] * np.float32(10 ** (-9 / 20))).T, 44100,
             subtype="PCM_24")
    return folder
