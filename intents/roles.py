"""Guessing a stem's part from its file name ("Lead Vox_final v3.wav" -> vocal).

The words are data: layers.toml's part words plus files.toml's abbreviations, which part
wins when a name names several, negators, DAW track slots, run-together words and mix
words (tests/data/stem_names.jsonl measures them on DAW exports and engineers' names).
"""

from __future__ import annotations

import itertools
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import PurePath
from types import MappingProxyType

from intents.model import IntentError
from intents.vocabulary import LAYERS, vocabulary

__all__ = ["FileLabels", "answered_part", "effect_source", "file_labels", "names_whole_part",
           "stem_role", "stem_roles"]

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")
_NUMBER = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_LONGEST = 3
_SEPARATORS = " _-."
_EFFECTS = "fx"
_PROJECT_FILES = 3
"""A name every file of a session starts with is a project name only among this many."""
_TRACK_NUMBER = re.compile(r"\s*(\d{1,2})(?=[ _.\-])")
"""A track's number in front of its name ('07 Room', '07_OH_L', '1-Kick'; not '808 Glide')."""


@lru_cache(maxsize=1)
def _files() -> dict:
    data = tomllib.loads(resources.files("intents").joinpath("data/files.toml")
                         .read_text(encoding="utf-8"))
    named = [*data["abbreviations"].items(), ("no_vocal_layer", data["no_vocal_layer"]),
             *(("precedence", layer) for layer in data["precedence"]),
             *(("whole_part", layer) for layer in data["whole_part"]),
             *(("kit_parts", layer) for layer in data["kit_parts"]),
             ("kit_room_by_neighbours", data["kit_room_by_neighbours"])]
    for word, layer in named:
        if layer and layer not in LAYERS:
            raise IntentError(f"intents/data/files.toml {word}: unknown layer {layer!r}")
    vocab = vocabulary()
    phrases = {key: layer for key, layer in vocab.layer_phrases.items()
               if layer != vocab.whole_song_layer}
    phrases.update({tuple(words.split()): layer
                    for words, layer in data["abbreviations"].items()})
    if missing := set(LAYERS) - {vocab.whole_song_layer} - set(data["precedence"]):
        raise IntentError(f"intents/data/files.toml precedence: missing {sorted(missing)}")
    mix_words = frozenset(data["mix_words"])
    single = {key[0] for key in phrases if len(key) == 1}
    ending = "|".join(map(re.escape, data["extensions"]))
    return {"phrases": phrases, "mix_words": mix_words,
            "rank": {layer: i for i, layer in enumerate(data["precedence"])},
            "negators": frozenset(data["negators"]),
            "weak": frozenset(data["weak"]) | frozenset(data["doubles"]),
            "doubles": frozenset(data["doubles"]),
            "slots": frozenset(data["slots"]),
            "own_effects": frozenset(data["own_effects"]),
            "not_for_mix": tuple(tuple(w.split()) for w in data["not_for_mix"]),
            "kit_room_mics": frozenset(data["kit_room_mics"]),
            "kit_parts": frozenset(data["kit_parts"]),
            "kit_room_by_neighbours": data["kit_room_by_neighbours"],
            "halves": frozenset(single | mix_words | set(data["joins"])),
            "no_vocal_layer": data["no_vocal_layer"],
            "whole_part": {layer: frozenset(words) for layer, words in data["whole_part"].items()},
            "extension": re.compile(rf"\.({ending})$", re.IGNORECASE)}


@dataclass(frozen=True)
class FileLabels:
    """The words that tell one file of a part from another (files.toml [labels])."""
    positions: frozenset[str]
    """Where a mic or take sits, as names write it: 'in', 'top'."""
    units: frozenset[str]
    """A number before one of these is an amount ('2 dB'), not a take."""
    said: Mapping[str, str]
    """A side, number or double said as a word, as names write it: 'second' -> '2'."""
    takes: frozenset[str]
    """A number after one of these is a take's ('take 2', 'comp 3'), as after a part word."""


@lru_cache(maxsize=1)
def file_labels() -> FileLabels:
    labels = tomllib.loads(resources.files("intents").joinpath("data/files.toml")
                           .read_text(encoding="utf-8"))["labels"]
    return FileLabels(frozenset(labels["positions"]), frozenset(labels["units"]),
                      MappingProxyType(dict(labels["said"])), frozenset(labels["takes"]))


def _unjoined(word: str, files: dict) -> list[str]:
    """'kickin' -> ['kick', 'in'] when both halves are known words and one names a part."""
    if len(word) < 4 or word in files["halves"] or word.isdigit():
        return [word]
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if head in files["halves"] and tail in files["halves"] and (
                (head,) in files["phrases"] or (tail,) in files["phrases"]):
            return [head, tail]
    return [word]


