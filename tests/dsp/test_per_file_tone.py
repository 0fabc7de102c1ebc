"""A part's tone fix lands on the files that carry the problem: generated parts of several
files with a fault injected into some of them, the expected files and sizes from how the
audio was built."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from faults import band_db, boost, gain

from dsp.audio import AudioFile
from dsp.check import harmonise
from dsp.mastering import MasterSettings
from dsp.moves import FixRequest
from dsp.pipeline import render
from dsp.processing import apply_moves
from dsp.recipes import plan_fixes
from dsp.report import comparison_rows
from dsp.stem_analysis import analyse_session
from dsp.targets import resolve_target

RATE = 44100
EDGE_HZ = 4000.0
FAULT_DB = 8.0


def _audio(name: str, x: np.ndarray) -> AudioFile:
    return AudioFile(Path(f"{name}.wav"), np.ascontiguousarray(x, dtype=np.float32), RATE,
                     "WAV", "PCM_24")


def _session(song, cymbals: dict[str, np.ndarray]):
    """The song with its cymbals part made of `cymbals` (file name -> audio)."""
    files = [(role, _audio(role, x)) for role, x in song.items() if role != "cymbals"]
    files += [("cymbals", _audio(name, x)) for name, x in cymbals.items()]
    return harmonise(files)


def _overheads(song) -> np.ndarray:
    """A kit heard from above: kick, snare and the hats, clean."""
    return (0.3 * song["kick"] + 0.5 * song["snare"] + 0.6 * song["cymbals"]).astype(np.float32)


def _cut(stems, *requests):
    analysis = analyse_session(stems)
    plan = plan_fixes([FixRequest(*r) for r in requests], analysis)
    return analysis, plan


def _untouched(before, after, name: str) -> bool:
    return after.get(name).samples is before.get(name).samples


def test_an_edge_in_the_hats_file_is_cut_there_and_the_overheads_are_left(song):
    """+8 dB at 4 kHz on the hats file only: the hats file gets a cut, sized on its own edge,
    that takes back most of the fault; the overheads are not touched (bit for bit), and
    the part's and the file's before/after rows are what the written files measure."""
    hats = boost(song["cymbals"], EDGE_HZ, FAULT_DB)
    stems = _session(song, {"Hats": hats, "OH": _overheads(song)})
    analysis, plan = _cut(stems, ("cymbals", "harsh"))
    assert [m.stem for m in plan.moves] == ["Hats"]
    assert "OH" in " ".join(plan.said) and "untouched" in " ".join(plan.said)
    result = render(stems, plan.moves, MasterSettings(resolve_target("streaming")))
    assert _untouched(stems, result.stems, "OH")
    fixed = result.stems.get("Hats").samples
    fault = band_db(hats, 3000, 6000) - band_db(song["cymbals"], 3000, 6000)
    left = band_db(fixed, 3000, 6000) - band_db(song["cymbals"], 3000, 6000)
    assert left < fault / 2
    rows = {row["label"]: row for row in comparison_rows(result)}
    row = rows["Hats 2–8 kHz"]
    # the file's row: the 2–8 kHz level of the written file against the input (plain FFT)
    assert row["after"] - row["before"] == pytest.approx(
        band_db(fixed, 2000, 8000) - band_db(hats, 2000, 8000), abs=0.3)
    assert not any(label.startswith("OH") for label in rows)
    # the file's edge row: its figure after is that of the written file measured afresh
    edge = rows["Hats 3–7 kHz over its 1–16 kHz trend"]
    alone = analyse_session(harmonise([("cymbals", _audio("Hats", fixed)),
                                       ("cymbals", _audio("OH", _overheads(song)))]))
    assert edge["before"] == pytest.approx(analysis.file_harshness["Hats"].excess_db, abs=0.05)
    assert edge["after"] == pytest.approx(alone.file_harshness["Hats"].excess_db, abs=0.05)
    assert edge["after"] < edge["before"] - 2.0


def test_an_edge_split_over_two_hat_files_cuts_both(song):
    """The same fault in two hat files (a second one 2 dB under the first, played a 16th
    later): both carry it and both are cut, each sized on its own edge; the clean overheads
    are left."""
    second = np.roll(gain(song["cymbals"], -2.0), RATE // 8, axis=1)
    stems = _session(song, {"Hats": boost(song["cymbals"], EDGE_HZ, FAULT_DB),
                            "Hats 2": boost(second, EDGE_HZ, FAULT_DB),
                            "OH": _overheads(song)})
    _, plan = _cut(stems, ("cymbals", "harsh"))
    assert sorted(m.stem for m in plan.moves) == ["Hats", "Hats 2"]
    assert all(m.op == "bell" and m.params["gain_db"] <= -2.0 for m in plan.moves)


def test_a_part_whose_files_all_carry_the_edge_is_cut_as_a_whole(song):
    """Every file faulted alike: no file stands out, so the part moves as one."""
    stems = _session(song, {"Hats": boost(song["cymbals"], EDGE_HZ, FAULT_DB),
                            "OH": boost(_overheads(song), EDGE_HZ, FAULT_DB)})
    _, plan = _cut(stems, ("cymbals", "harsh"))
    assert [m.stem for m in plan.moves] == ["cymbals"]


def test_a_file_the_complaint_singles_out_is_sized_on_its_own_edge(song):
    """'the hats' with a file of that name, on clean cymbals (no file stands out): the cut
    goes to that file alone, its reason quoting the file's own figure, not the part's."""
    stems = _session(song, {"Hats": song["cymbals"], "OH": _overheads(song)})
    analysis, plan = _cut(stems, ("cymbals", "harsh", "normal", "Hats"))
    assert [m.stem for m in plan.moves] == ["Hats"]
    own = analysis.file_harshness["Hats"].excess_db
    assert f"{own:+.1f} dB against" in plan.moves[0].reason
    assert f"{analysis.harshness['cymbals'].excess_db:+.1f} dB" not in plan.moves[0].reason


def _bass_session(song, amp: np.ndarray):
    files = [(role, _audio(role, x)) for role, x in song.items() if role != "bass"]
    files += [("bass", _audio("Bass DI", song["bass"])), ("bass", _audio("Bass Amp", amp))]
    return harmonise(files)


def test_low_mids_built_up_in_one_bass_file_are_cut_there(song):
    """+9 dB at 250 Hz on the amp file only: the low-mid cut (and any deepening the mix
    needs) goes to the amp, near the fault; the DI is left bit for bit, and the amp's
    150–400 Hz comes down by what its cut says, measured on the file (plain FFT)."""
    amp = boost(song["bass"], 250.0, 9.0)
    stems = _bass_session(song, amp)
    analysis, plan = _cut(stems, ("bass", "muddy"))
    assert {m.stem for m in plan.moves if m.stem != "keys"} == {"Bass Amp"}
    cut = next(m for m in plan.moves if m.stem == "Bass Amp")
    assert 180 <= cut.params["freq_hz"] <= 350 and cut.params["gain_db"] <= -2.0
    assert "Bass DI" in " ".join(plan.said) and "untouched" in " ".join(plan.said)
    result = render(stems, plan.moves, MasterSettings(resolve_target("streaming")))
    assert _untouched(stems, result.stems, "Bass DI")
    fixed = result.stems.get("Bass Amp").samples
    assert band_db(fixed, 200, 300) - band_db(amp, 200, 300) == pytest.approx(
        cut.params["gain_db"], abs=1.0)
    rows = {row["label"]: row for row in comparison_rows(result)}
    assert rows["Bass Amp 150–400 Hz over its own trend"]["after"] < \
        rows["Bass Amp 150–400 Hz over its own trend"]["before"] - 2.0
    assert "Bass DI 150–400 Hz over its own trend" not in rows


def test_low_mids_built_up_in_both_bass_files_cut_the_part(song):
    """The same fault in both files: the part is cut as one."""
    stems = harmonise([(role, _audio(role, x)) for role, x in song.items() if role != "bass"]
                      + [("bass", _audio("Bass DI", boost(song["bass"], 250.0, 9.0))),
                         ("bass", _audio("Bass Amp", boost(song["bass"], 250.0, 9.0)))])
    _, plan = _cut(stems, ("bass", "muddy"))
    assert "bass" in {m.stem for m in plan.moves}
    assert not {"Bass DI", "Bass Amp"} & {m.stem for m in plan.moves}


def test_a_singled_out_file_gets_the_cut_even_where_a_sibling_carries_more(song):
    """'the piano is muddy' where the pad holds the keys' build-up (+12 dB at 250 Hz): the
    words name the piano, so the cut is the piano's, and the pad is not cut in its place."""
    stems = harmonise([(role, _audio(role, x)) for role, x in song.items() if role != "keys"]
                      + [("keys", _audio("Piano", song["keys"])),
                         ("keys", _audio("Pad", boost(song["keys"], 250.0, 12.0)))])
    _, plan = _cut(stems, ("keys", "muddy", "normal", "Piano"))
    keys = {m.stem for m in plan.moves} & {"keys", "Piano", "Pad"}
    assert keys == {"Piano"}


