"""Whether problem words are said of this mix as it is, where the clause rules cannot see
it: a sentence of praise describes, it does not complain; a level or tone word beside a
word of mood describes the music's mood; words after "the song is about" tell its story;
a sentence of general advice ("a good mix lets every part breathe") teaches, and one that
tells how the song unfolds ("it builds from a quiet piano intro") describes the arrangement.

The word lists are data (rules.toml [scope]); each gate carries examples and
counter-examples that run as tests.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from intents.grammar import find, grammar, indexed, starts_at
from intents.text import stem, words_of

if TYPE_CHECKING:
    from intents.parser import _Mention, _Reader

__all__ = ["framed", "out_of_scope", "praises", "told_apart", "told_not_mixed"]


def out_of_scope(reader: _Reader, cue: _Mention) -> bool:
    """Problem words that are no complaint about this mix as it is (see the gates)."""
    return (_freed(reader, cue) or reader.clauses[cue.start] in reader.trade_clauses
            or _done_by_outsider(reader, cue)
            or _of_a_thing(reader, cue) or _among_tones(reader, cue)
            or _of_nothing_heard(reader, cue) or _in_a_name(reader, cue)
            or _praised(reader, cue) or _heard_changed(reader, cue) or _aimed(reader, cue)
            or _either_way(reader, cue) or _admired(reader, cue) or _of_a_kind(reader, cue)
            or _caused(reader, cue) or _approved(reader, cue) or _where_heard(reader, cue)
            or _placed_nothing(reader, cue) or _undecided(reader, cue) or _intended(reader, cue)
            or _averted(reader, cue) or _said_approvingly(reader, cue) or _of_pitch(reader, cue)
            or _lessened(reader, cue)
            or told_not_mixed(reader, cue.start, cue.end, cue.cue.problem))


def told_apart(reader: _Reader, cue: _Mention) -> bool:
    """A masking cue ending in a verb of telling apart (rules.toml [contrast] perception)."""
    table = reader.rules["contrast"]
    said = reader.words[cue.start:cue.end]
    return cue.cue.problem == table["problem"] and any(
        tuple(said[-len(verb):]) == verb for verb in map(words_of, table["perception"]))


def _undecided(reader: _Reader, cue: _Mention) -> bool:
    """"hard to tell if it's my speakers or the mix": what the speaker cannot decide
    ([contrast] undecided after the verb), no sound."""
    return told_apart(reader, cue) and cue.end < len(reader.words) \
        and reader.words[cue.end] in reader.rules["contrast"]["undecided"]


def _freed(reader: _Reader, cue: _Mention) -> bool:
    """"a mud-free low end", "clip free", "distortion-less guitars": the problem word joined
    to one of [scope.freed] `suffixes` says the sound has none of it. A `hyphened` suffix
    counts only when a hyphen joins it ("the vocal sits less forward" is no "-less")."""
    rule = reader.rules["scope"]["freed"]
    k = cue.end
    if k >= len(reader.words) or reader.words[k] not in rule["suffixes"]:
        return False
    gap = reader.text[reader.tokens[k - 1].end:reader.tokens[k].start]
    return gap.strip() in ("-", "\u2010", "\u2011") or (
        not gap.strip() and reader.words[k] not in rule["hyphened"])


def _done_by_outsider(reader: _Reader, cue: _Mention) -> bool:
    """"my cat trampled my keyboard": one of [scope.agents] `agents` right before the problem
    words (at most one of `between` after it, in the same clause) does them, no part."""
    rule, words = reader.rules["scope"]["agents"], reader.words
    k = cue.start - 1
    if k >= 0 and words[k] in rule["between"]:
        k -= 1
    return k >= 0 and words[k] in rule["agents"] and reader.clauses[k] == reader.clauses[
        cue.start]


def _of_a_thing(reader: _Reader, cue: _Mention) -> bool:
    """"recorded in a small hall", "any metallic elements", "a loud crowd": a problem word
    right before one of [scope.things] `nouns` describes that thing, neither a part nor
    the sound, and so does one with a part between ("soft acoustic moments"); before one of
    `styles` ("a brash punk record") it describes the genre, unless one of `style_sounds`
    follows the noun or the style ("a harsh amp tone", "a muddy rock mix")."""
    rule, words = reader.rules["scope"]["things"], reader.words
    part = reader.part_at.get(cue.end)
    if any(k < len(words) and reader.clauses[k] == reader.clauses[cue.start]
           and words[k] in rule["nouns"] and not (
               k + 1 < len(words) and words[k + 1] in rule["style_sounds"])
           for k in (cue.end, part.end if part else -1) if k >= 0):
        return True
    k = cue.end
    if k >= len(words) or reader.clauses[k] != reader.clauses[cue.start]:
        return False
    return words[k] in rule["styles"] and not (
        k + 1 < len(words) and words[k + 1] in rule["style_sounds"])


def _of_nothing_heard(reader: _Reader, cue: _Mention) -> bool:
    """"it's been covered a lot", "poor choices of samples masked any tonal structure",
    "he's lost a bit of range": a verb of one part over another ([scope.relation] `verbs`,
    any form, read as one of `problems`) in a message naming no part, in a clause with no
    word of sound ([vague] about_sound or [scope.relation] `sound`), covers or loses
    something that is no sound.
    "It all sounds a bit lost" and "everything is masked" are said of the song."""
    rule = reader.rules["scope"]["relation"]
    if cue.cue.problem not in rule["problems"] or not set(
            reader.keys[cue.start:cue.end]) & _stems(tuple(rule["verbs"])) or any(
            m.layer for m in reader.mentions):
        return False
    clause = reader.clause_list(reader.clauses[cue.start])
    return not set(clause) & (reader.vocab.about_sound | set(rule["sound"]))


@cache
def _stems(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


def _among_tones(reader: _Reader, cue: _Mention) -> bool:
    """"the bass drum sounds deep and round and really, really loud", "punchy and really
    loud": a size ([scope.praise] `sized`, said by one of `sizes`) in a row of [scope.tones]
    `words` joined by "and" describes the part's sound, when no word of excess comes before
    it and nothing else in its sentence complains or turns."""
    rule = reader.rules["scope"]["tones"]
    if cue.cue.problem not in reader.rules["scope"]["praise"]["sized"] or reader.words[
            cue.end - 1] not in rule["sizes"]:
        return False
    sentence = reader.sentences[cue.start]
    words, (lo, hi) = reader.words, reader.sentence_span[sentence]
    if set(words[reader.clause_start[reader.clauses[cue.start]]:cue.end]) & set(
            reader.rules["scope"]["excess"]):
        return False
    row = set(rule["words"]) | set(rule["joins"]) | reader.sets["strong"]
    a, b = cue.start, cue.end
    while a > lo and words[a - 1] in row:
        a -= 1
    while b < hi and words[b] in row:
        b += 1
    if set(words[a:cue.start]) & set(reader.rules["scope"]["excess"]):
        return False
    toned = set(words[a:cue.start] + words[cue.end:b]) & set(rule["words"])
    return bool(toned) and not _turned(reader, sentence) and not any(
        m.cue and m is not cue and not a <= m.start < b
        for m in reader.by_sentence.get(sentence, []))


def _caused(reader: _Reader, cue: _Mention) -> bool:
    """"the reverb makes the snare sound bigger": a quality wished for, said as the effect
    of a causative verb with a subject, is no lack ([scope.caused])."""
    rule = reader.rules["scope"]["caused"]
    g = grammar()
    words = reader.words
    if not any((w,) in g.wished or w in rule["qualities"] for w in words[cue.start:cue.end]):
        return False
    clause = reader.clauses[cue.start]
    for k in range(cue.start - 1, max(cue.start - rule["reach"], 0) - 1, -1):
        if reader.clauses[k] != clause:
            return False
        if words[k] in rule["verbs"]:
            return k > 0 and reader.clauses[k - 1] == clause \
                and words[k - 1] not in g.causative_after
    return False


def _approved(reader: _Reader, cue: _Mention) -> bool:
    """"quieter than most modern records, which I love": the next clause of the sentence
    opens on a comment approving of what the problem words' clause says, or the next
    sentence is a bare verdict of praise ([scope.approved])."""
    rule = reader.rules["scope"]["approved"]
    if _praised_next(reader, reader.sentences[cue.start] + 1, rule):
        return True
    k = _clause_span(reader, reader.clauses[cue.start])[1]
    if k >= len(reader.words) or reader.sentences[k] != reader.sentences[cue.start]:
        return False
    lo = k
    while k < len(reader.words) and k - lo < rule["lead"] and reader.words[k] in rule["leading"]:
        k += 1
    if any(start in (lo, k) for start, _ in find(reader.words, indexed(
            tuple(rule["comments"])), lo, min(k + 1, len(reader.words)), starts_only=True)):
        return True
    return any(_fitting(reader.words, start, rule) for start in (lo, k))


def _praised_next(reader: _Reader, sentence: int, rule: dict) -> bool:
    """"…all over the shop. It's absolute class.": the next sentence is a bare verdict of
    praise on "it" or "that" ([scope.approved] verdicts)."""
    if sentence not in reader.sentence_span:
        return False
    lo, hi = reader.sentence_span[sentence]
    words = reader.words[lo:hi]
    k = 0
    while k < len(words) and k < rule["lead"] and words[k] in rule["leading"]:
        k += 1
    if words[k:k + 1] == [] or words[k] not in rule["verdict_subjects"] \
            or words[k + 1:k + 2] == [] or words[k + 1] not in rule["verdict_be"]:
        return False
    rest = words[k + 2:]
    while rest and rest[0] in rule["verdict_degree"]:
        rest = rest[1:]
    return len(rest) == 1 and rest[0] in rule["verdicts"]


def _fitting(words: list[str], k: int, rule: dict) -> bool:
    """"which suits the material", "it really works": a comment that the clause before fits."""
    if k >= len(words) or words[k] not in rule["fitting_subjects"]:
        return False
    k += 1
    while k < len(words) and words[k] in rule["fitting_manner"]:
        k += 1
    return k < len(words) and words[k] in rule["fitting"] and \
        words[k + 1:k + 2] != [rule["fitting_against"]]


def _intended(reader: _Reader, cue: _Mention) -> bool:
    """"the vocal is drenched in reverb on purpose": a sound said to be meant, in the problem
    words' clause or the one after, is a choice described ([scope.intended]); asked ("was
    that on purpose?") or denied ("surely not on purpose") it stays a complaint."""
    rule = reader.rules["scope"]["intended"]
    lo, hi = _clause_span(reader, reader.clauses[cue.start])
    if hi < len(reader.words) and reader.sentences[hi] == reader.sentences[cue.start]:
        hi += len(reader.clause_list(reader.clauses[hi]))
    s_lo = reader.sentence_span[reader.sentences[cue.start]][0]
    if _ends_in_question(reader, reader.sentences[cue.start]):
        return False
    return any(not set(reader.words[max(start - 2, s_lo):start]) & reader.negators
               for start, _ in find(reader.words, indexed(tuple(rule["meant"])), lo, hi))


