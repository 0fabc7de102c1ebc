"""A reverb complaint's row in the chat's summary when the plan needs no move for it.

The plate is the snare convolved with decaying noise (so it is the snare's by its name and
follows it by construction), 20 dB down; the vocal 14 dB under where it was made, so
lifting it takes everything else down against the rest, the plate with it.
"""

from __future__ import annotations

from tests.support.faults import plate_song


def test_a_reverb_complaint_whose_return_needs_no_move_still_gets_its_row(chat, tmp_path):
    folder = plate_song(tmp_path / "files", vocal_db=-14, duration_s=8.0)
    chat.start()
    chat.say("the vocal is way too quiet and there's too much reverb on the snare")
    planned = chat.say(str(folder))
    assert "so Snare Plate gets no level move of its own" in planned
    assert "Turn the Snare Plate" not in planned
    chat.say("go")
    rows = {r.label: r for r in chat.engine.view.summary.rows}
    # unmoved, the plate falls against a rest the vocal's lift made louder
    assert rows["Snare Plate vs rest"].after < rows["Snare Plate vs rest"].before - 0.5
