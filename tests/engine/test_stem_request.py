"""The engine asks for the stems a complaint needs before planning on the ones it has."""

from __future__ import annotations


def test_kick_complaint_over_vocal_and_beat_asks_for_kick_and_bass(chat, buried_vocal_files):
    """With only a vocal and a beat loaded, "the kick is muddy" has no kick stem to fix and
    no bass to compare it with: the engine must ask for both, not plan on the beat."""
    folder = buried_vocal_files
    chat.start()
    chat.drain(chat.engine.add_files([folder / "Lead Vox.wav", folder / "beat.wav"]))
    assert {s.role for s in chat.engine.view.stems if s.status == "ok"} == {"vocal",
                                                                             "instruments"}
    turn = chat.engine.handle("the kick is muddy")
    assert turn.job is None, "a job started instead of asking for the kick and bass stems"
    missing = {s.role for s in chat.engine.view.stems if s.status == "missing"}
    assert {"kick", "bass"} <= missing
    assert "Stems I need" in "\n".join(r.markdown for r in turn.replies)
    assert chat.engine.view.plan == ()


def test_each_missing_part_is_named_once_with_the_name_to_type_where_it_differs(chat):
    """'bass (`bass`)' said the part twice; 'lead vocal (`vocal`)' teaches `vocal=path`."""
    answer = "\n".join(r.markdown for r in chat.engine.handle(
        "the bass is too loud and the vocal is too quiet").replies)
    lines = [x for x in answer.splitlines() if x.startswith("- ○")]
    assert "- ○ **bass**" in lines
    assert "- ○ **lead vocal** (`vocal`)" in lines


def test_go_before_any_audio_asks_for_the_audio_not_the_complaint(chat):
    """With a complaint heard and no file loaded, there is nothing to work with: the stem
    request offers no `go`, and a `go` says what is missing (the audio), not the complaint
    the user has already given."""
    request = chat.say("the vocal is buried")
    assert "Say `go`" not in request
    reply = chat.say("go")
    assert "no audio yet" in reply and "ctrl+o" in reply
    assert "what sounds wrong" not in reply