def _said_approvingly(reader: _Reader, cue: _Mention) -> bool:
    """"the drums are refreshingly dry", "beautifully sparse and dry": a problem word qualified
    by an adverb of approval ([scope.approving] `adverbs`), with only other qualities and
    joiners between, describes a sound liked. Said in excess ("beautifully sung and way too
    quiet"), denied, or past a part or a verb of being, it complains."""
    rule = reader.rules["scope"]["approving"]
    words = reader.words
    excess = set(reader.rules["scope"]["excess"])
    if set(words[cue.start:cue.end]) & excess:
        return False
    lo = max(reader.clause_start[reader.clauses[cue.start]], cue.start - rule["reach"])
    parts = {k for m in reader.by_sentence.get(reader.sentences[cue.start], []) if m.layer
             for k in range(m.start, m.end)}
    for k in range(cue.start - 1, lo - 1, -1):
        if words[k] in rule["adverbs"]:
            return True
        if words[k] in excess or words[k] in reader.negators or words[k] in rule["stops"] \
                or k in parts:
            return False
    return False


def _of_pitch(reader: _Reader, cue: _Mention) -> bool:
    """"the 808 is tuned too low", "an octave too low", "in a key that's too low for him":
    a height said beside a word of pitch in its clause is the note, not the level
    ([scope.pitch]); one placed in the mix ("after the key change the vocal is way too low in
    the mix") keeps its level."""
    rule = reader.rules["scope"]["pitch"]
    said = set(reader.words[cue.start:cue.end])
    if said & set(rule["intonation"]):
        # "compressed flat" is a compression word; only flat or sharp alone can be a note
        return not said - set(rule["intonation"]) - set(rule["degree"]) and _out_of_tune(
            reader, cue, rule)
    if not said & set(rule["heights"]):
        return False
    clause_lo, clause_hi = _clause_span(reader, reader.clauses[cue.start])
    lo, hi = max(clause_lo, cue.start - rule["reach"]), min(clause_hi, cue.end + rule["reach"])
    return bool(find(reader.words, indexed(tuple(rule["words"])), lo, hi)) and not find(
        reader.words, indexed(tuple(rule["levels"])), clause_lo, clause_hi)


