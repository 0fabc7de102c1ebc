"""A comparative of a good quality is a wish only when something wishes it: said of how a
part now sounds ("the guitars sound much wider") it reports, not asks."""

from __future__ import annotations

import pytest

from intents import parse


def read(text: str) -> set[tuple[str, str]]:
    return {(i.layer, i.problem) for i in parse(text)}


@pytest.mark.parametrize("text", [
    "the guitars sound much wider",
    "the snare is punchier than before",
    "the kick is fatter and punchier on the remaster",
    "the bass and kick thump harder, everything sounds bigger and fatter",
    "the new master makes the guitars sound thicker",
    "the reissue is fuller and beefier than the CD",
    "the new master makes the drums hit more",
])
def test_a_comparative_said_of_how_a_part_sounds_asks_nothing(text):
    assert read(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("the guitars could be wider", {("guitars", "narrow")}),
    ("the drums need to be punchier", {("drums", "weak")}),
    ("punchier drums please", {("drums", "weak")}),
    ("wider guitars please", {("guitars", "narrow")}),
    ("the artist asks for a wider mix", {("mix", "narrow")}),
    ("how do I make my mix wider", {("mix", "narrow")}),
    ("the kick could be fatter", {("kick", "thin")}),
    ("the drums need to sound bigger", {("drums", "thin")}),
    ("fatter drums please", {("drums", "thin")}),
    ("the guitars should be beefier", {("guitars", "thin")}),
    ("can u make the kick slap more", {("kick", "weak")}),
    ("i want the snare to crack more", {("snare", "weak")}),
])
def test_a_comparative_wished_or_asked_for_is_the_problem_it_answers(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the snare is less punchy than before", {("snare", "weak")}),
    ("my song sounds much less punchy than the pros", {("mix", "weak")}),
    ("the guitars sound less wide now", {("guitars", "narrow")}),
])
def test_a_good_quality_said_to_be_less_is_missing(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    "make the kick less punchy",
    "the kick could be less punchy",
])
def test_a_good_quality_wished_less_or_as_much_is_no_fault(text):
    assert read(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("I can only hear the guitars", {("guitars", "too_loud")}),
    ("all I could hear was the drums and the bass", {("drums", "too_loud"), ("bass", "too_loud")}),
    ("the amount of reverb on the snare is crazy", {("snare", "too_much_reverb")}),
    ("the reverb on the vocal is overkill", {("vocal", "too_much_reverb")}),
])
def test_a_part_heard_alone_or_an_amount_judged_too_much(text, expected):
    assert read(text) == expected


def test_the_right_amount_of_reverb_is_no_fault():
    assert read("the vocal has just the right amount of reverb") == set()
