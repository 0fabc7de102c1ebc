"""One problem standing over others ([dominance]): a part said to collapse in mono anywhere
in a message has its tone and level words read as that collapse; other parts keep theirs."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from intents import parse

RULE = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())[
    "mono_context"]


@pytest.mark.parametrize(("text", "layer"), RULE["message_examples"])
def test_a_collapse_in_mono_is_all_that_is_read_of_its_part(text, layer):
    assert [(i.layer, i.problem) for i in parse(text)] == [(layer, "mono_collapse")]


@pytest.mark.parametrize(("text", "layer", "problem"), RULE["message_counter_examples"])
def test_another_part_keeps_its_complaint(text, layer, problem):
    assert (layer, problem) in [(i.layer, i.problem) for i in parse(text)]
