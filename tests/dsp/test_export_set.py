"""An export is one set: stopped half-way it leaves the earlier export as it was, and a
rerun with other inputs leaves no stems of the earlier one behind."""

from __future__ import annotations

import json
import os

import pytest
import soundfile as sf

import dsp.pipeline
import dsp.staging
from dsp.mastering import MasterSettings
from dsp.moves import Plan
from dsp.pipeline import export, load_stems, render
from dsp.staging import staged, swap_in
from dsp.targets import resolve_target
from intents import LAYER_NAMES


def contents(folder):
    """Every file under `folder`, hidden ones too, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def renders(song, tmp_path_factory):
    """Two renders of other inputs: three files (two keys, a lead vocal), then the vocal
    alone, 3 s each."""
    folder = tmp_path_factory.mktemp("inputs")
    short = {role: x[:, :44100 * 3] for role, x in song.items()}
    sources = {"Keys.wav": ("keys", short["keys"]),
               "Keys 2.wav": ("keys", short["keys"][:, ::-1] * 0.5),
               "Lead Vox.wav": ("vocal", short["vocal"])}
    for name, (_, x) in sources.items():
        sf.write(folder / name, x.T, 44100, subtype="PCM_24")
    settings = MasterSettings(resolve_target("streaming"))
    three, _ = load_stems([(role, folder / name) for name, (role, _) in sources.items()])
    one, _ = load_stems([("vocal", folder / "Lead Vox.wav")])
    return render(three, [], settings), render(one, [], settings), folder


def failing_after(count, error):
    """write_wav that writes `count` files, then raises `error`."""
    real = dsp.pipeline.write_wav
    calls = []

    def write_wav(*args, **kwargs):
        calls.append(args[0])
        if len(calls) > count:
            raise error
        return real(*args, **kwargs)

    return write_wav


@pytest.mark.parametrize("error", [KeyboardInterrupt(), OSError(28, "No space left")])
def test_an_export_stopped_half_way_leaves_the_earlier_one_as_it_was(renders, tmp_path,
                                                                     monkeypatch, error):
    """Three files written, the fourth fails: before, the master, its 16-bit copy and the
    premaster were the new run's beside the earlier run's stems and report."""
    three, one, _ = renders
    out = tmp_path / "out"
    export(out, three, plan=Plan(), names=LAYER_NAMES)
    earlier = contents(out)
    monkeypatch.setattr(dsp.pipeline, "write_wav", failing_after(3, error))
    with pytest.raises(type(error)):
        export(out, one, plan=Plan(), names=LAYER_NAMES)
    assert contents(out) == earlier


def test_a_first_export_stopped_half_way_leaves_no_folder(renders, tmp_path, monkeypatch):
    monkeypatch.setattr(dsp.pipeline, "write_wav", failing_after(2, KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        export(tmp_path / "new" / "out", renders[1], plan=Plan(), names=LAYER_NAMES)
    assert not (tmp_path / "new" / "out").exists()


def test_a_rerun_with_other_inputs_takes_away_the_earlier_runs_stems(renders, tmp_path):
    """The earlier run's Keys.wav and Keys 2.wav would have stayed in stems/ beside the new
    Lead Vox.wav, as if they were this master's stems; a file of the user's own there (no
    earlier report names it) stays."""
    three, one, _ = renders
    out = tmp_path / "out"
    export(out, three, plan=Plan(), names=LAYER_NAMES)
    (out / "stems" / "my take.wav").write_bytes(b"mine")
    exported = export(out, one, plan=Plan(), names=LAYER_NAMES)
    assert sorted(p.name for p in (out / "stems").iterdir()) == ["Lead Vox.wav", "my take.wav"]
    assert sorted(p.name for p in exported.removed) == ["Keys 2.wav", "Keys.wav"]
    assert {p.relative_to(out).as_posix() for p in exported.replaced} == {
        "master.wav", "master-16bit.wav", "premaster.wav", "stems/Lead Vox.wav",
        "report.json", "report.md"}
    assert (out / "stems" / "my take.wav").read_bytes() == b"mine"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["master.wav", "master-16bit.wav", "premaster.wav", "stems", "report.json",
         "report.md"])


def test_an_earlier_report_cannot_name_a_file_outside_stems(renders, tmp_path):
    """report.json is read from the folder, and anyone may have written it: only plain
    names under stems/ are ever taken away."""
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "precious.wav").write_bytes(b"keep")
    (out / "notes.wav").write_bytes(b"keep")
    (out / "report.json").write_text(json.dumps({"outputs": {"stems": [
        "stems/../../precious.wav", "notes.wav", "stems/../notes.wav", "/etc/passwd"]}}))
    exported = export(out, renders[1], plan=Plan(), names=LAYER_NAMES)
    assert exported.removed == ()
    assert (tmp_path / "precious.wav").read_bytes() == (out / "notes.wav").read_bytes() == b"keep"


def test_a_failed_rename_puts_every_earlier_file_back(tmp_path, monkeypatch):
    """The swap moves the earlier files aside, then the new ones in: the fifth of these
    renames fails here, after two earlier files went aside and two new ones came in."""
    folder = tmp_path / "out"
    (folder / "stems").mkdir(parents=True)
    for name in ("a.wav", "stems/old.wav"):
        (folder / name).write_text(f"earlier {name}")
    earlier = contents(folder)
    real = os.replace
    calls = []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 5:
            raise OSError(5, "Input/output error")
        real(source, target)

    with staged(folder) as staging:
        for name in ("a.wav", "b.wav", "c.wav"):
            (staging / name).write_text(f"new {name}")
        monkeypatch.setattr(dsp.staging.os, "replace", replace)
        with pytest.raises(OSError):
            swap_in(staging, folder, ["a.wav", "b.wav", "c.wav"], earlier=["stems/old.wav"])
        monkeypatch.setattr(dsp.staging.os, "replace", real)
    assert contents(folder) == earlier
    assert len(calls) == 5 + 4   # the four that had moved went back


def test_an_earlier_output_that_is_now_an_input_stays(tmp_path):
    folder = tmp_path / "out"
    (folder / "stems").mkdir(parents=True)
    (folder / "stems" / "old.wav").write_text("now an input")
    with staged(folder) as staging:
        (staging / "a.wav").write_text("new")
        swapped = swap_in(staging, folder, ["a.wav"], earlier=["stems/old.wav"],
                          protect=[folder / "stems" / "old.wav"])
    assert swapped.removed == ()
    assert (folder / "stems" / "old.wav").read_text() == "now an input"
    assert sorted(p.name for p in folder.iterdir()) == ["a.wav", "stems"]
