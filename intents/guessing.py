"""Never a dead end: the closest readings of a message no rule was sure about.

When no intent is certain, the chat offers these as numbered choices. Each guess
says which words it rests on and how much: a problem word that was set aside (a
condition, a narration), a near-miss spelling of one, a word about level with no
grammatical link ("so far back", "a few dB more"), a part named with no problem word
(what people most often mean about it) where its sentence holds a problem, level or
judgement word or the message is only the part, or is described by words the
vocabulary may not know ("the piano is oddly wallpapery", "wonky-sounding toms"), or a
vague whole-song complaint; as a last resort, a part named in a sentence about the sound
("it sounds like the vocal is in another room"), ranked below everything else.
Praise, narration and questions about the music get none. Weights, word lists and
priors are data (rules.toml [guesses]).

A reading can be found and still be doubtful: how it was made says so. A part
paired with its problem words in their sentence, near them, is a sure reading;
a part carried from another sentence, reached past another part, far from the
words, implied by the problem word or the song's "it" while the sentence names a
part, a problem changed by a context word outside its clause, or one turned by the
voice of a verb with a part on its other side ("the pad is drowning the vocal"), is not.
Words musicians use for several readings are doubtful too: a level reading said through a
relation between two parts ("the guitars bury the vocal") is close to the other party's
level and to masking, a masking reading to the parts' levels, and a level verb whose
direction is unclear in a wish ("the vocal should sit back") or a verb of request that may
tell of the change made ("the guitarist will crank up his amp") to the other direction;
which readings are near which is data ([guesses.near]). Beside a doubtful reading the closest
other readings of the same words are offered (`alternatives`); a sure reading gets none.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from intents.grammar import find, grammar
from intents.model import Guess
from intents.scope import framed, out_of_scope, praises, told_not_mixed
from intents.text import stem
from intents.vocabulary import WHOLE_SONG_PROBLEMS

__all__ = ["DOUBTS", "alternatives", "doubts", "guesses", "is_vague"]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def is_vague(reader) -> bool:
    """A whole-song complaint that names no problem: "sounds amateur", "something's off".
    A verdict inside an `[ignore]` phrase is not about the mix: "the lyrics don't
    translate to other languages"."""
    vague = reader.vocab.vague
    longest = max((len(p) for p in vague), default=0)
    keys = reader.keys
    for i in range(len(keys)):
        for n in range(min(longest, len(keys) - i), 0, -1):
            if tuple(keys[i:i + n]) in vague and _said(reader, i) and not any(
                    a < i + n and i < b for a, b in reader.ignored):
                return True
    if any(m.layer and m.layer != reader.whole for m in reader.mentions):
        return False
    if _finish_denied(reader):
        return True
    about = reader.vocab.about_sound
    sound_clauses = {reader.clauses[m.start] for m in reader.mentions if m.layer}
    sound_clauses |= {reader.clauses[i] for i, w in enumerate(reader.words) if w in about}
    return any(w in reader.vocab.judgements and reader.clauses[i] in sound_clauses
               and _said(reader, i) for i, w in enumerate(reader.words))


def _finish_denied(reader) -> bool:
    """"doesn't sound radio ready", "my songs never sound professional": a quality of a
    finished record, denied in a clause about the sound, "it" or nothing named ("not radio
    ready"; "I'm not a pro" is no verdict)."""
    qualities = reader.vocab.finished_qualities
    longest = max((len(p) for p in qualities), default=0)
    keys = reader.keys
    about = {reader.clauses[i] for i, w in enumerate(reader.words)
             if w in reader.vocab.about_sound or w in reader.sets["song_pronouns"]} | {
        reader.clauses[m.start] for m in reader.mentions if m.layer == reader.whole} | {
        # said with no subject at all: "not radio ready"
        c for c, start in reader.clause_start.items() if reader.words[start] in reader.negators}
    return any(tuple(keys[i:i + n]) in qualities and reader.clauses[i] in about
               and reader.negated_at(i)
               for i in range(len(keys)) for n in range(1, min(longest, len(keys) - i) + 1))


def _said(reader, i: int) -> bool:
    return not reader.negated_at(i) and not reader.is_praise(reader.clauses[i])


