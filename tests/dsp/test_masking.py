"""Parts named as fighting get room from each other, and each move does what its reason says.

Expectations come from the generated song's own parts (the kick track the code never sees
when the kick plays inside the drums stem) and from scipy's filters and Welch spectra of
the processed stems, never from the analysis that planned the moves.
"""

from __future__ import annotations

import numpy as np
import pytest
from faults import stem_set
from scipy import signal

from dsp.moves import FixRequest
from dsp.processing import apply_moves
from dsp.recipes import plan_fixes
from dsp.stem_analysis import analyse_session

RATE = 44100


def _kit_in_one_stem(song: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    kit = (song["kick"] + song["snare"] + song["cymbals"]).astype(np.float32)
    rest = {role: x for role, x in song.items() if role not in ("kick", "snare", "cymbals")}
    return {"drums": kit, **rest}


def _low_rms_db(x: np.ndarray, frames: np.ndarray, hop: int) -> float:
    sos = signal.butter(4, 150.0, "lowpass", fs=RATE, output="sos")
    low = signal.sosfiltfilt(sos, x.mean(axis=0))
    blocks = low[:len(low) // hop * hop].reshape(-1, hop)
    return float(10 * np.log10(np.mean(blocks[frames] ** 2) + 1e-20))


def test_a_kick_inside_the_drums_stem_ducks_the_bass_on_the_kits_low_end_only(song):
    """Kick and bass fighting with the kick inside the drums stem: the plan carved the bass
    at 2.5 kHz 'where the lead's words live'. Now the bass dips under 150 Hz when the kick
    hits (found from the kick track itself) and stays as it was where only snare and hats
    play."""
    session = _kit_in_one_stem(song)
    stems = stem_set(session)
    analysis = analyse_session(stems)
    plan = plan_fixes([FixRequest("kick", "masking"), FixRequest("bass", "masking")], analysis)
    assert [(m.stem, m.op) for m in plan.moves] == [("bass", "duck")]
    assert plan.moves[0].params["trigger"] == "drums"
    assert "2.5 kHz" not in plan.moves[0].reason
    fixed = {s.name: s.samples for s in apply_moves(stems, plan.moves).stems}

    hop = RATE // 50
    kick = song["kick"].mean(axis=0)
    kick_power = (kick[:len(kick) // hop * hop].reshape(-1, hop) ** 2).mean(axis=1)
    hits = kick_power > 0.25 * kick_power.max()
    others = (song["snare"] + song["cymbals"]).mean(axis=0)
    other_power = (others[:len(others) // hop * hop].reshape(-1, hop) ** 2).mean(axis=1)
    # frames well away from any kick (its envelope under 1/1000 of its peak), with the kit
    # still playing
    far = np.convolve(kick_power > 1e-3 * kick_power.max(), np.ones(15), "same") == 0
    quiet_kick = far & (other_power > 0.05 * other_power.max())
    assert hits.sum() > 5 and quiet_kick.sum() > 5
    before, after = session["bass"], fixed["bass"]
    assert _low_rms_db(after, hits, hop) < _low_rms_db(before, hits, hop) - 2.0
    assert _low_rms_db(after, quiet_kick, hop) == pytest.approx(
        _low_rms_db(before, quiet_kick, hop), abs=0.5)


def test_the_overlap_is_measured_and_named_from_the_drums_stem(song):
    analysis = analyse_session(stem_set(_kit_in_one_stem(song)))
    assert analysis.kick_source == "drums"
    assert analysis.overlap_label == "drums/bass overlap"
    assert 0.0 < analysis.kick_bass_overlap < 1.0


def _band_noise(centre_hz: float, seconds: float, seed: int) -> np.ndarray:
    noise = np.random.default_rng(seed).standard_normal(int(seconds * RATE))
    sos = signal.butter(2, [centre_hz / 1.5, centre_hz * 1.5], "bandpass", fs=RATE,
                        output="sos")
    band = signal.sosfilt(sos, noise)
    band *= 0.1 / np.sqrt(np.mean(band ** 2))
    return np.stack([band, band]).astype(np.float32)


def _welch_db(x: np.ndarray, low_hz: float, high_hz: float) -> float:
    freqs, power = signal.welch(x.mean(axis=0), RATE, nperseg=8192)
    band = (freqs >= low_hz) & (freqs < high_hz)
    return float(10 * np.log10(power[band].sum()))


def test_two_parts_fighting_each_make_room_where_the_other_is_strongest():
    """Guitars living around 400 Hz, keys around 2 kHz, each with some of the other's band:
    each was cut at 2.5 kHz 'where the lead's words live', though no voice was named. Now the
    guitars make room at the keys' band and the keys at the guitars'."""
    guitars = _band_noise(400.0, 6.0, 1) + 0.3 * _band_noise(2000.0, 6.0, 2)
    keys = _band_noise(2000.0, 6.0, 3) + 0.3 * _band_noise(400.0, 6.0, 4)
    stems = stem_set({"guitars": guitars, "keys": keys})
    plan = plan_fixes([FixRequest("guitars", "masking"), FixRequest("keys", "masking")],
                      analyse_session(stems))
    cuts = {m.stem: m for m in plan.moves}
    assert set(cuts) == {"guitars", "keys"}
    # inside the other part's pass band, as built: centre / 1.5 … centre * 1.5
    assert 2000.0 / 1.5 <= cuts["guitars"].params["freq_hz"] <= 2000.0 * 1.5
    assert 400.0 / 1.5 <= cuts["keys"].params["freq_hz"] <= 400.0 * 1.5
    assert "keys" in cuts["guitars"].reason and "guitars" in cuts["keys"].reason
    fixed = {s.name: s.samples for s in apply_moves(stems, plan.moves).stems}
    lost = _welch_db(keys, 350, 460) - _welch_db(fixed["keys"], 350, 460)
    assert lost == pytest.approx(-cuts["keys"].params["gain_db"], abs=1.0)


def test_two_pairs_named_fighting_keep_their_own_rivals(song):
    """'The guitars and the keys are fighting, and the kick and bass don't gel': the guitars
    and the keys each made room for the bass (the first rival alphabetically)."""
    frames = 6 * RATE
    stems = stem_set({"kick": song["kick"][:, :frames], "bass": song["bass"][:, :frames],
                      "guitars": _band_noise(400.0, 6.0, 1) + 0.3 * _band_noise(2000.0, 6.0, 2),
                      "keys": _band_noise(2000.0, 6.0, 3) + 0.3 * _band_noise(400.0, 6.0, 4)})
    requests = [FixRequest(layer, "masking") for layer in ("guitars", "keys", "kick", "bass")]
    plan = plan_fixes(requests, analyse_session(stems))
    carves = {m.stem: m.reason for m in plan.moves if m.op == "bell"}
    assert "keys" in carves["guitars"] and "bass" not in carves["guitars"]
    assert "guitars" in carves["keys"] and "bass" not in carves["keys"]
    assert [m.op for m in plan.moves if m.stem == "bass"] == ["duck"]
