"""Normalising and tokenising user text, keeping character spans into the original."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Token", "clause_bounds", "sentence_ids", "tokenize", "words_of"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_BREAK = re.compile(r"[,;:!?.()\[\]{}\"“”|/]+|\s[-–—]+\s|\.\.\.")
_SENTENCE_END = re.compile(r"[.!?]+")
_CLAUSE_WORDS = frozenset({"but", "while", "whereas", "although", "though", "however", "yet",
                           "except", "otherwise", "also"})
_EXPANSIONS = {
    "can't": ("cannot",), "cant": ("cannot",), "won't": ("will", "not"),
    "ain't": ("is", "not"), "it's": ("it", "is"), "its": ("its",), "i'm": ("i", "am"),
    "r": ("are",), "u": ("you",), "ur": ("your",), "da": ("the",), "tha": ("the",),
    "abit": ("a", "bit"), "alot": ("a", "lot"), "isnt": ("is", "not"),
    "doesnt": ("does", "not"), "dont": ("do", "not"), "didnt": ("did", "not"),
    "wont": ("will", "not"), "arent": ("are", "not"), "wasnt": ("was", "not"),
}
MAX_CHARS = 20_000
"""Longer messages are read up to here: nobody describes a mix in a novel."""


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int
    raw: str


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("`", "'")
    return text


def _expand(raw: str) -> tuple[str, ...]:
    word = raw.lower()
    if word in _EXPANSIONS:
        return _EXPANSIONS[word]
    if word.endswith("n't") and len(word) > 3:
        return (word[:-3], "not")
    if word.endswith("'s") or word.endswith("'re") or word.endswith("'ve") \
            or word.endswith("'ll") or word.endswith("'d"):
        return (word.split("'")[0],)
    return (word,)


def tokenize(text: str) -> list[Token]:
    text = _fold(text[:MAX_CHARS])
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        for word in _expand(match.group()):
            tokens.append(Token(word, match.start(), match.end(), match.group()))
    merged: list[Token] = []
    for token in tokens:
        if token.word == "not" and merged and merged[-1].word == "can":
            last = merged.pop()
            merged.append(Token("cannot", last.start, token.end, last.raw))
            continue
        merged.append(token)
    return merged


def words_of(phrase: str) -> tuple[str, ...]:
    """A vocabulary phrase as the tuple of words the tokenizer would produce."""
    return tuple(t.word for t in tokenize(phrase.replace("-", " ")))


def _break_points(text: str, pattern: re.Pattern[str]) -> list[int]:
    return [m.start() for m in pattern.finditer(_fold(text[:MAX_CHARS]))]


def clause_bounds(text: str, tokens: list[Token]) -> list[int]:
    """Clause number of every token: punctuation and contrast words start a new clause."""
    breaks = _break_points(text, _BREAK)
    ids, clause, b = [], 0, 0
    for i, token in enumerate(tokens):
        moved = False
        while b < len(breaks) and breaks[b] < token.start:
            b += 1
            moved = True
        if moved and i:
            clause += 1
        if token.word in _CLAUSE_WORDS and i:
            clause += 1
        ids.append(clause)
    return ids


def sentence_ids(text: str, tokens: list[Token]) -> list[int]:
    breaks = _break_points(text, _SENTENCE_END)
    ids, sentence, b = [], 0, 0
    for token in tokens:
        while b < len(breaks) and breaks[b] < token.start:
            b += 1
            sentence += 1
        ids.append(sentence)
    return ids
