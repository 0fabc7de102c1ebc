"""Reading a message that is not a command: complaints, questions, answers to a question
the assistant asked, and what to do next (ask for stems, or measure and plan)."""

from __future__ import annotations

import re

from dsp.wording import number, percent
from moozix_tui.engine import flow
from moozix_tui.engine.commands import (
    asks_for_diagnosis,
    mentions_reference,
    mentions_stereo_only,
)
from moozix_tui.engine.decide import complaint, complaints_heard
from moozix_tui.engine.model import Turn
from moozix_tui.engine.needs import covered, missing_stems
from moozix_tui.engine.plan_edits import (
    LOUDEST_TARGET_LUFS,
    QUIETEST_TARGET_LUFS,
    explicit_gain,
    new_target,
)
from moozix_tui.engine.present import (
    finding_line,
    layer_names,
    part_word,
    problem_word,
    restate,
    say_more,
    stem_request,
    the_part,
)
from moozix_tui.engine.session import Session
from moozix_tui.engine.sizing import in_render, with_id
from moozix_tui.engine.wording import answer_question, define, md_literal, unread_note

__all__ = ["answer_pending", "ask_again", "choose", "diagnose_song", "listen", "offer",
           "offer_instead", "picked_numbers"]

_MASTER_LEVEL = ("quiet_master", "loud_master")
_DB_REQUEST = re.compile(r"(\d+(?:\.\d+)?)\s*db", re.IGNORECASE)
_WHOLE_SONG_WORDS = ("whole", "everything", "overall", "entire", "all of it", "the song",
                     "the mix", "the track")


def listen(session: Session, text: str) -> Turn:
    from intents import understand

    heard = understand(text)
    replies = []
    if heard.read_chars is not None:
        note = unread_note(len(text), heard.read_chars)
        replies.append(f"({note[0].upper()}{note[1:]}.)")
    if heard.corrections:
        fixes = ", ".join(f"“{md_literal(c.typed)}” as *{c.understood}*"
                          for c in heard.corrections)
        replies.append(f"(I read {fixes}.)")
    meaning = None if heard.intents else define(text)
    if meaning:
        return session.reply(replies + [meaning])
    if heard.kind == "question" and not heard.intents:
        return session.reply(replies + [answer_question(heard.topic)])
    if heard.intents:
        said = complaints_heard(heard)
        level = [c for c in said if c["layer"] == "mix" and c["problem"] in _MASTER_LEVEL]
        if level and session.result is not None:   # the master exists: louder is a new target
            said = [c for c in said if c not in level]
            replies.append(_retarget(session, level[0]))
            if not said:
                return flow.replay(session, "\n\n".join(replies))
        planned = "" if _DB_REQUEST.search(text) else _planned_not_heard(session, said)
        if planned:  # an explicit "2 dB louder" is a new move, asked for as such
            replies.append(planned)
            said = [c for c in said if not _in_plan(session, c)]
            if not said:
                return session.reply(replies, "plan")
        _remember(session, said)
        replies.append("Here's what I heard:\n\n" + "\n".join(restate(c) for c in said))
        if heard.unclear:
            replies.append(_ask(session, heard.unclear[0]))
            return session.reply(replies, "question")
        _drop_choices(session)   # a new description answers the earlier choices
        instead = _alternatives(heard, said)
        if instead:
            replies.append(offer_instead(session, instead))
        return after_complaint(session, replies, text)
    if heard.unclear:
        replies.append(_ask(session, heard.unclear[0]))
        return session.reply(replies, "question")
    if heard.vague or asks_for_diagnosis(text):
        return diagnose_song(session, replies)
    if heard.guesses:
        choices = [{"layer": g.layer, "problem": g.problem, "evidence": g.evidence}
                   for g in heard.guesses[:4]]
        said = {c["evidence"] for c in choices}
        if len(said) == 1 and all(said):   # one set of words behind every choice: quote it once
            replies.append(f"I'm not sure what “{md_literal(said.pop())}” means for the mix. "
                           "Did you mean:\n\n" + offer(session, choices, quoted=False))
        else:
            replies.append("I'm not sure I got that. Did you mean:\n\n" + offer(session, choices))
        return session.reply(replies, "question")
    replies.append("I didn't catch a mix problem there. Tell me what sounds wrong — e.g. "
                   "*the vocal is buried*, *the kick and bass are fighting*, *it's too "
                   "quiet next to Spotify* — or say `help`.")
    return session.reply(replies)