def _stem(filename: str) -> str:
    """The file's name without folders and audio ending."""
    return _files()["extension"].sub("", PurePath(filename.replace("\\", "/")).name)


def _words(filename: str) -> list[str]:
    files = _files()
    stem = _CAMEL.sub(" ", _stem(filename)).lower()
    stem = _NUMBER.sub(" ", stem)
    words = [part for w in _SPLIT.split(stem) if w for part in _unjoined(w, files)]
    # a DAW's track slot ("Audio 1", "Inst 1") is no name
    return [w for i, w in enumerate(words)
            if not (w in files["slots"] and i + 1 < len(words) and words[i + 1].isdigit())]


def _named(words: list[str], phrases: dict) -> list[tuple[str, int, str]]:
    """(layer, start, phrase) of each part phrase, longest first: a word in a longer phrase does
    not count again on its own ('Synth Bass' is the bass, not the keys too)."""
    used: set[int] = set()
    found = []
    for n in range(_LONGEST, 0, -1):
        for i in range(len(words) - n + 1):
            span = set(range(i, i + n))
            layer = phrases.get(tuple(words[i:i + n]))
            if layer is not None and not span & used:
                used |= span
                if layer:
                    found.append((layer, i, " ".join(words[i:i + n])))
    return found


def stem_role(filename: str) -> str | None:
    """The layer a file name points at, or None when nothing in it names a part."""
    files = _files()
    words = _words(filename)
    negated = {i + 1 for i, w in enumerate(words) if w in files["negators"]}
    named = _named(words, files["phrases"])
    kept = [(layer, i, phrase) for layer, i, phrase in named if i not in negated]
    kept = [found for found in kept if found[2] not in files["weak"]] or kept
    if any(layer in files["kit_parts"] for layer, _, _ in kept):   # "Drums Room": a kit mic
        kept = [found for found in kept if found[2] not in files["kit_room_mics"]]
    if kept:
        return min(kept, key=lambda found: (files["rank"][found[0]], found[1]))[0]
    if any(layer in ("vocal", "backing_vocals") for layer, _, _ in named):
        return files["no_vocal_layer"]
    if set(words) & files["mix_words"]:
        return vocabulary().whole_song_layer
    return None


def not_for_mix(filename: str) -> bool:
    """Whether a file name says it is a click, guide or talkback track ('23 Click.wav',
    'Guide Vox'): a track the recording needed and the mix leaves out (files.toml
    not_for_mix)."""
    words = _words(filename)
    return any(tuple(words[i:i + len(phrase)]) == phrase
               for phrase in _files()["not_for_mix"] for i in range(len(words)))


def answered_part(text: str) -> str | None:
    """The part an answer to 'which part is it?' names: 'keys', 'keys, not the click' and
    'that's not the click, it's the keys' are the keys. In each clause only the words before
    a negator count ('not the keys' names no part), and a track the mix leaves out ('the
    click', 'guide vox') is no part; None when the answer names none."""
    from intents.text import clause_bounds, tokenize

    negators = vocabulary().sets["negators"]
    tokens = tokenize(text)
    clauses: dict[int, list[str]] = {}
    for token, clause in zip(tokens, clause_bounds(text, tokens), strict=True):
        clauses.setdefault(clause, []).append(token.word)
    for words in clauses.values():
        said = " ".join(itertools.takewhile(lambda w: w not in negators, words))
        if said and not not_for_mix(said) and (role := stem_role(said)):
            return role
    return None


def effect_source(filename: str) -> str | None:
    """The part an effects return's name says it belongs to ('Vox Verb' -> vocal, 'BGV
    Delay' -> backing_vocals, 'Snare Plate' -> snare, 'Drum Room Reverb' -> drums), by the
    same precedence as stem_role; the effects layer itself for an effect
    sound of its own ('FX Riser', 'Impact 2': files.toml own_effects); None when the name
    does not say ('Room L', 'Verb 2')."""
    files = _files()
    words = _words(filename)
    negated = {i + 1 for i, w in enumerate(words) if w in files["negators"]}
    named = [(layer, i) for layer, i, _ in _named(words, files["phrases"])
             if layer != _EFFECTS and i not in negated]
    if named:
        return min(named, key=lambda found: (files["rank"][found[0]], found[1]))[0]
    return _EFFECTS if set(words) & files["own_effects"] else None


