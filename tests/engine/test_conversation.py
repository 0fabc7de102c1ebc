"""Whole conversations against the engine, no terminal involved."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dsp.audio import load_audio
from dsp.meter import integrated_lufs, true_peak_dbtp
from moozix_tui.engine import Engine
from moozix_tui.engine.paths import find_paths


def test_complaint_to_exported_master(chat, buried_vocal_files, tmp_path):
    folder = buried_vocal_files
    assert "Tell me what bothers you" in chat.start()
    heard = chat.say("the vox is way too low")
    assert "lead vocal" in heard and "mixing" in heard and "Stems I need" in heard
    view = chat.engine.view
    assert {s.role for s in view.stems if s.status == "missing"} == {"vocal", "instruments"}
    planned = chat.say(f'"{folder / "Lead Vox.wav"}" {folder / "beat.wav"}')
    assert "looks good" in planned and "The plan" in planned
    assert "LU against the rest" in planned
    summary = chat.say("go")
    assert "Before → after" in summary
    rows = {r.label: r for r in chat.engine.view.summary.rows}
    assert rows["lead vocal vs rest"].before < -5
    assert -1 <= rows["lead vocal vs rest"].after <= 3
    exported = chat.say(f"export {tmp_path / 'final'}")
    assert "Exported" in exported and "replaced" not in exported
    earlier = tmp_path / "final" / "report.json"   # as a run on other stems would list
    listed = json.loads(earlier.read_text())
    listed["outputs"]["stems"].append("stems/Old Take.wav")
    earlier.write_text(json.dumps(listed))
    (tmp_path / "final" / "stems" / "Old Take.wav").write_bytes(b"RIFF")
    again = chat.say(f"export {tmp_path / 'final'}")  # the same folder: its files are replaced
    assert "I replaced 7 files an earlier run had written in" in again
    assert "removed 1 file an earlier run had written in" in again and "Old Take" in again
    assert not (tmp_path / "final" / "stems" / "Old Take.wav").exists()
    master = load_audio(tmp_path / "final" / "master.wav")
    assert integrated_lufs(master.samples, 44100) == pytest.approx(-14, abs=0.3)
    assert true_peak_dbtp(master.samples, 44100) <= -1.0
    report = json.loads((tmp_path / "final" / "report.json").read_text())
    assert report["moves"][0]["stem"] == "vocal"


def test_undo_redo_replays_fewer_moves(chat, buried_vocal_files):
    chat.render_quiet_vocal(buried_vocal_files)
    assert chat.engine.view.can_undo
    chat.say("undo")
    rows = {r.label: r for r in chat.engine.view.summary.rows}
    vocal = rows["lead vocal vs rest"]
    assert vocal.after == pytest.approx(vocal.before, abs=0.3)
    assert chat.engine.view.can_redo and not chat.engine.view.can_undo
    chat.say("redo")
    rows = {r.label: r for r in chat.engine.view.summary.rows}
    assert rows["lead vocal vs rest"].after > rows["lead vocal vs rest"].before + 5


def test_plan_edits_more_less_skip_and_explicit_db(chat, buried_vocal_files):
    chat.plan_quiet_vocal(buried_vocal_files)
    gain = chat.engine.state.moves[0]["params"]["gain_db"]
    chat.say("less")
    assert chat.engine.state.moves[0]["params"]["gain_db"] == pytest.approx(gain * 0.7, abs=0.05)
    chat.say("skip 1")
    assert chat.engine.state.moves == []
    chat.say("make the vocal 2 dB louder")
    assert chat.engine.state.moves[-1]["params"]["gain_db"] == 2.0


def test_skip_past_the_plan_names_the_moves_there_are(chat, buried_vocal_files):
    """'skip 9' on a one-move plan answered 'Say `skip 1` to `skip 1`'."""
    chat.plan_quiet_vocal(buried_vocal_files)
    assert len(chat.engine.view.plan) == 1
    assert chat.say("skip 9") == "Which move? The plan has 1 move: say `skip 1` (see `status`)."
    chat.say("make the drums 2 dB louder")
    assert chat.say("skip 9") == ("Which move? The plan has 2 moves: say `skip 1` to `skip 2` "
                                  "(see `status`).")
    assert chat.say("more 3") == ("Which move? The plan has 2 moves: say `more 1` to `more 2`, "
                                  "or `more` for every move (see `status`).")


def test_more_or_less_on_one_move_leaves_the_others_and_undo_takes_it_back(
        chat, buried_vocal_files):
    """`more` could only make every move stronger; `less 2` makes move 2 gentler (×0.7,
    as the help says) and leaves move 1 as it was."""
    plan = chat.plan_quiet_vocal(buried_vocal_files)
    assert "`more` / `less` · `skip N`" in plan     # one move: no numbers to offer
    plan = chat.say("make the drums 4 dB louder")
    assert "`more` / `less` (every move) · `more N` / `less N` (move N alone)" in plan
    before = [dict(m["params"]) for m in chat.engine.state.moves]
    answer = chat.say("less 2")
    assert answer.startswith("Made move 2 (Turn the drums up 2.8 dB) gentler (×0.7). The "
                             "others stay as they were.")
    moves = chat.engine.state.moves
    assert moves[0]["params"] == before[0] and moves[1]["params"]["gain_db"] == 2.8
    assert "Undid: made move 2" in chat.say("undo")
    assert [m["params"] for m in chat.engine.state.moves] == before


def test_stereo_only_is_offered_honestly(chat, buried_vocal_files, tmp_path):
    chat.say("the vocal is buried")
    answer = chat.say("I only have the stereo mix")
    assert "can't do" in answer
    plan = chat.say(str(buried_vocal_files / "mix.wav"))
    assert "only have the stereo mix" in plan
    # the export is the master and its report: the mix copied as stems/mix.wav was not
    chat.say("go")
    said = chat.say(f"export {tmp_path / 'out'}")
    assert "**Exported**" in said and "stems/" not in said
    assert not (tmp_path / "out" / "stems").exists()
    assert all(m["stem"] == "mix" for m in chat.engine.state.moves)
    chat.say("go")
    assert chat.engine.view.summary is not None


def test_unclear_complaint_gets_one_question(chat):
    question = chat.say("it's muddy")
    assert "Muddy where" in question
    answer = chat.say("the bass")
    assert "bass" in answer
    assert chat.engine.state.intents[-1]["layer"] == "bass"


def test_a_complaint_of_its_own_is_no_answer_to_the_question(chat):
    """'Muddy where?' then 'the kick sounds thin' took the kick as muddy (found by the
    audit helper in tmux): a message read as a complaint is that complaint."""
    assert "Muddy where" in chat.say("it's muddy")
    chat.say("the kick sounds thin")
    said = {(i["layer"], i["problem"]) for i in chat.engine.state.intents}
    assert ("kick", "thin") in said and ("kick", "muddy") not in said
    assert chat.engine.state.pending is None or "problem" not in chat.engine.state.pending


def test_yes_to_a_question_with_no_measured_part_asks_it_again(chat):
    """Seen in tmux: 'the chorus feels like an afterthought' asked 'too quiet where?' before
    anything was measured; 'yes' answered 'I have your files. What sounds wrong?'."""
    assert "Too quiet where" in chat.say("the chorus feels like an afterthought")
    again = chat.say("yes")
    assert "Too quiet where" in again and "What sounds wrong" not in again
    chat.say("the keys")
    assert chat.engine.state.intents[-1]["layer"] == "keys"


def test_questions_get_answers_and_chit_chat_a_nudge(chat):
    assert "stereo file" in chat.say("should I mix or master first?")
    assert "didn't catch a mix problem" in chat.say("nice weather today")


@pytest.mark.parametrize("name,content,words", [
    ("silent.wav", "silence", "silent"),
    ("vocal.wav", "text", "could not be read"),
])
def test_bad_files_are_explained(chat, tmp_path, name, content, words):
    import numpy as np

    path = tmp_path / name
    if content == "silence":
        sf.write(path, np.zeros((44100, 2)), 44100)
    else:
        path.write_text("not audio")
    chat.say("the vocal is too quiet")
    answer = chat.say(f"vocal={path}")
    assert words in answer
    slot = next(s for s in chat.engine.view.stems if s.role == "vocal")
    assert slot.status == "error"


def test_a_mistyped_path_gets_not_found_and_the_closest_name(chat, tmp_path):
    (tmp_path / "Lead Vox.wav").write_bytes(b"")
    answer = chat.say(str(tmp_path / "Lead Vx.wav"))
    assert answer.startswith("Not found:") and "Lead Vx.wav" in answer
    assert f"`{tmp_path / 'Lead Vox.wav'}`" in answer
    assert "didn't catch" not in answer


def test_a_shared_suffix_alone_makes_no_closest_name(tmp_path):
    """".wav" alone had made "six.wav" the closest to "missing.wav"."""
    from moozix_tui.engine.paths import closest_name

    (tmp_path / "six.wav").write_bytes(b"")
    (tmp_path / "Lead Vox.wav").write_bytes(b"")
    assert closest_name(tmp_path / "missing.wav") is None
    assert closest_name(tmp_path / "Lead Voxx.wav") == tmp_path / "Lead Vox.wav"
    assert closest_name(tmp_path / "lead vox.flac") == tmp_path / "Lead Vox.wav"


def test_resume_restores_everything(chat, buried_vocal_files, tmp_path):
    chat.plan_quiet_vocal(buried_vocal_files)
    before = chat.engine.state
    resumed = Engine.resume(chat.engine.store.folder)
    assert resumed.state.moves == before.moves
    assert len(resumed.view.history) == len(before.history)
    assert {s.role for s in resumed.view.stems} == {"vocal", "instruments"}
    greeting = resumed.greeting().replies[0].markdown
    assert "Welcome back" in greeting
    latest = Engine.resume("latest", sessions_dir=chat.engine.store.folder.parent)
    assert latest.store.folder == chat.engine.store.folder


def test_corrupt_state_is_kept_aside(chat):
    folder = chat.engine.store.folder
    (folder / "state.json").write_text("{not json")
    resumed = Engine.resume(folder)
    assert "could not be read" in resumed.greeting().replies[0].markdown or \
        any("could not be read" in r.markdown for r in resumed.greeting().replies)
    assert list(folder.glob("state.unreadable-*.json"))


def test_markup_emoji_and_long_text_are_literal(chat):
    heard = chat.say("the [bold]vocal[/] is _way_ **too quiet** 🎤 " + "x" * 5000)
    shown = chat.engine.view.history
    assert shown[-2].markdown.startswith("the [bold]vocal[/]")
    assert "\\*\\*" not in shown[-2].markdown
    # the reply quotes the words it understood; rendered as Markdown (by the parser Textual
    # uses) they read exactly as typed: nothing turned bold, no markup swallowed
    assert "vocal[/] is _way_ **too quiet" in as_rendered_text(heard)


def as_rendered_text(markdown: str) -> str:
    html = MarkdownIt("gfm-like").render(markdown)
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_demo_session_walks_the_journey(tmp_path, monkeypatch):
    """The demo as a newcomer meets it: files appear, one sentence, a plan, a master."""
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "home"))
    from moozix_tui.engine import demo

    real = demo.make_demo
    monkeypatch.setattr(demo, "make_demo", lambda: real(duration_s=8.0))
    monkeypatch.setattr("moozix_tui.engine.engine.make_demo", lambda: real(duration_s=8.0))
    from scripted_chat import Chat

    chat = Chat(Engine.new(sessions_dir=tmp_path / "s", demo=True))
    assert "demo song" in chat.start()
    assert {s.role for s in chat.engine.view.stems} == {"drums", "bass", "keys", "vocal"}
    plan = chat.say("the vocal is too low")
    assert "The plan" in plan
    chat.say("go")
    rows = {r.label: r for r in chat.engine.view.summary.rows}
    assert rows["lead vocal vs rest"].after > rows["lead vocal vs rest"].before + 4


def test_a_mud_cut_sized_with_every_move_says_when_one_is_left_out(tmp_path, monkeypatch):
    """On the demo, the drums' low-mid cut is sized so the mix lands in its typical range
    'once every move has acted'; after `skip` drops the bass cut that no longer holds, and
    the reason says so until `undo` brings the cut back."""
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "home"))
    from moozix_tui.engine import demo

    real = demo.make_demo
    monkeypatch.setattr(demo, "make_demo", lambda: real(duration_s=8.0))
    monkeypatch.setattr("moozix_tui.engine.engine.make_demo", lambda: real(duration_s=8.0))
    from scripted_chat import Chat

    chat = Chat(Engine.new(sessions_dir=tmp_path / "s", demo=True))
    chat.start()
    plan = chat.say("the vocal is too quiet and muddy")
    drums = next(line for line in plan.splitlines() if "Cut the drums" in line)
    bass = next(line for line in plan.splitlines() if "Cut the bass" in line)
    assert "once every move has acted" in drums
    skipped = chat.say(f"skip {bass.split('.')[0]}")
    drums = next(line for line in skipped.splitlines() if "Cut the drums" in line)
    assert "once every move has acted" not in drums and "one of them is now left out" in drums
    assert "once every move has acted" in chat.say("undo")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_path_finding_never_crashes_and_finds_only_what_exists(text):
    assert all(path.exists() for _, path in find_paths(text))


FILE_NAMES = st.text(st.characters(categories=("L", "N"), include_characters=" -_[]()&,'!#"),
                     min_size=1, max_size=40).filter(lambda name: name == name.strip(" '"))


@pytest.fixture(scope="module")
def names_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("named files")


@settings(max_examples=60, deadline=None)
@given(name=FILE_NAMES)
def test_path_finding_picks_exactly_the_named_file(names_folder, name):
    """Whatever the file is called (spaces, brackets, quotes, accents), a pasted or quoted
    path picks that file, and only it, from a folder that also holds a near namesake."""
    path = names_folder / f"{name}.wav"
    decoy = names_folder / f"{name} (2).wav"
    path.write_bytes(b"")
    decoy.write_bytes(b"")
    try:
        want = [path.resolve()]
        assert [p for _, p in find_paths(str(path))] == want
        assert [p for _, p in find_paths(f'use "{path}" for the vocal')] == want
        assert find_paths(f'vocal="{path}"') == [("vocal", path.resolve())]
    finally:
        path.unlink()
        decoy.unlink()


def test_path_finding_handles_quotes_tilde_uris_and_folders(buried_vocal_files, monkeypatch):
    folder = buried_vocal_files
    monkeypatch.setenv("HOME", str(folder.parent))
    vocal = folder / "Lead Vox.wav"
    assert [p for _, p in find_paths(f'"{vocal}"')] == [vocal.resolve()]
    assert [p for _, p in find_paths(f"{vocal}")] == [vocal.resolve()]
    assert [p for _, p in find_paths(f"file://{vocal.as_posix().replace(' ', '%20')}")] == \
        [vocal.resolve()]
    tilde = f"~/{folder.name}/beat.wav"
    assert [p.name for _, p in find_paths(tilde)] == ["beat.wav"]
    names = sorted(p.name for _, p in find_paths(str(folder)))
    assert names == ["Lead Vox.wav", "beat.wav", "mix.wav"]
    assert find_paths(f"vocal={folder / 'beat.wav'}")[0][0] == "vocal"


def test_cancelled_render_leaves_the_plan_alone(chat, buried_vocal_files):
    import threading

    chat.plan_quiet_vocal(buried_vocal_files)
    moves = list(chat.engine.state.moves)
    turn = chat.engine.handle("go")
    cancel = threading.Event()
    cancel.set()
    try:
        outcome = turn.job.run(lambda stage, f: None, cancel)
    except Exception as exc:  # noqa: BLE001 - the UI hands every failure to the engine
        reply = chat.engine.fail(turn.job, exc).replies[0].markdown
    else:
        pytest.fail(f"the cancelled render ran to the end and returned {outcome!r}")
    assert "Cancelled" in reply
    assert chat.engine.state.moves == moves and chat.engine.view.summary is None


def test_files_at_other_rates_and_lengths_are_explained(chat, song, tmp_path):
    from scipy.signal import resample_poly

    vocal = song["vocal"][:, :44100 * 6] * 0.3
    sf.write(tmp_path / "vocal.wav", resample_poly(vocal, 48000, 44100, axis=1).T, 48000)
    beat = sum(x for r, x in song.items() if r != "vocal")[:, :44100 * 8]
    sf.write(tmp_path / "beat.wav", beat.T, 44100)
    chat.say("the vocal is too quiet")
    answer = chat.say(f"{tmp_path / 'vocal.wav'} {tmp_path / 'beat.wav'}")
    assert "converted" in answer and "padded" in answer


def test_second_complaint_builds_on_the_result_and_keeps_the_original_before(
        chat, buried_vocal_files):
    chat.render_quiet_vocal(buried_vocal_files)
    first = {r.label: r for r in chat.engine.view.summary.rows}["lead vocal vs rest"]
    chat.say("the vocal is still too quiet")
    chat.say("go")
    second = {r.label: r for r in chat.engine.view.summary.rows}["lead vocal vs rest"]
    assert second.before == pytest.approx(first.before, abs=0.05)
    assert len(chat.engine.state.moves) == 2


def test_a_second_complaint_plans_on_the_render_measurements_without_a_new_pass(
        chat, buried_vocal_files, monkeypatch):
    import dsp.stem_analysis

    chat.render_quiet_vocal(buried_vocal_files)
    full_passes = []
    measure = dsp.stem_analysis.analyse_session

    def counted(stems, *, reuse=None):
        if reuse is None:
            full_passes.append(stems)
        return measure(stems, reuse=reuse)

    monkeypatch.setattr(dsp.stem_analysis, "analyse_session", counted)
    reply = chat.say("the beat is too loud")
    assert "plan" in reply.lower()
    assert full_passes == []


def test_a_whole_export_that_passes_its_checks_is_counted_not_listed(chat, song_files):
    """A DAW export of many clean files gets one line per part count, not a line per file."""
    chat.start()
    chat.say("the vocal is too low")
    stems = [p for role, p in song_files.items() if role != "mix"]
    checked = chat.say(" ".join(f'"{p}"' for p in stems))
    assert f"All {len(stems)} files look good" in checked
    assert checked.count("looks good") == 0


def test_undo_takes_back_more_less_and_skip_and_redo_does_them_again(chat, buried_vocal_files):
    """'more' then 'undo' took back the newest move at its stronger size instead of the
    'more'; 'skip 1' then 'undo' dropped a second move instead of bringing the first back."""
    chat.plan_quiet_vocal(buried_vocal_files)
    chat.say("the vocal is harsh")
    state = chat.engine.state
    sizes = [m["params"] for m in state.moves]
    assert len(sizes) >= 2, state.moves
    first = state.moves[0]["params"]["gain_db"]

    chat.say("more")
    assert state.moves[0]["params"]["gain_db"] == pytest.approx(first * 1.3, abs=0.05)
    answer = chat.say("undo")
    assert "Undid: made every move stronger" in answer
    assert [m["params"] for m in state.moves[:state.applied]] == sizes, "every move as before"
    assert chat.engine.view.can_redo
    chat.say("redo")
    assert state.moves[0]["params"]["gain_db"] == pytest.approx(first * 1.3, abs=0.05)
    chat.say("undo")

    dropped = state.moves[0]
    chat.say("skip 1")
    assert dropped not in state.moves[:state.applied]
    answer = chat.say("undo")
    assert "Undid: dropped move 1" in answer
    assert state.moves[:state.applied] == [dropped, *state.moves[1:state.applied]]
    assert [m["params"] for m in state.moves[:state.applied]] == sizes
    chat.say("redo")
    assert dropped not in state.moves[:state.applied]

    chat.say("less")  # a new change: nothing undone before it can be redone
    assert "Nothing to redo" in chat.say("redo")


def test_a_left_out_file_after_a_plan_says_the_plan_stands(chat, buried_vocal_files, tmp_path):
    """A 6-channel file named like markup, whose part the name can't tell, dropped in after
    the plan: the chat showed an empty message, then asked 'What sounds wrong in it?' as if
    nothing had been said."""
    import numpy as np

    chat.plan_quiet_vocal(buried_vocal_files)
    plan = list(chat.engine.state.moves)
    odd = tmp_path / "[bold]x[" / "bold].wav"
    odd.parent.mkdir()
    sf.write(odd, np.zeros((4410, 6)) + 0.1, 44100)
    turn = chat.engine.handle(str(odd))
    replies = turn.replies + tuple(chat.drain(turn))
    assert all(r.markdown.strip() for r in replies), "no empty message"
    answer = "\n\n".join(r.markdown for r in replies)
    assert "6 channels" in as_rendered_text(answer)
    assert "`bold].wav`" in answer
    assert "The plan is as it was" in answer and "What sounds wrong" not in answer
    assert chat.engine.state.moves == plan


def test_unknown_files_are_asked_about_in_words_that_work(chat, song, tmp_path):
    """One unknown file is not 'all of them'; with several, the example `keys=...` is one
    that, typed back, places the file (its path has a space, so it is quoted)."""
    folder = tmp_path / "Song Export"
    folder.mkdir()
    for name in ("Audio 7.wav", "Audio 8.wav", "Audio 9.wav"):
        sf.write(folder / name, song["keys"][:, :44100].T, 44100)
    one = chat.say(str(folder / "Audio 7.wav"))
    assert "Which part is it?" in one and "all of them" not in one
    chat.say("keys")
    # given again beside two new ones, the placed file keeps its part; the two are asked
    several = chat.say(" ".join(f'"{folder / n}"' for n in ("Audio 7.wav", "Audio 8.wav",
                                                            "Audio 9.wav")))
    assert "keys ← `Audio 7.wav` (again" in several
    example = re.search(r"`(keys=[^`]+)`", several).group(1)
    assert example == f'keys="{folder / "Audio 8.wav"}"'
    chat.say(example)
    slots = {Path(s.path).name: s for s in chat.engine.view.stems if s.path}
    assert slots["Audio 7.wav"].role == slots["Audio 8.wav"].role == "keys"
    assert slots["Audio 9.wav"].status == "waiting", "the one not named still waits"


@pytest.mark.parametrize("typed", [
    '"{folder}/Lead Vox.wav" "{folder}/beat wav.wav"',          # quoted, one mistyped
    "vocal={folder}/Lead Vox.wav and instruments={folder}/bet.wav",
    "{folder}/Lead Vox.wav {folder}/Lead Vx.wav",                # unquoted, spaces inside
])
def test_a_missing_path_beside_found_ones_is_named(chat, buried_vocal_files, typed):
    """A paste of several paths with one that doesn't exist took the others and dropped
    that one without a word."""
    folder = buried_vocal_files
    text = typed.format(folder=folder)
    chat.say("the vocal is too quiet")
    turn = chat.engine.handle(text)
    first = turn.replies[0]
    assert first.kind == "error" and first.markdown.startswith("Not found: `")
    wrong = re.search(r"Not found: `([^`]+)`", first.markdown).group(1)
    assert wrong.startswith(str(folder)) and not Path(wrong).exists()
    assert wrong.rsplit("/", 1)[1] in text
    chat.drain(turn)
    assert any(s.path and s.path.endswith("Lead Vox.wav") for s in chat.engine.view.stems)


def test_a_sentence_beside_a_path_is_no_missing_path(buried_vocal_files):
    from moozix_tui.engine.paths import read_paths

    found, missing = read_paths(f"{buried_vocal_files}/Lead Vox.wav is the vocal, too quiet")
    assert [p.name for _, p in found] == ["Lead Vox.wav"] and missing == []


def test_the_plans_own_measure_is_not_offered_again_as_the_whole_song(chat, song, tmp_path):
    """'the bass is muddy' on a bass stem with +8 dB at 250 Hz, given alone: the plan cuts
    the bass because the mix's 150–400 Hz stands high, and 'Also worth a look' then offered
    'whole song — muddy' on that same figure, as if it were a second problem."""
    from tests.support.faults import boost

    sf.write(tmp_path / "bass.wav", boost(song["bass"], 250, 8).T, 44100)
    chat.say("the bass is muddy")
    answer = chat.say(f"bass={tmp_path / 'bass.wav'}")
    assert "The plan" in answer and "Cut the bass" in answer
    assert "**whole song** — muddy" not in answer


def test_export_before_anything_says_what_to_do_first(chat, buried_vocal_files):
    """'export' on a fresh session answered 'say `go` once the plan looks right', with no
    plan and nothing said yet."""
    first = chat.say("export")
    assert "tell me what sounds wrong first" in first and "`go`" not in first
    chat.plan_quiet_vocal(buried_vocal_files)
    assert "say `go` once the plan looks right" in chat.say("export")


def test_go_with_a_file_still_waiting_for_its_part_says_it_is_left_out(chat, song, tmp_path):
    """A DAW folder with 'Audio 7.wav' (no part in its name), then 'go' without answering:
    the plan was made without that file and nothing said so."""
    for name, role in (("Kick.wav", "kick"), ("Bass.wav", "bass"), ("Audio 7.wav", "keys")):
        sf.write(tmp_path / name, song[role][:, :44100 * 4].T, 44100)
    chat.say("the kick is too quiet")
    asked = chat.say(str(tmp_path))
    assert "Which part is it?" in asked
    answer = chat.say("go")
    assert "`Audio 7.wav` is still waiting for a part, so I leave it out of this mix" in answer
    waiting = [s for s in chat.engine.view.stems if s.path and s.path.endswith("Audio 7.wav")]
    assert [s.status for s in waiting] == ["waiting"], "listed as waiting, not in the mix"


def test_the_level_just_planned_is_not_offered_again_the_other_way(chat, song, tmp_path):
    """'the kick is too quiet' on a kick that measures loud: the plan's note says the
    measurement doesn't back a big move, and 'Also worth a look' then listed 'kick — too
    loud', contradicting the nudge up it had just planned."""
    from tests.support.faults import gain

    sf.write(tmp_path / "Kick.wav", gain(song["kick"], 12)[:, :44100 * 4].T, 44100)
    sf.write(tmp_path / "Bass.wav", song["bass"][:, :44100 * 4].T, 44100)
    chat.say("the kick is too quiet")
    answer = chat.say(str(tmp_path))
    assert "The plan" in answer and "kick" in answer
    assert "**kick** — too loud" not in answer