def _unheard_moves(session: Session) -> list[tuple[int, dict]]:
    """(number, move) of the plan's moves the last render did not have."""
    rendered = session.rendered_moves()
    return [(n, m) for n, m in enumerate(session.active_moves(), 1)
            if not in_render(m, rendered)]


def _in_plan(session: Session, item: dict) -> bool:
    source = f"{item['layer']}/{item['problem']}"
    return any(m.get("source") == source for _, m in _unheard_moves(session))


def _planned_not_heard(session: Session, said: list[dict]) -> str:
    """A complaint said again while its moves wait to be rendered: planning it a second time
    would measure the mix without them and add the same move twice ('Turn the vocal up
    5.2 dB' twice, each sized to reach the same level)."""
    from dsp.moves import Move

    again = {f"{c['layer']}/{c['problem']}" for c in said if _in_plan(session, c)}
    moves = [(n, Move.from_dict(m).action(layer_names())) for n, m in _unheard_moves(session)
             if m.get("source") in again]
    count = len(session.active_moves())
    if not moves:
        return ""
    return ("That's in the plan already, not rendered yet:\n\n"
            + "\n".join(f"{n}. {action}" for n, action in moves)
            + f"\n\nSay `go` to hear it, or {say_more([n for n, _ in moves], count)} to "
              "make it stronger.")


def _retarget(session: Session, item: dict) -> str:
    """'Louder' or 'quieter' about a master the user has heard: step the loudness target
    from what the master measures, and say what that costs."""
    from dsp.targets import TARGETS

    streaming = TARGETS["streaming"].lufs
    measured = session.result.master.after.integrated_lufs
    louder = item["problem"] == "quiet_master"
    goal = new_target(measured, item["severity"], louder)
    if goal is None:
        if louder:
            return (f"The master already measures {number(measured)} LUFS, as loud as I take a "
                    f"master ({LOUDEST_TARGET_LUFS:g} LUFS): more limiting would flatten it.")
        return (f"The master already measures {number(measured)} LUFS, the quietest target I "
                f"offer ({QUIETEST_TARGET_LUFS:g} LUFS).")
    session.state.remember_direction()
    session.state.target = f"{goal:g}"
    if not louder:
        return (f"The master measures {number(measured)} LUFS. Lowering the target to {goal:g} "
                "LUFS: less limiting, more room for the peaks.")
    said = (f"The master measures {number(measured)} LUFS. Raising the target to {goal:g} LUFS: "
            "louder and denser, with more limiting on the peaks.")
    if goal > streaming:
        said += (f" Spotify and YouTube play masters at about {streaming:g} LUFS and turn "
                 "louder ones down, so there it will sound no louder, only more limited.")
    return said


def _remember(session: Session, heard: list[dict]) -> None:
    """New complaints join the list (a repeat of an open one is not added twice), and the
    stems they need join the checklist."""
    from intents import stems_for

    state = session.state
    for item in heard:
        if any(k["layer"] == item["layer"] and k["problem"] == item["problem"]
               and not k.get("done") for k in state.intents):
            continue
        state.intents.append(item)
        for stem in stems_for(item["layer"], item["problem"]):
            if stem not in state.needed:
                state.needed.append(stem)


def _ask(session: Session, clarification) -> str:
    """'Muddy where?' — offering only the parts that are loaded (when any are), plus the
    whole song."""
    roles = session.roles() - {"mix"}
    candidates = [c for c in clarification.candidates if c != "mix"]
    if roles:
        loaded = [c for c in candidates if covered(c, roles)]
        candidates = loaded or sorted(roles)
    _open(session, problem=clarification.problem, candidates=candidates,
          evidence=clarification.evidence)
    options = ", ".join(part_word(c) for c in candidates)
    word = problem_word(clarification.problem)
    question = (f"**{word.capitalize()} where** — {options}, or the whole song? "
                "(If you can name the part, I can fix the part.)")
    measured = _measured_default(session, clarification.problem, candidates)
    if measured:
        layer, why = measured
        session.state.pending["default"] = layer
        question += f"\n\nBy the measurement, {why} — say `yes` to fix {the_part(layer)}."
    return question


