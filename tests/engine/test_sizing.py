"""Moves and notes sized beside their plan, worded for the moves in: expectations are the
words as written by hand, with the clause each state of the plan calls for. What a move or
note counts on comes from its plan's data (dsp.sized), never from its words."""

from __future__ import annotations

from dataclasses import replace

from dsp.moves import Move, Note
from dsp.sized import counted_note
from moozix_tui.engine.sizing import active_moves, active_notes, planned
from moozix_tui.engine.store import SessionState

_IDLE = ("The plan's other moves bring the bass to about -5.0 LU against the rest on their "
         "own, so that part gets no level move of its own.")


def _move(ident: str) -> dict:
    return {"stem": "keys", "op": "gain", "params": {"gain_db": -2.0}, "reason": "",
            "source": "", "id": ident}


def test_a_note_counting_on_every_move_says_which_are_out_and_which_were_planned_apart():
    """As a session saved before plans said how their words read kept it: the note's text
    and the ids of the moves it counts on."""
    note = {"text": _IDLE, "sized_with": ["a", "b", "c"]}
    note = SessionState.from_dict({"notes": [note]}).notes[0]
    a, b, c, later = _move("a"), _move("b"), _move("c"), _move("later")
    assert active_notes([note], [a, b, c], 3) == [_IDLE]
    assert active_notes([note], [a, b, c], 1) == [
        _IDLE + " 2 of those moves are now left out, so the part may not land there."]
    assert active_notes([note], [a, b, c, later], 4) == [
        _IDLE + " Move 4 was planned apart from this and not counted in it."]


def test_notes_of_a_session_saved_as_plain_text_are_read_and_shown_as_they_were():
    state = SessionState.from_dict({"notes": [_IDLE], "moves": [_move("a")], "applied": 1})
    assert active_notes(state.notes, state.moves, state.applied) == [_IDLE]


def _plan_moves() -> list[Move]:
    return [Move(stem, "gain", {"gain_db": -1.0}, f"the {stem} down", "mix/too_loud")
            for stem in ("drums", "bass", "keys")]


def test_a_note_counts_on_the_moves_its_plan_names_whatever_its_words():
    """Words that name none of the old marker phrases still count on the moves their plan
    says (the first and the last), and a note in the words an idle-level note once had
    counts on none when its plan says none: red when the engine read the words."""
    said = "Together the drums and keys cuts land the bass near -5.0 LU."
    counting = Note(said, replace(counted_note(said, then=", so the part may not land there."),
                                  counts_on=(0, 2)))
    moves, notes = planned(_plan_moves(), [counting, Note(_IDLE)])
    assert notes[0]["sized_with"] == [moves[0]["id"], moves[2]["id"]]
    assert "sized_with" not in notes[1]
    # the keys left out; the bass, which it was not sized with, in
    assert active_notes(notes, moves, 2) == [
        said + " One of those moves is now left out, so the part may not land there. Move 2 "
               "was planned apart from this and not counted in it.", _IDLE]
    assert active_notes(notes, moves, 3)[0] == said + (" Move 2 was planned apart from this "
                                                       "and not counted in it.")


_LEVEL = ("the lead vocal measured -9.1 LU against the rest; typical -6…-2 LU, so move it to "
          "about -4.0 LU")
_RESIZED = "; 1.4 dB more than that gap, for what the plan's other moves do to the part's level"
_CUT = ("the mix's 150–400 Hz stands +4.0 dB against its own trend (typical -1.0…+2.5); 30% "
        "of it is in the drums, centred near 260 Hz; deepened so the mix's 150–400 Hz lands "
        "inside its typical -1.0…+2.5 dB once every move has acted (the low mids of the drums "
        "stand +3.1 dB over the part's own trend)")


