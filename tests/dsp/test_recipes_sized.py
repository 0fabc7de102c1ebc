"""What a plan's sized words count on, as the plan's own data (dsp.sized): a level move
sized beside the rest of its plan counts on every other move, and the note saying which
other parts were cut counts on their low-mid cuts, found here by what the moves do (a bell
cutting in 150–400 Hz on each part the note lists), whatever the words call the parts."""

from __future__ import annotations

import pytest
from faults import boost, gain, stem_set

from dsp.moves import FixRequest
from dsp.recipes import plan_fixes
from dsp.stem_analysis import analyse_session
from intents import LAYER_NAMES

_REQUESTS = [FixRequest("vocal", "too_quiet"), FixRequest("vocal", "muddy")]


@pytest.fixture(scope="module")
def buried_and_muddy(song):
    broken = {**song, "vocal": gain(song["vocal"], -9),
              **{r: boost(song[r], 250, 7) for r in ("bass", "keys")}}
    return analyse_session(stem_set(broken))


def _low_mid_cut(move) -> bool:
    return move.op == "bell" and 150 <= move.params["freq_hz"] <= 400 \
        and move.params["gain_db"] < 0


def test_sized_moves_count_on_every_other_move_and_the_cuts_note_on_its_cuts(buried_and_muddy):
    plan = plan_fixes(_REQUESTS, buried_and_muddy, names=LAYER_NAMES)
    (lift,) = [i for i, m in enumerate(plan.moves) if m.op == "gain"]
    assert plan.moves[lift].sized.counts_on == tuple(i for i in range(len(plan.moves))
                                                     if i != lift)
    (also,) = [n for n in plan.notes if n.text.startswith("Besides")]
    listed = [i for i, m in enumerate(plan.moves)
              if _low_mid_cut(m) and f"the {m.stem} (" in also.text]
    assert len(listed) == 2 and also.sized.counts_on == tuple(listed)
    assert all(n.sized is None for n in plan.notes if n is not also)


def test_rewording_the_parts_changes_no_count(buried_and_muddy):
    """Other names for the parts reword every sentence that names them; what each move and
    note counts on stays as it was."""
    plain = plan_fixes(_REQUESTS, buried_and_muddy, names=LAYER_NAMES)
    renamed = plan_fixes(_REQUESTS, buried_and_muddy,
                         names={"bass": "low end (DI)", "keys": "piano, centred near",
                                "vocal": "singer"})
    assert [n.text for n in renamed.notes] != [n.text for n in plain.notes]
    assert [m.reason for m in renamed.moves] != [m.reason for m in plain.moves]

    def counts(plan):
        return ([m.sized and m.sized.counts_on for m in plan.moves],
                [n.sized and n.sized.counts_on for n in plan.notes])

    assert counts(renamed) == counts(plain)


def test_the_note_on_a_nudge_sized_beside_the_plan_counts_on_every_move(song):
    """The keys near the middle of their range get a nudge of 1 LU against the rest, sized
    with the vocal's lift in the same plan: the note saying so counts on every move."""
    broken = {**song, "vocal": gain(song["vocal"], -9), "keys": gain(song["keys"], 1.5)}
    plan = plan_fixes([FixRequest("vocal", "too_quiet"), FixRequest("keys", "too_quiet")],
                      analyse_session(stem_set(broken)), names=LAYER_NAMES)
    (nudge,) = [n for n in plan.notes if "I made a nudge of 1.0 LU" in n.text]
    assert nudge.sized.counts_on == tuple(range(len(plan.moves))) and len(plan.moves) == 2