def ask_again(session: Session) -> Turn | None:
    """'Yes' or 'go' while 'muddy where?' waits with no measured part to say yes to: the
    question again, not a new one."""
    pending = session.state.pending or {}
    if "problem" not in pending or "default" in pending:
        return None
    options = ", ".join(part_word(c) for c in pending.get("candidates", ()))
    word = problem_word(pending["problem"])
    return session.reply([f"**{word.capitalize()} where?** Name the part ({options}) or say "
                          "*the whole song*, and I'll go from there."], "question")


def _measured_default(session: Session, problem: str,
                      candidates: list[str]) -> tuple[str, str] | None:
    """The part the measurement points to, when the stems are measured already: its
    finding of the problem (as `moozix fix` resolves it), else for muddy and harsh the part
    that carries most of that range."""
    from moozix_tui.engine.decide import diagnosis, resolve_unclear

    # the newest measurement: the last render's when there is one
    analysis = session.result.after if session.result is not None else session.analysis
    if analysis is None:
        return None
    findings = diagnosis(analysis)
    layer = resolve_unclear(problem, candidates, analysis, findings)
    if layer is None:
        return None
    finding = next((f for f in findings if (f.layer, f.problem) == (layer, problem)), None)
    if finding is not None:
        return layer, finding.evidence
    if problem == "muddy":
        share = analysis.low_mid_share.get(layer, 0.0)
        return layer, (f"{percent(share)} of the mix's 150–400 Hz energy is in "
                       f"{the_part(layer)}, more than in any other part I could fix")
    return layer, f"{the_part(layer)} stand out most in that range"


def _alternatives(heard, said: list[dict]) -> list[dict]:
    """Choices beside doubtful readings: each names the reading it would replace."""
    kept = {(c["layer"], c["problem"]) for c in said}
    out = []
    for guess in heard.guesses:
        if guess.instead_of is None:
            continue
        reading = heard.intents[guess.instead_of]
        if (reading.layer, reading.problem) in kept:
            out.append({"layer": guess.layer, "problem": guess.problem,
                        "evidence": guess.evidence,
                        "instead_of": {"layer": reading.layer, "problem": reading.problem}})
    return out


def _open(session: Session, **question) -> None:
    """The question just asked replaces an earlier one; files waiting for their part keep
    waiting, and the question comes after theirs (answer_pending answers the newest)."""
    waiting = (session.state.pending or {}).get("unplaced")
    session.state.pending = {**({"unplaced": waiting} if waiting else {}), **question}


def _close(session: Session) -> None:
    """The question answered (or passed over) closes; files waiting for their part keep
    waiting: only an answer naming their part, or the files leaving, ends that."""
    waiting = (session.state.pending or {}).get("unplaced")
    session.state.pending = {"unplaced": waiting} if waiting else None


def _drop_choices(session: Session) -> None:
    pending = session.state.pending or {}
    if "choices" in pending:
        rest = {k: v for k, v in pending.items() if k != "choices"}
        session.state.pending = rest or None


def offer_instead(session: Session, choices: list[dict]) -> str:
    """Other readings beside a doubtful one, offered without stopping: the reading goes
    ahead, and a number (now, after the files, or after the plan) swaps it."""
    _open(session, choices=choices)
    lines = [f"{n}. " + finding_line(c["layer"], c["problem"], c.get("evidence", ""))
             + f", instead of {the_part(c['instead_of']['layer'])} "
             + problem_word(c["instead_of"]["problem"])
             for n, c in enumerate(choices, 1)]
    numbers = " or ".join(str(n) for n in range(1, len(choices) + 1))
    return ("I'm not sure I read that right — **or did you mean**:\n\n" + "\n".join(lines)
            + f"\n\nSay {numbers} to take that instead; otherwise I go on with what I heard.")


