"""What a fresh musician met in the chat: a file named twice in its own warning, 'Rendering 0
moves', and 'Also worth a look' offering a part's problem the plan had just fixed."""

from __future__ import annotations

import numpy as np
import soundfile as sf

from tests.support.faults import boost


def test_a_warned_file_is_named_once(chat, song, tmp_path):
    bass = song["bass"][:, :44100 * 4].copy()
    bass[:, 44100:44100 + 300] = np.nan
    sf.write(tmp_path / "Bass.wav", bass.T, 44100, subtype="FLOAT")
    chat.say("the bass is too quiet")
    reply = chat.say(str(tmp_path / "Bass.wav"))
    line = next(x for x in reply.splitlines() if x.startswith("- ⚠")).replace("\\", "")
    assert line.count("Bass.wav") == 1 and "600 broken samples" in line, line


def test_undoing_the_only_move_renders_no_moves_in_words(chat, buried_vocal_files):
    folder = buried_vocal_files
    chat.say("the vocal is too quiet")
    chat.say(f"vocal={folder / 'Lead Vox.wav'} instruments={folder / 'beat.wav'}")
    chat.say("go")
    undone = chat.say("undo")
    assert "0 moves" not in undone and "with no moves" in undone


def test_a_part_the_plan_already_cuts_is_not_offered_again(chat, song, tmp_path):
    """'the bass is muddy' with the keys just as muddy (+8 dB at 250 Hz on both): the plan
    cuts the keys too, for the bass's complaint; 'Also worth a look' listed 'keys — muddy'."""
    for name, role in (("Bass.wav", "bass"), ("Keys.wav", "keys")):
        sf.write(tmp_path / name, boost(song[role], 250, 8)[:, :44100 * 6].T, 44100)
    sf.write(tmp_path / "Vocal.wav", song["vocal"][:, :44100 * 6].T, 44100)
    chat.say("the bass is muddy")
    answer = chat.say(str(tmp_path))
    assert "Cut the keys" in answer, answer
    assert "**keys** — muddy" not in answer
