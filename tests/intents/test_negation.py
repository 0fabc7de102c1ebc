"""Negation and contrast: a parser that ignored them would fail every case here.

The negator sits two to four words before the problem word on purpose, so a
negation window shortened to one word misses them.
"""

from __future__ import annotations

import pytest

from intents import parse

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
