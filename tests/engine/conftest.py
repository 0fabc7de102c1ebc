"""Scripted conversations: run the engine's jobs synchronously, as the UI would in a thread."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scripted_chat import Chat

from moozix_tui.engine import Engine


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


@pytest.fixture
def chat(tmp_path, monkeypatch) -> Chat:
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "home"))
    return Chat(Engine.new(sessions_dir=tmp_path / "sessions"))
