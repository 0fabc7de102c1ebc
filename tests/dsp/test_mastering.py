"""Mastering lands on target loudness under the true-peak ceiling, as written to disk."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import bright_transients, ideal_peak_dbtp

from dsp.audio import load_audio
from dsp.errors import DspError
from dsp.mastering import (
    STYLES,
    MasterSettings,
    _LoudnessModel,
    master,
)
from dsp.meter import integrated_lufs, oversampled_peaks, true_peak_dbtp, true_peaks
from dsp.synth import make_mix
from dsp.targets import TARGETS, resolve_target
from dsp.writing import write_wav


@pytest.fixture(scope="module")
def quiet_mix(song) -> np.ndarray:
    mix = make_mix(song)
    return mix * np.float32(10 ** ((-24 - integrated_lufs(mix, 44100)) / 20))


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("target", sorted(TARGETS))
def test_every_target_and_style_hits_loudness_under_ceiling(quiet_mix, target, style):
    """Judged on the result's samples: loudness within 0.06 LU (none of these targets
    needs more limiting than allowed, so giving up with a warning is a failure too) and
    the true peak under the ceiling by the BS.1770 meter and by the long 16x filter
    (checked against scipy and FFT interpolation in test_meter)."""
    result = master(quiet_mix, 44100, MasterSettings(resolve_target(target), style))
    assert result.warnings == ()
    assert integrated_lufs(result.samples, 44100) == pytest.approx(TARGETS[target].lufs,
                                                                   abs=0.06)
    peaks = true_peaks(result.samples)
    assert max(peaks.standard_dbtp, peaks.precise_dbtp) <= TARGETS[target].ceiling_dbtp


@pytest.mark.parametrize("target", ["streaming", "club"])
def test_bright_transients_stay_under_the_ceiling_by_ideal_interpolation(target):
    """Hats, clicks and a square synth: the 48-tap 4x meter under-reads them by ~0.5 dB,
    so a limiter driven by it alone overshoots a -1 dBTP promise."""
    material = np.tile(bright_transients(44100), (1, 2)) * np.float32(0.3)
    result = master(material, 44100, MasterSettings(resolve_target(target)))
    assert integrated_lufs(result.samples, 44100) == pytest.approx(TARGETS[target].lufs,
                                                                   abs=0.06)
    assert ideal_peak_dbtp(result.samples, 16) <= TARGETS[target].ceiling_dbtp + 0.01
    assert result.after.precise_peak_dbtp == pytest.approx(ideal_peak_dbtp(result.samples, 16),
                                                           abs=0.02)


def test_streaming_master_survives_24_bit_export(quiet_mix, tmp_path):
    result = master(quiet_mix, 44100, MasterSettings(resolve_target("streaming")))
    path = write_wav(tmp_path / "master.wav", result.samples, 44100)
    written = load_audio(path)
    assert written.subtype == "PCM_24"
    assert integrated_lufs(written.samples, 44100) == pytest.approx(-14.0, abs=0.3)
    assert true_peak_dbtp(written.samples, 44100) <= -1.0


def test_peaky_drum_loop_is_limited_not_clipped():
    rate = 44100
    clicks = np.zeros((2, rate * 8), np.float32)
    clicks[:, :: rate // 4] = 0.9
    clicks += np.float32(0.01) * np.random.default_rng(0).standard_normal(clicks.shape).astype(
        np.float32)
    result = master(clicks, rate, MasterSettings(resolve_target(-14)))
    assert result.after.true_peak_dbtp <= -1.0
    assert result.max_reduction_db > 3.0


def test_reference_pulls_tone_toward_it(song):
    from dsp.analysis import band_share_db, spectrum

    mix = make_mix(song)
    bright = make_mix({**song, "cymbals": song["cymbals"] * 4})
    before = band_share_db(*spectrum(mix, 44100))["air"]
    result = master(mix, 44100, MasterSettings(resolve_target("streaming")),
                    reference=(bright, 44100))
    after = band_share_db(*spectrum(result.samples, 44100))["air"]
    reference = band_share_db(*spectrum(bright, 44100))["air"]
    assert abs(after - reference) < abs(before - reference)


def test_unknown_target_names_the_choices():
    with pytest.raises(DspError, match="streaming"):
        resolve_target("spotify-ish")
    assert resolve_target("-16 LUFS").lufs == -16.0
    assert resolve_target("apple", ceiling_dbtp=-2).ceiling_dbtp == -2.0


def test_silent_mix_is_refused():
    with pytest.raises(DspError, match="silent"):
        master(np.zeros((2, 44100), np.float32), 44100,
               MasterSettings(resolve_target(None)))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), gain_db=st.floats(0.0, 20.0),
       rate=st.sampled_from([44100, 48000]))
def test_limiter_curve_keeps_every_sample_under_the_ceiling(seed, gain_db, rate):
    """The gain search works on ~0.7 ms blocks; drawn out to every sample, the curve must
    still hold each sample's true-peak envelope under the ceiling (before any trim)."""
    rng = np.random.default_rng(seed)
    frames = int(rng.integers(rate // 2, rate * 2))
    x = (rng.standard_normal((2, frames)) * 0.05).astype(np.float32)
    x[:, rng.integers(0, frames, 12)] = rng.uniform(-0.9, 0.9, (2, 12)).astype(np.float32)
    ceiling = 10 ** (-1.15 / 20)
    model = _LoudnessModel(x, rate, ceiling=ceiling)
    gain = model.render(np.ones((1, frames), np.float32), gain_db, model.curve(gain_db))[0]
    assert gain.shape == (frames,)
    assert gain.max() <= 10 ** (gain_db / 20) * 1.0001
    assert float((oversampled_peaks(x) * gain).max()) <= ceiling * 1.0001
