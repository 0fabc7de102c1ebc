"""Figures in reasons, findings, the card and the report: never '-0.0', and one way to
write a percentage."""

import math

import pytest

from dsp.wording import (
    against_its_fix,
    change,
    figure,
    number,
    percent,
    rounded,
    signed,
    signed_range,
    spoken,
)


@pytest.mark.parametrize(("value", "digits", "shown"), [
    (-0.04, 1, "0.0"), (-0.049, 1, "0.0"), (0.04, 1, "0.0"), (-0.05001, 1, "-0.1"),
    (-7.6, 1, "-7.6"), (-0.4, 0, "0"), (-10.0, 0, "-10"), (None, 1, "–"),
])
def test_figures_never_show_a_negative_zero(value, digits, shown):
    assert number(value, digits) == shown


def test_a_percentage_is_written_whole_and_closed_up_everywhere():
    """The card showed '38.0 %' where the chat said '15%'."""
    assert percent(0.154) == "15%"
    assert percent(0.376) == "38%"
    assert figure(38.0, "%") == "38%"
    assert change(38.0, 22.0, "%") == "38 → 22%"
    assert figure(-3.24, "dB") == "-3.2 dB"
    assert change(-7.6, 1.0, "LU") == "-7.6 → 1.0 LU"
    assert change(-7.6, 1.0, "LU", sign=True) == "-7.6 → +1.0 LU"
    assert change(-0.04, 0.04, "dB", sign=True) == "+0.0 → +0.0 dB"
    assert figure(None, "%") == "–"


def test_the_report_table_writes_a_percentage_as_the_chat_does():
    from dsp.report import render_markdown

    report = {"target": {"name": "streaming", "lufs": -14.0, "ceiling_dbtp": -1.0,
                         "source": "x"},
              "written_master": {"integrated_lufs": -14.0, "true_peak_dbtp": -1.0,
                                 "bs1770_peak_dbtp": -1.0, "loudness_range_lu": 5.0},
              "moves": [{"stem": "mix", "action": "Cut the whole song at 4.0 kHz by 1.5 dB",
                         "reason": "r", "files": ["mix"]}],
              "files": [], "mastering_tone": [], "notes": [],
              "input_notices": [], "warnings": [],
              "stems": {"gain_to_premaster_db": -2.5, "over_full_scale": []},
              "outputs": {"stems": ["stems/a.wav"], "premaster": "premaster.wav"},
              "before_is": "your stems summed as given",
              "measurements": [{"label": "kick/bass overlap", "unit": "%", "before": 38.0,
                                "after": 22.0, "typical": [0.0, 50.0]}]}
    written = render_markdown(report)
    assert "| kick/bass overlap | 38% | 22% |" in written
    # the bus move named no file "mix": it read '(files: mix)'
    assert "1. Cut the whole song at 4.0 kHz by 1.5 dB — r (on the summed mix, not a file)" \
        in written
    assert "summed, through move 1 on the whole mix, and turned -2.5 dB, they make " \
        "premaster.wav." in written


def test_a_small_negative_figure_rounds_to_plus_zero_not_minus_zero():
    assert f"{-0.04:+.1f}" == "-0.0"  # what a plain format spec prints
    assert signed(-0.04) == "+0.0"
    assert signed(-0.4, 0) == "+0"
    assert signed(-0.06) == "-0.1"
    assert signed(2.0) == "+2.0"


def test_a_sentence_decides_on_the_number_it_prints():
    """The carve's words decided 'barely changes' by comparing the printed '+0.0': they
    compare the rounded number, the one `signed` prints."""
    from dsp.recipes import _level_change

    assert rounded(-0.04) == 0 and math.copysign(1.0, rounded(-0.04)) == 1.0
    assert rounded(-0.06) == -0.1 and rounded(0.449, 0) == 0
    assert _level_change(-0.04) == "barely changes (under 0.1 dB)"
    assert _level_change(-0.06) == "changes -0.1 dB"


def test_a_typical_range_keeps_both_signs():
    assert signed_range(-20.0, -10.0) == "-20…-10"
    assert signed_range(-1.0, 3.0) == "-1…+3"


def test_a_move_names_its_part_as_the_chat_does():
    """A move on the 'instruments' layer processes every part but the vocal (kick, snare,
    bass, keys…); 'Cut the instruments' read as one stem. The reverb return read 'the fx'
    in the plan while the chat called it 'reverb and effects'."""
    from dsp.moves import Move
    from intents import LAYER_NAMES

    cut = Move("instruments", "bell", {"freq_hz": 2500.0, "gain_db": -2.0, "q": 1.0}, "", "")
    assert cut.action(LAYER_NAMES) == "Cut the music under the vocal at 2.5 kHz by 2.0 dB"
    down = Move("fx", "gain", {"gain_db": -3.0}, "", "")
    assert down.action(LAYER_NAMES) == "Turn the reverb and effects down 3.0 dB"
    duck = Move("bass", "duck", {"depth_db": 4.0, "trigger": "kick"}, "", "")
    assert duck.action(LAYER_NAMES) == "Dip the bass by up to 4.0 dB when the kick plays"
    one_file = Move("Gtr DI", "gain", {"gain_db": 2.0}, "", "")
    assert one_file.action(LAYER_NAMES) == "Turn the Gtr DI up 2.0 dB"