def _out_of_tune(reader: _Reader, cue: _Mention, rule: dict) -> bool:
    """"the vocal is a bit flat in the chorus", "she sings sharp", "pitchy and flat": flat or
    sharp said of a tuned part through a verb of being or singing (`sung`), or beside a word
    of tuning (`out_of_tune`), is intonation; "the vocal sounds flat", "the snare is sharp"
    and "way too sharp" stay a tone."""
    words = reader.words
    clause = reader.clauses[cue.start]
    lo, hi = _clause_span(reader, clause)
    if find(words, indexed(tuple(rule["out_of_tune"])), lo, hi):
        return True
    k = cue.start - 1
    while k >= lo and words[k] in rule["degree"]:
        k -= 1
    if k < lo or words[k] not in rule["sung"] or set(words[k:cue.end]) & set(
            reader.rules["scope"]["excess"]):
        return False
    part = max((m for m in reader.by_sentence.get(reader.sentences[cue.start], [])
                if m.layer and m.end <= k and reader.clauses[m.start] == clause),
               key=lambda m: m.start, default=None)
    return part is None and words[k] in rule["performed"] or (
        part is not None and part.layer in rule["tuned"])


def _lessened(reader: _Reader, cue: _Mention) -> bool:
    """"the crash cymbal is brighter and less distorted", "the vocal sounds less harsh than
    before": a problem word said to be less, after a verb of being (`stated`) or another
    comparative ([desire.comparatives]), tells of less of it ([scope.lessened]). Asked for
    ("less distortion on the snare please", "could be less harsh") it stays a wish; "no less
    harsh than" is as harsh."""
    if cue.cue.lack_frame or cue.cue.denied_quality:
        return False
    rule = reader.rules["scope"]["lessened"]
    words = reader.words
    lo = reader.clause_start[reader.clauses[cue.start]]
    k = next((j for j in range(cue.start, cue.end - 1) if words[j] in rule["words"]),
             cue.start - 1)   # the cue may hold it: "much less distortion" is one phrase
    rest = tuple(words[k + 1:cue.end])
    if k >= cue.start and not any(
            c is not None and c.problem == cue.cue.problem for c in (
                reader.vocab.cue_phrases.get(rest),
                reader.vocab.cue_keys.get(tuple(stem(w) for w in rest)))):
        return False   # "less brilliant" says a good quality is missing: dull
    return said_less(reader, k, lo)


def said_less(reader: _Reader, k: int, lo: int) -> bool:
    """Whether words[k] is a "less" stated of what follows it ([scope.lessened]): after a
    verb of being or another comparative, with degree words between ("the vocal sounds
    much less harsh", "brighter and less distorted"), not after `not_after` ("no less")."""
    rule = reader.rules["scope"]["lessened"]
    words = reader.words
    if k < lo or words[k] not in rule["words"]:
        return False
    k -= 1
    while k >= lo and words[k] in rule["degree"]:
        k -= 1
    return k >= lo and (words[k] in rule["stated"]
                        or words[k] in reader.rules["desire"]["comparatives"]) \
        and words[k] not in rule["not_after"]


def _averted(reader: _Reader, cue: _Mention) -> bool:
    """"automation keeps the vocal from getting buried", "a limiter stops peaks from
    clipping", "punch without making it clicky": a problem something keeps away is not
    there ([scope.averted]). Denied ("can't keep the vocal from getting buried") or asked
    ("how do I stop my bass from getting muddy?": asked for, it is there), it stays."""
    if cue.cue.lack_frame or cue.cue.denied_quality:
        return False
    rule = reader.rules["scope"]["averted"]
    words = reader.words
    s_lo = reader.sentence_span[reader.sentences[cue.start]][0]
    k = cue.start - 1
    while k >= s_lo and cue.start - k <= rule["reach"] and words[k] in rule["between"]:
        k -= 1
    if k < s_lo or reader.clauses[k] != reader.clauses[cue.start]:
        return False
    if words[k] == rule["from"]:
        v = next((j for j in range(k - 1, max(k - rule["reach"], s_lo) - 1, -1)
                  if words[j] in rule["verbs"]), None)
        if v is None or set(words[reader.clause_start[reader.clauses[v]]:v]) & reader.negators:
            return False
    elif words[k] not in rule["without"]:
        return False
    sentence = reader.sentences[cue.start]
    return not (_ends_in_question(reader, sentence) or _opens_asking(reader, sentence, rule))


