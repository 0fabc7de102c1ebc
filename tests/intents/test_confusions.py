"""Right part, wrong problem; right problem, wrong part: each family of confusions on
phrasings written for these tests (none is in the labelled sets).

Expectations are hand-labelled with the taxonomy's labelling rules
(shared/intent-taxonomy.md), quoted in each test's docstring; every family holds several
phrasings and near misses that must keep their reading, so a rule fitted to one sentence
fails the others.
"""

from __future__ import annotations

import pytest

from intents import parse


def _read(text: str) -> set[tuple[str, str]]:
    return {(i.layer, i.problem) for i in parse(text)}


MONO_BEFORE = [
    ("I listened to the bounce on my phone. The kick was completely gone!",
     {("kick", "mono_collapse")}),
    ("Checked it in the car last night. The bass line just vanishes.",
     {("bass", "mono_collapse")}),
    ("I summed the mix to mono. The pads disappear completely.",
     {("keys", "mono_collapse")}),
    ("Played it on my laptop speakers... the guitars are just not there",
     {("guitars", "mono_collapse")}),
]
MONO_NOT_BEFORE = [
    # the device two sentences back, or none at all: the part is only hard to hear
    ("I summed the mix to mono. The verses hold up fine. In the chorus the pads disappear.",
     {("keys", "too_quiet")}),
    ("I bounced the mix last night. The kick was completely gone!", {("kick", "too_quiet")}),
]


@pytest.mark.parametrize(("text", "expected"), MONO_BEFORE + MONO_NOT_BEFORE,
                         ids=[c[0][:40] for c in MONO_BEFORE + MONO_NOT_BEFORE])
def test_a_device_named_in_the_sentence_before_makes_a_vanishing_part_a_collapse(
        text, expected):
    """Taxonomy: "A part that vanishes 'on my phone' or 'in the car' is `mono_collapse`."
    People name the device first and what goes missing there in the next sentence."""
    assert _read(text) == expected