def test_a_folder_with_no_audio_says_what_it_holds(chat, buried_vocal_files, tmp_path):
    """An existing folder with no audio at its top answered 'Not found: X. The closest I
    see is X' — the same path, which exists."""
    empty = tmp_path / "empty"
    empty.mkdir()
    session = tmp_path / "My Song"
    (session / "Audio Files").mkdir(parents=True)
    (session / "My Song.ptx").write_text("project")
    answer = chat.say(str(empty))
    assert "Not found" not in answer and f"`{empty}` is empty" in answer
    answer = chat.say(str(session))
    assert "Not found" not in answer
    assert "no audio files in" in answer and "`Audio Files/`" in answer
    assert "`My Song.ptx`" in answer and "a folder inside it" in answer
    both = chat.say(f'"{buried_vocal_files / "Lead Vox.wav"}" "{empty}"')
    assert f"`{empty}` is empty" in both and "Lead Vox.wav" in both


@pytest.mark.parametrize("name", ["take `2`.wav", "``odd``.wav", "**bold** _x_ [a](b).wav"])
def test_file_names_with_markdown_characters_read_exactly(chat, song, tmp_path, name):
    """A backtick in a file name was shown as a quote ('take '2'.wav'): not the name."""
    path = tmp_path / name
    sf.write(path, song["vocal"][:, :44100].T, 44100)
    answer = chat.say(f'vocal="{path}"')
    assert name in as_rendered_text(answer)


