"""Every "vs rest" figure of a multi-file session is what pyloudnorm measures on the same
audio: the files as loaded, and the stems as written after moves that take a file past full
scale (a DAW-style export at 48 kHz: several files per part, mono beside stereo, an L/R
pair, a part that plays in one section only)."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from faults import vs_rest_lu

from dsp.audio import load_audio
from dsp.mastering import MasterSettings
from dsp.moves import Move, Plan
from dsp.pipeline import Balance, export, load_stems, render
from dsp.stem_analysis import analyse_session
from dsp.synth import make_song
from dsp.targets import resolve_target
from intents import LAYER_NAMES

RATE = 48000


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """The files, 24-bit as a DAW writes them, loaded as `moozix` loads a folder."""
    song = make_song(duration_s=4.0, sample_rate=RATE, seed=3)
    middle = np.zeros(song["keys"].shape[1], np.float32)
    middle[RATE:3 * RATE] = 1.0   # the guitars play from 1 s to 3 s only
    loudest = {role: float(np.abs(x).max()) for role, x in song.items()}
    near_full = {role: x * np.float32(0.9 / loudest[role]) for role, x in song.items()}
    files = {
        "Kick In": ("kick", near_full["kick"][:1]),
        "Kick Out": ("kick", near_full["kick"][1:] * 0.5),
        "Snare Top": ("snare", near_full["snare"][:1]),
        "Snare Bottom": ("snare", np.roll(near_full["snare"][1:], 96, axis=1) * 0.6),
        "OH L": ("cymbals", song["cymbals"][:1]),
        "OH R": ("cymbals", song["cymbals"][1:] * 0.8),
        "Bass DI": ("bass", song["bass"][:1]),
        "Bass Amp": ("bass", np.roll(song["bass"][1:], 240, axis=1) * 0.7),
        "Guitar": ("guitars", np.roll(song["keys"], 4800, axis=1) * middle * 0.5),
        "Gtr DI": ("guitars", song["keys"][:1] * middle * 0.3),
        "Lead Vox": ("vocal", song["vocal"][:1]),
        "Keys": ("keys", song["keys"]),
    }
    folder = tmp_path_factory.mktemp("export")
    sources = []
    for name, (role, x) in files.items():
        path = folder / f"{name}.wav"
        sf.write(path, np.asarray(x, np.float32).T, RATE, subtype="PCM_24")
        sources.append((role, path))
    stems, _ = load_stems(sources)
    assert stems.get("OH").samples.shape[0] == 2   # the L/R pair is one stereo source
    return stems


def pyloudnorm_vs_rest(arrays: dict[str, np.ndarray], members: tuple[str, ...]) -> float:
    """`members` summed against every other file, each as it plays (mono in both channels),
    by pyloudnorm (faults.vs_rest_lu)."""
    def played(x: np.ndarray) -> np.ndarray:
        return np.repeat(x, 2, axis=0) if x.shape[0] == 1 else x

    own = sum(played(arrays[n]).astype(np.float64) for n in members)
    rest = sum(played(x).astype(np.float64) for n, x in arrays.items() if n not in members)
    return vs_rest_lu({"own": own.T, "rest": rest.T}, "own", RATE)


def groups(stems) -> dict[str, tuple[str, ...]]:
    """What each vs-rest figure is measured on: a part's files, or a layer's."""
    return {name: tuple(s.name for s in stems.layer_stems(name))
            for name in (*stems.parts, "drums", "instruments")}


def test_each_part_and_layer_against_the_rest_is_pyloudnorms(session):
    analysis = analyse_session(session)
    arrays = {s.name: s.samples for s in session.stems}
    measured = analysis.level_vs_rest_lu
    assert set(measured) == set(groups(session))
    for name, members in groups(session).items():
        assert measured[name] == pytest.approx(pyloudnorm_vs_rest(arrays, members),
                                               abs=0.05), name


def test_the_written_stems_measure_what_the_report_says(session, tmp_path):
    """Drums 8 dB up take the kick and snare files past full scale; the mix's headroom gain
    brings their sum back down. Each stem is written as the mix plays it, so pyloudnorm on
    the files read back gives the render's own "after" figures (24-bit stems clipped the
    kick and snare, and read the drums ~0.4 LU low on a 24-file export)."""
    moves = [Move("drums", "gain", {"gain_db": 8.0}, "", "")]
    result = render(session, moves, MasterSettings(resolve_target("streaming")))
    assert max(float(np.abs(result.stems.get(n).samples).max())
               for n in ("Kick In", "Snare Top")) > 1.5
    exported = export(tmp_path / "out", result, plan=Plan(moves=tuple(moves)),
                      names=LAYER_NAMES)
    written = {stem.name: load_audio(path).samples
               for stem, path in zip(result.stems.stems, exported.stems, strict=True)}
    for stem in result.stems.stems:
        assert np.array_equal(written[stem.name], stem.samples), stem.name
    for name, members in groups(result.stems).items():
        assert result.after.level_vs_rest_lu[name] == pytest.approx(
            pyloudnorm_vs_rest(written, members), abs=0.05), name


def test_a_render_takes_over_the_plans_last_measurement(session):
    """The moves the plan measured last are neither applied nor measured again; moves that
    only settled a level since are measured reusing it. Either way the render's figures are
    those of a render measuring from scratch, and pyloudnorm's on its stems."""
    settings = MasterSettings(resolve_target("streaming"))
    before = analyse_session(session)
    cut = Move("bass", "bell", {"freq_hz": 200.0, "gain_db": -4.0, "q": 1.0}, "", "")
    measured = [cut, Move("keys", "gain", {"gain_db": -2.0}, "", "")]
    settled = [cut, Move("keys", "gain", {"gain_db": -3.5}, "", "")]
    for moves in (measured, settled):
        balance = Balance(session, before)
        planned = balance(measured)
        fresh = render(session, moves, settings, before=before)
        reused = render(session, moves, settings, before=before, measured=balance)
        if moves is measured:
            assert reused.after is planned
        assert np.array_equal(reused.premaster, fresh.premaster)
        arrays = {s.name: s.samples for s in reused.stems.stems}
        for name, members in groups(session).items():
            assert reused.after.level_vs_rest_lu[name] == pytest.approx(
                fresh.after.level_vs_rest_lu[name], abs=1e-3), name
            assert reused.after.level_vs_rest_lu[name] == pytest.approx(
                pyloudnorm_vs_rest(arrays, members), abs=0.05), name
        assert reused.after.tracks["keys"].loudness.integrated_lufs == pytest.approx(
            fresh.after.tracks["keys"].loudness.integrated_lufs, abs=1e-3)
        assert reused.after.mix.loudness.integrated_lufs == pytest.approx(
            fresh.after.mix.loudness.integrated_lufs, abs=1e-3)


