"""Clause grammar that turns a wish, a piece of advice or a hedge into what it implies.

"The bass could be tighter", "I'd make the hats quieter", "how do I get the vocal to
sit on top", "if the kick were louder": a good quality or a comparative wished for
after an opener names the problem its absence means. "Not a fan of", "can't stand"
hold a negator that denies nothing. The tables are data (rules.toml [desire],
[negation] not_denying); this module only finds them in a message.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from intents.cache import cached
from intents.model import IntentError
from intents.text import clause_words, stem, words_of
from intents.vocabulary import PROBLEMS, Vocabulary, vocabulary

__all__ = ["Grammar", "Placement", "find", "frequency_at", "grammar", "index", "placed",
           "reported", "wish_opened"]

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Grammar:
    openers: frozenset[Phrase]
    simile: frozenset[str]
    bare_after: frozenset[str]
    bare_verbs: frozenset[str]
    """What may follow a request said with no verb ("quieter please", "a bit louder now")."""
    if_words: frozenset[str]
    if_verbs: frozenset[str]
    reach: int
    comparatives: dict[Phrase, str]
    """Comparatives read only as wishes ("quieter" wished for is too loud)."""
    wished: dict[Phrase, str]
    """Every quality a wish can name: [denied_quality] less `skip`, and the comparatives."""
    heard_after: frozenset[Phrase]
    """Wished qualities of hearing whose part follows them ("easier to hear the bass")."""
    not_denying: tuple[Phrase, ...]
    between: frozenset[str]
    """Words that may stand between an opener and what it wishes for."""
    causatives: frozenset[Phrase]
    causative_after: frozenset[str]
    """A causative opener ("make") wishes only first in its clause or after one of these;
    after a subject it tells what the subject does."""
    abilities: frozenset[Phrase]
    """Openers that, after a subject, wish only for a comparative ("can be louder")."""
    result_after: frozenset[str]
    """A wish followed by one of these is the result of a remedy ("would be crisper with
    less reverb"): the remedy names the problem, not the wish."""
    indexes: dict[str, dict[str, tuple[Phrase, ...]]]
    """`find` indexes of `excess`, `wished`, `reported`, `graded`, `generic`, `not_denying`,
    [negation] clause_negators, set_aside, takes_back and deny_qualities, [perception] asks_after,
    [lack_frame] gap_frames and nouns."""
    excess: dict[Phrase, str]
    """A comparative said to be more than needed ("louder than it needs to be"): the
    opposite problem of wishing for it."""
    reported: dict[Phrase, str]
    reported_of_parts: frozenset[Phrase]
    reported_of_versions: frozenset[str]
    versus_lead: frozenset[str]
    """Parts another part should not be level with ("as loud as the lead vocal")."""
    """A release said to be louder than the one before it ("the remaster is louder")."""
    """[reported] of_parts: said only of a named part, with nothing compared after."""
    versus: dict[Phrase, str]
    """A comparative set against something ("brighter than the rest"): a report."""
    """A request reported as done ("the bass was turned up"): how the part now is."""
    be: frozenset[str]
    be_between: frozenset[str]
    graded: dict[Phrase, str]
    """Words that name a problem only beside an intensifier or, in a list, beside
    another problem word ("low, thin and dull"): lexicon.toml `graded`."""
    intensifiers: frozenset[str]
    """One-word intensifiers of lexicon.toml: "too dry and up front" grades both."""
    lack_gap: int
    lack_stops: frozenset[str]
    lack_nouns: dict[Phrase, str]
    generic: tuple[Phrase, ...]
    """"can cause", "may lead to": what follows in the clause is said in general."""
    frequencies: dict
    """rules.toml [frequencies], with its frames indexed for `find`."""
    placement: Placement
    known: frozenset[str]
    """Every word of these tables: never "corrected" as a typo ("tighter" is no "lighter")."""


@dataclass(frozen=True)
class Placement:
    """rules.toml [placement]: where a part sits says its level."""
    sinking: frozenset[str]
    pushing: frozenset[str]
    passive: frozenset[str]
    placing: frozenset[str]
    wish_verbs: frozenset[str]
    transitive: frozenset[str]
    imperative: frozenset[str]
    asking: frozenset[Phrase]
    as_is: frozenset[str]
    degrees: frozenset[str]
    excess: frozenset[str]
    trailing: frozenset[str]
    """Degree words that close an excess said after the position ("sits back too far")."""
    be: frozenset[str]
    reach: int
    positions: dict[Phrase, str]
    """Each position phrase and the problem it says: too_quiet or too_loud."""
    index: dict[str, tuple[Phrase, ...]]
    needs_part: frozenset[Phrase]
    verb_only: frozenset[Phrase]
    accompaniment: frozenset[str]
    part_joins: frozenset[str]
    not_after: dict[str, tuple[Phrase, ...]]
    opposite: dict[str, str]
    """[desire.opposite]: a position wished for says the opposite problem."""
    placing_word: str
    """A word of `placing`, standing for a transitive verb once its part is passed."""


def _placement(table: dict, opposite: dict[str, str]) -> Placement:
    positions = {words_of(p): "too_quiet" for p in table["quiet"]}
    positions |= {words_of(p): "too_loud" for p in table["loud"]}
    return Placement(
        sinking=frozenset(table["sinking"]), placing=frozenset(table["placing"]),
        pushing=frozenset(table["pushing"]), passive=frozenset(table["passive"]),
        wish_verbs=frozenset(table["wish_verbs"]), opposite=opposite,
        transitive=frozenset(table["transitive"]), as_is=frozenset(table["as_is"]),
        imperative=frozenset(table["imperative"]), asking=_phrases(table["asking"]),
        degrees=frozenset(table["degrees"]), excess=frozenset(table["excess"]),
        trailing=frozenset(table["trailing"]),
        reach=int(table["reach"]), positions=positions, index=index(positions),
        be=frozenset(table["be"]),
        needs_part=_phrases(table["needs_part"]), part_joins=frozenset(table["part_joins"]),
        verb_only=_phrases(table["verb_only"]),
        accompaniment=frozenset(table["accompaniment"]),
        not_after=index(_phrases(table["not_after"])),
        placing_word=table["placing"][0])


def _phrases(items: Iterable[str]) -> frozenset[Phrase]:
    return frozenset(words_of(p) for p in items)


def _problems(table: dict, where: str) -> dict[Phrase, str]:
    out = {}
    for phrase, problem in table.items():
        if problem not in PROBLEMS:
            raise IntentError(f"intents/data/{where} {phrase!r}: unknown problem {problem!r}")
        out[words_of(phrase)] = problem
    return out


def _lexicon() -> dict:
    return tomllib.loads(resources.files("intents").joinpath("data/lexicon.toml")
                         .read_text(encoding="utf-8"))


def _graded(lexicon: dict) -> dict[Phrase, str]:
    return {words_of(word): problem for problem, entry in lexicon.items()
            if isinstance(entry, dict) and problem in PROBLEMS
            for word in entry.get("graded", [])}


def _frequencies(table: dict) -> dict:
    for direction in ("excess", "lack"):
        for low, high, problem in table[f"{direction}_bands"]:
            if problem not in PROBLEMS or not 0 <= low < high:
                raise IntentError(f"intents/data/rules.toml [frequencies] {direction}_bands: "
                                  f"bad band {[low, high, problem]!r}")
    return {**table,
            "excess_index": index(_phrases(table["excess_moves"] + table["excess"])),
            "lack_index": index(_phrases(table["lack_moves"] + table["lack"])),
            "band_excess_index": index(_phrases(table["excess_moves"])),
            "band_lack_index": index(_phrases(table["lack_moves"])),
            "said_excess_index": index(_phrases(table["said_excess"])),
            "said_lack_index": index(_phrases(table["said_lack"])),
            "band_index": index(_phrases([name for name, _ in table["band_names"]])),
            "band_hz": {words_of(name): hz for name, hz in table["band_names"]}}


_NUMBER = re.compile(r"^(\d+)(hz|khz|k)?$")


def frequency_at(words: Sequence[str], text_between: Sequence[str], i: int,
                 table: dict) -> tuple[int, float] | None:
    """The frequency in Hz that words[i] starts ("300 Hz", "3k", "2.5 kHz", "200-400Hz")
    and the index after it, or None. `text_between[k]` is the text between words k-1 and k."""
    match = _NUMBER.match(words[i])
    if match is None:
        return None
    value, unit, end = float(match.group(1)), match.group(2), i + 1
    if unit is None and end < len(words) and text_between[end] == "." \
            and (decimal := _NUMBER.match(words[end])):
        value = float(f"{match.group(1)}.{decimal.group(1)}")
        unit, end = decimal.group(2), end + 1
    if unit is None and end < len(words) and words[end] in table["units"]:
        unit, end = words[end], end + 1
    if unit is None and end < len(words) and text_between[end] in ("-", "–", " - ") \
            and (upper := _NUMBER.match(words[end])) and upper.group(2):
        unit, end = upper.group(2), end + 1
    if unit is None or (unit == "k" and end < len(words) and words[end] in table["not_before"]):
        return None
    return end, value * table["units"][unit]


def _analytic(comparatives: dict[Phrase, str]) -> dict[Phrase, str]:
    """"more strong", "more big": each one-word comparative said with "more" before its
    plain form (an English word, found by undoing the -er, -ier or doubled-consonant
    ending), as learners and hurried writers put it, where the table has no such phrase."""
    out: dict[Phrase, str] = {}
    for phrase, problem in comparatives.items():
        if len(phrase) == 1:
            for plain in _plains(phrase[0]):
                if ("more", plain) not in comparatives:
                    out[("more", plain)] = problem
    return out


def _plains(word: str) -> set[str]:
    """The plain forms of a one-word comparative ("bigger": "big", "drier": "dry") that
    are English words; none for a word that is no -er comparative."""
    from intents.vocabulary import english_words

    if not word.endswith("er") or len(word) < 5:
        return set()
    plains = {word[:-2], word[:-1]}
    if word.endswith("ier"):
        plains = {word[:-3] + "y"}
    elif word[-3] == word[-4]:
        plains.add(word[:-3])
    return {plain for plain in plains if len(plain) > 2 and plain in english_words()}


def _compile(vocab: Vocabulary) -> Grammar:
    rules = vocab.rules
    table = rules["desire"]
    comparatives = _problems(table["comparatives"], "rules.toml [desire.comparatives]")
    opposite = table["opposite"]
    for problem, other in opposite.items():
        if problem not in PROBLEMS or other not in PROBLEMS:
            raise IntentError(f"intents/data/rules.toml [desire.opposite] {problem!r}: "
                              "both sides must be problem ids")
    excess = {phrase + words_of(than): opposite[problem]
              for phrase, problem in comparatives.items() if problem in opposite
              for than in table["excess_than"]}
    reported = _problems(rules["reported"]["phrases"], "rules.toml [reported.phrases]")
    versus = {words_of(word) + ("than",): opposite[comparatives[words_of(word)]]
              for word in table["versus"]}
    # "as loud as the vocal" sets a part level with another, as "louder than" sets it over;
    # "barely louder than the piano" is under where it should be: the wish's own problem
    versus |= {("as", plain, "as"): opposite[comparatives[words_of(word)]]
               for word in table["versus"] for plain in _plains(word)}
    versus |= {words_of(few) + words_of(word) + ("than",): comparatives[words_of(word)]
               for word in table["versus"] for few in table["versus_barely"]}
    skip = _phrases(table["skip"])
    wished = {words_of(p): problem for p, problem in vocab.rules["denied_quality"].items()
              if words_of(p) not in skip}
    openers = _phrases(table["openers"])
    lexicon = _lexicon()
    graded, generic = _graded(lexicon), tuple(_phrases(rules["conditional"]["generic"]))
    not_denying = tuple(_phrases(rules["negation"]["not_denying"]))
    wished |= comparatives | _analytic(comparatives)
    return Grammar(
        indexes={"excess": index(excess), "wished": index(wished), "reported": index(reported),
                 "versus": index(versus),
                 "graded": index(graded), "generic": index(generic),
                 "not_denying": index(not_denying),
                 "clause_negators": index(vocab.clause_negators),
                 "set_aside": index(_phrases(rules["negation"]["set_aside"])),
                 "takes_back": index(_phrases(rules["negation"]["takes_back"])),
                 "alternation_then": index(_phrases(rules["negation"]["alternation"]["then"])),
                 "deny_qualities": index(_phrases(rules["negation"]["deny_qualities"])),
                 "rival_openers": index(_phrases(rules["comparative"]["rival_openers"])),
                 "asks_after": index(_phrases(rules["perception"]["asks_after"]
                                              + rules["perception"]["faults_after"])),
                 "placed_after": index(_phrases(rules["perception"]["placed_after"])),
                 "sections": index(tuple(stem(w) for w in words_of(p))
                                   for p in rules["sections"]["words"]),
                 "compare": index(_phrases(rules["sections"]["compare"])),
                 "across_songs": index(_phrases(rules["sections"]["across_songs"])),
                 "unheard": index(_phrases(rules["grammar"]["unheard"])),
                 "counted": index(_phrases(rules["reciprocal"]["counted"])),
                 "crowd": index(_phrases(rules["reciprocal"]["crowd"])),
                 "said_a_lot": index(_phrases(rules["said_a_lot"]["words"])),
                 "size_place": index(_phrases(rules["size_in_mix"]["place"])),
                 "terms": index(_phrases(rules["names"]["terms"])),
                 "level_nouns": index(_phrases(rules["level_cause"]["nouns"])),
                 "level_openers": index(_phrases(rules["level_cause"]["openers"])),
                 "lack_gap": index(_phrases(rules["lack_frame"]["gap_frames"])),
                 "lack_nouns": index(vocab.lack_nouns)},
        lack_gap=int(rules["lack_frame"]["gap"]), lack_nouns=dict(vocab.lack_nouns),
        lack_stops=frozenset(rules["lack_frame"]["gap_stops"]),
        openers=openers, if_words=frozenset(table["if_words"]),
        causatives=_phrases(table["causatives"]),
        causative_after=frozenset(table["causative_after"]),
        abilities=_phrases(table["abilities"]),
        bare_after=frozenset(table["bare_after"]),
        bare_verbs=frozenset(table["bare_verbs"]),
        simile=frozenset(w for p in table["simile"] for w in words_of(p)[-1:]),
        if_verbs=frozenset(table["if_verbs"]), reach=int(table["reach"]),
        comparatives=comparatives, wished=wished, not_denying=not_denying,
        heard_after=_phrases(table["heard_after"]),
        between=frozenset(table["between"]),
        result_after=frozenset(table["result_after"]),
        excess=excess, reported=reported, versus=versus,
        reported_of_parts=_phrases(rules["reported"]["of_parts"]),
        reported_of_versions=frozenset(rules["reported"]["of_versions"]),
        versus_lead=frozenset(table["versus_lead"]),
        be=frozenset(rules["voice"]["be"]),
        be_between=frozenset(rules["voice"]["between"] + rules["reported"]["between"]),
        graded=graded, generic=generic,
        intensifiers=frozenset(w for w in lexicon.get("intensifiers", []) if " " not in w),
        frequencies=_frequencies(rules["frequencies"]),
        placement=_placement(rules["placement"], opposite),
        known=frozenset(w for p in list(openers) + list(comparatives) for w in p)
        | clause_words() | frozenset(w for key in ("sinking", "pushing", "placing", "wish_verbs",
                                                   "transitive")
                                    for w in rules["placement"][key]))


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    return cached("grammar", Grammar, lambda: _compile(vocabulary()))


def index(phrases: Iterable[Phrase]) -> dict[str, tuple[Phrase, ...]]:
    """Phrases by their first word, for `find`."""
    by_first: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    return {w: tuple(ps) for w, ps in by_first.items()}


def find(words: Sequence[str], phrases: dict[str, tuple[Phrase, ...]],
         lo: int = 0, hi: int | None = None, starts_only: bool = False) -> list[tuple[int, int]]:
    """Every (start, end) where one of the indexed phrases stands within words[lo:hi], or
    with `starts_only`, starts there."""
    hi = len(words) if hi is None else min(hi, len(words))
    end = len(words) if starts_only else hi
    return [(i, i + len(p)) for i, w in enumerate(words[lo:hi], lo) if w in phrases
            for p in phrases[w] if i + len(p) <= end and tuple(words[i:i + len(p)]) == p]


@cache
def indexed(phrases: tuple[str, ...]) -> dict[str, tuple[Phrase, ...]]:
    """A rule file's list of phrases indexed for `find`, once per list."""
    return index(words_of(p) for p in phrases)


def starts_at(words: Sequence[str], phrases: Sequence[str], k: int) -> bool:
    """One of a rule file's phrases ("apart from", "anything like") starts at word k."""
    return bool(find(words, indexed(tuple(phrases)), k, k + 1, starts_only=True))


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
        opener = next((o for o in g.openers if tuple(words[k - len(o) + 1:k + 1]) == o), None)
        if opener is not None:
            before = k - len(opener)
            asks = (before < 0 or clauses[before] != clauses[at]
                    or words[before] in g.causative_after)
            if opener in g.causatives:   # "the reverb makes it" tells; "make it" asks
                return asks
            if opener in g.abilities:    # "it can be heard" tells; "it can be louder" asks
                return asks or tuple(words[at:end]) in g.comparatives
            # "sounds like it's way back" compares
            return not (opener[0] == "like" and before >= 0 and words[before] in g.simile)
        if words[k] in g.if_words:
            return any(w in g.if_verbs for w in words[k + 1:at])
        if k not in parts and words[k] not in g.between and words[k] not in g.if_verbs:
            return False
    return False


def bare_request(words: Sequence[str], at: int, end: int, parts: set[int], g: Grammar) -> bool:
    """A whole message that asks with no verb: "quieter", "a bit louder please", "the vocal
    a touch brighter", "punchier drums please" — only parts and `between` words before the
    quality, none of them nor the quality's first word `bare_verbs` ("the guitars sound
    clear", "the kick and bass sit well together" say how they are), only parts and
    `bare_after` words after it."""
    return (at <= g.reach and words[at] not in g.bare_verbs
            and all(k in parts or (words[k] in g.between and words[k] not in g.bare_verbs)
                    for k in range(at))
            and all(w in g.bare_after or k in parts for k, w in enumerate(words[end:], end)))


def reported(words: Sequence[str], at: int, g: Grammar) -> bool:
    """A form of "be" stands before `at`, through adverbs: "was (deliberately) turned up"."""
    k = at - 1
    while k >= 0 and words[k] in g.be_between:
        k -= 1
    return k >= 0 and words[k] in g.be


def _opens_clause(words: Sequence[str], clauses: Sequence[int], at: int,
                  leading: frozenset[Phrase]) -> bool:
    """Only phrases of `leading` stand before `at` in its clause ("could you just tuck...")."""
    k = at - 1
    while k >= 0 and clauses[k] == clauses[at]:
        phrase = next((f for f in leading if tuple(words[k - len(f) + 1:k + 1]) == f), None)
        if phrase is None:
            return False
        k -= len(phrase)
    return True


def placed(words: Sequence[str], clauses: Sequence[int], parts: dict[int, tuple[int, str]],
           determiners: frozenset[str], p: Placement,
           wished: Callable[[int, int], bool]
           ) -> list[tuple[int, int, str, tuple[int, int] | None]]:
    """Every (start, end, problem) where a position word says a part's level: "sits way
    back", "tucked so far back", "sits on top of the vocal", "they mix the vocals slightly
    behind" (see rules.toml [placement]). `parts` maps the start of every named part (not
    the whole song) to its end and layer; a part the position is set against ends the span, so it is
    never read as the subject; a part placed by a verb before it is given as the span's
    inner part. `wished(start, end)` tells whether a wish opens the words."""
    part_starts = frozenset(parts)
    part_ends = {end - 1: start for start, (end, _) in parts.items()}
    out = []
    for start, end in find(words, p.index):
        if find(words, p.not_after, end, end + 1, starts_only=True):
            continue
        clause = clauses[start]
        k = start - 1
        while k >= 0 and clauses[k] == clause and words[k] in p.degrees \
                and start - k <= p.reach:
            k -= 1
        verb = words[k] if k >= 0 and clauses[k] == clause else ""
        inner = None
        asked = False
        if k in part_ends:
            # "mix the vocals slightly behind": the verb stands before the part it places
            v = part_ends[k] - 1
            while v >= 0 and words[v] in determiners:
                v -= 1
            if v >= 0 and clauses[v] == clause and words[v] in p.transitive:
                inner = (part_ends[k], k + 1)
                asked = words[v] in p.imperative and _opens_clause(words, clauses, v, p.asking)
                k, verb = v, p.placing_word
        j = end
        while j < len(words) and j - end < 3 and j not in part_starts \
                and words[j] in p.part_joins:
            j += 1
        against = j in part_starts and clauses[j] == clause
        if against and parts[j][1] in p.accompaniment and p.positions[tuple(
                words[start:end])] == "too_loud":
            # over the band as a whole is where a lead part sits: only a degree says "too"
            against = False
        phrase = tuple(words[start:end])
        if phrase in p.needs_part and not against:
            continue
        after = end
        while after < len(words) and after - end < p.reach and clauses[after] == clause \
                and words[after] in p.degrees:
            after += 1
        trailing = words[end:after]
        excess = any(w in p.excess for w in words[k + 1:start]) or bool(
            trailing and trailing[-1] in p.trailing and p.excess.intersection(trailing))
        problem = p.positions[phrase]
        span_end = parts[j][0] if against else max(end, after if excess else end)
        reports = p.as_is.intersection(words[k + 1:start]) or (k > 0 and words[k - 1] in p.passive)
        if phrase in p.verb_only and (verb not in p.placing | p.sinking | p.pushing
                                      or verb in p.be):
            continue
        if asked:
            out.append((k, span_end, p.opposite[problem], inner))
        elif verb in p.sinking:
            if problem == "too_quiet":
                out.append((k, span_end, problem, inner))
        elif verb in p.pushing:
            b = k - 1
            while b >= 0 and words[b] in p.degrees:
                b -= 1
            if not reports and wished(k, end):
                out.append((k, span_end, p.opposite[problem], inner))
            elif b >= 0 and (words[b] in p.be or words[b] in p.passive):
                out.append((k, span_end, problem, inner))
        elif verb in p.placing or verb in p.wish_verbs:
            if not reports and wished(k, end):
                out.append((k, span_end, p.opposite[problem], inner))
            elif verb in p.placing and (excess or against):
                out.append((k, span_end, problem, inner))
        elif excess and any(s < start and clauses[s] == clause for s in part_starts):
            out.append((k + 1, span_end, problem, inner))
    return out
