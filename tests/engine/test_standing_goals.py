"""A later complaint must not undo an earlier one: the level fixes already rendered stay
goals when a new complaint is planned (dsp.recipes' holds), unless undone.

Levels are read back from the stems the export writes and measured with pyloudnorm
(faults.vs_rest_lu), never from the engine's own figures.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from faults import vs_rest_lu

_QUIET = {"bass": -8.0, "vocal": -6.0}
"""The faults: the bass 8 dB down and the vocal 6 dB down."""


@pytest.fixture(scope="module")
def quiet_bass_and_vocal(song, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("quiet bass and vocal")
    for role, x in song.items():
        x = x[:, :44100 * 8] * np.float32(10 ** (_QUIET.get(role, 0.0) / 20))
        sf.write(folder / f"{role}.wav", x.T, 44100, subtype="PCM_24")
    return folder


def _written(chat, folder: Path) -> dict[str, np.ndarray]:
    assert "Exported" in chat.say(f'export "{folder}"')
    return {p.stem: sf.read(p, always_2d=True)[0] for p in (folder / "stems").glob("*.wav")}


def _files(chat, folder: Path) -> None:
    chat.say(" ".join(f'"{p}"' for p in sorted(folder.glob("*.wav"))))


def _bass_fixed(chat, folder: Path) -> None:
    chat.say("the bass is too quiet")
    _files(chat, folder)
    chat.say("go")


@pytest.fixture(scope="module")
def loud_keys_and_vocal(song, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("loud keys and vocal")
    for role, x in song.items():
        x = x[:, :44100 * 8] * np.float32(10 ** ((6.0 if role in ("keys", "vocal") else 0.0) / 20))
        sf.write(folder / f"{role}.wav", x.T, 44100, subtype="PCM_24")
    return folder


@pytest.mark.parametrize(("files", "first_words", "part", "way", "then", "moved"), [
    ("quiet_bass_and_vocal", "the bass is too quiet", "bass", 1, "the vocal is too quiet", 3),
    # the vocal 4.7 dB down took every other part about 3 LU up: the keys lowered earlier
    # are held with a move past 3 dB, which chases nothing
    ("loud_keys_and_vocal", "the keys are too loud", "keys", -1, "the vocal is too loud", -3),
])
def test_a_part_fixed_earlier_keeps_its_place_when_another_is_moved(
        chat, request, tmp_path, files, first_words, part, way, then, moved):
    chat.say(first_words)
    _files(chat, request.getfixturevalue(files))
    chat.say("go")
    first = _written(chat, tmp_path / "first")
    plan = chat.say(then).replace("\\", "")   # markdown escapes
    assert f"Your earlier fix stays: I turned the {part} {'up' if way > 0 else 'down'}" in plan
    chat.say("go")
    second = _written(chat, tmp_path / "second")
    # the vocal moved, as asked now, and the part stayed where the first fix put it
    assert (vs_rest_lu(second, "vocal") - vs_rest_lu(first, "vocal")) * moved > abs(moved)
    assert (vs_rest_lu(second, part) - vs_rest_lu(first, part)) * way > -0.3
    # the plan's note said where the part lands: within 0.3 LU of what the stems measure
    said = float(plan.split("to keep it at ")[1].split(" LU")[0].removeprefix("about "))
    assert said == pytest.approx(vs_rest_lu(second, part), abs=0.3)


def test_a_fix_planned_and_not_rendered_yet_is_kept_the_same_way(
        chat, quiet_bass_and_vocal, tmp_path):
    """The second complaint is planned on the audio as the first plan's moves leave it,
    rendered or not: the same words give the same moves either way."""
    from scripted_chat import Chat

    from moozix_tui.engine import Engine

    _bass_fixed(chat, quiet_bass_and_vocal)
    chat.say("the vocal is too quiet")
    unrendered = Chat(Engine.new(sessions_dir=tmp_path / "other"))
    unrendered.say("the bass is too quiet")
    unrendered.say(" ".join(f'"{p}"' for p in sorted(quiet_bass_and_vocal.glob("*.wav"))))
    unrendered.say("the vocal is too quiet")

    def moves(c) -> list:
        return [(m["stem"], m["op"], m["params"]) for m in c.engine.session.active_moves()]

    assert [stem for stem, _, _ in moves(chat)] == ["bass", "bass", "vocal"]
    assert moves(unrendered) == moves(chat)


def test_an_undone_fix_is_no_longer_kept(chat, quiet_bass_and_vocal):
    _bass_fixed(chat, quiet_bass_and_vocal)
    chat.say("undo")
    plan = chat.say("the vocal is too quiet")
    assert "earlier fix" not in plan
    assert [m["source"] for m in chat.engine.session.active_moves()] == ["vocal/too_quiet"]


def test_holds_that_cannot_all_stand_give_way_and_say_so(demo_chat):
    """The demo's drums and bass lifted near 0 LU against the rest, then the vocal lifted
    into its typical range: the three can't each be near as loud as everything else, so
    no move chases them (it pushed the keys down 9 LU) and the note says where they land,
    as the render then measures."""
    demo_chat.say("the rhythm section is buried")
    demo_chat.say("go")
    plan = demo_chat.say("bring up the lead vocal").replace("\\", "")
    assert "can't all stand at once" in plan
    # said in a few lines at 80x24 (~43 columns): 430 characters, eleven lines, before
    note = next(p for p in plan.split("\n\n") if "give way" in p)
    assert len(note) <= 8 * 43, note
    assert [m["source"] for m in demo_chat.engine.session.active_moves()] == [
        "drums/too_quiet", "bass/too_quiet", "vocal/too_quiet"]
    demo_chat.say("go")
    rows = {r.label: r for r in demo_chat.engine.view.summary.rows}
    said = plan.split("the lead vocal puts them at ")[1].split(" and")[0]
    assert float(said) == pytest.approx(rows["drums vs rest"].after, abs=0.15)
    # with the vocal's lift taken back, nothing holds the drums down: the note goes
    assert "can't all stand" not in demo_chat.say("undo")
    assert "can't all stand" not in demo_chat.say("status")


def test_levels_asked_together_that_cannot_all_stand_say_where_they_land(demo_chat):
    """'the rhythm section is buried and the vocal is too quiet' on the demo: the drums and
    bass sit near 0 LU against the rest already, so the three goals can't all stand. Each
    move chased the others (drums +11.6, bass +10.9, vocal +12 dB) and sank the keys
    11 LU; now each stops 3 dB past its own step, and the notes say where the parts land,
    as the render then measures them."""
    plan = demo_chat.say("the rhythm section is buried and the vocal is too quiet")
    plan = plan.replace("\\", "")
    demo_chat.say("go")
    rows = {r.label: r for r in demo_chat.engine.view.summary.rows}
    said = plan.split("past its own step, so ")[1].split(" against the rest")[0]
    for part, row in (("drums", "drums vs rest"), ("bass", "bass vs rest"),
                      ("lead vocal", "lead vocal vs rest")):
        figure = said.split(f"the {part} near ")[1].split(" ")[0].rstrip(",")
        assert float(figure) == pytest.approx(rows[row].after, abs=0.15)
    drums = next(line for line in plan.splitlines() if "big move on the drums" in line)
    assert rows["drums vs rest"].after < rows["drums vs rest"].before
    assert "I made a nudge of" not in drums and "LU lower against the rest" in drums


def test_a_hold_is_said_once_and_briefly_and_more_stays_with_the_nudge(demo_chat):
    """The demo's vocal lifted, then 'the drums are a bit quiet': the drums get a nudge
    (kept small, so "say `more`"), and the vocal a hold. The hold's note is one short
    sentence (at 80x24 the chat is ~43 columns: three lines) and comes before the nudge's,
    so "say `more` if you still hear it" ends the drums' note, not the vocal's."""
    demo_chat.say("the vocal is too low")
    demo_chat.say("go")
    plan = demo_chat.say("the drums are a bit quiet").replace("\\", "")
    quote = next(p for p in plan.split("\n\n") if p.startswith("> "))
    notes = [n.removeprefix("> ") for n in quote.split("\n>\n")]
    hold = next(n for n in notes if "earlier fix stays" in n)
    assert len(hold) <= 3 * 43 and hold.count(". ") == 0
    more = next(n for n in notes if "`more" in n)
    assert "drums" in more and "earlier" not in more
    # and it names the drums' move, not the vocal's hold (`more` made both stronger)
    nudge = next(n for n, m in enumerate(demo_chat.engine.state.moves, 1)
                 if m["stem"] == "drums")
    assert f"Say `more {nudge}` (move {nudge} ×1.3, the other moves as they are)" in more
    # the row says where the part stood and where the other moves take it, the note
    # the move and the landing: neither repeats the other's figures
    row = next(line for line in plan.splitlines() if "where your earlier fix put it" in line)
    assert "would take it to" in row and "would take it to" not in hold


@pytest.mark.parametrize(("take_out", "bring_back"), [("undo", "redo"), ("skip 3", "undo")])
def test_undo_or_skip_takes_out_a_complaints_move_with_the_hold_it_needed(
        demo_chat, take_out, bring_back):
    """The demo's vocal lifted, then the drums: the plan also turns the vocal up 0.4 dB to
    hold it against the drums' lift. `undo` (and then `skip 3`, the drums) left that hold
    alone, so the vocal went past where the first fix put it; now the hold goes with the
    drums, the plan is the first fix's again, and `redo` (or `undo` of the skip) brings
    both back."""
    demo_chat.say("the vocal is too low")
    demo_chat.say("go")
    first = [(m["stem"], m["params"]) for m in demo_chat.engine.session.active_moves()]
    demo_chat.say("the drums are a bit quiet")
    second = [(m["stem"], m["params"]) for m in demo_chat.engine.session.active_moves()]
    assert [stem for stem, _ in second] == ["vocal", "vocal", "drums"]
    said = demo_chat.say(take_out).replace("\\", "")
    assert [(m["stem"], m["params"]) for m in demo_chat.engine.session.active_moves()] == first
    assert "Turn the drums up" in said and "held an earlier fix" in said
    assert "earlier fix stays" not in said   # the hold's note went with it
    demo_chat.say(bring_back)
    assert [(m["stem"], m["params"])
            for m in demo_chat.engine.session.active_moves()] == second