def _opens_asking(reader: _Reader, sentence: int, rule: dict) -> bool:
    """The sentence opens on one of `asking` ("how do I…", "any tips for…")."""
    lo = reader.sentence_span[sentence][0]
    return any(tuple(reader.words[lo:lo + len(p)]) == p
               for p in (tuple(a.split()) for a in rule["asking"]))


def _clause_span(reader: _Reader, clause: int) -> tuple[int, int]:
    """Where a clause's words start and end."""
    lo = reader.clause_start[clause]
    return lo, lo + len(reader.clause_list(clause))


def _ends_in_question(reader: _Reader, sentence: int) -> bool:
    """The sentence ends in a question mark."""
    end = reader.tokens[reader.sentence_span[sentence][1] - 1].end
    return reader.text[end:end + 3].lstrip()[:1] == "?"


def _where_heard(reader: _Reader, cue: _Mention) -> bool:
    """"I mostly listen on my phone": a device named in a sentence that tells of listening
    tells where the song was heard, unless the sentence says something went wrong; and the
    part played on it is not the part that went wrong ([scope.devices]). Beside a level of
    the whole song, or its tone, with no part named, it says where that was heard."""
    rule = reader.rules["scope"]["devices"]
    if " ".join(reader.words[cue.start:cue.end]) not in rule["phrases"]:
        return False
    here = reader.by_sentence.get(reader.sentences[cue.start], [])
    song = set(rule["song_levels"]) | set(rule["song_tones"])
    if not any(m.layer and m.layer != reader.whole for m in here) and any(
            m.cue and m is not cue and m.cue.problem in song for m in here):
        return True   # "my mixes are so quiet in my car": the song's level, heard there
    played = next((m for m in reader.by_sentence.get(reader.sentences[cue.start], [])
                   if m.layer and m.end == cue.start), None)
    if played is not None and find(reader.words, indexed(tuple(rule["playing"])),
                                   max(played.start - 3, 0), played.start):
        return True
    lo, hi = reader.sentence_span[reader.sentences[cue.start]]
    if not find(reader.words, indexed(tuple(rule["playing"])), lo, hi):
        return False   # "on my phone it's all bass": a complaint until shown otherwise
    others = any(m.cue and m is not cue for m in reader.by_sentence.get(
        reader.sentences[cue.start], []))
    judged = any(w in reader.vocab.judgements and not reader.negated_at(k)
                 for k, w in enumerate(reader.words[lo:hi], lo))
    return not (others or judged)


def _placed_nothing(reader: _Reader, cue: _Mention) -> bool:
    """"there is traffic in the background": a place in the mix said where no part is named
    in the sentence and no song word in the clause ([scope.places])."""
    rule = reader.rules["scope"]["places"]
    if " ".join(reader.words[cue.start:cue.end]) not in rule["phrases"]:
        return False
    if any(m.layer for m in reader.by_sentence.get(reader.sentences[cue.start], [])):
        return False
    return not set(reader.clause_list(reader.clauses[cue.start])) & set(rule["song"])


def _of_a_kind(reader: _Reader, cue: _Mention) -> bool:
    """"Quiet songs like this one need a lighter touch", "Sabbath albums need space",
    "the lead vocal in rock music should be just loud enough": a need said of a kind of
    record ([scope.kind]: a bare plural of `kinds` with no determiner, a subject set by
    `like` words, or a part "in" a style of `music`) teaches what such records want; it
    says nothing of this mix. "The vocals need to be louder" names this mix's part. A
    clause that opens on its problem words ("..., haze and atmosphere") goes on with the
    list of the clause before it."""
    rule = reader.rules["scope"]["kind"]
    words = reader.words
    lo = reader.clause_start[reader.clauses[cue.start]]
    while lo == cue.start and lo > reader.sentence_span[reader.sentences[cue.start]][0]:
        lo = reader.clause_start[reader.clauses[lo - 1]]
    verb = next((k for k in range(lo, cue.end) if words[k] in rule["verbs"]), None)
    if verb is None or verb == lo:
        return False
    subject = words[lo:verb]
    if find(subject, indexed(tuple(rule["like"]))):
        return True
    if "in" in subject and subject[-1] in rule["music"]:
        return True
    return subject[-1] in rule["kinds"] and not set(subject) & (
        reader.sets["determiners"] | set(rule["not_generic"]))


def _admired(reader: _Reader, cue: _Mention) -> bool:
    """"how did they get the kick so punchy on that album?", "how does he get his vocals so
    upfront?": a question of how someone else ([scope.admired] `openers`, then a doer who
    is none of `askers`, then one of `verbs`) got a sound asks about their craft; it says
    nothing is wrong with this mix. "How do I get my vocal to sit on top?" asks for this
    mix and stays a wish."""
    rule = reader.rules["scope"]["admired"]
    words = reader.words
    lo, hi = reader.sentence_span[reader.sentences[cue.start]]
    if lo < hi and words[lo] in rule["leads"]:
        lo += 1
    for _, b in find(words, indexed(tuple(rule["openers"])), lo, lo + 1, starts_only=True):
        verb = next((k for k in range(b, min(b + rule["reach"] + 1, cue.start))
                     if words[k] in rule["verbs"]), None)
        if verb is not None and verb > b and not set(words[b:verb]) & set(rule["askers"]):
            return True
    return False


