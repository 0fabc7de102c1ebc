"""Level, masking and master-loudness families, each on phrasings written for these tests.

None of these sentences is in the labelled sets; expectations are hand-labelled with the
taxonomy's rules (shared/intent-taxonomy.md). Each family holds several phrasings so a
rule fitted to one sentence fails the others; the rule tables' own examples and
counter-examples run here too.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from intents import parse

RULES = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())


def _read(text: str) -> set[tuple[str, str]]:
    return {(i.layer, i.problem) for i in parse(text)}


PLACEMENT = [
    # a sinking verb before a quiet position
    ("the rhodes is tucked so far back you miss it", {("keys", "too_quiet")}),
    ("the ad-libs keep slipping behind the synths", {("backing_vocals", "too_quiet")}),
    ("the bass line hides underneath the guitars", {("bass", "too_quiet")}),
    # a plain placement with a degree of excess or a part it is set against
    ("the snare sits way back in the verses", {("snare", "too_quiet")}),
    ("the toms are mixed so far down you barely notice them", {("drums", "too_quiet")}),
    ("the organ sits right on top of the vocal", {("keys", "too_loud")}),
    ("the kick is miles in front of the bass and way too far forward",
     {("kick", "too_loud")}),
    # wished for: the opposite problem
    ("the guitars could stand to sit a bit further back", {("guitars", "too_loud")}),
    ("I'd have the vocal come forward a touch", {("vocal", "too_quiet")}),
    # where a part should be, or a place in time
    ("the lead vocal sits right up front where it belongs", set()),
    ("the bass sits underneath it all and holds the song together", set()),
    ("the drummer plays slightly behind the beat", set()),
]


@pytest.mark.parametrize(("text", "expected"), PLACEMENT, ids=[c[0][:40] for c in PLACEMENT])
def test_where_a_part_sits_says_its_level(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "layer", "problem"), RULES["placement"]["examples"])
def test_placement_examples(text, layer, problem):
    assert (layer, problem) in _read(text)


@pytest.mark.parametrize("text", RULES["placement"]["counter_examples"])
def test_placement_counter_examples(text):
    assert _read(text) == set()


RECIPROCAL = RULES["reciprocal"]


@pytest.mark.parametrize(("text", "layers"), RECIPROCAL["doing_examples"])
def test_parts_doing_something_to_each_other_mask_each_other(text, layers):
    assert _read(text) == {(layer, "masking") for layer in layers}


@pytest.mark.parametrize("text", RECIPROCAL["doing_counter_examples"] + [
    "the song turned into one big singalong",
    "the backing vocals and lead answer one another beautifully"])
def test_friendly_doings_are_no_masking(text):
    assert _read(text) == set()


@pytest.mark.parametrize(("text", "layer", "problem"), RULES["contrast"]["examples"]
                         + RULES["contrast"]["counter_examples"])
def test_telling_one_part_from_another_is_masking_telling_one_part_alone_is_level(
        text, layer, problem):
    assert (layer, problem) in _read(text)


@pytest.mark.parametrize("text", [
    "the vocal sits nicely with the band and the master breathes",
    "the vocal comes through clearly even on a phone",
    "the hats sit perfectly on top of the kit",
])
def test_a_verb_done_well_is_praise(text):
    assert _read(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("the vocal is clearly buried", {("vocal", "too_quiet")}),
    ("I have to strain to hear the vocals clearly, they're so quiet", {("vocal", "too_quiet")}),
])
def test_a_manner_word_after_be_or_an_object_praises_nothing(text, expected):
    assert _read(text) == expected