class _Offers:
    """Readings offered, each (layer, problem) once at its best score, in taxonomy ids."""

    def __init__(self, reader) -> None:
        self.reader = reader
        self.out: dict[tuple[str, str], Guess] = {}

    def offer(self, layer: str, problem: str, evidence: str, score: float,
              instead_of: int | None = None) -> None:
        reader = self.reader
        if layer == reader.whole:
            problem = WHOLE_SONG_PROBLEMS[problem]
        else:
            problem = reader.rules["part_problems"].get(problem, problem)
        problem = reader.rules["remap"].get(f"{layer}.{problem}", f"{layer}.{problem}")
        layer, problem = problem.split(".")
        known = self.out.get((layer, problem))
        if known is None or known.score < score:
            self.out[(layer, problem)] = Guess(layer, problem, reader.route(layer), evidence,
                                               round(score, 3), instead_of)

    def ranked(self, most: int, leave_out=frozenset()) -> tuple[Guess, ...]:
        ranked = sorted((g for k, g in self.out.items() if k not in leave_out and g.problem),
                        key=lambda g: -g.score)
        return tuple(ranked[:most])


def doubts(reader, item) -> tuple[str, ...]:
    """How a found reading falls short of a sure one (empty when it is sure); see DOUBTS."""
    cue, part = item.cue, item.layer_mention
    if cue.cue is None or part is None:
        return ()  # a focus clause ("..., especially the kick") names its own part
    out = []
    mono = reader.rules["mono_context"]["problem"]
    if item.said and item.said != cue.cue.problem and item.said == mono \
            and not set(reader.clause_list(reader.clauses[cue.start])) & reader.mono_words:
        out.append("context")   # made a mono collapse by a word outside its clause
    elif cue.cue.mono_sensitive and item.said != mono and set(reader.words) & reader.mono_words:
        out.append("context")   # not one, though the message names mono elsewhere
    if _related(reader, item):
        out.append("relation")
    elif _unclear_direction(reader, item):
        out.append("direction")
    if _part_in_words(reader, item) is not None:
        out.append("part_in_words")
    voiceless = reader.rules["guesses"]["doubt"]["voiceless"]
    if item.layer in (voiceless["layer"], reader.whole) and part.layer == voiceless["layer"] \
            and set(reader.words[part.start:part.end]) & set(voiceless["words"]) \
            and not any(m.layer in voiceless["voices"] for m in reader.mentions):
        out.append("voiceless")
    if _parts_beside_whole(reader, item):
        out.append("beside_the_song")
    if _modifier(reader, part) is not None:
        out.append("compound")
    if part not in reader.mentions and part not in reader.groups:
        # made from the problem word itself, or the song's "it" (a part a word for several
        # names, "the rhythm section", is named)
        if any(m.layer != part.layer for m in _named_in_sentence(reader, cue)):
            out.append("implied")
        return tuple(out)
    if reader.sentences[part.start] != reader.sentences[cue.start]:
        out.append("carried")
        return tuple(out)
    lo, hi = (part.end, cue.start) if part.start < cue.start else (cue.end, part.start)
    group = reader.groups.get(part, (part,))
    if any(lo <= m.start and m.end <= hi and m.layer != part.layer and m not in group
           for m in _named_in_sentence(reader, cue)):
        out.append("past_a_part")
    elif reader.clauses[part.start] == reader.clauses[cue.start] \
            and hi - lo > reader.rules["guesses"]["doubt"]["reach"]:
        out.append("distant")
    if part.layer != reader.whole and _song_between(reader, part, cue):
        out.append("past_the_song")
    return tuple(out)


def _song_between(reader, part, cue) -> bool:
    """The song named as a subject between a part and its problem words, in their clause
    ("the orchestra that the recording is awash in reverb"): the words may be about the
    song. Not the song as a place ("in the mix") or as a part's compound ("vocal track")."""
    lo, hi = (part.end, cue.start) if part.start < cue.start else (cue.end, part.start)
    parts = {m.end for m in reader.mentions if m.layer and m.layer != reader.whole}
    return any(m.layer == reader.whole and lo <= m.start and m.end <= hi
               and reader.clauses[m.start] == reader.clauses[cue.start]
               and m.start not in parts   # "the vocal track": the part's own compound
               and not _placed(reader, m) for m in reader.mentions)


DOUBTS = ("context", "relation", "direction", "part_in_words", "voiceless", "implied",
          "carried", "beside_the_song", "compound", "past_a_part", "past_the_song", "distant")
"""What makes a reading doubtful: its problem changed by a context word outside its clause,
or left as it is though the message names that context elsewhere ("context"); a level
reading said through a relation with another part in its clause, not in plain level words
("the guitars bury the vocal"), or a masking reading ("relation": [guesses.near]); a level
reading made with a verb whose direction is unclear in a wish or advice ("the vocal should
sit back"), or with a verb of request telling of the change ("direction"); its problem words
naming another part themselves ("excessive bass": "part_in_words"); the music under the
vocal in a message that names no voice, where "the music" may be the whole song ("the game
music volume varies between tracks": "voiceless"); its part made from
the problem word or the song's "it" while the sentence names a part ("implied"), taken
from another sentence ("carried"), reached past another part ("past_a_part"), or more
than `reach` words from the problem words in their clause ("distant"); the whole song read
where its clause names a part, or where the song is only a place ("doesn't hold enough
weight in the mix") and the message names a part ("beside_the_song"); its part named
right after another part, as one compound ("the overhead drum mics": "compound"); the song
named as a subject between its part and its problem words ("past_the_song")."""