def test_the_same_file_given_again_is_not_called_a_change_of_stems(chat, buried_vocal_files):
    """Pasting the same vocal again re-checks it and plans again, and said 'The stems
    changed' though nothing may have."""
    chat.plan_quiet_vocal(buried_vocal_files)
    vocal = buried_vocal_files / "Lead Vox.wav"
    again = chat.say(f'vocal="{vocal}"')
    assert "again: checking it anew" in again
    assert "The stems changed" not in again
    assert "I planned again from the full set, as the files are now" in again


def test_a_file_that_cannot_be_read_is_named_once_with_what_is_wrong(chat, tmp_path):
    broken = tmp_path / "Lead Vox.wav"
    broken.write_text("not audio")
    chat.say("the vocal is too low")
    reply = chat.say(str(broken))
    line = next(x for x in reply.splitlines() if x.startswith("- ✗")).replace("\\", "")
    assert line.count("Lead Vox.wav") == 1 and "could not be read as audio" in line
    assert line.endswith("it is left out of the mix.")


def test_a_folder_of_many_files_is_listed_a_line_per_part_every_file_named(chat, song,
                                                                          tmp_path):
    """A 30-file export listed file by file is 30 lines before anything happens: one line
    per part, every file still named."""
    names = {"01 Kick In": "kick", "02 Kick Out": "kick", "03 Snare Top": "snare",
             "07_OH_L": "cymbals", "Bass DI": "bass", "808": "bass", "Lead Vox": "vocal"}
    for name, role in names.items():
        sf.write(tmp_path / f"{name}.wav", song[role][:1].T, 44100)
    turn = chat.engine.handle(str(tmp_path))
    listed = turn.replies[0].markdown
    lines = [line for line in listed.splitlines() if line.startswith("- ")]
    assert len(lines) == 5
    assert "- kick ← `01 Kick In.wav`, `02 Kick Out.wav`" in lines
    assert "- bass ← `808.wav`, `Bass DI.wav`" in lines
    assert all(f"`{name}.wav`" in listed for name in names)


