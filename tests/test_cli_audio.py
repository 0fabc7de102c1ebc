"""`moozix fix|master|analyze` end to end on generated audio, and bad input."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest
import soundfile as sf

from dsp.audio import load_audio
from dsp.meter import integrated_lufs, true_peak_dbtp
from moozix_tui.cli import main


@pytest.fixture(scope="module")
def vocal_and_beat(song, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    vocal = song["vocal"] * np.float32(10 ** (-9 / 20))
    beat = sum(x for role, x in song.items() if role != "vocal")
    sf.write(folder / "v.wav", vocal.T, 44100, subtype="PCM_24")
    sf.write(folder / "b.wav", beat.T, 44100, subtype="PCM_24")
    return folder


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fix_writes_every_output_on_target(vocal_and_beat, capsys):
    folder = vocal_and_beat
    before = {p.name: digest(p) for p in folder.glob("*.wav")}
    out = folder / "out"
    code = main(["fix", "--say", "I can barely hear the vocal", f"vocal={folder / 'v.wav'}",
                 f"beat={folder / 'b.wav'}", "--out", str(out), "--json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    for name in ("master.wav", "master-16bit.wav", "premaster.wav", "report.json",
                 "report.md", "stems/v.wav", "stems/b.wav"):
        assert (out / name).exists(), name
    master = load_audio(out / "master.wav")
    assert master.subtype == "PCM_24" and master.sample_rate == 44100
    assert master.frames == load_audio(folder / "v.wav").frames
    assert integrated_lufs(master.samples, 44100) == pytest.approx(-14.0, abs=0.3)
    assert true_peak_dbtp(master.samples, 44100) <= -1.0
    assert sf.info(out / "master-16bit.wav").subtype == "PCM_16"
    assert summary["moves"][0]["stem"] == "vocal" and summary["moves"][0]["params"]["gain_db"] > 5
    report = (out / "report.md").read_text()
    assert "vocal vs rest" in report and "LU" in report
    assert {p.name: digest(p) for p in folder.glob("*.wav")} == before


def test_master_a_stereo_mix(vocal_and_beat, tmp_path, capsys):
    mix = tmp_path / "mix.wav"
    data = sf.read(vocal_and_beat / "b.wav")[0] * 0.3
    sf.write(mix, data, 44100, subtype="PCM_24")
    assert main(["master", str(mix), "--target", "apple", "--out", str(tmp_path / "o"),
                 "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["master"]["integrated_lufs"] == pytest.approx(-16.0, abs=0.3)
    assert summary["master"]["true_peak_dbtp"] <= -1.0


def test_analyze_reports_findings(vocal_and_beat, capsys):
    assert main(["analyze", f"vocal={vocal_and_beat / 'v.wav'}",
                 f"instruments={vocal_and_beat / 'b.wav'}", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["level_vs_rest_lu"]["vocal"] < -5
    assert any(f["layer"] == "vocal" and f["problem"] == "too_quiet" for f in data["findings"])
    vocal = load_audio(vocal_and_beat / "v.wav").samples
    reported = next(f["true_peak_dbtp"] for f in data["files"] if f["path"].endswith("v.wav"))
    assert reported == pytest.approx(true_peak_dbtp(vocal), abs=0.01)


def bad_inputs(tmp_path):
    silent = tmp_path / "silent.wav"
    sf.write(silent, np.zeros((44100, 2)), 44100)
    text = tmp_path / "notes.wav"
    text.write_text("hello")
    surround = tmp_path / "surround.wav"
    sf.write(surround, np.random.default_rng(0).standard_normal((44100, 3)) * 0.1, 44100)
    return {"missing": tmp_path / "nope.wav", "silent": silent, "text": text,
            "surround": surround}


@pytest.mark.parametrize(("case", "words"), [("missing", "not found"), ("silent", "silent"),
                                             ("text", "could not be read"),
                                             ("surround", "3 channels")])
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, case, words):
    path = bad_inputs(tmp_path)[case]
    assert main(["master", str(path), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("moozix: ") and words in err


def test_unknown_role_and_out_equal_to_input(vocal_and_beat, capsys):
    assert main(["fix", "--say", "vocal too low", str(vocal_and_beat / "v.wav")]) == 2
    assert "ROLE=PATH" in capsys.readouterr().err
    target = vocal_and_beat / "v.wav"
    assert main(["master", str(target), "--out", str(target)]) == 2
    assert "input" in capsys.readouterr().err
