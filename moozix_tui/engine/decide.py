"""The one decision path from words and stems to a plan, shared by the chat and `moozix fix`.

The chat gathers complaints over several messages (and can ask back); the command line
has one sentence and cannot ask. Both turn complaints into fix requests here and plan
them here, so the same words and stems give the same plan.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from moozix_tui.engine.present import layer_names, part_word, parts_word, problem_word

__all__ = ["complaint", "complaints_heard", "plan", "resolve_unclear", "settle_doubtful",
           "single_out", "standing", "without_questions"]

def complaint(layer: str, problem: str, *, severity: str = "normal", evidence: str = "",
              route: str | None = None, measured: bool = False, tone: str = "",
              also: Sequence[str] = ()) -> dict:
    """A complaint as the session stores it; `measured` when the measurement, not the
    user's words, picked the part; `tone` which way a whole-song tone is off; `also` the
    other parts a measured finding showed the problem on (one plan fixes them all)."""
    from intents import TONES, WHOLE_SONG_PROBLEMS, route_for

    if layer == "mix":   # "muddy" said of the whole song is its tonal balance, and so on
        tone = tone or (problem if problem in TONES else "")
        problem = WHOLE_SONG_PROBLEMS.get(problem, problem)
    return {"layer": layer, "problem": problem, "severity": severity,
            "route": route or route_for(layer), "evidence": evidence, "done": False,
            "measured": measured, "tone": tone, "also": list(also)}


def complaints_heard(heard) -> list[dict]:
    return [{**complaint(i.layer, i.problem, severity=i.severity, evidence=i.evidence,
                         route=i.route, tone=i.tone), "said": heard.text}
            for i in heard.intents]


_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str, layer: str) -> set[str]:
    """Words that can tell one file of a part from another: the words naming the part as a
    whole ('guitar', 'gtr', 'vox') say nothing about which file; one kind of the part
    ('808', 'organ') does (intents.names_whole_part). A label ('in', 'a', '2', 'l': a
    position, a letter, a number) is in any sentence ("buried in the mix", "a bit harsh",
    "2 dB louder"), so it names a file only said next to a word for the part ("the kick
    in", "vox a", "the second guitar") or a number after a take's word ("the BV take 2").
    Words compare by their word form ("the hats" names "Hi Hat")."""
    from intents import file_labels, names_whole_part, word_form

    labels = file_labels()
    said = [labels.said.get(w, w) for w in _WORD.findall(text.lower())]
    whole = [names_whole_part(w, layer) for w in said]

    def beside_part(i: int) -> bool:
        return any(whole[j] for j in (i - 1, i + 1) if 0 <= j < len(said)) or (
            i > 0 and said[i - 1] in labels.takes)

    def amount(i: int) -> bool:
        return said[i].isdigit() and i + 1 < len(said) and said[i + 1] in labels.units

    return {word_form(w) for i, w in enumerate(said) if not whole[i]
            and (not _label(w, labels.positions) or (beside_part(i) and not amount(i)))}


def _label(word: str, positions: frozenset[str]) -> bool:
    """A take's number ('2', '12'; '808' is a drum machine), a letter, or a position."""
    return (word.isdigit() and len(word) <= 2) or len(word) == 1 or word in positions


def single_out(said: str, names: Sequence[str], layer: str) -> str | None:
    """The one file of a part a complaint names ("the DI guitar" -> "Gtr DI", "the second
    BGV" -> "BGV 2", "the 808" -> "808" beside "Sub" and "Bass DI"): a word that only that
    file's name has. None unless exactly one does."""
    if len(names) < 2:
        return None
    words = {name: _own_words(name, layer) for name in names}
    shared = set.intersection(*words.values())
    heard = _words(said, layer)
    hits = [name for name, own in words.items() if (own - shared) & heard]
    return hits[0] if len(hits) == 1 else None


def _own_words(name: str, layer: str) -> set[str]:
    """A file name's words but those naming the part as a whole: every one counts, labels
    too ('Kick In' is told from 'Kick Out' by 'in')."""
    from intents import file_labels, names_whole_part, word_form

    said = file_labels().said
    return {word_form(said.get(w, w)) for w in _WORD.findall(name.lower())
            if not names_whole_part(w, layer)}


def resolve_unclear(problem: str, candidates: Sequence[str], analysis,
                    findings: Sequence) -> str | None:
    """The part a part-less complaint most likely means, by measurement: the candidate with
    the strongest finding of that problem, else (for muddy and harsh) the loaded candidate
    that carries most of the mix's low mids or the brightest presence band. None when no
    loaded candidate can be measured."""
    for finding in findings:  # diagnose() ranks the worst first
        if finding.problem == problem and finding.layer in candidates:
            return finding.layer
    loaded = [c for c in candidates if c in analysis.tracks]
    if problem == "muddy" and loaded:
        return max(loaded, key=lambda c: analysis.low_mid_share.get(c, 0.0))
    if problem == "harsh" and loaded:
        return max(loaded, key=lambda c: analysis.harshness[c].presence_share_db
                   if c in analysis.harshness else -math.inf)
    return None


def leading_findings(findings: Sequence, *, most: int, mild: bool = False) -> list:
    """The measured problems to lead with, worst first: normal and strong findings (and
    mild ones if `mild`), and a problem one complaint fixes on every part (muddy) once, in
    its worst part's place, naming every part it shows on (dsp.diagnosis.joined)."""
    from dsp.diagnosis import joined
    from dsp.recipes import ONE_FOR_ALL_PARTS

    kept: list = []
    shared: dict[str, list] = {}
    for finding in findings:
        if finding.severity not in ("normal", "strong") and not mild:
            continue
        if finding.problem in ONE_FOR_ALL_PARTS:
            if finding.problem in shared:
                shared[finding.problem].append(finding)
                continue
            shared[finding.problem] = [finding]
        kept.append(finding)
    return [joined(shared[f.problem]) if f.problem in shared else f for f in kept[:most]]


def without_questions(heard, analysis, findings: Sequence) -> tuple[list[dict], list[str]]:
    """Complaints for a caller that cannot ask back (`moozix fix`), and notes saying how
    each unclear reading was settled: a part-less problem goes to the part the measurement
    points to; a doubtful reading gives way to an alternative only when the measurement
    backs the alternative and not the reading; a vague 'it sounds bad' takes the worst
    measured findings; loose readings (guesses) are kept only where a measurement backs
    them."""
    complaints = complaints_heard(heard)
    alternatives = [(complaints[g.instead_of], {"layer": g.layer, "problem": g.problem,
                                                "evidence": g.evidence})
                    for g in heard.guesses if g.instead_of is not None]
    complaints, notes, _ = settle_doubtful(complaints, alternatives, findings, analysis)
    for unclear in heard.unclear:
        layer = resolve_unclear(unclear.problem, unclear.candidates, analysis, findings)
        if layer is None:
            notes.append(f"\"{unclear.evidence}\": nothing measured stands out for "
                         f"{problem_word(unclear.problem)}, so I left it alone")
            continue
        complaints.append(complaint(layer, unclear.problem, evidence=unclear.evidence))
        notes.append(f"\"{unclear.evidence}\" named no part: the measurement points to the "
                     f"{part_word(layer)}, so that is what I fixed")
    if complaints or not (heard.vague or heard.guesses):
        return complaints, notes
    if heard.vague:
        picked = leading_findings(findings, most=3)
        why = "named no problem, so I fixed what the measurement finds furthest from typical"
    else:
        readings = {(g.layer, g.problem) for g in heard.guesses}
        picked = [f for f in findings if f.severity in ("normal", "strong")
                  and (f.layer, f.problem) in readings][:2]
        why = "was not clear to me; I fixed only the readings a measurement backs"
    for finding in picked:
        complaints.append(complaint(finding.layer, finding.problem, evidence=finding.evidence,
                                    also=finding.also))
    from dsp.diagnosis import is_song

    found = "; ".join(f"{parts_word(f.layer, f.also)} — {problem_word(f.problem)} ({f.evidence})"
                      for f in picked) or ("nothing stood out" if is_song(analysis) else
                                           "nothing; only voices are loaded, and a song's "
                                           "balance and tone can't be judged from voices alone "
                                           "(give me the music too: its stems, or a mix "
                                           "without the vocals)")
    notes.append(f"\"{heard.text}\" {why}: {found}")
    return complaints, notes


def settle_doubtful(complaints: Sequence[dict], alternatives: Sequence[tuple[dict, dict]],
                    findings: Sequence, analysis
                    ) -> tuple[list[dict], list[str], list[tuple[dict, dict]]]:
    """Doubtful readings settled by measurement, the same for the chat (when it plans) and
    `moozix fix`: a reading gives way to one of its alternatives (pairs of the reading's
    complaint and an alternative) only when the measurement backs that alternative and not
    the reading. Parts named as fighting are backed when they measurably sit on each other
    (dsp.diagnosis.fighting_measured): with two stems one part always stands over "the
    rest", and that level finding took "the guitars and the keys are fighting" for the keys
    too loud. Returns the complaints, a note for each reading the measurement changed (one
    that stands is fixed as said, with nothing to explain), and the (reading, alternative)
    pairs that were swapped."""
    from dsp.diagnosis import fighting_measured

    backed = {(f.layer, f.problem) for f in findings if f.severity in ("normal", "strong")}
    fighting = [c["layer"] for c in complaints if c["problem"] == "masking"]
    out, notes, swapped = list(complaints), [], []
    for index, reading in enumerate(complaints):
        others = [alt for of, alt in alternatives if of is reading]
        if not others:
            continue
        key = (reading["layer"], reading["problem"])
        swap = next((a for a in others if (a["layer"], a["problem"]) in backed), None)
        said = reading.get("evidence", "")
        if key in backed or swap is None or (
                reading["problem"] == "masking"
                and fighting_measured(reading["layer"], fighting, analysis)):
            continue
        out[index] = {**complaint(swap["layer"], swap["problem"], severity=reading["severity"],
                                  evidence=swap.get("evidence", "")),
                      "said": reading.get("said", "")}
        swapped.append((reading, out[index]))
        notes.append(f"\"{said}\" was not certain: the measurement backs {_reading(swap)} and "
                     f"not {_reading(reading)}, so that is what I fixed")
    return out, notes, swapped


def _reading(item: dict) -> str:
    return f"{part_word(item['layer'])} {problem_word(item['problem'])}"



def plan(complaints: Sequence[dict], analysis, stems=None, *, before=None,
         under: Sequence = (), kept: Sequence[dict] = (), balance=None):
    """The moves for these complaints, sized from the analysis (dsp.recipes, which also
    works on a part inside the stem that holds it and says so). `stems`: the original
    audio, so where the plan says a part lands it says what a render of it will measure
    (dsp.pipeline.Balance), with `under`, the moves made so far (dsp Moves), in
    front of the plan's: `analysis` measures the stems with those applied, `before` the
    stems as they are (by default `analysis`). `kept`: complaints fixed by those moves
    (standing), whose level fixes the plan holds in place. `balance`: the
    Balance to measure with, when the caller hands it to the render after (which
    then takes over its last measurement)."""
    from dsp.pipeline import Balance
    from dsp.recipes import plan_fixes
    from intents import effect_source

    returns = {name: part for name in analysis.parts.get("fx", ())
               if (part := effect_source(name))}
    if balance is None and stems is not None:
        balance = Balance(stems, before or analysis)
    return plan_fixes([_request(c, analysis) for c in complaints], analysis,
                      names=layer_names(), return_parts=returns,
                      measure=(lambda moves: balance([*under, *moves])) if balance else None,
                      kept=[_request(c, analysis) for c in kept])


def standing(complaints: Sequence[dict], moves: Sequence[dict]) -> list[dict]:
    """The complaints already fixed that a new plan keeps as goals: each one planned (done)
    with a move of its own among `moves`, the active ones (an undone fix stands no more)."""
    sources = {m.get("source") for m in moves}
    return [c for c in complaints if c.get("done") and _request(c, None).source in sources]


def diagnosis(analysis) -> tuple:
    """What the measurement finds, worst first (dsp.diagnosis), its evidence naming the
    parts as the chat does."""
    from dsp.diagnosis import diagnose

    return diagnose(analysis, names=layer_names())


def answers(complaints: Sequence[dict]) -> list[str]:
    """What a render of these complaints' plan answers (dsp.pipeline.RenderResult.answers),
    so each gets its before/after row, a complaint with no move of its own too."""
    return list(dict.fromkeys(_request(c, None).source for c in complaints))


def _request(complaint: dict, analysis):
    from dsp.moves import FixRequest

    layer = complaint["layer"]
    file = _singled_out(complaint.get("said", ""), analysis, layer) \
        if analysis is not None else None
    return FixRequest(layer, complaint["problem"], complaint["severity"], file,
                      complaint.get("tone", ""))


def _singled_out(said: str, analysis, layer: str) -> str | None:
    """The file a complaint names, among its part's files or, for a part with none, among
    those of the part it lives in ('the doubles' in the lead vocal's 'Lead Vox Dbl')."""
    from moozix_tui.engine.needs import host_stem

    host = host_stem(layer, set(analysis.parts)) or layer
    return single_out(said, analysis.parts.get(host, ()), host)
