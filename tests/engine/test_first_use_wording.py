"""What a first-time user reads: every number on screen carries its unit."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def mastered_demo(demo_chat):
    """The demo song (8 s) after 'the vocal is too low' and 'go'."""
    demo_chat.say("the vocal is too low")
    demo_chat.say("go")
    return demo_chat


def test_the_side_panel_target_says_its_loudness(chat):
    chat.start()
    # streaming services normalise to about -14 LUFS (Spotify, YouTube)
    assert chat.engine.view.target == "streaming, -14 LUFS"
    chat.say("target -12")
    assert chat.engine.view.target == "-12 LUFS"
    assert "-12 LUFS" in chat.say("status").split("**Target**")[1].split("·")[0]


def test_nothing_stands_out_after_a_master_offers_what_is_left(mastered_demo):
    """Once the song is mastered, 'what's wrong with it?' must not offer to master it; what
    it offers is what is left: the demo's +7 dB at 250 Hz on every part (only the vocal
    was fixed), as a low-mid build-up."""
    chat = mastered_demo
    answer = chat.say("what's wrong with it?")
    assert "to master it" not in answer
    assert "** — muddy" in answer and "150–400 Hz" in answer


def test_an_unreadable_file_of_unknown_part_is_reported_not_asked_about(chat, song, tmp_path):
    """Asking which part a file is that cannot be read is a dead end: it is left out with
    the reason, and only the readable stranger gets the question."""
    import soundfile as sf

    folder = tmp_path / "export"
    folder.mkdir()
    sf.write(folder / "Lead Vox.wav", song["vocal"].T, 44100)
    sf.write(folder / "take 7.wav", song["bass"].T, 44100)
    (folder / "broken.wav").write_text("not audio")
    reply = chat.say(str(folder))
    question = reply[reply.index("Which part"):] if "Which part" in reply else ""
    before_question = reply.split("I couldn't tell")[-1].split("Which part")[0]
    assert "take 7.wav" in before_question and "broken.wav" not in before_question
    assert "broken.wav" in reply.split("I couldn't tell")[0]  # reported as unreadable
    assert question
    assert chat.engine.state.pending == {"unplaced": [str(folder / "take 7.wav")]}


def test_progress_stages_say_more_than_the_job_title(chat, buried_vocal_files):
    """The title bar shows '<job>: <stage>'; 'Analysing the stems: analysing' says nothing."""
    import threading

    chat.say(str(buried_vocal_files / "Lead Vox.wav"))
    chat.say(str(buried_vocal_files / "beat.wav"))
    turn = chat.engine.handle("the vocal is too low")
    job = turn.job
    assert job is not None and job.kind == "analyse"
    stages: list[str] = []
    job.run(lambda stage, fraction: stages.append(stage), threading.Event())
    first_word = job.label.split()[0].lower()
    assert stages and not any(stage.lower().startswith(first_word) for stage in stages)


def test_a_complaint_naming_a_part_does_not_answer_which_part_a_file_is(chat, song, tmp_path):
    import soundfile as sf

    folder = tmp_path / "export"
    folder.mkdir()
    sf.write(folder / "Lead Vox.wav", song["vocal"].T, 44100)
    sf.write(folder / "take 7.wav", song["bass"].T, 44100)
    assert "Which part" in chat.say(str(folder))
    reply = chat.say("the kick is boomy")
    assert "Here's what I heard" in reply
    assert [i["layer"] for i in chat.engine.state.intents] == ["kick"]
    assert str(folder / "take 7.wav") not in {f["path"] for f in chat.engine.state.files}
    chat.say("bass")  # the plain answer still places it
    assert {f["path"]: f["role"] for f in chat.engine.state.files}[
        str(folder / "take 7.wav")] == "bass"


def test_asking_whats_wrong_after_a_master_keeps_it_live(mastered_demo):
    """'What's wrong with it?' after a render must not forget the master: a style change
    afterwards renders again (it used to only relabel, and export wrote the old style)."""
    chat = mastered_demo
    balanced = chat.engine.session.result.master.tone_moves
    chat.say("what's wrong with it?")
    assert chat.engine.state.phase == "rendered"
    chat.say("style warm")  # warm: a low shelf the balanced master does not have
    assert chat.engine.session.result.master.tone_moves != balanced
    assert "Back to target **Streaming" in chat.say("undo")  # not "target Custom"


def test_also_worth_a_look_says_what_is_wrong_not_just_the_number(mastered_demo):
    """'bass: bass sits -1.7 LU against the rest; typical -9…-3 LU' left the musician to
    work out that the bass is too loud (-1.7 is above the -3 top of the range)."""
    import re

    plan = next(r.markdown for r in mastered_demo.replies if "Also worth a look" in r.markdown)
    listed = plan.split("**Also worth a look**")[1].split("\n\n")[1].splitlines()
    assert listed
    assert all(re.match(r"- \*\*[a-z ,]+\*\* — [a-z ,-]+ \(", line) for line in listed)
    # what was asked for comes first: the plan's moves, then what else stands out, then
    # what to say next (it led the reply, above the plan, and pushed it off a short screen)
    assert plan.index("**The plan**") < plan.index("1. ") < plan.index("Also worth a look")
    assert plan.index("Also worth a look") < plan.index("Say `go`")


def test_the_muddy_line_also_worth_a_look_is_short(mastered_demo):
    """The demo's build-up on four parts, offered beside 'the vocal is too low': every
    part's figures and ranges ran to 13 lines at 80x24 (~41 columns inside a bullet); now
    the mix's figure and the parts' shares, biggest first, in at most 5 lines."""
    plan = next(r.markdown for r in mastered_demo.replies if "Also worth a look" in r.markdown)
    line = next(line for line in plan.replace("\\", "").splitlines()
                if line.startswith("- ") and "— muddy" in line)
    assert len(line) <= 5 * 41, line
    assert "keys, lead vocal, bass and drums** — muddy (the mix's 150–400 Hz stands +" in line
    assert re.search(r"; \d+% of it is in the drums, then bass \d+%, keys \d+%, lead vocal "
                     r"\d+%\)$", line), line


def test_export_never_writes_a_master_older_than_the_plan(mastered_demo, tmp_path):
    """A complaint after a render makes a new plan; 'export' before 'go' wrote the old
    master and said nothing."""
    chat = mastered_demo
    plan = chat.say("the bass is too loud")
    assert "The plan" in plan and chat.engine.state.applied == 2
    said = chat.say(f"export {tmp_path / 'out'}")
    assert "go" in said and not (tmp_path / "out" / "master.wav").exists()
    chat.say("go")
    chat.say(f"export {tmp_path / 'out'}")
    report = (tmp_path / "out" / "report.md").read_text()
    assert "Turn the bass down" in report and "Turn the lead vocal up" in report


def test_export_after_resume_says_to_export_once_the_render_is_done(mastered_demo, tmp_path):
    from scripted_chat import Chat

    from moozix_tui.engine import Engine

    folder = mastered_demo.engine.session.store.folder
    chat = Chat(Engine.resume(folder.name, sessions_dir=folder.parent))
    said = chat.say(f"export {tmp_path / 'out'}")
    # the render runs; nothing is exported by it, so the chat must not promise it was
    assert not (tmp_path / "out" / "master.wav").exists()
    assert "say `export` once" in said
    chat.say(f"export {tmp_path / 'out'}")
    assert (tmp_path / "out" / "master.wav").exists()


def test_notes_about_the_files_are_said_once_per_set_of_files(chat, song, tmp_path):
    """'OH L and OH R are a left/right pair' came back with every new complaint."""
    import soundfile as sf

    folder = tmp_path / "export"
    folder.mkdir()
    sf.write(folder / "Lead Vox.wav", song["vocal"].T, 44100)
    sf.write(folder / "OH L.wav", song["cymbals"][0], 44100)
    sf.write(folder / "OH R.wav", song["cymbals"][1], 44100)
    sf.write(folder / "Bass.wav", song["bass"].T, 44100)
    sf.write(folder / "Keys.wav", song["keys"].T, 44100)
    chat.say(str(folder))
    first = chat.say("the vocal is too low")
    assert "About your files" in first and "left/right pair" in first
    second = chat.say("the bass is too loud")
    assert "The plan" in second and "About your files" not in second


@pytest.mark.parametrize("said", ["make it sound more pro", "can you make it better",
                                  "idk it just sounds kinda amatuer"])
def test_a_wish_for_a_better_song_measures_it_instead_of_a_dead_end(chat, said):
    """These got 'I didn't catch a mix problem there'; they ask what could be better,
    which the measurement answers."""
    from moozix_tui.engine.commands import asks_for_diagnosis

    assert asks_for_diagnosis(said)
    chat.start()
    reply = chat.say(said)
    assert "didn't catch" not in reply and "measure" in reply


def test_a_whole_song_tone_is_said_back_the_way_it_was_said():
    from moozix_tui.engine.decide import complaint
    from moozix_tui.engine.present import restate

    said = restate({**complaint("mix", "muddy"), "evidence": "mix sounds muddy"})
    assert "whole song** — muddy overall" in said
    assert "overall tone" in restate({**complaint("mix", "tonal_balance"), "evidence": "eq"})


@pytest.mark.parametrize(("question", "term", "words"), [
    ("what does LU mean?", "LU", "a difference in loudness"),
    ("whats LRA", "LRA", "loudness range"),
    ("what is BS.1770 true peak?", "BS.1770 true peak", "4x"),
])
def test_a_term_of_the_card_asked_about_gets_its_meaning(chat, question, term, words):
    """'what does LU mean?' was answered 'I didn't catch a mix problem', while the help
    screen's glossary holds the answer."""
    chat.start()
    reply = chat.say(question)
    assert f"**{term}** —" in reply and words in reply
    assert "didn't catch" not in reply


