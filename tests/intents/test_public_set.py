"""The intent engine against labelled real phrasings: the public set and our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intents import parse

SHARED = Path(__file__).resolve().parents[3] / "shared" / "intents_public.jsonl"
OURS = Path(__file__).with_name("phrasings.jsonl")


def score(cases: list[tuple[str, set[tuple[str, str]]]]) -> tuple[float, float]:
    tp = fp = fn = exact = 0
    for text, gold in cases:
        got = {(i.layer, i.problem) for i in parse(text)}
        tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
        exact += got == gold
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return f1, exact / len(cases)


def load_public() -> list[tuple[str, set[tuple[str, str]]]]:
    rows = [json.loads(line) for line in SHARED.read_text().splitlines() if line.strip()]
    return [(r["text"], {(i["layer"], i["problem"]) for i in r["intents"]}) for r in rows]


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ is not beside the checkout")
def test_public_set_meets_thresholds(record_property):
    f1, exact = score(load_public())
    record_property("figure", f"intent public set: micro-F1 {f1:.3f}, exact-set match "
                              f"{exact:.3f}")
    assert f1 >= 0.95
    assert exact >= 0.90


def test_public_set_routes_follow_layers():
    if not SHARED.exists():
        pytest.skip("shared/ is not beside the checkout")
    for text, _ in load_public():
        for intent in parse(text):
            assert intent.route == ("master" if intent.layer == "mix" else "mix")


OWN = [json.loads(line) for line in OURS.read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", OWN, ids=[c["text"][:40] for c in OWN])
def test_own_phrasings(case):
    got = [(i.layer, i.problem) for i in parse(case["text"])]
    assert got == [tuple(pair) for pair in case["intents"]]