def test_plan_notes_counting_on_a_move_left_out_or_added_say_so(tmp_path, monkeypatch):
    """On the demo, the low-mid note predicts where the mix lands 'with every move in', and
    another says the bass and keys were cut too; after `skip` dropped the bass cut the
    exported report still said both. Now the chat, a resumed session and report.md drop the
    prediction while the cut is out and say why, `undo` brings it back, and a level move
    asked for afterwards is named as not counted by the sizing."""
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "home"))
    from moozix_tui.engine import demo

    real = demo.make_demo
    monkeypatch.setattr("moozix_tui.engine.engine.make_demo", lambda: real(duration_s=8.0))
    from scripted_chat import Chat

    chat = Chat(Engine.new(sessions_dir=tmp_path / "s", demo=True))
    chat.start()
    plan = chat.say("the vocal is too quiet and muddy").replace("\\", "")
    assert "With every move in" in plan and "(predicted after:" in plan
    assert chat.engine.session.active_notes() == [n["text"] for n in chat.engine.state.notes]
    bass = next(line for line in plan.splitlines() if "Cut the bass" in line)
    chat.say(f"skip {bass.split('.')[0]}")
    note = next(n for n in chat.engine.session.active_notes() if "With every move in" in n)
    assert "(predicted after:" not in note and "One of those moves is now left out" in note
    cut_there = next(n for n in chat.engine.session.active_notes() if n.startswith("Besides"))
    assert "the bass (" in cut_there and cut_there.endswith("One of those cuts is now left out.")
    chat.say("undo")
    assert any("(predicted after:" in n for n in chat.engine.session.active_notes())
    chat.say("redo")

    lifted = chat.say("make the bass 2 dB louder")
    number = len(chat.engine.view.plan)
    lift = next(line for line in lifted.splitlines() if "Turn the lead vocal up" in line)
    assert f"move {number} was planned apart from it and not counted" in lift

    resumed = Chat(Engine.resume(chat.engine.store.folder))
    resumed.say("go")
    resumed.say(f"export {tmp_path / 'out'}")
    report = (tmp_path / "out" / "report.md").read_text()
    notes = report.split("## Notes")[1].split("##")[0]
    assert "With every move in" in notes and "(predicted after:" not in notes
    assert "One of those moves is now left out" in notes
    assert f"Move {number} was planned apart from this and not counted in it." in notes
    moves = report.split("## Moves")[1].split("##")[0]
    assert f"move {number} was planned apart from it and not counted" in moves