def names_whole_part(word: str, layer: str) -> bool:
    """Whether a word names the part as a whole ('guitar', 'gtr') rather than one kind of
    it ('808', 'organ', 'DI'): only the latter can single out one file of a part."""
    return word.lower() in _files()["whole_part"].get(layer, frozenset())


def stem_roles(filenames: Sequence[str]) -> list[str | None]:
    """Each file's part, the files read together. DAWs put the project's name in front of
    every track ("Echoes_Kick.wav", "Echoes_Lead Vox.wav", "Echoes_Audio 1.wav"): when all
    the files start with the same words and what follows names at least two different
    parts, those words are the project, not a part, and are read past; a file whose own
    name then names nothing has no part, whatever the project is called. A room mic named
    alone among the kit's mics is the kit's (files.toml kit_room_by_neighbours)."""
    stems = [_stem(name) for name in filenames]
    roles = [stem_role(name) for name in filenames]
    if len(stems) >= _PROJECT_FILES:
        shared = os.path.commonprefix([s.lower() for s in stems])
        cut = max((i + 1 for i, c in enumerate(shared) if c in _SEPARATORS), default=0)
        if shared[:cut].strip(_SEPARATORS) and all(len(s) > cut for s in stems):
            rest = [stem_role(s[cut:]) for s in stems]
            if len({r for r in rest if r}) >= 2:
                stems, roles = [s[cut:] for s in stems], rest
    return _doubles(stems, _kit_rooms(stems, roles))


def _kit_rooms(stems: list[str], roles: list[str | None]) -> list[str | None]:
    """'07 Room.wav' between '06 Snare Top' and '08 OH L' is the kit's room mics, not an
    effects return: a file that names nothing but a room mic takes the kit's part when the
    file numbered next to it on either side (past other such files), or a file starting
    with the same word ('DR Kick', 'DR Room'), is a mic of the kit and none is an effects
    return."""
    files = _files()
    rule = files["kit_room_by_neighbours"]
    rooms = [i for i, stem in enumerate(stems) if roles[i] == _EFFECTS and _room_alone(stem)]
    if not rooms:
        return roles
    numbers = _track_numbers(stems)
    by_number = sorted(numbers, key=numbers.get)
    firsts = [[w for w in _words(stem) if not w.isdigit()][:1] for stem in stems]
    placed = list(roles)
    for i in rooms:
        beside = [j for j in _numbered_next(by_number, i, rooms) if j is not None] \
            if i in numbers else []
        if firsts[i] and firsts[i][0] not in files["kit_room_mics"]:
            beside += [j for j in range(len(stems)) if j != i and j not in rooms
                       and firsts[j] == firsts[i]]
        parts = {roles[j] for j in beside}
        if parts & files["kit_parts"] and _EFFECTS not in parts:
            placed[i] = rule
    return placed


def _doubles(stems: list[str], roles: list[str | None]) -> list[str | None]:
    """'12 Dbl.wav' after '11 Lead Vox.wav' is the lead's double, the lead vocal: a file
    named only as a double takes the part of the file numbered just before it (past other
    such files)."""
    doubles, sides = _files()["doubles"], file_labels().said
    named = [{w for w in _words(stem) if w in doubles
              or not (w.isdigit() or len(w) == 1 or w in sides)} for stem in stems]
    alone = [i for i, words in enumerate(named) if words and words <= doubles]
    numbers = _track_numbers(stems)
    by_number = sorted(numbers, key=numbers.get)
    placed = list(roles)
    for i in alone:
        before = _numbered_next(by_number, i, alone)[0] if i in numbers else None
        if before is not None and roles[before]:
            placed[i] = roles[before]
    return placed


def _track_numbers(stems: list[str]) -> dict[int, int]:
    return {i: int(m.group(1)) for i, stem in enumerate(stems)
            if (m := _TRACK_NUMBER.match(stem))}


def _numbered_next(by_number: list[int], i: int,
                   skipped: list[int]) -> tuple[int | None, int | None]:
    """The files numbered just before and just after file i, past those `skipped`."""
    beside: list[int | None] = []
    at = by_number.index(i)
    for step in (-1, 1):
        j = at + step
        while 0 <= j < len(by_number) and by_number[j] in skipped:
            j += step
        beside.append(by_number[j] if 0 <= j < len(by_number) else None)
    return beside[0], beside[1]


def _room_alone(stem: str) -> bool:
    """Whether the only part words of a name are a room mic's ('Room', 'Room L', 'DR Amb')."""
    files = _files()
    named = _named(_words(stem), files["phrases"])
    return bool(named) and all(phrase in files["kit_room_mics"] for _, _, phrase in named)
