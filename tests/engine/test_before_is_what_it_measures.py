""""Before" says what it was measured on: the stems summed as given, even with the user's
own bounce (Mix.wav) beside them, in the chat, in `moozix fix` and in the report.

The card had said "before: your mix as you gave it" while every whole-song figure was
measured on the stems summed, not on the Mix.wav the user gave: with a bus limiter or a
master fader on that bounce, the two are different audio."""

from __future__ import annotations

import json
import re

import numpy as np
import pyloudnorm
import pytest
import soundfile as sf

from moozix_tui.cli import main

RATE = 44100
STEMS = "your stems summed as given"


@pytest.fixture
def export_with_a_bounce(song, tmp_path):
    """Kick, bass and keys, and a Mix.wav bounced 8 dB hotter into a hard clip (a bus
    limiter of sorts): the same song and length, other audio."""
    folder = tmp_path / "export"
    folder.mkdir()
    stems = {name: song[role][:, :RATE * 4]
             for name, role in (("Kick.wav", "kick"), ("Bass.wav", "bass"), ("Keys.wav", "keys"))}
    for name, samples in stems.items():
        sf.write(folder / name, samples.T, RATE, subtype="FLOAT")
    summed = sum(stems.values()).astype(np.float64)
    bounce = np.clip(summed * 10 ** (8 / 20), -0.9, 0.9)
    sf.write(folder / "Mix.wav", bounce.T, RATE, subtype="FLOAT")
    meter = pyloudnorm.Meter(RATE)
    return folder, meter.integrated_loudness(summed.T), meter.integrated_loudness(bounce.T)


def loudness_before(rows) -> float:
    return next(row["before"] for row in rows if row["label"] == "loudness")


def test_the_chat_says_before_is_the_stems_summed(chat, export_with_a_bounce):
    folder, summed_lufs, bounce_lufs = export_with_a_bounce
    assert bounce_lufs > summed_lufs + 3   # the two are told apart by the figure
    chat.say(str(folder))
    assert "The plan" in chat.say("the kick is too quiet")
    said = chat.say("go")
    assert f"before: {STEMS}; after: the master" in said, said
    assert "your mix as you gave it" not in said
    assert f"before.wav` ({STEMS})" in said
    rows = chat.engine.state.summary["rows"]
    assert loudness_before(rows) == pytest.approx(summed_lufs, abs=0.1)
    assert f"before: {STEMS}" in chat.say("what did you change?")


def test_moozix_fix_says_the_same_and_the_report_too(export_with_a_bounce, tmp_path, capsys):
    folder, summed_lufs, _ = export_with_a_bounce
    out = tmp_path / "out"
    assert main(["fix", "--say", "the kick is too quiet", str(folder), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert re.search(rf"^before: {STEMS}; after: the master$", printed, re.M), printed
    report = json.loads((out / "report.json").read_text())
    assert report["before_is"] == STEMS
    assert loudness_before(report["measurements"]) == pytest.approx(summed_lufs, abs=0.1)
    assert f"Before: {STEMS}; after: the master." in (out / "report.md").read_text()
    assert main(["fix", "--say", "the kick is too quiet", str(folder), "--out",
                 str(tmp_path / "json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["before"] == STEMS


def test_a_stereo_mix_mastered_alone_is_before_as_given(export_with_a_bounce, tmp_path,
                                                         capsys):
    folder, _, bounce_lufs = export_with_a_bounce
    out = tmp_path / "out"
    assert main(["master", str(folder / "Mix.wav"), "--out", str(out)]) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["before_is"] == "your mix as you gave it"
    assert loudness_before(report["measurements"]) == pytest.approx(bounce_lufs, abs=0.1)