def test_moves_of_a_session_saved_before_plans_said_how_their_words_read_read_the_same():
    """A state file as sessions wrote it before (reasons and `sized_with` ids only), built
    by hand: the level move and the drums' low-mid cut read as they did then with the bass
    cut left out, and with a move planned apart from them."""
    level = {"stem": "vocal", "op": "gain", "params": {"gain_db": 6.5}, "source": "vocal/too_quiet",
             "reason": _LEVEL + _RESIZED + "; you asked for ×1.3 of the measured move",
             "id": "v", "sized_with": ["d", "b"]}
    cut = {"stem": "drums", "op": "bell", "params": {"freq_hz": 260, "gain_db": -3.0, "q": 1.0},
           "source": "vocal/muddy", "reason": _CUT, "id": "d", "sized_with": ["v", "b"]}
    bass = {**cut, "stem": "bass", "reason": "the bass cut", "id": "b"}
    del bass["sized_with"]
    later = {**_move("later"), "stem": "bass"}
    state = SessionState.from_dict({"version": 1, "moves": [level, cut, bass, later],
                                    "applied": 2,
                                    "plans": [{"moves": [level, cut, bass], "applied": 3}]})
    assert state.plans[0]["moves"][:2] == state.moves[:2]
    shown = [m["reason"] for m in active_moves(state.moves, 2)]
    assert shown == [
        _LEVEL + "; sized 1.4 dB more than that gap for the moves planned with it, and one of "
                 "them is now left out, so the part may not land there; you asked for ×1.3 of "
                 "the measured move",
        _CUT.replace("once every move has acted", "with every move planned beside it, and one "
                                                  "of them is now left out, so it may not")]
    bass_back = [state.moves[i] for i in (0, 1, 3, 2)]
    shown = [m["reason"] for m in active_moves(bass_back, 4)]
    apart = "; move 3 was planned apart from it and not counted in its sizing, so the " \
            "landing it names may not hold"
    # the vocal move the cut was sized with was made ×1.3 since, so the cut's landing no
    # longer holds as first sized
    assert shown[:2] == [
        _LEVEL + _RESIZED + "; you asked for ×1.3 of the measured move" + apart,
        _CUT.replace("once every move has acted", "with every move planned beside it as first "
                                                  "sized, and one of them was since made "
                                                  "stronger or gentler, so it may not") + apart]


def test_a_move_made_stronger_keeps_how_far_as_data_and_its_reason_says_it_when_shown():
    """Two `more` (×1.3 each) on a level move: the reason dsp wrote stays as written, the
    move keeps ×1.69, and every face shows it after the reason; at the 18 dB limit of a
    level move it says it stops there. A session saved when the reason itself said so
    reads the same."""
    from moozix_tui.engine.plan_edits import rescaled

    level = {"stem": "vocal", "op": "gain", "params": {"gain_db": 6.5}, "source": "",
             "reason": _LEVEL, "id": "v"}
    twice = rescaled(rescaled([level], 1.3), 1.3)
    assert twice[0]["reason"] == _LEVEL and twice[0]["params"]["gain_db"] == 10.98
    assert [m["reason"] for m in active_moves(twice, 1)] == [
        _LEVEL + "; you asked for ×1.69 of the measured move"]
    capped = rescaled(twice, 1.7)
    assert capped[0]["params"]["gain_db"] == 18.0
    shown = _LEVEL + "; you asked for ×2.87 of the measured move, held at 18 dB"
    assert [m["reason"] for m in active_moves(capped, 1)] == [shown]
    back = rescaled(rescaled([level], 1.3), 1 / 1.3)
    assert "asked" not in back[0] and active_moves(back, 1)[0]["reason"] == _LEVEL
    before = {k: v for k, v in capped[0].items() if k != "asked"}   # as sessions kept it
    saved = SessionState.from_dict({"moves": [{**before, "reason": shown}], "applied": 1})
    assert saved.moves[0]["reason"] == _LEVEL
    assert [m["reason"] for m in active_moves(saved.moves, 1)] == [shown]


def test_a_cuts_note_counts_on_its_cuts_whatever_the_parts_are_called(song):
    """A part whose name for people reads like the words around it ('piano, centred near')
    changes every sentence about it, not which cuts the note on the other parts cut counts
    on: red while the engine found them by reading the cuts' reasons back."""
    from faults import boost, gain, stem_set

    from dsp.moves import FixRequest
    from dsp.recipes import plan_fixes
    from dsp.stem_analysis import analyse_session

    broken = {**song, "vocal": gain(song["vocal"], -9),
              **{r: boost(song[r], 250, 7) for r in ("bass", "keys")}}
    plan = plan_fixes([FixRequest("vocal", "too_quiet"), FixRequest("vocal", "muddy")],
                      analyse_session(stem_set(broken)),
                      names={"keys": "piano, centred near", "bass": "low end (DI)"})
    moves, notes = planned(plan.moves, plan.notes)
    (also,) = [n for n in notes if n["text"].startswith("Besides")]
    cuts = [m["id"] for m in moves if m["op"] == "bell" and m["stem"] in ("bass", "keys")]
    assert len(cuts) == 2 and also["sized_with"] == cuts


def test_several_moves_planned_apart_and_left_out_are_counted_and_numbered():
    """Three moves counted on, two left out, two planned apart after them: the note counts
    them and names both numbers, a reason in clauses, a note in sentences."""
    said = "All three land the bass near -5.0 LU."
    note = Note(said, replace(counted_note(said, then=", so the part may not land there."),
                              counts_on=(0, 1, 2)))
    moves, notes = planned(_plan_moves(), [note])
    later = [_move("later"), _move("later still")]
    assert active_notes(notes, moves[:1] + later, 3) == [
        said + " 2 of those moves are now left out, so the part may not land there. Moves 2 "
               "and 3 were planned apart from this and not counted in it."]