_PART_DOUBTS = frozenset(("implied", "carried", "past_a_part", "past_the_song", "distant"))
_PART_PROBLEMS = frozenset(WHOLE_SONG_PROBLEMS) - {"tonal_balance"}
"""Problems a whole-song reading's words can name of a part (a tone said of the song only
as 'tonal balance' names none)."""


def _part_in_words(reader, item) -> tuple[str, str] | None:
    """A part the problem words end on ("excessive bass", "too much reverb", "needs more
    bass") in a reading of the whole song or a group of parts, with what it would mean of
    that part: too loud for words of excess, too quiet for words of lack."""
    rule = reader.rules["guesses"]["doubt"]
    cue = item.cue
    named = item.layer_mention.layer if item.layer_mention else item.layer
    if named != reader.whole and named not in rule["groups"]:
        return None
    phrases = reader.vocab.layer_phrases
    start = next((i for i in range(cue.start + 1, cue.end)
                  if tuple(reader.words[i:cue.end]) in phrases), None)
    if start is None or reader.words[start - 1] in reader.sets["prepositions"]:
        return None
    layer = phrases[tuple(reader.words[start:cue.end])]
    if layer in (item.layer, reader.whole):
        return None
    said = item.said or item.problem
    problem = "too_loud" if said in rule["excess"] else "too_quiet" if said in rule["lack"] \
        else None
    return (layer, problem) if problem else None


def _parts_beside_whole(reader, item) -> list:
    """The parts a whole-song reading may be about, nearest first: those named in the clause
    of its problem words ("recordings suffering from brittle-sounding cymbals"), or, when
    the song is only a place ("... in the mix") or the song's "it", those its sentence
    names, else the part the message named last before it ("The ride is fine. But it
    doesn't carry enough weight in the mix.")."""
    part, cue, whole = item.layer_mention, item.cue, reader.whole
    if part.layer != whole:
        return []
    named = sorted((m for m in _named_in_sentence(reader, cue) if m.layer != whole),
                   key=lambda m: abs(m.start - cue.start))
    beside = [m for m in named if reader.clauses[m.start] == reader.clauses[cue.start]]
    if beside or (part in reader.mentions and not _placed(reader, part)):
        return beside
    if named:
        return named
    earlier = reader.named([m for m in reader.mentions
                            if m.layer and m.layer != whole and m.end <= cue.start])
    return [m for m in earlier if not reader.is_denied(m)][-1:]


def _modifier(reader, part):
    """Another part named right before the reading's, as one compound ("the overhead
    drum mics", "choir instruments"): the words may be about either."""
    if part is None or part not in reader.mentions:
        return None
    return next((m for m in reader.mentions if m.layer and m.end == part.start
                 and m.layer not in (part.layer, reader.whole) and not reader.is_denied(m)),
                None)


def _placed(reader, part) -> bool:
    """A part named after a preposition ("in the mix"): a place, not the subject."""
    k = part.start - 1
    while k >= 0 and reader.words[k] in reader.sets["determiners"]:
        k -= 1
    return k >= 0 and reader.words[k] in reader.sets["prepositions"]


def _plain(reader, item) -> bool:
    """The reading's problem words, or the few words after them in their clause, say its
    level plainly ("too loud", "quieter than", "turned down so low")."""
    plain = {stem(w) for w in reader.rules["guesses"]["near"]["plain"]}
    cue = item.cue
    end = cue.end
    while end < min(cue.end + 3, len(reader.words)) \
            and reader.clauses[end] == reader.clauses[cue.start]:
        end += 1
    return bool(plain & set(reader.keys[cue.start:end]))


def _related(reader, item) -> bool:
    """A level reading said through a relation with another part named in its clause
    ("the guitars bury the vocal"), or a masking reading: close to the near readings
    of [guesses.near] relation."""
    problem = item.problem
    if item.layer == reader.whole or problem not in reader.rules["guesses"]["near"]["relation"]:
        return False
    return problem == "masking" or (not _plain(reader, item) and not _heard_directly(
        reader, item) and bool(_other_parties(reader, item)))


