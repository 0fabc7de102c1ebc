"""A complaint never hits a dead end: unclear words get numbered choices, a vague
'it sounds bad' gets a measured diagnosis, 'muddy where?' gets a measured default."""

from __future__ import annotations

import numpy as np
import soundfile as sf

from dsp.filters import apply_sos, bell


def _muddy_keys_song(song, folder):
    """The injected fault: +8 dB at 250 Hz on the keys only."""
    for role in ("bass", "keys", "vocal"):
        audio = song[role]
        if role == "keys":
            audio = apply_sos(audio, bell(250.0, 8.0, 1.0, 44100)).astype(np.float32)
        sf.write(folder / f"{role}.wav", audio.T, 44100)
    return " ".join(str(folder / f"{r}.wav") for r in ("bass", "keys", "vocal"))


def test_muddy_where_offers_the_measured_part_and_yes_takes_it(chat, song, tmp_path):
    chat.say(_muddy_keys_song(song, tmp_path))
    chat.say("the whole song is too quiet")          # measures the stems
    question = chat.say("it's muddy")
    assert "Muddy where" in question and "say `yes` to fix the keys" in question
    chat.say("yes")
    assert ("keys", "muddy") in {(i["layer"], i["problem"]) for i in chat.engine.state.intents}
    assert any(m["stem"] == "keys" for m in chat.engine.state.moves)


def test_too_quiet_where_offers_the_part_measured_lowest(chat, song, tmp_path):
    """The injected fault: the keys 12 dB down. A level word that places a part, with no
    part named ("an afterthought"), asks which part and offers the one the measurement finds
    under its range, with the figures it rests on, as `moozix fix` resolves it."""
    for role in ("bass", "keys", "vocal"):
        gain = 10 ** (-12 / 20) if role == "keys" else 1.0
        sf.write(tmp_path / f"{role}.wav", (song[role] * gain).T, 44100)
    chat.say(" ".join(str(tmp_path / f"{r}.wav") for r in ("bass", "keys", "vocal")))
    chat.say("the whole song is too quiet")          # measures the stems
    question = chat.say("the chorus feels like an afterthought")
    assert "Too quiet where" in question and "say `yes` to fix the keys" in question
    assert "LU" in question.split("By the measurement", 1)[1]
    chat.say("yes")
    assert ("keys", "too_quiet") in {(i["layer"], i["problem"])
                                     for i in chat.engine.state.intents}


def test_muddy_where_offers_only_loaded_parts(chat, song, tmp_path):
    chat.say(_muddy_keys_song(song, tmp_path))
    question = chat.say("it's muddy")
    assert "guitars" not in question and "kick" not in question
    assert "keys" in question and "whole song" in question


def test_a_vague_complaint_gets_a_measured_diagnosis_with_choices(chat, song, tmp_path):
    stems = _muddy_keys_song(song, tmp_path)
    asked = chat.say("it just sounds bad")
    assert "measure" in asked
    found = chat.say(stems)
    assert "What stands out" in found and "1." in found
    chat.say("1")
    assert chat.engine.state.intents, "picking a finding makes it a complaint"


def test_a_measured_pick_is_said_back_without_its_figures_again(chat, song, tmp_path):
    """The figures of a measured finding are on screen with the choice and in the plan's
    moves: 'Got it' repeated them (13 lines of an 80-column chat for the demo's mud)."""
    stems = _muddy_keys_song(song, tmp_path)
    chat.say("it just sounds bad")
    found = chat.say(stems)
    first = found.split("\n1. ", 1)[1].split("\n2. ", 1)[0]
    evidence = first.split(" (", 1)[1].rsplit(")", 1)[0]
    picked = chat.say("1")
    said_back = picked.split("Got it:", 1)[1].split("\n\n", 2)[1]
    assert "the measurement points to" in said_back and evidence not in said_back


def test_words_with_no_certain_reading_get_numbered_choices(chat):
    reply = chat.say("the vocal sounds weird")      # a part, but no problem word
    assert "Here's what I heard" not in reply
    assert "1." in reply and "something else" in reply and "lead vocal" in reply
    chat.say("1")
    assert [i["layer"] for i in chat.engine.state.intents] == ["vocal"]


def test_a_part_described_in_unknown_words_gets_choices_quoting_them(chat):
    reply = chat.say("the synth pad takes effort to hear")
    assert "Here's what I heard" not in reply and "something else" in reply
    assert "“synth pad takes effort to hear”" in reply.split("\n1. ", 1)[0]   # quoted once
    first = reply.split("\n1. ", 1)[1].splitlines()[0]
    assert "too quiet" in first and "effort" not in first
    chat.say("2")
    assert [(i["layer"], i["problem"]) for i in chat.engine.state.intents] == [("keys", "masking")]
