"""Beside a doubtful reading, the other readings of the same words: "the music" in a message
that names no voice may be the whole song ([guesses.doubt] voiceless), so the whole song's
reading is offered beside the music's (and the music's beside the song's, for a mastering
fault read as the song's); with a voice named, "the music" is the music under
it and the reading is sure."""

from __future__ import annotations

import pytest

from intents import understand


@pytest.mark.parametrize(("text", "reading", "beside"), [
    # a mastering fault or an uneven level of the music is read as the song's
    # ([music_as_song]), the music's own reading beside it
    ("the game music volume jumps around between levels", ("mix", "inconsistent"),
     ("instruments", "inconsistent")),
    ("the menu music sounds distorted", ("mix", "distorted"), ("instruments", "distorted")),
    ("the instrumental is way too loud", ("instruments", "too_loud"), ("mix", "loud_master")),
])
def test_the_music_with_no_voice_named_may_be_the_whole_song(text, reading, beside):
    heard = understand(text)
    assert [(i.layer, i.problem) for i in heard.intents] == [reading]
    assert [(g.layer, g.problem, g.instead_of) for g in heard.guesses] == [(*beside, 0)]


@pytest.mark.parametrize("text", ["the music is way too loud for the vocal",
                                  "the instruments are way too loud"])
def test_the_music_under_a_voice_or_named_as_instruments_is_sure(text):
    heard = understand(text)
    assert ("instruments", "too_loud") in {(i.layer, i.problem) for i in heard.intents}
    assert heard.guesses == ()
