"""The mud and edge measures read an injected EQ bump as the bell's own response predicts.

Noise has no bump of its own (white noise is flat per hertz, pink noise a straight line in
dB per octave), so it must read about 0 dB; a peaking filter put on it must then read what
its magnitude response (Audio EQ Cookbook formulas, evaluated here by scipy) averages over
the band above a straight line fitted to that response where the measure fits its trend.
"""

from __future__ import annotations

import numpy as np
import pytest
from faults import boost, stem_set
from scipy import signal

from dsp.diagnosis import complaint_measures, diagnose, low_mid_excess_db
from dsp.stem_analysis import (
    LOW_MID_BAND_HZ,
    LOW_MID_FIT_HZ,
    LOW_MID_SKIRTS_HZ,
    PRESENCE_BAND_HZ,
    PRESENCE_FIT_HZ,
    analyse_session,
)

RATE = 44100
TOLERANCE_DB = 0.25
"""The measure averages 1/6-octave bands of a 6 s noise, the prediction samples the response
on a fine grid: they agreed within 0.12 dB; leaving the skirts in the mud trend moves the
figure 0.4 dB."""


def noise(colour: str, seconds: float = 6.0) -> np.ndarray:
    rng = np.random.default_rng(11)
    spectrum = np.fft.rfft(rng.standard_normal(int(seconds * RATE)))
    if colour == "pink":
        hz = np.fft.rfftfreq(int(seconds * RATE), 1 / RATE)
        spectrum /= np.sqrt(np.maximum(hz, 20.0))
    mono = np.fft.irfft(spectrum)
    mono *= 0.1 / np.sqrt(np.mean(mono**2))
    return np.vstack([mono, mono]).astype(np.float32)


def cookbook_bell_db(freq_hz: float, gain_db: float, hz: np.ndarray) -> np.ndarray:
    """|H| in dB of the RBJ peaking filter, Q 1."""
    amp, w0 = 10 ** (gain_db / 40), 2 * np.pi * freq_hz / RATE
    alpha = np.sin(w0) / 2
    b = [1 + alpha * amp, -2 * np.cos(w0), 1 - alpha * amp]
    a = [1 + alpha / amp, -2 * np.cos(w0), 1 - alpha / amp]
    _, response = signal.freqz(b, a, worN=hz, fs=RATE)
    return 20 * np.log10(np.abs(response))


def predicted_db(freq_hz: float, gain_db: float, band, fit, skirts) -> float:
    hz = np.geomspace(20, 20000, 4000)
    gain = cookbook_bell_db(freq_hz, gain_db, hz)
    inside = (hz >= band[0]) & (hz <= band[1])
    around = (hz >= fit[0]) & (hz <= fit[1]) & ~((hz >= skirts[0]) & (hz <= skirts[1]))
    line = np.polyval(np.polyfit(np.log2(hz[around]), gain[around], 1), np.log2(hz[inside]))
    return float(np.mean(gain[inside] - line))


def edge_db(stems: dict[str, np.ndarray]) -> float:
    return analyse_session(stem_set(stems)).harshness["cymbals"].excess_db


def test_an_edge_bump_reads_as_the_bell_predicts():
    """+8 dB at 5 kHz on white noise in a cymbals stem: 3–7 kHz over the 1–16 kHz trend
    moves by what the bell's response predicts (4.6 dB), from about 0."""
    hiss = noise("white")
    clean = edge_db({"cymbals": hiss})
    bumped = edge_db({"cymbals": boost(hiss, 5000, 8)})
    expected = predicted_db(5000, 8, PRESENCE_BAND_HZ, PRESENCE_FIT_HZ, PRESENCE_BAND_HZ)
    assert abs(clean) <= TOLERANCE_DB
    assert bumped - clean == pytest.approx(expected, abs=TOLERANCE_DB)


def test_a_low_mid_bump_reads_as_the_bell_predicts():
    """+7 dB at 250 Hz on pink noise: the 150–400 Hz build-up over the 50 Hz–2 kHz trend,
    fitted away from the 110–550 Hz skirts, moves by what the bell's response predicts."""
    rumble = noise("pink")
    clean = low_mid_excess_db(analyse_session(stem_set({"keys": rumble})).mix)
    bumped = low_mid_excess_db(analyse_session(stem_set({"keys": boost(rumble, 250, 7)})).mix)
    expected = predicted_db(250, 7, LOW_MID_BAND_HZ, LOW_MID_FIT_HZ, LOW_MID_SKIRTS_HZ)
    assert abs(clean) <= TOLERANCE_DB
    assert bumped - clean == pytest.approx(expected, abs=TOLERANCE_DB)


def test_a_part_s_own_build_up_moves_by_the_bump_whatever_it_plays(song):
    """The same +7 dB at 250 Hz on a bass line, a chord part, a voice and a snare: each
    part's own 150–400 Hz over its trend moves by what the bell's response predicts (4.7 dB)
    — the spectrum under the bump does not change what the bump adds, which is why a part
    can be judged against every clean part of its kind."""
    expected = predicted_db(250, 7, LOW_MID_BAND_HZ, LOW_MID_FIT_HZ, LOW_MID_SKIRTS_HZ)
    for role in ("bass", "keys", "vocal", "snare"):
        clean = low_mid_excess_db(analyse_session(stem_set({role: song[role]})).mix)
        bumped = low_mid_excess_db(analyse_session(
            stem_set({role: boost(song[role], 250, 7)})).mix)
        assert bumped - clean == pytest.approx(expected, abs=TOLERANCE_DB), role


def test_a_muddy_part_s_finding_and_its_before_after_row_are_one_measure(song):
    """Bass +7 dB at 250 Hz: the muddy finding on the bass reports its own build-up against
    every clean bass, and the complaint's row shows that figure and range."""
    analysis = analyse_session(stem_set({**song, "bass": boost(song["bass"], 250, 7)}))
    finding = next(f for f in diagnose(analysis) if (f.layer, f.problem) == ("bass", "muddy"))
    row = {m.label: m for m in complaint_measures("bass", "muddy", analysis)}
    own = row["bass 150–400 Hz over its own trend"]
    assert (own.value, own.typical) == (finding.measured, finding.reference)
    assert own.value > own.typical[1]


def test_a_harsh_finding_and_its_before_after_row_are_one_measure(song):
    """What the finding reports is what the complaint's row shows and the cut is sized from:
    hats +8 dB at 5 kHz, alone and inside a drums stem."""
    hats = boost(song["cymbals"], 5000, 8)
    for stems, host in (({**song, "cymbals": hats}, "cymbals"),
                        ({"drums": song["kick"] + song["snare"] + hats,
                          "bass": song["bass"]}, "drums")):
        analysis = analyse_session(stem_set(stems))
        finding = next(f for f in diagnose(analysis) if f.problem == "harsh")
        row = complaint_measures("cymbals", "harsh", analysis)
        assert [m.value for m in row] == [finding.measured]
        assert row[0].label.startswith(host) and row[0].typical == finding.reference
