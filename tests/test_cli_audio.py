"""`moozix fix|master|analyze` end to end on generated audio, and bad input."""

from __future__ import annotations

import hashlib
import io
import json
import sys

import numpy as np
import pytest
import soundfile as sf
from reference import bright_transients, ideal_peak_dbtp

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
    # the master and its report, not a copy of the input as stems/mix.wav
    out = tmp_path / "o"
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    assert written == ["master-16bit.wav", "master.wav", "premaster.wav", "report.json",
                       "report.md"]
    assert sorted(summary["outputs"]) == sorted(str(out / name) for name in written)
    report = json.loads((out / "report.json").read_text())
    assert report["outputs"]["stems"] == [] and report["files"][0]["output"] is None
    markdown = (out / "report.md").read_text()
    assert "No stems written" in markdown and "The stems are" not in markdown
    master = load_audio(out / "master.wav")
    assert integrated_lufs(master.samples, 44100) == pytest.approx(
        summary["master"]["integrated_lufs"], abs=0.05)


def test_analyze_reports_findings(vocal_and_beat, capsys):
    assert main(["analyze", f"vocal={vocal_and_beat / 'v.wav'}",
                 f"instruments={vocal_and_beat / 'b.wav'}", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["level_vs_rest_lu"]["vocal"] < -5
    assert any(f["layer"] == "vocal" and f["problem"] == "too_quiet" for f in data["findings"])
    vocal = load_audio(vocal_and_beat / "v.wav").samples
    reported = next(f["true_peak_dbtp"] for f in data["files"] if f["path"].endswith("v.wav"))
    assert reported == pytest.approx(ideal_peak_dbtp(vocal, 16), abs=0.01)


def test_analyze_reports_a_files_true_peak_as_ideal_interpolation_reads_it(
        vocal_and_beat, tmp_path, capsys):
    """Hats, clicks and a square synth: BS.1770's 48-tap 4x filter, which `analyze` had
    shown, reads them 0.5 dB under the peak between their samples."""
    bright = tmp_path / "Hats.wav"
    sf.write(bright, (0.5 * bright_transients(44100)).T, 44100, subtype="FLOAT")
    assert main(["analyze", f"cymbals={bright}", f"vocal={vocal_and_beat / 'v.wav'}",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    reported = next(f["true_peak_dbtp"] for f in data["files"] if f["path"].endswith("Hats.wav"))
    samples, _ = sf.read(bright, dtype="float64", always_2d=True)
    assert reported == pytest.approx(ideal_peak_dbtp(samples.T, 16), abs=0.01)


def bad_inputs(tmp_path):
    silent = tmp_path / "silent.wav"
    sf.write(silent, np.zeros((44100, 2)), 44100)
    text = tmp_path / "notes.wav"
    text.write_text("hello")
    surround = tmp_path / "surround.wav"
    sf.write(surround, np.random.default_rng(0).standard_normal((44100, 3)) * 0.1, 44100)
    return {"missing": tmp_path / "nope.wav", "silent": silent, "text": text,
            "surround": surround}


@pytest.mark.parametrize("command", [["master"], ["analyze"], ["fix", "--say", "too quiet"]])
@pytest.mark.parametrize(("case", "words"), [("missing", "not found"), ("silent", "silent"),
                                             ("text", "could not be read"),
                                             ("surround", "3 channels")])
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, command, case, words):
    """Each command says what is wrong with the one file it was given: a missing path is
    not a file whose part can't be told, and a file that can't be used is not a blank."""
    path = bad_inputs(tmp_path)[case]
    out = [] if command == ["analyze"] else ["--out", str(tmp_path / "o")]
    assert main([*command, str(path), *out]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("moozix: ") and words in err


def test_unknown_role_and_out_equal_to_input(vocal_and_beat, capsys):
    assert main(["fix", "--say", "vocal too low", str(vocal_and_beat / "v.wav")]) == 2
    assert "ROLE=PATH" in capsys.readouterr().err
    target = vocal_and_beat / "v.wav"
    assert main(["master", str(target), "--out", str(target)]) == 2
    assert "input" in capsys.readouterr().err


@pytest.fixture(scope="module")
def daw_export(song, tmp_path_factory):
    """A DAW export folder: several files per part, a split-stereo pair, a bounced mix,
    and files that are not audio."""
    folder = tmp_path_factory.mktemp("export")
    keys = song["keys"]
    files = {"Gtr DI": keys[:1] * 0.6, "Guitar 2": keys[::-1] * 0.5,
             "Lead Vox": song["vocal"], "Vox Dbl": song["vocal"][1:] * 0.3,
             "OH L": song["cymbals"][:1], "OH R": song["cymbals"][1:],
             "Kick In": song["kick"], "Bass DI": song["bass"][:1],
             "Mix": sum(song.values()) * 0.5}
    for name, x in files.items():
        sf.write(folder / f"{name}.wav", x.T, 44100, subtype="PCM_24")
    (folder / "notes.txt").write_text("v3 mix notes")
    (folder / "._Kick In.wav").write_bytes(b"\0" * 64)
    return folder


def test_a_whole_folder_is_one_session_grouped_by_part(daw_export, capsys):
    assert main(["analyze", str(daw_export), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    parts = {role: [f["name"] for f in files] for role, files in data["parts"].items()}
    # the lead's double is the lead vocal's sound (files.toml weak)
    assert parts == {"bass": ["Bass DI"], "cymbals": ["OH"],
                     "guitars": ["Gtr DI", "Guitar 2"], "kick": ["Kick In"],
                     "vocal": ["Lead Vox", "Vox Dbl"]}
    assert data["parts"]["cymbals"][0]["sources"] == ["OH L.wav", "OH R.wav"]
    left_out = [n for n in data["notices"] if "left out" in n]
    assert any("notes.txt" in n for n in left_out) and any("Mix.wav" in n for n in left_out)
    assert len(data["files"]) == 8


def test_a_room_mic_numbered_among_the_kit_is_mixed_with_the_drums(song, tmp_path, capsys):
    """`moozix analyze` on an export with '07 Room.wav' between '06 Snare Top' and '08 OH
    L': the room mics went with the effects returns, as in the chat."""
    for name, role in (("05 Kick In", "kick"), ("06 Snare Top", "snare"),
                       ("07 Room", "cymbals"), ("08 OH L", "cymbals"), ("09 Bass DI", "bass")):
        sf.write(tmp_path / f"{name}.wav", song[role][:1].T, 44100, subtype="PCM_24")
    assert main(["analyze", str(tmp_path), "--json"]) == 0
    parts = json.loads(capsys.readouterr().out)["parts"]
    assert [f["name"] for f in parts["drums"]] == ["07 Room"]
    assert "fx" not in parts


def test_repeated_roles_fix_every_file_of_the_part(daw_export, tmp_path, capsys):
    before = {p.name: digest(p) for p in daw_export.glob("*.wav")}
    out = tmp_path / "out"
    args = ["fix", "--say", "the guitars are way too loud", "--out", str(out), "--json",
            f"guitars={daw_export / 'Gtr DI.wav'}", f"guitars={daw_export / 'Guitar 2.wav'}",
            f"vocal={daw_export / 'Lead Vox.wav'}", str(daw_export / "Kick In.wav"),
            str(daw_export / "Bass DI.wav")]
    assert main(args) == 0
    summary = json.loads(capsys.readouterr().out)
    for name in ("Gtr DI", "Guitar 2", "Lead Vox", "Kick In", "Bass DI"):
        assert (out / "stems" / f"{name}.wav").exists(), name
    report = json.loads((out / "report.json").read_text())
    guitar_moves = [m for m in report["moves"] if m["stem"] == "guitars"]
    assert guitar_moves and all(m["files"] == ["Gtr DI", "Guitar 2"] for m in guitar_moves)
    assert any(m["params"].get("gain_db", 0) < 0 for m in guitar_moves)
    di = next(f for f in report["files"] if f["name"] == "Gtr DI")
    assert di["part"] == "guitars" and di["sources"] == ["Gtr DI.wav"] and di["moves"]
    assert "| guitars | Gtr DI | Gtr DI.wav | stems/Gtr DI.wav |" in \
        (out / "report.md").read_text()
    assert summary["moves"]
    # the complaint's figure of record, as the report's row has it: lower after the cut
    level = next(r for r in report["measurements"] if r["label"] == "guitars vs rest")
    assert summary["measured"] == [level] and level["after"] < level["before"]
    assert {p.name: digest(p) for p in daw_export.glob("*.wav")} == before


def test_a_file_whose_part_cannot_be_told_is_never_skipped(daw_export, tmp_path, capsys):
    take = tmp_path / "Take 7.wav"
    sf.write(take, sf.read(daw_export / "Kick In.wav")[0], 44100)
    assert main(["analyze", str(daw_export / "Lead Vox.wav"), str(take)]) == 2
    err = capsys.readouterr().err
    assert "Take 7.wav" in err and "ROLE=PATH" in err
    assert main(["analyze", f"guitars={take}", str(daw_export / "Lead Vox.wav")]) == 0
    capsys.readouterr()
    assert main(["analyze", f"keys={take}", f"guitars={take}"]) == 2
    assert "twice" in capsys.readouterr().err


def test_fix_report_carries_the_input_warnings_analyze_shows(vocal_and_beat, tmp_path,
                                                             capsys):
    """NaNs repaired and a truncated file: the same notices in analyze and in the report."""
    broken = sf.read(vocal_and_beat / "v.wav")[0].astype(np.float32)
    broken[1000:1010, 0] = np.nan
    sf.write(tmp_path / "v.wav", broken, 44100, subtype="FLOAT")
    sf.write(tmp_path / "b.wav", sf.read(vocal_and_beat / "b.wav")[0], 44100,
             subtype="PCM_24")
    cut = tmp_path / "b.wav"
    with cut.open("r+b") as handle:
        handle.truncate(cut.stat().st_size * 3 // 4)
    stems = [f"vocal={tmp_path / 'v.wav'}", f"beat={cut}"]
    assert main(["analyze", *stems, "--json"]) == 0
    analyzed = json.loads(capsys.readouterr().out)["notices"]
    assert any("NaN" in n for n in analyzed) and any("cut short" in n for n in analyzed)
    assert main(["fix", "--say", "the vocal is too quiet", *stems, "--out",
                 str(tmp_path / "out"), "--json"]) == 0
    capsys.readouterr()
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert [n["message"] for n in report["input_notices"]] == analyzed
    markdown = (tmp_path / "out" / "report.md").read_text()
    assert all(n in markdown for n in analyzed)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_warning_during_progress_starts_its_own_line(monkeypatch):
    from moozix_tui.cli_audio import _Progress

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = _Progress()
    progress("loading", 0.5)
    progress.say("warning: snare starts 627 ms after the others")
    lines = terminal.getvalue().split("\n")
    assert lines[1] == "moozix: warning: snare starts 627 ms after the others"
    assert lines[0].lstrip("\r").startswith("[############............] loading")


def test_no_progress_bar_when_stderr_is_not_a_terminal(monkeypatch):
    from moozix_tui.cli_audio import _Progress

    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    progress = _Progress()
    progress("loading", 0.5)
    progress.say("note: left out mix.wav")
    assert piped.getvalue() == "moozix: note: left out mix.wav\n"


def test_analyze_names_every_part_one_mud_finding_covers(song, tmp_path, capsys):
    """The demo's fault (+7 dB at 250 Hz on every part): the build-up shows on several parts
    and one muddy plan cuts them all, so it is one finding that names each part, each with
    its own figure ('keys — muddy … the same shows on the vocal, bass and drums' named
    one)."""
    from faults import boost

    parts = {"drums": song["kick"] + song["snare"] + song["cymbals"], "bass": song["bass"],
             "keys": song["keys"], "vocal": song["vocal"]}
    for role, x in parts.items():
        sf.write(tmp_path / f"{role}.wav", boost(x[:, :44100 * 8], 250.0, 7.0).T, 44100,
                 subtype="PCM_24")
    assert main(["analyze", *(str(tmp_path / f"{role}.wav") for role in parts)]) == 0
    out = capsys.readouterr().out
    [mud] = [line for line in out.splitlines() if " — muddy " in line]
    names, _, evidence = mud.strip().partition(" — muddy ")
    named = names.replace(" and ", ", ").split(", ")
    assert len(named) >= 2 and set(named) <= {"drums", "bass", "keys", "lead vocal"}, mud
    for name in named[1:]:   # each further part with its own figure, not "the same shows"
        assert f"the 150–400 Hz of the {name} stands" in evidence
    assert evidence.count("the mix's 150–400 Hz stands") == 1


@pytest.fixture
def messy_export(song, tmp_path):
    """A DAW export with what real ones hold beside the stems: a silent default track, a
    file that is not audio inside, a surround file, a take of unknown part."""
    folder = tmp_path / "messy export"
    folder.mkdir()
    for name, x in {"Lead Vox": song["vocal"], "Kick In": song["kick"],
                    "Bass DI": song["bass"], "Take 7": song["keys"]}.items():
        sf.write(folder / f"{name}.wav", x.T, 44100, subtype="PCM_24")
    sf.write(folder / "Audio 1_01.wav", np.zeros((44100 * 2, 2)), 44100)
    (folder / "Track 12.wav").write_bytes(b"RIFF\0\0\0\0WAVEjunk")
    sf.write(folder / "Strings 5.1.wav", np.tile(song["keys"][:1].T, (1, 6)), 44100)
    return folder


def test_files_that_cant_be_used_are_left_out_by_name_not_the_session(messy_export, capsys):
    """One silent default track, a broken file and a 6-channel one in a 30-file export must
    not stop the other files; each is named with what is wrong. 'Take 7' names no part and
    can be used: it alone is asked about, with a ROLE=PATH the shell keeps whole."""
    assert main(["analyze", str(messy_export)]) == 2
    err = capsys.readouterr().err
    assert "Take 7.wav" in err and "Audio 1_01" not in err and "Track 12" not in err
    assert f"'keys={messy_export / 'Take 7.wav'}'" in err
    take = f"keys={messy_export / 'Take 7.wav'}"
    assert main(["analyze", str(messy_export), take, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    left_out = {name: n for n in data["notices"] for name in
                ("Audio 1_01.wav", "Track 12.wav", "Strings 5.1.wav") if n.startswith(name)}
    assert "silent" in left_out["Audio 1_01.wav"]
    assert "could not be read" in left_out["Track 12.wav"]
    assert "6 channels" in left_out["Strings 5.1.wav"]
    assert all(n.endswith("left out of the mix") for n in left_out.values())
    assert sorted(f["path"].rsplit("/", 1)[1] for f in data["files"]) == [
        "Bass DI.wav", "Kick In.wav", "Lead Vox.wav", "Take 7.wav"]
    assert data["parts"]["keys"][0]["sources"] == ["Take 7.wav"]


def test_the_report_accounts_for_every_file_left_out(messy_export, tmp_path, capsys):
    out = tmp_path / "out"
    take = f"keys={messy_export / 'Take 7.wav'}"
    assert main(["fix", "--say", "the vocal is buried", str(messy_export), take,
                 "--out", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    err, summary = captured.err, json.loads(captured.out)
    assert [n["message"] for n in summary["input_notices"]] == [
        n["message"] for n in json.loads((out / "report.json").read_text())["input_notices"]]
    report = (out / "report.md").read_text()
    for name in ("Audio 1_01.wav", "Track 12.wav", "Strings 5.1.wav"):
        assert f"{name}" in report.split("## Warnings")[1] and name in err


@pytest.mark.parametrize("command", [["master"], ["analyze"], ["fix", "--say", "too quiet"]])
def test_a_mistyped_path_is_answered_with_the_closest_name(tmp_path, capsys, command):
    """'My Song [Final Mix] v3' beside the real 'v2' export: the chat answers 'The closest I
    see is …v2', the command line only said 'file not found … check the path'."""
    real = tmp_path / "My Song [Final Mix] v2"
    real.mkdir()
    sf.write(real / "mix.wav", np.zeros((4410, 2)), 44100)
    typed = tmp_path / "My Song [Final Mix] v3"
    target = typed if command != ["master"] else typed / "mix.wav"
    out = [] if command == ["analyze"] else ["--out", str(tmp_path / "o")]
    assert main([*command, str(target), *out]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "not found" in err and f"the closest I see is {real}" in err, err


def test_a_rerun_into_the_same_folder_says_what_it_replaced(vocal_and_beat, tmp_path, capsys):
    """The second run into one --out overwrites the first's files: it says which, and the
    first run, into an empty folder, says nothing of the kind."""
    out = tmp_path / "o"
    run = ["master", str(vocal_and_beat / "b.wav"), "--out", str(out)]
    assert main(run) == 0
    assert "replaced" not in capsys.readouterr().out
    assert main([*run, "--json"]) == 0
    replaced = json.loads(capsys.readouterr().out)["replaced"]
    assert sorted(replaced) == sorted(str(out / name) for name in (
        "master.wav", "master-16bit.wav", "premaster.wav", "report.json", "report.md"))
    assert main(run) == 0
    said = capsys.readouterr().out
    assert f"note: replaced 5 files an earlier run had written in {out} (" in said


def test_a_rerun_with_other_stems_takes_away_the_earlier_stem_and_says_so(vocal_and_beat,
                                                                         tmp_path, capsys):
    """stems/b.wav of a first run stayed beside the second run's stems/v.wav, unsaid; and a
    stereo mix mastered after a run on stems takes that run's stems away, as it writes none."""
    out, folder = tmp_path / "o", vocal_and_beat
    fix = ["fix", "--say", "the vocal is too low", "--out", str(out)]
    assert main([*fix, f"vocal={folder / 'v.wav'}", f"beat={folder / 'b.wav'}"]) == 0
    capsys.readouterr()
    assert main([*fix, f"vocal={folder / 'v.wav'}"]) == 0
    said = capsys.readouterr().out
    assert (f"note: removed 1 file an earlier run had written in {out} for other inputs "
            "(stems/b.wav)") in said
    assert [p.name for p in (out / "stems").iterdir()] == ["v.wav"]
    assert main(["master", str(folder / "b.wav"), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert (f"note: removed 1 file an earlier run had written in {out} for other inputs "
            "(stems/v.wav)") in said
    assert not (out / "stems").exists()


@pytest.mark.parametrize("command", [["master"], ["fix", "--say", "the vocal is too low"]])
def test_a_mistyped_reference_is_said_before_any_audio_is_decoded(vocal_and_beat, tmp_path,
                                                                  monkeypatch, capsys, command):
    """--reference was opened only after the stems were decoded, analysed and mastered
    (over a minute on a 20-minute mix), and its message named no closest file as a
    mistyped mix's does."""
    import dsp.pipeline

    def decoded(*args, **kwargs):
        raise AssertionError("audio decoded before --reference was checked")

    monkeypatch.setattr(dsp.pipeline, "load_stems", decoded)
    ref = tmp_path / "ref.wav"
    sf.write(ref, np.zeros((4410, 2)), 44100)
    stems = [str(vocal_and_beat / "b.wav")] if command == ["master"] else [
        f"vocal={vocal_and_beat / 'v.wav'}", f"beat={vocal_and_beat / 'b.wav'}"]
    assert main([*command, *stems, "--reference", str(tmp_path / "reff.wav"),
                 "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "reff.wav: not found" in err and f"the closest I see is {ref}" in err, err


def test_ctrl_c_does_not_wait_for_a_true_peak_on_another_thread(vocal_and_beat, tmp_path,
                                                                monkeypatch, capsys):
    """The mix's own true peak is measured on a spare thread while the master is made: a
    Ctrl+C then waited for it (up to 22 s on 20 minutes of a tone) before saying anything.
    Here Ctrl+C comes in the main thread once the measurement has started, and the
    measurement runs on until released. (The measurement had pressed it itself, through
    _thread.interrupt_main: late in a full run, with every module warm, the main thread had
    read the measurement's result before the Ctrl+C landed: exit 1, 'standard_dbtp' of
    None.)"""
    import threading

    import dsp.pipeline

    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def true_peaks(samples):
        started.set()
        release.wait(10)
        finished.set()

    def ctrl_c_once_measuring(cancel):
        started.wait(10)
        raise KeyboardInterrupt

    monkeypatch.setattr(dsp.pipeline, "true_peaks", true_peaks)
    monkeypatch.setattr(dsp.pipeline, "_check_cancel", ctrl_c_once_measuring)
    try:
        code = main(["master", str(vocal_and_beat / "b.wav"), "--out", str(tmp_path / "o")])
        still_measuring = not finished.is_set()
    finally:
        release.set()
    assert started.is_set() and code == 130
    assert still_measuring
    assert "interrupted" in capsys.readouterr().err


def test_fix_on_one_stem_plans_no_level_move_that_mastering_undoes(vocal_and_beat, capsys):
    """`fix --say "the vocal is too low"` with only the vocal planned 'Turn the lead vocal up
    2.0 dB', and the master came out at the loudness target as without it. Now no move is
    claimed, the note says why and what to do, and the master is on target (pyloudnorm)."""
    import pyloudnorm

    out = vocal_and_beat / "one"
    assert main(["fix", "--say", "the vocal is too low", f"vocal={vocal_and_beat / 'v.wav'}",
                 "--out", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["moves"] == []
    assert any("the only part I have" in n and "--target -12" in n for n in summary["notes"])
    master, rate = sf.read(out / "master.wav")
    assert pyloudnorm.Meter(rate).integrated_loudness(master) == pytest.approx(-14.0, abs=0.3)


def test_a_click_track_by_its_name_is_left_out_not_asked_about(messy_export, tmp_path, capsys):
    """'23 Click.wav' in a DAW export stopped `moozix fix` with 'name each file' though its
    name says it is a click: it is left out, said, and listed in the report; given as
    ROLE=PATH it is mixed."""
    sf.write(messy_export / "23 Click.wav", np.zeros((44100 * 2, 2)) + 0.01, 44100)
    take = f"keys={messy_export / 'Take 7.wav'}"
    out = tmp_path / "out"
    assert main(["fix", "--say", "the vocal is buried", str(messy_export), take,
                 "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "left out 23 Click.wav" in err
    assert "23 Click.wav" in (out / "report.md").read_text()
    assert main(["analyze", str(messy_export), take,
                 f"cymbals={messy_export / '23 Click.wav'}", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "23 Click.wav" in data["parts"]["cymbals"][0]["sources"]
