"""The side panel groups a part's files under the part, so nothing looks dropped."""

from __future__ import annotations

from pathlib import Path

from moozix_tui.engine.model import SessionView, StemSlot
from moozix_tui.widgets.side_panel import render_view


def test_several_files_of_a_part_are_listed_under_it():
    slots = (StemSlot("guitars", "guitars", "ok", "/x/Guitar L.wav"),
             StemSlot("guitars", "guitars", "ok", "/x/Gtr DI.wav"),
             StemSlot("vocal", "lead vocal", "ok", "/x/Lead Vox.wav"))
    view = SessionView(Path("/tmp/s/1"), slots, "streaming", "balanced", (), 0, False, False,
                       False, None, ())
    lines = render_view(view).plain.splitlines()
    at = lines.index(" guitars ×2")
    assert lines[at + 1].strip() == "✓ Guitar L.wav"
    assert lines[at + 2].strip() == "✓ Gtr DI.wav"
    assert " ✓ lead vocal  Lead Vox.wav" in lines


def test_every_part_counts_its_files_one_way_at_any_width():
    """At 80 columns the panel read 'backing vocals · 4 fil…'; then, counted '×4' only
    where '· 4 files' did not fit, it listed 'bass · 2 files' over 'backing vocals ×4' in
    one panel. Every part is counted as the chat's file summary counts it: 'bass ×2'."""
    slots = (*(StemSlot("bass", "bass", "ok", f"/x/Bass {i}.wav") for i in ("DI", "Amp")),
             *(StemSlot("backing_vocals", "backing vocals", "ok", f"/x/BGV {i}.wav")
               for i in range(4)))
    view = SessionView(Path("/tmp/s/1"), slots, "streaming", "balanced", (), 0, False, False,
                       False, None, ())
    for width in (24, 30, 33):
        lines = render_view(view, width=width).plain.splitlines()
        assert " bass ×2" in lines and " backing vocals ×4" in lines, (width, lines)
        assert not any("…" in line or "files" in line for line in lines[:9]), lines


def test_a_file_left_out_of_the_render_is_not_ticked():
    slots = (StemSlot("mix", "whole song", "unused", "/x/mix.wav",
                      "not in the render: the stems are mixed"),
             StemSlot("vocal", "lead vocal", "ok", "/x/Lead Vox.wav"))
    view = SessionView(Path("/tmp/s/1"), slots, "streaming", "balanced", (), 0, False, False,
                       False, None, ())
    lines = render_view(view).plain.splitlines()
    assert " – whole song  mix.wav" in lines
    assert any("not in the render" in line for line in lines)


def test_a_part_is_named_as_the_chat_names_it(tmp_path, song):
    """The panel listed a reverb return as 'fx' while the chat called it 'reverb and
    effects', and the vocal 'vocal' beside the chat's 'lead vocal'; a name too long to
    share its line with the file puts the file under it."""
    import soundfile as sf
    from scripted_chat import Chat

    from moozix_tui.engine import Engine

    for name in ("Reverb Return.wav", "Lead Vox.wav", "BGV 2.wav"):
        sf.write(tmp_path / name, song["keys"][:, :44100].T, 44100)
    chat = Chat(Engine.new(sessions_dir=tmp_path / "sessions"))
    said = chat.say(" ".join(str(tmp_path / n) for n in ("Reverb Return.wav", "Lead Vox.wav",
                                                          "BGV 2.wav")))
    lines = render_view(chat.engine.view, width=33).plain.splitlines()
    assert "reverb and effects" in said and " ✓ reverb and effects" in lines
    assert lines[lines.index(" ✓ reverb and effects") + 1] == "   Reverb Return.wav"
    assert "lead vocal" in said and " ✓ lead vocal  Lead Vox.wav" in lines
    assert "backing vocals" in said and " ✓ backing vocals  BGV 2.wav" in lines
    # on 80 columns the panel has 26: 'the music under the v…' was cut
    missing = SessionView(Path("/tmp/s/1"), (StemSlot("instruments", "the music under the vocal",
                                                      "missing"),), "streaming", "balanced",
                          (), 0, False, False, False, None, ())
    lines = render_view(missing, width=26).plain.splitlines()
    assert lines[1:3] == [" ○ the music under the", "   vocal"], lines


