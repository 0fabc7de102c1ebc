"""The session analysis: levels from the Gram matrix agree with measuring the rest of the
mix directly, reusing an earlier analysis gives what a fresh one would, and band levels
say what a part's own tone move did."""

from __future__ import annotations

import numpy as np
import pytest
from faults import boost, gain, stem_set

from dsp.analysis import analyse_track
from dsp.filters import apply_sos, bell
from dsp.mastering import MasterSettings
from dsp.meter import hop_power, k_weight, window_power
from dsp.moves import FixRequest, Move
from dsp.pipeline import render
from dsp.processing import apply_moves
from dsp.recipes import plan_fixes
from dsp.report import comparison_rows
from dsp.stem_analysis import _level_vs_rest, _plain_gain, analyse_session
from dsp.targets import resolve_target

RATE = 44100


@pytest.fixture(scope="module")
def stems(song):
    return stem_set(song)


@pytest.fixture(scope="module")
def analysis(stems):
    return analyse_session(stems)


def test_level_against_the_rest_matches_measuring_the_rest_directly(stems, analysis):
    mix = stems.mixdown()
    for role in ("vocal", "bass"):
        part = stems.get(role).samples
        direct = _level_vs_rest(
            window_power(hop_power(k_weight(part, RATE), RATE), RATE, 0.4),
            window_power(hop_power(k_weight(mix - part, RATE), RATE), RATE, 0.4))
        assert analysis.level_vs_rest_lu[role] == pytest.approx(direct, abs=0.01)
    drums = sum(stems.get(r).samples for r in ("kick", "snare", "cymbals"))
    direct = _level_vs_rest(
        window_power(hop_power(k_weight(drums, RATE), RATE), RATE, 0.4),
        window_power(hop_power(k_weight(mix - drums, RATE), RATE), RATE, 0.4))
    assert analysis.level_vs_rest_lu["drums"] == pytest.approx(direct, abs=0.01)


@pytest.mark.parametrize("moves", [
    [Move("vocal", "gain", {"gain_db": 6.0}, "t", "vocal/too_quiet"),
     Move("bass", "gain", {"gain_db": -3.0}, "t", "bass/too_loud")],
    [Move("keys", "bell", {"freq_hz": 250.0, "gain_db": -4.0, "q": 1.0}, "t", "keys/muddy")],
], ids=["levels only", "an EQ"])
def test_reused_analysis_equals_a_fresh_one(stems, analysis, moves):
    fixed = apply_moves(stems, moves)
    reused = analyse_session(fixed, reuse=(stems, analysis))
    fresh = analyse_session(fixed)
    for name, level in fresh.level_vs_rest_lu.items():
        assert reused.level_vs_rest_lu[name] == pytest.approx(level, abs=1e-3)
    for role, track in fresh.tracks.items():
        again = reused.tracks[role]
        assert again.loudness.integrated_lufs == pytest.approx(
            track.loudness.integrated_lufs, abs=1e-3)
        assert again.crest_db == pytest.approx(track.crest_db, abs=1e-3)
        np.testing.assert_allclose(again.spectrum_db, track.spectrum_db, atol=1e-3)
    assert reused.mix.loudness.integrated_lufs == pytest.approx(
        fresh.mix.loudness.integrated_lufs, abs=1e-3)
    assert reused.mix.band_share_db["low_mid"] == pytest.approx(
        fresh.mix.band_share_db["low_mid"], abs=1e-3)
    assert reused.kick_bass_overlap == pytest.approx(fresh.kick_bass_overlap, abs=1e-4)


def test_plain_gain_is_told_apart_from_processing(song):
    keys = song["keys"]
    assert _plain_gain(keys, keys * np.float32(1.5)) == pytest.approx(1.5, rel=1e-6)
    assert _plain_gain(keys, apply_sos(keys, bell(250.0, -1.0, 1.0, RATE))) is None
    louder_left = keys.copy()
    louder_left[0] *= np.float32(1.1)
    assert _plain_gain(keys, louder_left) is None


