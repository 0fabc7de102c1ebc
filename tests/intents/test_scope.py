"""Problem words said of something other than this mix as it is ([scope]): in a sentence of
praise they describe the sound, beside a word of mood they describe how the music feels,
after "the song is about" they tell its story, in general advice they teach, beside the
song's course ("builds from", "opens with") they describe the arrangement. Each gate's
examples read as no complaint and get no choices; its counter-examples, where an excess
word, a contrast, a hedge, a wish or a part named makes them a complaint, keep it."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from intents import understand

SCOPE = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())[
    "scope"]
GATES = ("praise", "mood", "story", "advice", "arrangement", "gear", "technique",
         "recipe", "heard", "admired", "writing", "relation", "trades",
         "agents")
# gates whose examples read nothing but may still offer their level words as choices
CHOICES_LEFT = ("either", "kind", "freed", "tones", "things", "caused", "approved", "devices",
                "places", "intended", "averted", "approving", "pitch", "lessened")


@pytest.mark.parametrize("text", [e for g in GATES for e in SCOPE[g]["examples"]])
def test_words_not_about_the_mix_complain_of_nothing(text):
    heard = understand(text)
    assert heard.intents == ()
    assert heard.guesses == ()


@pytest.mark.parametrize(("text", "layer", "problem"),
                         [e for g in GATES + CHOICES_LEFT for e in SCOPE[g]["counter_examples"]])
def test_a_complaint_beside_them_keeps_it(text, layer, problem):
    assert (layer, problem) in {(i.layer, i.problem) for i in understand(text).intents}


@pytest.mark.parametrize("text", [e for g in CHOICES_LEFT for e in SCOPE[g]["examples"]])
def test_asked_both_ways_or_said_of_a_kind_of_record_reads_nothing(text):
    # no reading; the level words may still be offered as choices to pick from
    assert understand(text).intents == ()


@pytest.mark.parametrize(("text", "expected"), [
    # a quoted title names a song, not a problem (text.toml [quotes] title_words)
    ('"Harsh Light" opens the album with a bang', set()),
    ("the track “Too Loud” is the best thing on the record", set()),
    ('the chorus of "Muddy Water" has a harsh vocal', {("vocal", "harsh")}),
    # quotation in lower case, one stressed word and scare quotes are read
    ('my friend said "the vocal is buried" and I agree', {("vocal", "too_quiet")}),
    ("why does my mix sound “Muddy”?", {("mix", "tonal_balance")}),
    ('the vocal is way too "boomy"', {("vocal", "muddy")}),
    ('it sounded like a "Brick Wall"', {("mix", "loud_master")}),
])
def test_a_quoted_title_names_a_song_not_a_problem(text, expected):
    heard = understand(text)
    assert {(i.layer, i.problem) for i in heard.intents} == expected
    assert heard.unclear == ()   # '"Harsh Light" opens the album' asked "harsh where?"


@pytest.mark.parametrize(("text", "layer", "problem"), SCOPE["advice"]["overall_examples"])
def test_in_general_after_a_complaint_sums_it_up(text, layer, problem):
    """"It was just too loud, in general": said after the problem, "in general" means overall,
    not a lesson about mixes in general (whose problem words judge no mix)."""
    assert (layer, problem) in {(i.layer, i.problem) for i in understand(text).intents}


@pytest.mark.parametrize("text", SCOPE["advice"]["overall_counter_examples"])
def test_in_general_before_a_problem_still_teaches(text):
    assert understand(text).intents == ()


@pytest.mark.parametrize(("text", "layer", "problem"), SCOPE["devices"]["song_tone_examples"])
def test_the_songs_tone_heard_on_a_device_is_its_tone(text, layer, problem):
    """Taxonomy: whole-song tone is `mix` + `tonal_balance`; `mono_collapse` is a part that
    "disappears or falls apart" there. "My mix sounds muddy in the car" is the first."""
    read = {(i.layer, i.problem) for i in understand(text).intents}
    assert (layer, problem) in read and ("mix", "mono_collapse") not in read