def _heard_directly(reader, item) -> bool:
    """A part hard to hear named as the object right after its words, with no masker after
    it in its clause ("I can barely hear the keys and the vocal never rises above the
    drums"): said of that part plainly, whoever else the clause names; "I can barely hear
    the keys over the vocal" sets them against the vocal."""
    cue, part = item.cue, item.layer_mention
    if not cue.cue.object_after or item.problem != reader.rules["voice"]["passive"] \
            or part is None or part.start < cue.end:
        return False
    k = cue.end
    while k < part.start and reader.words[k] in reader.sets["determiners"]:
        k += 1
    if k != part.start:
        return False
    rule = reader.rules["guesses"]["doubt"]
    clause, maskers = reader.clauses[cue.start], set(reader.rules["grammar"]["maskers"])
    k = part.end
    while k < min(part.end + rule["masker_reach"], len(reader.words)) \
            and reader.clauses[k] == clause and reader.words[k] not in reader.sets["joins"]:
        if reader.words[k] in maskers:
            return False
        k += 1
    return True


def _unclear_direction(reader, item) -> bool:
    """A level reading made with a verb whose direction is unclear ("sits", "pokes") in
    a wish or advice ("the vocal should sit back"), with no comparison saying which way; or
    with a verb of request said neither as a wish nor as an order, which may tell of the
    change made ("the guitarist will crank up his amp", "the bass is heavily boosted")."""
    near = reader.rules["guesses"]["near"]
    levels = {k for k, v in near["relation"].items() if v.get("other")}
    if item.layer == reader.whole or item.problem not in levels or _plain(reader, item):
        return False
    cue = item.cue
    keys = set(reader.keys[cue.start:cue.end])
    clause = reader.clauses[cue.start]
    before = reader.words[reader.clause_start[clause]:cue.start]
    wishes = set(near["wishes"])
    if keys & {stem(w) for w in near["unclear_direction"]}:
        return bool(set(before + reader.words[cue.start:cue.end]) & wishes) \
            and not set(reader.clause_list(clause)) & set(near["compared"])
    if not keys & {stem(w) for w in near["requests"]}:
        return False
    lo, _ = reader.sentence_span[reader.sentences[cue.start]]
    if set(reader.words[lo:cue.end]) & wishes:
        return False   # "the vocal could be brought up", "... and the bass turned down"
    if not before or before[-1] in near["openers"]:
        return False   # an order: "turn up the vocal", "please bring up the vocal"
    k = len(before) - 1
    while k >= 0 and (before[k] in reader.sets["be_between"] or before[k].endswith("ly")):
        k -= 1
    return not (k >= 0 and before[k] in reader.sets["be"])   # a state: "is heavily boosted"


def _other_parties(reader, item) -> list:
    """The other parts named in the clause of a reading's problem words, nearest first:
    not its own part, the whole song, a part listed with it ("the bass and drums"), for
    words said against a rival a part before them, or parts after them past a join word
    ([grammar] joins) with no part between."""
    cue, part = item.cue, item.layer_mention
    group = reader.groups.get(part, (part,)) if part is not None else ()
    clause = reader.clauses[cue.start]
    others = [m for m in _named_in_sentence(reader, cue)
              if reader.clauses[m.start] == clause and m.layer not in (item.layer, reader.whole)
              and m not in group
              # words said against a rival ("never rises above the drums") name it after them
              and not (cue.cue.part_after and m.start < cue.end)]
    after = [m for m in others if m.start >= cue.end]
    joins = reader.sets["joins"]
    # a part inside the words ("buried under the guitars and the keys") starts a list
    inside = any(cue.start <= m.start < cue.end for m in others)
    if after and not inside and joins & set(reader.words[cue.end:min(m.start for m in after)]):
        # "the vocal is buried and the guitars and keys are fighting": the sentence has
        # moved on to other parts, which are no party to the words before
        others = [m for m in others if m.start < cue.end]
    if part is not None and part in reader.mentions:
        # ... nor are parts said before the subject and joined to it ("the vocal is buried
        # and the guitars and keys are fighting" sets only the guitars and keys at odds)
        subject = min(m.start for m in group)
        others = [m for m in others if not (m.end <= subject
                                            and joins & set(reader.words[m.end:subject]))]
    return sorted(others, key=lambda m: abs(m.start - cue.start))


def _lean(reader, layer: str) -> str:
    """The level way a part's [guesses.priors] lean: too quiet or too loud."""
    return next((p for p in reader.rules["guesses"]["priors"].get(layer, ())
                 if p in ("too_quiet", "too_loud")), "too_quiet")


