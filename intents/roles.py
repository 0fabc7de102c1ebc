"""Guessing a stem's part from its file name ("Lead Vox_final v3.wav" -> vocal).

The words are data: layers.toml's part words plus files.toml's abbreviations,
"no vocals" pairs and mix words.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import PurePath

from intents.model import IntentError
from intents.vocabulary import LAYERS, vocabulary

__all__ = ["stem_role"]

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")
_NUMBER = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")


@lru_cache(maxsize=1)
def _files() -> dict:
    data = tomllib.loads(resources.files("intents").joinpath("data/files.toml")
                         .read_text(encoding="utf-8"))
    for word, layer in [*data["abbreviations"].items(), ("no_vocal_layer",
                                                         data["no_vocal_layer"])]:
        if layer and layer not in LAYERS:
            raise IntentError(f"intents/data/files.toml [abbreviations] {word}: "
                              f"unknown layer {layer!r}")
    ending = "|".join(map(re.escape, data["extensions"]))
    return {"abbreviations": data["abbreviations"], "mix_words": frozenset(data["mix_words"]),
            "no_vocal_layer": data["no_vocal_layer"],
            "no_vocal": {tuple(p.split()) for p in data["no_vocal"]},
            "extension": re.compile(rf"\.({ending})$", re.IGNORECASE)}


def _words(filename: str) -> list[str]:
    stem = PurePath(filename.replace("\\", "/")).name
    stem = _files()["extension"].sub("", stem)
    stem = _CAMEL.sub(" ", stem).lower()
    stem = _NUMBER.sub(" ", stem)
    return [w for w in _SPLIT.split(stem) if w]


def stem_role(filename: str) -> str | None:
    """The layer a file name points at, or None when nothing in it names a part."""
    files = _files()
    words = _words(filename)
    pairs = set(zip(words, words[1:], strict=False))
    if pairs & files["no_vocal"]:
        return files["no_vocal_layer"]
    vocab = vocabulary()
    phrases, whole = vocab.layer_phrases, vocab.whole_song_layer
    best: tuple[int, int, str] | None = None
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            key = tuple(words[i:i + n])
            layer = phrases.get(key) or (files["abbreviations"].get(key[0]) if n == 1 else None)
            if layer and layer != whole and (best is None or n > best[0]):
                best = (n, i, layer)
        if best:
            return best[2]
    if set(words) & files["mix_words"]:
        return whole
    return None