def _either_way(reader: _Reader, cue: _Mention) -> bool:
    """"how do I make the vocals louder or quieter?", "do I boost or cut the highs?",
    "make the vocal brighter or darker depending on the song": a change asked both ways at
    once ([scope.either] `pairs`, joined by "or") asks how, or which way; it says neither
    is wrong. Two parts each asked their own way ("the vocal louder, or the guitars
    quieter") are no pair: the words must stand side by side."""
    words = reader.words
    opposite: dict[str, set[str]] = {}
    for a, b in reader.rules["scope"]["either"]["pairs"]:
        opposite.setdefault(a, set()).add(b)
        opposite.setdefault(b, set()).add(a)
    for k in range(cue.start, cue.end):
        other = opposite.get(words[k], set())
        if (k + 2 < len(words) and words[k + 1] == "or" and words[k + 2] in other) or (
                k >= 2 and words[k - 1] == "or" and words[k - 2] in other):
            return True
    return False


def _aimed(reader: _Reader, cue: _Mention) -> bool:
    """"you want the vocal to sit on top", "you'll generally want your kick to be punchy":
    a generic "you" wanting a part in a state ([scope.advice] `aims`, then the part, then
    only `aim_between` words) teaches where parts should sit; it asks nothing of this mix.
    A comparative ("you want the vocal louder", "to sit more on top") or a hedge asks for a
    change, and stays a wish."""
    rule = reader.rules["scope"]["advice"]
    words = reader.words
    lo = reader.clause_start[reader.clauses[cue.start]]
    said = tuple(words[cue.start:cue.end])
    if said in grammar().comparatives or set(said) & set(rule["aim_changes"]):
        return False
    for _, b in find(words, indexed(tuple(rule["aims"])), lo, cue.start):
        part = reader.part_at.get(b) or reader.part_at.get(b + 1)
        if part is None or (part.start == b + 1 and words[b] not in reader.sets[
                "determiners"]):
            continue
        between = words[part.end:cue.start]
        if between and all(w in rule["aim_between"] for w in between):
            return True
    return False


def _reports_change(reader: _Reader, sentence: int) -> bool:
    """A sentence whose problem words all report a change heard ("the kick sounds punchier
    now") and that turns nowhere to a complaint offers no guesses, as praise does."""
    return _all_cues(reader, sentence, _heard_changed) and not _turned(reader, sentence)


def _judges_writing(reader: _Reader, sentence: int) -> bool:
    """A sentence whose problem words all judge how the music is written ("the guitar parts
    are boring") offers no guesses: its judgement is of the writing."""
    return _all_cues(reader, sentence, lambda r, m: _written(
        r, m.start, m.end, m.cue.problem))


def _all_cues(reader: _Reader, sentence: int,
              gate: Callable[[_Reader, _Mention], bool]) -> bool:
    cues = [m for m in reader.by_sentence.get(sentence, []) if m.cue]
    return bool(cues) and all(gate(reader, m) for m in cues)


def _heard_changed(reader: _Reader, cue: _Mention) -> bool:
    """"the kick sounds punchier now", "the bass sounded more full", "the kick had a lot
    more punch to it": a comparative that would read as a wish ([desire.comparatives], or
    "more" and a quality of [lack_frame.nouns]), said right after a verb of being or
    hearing ([scope.heard] `linking`, only `between` words between, none of `wishing`
    before it in its clause) or joined to a comparative so reported ("more full, also
    louder"), reports how the part is, often after a change; it asks for nothing. Before
    "than" it compares ("the hats are brighter than the snare"), and a report that names
    the problem itself ("the vocal is quieter in the chorus" reads as quieter, not as a
    wish for quieter) is no wish to begin with."""
    rule = reader.rules["scope"]["heard"]
    words = reader.words
    said = tuple(words[cue.start:cue.end])
    wish = grammar().comparatives.get(said)
    if wish is None and not (said[:1] == ("more",) and " ".join(said[1:]) in reader.rules[
            "lack_frame"]["nouns"]):
        return False
    if wish is not None and wish != cue.cue.problem:
        return False
    if cue.end < len(words) and words[cue.end] == "than":
        return False
    k = cue.start - 1
    while k >= 0 and words[k] in set(rule["between"]) | set(rule["joins"]) and reader.sentences[
            k] == reader.sentences[cue.start]:
        k -= 1
    before = next((m for m in reader.by_sentence.get(reader.sentences[cue.start], [])
                   if m.cue and m.end == k + 1 and k + 1 < cue.start), None)
    if before is not None and set(words[k + 1:cue.start]) & set(rule["joins"]):
        return _heard_changed(reader, before)   # "sounded more full, also louder"
    if k < 0 or words[k] not in rule["linking"] or reader.clauses[k] != reader.clauses[
            cue.start]:
        return False
    lo = reader.clause_start[reader.clauses[cue.start]]
    return not set(words[lo:k]) & set(rule["wishing"])


def told_not_mixed(reader: _Reader, start: int, end: int, problem: str) -> bool:
    """The words from start to end say how the music feels, what it tells or how it
    unfolds, teach mixing in general, describe the listener's gear or name a technique, not
    how this mix is: a mood ([scope.mood]), a story ([scope.story]), an arrangement
    ([scope.arrangement]), advice ([scope.advice]), gear ([scope.gear]) or a technique
    ([scope.technique]). Also asked by the guesses of level and tone words no rule read."""
    if problem not in reader.rules["scope"]["gear"]["kept"] and _gear(reader, start):
        return True
    if _technique(reader, end) or _recipe(reader, reader.sentences[start]):
        return True
    taught = _taught(reader, reader.sentences[start]) and not _overall(reader, start)
    if _excess(reader, start, end):
        return taught and _generic(reader, end)
    return (taught or _mood(reader, start, end, problem)
            or _story(reader, start) or _arranged(reader, start, problem)
            or _written(reader, start, end, problem))


def _generic(reader: _Reader, end: int) -> bool:
    """"common problems are thinking a master is too quiet": advice whose words up to `end`
    own nothing ([scope.advice] `owned`: "the", "my") speaks of any mix, even in excess;
    "bear in mind the snare is far too loud" judges this one."""
    lo = reader.sentence_span[reader.sentences[end - 1]][0]
    return not set(reader.words[lo:end]) & set(reader.rules["scope"]["advice"]["owned"])