def _named_in_sentence(reader, cue) -> list:
    sentence = reader.by_sentence.get(reader.sentences[cue.start], [])
    return [m for m in reader.named([m for m in sentence if m.layer])
            if m.layer and not reader.is_denied(m)]


def alternatives(reader, readings, contradicted=()) -> tuple[Guess, ...]:
    """Beside each doubtful reading (index in the intents, the reading), the closest other
    readings of the same words: the problem as its own words said it (for "context"), the
    other parties of a relation the other way round and the part's masking (or a masking
    part's level), the other direction, and for a doubtful part the same problem
    on the other parts its sentence names, nearest first, and the whole song for a part
    carried or reached from afar."""
    rules = reader.rules["guesses"]
    offers = _Offers(reader)
    taken = {(item.layer, item.problem) for _, item in readings}
    index = {id(item): i for i, item in readings}
    for aside, kept in contradicted:   # the request a description of the part outweighed
        if id(kept) in index:
            offers.offer(aside.layer, aside.problem,
                         reader.evidence(aside.cue, aside.layer_mention), rules["alternative"],
                         index[id(kept)])
    for index, item in readings:
        kinds = doubts(reader, item)
        if not kinds:
            continue
        cue, said = item.cue, item.said or item.problem
        if item.layer == reader.rules["reverb_on_part"]["layer"]:
            said = item.problem   # the reverb's problem said of a part is that part's reverb
        evidence = reader.evidence(cue, item.layer_mention)
        score = rules["alternative"]
        if "context" in kinds:
            mono = reader.rules["mono_context"]["problem"]
            offers.offer(item.layer, cue.cue.problem if item.said == mono else mono, evidence,
                         score, index)
            score -= rules["step"]
        if "part_in_words" in kinds:
            layer, problem = _part_in_words(reader, item)
            offers.offer(layer, problem, evidence, score, index)
            score -= rules["step"]
        if "voiceless" in kinds:   # "the music" with no voice to be under: the song, or
            # the music itself where its fault was read as the song's ([music_as_song])
            voiceless = reader.rules["guesses"]["doubt"]["voiceless"]
            other = voiceless["layer"] if item.layer == reader.whole else reader.whole
            offers.offer(other, said, evidence, score, index)
            score -= rules["step"]
        if "relation" in kinds:   # the other party the other way round, the part's masking
            near = rules["near"]["relation"][item.problem]
            others = _other_parties(reader, item)
            if near.get("other"):
                for other in others:
                    offers.offer(other.layer, near["other"], reader.evidence(cue, other),
                                 score, index)
                    score -= rules["step"]
            both = [m for m in (item.layer_mention, cue, *others[:1]) if m is not None]
            offers.offer(item.layer, _lean(reader, item.layer) if near["same"] == "lean"
                         else near["same"], reader.evidence(_Span(
                             min(m.start for m in both), max(m.end for m in both)), None),
                         score, index)
            score -= rules["step"]
        if "direction" in kinds:   # the same part the other way
            other_way = rules["near"]["relation"][item.problem]["other"]
            offers.offer(item.layer, other_way, evidence, score, index)
            score -= rules["step"]
        if "beside_the_song" in kinds and said in _PART_PROBLEMS:
            for m in _parts_beside_whole(reader, item):
                offers.offer(m.layer, said, reader.evidence(cue, m), score, index)
                score -= rules["step"]
        if "compound" in kinds:   # the part the compound's first word names
            modifier = _modifier(reader, item.layer_mention)
            offers.offer(modifier.layer, said, reader.evidence(cue, modifier), score, index)
            score -= rules["step"]
        if not set(kinds) & _PART_DOUBTS:
            continue
        others = sorted((m for m in _named_in_sentence(reader, cue) if m.layer != item.layer),
                        key=lambda m: abs(m.start - cue.start))
        seen = set()
        for m in others:
            if m.layer not in seen:
                seen.add(m.layer)
                offers.offer(m.layer, said, reader.evidence(cue, m), score, index)
                score -= rules["step"]
        if item.layer != reader.whole and set(kinds) & {"carried", "distant", "past_the_song"}:
            offers.offer(reader.whole, said, reader.evidence(cue, None), score, index)
    return offers.ranked(rules["alternatives_most"], leave_out=taken)