def test_the_report_says_how_the_stems_make_the_premaster(session, tmp_path):
    """Summed as played and turned by the gain the report gives, the written stems are the
    written premaster; the stems a move took past 0 dBFS are named with their peaks."""
    import json

    moves = [Move("drums", "gain", {"gain_db": 8.0}, "", "")]
    result = render(session, moves, MasterSettings(resolve_target("streaming")))
    exported = export(tmp_path / "out", result, plan=Plan(moves=tuple(moves)),
                      names=LAYER_NAMES)
    report = json.loads(exported.report_json.read_text())["stems"]
    written = [load_audio(path).samples for path in exported.stems]
    total = sum(np.broadcast_to(x, (2, x.shape[1])).astype(np.float64) for x in written)
    premaster = load_audio(exported.premaster).samples
    assert report["gain_to_premaster_db"] < -3.0
    np.testing.assert_allclose(total * 10 ** (report["gain_to_premaster_db"] / 20), premaster,
                               atol=1e-3)
    over = {stem.name: 20 * np.log10(np.abs(x).max())
            for stem, x in zip(result.stems.stems, written, strict=True)
            if np.abs(x).max() > 10 ** (0.05 / 20)}
    assert {s["name"] for s in report["over_full_scale"]} == set(over) >= {"Kick In",
                                                                           "Snare Top"}
    for s in report["over_full_scale"]:
        assert s["peak_dbfs"] == pytest.approx(over[s["name"]], abs=0.05)
    assert "Kick In +" in exported.report_md.read_text()
