"""Problem words said in a sentence of praise describe the sound ([scope.praise]): the rule
table's examples read as no complaint and get no choices; its counter-examples, where a
contrast, an excess word, a hedge, a wish or a part of their own makes them a complaint,
keep it."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from intents import understand

PRAISE = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())[
    "scope"]["praise"]


@pytest.mark.parametrize("text", PRAISE["examples"])
def test_a_sentence_of_praise_complains_of_nothing(text):
    heard = understand(text)
    assert heard.intents == ()
    assert heard.guesses == ()


@pytest.mark.parametrize(("text", "layer", "problem"), PRAISE["counter_examples"])
def test_praise_beside_a_complaint_keeps_it(text, layer, problem):
    assert (layer, problem) in {(i.layer, i.problem) for i in understand(text).intents}