def guesses(reader, vague: bool) -> tuple[Guess, ...]:
    """What a message with no found intent may mean, best first; none when nothing in it
    is about a complaint (praise, narration, a question about the music)."""
    rules = reader.rules["guesses"]
    whole = reader.whole
    offers = _Offers(reader)
    offer = offers.offer
    signalled: set[int] = set()   # sentences holding something a complaint is made of
    complaining = reader.vocab.judgements | set(rules["wants"])
    able = set(rules["able"])   # "you could still feel the kick": an ability, no wish
    # advice or an arrangement: no judgement outside its frame (the "off" of "kicks off")
    frames = {s for s in set(reader.sentences) if framed(reader, s)}
    judged = {reader.sentences[i] for i, w in enumerate(reader.words)
              if w in complaining and not reader.negated_at(i)
              and not reader.is_praise(reader.clauses[i])
              and not (w in rules["wants"] and set(reader.words[i + 1:i + 3]) & able)}
    judged = (judged | reader.apart_alone) - frames   # "the vocal doesn't sit in the mix"
    # a short judgement naming nothing judges the sentence before it ("... the reverb was
    # added for an epic feel. Annoying.")
    judged |= {s - 1 for s in judged if s - 1 >= 0 and s - 1 not in frames
               and not reader.sentence_parts.get(s)
               and _words_in(reader, s) <= rules["bare_mention"]}
    praised = {s for s in set(reader.sentences) if praises(reader, s)} - judged | frames

    def at(i: int, layer: str, problem: str, evidence: str, score: float) -> None:
        signalled.add(reader.sentences[i])
        offer(layer, problem, evidence, score)

    for cue in (m for m in reader.mentions if m.cue):
        if reader.negated_at(cue.start) or reader.is_praise(reader.clauses[cue.start]) \
                or out_of_scope(reader, cue):
            continue
        part = reader.nearest_part(cue)
        problem, score = cue.cue.problem, rules["set_aside"]
        mono = reader.rules["mono_context"]["problem"]
        if cue.cue.mono_sensitive and reader.in_mono_context(cue):   # as the reading would
            problem = mono
        elif cue.cue.mono_sensitive and set(reader.words) & reader.mono_words:
            # mono named in another sentence of the message: maybe what vanishes there
            at(cue.start, part.layer if part else whole, mono, reader.evidence(cue, part),
               score - rules["step"])
        if cue.cue.denied_quality and not set(
                reader.words[max(cue.start - 3, 0):cue.start]) & set(rules["denials"]):
            # a quality said plainly ("the bass is punchy") is no complaint, but a level
            # one ("the pads sit on top of the vocal") may say the part is over the top
            problem = rules["plain_quality"].get(problem)
            score = rules["graded"]
            if problem is None or reader.sentences[cue.start] in praised:
                continue
        at(cue.start, part.layer if part else whole, problem, reader.evidence(cue, part),
           score)
    for i, token in enumerate(reader.tokens):
        word = reader.words[i]
        if reader.covered[i] or len(word) < reader.vocab.fuzzy_min_length or \
                word in reader.vocab.known_words or word in reader.vocab.never_correct \
                or word in reader.rules["scope"]["mood"]["words"] \
                or reader.negated_at(i) or reader.is_praise(reader.clauses[i]):
            continue   # words of mood are known; praise says nothing wrong, a denial nothing
        match = process.extractOne(word, reader.vocab.fuzzy_cues,
                                   scorer=OSA.normalized_similarity,
                                   score_cutoff=rules["near_miss_cutoff"] / 100.0)
        if match is not None:
            part = reader.nearest_part_at(i)
            problem = reader.vocab.cue_phrases[(match[0],)].problem
            at(i, part.layer if part else whole, problem, token.raw,
               rules["near_miss"] * match[1])
    # a word that names a problem only when graded ("the vocal is dark") is weak evidence
    graded = grammar().graded
    for start, end in find(reader.words, grammar().indexes["graded"]):
        problem = graded[tuple(reader.words[start:end])]
        if reader.covered[start] or reader.negated_at(start) \
                or reader.is_praise(reader.clauses[start]) \
                or reader.sentences[start] in praised \
                or told_not_mixed(reader, start, end, problem):
            continue
        part = reader.nearest_part_at(start)
        at(start, part.layer if part else whole, problem,
           reader.evidence(_Span(start, end), part), rules["graded"])
    _level_words(reader, at, praised)
    # a bare mention says nothing else about its part: a sentence of a few words with no
    # problem word and no praise ("what about the snare", "the guitars!")
    single = {p[0] for p in reader.praise if len(p) == 1}
    bare = {s for s, (lo, hi) in reader.sentence_span.items()
            if hi - lo <= rules["bare_mention"]
            and not any(m.cue for m in reader.by_sentence.get(s, []))
            and not set(reader.words[lo:hi]) & single}
    mood = reader.rules["scope"]["mood"]
    mood_words = set(mood["words"]) | set(mood["performance"])
    moody = {reader.sentences[i] for i, w in enumerate(reader.words) if w in mood_words}
    for part in reader.complaint_parts():
        kind, words = ("", None) if reader.sentences[part.start] in praised \
            else _described(reader, part, moody)
        evidence = reader.evidence(words or part, part if words else None)
        if kind == "heard":   # heard with trouble: under the others, or lost among them
            for rank, problem in enumerate(rules["described"]["heard"]):
                offer(part.layer, problem, evidence, rules["level_score"] - rules["step"] * rank)
        if reader.sentences[part.start] in (signalled - praised) | judged | bare or kind:
            for rank, problem in enumerate(_priors(reader, part)):
                offer(part.layer, problem, evidence, rules["prior"] - rules["step"] * rank)
                on = _reverb_on(reader, part, problem)
                if on is not None:   # "a hall reverb might make the piano sound better"
                    offer(on.layer, problem, reader.evidence(part, on),
                          rules["prior"] - rules["step"] * rank)
    if vague:
        for rank, problem in enumerate(rules["vague_problems"]):
            offer(whole, problem, reader.text[:60], rules["vague"] - rules["step"] * rank)
    if not offers.out:
        _last_resort(reader, offer, praised | moody)
    return offers.ranked(rules["most"])


