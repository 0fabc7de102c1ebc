"""Never a dead end: guesses when no intent is certain, and vague whole-song complaints."""

from __future__ import annotations

import json

import pytest

from intents import MASTER_PROBLEMS, PROBLEMS, WHOLE_SONG_PROBLEMS, understand
from moozix_tui.cli import main

VAGUE = ["sounds amateur", "it's not radio ready", "something's off with my mix",
         "it just sounds bad", "my mix sounds cheap and unprofessional",
         "the song sounds weird"]


@pytest.mark.parametrize("text", VAGUE)
def test_vague_whole_song_complaints_are_flagged_with_whole_song_guesses(text):
    u = understand(text)
    assert u.vague and u.kind == "complaint" and u.intents == ()
    assert u.guesses and all(g.layer == "mix" and g.route == "master" for g in u.guesses)


@pytest.mark.parametrize("text", ["the mix doesn't sound bad at all", "hello there",
                                  "the vocal is too quiet", "this is a bad day"])
def test_not_vague(text):
    assert not understand(text).vague


@pytest.mark.parametrize("text", [
    # a quality of a finished record denied of the sound or "it" (lexicon [vague] qualities)
    "this doesn't sound radio ready", "my songs never sound professional",
    "it doesn't sound finished", "my mix isn't release ready", "not radio ready",
    # ... or lacked (`lacking` x `qualities`)
    "it lacks polish", "it needs more polish", "it doesn't have that commercial sheen",
    "the mix could use some polish"])
def test_a_finished_records_quality_denied_or_lacked_is_vague(text):
    u = understand(text)
    assert u.vague and u.intents == ()


@pytest.mark.parametrize("text", ["I'm not a pro, just a hobbyist",
                                  "this isn't a commercial release, just a demo for friends",
                                  "it has that commercial sheen now",
                                  "the vocal doesn't sound professional"])
def test_a_finished_quality_not_said_of_the_song_is_no_verdict(text):
    assert not understand(text).vague


@pytest.mark.parametrize(("text", "vague"), [
    # a verdict on an aspect of the sound (lexicon [vague] about_sound)
    ("the balance is off", True), ("the levels are off", True), ("the tone is off", True),
    ("the production is weird", True),
    # ... not on something else, nor praise
    ("the tone of his voice is weird", False), ("the balance of the album is lovely", False)])
def test_a_verdict_on_an_aspect_of_the_sound_is_vague(text, vague):
    assert understand(text).vague is vague


@pytest.mark.parametrize("text", ["the lyrics don't translate to other languages",
                                  "my songs don't translate into another language",
                                  "the jokes do not translate to english"])
def test_a_verdict_inside_a_phrase_not_about_the_mix_is_not_vague(text):
    u = understand(text)
    assert not u.vague and u.intents == () and u.guesses == ()


@pytest.mark.parametrize("text", ["the mix doesn't translate", "my master does not translate"])
def test_a_mix_that_does_not_translate_stays_vague(text):
    assert understand(text).vague


def test_a_misspelt_problem_word_is_the_first_guess():
    u = understand("the hats are kinda piercingg")
    assert u.intents == ()
    assert (u.guesses[0].layer, u.guesses[0].problem) == ("cymbals", "harsh")
    assert u.guesses[0].evidence == "piercingg"
    scores = [g.score for g in u.guesses]
    assert scores == sorted(scores, reverse=True) and len(u.guesses) <= 4


def test_a_named_part_without_a_problem_word_offers_readings_of_that_part():
    u = understand("what about the snare")
    assert {g.layer for g in u.guesses} == {"snare"}


def test_no_guesses_when_an_intent_is_certain_or_nothing_is_about_sound():
    assert understand("the vocal is too quiet").guesses == ()
    assert understand("nice weather today").guesses == ()
    assert understand("the vocal sounds great").guesses == ()


def test_json_carries_guesses_and_vague(capsys):
    assert main(["parse", "--json", "sounds amateur"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["vague"] is True and out["guesses"][0]["layer"] == "mix"
    d = understand("sounds amateur").to_dict()
    assert {"text", "kind", "intents", "unclear", "corrections", "topic", "guesses",
            "vague"} <= d.keys()


def test_whole_song_problem_ids():
    assert set(WHOLE_SONG_PROBLEMS) == set(PROBLEMS)
    assert WHOLE_SONG_PROBLEMS["muddy"] == "tonal_balance"
    assert WHOLE_SONG_PROBLEMS["too_quiet"] == "quiet_master"
    assert WHOLE_SONG_PROBLEMS["narrow"] == "narrow"
    assert MASTER_PROBLEMS == {"quiet_master", "loud_master", "tonal_balance"}