def offer(session: Session, choices: list[dict], quoted: bool = True) -> str:
    """Numbered readings to pick from; the answer comes back through answer_pending. Each
    line quotes its evidence unless `quoted` is False (the caller quoted it once)."""
    _open(session, choices=choices)
    lines = [f"{n}. " + finding_line(c["layer"], c["problem"],
                                     c.get("evidence", "") if quoted else "", c.get("also", ()))
             for n, c in enumerate(choices, 1)]
    lines.append(f"{len(choices) + 1}. something else")
    if len(choices) == 1:
        pick = "Say 1 to take it"
    else:
        pick = ("Say " + ", ".join(str(n) for n in range(1, len(choices))) + f" or "
                f"{len(choices)} (several are fine)")
    return "\n".join(lines) + f"\n\n{pick}, or describe it in your own words."


def diagnose_song(session: Session, replies: list[str]) -> Turn:
    """A complaint that names nothing ('it sounds amateur'): measure, then offer what the
    measurement finds, worst first."""
    if not session.selected_sources():
        _open(session, diagnose=True)
        replies.append("Let me measure it and tell you what stands out. Give me the stems "
                       "(paste a folder, or **ctrl+o**) or just the stereo mix.")
        return session.reply(replies, "question")
    _close(session)
    return flow.start_analysis(session, replies, diagnose=True)


def choose(session: Session, text: str) -> Turn | None:
    """'1', '1 and 3', 'the first one', 'all', 'yes' after a list of choices or a measured
    default; None for anything else (a sentence that holds a number is not a pick)."""
    pending = session.state.pending or {}
    said = text.lower()
    replies = []
    if "default" in pending and said.strip(" .!") in ("yes", "y", "yep", "ok", "sure", "go",
                                                       "do it", "yes please"):
        picked = [complaint(pending["default"], pending["problem"],
                            evidence=pending.get("evidence", ""), measured=True)]
    elif "choices" in pending:
        choices = pending["choices"]
        instead = any("instead_of" in c for c in choices)
        numbers = picked_numbers(text, len(choices) + (not instead))
        declined = said.strip(" .!") in _NONE_WORDS
        if not numbers and not declined:
            return None
        if declined and instead:
            _drop_choices(session)
            return session.reply(["Staying with what I heard."])
        if declined or len(choices) + 1 in numbers:
            _drop_choices(session)
            return session.reply(["Tell me in your own words what sounds wrong."])
        chosen = [choices[n - 1] for n in numbers if 1 <= n <= len(choices)]
        picked = [complaint(c["layer"], c["problem"], evidence=c.get("evidence", ""),
                            measured=c.get("measured", False), also=c.get("also", ()))
                  for c in chosen]
        replies += [_replace(session, c["instead_of"]) for c in chosen if "instead_of" in c]
    else:
        return None
    _drop_choices(session)
    if "default" in pending:
        _close(session)
    _remember(session, picked)
    # a measured pick's figures were on screen with the choice, and the plan's moves say them
    replies.insert(0, "Got it:\n\n" + "\n".join(restate(c, quoted=not c.get("measured"))
                                                for c in picked))
    return after_complaint(session, [r for r in replies if r], text)


_NUMBER_WORDS = {"one": 1, "first": 1, "1st": 1, "two": 2, "second": 2, "2nd": 2,
                 "three": 3, "third": 3, "3rd": 3, "four": 4, "fourth": 4, "4th": 4,
                 "five": 5, "fifth": 5, "5th": 5}
_ALL_WORDS = ("all", "both", "everything")
_NONE_WORDS = ("none", "neither", "no", "nope", "none of them", "neither of them",
               "something else", "no thanks", "nah")
_PICK_FILLER = frozenset(("and", "or", "the", "one", "ones", "number", "no", "nr", "option",
                          "options", "choice", "please", "of", "them", "i", "mean", "meant",
                          "take", "pick", "go", "with", "it", "its", "s", "is",
                          "thanks", "then", "just", "plus", "too", "ok", "okay"))


