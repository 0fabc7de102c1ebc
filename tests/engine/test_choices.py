"""Numbered choices end to end: picked by number or ordinal, kept across a file upload and
a job, never taken from a file path or a sentence that holds a number; a doubtful reading
goes ahead with its alternatives beside it, and a pick replaces it."""

from __future__ import annotations

import pytest
import soundfile as sf

from moozix_tui.engine.dialogue import picked_numbers

DOUBTFUL = "the vocal next to the piano sounds harsh"
"""'harsh' pairs with the subject (the vocal), past the piano: the keys are the other
reading of the same words."""


@pytest.mark.parametrize(("said", "count", "numbers"), [
    ("2", 3, [2]),
    ("1 and 3", 3, [1, 3]),
    ("the first one", 2, [1]),
    ("number 2 please", 3, [2]),
    ("second", 3, [2]),
    ("both", 2, [1, 2]),
    ("7", 3, []),                                  # no such choice
    ("/music/take 2/vox 1.wav", 3, []),            # a path with digits
    ("vocal 3.wav", 3, []),
    ("C:\\mixes\\song 2\\bass.wav", 3, []),
    ("the vocal is 3 dB too low", 3, []),         # a complaint that holds a number
    ("one more thing: the kick is weak", 3, []),
])
def test_what_counts_as_a_pick(said, count, numbers):
    assert picked_numbers(said, count) == numbers


def _intents(chat):
    return [(i["layer"], i["problem"]) for i in chat.engine.state.intents]


def test_a_sure_reading_comes_with_no_alternatives(chat):
    reply = chat.say("the vocal is too quiet")
    assert "Here's what I heard" in reply and "or did you mean" not in reply
    assert chat.engine.state.pending is None


def test_a_doubtful_reading_goes_ahead_and_a_number_swaps_it(chat):
    reply = chat.say(DOUBTFUL)
    assert "Here's what I heard" in reply and "**lead vocal** — harsh" in reply
    assert "or did you mean" in reply and "1. **keys** — harsh" in reply
    assert "Stems I need" in reply             # the reading went ahead meanwhile
    assert _intents(chat) == [("vocal", "harsh")]
    picked = chat.say("1")
    assert "Got it" in picked and "**keys** — harsh" in picked
    assert _intents(chat) == [("keys", "harsh")]


def test_choices_survive_an_upload_whose_path_holds_digits_and_the_job_after_it(
        chat, song, tmp_path):
    folder = tmp_path / "take 2"
    folder.mkdir()
    for role in ("vocal", "keys"):
        sf.write(folder / f"{role} 1.wav", song[role].T, 44100)
    chat.say(DOUBTFUL)
    # the path holds "2" and "1": under the old reading it picked choice 1
    chat.say(f"{folder / 'vocal 1.wav'} {folder / 'keys 1.wav'}")
    assert _intents(chat) == [("vocal", "harsh")]
    state = chat.engine.state
    assert [m["source"] for m in state.moves[:state.applied]] == ["vocal/harsh"]
    assert state.pending and state.pending["choices"][0]["layer"] == "keys"
    swapped = chat.say("the first one")
    assert "Took out the move planned for the lead vocal harsh" in swapped
    assert _intents(chat) == [("keys", "harsh")]
    assert {m["source"] for m in state.moves[:state.applied]} == {"keys/harsh"}


def test_a_new_description_closes_the_choices(chat):
    chat.say("the vocal sounds weird")            # no problem word: numbered guesses
    assert "choices" in chat.engine.state.pending
    reply = chat.say("the snare is 3 dB too quiet")
    assert _intents(chat) == [("snare", "too_quiet")]
    assert "Got it" not in reply and chat.engine.state.pending is None


def test_choices_stay_open_beside_a_file_waiting_for_its_part(chat, song, tmp_path):
    chat.say("the vocal sounds weird")
    odd = tmp_path / "take 3.wav"                 # a name that says no part
    sf.write(odd, song["keys"].T, 44100)
    asked = chat.say(str(odd))
    assert "Which part" in asked
    assert {"choices", "unplaced"} <= chat.engine.state.pending.keys()
    chat.say("keys")
    assert "choices" in chat.engine.state.pending
    chat.say("2")
    assert len(_intents(chat)) == 1 and _intents(chat)[0][0] == "vocal"


def test_a_pick_typed_while_a_job_runs_is_taken_when_it_ends(chat, song, tmp_path):
    import threading

    for role in ("vocal", "keys"):
        sf.write(tmp_path / f"{role}.wav", song[role].T, 44100)
    engine = chat.engine
    chat.say(DOUBTFUL)
    turn = engine.handle(f"{tmp_path / 'vocal.wav'} {tmp_path / 'keys.wav'}")
    assert turn.job is not None and engine.busy
    assert "Noted" in engine.handle("1").replies[0].markdown    # queued, not yet read
    assert _intents(chat) == [("vocal", "harsh")]
    replies = chat.drain(engine.finish(turn.job, turn.job.run(lambda s, f: None,
                                                              threading.Event())))
    assert any("Got it" in r.markdown for r in replies)
    assert _intents(chat) == [("keys", "harsh")]


def test_none_of_them_keeps_the_reading_or_asks_for_the_words(chat):
    chat.say(DOUBTFUL)
    assert "Staying with what I heard" in chat.say("neither")
    assert _intents(chat) == [("vocal", "harsh")] and chat.engine.state.pending is None
    chat.say("the bass sounds weird")             # numbered guesses, no reading
    assert "own words" in chat.say("none of them")
    assert chat.engine.state.pending is None and _intents(chat) == [("vocal", "harsh")]


@pytest.mark.parametrize(("count", "said"), [
    (1, "Say 1 to take it, or describe"),
    (2, "Say 1 or 2 (several are fine), or describe"),
    (3, "Say 1, 2 or 3 (several are fine), or describe"),
])
def test_the_numbers_offered_are_the_numbers_there_are(chat, count, said):
    """One measured finding was offered as 'Say 1 (several are fine)': there was no
    'several' to pick."""
    from moozix_tui.engine.dialogue import offer

    found = [{"layer": layer, "problem": "too_quiet", "evidence": ""}
             for layer in ("vocal", "bass", "keys")[:count]]
    text = offer(chat.engine.session, found)
    assert said in text
    assert f"{count + 1}. something else" in text