def _last_resort(reader, offer, quiet: set[int]) -> None:
    """Nothing read and nothing guessed, but a part named in a sentence about the sound ("it
    sounds like the kick and snare are whacking you in the face", "how do I make the vocal
    sit better?") outside praise, mood, advice, a story, an arrangement or a question that
    asks nothing to be made so: its usual problems, below any other guess."""
    rules = reader.rules["guesses"]
    about = reader.vocab.about_sound
    for part in reader.complaint_parts():
        sentence = reader.sentences[part.start]
        if part.layer == reader.whole or sentence in quiet or framed(reader, sentence):
            continue
        if not _asks_to_make(reader, sentence) and (
                _asked(reader, sentence) or not reader.sentence_words(sentence) & about):
            continue
        priors = _priors(reader, part)
        if told_not_mixed(reader, part.start, part.end, priors[0] if priors else ""):
            continue
        end, reach = part.end, rules["described"]["reach"]
        while end < len(reader.words) and end - part.end < reach \
                and reader.clauses[end] == reader.clauses[part.start]:
            end += 1
        if _reported(reader, part.end, end):
            continue
        for rank, problem in enumerate(priors):   # quoting the words said of the part
            offer(part.layer, problem, reader.evidence(_Span(part.start, end), None),
                  rules["last_resort"] - rules["step"] * rank)


def _asks_to_make(reader, sentence: int) -> bool:
    """"how do I make the vocal sit better?": the writer asks how to make their own part so
    ([desire] causatives, [guesses.own_requests] askers), which says the part is not so yet;
    "how did Rick Rubin get the bass so loud?" asks about someone's technique."""
    said = reader.sentence_words(sentence)
    return _asked(reader, sentence) and bool(
        said & set(reader.rules["desire"]["causatives"])
        and said & set(reader.rules["guesses"]["own_requests"]["askers"]))


def _priors(reader, part) -> tuple[str, ...]:
    """The part's usual problems ([guesses.priors]), its tone problems first when its
    clause names its tone ([guesses.described] tone_words)."""
    rules = reader.rules["guesses"]
    priors = tuple(rules["priors"].get(part.layer, ()))
    described = rules["described"]
    if not set(reader.clause_list(reader.clauses[part.start])) & set(described["tone_words"]):
        return priors
    tones = described["tone_problems"]
    return tuple(p for p in priors if p in tones) + tuple(
        p for p in tones if p not in priors) + tuple(p for p in priors if p not in tones)


def _words_in(reader, sentence: int) -> int:
    lo, hi = reader.sentence_span[sentence]
    return hi - lo


def _asked(reader, sentence: int) -> bool:
    """The sentence is a question ("what are your thoughts on the 808?", "do you have to
    rap within a bar")."""
    lo, hi = reader.sentence_span[sentence]
    end = reader.tokens[hi].start if hi < len(reader.tokens) else len(reader.text)
    return "?" in reader.text[reader.tokens[hi - 1].end:end] \
        or reader.words[lo] in reader.sets["question_starts"]


def _reverb_on(reader, part, problem: str):
    """The part a reverb's problem may be said of: the nearest other part its sentence
    names, for the problems a reverb has on a part ([reverb_on_part] problems)."""
    rule = reader.rules["reverb_on_part"]
    if part.layer != rule["layer"] or problem not in rule["problems"].values():
        return None
    others = [m for m in _named_in_sentence(reader, part) if m.layer != part.layer]
    return min(others, key=lambda m: abs(m.start - part.start), default=None)


