"""Loading the rule files in intents/data and compiling them into lookup tables.

A broken file fails at import with an IntentError naming the file and entry, so
a musician extending the vocabulary learns at once what to fix.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from intents.cache import cached
from intents.model import IntentError
from intents.text import keys_of, stem, words_of

__all__ = ["IGNORED", "LAYERS", "LAYER_NAMES", "MASTER_PROBLEMS", "PROBLEMS", "TONES",
           "WHOLE_SONG_PROBLEMS", "Cue", "Vocabulary", "english_words", "vocabulary"]

LAYERS = ("vocal", "backing_vocals", "kick", "bass", "snare", "drums", "cymbals", "guitars",
          "keys", "fx", "instruments", "mix")
PROBLEMS = ("too_quiet", "too_loud", "muddy", "harsh", "dull", "thin", "weak", "masking",
            "narrow", "mono_collapse", "too_much_reverb", "too_dry", "inconsistent",
            "over_compressed", "distorted", "quiet_master", "loud_master", "tonal_balance")
GAP = "*"


@dataclass(frozen=True)
class Cue:
    problem: str
    object_after: bool = False
    mono_sensitive: bool = False
    denied_quality: bool = False
    lack_frame: bool = False
    needs_object: bool = False
    needs_part: bool = False
    """A gap cue that says nothing unless a part other than the song is named in its gap
    ("want to hear the bass more"; "want to hear this song more often" is no complaint)."""
    part_after: bool = False
    """Says nothing unless a part is named right after it ("heavy on the cymbals", "can't
    compete with the guitars"; "heavy on metaphors" is no complaint)."""


@dataclass(frozen=True)
class Vocabulary:
    layer_phrases: MappingProxyType[tuple[str, ...], str]
    case_sensitive: MappingProxyType[str, str]
    weak_layers: frozenset[str]
    cue_phrases: MappingProxyType[tuple[str, ...], Cue]
    cue_keys: MappingProxyType[tuple[str, ...], Cue]
    """Cues by word-form keys, only where every spelling behind a key means one problem."""
    vague: frozenset[tuple[str, ...]]
    finished_qualities: frozenset[tuple[str, ...]]
    """What a finished record has ("radio ready", "polished"): denied of the song, vague."""
    judgements: frozenset[str]
    about_sound: frozenset[str]
    gap_cues: tuple[tuple[tuple[str, ...], tuple[str, ...], Cue], ...]
    gap_heads: MappingProxyType[str, tuple[int, ...]]
    """The gap cues (their indices) whose head starts with each word."""
    misspellings: MappingProxyType[str, str]
    fuzzy_words: MappingProxyType[int, tuple[str, ...]]
    """The words a typo is corrected towards, by the typed word's length: only those whose
    length leaves room for the similarity cutoff (|a - b| edits at least), in one order."""
    never_correct: frozenset[str]
    """Words never corrected, nor guessed from as a near miss of a problem word."""
    fuzzy_min_length: int
    fuzzy_cutoff: float
    rules: MappingProxyType[str, object]
    stems: MappingProxyType[str, tuple[str, ...]]
    questions: MappingProxyType[str, tuple[tuple[str, ...], ...]]
    lack_nouns: MappingProxyType[tuple[str, ...], str]
    context: MappingProxyType[str, dict]
    ensembles: MappingProxyType[tuple[str, ...], tuple[str, ...]]
    """Words for several parts at once ("rhythm section"), with the parts they name."""
    known_words: frozenset[str]
    """Every word and word-form key of the vocabulary: never "corrected" as a typo."""
    praise: tuple[tuple[str, ...], ...]
    sets: MappingProxyType[str, frozenset[str]]
    """The rules' word lists as sets, by name (see `_WORD_SETS`)."""
    whole_song_layer: str
    fuzzy_cues: tuple[str, ...]
    device_faults: frozenset[tuple[str, ...]]
    clause_negators: tuple[tuple[str, ...], ...]
    excess: frozenset[tuple[str, ...]]
    """One-word problem words long enough to guess a near-miss spelling from."""
    starts: MappingProxyType[str, int]
    """The longest phrase (in words) that each first word or key can start."""
    max_phrase: int


_WORD_SETS = {
    "negators": ("negation", "negators"), "praise_after": ("negation", "praise_after"),
    "determiners": ("grammar", "determiners"), "prepositions": ("grammar", "prepositions"),
    "list_words": ("grammar", "list_words"), "pronouns": ("grammar", "pronouns"),
    "joins": ("grammar", "joins"),
    "whole_subjects": ("grammar", "whole_subjects"), "fillers": ("negation", "fillers"),
    "be": ("voice", "be"), "be_between": ("voice", "between"),
    "lack_joins": ("lack_frame_joins", "words"), "focus": ("grammar", "focus"),
    "conditional": ("conditional", "words"), "conditional_keep": ("conditional", "keep"),
    "mono": ("mono_context", "words"), "mild": ("severity", "mild"),
    "strong": ("severity", "strong"), "question_starts": ("questions", "starts"),
    "craft": ("craft", "subjects"), "band_words": ("band_only", "words"),
    "band_problems": ("band_only", "problems"), "time_openers": ("grammar", "time_openers"),
    "time_joins": ("grammar", "time_joins"), "not_participles": ("voice", "not_participles"),
    "song_pronouns": ("grammar", "song_pronouns"), "dropped_it": ("grammar", "dropped_it"),
    "praise_wishes": ("negation", "praise_wishes"),
    "praise_manner": ("negation", "praise_manner"),
    "manner_wanted": ("negation", "manner_wanted"),
    "song_has": ("grammar", "song_has"),
    "attributive_after": ("grammar", "attributive_after"),
    "names_only": ("negation", "names_only"),
}


def _read(name: str) -> dict:
    text = resources.files("intents").joinpath(f"data/{name}").read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise IntentError(f"intents/data/{name} is not valid TOML: {exc}") from exc


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English words (data/english_words.txt): spelled right, so never corrected into a
    vocabulary word however close ("competition" is not "competitive"). Read only when a
    correction is in sight: most messages have none, and the list costs ~15 ms to load."""
    text = resources.files("intents").joinpath("data/english_words.txt").read_text(
        encoding="utf-8")
    return frozenset(line for line in text.splitlines() if not line.startswith("#"))


def _check(ok: bool, where: str, what: str) -> None:
    if not ok:
        raise IntentError(f"intents/data/{where}: {what}")


def _layers(table: dict) -> tuple[dict, dict, set, dict]:
    phrases: dict[tuple[str, ...], str] = {}
    exact: dict[str, str] = {}
    weak: set[str] = set()
    misspelt: dict[str, str] = {}
    for layer, entry in table.items():
        _check(layer in LAYERS, f"layers.toml [{layer}]", f"unknown layer id {layer!r}")
        _check(isinstance(entry.get("words"), list), f"layers.toml [{layer}]",
               "needs a `words` list")
        for phrase in entry["words"]:
            words = words_of(phrase)
            _check(bool(words), f"layers.toml [{layer}]", f"empty phrase {phrase!r}")
            phrases.setdefault(words, layer)
        for word in entry.get("case_sensitive", []):
            exact[word] = layer
        for word in entry.get("misspellings", []):
            misspelt[word.lower()] = layer
        if entry.get("weak"):
            weak.add(layer)
    return phrases, exact, weak, misspelt


def _ensembles(table: dict) -> dict[tuple[str, ...], tuple[str, ...]]:
    out = {}
    for phrase, members in table.items():
        _check(len(members) >= 2 and set(members) <= set(LAYERS),
               f"rules.toml [ensembles] {phrase!r}", "needs two or more layer ids")
        out[words_of(phrase)] = tuple(members)
    return out


def _frame_cues(frame_table: dict, name: str, lack: bool) -> tuple[dict, dict]:
    """Every frame + noun pair of a rules.toml frame table as a cue."""
    nouns = {}
    for noun, problem in frame_table["nouns"].items():
        _check(problem in PROBLEMS, f"rules.toml [{name}.nouns] {noun!r}",
               f"unknown problem id {problem!r}")
        nouns[words_of(noun)] = problem
    cues = {}
    # "lacking in the high end", "tame the harshness": the noun may take an article
    articles = [()] + [words_of(a) for a in frame_table.get("articles", [])]
    for frame in frame_table["frames"]:
        for noun, problem in nouns.items():
            for article in articles:
                cues.setdefault(words_of(frame) + article + noun, Cue(problem, lack_frame=lack))
    # "the top end is missing": the noun said first, the frame after it
    after = frame_table.get("after", {})
    for noun in after.get("nouns", []):
        _check(words_of(noun) in nouns, f"rules.toml [{name}.after] {noun!r}",
               f"not one of [{name}.nouns]")
        for frame in after["frames"]:
            cues.setdefault(words_of(noun) + words_of(frame),
                            Cue(nouns[words_of(noun)], lack_frame=lack))
    return cues, nouns


def _comparative_cues(table: dict) -> dict:
    """"more prominent than", "far less audible than": the subject is louder / quieter."""
    cues = {}
    for direction, problem in table["problems"].items():
        _check(problem in PROBLEMS, f"rules.toml [comparative] {direction!r}",
               f"unknown problem id {problem!r}")
        for frame in table[direction]:
            for word in table["words"]:
                cues[words_of(frame) + words_of(word) + words_of(table["than"])] = Cue(problem)
    for word in table["as_words"]:
        cues[words_of(table["as"]) + words_of(word)] = Cue(table["problems"]["less"],
                                                           denied_quality=True)
    return cues


def _cues(table: dict, denied: dict, gap_rules: dict) -> tuple[dict, list]:
    contiguous: dict[tuple[str, ...], Cue] = {}
    gaps: list[tuple[tuple[str, ...], tuple[str, ...], Cue]] = []
    for problem, entry in table.items():
        where = f"cues.toml [{problem}]"
        _check(problem in PROBLEMS, where, f"unknown problem id {problem!r}")
        for key in ("phrases", "examples", "counter_examples"):
            _check(isinstance(entry.get(key, []), list), where, f"`{key}` must be a list")
        object_after = {words_of(p) for p in entry.get("object_after", [])}
        mono = {words_of(p) for p in entry.get("mono_sensitive", [])}
        phrases = entry.get("phrases", []) + entry.get("requests", []) \
            + entry.get("mono_sensitive", [])
        for phrase in phrases:
            cue_words = phrase.split(GAP)
            if len(cue_words) == 2:
                head, tail = words_of(cue_words[0]), words_of(cue_words[1])
                _check(bool(head and tail), where, f"gap phrase {phrase!r} needs words around *")
                # "turn * up" needs a part or "it" in the gap; "drowned * in reverb" does not
                gaps.append((head, tail, Cue(problem,
                                             needs_object=tail[-1] in gap_rules["directions"],
                                             needs_part=head[-1] in gap_rules["part_heads"])))
                continue
            words = words_of(phrase)
            _check(bool(words), where, f"empty phrase {phrase!r}")
            contiguous.setdefault(words, Cue(problem, object_after=words in object_after,
                                             mono_sensitive=words in mono))
    for phrase, problem in denied.items():
        _check(problem in PROBLEMS, f"rules.toml [denied_quality] {phrase!r}",
               f"unknown problem id {problem!r}")
        contiguous.setdefault(words_of(phrase), Cue(problem, denied_quality=True))
    return contiguous, gaps


IGNORED = ""
"""The problem of an `[ignore]` phrase: matched so it blocks shorter cues, then dropped."""


def _lexicon(table: dict) -> list[tuple[str, Cue]]:
    """Phrases and their cues from the descriptor families; graded words count only
    after an intensifier; `object_after` phrases name the part after them."""
    pairs: list[tuple[str, Cue]] = []
    intensifiers = table.get("intensifiers", [])
    leaning, compared, exclaimed = table["leaning"], table["compared"], table["exclaimed"]
    before, after = leaning["frame"]
    for problem, entry in table.items():
        if problem in ("intensifiers", "leaning", "compared", "exclaimed", "trailing", "vague",
                       "ignore", "whole_song", "remedy_frames"):
            continue
        _check(problem in PROBLEMS, f"lexicon.toml [{problem}]", f"unknown problem id {problem!r}")
        kinds = {"object_after": Cue(problem, object_after=True),
                 "object_only": Cue(problem, object_after=True, part_after=True),
                 "descriptors": Cue(problem), "against": Cue(problem, part_after=True)}
        for kind, cue in kinds.items():
            pairs += [(phrase, cue) for phrase in entry.get(kind, [])]
        pairs += [(remedy, kinds["object_only"]) for remedy in entry.get("remedies", [])]
        pairs += [(f"{frame} {remedy}", kinds["descriptors"]) for remedy in
                  entry.get("remedies", []) for frame in table["remedy_frames"]]
        for composed in entry.get("composed", []):
            where = f"lexicon.toml [[{problem}.composed]]"
            _check(composed.get("as") in kinds, where, f"`as` must be one of {sorted(kinds)}")
            keys = {"as", "gap", "first", "then", "mono_sensitive"}
            _check(set(composed) <= keys, where,
                   f"unknown keys {sorted(set(composed) - keys)} "
                   "(a key meant for the problem's own table must come before its compositions)")
            cue = replace(kinds[composed["as"]],
                          mono_sensitive=bool(composed.get("mono_sensitive", False)))
            pairs += [(f"{first} {then}", cue)
                      for first in composed["first"] for then in composed["then"]]
        pairs += [(f"{word} {graded}", Cue(problem)) for graded in entry.get("graded", [])
                  for word in intensifiers]
        pairs += [(f"{before} {graded} {after}", Cue(problem))
                  for graded in entry.get("graded", []) if graded not in leaning.get("not", [])]
        pairs += [(f"{graded} {excess}", Cue(problem)) for graded in entry.get("graded", [])
                  for excess in table["trailing"]]
        pairs += [(f"{frame} {graded}", Cue(problem)) for graded in entry.get("graded", [])
                  if graded in exclaimed["words"] for frame in exclaimed["frame"]]
        if problem in compared["problems"]:
            pairs += [(f"{graded} {than}", Cue(problem)) for graded in entry.get("graded", [])
                      for than in compared["with"]]
    ignore = table.get("ignore", {})
    pairs += [(phrase, Cue(IGNORED)) for phrase in ignore.get("phrases", [])]
    pairs += [(f"{the}{a} {b}", Cue(IGNORED)) for a in ignore.get("describing", [])
              for b in ignore.get("described", []) for the in ("", "the ")]
    return pairs


def _band_cues(table: dict, cues: dict[tuple[str, ...], Cue], whole: str) -> dict[str, str]:
    """Cue phrases that name a band of the spectrum ("too much high end") or the weight of
    the whole spectrum ("bass heavy", "way too bassy"): their own part is the whole song
    when no part is named beside them."""
    for problem in table["problems"]:
        _check(problem in PROBLEMS, "lexicon.toml [whole_song]", f"unknown problem {problem!r}")
    bands = {words_of(band) for band in table["bands"]}
    tilts = {words_of(tilt) for tilt in table["tilts"]}

    def ends_in(words: tuple[str, ...], tails: set[tuple[str, ...]], longer: bool) -> bool:
        return any(words[-n:] in tails for n in range(1, len(words) + 1 - longer))

    return {" ".join(words): whole for words, cue in cues.items()
            if (cue.problem in table["problems"] and ends_in(words, bands, True))
            or ends_in(words, tilts, False)}


def _keyed(surface: dict[tuple[str, ...], Cue], parts: dict[tuple[str, ...], str],
           others: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], Cue]:
    """Cues by word-form key. A part's own name, or a word the vocabulary reads another
    way (`others`), is never read as a form of a problem word ("stabs" is the keys, though
    "stabbing" is harsh; "glue" is a finished record's, though "gluey" is muddy)."""
    by_key: dict[tuple[str, ...], Cue] = {}
    clashing: set[tuple[str, ...]] = set()
    for words, cue in surface.items():
        key = tuple(stem(w) for w in words)
        known = by_key.setdefault(key, cue)
        if known.problem != cue.problem:
            clashing.add(key)
    clashing |= {tuple(stem(w) for w in words) for words in [*parts, *others]
                 if words not in surface}
    return {key: cue for key, cue in by_key.items() if key not in clashing}


def _starts(phrases: list[tuple[str, ...]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for phrase in phrases:
        out[phrase[0]] = max(out.get(phrase[0], 0), len(phrase))
    return out


def _first_words(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    out: dict[str, list[int]] = {}
    for n, phrase in enumerate(phrases):
        out.setdefault(phrase[0], []).append(n)
    return {word: tuple(ns) for word, ns in out.items()}


def _by_length(words: list[str], cutoff: float) -> dict[int, tuple[str, ...]]:
    """For each typed length, the words within reach of the cutoff: a normalised OSA
    similarity is 1 - edits / the longer length, and two words differ by at least their
    lengths' difference in edits (a word out of reach could never be the match)."""
    room = 1.0 - cutoff / 100.0
    longest = max(map(len, words), default=0)
    return {typed: tuple(w for w in words
                         if abs(len(w) - typed) <= room * max(len(w), typed) + 1e-9)
            for typed in range(1, int(longest / (1.0 - room)) + 2)}


def _stems(table: dict) -> dict[str, tuple[str, ...]]:
    out = {}
    for key, stems in table.items():
        if key == "questions":
            continue
        layer, _, problem = key.partition(".")
        _check(layer in LAYERS + ("*",) and problem in PROBLEMS + ("*",),
               f"stems.toml {key!r}", "keys are layer.problem, with * for any")
        for name in stems:
            _check(name == "{layer}" or name in LAYERS, f"stems.toml {key!r}",
                   f"unknown stem {name!r}")
        out[key] = tuple(stems)
    return out


def _validate_rules(rules: dict) -> None:
    for key, value in rules["whole_song_problems"].items():
        _check(key in PROBLEMS and value in PROBLEMS, "rules.toml [whole_song_problems]",
               f"unknown problem in {key} = {value}")
    for key, value in rules["remap"].items():
        for part in (key, value):
            layer, _, problem = part.partition(".")
            _check(layer in LAYERS and problem in PROBLEMS, "rules.toml [remap]",
                   f"{part!r} must be layer.problem")
    for problem, candidates in rules["no_layer"]["ask"].items():
        _check(problem in PROBLEMS and all(c in LAYERS for c in candidates),
               "rules.toml [no_layer.ask]", f"bad entry {problem!r}")
    for word, rule in rules.get("context", {}).items():
        layers = [rule.get("default")] + list(rule.get("by_part", {}).items())
        _check(all(x in LAYERS for pair in layers[1:] for x in pair) and layers[0] in LAYERS
               and {"after", "not_after", "not_before"} <= rule.keys(),
               f"rules.toml [context.{word}]",
               "needs after, not_after, not_before, a default layer and by_part = {layer = layer}")
    for word, layer in rules["no_layer"]["own_layer"].items():
        _check(layer in LAYERS, "rules.toml [no_layer.own_layer]", f"bad layer for {word!r}")
    for layer in rules["no_layer"]["own_layer_heads"]:
        _check(layer in LAYERS, "rules.toml [no_layer] own_layer_heads", f"bad layer {layer!r}")


def _names() -> dict[str, dict[str, str]]:
    layer_table = _read("layers.toml")
    for layer in LAYERS:
        _check(isinstance(layer_table.get(layer, {}).get("name"), str),
               f"layers.toml [{layer}]", "needs a `name`: what the chat calls the layer")
    return {"layers": {layer: layer_table[layer]["name"] for layer in LAYERS},
            "whole": dict(_read("rules.toml")["whole_song_problems"])}


_NAMES = cached("names", dict, _names)
LAYER_NAMES: MappingProxyType[str, str] = MappingProxyType(_NAMES["layers"])
"""Each layer's name for people: what the chat, the side panel, the CLI and the report call
it ("lead vocal", "reverb and effects")."""

_WHOLE = _NAMES["whole"]
WHOLE_SONG_PROBLEMS: MappingProxyType[str, str] = MappingProxyType(
    {problem: _WHOLE.get(problem, problem) for problem in PROBLEMS})
"""The id each problem takes when said of the whole song ("the mix is muddy" is
tonal_balance, "the song is too quiet" is quiet_master); others keep their id."""
TONES = frozenset(p for p, whole in _WHOLE.items() if whole == "tonal_balance")
"""Part problems that, said of the whole song, are its tonal balance: the tone's direction."""
MASTER_PROBLEMS = frozenset(_WHOLE.values())
"""Problems that only the whole song has: fixed by mastering from the stereo mix."""


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The built vocabulary: from the disk cache when the rule files are unchanged."""
    return cached("vocabulary", Vocabulary, _build)


def _build() -> Vocabulary:
    layer_table, cue_table = _read("layers.toml"), _read("cues.toml")
    rules, stem_table = _read("rules.toml"), _read("stems.toml")
    _validate_rules(rules)
    phrases, exact, weak, misspelt = _layers(layer_table)
    ensembles = _ensembles(rules["ensembles"])
    for words, members in ensembles.items():
        phrases.setdefault(words, members[0])
    lexicon = _read("lexicon.toml")
    cues, gaps = _cues(cue_table, rules["denied_quality"], rules["gaps"])
    for phrase in rules["scope"]["devices"]["phrases"]:
        cues.setdefault(words_of(phrase), Cue("mono_collapse"))
    # typos are corrected towards the core vocabulary only: the descriptor families are
    # too large to fuzz against ("rushing" is not "crushing")
    single = {w for p in list(phrases) + list(cues) for w in p}
    for problem, entry in lexicon.items():
        gapped = [f"{first} {GAP} {then}" for composed in entry.get("composed", [])
                  if composed.get("gap") for first in composed["first"]
                  for then in composed["then"]] if isinstance(entry, dict) else []
        if isinstance(entry, dict) and (entry.get("requests") or gapped):
            more, more_gaps = _cues({problem: {"requests": entry.get("requests", []) + gapped}},
                                    {}, rules["gaps"])
            gaps += more_gaps
            for words, cue in more.items():
                cues.setdefault(words, cue)
    for phrase, cue in _lexicon(lexicon):
        words = words_of(phrase)
        _check(bool(words), "lexicon.toml", f"empty phrase {phrase!r}")
        cues.setdefault(words, cue)
    lack_cues, lack_nouns = _frame_cues(rules["lack_frame"], "lack_frame", lack=True)
    excess_cues, _ = _frame_cues(rules["excess_frame"], "excess_frame", lack=False)
    for words, cue in _comparative_cues(rules["comparative"]).items():
        cues[words] = cue
    for words, cue in (lack_cues | excess_cues).items():
        known = cues.get(words)
        if known is None or known.problem == cue.problem:
            cues[words] = cue
    weak_layers = [layer for layer, entry in layer_table.items() if entry.get("weak")]
    _check(len(weak_layers) == 1, "layers.toml", "exactly one layer is the whole song (weak)")
    no_layer = rules["no_layer"]
    heads = {word: layer for layer, words in no_layer["own_layer_heads"].items()
             for word in words}
    headed = {" ".join(words): heads[words[0]] for words, cue in cues.items()
              if len(words) > 1 and words[0] in heads and cue.problem}
    rules = {**rules, "no_layer": {**no_layer, "own_layer": {
        **_band_cues(lexicon["whole_song"], cues, weak_layers[0]), **headed,
        **no_layer["own_layer"]}}}
    fuzzy = rules["fuzzy"]
    vague = lexicon.get("vague", {})
    # one-word verdicts ("amateur") are corrected to as well: "kinda amatuer" is vague
    verdicts = {p[0] for p in map(words_of, vague.get("descriptors", [])) if len(p) == 1}
    fuzzy_words = sorted(w for w in set(single) | verdicts if len(w) >= fuzzy["min_length"])
    # vague verdicts ("it isn't gelling") are vocabulary too: never "corrected" as typos
    known = {w for p in list(phrases) + list(cues) for w in p} | {
        w for p in vague.get("descriptors", []) + vague.get("qualities", [])
        for w in words_of(p)} | set(
        vague.get("judgements", []) + vague.get("about_sound", []))
    # 40,000 phrases share a few dozen distinct cues: one object each keeps the memory
    # and the cache file small (4.8 -> 2.4 MB, 0.10 -> 0.02 s to load)
    shared: dict[Cue, Cue] = {}
    cues = {words: shared.setdefault(cue, cue) for words, cue in cues.items()}
    keyed = _keyed(cues, phrases, [tuple(words_of(p)) for p in vague.get("qualities", [])])
    questions = {topic: tuple(words_of(p) for p in words)
                 for topic, words in stem_table.get("questions", {}).items()}
    return Vocabulary(
        layer_phrases=MappingProxyType(phrases),
        case_sensitive=MappingProxyType(exact),
        weak_layers=frozenset(weak),
        cue_phrases=MappingProxyType(cues),
        cue_keys=MappingProxyType(keyed),
        vague=frozenset(keys_of(p) for p in vague.get("descriptors", []) + [
            f"{lack} {quality}" for lack in vague.get("lacking", [])
            for quality in vague.get("qualities", [])]),
        finished_qualities=frozenset(keys_of(p) for p in vague.get("qualities", [])),
        judgements=frozenset(vague.get("judgements", [])),
        about_sound=frozenset(vague.get("about_sound", [])),
        gap_cues=tuple(gaps),
        gap_heads=MappingProxyType(_first_words(head for head, _, _ in gaps)),
        misspellings=MappingProxyType(misspelt),
        fuzzy_words=MappingProxyType(_by_length(fuzzy_words, float(fuzzy["score_cutoff"]))),
        never_correct=frozenset(fuzzy["never_correct"]),
        fuzzy_min_length=int(fuzzy["min_length"]),
        fuzzy_cutoff=float(fuzzy["score_cutoff"]),
        rules=MappingProxyType(rules),
        stems=MappingProxyType(_stems(stem_table)),
        questions=MappingProxyType(questions),
        lack_nouns=MappingProxyType(lack_nouns),
        ensembles=MappingProxyType(ensembles),
        context=MappingProxyType({
            word: {**rule, "not_before": tuple(words_of(w) for w in rule["not_before"])}
            for word, rule in rules.get("context", {}).items()}),
        known_words=frozenset(known | {stem(w) for w in known}),
        praise=tuple(words_of(p) for p in rules["negation"]["praise"]),
        sets=MappingProxyType({name: frozenset(rules[a][b])
                               for name, (a, b) in _WORD_SETS.items()}
                              | {"intensity": frozenset(rules["severity"]["mild"]
                                                        + rules["severity"]["strong"]
                                                        + rules["severity"]["neutral"])}),
        starts=MappingProxyType(_starts(list(phrases) + list(cues) + list(keyed)
                                        + [p[:-1] + (p[-1] + "s",) for p in phrases])),
        whole_song_layer=weak_layers[0],
        clause_negators=tuple(words_of(p) for p in rules["negation"]["clause_negators"]),
        excess=frozenset(words_of(p) for p in rules["negation"]["excess"]),
        device_faults=frozenset(words_of(p) for p in rules["device_faults"]["phrases"]),
        fuzzy_cues=tuple(sorted(p[0] for p, cue in cues.items() if len(p) == 1 and cue.problem
                                and len(p[0]) >= fuzzy["min_cue_length"])),
        max_phrase=max(len(p) for p in list(phrases) + list(cues)),
    )
