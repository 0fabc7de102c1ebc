"""report.json and the `--json` output are versioned: "true_peak_dbtp" changed meter (BS.1770's
4x figure until version 1, the precise one from version 2, with the 4x figure beside it as
"bs1770_peak_dbtp"), and a reader of the old key must be able to tell.

Both keys are checked against meters that are not ours, on the written file: the precise
figure against ideal (FFT) interpolation, on a tone our 4x meter reads 0.4 dB low, so the
old meter under the new name fails; the 4x figure against scipy's resample_poly at 4x, on
bright transients mastered into the limiter (where the two figures are 0.02 dB apart, so
that test pins the key, not which meter is under it)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile as sf
from reference import bright_transients, ideal_peak_dbtp
from scipy import signal as scipy_signal

from moozix_tui.cli import main

RATE = 44100
VERSION = 2   # docs: README "report.json and --json"


def master_json(tmp_path, capsys, samples: np.ndarray, target: str) -> tuple[dict, dict,
                                                                               np.ndarray]:
    given = tmp_path / "mix.wav"
    sf.write(given, samples.T, RATE, subtype="FLOAT")
    out = tmp_path / "out"
    assert main(["master", str(given), f"--target={target}", "--out", str(out), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    written, _ = sf.read(out / "master.wav", dtype="float64", always_2d=True)
    return json.loads((out / "report.json").read_text()), printed, written.T


def test_the_precise_true_peak_under_the_new_version(tmp_path, capsys):
    """A 14.7 kHz tone (a third of the rate), faded in and out: 4x interpolators miss the
    crest of its cycles by their grid and roll-off."""
    t = np.arange(2 * RATE) / RATE
    fade = np.minimum(1.0, np.minimum(t, t[-1] - t) / 0.1)
    one = 0.5 * np.sin(2 * np.pi * RATE / 3 * t) * fade
    report, printed, written = master_json(tmp_path, capsys, np.vstack([one, one]), "-8")
    assert report["format_version"] == VERSION and printed["format_version"] == VERSION
    ideal = ideal_peak_dbtp(written, 16)
    assert report["written_master"]["true_peak_dbtp"] == pytest.approx(ideal, abs=0.015)
    assert printed["master"]["true_peak_dbtp"] == pytest.approx(ideal, abs=0.015)
    assert printed["master"]["bs1770_peak_dbtp"] == report["written_master"]["bs1770_peak_dbtp"]


def test_the_4x_figure_has_its_own_key(tmp_path, capsys):
    report, printed, written = master_json(tmp_path, capsys, bright_transients(RATE, 2.0), "-7")
    four_x = 20 * np.log10(np.abs(scipy_signal.resample_poly(written, 4, 1, axis=1)).max())
    assert report["written_master"]["bs1770_peak_dbtp"] == pytest.approx(four_x, abs=0.05)
    assert printed["master"]["bs1770_peak_dbtp"] == pytest.approx(four_x, abs=0.05)
    assert report["format_version"] == VERSION


def test_analyze_json_is_the_same_version(tmp_path, capsys):
    given = tmp_path / "mix.wav"
    sf.write(given, bright_transients(RATE, 1.0).T, RATE, subtype="FLOAT")
    assert main(["analyze", "--json", f"mix={given}"]) == 0
    assert json.loads(capsys.readouterr().out)["format_version"] == VERSION
