"""How much two parts sit on each other, before and after a carve between them.

Expectations come from hand-worked energies (a part at a quarter of another's energy has
a quarter in common), from parts whose spectra or timing are known by construction, and
from scipy's STFT with third-octave bands defined here from the standard's centres
(1 kHz * 2^(k/3), edges a sixth of an octave either side), read from the written files.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile as sf
from faults import stem_set
from scipy import signal

from dsp.diagnosis import complaint_measures
from dsp.mastering import MasterSettings
from dsp.moves import FixRequest, Plan
from dsp.overlap import SAME_SOUND, band_frames, copies, moving_together, shared_energy
from dsp.pipeline import export, render
from dsp.recipes import plan_fixes
from dsp.stem_analysis import analyse_session
from dsp.targets import resolve_target
from intents import LAYER_NAMES

RATE = 44100


def _scipy_bands(mono: np.ndarray, rate: int) -> np.ndarray:
    """Energy per 20 ms frame in each third-octave band from 160 Hz to 6.3 kHz."""
    hop = round(0.02 * rate)
    hz, _, spectra = signal.stft(mono, rate, window="hann", nperseg=2 * hop, noverlap=hop,
                                 boundary=None, padded=False, detrend=False)
    power = np.abs(spectra) ** 2
    centres = 1000.0 * 2.0 ** (np.arange(-8, 9) / 3)
    return np.stack([power[(hz >= c * 2 ** (-1 / 6)) & (hz < c * 2 ** (1 / 6))].sum(axis=0)
                     for c in centres])


def _scipy_overlap(a: np.ndarray, b: np.ndarray, rate: int) -> float:
    """Of the two parts' energy, frame by frame and band by band, the share in common."""
    ea, eb = _scipy_bands(a, rate), _scipy_bands(b, rate)
    return float(np.minimum(ea, eb).sum() / np.maximum(ea, eb).sum())


def _stereo(x: np.ndarray) -> np.ndarray:
    return np.stack([x, x]).astype(np.float32)


