"""Negation and contrast: a parser that ignored them would fail every case here.

The negator sits two to four words before the problem word on purpose, so a
negation window shortened to one word misses them.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from intents import parse

NEGATION = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())[
    "negation"]

NEGATED = [
    "the kick doesn't sound muddy",
    "the snare isn't at all harsh",
    "the vocal is not really buried",
    "the hats are not that piercing",
    "the bass doesn't feel boomy to me",
    "the mix is not overly compressed",
    "the pads never get really washy",
    "the drums don't lack punch",
    "the vocal doesn't sound too quiet",
    "the keys are not very dull",
    "the guitars are not at all thin",
    "the 808 doesn't seem too loud",
]

# review prose says a problem is absent in more ways than "not": a negative inversion
# ("not once", "at no point") denies its whole clause, "free of", "free from" and "zero"
# deny what follows them
ABSENT = [
    "not once did the vocal get buried",
    "at no point does the bass get muddy",
    "at no time did the snare sound harsh",
    "not for a second does the vocal sound thin",
    "the strings swell without once drowning the vocal",
    "the kick is punchy with zero mud",
    "zero harshness on the vocal",
    "the mix is free of mud",
    "the hats are free from harshness",
]

# a warning names what to keep away; it says no part is so (a tutorial's advice)
WARNED = [
    "try not to let the pads cover the vocal",
    "avoid letting the guitars bury the vocal",
    "be careful not to make the vocals too bright",
    "you don't want the bass to mask the kick",
    "take care not to make the reverb too long",
    "make sure the bass doesn't mask the kick",
]

# ... while a lack said with "zero", and a complaint beside a warning, still complain
STILL_SAID = [
    ("the kick has zero punch", ("kick", "weak")),
    ("the hats have zero sparkle", ("cymbals", "dull")),
    ("there is zero low end", ("mix", "tonal_balance")),
    ("the vocal is buried, try not to let the guitars cover it", ("vocal", "too_quiet")),
    ("the snare is never loud enough", ("snare", "too_quiet")),
]

CONTRASTED = [
    ("the bass isn't muddy, it's the guitars", [("guitars", "muddy")]),
    ("the vocal doesn't sound too quiet, the guitars are just too loud",
     [("guitars", "too_loud")]),
    ("the snare is not really harsh but the hats are", [("cymbals", "harsh")]),
    ("not the kick, the bass is the boomy one", [("bass", "muddy")]),
]


@pytest.mark.parametrize("text", NEGATED)
def test_negated_complaints_give_no_intent(text):
    assert parse(text) == []


@pytest.mark.parametrize(("text", "expected"), CONTRASTED)
def test_contrast_moves_the_complaint_to_the_other_part(text, expected):
    assert [(i.layer, i.problem) for i in parse(text)] == expected


@pytest.mark.parametrize("text", ABSENT + WARNED)
def test_absence_and_warnings_give_no_intent(text):
    assert parse(text) == []


@pytest.mark.parametrize(("text", "expected"), STILL_SAID)
def test_lacks_and_complaints_beside_warnings_still_read(text, expected):
    assert expected in [(i.layer, i.problem) for i in parse(text)]


@pytest.mark.parametrize(("text", "layer", "problem"), NEGATION["examples_moved"])
def test_a_denial_moves_to_a_part_only_named_after_it(text, layer, problem):
    assert [(i.layer, i.problem) for i in parse(text)] == [(layer, problem)]


@pytest.mark.parametrize("text", NEGATION["examples_kept"])
def test_a_denial_stays_when_the_next_part_has_its_own_predicate(text):
    assert parse(text) == []


@pytest.mark.parametrize("text", NEGATION["examples_carried"])
def test_a_denial_reaches_a_problem_listed_after_or(text):
    assert parse(text) == []


@pytest.mark.parametrize(("text", "layer", "problem"), NEGATION["counter_examples_carried"])
def test_a_problem_with_its_own_subject_after_or_stays(text, layer, problem):
    assert (layer, problem) in [(i.layer, i.problem) for i in parse(text)]
