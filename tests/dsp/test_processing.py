"""Each operation does what its name says, measured on simple signals."""

from __future__ import annotations

import numpy as np
import pytest

from dsp.check import Stem, StemSet
from dsp.moves import FixRequest, Move
from dsp.processing import apply_move, apply_moves

RATE = 44100


def sine(freq, seconds=1.0, level=0.25):
    t = np.arange(int(seconds * RATE)) / RATE
    x = (level * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    return np.vstack([x, x])


def rms_db(x):
    x = x[:, RATE // 10:] if x.shape[1] > RATE // 2 else x
    return 20 * np.log10(np.sqrt(np.mean(np.square(x))))


def run(x, op, stems=None, **params):
    move = Move("keys", op, params, "test", "keys/test")
    return apply_move(x, RATE, move, stems or StemSet((Stem("keys", x),), RATE, x.shape[1]))


def test_gain():
    x = sine(1000)
    assert rms_db(run(x, "gain", gain_db=6.0)) - rms_db(x) == pytest.approx(6.0, abs=0.01)


def test_bell_boosts_its_frequency_only():
    boosted = run(sine(1000), "bell", freq_hz=1000.0, gain_db=6.0, q=1.0)
    assert rms_db(boosted) - rms_db(sine(1000)) == pytest.approx(6.0, abs=0.1)
    far = run(sine(100), "bell", freq_hz=1000.0, gain_db=6.0, q=1.0)
    assert abs(rms_db(far) - rms_db(sine(100))) < 0.3


def test_high_pass_and_shelves():
    assert rms_db(run(sine(30), "high_pass", cutoff_hz=120.0)) < rms_db(sine(30)) - 15
    assert rms_db(run(sine(60), "low_shelf", cutoff_hz=200.0, gain_db=4.0)) == pytest.approx(
        rms_db(sine(60)) + 4.0, abs=0.3)
    assert rms_db(run(sine(12000), "high_shelf", cutoff_hz=5000.0, gain_db=-4.0)) == \
        pytest.approx(rms_db(sine(12000)) - 4.0, abs=0.3)


def test_width_zero_is_identity_and_mono_below_keeps_highs_wide():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, RATE)).astype(np.float32) * 0.1
    assert np.allclose(run(x, "width", side_gain_db=0.0), x, atol=1e-6)
    out = run(x, "mono_below", cutoff_hz=150.0)
    side = (out[0] - out[1]) / 2
    spectrum = np.abs(np.fft.rfft(side)) ** 2
    freqs = np.fft.rfftfreq(RATE, 1 / RATE)
    assert spectrum[freqs < 60].sum() < 1e-3 * spectrum[(freqs > 1000) & (freqs < 2000)].sum()
    assert out.shape == x.shape


def test_phase_repair_flips_an_inverted_channel():
    x = sine(440)
    x[1] *= -1
    fixed = run(x, "phase_repair", mode="flip_right")
    assert np.allclose(fixed[0], fixed[1])


def test_duck_dips_bass_only_while_kick_plays():
    bass = sine(60, seconds=2.0)
    kick = np.zeros_like(bass)
    kick[:, RATE // 2:RATE // 2 + 2000] = 0.8
    stems = StemSet((Stem("bass", bass), Stem("kick", kick)), RATE, bass.shape[1])
    move = Move("bass", "duck", {"trigger": "kick", "depth_db": 6.0, "cutoff_hz": 150.0,
                                 "attack_ms": 2.0, "release_ms": 60.0}, "t", "bass/masking")
    out = apply_move(bass, RATE, move, stems)
    during = out[:, RATE // 2 + 500:RATE // 2 + 1500]
    quiet = out[:, RATE + RATE // 2:RATE + RATE // 2 + 1000]
    assert rms_db(during) < rms_db(quiet) - 4


def test_deess_reduces_loud_bursts_not_quiet_passages():
    loud = sine(6000, seconds=1.0, level=0.5)
    quiet = sine(6000, seconds=1.0, level=0.005)
    params = dict(freq_hz=6000.0, q=1.5, threshold_db=-30.0, max_reduction_db=8.0)
    assert rms_db(run(loud, "deess", **params)) < rms_db(loud) - 5
    assert rms_db(run(quiet, "deess", **params)) == pytest.approx(rms_db(quiet), abs=0.5)


def test_length_and_alignment_are_preserved_for_every_op():
    impulse = np.zeros((2, RATE), np.float32)
    impulse[:, RATE // 2] = 0.5
    stems = StemSet((Stem("keys", impulse), Stem("kick", impulse)), RATE, RATE)
    moves = [Move("keys", op, params, "t", "keys/t") for op, params in [
        ("gain", {"gain_db": -3.0}), ("bell", {"freq_hz": 3000.0, "gain_db": 3.0, "q": 1.0}),
        ("mono_below", {"cutoff_hz": 120.0}), ("width", {"side_gain_db": 2.0}),
        ("transient", {"attack_db": 3.0, "sustain_db": 0.0}),
        ("deess", {"freq_hz": 6000.0, "q": 1.5, "threshold_db": -30.0,
                   "max_reduction_db": 4.0}),
    ]]
    out = apply_moves(stems, moves).get("keys").samples
    assert out.shape == impulse.shape
    assert abs(int(np.argmax(np.abs(out[0]))) - RATE // 2) <= 2


def test_moves_serialise_and_scale():
    move = Move("vocal", "bell", {"freq_hz": 3000.0, "gain_db": -4.0, "q": 1.2}, "why", "v/h")
    assert Move.from_dict(move.to_dict()) == move
    stronger = move.scaled(1.5)
    assert stronger.params["gain_db"] == -6.0 and stronger.params["freq_hz"] == 3000.0
    with pytest.raises(ValueError, match="op"):
        Move("vocal", "explode", {}, "", "")
    with pytest.raises(ValueError, match="severity"):
        FixRequest("vocal", "too_quiet", "extreme")


@pytest.mark.parametrize("role", ["kick", "snare", "cymbals"])
def test_transient_designer_brings_back_the_front_edge_of_crushed_hits(song, role):
    """Kick (pitch-swept body and click), snare (noise and body) and hats, crushed by a
    20:1 compressor with a 0.1 ms attack: +8 dB of attack wins back at least 3 dB of
    the crest factor the compressor took, at the same RMS, and lifts the first
    milliseconds of each hit against what follows."""
    from faults import crest_db, squash

    hits = song[role][:, :RATE * 6]
    crushed = squash(hits)
    assert crest_db(hits) - crest_db(crushed) > 5
    shaped = run(crushed, "transient", attack_db=8.0, sustain_db=-1.0)
    assert crest_db(shaped) > crest_db(crushed) + 3.0
    assert rms_db(shaped) == pytest.approx(rms_db(crushed), abs=0.1)
    onsets = np.flatnonzero(np.diff((np.abs(hits[0]) > 0.3 * np.abs(hits[0]).max())
                                    .astype(int)) == 1)
    front = [slice(o, o + RATE // 500) for o in onsets]
    body = [slice(o + RATE // 100, o + RATE // 20) for o in onsets]

    def front_to_body(x):
        return 10 * np.log10(sum(np.sum(x[0, f] ** 2) for f in front)
                             / sum(np.sum(x[0, b] ** 2) for b in body))

    assert front_to_body(shaped) > front_to_body(crushed) + 1.5