def _described(reader, part, moody: set[int]) -> tuple[str, _Span | None]:
    """A part said to sound some way ("described": "the guitars sound papery", "the kick
    feels off") or one heard with trouble ("heard": "I'm having trouble hearing the bass",
    "the vocals are barely audible"), with the words that say so: a description the
    vocabulary may not know, so the part's usual problems are the closest readings.
    ("", None) when neither, or when the sentence is one of `moody` (holding words of mood
    or of the playing)."""
    rule = reader.rules["guesses"]["described"]
    words, clause = reader.words, reader.clauses[part.start]
    near = [k for k in range(max(part.start - rule["reach"], 0),
                             min(part.end + rule["reach"], len(words)))
            if reader.clauses[k] == clause and not part.start <= k < part.end]
    heard = [k for k in near if words[k] in rule["hearing"]]
    said = set(reader.clause_list(clause))
    if reader.sentences[part.start] in moody:
        return "", None   # "the lead guitar feels timid, apprehensive": the playing, not the mix
    if heard and not said & set(rule["trouble"]):
        if said & set(rule["untroubled"]):
            return "", None   # "the bass is clearly audible": heard without trouble
        heard = []            # "all I can hear is guitar": said of it, not heard with trouble
    if heard:
        return "heard", _Span(min(heard[0], part.start), max(heard[-1] + 1, part.end))
    verb = next((k for k in near if (k > part.start and words[k] in rule["verbs"]
                                      or words[k] in rule["hearing"])
                 and not reader.negated_at(k)), None)
    if verb is None and part.layer != reader.whole:
        verb = _graded_or_compound(reader, part, rule)
    if verb is None:
        return "", None
    verb = max(verb, part.start)
    end = verb + 1
    while end < len(words) and reader.clauses[end] == clause and end - verb <= rule["reach"]:
        end += 1
    if _reported(reader, verb + 1, end):
        return "", None
    return "described", _Span(part.start, end)


def _reported(reader, start: int, end: int) -> bool:
    """"the guitars felt wider", "the bass sounds fuller now": a known quality
    ([desire.comparatives]) said of how a part sounds reports it, it wishes nothing."""
    return bool(set(reader.words[start:end]) & set(reader.rules["desire"]["comparatives"]))


def _graded_or_compound(reader, part, rule) -> int | None:
    """Where a part is described by a word the vocabulary may not know: a form of "be"
    right after it with a word of degree ("the piano is oddly wallpapery", "the toms
    are kind of papery"), or a compound with one of `before` right before it
    ("wimpy-sounding drums")."""
    words, k = reader.words, part.end
    if k + 1 < len(words) and words[k] in rule["be"] and words[k + 1] in rule["degree"] \
            and not reader.negated_at(k + 1):
        return k
    k = part.start - 1
    while k >= 0 and words[k] in reader.sets["determiners"]:
        k -= 1
    return k if k >= 0 and words[k] in rule["before"] and not reader.negated_at(k) else None


def _level_words(reader, at, praised: set[int]) -> None:
    """Words about level with no grammatical link to a part ("the acoustic guitar is so far
    back", "the kick could use a few dB more", "the levels change"): the nearest part in
    the sentence (else the song) is too quiet or too loud, the direction the word leans
    first, and uneven when the sentence also says the level changes."""
    rules = reader.rules["guesses"]
    level = rules["level"]
    leans = {w: d for d in ("too_quiet", "too_loud") for w in level[d]}
    words = set(level["either"]) | set(leans)
    for i, word in enumerate(reader.words):
        if word not in words or reader.covered[i] or reader.negated_at(i) \
                or reader.is_praise(reader.clauses[i]) or reader.sentences[i] in praised \
                or told_not_mixed(reader, i, i + 1, leans.get(word, "too_quiet")):
            continue
        part = reader.nearest_part_at(i)
        layer = part.layer if part else reader.whole
        evidence = reader.evidence(_Span(i, i + 1), part)
        lo, hi = reader.sentence_span[reader.sentences[i]]
        score = rules["level_score"]
        if set(reader.words[lo:hi]) & set(level["uneven"]):
            at(i, layer, "inconsistent", evidence, score)
            score -= rules["step"]
        order = [p for p in rules["priors"].get(layer, ()) if p in ("too_quiet", "too_loud")]
        first = leans.get(word) or (order[0] if order else "too_quiet")
        second = "too_loud" if first == "too_quiet" else "too_quiet"
        at(i, layer, first, evidence, score)
        at(i, layer, second, evidence, score - rules["step"])
