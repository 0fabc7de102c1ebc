"""What a first-time user reads: every number on screen carries its unit."""

from __future__ import annotations


def test_the_side_panel_target_says_its_loudness(chat):
    chat.start()
    # streaming services normalise to about -14 LUFS (Spotify, YouTube)
    assert chat.engine.view.target == "streaming, -14 LUFS"
    chat.say("target -12")
    assert chat.engine.view.target == "-12 LUFS"
    assert "-12 LUFS" in chat.say("status").split("**Target**")[1].split("·")[0]


def test_nothing_stands_out_after_a_master_offers_what_is_left(tmp_path, monkeypatch):
    """Once the song is mastered, 'what's wrong with it?' must not offer to master it."""
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "home"))
    from scripted_chat import Chat

    from moozix_tui.engine import Engine, demo

    real = demo.make_demo
    monkeypatch.setattr("moozix_tui.engine.engine.make_demo", lambda: real(duration_s=8.0))
    chat = Chat(Engine.new(sessions_dir=tmp_path / "s", demo=True))
    chat.start()
    chat.say("the vocal is too low")
    chat.say("go")
    answer = chat.say("what's wrong with it?")
    assert "nothing stands out" in answer
    assert "to master it" not in answer and "louder" in answer and "export" in answer
