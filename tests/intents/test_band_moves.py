"""A band named with a move on it says which way the part's tone is off: boosting the
highs is asked of a dull part, cutting the low end of a muddy one. The writer's own moves,
told in the past, are no complaint."""

from __future__ import annotations

import pytest

from intents import parse


def read(text: str) -> set[tuple[str, str]]:
    return {(i.layer, i.problem) for i in parse(text)}


@pytest.mark.parametrize(("text", "expected"), [
    ("boost the highs on the vocal", {("vocal", "dull")}),
    ("please boost the top end on the snare", {("snare", "dull")}),
    ("add some low end to the bass", {("bass", "thin")}),
    ("roll off the highs on the kick", {("kick", "harsh")}),
    ("roll off some low end on the guitars", {("guitars", "muddy")}),
    ("cut some low mids from the guitars", {("guitars", "muddy")}),
    ("can you tame the high end on the hats", {("cymbals", "harsh")}),
])
def test_a_move_on_a_named_band_reads_the_problem_it_cures(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    "I rolled off a lot of high frequencies on the kick track for a cleaner mix",
    "I brightened up the cymbals a tad",
    "the new bass amp had a lot of low end",
])
def test_the_writers_own_moves_and_a_band_had_are_no_complaint(text):
    assert read(text) == set()


def test_a_band_move_done_to_a_release_by_others_is_its_tone():
    assert read("they rolled off all the highs on the reissue") == {("mix", "tonal_balance")}