def picked_numbers(text: str, count: int) -> list[int]:
    """The choice numbers a reply picks out of `count`: '2', '1 and 3', 'the first one',
    'number 2 please', 'both'. Empty unless every word is a number, an ordinal or a word
    of picking, so '/music/take 2/vox.wav' or 'the vocal is 3 dB too low' pick nothing."""
    if any(ch in text for ch in "/\\~=:"):
        return []
    words = re.findall(r"[a-z]+|\d+", text.lower().replace("'", ""))
    numbers: list[int] = []
    for word in words:
        if word.isdigit():
            numbers.append(int(word))
        elif word in _ALL_WORDS:
            numbers.extend(range(1, count + 1))
        elif word == "last":
            numbers.append(count)
        elif word in _NUMBER_WORDS and not (word == "one" and numbers):
            numbers.append(_NUMBER_WORDS[word])
        elif word not in _PICK_FILLER:
            return []
    return [n for n in dict.fromkeys(numbers) if 1 <= n <= count]


def _replace(session: Session, reading: dict) -> str:
    """A picked alternative replaces the reading it stands for: the complaint goes, and so
    do the moves planned for it (the last render no longer matches the plan)."""
    state = session.state
    state.intents[:] = [i for i in state.intents if not (
        i["layer"] == reading["layer"] and i["problem"] == reading["problem"])]
    source = f"{reading['layer']}/{reading['problem']}"
    kept = [m for m in state.moves[:state.applied] if m.get("source") != source]
    if len(kept) == state.applied:
        return ""
    dropped = state.applied - len(kept)
    state.moves, state.applied = kept, len(kept)
    session.result = None
    return (f"Took out {'the move' if dropped == 1 else f'the {dropped} moves'} planned for "
            f"{the_part(reading['layer'])} {problem_word(reading['problem'])}.")


def answer_pending(session: Session, text: str) -> Turn | None:
    """The answer to 'muddy where?' or to numbered choices, or None when the message is
    something else."""
    from intents import answered_part, understand

    chosen = choose(session, text)
    if chosen is not None:
        return chosen
    pending = session.state.pending or {}
    if "unplaced" in pending and list(pending)[-1] == "unplaced":   # asked last
        from moozix_tui.engine.intake import place_unplaced

        return place_unplaced(session, text)
    if "problem" not in pending:
        return None
    if understand(text).intents:   # "the kick sounds thin": a complaint of its own
        _close(session)
        return None
    lowered = text.lower()
    layer = "mix" if any(w in lowered for w in _WHOLE_SONG_WORDS) else answered_part(text)
    if layer is None:
        return None
    _close(session)
    item = complaint(layer, pending["problem"], evidence=text)
    _remember(session, [item])
    replies = ["Got it:\n\n" + restate({**item, "evidence": text})]
    return after_complaint(session, replies, text)


def after_complaint(session: Session, replies: list[str], text: str) -> Turn:
    state = session.state
    asked = _DB_REQUEST.search(text)
    if asked and state.analysed:
        return _explicit_gain(session, replies, float(asked.group(1)))
    if mentions_reference(text) and not state.reference:   # "quiet next to my reference"
        replies.append("You compare it with a reference: give me that track — "
                       "`reference ~/path/to/track.wav` — and I'll match its broad tone "
                       "(its loudness is the target's: `target -16`, say).")
    if mentions_stereo_only(text) and not state.stereo_only:  # "…, I only have the mix"
        return flow.stereo_only(session, replies)
    pending = [i["layer"] for i in state.intents if not i.get("done")]
    missing = missing_stems(pending, state.needed, session.roles(),
                            stereo_only=state.stereo_only)
    if missing and not state.stereo_only:
        replies.append(stem_request(missing, state.files))
        return session.reply(replies, "checklist")
    return flow.start_analysis(session, replies)


def _explicit_gain(session: Session, replies: list[str], asked_db: float) -> Turn:
    state = session.state
    intent = state.intents[-1]
    if intent["problem"] not in ("too_quiet", "too_loud"):
        return flow.start_analysis(session, replies)
    intent["done"] = True
    move, planned = explicit_gain(intent["layer"], intent["problem"], asked_db)
    state.moves = state.moves[:state.applied] + [with_id(move)]
    state.applied = len(state.moves)
    said = f"Added {planned:+.1f} dB on {the_part(intent['layer'])}."
    if abs(planned) < asked_db:
        said = (f"Added {planned:+.1f} dB on {the_part(intent['layer'])} — you asked for "
                f"{asked_db:g} dB, and {abs(planned):g} dB is the most I move a part in one "
                "step. Say it again for more.")
    return flow.plan_changed(session, "\n\n".join(replies + [said]))
