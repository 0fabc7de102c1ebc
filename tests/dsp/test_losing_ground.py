"""A part no complaint named that the plan's moves sink under its typical range gets a note
saying where it lands, and the note's figure is what the rendered stems measure."""

from __future__ import annotations

import re

import numpy as np
import pytest
from faults import gain, stem_set, vs_rest_lu

from dsp.mastering import MasterSettings
from dsp.moves import FixRequest
from dsp.pipeline import Balance, render
from dsp.recipes import plan_fixes
from dsp.stem_analysis import analyse_session
from dsp.targets import resolve_target
from intents import LAYER_NAMES

_KIT = ("kick", "snare", "cymbals")
_LANDS = r"the lead vocal from ([+-]\d+\.\d) to (?:about )?([+-]\d+\.\d) LU"


def test_lifting_the_rhythm_section_says_where_the_vocal_lands(song):
    """Drums and bass 12 dB down, the vocal 8 dB down: lifting drums and bass takes the
    vocal from +0.4 LU to under its typical -1…+3. The note says so, measured on the audio
    as the render measures it, and pyloudnorm on the rendered stems agrees."""
    quiet = {**song, "vocal": gain(song["vocal"], -8),
             **{r: gain(song[r], -12) for r in (*_KIT, "bass")}}
    stems = stem_set(quiet)
    analysis = analyse_session(stems)
    plan = plan_fixes([FixRequest("drums", "too_quiet"), FixRequest("bass", "too_quiet")],
                      analysis, names=LAYER_NAMES, measure=Balance(stems, analysis))
    note = next(n for n in plan.said if "bring up the lead vocal" in n)
    before, after = map(float, re.search(_LANDS, note).groups())
    result = render(stems, plan.moves, MasterSettings(resolve_target("streaming")),
                    before=analysis)
    audio = {s.name: np.asarray(s.samples, dtype=np.float64).T for s in result.stems.stems}
    original = {s.name: np.asarray(s.samples, dtype=np.float64).T for s in stems.stems}
    assert before == pytest.approx(vs_rest_lu(original, "vocal"), abs=0.1)
    assert after == pytest.approx(vs_rest_lu(audio, "vocal"), abs=0.1)
    assert after <= before - 2.0


def test_lifting_the_vocal_leaves_no_note_on_the_parts_it_rises_over(song):
    """The vocal 9 dB down and lifted: the others fall against the rest, as asked."""
    stems = stem_set({**song, "vocal": gain(song["vocal"], -9)})
    analysis = analyse_session(stems)
    plan = plan_fixes([FixRequest("vocal", "too_quiet")], analysis, names=LAYER_NAMES,
                      measure=Balance(stems, analysis))
    assert [m.stem for m in plan.moves] == ["vocal"]
    assert not [n for n in plan.said if "bring up" in n]
