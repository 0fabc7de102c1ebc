"""Guesses when no intent is found: ranked from every cue in the text, and none for a
message that holds nothing a complaint is made of.

Expectations are worked out by hand: "far back" places a part low in the mix (too quiet),
"on top of" high (too loud), "more" asks for more of it; a level that changes is uneven.
"""

from __future__ import annotations

import pytest

from intents import understand


def _top(text: str, n: int = 1):
    u = understand(text)
    assert u.intents == (), f"{text!r} is read with certainty: not a guessing case"
    return [(g.layer, g.problem) for g in u.guesses[:n]]


@pytest.mark.parametrize(("text", "first"), [
    ("the acoustic guitar sits back", ("guitars", "too_quiet")),
    ("a few dB more on the kick", ("kick", "too_quiet")),
    ("in a playlist my song sits below the others in volume", ("mix", "quiet_master")),
    ("the vocal gain changes in the bridge", ("vocal", "inconsistent")),
    ("the vocal, a few dB more", ("vocal", "too_quiet")),
    # a direction or a removal said of the part's level
    ("the bass, a touch upwards", ("bass", "too_quiet")),
    ("the record had much of the bass removed", ("bass", "too_quiet")),
    ("the snare could use a nudge downwards", ("snare", "too_loud")),
])
def test_a_level_word_without_a_link_puts_its_reading_first(text, first):
    assert _top(text) == [first]


@pytest.mark.parametrize("text", ["the vocal level", "the overall volume"])
def test_a_part_named_with_a_level_word_is_offered_both_ways_first(text):
    assert {p for _, p in _top(text, 2)} <= {"too_quiet", "too_loud", "quiet_master",
                                              "loud_master"}
    assert len(_top(text, 2)) == 2


def test_a_level_quality_said_plainly_may_mean_the_part_is_over_the_top():
    assert ("keys", "too_loud") in _top("the pads are on top the whole time", 4)


@pytest.mark.parametrize("text", [
    "she has lovely vocals",
    "what do you think of the 808 in this one, honestly",
    "the bass is punchy",
    "the drummer plays a great groove on this record",
    "do you record the rap vocals in one take or in parts",
    "we recorded the guitars in my uncle's barn last summer",
    # praise: tone and level words describe here, they do not complain
    "the production is clean and clear, and the low end is present",
    "the mix is loud and nicely balanced",
    "everything is crisp and bright",
])
def test_no_guesses_where_nothing_is_a_complaint(text):
    assert understand(text).guesses == ()


@pytest.mark.parametrize("text", ["what about the snare", "the vocal?",
                                  "honestly the synth in the second verse sounds weird to me",
                                  "the bass in the chorus needs something, not sure what"])
def test_a_bare_or_judged_part_still_gets_its_usual_readings(text):
    u = understand(text)
    assert u.intents == () and u.guesses


@pytest.mark.parametrize(("text", "first"), [
    # a short judgement that names nothing judges the sentence before it
    ("The reverb was added for an epic feeling. Annoying.", ("fx", "too_much_reverb")),
    ("There is a tambourine in the bridge. Weird.", ("drums", "weak")),
    # a lack said of a part
    ("the bass is largely devoid of actual bass", ("bass", "muddy")),
])
def test_a_judgement_or_a_lack_near_a_part_offers_its_usual_problems(text, first):
    assert _top(text) == [first]


def test_a_judgement_naming_its_own_part_judges_only_its_own_sentence():
    heard = understand("The piano comes in at the bridge. The guitars are weird.")
    assert {g.layer for g in heard.guesses} == {"guitars"}