def test_a_long_error_note_is_its_gist_not_cut_mid_sentence():
    note = ("broken.wav could not be read as audio (Error opening '/x/My Song Export/broken.wav"
            "': Format not recognised.) — export it as WAV, FLAC, AIF, AIFF, OGG, MP3")
    slots = (StemSlot("kick", "kick", "error", "/x/broken.wav", note),)
    view = SessionView(Path("/tmp/s/1"), slots, "streaming", "balanced", (), 0, False, False,
                       False, None, ())
    lines = render_view(view, width=27).plain.splitlines()
    at = next(i for i, line in enumerate(lines) if "could not" in line)
    assert "broken.wav" in lines[at - 1]   # the file's name, once, on the line above
    shown = " ".join(x.strip() for x in lines[at:at + 2])
    assert shown == "could not be read as audio…"
    assert lines[at + 2] == ""  # then the Direction block: no half sentence left over


def test_a_files_note_does_not_name_the_file_again():
    """'! clipped.wav' then 'clipped.wav has 384,480 clipped samples…': the name took a
    line of the panel's 33 columns again; the note now reads on from the name above."""
    slots = (StemSlot("keys", "keys", "warning", "/x/clipped.wav",
                      "clipped.wav has 384,480 clipped samples — if you can, export it again "
                      "with the fader lower; clipping can be tamed but not undone"),
             StemSlot("keys", "keys", "ok", "/x/Piano.wav"))
    view = SessionView(Path("/tmp/s/1"), slots, "streaming", "balanced", (), 0, False, False,
                       False, None, ())
    lines = [line.strip() for line in render_view(view).plain.splitlines()]
    at = lines.index("! clipped.wav")
    assert lines[at + 1] == "has 384,480 clipped samples…"
    assert sum("clipped.wav" in line for line in lines) == 1


async def test_a_file_waiting_for_its_part_is_listed_until_it_has_one(tmp_path, song):
    """'Audio 7.wav' (no part in its name) was in no list of the panel while the chat
    waited for its part, as if it had been dropped."""
    import soundfile as sf

    from moozix_tui.app import MoozixApp
    from moozix_tui.engine import Engine
    from moozix_tui.widgets.side_panel import SidePanel
    from tests.support.pilot import say

    sf.write(tmp_path / "Audio 7.wav", song["keys"][:, :44100].T, 44100)
    app = MoozixApp(Engine.new(sessions_dir=tmp_path / "sessions"))
    async with app.run_test(size=(100, 30)) as pilot:
        await say(pilot, str(tmp_path / "Audio 7.wav"))
        panel = str(app.query_one(SidePanel).render())
        assert "which part?" in panel and "? " in panel and "Audio 7.wav" in panel
        await say(pilot, "keys")
        panel = str(app.query_one(SidePanel).render())
        assert "which part?" not in panel and "keys" in panel and "Audio 7.wav" in panel


def test_the_session_folder_is_cut_only_when_it_does_not_fit():
    """With the panel's scrollbar the width fell one short of the indented path, and the
    panel showed '…/tmp/qa/home8/sessions/': an ellipsis where nothing was cut."""
    folder = Path("/tmp/qa/home8/sessions/20261130-053804")
    view = SessionView(folder, (), "streaming", "balanced", (), 0, False, False, False, None, ())
    parent = "/tmp/qa/home8/sessions/"
    for width in (len(parent), len(parent) + 1, len(parent) + 2, len(parent) + 5):
        lines = render_view(view, width=width).plain.splitlines()
        assert lines[-2].strip() == parent and lines[-1].strip() == folder.name, (width, lines)
        assert max(len(line) for line in lines[-2:]) <= width
    cut = render_view(view, width=12).plain.splitlines()[-2]
    assert cut.startswith("…") and len(cut) == 12 and parent.endswith(cut[1:])


