"""A mix whose content lies above the master's band limit (every master is low-passed from
0.9 of Nyquist, dsp.filters.band_limit) is told that this content was removed, with the
mix's loudness with and without it, in the same words by `moozix master` and the chat.

A tone at 0.49 of the sample rate came out nearly silent and the warning blamed limiting
("needs more than 9 dB of limiting on the loud parts … tame the kick, snare and low
end"): there were no loud parts, only content the band limit had taken away."""

from __future__ import annotations

import json
import re

import numpy as np
import pyloudnorm
import pytest
import soundfile as sf

from moozix_tui.cli import main

RATE = 48000
TOP_KHZ = "21.6"   # 0.9 of the 24 kHz Nyquist frequency
SAID = re.compile(r"the mix's content above (\d+\.\d) kHz, the master's band limit, was "
                  r"removed: the mix measures (-?\d+\.\d) LUFS, and (-?\d+\.\d) LUFS "
                  r"without it[^\n]*")


def tone(freq_hz: float, amplitude: float, seconds: float = 4.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    one = amplitude * np.sin(2 * np.pi * freq_hz * t)
    return np.vstack([one, one])


def write(path, samples: np.ndarray):
    sf.write(path, samples.T, RATE, subtype="FLOAT")
    return path


def lufs(samples: np.ndarray) -> float:
    return pyloudnorm.Meter(RATE).integrated_loudness(samples.T)


def mastered(tmp_path, capsys, given) -> tuple[str, dict]:
    out = tmp_path / "out"
    assert main(["master", str(given), "--out", str(out)]) == 0
    return capsys.readouterr().out, json.loads((out / "report.json").read_text())


def test_a_mix_that_is_mostly_above_the_band_limit_is_told_so_not_blamed_on_limiting(
        tmp_path, capsys):
    """An audible 1 kHz tone under a loud one at 0.49 of the rate: what is left is the
    1 kHz tone, as pyloudnorm measures it alone; the master reaches its target."""
    audible = tone(1000.0, 0.03)
    given = write(tmp_path / "mix.wav", audible + tone(0.49 * RATE, 0.3))
    printed, report = mastered(tmp_path, capsys, given)
    said = SAID.search(printed)
    assert said is not None, printed
    assert said[1] == TOP_KHZ
    assert float(said[2]) == pytest.approx(lufs(audible + tone(0.49 * RATE, 0.3)), abs=0.1)
    assert float(said[3]) == pytest.approx(lufs(audible), abs=0.1)
    assert "limiting" not in printed
    assert report["warnings"] == [said[0]]
    written, _ = sf.read(tmp_path / "out" / "master.wav", always_2d=True)
    assert lufs(written.T) == pytest.approx(-14.0, abs=0.1)


def test_a_tone_above_the_band_limit_says_so_in_the_chat_as_moozix_master_does(
        chat, tmp_path, capsys):
    """The tone alone: nearly nothing is left, and the master stops short of its target."""
    given = write(tmp_path / "mix.wav", tone(0.49 * RATE, 0.3))
    printed, _ = mastered(tmp_path, capsys, given)
    said = SAID.search(printed)
    assert said is not None, printed
    assert float(said[2]) == pytest.approx(lufs(tone(0.49 * RATE, 0.3)), abs=0.1)
    assert float(said[3]) < float(said[2]) - 40   # the band limit is 60 dB down up there
    assert "drums" not in printed and "loud parts" not in printed
    written, _ = sf.read(tmp_path / "out" / "master.wav", always_2d=True)
    stopped = re.search(r"what was left stopped at (-?\d+\.\d) LUFS instead of -14", said[0])
    assert stopped is not None and float(stopped[1]) == pytest.approx(lufs(written.T),
                                                                       abs=0.1)
    chat.say("the whole song is too quiet")
    chat.say(f'"{given}"')
    reply = chat.say("go").replace("\\", "")   # Markdown escapes
    assert said[0] in reply, reply


def test_a_mix_with_nothing_below_the_band_limit_is_refused_with_a_reason(tmp_path, capsys):
    """Quiet enough that what the band limit leaves is under the -70 LUFS gate."""
    given = write(tmp_path / "mix.wav", tone(0.49 * RATE, 0.003))
    assert main(["master", str(given), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"nothing in the mix is between 25 Hz and {TOP_KHZ} kHz" in err
    assert not (tmp_path / "out").exists()


def test_white_noise_to_nyquist_keeps_its_master_unremarked(tmp_path, capsys):
    """White noise loses about 0.5 LU to the band limit: under what is worth saying."""
    noise = 0.1 * np.random.default_rng(3).standard_normal((2, 4 * RATE))
    printed, report = mastered(tmp_path, capsys, write(tmp_path / "mix.wav", noise))
    assert "band limit" not in printed and report["warnings"] == []
