"""What the chat says is what it did: each test names a claim the chat once got wrong.

Expectations come from the files as written (read back with soundfile, measured with
pyloudnorm) or from the inputs themselves, never from the engine's own figures.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile as sf
from scripted_chat import Chat

from intents import LAYER_NAMES
from moozix_tui.engine import Engine


def _lufs(path) -> float:
    data, rate = sf.read(path)
    return pyloudnorm.Meter(rate).integrated_loudness(data)


def _rows(chat) -> dict:
    return {r.label: r for r in chat.engine.view.summary.rows}


def test_previews_are_the_users_mix_and_the_master_at_matched_loudness(
        chat, buried_vocal_files):
    folder = buried_vocal_files
    reply = chat.render_quiet_vocal(folder)
    before, after = chat.engine.view.summary.outputs
    assert "matched loudness" in reply
    assert _lufs(before) == pytest.approx(_lufs(after), abs=0.2)
    original, rate = sf.read(folder / "mix.wav")   # what the user's stems sum to
    written, _ = sf.read(before)
    original, written = original - original.mean(axis=0), written - written.mean(axis=0)  # DC
    # before.wav is the user's mix turned down, not the re-levelled pre-master
    scale = np.dot(written.ravel(), original.ravel()) / np.dot(original.ravel(), original.ravel())
    residual = written - scale * original
    assert np.sqrt(np.mean(residual**2)) < 1e-3 * np.sqrt(np.mean(written**2))
    for path in (before, after):
        data, _ = sf.read(path)
        assert np.abs(data).max() < 10 ** (-1 / 20)  # under -1 dBFS: nothing clipped


def test_before_is_the_users_mix_and_stays_put_through_undo_and_redo(
        chat, buried_vocal_files):
    folder = buried_vocal_files
    chat.render_quiet_vocal(folder)
    mix, rate = sf.read(folder / "mix.wav")
    truth = pyloudnorm.Meter(rate).integrated_loudness(mix)
    first = _rows(chat)
    assert first["loudness"].before == pytest.approx(truth, abs=0.15)
    chat.say("undo")
    chat.say("redo")
    again = _rows(chat)
    for label in ("loudness", "true peak", "LRA"):
        assert again[label].before == first[label].before


def test_the_plan_is_made_again_when_stems_arrive(chat, buried_vocal_files):
    folder = buried_vocal_files
    chat.say("the vocal is too quiet")
    first = chat.say(f"vocal={folder / 'Lead Vox.wav'}")
    assert "the only part I have" in first   # a lone part's level is mastering's
    lonely = list(chat.engine.state.moves)
    replanned = chat.say(f"instruments={folder / 'beat.wav'}")
    assert "planned again from the full set" in replanned and "Before: no moves." in replanned
    assert chat.engine.state.moves != lonely
    chat.say("go")
    # sized against the beat now: the vocal ends near the rest, as the plan promises
    assert -2 <= _rows(chat)["lead vocal vs rest"].after <= 4


def test_messages_typed_during_a_job_are_handled_in_order_afterwards(chat, buried_vocal_files):
    folder = buried_vocal_files
    turn = chat.engine.handle(f"{folder / 'Lead Vox.wav'}")
    assert turn.job is not None and chat.engine.busy
    queued = chat.engine.handle("the vocal is too quiet").replies[0].markdown
    assert "Noted" in queued
    assert chat.engine.state.intents == []          # not read yet: the job is running
    outcome = turn.job.run(lambda stage, f: None, threading.Event())
    after = chat.drain(chat.engine.finish(turn.job, outcome))
    text = "\n".join(r.markdown for r in after)
    assert "Here's what I heard" in text and "lead vocal" in text
    assert [i["layer"] for i in chat.engine.state.intents] == ["vocal"]


def test_a_file_under_the_same_name_replaces_the_old_one_says_so_and_undo_restores(
        chat, buried_vocal_files, tmp_path):
    folder = buried_vocal_files
    chat.say(f"vocal={folder / 'Lead Vox.wav'}")
    newer = tmp_path / "Lead Vox.wav"
    newer.write_bytes((folder / "Lead Vox.wav").read_bytes())
    reply = chat.say(f"vocal={newer}")
    assert "replaced" in reply and str(folder / "Lead Vox.wav") in reply
    assert [f["path"] for f in chat.engine.state.files] == [str(newer)]
    chat.say("undo")
    assert [f["path"] for f in chat.engine.state.files] == [str(folder / "Lead Vox.wav")]


def test_a_second_file_for_a_part_is_added_beside_the_first(chat, buried_vocal_files,
                                                              tmp_path):
    folder = buried_vocal_files
    chat.say(f"vocal={folder / 'Lead Vox.wav'}")
    double = tmp_path / "Vox Dbl.wav"
    double.write_bytes((folder / "Lead Vox.wav").read_bytes())
    chat.say(str(double))
    assert sorted(f["path"] for f in chat.engine.state.files) == sorted(
        [str(folder / "Lead Vox.wav"), str(double)])


def test_an_explicit_gain_says_what_was_planned_not_what_was_asked(chat, buried_vocal_files):
    chat.plan_quiet_vocal(buried_vocal_files)
    reply = chat.say("make the vocal 20 dB louder")
    planned = chat.engine.state.moves[-1]["params"]["gain_db"]
    assert planned == 12.0
    assert "+12.0 dB" in reply and "Added +20" not in reply


def test_export_takes_a_quoted_path_with_spaces_and_brackets(chat, buried_vocal_files,
                                                              tmp_path):
    chat.render_quiet_vocal(buried_vocal_files)
    target = tmp_path / "my song" / "Mästered [v1]"
    chat.say(f'export "{target}"')
    assert (target / "master.wav").exists()
    assert not (tmp_path / '"').exists()


def test_resume_after_a_kill_mid_render_says_it_was_interrupted(chat, buried_vocal_files):
    chat.plan_quiet_vocal(buried_vocal_files)
    chat.engine.handle("go")             # the render job is never run: the process died
    resumed = Engine.resume(chat.engine.store.folder)
    text = "\n".join(r.markdown for r in resumed.greeting().replies)
    assert "interrupted" in text and "go" in text


def test_screens_and_report_use_words_not_ids(chat, buried_vocal_files, tmp_path):
    plan = chat.plan_quiet_vocal(buried_vocal_files)
    assert "too_quiet" not in plan and "gain_db" not in plan
    assert "Turn the lead vocal up" in plan
    assert "the lead vocal measured" in plan and "— vocal measured" not in plan   # the why too
    chat.say("go")
    chat.say(f"export {tmp_path / 'out'}")
    report = (tmp_path / "out" / "report.md").read_text()
    assert "gain_db" not in report and "Turn the lead vocal up" in report
    # the card's and the report's short labels name the part as the chat does
    vocal_row = f"{LAYER_NAMES['vocal']} vs rest"
    assert vocal_row in [r.label for r in chat.engine.view.summary.rows] and vocal_row in report
    assert "the lead vocal measured" in report
    assert "LUFS" in report.split("## Words used here")[1]
    assert "-0.0" not in report


def test_hats_inside_a_drums_stem_are_worked_on_there(chat, song, tmp_path):
    drums = song["kick"] + song["snare"] + song["cymbals"]
    sf.write(tmp_path / "drums.wav", drums.T, 44100)
    sf.write(tmp_path / "bass.wav", song["bass"].T, 44100)
    chat.say(f"{tmp_path / 'drums.wav'} {tmp_path / 'bass.wav'}")
    reply = chat.say("the hats are harsh")
    assert "only have the stereo mix" not in reply
    assert "plays inside the stem for the drums" in reply
    assert {m["stem"] for m in chat.engine.state.moves} == {"drums"}


def test_a_daw_folder_keeps_every_file_and_asks_about_the_unknown_one(chat, song, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    sf.write(folder / "Guitar 1.wav", song["keys"].T, 44100)
    sf.write(folder / "Guitar 2.wav", (song["keys"] * 0.5).T, 44100)
    sf.write(folder / "Lead Vox.wav", song["vocal"].T, 44100)
    sf.write(folder / "take 7.wav", song["bass"].T, 44100)
    (folder / "notes.txt").write_text("not audio")
    reply = chat.say(str(folder))
    assert "take 7.wav" in reply and "Which part" in reply
    assert sorted(Path(f["path"]).name for f in chat.engine.state.files) == [
        "Guitar 1.wav", "Guitar 2.wav", "Lead Vox.wav"]
    chat.say("bass")
    assert {Path(f["path"]).name: f["role"] for f in chat.engine.state.files}["take 7.wav"] \
        == "bass"
    chat.say("the guitars are too loud")
    chat.say("go")
    # the render's mix holds every file: its energy is the sum of all four inputs
    import dsp.meter

    stems = chat.engine.session.stems
    assert len(stems.stems) == 4
    total = sum(sf.read(folder / n)[0] for n in ("Guitar 1.wav", "Guitar 2.wav",
                                                  "Lead Vox.wav", "take 7.wav"))
    mix = stems.mixdown().T
    assert dsp.meter.amplitude_db(np.sqrt(np.mean(mix**2))) == pytest.approx(
        dsp.meter.amplitude_db(np.sqrt(np.mean(total**2))), abs=0.05)


def test_no_measurement_is_shown_twice_in_the_summary(chat, song, tmp_path):
    # hats inside a drums stem: the complaint's row is the mix's 2-8 kHz share, which is
    # also a standing row of the summary
    sf.write(tmp_path / "drums.wav", (song["kick"] + song["snare"] + song["cymbals"]).T, 44100)
    sf.write(tmp_path / "bass.wav", song["bass"].T, 44100)
    chat.say(f"{tmp_path / 'drums.wav'} {tmp_path / 'bass.wav'}")
    chat.say("the hats are harsh")
    chat.say("go")
    labels = [r.label for r in chat.engine.view.summary.rows]
    assert len(set(labels)) == len(labels)
    assert sum("2–8 kHz share" in label and "drums" not in label for label in labels) == 1


def test_a_complaint_about_one_file_moves_that_file_only(chat, song, tmp_path):
    for name, audio in (("Guitar 1.wav", song["keys"]), ("Gtr DI.wav", song["keys"] * 2.0),
                        ("Lead Vox.wav", song["vocal"]), ("Bass.wav", song["bass"])):
        sf.write(tmp_path / name, audio.T, 44100)
    chat.say(" ".join(f'"{tmp_path / n}"' for n in ("Guitar 1.wav", "Gtr DI.wav",
                                                   "Lead Vox.wav", "Bass.wav")))
    chat.say("the DI guitar is too loud")
    moves = chat.engine.state.moves
    assert moves and {m["stem"] for m in moves} == {"Gtr DI"}
    assert all(m["params"]["gain_db"] < 0 for m in moves if m["op"] == "gain")
    chat.say("undo")
    chat.say("the guitars are too loud")
    assert {m["stem"] for m in chat.engine.state.moves[:chat.engine.state.applied]} \
        == {"guitars"}


def test_only_stems_the_chat_still_asks_for_show_as_missing(chat, buried_vocal_files):
    folder = buried_vocal_files
    chat.say("the vocal is too quiet")
    assert {s.role for s in chat.engine.view.stems if s.status == "missing"} == \
        {"vocal", "instruments"}
    chat.say(f"{folder / 'Lead Vox.wav'} {folder / 'beat.wav'}")
    chat.say("the vocal is muddy")   # asks for bass, guitars, keys too, but can go ahead
    assert not [s for s in chat.engine.view.stems if s.status == "missing"]


def test_files_picked_during_a_job_are_named_in_the_reply_and_added_after(
        chat, buried_vocal_files):
    folder = buried_vocal_files
    turn = chat.engine.handle(str(folder / "Lead Vox.wav"))
    reply = chat.engine.add_files([folder / "beat.wav"]).replies[0].markdown
    assert "Noted" in reply and "beat.wav" in reply
    outcome = turn.job.run(lambda stage, f: None, threading.Event())
    chat.drain(chat.engine.finish(turn.job, outcome))
    assert sorted(Path(f["path"]).name for f in chat.engine.state.files) == [
        "Lead Vox.wav", "beat.wav"]


def test_a_stereo_mix_beside_its_stems_is_shown_as_left_out(chat, song_files):
    """The render mixes the stems and leaves mix.wav out (it would count every part twice):
    the view must not show it as in the mix, and says why."""
    chat.say(" ".join(str(p) for p in song_files.values()))
    slots = {Path(s.path).name: s for s in chat.engine.view.stems if s.path}
    assert slots["mix.wav"].status == "unused" and slots["vocal.wav"].status == "ok"
    assert "stems are mixed instead" in slots["mix.wav"].note
    chat.say("I only have the stereo mix")
    slots = {Path(s.path).name: s for s in chat.engine.view.stems if s.path}
    assert slots["mix.wav"].status == "ok" and slots["vocal.wav"].status == "unused"


def test_a_part_the_measurement_picked_is_not_said_to_be_named_by_the_user(chat,
                                                                         buried_vocal_files):
    folder = buried_vocal_files
    chat.say("it just sounds amateur")
    offered = chat.say(f'"{folder / "Lead Vox.wav"}" "{folder / "beat.wav"}"')
    assert "1. **lead vocal** — too quiet" in offered
    picked = chat.say("1")
    assert "the measurement points to this part" in picked
    assert "you named the part" not in picked


def test_what_did_you_change_lists_the_moves_and_the_last_render(chat, buried_vocal_files):
    chat.render_quiet_vocal(buried_vocal_files)
    answer = chat.say("what did you change?")
    assert "Turn the lead vocal up" in answer
    row = next(r for r in chat.engine.view.summary.rows if r.label == "lead vocal vs rest")
    assert row.signed, "a level against the rest is relative"
    assert f"vocal vs rest: {row.before:+.1f} → {row.after:+.1f} LU" in answer


def test_a_style_says_what_the_render_then_does_to_the_tone(chat, buried_vocal_files):
    chat.plan_quiet_vocal(buried_vocal_files)
    said = chat.say("make it warmer")
    chat.say("go")
    done = chat.engine.session.result.master.tone_moves
    shaping = [move for move in done if not move.startswith(("high-pass", "low-pass"))]
    assert shaping and all(move in said for move in shaping)


def test_louder_after_a_master_raises_the_target_and_the_master_measures_louder(
        chat, buried_vocal_files):
    chat.say("the whole song is too quiet")
    chat.say(f'"{buried_vocal_files / "mix.wav"}"')
    chat.say("go")
    first = chat.engine.session.result.master.samples
    said = chat.say("louder")
    assert "Raising the target to -12 LUFS" in said
    second = chat.engine.session.result.master.samples
    meter = pyloudnorm.Meter(44100)
    gained = meter.integrated_loudness(second.T) - meter.integrated_loudness(first.T)
    assert gained == pytest.approx(2.0, abs=0.3)
    said = chat.say("it's way too loud now")
    assert "Lowering the target to -15 LUFS" in said
    said = chat.say("undo")
    said = said.replace("\\", "")  # Markdown escapes
    assert "Back to target **-12 LUFS**" in said  # a number the user gave, not "Custom"
    said = chat.say("undo").replace("\\", "")
    assert "-14 LUFS**" in said
    back = chat.engine.session.result.master.samples
    assert meter.integrated_loudness(back.T) == pytest.approx(
        meter.integrated_loudness(first.T), abs=0.2)


def test_a_bare_quieter_after_a_master_lowers_the_target(chat, buried_vocal_files):
    """'a bit quieter' asks for a quieter master (it had read as 'the song is too quiet'
    and raised the target): one step down from the -14 LUFS master, for a mild ask."""
    chat.say("the whole song is too quiet")
    chat.say(f'"{buried_vocal_files / "mix.wav"}"')
    chat.say("go")
    said = chat.say("a bit quieter")
    assert "Lowering the target to -15 LUFS" in said


def test_undo_takes_back_a_style_before_anything_is_rendered(chat):
    chat.say("style warm")
    assert chat.engine.session.state.style == "warm"
    assert "style **balanced**" in chat.say("undo")
    assert chat.engine.session.state.style == "balanced"
    assert "Nothing to undo" in chat.say("undo")


@pytest.mark.parametrize(("lufs", "severity", "louder", "expected"), [
    (-14.0, "normal", True, -12.0), (-14.04, "mild", True, -13.0), (-14.0, "strong", False, -17.0),
    (-7.2, "normal", True, None), (-8.0, "strong", True, -7.0), (-23.5, "normal", False, -24.0),
])
def test_a_new_target_steps_from_the_measured_master(lufs, severity, louder, expected):
    from moozix_tui.engine.plan_edits import new_target

    assert new_target(lufs, severity, louder) == expected


@pytest.mark.parametrize("ask", ["does it sound ok to you?", "What's wrong with my mix?",
                                 "how can I make this sound better", "any tips?"])
def test_asking_for_an_opinion_gets_the_measured_findings(chat, buried_vocal_files, ask):
    """The vocal was exported 9 dB down: asked what it thinks, the assistant measures and
    offers that first."""
    folder = buried_vocal_files
    chat.say(f'"{folder / "Lead Vox.wav"}" "{folder / "beat.wav"}"')
    answer = chat.say(ask)
    assert "1. **lead vocal** — too quiet" in answer


def test_every_figure_on_the_card_is_explained_in_help(chat, buried_vocal_files):
    """A musician can look up each label and unit the before/after card shows (F1)."""
    from moozix_tui.engine.wording import glossary_markdown

    chat.render_quiet_vocal(buried_vocal_files)
    chat.say("it's muddy overall")
    terms = [line.split("**")[1] for line in glossary_markdown().splitlines()
             if line.startswith("- **")]
    for row in chat.engine.view.summary.rows:
        assert any(t in row.label for t in terms) or row.unit in terms, row.label


def test_a_move_the_measurement_does_not_back_is_gentle_and_the_way_to_more_is_said(
        chat, song_files, tmp_path, capsys):
    """The unbroken song's vocal already sits in its typical range: the chat nudges it and
    says how to go further; `moozix fix` says the same in its own terms."""
    from moozix_tui.cli import main

    stems = [str(p) for role, p in song_files.items() if role != "mix"]
    chat.say("the vocal is too low")
    planned = chat.say(" ".join(stems))
    assert "nudge" in planned and "Say `more` (×1.3) if you still hear it." in planned
    assert main(["fix", "--say", "the vocal is too low", *stems,
                 "--out", str(tmp_path / "o")]) == 0
    assert ("note: kept gentle: Turn the lead vocal up 1.0 dB. If you still hear it, say that "
            "complaint more strongly in --say") in capsys.readouterr().out


def test_a_level_move_at_its_limit_says_what_goes_further_in_each_face(chat, song, tmp_path,
                                                                      capsys):
    """A vocal 20 dB under needs more than the 12 dB one measured move makes. The chat held
    the move there without a word about `more`, which takes it on to 18 dB; `moozix fix`
    takes no `more`, and a stronger --say is sized to the same 12 dB, so it says what does
    go further."""
    from moozix_tui.cli import main

    vocal = song["vocal"][:, :44100 * 6] * np.float32(10 ** (-20 / 20))
    beat = sum(x for role, x in song.items() if role != "vocal")[:, :44100 * 6]
    sf.write(tmp_path / "Lead Vox.wav", vocal.T, 44100)
    sf.write(tmp_path / "beat.wav", beat.T, 44100)
    files = [str(tmp_path / "Lead Vox.wav"), str(tmp_path / "beat.wav")]
    chat.say("the vocal is too quiet")
    planned = chat.say(" ".join(f'"{f}"' for f in files)).replace("\\", "")
    assert chat.engine.state.moves[0]["params"]["gain_db"] == 12.0
    assert ("The level move on the lead vocal stops at 12 dB, the most one measured move "
            "makes; say `more` (×1.3) to take it on, up to 18 dB.") in planned
    chat.say("more")
    chat.say("more")
    assert chat.engine.state.moves[0]["params"]["gain_db"] == 18.0, "as the chat said"
    assert main(["fix", "--say", "the vocal is way too quiet", *files,
                 "--out", str(tmp_path / "o")]) == 0
    said = capsys.readouterr().out
    assert "move: Turn the lead vocal up 12.0 dB" in said
    assert ("note: the level move on the lead vocal stops at 12 dB, the most one measured move "
            "makes, and saying it more strongly in --say won't pass that; in the chat (moozix), "
            "`more` takes it up to 18 dB") in said


_SIZED_BESIDE = "for what the plan's other moves do"


def test_a_level_move_sized_beside_a_move_left_out_says_so_in_every_face(
        chat, buried_vocal_files, tmp_path):
    """The vocal lift sized beside a mud cut on the vocal said '… for what the plan's other
    moves do to the part's level' after `skip` or `undo` took the cut out; now it says the
    cut is left out, in the chat, the resumed session and the exported report, and `redo`
    brings the first words back with the cut."""
    folder = buried_vocal_files
    chat.say("the vocal is too quiet and muddy")
    plan = chat.say(f'"{folder / "Lead Vox.wav"}" "{folder / "beat.wav"}"')
    lift, cut = (line for line in plan.splitlines() if line[:3] in ("1. ", "2. "))
    assert "Turn the lead vocal up" in lift and _SIZED_BESIDE in lift
    assert "Cut the lead vocal at" in cut

    skipped = chat.say("skip 2")
    assert _SIZED_BESIDE not in skipped and "one of them is now left out" in skipped
    assert _SIZED_BESIDE in chat.say("undo")              # the skip taken back: the cut is in
    assert "one of them is now left out" in chat.say("undo")   # the cut stepped back
    assert _SIZED_BESIDE in chat.say("redo")
    chat.say("skip 2")
    assert "one of them is now left out" in chat.say("more")   # stronger, still without it
    chat.say("undo")

    resumed = Chat(Engine.resume(chat.engine.store.folder))
    assert _SIZED_BESIDE in resumed.say("undo")
    again = resumed.say("redo")
    assert _SIZED_BESIDE not in again and "one of them is now left out" in again

    resumed.say("go")
    resumed.say(f"export {tmp_path / 'out'}")
    report = (tmp_path / "out" / "report.md").read_text()
    assert "Turn the lead vocal up" in report and "Cut the lead vocal" not in report
    assert _SIZED_BESIDE not in report and "one of them is now left out" in report


def test_more_at_a_level_limit_names_the_move_and_strengthens_it_alone(chat, song, tmp_path):
    """A DAW export, 'the vocal is buried and the 808 is muddy': the plan said 'The level
    move on the lead vocal stops at 12 dB …; say `more` to take it on', and `more` made
    every move stronger (×1.3), the 808's cut with it. The hint names the vocal's move,
    `more 1` takes it on to the 18 dB the hint promises (12 × 1.3 × 1.3, held at 18) and
    the other moves stay as they were."""
    vocal = song["vocal"][:, :44100 * 6] * np.float32(10 ** (-20 / 20))
    for role, x in song.items():
        sf.write(tmp_path / f"{role}.wav", (vocal if role == "vocal" else x[:, :44100 * 6]).T,
                 44100)
    chat.say("the vocal is too quiet and the bass is muddy")
    planned = chat.say(f'"{tmp_path}"').replace("\\", "")
    moves = [dict(m) for m in chat.engine.state.moves]
    assert moves[0]["params"]["gain_db"] == 12.0 and len(moves) > 1
    assert ("say `more 1` (move 1 ×1.3, the other moves as they are) to take it on, up to "
            "18 dB.") in planned
    chat.say("more 1")
    chat.say("more 1")
    after = chat.engine.state.moves
    assert after[0]["params"]["gain_db"] == 18.0, "as the chat said"
    assert [m["params"] for m in after[1:]] == [m["params"] for m in moves[1:]]
    chat.say("undo")
    chat.say("undo")
    assert [m["params"] for m in chat.engine.state.moves] == [m["params"] for m in moves]


def test_a_level_asked_of_the_only_stem_is_no_move_in_the_chat_either(chat, song_files):
    """The vocal stem alone and 'the vocal is too low': the plan claimed a 2 dB lift that
    mastering then took back. The chat says what `moozix fix` says: mastering sets a lone
    part's level; give the other stems, or a louder target."""
    chat.say("the vocal is too low")
    planned = chat.say(str(song_files["vocal"])).replace("\\", "")
    assert chat.engine.state.moves == []
    assert "The lead vocal is the only part I have" in planned
    assert "say target -12 in the chat" in planned and "No moves in the plan" in planned
