"""Music-like songs made from numpy: the demo, the tests and the benchmarks use them.

Each part is rendered note by note (one vectorised render per note, placed at its
onset), so a minute of six stems takes a fraction of a second. The balance is a
plausible pop mix: vocal a little over the band, solid kick and bass, quiet hats.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

__all__ = ["SONG_ROLES", "make_mix", "make_song"]

SONG_ROLES = ("kick", "snare", "cymbals", "bass", "keys", "vocal")

_PROGRESSION = ((57, 60, 64), (53, 57, 60), (48, 52, 55), (55, 59, 62))  # Am F C G
_BASS_ROOTS = (33, 29, 36, 31)
_MELODY = (69, 72, 71, 69, 67, 69, 64, None, 65, 67, 69, 67, 65, 64, 62, None)
_VOWELS = (
    (730, 1090, 2440), (530, 1840, 2480), (270, 2290, 3010),
    (570, 840, 2410), (300, 870, 2240),
)
_LEVELS_DB = {"kick": -13.0, "snare": -18.0, "cymbals": -27.5, "bass": -12.0,
              "keys": -19.0, "vocal": -11.5}
_MIX_PEAK_DBFS = -4.0


def _hz(note: float) -> float:
    return 440.0 * 2.0 ** ((note - 69) / 12.0)


def _place(track: np.ndarray, sound: np.ndarray, start: int) -> None:
    stop = min(start + sound.shape[-1], track.shape[-1])
    if start < stop:
        track[..., start:stop] += sound[..., : stop - start]


def _kick(rate: int) -> np.ndarray:
    t = np.arange(int(0.35 * rate)) / rate
    freq = 45.0 + 75.0 * np.exp(-t / 0.03)
    phase = 2 * np.pi * np.cumsum(freq) / rate
    body = np.sin(phase) * np.exp(-t / 0.12)
    click = np.exp(-t / 0.002) * 0.3
    return body + click


def _snare(rate: int, rng: np.random.Generator) -> np.ndarray:
    t = np.arange(int(0.25 * rate)) / rate
    noise = rng.standard_normal(t.size) * np.exp(-t / 0.06)
    noise = signal.sosfilt(signal.butter(2, [1500, 9000], "bandpass", fs=rate, output="sos"),
                           noise)
    body = np.sin(2 * np.pi * 190 * t) * np.exp(-t / 0.05)
    return 0.6 * noise + body


_HAT_SQUARES_HZ = (205.3, 304.4, 369.6, 522.7, 540.0, 800.0)
"""The TR-808's six detuned square oscillators: their clashing odd harmonics are the
metallic, inharmonic ring of a cymbal."""


def _hat(rate: int, rng: np.random.Generator, open_hat: bool) -> np.ndarray:
    """Metal (the 808's squares) plus noise, band-passed 2–12 kHz: broadband from about
    1 kHz up like sampled hats. Plain noise high-passed at 7 kHz fell 70 dB from 16 kHz to
    1 kHz (sampled hats: 10–25 dB) and read 3–7 kHz about 4 dB above four General MIDI
    soundfonts' closed hats (bench/calibrate_tone.py); these read +2.3…+4.4 dB, between their
    closed hats (+2.0…+2.8) and rides (+2.3…+4.8). Set 1.5 dB under the old noise hats:
    being broadband they weigh more in loudness and in a loud master's peaks."""
    t = np.arange(int((0.25 if open_hat else 0.06) * rate)) / rate
    metal = sum(np.sign(np.sin(2 * np.pi * (f * t + k / len(_HAT_SQUARES_HZ))))
                for k, f in enumerate(_HAT_SQUARES_HZ))
    source = 0.3 * metal / len(_HAT_SQUARES_HZ) + 0.7 * rng.standard_normal(t.size)
    shape = np.vstack([signal.butter(2, 2000, "highpass", fs=rate, output="sos"),
                       signal.butter(1, 12000, "lowpass", fs=rate, output="sos")])
    bright = signal.sosfilt(shape, source)
    return bright * np.exp(-t / (0.08 if open_hat else 0.02))


def _bass_note(rate: int, note: int, length_s: float) -> np.ndarray:
    """A plucked, slightly driven string: 20 harmonics at 1/k rolled off by a
    2nd-order low-pass at 400 Hz, like sampled basses (General MIDI fingered, picked and
    fretless in three soundfonts stay within 4–17 dB of their peak up to 400 Hz, then fall
    steeply). Four harmonics at 1/k^1.5 fell 20 dB by 200 Hz: the part held 9% of the mix's
    150–400 Hz where sampled basses hold 11–40% (bench/bench_faults.py's songs); now 19%.
    Schroeder phases (pi k^2 / 20) keep the crest of a real string's spread phases: started
    together, the harmonics peaked enough that the club master of the test song needed more
    than 9 dB of limiting."""
    t = np.arange(int(length_s * rate)) / rate
    f = _hz(note)
    tone = sum(np.sin(2 * np.pi * f * k * t + np.pi * k * k / 20) / k
               for k in range(1, 21) if f * k < rate / 2)
    env = np.minimum(t / 0.005, 1.0) * np.exp(-t / 0.8)
    body = signal.butter(2, 400, "lowpass", fs=rate, output="sos")
    return signal.sosfilt(body, np.tanh(0.5 * tone * env))


def _chord(rate: int, notes: tuple[int, ...], length_s: float,
           rng: np.random.Generator) -> np.ndarray:
    """Detuned saws at the chord's written pitch (A3–E4), where sampled keys play the same
    chords: their 150–400 Hz is the body of the part. An octave down, the part peaked at
    63–125 Hz, 20–45 dB above any General MIDI piano, e-piano or pad there, and held 5% of the
    mix's low mids (sampled keys: 15–50%)."""
    t = np.arange(int(length_s * rate)) / rate
    out = np.zeros((2, t.size))
    for i, note in enumerate(notes):
        for side, detune in enumerate((-0.06, 0.06)):
            f = _hz(note) * 2.0 ** (detune / 12.0)
            phase = rng.uniform(0, 1)
            saw = 2.0 * ((f * t + phase) % 1.0) - 1.0
            out[side] += saw * (1.0 - 0.2 * i)
    out = signal.sosfilt(signal.butter(2, 1800, "lowpass", fs=rate, output="sos"), out)
    env = np.minimum(t / 0.08, 1.0) * np.minimum((t[-1] - t) / 0.1, 1.0)
    return out * env


def _syllable(rate: int, note: int, length_s: float, vowel: int,
              rng: np.random.Generator, sibilant: bool) -> np.ndarray:
    t = np.arange(int(length_s * rate)) / rate
    vibrato = 1.0 + 0.006 * np.sin(2 * np.pi * 5.5 * t) * np.minimum(t / 0.3, 1.0)
    phase = np.cumsum(_hz(note) * vibrato) / rate
    source = 2.0 * (phase % 1.0) - 1.0
    voice = np.zeros_like(t)
    for formant, gain in zip(_VOWELS[vowel], (1.0, 0.6, 0.3), strict=True):
        b, a = signal.iirpeak(formant, formant / 80.0, fs=rate)
        voice += gain * signal.lfilter(b, a, source)
    env = np.minimum(t / 0.04, 1.0) * np.minimum((t[-1] - t) / 0.06, 1.0)
    voice *= env
    if sibilant:
        hiss_len = int(0.07 * rate)
        hiss = rng.standard_normal(hiss_len) * np.hanning(hiss_len)
        hiss = signal.sosfilt(signal.butter(4, [5000, 9000], "bandpass", fs=rate,
                                            output="sos"), hiss)
        voice[:hiss_len] += 0.5 * hiss * np.abs(voice).max()
    return voice


def _normalise_rms(track: np.ndarray, level_db: float) -> np.ndarray:
    rms = np.sqrt(np.mean(np.square(track)))
    return track * (10 ** (level_db / 20.0) / rms) if rms > 0 else track


def make_song(*, duration_s: float = 30.0, sample_rate: int = 44100, seed: int = 0,
              bpm: float = 96.0) -> dict[str, np.ndarray]:
    """Six stereo float32 stems of a short pop loop, deterministic per seed."""
    if duration_s < 2.0:
        raise ValueError(f"duration_s must be at least 2 s, got {duration_s}")
    rng = np.random.default_rng(seed)
    n = int(duration_s * sample_rate)
    beat = 60.0 / bpm
    step = int(beat / 4 * sample_rate)
    steps = n // step
    mono = {role: np.zeros(n) for role in ("kick", "snare", "bass", "vocal")}
    stereo = {role: np.zeros((2, n)) for role in ("cymbals", "keys")}
    kick, snare = _kick(sample_rate), _snare(sample_rate, rng)
    hats = (_hat(sample_rate, rng, False), _hat(sample_rate, rng, True))
    for s in range(steps):
        start = s * step
        if s % 16 in (0, 6, 8, 10):
            _place(mono["kick"], kick, start)
        if s % 8 == 4:
            _place(mono["snare"], snare, start)
        if s % 2 == 0:
            hat = hats[1] if s % 16 == 14 else hats[0]
            pan = 0.15 * np.sin(s)
            _place(stereo["cymbals"], np.vstack([hat * (1 - pan), hat * (1 + pan)]), start)
    bar = 16 * step
    for b in range(n // bar + 1):
        chord = _PROGRESSION[b % 4]
        _place(stereo["keys"], _chord(sample_rate, chord, 16 * step / sample_rate, rng), b * bar)
        root = _BASS_ROOTS[b % 4]
        for s, octave in ((0, 0), (6, 0), (8, 12), (10, 0)):
            length = 2 * step / sample_rate
            _place(mono["bass"], _bass_note(sample_rate, root + octave, length), b * bar + s * step)
    phrase = 2 * bar
    for p in range(n // phrase + 1):
        if p % 2 == 1:
            continue
        for i, note in enumerate(_MELODY):
            if note is None:
                continue
            syl = _syllable(sample_rate, note, 1.8 * step / sample_rate, (i + p) % 5, rng,
                            sibilant=i % 4 == 1)
            _place(mono["vocal"], syl, p * phrase + i * 2 * step)
    song: dict[str, np.ndarray] = {}
    for role in SONG_ROLES:
        track = stereo[role] if role in stereo else np.vstack([mono[role], mono[role]])
        song[role] = _normalise_rms(track, _LEVELS_DB[role])
    peak = np.abs(np.sum(list(song.values()), axis=0)).max()
    gain = 10 ** (_MIX_PEAK_DBFS / 20.0) / peak
    return {role: (track * gain).astype(np.float32) for role, track in song.items()}


def make_mix(stems: dict[str, np.ndarray]) -> np.ndarray:
    return np.sum(list(stems.values()), axis=0).astype(np.float32)
