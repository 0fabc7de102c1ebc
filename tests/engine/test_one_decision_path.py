"""The chat and `moozix fix` are two faces of one decision path: same words, same stems,
same plan."""

from __future__ import annotations

import json

import pytest

from moozix_tui.cli import main

SAYINGS = ["the vocal is too low", "the vocal is buried and the beat is too loud",
           "make the vocal louder", "the whole mix sounds too harsh",
           "the beat is kind of drowning the vocal"]


def fix_buried_vocal(saying: str, folder, tmp_path, capsys) -> tuple[int, dict]:
    """`moozix fix --json` on the buried-vocal session (the vocal 9 dB down): exit code
    and the JSON summary."""
    code = main(["fix", "--say", saying, f"vocal={folder / 'Lead Vox.wav'}",
                 f"instruments={folder / 'beat.wav'}", "--out", str(tmp_path / "o"), "--json"])
    return code, json.loads(capsys.readouterr().out)


def chat_moves(chat) -> list[dict]:
    """The chat's plan as it renders it (without the ids the session keeps)."""
    from dsp.moves import Move

    return [Move.from_dict(m).to_dict() for m in chat.engine.state.moves]


def lifts_the_vocal(out: dict) -> bool:
    return any(m["stem"] == "vocal" and m["op"] == "gain" and m["params"]["gain_db"] > 4
               for m in out["moves"])


@pytest.mark.parametrize("saying", SAYINGS)
def test_cli_and_chat_plan_the_same_moves(saying, chat, buried_vocal_files, tmp_path, capsys):
    folder = buried_vocal_files
    stems = [f"vocal={folder / 'Lead Vox.wav'}", f"instruments={folder / 'beat.wav'}"]
    assert main(["fix", "--say", saying, *stems, "--out", str(tmp_path / "out"),
                 "--json"]) == 0
    cli_moves = json.loads(capsys.readouterr().out)["moves"]
    chat.say(saying)
    chat.say(" ".join(stems))
    assert chat_moves(chat) == cli_moves
    assert cli_moves  # each saying is a complaint with something to do


