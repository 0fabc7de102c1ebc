"""Normalising and tokenising user text, keeping character spans into the original.

Contractions, clause words and the word-form rules are data (intents/data/text.toml);
`stem` gives every word form one key so "muddiness", "muddied" and "muddy" meet.
"""

from __future__ import annotations

import re
import sys
import tomllib
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["MAX_CHARS", "Token", "clause_bounds", "clause_words", "joining_signs", "keys_of",
           "sentence_ids", "stem", "tokenize", "words_of"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_BREAK = re.compile(r"[,;:!?.()\[\]{}\"“”|/…]+|\s[-–—]+\s|\.\.\.")
_PATH = re.compile(r"(?<!\S)(?:https?://|file://|www\.|~/|\./|/|[A-Za-z]:\\)\S*|\S*[/\\]\S*[/\\]\S*")
"""File paths and links are names, not words: "test_missing_path/nope.wav" says nothing."""
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n\s*\n")
MAX_CHARS = 10_000
"""Longer messages are read up to here (about 1,700 words; a long review is 2,000-4,000
characters), which keeps the read of a pasted 100 KB text near 70 ms; what reads a message
tells its user when the rest went unread (`Understanding.read_chars`)."""


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int
    raw: str


@dataclass(frozen=True)
class _Rules:
    contractions: dict[str, tuple[str, ...]]
    negative_ending: str
    dropped_endings: tuple[str, ...]
    clause_words: frozenset[str]
    after_verb: frozenset[str]
    joiners: frozenset[str]
    signs: dict[str, str]
    spaced_signs: frozenset[str]
    subjects: frozenset[str]
    subordinators: frozenset[str]
    verbs: frozenset[str]
    verb_reach: int
    causatives: frozenset[str]
    bare: frozenset[str]
    min_stem: int
    endings: tuple[str, ...]
    keep: frozenset[str]
    rewrites: dict[tuple[str, ...], tuple[str, ...]]
    rewrite_longest: int
    rewrite_firsts: frozenset[str]


@lru_cache(maxsize=1)
def _data() -> dict:
    return tomllib.loads(resources.files("intents").joinpath("data/text.toml")
                         .read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = _data()
    stemming = data["stemming"]
    rewrites = {tuple(k.split()): tuple(v.split()) for k, v in data["rewrites"].items()}
    places = data["places"]
    rewrites |= {(p, "the", n): (places["read_as"], "the", n) for p in places["prepositions"]
                 for n in places["nouns"] if p != places["read_as"]}
    rewrites |= {(typed, word): (rule["as"], word) for typed, rule in data["shorthand"].items()
                 for word in rule["before"]}
    for old, new in rewrites.items():
        if len(new) not in (1, len(old)):
            raise ValueError(f"intents/data/text.toml [rewrites] {' '.join(old)!r}: "
                             "the new words are one word or as many as the old")
    return _Rules(
        contractions={k: tuple(v.split()) for k, v in data["contractions"].items()},
        negative_ending=data["endings"]["negative"],
        dropped_endings=tuple(data["endings"]["dropped"]),
        clause_words=frozenset(data["clauses"]["words"]),
        after_verb=frozenset(data["clauses"]["after_verb"]),
        joiners=frozenset(data["clauses"]["joiners"]),
        signs=dict(data["clauses"]["signs"]),
        spaced_signs=frozenset(data["clauses"]["spaced_signs"]),
        subjects=frozenset(data["clauses"]["subjects"]),
        subordinators=frozenset(data["clauses"]["subordinators"]),
        verbs=frozenset(data["clauses"]["verbs"]),
        verb_reach=int(data["clauses"]["verb_reach"]),
        causatives=frozenset(data["clauses"]["causatives"]),
        bare=frozenset(data["clauses"]["bare"]),
        min_stem=int(stemming["min_stem"]),
        endings=tuple(sorted(stemming["endings"], key=len, reverse=True)),
        keep=frozenset(stemming["keep"]),
        rewrites=rewrites,
        rewrite_longest=max((len(k) for k in rewrites), default=0),
        rewrite_firsts=frozenset(k[0] for k in rewrites),
    )


@lru_cache(maxsize=1)
def _scare_quote() -> re.Pattern[str]:
    """A word or a few in double quotes after a degree word (`so "hot"`): the quotes mark
    the words, they end no clause ([quotes] in text.toml)."""
    quotes = _data()["quotes"]
    degree = "|".join(re.escape(w) for w in sorted(quotes["after"], key=len, reverse=True))
    return re.compile(rf'(?i)\b(?:{degree})\s+["“”][^\W_]+(?:[ \'-][^\W_]+)'
                      rf'{{0,{int(quotes["most_words"]) - 1}}}["“”]')


def quoted_titles(text: str, tokens: list[Token]) -> frozenset[int]:
    """Indices of the tokens inside quoted titles ([quotes] title_words, title_small):
    "Harsh Light", “Fade Into You”; a quoted span in lower case is a quotation, and one
    quoted word stresses it (sounds “Muddy”)."""
    quotes = _data()["quotes"]
    small = frozenset(quotes["title_small"])
    folded = _fold(text[:MAX_CHARS])
    starts = [t.start for t in tokens]
    out: set[int] = set()
    for match in re.finditer(r'["“]([^"“”\n]+)["”]', folded):
        inside = [k for k in range(bisect_left(starts, match.start(1)),
                                   bisect_left(starts, match.end(1)))
                  if tokens[k].end <= match.end(1)]
        raws = [tokens[k].raw for k in inside if tokens[k].raw[:1].isalpha()]
        if len(raws) > 1 and len(inside) <= quotes["title_words"] and raws[0][:1].isupper() and all(
                r[:1].isupper() or r.lower() in small for r in raws):
            out.update(inside)
    return frozenset(out)


def _unquoted(match: re.Match[str]) -> str:
    return re.sub(r'["“”]', " ", match.group())


@lru_cache(maxsize=4)
def _fold(text: str) -> str:
    """Compatibility forms folded one character at a time, so that every offset into the
    folded text is the same offset into what the user typed (the chat quotes it back)."""
    text = _NON_ASCII.sub(_fold_match, text).replace("’", "'").replace("`", "'")
    return _scare_quote().sub(_unquoted, text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(match: re.Match[str]) -> str:
    return _folded_char(match.group())


@lru_cache(maxsize=1024)
def _folded_char(char: str) -> str:
    """"Ｔ" reads as "T"; a form that folds to several characters ("…", "ﬁ") stays itself."""
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def _expand(raw: str, rules: _Rules) -> tuple[str, ...]:
    word = raw.lower()
    if word in rules.contractions:
        return rules.contractions[word]
    ending = rules.negative_ending
    if word.endswith(ending) and len(word) > len(ending):
        return (word[:-len(ending)], "not")
    if "'" in word and any(word.endswith(e) for e in rules.dropped_endings):
        return (word.split("'")[0],)
    return (word,)


def joining_signs() -> frozenset[str]:
    """The signs that join two words as a list ("vocal/guitar", "kick & snare")."""
    return frozenset(_rules().signs)


def clause_words() -> frozenset[str]:
    return _rules().clause_words | _rules().after_verb


def tokenize(text: str) -> list[Token]:
    rules = _rules()
    text = _fold(text[:MAX_CHARS])
    tokens: list[Token] = []
    paths = [(m.start(), m.end()) for m in _PATH.finditer(text)]
    p = 0
    for match in _WORD.finditer(text):
        while p < len(paths) and paths[p][1] <= match.start():
            p += 1
        if p < len(paths) and paths[p][0] <= match.start():
            continue
        if tokens and tokens[-1].raw.isalpha() and match.group().isalpha():
            gap = text[tokens[-1].end:match.start()]
            sign = gap.strip()
            if sign in rules.signs and (gap == sign or sign in rules.spaced_signs) \
                    and len(tokens[-1].raw) > 1 and tokens[-1].word not in rules.joiners \
                    and match.group().lower() not in rules.joiners:
                at = text.index(sign, tokens[-1].end)
                tokens.append(Token(rules.signs[sign], at, at + 1, sign))
        for word in _expand(match.group(), rules):
            tokens.append(Token(word, match.start(), match.end(), match.group()))
    return _rewritten(tokens, rules)


def _rewritten(tokens: list[Token], rules: _Rules) -> list[Token]:
    """Word sequences read as one form ("could not" -> "cannot"), keeping the spans; a form
    made by one rewrite may start another ("couldn't even" -> "cannot even" -> "cannot")."""
    for _ in range(4):   # a chain is two or three rewrites long; no rewrite makes a cycle
        out = _rewritten_once(tokens, rules)
        if [t.word for t in out] == [t.word for t in tokens]:
            break
        tokens = out
    return tokens


def _rewritten_once(tokens: list[Token], rules: _Rules) -> list[Token]:
    out: list[Token] = []
    firsts = rules.rewrite_firsts
    i = 0
    while i < len(tokens):
        if tokens[i].word not in firsts:
            out.append(tokens[i])
            i += 1
            continue
        for n in range(min(rules.rewrite_longest, len(tokens) - i), 1, -1):
            new = rules.rewrites.get(tuple(t.word for t in tokens[i:i + n]))
            if new is None:
                continue
            old = tokens[i:i + n]
            if len(new) == 1:
                out.append(Token(new[0], old[0].start, old[-1].end, old[0].raw))
            elif sorted(new) == sorted(t.word for t in old):
                # words put in another order keep their own spans and spellings
                # ("can't I hear" -> "I can't hear": the capital stays on "I")
                left = list(old)
                out.extend(left.pop(next(k for k, t in enumerate(left) if t.word == w))
                           for w in new)
            else:
                out.extend(Token(w, t.start, t.end, t.raw) for w, t in zip(new, old, strict=True))
            i += n
            break
        else:
            out.append(tokens[i])
            i += 1
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The key a word form shares with its relatives (muddiness, muddied -> muddy)."""
    rules = _rules()
    if len(word) <= 3 or word in rules.keep or not word.isalpha():
        return word
    base = word
    for ending in rules.endings:
        if word.endswith(ending) and len(word) - len(ending) >= rules.min_stem:
            if ending == "s" and word[-2] in "sui":
                continue
            base = word[:-len(ending)]
            break
    if base.endswith("i"):
        base = base[:-1] + "y"
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsze":
        base = base[:-1]
    if len(base) > 3 and base.endswith("e") and not base.endswith("ee"):
        base = base[:-1]
    return base


@lru_cache(maxsize=8192)
def words_of(phrase: str) -> tuple[str, ...]:
    """A vocabulary phrase as the tuple of words the tokenizer would produce. The words are
    interned: the 40,000 phrases share one string per word, in memory and in the disk
    cache (2.53 -> 2.26 MB, loaded in a new process in 23 ms instead of 30)."""
    return tuple(sys.intern(t.word) for t in tokenize(phrase.replace("-", " ")))


def keys_of(phrase: str) -> tuple[str, ...]:
    """A vocabulary phrase as word-form keys (see `stem`)."""
    return tuple(stem(w) for w in words_of(phrase))


def _break_points(text: str, pattern: re.Pattern[str]) -> list[int]:
    return [m.start() for m in pattern.finditer(_fold(text[:MAX_CHARS]))]


def clause_bounds(text: str, tokens: list[Token]) -> list[int]:
    """Clause number of every token: punctuation and contrast words start a new clause, and
    so does "and"/"or" between two clauses that each have a verb (text.toml [clauses])."""
    rules = _rules()
    joined = {t.start for t in tokens if t.raw in rules.signs}   # "vocal/guitar" is a list
    breaks = [at for at in _break_points(text, _BREAK) if at not in joined]
    ids, clause, b, verb_seen, last_verb = [], 0, 0, False, ""
    for i, token in enumerate(tokens):
        moved = False
        while b < len(breaks) and breaks[b] < token.start:
            b += 1
            moved = True
        if (moved or token.word in rules.clause_words or
                (token.word in rules.after_verb and verb_seen) or
                (token.word in rules.joiners
                 and (verb_seen or (i + 1 < len(tokens) and tokens[i + 1].word in rules.subjects))
                 and _verb_ahead(tokens, i, breaks[b] if b < len(breaks) else None,
                                 last_verb in rules.causatives))) and i:
            clause += 1
            verb_seen, last_verb = False, ""
        if token.word in rules.verbs:
            verb_seen, last_verb = True, token.word
        ids.append(clause)
    return ids


def _verb_ahead(tokens: list[Token], i: int, next_break: int | None,
                after_causative: bool) -> bool:
    """A verb with its own subject after the joiner ("and the low end is"); a verb right
    after it shares the subject before it ("could be louder or have more punch"), and a
    bare verb after a causative one has the joined objects for subject ("make the kick and
    808 sit together")."""
    rules = _rules()
    if i + 1 < len(tokens) and tokens[i + 1].word in rules.verbs:
        return False
    for token in tokens[i + 1:i + 1 + rules.verb_reach]:
        if next_break is not None and token.start > next_break:
            return False
        if token.word in rules.joiners or token.word in rules.clause_words \
                or (token.word in rules.subordinators
                    and not (after_causative and token.word in rules.bare)):
            return False
        if token.word in rules.verbs:
            return not (after_causative and token.word in rules.bare)
    return False


def sentence_ids(text: str, tokens: list[Token]) -> list[int]:
    breaks = _break_points(text, _SENTENCE_END)
    ids, sentence, b = [], 0, 0
    for token in tokens:
        while b < len(breaks) and breaks[b] < token.start:
            b += 1
            sentence += 1
        ids.append(sentence)
    return ids