def _recipe(reader: _Reader, sentence: int) -> bool:
    """"if the vocal is too quiet, raise the fader", "when the bass gets muddy, cut 250 Hz":
    a sentence opening on a condition ([scope.recipe] `conditions`, after an optional
    `leads` word) whose next clause opens on a remedy (`remedies`, or a generic "you" and
    one of `you_then`) teaches what to do when a problem comes up; neither the condition
    nor the remedy says how this mix is. A condition naming no problem ("when the chorus
    comes in, turn the vocal up") or followed by anything else ("if they sound weak, it's
    time to get to work") leaves the sentence its complaint."""
    def compute() -> bool:
        rule = reader.rules["scope"]["recipe"]
        words = reader.words
        lo, hi = reader.sentence_span[sentence]
        if lo < hi and words[lo] in rule["leads"]:
            lo += 1
        if lo >= hi or words[lo] not in rule["conditions"]:
            return False
        k = next((k for k in range(lo + 1, hi) if reader.clauses[k] != reader.clauses[lo]),
                 None)
        while k is not None and k < hi and words[k] in rule["leads"]:
            k += 1
        if k is None or k >= hi or reader.text[reader.tokens[k - 1].end:
                                               reader.tokens[k].start].strip() != ",":
            return False
        if not any(m.cue and not m.cue.denied_quality and lo <= m.start < k
                   for m in reader.by_sentence.get(sentence, [])):
            return False   # "when the chorus comes in, turn the vocal up" asks for this mix
        return words[k] in rule["remedies"] or (
            words[k] == "you" and k + 1 < hi and words[k + 1] in rule["you_then"])
    return _memo(reader, ("recipe", sentence), compute)


def _technique(reader: _Reader, end: int) -> bool:
    """"more compression or volume automation", "careful gain staging": a level word joined
    to one of [scope.technique] `names` (nothing but a space or a hyphen between) names the
    technique, not a level."""
    if end >= len(reader.words) or reader.words[end] not in reader.rules["scope"][
            "technique"]["names"]:
        return False
    return reader.text[reader.tokens[end - 1].end:reader.tokens[end].start] in (" ", "-")


def _gear(reader: _Reader, start: int) -> bool:
    """"these headphones are dull and lifeless", "the speakers ... They were a bit dull":
    problem words in a sentence whose subject is a playback device ([scope.gear] `devices`
    in its first `reach` words, with none of `listening` just before: "on my phone the
    bass vanishes" is about the mix), or one of `carried` pointing back to a sentence
    naming a device and no part, describe the gear, unless a part is named before them
    (outside a device's name: "a bass boost" is a control, no part; "the sound" of
    `own_sound` is the gear's). Its level and faults
    ([scope.gear] `kept`) may be the mix's: "my speakers are too quiet even at full
    volume"."""
    sentence = reader.sentences[start]
    lo = reader.sentence_span[sentence][0]
    return _geared(reader, sentence) and not any(
        lo <= m.start < start for m in _mix_parts(reader, sentence))


def _mix_parts(reader: _Reader, sentence: int) -> list[_Mention]:
    """The parts a sentence about gear names, but those in a device's name ("a bass boost"
    is a control) and the whole song as the gear's own sound ([scope.gear] `own_sound`)."""
    rule = reader.rules["scope"]["gear"]
    lo, hi = reader.sentence_span[sentence]
    gear = find(reader.words, indexed(tuple(rule["devices"])), lo, hi)
    own = set(rule["own_sound"]) | reader.sets["determiners"]
    return [m for m in reader.by_sentence.get(sentence, []) if m.layer and not any(
        a <= m.start < b for a, b in gear) and not set(reader.words[m.start:m.end]) <= own]


def _in_a_name(reader: _Reader, cue: _Mention) -> bool:
    """"a bass boost", "the loudness switch": problem words inside the name of the gear's
    control ([scope.gear] `devices`) name it; they say nothing of the mix."""
    return any(a <= cue.start and cue.end <= b for a, b in find(
        reader.words, indexed(tuple(reader.rules["scope"]["gear"]["devices"])),
        max(cue.start - 3, 0), cue.end))


def _geared(reader: _Reader, sentence: int) -> bool:
    def compute() -> bool:
        rule = reader.rules["scope"]["gear"]
        lo, hi = reader.sentence_span[sentence]
        if _names_device(reader, lo, min(lo + rule["reach"], hi)):
            return True
        if reader.words[lo] not in rule["carried"] or sentence == reader.sentences[0]:
            return False
        before = reader.sentences[lo - 1]
        return _names_device(reader, *reader.sentence_span[before]) and not any(
            m.layer for m in reader.by_sentence.get(before, []))
    return _memo(reader, ("gear", sentence), compute)


def _names_device(reader: _Reader, lo: int, hi: int) -> bool:
    """One of [scope.gear] `devices` between lo and hi, no listening word up to `reach`
    words before it ("on my studio headphones"), or one of `placed` (where the gear is put)."""
    rule = reader.rules["scope"]["gear"]
    found = find(reader.words, indexed(tuple(rule["devices"])), lo, hi)
    return any(not set(reader.words[max(a - rule["reach"], 0):a]) & set(rule["listening"])
               for a, _ in found) or bool(find(reader.words, indexed(tuple(rule["placed"])),
                                               lo, hi))


def _excess(reader: _Reader, start: int, end: int) -> bool:
    """One of [scope] `excess` before or in the problem words, standing as a word of its
    own: the "over" of "over-compressing" is part of the problem word, no excess."""
    excess = set(reader.rules["scope"]["excess"])
    return any(reader.words[k] in excess and reader.text[
        reader.tokens[k].end:reader.tokens[k].end + 1] != "-"
        for k in range(max(start - 2, 0), end))


