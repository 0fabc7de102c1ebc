"""Moves and notes sized beside the rest of their plan, worded for the moves active now.

dsp.recipes sizes a level move for what the plan's other moves do to its part (a mud cut
on the vocal lowers the vocal too), and a low-mid cut for where the mix lands once every
move has acted, and says so in its reason; two of its notes count on every move too (the
low-mid prediction, a level move the others made idle). The planner sees one plan at a
time: `skip` or `undo` can leave some of those moves out (and `redo` bring them back),
and moves from another request or an explicit "2 dB louder" can sit beside them without
having been counted. So the plan keeps which moves each move and note was sized with, and
each is worded when shown, from the moves active then: one wording per state of the plan,
with nothing to rewrite when moves come and go.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import replace

__all__ = ["active_moves", "active_notes", "in_render", "merged_notes", "planned", "with_id"]


def with_id(move: dict) -> dict:
    """A move as the session stores it: with an id the moves and notes sized beside it name."""
    return {**move, "id": uuid.uuid4().hex[:12]}


def planned(moves: Sequence, notes: Sequence[str]) -> tuple[list[dict], list[dict]]:
    """A new plan's moves (dsp Move) and notes as the session stores them: each move with an
    id, and a move or note whose words count on other moves of the plan with theirs
    (`sized_with`)."""
    out = [with_id(move.to_dict()) for move in moves]
    ids = [m["id"] for m in out]
    for move in out:
        if any(mark in move["reason"] for mark in _move_marks()):
            move["sized_with"] = [i for i in ids if i != move["id"]]
    kept = []
    for note in notes:
        kind = _note_kind(note)
        counts_on = ids if kind == "every move" else [
            m["id"] for m in out if _cut_named(m["reason"], note)] if kind else None
        kept.append({"text": note} if counts_on is None
                    else {"text": note, "sized_with": counts_on})
    return out, kept


def _cut_named(reason: str, note: str) -> bool:
    """Whether a low-mid cut's reason ('… 28% of it is in the bass, centred near …') is on
    a part the note lists as cut ('… the bass (28%) …')."""
    from dsp.recipes import MUD_CUT

    found = re.search(r" of it is in (.+?), centred near", reason)
    return reason.startswith(MUD_CUT) and found is not None and f"{found[1]} (" in note


def merged_notes(earlier: Sequence[dict], new: Sequence[dict]) -> list[dict]:
    """The session's notes with a new plan's added, each text once (the newest kept)."""
    return list({n["text"]: n for n in (*earlier, *new)}.values())


def active_moves(moves: Sequence[dict], applied: int) -> list[dict]:
    """The applied moves as every face shows and renders them (chat, status, side panel,
    render, report)."""
    active = list(moves[:applied])
    return [{**m, "reason": _reason(m, active)} for m in active]


def active_notes(notes: Sequence[dict], moves: Sequence[dict], applied: int) -> list[str]:
    """The notes as the chat and the report show them beside the applied moves."""
    active = list(moves[:applied])
    return [_note(n, active) for n in notes]


def in_render(move: dict, rendered: Sequence) -> bool:
    """Whether a render (its dsp Moves) did `move`: the same change to the sound, whatever
    its reason says now (reasons are worded afresh as moves come and go)."""
    from dsp.moves import Move

    done = Move.from_dict(move)
    return any(replace(done, reason=r.reason) == r for r in rendered)


def _move_marks() -> tuple[str, ...]:
    from dsp.recipes import LANDS_WITH_EVERY_MOVE, LEVEL_GOAL, SIZED_FOR_OTHER_MOVES

    return SIZED_FOR_OTHER_MOVES, LANDS_WITH_EVERY_MOVE, LEVEL_GOAL


def _note_kind(text: str) -> str | None:
    """What a note counts on: "every move" of its plan, the plan's low-mid "cuts" it says
    were made, or None."""
    from dsp.recipes import CUT_ELSEWHERE, OTHER_MOVES_BRING, WITH_EVERY_MOVE_IN

    if text.startswith((WITH_EVERY_MOVE_IN, OTHER_MOVES_BRING)):
        return "every move"
    return "cuts" if any(mark in text for mark in CUT_ELSEWHERE) else None


def _gone_and_apart(sized: dict, active: Sequence[dict]) -> tuple[int, list[int]]:
    """How many of the moves `sized` was sized with are left out, and the numbers of the
    active moves it was sized without (planned apart: another request, an explicit level)."""
    if "sized_with" not in sized:
        return 0, []
    present = {m.get("id") for m in active}
    gone = sum(1 for i in sized["sized_with"] if i not in present)
    apart = [n for n, m in enumerate(active, 1)
             if m.get("id") != sized.get("id") and m.get("id") not in sized["sized_with"]]
    return gone, apart


def _which(gone: int) -> str:
    return "one of them is" if gone == 1 else f"{gone} of them are"


def _numbers(apart: Sequence[int]) -> str:
    if len(apart) == 1:
        return f"move {apart[0]} was"
    return "moves " + ", ".join(map(str, apart[:-1])) + f" and {apart[-1]} were"


def _sized_clause() -> re.Pattern:
    from dsp.recipes import SIZED_FOR_OTHER_MOVES

    # the landing a held move names counts on the same moves, so it goes with them
    return re.compile(r"; (\d+(?:\.\d+)?) dB (more|less) than that gap, "
                      + re.escape(SIZED_FOR_OTHER_MOVES)
                      + r"(; held at \d+(?:\.\d+)? dB, the limit of one measured move)?"
                        r"(?:, so it lands near [^;]*)?")


def _reason(move: dict, active: Sequence[dict]) -> str:
    from dsp.recipes import LANDS_WITH_EVERY_MOVE

    reason = move["reason"]
    gone, apart = _gone_and_apart(move, active)
    if gone:
        def reworded(found: re.Match) -> str:
            return (f"; sized {found[1]} dB {found[2]} than that gap for the moves planned "
                    f"with it, and {_which(gone)} now left out, so the part may not land there"
                    + (found[3] or ""))

        reason = _sized_clause().sub(reworded, reason, count=1)
        reason = reason.replace(LANDS_WITH_EVERY_MOVE, f"with every move planned beside it, "
                                                       f"and {_which(gone)} now left out, so "
                                                       "it may not", 1)
    if apart:
        reason = reason.replace(LANDS_WITH_EVERY_MOVE,
                                "once every move planned beside it has acted", 1)
        reason += (f"; {_numbers(apart)} planned apart from it and not counted in its "
                   "sizing, so the landing it names may not hold")
    return reason


def _note(note: dict, active: Sequence[dict]) -> str:
    from dsp.recipes import PREDICTED_AFTER

    text = note["text"]
    gone, apart = _gone_and_apart(note, active)
    if _note_kind(text) == "cuts":   # says what was cut, not where anything lands
        if gone:
            which = "One of those cuts is" if gone == 1 else f"{gone} of those cuts are"
            text += f" {which} now left out."
        return text
    if gone:
        where = "the part may not land there"
        if PREDICTED_AFTER in text:   # the prediction counted on every move
            text = text[:text.index(PREDICTED_AFTER)] + "."
            where = "the mix may not land where this plan predicted"
        which = "One of those moves is" if gone == 1 else f"{gone} of those moves are"
        text += f" {which} now left out, so {where}."
    if apart:
        text += (f" {_numbers(apart)[0].upper()}{_numbers(apart)[1:]} planned apart from "
                 "this and not counted in it.")
    return text
