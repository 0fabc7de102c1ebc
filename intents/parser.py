"""Turning a message into intents: find parts and complaint cues, then pair them by rules.

The reading happens clause by clause (punctuation and contrast words split
clauses). A cue pairs with the part that is the subject of its clause, or the
part it points at ("can't hear the vocal"), or the part the message was last
about. Negation, contrast ("isn't muddy, it's the guitars"), conditions
("when I turn it up") and the taxonomy's labelling rules come from data in
intents/data; this module only applies them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from intents.contradictions import settle
from intents.grammar import (
    bare_request,
    find,
    frequency_at,
    grammar,
    index,
    placed,
    reported,
    starts_at,
    wish_opened,
)
from intents.guessing import alternatives, guesses, is_vague
from intents.model import Clarification, Correction, Intent, Understanding
from intents.scope import out_of_scope, said_less, told_apart
from intents.text import (
    MAX_CHARS,
    Token,
    clause_bounds,
    joining_signs,
    quoted_titles,
    sentence_ids,
    stem,
    tokenize,
    words_of,
)
from intents.vocabulary import (
    IGNORED,
    TONES,
    WHOLE_SONG_PROBLEMS,
    Cue,
    Vocabulary,
    english_words,
    vocabulary,
)

__all__ = ["parse", "route_for", "stems_for", "understand"]



@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    layer: str | None = None
    cue: Cue | None = None
    inner: tuple[int, int] | None = None


@dataclass
class _Found:
    layer: str | None
    problem: str
    position: int
    cue: _Mention
    layer_mention: _Mention | None
    clause: int
    sentence: int
    severity: str
    said: str = ""
    """The problem as the cue named it, before whole-song and part remapping."""


def _start(m: _Mention) -> int:
    return m.start


def route_for(layer: str) -> str:
    rules = vocabulary().rules["routes"]
    return rules.get(layer, rules["default"])


def stems_for(layer: str, problem: str) -> tuple[str, ...]:
    table = vocabulary().stems
    for key in (f"{layer}.{problem}", f"{layer}.*", f"*.{problem}", "*.*"):
        if key in table:
            stems = [layer if s == "{layer}" else s for s in table[key]]
            return tuple(dict.fromkeys(stems))
    return (layer,)


def _rivals_asked(intents: list[Intent], sentences: list[int], wide: dict) -> list[Intent]:
    """A problem said of every part of its sentence ([sentence_wide]: "the guitars and the
    keys are fighting") asks for the stems of those parts, not for the whole band's."""
    out = []
    for intent, sentence in zip(intents, sentences, strict=True):
        rivals = [other.layer for other, at in zip(intents, sentences, strict=True)
                  if at == sentence and other.problem == intent.problem
                  and other.layer != intent.layer]
        if intent.problem in wide and rivals:
            intent = replace(intent, stems=tuple(dict.fromkeys((intent.layer, *rivals))))
        out.append(intent)
    return out


def parse(text: str) -> list[Intent]:
    return list(understand(text).intents)


_STRETCHED = re.compile(r"([a-z])\1\1+")


def _unstretched(word: str, known) -> str | None:
    """"SOOOO harsh", "loooud", "muddddy": a letter held for emphasis, read as the known
    word with that letter once or twice."""
    plains = [_STRETCHED.sub(repeat, word) for repeat in (r"\1", r"\1\1")]
    return next((p for p in plains if p in known), None) or next(
        (p for p in plains if stem(p) in known), None)


def _correct(tokens: list[Token], clauses: list[int], vocab: Vocabulary
             ) -> tuple[list[str], list[Correction]]:
    known = vocab.known_words | grammar().known
    confused = vocab.rules["confused_words"]
    words, corrections = [], []
    memo: dict[str, str | None] = {}
    for k, token in enumerate(tokens):
        word = token.word
        if word in memo:
            fixed = memo[word]
        else:
            fixed = memo[word] = _fixed(word, known, vocab)
        rule = confused.get(word)
        if isinstance(rule, dict) and _ends_or_precedes(tokens, clauses, k, rule["before"]):
            fixed = rule["means"]
        if fixed and fixed != word:
            corrections.append(Correction(token.raw, fixed))
            word = fixed
        words.append(word)
    return words, corrections


def _ends_or_precedes(tokens: list[Token], clauses: list[int], k: int,
                      before: list[str]) -> bool:
    """Token k ends its clause or stands before one of `before`."""
    return k + 1 == len(tokens) or clauses[k + 1] != clauses[k] \
        or tokens[k + 1].word in before


def _fixed(word: str, known, vocab: Vocabulary) -> str | None:
    """The vocabulary word a typed word stands for, or None when it is fine as typed."""
    if _STRETCHED.search(word):
        return _unstretched(word, known | vocab.sets["strong"])
    if word in vocab.misspellings:
        layer_words = [p for p, layer in vocab.layer_phrases.items()
                       if layer == vocab.misspellings[word] and len(p) == 1]
        return layer_words[0][0] if layer_words else None
    if (word not in known and stem(word) not in known and word.isalpha()
            and word not in vocab.never_correct and len(word) >= vocab.fuzzy_min_length):
        match = process.extractOne(word, vocab.fuzzy_words.get(len(word), ()),
                                   scorer=OSA.normalized_similarity,
                                   score_cutoff=vocab.fuzzy_cutoff / 100.0)
        return match[0] if match is not None and word not in english_words() else None
    return None


def _joined(text: str, tokens: list[Token], vocab: Vocabulary) -> list[Token]:
    """"over whelming", "under mixed": a prefix typed apart from its problem word is one
    word ([split_words])."""
    prefixes = vocab.rules["split_words"]["prefixes"]
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        first = tokens[i]
        if first.word in prefixes and i + 1 < len(tokens) \
                and text[first.end:tokens[i + 1].start] == " ":
            word = first.word + tokens[i + 1].word
            if (word,) in vocab.cue_phrases:
                out.append(Token(word, first.start, tokens[i + 1].end,
                                 text[first.start:tokens[i + 1].end]))
                i += 2
                continue
        out.append(first)
        i += 1
    return out


def _verb_shared(text: str, tokens: list[Token], vocab: Vocabulary) -> list[Token]:
    """"turn the bass up and the hats down", "make the vocal louder, the pads softer": a
    request's verb is said once for two moves; the second move gets it back, so each part
    reads its own move ([shared_verb])."""
    rule = vocab.rules["shared_verb"]
    ends = set(rule["directions"]) | {
        c for c in vocab.rules["desire"]["comparatives"] if " " not in c}
    before = set(vocab.rules["desire"]["causative_after"])
    words = [t.word for t in tokens]
    out = list(tokens)
    inserted = 0
    for v, word in enumerate(words):
        if word not in rule["verbs"] or (v > 0 and words[v - 1] not in before
                                         and text[tokens[v - 1].end:tokens[v].start] == " "):
            continue
        first = next((k for k in range(v + 2, min(v + rule["most_words"] + 3, len(words)))
                      if words[k] in ends), None)
        if first is None:
            continue
        joiner = first + 1
        while joiner < len(words) and (words[joiner] in rule["amounts"]
                                       or words[joiner][:1].isdigit()):
            joiner += 1
        if joiner >= len(words):
            continue
        if words[joiner] in rule["joiners"]:
            joiner += 1
        elif "," not in text[tokens[joiner - 1].end:tokens[joiner].start]:
            continue
        second = next((k for k in range(joiner + 1, min(joiner + rule["most_words"] + 1,
                                                         len(words))) if words[k] in ends), None)
        if second is None or set(words[joiner:second]) & set(rule["not_between"]):
            continue
        at = tokens[joiner].start
        out.insert(joiner + inserted, Token(word, at, at, ""))
        inserted += 1
    return out


def _title_case(tokens: list[Token]) -> bool:
    capitalised = sum(t.raw[:1].isupper() for t in tokens)
    return capitalised >= 0.5 * max(len(tokens), 1)


_OPENERS = frozenset('.!?:;"“”(‘\'—–-…*')


def _proper(text: str, tokens: list[Token], start: int, end: int, title: bool,
            names: frozenset[str], terms: frozenset[int] = frozenset(),
            emphasis: frozenset[str] = frozenset()) -> bool:
    """A cue spelt with capitals mid-sentence is a name ("Red Hot Chili Peppers"); a
    capital after a full stop, colon or quote starts a sentence, capitals throughout
    ("ULTRA loud") are shouting, and so are capitals after capitalised `emphasis` words
    that open the sentence ("Very Difficult to hear"; a quoted title "Too Loud" stays one)."""
    if title:
        return False
    for k in range(max(start, 1), end):
        raw = tokens[k].raw
        if not raw[:1].isupper() or tokens[k].word in names or (raw.isupper() and len(raw) > 1) \
                or k in terms:
            continue
        j = k
        while j > 0 and tokens[j - 1].word in emphasis and tokens[j - 1].raw[:1].isupper():
            j -= 1
        before = text[max(tokens[j].start - 4, 0):tokens[j].start].rstrip()
        if j < k and (not before or before[-1] in ".!?…"):
            continue
        before = text[max(tokens[k].start - 4, 0):tokens[k].start].rstrip()
        if before and before[-1] not in _OPENERS:
            return True
    return False


def _lookup(words, keys, i, n, vocab) -> _Mention | None:
    key = tuple(words[i:i + n])
    if key in vocab.cue_phrases:
        return _Mention(i, i + n, cue=vocab.cue_phrases[key])
    # a part spelt exactly wins over a cue that only shares its word form ("the stabs"
    # are keys, not "stab")
    if key in vocab.layer_phrases:
        return _Mention(i, i + n, layer=vocab.layer_phrases[key])
    # a word typed in its bare form matches only its own entry: "bit" is not "bitey"
    stems = tuple(keys[i:i + n])
    cue = vocab.cue_keys.get(stems) if stems != key else None
    if cue is not None:
        return _Mention(i, i + n, cue=cue)
    last = key[-1]
    if last.endswith("s") and len(last) > 3:
        for singular in (last[:-1], last[:-2], last[:-3] + "y"):
            layer = vocab.layer_phrases.get(key[:-1] + (singular,))
            if layer is not None:
                return _Mention(i, i + n, layer=layer)
    return None


def _longest(words, keys, i, vocab, reach) -> _Mention | None:
    """The longest phrase at word i that stays within `reach[i]` words."""
    word = words[i]
    longest = max(vocab.starts.get(word, 0), vocab.starts.get(keys[i], 0),
                  vocab.starts.get(word[:-3] + "y", 0) if word.endswith("ies") else 0)
    for n in range(min(longest, reach[i]), 0, -1):
        found = _lookup(words, keys, i, n, vocab)
        if found:
            return found
    return None


def _match(text: str, tokens: list[Token], words: list[str], keys: list[str],
           clauses: list[int], vocab: Vocabulary) -> tuple[list[_Mention], tuple]:
    """Longest phrases first; a longer phrase starting inside a shorter one wins. Also
    returns the spans of `[ignore]` phrases: they block shorter cues and the vague check."""
    title = _title_case(tokens)
    names = frozenset(vocab.rules["names"]["always_capitalised"])
    terms = frozenset(k for start, end in find(words, grammar().indexes["terms"])
                      for k in range(start, end))
    emphasis = frozenset(vocab.rules["names"]["emphasis"])
    titles = quoted_titles(text, tokens) - terms
    gaps = _gap_cues(words, clauses, vocab)
    blocked = [False] * len(words)
    # a gap whose words are a phrase of their own is that phrase ("reverb * go on forever"
    # over "reverb tails go on forever")
    gaps = [gap for gap in gaps if gap.inner[1] > gap.inner[0]
            and tuple(keys[gap.start:gap.end]) not in vocab.cue_keys
            and tuple(words[gap.start:gap.end]) not in vocab.cue_phrases]
    for gap in gaps:
        for k in list(range(gap.start, gap.inner[0])) + list(range(gap.inner[1], gap.end)):
            blocked[k] = True
    # how many words from each one a phrase may take: up to a gap cue's word or the clause's end
    reach = [0] * len(words)
    for k in range(len(words) - 1, -1, -1):
        reach[k] = 0 if blocked[k] else 1 if k + 1 == len(words) \
            or clauses[k + 1] != clauses[k] else reach[k + 1] + 1
    mentions: list[_Mention] = []
    i = 0
    while i < len(words):
        found = _longest(words, keys, i, vocab, reach)
        if found and found.cue and (found.start in titles or _proper(
                text, tokens, found.start, found.end, title, names, terms, emphasis)):
            found = None
        if found:
            rival = next((r for j in range(found.start + 1, found.end)
                          if (r := _longest(words, keys, j, vocab, reach))
                          and r.end > found.end and r.end - r.start > found.end - found.start),
                         None)
            if rival is not None:
                # "hear the kick in the car": "in the car" outruns "kick in", and the words
                # before it may still be a phrase of their own ("kick")
                short = reach.copy()
                short[i] = min(reach[i], rival.start - i)
                found = _longest(words, keys, i, vocab, short) if short[i] else None
                if found is None or found.end > rival.start:
                    i = rival.start
                    continue
        if found is None and tokens[i].raw in vocab.case_sensitive:
            found = _Mention(i, i + 1, layer=vocab.case_sensitive[tokens[i].raw])
        if found:
            mentions.append(found)
            mentions.extend(_coordinated(words, found, vocab))
            i = max(m.end for m in mentions[-2:]) if mentions else found.end
        else:
            i += 1
    mentions += _in_context(words, mentions, vocab)
    listener = frozenset(vocab.rules["gaps"]["listener_objects"])
    for gap in gaps:
        inner = [m for m in mentions if m.layer and gap.inner[0] <= m.start < gap.inner[1]]
        pronoun = any(w in vocab.sets["pronouns"] for w in words[gap.inner[0]:gap.inner[1]])
        if gap.cue.needs_part:
            if any(m.layer != vocab.whole_song_layer for m in inner) and not (
                    gap.end < len(words) and words[gap.end] in vocab.rules["gaps"]["not_before"]):
                mentions.append(gap)
        elif not gap.cue.needs_object or inner or pronoun or listener.intersection(
                words[gap.inner[0]:gap.inner[1]]):
            mentions.append(gap)
    ignored = tuple((m.start, m.end) for m in mentions if m.cue and m.cue.problem == IGNORED)
    mentions = sorted((m for m in mentions if not (m.cue and m.cue.problem == IGNORED) and not (
        m.cue and m.cue.lack_frame and _done_after(words, m.end, vocab))),
                      key=lambda m: m.start)
    cue_at = {m.start: m for m in mentions if m.cue}
    return [m for m in mentions if not _names_a_problem(m, words, cue_at, vocab)
            and not _names_a_trade(m, words, vocab)], ignored


def _names_a_trade(m: _Mention, words: list[str], vocab: Vocabulary) -> bool:
    """"the beat market", "a guitar shop": a part word right before one of [scope.trades]
    `nouns` names a business or a trade, no part of this mix (and the problem words of its
    clause say nothing of the mix: intents/scope.py)."""
    return bool(m.layer) and m.end < len(words) and words[m.end] in vocab.rules["scope"][
        "trades"]["nouns"]


def _trade_clauses(words: list[str], clauses: list[int], vocab: Vocabulary) -> frozenset[int]:
    """The clauses naming a trade after a part word (see `_names_a_trade`)."""
    nouns = vocab.rules["scope"]["trades"]["nouns"]
    return frozenset(clauses[k] for k, w in enumerate(words) if w in nouns and any(
        tuple(words[j:k]) in vocab.layer_phrases for j in range(max(k - 3, 0), k)))


def _headed(words: list[str], mentions: list[_Mention], vocab: Vocabulary) -> list[_Mention]:
    """"the choir instruments", "the overhead drum mics": a narrower part right before a
    word for a wider one is the narrower part, the wider word its head noun ([part_heads])."""
    heads = vocab.rules["part_heads"]
    out: list[_Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        head = heads.get(m.layer) if isinstance(heads.get(m.layer), dict) else None
        if head is not None and last is not None and last.layer and m.start == last.end \
                and last.layer not in (m.layer, vocab.whole_song_layer) \
                and (head["parts"] == "*" or last.layer in head["parts"]) \
                and (head["words"] == "*" or " ".join(words[m.start:m.end]) in head["words"]):
            out[-1] = replace(last, end=m.end)
            continue
        out.append(m)
    return out


def _done_after(words: list[str], end: int, vocab: Vocabulary) -> bool:
    """"need the volume turned down": the lack frame's noun is a thing to be done to."""
    return end < len(words) and words[end] in vocab.rules["lack_frame"]["done"]


def _names_a_problem(m: _Mention, words: list[str], cue_at: dict[int, _Mention],
                     vocab: Vocabulary) -> bool:
    """"too much sibilance", "tone down the boominess": an amount or a request whose
    object is another problem word is that problem, not loudness."""
    if not m.cue or not (tuple(words[m.start:m.end]) in vocab.excess or m.cue.object_after):
        return False
    k = m.end
    while k < len(words) and k - m.end < 4 and words[k] in vocab.sets["fillers"]:
        k += 1
    nxt = cue_at.get(k)
    return nxt is not None and nxt.cue.problem != m.cue.problem


def _coordinated(words: list[str], cue: _Mention, vocab: Vocabulary) -> list[_Mention]:
    """'lacks clarity and punch': the nouns after 'and' share the frame."""
    if not (cue.cue and cue.cue.lack_frame):
        return []
    out, at = [], cue.end
    while at < len(words) and words[at] in vocab.sets["lack_joins"]:
        noun = next((n for n in vocab.lack_nouns
                     if tuple(words[at + 1:at + 1 + len(n)]) == n), None)
        if noun is None:
            break
        end = at + 1 + len(noun)
        out.append(_Mention(at + 1, end, cue=replace(cue.cue,
                                                     problem=vocab.lack_nouns[noun])))
        at = end
    return out


def _gap_cues(words, clauses, vocab) -> list[_Mention]:
    found = []
    negators = vocab.sets["negators"]
    most = vocab.rules["gaps"]["most_words"]
    # each gap cue in turn, at each word its head starts with
    for n, i in sorted((n, i) for i, w in enumerate(words) for n in vocab.gap_heads.get(w, ())):
        head, tail, cue = vocab.gap_cues[n]
        if tuple(words[i:i + len(head)]) != head:
            continue
        after = i + len(head)
        for j in range(after, min(after + most + 1, len(words) - len(tail) + 1)):
            if tuple(words[j:j + len(tail)]) == tail and clauses[j] == clauses[i]:
                if not negators.intersection(words[after:j]):
                    # "the dynamic range is not low" denies, it describes nothing
                    found.append(_Mention(i, j + len(tail), cue=cue, inner=(after, j)))
                break
    return found


def _in_context(words: list[str], mentions: list[_Mention],
                vocab: Vocabulary) -> list[_Mention]:
    """Words whose part depends on the rest of the message: "the lead" beside backing
    vocals is the vocal, beside a guitar solo the guitar."""
    taken = {k for m in mentions for k in range(m.start, m.end)}
    named = [m.layer for m in mentions if m.layer]
    out = []
    for i, word in enumerate(words):
        rule = vocab.context.get(word)
        if rule is None or i in taken or i == 0:
            continue
        k = i - 1
        while k > 0 and i - k <= 2 and words[k] in rule.get("between", ()):
            k -= 1   # "the unison lead", "that main lead"
        if words[k] not in rule["after"] or (k > 0 and words[k - 1] in rule["not_after"]):
            continue
        if any(tuple(words[i + 1:i + 1 + len(after)]) == after for after in rule["not_before"]):
            continue
        layer = next((rule["by_part"][n] for n in named if n in rule["by_part"]),
                     rule["default"])
        out.append(_Mention(i, i + 1, layer=layer))
    return out


def _quantities(words: list[str], mentions: list[_Mention],
                vocab: Vocabulary) -> list[_Mention]:
    """"more guitar please", "less kick": an amount asked of a part right after it."""
    table = vocab.rules["quantity"]
    taken = {k for m in mentions if m.cue for k in range(m.start, m.end)}
    out = []
    for m in mentions:
        if not m.layer or m.layer in vocab.weak_layers:
            continue
        k = m.start
        while k > 0 and words[k - 1] in table["skip"]:
            k -= 1
        for direction, problem in table["problems"].items():
            frame = next((f for f in map(words_of, table[direction])
                          if tuple(words[k - len(f):k]) == f), None)
            if frame and not taken & set(range(k - len(frame), m.start)):
                out.append(_Mention(k - len(frame), k,
                                    cue=Cue(problem, object_after=True)))
                break
    return out


def _implied(words: list[str], clauses: list[int], mentions: list[_Mention],
             determiners: frozenset[str], weak: frozenset[str]) -> list[_Mention]:
    """What a wish, an excess or a reported request implies, replacing any reading of the
    same words: a good quality or comparative wished for ("could be tighter", "make the
    hats quieter", "I wish they were more audible", with `determiners` and pronouns standing
    where a part may) is the problem its absence means;
    "louder than it needs to be" is too loud; "the bass was turned up" is too loud."""
    g = grammar()
    parts = {k for m in mentions if m.layer for k in range(m.start, m.end)}
    parts |= {k for k, w in enumerate(words) if w in determiners}

    def wish(start: int, end: int) -> bool:
        return clauses[start] == clauses[end - 1] and wish_opened(words, clauses, start, end,
                                                                  parts, g)

    found = [_Mention(start, end, cue=Cue(g.excess[tuple(words[start:end])]))
             for start, end in find(words, g.indexes["excess"])]
    found += [_Mention(start, end, cue=Cue(g.wished[tuple(words[start:end])],
                                           object_after=tuple(words[start:end]) in g.heard_after))
              for start, end in find(words, g.indexes["wished"])
              if wish(start, end) or bare_request(words, start, end, parts, g)]
    named = {m.start: (m.end, m.layer) for m in mentions if m.layer and m.layer not in weak}
    part_ends = {end for end, _ in named.values()}

    def subject_end(start: int) -> int:
        """Where the subject of words at `start` ends: before them, past "be" and the words
        that may stand beside it ("the pads are just as loud": after "pads")."""
        k = start - 1
        while k >= 0 and (words[k] in g.be_between or words[k] in g.be):
            k -= 1
        return k + 1

    def level_with_the_lead(start: int, end: int) -> bool:
        """"the pads are just as loud as the lead vocal": a part set level with the part
        that should stand over it ([desire] versus_lead); the vocal as loud as the guitars,
        or the song as loud as released tracks, says nothing for sure."""
        while end < len(words) and words[end] in determiners:
            end += 1
        return subject_end(start) in part_ends and named.get(end, (0, None))[1] in g.versus_lead

    found += [_Mention(start, end, cue=Cue(g.versus[tuple(words[start:end])]))
              for start, end in find(words, g.indexes["versus"]) if not wish(start, end - 1)
              and (words[start] != "as" or level_with_the_lead(start, end))]

    def said_of_a_part(start: int, end: int) -> bool:
        """[reported] of_parts: "the hats are way louder" tells of a named part, with
        nothing it is compared with after it in its clause."""
        if tuple(words[start:end]) not in g.reported_of_parts:
            return True
        k = subject_end(start)
        if k >= 1 and words[k - 1] in g.reported_of_versions:
            return True   # "the remaster is louder": than the release before it
        return k in part_ends and not any(
            w == "than" for w, c in zip(words[end:], clauses[end:], strict=False)
            if c == clauses[start])

    starts_by_end = {end: start for start, (end, _) in named.items()}

    def asked_of_a_part(at: int) -> bool:
        """"is the snare louder now?": a form of "be" opens the clause, then the part."""
        if at not in starts_by_end:
            return False
        k = starts_by_end[at] - 1
        while k >= 0 and words[k] in determiners:
            k -= 1
        return k >= 0 and words[k] in g.be and (k == 0 or clauses[k - 1] != clauses[k])

    found += [_Mention(start, end, cue=Cue(g.reported[tuple(words[start:end])]))
              for start, end in find(words, g.indexes["reported"])
              if (reported(words, start, g) or asked_of_a_part(start)) and not wish(start, end)
              and said_of_a_part(start, end)]
    # a position inside an idiom of another problem keeps the idiom's reading ("behind a
    # door" is dull, "sound far away" too much reverb); level words give way to it
    levels = frozenset(g.placement.positions.values())
    found += [_Mention(start, end, cue=Cue(problem), inner=inner) for start, end, problem, inner
              in placed(words, clauses, named, determiners, g.placement, wish)
              if not any(m.cue and m.cue.problem not in levels and m.start < end
                         and m.end > start for m in mentions)]
    # the longest reading of overlapping words wins ("less in your face" over "in your face")
    found.sort(key=lambda w: (w.start, -w.end))
    longest: list[_Mention] = []
    for w in found:
        if not longest or w.start >= longest[-1].end:
            longest.append(w)
        elif w.end - w.start > longest[-1].end - longest[-1].start:
            longest[-1] = w
    return _over_cues(mentions, longest)


def _over_cues(mentions: list[_Mention], readings: list[_Mention]) -> list[_Mention]:
    """New readings win over every cue that shares a word with them, except a phrase with
    words between that holds one whole ("some songs are much louder than others") and a
    longer phrase of the same problem that holds one ("if I could have heard" over the
    wished "heard")."""
    if not readings:
        return mentions

    def holds(m: _Mention, w: _Mention) -> bool:
        return m.start <= w.start and w.end <= m.end and (
            (m.inner is not None and m.start < w.start)
            or (m.end - m.start > w.end - w.start and m.cue.problem == w.cue.problem))

    taken = {k for w in readings for k in range(w.start, w.end)}
    holding = [m for m in mentions if m.cue and any(holds(m, w) for w in readings)]
    readings = [w for w in readings if not any(holds(m, w) for m in holding)]
    kept = [m for m in mentions if m in holding or not (
        m.cue and taken.intersection(range(m.start, m.end)))]
    return sorted(kept + readings, key=lambda m: m.start)


def _lacks_across(words: list[str], clauses: list[int], mentions: list[_Mention],
                  vocab: Vocabulary) -> list[_Mention]:
    """"badly lacking in that tube-like sheen": a lack frame reaches its noun across a few
    words that are neither parts nor problem words."""
    g = grammar()
    taken = {k for m in mentions for k in range(m.start, m.end)}
    out = []
    for start, end in find(words, g.indexes["lack_gap"]):
        if taken.intersection(range(start, end)):
            continue
        for at in range(end + 1, min(end + g.lack_gap, len(words) - 1) + 1):
            if at - 1 in taken or clauses[at] != clauses[start] or words[at - 1] in g.lack_stops:
                break
            noun = max((n for n in g.indexes["lack_nouns"].get(words[at], ())
                        if tuple(words[at:at + len(n)]) == n), key=len, default=None)
            if noun is not None:
                if _done_after(words, at + len(noun), vocab):
                    break
                found = _Mention(start, at + len(noun),
                                 cue=Cue(g.lack_nouns[noun], lack_frame=True))
                out += [found, *_coordinated(words, found, vocab)]
                break
    return sorted(mentions + out, key=lambda m: m.start) if out else mentions


def _frequency_cues(text: str, tokens: list[Token], words: list[str], clauses: list[int],
                    mentions: list[_Mention]) -> list[_Mention]:
    """"try cutting some 300 Hz from the guitars", "boost the highs on the vocal": a
    frequency, or a band by name, after a remedy or an amount names the problem of its band
    ([frequencies]), over any reading of the same words."""
    table = grammar().frequencies
    between = [""] + [text[tokens[k - 1].end:tokens[k].start] for k in range(1, len(tokens))]
    named = {start: (end, table["band_hz"][tuple(words[start:end])])
             for start, end in find(words, table["band_index"])}
    out, i = [], 0
    while i < len(words):
        found = frequency_at(words, between, i, table) if words[i][:1].isdigit() \
            else named.get(i)
        if found is None:
            i += 1
            continue
        end, hz = found
        lo = i
        while lo > 0 and clauses[lo - 1] == clauses[i] and i - lo < table["reach"]:
            lo -= 1
        frame_kind = "band_" if i in named else ""
        said = _band_said(words, clauses, i, end, hz, table) if i in named else None
        if said is not None:
            out.append(said)
            i = said.end
            continue
        for direction in ("excess", "lack"):
            frames = find(words, table[f"{frame_kind}{direction}_index"], lo, i)
            band = next((p for low, high, p in table[f"{direction}_bands"] if low <= hz < high),
                        None)
            if frames and band:
                # a remedy either way: its part follows it ([grammar] remedy_owner), or
                # stands between ("a resonance in the toms around 150 Hz")
                # the first remedy in reach holds the rest ("rolled off a lot of the highs")
                out.append(_Mention(frames[0][0], end, cue=Cue(band, lack_frame=True),
                                    inner=(frames[-1][1], i)))
                break
        i = end
    return _over_cues(mentions, out)


def _band_said(words: list[str], clauses: list[int], start: int, end: int, hz: float,
               table: dict) -> _Mention | None:
    """"the high end on the hats is too much": a band by name of a part (one of
    `said_between` right after it) as the subject of an excess or a lack ([frequencies]
    said_excess, said_lack). A band alone ("the low end is too much") is left to the
    descriptor families: the song's tilt."""
    if end >= len(words) or words[end] not in table["said_between"]:
        return None
    hi = min(end + 1 + table["said_reach"], len(words))
    for direction in ("excess", "lack"):
        said = next(((a, b) for a, b in find(words, table[f"said_{direction}_index"], end, hi + 1,
                                             starts_only=True)
                     if clauses[a] == clauses[start]), None)
        band = next((p for low, high, p in table[f"{direction}_bands"] if low <= hz < high), None)
        if said is not None and band:
            return _Mention(start, said[1], cue=Cue(band, lack_frame=True), inner=(end, said[0]))
    return None


def _doings(words: list[str], clauses: list[int], mentions: list[_Mention],
            table: dict) -> list[_Mention]:
    """"the kick and bass trip over each other": a verb done to each other, in a clause with
    no problem word, is masking (rules.toml [reciprocal] doing)."""
    cued = {clauses[m.start] for m in mentions if m.cue}
    parts = {k for m in mentions if m.layer for k in range(m.start, m.end)}
    out = []
    final = {words_of(p) for p in table["doing_final"]}
    for start, end in find(words, _phrase_index(tuple(table["doing"]))):
        if clauses[start] in cued or (tuple(words[start:end]) in final and end < len(words)
                                      and clauses[end] == clauses[start]):
            continue
        k = start - 1
        while k >= 0 and clauses[k] == clauses[start] and words[k] in table["doing_joins"]:
            k -= 1
        if k >= 0 and clauses[k] == clauses[start] and k not in parts and words[k].isalpha() \
                and words[k] not in table["friendly"]:
            out.append(_Mention(k, end, cue=Cue(table["becomes"])))
    return sorted(mentions + out, key=lambda m: m.start) if out else mentions


def _apart(words: list[str], clauses: list[int], sentences: list[int],
           mentions: list[_Mention], table: dict, negators: frozenset[str],
           determiners: frozenset[str], whole: str) -> tuple[list[_Mention], frozenset[int]]:
    """"the kick and bass don't gel", "how do I get the kick and 808 to sit together": a
    verb of going together, denied or wished for, in a sentence naming two parts and no
    problem word, is masking (rules.toml [reciprocal] together). Returns the mentions with
    those cues, and the sentences where it is said of one part alone ("the vocal doesn't
    sit in the mix"): something is wrong with that part, what is not said."""
    cued = {clauses[m.start] for m in mentions if m.cue}
    named: dict[int, set[int]] = {}
    part_words = {k for k, w in enumerate(words) if w in determiners}
    for m in mentions:
        if m.layer and m.layer != whole:
            named.setdefault(sentences[m.start], set()).add(m.start)
            part_words.update(range(m.start, m.end))
    together = _phrase_index(tuple(table["together"]))
    joins = _phrase_index(tuple(table["joins"]))
    out, alone = [], set()
    for start, end in find(words, _phrase_index(tuple(table["together"] + table["joined"]))):
        clause = clauses[start]
        if clause in cued:
            continue
        joined = [j_end for _, j_end in find(words, joins, end, end + table["joins_reach"],
                                             starts_only=True) if clauses[j_end - 1] == clause]
        if any(words[j - 1] in table["object_joins"]
               and not _part_follows(j, words, part_words, determiners) for j in joined):
            continue
        if tuple(words[start:end]) not in together.get(words[start], ()):
            if not joined:
                continue
            end = joined[0]
        denier = next((k for k in range(start - 1, max(start - table["denied_reach"], 0) - 1,
                                        -1)
                       if clauses[k] == clause and words[k] in negators), None)
        if denier is None and not wish_opened(words, clauses, start, end, part_words,
                                              grammar()):
            continue
        parts = named.get(sentences[start], set())
        if len(parts) >= 2:
            out.append(_Mention(start, end, cue=Cue(table["becomes"],
                                                    denied_quality=denier is not None)))
        elif parts:
            alone.add(sentences[start])
    merged = sorted(mentions + out, key=lambda m: m.start) if out else mentions
    return merged, frozenset(alone)


def _part_follows(at: int, words: list[str], part_words: set[int],
                  determiners: frozenset[str]) -> bool:
    while at < len(words) and words[at] in determiners:
        at += 1
    return at in part_words


@cache
def _phrase_index(phrases: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """A rule table's phrases indexed for `find`, built once per table."""
    return index(words_of(p) for p in phrases)


def _graded_in_lists(words: list[str], clauses: list[int], mentions: list[_Mention],
                     problems: frozenset[str], listed: frozenset[str]) -> list[_Mention]:
    """"the snare sounds lean, boxy and dull": a word that names a problem only when
    graded does so in a list beside another problem word, and after a graded one of any
    problem ("too dry and up front")."""
    g = grammar()
    taken = {k for m in mentions for k in range(m.start, m.end)}
    plain = [m for m in mentions if m.cue and m.cue.problem and not m.cue.denied_quality]
    starts, ends = {m.start for m in plain}, {m.end for m in plain}
    # "too dry and up front": an intensifier grades every word of its list
    graded_ends = {m.end for m in plain if words[m.start] in g.intensifiers}
    joins = {"and", "or"}
    out = []
    for start, end in find(words, g.indexes["graded"]):
        problem = g.graded[tuple(words[start:end])]
        if taken.intersection(range(start, end)):
            continue
        after = end + (end < len(words) and words[end] in joins)
        before = start - (start > 0 and words[start - 1] in joins)
        if " ".join(words[start:end]) in listed:
            # "muddy and loud": only with the join on the partner's side ("heard loud")
            after, before = (after if after > end else -1), (before if before < start else -1)
        if before in graded_ends or (problem in problems or " ".join(words[start:end]) in listed) \
                and (after in starts or before in ends):
            out.append(_Mention(start, end, cue=Cue(problem)))
    return sorted(mentions + out, key=lambda m: m.start) if out else mentions


def _denied_part(words: list[str], start: int, sets) -> bool:
    """"not the kick": a part named only to be ruled out."""
    k = start - 1
    while k >= 0 and words[k] in sets["determiners"]:
        k -= 1
    return k >= 0 and words[k] in sets["negators"]


_LIST_MARKS = frozenset(", \t\n") | joining_signs()
"""What may stand between the members of a list: commas, spaces and [clauses] signs."""


def _lists(text, tokens, words, sentences, clauses, mentions, sets,
           weak) -> dict[_Mention, tuple[_Mention, ...]]:
    """Named lists of parts ("the guitars, drum kit, and strings"): each member maps to
    the whole list, and the list's clauses merge so a cue after it reaches every member.
    Only commas and list words join a list ("love the guitar tone; the hats are piercing"
    is two clauses, "the hats the whole time" no list), and the song is no member of one."""
    parts = [m for m in mentions if m.layer and m.layer not in weak
             and not _denied_part(words, m.start, sets)]
    cues = [m for m in mentions if m.cue]
    groups: list[list[_Mention]] = []
    for m in parts:
        last = groups[-1][-1] if groups else None
        between = text[tokens[last.end - 1].end:tokens[m.start].start] if last else ""
        if (last is not None and sentences[last.start] == sentences[m.start]
                and all(w in sets["list_words"] for w in words[last.end:m.start])
                and ("," in between or last.end < m.start)
                and _LIST_MARKS.issuperset(
                    re.sub(r"[^\W_]+", " ", text[tokens[last.end - 1].end:
                                                  tokens[m.start].start]))
                and not _own_predicates(last, m, cues, clauses, words, sets["be"],
                                        sets["joins"])
                and not _set_against(words, groups[-1][0].start, sets["determiners"])):
            groups[-1].append(m)
        else:
            groups.append([m])
    out: dict[_Mention, tuple[_Mention, ...]] = {}
    for group in groups:
        if len(group) < 2 or len({m.layer for m in group}) < 2:
            continue
        for k in range(group[0].start, group[-1].start):
            clauses[k] = clauses[group[-1].start]
        for m in group:
            out[m] = tuple(group)
    return out


def _set_against(words: list[str], at: int, determiners: frozenset[str]) -> bool:
    """"compared to the drums, the cymbals dominate": a part after one of [comparative]
    rival_openers is what the rest is set against, and starts no list."""
    k = at
    while k > 0 and words[k - 1] in determiners:
        k -= 1
    openers = grammar().indexes["rival_openers"]
    longest = max(len(p) for phrases in openers.values() for p in phrases)
    return any(end == k for _, end in find(words, openers, max(k - longest, 0), k))


def _ensembles(words: list[str], mentions: list[_Mention], ensembles,
               groups: dict[_Mention, tuple[_Mention, ...]]
               ) -> dict[_Mention, tuple[_Mention, ...]]:
    """A word for several parts ("the rhythm section") stands for each of them, alone or
    as a member of a named list."""
    for m in mentions:
        members = ensembles.get(tuple(words[m.start:m.end])) if m.layer else None
        if not members:
            continue
        every = (m, *(_Mention(m.start, m.end, layer=layer) for layer in members[1:]))
        listed = groups.get(m, (m,))
        merged = tuple(x for member in listed for x in (every if member is m else (member,)))
        for member in merged:
            groups[member] = merged
    return groups


def _own_predicates(first: _Mention, second: _Mention, cues: list[_Mention],
                    clauses: list[int], words: list[str], be: frozenset[str],
                    joins: frozenset[str]) -> bool:
    """"the kick is lost under the bass, the hats are a touch bright", "the guitars squelch
    the vocal, and the bass squelches everything": an object after its clause's problem
    words and a subject with a verb (or verb of problem) and problem words of its own are
    no list."""
    return (second.end < len(words) and (words[second.end] in be
                                         or any(c.start == second.end for c in cues))
            and any(c.end <= first.start and clauses[c.start] == clauses[first.start]
                    # "the vocal is buried and the guitars and keys ...": past "and" the
                    # first is a new subject, not the object of the words before it
                    and not joins.intersection(words[c.end:first.start])
                    for c in cues)
            and any(c.start >= second.end and clauses[c.start] == clauses[second.start]
                    for c in cues))


def _alternations(words: list[str], sentences: list[int], mentions: list[_Mention],
                  negators: frozenset[str], rule: dict) -> list[int]:
    """"when it wasn't distorting it was too quiet", "if it's not the boomy bass, it's the
    shrill vocal": a problem denied after "if" or "when" and another said after "it is" in
    the sentence name two faults in turn; the negator there denies nothing."""
    cues = [m for m in mentions if m.cue and m.cue.problem and not m.cue.denied_quality]
    out = []
    for o, word in enumerate(words):
        if word not in rule["openers"]:
            continue
        n = next((k for k in range(o + 1, min(o + 1 + rule["reach"], len(words)))
                  if words[k] in negators and sentences[k] == sentences[o]), None)
        if n is None:
            continue
        first = next((c for c in cues if n < c.start <= n + rule["reach"]
                      and sentences[c.start] == sentences[n]), None)
        if first is None:
            continue
        then = [k for k, _ in find(words, grammar().indexes["alternation_then"], first.end)
                if sentences[k] == sentences[n]]
        if then and any(c.start >= then[0] and sentences[c.start] == sentences[n]
                        and not negators & set(words[first.end:c.start]) for c in cues):
            out.append(n)
    return out


def _negated(start: int, words: list[str], clauses: list[int], covered: list[bool],
             negators: frozenset[str], window: int) -> bool:
    for k in range(start - 1, max(start - window, 0) - 1, -1):
        if clauses[k] != clauses[start]:
            break
        if words[k] in negators and not covered[k]:
            return True
    return False


def _severity(words: list[str], lo: int, hi: int, sets) -> str:
    """Intensity words just before or inside the cue: "way too low", "a bit boomy"."""
    window = set(words[lo:hi])
    if window & sets["mild"]:
        return "mild"
    if window & sets["strong"]:
        return "strong"
    return "normal"


def _amount_end(words: list[str], at: int, table: dict) -> int | None:
    """The end of an amount of level starting at `at` ("3dB", "a couple of dB", "a notch")."""
    k = at
    while k < len(words) and k - at < table["reach"] and (
            words[k] in table["between"] or words[k].replace(".", "").isdigit()):
        k += 1
    if k < len(words) and (words[k] in table["amounts"] or _DB.fullmatch(words[k])):
        return k + 1
    return None


def _steps(words: list[str], clauses: list[int], mentions: list[_Mention],
           vocab: Vocabulary) -> list[_Mention]:
    """A level step asked of a part: "vocals up 3dB", "the snare could go up a touch" (a
    direction after the part), "drop the guitars a few dB" (a verb before it)."""
    table = vocab.rules["steps"]
    taken = {k for m in mentions if m.cue for k in range(m.start, m.end)}
    named = [m for m in mentions if m.layer and m.layer not in vocab.weak_layers]
    narrators = frozenset(vocab.rules["reported"]["narrators"])
    out = []
    for i, word in enumerate(words):
        problem = table["directions"].get(word)
        end = _amount_end(words, i + 1, table) if problem else None
        if end is None or i in taken or not i or words[i - 1] in table["not_after"]:
            continue
        part = next((m for m in reversed(named) if m.end <= i
                     and clauses[m.start] == clauses[i]), None)
        if part is None:
            continue
        k = part.start - 1
        while k > 0 and words[k] in vocab.sets["determiners"]:
            k -= 1
        if k > 0 and words[k].endswith("ed") and words[k - 1] in narrators:
            continue    # "I turned the vocal up 2dB": something done, not asked
        out.append(_Mention(i, end, cue=Cue(problem)))
    for m in named:
        k = m.start - 1
        while k >= 0 and words[k] in vocab.sets["determiners"]:
            k -= 1
        problem = table["verbs"].get(words[k]) if k >= 0 else None
        end = _amount_end(words, m.end, table) if problem else None
        if end is not None and k not in taken and clauses[k] == clauses[end - 1]:
            out.append(_Mention(k, end, cue=Cue(problem), inner=(m.start, m.end)))
        out += _amount_moved(words, clauses, m, table, narrators, vocab.sets["determiners"])
    out += _units_said(words, clauses, named, table)
    return out


def _amount_moved(words: list[str], clauses: list[int], part: _Mention, table: dict,
                  narrators: frozenset[str], determiners: frozenset[str]) -> list[_Mention]:
    """"knock a couple dB off the snare", "add 2 dB to the kick": a verb and an amount, then
    a word that joins them to the part ("I cut 2dB off the bass" tells what was done)."""
    k = part.start - 1
    while k > 0 and words[k] in determiners:
        k -= 1
    for rule in (table["off"], table["onto"]):
        if k < 0 or words[k] not in rule["words"]:
            continue
        for v in range(max(k - table["reach"] - 2, 0), k):
            if words[v] in rule["verbs"] and _amount_end(words, v + 1, table) == k \
                    and clauses[v] == clauses[k] and not (v and words[v - 1] in narrators):
                return [_Mention(v, part.end, cue=Cue(rule["problem"]),
                                 inner=(part.start, part.end))]
    return []


def _units_said(words: list[str], clauses: list[int], named: list[_Mention],
                table: dict) -> list[_Mention]:
    """"the snare is 2dB hot", "the vocal needs 2dB more": decibels and how the part before
    them stands."""
    out = []
    for e, word in enumerate(words):
        problem = table["unit_then"].get(word)
        if not problem or e < 1 or not (
                words[e - 1] in table["units"] or _DB.fullmatch(words[e - 1])):
            continue
        start = e - 1
        while start > 0 and e - start <= table["reach"] and (
                words[start - 1] in table["between"]
                or words[start - 1].replace(".", "").isdigit()):
            start -= 1
        part = next((m for m in reversed(named) if m.end <= start
                     and clauses[m.start] == clauses[e]), None)
        if part is not None:
            out.append(_Mention(start, e + 1, cue=Cue(problem)))
    return out


def _compounds(words: list[str], clauses: list[int], mentions: list[_Mention],
               vocab: Vocabulary) -> list[_Mention]:
    """"a guitar-heavy mix", "the mix is very vocal heavy": a part word joined to a weighting
    word says the mix holds too much of it; "guitar-heavy riffs" names a style."""
    table = vocab.rules["compound"]
    taken = {k for m in mentions if m.cue for k in range(m.start, m.end)}
    out = []
    for m in mentions:
        k = m.end
        problem = table["suffixes"].get(words[k]) if m.layer and k < len(words) else None
        if problem is None or m.layer in vocab.weak_layers or k in taken:
            continue
        after = words[k + 1] if k + 1 < len(words) and clauses[k + 1] == clauses[k] else None
        if after is None or after in table["after"]:
            out.append(_Mention(m.start, k + 1, cue=Cue(problem), inner=(m.start, m.end)))
    return out


def _said_a_lot(words: list[str], clauses: list[int], mentions: list[_Mention],
                vocab: Vocabulary) -> list[_Mention]:
    """"the synths are a lot": a part said to be a lot is too much of it ([said_a_lot])."""
    table = vocab.rules["said_a_lot"]
    taken = {k for m in mentions if m.cue for k in range(m.start, m.end)}
    amounts = grammar().indexes["said_a_lot"]
    between = set(table["between"])
    out = []
    for m in mentions:
        be = m.end
        if not m.layer or m.layer in vocab.weak_layers or be >= len(words) \
                or words[be] not in vocab.sets["be"]:
            continue
        for k in range(be + 1, min(be + 2 + table["reach"], len(words))):
            ends = [end for _, end in find(words, amounts, k, k + 1, starts_only=True)
                    if clauses[end - 1] == clauses[m.start]]
            if ends:
                end = max(ends)
                if not taken & set(range(k, end)) and (
                        end == len(words) or clauses[end] != clauses[m.start]
                        or words[end] in table["after"]):
                    out.append(_Mention(m.start, end, cue=Cue(table["problem"]),
                                        inner=(m.start, m.end)))
                break
            if words[k] not in between:
                break
    return out


def _faults_everywhere(words: list[str], mentions: list[_Mention],
                       vocab: Vocabulary) -> list[_Mention]:
    """"clipping all over the place": where a fault is heard, not an uneven level
    ([fault_everywhere])."""
    table = vocab.rules["fault_everywhere"]
    where = {words_of(w) for w in table["words"]}
    skip = vocab.sets["be"] | vocab.sets["be_between"]
    ends = {m.end for m in mentions if m.cue and m.cue.problem in table["faults"]}
    dropped = set()
    for m in mentions:
        if not m.cue or m.cue.problem != table["problem"] \
                or tuple(words[m.start:m.end]) not in where:
            continue
        k = m.start
        while k > 0 and k not in ends and words[k - 1] in skip:
            k -= 1
        if k in ends:
            dropped.add(m)
    return [m for m in mentions if m not in dropped] if dropped else mentions


def _heard_people(text: str, tokens: list[Token], words: list[str], mentions: list[_Mention],
                  vocab: Vocabulary) -> list[_Mention]:
    """"hard to hear Sebastian over the music", "you can barely hear her": the person heard
    or not is the singer ([heard_person])."""
    table = vocab.rules["heard_person"]
    verbs = [words_of(v) for v in table["verbs"]]
    quiet = vocab.rules["voice"]["passive"]
    title = _title_case(tokens)
    names = frozenset(vocab.rules["names"]["always_capitalised"])
    taken = {k for m in mentions for k in range(m.start, m.end)}
    out = []
    for cue in mentions:
        k = cue.end
        if not cue.cue or cue.cue.problem != quiet or k >= len(words) or k in taken \
                or not any(tuple(words[cue.end - len(v):cue.end]) == v for v in verbs):
            continue
        if words[k] in table["pronouns"]:
            person = not any(m.layer and m.layer not in vocab.weak_layers and m.start < k
                             for m in mentions)
        else:
            person = tokens[k].raw.isalpha() and _proper(text, tokens, k, k + 1, title, names)
        if person:
            out.append(_Mention(k, k + 1, layer=table["layer"]))
    return sorted(mentions + out, key=lambda m: m.start) if out else mentions


def _sung(words: list[str], clauses: list[int], mentions: list[_Mention],
          vocab: Vocabulary) -> list[_Mention]:
    """"hear what it was that Geddy was singing", "what is being sung gets lost": what
    someone sings or says is the singer ([heard_person] sung), from `sung_openers` to the
    word of singing within `sung_reach` words of its clause; what the listener or the
    reader says is talk ("I can't understand what you're saying")."""
    table = vocab.rules["heard_person"]
    taken = {k for m in mentions for k in range(m.start, m.end)}
    out = []
    for k, word in enumerate(words):
        if word not in table["sung_openers"] or k in taken:
            continue
        for j in range(k + 1, min(k + 1 + table["sung_reach"], len(words))):
            if clauses[j] != clauses[k] or words[j] in table["talkers"]:
                break
            if words[j] in table["sung"]:
                out.append(_Mention(k, j + 1, layer=table["layer"]))
                break
    if not out:
        return mentions
    inside = {k for m in out for k in range(m.start, m.end)}
    kept = [m for m in mentions if not (m.layer and m.start in inside)]
    return sorted(kept + out, key=lambda m: m.start)


def _lyrics_of(words: list[str], mentions: list[_Mention],
               vocab: Vocabulary) -> list[_Mention]:
    """"the words to the backing vocals": the words of a singing part named right after
    them name that part, not the lead vocal ([heard_person] lyrics)."""
    table = vocab.rules["heard_person"]
    determiners = vocab.sets["determiners"]
    starts = {m.start: m for m in mentions if m.layer}
    dropped = set()
    for m in mentions:
        if not m.layer or words[m.end - 1] not in table["lyrics"] or m.end >= len(words) \
                or words[m.end] not in table["lyrics_joins"]:
            continue
        k = m.end + 1
        while k < len(words) and words[k] in determiners:
            k += 1
        singer = starts.get(k)
        if singer is not None and singer.layer in table["singers"]:
            dropped.add(m.start)
    return [m for m in mentions if not (m.layer and m.start in dropped)]


def _level_causes(words: list[str], sentences: list[int], mentions: list[_Mention],
                  vocab: Vocabulary) -> list[_Mention]:
    """"the volume of the backing track makes it hard to hear the vocal": a part whose level
    keeps another from being heard is too loud ([level_cause])."""
    table = vocab.rules["level_cause"]
    nouns, joins = grammar().indexes["level_nouns"], set(table["joins"])
    determiners = vocab.sets["determiners"]
    parts = [m for m in mentions if m.layer and m.layer not in vocab.weak_layers]
    out = []
    for part in parts:
        after = find(words, nouns, part.end, part.end + 1, starts_only=True)
        if after:
            start, end = part.start, max(e for _, e in after)
        else:
            k = part.start
            while k > 0 and words[k - 1] in determiners:
                k -= 1
            if k == 0 or words[k - 1] not in joins:
                continue
            before = [s for s, e in find(words, nouns, max(k - 3, 0), k - 1) if e == k - 1]
            if not before:
                continue
            start, end = min(before), part.end
        caused = _cause_after(words, end, table) or _cause_before(words, start, determiners)
        if caused is None:
            continue
        later, k = [], bisect_left(mentions, caused, key=_start)
        while k < len(mentions) and sentences[mentions[k].start] == sentences[part.start]:
            later.append(mentions[k])
            k += 1
        if any(m.cue and m.cue.problem == table["needs"] for m in later) and any(
                m.layer and m.layer != part.layer and m.layer not in vocab.weak_layers
                for m in later):
            out.append(_Mention(start, end, cue=Cue(table["problem"]),
                                inner=(part.start, part.end)))
    return sorted(mentions + out, key=lambda m: m.start) if out else mentions


def _cause_after(words: list[str], end: int, table: dict) -> int | None:
    for k in range(end, min(end + table["reach"] + 1, len(words))):
        if words[k] in table["causes"]:
            return k + 1
        if words[k] not in table["between"]:
            return None
    return None


def _cause_before(words: list[str], start: int, determiners) -> int | None:
    k = start
    while k > 0 and words[k - 1] in determiners:
        k -= 1
    openers = find(words, grammar().indexes["level_openers"], max(k - 3, 0), k)
    return start if any(end == k for _, end in openers) else None


def _sizes_in_mix(words: list[str], mentions: list[_Mention],
                  vocab: Vocabulary) -> list[_Mention]:
    """"HUGE hats in the mix", "tiny vocals in this mix": a size word before a part that
    stands in the mix is its level ([size_in_mix]); the size word's own tone reading goes."""
    table = vocab.rules["size_in_mix"]
    sizes = {words_of(w): table["problems"][kind] for kind in ("big", "small")
             for w in table[kind]}
    places = grammar().indexes["size_place"]
    parts = [m for m in mentions if m.layer and m.layer not in vocab.weak_layers]
    by_start = {m.start: m for m in parts}
    out = []
    for m in parts:
        # "HUGE hats and cymbals in the mix": the place may follow a list of parts
        listed, last = [m], m
        while last.end < len(words) and words[last.end] in table["joins"]:
            j = last.end + 1
            while j < len(words) and words[j] in vocab.sets["determiners"]:
                j += 1
            if j not in by_start:
                break
            last = by_start[j]
            listed.append(last)
        ends = [end for _, end in find(words, places, last.end, last.end + 1, starts_only=True)]
        if not ends:
            continue
        k = m.start
        while k > 0 and words[k - 1] in vocab.sets["determiners"]:
            k -= 1
        size = next(((n, sizes[tuple(words[k - n:k])]) for n in (2, 1)
                     if k >= n and tuple(words[k - n:k]) in sizes), None)
        if size is None:
            continue
        out += [_Mention(k - size[0], max(ends), cue=Cue(size[1]), inner=(p.start, p.end))
                for p in listed]
    if not out:
        return mentions
    inside = {i for s in out for i in range(s.start, s.end)}
    kept = [m for m in mentions if not (m.cue and m.start in inside and m.end - 1 in inside)]
    return sorted(kept + out, key=lambda m: m.start)


def _all_and_none(words: list[str], clauses: list[int], mentions: list[_Mention],
                  vocab: Vocabulary) -> list[_Mention]:
    """"it's all kick and no vocal": the part that is all there is is too loud, the one that
    is not there too quiet (rules.toml [all_and_none])."""
    table = vocab.rules["all_and_none"]
    named = [m for m in mentions if m.layer and m.layer not in vocab.weak_layers]
    out = []
    for first, second in zip(named, named[1:], strict=False):
        between = tuple(w for w in words[first.end:second.start]
                        if w not in vocab.sets["determiners"] or w == "no")
        if first.start and words[first.start - 1] in table["all"] \
                and between in {words_of(p) for p in table["none"]} \
                and clauses[first.start] == clauses[second.start]:
            out.append(_Mention(first.start - 1, first.end, cue=Cue(table["problems"]["all"]),
                                inner=(first.start, first.end)))
            out.append(_Mention(first.end, second.end, cue=Cue(table["problems"]["none"]),
                                inner=(second.start, second.end)))
    return out


_DB = re.compile(r"\d+(?:\.\d+)?dbs?")


class _Reader:
    """One pass over one message; holds the per-message state the rules need."""

    def __init__(self, text: str, vocab: Vocabulary) -> None:
        self.text = text
        self.vocab = vocab
        self.rules = vocab.rules
        self.tokens = _verb_shared(text, _joined(text, tokenize(text), vocab), vocab)
        self.clauses = clause_bounds(text, self.tokens)
        self.words, self.corrections = _correct(self.tokens, self.clauses, vocab)
        self.sentences = sentence_ids(text, self.tokens)
        self.keys = [stem(w) for w in self.words]
        matched, self.ignored = _match(text, self.tokens, self.words, self.keys, self.clauses,
                                       vocab)
        self.mentions = _headed(self.words, matched, vocab)
        self.trade_clauses = _trade_clauses(self.words, self.clauses, vocab)
        self.mentions = sorted(self.mentions + _quantities(self.words, self.mentions, vocab),
                               key=lambda m: m.start)
        self.mentions = sorted(self.mentions + _steps(self.words, self.clauses, self.mentions,
                                                      vocab), key=lambda m: m.start)
        self.mentions = sorted(
            self.mentions + _compounds(self.words, self.clauses, self.mentions, vocab)
            + _all_and_none(self.words, self.clauses, self.mentions, vocab)
            + _said_a_lot(self.words, self.clauses, self.mentions, vocab),
            key=lambda m: m.start)
        self.mentions = _sizes_in_mix(self.words, self.mentions, vocab)
        self.mentions = _faults_everywhere(self.words, self.mentions, vocab)
        self.mentions = _sung(self.words, self.clauses, self.mentions, vocab)
        self.mentions = _lyrics_of(self.words, self.mentions, vocab)
        self.mentions = _heard_people(text, self.tokens, self.words, self.mentions, vocab)
        self.mentions = _level_causes(self.words, self.sentences, self.mentions, vocab)
        self.mentions = _implied(self.words, self.clauses, self.mentions,
                                 vocab.sets["determiners"] | vocab.sets["pronouns"],
                                 vocab.weak_layers)
        self.mentions = _lacks_across(self.words, self.clauses, self.mentions, vocab)
        self.mentions = _frequency_cues(text, self.tokens, self.words, self.clauses,
                                        self.mentions)
        self.mentions = _graded_in_lists(
            self.words, self.clauses, self.mentions,
            frozenset(vocab.rules["grammar"]["graded_in_lists"]),
            frozenset(vocab.rules["grammar"]["graded_words_in_lists"]))
        self.mentions = _doings(self.words, self.clauses, self.mentions,
                                self.rules["reciprocal"])
        self.mentions, self.apart_alone = _apart(
            self.words, self.clauses, self.sentences, self.mentions, self.rules["reciprocal"],
            vocab.sets["negators"], vocab.sets["determiners"], vocab.whole_song_layer)
        self.sets = vocab.sets
        self.whole = vocab.whole_song_layer
        self.groups = _ensembles(self.words, self.mentions, vocab.ensembles, _lists(
            self.text, self.tokens, self.words, self.sentences, self.clauses, self.mentions,
            self.sets, vocab.weak_layers))
        self.covered = [False] * len(self.words)
        # "not a fan of", "can't stand": negators that deny nothing
        for start, end in find(self.words, grammar().indexes["not_denying"]):
            self.covered[start:end] = [True] * (end - start)
        for m in self.mentions:
            if m.cue:
                for k in range(m.start, m.end):
                    self.covered[k] = True
        for k in _alternations(self.words, self.sentences, self.mentions,
                               vocab.sets["negators"], vocab.rules["negation"]["alternation"]):
            self.covered[k] = True
        self.by_clause: dict[int, list[_Mention]] = {}
        self.by_sentence: dict[int, list[_Mention]] = {}
        for m in self.mentions:
            self.by_clause.setdefault(self.clauses[m.start], []).append(m)
            self.by_sentence.setdefault(self.sentences[m.start], []).append(m)
        # each sentence's named parts, and the first part starting at each word: a long
        # sentence is scanned once, not once per problem word in it
        self.sentence_parts: dict[int, list[_Mention]] = {
            sentence: self.named([m for m in ms if m.layer])
            for sentence, ms in self.by_sentence.items()}
        self.sentence_layers: dict[int, frozenset[str]] = {
            sentence: frozenset(m.layer for m in parts)
            for sentence, parts in self.sentence_parts.items()}
        self.part_at: dict[int, _Mention] = {}
        for m in self.mentions:
            if m.layer:
                self.part_at.setdefault(m.start, m)
        self._sections: dict[int, bool] = {}
        self.clause_start: dict[int, int] = {}
        self.sentence_span: dict[int, list[int]] = {}
        for k, (c, sentence) in enumerate(zip(self.clauses, self.sentences, strict=True)):
            self.clause_start.setdefault(c, k)
            self.sentence_span.setdefault(sentence, [k, k])[1] = k + 1
        self.negators = self.sets["negators"]
        self.clause_negators = grammar().indexes["clause_negators"]
        self._fault: frozenset[int] | None = None
        self.window = int(self.rules["negation"]["window"])
        self.praise = vocab.praise
        self.mono_words = self.sets["mono"]

    def layers_in(self, clause: int) -> list[_Mention]:
        here = self.by_clause.get(clause, [])
        has_cue = any(c.cue for c in here)
        return [m for m in here if m.layer and (has_cue or not _negated(
            m.start, self.words, self.clauses, self.covered, self.negators,
                       self.window))]

    def named(self, mentions: list[_Mention]) -> list[_Mention]:
        return [m for m in mentions if m.layer not in self.vocab.weak_layers]

    def parts_before(self, sentence: int, at: int) -> list[_Mention]:
        """The sentence's named parts that start before word `at`."""
        parts = self.sentence_parts.get(sentence, [])
        return parts[:bisect_left(parts, at, key=_start)]

    def clause_list(self, clause: int) -> list[str]:
        start = self.clause_start.get(clause)
        if start is None:
            return []
        end = start
        while end < len(self.words) and self.clauses[end] == clause:
            end += 1
        return self.words[start:end]

    def sentence_words(self, sentence: int) -> set[str]:
        lo, hi = self.sentence_span[sentence]
        return set(self.words[lo:hi])

    def in_mono_context(self, cue: _Mention) -> bool:
        """A mono word in the cue's sentence or in the sentence just before it: the device
        is often named first and what goes missing there next ("I played it on my phone.
        The kick was completely gone!")."""
        sentence = self.sentences[cue.start]
        if self.sentence_words(sentence) & self.mono_words:
            return True
        before = sentence - int(self.rules["mono_context"]["sentences_before"])
        return before in self.sentence_span and bool(
            self.sentence_words(before) & self.mono_words)

    def is_praise(self, clause: int) -> bool:
        words = self.clause_list(clause)
        said_of = self.sets["praise_after"]
        firsts = {p[0] for p in self.praise}
        wishes = self.sets["praise_wishes"]
        amounts = self.rules["negation"]["praise_amounts"]
        conditions = self.rules["negation"]["praise_conditions"]
        lessened = self.rules["negation"]["praise_lessened"]

        def amount_after(end: int) -> bool:
            # "a good 3dB louder", "a good deal too loud": a praise word sizing an amount
            return end < len(words) and (words[end] in amounts or words[end][:1].isdigit())

        def condition_after(end: int) -> bool:
            return bool(set(words[end:end + conditions["reach"]]) & set(conditions["words"]))

        return any(tuple(words[i:i + len(p)]) == p and (p[0] in said_of or
                                                        set(words[max(i - 2, 0):i]) & said_of)
                   and not set(words[max(i - 2, 0):i]) & wishes
                   and not set(words[max(i - 2, 0):i]) & self.negators  # "not happy how"
                   and not amount_after(i + len(p)) and not condition_after(i + len(p))
                   and not (i > 0 and words[i - 1] in lessened)
                   for i, w in enumerate(words) if w in firsts
                   for p in self.praise if p[0] == w) or self._manner_praised(clause, words)

    def _manner_praised(self, clause: int, words: list[str]) -> bool:
        """"sits nicely on top", "comes through clearly": a verb done well, not a part or a
        pronoun heard well ("to hear the vocals clearly"), nor one denied anywhere before it
        in its clause ("I can't hear the dialogue in the game properly")."""
        not_after = self.sets["be"] | self.sets["be_between"] | self.negators \
            | self.sets["praise_wishes"] | self.sets["intensity"] | self.sets["pronouns"] \
            | self.sets["manner_wanted"]
        lo = self.clause_start[clause]
        part_ends = {m.end - lo for m in self.by_clause.get(clause, []) if m.layer}
        return any(w in self.sets["praise_manner"] and i > 0 and words[i - 1] not in not_after
                   and i not in part_ends and not set(words[:i]) & self.negators
                   for i, w in enumerate(words))

    def conditional(self, cue: _Mention) -> bool:
        """"crackles when I turn it up", "if you boost the bass": a cue after "when", or
        after "if" and a doer, is a condition, unless the clause states how a part is
        ("when the vocals are so muted") or a part, not a doer, follows "when" ("when the
        drums kick in the vocals get buried")."""
        words = self.sets["conditional"]
        rule = self.rules["conditional"]
        lo = self.clause_start[self.clauses[cue.start]]
        if any(self.words[k] in rule["if_words"] and self.words[k + 1] in rule["if_doers"]
               and not self._advice(cue, k + 1) for k in range(lo, cue.start - 1)):
            return True
        when = next((k for k in range(cue.start - 1, lo - 1, -1) if self.words[k] in words), None)
        if when is None or (when > 0 and self.words[when - 1] in rule["occasions"]) \
                or " ".join(self.words[max(when - 2, 0):when]) in rule["moment_openers"] \
                or set(self.words[when + 1:cue.start]) & set(rule["ought"]):
            return False
        if self.words[when + 1:when + 2] and self.words[when + 1] in rule["if_doers"]:
            # "when I put my song in a playlist it's quieter": where it is heard, no condition
            k = when + 2
            while k < cue.start and self.words[k] in rule["listening_between"]:
                k += 1
            heard = set(self.words[cue.start:cue.end]) & set(rule["listening"])
            if (k == cue.start and heard) or (
                    k < cue.start and self.words[k] in rule["listening"]):
                return False  # "when I can't hear the lyrics": the cue is the doer's hearing
        stative = self.rules["conditional"]["stative"]
        between = [m for m in self.by_clause.get(self.clauses[cue.start], [])
                   if m.layer and when < m.start and m.end <= cue.start]
        if between and not set(self.words[when + 1:cue.start]) & set(rule["if_doers"]):
            # "when the drums kick in the vocals get buried": the music, not the listener,
            # sets the time; the problem after it is said of the mix
            return False
        return not any(self.words[m.end] in stative for m in between)

    def _advised(self, cue: _Mention) -> bool:
        """"if you lowered the hats": a move advised to the reader (`_advice`), neither one
        told nor a part's doing."""
        rule = self.rules["conditional"]
        k = cue.start - 1
        while k >= 0 and self.words[k] in rule["advice_between"]:
            k -= 1
        return k >= 1 and self.words[k - 1] in rule["if_words"] and self._advice(cue, k)

    def _advice(self, cue: _Mention, doer: int) -> bool:
        """"if you lowered the hats a bit it would sit better": the reader told to make a
        move ([conditional] advised, advice_verbs) is advised, not given a condition, unless
        what follows in the sentence is a problem of its own and nothing says it would be
        better ("if you turn the vocal up it gets harsh")."""
        rule = self.rules["conditional"]
        words = self.words
        if words[doer] not in rule["advised"]:
            return False
        k = doer + 1
        while k < cue.start and words[k] in rule["advice_between"]:
            k += 1
        if k > cue.start or words[k] not in rule["advice_verbs"] or any(
                m.cue and k <= m.start < cue.start for m in self.mentions):
            return False  # the move is the cue itself, not a problem that follows it
        hi = self.sentence_span[self.sentences[cue.start]][1]
        if set(words[cue.end:hi]) & set(rule["better"]):
            return True
        return not any(m.cue and m.start >= cue.end and m is not cue
                       for m in self.mentions if m.start < hi)

    def read(self) -> Understanding:
        found: list[_Found] = []
        unclear: list[Clarification] = []
        carry: _Mention | None = None
        pending: list[tuple[str, int]] = []
        aside: list[_Mention] = []
        last_clause = max(self.clauses, default=-1)
        for clause in range(last_clause + 1):
            layers = self.layers_in(clause)
            named = self.named(layers)
            cues = [m for m in self.by_clause.get(clause, []) if m.cue]
            if not cues:
                if named and not pending and self._focus(clause):
                    pending = [(f.said, f.severity) for f in found if f.clause == clause - 1]
                if named and pending and not self._focus(clause) \
                        and not self._names_only(clause):
                    # "not too loud - and the guitars have a warm sound": a denial moves
                    # only to a clause that does no more than name the part
                    pending = []
                if named and pending and not self.is_praise(clause):
                    if self._focus(clause):
                        # "some of the instruments ..., especially the kick": the parts only
                        bands = self.rules["band_level"]["words"]
                        found[:] = [f for f in found if not (
                            f.clause == clause - 1 and (self._partial(f.layer_mention) or (
                                self._band_word(f.layer_mention, bands))))]
                    for problem, severity in pending:
                        for member in self.groups.get(named[0], (named[0],)):
                            found.append(self._make(member, problem, member, clause, severity))
                    pending = []
                if layers and not self.is_praise(clause) and not self._time_clause(clause, named):
                    if self._focus(clause) and carry is not None and named:
                        # "the drums (especially the kick) could be louder": what follows is
                        # said of the subject and of the parts the aside singles out
                        aside = named
                    else:
                        carry = self._carried(named or layers)
                continue
            pending = []
            if self.is_praise(clause):
                aside = []
                continue
            before = len(found)
            for cue in cues:
                self._read_cue(cue, clause, layers, named, carry, found, unclear, pending)
            found += [self._make(member, f.said, f.cue, clause, f.severity)
                      for f in found[before:] if f.layer_mention is carry
                      for member in aside]
            aside = []
            if layers:
                carry = self._carried(named or layers)
        return self._finish(found, unclear)

    def _names_only(self, clause: int) -> bool:
        """"it's the guitars", "but the hats are", "the culprit is actually the bass": a
        clause that names a part and says nothing of it besides [negation] `names_only`
        words, so a problem denied just before moves to that part."""
        lo = self.clause_start[clause]
        words = self.clause_list(clause)
        parts = {k for m in self.by_clause.get(clause, []) if m.layer
                 for k in range(m.start, m.end)}
        allowed = self.sets["names_only"]
        return all(w in allowed for k, w in enumerate(words, lo) if k not in parts)

    def _time_clause(self, clause: int, named: list[_Mention]) -> bool:
        """"as the song progresses": a clause that says when, naming only the whole song."""
        words = self.clause_list(clause)
        if words and words[0] in self.sets["time_joins"]:
            words = words[1:]
        return not named and bool(words) and words[0] in self.sets["time_openers"]

    def _partial(self, m: _Mention | None) -> bool:
        """"some of the instruments": a part said in part."""
        if m is None:
            return False
        k = m.start - 1
        while k >= 0 and (self.words[k] in self.sets["determiners"] or self.words[k] == "of"):
            k -= 1
        return k >= 0 and self.words[k] in self.rules["grammar"]["partial"]

    def _focus(self, clause: int) -> bool:
        """"harsh up top, especially the cymbals" ("..., the kick especially"): a clause
        opening or ending on a focus word names the parts the previous clause's problems
        are about."""
        words = self.clause_list(clause)
        return bool(words) and (words[0] in self.sets["focus"] or words[-1] in self.sets["focus"])

    def _carried(self, layers: list[_Mention]) -> _Mention:
        """The part a clause was about: its last subject, not the object of a preposition."""
        prepositions = self.sets["prepositions"]
        determiners = self.sets["determiners"]
        for mention in reversed(layers):
            k = mention.start - 1
            while k >= 0 and self.words[k] in determiners:
                k -= 1
            if k < 0 or self.words[k] not in prepositions:
                return mention
        return layers[-1]

    def _read_cue(self, cue, clause, layers, named, carry, found, unclear, pending) -> None:
        problem = cue.cue.problem
        negated = self.negated_at(cue.start) or self._negation_carried(cue)
        reach = self.rules["negation"]["severity_window"]
        severity = _severity(self.words, max(cue.start - reach, 0), cue.end, self.sets)
        if severity == "normal" and self._asks_whether(cue):
            severity = "mild"
        if self._set_aside(cue):
            return
        if cue.cue.denied_quality:
            if not (negated or self._quality_denied(cue) or self._enough_asked(cue)) \
                    or self._unheard_before(cue):
                return
        elif negated and not self._wished_away(cue):
            pending.append((problem, severity))
            return
        if self._section_jump(cue):
            layer = self._layer_for(cue, layers, named, carry)
            found.append(self._make(layer, self.rules["sections"]["becomes"], cue, clause,
                                    severity, layers))
            return
        if self.conditional(cue) and problem not in self.sets["conditional_keep"]:
            return
        if self._generic(cue) or self._narrated(cue) or self._hypothetical(cue):
            return
        if self._about_craft(cue) or out_of_scope(self, cue) or self._amount_of_playing(cue):
            return
        if self._wonders(cue) or self._rest_unheard(cue):
            return
        if self._heard_alone(cue):
            # "couldn't distinguish the flute in there": hard to hear, not set against another
            cue = replace(cue, cue=Cue(self.rules["voice"]["passive"], object_after=True))
            problem = cue.cue.problem
        if self._reciprocal(cue):
            cue = replace(cue, cue=replace(cue.cue, problem=self.rules["reciprocal"]["becomes"]))
            problem = cue.cue.problem
        if problem in self.rules["sentence_wide"]:
            self._sentence_wide(cue, severity, found, unclear)
            return
        passive = False
        if self._active(cue, named):
            problem = self.rules["voice"]["active"]
        elif self._passive(cue):
            problem, passive = self.rules["voice"]["passive"], True
        if self._device_fault(self.sentences[cue.start]):
            return
        # the rival part follows the words, or their agent when they are passive ("the vocal
        # is blotted out by the pads")
        through = self.rules["voice"]["agent"] if passive else ()
        if cue.cue.part_after and self._object_after(cue, named, through) is None \
                and not any(m.start == cue.end for m in named) \
                and not (not cue.cue.object_after and self._crowd_after(cue)):
            return
        if cue.cue.object_after and self._object_not_a_part(cue, layers):
            return
        layer = self._layer_for(cue, layers, named, carry)
        relation = self.rules["voice"]["whole_subject"]
        if problem == relation["problem"] and (layer is None or layer.layer == self.whole):
            # "the mix buries the vocals": the song over a part says the part is too quiet;
            # "the song has way too much kick": an amount's object is what there is too much of
            target = self._object_after(cue, named)
            if target is not None:
                amount = tuple(self.words[cue.start:cue.end]) in self.vocab.excess
                layer, problem = target, problem if amount else relation["object_problem"]
        elif problem == relation["problem"] and layer is not None \
                and layer.start >= cue.end and self.clauses[layer.start] == clause \
                and self.keys[cue.start] in {stem(w) for w in relation["acting"]} \
                and not self._attributive(cue):
            # "the rhythm section swamps the singer", "there's no room for the vocal": with
            # no part doing it, the part it is done to is the one under
            problem = relation["object_problem"]
        over = self._unheard_over(cue, named)
        if over is not None:
            # "I can't hear anything over the guitars": the part in the way is too loud
            layer, problem = over, self.rules["voice"]["active"]
        for member in self.groups.get(layer, (layer,)):
            found.append(self._make(member, problem, cue, clause, severity, layers))

    def _amount_of_playing(self, cue: _Mention) -> bool:
        """"the vocal needs more emotion", "not enough legato": an amount of how a part is
        played or written, not of its level ([amount_objects])."""
        rule = self.rules["amount_objects"]
        if " ".join(self.words[cue.start:cue.end]) not in rule["cues"]:
            return False
        k = cue.end
        while k < len(self.words) and self.words[k] in self.sets["determiners"]:
            k += 1
        return k < len(self.words) and self.words[k] in rule["nouns"]

    def _hypothetical(self, cue: _Mention) -> bool:
        """"without the reverb the vocal would sound dry": what would follow from a
        condition ("if", "without", "unless") is no complaint about the mix as it is."""
        if self._advised(cue):
            return False  # "if you could turn the guitars down": advice, see `_advice`
        rule = self.rules["hypothetical"]
        s_lo, s_hi = self.sentence_span[self.sentences[cue.start]]
        if self.words[cue.start] in rule["conditions"] and not cue.cue.object_after and set(
                self.words[cue.end:s_hi]) & set(rule["modals"]):
            return True  # "without the reverb" is the condition itself ("if I could hear the
            # vocals, I would ..." is a wish: its part follows it)
        lo = self.clause_start[self.clauses[cue.start]]
        k = cue.start - 1
        if self.words[cue.start] not in rule["linking"]:
            # the linking verb may open the problem words themselves ("sound dry")
            while k >= lo and self.words[k] in rule["between"]:
                k -= 1
            if k < lo or self.words[k] not in rule["linking"]:
                return False
            k -= 1
        while k >= lo and self.words[k] in rule["between"]:
            k -= 1
        if k < lo or self.words[k] not in rule["modals"]:
            return False
        return bool(set(self.words[s_lo:s_hi]) & set(rule["conditions"]))

    def _narrated(self, cue: _Mention) -> bool:
        """"she boosted the vocal presence": a level request in the past after its doer, or
        in the third person, is something done, not how the mix is. So is a move on the
        tone done in the past right after the writer ([reported] own_doers: "I rolled off the
        highs on the kick", "we brightened up the cymbals"; one of [conditional]
        advice_verbs)."""
        first = self.words[cue.start]
        if self._untold_subject(cue):
            return True
        if cue.cue.problem not in (self.rules["voice"]["passive"], self.rules["voice"]["active"]):
            return cue.cue.problem in TONES and self._tone_move_done(cue)
        if self._done_by_another(cue):
            return True
        if not first.endswith("ed") or first in self.sets["not_participles"]:
            return False
        k = cue.start - 1
        while k >= 0 and self.words[k] in grammar().be_between:
            k -= 1
        if self._advised(cue):
            return False
        return k >= 0 and self.words[k] in self.rules["reported"]["narrators"]

    def _untold_subject(self, cue: _Mention) -> bool:
        """"raised it in the frequency range", "turned up the bass": a move in the past with
        no subject opening its clause, on an object, is the writer's note of their own move
        ([reported] untold_openers, untold_particles, untold_objects)."""
        rule, words = self.rules["reported"], self.words
        first = words[cue.start]
        if not first.endswith("ed") or first in self.sets["not_participles"] \
                or first not in self.rules["conditional"]["advice_verbs"]:
            return False
        k = cue.start - 1
        while k >= 0 and self.clauses[k] == self.clauses[cue.start] \
                and words[k] in rule["untold_openers"]:
            k -= 1
        if k >= 0 and self.clauses[k] == self.clauses[cue.start]:
            return False
        after = cue.start + 1
        if after < len(words) and words[after] in rule["untold_particles"]:
            after += 1
        return after < len(words) and words[after] in rule["untold_objects"]

    def _tone_move_done(self, cue: _Mention) -> bool:
        """"I rolled off the highs", "I usually boost the highs on the vocal", "I used a
        de-esser on the vocal": the writer's own move on the tone, done or habitual
        ([reported] own_doers, habitual, uses)."""
        rule, words = self.rules["reported"], self.words
        verbs = self.rules["conditional"]["advice_verbs"]
        first = words[cue.start]
        two = " ".join(words[cue.start:cue.start + 2])
        k = cue.start - 1
        if first not in verbs and two not in verbs:
            while k >= 0 and cue.start - k <= 2 and words[k] in rule["use_between"]:
                k -= 1
            if k < 0 or words[k] not in rule["uses"]:
                return False
            first = "used" if words[k] in rule["uses_past"] else words[k]
            k -= 1
        habitual = False
        adverbs = set(rule["adverbs"]) | set(rule["habitual"])
        while k >= 0 and words[k] in adverbs:
            habitual = habitual or words[k] in rule["habitual"]
            k -= 1
        if not (first.endswith("ed") or two.endswith("ed") or habitual):
            return False
        return k >= 0 and words[k] in rule["own_doers"] and not self._advised(cue)

    def _done_by_another(self, cue: _Mention) -> bool:
        """"the guitarist cranks up his amp", "the limiter pulls the vocal down", "Spotify
        will turn your track down": a level request said in the third person
        ([reported] doings), or after "will" and a doer who is neither the writer, the
        reader nor a part ([reported] foretold, not `askers`: a player foretold to crank his
        part up is left to the near readings), tells what someone or something does; nobody
        asks for it."""
        rule = self.rules["reported"]
        words = self.words
        if words[cue.start] in rule["doings"]:
            return True
        k = cue.start - 1
        while k >= 0 and words[k] in rule["adverbs"]:
            k -= 1
        return k >= 1 and words[k] in rule["foretold"] and words[k - 1] not in rule["askers"] \
            and self.clauses[k - 1] == self.clauses[cue.start] and not any(
                m.layer and m.end == k for m in self.by_clause.get(self.clauses[k - 1], []))

    def _wonders(self, cue: _Mention) -> bool:
        """"can't understand why people love it": a reason wondered about, not a part
        hard to hear; "can't hear anything wrong with the bass": no fault heard; "can't pick
        out a flute or a drum in any one location": where, not how loud ([perception] asks_after,
        faults_after, placed_after)."""
        if cue.cue.problem != self.rules["voice"]["passive"]:
            return False
        indexes = grammar().indexes
        _, sentence_end = self.sentence_span[self.sentences[cue.start]]
        # within its sentence: "Where's the bass gone? Why…" asks nothing of the bass
        return bool(find(self.words, indexes["asks_after"], cue.end,
                         min(cue.end + 1, sentence_end), starts_only=True)
                    or find(self.words, indexes["placed_after"], cue.end, sentence_end))

    def _kept_whole(self, item) -> bool:
        """"the master is pumping": a whole-song problem whose cue words keep the part id
        ([whole_song_kept]); "no breathing room" is another cue, and stays loud_master."""
        kept = self.rules["whole_song_kept"].get(item.problem, ())
        return " ".join(self.words[item.cue.start:item.cue.end]) in kept

    def _quality_denied(self, cue: _Mention) -> bool:
        """"struggles to come through", "barely cuts through": words that deny a good
        quality though they deny no problem word ([negation] deny_qualities); "the snare is
        less punchy than before": a good quality said to be less ([scope.lessened]), unless
        it is a word of level, which [comparative] reads against a rival ("less clear than
        the guitars")."""
        clause_start = self.clause_start[self.clauses[cue.start]]
        lo = max(clause_start, cue.start - self.window)
        if find(self.words, grammar().indexes["deny_qualities"], lo, cue.start):
            return True
        return " ".join(self.words[cue.start:cue.end]) not in self.rules["comparative"]["words"] \
            and said_less(self, cue.start - 1, clause_start)

    def _heard_alone(self, cue: _Mention) -> bool:
        """A masking cue ending in a verb of telling apart ([contrast]) with no word setting
        two parts apart after it in its clause, and not said of two parts before it ("the
        kick and bass are indistinguishable")."""
        table = self.rules["contrast"]
        if not told_apart(self, cue):
            return False
        clause = self.clauses[cue.start]
        before = {m.layer for m in self.by_sentence.get(self.sentences[cue.start], [])
                  if m.layer and m.layer not in self.vocab.weak_layers
                  and m.start < cue.start and self.clauses[m.start] == clause}
        if len(before) >= 2:
            return False
        k = cue.end
        while k < len(self.words) and self.clauses[k] == clause:
            if self.words[k] in table["marks"]:
                return False
            k += 1
        return True

    def _reciprocal(self, cue: _Mention) -> bool:
        """"the kick and bass need more separation": room between parts is masking."""
        rule = self.rules["reciprocal"]
        if cue.cue.problem not in rule["problems"]:
            return False
        if len(self.sentence_layers.get(self.sentences[cue.start], ())) < 2:
            return False
        words = rule["words"]
        span = self.words[cue.start:min(cue.end + rule["reach"], len(self.words))]
        return any(tuple(span[k:k + len(w)]) == w for w in map(words_of, words)
                   for k in range(len(span)))

    def _enough_asked(self, cue: _Mention) -> bool:
        """"are the vocals loud enough?", "is the bass audible enough?": a good quality
        asked to be enough doubts it is."""
        enough = self.rules["questions"]["enough"]
        return (self.words[cue.end - 1] == enough or self.words[cue.end:cue.end + 1] == [enough]) \
            and self._asks_whether(cue)

    def _asks_whether(self, cue: _Mention) -> bool:
        """"is the snare too loud?": a yes/no question hedges its complaint."""
        lo, hi = self.sentence_span[self.sentences[cue.start]]
        end = self.tokens[hi - 1].end
        return (self.words[lo] in self.rules["questions"]["whether"]
                and self.text[end:end + 3].lstrip()[:1] == "?")

    def _generic(self, cue: _Mention) -> bool:
        """"heavy compression can cause pumping": said in general, not of this mix (the
        cause right before "can cause" as much as the effect after it)."""
        lo = self.clause_start[self.clauses[cue.start]]
        generic = grammar().indexes["generic"]
        after = [start for start, _ in find(self.words, generic, cue.end, cue.end + 2,
                                             starts_only=True)
                 if self.clauses[start] == self.clauses[cue.start]]
        return bool(find(self.words, generic, lo, cue.start) or after)

    def _object_after(self, cue: _Mention, named: list[_Mention],
                      through: list[str] = ()) -> _Mention | None:
        """The part right after the cue, through determiners, one of `through` and a mass
        of it ("the wall of synths": [grammar] masses)."""
        k = cue.end
        if through:
            if k >= len(self.words) or self.words[k] not in through:
                return None
            k += 1
        if k < len(self.words) and self.words[k] == "that" and \
                self.words[cue.start] in self.rules["grammar"]["result_openers"]:
            return None
        k = self._past_determiners(k)
        if k + 1 < len(self.words) and self.words[k] in self.rules["grammar"]["masses"] \
                and self.words[k + 1] == "of":
            k = self._past_determiners(k + 2)
        return next((m for m in named if m.start == k), None)

    def _crowd_after(self, cue: _Mention) -> bool:
        """"the toms thunder over everything", "can't compete with all the other parts": a
        rival that stands for every other part ([reciprocal] crowd)."""
        k = self._past_determiners(cue.end)
        return bool(find(self.words, grammar().indexes["crowd"], k, k + 1, starts_only=True))

    def _past_determiners(self, k: int) -> int:
        while k < len(self.words) and self.words[k] in self.sets["determiners"]:
            k += 1
        return k

    def _about_craft(self, cue: _Mention) -> bool:
        """"The songwriting is weak": a problem word whose subject is the writing or the
        playing, with no part named between them, judges the music, not the mix."""
        start = self.clause_start[self.clauses[cue.start]]
        craft = [k for k in range(start, cue.start) if self.words[k] in self.sets["craft"]]
        return bool(craft) and not any(m.layer and craft[-1] < m.start < cue.start
                                       for m in self.by_clause.get(self.clauses[cue.start], []))

    def _negation_carried(self, cue: _Mention) -> bool:
        """"not over-compressed or too harsh": a negation reaches across "or" to the next
        problem word."""
        rule = self.rules["negation"]
        k = cue.start - 1
        while k >= 0 and self.words[k] in self.sets["intensity"]:
            k -= 1
        if k < 0 or self.words[k] not in rule["carried_by"]:
            return self._listed_after_denial(cue)
        previous = next((m for m in self.by_clause.get(self.clauses[k], [])
                         if m.cue and m.end == k), None)
        return previous is not None and (self.negated_at(previous.start)
                                         or self._negation_carried(previous))

    def _listed_after_denial(self, cue: _Mention) -> bool:
        """"without flubby bits or a clash between the kick and bass", "without sounding
        muddled or letting the room sound interfere": a problem word after "or" that a
        denial reaches ("or" within its window) is denied too, when nothing but
        [negation] `carried_through` words stand between "or" and it, or parts after one of
        `carried_verbs`."""
        rule = self.rules["negation"]
        clause = self.clauses[cue.start]
        parts = {k for m in self.by_clause.get(clause, []) if m.layer
                 for k in range(m.start, m.end)}
        through = set(rule["carried_through"]) | self.sets["determiners"] \
            | self.sets["fillers"] | self.sets["intensity"]
        through |= set(rule["carried_verbs"])
        k = cue.start - 1
        while k >= 0 and self.clauses[k] == clause and (k in parts or self.words[k] in through):
            k -= 1
        if k < 0 or self.clauses[k] != clause or self.words[k] not in rule["carried_by"]:
            return False
        between = self.words[k + 1:cue.start]
        if parts & set(range(k + 1, cue.start)) and not set(between) & set(
                rule["carried_verbs"]):
            return False   # "..., or the guitars drown it": a subject of its own
        # the "or" may open a clause of its own; the denial's word may be part of a problem
        # phrase ("without flubby bits"): any negator of the sentence in the window counts
        sentence = self.sentences[k]
        return any(self.words[j] in self.negators and self.sentences[j] == sentence
                   for j in range(k - 1, max(k - self.window, 0) - 1, -1))

    def _active(self, cue: _Mention, named: list[_Mention]) -> bool:
        """"which overwhelmed the vocals": a participle with no "be" before it and its
        object right after it is active ("buried by the beat" is not), and so is an -ing
        form with its object ("is drowning everything"; "is drowning" alone is not); neither
        is after a determiner (`_attributive`)."""
        voice = self.rules["voice"]
        first = self.words[cue.start]
        if cue.cue.problem != voice["passive"] or first in self.sets["not_participles"] \
                or self._advised(cue):
            return False
        if self._attributive(cue):
            return False
        if first.endswith(tuple(voice["progressive"])) and cue.end - cue.start == 1:
            # "the kick is drowning everything": an -ing form with an object is active
            k = cue.end
            while k < len(self.words) and self.words[k] in self.sets["determiners"]:
                k += 1
            return any(m.start == k for m in self.mentions if m.layer) or (
                k < len(self.words) and self.words[k] in self.sets["pronouns"])
        if not first.endswith(tuple(voice["endings"])):
            return False
        k = cue.start - 1
        while k >= 0 and self.words[k] in self.sets["be_between"]:
            k -= 1
        if k >= 0 and self.words[k] in self.sets["be"]:
            return False
        k = cue.end
        while k < len(self.words) and self.words[k] in self.sets["determiners"]:
            k += 1
        return any(m.start == k for m in named)

    def _attributive(self, cue: _Mention) -> bool:
        """"a subdued vocal", "the overpowering bass": a participle right after a determiner
        is an adjective of the part after it, not a verb done to that part."""
        return cue.start > 0 and self.words[cue.start - 1] in self.sets["determiners"]

    def _passive(self, cue: _Mention) -> bool:
        """"the vocals are overpowered by the drums": an active participle after "be" with
        its agent after it says the subject is under, not over."""
        voice = self.rules["voice"]
        first = self.words[cue.start]
        if cue.cue.problem != voice["active"] or not first.endswith(tuple(voice["endings"])) \
                or cue.end >= len(self.words) or self.words[cue.end] not in voice["agent"]:
            return False
        k = cue.start - 1
        while k >= 0 and self.words[k] in self.sets["be_between"]:
            k -= 1
        return k >= 0 and self.words[k] in self.sets["be"]

    def _device_fault(self, sentence: int | None = None) -> bool:
        """A message about an export, a download or a player: no mix complaint in it. A
        sentence that only names the export ("I exported my mix last night.", "here's the
        mp3") and says nothing of sound leaves the other sentences their complaints."""
        if self._fault is None:
            faults = self.vocab.device_faults
            at = {self.sentences[i] for n in {len(p) for p in faults}
                  for i in range(len(self.words) - n + 1)
                  if tuple(self.words[i:i + n]) in faults}
            judged = any(self._about_sound(s) for s in at)
            self._fault = frozenset(self.sentences) if judged else frozenset(at)
        return bool(self._fault) if sentence is None else sentence in self._fault

    def _about_sound(self, sentence: int) -> bool:
        """The sentence holds a problem word, a judgement, praise or a word of sound."""
        words = self.sentence_words(sentence)
        return (any(m.cue for m in self.by_sentence.get(sentence, []))
                or bool(words & (self.vocab.judgements | self.vocab.about_sound))
                or any(self.is_praise(c) for c in {self.clauses[k] for k in range(
                    *self.sentence_span[sentence])}))

    def _object_not_a_part(self, cue: _Mention, layers: list[_Mention]) -> bool:
        """The phrase's own object, right after it, is something other than a part: "I
        couldn't follow the tutorial", "can't make out what he means"; "can't make out what
        the singer is saying" is the singer ([grammar] object_reach, clause_objects)."""
        rule, start = self.rules["grammar"], cue.end
        k = start
        if k >= len(self.words) or self.clauses[k] != self.clauses[cue.start]:
            return False
        if self.words[k] in rule["clause_objects"]:
            k += 1
        elif self.words[k] not in self.sets["determiners"] and not self._amount_object(cue):
            return False
        while k < len(self.words) and self.words[k] in self.sets["determiners"]:
            k += 1
        if k >= len(self.words) or self.words[k] in rule["object_amounts"]:
            return False
        return not any(start <= m.start < k + rule["object_reach"] for m in layers)

    def _amount_object(self, cue: _Mention) -> bool:
        """"needs more polish": the word right after an amount asked for is its object, when
        it is a word of content, not a function word ("needs more in the chorus")."""
        rule, word = self.rules["grammar"], self.words[cue.end]
        function = self.sets["prepositions"] | self.sets["joins"] | self.sets["list_words"] \
            | self.sets["be"] | self.negators | self.sets["intensity"] | set(rule["not_objects"])
        return self.words[cue.end - 1] in rule["amount_heads"] and word.isalpha() \
            and word not in function

    def _attached(self, cue: _Mention, named: list[_Mention]) -> _Mention | None:
        """A part the problem words are said of directly: "the boominess on the drums"."""
        grammar = self.sets
        owner = self.rules["grammar"]["owner"]
        k = cue.end
        # "compressing the daylights out of your vocal": the cue may end on the owner word
        if self.words[k - 1] in owner or (k < len(self.words) and self.words[k] in owner):
            k += self.words[k - 1] not in owner
            while k < len(self.words) and self.words[k] in grammar["determiners"]:
                k += 1
            part = next((m for m in named if m.start == k), None)
            if part is not None:
                return part
        return None

    def _layer_for(self, cue, layers, named, carry) -> _Mention | None:
        if cue.inner:
            inside = [m for m in layers if cue.inner[0] <= m.start < cue.inner[1]]
            parts = [m for m in inside if m.layer != self.whole]
            if parts:
                return parts[0]
            head = tuple(self.words[cue.start:cue.inner[0]])
            if self.vocab.layer_phrases.get(head) == self.whole and \
                    not any(m.end == cue.start for m in layers):
                # "the dynamic range is very low", "the treble is way too high": the words
                # name the song (or a band of it) themselves
                return _Mention(cue.start, cue.inner[0], layer=self.whole)
            if inside:
                return inside[0]
            pronoun = next((k for k in range(*cue.inner)
                            if self.words[k] in self.sets["pronouns"]), None)
            if pronoun is not None:   # "the reverb on them lingers": them, said before
                said = self._named_before(cue) or carry or self._agreeing_before(
                    self.words[pronoun], pronoun)
                if said is not None:
                    return said
        before = [m for m in named if m.start < cue.start and not self._existential(
            m.end, cue.start)]
        after = [m for m in named if m.start >= cue.end]
        whole = self._whole_placed(cue, layers)
        if not before and whole is not None:
            # "pumping on the whole mix every time the kick hits": the song is where it is;
            # a part named later says when
            return whole
        k = cue.start - 1
        while k >= 0 and self.words[k] in self.sets["intensity"]:
            k -= 1
        if k >= 0 and self.words[k] in self.rules["grammar"]["exclamatives"]:
            # "how muffled the vocals are": the part right after the problem words
            target = self._object_after(cue, after)
            if target is not None:
                return target
        if cue.cue.object_after and self._pronoun_after(cue):
            # "I can't hear them over the music": the pronoun's part, not the music
            antecedent = self._named_before(cue) or carry or self._agreeing_before(
                self.words[cue.end], cue.end)
            if antecedent is not None:
                return antecedent
        if cue.cue.object_after and after:
            if before and self._masker_after(cue, after[0]):
                # "the vocals are hard to hear over the drums": the drums are in the way
                return self._subject(cue, before)
            antecedent = self._antecedent(cue) if self._masker_after(cue, after[0]) else None
            if antecedent is not None:
                # "The vocals are great. But they get lost under the guitars"
                return antecedent
            return after[0]
        if cue.cue.lack_frame:
            # "add some low end to the kick": a remedy's part follows it
            target = self._object_after(cue, after, self.rules["grammar"]["remedy_owner"])
            if target is not None:
                return target
        modified = self._modified(cue)
        if modified is not None and not (before and self._possessed(cue)
                                         and not self._song_has(cue)):
            return modified
        if before:
            subject = self._subject(cue, before)
            if self._after_preposition(subject):
                # "it sounds detached, sitting on top of the instrumental like a cheap
                # karaoke": only an object in this clause, so the sentence's subject
                sentence_subject = self._named_before(cue)
                if sentence_subject is not None and not self._after_preposition(
                        sentence_subject):
                    return sentence_subject
            between = layers[bisect_right(layers, subject.start, key=_start):
                             bisect_left(layers, cue.start, key=_start)]
            whole = [m for m in between if m not in named
                     and self.sets["whole_subjects"] & set(self.words[m.start:m.end])]
            return whole[-1] if whole else subject
        attached = self._attached(cue, named)
        if attached is not None:
            return attached
        cue_text = " ".join(self.words[cue.start:cue.end])
        own = self.rules["no_layer"]["own_layer"].get(cue_text)
        song = next((m for m in layers if m.start < cue.start and m not in named
                     and m.layer == self.whole
                     and self.clauses[m.start] == self.clauses[cue.start]), None)
        if own and song is not None and cue_text in self.rules["no_layer"]["any_sound"]:
            return song   # "the mix sounds nasal": the song's own timbre, not the vocal's
        if own and (own != self.whole or self._whole_own(cue, after)):
            return self._placed_after(cue, after) or _Mention(cue.start, cue.end, layer=own)
        weak_before = [m for m in layers if m.start < cue.start and m not in named]
        if weak_before:
            return weak_before[0]
        antecedent = self._antecedent(cue)
        if antecedent is not None:
            return antecedent
        if carry is not None:
            return carry
        song = self._song_for(cue)
        if song is not None:
            return song
        if after:
            return after[0]
        return next((m for m in layers if m not in named), None)

    def _placed_after(self, cue: _Mention, after: list[_Mention]) -> _Mention | None:
        """"sibilance in the violins": the part named as where the problem is."""
        rule = self.rules["no_layer"]
        if not after or self.clauses[after[0].start] != self.clauses[cue.start]:
            return None
        k = after[0].start - 1
        while k >= cue.end and self.words[k] in self.sets["determiners"]:
            k -= 1
        placed = k >= cue.end and self.words[k] in rule["places"]
        return after[0] if placed and k - cue.end <= rule["place_reach"] else None

    def _whole_placed(self, cue: _Mention, layers: list[_Mention]) -> _Mention | None:
        """The whole song named as where the problem is, right after its words ("pumping
        on the whole mix", "harshness across the entire track")."""
        nxt = next((m for m in layers if m.start >= cue.end), None)
        if nxt is None or nxt.layer != self.whole \
                or self.clauses[nxt.start] != self.clauses[cue.start]:
            return None
        between = self.words[cue.end:nxt.start]
        if not between or between[0] not in self.rules["no_layer"]["places"] or any(
                w not in self.sets["determiners"] and w not in self.sets["whole_subjects"]
                for w in between[1:]):
            return None
        if not (self._whole_named(nxt) or set(between) & self.sets["whole_subjects"]):
            return None
        end = nxt.end
        for m in layers:  # "the whole" + "mix": one name
            if m.start == end and m.layer == self.whole:
                end = m.end
        return replace(nxt, end=end)

    def _existential(self, lo: int, hi: int) -> bool:
        """"there is" between a part and the problem words: the problem has no subject."""
        be = self.rules["grammar"]["existential"]
        return any(self.words[k] == "there" and self.words[k + 1] in be
                   for k in range(lo, hi - 1))

    def _whole_own(self, cue: _Mention, after: list[_Mention]) -> bool:
        """A band or tilt word that is the song's own ("there's way too much low end on this
        record") names no part after it ("too much low end in the kick") and ends its noun
        phrase ("bass heavy" before "genre" names a style): the clause ends or one of
        [compound] `after` follows, and no part follows that."""
        k = cue.end
        if k >= len(self.words) or self.clauses[k] != self.clauses[cue.start]:
            return True
        if self.words[k] not in self.rules["compound"]["after"]:
            return False
        lo = k = k + 1
        while k < len(self.words) and self.words[k] in self.sets["determiners"]:
            k += 1
        return not any(lo <= m.start <= k for m in after)

    def _song_for(self, cue: _Mention) -> _Mention | None:
        """The whole song, for a problem said of no part: "it's almost tinny, and ... the bass
        is buried" (an unnamed "it"), "there's too much high end" (the problem words name a
        band of the song). A band word with a [band_only] problem still asks which part."""
        start = self.clause_start[self.clauses[cue.start]]
        lo, _ = self.sentence_span[self.sentences[cue.start]]
        if set(self.words[start:cue.start]) & self.sets["song_pronouns"] \
                or (start == lo and self.words[lo] in self.sets["dropped_it"]):
            return _Mention(cue.start, cue.end, layer=self.whole)
        if set(self.words[lo:cue.start]) & self.sets["song_pronouns"] and not \
                self.sentence_parts.get(self.sentences[cue.start]):
            # "it's not harsh, just a little bright": the sentence's "it", no part named
            return _Mention(cue.start, cue.end, layer=self.whole)
        if cue.cue.problem in self.sets["band_problems"]:
            return None
        if any(self.vocab.layer_phrases.get(tuple(self.words[i:j])) == self.whole
               for i in range(cue.start, cue.end) for j in range(i + 1, cue.end + 1)):
            return _Mention(cue.start, cue.end, layer=self.whole)
        return None

    def _masker_after(self, cue: _Mention, part: _Mention) -> bool:
        """The part after the cue stands behind one of [grammar] maskers ("over the drums")."""
        words = [w for w in self.words[cue.end:part.start]
                 if w not in self.sets["determiners"]]
        return 0 < len(words) <= 3 and words[-1] in self.rules["grammar"]["maskers"] \
            and self.clauses[cue.start] == self.clauses[part.start]

    def _unheard_over(self, cue: _Mention, named: list[_Mention]) -> _Mention | None:
        """"can't hear anything over the guitars": nothing in particular ([grammar] unheard)
        is hard to hear behind a masker, so the part behind it is in the way."""
        if not cue.cue.object_after or cue.cue.problem != self.rules["voice"]["passive"]:
            return None
        after = [m for m in named if m.start >= cue.end]
        if not after or self.clauses[after[0].start] != self.clauses[cue.start]:
            return None
        masker = after[0].start - 1
        while masker > cue.end and self.words[masker] in self.sets["determiners"]:
            masker -= 1
        if self.words[masker] not in self.rules["grammar"]["maskers"]:
            return None
        unheard = find(self.words, grammar().indexes["unheard"], cue.end, cue.end + 1,
                       starts_only=True)
        return after[0] if any(end == masker for _, end in unheard) else None

    def _rest_unheard(self, cue: _Mention) -> bool:
        """"the kick is so loud I can't hear anything else": nothing in particular unheard
        ([grammar] unheard) after a part or the song said too loud in its sentence is that
        loudness, no second complaint."""
        voice = self.rules["voice"]
        if not cue.cue.object_after or cue.cue.problem != voice["passive"] or not find(
                self.words, grammar().indexes["unheard"], cue.end, cue.end + 1,
                starts_only=True):
            return False
        sentence = self.sentences[cue.start]
        here = self.by_sentence.get(sentence, [])
        return not any(m.layer and m.start >= cue.end for m in self.named(here)) and any(
            m.cue and m.cue.problem == voice["active"] and m.end <= cue.start for m in here)

    def _pronoun_after(self, cue: _Mention) -> bool:
        return cue.end < len(self.words) and self.words[cue.end] in self.sets["pronouns"]

    def _named_before(self, cue: _Mention) -> _Mention | None:
        """The part its sentence named last before the cue."""
        earlier = [m for m in self.parts_before(self.sentences[cue.start], cue.start)
                   if m.end <= cue.start]
        return self._carried(earlier) if earlier else None

    def _modified(self, cue: _Mention) -> _Mention | None:
        """"a dull, distant vocal", "the muddy bass", "..., distorted vocals, squished
        drums": words of tone after a determiner or opening a clause, right before a part
        (or the song), describe it."""
        if cue.cue.problem not in self.rules["grammar"]["attributive"]:
            return None
        joins = self.sets["lack_joins"] | self.sets["attributive_after"]
        k = cue.end
        while k < len(self.words) and (self.covered[k] or self.words[k] in joins):
            k += 1
        part = self.part_at.get(k)
        if part is None or self.sentences[k] != self.sentences[cue.start]:
            return None
        j = self._noun_phrase_start(cue)
        opens = j < 0 or self.clauses[j] != self.clauses[cue.start] or self._after_a_part(cue)
        return part if opens or self.words[j] in self.sets["determiners"] \
            or self._song_has(cue) else None

    def _after_a_part(self, cue: _Mention) -> bool:
        """"muddy bass and harsh cymbals": a join right after a part opens a new phrase."""
        k = cue.start - 1
        return k > 0 and self.words[k] in self.rules["grammar"]["new_phrase"] and any(
            m.layer and m.end == k for m in self.by_clause.get(self.clauses[k], []))

    def _song_has(self, cue: _Mention) -> bool:
        """"the record has wimpy drums", "this mix has harsh cymbals", "recordings suffering
        from brittle cymbals": what the song has or suffers from is its parts, and the words
        of tone before one describe it."""
        j = self._noun_phrase_start(cue)
        while j >= 0 and self.words[j] in self.sets["determiners"]:
            j -= 1
        if j < 0 or self.words[j] not in self.sets["song_has"]:
            return False
        owner = next((m for m in reversed(self.by_clause.get(self.clauses[j], []))
                      if m.layer and m.end <= j), None)
        if owner is None:   # "it has harsh sounding cymbals": the unnamed "it" is the song
            return j > 0 and self.words[j - 1] in self.rules["grammar"]["song_pronouns"]
        return owner.layer == self.whole

    def _noun_phrase_start(self, cue: _Mention) -> int:
        """The word before the problem words that run up to `cue` ("a dull, distant")."""
        joins = self.sets["lack_joins"]
        j = cue.start - 1
        while j >= 0 and (self.covered[j] or self.words[j] in joins):
            j -= 1
        return j

    def _possessed(self, cue: _Mention) -> bool:
        """"the kicks all have that distorted drum sound": a subject's own sound."""
        j = self._noun_phrase_start(cue)
        while j >= 0 and self.words[j] in self.sets["determiners"]:
            j -= 1
        return j >= 0 and self.words[j] in self.rules["grammar"]["possession"]

    def _antecedent(self, cue: _Mention) -> _Mention | None:
        """"the vocal is nice but it gets buried": a pronoun before the problem word, or no
        subject at all ("..., but disappears"), stands for the part its sentence named last,
        even in a praised clause."""
        start = self.clause_start[self.clauses[cue.start]]
        opening = [w for w in self.words[start:cue.start] if w not in self.sets["time_joins"]]
        if opening and not any(w in self.sets["pronouns"] for w in opening):
            return None
        earlier = self.parts_before(self.sentences[cue.start], start)
        if earlier and opening and opening[0] in self.rules["grammar"]["relatives"]:
            return earlier[-1]
        if earlier:
            return self._carried(earlier)
        pronoun = next((k for k in range(start, cue.start)
                        if self.words[k] in self.sets["pronouns"]), None)
        return self._agreeing_before(self.words[pronoun], pronoun) \
            if pronoun is not None else None

    def _agreeing_before(self, pronoun: str, at: int) -> _Mention | None:
        """For a pronoun at word `at` with no part named before it in its sentence, the
        part the sentence before named last, when the two agree in number ([grammar]
        antecedent): "The vocals are great. But they get lost under the guitars"."""
        rule = self.rules["grammar"]["antecedent"]
        sentence = self.sentences[at]
        if self.parts_before(sentence, at):
            return None
        earlier = self.sentence_parts.get(sentence - 1)
        if not earlier:
            return None
        if pronoun in rule["person"]:
            return next((m for m in reversed(earlier) if m.layer == rule["person_layer"]),
                        None)
        part = self._carried(earlier)
        last = self.words[part.end - 1]
        plural = last.endswith("s") and not last.endswith(tuple(rule["singular_endings"]))
        wanted = rule["plural"] if plural else rule["singular"]
        return part if pronoun in wanted else None

    def _after_preposition(self, m: _Mention) -> bool:
        k = m.start - 1
        while k >= 0 and self.words[k] in self.sets["determiners"]:
            k -= 1
        return (k >= 0 and self.clauses[k] == self.clauses[m.start]
                and self.words[k] in self.sets["prepositions"])

    def _subject(self, cue: _Mention, before: list[_Mention]) -> _Mention:
        """The nearest part before the cue that is not the object of a preposition,
        looking first at the stretch since the previous cue in the clause."""
        clause = self.clauses[cue.start]
        previous = max((m.end for m in self.by_clause.get(clause, [])
                        if m.cue and m.end <= cue.start), default=-1)
        recent = [m for m in before if m.start >= previous] or before
        grammar = self.rules["grammar"]
        for mention in reversed(recent):
            k = mention.start - 1
            while k >= 0 and self.words[k] in grammar["determiners"]:
                k -= 1
            if k < 0 or self.words[k] not in grammar["prepositions"]:
                return mention
        return recent[0]

    def _sentence_wide(self, cue, severity, found, unclear) -> None:
        sentence = self.sentences[cue.start]
        parts = [m for m in self.by_sentence.get(sentence, [])
                 if m.layer and m.layer not in self.vocab.weak_layers]
        # two parts named in the cue's own clause are the ones clashing ("the kick and bass
        # clash and the vocal is buried")
        own = [m for m in parts if self.clauses[m.start] == self.clauses[cue.start]]
        if len({m.layer for m in own}) >= 2:
            parts = own
        # parts this sentence already complains about otherwise are not the ones clashing
        taken = {f.layer for f in found if f.sentence == sentence}
        if len({m.layer for m in parts if m.layer not in taken}) >= 2:
            parts = [m for m in parts if m.layer not in taken]
        problem = cue.cue.problem
        distinct = list(dict.fromkeys(m.layer for m in parts))
        if len(distinct) > 2:
            crowd = set(self.rules["sentence_wide"][problem]["drop_when_crowded"])
            parts = [m for m in parts if m.layer not in crowd]
            distinct = [d for d in distinct if d not in crowd]
        alone = self.rules["reciprocal"]["alone"]
        lo = self.clause_start[self.clauses[cue.start]]
        if len(distinct) == 1 and (any(
                tuple(self.words[k:k + len(w)]) == w for w in map(words_of, alone)
                for k in range(cue.start, min(cue.end + 2, len(self.words))))
                or set(self.words[lo:cue.start]) & set(self.rules["reciprocal"]["all_of"])
                or any(self._counted(m) for m in parts if m.start < cue.start)):
            # "some instruments are masking each other": one part at odds with itself
            m = next(m for m in parts if m.layer == distinct[0])
            found.append(_Found(m.layer, problem, m.start, cue, m, self.clauses[cue.start],
                                sentence, severity))
        elif len(distinct) >= 2:
            seen = set()
            for m in parts:
                if m.layer not in seen:
                    seen.add(m.layer)
                    found.append(_Found(m.layer, problem, m.start, cue, m,
                                        self.clauses[cue.start], sentence, severity))
        elif not distinct and (crowd := self._crowd(lo, cue.start)):
            # "everything is competing": the band at odds with itself
            found.append(_Found(crowd.layer, problem, crowd.start, cue, crowd,
                                self.clauses[cue.start], sentence, severity))
        elif not distinct:
            candidates = tuple(self.rules["no_layer"]["ask"][problem])
            unclear.append(Clarification(problem, candidates, self._span_text(cue, None),
                                         self._chars(cue, None)))

    def _crowd(self, lo: int, at: int) -> _Mention | None:
        """The last subject for all the parts ([reciprocal] crowd) between a clause's start
        and a masking cue."""
        spans = find(self.words, grammar().indexes["crowd"], lo, at)
        if not spans:
            return None
        start, end = max(spans, key=lambda s: s[1])
        return _Mention(start, end, self.rules["reciprocal"]["crowd_layer"])

    def _counted(self, part: _Mention) -> bool:
        """"the two guitars", "both synths": a number before a part's name ([reciprocal]
        counted) makes it several of that part."""
        k = part.start
        while k > 0 and self.words[k - 1] in self.sets["determiners"]:
            k -= 1
        return any(end == k for _, end in find(
            self.words, grammar().indexes["counted"], max(k - 3, 0), k))

    def _make(self, layer_mention, problem, cue, clause, severity, layers=()) -> _Found:
        layer = layer_mention.layer if layer_mention else None
        sense = self.rules["part_senses"].get(" ".join(self.words[cue.start:cue.end]))
        if isinstance(sense, dict) and problem == sense["said"] and layer is not None \
                and layer not in sense["keep"]:
            problem = sense["problem"]   # "the vocals were soft": too quiet, not weak
        on_part = self.rules["reverb_on_part"]
        if layer == on_part["layer"] and problem in on_part["problems"]:
            others = [m for m in self.named(list(layers)) if m.layer != layer] \
                or self._reverb_on_pronoun(layer_mention, on_part)
            if others:
                layer_mention, layer = others[0], others[0].layer
                problem = on_part["problems"][problem]
        elif problem in on_part["problems"] and (reverbs := self._reverb_of(
                cue, layer_mention, layers, on_part)):
            # "swamped in reverb": a part lost in the reverb has too much of it
            inside = any(m.start >= cue.end for m in reverbs)
            problem = on_part["inside_problems" if inside else "problems"].get(
                problem, on_part["problems"][problem])
        if cue.cue and cue.cue.mono_sensitive and self.in_mono_context(cue) \
                and not (cue.cue.object_after and layer == self.whole):
            # "I can't hear the 808 on my phone" collapses there; "you can hardly hear it in
            # the car", the song unheard, is quiet
            problem = self.rules["mono_context"]["problem"]
        return _Found(layer, problem, cue.start, cue, layer_mention, clause,
                      self.sentences[cue.start], severity, said=problem)

    def _reverb_on_pronoun(self, reverb: _Mention, on_part) -> list[_Mention]:
        """"... and the reverb on them is overdone": the part a pronoun after the reverb
        stands for, the last one named earlier in the sentence."""
        k = reverb.end
        if not (k + 1 < len(self.words) and self.words[k] in on_part["inside"]
                and self.words[k + 1] in self.sets["pronouns"]):
            return []
        earlier = [m for m in self.by_sentence.get(self.sentences[reverb.start], [])
                   if m.layer and m.layer != on_part["layer"] and m.end <= reverb.start]
        return self.named(earlier)[-1:]

    def _reverb_of(self, cue, part, layers, on_part) -> list[_Mention]:
        """The reverb a part's problem words are about: before them with no join between
        ("the reverb on the vocal is overdone", "the reverb is too much on the vocals"),
        inside them ("I'd pull back the reverb on the vocals"), or right after them through a
        preposition ("swamped in reverb", "lost under all that delay"); not a reverb with a
        clause of its own ("the vocals sit too far forward and the reverb is overdone")."""
        out = []
        for m in layers:
            if m.layer != on_part["layer"]:
                continue
            if cue.start < m.start < cue.end:
                out.append(m)   # "I'd pull back the reverb on the vocals": the words hold it
                continue
            if m.start < cue.start:
                if not any(w in on_part["joins"] for w in self.words[m.end:cue.start]):
                    out.append(m)
                continue
            k = cue.end
            while k < len(self.words) and self.words[k] in on_part["particles"]:
                k += 1
            ends_inside = self.words[cue.end - 1] in on_part["inside"]
            if ends_inside or (k < len(self.words) and self.words[k] in on_part["inside"]):
                k += not ends_inside
                while k < len(self.words) and self.words[k] in self.sets["determiners"]:
                    k += 1
                if m.start == k:
                    out.append(m)
        return out

    def _said_of_song(self, item: _Found) -> bool:
        """Words that can be said of a whole song, for a problem that also places parts
        ([no_layer] said_of_song), in the problem words or their subject: "so quiet", "the
        volume is too low" can; "buried" or "an afterthought" cannot."""
        words = self.rules["no_layer"]["said_of_song"].get(item.problem)
        start = self.clause_start[self.clauses[item.cue.start]]
        return words is None or not set(words).isdisjoint(self.words[start:item.cue.end])

    def _unknown_subject(self, item: _Found) -> _Mention | None:
        """"the taps are way too loud": the subject the clause opens on, when it names
        neither a part, the song nor a problem ([no_layer.subject])."""
        rule = self.rules["no_layer"]["subject"]
        words = self.words
        lo, cue_at = self.clause_start[self.clauses[item.cue.start]], item.cue.start
        while lo < cue_at and words[lo] in rule["leading"]:
            lo += 1
        if lo >= cue_at or words[lo] not in rule["determiners"]:
            return None
        be = next((k for k in range(lo + 1, min(lo + 2 + rule["most"], cue_at))
                   if words[k] in rule["be"]), None)
        if be is None or be == lo + 1:
            return None
        subject = words[lo + 1:be]
        if set(subject) & set(rule["song"]) or any(
                m.layer or m.cue for m in self.mentions if lo < m.start < be) \
                or not all(w.isalpha() for w in subject):
            return None
        return _Mention(lo, be)

    def _about_music(self, sentence: int) -> bool:
        """The sentence speaks of the sound or of a section of the song ("the chorus feels
        like an afterthought"): a part-less level word there asks which part; elsewhere it
        is talk ("life hits too hard sometimes")."""
        lo, hi = self.sentence_span[sentence]
        return bool(self.sentence_words(sentence) & self.vocab.about_sound) or bool(
            find(self.keys, grammar().indexes["sections"], lo, hi))

    def _sizes_another(self, item: _Found, found: list[_Found]) -> bool:
        """"the sibilance is too much", "the mud is way too much": part-less level words
        after another problem's words in their clause size that problem; they ask nothing."""
        return any(
            other.problem != item.problem and other.clause == item.clause
            and other.cue.end <= item.cue.start for other in found)

    def _finish(self, found: list[_Found], unclear: list[Clarification]) -> Understanding:
        resolved: list[_Found] = []
        self._washed_by(found)
        for item in found:
            if self._sections_compared(item):
                item.layer = item.layer or self.whole
                item.problem = item.said = self.rules["sections"]["becomes"]
            if item.said == self.rules["sections"]["becomes"] and \
                    item.layer in self.rules["sections"]["across_parts"] and \
                    self._across_songs(item):
                item.layer = self.whole
            if self._music_as_song(item):
                item.layer = self.whole
            elif self._accompanying(item):
                item.layer = self.rules["accompaniment"]["becomes"]
            elif self._all_but_voice(item):
                item.layer = self.rules["all_but_voice"]["becomes"]
            if item.layer == self.whole and self._band_only(item):
                item.layer = None
            if item.layer is None:
                # "the taps are way too loud": said of something that is not the song
                said = self._unknown_subject(item)
                if item.problem in self.rules["no_layer"]["whole_song"] and said is None \
                        and self._said_of_song(item):
                    item.layer = self.whole
                elif item.problem in self.rules["no_layer"]["said_of_song"] and (
                        self._sizes_another(item, found) or not self._about_music(item.sentence)
                ) and said is None:
                    continue
                elif any(other.layer and other.problem == item.problem
                         and other.sentence == item.sentence for other in found):
                    continue   # "the esses are painful": the esses' own part is the one
                else:
                    candidates = self.rules["no_layer"]["ask"].get(
                        item.problem, [self.whole])
                    unclear.append(Clarification(item.problem, tuple(candidates),
                                                 self._span_text(item.cue, said),
                                                 self._chars(item.cue, said)))
                    continue
            band = self.rules["band_level"]
            if item.layer == self.whole and item.problem in band["problems"] and (
                    self._band_word(item.layer_mention, band["words"])
                    or self._band_after(item.cue, band)):
                item.problem = item.said = band["problems"][item.problem]
            if item.layer == self.whole and not self._kept_whole(item):
                item.problem = WHOLE_SONG_PROBLEMS[item.problem]
            else:
                item.problem = self.rules["part_problems"].get(item.problem, item.problem)
            remapped = self.rules["remap"].get(f"{item.layer}.{item.problem}")
            if remapped:
                item.layer, item.problem = remapped.split(".")
            resolved.append(item)
        resolved = self._taken_back(resolved)
        resolved = self._reverb_on_parts(resolved)
        resolved = self._dominate(resolved)
        resolved = self._parts_over_whole(resolved)
        resolved, contradicted = settle(self, resolved)
        resolved.sort(key=lambda f: f.position)
        intents, seen, readings = [], set(), []
        for item in resolved:
            key = (item.layer, item.problem)
            if key in seen:
                continue
            seen.add(key)
            readings.append((len(intents), item))
            intents.append(Intent(
                layer=item.layer, problem=item.problem, route=route_for(item.layer),
                severity=item.severity, stems=stems_for(item.layer, item.problem),
                evidence=self._span_text(item.cue, item.layer_mention),
                span=self._chars(item.cue, item.layer_mention),
                tone=item.said if item.problem == "tonal_balance" and item.said in TONES
                else ""))
        intents = _rivals_asked(intents, [self.sentences[item.cue.start] for _, item in readings],
                                self.rules["sentence_wide"])
        vague = not intents and is_vague(self)
        offered = alternatives(self, readings, contradicted) if intents \
            else guesses(self, vague)
        kind, topic = self._kind(intents, unclear)
        if vague or (kind == "other" and not self._device_fault()
                     and any(g.score > self.rules["guesses"]["prior"] for g in offered)):
            kind = "complaint"
        unique_unclear = tuple({c.problem: c for c in unclear}.values())
        read = MAX_CHARS if len(self.text) > MAX_CHARS else None
        return Understanding(self.text, kind, tuple(intents), unique_unclear,
                             tuple(self.corrections), topic, offered, vague, read)

    def _washed_by(self, found: list[_Found]) -> None:
        """"the vocals are washed out by the guitars", "with the guitars so loud, the vocals
        are washed out": drowned by a rival part, not by reverb ([washed_by])."""
        rule = self.rules["washed_by"]
        words = {tuple(w.split()) for w in rule["words"]}
        for item in found:
            cue = item.cue
            if tuple(self.words[cue.start:cue.end]) not in words or item.layer in (
                    None, self.whole, self.rules["reverb_on_part"]["layer"]):
                continue
            louder = any(f.sentence == item.sentence and f.layer not in (None, item.layer)
                         and f.problem == rule["louder"] for f in found)
            if louder or self._agent_after(cue, item.layer, rule):
                item.problem = item.said = rule["becomes"]

    def _agent_after(self, cue: _Mention, layer: str, rule: dict) -> bool:
        """A rival part after one of the rule's `agents`, within its `reach`."""
        hi = min(cue.end + rule["reach"], len(self.words))
        for k in range(cue.end, hi):
            if self.words[k] not in rule["agents"]:
                continue
            j = k + 1
            while j < len(self.words) and self.words[j] in self.sets["determiners"]:
                j += 1
            part = self.part_at.get(j)
            return part is not None and part.layer not in (
                layer, self.whole, self.rules["reverb_on_part"]["layer"])
        return False

    def _sections_compared(self, item: _Found) -> bool:
        """"the verse is quiet compared to the chorus": two sections set against each other
        by level, said of the song or of the sentence's only part ([sections])."""
        rule = self.rules["sections"]
        if item.said not in rule["problems"]:
            return False
        if self.sentence_layers.get(item.sentence, frozenset()) - {self.whole, item.layer}:
            return False
        if item.sentence not in self._sections:
            self._sections[item.sentence] = self._sections_set_against(item.sentence)
        return self._sections[item.sentence]

    def _section_jump(self, cue: _Mention) -> bool:
        """"the song gets way louder at the chorus": a level comparative after a verb of
        change, in a clause naming a section and setting nothing against it, is a level
        that jumps ([sections] changes)."""
        rule, words = self.rules["sections"], self.words
        if grammar().comparatives.get(tuple(words[cue.start:cue.end])) not in (
                self.rules["voice"]["passive"], self.rules["voice"]["active"]):
            return False
        k = cue.start - 1
        while k >= 0 and cue.start - k <= rule["change_reach"] \
                and words[k] in rule["change_between"]:
            k -= 1
        if k < 0 or words[k] not in rule["changes"] or self.clauses[k] != self.clauses[
                cue.start] or (k > 0 and words[k - 1] in rule["change_wished"]):
            return False
        clause = self.clauses[cue.start]
        lo = self.clause_start[clause]
        hi = lo + len(self.clause_list(clause))
        indexes = grammar().indexes
        return bool(find(self.keys, indexes["sections"], lo, hi)) and not find(
            self.words, indexes["compare"], lo, hi)

    def _across_songs(self, item: _Found) -> bool:
        """"the music volume varies between tracks": songs set against each other."""
        lo, hi = self.sentence_span[item.sentence]
        return bool(find(self.words, grammar().indexes["across_songs"], lo, hi))

    def _sections_set_against(self, sentence: int) -> bool:
        parts = [m for m in self.sentence_parts.get(sentence, []) if m.layer != self.whole]
        lo, hi = self.sentence_span[sentence]
        indexes = grammar().indexes
        sections = find(self.keys, indexes["sections"], lo, hi)
        for start, end in find(self.words, indexes["compare"], lo, hi):
            if any(m.start >= start for m in parts):
                continue  # "louder than the guitars in the verse": a part set against it
            before = {tuple(self.keys[a:b]) for a, b in sections if b <= start}
            after = {tuple(self.keys[a:b]) for a, b in sections if a >= end}
            if before and after and (before | after) != before & after:
                return True
        return False

    def _music_as_song(self, item: _Found) -> bool:
        """"the menu music sounds like it's clipping": a mastering fault of the music with no
        other part in its sentence is the song's ([music_as_song])."""
        rule = self.rules["music_as_song"]
        m = item.layer_mention
        if m is None or item.layer != rule["layer"] or self.words[m.end - 1] not in rule["words"]:
            return False
        if m.end - m.start == 1 and m.start > 0 and self.words[m.start - 1] in rule["owned"]:
            return True
        return item.problem in rule["problems"] and self.sentence_layers.get(
            item.sentence, frozenset()) <= {rule["layer"], self.whole}

    def _accompanying(self, item: _Found) -> bool:
        """"the orchestra sounded heavy compared with the choir": an ensemble word beside a
        voice in its sentence is the band under the voice ([accompaniment])."""
        rule = self.rules["accompaniment"]
        m = item.layer_mention
        if m is None or item.layer != rule["layer"] or self.words[m.end - 1] not in rule["words"]:
            return False
        return bool(self.sentence_layers.get(item.sentence, frozenset()) & set(rule["voices"]))

    def _all_but_voice(self, item: _Found) -> bool:
        """"everything is too loud except the vocal": the song but its voice is the band
        under the voice ([all_but_voice])."""
        rule = self.rules["all_but_voice"]
        m = item.layer_mention
        if m is None or item.layer != self.whole or " ".join(
                w for w in self.words[m.start:m.end]
                if w not in self.sets["determiners"]) not in rule["subjects"]:
            return False
        hi = self.sentence_span[item.sentence][1]
        for k in range(item.cue.end, hi):
            if self.text[self.tokens[k - 1].end:self.tokens[k].start].strip():
                return False   # "too loud, but the vocal is fine": a clause of its own
            if starts_at(self.words, rule["exceptions"], k):
                return any(v.layer in rule["voices"] and k < v.start <= k + rule["reach"]
                           for v in self.by_sentence.get(item.sentence, []))
        return False

    def _band_only(self, item: _Found) -> bool:
        """A band word ("the low end") is the only place named for a part's problem."""
        if item.problem not in self.sets["band_problems"] or item.layer_mention is None:
            return False
        cue_text = " ".join(self.words[item.cue.start:item.cue.end])
        if self.rules["no_layer"]["own_layer"].get(cue_text) == self.whole:
            return False  # "it's way too bass heavy": the spectrum weighed, not one band
        named = [m for m in self.by_sentence.get(item.sentence, []) if m.layer]
        return all(self._band_word(m) for m in named)

    def _band_word(self, m: _Mention | None, bands=None) -> bool:
        if m is None or m.layer is None:
            return False
        words = self.words[m.start:m.end]
        while words and words[0] in self.sets["determiners"]:
            words = words[1:]
        return " ".join(words) in (self.sets["band_words"] if bands is None else bands)

    def _band_after(self, cue: _Mention, band: dict) -> bool:
        """"too quiet in the highs", "absent of low-range frequencies": the band where the
        level is off, right after the level words."""
        k = cue.end
        if k >= len(self.words) or self.words[k] not in band["where"]:
            return False
        k += 1
        while k < len(self.words) and self.words[k] in self.sets["determiners"]:
            k += 1
        # "at the top of the chorus" is a place in the song, not a band
        return any(tuple(self.words[k:k + len(b)]) == b
                   and self.words[k + len(b):k + len(b) + 1] != [band["not_before"]]
                   for b in (tuple(w.split()) for w in band["words"]))

    # the reader's view for intents.guessing

    def _wished_away(self, cue: _Mention) -> bool:
        """"make the hats not so loud", "get the kick to not sound muddy": a negator right
        after the part a wish opens on, before a problem word, wishes the problem away, so
        the problem is there. Right after the opener ("shouldn't overwhelm", "would never
        overdrive") it forbids, and denies as ever."""
        g = grammar()
        window = self.rules["negation"]["window"]
        parts = {k for m in self.mentions if m.layer for k in range(m.start, m.end)}
        named = set(parts)
        parts |= {k for k, w in enumerate(self.words) if w in self.sets["determiners"]}
        for k in range(cue.start - 1, max(cue.start - window, 0) - 1, -1):
            if self.clauses[k] != self.clauses[cue.start]:
                return False
            if self.words[k] in self.negators:
                j = k - 1
                while j >= 0 and (j in parts or self.words[j] in g.between):
                    j -= 1
                return bool(named & set(range(j + 1, k))) and wish_opened(
                    self.words, self.clauses, k, k + 1, parts, g)
        return False

    def _unheard_before(self, cue: _Mention) -> bool:
        """"to an extreme I haven't heard before", "never heard of them": a hearing denied
        before one of [unheard_before] `after` tells what the listener has known, not what
        is hard to hear."""
        rule = self.rules["unheard_before"]
        if self.words[cue.end - 1] not in rule["hearing"]:
            return False
        return starts_at(self.words, rule["after"], cue.end)

    def _set_aside(self, cue: _Mention) -> bool:
        """"pushes the bass rather than obscures it": what the part does not do."""
        lo = self.clause_start[self.clauses[cue.start]]
        return bool(find(self.words, grammar().indexes["set_aside"], lo, cue.start))

    def negated_at(self, start: int) -> bool:
        if _negated(start, self.words, self.clauses, self.covered, self.negators, self.window):
            return True
        lo = max(self.clause_start[self.clauses[start]], start - 12)
        return bool(find(self.words, self.clause_negators, lo, start))

    def route(self, layer: str) -> str:
        return route_for(layer)

    def nearest_part_at(self, at: int) -> _Mention | None:
        sentence = self.sentences[at]
        parts = [m for m in self.by_sentence.get(sentence, []) if m.layer]
        named = self.named(parts) or parts
        return min(named, key=lambda m: abs(m.start - at), default=None)

    def nearest_part(self, cue: _Mention) -> _Mention | None:
        return self.nearest_part_at(cue.start)

    def complaint_parts(self) -> list[_Mention]:
        """Parts named outside praise and outside "not the kick"."""
        return [m for m in self.mentions if m.layer
                and not self.is_praise(self.clauses[m.start])
                and not self.is_denied(m)]

    def is_denied(self, m: _Mention) -> bool:
        return _denied_part(self.words, m.start, self.sets)

    def evidence(self, cue: _Mention, part: _Mention | None) -> str:
        return self._span_text(cue, part)

    def _reverb_on_parts(self, items: list[_Found]) -> list[_Found]:
        """"pull the reverb back on the snare, it's a bit washy": the reverb's problem said
        of a part in the same sentence is that part's, not the reverb's as well."""
        fx = self.rules["reverb_on_part"]["layer"]
        on_parts = {(i.sentence, i.problem) for i in items if i.layer not in (fx, self.whole)}
        return [i for i in items if i.layer != fx or (i.sentence, i.problem) not in on_parts]

    def _taken_back(self, items: list[_Found]) -> list[_Found]:
        """"... you would crank up the kick. This is not the case": a sentence that takes
        back the one before it (and what comes before it in its own sentence)."""
        back = {(self.sentences[start], start)
                for start, _ in find(self.words, grammar().indexes["takes_back"])}
        return [item for item in items
                if not any(item.sentence == s - 1 or (item.sentence == s and item.position < at)
                           for s, at in back)]

    def _parts_over_whole(self, items: list[_Found]) -> list[_Found]:
        """"The low end is muddy, the bass and keys turn to mush": a problem said of named
        parts in a sentence is theirs, not the whole song's as well. A collapse reaches
        back as far as its device does ("I played it on my phone. The kick was gone!")."""
        on_parts = {(item.sentence, item.said) for item in items if item.layer != self.whole}
        mono = self.rules["mono_context"]
        on_parts |= {(item.sentence - mono["sentences_before"], item.said) for item in items
                     if item.layer != self.whole and item.said == mono["problem"]}
        return [item for item in items
                if item.layer != self.whole or (item.sentence, item.said) not in on_parts
                or self._whole_named(item.layer_mention)]

    def _whole_named(self, m: _Mention | None) -> bool:
        """"the whole mix sounds muddy" names the song itself, not a band of it."""
        return m is not None and bool(
            self.sets["whole_subjects"] & set(self.words[m.start:m.end]))

    def _dominate(self, items: list[_Found]) -> list[_Found]:
        drop = set()
        rule = self.rules["opposites"]
        by_place: dict[tuple[str | None, int], list[int]] = {}
        for i, item in enumerate(items):
            by_place.setdefault((item.layer, item.sentence), []).append(i)
        for key_problem, opposites in rule["problems"].items():
            for (_, sentence), at in by_place.items():
                here = [i for i in at if items[i].said in opposites]
                if here and any(items[i].problem == key_problem for i in at) \
                        and self.sentence_words(sentence) & set(rule["beside"]):
                    # "some lines of the vocal jump out while others get lost": the level
                    # said in some places is the unevenness said beside it
                    drop |= set(here)
                    continue
                if {items[i].said for i in here} != set(opposites):
                    continue
                if not any(items[i].problem == key_problem for i in at):
                    if not self.sentence_words(sentence) & set(rule["marks"]):
                        continue
                    # "some songs are too loud and some too quiet": the level changes
                    items[here[0]].problem = items[here[0]].said = key_problem
                    here = here[1:]
                drop |= set(here)
        for rule_problem, rule in self.rules["dominance"].items():
            def place(item: _Found, scope: str = rule["scope"]) -> int:
                # "sentence", "clause", or "message": the whole text is one place
                return 0 if scope == "message" else getattr(item, scope)
            winners = {(w.layer, place(w)) for w in items if w.problem == rule_problem}
            drop |= {i for i, other in enumerate(items) if other.said in rule["over"]
                     and (other.layer, place(other)) in winners}
        drop |= self._effects(items)
        return [item for i, item in enumerate(items) if i not in drop]

    def _effects(self, items: list[_Found]) -> set[int]:
        """"too loud next to commercial tracks, it's fatiguing": what a problem does to the
        listener, said in its sentence of the same part, is no problem of its own."""
        drop = set()
        for cause, effects in self.rules["effects"].items():
            causes = {(w.layer, w.sentence) for w in items if w.problem == cause}
            said = index(words_of(e) for e in effects)
            drop |= {i for i, other in enumerate(items) if other.problem != cause
                     and (other.layer, other.sentence) in causes
                     and find(self.words, said, other.cue.start, other.cue.end)}
        return drop

    def _kind(self, intents, unclear) -> tuple[str, str | None]:
        if intents or unclear:
            return "complaint", None
        asks = "?" in self.text or (bool(self.words)
                                    and self.words[0] in self.sets["question_starts"])
        if not asks:
            return "other", None
        for topic, phrases in self.vocab.questions.items():
            for phrase in phrases:
                n = len(phrase)
                if any(tuple(self.words[i:i + n]) == phrase
                       for i in range(len(self.words) - n + 1)):
                    return "question", topic
        return "other", None

    def _chars(self, cue: _Mention, layer: _Mention | None) -> tuple[int, int]:
        marks = [cue] + ([layer] if layer and layer.end <= len(self.tokens) else [])
        start = min(self.tokens[m.start].start for m in marks)
        end = max(self.tokens[m.end - 1].end for m in marks)
        return start, end

    def _span_text(self, cue: _Mention, layer: _Mention | None) -> str:
        start, end = self._chars(cue, layer)
        if end - start <= 60:
            return self.text[start:end]
        parts = sorted([cue] + ([layer] if layer else []), key=lambda m: m.start)
        return " ... ".join(self.text[self.tokens[m.start].start:self.tokens[m.end - 1].end]
                            for m in parts)


def understand(text: str) -> Understanding:
    """Everything the engine reads in a message: intents, open questions, corrections."""
    if not isinstance(text, str):
        raise TypeError(f"understand() takes text, got {type(text).__name__}")
    return _Reader(text, vocabulary()).read()
