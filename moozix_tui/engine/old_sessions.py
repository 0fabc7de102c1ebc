"""Sessions saved before plans said, as data, how their words read as moves come and go.

Those sessions kept which moves each move and note was sized with (`sized_with`), but not
the words to use when some are left out: the chat worked those out from the words
themselves. Nor did a move made stronger or gentler keep how far (`asked`): its reason
said it. This reads them once, as the session loads, into the form a plan keeps now
(dsp.sized, plan_edits.rescaled), from the sentences written then; nothing else reads a
plan's sentences.
"""

from __future__ import annotations

import re

from dsp.sized import counted_note, landing_cut, level_landing, resized_level

__all__ = ["upgraded"]

_RESIZED = re.compile(r"; (\d+(?:\.\d+)?) dB (more|less) than that gap, for what the plan's "
                      r"other moves do to the part's level"
                      r"(; held at \d+(?:\.\d+)? dB, the limit of one measured move)?"
                      r"(, so it lands near [^;]*)?")
_LANDS = re.compile(r"so the mix's 150–400 Hz lands inside its typical (\S+) dB once every "
                    "move has acted")
_PREDICTION = ("With every move in, the mix's 150–400 Hz would still have stood",
               " (predicted after:")
_ASKED = re.compile(r"; you asked for ×(\d+(?:\.\d+)?) of the measured move"
                    r"(?:, held at \d+ dB)?$")
_IDLE = "The plan's other moves bring"
_CUTS = ("so I cut there as well", "so I cut where the mix's 150–400 Hz energy")


def upgraded(data: dict) -> dict:
    """A saved state's fields with every move and note sized beside its plan given the words
    it reads with as moves come and go (the moves in the plan, in each plan kept for `undo`
    and in each taken back for `redo`)."""
    out = dict(data)
    out["moves"] = _moves(data.get("moves", []))
    out["plans"] = [{**p, "moves": _moves(p.get("moves", []))} for p in data.get("plans", [])]
    out["undone"] = [{**u, "moves": _moves(u["moves"])} if "moves" in u else u
                     for u in data.get("undone", [])]
    out["notes"] = [_note(n if isinstance(n, dict) else {"text": n})
                    for n in data.get("notes", [])]
    return out


def _moves(moves: list) -> list:
    return [_move(m) if isinstance(m, dict) else m for m in moves]


def _move(move: dict) -> dict:
    asked = _ASKED.search(str(move.get("reason", "")))
    if asked and "asked" not in move:
        move = {**move, "reason": move["reason"][:asked.start()], "asked": float(asked[1])}
    if "sized_with" not in move or "sized" in move:
        return move
    reason = str(move.get("reason", ""))
    resized, lands = _RESIZED.search(reason), _LANDS.search(reason)
    if resized:
        _, sized = resized_level(float(resized[1]), resized[2] == "more", resized[3] or "",
                                 resized[4] or "")
    elif lands:
        _, sized = landing_cut(lands[1])
    else:
        sized = level_landing()
    return {**move, "sized": sized.to_dict()}


def _note(note: dict) -> dict:
    if "sized_with" not in note or "sized" in note:
        return note
    text = str(note["text"])
    if text.startswith(_PREDICTION[0]) and _PREDICTION[1] in text:
        sized = counted_note(text, kept=text[:text.index(_PREDICTION[1])] + ".",
                             then=", so the mix may not land where this plan predicted.")
    elif text.startswith(_IDLE):
        sized = counted_note(text, then=", so the part may not land there.")
    elif any(mark in text for mark in _CUTS):
        sized = counted_note(text, then=".", counted="those cuts", says_apart=False)
    else:
        return note
    return {**note, "sized": sized.to_dict()}
