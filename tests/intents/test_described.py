"""Never a dead end for words the vocabulary does not know: a part said to sound some way
or heard with trouble gets its usual problems as numbered choices ([guesses.described]);
praise and plain narration about a part get none."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from intents import understand

DESCRIBED = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())[
    "guesses"]["described"]
GUESSES = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())[
    "guesses"]
PRIORS = GUESSES["priors"]
LEAST_FIRST = min(GUESSES[k] for k in ("set_aside", "near_miss", "graded", "prior", "vague",
                                        "level_score"))
"""The lowest weight a guess made for a reason starts at; the last resort's are below it."""


@pytest.mark.parametrize(("text", "layer", "first"), DESCRIBED["examples"])
def test_a_described_part_is_offered_its_closest_readings(text, layer, first):
    heard = understand(text)
    assert heard.intents == ()
    assert (heard.guesses[0].layer, heard.guesses[0].problem) == (layer, first)
    assert {g.layer for g in heard.guesses} == {layer}
    # the choice quotes the words it rests on, not only the part's name
    assert len(heard.guesses[0].evidence.split()) > 1


def test_a_part_heard_with_trouble_is_offered_too_quiet_before_its_usual_problems():
    heard = understand("the synth pad takes effort to hear")
    assert [g.problem for g in heard.guesses[:2]] == DESCRIBED["heard"]
    described = understand("the synth pad feels kind of wonky")
    assert [g.problem for g in described.guesses] == PRIORS["keys"]


@pytest.mark.parametrize("text", DESCRIBED["counter_examples"])
def test_praise_and_narration_about_a_part_get_no_choices(text):
    heard = understand(text)
    assert heard.intents == () and heard.guesses == ()


def test_a_short_sentence_naming_a_part_in_a_longer_message_is_about_it():
    heard = understand("The vocals were fine. What about the guitars?")
    assert heard.intents == ()
    assert [g.problem for g in heard.guesses if g.layer == "guitars"] == PRIORS["guitars"][:4]
    assert understand("What a night. We loved it.").guesses == ()


@pytest.mark.parametrize("text", ["the verse and the chorus differ a lot in level",
                                  "the gain differs from song to song"])
def test_levels_said_to_differ_offer_an_uneven_level_first(text):
    heard = understand(text)   # read as an uneven level, or offered one first
    first = heard.intents[0] if heard.intents else heard.guesses[0]
    assert (first.layer, first.problem) == ("mix", "inconsistent")


def test_a_reverb_named_beside_a_part_offers_that_parts_reverb_too():
    heard = understand("the hall reverb and the strings need work")
    offered = [(g.layer, g.problem) for g in heard.guesses]
    assert ("fx", "too_much_reverb") in offered and ("keys", "too_much_reverb") in offered


@pytest.mark.parametrize(("text", "layer"), DESCRIBED["turned_examples"])
def test_praise_turned_to_a_complaint_keeps_the_choices(text, layer):
    assert layer in {g.layer for g in understand(text).guesses}


@pytest.mark.parametrize(("text", "layers"), [
    ("it sounds like the vocal is in another room", ["vocal"]),
    ("it sounds like the kick and snare are whacking you in the face", ["kick", "snare"]),
    # a question asking how to make a part sit or fit: its place in the mix is the sound
    ("how do I make the vocal sit better?", ["vocal"]),
    ("how can I get the kick to fit?", ["kick"]),
])
def test_a_part_in_a_sentence_about_the_sound_is_never_a_dead_end(text, layers):
    # nothing read or guessed otherwise: each part's usual problems, most likely first,
    # ranked below any guess made for a reason
    heard = understand(text)
    assert heard.intents == ()
    assert [(g.layer, g.problem) for g in heard.guesses[:len(layers)]] == [
        (layer, PRIORS[layer][0]) for layer in layers]
    assert all(g.score < LEAST_FIRST for g in heard.guesses)
    assert heard.kind != "complaint"   # too weak to count as a complaint on its own


@pytest.mark.parametrize("text", [
    "does it sound like the guitars are doubled?",       # a question about the music
    "it sounds like the vocal was recorded in a great room",   # praise
    "what do you think of the 808 in this mix?",
    "the bass was recorded in one take",                 # no word about the sound
])
def test_praise_a_question_or_no_word_about_the_sound_gets_no_last_resort(text):
    assert understand(text).guesses == ()


@pytest.mark.parametrize(("text", "layer"), [
    ("the vocal tone is off", "vocal"), ("the guitar tone is weird", "guitars"),
    ("the bass tone sucks", "bass")])
def test_a_parts_tone_judged_offers_its_tone_problems_first(text, layer):
    """[guesses.described] tone_words: "the vocal tone is off" offered "too quiet" and "too
    loud" first, though the words judge the tone, not the level."""
    heard = understand(text)
    assert heard.intents == ()
    assert [g.layer for g in heard.guesses[:3]] == [layer] * 3
    assert {g.problem for g in heard.guesses[:3]} <= set(DESCRIBED["tone_problems"])
