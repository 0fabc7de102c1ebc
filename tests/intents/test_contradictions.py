"""A part read both too loud and too quiet ([contradictions]): an amount of excess after the
other way's problem words sizes them; said at different times it is uneven; a request
gives way to a description of the part and is offered beside it as a choice; two
descriptions both stay."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from intents import understand

RULE = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())[
    "contradictions"]


def _read(text):
    heard = understand(text)
    return heard, {(i.layer, i.problem) for i in heard.intents}


@pytest.mark.parametrize(("text", "layer", "kept", "aside"), RULE["examples"])
def test_a_request_gives_way_to_a_description_and_is_offered_beside_it(text, layer, kept,
                                                                       aside):
    heard, read = _read(text)
    assert (layer, kept) in read and (layer, aside) not in read
    beside = [g for g in heard.guesses if (g.layer, g.problem) == (layer, aside)]
    assert beside and heard.intents[beside[0].instead_of].problem == kept


@pytest.mark.parametrize(("text", "layer"), RULE["uneven_examples"])
def test_both_ways_at_different_times_is_an_uneven_level(text, layer):
    _, read = _read(text)
    assert (layer, "inconsistent") in read
    assert not {(layer, p) for p in ("too_loud", "too_quiet", "loud_master",
                                     "quiet_master")} & read


@pytest.mark.parametrize(("text", "layer"), RULE["counter_examples"])
def test_two_descriptions_both_stay(text, layer):
    _, read = _read(text)
    assert {(layer, "too_loud"), (layer, "too_quiet")} <= read


@pytest.mark.parametrize("text", RULE["asked_examples"])
def test_asked_both_ways_in_one_question_is_no_complaint(text):
    _, read = _read(text)
    assert not {p for _, p in read} & {"too_loud", "too_quiet"}


@pytest.mark.parametrize(("text", "layer", "problem"), RULE["degree_examples"])
def test_an_amount_after_a_problem_word_sizes_it(text, layer, problem):
    _, read = _read(text)
    opposite = {"too_quiet": "too_loud", "too_loud": "too_quiet"}[problem]
    assert (layer, problem) in read and (layer, opposite) not in read


@pytest.mark.parametrize(("text", "layer"), RULE["degree_counter_examples"])
def test_an_amount_said_on_its_own_stays(text, layer):
    _, read = _read(text)
    assert {(layer, "too_loud"), (layer, "too_quiet")} <= read
