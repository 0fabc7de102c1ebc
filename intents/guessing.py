"""Never a dead end: the closest readings of a message no rule was sure about.

When no intent is certain, the chat offers these as numbered choices. Each guess
says which words it rests on and how much: a problem word that was set aside (a
condition, a praised clause), a near-miss spelling of one, a part named with no
problem word (what people most often mean about it), or a vague whole-song
complaint. Weights and priors are data (rules.toml [guesses]).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from intents.grammar import find, grammar
from intents.model import Guess
from intents.vocabulary import WHOLE_SONG_PROBLEMS

__all__ = ["guesses", "is_vague"]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def is_vague(reader) -> bool:
    """A whole-song complaint that names no problem: "sounds amateur", "something's off"."""
    vague = reader.vocab.vague
    longest = max((len(p) for p in vague), default=0)
    keys = reader.keys
    for i in range(len(keys)):
        for n in range(min(longest, len(keys) - i), 0, -1):
            if tuple(keys[i:i + n]) in vague and _said(reader, i):
                return True
    if any(m.layer and m.layer != reader.whole for m in reader.mentions):
        return False
    about = reader.vocab.about_sound
    sound_clauses = {reader.clauses[m.start] for m in reader.mentions if m.layer}
    sound_clauses |= {reader.clauses[i] for i, w in enumerate(reader.words) if w in about}
    return any(w in reader.vocab.judgements and reader.clauses[i] in sound_clauses
               and _said(reader, i) for i, w in enumerate(reader.words))


def _said(reader, i: int) -> bool:
    return not reader.negated_at(i) and not reader.is_praise(reader.clauses[i])


def guesses(reader, vague: bool) -> tuple[Guess, ...]:
    rules = reader.rules["guesses"]
    whole = reader.whole
    out: dict[tuple[str, str], Guess] = {}

    def offer(layer: str, problem: str, evidence: str, score: float) -> None:
        if layer == whole:
            problem = WHOLE_SONG_PROBLEMS[problem]
        problem = reader.rules["remap"].get(f"{layer}.{problem}", f"{layer}.{problem}")
        layer, problem = problem.split(".")
        known = out.get((layer, problem))
        if known is None or known.score < score:
            out[(layer, problem)] = Guess(layer, problem, reader.route(layer), evidence,
                                          round(score, 3))

    for cue in (m for m in reader.mentions if m.cue):
        if reader.negated_at(cue.start):
            continue
        part = reader.nearest_part(cue)
        offer(part.layer if part else whole, cue.cue.problem, reader.evidence(cue, part),
              rules["set_aside"])
    for i, token in enumerate(reader.tokens):
        word = reader.words[i]
        if reader.covered[i] or len(word) < reader.vocab.fuzzy_min_length or \
                word in reader.vocab.known_words or word in reader.vocab.never_correct:
            continue
        match = process.extractOne(word, reader.vocab.fuzzy_cues,
                                   scorer=OSA.normalized_similarity,
                                   score_cutoff=rules["near_miss_cutoff"] / 100.0)
        if match is not None:
            part = reader.nearest_part_at(i)
            problem = reader.vocab.cue_phrases[(match[0],)].problem
            offer(part.layer if part else whole, problem, token.raw,
                  rules["near_miss"] * match[1])
    # a word that names a problem only when graded ("the vocal is dark") is weak evidence
    graded = grammar().graded
    for start, end in find(reader.words, grammar().indexes["graded"]):
        if reader.covered[start] or reader.negated_at(start) \
                or reader.is_praise(reader.clauses[start]):
            continue
        part = reader.nearest_part_at(start)
        offer(part.layer if part else whole, graded[tuple(reader.words[start:end])],
              reader.evidence(_Span(start, end), part), rules["graded"])
    for part in reader.complaint_parts():
        for rank, problem in enumerate(rules["priors"].get(part.layer, ())):
            offer(part.layer, problem, reader.evidence(part, None),
                  rules["prior"] - rules["step"] * rank)
    if vague:
        for rank, problem in enumerate(rules["vague_problems"]):
            offer(whole, problem, reader.text[:60], rules["vague"] - rules["step"] * rank)
    ranked = sorted(out.values(), key=lambda g: -g.score)
    return tuple(g for g in ranked if g.problem)[:rules["most"]]
