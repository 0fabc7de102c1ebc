"""What export reports about the master is a measurement of the file it wrote."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pyloudnorm
import pytest

from dsp.audio import load_audio
from dsp.mastering import MasterSettings
from dsp.meter import measure_loudness, true_peaks
from dsp.moves import Plan
from dsp.pipeline import export, load_stems, render
from dsp.targets import resolve_target
from intents import LAYER_NAMES


@pytest.fixture(scope="module")
def rendered(song_files):
    roles = ("kick", "snare", "bass", "keys", "vocal")
    stems, _ = load_stems([(role, song_files[role]) for role in roles])
    return render(stems, [], MasterSettings(resolve_target("streaming")))


def test_reported_figures_are_the_written_masters(rendered, tmp_path):
    exported = export(tmp_path / "out", rendered, plan=Plan(), names=LAYER_NAMES)
    audio = load_audio(exported.master)
    measured = measure_loudness(audio.samples, audio.sample_rate)
    assert exported.written_lufs == measured.integrated_lufs
    assert exported.written_true_peak_dbtp == measured.precise_peak_dbtp
    assert exported.written_bs1770_peak_dbtp == measured.true_peak_dbtp
    theirs = pyloudnorm.Meter(audio.sample_rate).integrated_loudness(
        audio.samples.T.astype(np.float64))
    assert exported.written_lufs == pytest.approx(theirs, abs=0.06)


def test_a_master_that_is_not_what_was_measured_is_measured_again(rendered, tmp_path):
    """Samples off the 24-bit grid (here 6 dB down) are not the file mastering measured:
    the written file's own figures are reported."""
    quieter = rendered.master.samples * np.float32(0.5)
    changed = replace(rendered, master=replace(rendered.master, samples=quieter))
    exported = export(tmp_path / "out", changed, plan=Plan(), names=LAYER_NAMES)
    assert exported.written_lufs == pytest.approx(
        rendered.master.after.integrated_lufs - 6.02, abs=0.01)
    assert exported.written_true_peak_dbtp == pytest.approx(
        true_peaks(load_audio(exported.master).samples).precise_dbtp, abs=1e-9)


def test_each_exported_stem_is_named_after_the_file_it_came_from(song, tmp_path):
    """Two files of one part, as a DAW names them: `Keys.flac` is written as `stems/Keys.wav`
    (not a numbered name of another file), and holds that file's audio."""
    import json

    import soundfile as sf

    short = {role: x[:, :44100 * 3] for role, x in song.items()}
    sources = {"Keys.flac": ("keys", short["keys"]),
               "Keys 2.aif": ("keys", short["keys"][:, ::-1] * 0.5),
               "Lead Vox.wav": ("vocal", short["vocal"])}
    for name, (_, x) in sources.items():
        sf.write(tmp_path / name, x.T, 44100, subtype="PCM_24",
                 format="AIFF" if name.endswith(".aif") else None)
    stems, _ = load_stems([(role, tmp_path / name) for name, (role, _) in sources.items()])
    exported = export(tmp_path / "out", render(stems, [], MasterSettings(
        resolve_target("streaming"))), plan=Plan(), names=LAYER_NAMES)
    assert sorted(p.name for p in exported.stems) == ["Keys 2.wav", "Keys.wav", "Lead Vox.wav"]
    for name in sources:
        written = load_audio(tmp_path / "out" / "stems" / f"{name.rsplit('.', 1)[0]}.wav")
        given = load_audio(tmp_path / name).samples  # less a DC offset, if over 1e-4
        assert np.max(np.abs(written.samples - given)) < 2e-4, name
    report = json.loads(exported.report_json.read_text())
    outputs = {file["sources"][0]: file["output"] for file in report["files"]}
    assert outputs["Keys.flac"] == "stems/Keys.wav"
    names = {file["sources"][0]: file["name"] for file in report["files"]}
    assert names["Keys.flac"] == "Keys.flac"


def test_the_files_named_are_the_files_written(rendered, tmp_path):
    """The export's result, its report's list and the folder agree on every output (they
    were named in four places; now dsp.outputs names them once)."""
    import json

    out = tmp_path / "out"
    exported = export(out, rendered, plan=Plan(), names=LAYER_NAMES)
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert sorted(str(p.relative_to(out)) for p in exported.paths) == on_disk
    listed = json.loads(exported.report_json.read_text())["outputs"]
    audio = [listed["master"], listed["master_16bit"], listed["premaster"], *listed["stems"]]
    assert sorted([*audio, "report.json", "report.md"]) == on_disk
    assert [str(p.relative_to(out)) for p in exported.stems] == listed["stems"]
    assert len(listed["stems"]) == 5 and all(s.startswith("stems/") for s in listed["stems"])
