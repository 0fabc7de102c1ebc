"""Turning a message into intents: find parts and complaint cues, then pair them by rules.

The reading happens clause by clause (punctuation and contrast words split
clauses). A cue pairs with the part that is the subject of its clause, or the
part it points at ("can't hear the vocal"), or the part the message was last
about. Negation, contrast ("isn't muddy, it's the guitars"), conditions
("when I turn it up") and the taxonomy's labelling rules come from data in
intents/data; this module only applies them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz import process
from rapidfuzz.distance import OSA

from intents.model import Clarification, Correction, Intent, Understanding
from intents.text import Token, clause_bounds, sentence_ids, tokenize, words_of
from intents.vocabulary import Cue, Vocabulary, vocabulary

__all__ = ["parse", "route_for", "stems_for", "understand"]

_QUESTION_STARTS = frozenset({"what", "how", "why", "should", "can", "do", "does", "is",
                              "which", "when", "where", "could", "would", "will", "are"})
_NEGATION_WINDOW = 4
_PRONOUNS = frozenset({"it", "they", "them", "that", "this", "those", "these"})


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


def parse(text: str) -> list[Intent]:
    return list(understand(text).intents)


def _correct(tokens: list[Token], vocab: Vocabulary) -> tuple[list[str], list[Correction]]:
    known = {w for p in vocab.layer_phrases for w in p} | {w for p in vocab.cue_phrases for w in p}
    words, corrections = [], []
    for token in tokens:
        word = token.word
        fixed = None
        if word in vocab.misspellings:
            layer_words = [p for p, layer in vocab.layer_phrases.items()
                           if layer == vocab.misspellings[word] and len(p) == 1]
            fixed = layer_words[0][0] if layer_words else None
        elif (word not in known and word not in vocab.never_correct and word.isalpha()
              and len(word) >= vocab.fuzzy_min_length):
            match = process.extractOne(word, vocab.fuzzy_words,
                                       scorer=OSA.normalized_similarity,
                                       score_cutoff=vocab.fuzzy_cutoff / 100.0)
            if match is not None:
                fixed = match[0]
        if fixed and fixed != word:
            corrections.append(Correction(token.raw, fixed))
            word = fixed
        words.append(word)
    return words, corrections


def _title_case(tokens: list[Token]) -> bool:
    capitalised = sum(t.raw[:1].isupper() for t in tokens)
    return capitalised >= 0.5 * max(len(tokens), 1)


def _proper(tokens: list[Token], start: int, end: int, title: bool,
            names: frozenset[str]) -> bool:
    """A cue spelt with capitals mid-sentence is a name ("Red Hot Chili Peppers")."""
    return not title and any(
        tokens[k].raw[:1].isupper() and tokens[k].word not in names
        for k in range(max(start, 1), end))


def _lookup(words, clauses, i, n, vocab) -> _Mention | None:
    if clauses[i + n - 1] != clauses[i]:
        return None
    key = tuple(words[i:i + n])
    if key in vocab.cue_phrases:
        return _Mention(i, i + n, cue=vocab.cue_phrases[key])
    if key in vocab.layer_phrases:
        return _Mention(i, i + n, layer=vocab.layer_phrases[key])
    return None


def _longest(words, clauses, i, vocab, blocked) -> _Mention | None:
    for n in range(min(vocab.max_phrase, len(words) - i), 0, -1):
        if any(blocked[i:i + n]):
            continue
        found = _lookup(words, clauses, i, n, vocab)
        if found:
            return found
    return None


def _match(tokens: list[Token], words: list[str], clauses: list[int],
           vocab: Vocabulary) -> list[_Mention]:
    """Longest phrases first; a longer phrase starting inside a shorter one wins."""
    title = _title_case(tokens)
    names = frozenset(vocab.rules["names"]["always_capitalised"])
    gaps = _gap_cues(words, clauses, vocab)
    blocked = [False] * len(words)
    gaps = [gap for gap in gaps if gap.inner[1] > gap.inner[0]]
    for gap in gaps:
        for k in list(range(gap.start, gap.inner[0])) + list(range(gap.inner[1], gap.end)):
            blocked[k] = True
    mentions: list[_Mention] = []
    i = 0
    while i < len(words):
        found = _longest(words, clauses, i, vocab, blocked)
        if found and found.cue and _proper(tokens, found.start, found.end, title, names):
            found = None
        if found:
            rival = next((r for j in range(found.start + 1, found.end)
                          if (r := _longest(words, clauses, j, vocab, blocked))
                          and r.end > found.end and r.end - r.start > found.end - found.start),
                         None)
            if rival is not None:
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
    for gap in gaps:
        inner = [m for m in mentions if m.layer and gap.inner[0] <= m.start < gap.inner[1]]
        pronoun = any(w in _PRONOUNS for w in words[gap.inner[0]:gap.inner[1]])
        if not gap.cue.needs_object or inner or pronoun:
            mentions.append(gap)
    return sorted(mentions, key=lambda m: m.start)


def _coordinated(words: list[str], cue: _Mention, vocab: Vocabulary) -> list[_Mention]:
    """'lacks clarity and punch': the nouns after 'and' share the frame."""
    if not (cue.cue and cue.cue.lack_frame):
        return []
    out, at = [], cue.end
    while at < len(words) and words[at] in ("and", "or"):
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
    for head, tail, cue in vocab.gap_cues:
        for i in range(len(words) - len(head) + 1):
            if tuple(words[i:i + len(head)]) != head:
                continue
            after = i + len(head)
            for j in range(after, min(after + 4, len(words) - len(tail) + 1)):
                if tuple(words[j:j + len(tail)]) == tail and clauses[j] == clauses[i]:
                    found.append(_Mention(i, j + len(tail), cue=cue, inner=(after, j)))
                    break
    return found


def _negated(start: int, words: list[str], clauses: list[int], covered: list[bool],
             negators: frozenset[str]) -> bool:
    for k in range(start - 1, max(start - _NEGATION_WINDOW, 0) - 1, -1):
        if clauses[k] != clauses[start]:
            break
        if words[k] in negators and not covered[k]:
            return True
    return False


def _severity(words: list[str], lo: int, hi: int, rules) -> str:
    """Intensity words just before or inside the cue: "way too low", "a bit boomy"."""
    window = set(words[lo:hi])
    if window & set(rules["severity"]["mild"]):
        return "mild"
    if window & set(rules["severity"]["strong"]):
        return "strong"
    return "normal"


class _Reader:
    """One pass over one message; holds the per-message state the rules need."""

    def __init__(self, text: str, vocab: Vocabulary) -> None:
        self.text = text
        self.vocab = vocab
        self.rules = vocab.rules
        self.tokens = tokenize(text)
        self.words, self.corrections = _correct(self.tokens, vocab)
        self.clauses = clause_bounds(text, self.tokens)
        self.sentences = sentence_ids(text, self.tokens)
        self.mentions = _match(self.tokens, self.words, self.clauses, vocab)
        self.covered = [False] * len(self.words)
        for m in self.mentions:
            if m.cue:
                for k in range(m.start, m.end):
                    self.covered[k] = True
        self.negators = frozenset(self.rules["negation"]["negators"])
        self.praise = tuple(words_of(p) for p in self.rules["negation"]["praise"])
        self.mono_words = frozenset(self.rules["mono_context"]["words"])

    def layers_in(self, clause: int) -> list[_Mention]:
        out = []
        for m in self.mentions:
            if m.layer and self.clauses[m.start] == clause:
                if _negated(m.start, self.words, self.clauses, self.covered, self.negators) \
                        and not any(c.cue and self.clauses[c.start] == clause
                                    for c in self.mentions):
                    continue
                out.append(m)
        return out

    def named(self, mentions: list[_Mention]) -> list[_Mention]:
        return [m for m in mentions if m.layer not in self.vocab.weak_layers]

    def clause_words(self, clause: int) -> set[str]:
        return {w for w, c in zip(self.words, self.clauses, strict=True) if c == clause}

    def sentence_words(self, sentence: int) -> set[str]:
        return {w for w, s in zip(self.words, self.sentences, strict=True) if s == sentence}

    def is_praise(self, clause: int) -> bool:
        words = [w for w, c in zip(self.words, self.clauses, strict=True) if c == clause]
        said_of = set(self.rules["negation"]["praise_after"])
        return any(tuple(words[i:i + len(p)]) == p and (p[0] in said_of or
                                                        set(words[max(i - 2, 0):i]) & said_of)
                   for p in self.praise for i in range(len(words) - len(p) + 1))

    def conditional(self, cue: _Mention) -> bool:
        words = set(self.rules["conditional"]["words"])
        clause = self.clauses[cue.start]
        return any(self.words[k] in words and self.clauses[k] == clause
                   for k in range(0, cue.start))

    def read(self) -> Understanding:
        found: list[_Found] = []
        unclear: list[Clarification] = []
        carry: _Mention | None = None
        pending: list[tuple[str, int]] = []
        last_clause = max(self.clauses, default=-1)
        for clause in range(last_clause + 1):
            layers = self.layers_in(clause)
            named = self.named(layers)
            cues = [m for m in self.mentions if m.cue and self.clauses[m.start] == clause]
            if not cues:
                if named and pending and not self.is_praise(clause):
                    for problem, severity in pending:
                        found.append(self._make(named[0], problem, named[0], clause, severity))
                    pending = []
                if layers and not self.is_praise(clause):
                    carry = (named or layers)[-1]
                continue
            pending = []
            if self.is_praise(clause):
                continue
            for cue in cues:
                self._read_cue(cue, clause, layers, named, carry, found, unclear, pending)
            if layers:
                carry = (named or layers)[-1]
        return self._finish(found, unclear)

    def _read_cue(self, cue, clause, layers, named, carry, found, unclear, pending) -> None:
        problem = cue.cue.problem
        negated = _negated(cue.start, self.words, self.clauses, self.covered, self.negators)
        severity = _severity(self.words, max(cue.start - 3, 0), cue.end, self.rules)
        if cue.cue.denied_quality:
            if not negated:
                return
        elif negated:
            pending.append((problem, severity))
            return
        if self.conditional(cue) and problem not in self.rules["conditional"]["keep"]:
            return
        if problem == "masking":
            self._masking(cue, severity, found, unclear)
            return
        layer = self._layer_for(cue, layers, named, carry)
        found.append(self._make(layer, problem, cue, clause, severity, layers))

    def _layer_for(self, cue, layers, named, carry) -> _Mention | None:
        if cue.inner:
            inside = [m for m in layers if cue.inner[0] <= m.start < cue.inner[1]]
            if inside:
                return inside[0]
        before = [m for m in named if m.start < cue.start]
        after = [m for m in named if m.start >= cue.end]
        if cue.cue.object_after and after:
            return after[0]
        if before:
            return self._subject(cue, before)
        cue_text = " ".join(self.words[cue.start:cue.end])
        own = self.rules["no_layer"]["own_layer"].get(cue_text)
        if own:
            return _Mention(cue.start, cue.end, layer=own)
        weak_before = [m for m in layers if m.start < cue.start and m not in named]
        if weak_before:
            return weak_before[0]
        if carry is not None:
            return carry
        if after:
            return after[0]
        return next((m for m in layers if m not in named), None)

    def _subject(self, cue: _Mention, before: list[_Mention]) -> _Mention:
        """The nearest part before the cue that is not the object of a preposition,
        looking first at the stretch since the previous cue in the clause."""
        clause = self.clauses[cue.start]
        previous = max((m.end for m in self.mentions if m.cue and m.end <= cue.start
                        and self.clauses[m.start] == clause), default=-1)
        recent = [m for m in before if m.start >= previous] or before
        grammar = self.rules["grammar"]
        for mention in reversed(recent):
            k = mention.start - 1
            while k >= 0 and self.words[k] in grammar["determiners"]:
                k -= 1
            if k < 0 or self.words[k] not in grammar["prepositions"]:
                return mention
        return recent[0]

    def _masking(self, cue, severity, found, unclear) -> None:
        sentence = self.sentences[cue.start]
        parts = [m for m in self.mentions if m.layer and self.sentences[m.start] == sentence
                 and m.layer not in self.vocab.weak_layers]
        distinct = list(dict.fromkeys(m.layer for m in parts))
        if len(distinct) > 2 and "instruments" in distinct:
            parts = [m for m in parts if m.layer != "instruments"]
            distinct.remove("instruments")
        if len(distinct) >= 2:
            seen = set()
            for m in parts:
                if m.layer not in seen:
                    seen.add(m.layer)
                    found.append(_Found(m.layer, "masking", m.start, cue, m,
                                        self.clauses[cue.start], sentence, severity))
        elif not distinct:
            candidates = tuple(self.rules["no_layer"]["ask"]["masking"])
            unclear.append(Clarification("masking", candidates, self._span_text(cue, None),
                                         self._chars(cue, None)))

    def _make(self, layer_mention, problem, cue, clause, severity, layers=()) -> _Found:
        layer = layer_mention.layer if layer_mention else None
        if layer == "fx" and problem in self.rules["reverb_on_part"]:
            others = [m for m in self.named(list(layers)) if m.layer != "fx"]
            if others:
                layer_mention, layer = others[0], others[0].layer
                problem = self.rules["reverb_on_part"][problem]
        if cue.cue and cue.cue.mono_sensitive and (
                self.sentence_words(self.sentences[cue.start]) & self.mono_words):
            problem = "mono_collapse"
        return _Found(layer, problem, cue.start, cue, layer_mention, clause,
                      self.sentences[cue.start], severity, said=problem)

    def _finish(self, found: list[_Found], unclear: list[Clarification]) -> Understanding:
        resolved: list[_Found] = []
        for item in found:
            if item.layer is None:
                if item.problem in self.rules["no_layer"]["whole_song"]:
                    item.layer = "mix"
                else:
                    candidates = self.rules["no_layer"]["ask"].get(
                        item.problem, ["mix"])
                    unclear.append(Clarification(item.problem, tuple(candidates),
                                                 self._span_text(item.cue, None),
                                                 self._chars(item.cue, None)))
                    continue
            if item.layer == "mix":
                item.problem = self.rules["whole_song_problems"].get(item.problem, item.problem)
            remapped = self.rules["remap"].get(f"{item.layer}.{item.problem}")
            if remapped:
                item.layer, item.problem = remapped.split(".")
            resolved.append(item)
        resolved = self._dominate(resolved)
        resolved.sort(key=lambda f: f.position)
        intents, seen = [], set()
        for item in resolved:
            key = (item.layer, item.problem)
            if key in seen:
                continue
            seen.add(key)
            intents.append(Intent(
                layer=item.layer, problem=item.problem, route=route_for(item.layer),
                severity=item.severity, stems=stems_for(item.layer, item.problem),
                evidence=self._span_text(item.cue, item.layer_mention),
                span=self._chars(item.cue, item.layer_mention)))
        kind, topic = self._kind(intents, unclear)
        unique_unclear = tuple({c.problem: c for c in unclear}.values())
        return Understanding(self.text, kind, tuple(intents), unique_unclear,
                             tuple(self.corrections), topic)

    def _dominate(self, items: list[_Found]) -> list[_Found]:
        drop = set()
        for rule_problem, rule in self.rules["dominance"].items():
            for winner in items:
                if winner.problem != rule_problem:
                    continue
                scope = "sentence" if rule["scope"] == "sentence" else "clause"
                for i, other in enumerate(items):
                    if (other.layer == winner.layer and other.said in rule["over"]
                            and getattr(other, scope) == getattr(winner, scope)):
                        drop.add(i)
        return [item for i, item in enumerate(items) if i not in drop]

    def _kind(self, intents, unclear) -> tuple[str, str | None]:
        if intents or unclear:
            return "complaint", None
        asks = "?" in self.text or (bool(self.words) and self.words[0] in _QUESTION_STARTS)
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
