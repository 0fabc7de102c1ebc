"""A file's part from its name, on DAW exports and engineers' track names.

tests/data/stem_names.jsonl: 196 names written from how Logic, Pro Tools, Ableton, FL
Studio, Reaper, Cubase, Studio One and GarageBand export tracks and how engineers name
them, and 73 real track names of Cambridge-MT multitrack sessions, each labelled with the
part a careful engineer would call it before any run. Split by a stable hash: files.toml
and roles.py are edited on tune-part misses only; the check part is a floor.
"""

from __future__ import annotations

import pytest
from name_scoring import accuracy, load_names

from intents import LAYERS

PARTS = load_names()


@pytest.mark.parametrize(("part", "floor"), [("tune", 0.97), ("check", 0.93)])
def test_file_names_read_as_their_part(record_property, part, floor):
    names = PARTS[part]
    figure = accuracy(names)
    record_property("figure", f"file names {part} part: {figure:.3f} of {len(names)}")
    assert figure >= floor


def test_the_names_are_many_labelled_and_held_out():
    every = PARTS["tune"] + PARTS["check"]
    assert len(every) >= 120 and len({n.name for n in every}) == len(every)
    assert 0.2 <= len(PARTS["check"]) / len(every) <= 0.4
    assert {n.part for n in every} <= {*LAYERS, ""}
