"""Scoring `intents.stem_role` on labelled file names, split into tune and check parts.

The names (tests/data/stem_names.jsonl) are the way DAWs export tracks and engineers
name them; each carries the part a careful engineer would call it ("" when the name names
none). They are split by the same stable hash as the phrasings: roles.py and files.toml
are edited while looking only at tune-part misses; the check part is an aggregate figure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from intent_scoring import DATA, part_of

from intents import stem_role

NAMES = DATA / "stem_names.jsonl"


@dataclass(frozen=True)
class Name:
    name: str
    part: str
    """The layer id, or "" when the name names no part."""
    convention: str


def load_names() -> dict[str, list[Name]]:
    rows = [json.loads(line) for line in NAMES.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    parts: dict[str, list[Name]] = {"tune": [], "check": []}
    for row in rows:
        parts[part_of(row["name"])].append(Name(row["name"], row["part"], row["convention"]))
    return parts


def guess(name: str) -> str:
    return stem_role(name) or ""


def accuracy(names: list[Name]) -> float:
    return sum(guess(n.name) == n.part for n in names) / len(names)
