"""Notes sized beside their plan, worded for the moves in: expectations are the notes'
words as written by hand, with the clause each state of the plan calls for."""

from __future__ import annotations

from moozix_tui.engine.sizing import active_notes
from moozix_tui.engine.store import SessionState

_IDLE = ("The plan's other moves bring the bass to about -5.0 LU against the rest on their "
         "own, so that part gets no level move of its own.")


def _move(ident: str) -> dict:
    return {"stem": "keys", "op": "gain", "params": {"gain_db": -2.0}, "reason": "",
            "source": "", "id": ident}


def test_a_note_counting_on_every_move_says_which_are_out_and_which_were_planned_apart():
    note = {"text": _IDLE, "sized_with": ["a", "b", "c"]}
    a, b, c, later = _move("a"), _move("b"), _move("c"), _move("later")
    assert active_notes([note], [a, b, c], 3) == [_IDLE]
    assert active_notes([note], [a, b, c], 1) == [
        _IDLE + " 2 of those moves are now left out, so the part may not land there."]
    assert active_notes([note], [a, b, c, later], 4) == [
        _IDLE + " Move 4 was planned apart from this and not counted in it."]


def test_notes_of_a_session_saved_as_plain_text_are_read_and_shown_as_they_were():
    state = SessionState.from_dict({"notes": [_IDLE], "moves": [_move("a")], "applied": 1})
    assert active_notes(state.notes, state.moves, state.applied) == [_IDLE]
