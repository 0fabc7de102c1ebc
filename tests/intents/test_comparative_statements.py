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
