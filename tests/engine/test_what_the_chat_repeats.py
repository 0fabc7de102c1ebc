"""What a fresh musician met in the chat: a file named twice in its own warning, 'Rendering 0
moves', and 'Also worth a look' offering a part's problem the plan had just fixed."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from tests.support.faults import boost


def test_a_warned_file_is_named_once(chat, song, tmp_path):
    bass = song["bass"][:, :44100 * 4].copy()
    bass[:, 44100:44100 + 300] = np.nan
    sf.write(tmp_path / "Bass.wav", bass.T, 44100, subtype="FLOAT")
    chat.say("the bass is too quiet")
    reply = chat.say(str(tmp_path / "Bass.wav"))
    line = next(x for x in reply.splitlines() if x.startswith("- ⚠")).replace("\\", "")
    assert line.count("Bass.wav") == 1 and "600 broken samples" in line, line


def test_undoing_the_only_move_renders_no_moves_in_words(chat, buried_vocal_files):
    chat.render_quiet_vocal(buried_vocal_files)
    undone = chat.say("undo")
    assert "0 moves" not in undone and "with no moves" in undone


def test_a_part_the_plan_already_cuts_is_not_offered_again(chat, song, tmp_path):
    """'the bass is muddy' with the keys just as muddy (+8 dB at 250 Hz on both): the plan
    cuts the keys too, for the bass's complaint; 'Also worth a look' listed 'keys — muddy'."""
    for name, role in (("Bass.wav", "bass"), ("Keys.wav", "keys")):
        sf.write(tmp_path / name, boost(song[role], 250, 8)[:, :44100 * 6].T, 44100)
    sf.write(tmp_path / "Vocal.wav", song["vocal"][:, :44100 * 6].T, 44100)
    chat.say("the bass is muddy")
    answer = chat.say(str(tmp_path))
    assert "Cut the keys" in answer, answer
    assert "**keys** — muddy" not in answer


def test_a_move_made_stronger_no_longer_claims_its_measured_size(chat, buried_vocal_files):
    """'more' on 'the vocal is too low': a move 2.2 times its measured size still said 'so
    move it to about +1.0 LU' as its only reason (twice here, which stays under the cap)."""
    chat.plan_quiet_vocal(buried_vocal_files)
    measured = chat.engine.state.moves[0]["params"]["gain_db"]
    for _ in range(2):
        answer = chat.say("more")
    gain = chat.engine.state.moves[0]["params"]["gain_db"]
    assert gain / measured == pytest.approx(1.3 ** 2, abs=0.02)
    assert "you asked for ×1.69 of the measured move" in answer.replace("\\", "")
    answer = chat.say("less")
    assert answer.replace("\\", "").count("you asked for ×") == 1, "said once, not stacked"
    chat.say("undo")
    chat.say("undo")
    chat.say("undo")
    assert "you asked for" not in chat.engine.state.moves[0]["reason"]


def test_each_note_on_a_plan_is_its_own_paragraph(chat, song, tmp_path):
    """'the pad is drowning the vocal' on an even mix, the bass named too quiet: two notes
    (a nudge held back on each part) ran into one sentence: '… LU. The measurement …'."""
    from markdown_it import MarkdownIt

    for name, role in (("Keys.wav", "keys"), ("Lead Vox.wav", "vocal"), ("Bass.wav", "bass")):
        sf.write(tmp_path / name, song[role][:, :44100 * 6].T, 44100)
    chat.say("the pad is drowning the vocal and the bass is too quiet")
    answer = chat.say(str(tmp_path))
    html = MarkdownIt().render(answer)
    quote = html.split("<blockquote>", 1)[1].split("</blockquote>", 1)[0]
    paragraphs = quote.count("<p>")
    assert paragraphs >= 2, quote
    assert paragraphs == len(chat.engine.state.notes) and "Say <code>more</code>" in quote


