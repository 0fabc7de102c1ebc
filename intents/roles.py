"""Guessing a stem's part from its file name ("Lead Vox_final v3.wav" -> vocal)."""

from __future__ import annotations

import re
from pathlib import PurePath

from intents.vocabulary import vocabulary

__all__ = ["stem_role"]

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")
_NUMBER = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_NO_VOCAL = (("no", "vocals"), ("no", "vocal"), ("no", "vox"), ("without", "vocals"),
             ("minus", "vocals"), ("no", "voice"))
_MIX_WORDS = frozenset({"mix", "mixdown", "master", "rough", "bounce", "stereo", "premaster",
                        "fullmix", "final"})
_EXTRA = {"ohl": "cymbals", "ohr": "cymbals", "oh": "cymbals", "bgv": "backing_vocals",
          "bv": "backing_vocals", "bvs": "backing_vocals", "vx": "vocal", "vox": "vocal",
          "ld": None, "kik": "kick", "kck": "kick", "snr": "snare", "sn": "snare",
          "bs": "bass", "gtr": "guitars", "gt": "guitars", "pno": "keys", "kbd": "keys",
          "syn": "keys", "verb": "fx", "rvb": "fx", "dly": "fx", "perc": "drums",
          "tom": "drums", "toms": "drums", "inst": "instruments", "instr": "instruments",
          "instrumental": "instruments"}


def _words(filename: str) -> list[str]:
    stem = PurePath(filename.replace("\\", "/")).name
    stem = re.sub(r"\.(wav|wave|flac|aif|aiff|mp3|ogg|m4a)$", "", stem, flags=re.IGNORECASE)
    stem = _CAMEL.sub(" ", stem).lower()
    stem = _NUMBER.sub(" ", stem)
    return [w for w in _SPLIT.split(stem) if w]


def stem_role(filename: str) -> str | None:
    """The layer a file name points at, or None when nothing in it names a part."""
    words = _words(filename)
    pairs = set(zip(words, words[1:], strict=False))
    if pairs & set(_NO_VOCAL):
        return "instruments"
    phrases = vocabulary().layer_phrases
    best: tuple[int, int, str] | None = None
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            key = tuple(words[i:i + n])
            layer = phrases.get(key) or (_EXTRA.get(key[0]) if n == 1 else None)
            if layer and layer != "mix" and (best is None or n > best[0]):
                best = (n, i, layer)
        if best:
            return best[2]
    if set(words) & _MIX_WORDS:
        return "mix"
    return None