def test_a_part_id_never_shows_its_underscore(song):
    """'backing_vocals measured +2.7 LU against the rest', 'any reverb is printed into the
    backing_vocals' and a card row 'backing_vocals vs rest': dsp's own sentences and labels
    write the part as a word."""
    import numpy as np
    from faults import stem_set

    from dsp.diagnosis import complaint_measures, diagnose
    from dsp.moves import FixRequest
    from dsp.recipes import plan_fixes
    from dsp.stem_analysis import analyse_session
    from intents import LAYER_NAMES

    loud = np.roll(song["vocal"], 5000, axis=1) * np.float32(2.0)   # backing vocals too loud
    analysis = analyse_session(stem_set({**song, "backing_vocals": loud}))
    said = [f.evidence for f in diagnose(analysis)]
    for problem in ("too_loud", "muddy", "harsh", "too_much_reverb", "weak"):
        plan = plan_fixes([FixRequest("backing_vocals", problem)], analysis)
        said += [*plan.said, *(m.describe(LAYER_NAMES) for m in plan.moves)]
        said += [m.label for m in complaint_measures("backing_vocals", problem, analysis)]
    assert any("backing vocals" in text for text in said)
    assert not [text for text in said if "backing_vocals" in text]


_GENERIC = ("where the cymbals ring", "uncompressed drums", "'instruments' stem", "'fx' stem",
            "the vocal range", "'the kick and bass fight'", "sampled keys and guitars")
"""Words that name a kind of sound, or what to type, not one of the user's parts."""


def test_every_sentence_about_a_part_uses_the_name_it_is_given(song):
    """The chat calls the parts by their names for people ('the hats and cymbals'), while
    the plan's reasons and notes and the findings' evidence wrote the ids ('cymbals' ring
    near 5 kHz', 'vocal measured -5.8 LU'). Given a name for every part, no sentence from
    any recipe or finding, on full stems, a whole-kit stem or a stereo mix alone, names a
    part by its id."""
    import re

    import numpy as np
    from faults import boost, gain, squash, stem_set

    from dsp.diagnosis import diagnose
    from dsp.moves import FixRequest
    from dsp.recipes import RECIPE_PROBLEMS, plan_fixes
    from dsp.stem_analysis import analyse_session
    from intents import LAYERS

    short = {role: x[:, :44100 * 6] for role, x in song.items()}
    names = {role: f"part{i}" for i, role in enumerate(LAYERS)}
    ids = re.compile(r"\b(" + "|".join(spoken(r) for r in LAYERS if r != "mix") + r")\b")
    faulted = {**short, "keys": boost(gain(short["keys"], -12), 250, 8),
               "snare": gain(squash(short["snare"]), -6),
               "cymbals": boost(short["cymbals"], 5000, 8), "bass": boost(short["bass"], 250, 8),
               "guitars": np.stack([short["keys"][0], -short["keys"][0]])}
    kit = {"drums": short["kick"] + short["snare"] + boost(short["cymbals"], 5000, 8),
           "bass": short["bass"], "vocal": short["vocal"]}
    said = []
    for stems in (faulted, kit, {"mix": sum(short.values())}):
        analysis = analyse_session(stem_set(stems))
        said += [f.evidence for f in diagnose(analysis, names=names)]
        for layer in LAYERS:
            for problem in RECIPE_PROBLEMS:
                plan = plan_fixes([FixRequest(layer, problem)], analysis, names=names)
                said += [*plan.said, *(m.reason for m in plan.moves)]
    assert len(set(said)) > 150, "the sweep reaches the recipes' sentences"
    for text in set(said):
        bare = text
        for words in _GENERIC:
            bare = bare.replace(words, "")
        assert not ids.search(bare), text


def test_a_file_named_with_its_track_number_is_not_read_as_a_count():
    """On a DAW export with numbered files ('10 808.wav', '22 Hats.wav') the plan said 'Cut
    the 10 808 at 215 Hz' and '…the 1–16 kHz trend of the 22 Hats': ten 808s, 22 hats.
    A track-numbered file is named as a file, in quotes; '808' alone is still 'the 808'."""
    from dsp.moves import Move
    from dsp.wording import the_part
    from intents import LAYER_NAMES

    cut = Move("10 808", "bell", {"freq_hz": 215.0, "gain_db": -3.0, "q": 1.0}, "", "")
    assert cut.action(LAYER_NAMES) == "Cut “10 808” at 215 Hz by 3.0 dB"
    assert the_part("22 Hats", LAYER_NAMES) == "“22 Hats”"
    assert the_part("07_Drums Room", LAYER_NAMES) == "“07_Drums Room”"
    assert the_part("808", LAYER_NAMES) == "the 808"
    assert the_part("808 Sub", LAYER_NAMES) == "the 808 Sub"
    assert the_part("bass", LAYER_NAMES) == "the bass"


def test_a_figure_is_said_only_when_it_ends_against_its_fix():
    row = {"label": "mix 8–20 kHz share", "unit": "dB", "before": -22.0, "after": -22.1,
           "better": 1}
    assert "moved the other way (-22.0 → -22.1 dB)" in against_its_fix(row)
    assert against_its_fix({**row, "after": -21.0}) == ""          # up, as the lift pushes
    assert against_its_fix({**row, "after": -22.0}) == ""          # stayed: not "the other way"
    assert against_its_fix({**row, "better": -1}) == ""            # a cut's figure going down
    assert against_its_fix({k: v for k, v in row.items() if k != "better"}) == ""  # no own move