def test_a_complaint_said_again_before_the_render_is_not_planned_twice(chat, buried_vocal_files):
    """'the vocal is too quiet' said again before `go`: a second 'Turn the lead vocal up' of the
    same size was added, each claiming to bring the vocal to the same level."""
    chat.plan_quiet_vocal(buried_vocal_files)
    assert len(chat.engine.state.moves) == 1
    again = chat.say("the vocal is still way too quiet")
    assert len(chat.engine.state.moves) == 1 and "in the plan already" in again
    assert "1. Turn the lead vocal up" in again
    assert "Say `go` to hear it, or `more` (×1.3) to make it stronger." in again
    chat.say("make the drums 2 dB louder")
    again = chat.say("the vocal is still way too quiet")
    assert ("Say `go` to hear it, or `more 1` (move 1 ×1.3, the other moves as they are) to "
            "make it stronger.") in again
    chat.say("skip 2")
    chat.say("go")
    after = chat.say("the vocal is too quiet")   # heard now: planned on the render
    assert len(chat.engine.state.moves) == 2 and "in the plan already" not in after


def test_no_stems_said_beside_a_complaint_is_heard(chat, song_files):
    """'my mix sounds harsh and the vocal is a bit low, I only have the stereo mix' asked
    for the vocal's stem, then the stereo mix alone asked again, telling the musician to
    say what they had just said."""
    first = chat.say("my mix sounds harsh and the vocal is a bit low, I only have the "
                     "stereo mix")
    assert "What a stereo mix allows" in first and "Stems I need" not in first
    answer = chat.say(str(song_files["mix"]))
    assert "Stems I need" not in answer and "The plan" in answer


def test_a_stem_named_beside_no_stems_is_not_taken_for_stereo_only():
    from moozix_tui.engine.commands import mentions_stereo_only

    for said in ("the vocal is low, I only have the stereo mix", "we have no stems, sorry",
                 "i don't have the stems, just a bounce", "I just got the mix from him"):
        assert mentions_stereo_only(said), said
    for said in ("just the mix is muddy", "the stems sound fine but the mix is harsh",
                 "only the stereo width bothers me", "it only has a mono vocal"):
        assert not mentions_stereo_only(said), said


def test_a_silent_file_is_left_out_in_plain_sentences(chat, song, tmp_path):
    """'Kick.wav is silent — check you exported the right track — it is left out of the
    mix': three clauses strung on dashes."""
    sf.write(tmp_path / "Kick.wav", np.zeros((44100 * 2, 2)), 44100)
    chat.say("the kick is too quiet")
    reply = chat.say(str(tmp_path / "Kick.wav"))
    line = next(x for x in reply.splitlines() if x.startswith("- ✗")).replace("\\", "")
    assert line.count(" — ") <= 1 and line.endswith("; it is left out of the mix."), line


def test_more_stops_at_a_level_move_a_mix_can_take(chat, buried_vocal_files):
    """'more' again and again took a vocal lift past 22 dB; it stops at 18 dB and says so."""
    chat.plan_quiet_vocal(buried_vocal_files)
    for _ in range(8):
        answer = chat.say("more")
    assert chat.engine.state.moves[0]["params"]["gain_db"] == 18.0
    assert "held at 18 dB" in answer.replace("\\", "")


def test_a_part_the_plan_sharpens_is_not_offered_as_over_compressed(chat, song, tmp_path):
    """'the drums have no punch' on crushed drums: the plan restores the snare's attack
    (judged on its crest factor), and 'Also worth a look' listed 'snare — over-compressed',
    the same crest factor again."""
    from tests.support.faults import gain, squash

    for role in ("kick", "snare", "cymbals", "bass", "vocal"):
        x = song[role][:, :44100 * 6]
        if role in ("kick", "snare", "cymbals"):
            x = gain(squash(x), -6)
        sf.write(tmp_path / f"{role.capitalize()}.wav", x.T, 44100)
    chat.say("the drums have no punch")
    answer = chat.say(str(tmp_path)).replace("\\", "")
    sharpened = {m["stem"] for m in chat.engine.state.moves if m["op"] == "transient"}
    assert sharpened, answer
    for part in sharpened:
        assert f"**{part}** — over-compressed" not in answer, answer


def test_status_marks_the_moves_the_last_render_does_not_have(chat, buried_vocal_files):
    chat.render_quiet_vocal(buried_vocal_files)
    chat.say("the instruments are too harsh")
    status = chat.say("status").replace("\\", "")
    plan = status.split("**Plan**")[1].split("**Last render**")[0]
    lines = [x for x in plan.splitlines() if x[:1].isdigit()]
    assert len(lines) >= 2, status
    assert "not rendered yet" not in lines[0] and "not rendered yet" in lines[-1], status