def test_a_complaint_holding_a_term_is_still_a_complaint(chat):
    chat.start()
    reply = chat.say("what is wrong with the vocal, it sits 5 LU too low")
    assert "**LU** —" not in reply


def test_the_demo_names_its_parts_as_the_side_panel_does(tmp_path, monkeypatch):
    """'The demo song is ready: drums, bass, keys, vocal' beside a panel listing 'lead
    vocal': the ready line names the parts in the panel's words."""
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "home"))
    from moozix_tui.engine import demo

    real = demo.make_demo
    monkeypatch.setattr("moozix_tui.engine.engine.make_demo", lambda: real(duration_s=2.0))
    from scripted_chat import Chat

    from moozix_tui.engine import Engine

    chat = Chat(Engine.new(sessions_dir=tmp_path / "s", demo=True))
    ready = chat.start()
    assert "The demo song is ready: **drums, bass, keys and lead vocal**." in ready
    assert [s.name for s in chat.engine.view.stems] == ["drums", "bass", "keys", "lead vocal"]


def test_a_files_own_problem_is_said_when_it_comes_in_not_again_with_the_plan(chat, song,
                                                                              tmp_path):
    """A clipped file was reported when it was checked, then again under "About your
    files" with the first plan; the left/right join, found only when the set is loaded,
    is news there."""
    import numpy as np
    import soundfile as sf

    folder = tmp_path / "export"
    folder.mkdir()
    sf.write(folder / "Lead Vox.wav", song["vocal"].T, 44100)
    sf.write(folder / "OH L.wav", song["cymbals"][0], 44100)
    sf.write(folder / "OH R.wav", song["cymbals"][1], 44100)
    sf.write(folder / "Bass.wav", np.clip(song["bass"].T * 8, -1, 1), 44100)
    checked = chat.say(str(folder))
    assert checked.count("clipped samples") == 1
    plan = chat.say("the vocal is too low")
    assert "left/right pair" in plan and "clipped samples" not in plan


