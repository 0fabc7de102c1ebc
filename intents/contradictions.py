"""Readings of one part that contradict each other: the part read both too loud and too quiet
(or the song both too loud and too quiet a master) in one message.

An amount of excess after a problem word of its clause ("the bass is buried in the mix
entirely too much", "the vocal is lost way too much") says how much, it reads no level of
its own: the amount's reading goes. Asked both ways in one question ("are the drums too
loud or not loud enough?") it is no complaint at all: both go. Said at different times
("some songs are too loud, some too quiet", "too loud at times and too soft sometimes")
the level is uneven: both become that one reading. Otherwise a request ("turn it down",
"more kick!") gives way to a description of how the part is ("the words disappear under
the beat", "the kick drum is comically loud"): the request's reading goes, offered beside
the description as the other reading of the words. Two descriptions, or two requests, both
stay. Word lists are data (rules.toml [contradictions])."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from intents.parser import _Found, _Reader

__all__ = ["settle"]


def settle(reader: _Reader, items: list[_Found]) -> tuple[list[_Found],
                                                          list[tuple[_Found, _Found]]]:
    """The readings kept, and (set-aside reading, the reading it gave way to) pairs."""
    rule = reader.rules["contradictions"]
    out, aside = list(items), []
    for pair in rule["pairs"]:
        for layer in {i.layer for i in out if i.problem == pair[0]}:
            both = [i for i in out if i.layer == layer and i.problem in pair]
            if {i.problem for i in both} != set(pair):
                continue
            degrees = [i for i in both if _degree(reader, i, both)]
            if degrees:   # "buried in the mix entirely too much": how much it is buried
                out = [i for i in out if i not in degrees]
                continue
            if _asked(reader, both):   # "are the drums too loud or not loud enough?"
                out = [i for i in out if i not in both]
                continue
            if _uneven(reader, both):
                first = min(both, key=lambda i: i.position)
                out = [i for i in out if i not in both] + [
                    replace(first, problem=rule["uneven_problem"], said=rule["uneven_problem"])]
                continue
            asked = [i for i in both if _request(reader, i)]
            said = [i for i in both if i not in asked]
            if asked and said:
                out = [i for i in out if i not in asked]
                aside += [(i, min(said, key=lambda s: abs(s.position - i.position)))
                          for i in asked]
    return out, aside


def _degree(reader: _Reader, item: _Found, both: list[_Found]) -> bool:
    """The reading's words are one of [contradictions] `degrees` ("too much") and the other
    way's problem words end before them in their clause: they size that problem."""
    cue = item.cue
    if " ".join(reader.words[cue.start:cue.end]) not in reader.rules["contradictions"][
            "degrees"]:
        return False
    return any(o.problem != item.problem and o.cue.end <= cue.start
               and reader.clauses[o.cue.start] == reader.clauses[cue.start] for o in both)


def _asked(reader: _Reader, both: list[_Found]) -> bool:
    """Both ways in one question: the writer asks which way it is, and complains of neither."""
    sentences = {i.sentence for i in both}
    if len(sentences) != 1:
        return False
    end = reader.tokens[reader.sentence_span[sentences.pop()][1] - 1].end
    return reader.text[end:end + 3].lstrip()[:1] == "?"


def _uneven(reader: _Reader, both: list[_Found]) -> bool:
    """A word saying the level changes ("sometimes", "at times", "some ... some") in a
    sentence holding one of the readings."""
    words = set(reader.rules["contradictions"]["uneven"]) | set(
        reader.rules["guesses"]["level"]["uneven"])
    return any(reader.sentence_words(i.sentence) & words for i in both)


def _request(reader: _Reader, item: _Found) -> bool:
    """The reading's words ask for a change ("turn it down", "more kick") rather than say
    how the part is."""
    cue = item.cue
    return bool(set(reader.words[cue.start:cue.end]) & set(
        reader.rules["contradictions"]["requests"]))
