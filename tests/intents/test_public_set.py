"""The intent engine against labelled real phrasings: public, tune, check and mined parts, our own.

The labelled files live in tests/data (copies of the shared files), so these tests
never skip. The check part is held out from rule editing; its figures are printed in
the test summary and guarded by floors, never inspected line by line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from intent_scoring import DATA, DEV, MINED, PUBLIC, describe, load, score, split

from intents import parse

OURS = Path(__file__).with_name("phrasings.jsonl")
PARTS = split(load(PUBLIC) + load(DEV))
MINED_PARTS = split(load(MINED))


# name in the test summary, the phrasings, floors for micro-F1, exact set and answered
FLOORS = [
    ("public set", load(PUBLIC), 0.97, 0.93, 0.0),
    ("tune part", PARTS["tune"], 0.82, 0.76, 0.0),
    ("check part", PARTS["check"], 0.69, 0.57, 0.78),
    ("mined tune part", MINED_PARTS["tune"], 0.70, 0.62, 0.85),
    ("mined check part", MINED_PARTS["check"], 0.54, 0.45, 0.75),
    ("own written set", load(DATA / "intents_own.jsonl"), 0.95, 0.93, 0.95),
]


@pytest.mark.parametrize(("name", "cases", "f1", "exact", "answered"), FLOORS,
                         ids=[row[0] for row in FLOORS])
def test_labelled_phrasings_meet_thresholds(record_property, name, cases, f1, exact, answered):
    s = score(cases)
    record_property("figure", "intent " + describe(name, s))
    assert s.f1 >= f1
    assert s.exact >= exact
    assert s.answered >= answered


def test_mined_lines_are_sourced_labelled_sentences():
    rows = [json.loads(line) for line in MINED.read_text().splitlines() if line.strip()]
    known = {c.text for c in load(PUBLIC) + load(DEV)}
    assert len(rows) >= 100 and not {r["text"] for r in rows} & known
    for row in rows:
        assert row["source"].startswith(("http://", "https://"))
        for intent in row["intents"]:
            assert intent["route"] == ("master" if intent["layer"] == "mix" else "mix")


def test_split_is_stable_and_about_seventy_thirty():
    total = len(PARTS["tune"]) + len(PARTS["check"])
    assert 0.22 <= len(PARTS["check"]) / total <= 0.38
    assert split(load(PUBLIC) + load(DEV)) == PARTS


def test_ambiguous_lines_are_left_out():
    rows = [json.loads(line) for line in DEV.read_text().splitlines() if line.strip()]
    ambiguous = sum(bool(r.get("ambiguous")) for r in rows)
    assert ambiguous and len(load(DEV)) == len(rows) - ambiguous


def test_public_set_routes_follow_layers():
    for case in load(PUBLIC):
        for intent in parse(case.text):
            assert intent.route == ("master" if intent.layer == "mix" else "mix")


OWN = [json.loads(line) for line in OURS.read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", OWN, ids=[c["text"][:40] for c in OWN])
def test_own_phrasings(case):
    got = [(i.layer, i.problem) for i in parse(case["text"])]
    assert got == [tuple(pair) for pair in case["intents"]]
