"""The IIR filter helpers: no subnormal stalls on silence, and the guard is inaudible."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsp.filters import apply_sos, band_pass, high_pass, low_pass, one_pole, with_noise_floor
from dsp.meter import integrated_lufs, k_weight

RATE = 48000
TINY = np.finfo(np.float32).tiny


def burst_then_silence() -> np.ndarray:
    """A loud burst and then digital silence: the shape of a vocal stem between lines."""
    x = np.zeros((2, RATE * 3), np.float32)
    rng = np.random.default_rng(0)
    x[:, : RATE // 4] = rng.uniform(-0.5, 0.5, (2, RATE // 4))
    return x


def subnormal_share(y: np.ndarray) -> float:
    return float(np.mean((y != 0) & (np.abs(y) < TINY)))


def test_filters_never_leave_their_state_in_subnormals_after_silence():
    x = burst_then_silence()
    assert subnormal_share(k_weight(x, RATE)) == 0.0
    assert subnormal_share(apply_sos(x, low_pass(120.0, RATE, order=4))) == 0.0
    assert subnormal_share(apply_sos(x, band_pass(4000, 9000, RATE), zero_phase=True)) == 0.0
    assert subnormal_share(one_pole(np.abs(x[0]), 0.9995)) == 0.0


def test_noise_floor_is_far_below_anything_measured():
    x = burst_then_silence()
    guarded = with_noise_floor(x)
    assert np.max(np.abs(guarded - x)) <= 1e-24
    assert integrated_lufs(np.zeros((2, RATE), np.float32), RATE) == float("-inf")
    assert abs(integrated_lufs(x, RATE) - integrated_lufs(guarded, RATE)) < 1e-6


@settings(max_examples=30, deadline=None)
@given(channels=st.sampled_from([1, 2]), frames=st.integers(1, 20000))
def test_noise_floor_keeps_shape_and_touches_every_sample(channels, frames):
    x = np.zeros((channels, frames), np.float32)
    guarded = with_noise_floor(x)
    assert guarded.shape == x.shape and guarded.dtype == np.float32
    assert np.all(guarded != 0)


def test_zero_phase_filter_keeps_alignment():
    x = np.zeros((2, RATE), np.float32)
    x[:, RATE // 2] = 1.0
    y = apply_sos(x, high_pass(200.0, RATE), zero_phase=True)
    assert int(np.argmax(np.abs(y[0]))) == RATE // 2


def test_a_filter_runs_through_no_whole_song_copies():
    """apply_sos had made the floored copy of the input and scipy's output beside its own
    (60 MB at once for a 20 MB minute of stereo; K-weighting a 20-minute stereo master
    took 0.8 GB beyond its input): now only the output is whole-song, plus a chunk's
    floored and filtered copies (2 MB each for stereo) — and the result is exactly one
    scipy run over the floored audio."""
    import tracemalloc

    from scipy import signal

    from dsp.meter import k_weighting_sections

    rate = 44100
    for channels in (2, 1):
        audio = np.random.default_rng(channels).standard_normal((channels, 60 * rate),
                                                               dtype=np.float32)
        tracemalloc.start()
        try:
            weighted = k_weight(audio, rate)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < weighted.nbytes + 6 * 2 ** 20, channels
        whole = signal.sosfilt(k_weighting_sections(rate).astype(np.float32),
                               with_noise_floor(audio), axis=-1)
        assert np.array_equal(weighted, whole)


@pytest.mark.parametrize("zero_phase", [False, True])
def test_a_long_songs_channels_are_filtered_one_per_core(monkeypatch, zero_phase):
    """Both ways, forward and zero-phase, a full-length stereo file runs a channel per
    thread (the zero-phase filter had fallen back to one thread for the whole song), and
    each channel comes out as scipy filters it alone."""
    from scipy import signal

    import dsp.filters

    pools: list[int] = []
    real_pool = dsp.filters.thread_pool

    def counted(count: int):
        pools.append(count)
        return real_pool(count)

    monkeypatch.setattr(dsp.filters, "thread_pool", counted)
    x = np.random.default_rng(3).uniform(-0.5, 0.5, (2, dsp.filters._PARALLEL_FRAMES)
                                         ).astype(np.float32)
    sos = high_pass(200.0, RATE)
    y = apply_sos(x, sos, zero_phase=zero_phase)
    assert pools == [2]
    run = signal.sosfiltfilt if zero_phase else signal.sosfilt
    for row in range(2):
        alone = run(sos.astype(np.float32), with_noise_floor(x[row]))
        np.testing.assert_allclose(y[row], alone, rtol=0, atol=1e-6)
