"""Which files make up a session: the audio files in a folder, and split-stereo pairs.

Names and paths only (no numpy), so listing a folder costs nothing before audio work
starts. The left/right naming rules are data (dsp/data/split_stereo.toml).
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["SUPPORTED_EXTENSIONS", "FolderListing", "PairRule", "audio_files_in",
           "pair_rules", "split_stereo_pairs"]

SUPPORTED_EXTENSIONS = (".wav", ".flac", ".aif", ".aiff", ".ogg", ".mp3")


@dataclass(frozen=True)
class FolderListing:
    audio: tuple[Path, ...]
    """Audio files, in the order a musician reads them ("BGV 2" before "BGV 10")."""
    skipped: tuple[Path, ...]
    """Other files (notes, MIDI, project files, sub-folders); hidden and macOS "._" files
    are not listed at all."""


def _natural_key(path: Path) -> tuple:
    return tuple(int(part) if part.isdigit() else part.casefold()
                 for part in re.split(r"(\d+)", path.name))


def audio_files_in(folder: Path) -> FolderListing:
    entries = sorted((p for p in Path(folder).iterdir() if not p.name.startswith(".")),
                     key=_natural_key)
    audio = tuple(p for p in entries if p.is_file()
                  and p.suffix.lower() in SUPPORTED_EXTENSIONS)
    return FolderListing(audio=audio, skipped=tuple(p for p in entries if p not in audio))


@dataclass(frozen=True)
class PairRule:
    what: str
    left: re.Pattern[str]
    right: re.Pattern[str]
    pairs: tuple[tuple[str, str], ...]
    not_pairs: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def pair_rules() -> tuple[PairRule, ...]:
    text = resources.files("dsp").joinpath("data/split_stereo.toml").read_text("utf-8")
    return tuple(
        PairRule(what=rule["what"],
                 left=re.compile(rule["left"], re.IGNORECASE),
                 right=re.compile(rule["right"], re.IGNORECASE),
                 pairs=tuple(tuple(p) for p in rule.get("pairs", ())),
                 not_pairs=tuple(tuple(p) for p in rule.get("not_pairs", ())))
        for rule in tomllib.loads(text)["rule"])


def split_stereo_pairs(files: Sequence[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(left index, right index, shared name) for each split-stereo pair among `files`,
    given as (part, file name without extension) of the mono files only.

    A pair needs the same part and base name under one rule, and exactly one file on each
    side: three "OH L" files and one "OH R" pair nothing, rather than guess."""
    sides: dict[tuple, dict[str, list[int]]] = defaultdict(lambda: {"left": [], "right": []})
    bases: dict[int, str] = {}
    for index, (part, name) in enumerate(files):
        for number, rule in enumerate(pair_rules()):
            for side, pattern in (("left", rule.left), ("right", rule.right)):
                match = pattern.match(name.strip())
                if match:
                    base = match.group("base").strip(" _.-")
                    sides[(number, part, base.casefold())][side].append(index)
                    bases.setdefault(index, base)
    pairs = []
    for found in sides.values():
        if len(found["left"]) == 1 and len(found["right"]) == 1:
            left, right = found["left"][0], found["right"][0]
            pairs.append((left, right, bases[left]))
    return sorted(pairs)
