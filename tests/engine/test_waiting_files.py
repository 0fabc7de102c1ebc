"""A file whose part its name doesn't tell waits for an answer while other questions come and
go: another question answered must neither drop it nor place it."""

from __future__ import annotations

import soundfile as sf


def _export_with_a_click(song, folder):
    """A DAW folder: kick, bass, keys named, and '23 Audio 1.wav', a DAW's default track name
    that tells no part (a click says what it is by its name, and is left out: below)."""
    for name, role in (("Kick.wav", "kick"), ("Bass.wav", "bass"), ("Keys.wav", "keys"),
                       ("23 Audio 1.wav", "cymbals")):
        sf.write(folder / name, song[role][:, :44100 * 4].T, 44100)
    return folder / "23 Audio 1.wav"


def _waiting(chat) -> list[str]:
    return [s.path for s in chat.engine.view.stems if s.status == "waiting"]


def test_muddy_where_answered_with_a_part_does_not_put_the_waiting_file_in_it(chat, song,
                                                                             tmp_path):
    """'the low end is muddy' asked 'Muddy where?' while '23 Click.wav' waited for its part:
    the answer 'keys' went to the waiting file (the click joined the keys) and the muddy
    question was never answered."""
    click = _export_with_a_click(song, tmp_path)
    assert "Which part is it?" in chat.say(str(tmp_path))
    assert "Muddy where" in chat.say("the low end is muddy")
    answer = chat.say("keys")
    assert "keys — muddy" in answer.replace("**", ""), answer
    assert _waiting(chat) == [str(click)]
    assert str(click) not in [f["path"] for f in chat.engine.state.files]


def test_yes_to_the_measured_part_keeps_the_file_waiting(chat, song, tmp_path):
    """The walk of a 24-file export: 'yes' to 'say yes to fix the guitars' cleared every open
    question, and '23 Click.wav' vanished from the side panel and from every later word."""
    click = _export_with_a_click(song, tmp_path)
    chat.say(str(tmp_path))
    assert "The plan" in chat.say("the kick is too quiet")
    asked = chat.say("the low end is muddy")
    assert "say `yes` to fix" in asked, asked
    chat.say("yes")
    assert _waiting(chat) == [str(click)]


def test_a_second_folder_with_a_nameless_file_keeps_the_first_one_waiting(chat, song,
                                                                          tmp_path):
    """Two folders, each with a file whose name tells no part: the second question replaced
    the list, and the first file was dropped without a word."""
    first = tmp_path / "one"
    second = tmp_path / "two"
    first.mkdir()
    second.mkdir()
    click = _export_with_a_click(song, first)
    sf.write(second / "Audio 7.wav", song["keys"][:, :44100 * 4].T, 44100)
    chat.say(str(first))
    chat.say(str(second))
    assert sorted(_waiting(chat)) == sorted([str(click), str(second / "Audio 7.wav")])


def test_the_exported_report_accounts_for_the_click_and_the_mix_bounce(chat, song, tmp_path):
    """A DAW export with a click track (no part in its name, never placed) and a bounced
    mix beside the stems: the chat showed both as left out, but its report listed neither,
    while `moozix fix` writes the bounce's note in its report."""
    import json

    folder = tmp_path / "export"
    folder.mkdir()
    _export_with_a_click(song, folder)
    mix = sum(song[role][:, :44100 * 4] for role in ("kick", "bass", "keys"))
    sf.write(folder / "Mix.wav", mix.T, 44100)
    chat.say(str(folder))
    assert "The plan" in chat.say("the kick is too quiet")
    chat.say("go")
    assert "Exported" in chat.say(f"export {tmp_path / 'final'}")
    report = (tmp_path / "final" / "report.md").read_text("utf-8")
    assert "23 Audio 1.wav" in report and "Mix.wav" in report
    notices = json.loads((tmp_path / "final" / "report.json").read_text())["input_notices"]
    assert {"23 Audio 1.wav", "Mix.wav"} <= {name for n in notices
                                             for name in ("23 Audio 1.wav", "Mix.wav")
                                             if name in n["message"]}


