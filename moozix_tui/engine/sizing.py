"""Level moves sized beside the rest of their plan, worded for the moves active now.

dsp.recipes sizes a level move for what the plan's other moves do to its part (a mud cut
on the vocal lowers the vocal too), and a low-mid cut for where the mix lands once every
move has acted, and says so in its reason. After `skip` or `undo`
leaves some of those moves out, that clause would name moves that are gone, and `redo`
can bring them back. So the plan keeps which moves each level move was sized with, and
its reason is worded when shown, from the moves active then: one wording per state of
the plan, with nothing to rewrite when moves come and go.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

__all__ = ["active_moves", "planned"]


def planned(moves: Sequence) -> list[dict]:
    """A new plan's moves (dsp Move) as the session stores them: each with an id, and a
    level move sized beside the others with theirs (`sized_with`)."""
    from dsp.recipes import LANDS_WITH_EVERY_MOVE, SIZED_FOR_OTHER_MOVES

    out = [{**move.to_dict(), "id": uuid.uuid4().hex[:12]} for move in moves]
    for move in out:
        if SIZED_FOR_OTHER_MOVES in move["reason"] or LANDS_WITH_EVERY_MOVE in move["reason"]:
            move["sized_with"] = [m["id"] for m in out if m is not move]
    return out


def active_moves(moves: Sequence[dict], applied: int) -> list[dict]:
    """The applied moves as every face shows and renders them (chat, status, side panel,
    render, report)."""
    active = list(moves[:applied])
    present = {m.get("id") for m in active}
    return [_as_shown(m, present) for m in active]


def _sized_clause() -> re.Pattern:
    from dsp.recipes import SIZED_FOR_OTHER_MOVES

    # the landing a held move names counts on the same moves, so it goes with them
    return re.compile(r"; (\d+(?:\.\d+)?) dB (more|less) than that gap, "
                      + re.escape(SIZED_FOR_OTHER_MOVES)
                      + r"(; held at \d+(?:\.\d+)? dB, the limit of one measured move)?"
                        r"(?:, so it lands near [^;]*)?")


def _as_shown(move: dict, present: set) -> dict:
    from dsp.recipes import LANDS_WITH_EVERY_MOVE

    gone = sum(1 for i in move.get("sized_with", ()) if i not in present)
    if not gone:
        return move
    which = "one of them is" if gone == 1 else f"{gone} of them are"

    def reworded(found: re.Match) -> str:
        return (f"; sized {found[1]} dB {found[2]} than that gap for the moves planned with "
                f"it, and {which} now left out, so the part may not land there"
                + (found[3] or ""))

    reason = _sized_clause().sub(reworded, move["reason"], count=1)
    reason = reason.replace(LANDS_WITH_EVERY_MOVE, f"with every move planned beside it, and "
                                                   f"{which} now left out, so it may not", 1)
    return {**move, "reason": reason}
