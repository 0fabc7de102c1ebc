"""Families of phrasings run as one parametrised test: each (text, expected) pair of every
family, named by family and text, checked against what the intent engine reads."""

from __future__ import annotations

import pytest

Expected = set[tuple[str, str]]


def read(text: str) -> Expected:
    from intents import parse

    return {(i.layer, i.problem) for i in parse(text)}


def each_phrasing(families: dict[str, list[tuple[str, Expected]]]):
    """The parametrize mark over every phrasing of `families` (family, text, expected)."""
    cases = [(name, text, expected) for name, rows in families.items()
             for text, expected in rows]
    return pytest.mark.parametrize(("family", "text", "expected"), cases,
                                   ids=[f"{c[0]}: {c[1][:40]}" for c in cases])
