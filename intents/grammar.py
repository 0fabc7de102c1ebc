"""Clause grammar that turns a wish, a piece of advice or a hedge into what it implies.

"The bass could be tighter", "I'd make the hats quieter", "how do I get the vocal to
sit on top", "if the kick were louder": a good quality or a comparative wished for
after an opener names the problem its absence means. "Not a fan of", "can't stand"
hold a negator that denies nothing. The tables are data (rules.toml [desire],
[negation] not_denying); this module only finds them in a message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from intents.model import IntentError
from intents.text import clause_words, words_of
from intents.vocabulary import PROBLEMS, Vocabulary, vocabulary

__all__ = ["Grammar", "find", "grammar"]

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Grammar:
    openers: frozenset[Phrase]
    if_words: frozenset[str]
    if_verbs: frozenset[str]
    reach: int
    comparatives: dict[Phrase, str]
    """Comparatives read only as wishes ("quieter" wished for is too loud)."""
    wished: dict[Phrase, str]
    """Every quality a wish can name: [denied_quality] less `skip`, and the comparatives."""
    not_denying: tuple[Phrase, ...]
    between: frozenset[str]
    """Words that may stand between an opener and what it wishes for."""
    result_after: frozenset[str]
    """A wish followed by one of these is the result of a remedy ("would be crisper with
    less reverb"): the remedy names the problem, not the wish."""
    known: frozenset[str]
    """Every word of these tables: never "corrected" as a typo ("tighter" is no "lighter")."""


def _phrases(items: Iterable[str]) -> frozenset[Phrase]:
    return frozenset(words_of(p) for p in items)


def _compile(vocab: Vocabulary) -> Grammar:
    table = vocab.rules["desire"]
    comparatives = {words_of(p): problem for p, problem in table["comparatives"].items()}
    for phrase, problem in comparatives.items():
        if problem not in PROBLEMS:
            raise IntentError(f"intents/data/rules.toml [desire.comparatives] "
                             f"{' '.join(phrase)!r}: unknown problem {problem!r}")
    skip = _phrases(table["skip"])
    wished = {words_of(p): problem for p, problem in vocab.rules["denied_quality"].items()
              if words_of(p) not in skip}
    openers = _phrases(table["openers"])
    return Grammar(
        openers=openers, if_words=frozenset(table["if_words"]),
        if_verbs=frozenset(table["if_verbs"]), reach=int(table["reach"]),
        comparatives=comparatives, wished=wished | comparatives,
        not_denying=tuple(sorted(_phrases(vocab.rules["negation"]["not_denying"]),
                                 key=len, reverse=True)),
        between=frozenset(table["between"]),
        result_after=frozenset(table["result_after"]),
        known=frozenset(w for p in list(openers) + list(comparatives) for w in p)
        | clause_words())


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    return _compile(vocabulary())


def find(words: Sequence[str], phrases: Iterable[Phrase]) -> list[tuple[int, int]]:
    """Every (start, end) where one of `phrases` stands in `words`."""
    by_first: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    return [(i, i + len(p)) for i, w in enumerate(words) for p in by_first.get(w, ())
            if tuple(words[i:i + len(p)]) == p]


def wish_opened(words: Sequence[str], clauses: Sequence[int], at: int, end: int,
                parts: set[int], g: Grammar) -> bool:
    """The words from `at` to `end` complete a wish: an opener stands before them with only
    parts (token indices in `parts`) and `between` words in the way ("could be a bit
    tighter", "make the vocal sit on top", "if the kick were louder"), and no remedy
    follows ("would be crisper with less reverb" names the reverb, not the tone)."""
    if end < len(words) and clauses[end] == clauses[at] and words[end] in g.result_after:
        return False
    for k in range(at - 1, max(at - g.reach, 0) - 1, -1):
        if clauses[k] != clauses[at]:
            return False
        if any(tuple(words[k - len(o) + 1:k + 1]) == o for o in g.openers):
            return True
        if words[k] in g.if_words:
            return any(w in g.if_verbs for w in words[k + 1:at])
        if k not in parts and words[k] not in g.between and words[k] not in g.if_verbs:
            return False
    return False