def test_a_named_complaint_is_said_back_in_a_line_or_two_at_80_columns(chat):
    """Each complaint said back carried "mixing: you named the part, and a part is fixed
    best from its own stem": two more lines of the ~43 columns the chat has at 80x24, on
    every line of every complaint."""
    reply = chat.say("the vocal is too quiet and the keys are harsh")
    lines = [line for line in reply.splitlines() if line.startswith("- **")]
    assert len(lines) == 2
    for line in lines:
        said = line.replace("**", "").replace("*", "")
        assert len(said) <= 2 * 43, said


def test_a_part_inside_a_stem_says_how_to_move_that_stem_and_the_words_work(demo_chat):
    """The demo has a drums stem and no snare stem: 'the snare is too loud' can't move the
    snare alone, so the reply must not end there (no moves, no next step). It names the
    words that move the whole drums stem, and those words, said back, plan a drums cut."""
    import re

    reply = demo_chat.say("the snare is way too loud")
    assert "`go`" in reply.split("No moves in the plan")[1]   # what to do with an empty plan
    suggested = re.search(r"say \\?'(turn the drums down)\\?'", reply)
    assert suggested, reply
    demo_chat.say(suggested[1])
    cuts = [m for m in demo_chat.engine.state.moves
            if m["stem"] == "drums" and m["op"] == "gain"]
    assert cuts and cuts[0]["params"]["gain_db"] < 0