@pytest.mark.parametrize("export_dir", [None, "chosen"])
def test_export_with_no_folder_stays_under_moozix_home(chat, buried_vocal_files, tmp_path,
                                                      monkeypatch, export_dir):
    """`export` with no folder wrote to ~/Music/Moozix even with MOOZIX_HOME set (the chat
    fixture sets it): now to $MOOZIX_HOME/exports/<session>, unless $MOOZIX_EXPORT_DIR
    names the folder; a folder said in the command wins over both."""
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    if export_dir:
        monkeypatch.setenv("MOOZIX_EXPORT_DIR", str(tmp_path / export_dir))
    chat.say("the vox is way too low")
    chat.say(f'"{buried_vocal_files / "Lead Vox.wav"}" "{buried_vocal_files / "beat.wav"}"')
    chat.say("go")
    assert "Exported" in chat.say("export")
    session = chat.engine.session.store.folder.name
    base = tmp_path / export_dir if export_dir else tmp_path / "home" / "exports"
    assert (base / session / "master.wav").is_file()
    assert not (tmp_path / "user" / "Music").exists()
    assert "Exported" in chat.say(f'export "{tmp_path / "named"}"')
    assert (tmp_path / "named" / "master.wav").is_file()


def test_a_file_left_out_in_the_chat_is_in_the_exported_report(chat, buried_vocal_files,
                                                                tmp_path):
    """A DAW export with a muted track bounced silent: the chat said '… is silent — check
    you exported the right track; it is left out of the mix', and `moozix fix` writes that
    in report.md, but the chat's own export left the file out of its report without a word."""
    import shutil

    folder = tmp_path / "export"
    shutil.copytree(buried_vocal_files, folder)
    sf.write(folder / "Guitar Solo.wav", np.zeros((44100 * 8, 2), np.float32), 44100)
    chat.start()
    chat.say("the vox is way too low")
    planned = chat.say(f'"{folder / "Lead Vox.wav"}" "{folder / "beat.wav"}" '
                       f'"{folder / "Guitar Solo.wav"}"')
    assert planned.count("is silent") == 1, planned   # said as the file came in, once
    chat.say("go")
    assert "Exported" in chat.say(f"export {tmp_path / 'final'}")
    report = (tmp_path / "final" / "report.md").read_text("utf-8")
    assert ("Guitar Solo.wav is silent — check you exported the right track; it is left out "
            "of the mix") in report
    notices = json.loads((tmp_path / "final" / "report.json").read_text())["input_notices"]
    assert any("Guitar Solo.wav is silent" in n["message"] for n in notices)