def framed(reader: _Reader, sentence: int) -> bool:
    """The sentence teaches mixing in general ([scope.advice]), tells how the song unfolds
    ([scope.arrangement]) or describes the listener's gear and names no part
    ([scope.gear]): the guesses offer nothing from it, as from praise."""
    return _taught(reader, sentence) or _unfolds(reader, sentence) or _recipe(
        reader, sentence) or _reports_change(reader, sentence) or _judges_writing(
        reader, sentence) or (
        _geared(reader, sentence) and not _mix_parts(reader, sentence))


def _taught(reader: _Reader, sentence: int) -> bool:
    """"a good mix lets every part breathe", "bear in mind that over-compressing your mix
    makes it sound thin": a sentence holding one of [scope.advice] `teaching` teaches
    mixing in general, it judges no mix."""
    advice = reader.rules["scope"]["advice"]
    return _memo(reader, ("taught", sentence), lambda: _framed(
        reader, sentence, advice["teaching"], frozenset(advice["listed"])))


def _overall(reader: _Reader, start: int) -> bool:
    """"it was just too loud, in general": each teaching phrase of the sentence is one of
    [scope.advice] `overall` and comes after the problem words: it sums the judgement up,
    it teaches nothing."""
    advice = reader.rules["scope"]["advice"]
    lo, hi = reader.sentence_span[reader.sentences[start]]
    found = find(reader.words, indexed(tuple(advice["teaching"])), lo, hi)
    overall = {words_of(p) for p in advice["overall"]}
    return bool(found) and all(
        a > start and tuple(reader.words[a:b]) in overall for a, b in found)


def _unfolds(reader: _Reader, sentence: int) -> bool:
    """"the song builds from a quiet piano intro": a sentence holding one of
    [scope.arrangement] `course` tells how the song unfolds."""
    return _memo(reader, ("unfolds", sentence), lambda: _framed(
        reader, sentence, reader.rules["scope"]["arrangement"]["course"]))


def _framed(reader: _Reader, sentence: int, phrases: list[str],
            listed: frozenset[str] = frozenset()) -> bool:
    """The sentence holds one of `phrases`, and no contrast, judgement or wanting word
    outside them but `listed` (the "off" of "kicks off" judges nothing; see
    _frame_turns)."""
    lo, hi = reader.sentence_span[sentence]
    found = find(reader.words, indexed(tuple(phrases)), lo, hi)
    framing = {k for a, b in found for k in range(a, b)}
    return bool(found) and not {w for k, w in enumerate(reader.words[lo:hi], lo)
                                if k not in framing} & (_frame_turns(reader) - listed)


def _frame_turns(reader: _Reader) -> set[str]:
    """What turns a frame of advice or arrangement into a complaint: a contrast proper
    ([scope.praise] `turns`: "but", "unfortunately"), a judgement or a wanting word. Words
    of time ("when", "then", "once") tell when, as advice and arrangement often do ("a
    common mistake is boosting the bass when the kick is thin")."""
    return set(reader.rules["scope"]["praise"]["turns"]) | reader.vocab.judgements | set(
        reader.rules["guesses"]["wants"])


def _arranged(reader: _Reader, start: int, problem: str) -> bool:
    """"the song builds from a quiet piano intro", "the EP kicks off with a thin acoustic
    strum": a level or tone word ([scope.mood] `problems`) in a sentence that tells how the
    song unfolds is said of the arrangement, not of how it is mixed."""
    return problem in reader.rules["scope"]["mood"]["problems"] and _unfolds(
        reader, reader.sentences[start])


def _mood(reader: _Reader, start: int, end: int, problem: str) -> bool:
    """"quieter and more reflective than the rest of the album", "a dark, haunting song",
    "timid, apprehensive": a level or tone word beside one of [scope.mood] `words` or
    `performance` (within `reach`, in its sentence: a list of moods may hold commas) says
    how the music feels or is played, not how it is mixed."""
    rule = reader.rules["scope"]["mood"]
    if problem not in rule["problems"]:
        return False
    sentence = reader.sentences[start]
    words = set(rule["words"]) | set(rule["performance"])
    near = range(max(start - rule["reach"], 0), min(end + rule["reach"], len(reader.words)))
    return any(reader.sentences[k] == sentence and reader.words[k] in words for k in near)


def _written(reader: _Reader, start: int, end: int, problem: str) -> bool:
    """"the songs are dull, lifeless and don't really go anywhere", "the guitar parts are
    boring": a level or tone word ([scope.writing] `problems`) with a word of songwriting
    (`words`) within `reach` in its clause, or in the next clause when that one names no
    part of its own and opens on no contrast (it goes on about the same subject), judges
    how the music is written.
    A word of `judged` alone does too, unless its sentence speaks of a sound (`sounded`)."""
    rule = reader.rules["scope"]["writing"]
    if problem not in rule["problems"]:
        return False
    words = reader.words
    if set(words[start:end]) <= set(rule["judged"]) and not reader.sentence_words(
            reader.sentences[start]) & set(rule["sounded"]):
        return True
    clause = reader.clauses[start]
    lo = max(start - rule["reach"], reader.clause_start[clause])
    hi = end + rule["reach"]
    k = end
    while k < len(words) and reader.clauses[k] == clause:
        k += 1
    if k < len(words) and reader.sentences[k] == reader.sentences[start] and words[
            k] not in reader.rules["scope"]["praise"]["contrast"] and not any(
            m.layer for m in reader.by_clause.get(reader.clauses[k], [])):
        k += len(reader.clause_list(reader.clauses[k]))
    found = find(words, indexed(tuple(rule["words"])), lo, min(hi + 1, k), starts_only=True)
    return any(b <= start or a >= end for a, b in found)