def test_the_demo_says_where_to_hear_it_and_that_file_is_the_stems_summed(demo_chat):
    """A terminal can't play the song, and the chat asks 'what do you hear?': the ready
    message names a file to play, and that file is the song as the stems make it (their
    sum, read back from the files; 24-bit stems, so within a few LSB)."""
    import numpy as np
    import soundfile as sf

    said = "\n".join(r.markdown for r in demo_chat.replies)
    path = re.search(r"Play `([^`]+)` to hear it", said)
    assert path, said
    mix, rate = sf.read(path[1], dtype="float64")
    stems = [sf.read(f["path"], dtype="float64") for f in demo_chat.engine.state.files]
    assert {r for _, r in stems} == {rate} and len(stems) == 4
    np.testing.assert_allclose(mix, sum(s for s, _ in stems), atol=4 * 2.0 ** -23)


def test_a_figure_that_ends_against_its_fix_is_said(demo_chat):
    """'dull' lifts the highs 1.5 dB, and 'the vocal is too low' turns the vocal up ~7 dB
    beside it: on the demo the mix's 8–20 kHz share ends lower than it began (the vocal
    brings more below 8 kHz than the lift adds above). A dull song whose highs measure
    lower after its fix must be said in words, not only left in a row of figures."""
    demo_chat.say("it sounds quiet and dull")
    demo_chat.say("the vocal is too low")
    said = demo_chat.say("go")
    row = next(r for r in demo_chat.engine.state.summary["rows"]
               if r["label"] == "mix 8–20 kHz share")
    assert row["after"] < row["before"]          # the fault this test is about, as measured
    assert "moved the other way" in said and "8–20 kHz share" in said.split("moved")[0]
    vocal = next(r for r in demo_chat.engine.state.summary["rows"]
                 if r["label"] == "lead vocal vs rest")
    assert vocal["after"] > vocal["before"]      # went its fix's way: nothing said of it
    assert said.count("moved the other way") == 1
    # what it says to do must not be `more`, which makes every move stronger (here the
    # vocal's too, the move that outweighed the lift); the words it says add to this fix
    note = said.split("moved the other way")[1].split("\n\n")[0]
    assert "`more`" not in note and "still way too" in note
    moves = list(demo_chat.engine.state.moves)
    demo_chat.say("it is still way too dull")
    after = demo_chat.engine.state.moves
    def vocal(plan):
        return [(m["op"], m["params"]) for m in plan if m["stem"] == "vocal"]

    assert vocal(after) == vocal(moves)
    assert (sum(m["op"] == "high_shelf" for m in after)
            > sum(m["op"] == "high_shelf" for m in moves))


def test_a_reference_named_but_not_given_gets_asked_for(demo_chat, tmp_path):
    """'quiet and dull next to my reference' with no reference given: the chat says how to
    give it (the command, as help writes it); once given, it asks no more, and a complaint
    that names no reference never hears of it."""
    asked = demo_chat.say("it sounds quiet and dull next to my reference")
    assert "`reference ~/path/to/track.wav`" in asked
    assert "reference ~/" not in demo_chat.say("the vocal is too low")
    demo_chat.engine.state.reference = str(tmp_path / "ref.wav")
    assert "reference ~/" not in demo_chat.say("it's duller than my reference track")


def test_the_target_is_named_in_one_sentence(chat):
    """'Target: Apple Music: -16 LUFS' read as two labels; the name and its figure are one."""
    said = chat.say("target apple").replace("\\", "")   # as the Markdown shows it
    assert "Apple Music, -16 LUFS" in said and "Music: " not in said


def test_a_reference_promises_only_what_the_master_does(demo_chat, tmp_path):
    """'I'll match its broad tone (and its loudness unless you set a target)' was said, and
    the master came out at the streaming target whatever the reference measured. A
    reference at -20 LUFS (set by pyloudnorm here) must not be promised, and the target the
    reply names is the loudness the written master measures."""
    import numpy as np
    import pyloudnorm as pyln
    import soundfile as sf

    rate = 44100
    noise = np.random.default_rng(1).standard_normal((rate * 4, 2)) * 0.1
    meter = pyln.Meter(rate)
    quiet = pyln.normalize.loudness(noise, meter.integrated_loudness(noise), -20.0)
    sf.write(tmp_path / "ref.wav", quiet, rate, subtype="FLOAT")
    said = demo_chat.say(f"reference {tmp_path / 'ref.wav'}").replace("\\", "")
    assert "its loudness unless" not in said and "-14 LUFS" in said
    demo_chat.say("the vocal is too low")
    demo_chat.say("go")
    demo_chat.say(f"export {tmp_path / 'out'}")
    master, rate = sf.read(tmp_path / "out" / "master.wav")
    assert abs(pyln.Meter(rate).integrated_loudness(master) - (-14.0)) < 0.5
