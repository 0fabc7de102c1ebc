"""A DAW export dropped into the chat: each file's part read from its name, the files read
together, and the answer to 'which part is it?'."""

from __future__ import annotations

import soundfile as sf

SECONDS = 4


def _export(song, folder, names: dict[str, str]):
    for name, role in names.items():
        sf.write(folder / name, song[role][:, :44100 * SECONDS].T, 44100)
    return folder


def _parts(chat) -> dict[str, str]:
    return {s.path.rsplit("/", 1)[-1]: s.role for s in chat.engine.view.stems}


def test_a_room_mic_numbered_among_the_kit_joins_the_drums(chat, song, tmp_path):
    """The walk of a 24-file export: '07 Room.wav' between '06 Snare Top' and '08 OH L' was
    placed with the reverb returns, and 'the drums are too quiet' left the kit's room mics
    where they were."""
    _export(song, tmp_path, {"05 Kick In.wav": "kick", "06 Snare Top.wav": "snare",
                             "07 Room.wav": "cymbals", "08 OH L.wav": "cymbals",
                             "09 Bass DI.wav": "bass"})
    answer = chat.say(str(tmp_path))
    assert _parts(chat)["07 Room.wav"] == "drums", answer
    assert "reverb and effects" not in answer


def test_which_part_answered_with_the_part_and_what_it_is_not(chat, song, tmp_path):
    """'Which part is it?' answered 'keys, not the click' left the file out: the click it is
    not read as 'that's the click', and leaving it out won over the part named."""
    _export(song, tmp_path, {"Kick.wav": "kick", "Bass.wav": "bass",
                             "23 Audio 1.wav": "keys"})
    assert "Which part is it?" in chat.say(str(tmp_path))
    chat.say("keys, not the click")
    assert _parts(chat)["23 Audio 1.wav"] == "keys"
    assert str(tmp_path / "23 Audio 1.wav") not in chat.engine.state.set_aside


def test_which_part_answered_with_what_it_is_not_and_leave_it_out(chat, song, tmp_path):
    """The part a file is not is no answer: 'not the keys, leave it out' leaves it out."""
    _export(song, tmp_path, {"Kick.wav": "kick", "Bass.wav": "bass",
                             "23 Audio 1.wav": "keys"})
    chat.say(str(tmp_path))
    chat.say("not the keys, leave it out")
    assert str(tmp_path / "23 Audio 1.wav") in chat.engine.state.set_aside
    assert "keys" not in set(_parts(chat).values())


def test_muddy_where_answered_with_the_part_and_what_it_is_not(chat, song, tmp_path):
    """'Muddy where?' answered 'the keys, not the bass' is the keys: the bass, named as
    what it is not, ranked first among the parts the answer named."""
    _export(song, tmp_path, {"Kick.wav": "kick", "Bass.wav": "bass", "Keys.wav": "keys"})
    chat.say(str(tmp_path))
    assert "Muddy where" in chat.say("the low end is muddy")
    answer = chat.say("the keys, not the bass")
    assert "keys — muddy" in answer.replace("**", ""), answer


def test_a_name_with_markup_like_brackets_is_read_and_shown_as_it_is(chat, song, tmp_path):
    """'BV [bold] take 2.wav' hid 'BV' in the walk of an export: its part comes from its
    name and the chat shows the name as it is, as inline code."""
    _export(song, tmp_path, {"Kick.wav": "kick", "BV [bold] take 2.wav": "vocal",
                             "[Keys] {v2}.wav": "keys"})
    answer = chat.say(str(tmp_path))
    assert _parts(chat) == {"Kick.wav": "kick", "BV [bold] take 2.wav": "backing_vocals",
                            "[Keys] {v2}.wav": "keys"}
    assert "`BV [bold] take 2.wav`" in answer and "`[Keys] {v2}.wav`" in answer, answer


def test_a_take_named_by_its_number_is_the_file_moved(chat, song, tmp_path):
    """'the BV take 2 is too loud' with 'BV take 2' and 'BV take 3' turned both takes down:
    a number after 'take' names the take (files.toml [labels] takes)."""
    _export(song, tmp_path, {"Kick.wav": "kick", "Keys.wav": "keys", "Lead Vox.wav": "vocal",
                             "BV take 2.wav": "vocal", "BV take 3.wav": "vocal"})
    chat.say(str(tmp_path))
    chat.say("the BV take 2 is too loud")
    assert [m["stem"] for m in chat.engine.state.moves] == ["BV take 2"]


def test_the_doubles_named_move_the_lead_s_double_file(chat, song, tmp_path):
    """With a lead's double in the lead vocal ('12 Dbl' after '11 Lead Vox'), 'the doubles
    are too loud' (the taxonomy's backing vocals, of which there was no file) cut the whole
    mix at 2.5 kHz; the double named is that file, moved alone."""
    _export(song, tmp_path, {"Kick.wav": "kick", "Keys.wav": "keys",
                             "11 Lead Vox.wav": "vocal", "12 Dbl.wav": "vocal"})
    chat.say(str(tmp_path))
    assert _parts(chat)["12 Dbl.wav"] == "vocal"
    chat.say("the doubles are too loud")
    moves = chat.engine.state.moves
    assert [(m["stem"], m["op"]) for m in moves] == [("12 Dbl", "gain")], moves
    assert moves[0]["params"]["gain_db"] < 0