def test_band_level_is_the_rms_of_the_band_in_dbfs():
    t = np.arange(RATE * 4) / RATE
    tone = (10 ** (-20 / 20) * np.sin(2 * np.pi * 250.0 * t)).astype(np.float32)
    levels = analyse_track(np.vstack([tone, tone]), RATE).band_level_dbfs
    assert levels["low_mid"] == pytest.approx(-23.01, abs=0.1)
    assert max(v for band, v in levels.items() if band != "low_mid") < -60


def test_summary_shows_what_a_mud_fix_did_to_the_part_itself(song):
    """Lifting a buried vocal adds its own low-mid body to the mix, so the mix's
    150-400 Hz share can rise; the bass's own low mids must still show the cut."""
    broken = {**song, "vocal": gain(song["vocal"], -9),
              "bass": boost(song["bass"], 250.0, 6.0)}
    stems = stem_set(broken)
    analysis = analyse_session(stems)
    plan = plan_fixes([FixRequest("vocal", "too_quiet"), FixRequest("bass", "muddy")],
                      analysis)
    result = render(stems, plan.moves, MasterSettings(resolve_target("streaming")),
                    before=analysis)
    rows = {row["label"]: row for row in comparison_rows(result)}
    mix_share = rows["mix 150–400 Hz share"]
    assert mix_share["after"] > mix_share["before"]
    bass = rows["bass 150–400 Hz"]
    assert bass["unit"] == "dBFS" and bass["after"] <= bass["before"] - 0.5
    # a level against the rest is relative and prints its sign; a loudness range does not
    assert rows["vocal vs rest"]["signed"] and not rows["LRA"].get("signed")


def test_level_against_the_rest_counts_only_where_the_part_plays():
    """A vocal at 0.5 for 4 s, then a breath 40 dB down for 4 s, over a steady 0.25 beat (both
    1 kHz, so K-weighting treats them alike): where the vocal plays it is 20 log10(0.5/0.25)
    = 6.02 dB over the beat. Counting the breath as playing would halve its mean power
    (3.0 dB)."""
    t = np.arange(8 * RATE) / RATE
    tone = np.sin(2 * np.pi * 1000.0 * t)
    vocal = np.where(t < 4.0, 0.5, 0.5 * 10 ** (-40 / 20)) * tone
    beat = 0.25 * np.sin(2 * np.pi * 1000.0 * t + 1.0)
    song = {"vocal": np.stack([vocal, vocal]).astype(np.float32),
            "beat": np.stack([beat, beat]).astype(np.float32)}
    level = analyse_session(stem_set(song)).level_vs_rest_lu["vocal"]
    assert level == pytest.approx(20 * np.log10(0.5 / 0.25), abs=0.4)


def test_gram_entries_are_each_tracks_hop_products_with_each_block():
    """Against float64 products of the tracks K-weighted whole: a mono track counts in both
    channels of a stereo Gram, and a block is the sum of its tracks."""
    from dsp.meter import hop_frames
    from dsp.scan import scan

    rng = np.random.default_rng(5)
    tracks = {"a": rng.standard_normal((2, 3 * RATE)).astype(np.float32) * 0.1,
              "b": rng.standard_normal((1, 3 * RATE)).astype(np.float32) * 0.2,
              "c": rng.standard_normal((2, 3 * RATE)).astype(np.float32) * 0.3,
              "d": rng.standard_normal((1, 3 * RATE)).astype(np.float32) * 0.4}
    gram = scan(tracks, RATE, blocks=[("a", "b"), ("c",), ("d",)], stereo=True, detailed=(),
                workers=1).gram
    hop = hop_frames(RATE)
    hops = len(gram.own)
    weighted = {name: np.broadcast_to(k_weight(x, RATE).astype(np.float64)[:, :hops * hop],
                                      (2, hops * hop)).reshape(2, hops, hop)
                for name, x in tracks.items()}
    blocks = [weighted["a"] + weighted["b"], weighted["c"], weighted["d"]]
    for i, name in enumerate(gram.names):
        np.testing.assert_allclose(gram.own[:, i], (weighted[name] ** 2).sum(axis=(0, 2)),
                                   rtol=1e-5)
        for b, block in enumerate(blocks):
            np.testing.assert_allclose(gram.cross[:, i, b],
                                       (weighted[name] * block).sum(axis=(0, 2)),
                                       rtol=1e-4, atol=1e-6 * gram.own.max())