def _story(reader: _Reader, start: int) -> bool:
    """"the song is about a relationship drowning in silence": problem words after one of
    [scope.story] `before` and `about` in their clause tell what the song is about, unless
    the mix or a part follows "about"."""
    rule = reader.rules["scope"]["story"]
    clause = reader.clauses[start]
    words = reader.words
    for k in range(reader.clause_start[clause] + 1, start):
        if words[k] == rule["about"] and words[k - 1] in rule["before"] \
                and not _amount_at(reader, k + 1, rule["amounts"]):
            return not any(m.layer and k < m.start < start
                           for m in reader.by_clause.get(clause, []))
    return False


def _amount_at(reader: _Reader, k: int, amounts: list[str]) -> bool:
    """A number ("10x", "3db") or one of `amounts` ("twice", "the same") starts at word k."""
    words = reader.words
    return k < len(words) and (words[k][:1].isdigit() or starts_at(words, amounts, k))


def _praised(reader: _Reader, cue: _Mention) -> bool:
    """The problem words describe, they do not complain: said in a sentence that says its
    praise ("the drums have a big, hollow sound that makes them feel massive and punchy",
    "crank this one up, it sounds huge") with no contrast, judgement or wanting word that
    would make part of it a complaint, not after a word of excess or a hedge ("a bit"), and
    in the praise's own clause when the problem words' clause names a part of its own
    ("sounds great, the hats are harsh" complains of the hats). A size said of a part
    ([scope.praise] `sized`) is praised by a clause opening on one of `opening` ("love the
    HUGE hats in the mix") or by a later clause pointing back to it."""
    sentence, clause = reader.sentences[cue.start], reader.clauses[cue.start]
    words, gushing = reader.words, reader.rules["scope"]["praise"]["gushing"]
    # "incredible, so warm and round": "so" before a graded word gushes, no excess
    before = {words[k] for k in range(max(cue.start - 3, 0), cue.end)
              if not (words[k] in gushing and tuple(words[k + 1:k + 2]) in grammar().graded)}
    if before & (set(reader.rules["scope"]["excess"]) | reader.sets["mild"]):
        return False
    if any(m.layer for m in reader.by_clause.get(clause, [])):
        start = reader.clause_start[clause]
        rule = reader.rules["scope"]["praise"]
        sized = cue.cue.problem in rule["sized"]
        return not _turned(reader, sentence) and (_praise_at(
            reader, start, start + len(reader.clause_list(clause)), True) or (sized and (
                reader.words[start] in rule["opening"] or _praised_back(
                    reader, clause, sentence))))
    return _sentence_praised(reader, sentence)


def _praised_back(reader: _Reader, clause: int, sentence: int) -> bool:
    """"HUGE hats in the mix, love it", "massive drums in the mix, they sound amazing": a
    later clause of the sentence that names no part of its own and praises points back to
    the size the clause before gave its part."""
    hi = reader.sentence_span[sentence][1]
    k = _clause_span(reader, clause)[1]
    while k < hi:
        later = reader.clauses[k]
        end = k + len(reader.clause_list(later))
        if not any(m.layer and reader.vocab.weak_layers.isdisjoint({m.layer})
                   for m in reader.by_clause.get(later, [])) and _praise_at(
                reader, k, end, said_only=False):
            return True
        k = end
    return False


_MEMO: WeakKeyDictionary = WeakKeyDictionary()
"""Per reader, what each sentence was found to be: a long sentence is read once, not once
for each of its problem words."""


def _memo(reader: _Reader, key: tuple, compute: Callable[[], bool]) -> bool:
    known = _MEMO.setdefault(reader, {})
    if key not in known:
        known[key] = compute()
    return known[key]


def _turned(reader: _Reader, sentence: int) -> bool:
    """The sentence holds a contrast, judgement or wanting word: part of it complains."""
    def compute() -> bool:
        lo, hi = reader.sentence_span[sentence]
        return bool(set(reader.words[lo:hi]) & _turns(reader))
    return _memo(reader, ("turned", sentence), compute)


def _turns(reader: _Reader) -> set[str]:
    """Contrast, judgement and wanting words: a sentence holding one complains in part."""
    return set(reader.rules["scope"]["praise"]["contrast"]) | reader.vocab.judgements | set(
        reader.rules["guesses"]["wants"])


def _sentence_praised(reader: _Reader, sentence: int) -> bool:
    return _memo(reader, ("praised", sentence), lambda: not _turned(reader, sentence)
                 and _praise_at(reader, *reader.sentence_span[sentence], True))


def praises(reader: _Reader, sentence: int) -> bool:
    """The sentence holds a word of praise, said of something or not ("crisp", "the nice
    guitar work"), not denied, and turns nowhere to a complaint (one of [scope.praise]
    `turns` not followed by a denial: "tight, but the guitars are overbearing" turns; "present
    but not overpowering" does not): its tone and level words may describe the sound."""
    lo, hi = reader.sentence_span[sentence]
    words = reader.words
    turns = set(reader.rules["scope"]["praise"]["turns"])
    if any(words[k] in turns and not set(words[k + 1:k + 3]) & reader.negators
           for k in range(lo, hi)):
        return False
    return _praise_at(reader, lo, hi, said_only=False)


def _praise_at(reader: _Reader, lo: int, hi: int, said_only: bool) -> bool:
    """A word of praise between lo and hi, not denied: said of something ("sounds great",
    "it sounds huge", "they nailed it") or, unless `said_only`, anywhere."""
    rule = reader.rules["scope"]["praise"]
    words = reader.words
    single = {p[0] for p in reader.praise if len(p) == 1}
    plain = set() if said_only else single | set(rule["plain"])
    said = single | set(rule["said"])
    after = reader.sets["praise_after"] | set(rule["said_by"])
    return any((words[k] in plain or (words[k] in said and k > lo and words[k - 1] in after))
               and not reader.negated_at(k) for k in range(lo, hi))