def test_a_click_track_can_be_left_out_when_asked_its_part(chat, song, tmp_path):
    """'Which part is it?' about '23 Click.wav' took only a part: 'that's the click, leave
    it out' was answered 'I didn't catch a mix problem there', and the question stayed open
    with no way to close it but naming a part the click is not."""
    import json

    folder = tmp_path / "export"
    folder.mkdir()
    click = _export_with_a_click(song, folder)
    chat.say("the kick is too quiet")
    assert "leave it out" in chat.say(str(click.parent))   # the question offers it
    answer = chat.say("that's the click, leave it out")
    assert "`23 Audio 1.wav`" in answer and "The plan" in answer, answer
    assert _waiting(chat) == []
    assert [s.status for s in chat.engine.view.stems if s.path == str(click)] == ["unused"]
    assert str(click) not in [str(p) for _, p in chat.engine.session.selected_sources()]
    chat.say("go")
    chat.say(f"export {tmp_path / 'final'}")
    notices = json.loads((tmp_path / "final" / "report.json").read_text())["input_notices"]
    assert any("23 Audio 1.wav" in n["message"] for n in notices)
    assert any("23 Audio 1.wav" in n["message"] and "you said so" in n["message"]
               for n in notices)
    chat.say(str(click))   # given again: it waits for its part again
    assert _waiting(chat) == [str(click)]


def test_naming_the_track_a_file_name_is_set_aside_by_leaves_it_out(chat, song, tmp_path):
    """'which part is it?' answered 'that's the slate' or 'timecode': files.toml
    not_for_mix sets such a file aside by its name, but the answer's own copy of those words
    (commands.toml leave_out) knew only some of them, and the file kept waiting."""
    click = _export_with_a_click(song, tmp_path)
    assert "Which part is it?" in chat.say(str(tmp_path))
    chat.say("that's just the slate")
    assert _waiting(chat) == []
    assert str(click) in chat.engine.state.set_aside


def test_a_mix_bounce_beside_the_stems_is_said_to_be_left_out_when_checked(chat, song,
                                                                           tmp_path):
    """A DAW export with 'Mix.wav' beside its stems: the check said 'All 23 files look good
    (…, whole song)' and only the side panel showed the bounce was not in the render, where
    `moozix fix` says 'left out Mix.wav: it looks like the whole mix, and the stems are
    here'."""
    folder = tmp_path / "export"
    folder.mkdir()
    for name, role in (("Kick.wav", "kick"), ("Bass.wav", "bass"), ("Keys.wav", "keys")):
        sf.write(folder / name, song[role][:, :44100 * 4].T, 44100)
    mix = sum(song[role][:, :44100 * 4] for role in ("kick", "bass", "keys"))
    sf.write(folder / "Mix.wav", mix.T, 44100)
    checked = chat.say(str(folder))
    assert "`Mix.wav`" in checked and "I only have the stereo mix" in checked, checked
    assert "stems are mixed instead" in checked
    assert "`Mix.wav`" not in chat.say("the kick is too quiet")   # said once


def test_a_click_track_by_its_name_is_left_out_and_said_to_be(chat, song, tmp_path):
    """'23 Click.wav' in a DAW export held the whole folder up with 'which part is it?' (and
    stopped `moozix fix`) though its name says what it is: a track the recording needed and
    the mix leaves out."""
    import json

    folder = tmp_path / "export"
    folder.mkdir()
    _export_with_a_click(song, folder)
    click = folder / "23 Click.wav"
    sf.write(click, song["cymbals"][:, :44100 * 4].T, 44100)
    answer = chat.say(str(folder))
    assert "`23 Click.wav` out of the mix" in answer, answer
    assert str(click) not in [str(p) for _, p in chat.engine.session.selected_sources()]
    assert str(click) not in _waiting(chat)
    # set aside by its name, not by anything the user said
    (slot,) = [s for s in chat.engine.view.stems if s.path == str(click)]
    assert "by its name" in slot.note and "you said" not in slot.note, slot.note
    chat.say("the kick is too quiet")
    chat.say("go")
    chat.say(f"export {tmp_path / 'final'}")
    notices = json.loads((tmp_path / "final" / "report.json").read_text())["input_notices"]
    assert any("23 Click.wav" in n["message"] for n in notices)
    (said,) = [n["message"] for n in notices if "23 Click.wav" in n["message"]]
    assert "by its name" in said and "you said" not in said, said
    chat.say(f'cymbals="{click}"')   # given with its part, it is mixed
    assert str(click) in [f["path"] for f in chat.engine.state.files]