def test_fix_resolves_a_part_less_complaint_by_measurement(song, tmp_path, capsys):
    import numpy as np
    import soundfile as sf

    from dsp.filters import apply_sos, bell

    for role in ("bass", "keys", "vocal"):
        audio = song[role]
        if role == "keys":   # the fault: +8 dB at 250 Hz on the keys only
            audio = apply_sos(audio, bell(250.0, 8.0, 1.0, 44100)).astype(np.float32)
        sf.write(tmp_path / f"{role}.wav", audio.T, 44100)
    stems = [str(tmp_path / f"{r}.wav") for r in ("bass", "keys", "vocal")]
    code = main(["fix", "--say", "it's muddy", *stems, "--out", str(tmp_path / "out"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert any(m["stem"] == "keys" for m in out["moves"])
    assert any("measurement points to the keys" in n for n in out["notes"])


def test_fix_exits_2_only_when_nothing_is_about_sound(buried_vocal_files, tmp_path, capsys):
    folder = buried_vocal_files
    code = main(["fix", "--say", "nice weather today", str(folder / "mix.wav"),
                 "--out", str(tmp_path / "o")])
    assert code == 2
    assert "about the sound" in capsys.readouterr().err


def test_fix_on_a_vague_complaint_fixes_what_the_measurement_finds(buried_vocal_files, tmp_path,
                                                                   capsys):
    code, out = fix_buried_vocal("it just sounds bad", buried_vocal_files, tmp_path, capsys)
    assert code == 0
    assert lifts_the_vocal(out)
    assert any("named no problem" in n for n in out["notes"])
    # the finding as the chat's choice says it: the part's name, a dash, the problem's words
    assert any("lead vocal — too quiet (" in n for n in out["notes"]), out["notes"]


def test_fix_and_master_print_the_input_warnings(song, tmp_path, capsys):
    import numpy as np
    import soundfile as sf

    hot = np.clip(song["vocal"] * 8.0, -1.0, 1.0)          # clipped on purpose
    sf.write(tmp_path / "vocal.wav", hot.T, 44100, subtype="PCM_16")
    sf.write(tmp_path / "bass.wav", song["bass"].T, 48000)  # another rate
    main(["fix", "--say", "the vocal is too loud", str(tmp_path / "vocal.wav"),
          str(tmp_path / "bass.wav"), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert "clip" in err and "48000" in err
    main(["master", str(tmp_path / "vocal.wav"), "--out", str(tmp_path / "m")])
    assert "clip" in capsys.readouterr().err


def test_fix_settles_a_doubtful_reading_by_measurement_and_says_so(buried_vocal_files, tmp_path,
                                                                   capsys):
    # "too quiet" pairs with the beat (the subject), past the vocal: doubtful. The injected
    # fault is the vocal 9 dB down, so the measurement backs the vocal, not the beat.
    code, out = fix_buried_vocal("the beat next to the vocal sounds too quiet",
                                 buried_vocal_files, tmp_path, capsys)
    assert code == 0
    assert lifts_the_vocal(out)
    assert not any(m["stem"] == "instruments" and m["op"] == "gain"
                   and m["params"]["gain_db"] > 0 for m in out["moves"])
    assert any("not certain" in n and "backs lead vocal too quiet" in n for n in out["notes"])


def test_a_doubtful_reading_the_measurement_overrules_can_be_taken_back(chat,
                                                                          buried_vocal_files):
    """'The beat is drowning the vocal' reads as the beat too loud, with the vocal too quiet
    beside it; the vocal measures 9 dB down and the beat is where it should be, so the plan
    lifts the vocal, says why, and one number takes the first reading back."""
    folder = buried_vocal_files
    chat.say("the beat is kind of drowning the vocal")
    planned = chat.say(f"vocal={folder / 'Lead Vox.wav'} instruments={folder / 'beat.wav'}")
    assert "the measurement backs lead vocal too quiet" in planned
    assert [m["stem"] for m in chat.engine.state.moves] == ["vocal"]
    assert "Say 1 to go back to the first reading of your words: the music under the vocal " \
        "— too loud" in planned
    back = chat.say("1")
    assert {(i["layer"], i["problem"]) for i in chat.engine.state.intents} == {
        ("instruments", "too_loud")}
    assert "Took out the move planned for the lead vocal too quiet" in back
    assert [m["stem"] for m in chat.engine.state.moves] == ["instruments"]


def test_the_tones_the_words_name_are_the_tones_the_recipes_take():
    """intents derives whole-song tones from rules.toml; dsp (which may not import intents)
    lists the ones its tone recipe moves by. A tone one side lacks would fail a request."""
    from dsp.moves import TONES as RECIPE_TONES
    from intents import TONES as WORD_TONES

    assert set(WORD_TONES) == set(RECIPE_TONES)


def test_fix_takes_a_described_part_only_where_the_measurement_backs_it(buried_vocal_files,
                                                                         tmp_path, capsys):
    """'Takes effort to hear' is no rule's wording: the chat offers the vocal's closest readings
    as choices; `moozix fix`, which cannot ask, keeps the one the measurement backs (the
    injected fault: the vocal 9 dB down) and says so."""
    code, out = fix_buried_vocal("the vocal takes effort to hear", buried_vocal_files, tmp_path,
                                 capsys)
    assert code == 0
    assert lifts_the_vocal(out)
    assert any("readings a measurement backs" in n and "lead vocal — too quiet" in n
               for n in out["notes"])


@pytest.fixture(params=["", "Echoes_"], ids=["track names", "project name in front"])
def daw_folder(song, tmp_path, request):
    """A DAW export named the way engineers name tracks, with a silent default track and a
    surround file among them; once with the project's name ('Echoes', a word for effects)
    in front of every file, as FL Studio and Reaper export."""
    import numpy as np
    import soundfile as sf

    folder = tmp_path / "Song export"
    folder.mkdir()
    short = {role: x[:, :44100 * 8] for role, x in song.items()}
    files = {"01 Kick In": short["kick"][:1], "03_Snare Top": short["snare"][:1],
             "07_OH_L": short["cymbals"][:1], "08_OH_R": short["cymbals"][1:],
             "808": short["bass"][:1], "Bass DI": short["bass"][1:] * 0.5,
             "Rhodes.L": short["keys"][:1],
             "Rhodes.R": short["keys"][1:], "Lead Vocal (Main)_bip": short["vocal"] * 0.2,
             "Adlibs": short["vocal"][::-1] * 0.1, "Reverb Return": short["keys"] * 0.05,
             "Audio 1_01": np.zeros_like(short["keys"]),
             "Strings 5.1": np.tile(short["keys"][:1], (6, 1))}
    for name, x in files.items():
        sf.write(folder / f"{request.param}{name}.wav", x.T, 44100, subtype="PCM_24")
    return folder, request.param


def test_a_typed_folder_gets_the_parts_notes_and_plan_the_cli_gets(chat, daw_folder,
                                                                    tmp_path, capsys):
    daw_folder, project = daw_folder
    saying = "the vocal is buried and the 808 is muddy"
    assert main(["fix", "--say", saying, str(daw_folder), "--out", str(tmp_path / "o"),
                 "--json"]) == 0
    cli_moves = json.loads(capsys.readouterr().out)["moves"]
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    cli_parts = {source.removeprefix(project): f["part"] for f in report["files"]
                 for source in f["sources"]}
    cli_left_out = {name for name in ("Audio 1_01.wav", "Strings 5.1.wav") for n in
                    report["input_notices"] if n["message"].startswith(project + name)
                    and "left out" in n["message"]}
    chat.say(str(daw_folder))
    said = chat.say(saying)
    chat_parts = {f["path"].rsplit("/", 1)[1].removeprefix(project): f["role"]
                  for f in chat.engine.state.files if f["status"] != "error"}
    told = "\n".join(r.markdown for r in chat.replies)
    chat_left_out = {name for name in ("Audio 1_01.wav", "Strings 5.1.wav")
                     if f"`{project}{name}`" in told and "left out of the mix" in told}
    assert chat_parts == cli_parts
    assert cli_parts["Lead Vocal (Main)_bip.wav"] == "vocal"
    assert cli_parts["Adlibs.wav"] == "backing_vocals" and cli_parts["808.wav"] == "bass"
    assert chat_left_out == cli_left_out == {"Audio 1_01.wav", "Strings 5.1.wav"}
    assert chat_moves(chat) == cli_moves and "808" in said
    # "the 808" is one kind of bass: its moves go to that file, not to Bass DI too
    bass_moves = {m["stem"] for m in cli_moves if m["stem"] in
                  (f"{project}808", f"{project}Bass DI", "bass")}
    assert bass_moves == {f"{project}808"}
