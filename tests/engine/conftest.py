"""Scripted conversations: run the engine's jobs synchronously, as the UI would in a thread."""

from __future__ import annotations

import pytest
from scripted_chat import Chat

from moozix_tui.engine import Engine


@pytest.fixture
def chat(tmp_path, monkeypatch) -> Chat:
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "home"))
    return Chat(Engine.new(sessions_dir=tmp_path / "sessions"))
