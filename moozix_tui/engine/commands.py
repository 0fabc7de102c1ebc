"""The chat's own commands (undo, export, target apple…), read from data/commands.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Command", "asks_for_diagnosis", "mentions_reference", "mentions_stereo_only",
           "read_command", "says_leave_out", "style_name", "target_name"]

_PUNCT = re.compile(r"[^\w\s'./~:=+-]+")
_LUFS = re.compile(r"^(-?\d+(?:\.\d+)?)\s*(?:lufs|lu)?$")


@dataclass(frozen=True)
class Command:
    name: str
    value: str | None = None


@lru_cache(maxsize=1)
def _table() -> dict:
    text = resources.files("moozix_tui.engine").joinpath("data/commands.toml").read_text("utf-8")
    return tomllib.loads(text)


def _norm(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def _lookup(kind: str, value: str) -> str | None:
    for name, words in _table()[kind].items():
        if value in words or value == name:
            return name
    return None


def says_leave_out(text: str) -> bool:
    """Whether an answer to 'which part is it?' keeps the files out of the mix: words that
    leave it out, or a track the mix leaves out by its name ('the click': intents'
    not_for_mix, the words a file name is set aside by)."""
    from intents import not_for_mix

    said = " " + " ".join(word.strip(".") for word in _norm(text).split()) + " "
    return any(f" {phrase} " in said for phrase in _table()["leave_out"]) or not_for_mix(text)


def read_command(text: str) -> Command | None:
    """The command a message is, or None when it should be read as conversation."""
    if len(text) > 300:
        return None
    said = _norm(text).rstrip(".!")
    if not said:
        return None
    table = _table()
    bare = _without_fillers(said)
    for name in ("approve", "undo", "redo", "help", "status", "reset", "cancel", "more", "less",
                 "stereo_only"):
        if said in table[name] or (name in _FILLED and bare in table[name]):
            return Command(name)
    numbered = _numbered(bare)
    if numbered is not None:
        return numbered
    if _LUFS.match(said):
        return Command("target", said)
    if _lookup("targets", said):
        return Command("target", said)
    if _lookup("styles", said):
        return Command("style", said)
    for name, prefixes in table["prefix"].items():
        for prefix in sorted(prefixes, key=len, reverse=True):
            if said == prefix and name == "export":
                return Command("export")
            if said.startswith(prefix + " "):
                value = (_strip_prefix(text, prefix) if name in ("export", "reference")
                         else said[len(prefix):].strip())
                if name == "style" and not _lookup("styles", value):
                    continue
                return Command(name, value)
    return None


_MOVE_NUMBERS = re.compile(
    r"^(?:(?:the|moves?|number|no)\s+)*(\d+(?:\s*(?:,|and|&)?\s*(?:moves?\s+)?\d+)*)$")


def _numbered(bare: str) -> Command | None:
    """`more 2`, `less 2 and 3`: the command with the move numbers as its value ('2 3')."""
    for name, prefixes in _table()["numbered"].items():
        for prefix in sorted(prefixes, key=len, reverse=True):
            if bare.startswith(prefix + " "):
                found = _MOVE_NUMBERS.match(bare[len(prefix):].strip())
                if found:
                    return Command(name, " ".join(re.findall(r"\d+", found.group(1))))
    return None


_FILLED = ("undo", "more", "less")
"""Commands still read with fillers around them: a word of how much or how sure changes
nothing in "that's too much" or "a little more", but "ok, go" is no plain "go"."""


def _without_fillers(said: str) -> str:
    """`said` with [fillers] dropped from either end ("that's too much" -> "too much")."""
    fillers = sorted((f.split() for f in _table()["fillers"]), key=len, reverse=True)
    words = said.split()
    while True:   # the longest filler first, each time ("a bit" before "bit")
        n, at = next(((len(f), at) for f in fillers for at in (0, -1)
                      if len(words) > len(f) and
                      (words[:len(f)] if at == 0 else words[-len(f):]) == f), (0, 0))
        if not n:
            return " ".join(words)
        words = words[n:] if at == 0 else words[:-n]


@lru_cache(maxsize=2)
def _patterns(kind: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _table()[kind]))


def mentions_stereo_only(text: str) -> bool:
    """'… I only have the stereo mix' said beside a complaint."""
    return _patterns("mentions_stereo_only").search(text.lower()[:2000]) is not None


def mentions_reference(text: str) -> bool:
    """'… next to my reference' said beside a complaint."""
    return _patterns("mentions_reference").search(text.lower()[:2000]) is not None


def asks_for_diagnosis(text: str) -> bool:
    """'What's wrong with my mix?', 'does it sound ok?': an ask for the assistant's own
    opinion, which the measurement answers."""
    return _patterns("asks_for_diagnosis").search(text.lower()[:2000]) is not None


def _strip_prefix(text: str, prefix: str) -> str:
    words = len(prefix.split())
    parts = text.strip().split(maxsplit=words)
    return parts[words] if len(parts) > words else ""


def target_name(value: str) -> str:
    """A target name from the table or a LUFS number as text ('-16')."""
    found = _lookup("targets", value.lower().strip())
    if found:
        return found
    match = _LUFS.match(value.lower().strip())
    return match.group(1) if match else value


def style_name(value: str) -> str | None:
    return _lookup("styles", value.lower().strip())
