"""A resumed session renders the plan it saved: the moves the plan measured and chose not
to make (dsp Plan.idle) are saved with it, so the report keeps their rows."""

from __future__ import annotations

import json

from scripted_chat import Chat

from moozix_tui.engine import Engine
from tests.support.faults import plate_song


def test_a_resumed_render_keeps_the_row_of_a_return_the_plan_left_alone(chat, tmp_path):
    """The plate is the snare's own return; lifting the buried vocal takes everything else
    down against the rest, so the plate needs no move of its own for 'too much reverb on
    the snare' (as in test_reverb_row), and its row is measured on the plate unmoved."""
    folder = plate_song(tmp_path / "files", vocal_db=-14)
    chat.start()
    chat.say("the vocal is way too quiet and there's too much reverb on the snare")
    assert "so Snare Plate gets no level move of its own" in chat.say(str(folder))
    chat.say("the bass is a bit quiet too")  # a later plan adds to what was left out
    saved = json.loads(chat.engine.store.state_path.read_text("utf-8"))
    assert [m["stem"] for m in saved["idle"]] == ["Snare Plate"]

    resumed = Chat(Engine.resume(chat.engine.store.folder))
    resumed.start()
    resumed.say("go")
    rows = {r.label for r in resumed.engine.view.summary.rows}
    assert "Snare Plate vs rest" in rows, rows


def test_a_resumed_session_knows_which_moves_it_rendered(chat, buried_vocal_files):
    """Rendered and exported, quit, resumed: `status` marked every move '(not rendered
    yet)' beside the render's own before → after rows, and the complaint said again got
    'That's in the plan already, not rendered yet … say go to hear it' about a move the
    user had heard (the master is not kept between runs; which moves it made is)."""
    chat.start()
    chat.say("the vocal is too low")
    chat.say(str(buried_vocal_files / "Lead Vox.wav") + " " + str(buried_vocal_files / "beat.wav"))
    chat.say("go")
    assert chat.engine.view.summary is not None

    resumed = Chat(Engine.resume(chat.engine.store.folder))
    resumed.start()
    assert "not rendered yet" not in resumed.say("status")
    assert "not rendered yet" not in resumed.say("the vocal is still too low")


def test_a_resumed_session_does_not_repeat_what_it_said_about_the_files(chat, song, tmp_path):
    """Reopened, the next complaint reloads the files: 'About your files' said again that
    the left/right pair was joined and the 44.1 kHz file converted, news an hour ago."""
    import soundfile as sf

    sf.write(tmp_path / "Lead Vox.wav", song["vocal"][:, :44100 * 6].T * 0.3, 44100)
    beat = sum(x for role, x in song.items() if role != "vocal")[:, :44100 * 6]
    sf.write(tmp_path / "beat.wav", beat.T, 48000)
    chat.start()
    chat.say("the vocal is too low")
    planned = chat.say(f'"{tmp_path / "Lead Vox.wav"}" "{tmp_path / "beat.wav"}"')
    assert "converted to" in planned
    chat.say("go")

    resumed = Chat(Engine.resume(chat.engine.store.folder))
    resumed.start()
    again = resumed.say("the vocal is still too low")
    assert "The plan" in again and "converted to" not in again, again