def test_a_ring_in_one_guitar_file_is_cut_there(song):
    """A guitars part of two files, one with +9 dB at 3.2 kHz: the bell goes to that file
    near its ring, and the clean one is left bit for bit."""
    bright = boost(song["keys"], 3200.0, 9.0)
    stems = harmonise([(role, _audio(role, x)) for role, x in song.items() if role != "keys"]
                      + [("guitars", _audio("Gtr Lead", bright)),
                         ("guitars", _audio("Gtr Rhythm", np.roll(song["keys"], RATE // 3,
                                                                  axis=1)))])
    _, plan = _cut(stems, ("guitars", "harsh"))
    assert [m.stem for m in plan.moves] == ["Gtr Lead"]
    assert 2500 <= plan.moves[0].params["freq_hz"] <= 4000
    fixed = apply_moves(stems, plan.moves)
    assert _untouched(stems, fixed, "Gtr Rhythm")
    assert band_db(fixed.get("Gtr Lead").samples, 2800, 3600) < band_db(bright, 2800, 3600) - 2


def test_three_guitar_files_ringing_alike_are_cut_as_one_part(song):
    """The same ring in three files of equal level (34/33/33% of it, as on the e2e session):
    none stands out, so the part is cut as one, not two files of the three."""
    bright = boost(song["keys"], 3200.0, 9.0)
    stems = harmonise([(role, _audio(role, x)) for role, x in song.items() if role != "keys"]
                      + [("guitars", _audio(f"Gtr {n}", np.roll(bright, n * RATE // 7, axis=1)))
                         for n in (1, 2, 3)])
    _, plan = _cut(stems, ("guitars", "harsh"))
    assert [m.stem for m in plan.moves] == ["guitars"]
