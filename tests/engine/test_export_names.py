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