def daw_export_view() -> SessionView:
    """A 24-file export as the panel gets it: nine parts, one file with a warning, a plan."""
    counts = {"bass": 2, "backing_vocals": 4, "fx": 2, "guitars": 4, "cymbals": 3, "kick": 2,
              "vocal": 1, "keys": 4, "snare": 2}
    slots = []
    for role, count in counts.items():
        for i in range(count):
            clipped = role == "keys" and i == count - 1
            slots.append(StemSlot(role, role.replace("_", " "), "warning" if clipped else "ok",
                                  f"/x/{role} {i}.wav",
                                  "has 1,152 clipped samples — export it again" if clipped
                                  else ""))
    plan = ("1. Turn the guitars down 1.4 dB", "2. Turn the lead vocal up 12.0 dB")
    return SessionView(Path("/tmp/s/1"), tuple(slots), "streaming, -14 LUFS", "balanced", plan,
                       0, False, False, False, None, ())


def test_a_big_export_gathers_its_fine_files_so_the_plan_stays_in_sight():
    """At 80x24 a 24-file export listed every file, and the plan sat 20 rows below the
    panel's bottom, out of sight with no key to scroll to it. Where the panel is short, a
    part whose files are all fine is one line; a file with a warning is still named."""
    view = daw_export_view()
    assert len(render_view(view, width=26).plain.splitlines()) > 40   # room: all listed
    assert render_view(view, width=26, height=60) == render_view(view, width=26)
    lines = render_view(view, width=26, height=27).plain.splitlines()
    assert " ✓ guitars ×4" in lines and " ✓ backing vocals ×4" in lines, lines
    assert " keys ×4" in lines and not any("keys 0.wav" in line for line in lines), lines
    at = lines.index(" keys ×4")
    assert lines[at + 1] == "   ! keys 3.wav" and "clipped" in lines[at + 2], lines
    assert max(i for i, line in enumerate(lines) if "up 12.0 dB" in line) < 27, lines


async def test_the_plan_is_on_screen_beside_a_big_export_at_100_by_32(tmp_path):
    from moozix_tui.app import MoozixApp
    from moozix_tui.engine import Engine
    from moozix_tui.widgets.side_panel import SidePanel, SidePanelScroll

    app = MoozixApp(Engine.new(sessions_dir=tmp_path / "sessions"))
    async with app.run_test(size=(100, 32)) as pilot:
        app.query_one(SidePanel).show(daw_export_view())
        await pilot.pause()
        scroll = app.query_one(SidePanelScroll)
        lines = str(app.query_one(SidePanel).render()).splitlines()
        last_move = max(i for i, line in enumerate(lines) if "up 12.0 dB" in line)
        assert scroll.scroll_y == 0 and last_move < scroll.scrollable_content_region.height


def test_a_reference_given_in_the_chat_is_in_the_panel_by_its_name(tmp_path):
    """The panel's Direction showed target and style only: a reference given in the chat
    (which shapes the master's tone) was nowhere in sight. Its name is content, shown as
    typed, markup and all."""
    import numpy as np
    import soundfile as sf
    from scripted_chat import Chat

    from moozix_tui.engine import Engine

    reference = tmp_path / "[bold]ref.wav"
    sf.write(reference, np.zeros((4410, 2)), 44100)
    chat = Chat(Engine.new(sessions_dir=tmp_path / "s"))
    assert "ref " not in render_view(chat.engine.view).plain
    chat.say(f'reference "{reference}"')
    assert "  ref     [bold]ref.wav" in render_view(chat.engine.view, width=40).plain.splitlines()
