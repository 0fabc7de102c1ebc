"""The side panel groups a part's files under the part, so nothing looks dropped."""

from __future__ import annotations

from pathlib import Path

from moozix_tui.engine.model import SessionView, StemSlot
from moozix_tui.widgets.side_panel import render_view


def test_several_files_of_a_part_are_listed_under_it():
    slots = (StemSlot("guitars", "ok", "/x/Guitar L.wav"),
             StemSlot("guitars", "ok", "/x/Gtr DI.wav"),
             StemSlot("vocal", "ok", "/x/Lead Vox.wav"))
    view = SessionView(Path("/tmp/s/1"), slots, "streaming", "balanced", (), 0, False, False,
                       False, None, ())
    lines = render_view(view).plain.splitlines()
    at = lines.index(" guitars · 2 files")
    assert lines[at + 1].strip() == "✓ Guitar L.wav"
    assert lines[at + 2].strip() == "✓ Gtr DI.wav"
    assert " ✓ vocal  Lead Vox.wav" in lines



def test_a_file_left_out_of_the_render_is_not_ticked():
    slots = (StemSlot("mix", "unused", "/x/mix.wav", "not in the render: the stems are mixed"),
             StemSlot("vocal", "ok", "/x/Lead Vox.wav"))
    view = SessionView(Path("/tmp/s/1"), slots, "streaming", "balanced", (), 0, False, False,
                       False, None, ())
    lines = render_view(view).plain.splitlines()
    assert " – mix  mix.wav" in lines
    assert any("not in the render" in line for line in lines)


def test_a_part_is_named_in_words_not_as_an_identifier():
    slots = (StemSlot("backing_vocals", "ok", "/x/BGV 2.wav"),)
    view = SessionView(Path("/tmp/s/1"), slots, "streaming", "balanced", (), 0, False, False,
                       False, None, ())
    assert " ✓ backing vocals  BGV 2.wav" in render_view(view).plain.splitlines()
