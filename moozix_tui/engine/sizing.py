"""Moves and notes sized beside the rest of their plan, worded for the moves active now.

dsp's plan says, as data (dsp.sized), which of its moves a level move, a low-mid cut or a
note counts on, and how its words read when some of those are left out or moves planned
apart from them join. `skip` or `undo` can leave some of those moves out (and `redo` bring
them back), and moves from another request or an explicit "2 dB louder" can sit beside
them without having been counted. So the session keeps which moves each was sized with, by
id (`sized_with`), and words each when shown from the moves active then: one wording per
state of the plan, with nothing to rewrite when moves come and go.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace

__all__ = ["active_moves", "active_notes", "in_render", "merged_notes", "planned", "with_id"]


def with_id(move: dict) -> dict:
    """A move as the session stores it: with an id the moves and notes sized beside it name."""
    return {**move, "id": uuid.uuid4().hex[:12]}


def planned(moves: Sequence, notes: Sequence, measured_with: Sequence[str] = ()
            ) -> tuple[list[dict], list[dict]]:
    """A new plan's moves (dsp Move) and notes (dsp Note) as the session stores them: each
    move with an id, and a move or note whose words count on other moves of the plan with
    their ids (`sized_with`) and its words as they come and go (`sized`). `measured_with`:
    the ids of earlier moves in the audio the plan was measured on (the last render's), which
    every such word counts on too: the vocal lifted on the render of the drums' lift."""
    out = [with_id(move.to_dict()) for move in moves]
    ids = [m["id"] for m in out]
    for move, kept in zip(moves, out, strict=True):
        kept.update(_sized(move.sized, ids, measured_with))
    return out, [{"text": note.text, **_sized(note.sized, ids, measured_with),
                  **({"about": [ids[i] for i in note.about]} if note.about else {})}
                 for note in notes]


def _sized(sized, ids: Sequence[str], measured_with: Sequence[str]) -> dict:
    if sized is None:
        return {}
    return {"sized_with": [*measured_with, *(ids[i] for i in sized.counts_on)],
            "sized": replace(sized, counts_on=()).to_dict()}


def merged_notes(earlier: Sequence[dict], new: Sequence[dict]) -> list[dict]:
    """The session's notes with a new plan's added, each text once (the newest kept)."""
    return list({n["text"]: n for n in (*earlier, *new)}.values())


def active_moves(moves: Sequence[dict], applied: int) -> list[dict]:
    """The applied moves as every face shows and renders them (chat, status, side panel,
    render, report): each reason with what the musician asked since (plan_edits)."""
    from moozix_tui.engine.plan_edits import asked_clause

    active = list(moves[:applied])
    return [{**m, "reason": _worded(m, m["reason"] + asked_clause(m), active)}
            for m in active]


def active_notes(notes: Sequence[dict], moves: Sequence[dict], applied: int) -> list[str]:
    """The notes as the chat and the report show them beside the applied moves; a note
    about moves (`about`) of which none is applied no longer holds and is left out."""
    active = list(moves[:applied])
    present = {m.get("id") for m in active}
    return [_worded(n, n["text"], active) for n in notes
            if not n.get("about") or present & set(n["about"])]


def in_render(move: dict, rendered: Sequence) -> bool:
    """Whether a render (its dsp Moves) did `move`: the same change to the sound, whatever
    its reason says now (reasons are worded afresh as moves come and go)."""
    from dsp.moves import Move

    done = Move.from_dict(move)
    return any(replace(done, reason=r.reason) == r for r in rendered)


def _worded(sized: dict, text: str, active: Sequence[dict]) -> str:
    """`text` as the moves active now make it true: how many of the moves it was sized with
    are left out or made stronger or gentler since (`asked`), and the numbers of the active
    moves it was sized without (planned apart: another request, an explicit level)."""
    if "sized" not in sized:
        return text
    from dsp.sized import Sized

    present = {m.get("id") for m in active}
    gone = sum(1 for i in sized["sized_with"] if i not in present)
    resized = sum(1 for m in active if m.get("id") in sized["sized_with"]
                  and m.get("asked", 1.0) != 1.0)
    apart = [n for n, m in enumerate(active, 1)
             if m.get("id") != sized.get("id") and m.get("id") not in sized["sized_with"]]
    return Sized.from_dict(sized["sized"]).worded(text, gone, apart, resized)