def _tone(hz: float, seconds: float = 3.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return 0.2 * np.sin(2 * np.pi * hz * t)


def _noise(seconds: float, seed: int, low_hz: float = 100.0,
           high_hz: float = 8000.0) -> np.ndarray:
    noise = np.random.default_rng(seed).standard_normal(int(seconds * RATE))
    sos = signal.butter(4, [low_hz, high_hz], "bandpass", fs=RATE, output="sos")
    band = signal.sosfilt(sos, noise)
    return 0.1 * band / np.sqrt(np.mean(band ** 2))


def _overlap(a: np.ndarray, b: np.ndarray) -> float:
    return analyse_session(stem_set({"guitars": _stereo(a), "keys": _stereo(b)},
                                    RATE)).overlap("guitars", "keys")


def test_shared_energy_is_the_smaller_over_the_larger_entry_by_entry():
    a = np.array([[1.0, 2.0], [0.0, 4.0]])
    b = np.array([[2.0, 1.0], [3.0, 4.0]])
    assert shared_energy(a, b) == pytest.approx((1 + 1 + 0 + 4) / (2 + 2 + 3 + 4))
    with pytest.raises(ValueError):
        shared_energy(a, b[0])


def test_parts_in_bands_apart_have_nothing_in_common():
    assert _overlap(_tone(400.0), _tone(2000.0)) < 0.001


def test_the_same_part_twice_has_everything_in_common_and_a_quieter_copy_its_energy_share():
    noise = _noise(3.0, seed=1)
    assert _overlap(noise, noise) == pytest.approx(1.0, abs=1e-6)
    # 6.02 dB down: a quarter of the energy in every frame and band
    assert _overlap(noise, 0.5 * noise) == pytest.approx(0.25, abs=1e-4)


def test_a_copy_at_any_gain_and_eq_moves_together_and_independent_parts_do_not():
    """A copy of a part, 6 dB down and through a bell, holds the same sound: its energy in
    each band is the original's times the bell's gain there, so it rises and falls with it
    exactly (correlation 1). Two independent noises in one band move apart (0, within the
    frames' scatter)."""
    noise = _noise(3.0, seed=1).astype(np.float32)
    sos = signal.butter(2, [400.0, 1600.0], "bandpass", fs=RATE, output="sos")
    copy = (0.5 * noise + 0.5 * signal.sosfilt(sos, noise)).astype(np.float32)
    other = _noise(3.0, seed=2).astype(np.float32)
    a, b, c = (band_frames(x, RATE) for x in (noise, copy, other))
    assert moving_together(a, b) == pytest.approx(1.0, abs=0.02)
    assert abs(moving_together(a, c)) < 0.1
    with pytest.raises(ValueError):
        moving_together(a, b[:-1])


def test_files_that_move_together_are_gathered_into_one_group():
    """A synth that copies a snare's top moves with its bottom too (the bottom is the top
    with its mids lifted and noise of its own 20 dB down): one group of three files, whose
    figures span the two pairs; a piano of its own noise is in no group."""
    top = _noise(3.0, seed=1).astype(np.float32)
    sos = signal.butter(2, [400.0, 1600.0], "bandpass", fs=RATE, output="sos")
    bottom = (0.5 * top + 0.5 * signal.sosfilt(sos, top)
              + 0.1 * _noise(3.0, seed=2)).astype(np.float32)
    frames = {name: band_frames(x, RATE) for name, x in
              (("Top", top), ("Bottom", bottom), ("Synth", 0.5 * top),
               ("Piano", _noise(3.0, seed=3).astype(np.float32)))}
    pairs = {name: moving_together(frames["Synth"], frames[name]) for name in ("Top", "Bottom")}
    assert min(pairs.values()) >= SAME_SOUND
    found = copies(frames, ["Piano", "Synth"], ["Top", "Bottom"])
    assert len(found) == 1
    assert (found[0].first, found[0].second) == (("Synth",), ("Top", "Bottom"))
    assert found[0].together == pytest.approx((min(pairs.values()), max(pairs.values())))
    assert found[0].together[1] == pytest.approx(1.0, abs=0.02)  # the copy


def test_parts_that_take_turns_share_only_the_moments_both_play():
    """The same tone, one part playing it throughout, the other for the first half only:
    half of the pair's energy is in common (the frames across the stop aside)."""
    tone = _tone(400.0, seconds=4.0)
    half = tone * (np.arange(len(tone)) < len(tone) // 2)
    assert _overlap(tone, half) == pytest.approx(0.5, abs=0.01)


def test_the_overlap_is_scipys_stft_in_third_octave_bands():
    a = _noise(4.0, seed=2, low_hz=150.0, high_hz=1200.0)
    b = _noise(4.0, seed=3, low_hz=300.0, high_hz=3000.0)
    b *= np.repeat(np.random.default_rng(4).uniform(0.1, 1.0, 16), len(b) // 16 + 1)[:len(b)]
    expected = _scipy_overlap(a, b, RATE)
    assert 0.1 < expected < 0.9
    assert _overlap(a, b) == pytest.approx(expected, abs=0.002)


def test_a_masking_complaint_is_judged_by_the_overlap_of_the_parts_it_sets_apart(song):
    """The bass and the keys fighting, with a kick loaded: the plan carves them apart (the
    bass does not duck), and the figure of record is their own overlap, not the kick's. A
    voice comes first in its pair's label (the others make room for it); the kick and the
    bass keep the kick/bass overlap."""
    analysis = analyse_session(stem_set(song))
    measures = complaint_measures("bass", "masking", analysis, names=LAYER_NAMES,
                                  fighting=("bass", "keys"))
    assert [m.label for m in measures] == ["bass/keys overlap"]
    assert measures[0].value == pytest.approx(100 * analysis.overlap("bass", "keys"))
    voice = complaint_measures("vocal", "masking", analysis, names=LAYER_NAMES,
                               fighting=("keys", "vocal"))
    assert [m.label for m in voice] == ["lead vocal/keys overlap"]
    assert [m.label for m in complaint_measures("kick", "masking", analysis,
                                                fighting=("kick", "bass"))] \
        == ["kick/bass overlap"]


def test_the_report_row_is_measured_on_the_stems_given_and_the_stems_written(song, tmp_path):
    """'The guitars and the keys are fighting': the report's guitars/keys overlap row, before
    on the stems given and after on the stem files written, as scipy measures them."""
    short = {role: x[:, :RATE * 6] for role, x in song.items()}
    keys = short["keys"]
    strums = _noise(6.0, seed=5, low_hz=150.0, high_hz=3000.0)
    strums *= np.sqrt(np.mean(keys ** 2)) / np.sqrt(np.mean(strums ** 2))
    parts = {"kick": short["kick"], "bass": short["bass"], "keys": keys,
             "guitars": _stereo(strums), "vocal": short["vocal"]}
    stems = stem_set(parts, RATE)
    requests = [FixRequest("guitars", "masking"), FixRequest("keys", "masking")]
    plan = plan_fixes(requests, analyse_session(stems), names=LAYER_NAMES)
    assert {m.stem for m in plan.moves} == {"guitars", "keys"}
    result = render(stems, plan.moves, MasterSettings(resolve_target("streaming")),
                    answers=[r.source for r in requests])
    out = export(tmp_path / "out", result, plan=Plan(plan.moves, plan.notes),
                 names=LAYER_NAMES)
    report = json.loads(out.report_json.read_text())
    row = next(r for r in report["measurements"] if r["label"] == "guitars/keys overlap")
    written = {f["part"]: sf.read(out.folder / f["output"], dtype="float64")[0].T
               for f in report["files"] if f["part"] in ("guitars", "keys")}
    before = _scipy_overlap(parts["guitars"].mean(axis=0), parts["keys"].mean(axis=0), RATE)
    after = _scipy_overlap(written["guitars"].mean(axis=0), written["keys"].mean(axis=0), RATE)
    assert row["before"] == pytest.approx(100 * before, abs=0.1)
    assert row["after"] == pytest.approx(100 * after, abs=0.1)
    assert abs(after - before) > 0.001   # the cuts moved it
    assert "| guitars/keys overlap |" in out.report_md.read_text()


def test_a_lone_part_has_no_pair_to_measure():
    """A mix being mastered on its own: no band energies kept, no overlap row."""
    analysis = analyse_session(stem_set({"mix": _stereo(_noise(2.0, seed=6))}, RATE))
    assert dict(analysis.band_power) == {}
    assert complaint_measures("mix", "masking", analysis) == ()


def test_the_plan_and_the_row_name_a_carved_pair_one_way(song):
    """'the keys and the bass are clashing': the carve's reason said 'the bass/keys
    overlap' and the card's row 'keys/bass overlap', whichever part was asked about."""
    from dsp.moves import FixRequest
    from dsp.recipes import plan_fixes

    analysis = analyse_session(stem_set(song))
    requests = [FixRequest("keys", "masking"), FixRequest("bass", "masking")]
    plan = plan_fixes(requests, analysis, names=LAYER_NAMES)
    labels = {m.label for r in requests for m in complaint_measures(
        r.layer, "masking", analysis, names=LAYER_NAMES, fighting=("keys", "bass"))}
    assert labels == {"bass/keys overlap"}
    carved = [m for m in plan.moves if m.op == "bell"]
    assert carved and all("the bass/keys overlap" in m.reason for m in carved)
