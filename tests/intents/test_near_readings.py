"""Readings musicians say with the same words ([guesses.near]): beside a level reading said
through a relation between two parts, the other party's level and the part's masking; beside
a masking reading, each part's level; beside a level verb of unclear direction in a wish, the
other direction. Plain level words stay sure.

Expectations are worked out by hand from the taxonomy: "A covers B" is A too loud and
"B lost under A" is B too quiet; the same words are heard by many as B too quiet, A too loud
or the two fighting (masking), so those are the near readings. Which way a masking part
leans is the first level problem of its [guesses.priors].
"""

from __future__ import annotations

import pytest

from intents import understand


def _read(text: str):
    u = understand(text)
    return ([(i.layer, i.problem) for i in u.intents],
            [(g.layer, g.problem, g.instead_of) for g in u.guesses])


@pytest.mark.parametrize(("text", "reading", "near"), [
    # the part too quiet, said through the part over it
    ("the vocal is lost in the guitars", ("vocal", "too_quiet"),
     [("guitars", "too_loud", 0), ("vocal", "masking", 0)]),
    ("I can't hear the vocal over the guitars", ("vocal", "too_quiet"),
     [("guitars", "too_loud", 0), ("vocal", "masking", 0)]),
    ("the hi-hats get swallowed by the synths", ("cymbals", "too_quiet"),
     [("keys", "too_loud", 0), ("cymbals", "masking", 0)]),
    # the part over another: too loud, near the other too quiet
    ("the guitars bury the vocal", ("guitars", "too_loud"),
     [("vocal", "too_quiet", 0), ("guitars", "masking", 0)]),
    ("the 808 steamrolls the kick", ("bass", "too_loud"),
     [("kick", "too_quiet", 0), ("bass", "masking", 0)]),
])
def test_a_level_reading_through_a_relation_offers_the_other_party_and_masking(
        text, reading, near):
    intents, guesses = _read(text)
    assert intents == [reading]
    assert guesses == near


def test_each_other_party_is_offered_nearest_first_within_the_cap():
    intents, guesses = _read("the vocal is buried under the guitars and the keys")
    assert intents == [("vocal", "too_quiet")]
    assert guesses == [("guitars", "too_loud", 0), ("keys", "too_loud", 0),
                       ("vocal", "masking", 0)]


def test_parts_listed_together_are_not_each_others_other_party():
    # "the bass and drums" do one thing to the vocal: neither is the other's rival
    intents, guesses = _read("the bass and drums bury the vocal")
    assert intents == [("bass", "too_loud"), ("drums", "too_loud")]
    assert ("drums", "too_quiet") not in [g[:2] for g in guesses]
    assert ("bass", "too_quiet") not in [g[:2] for g in guesses]
    assert guesses[0] == ("vocal", "too_quiet", 0)


@pytest.mark.parametrize(("text", "near"), [
    # vocal leans too quiet, guitars too loud (their priors)
    ("the vocal and the guitars clash", [("vocal", "too_quiet", 0), ("guitars", "too_loud", 1)]),
    ("the kick and bass are fighting", [("kick", "too_quiet", 0), ("bass", "too_loud", 1)]),
    ("the vocal is fighting for space", None),
])
def test_a_masking_reading_offers_each_parts_level(text, near):
    intents, guesses = _read(text)
    if near is None:   # no masking read: nothing to stand beside
        assert intents == []
        return
    assert [p for _, p in intents] == ["masking", "masking"]
    assert guesses == near


@pytest.mark.parametrize(("text", "reading", "near"), [
    # advice about where a part sits, or a wish for it to move
    ("the vocal should sit back a little", ("vocal", "too_loud"), ("vocal", "too_quiet", 0)),
    ("I'd push the vocal back a bit", ("vocal", "too_loud"), ("vocal", "too_quiet", 0)),
])
def test_a_level_verb_of_unclear_direction_in_a_wish_offers_the_other_direction(
        text, reading, near):
    assert _read(text) == ([reading], [near])


@pytest.mark.parametrize("text", [
    "the vocal is too quiet",
    "the guitars are too loud",
    "the snare is too loud compared to the vocal",     # plain level words beside a part
    "the vocal is quieter than the guitars",
    "the kick sticks out like a sore thumb",           # the verb said plainly
    "the vocal doesn't stand out",
    "the snare could poke out more",                   # a comparison says which way
    "the piano is drowned out by the strings",         # strings are keys: one part
])
def test_plain_words_keep_a_sure_reading_sure(text):
    intents, guesses = _read(text)
    assert intents and guesses == []


def test_alternatives_never_change_the_intents():
    # the same words with and without a rival part: the reading is the same
    alone, _ = _read("the vocal is buried")
    beside, guesses = _read("the vocal is buried under the guitars")
    assert alone == beside == [("vocal", "too_quiet")]
    assert guesses


@pytest.mark.parametrize(("text", "reading", "near"), [
    # a verb of request telling of the change made: the part may now be over the top
    ("the guitarist will crank up the guitar again", ("guitars", "too_quiet"),
     ("guitars", "too_loud", 0)),
])
def test_a_verb_of_request_telling_of_a_change_offers_the_other_direction(text, reading, near):
    assert _read(text) == ([reading], [near])


@pytest.mark.parametrize("text", [
    "turn up the vocals!",                                   # an order
    "please bring up the vocal",
    "the vocal could be brought up a bit",                   # a wish
    "the vocal needs to be louder and the bass turned down",  # a wish earlier in the sentence
    "the bass is heavily boosted",                           # a state
    "the drum mics seemed to be turned off",
])
def test_a_verb_of_request_said_as_an_order_a_wish_or_a_state_is_sure(text):
    intents, guesses = _read(text)
    assert intents and guesses == []
