"""Scripted conversations: run the engine's jobs synchronously, as the UI would in a thread."""

from __future__ import annotations

import pytest
from scripted_chat import Chat

from moozix_tui.engine import Engine


@pytest.fixture
def chat(tmp_path, monkeypatch) -> Chat:
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "home"))
    return Chat(Engine.new(sessions_dir=tmp_path / "sessions"))


@pytest.fixture
def demo_chat(tmp_path, monkeypatch) -> Chat:
    """A chat on the demo song, made 8 s long, started and ready for a complaint."""
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "home"))
    from moozix_tui.engine import demo

    real = demo.make_demo
    monkeypatch.setattr("moozix_tui.engine.engine.make_demo", lambda: real(duration_s=8.0))
    chat = Chat(Engine.new(sessions_dir=tmp_path / "s", demo=True))
    chat.start()
    return chat
