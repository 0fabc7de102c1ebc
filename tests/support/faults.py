"""Fault injection for test songs: the ways real mixes go wrong, made on purpose."""

from __future__ import annotations

import numpy as np

from dsp.check import Stem, StemSet
from dsp.filters import apply_sos, bell


def stem_set(song: dict[str, np.ndarray], rate: int = 44100) -> StemSet:
    frames = next(iter(song.values())).shape[1]
    return StemSet(tuple(Stem(role, x) for role, x in song.items()), rate, frames)


def gain(x: np.ndarray, db: float) -> np.ndarray:
    return (x * 10 ** (db / 20)).astype(np.float32)


def boost(x: np.ndarray, freq_hz: float, db: float, rate: int = 44100) -> np.ndarray:
    return apply_sos(x, bell(freq_hz, db, 1.0, rate)).astype(np.float32)


def squash(x: np.ndarray, rate: int = 44100) -> np.ndarray:
    """Hard, fast compression with the RMS kept: the hits lose their front edge."""
    import pedalboard

    out = pedalboard.Compressor(threshold_db=-35, ratio=20, attack_ms=0.1,
                                release_ms=50).process(x, rate)
    return (out * (np.sqrt(np.mean(x**2)) / np.sqrt(np.mean(out**2)))).astype(np.float32)


def fake_stereo(x: np.ndarray) -> np.ndarray:
    mono = x.mean(axis=0)
    return np.vstack([mono, -mono]).astype(np.float32)


def wide_low(x: np.ndarray, rate: int = 44100, *, hz: float = 65.4,
             detune_cents: float = 12.0, level_db: float = -6.0) -> np.ndarray:
    """A stem with a wide low layer added: a saw drone under 120 Hz, detuned apart in the two
    channels (a stereo pad played low), `level_db` under the stem's RMS. Its low end is in
    the sides and beats against itself in mono."""
    from scipy import signal

    t = np.arange(x.shape[1]) / rate
    drones = np.vstack([2.0 * ((hz * 2 ** (side * detune_cents / 2400) * t) % 1.0) - 1.0
                        for side in (-1, 1)])
    low = signal.sosfilt(signal.butter(4, 120, "lowpass", fs=rate, output="sos"), drones)
    scale = np.sqrt(np.mean(np.square(x, dtype=np.float64)) / np.mean(np.square(low)))
    return (x + low * scale * 10 ** (level_db / 20)).astype(np.float32)


def band_db(x: np.ndarray, low_hz: float, high_hz: float, rate: int = 44100) -> float:
    """Energy in a band, absolute dB (for comparing one signal before and after)."""
    freqs = np.fft.rfftfreq(x.shape[1], 1 / rate)
    power = np.abs(np.fft.rfft(x.mean(axis=0))) ** 2
    return float(10 * np.log10(power[(freqs >= low_hz) & (freqs < high_hz)].sum() + 1e-20))


def band_share_db(x: np.ndarray, low_hz: float, high_hz: float, rate: int = 44100) -> float:
    freqs = np.fft.rfftfreq(x.shape[1], 1 / rate)
    power = np.abs(np.fft.rfft(x.mean(axis=0))) ** 2
    return float(10 * np.log10(power[(freqs >= low_hz) & (freqs < high_hz)].sum()
                               / power[freqs >= 20].sum()))


def crest_db(x: np.ndarray) -> float:
    return float(20 * np.log10(np.abs(x).max() / np.sqrt(np.mean(x**2))))


def reverb_return(song: dict[str, np.ndarray], rate: int = 44100,
                  vs_rest_lu: float = -15.0) -> np.ndarray:
    """A reverb return (wet only) fed by the vocal and keys, set `vs_rest_lu` under the
    dry parts by pyloudnorm: the middle of a normal balance."""
    import pedalboard
    import pyloudnorm

    send = (song["vocal"] + song["keys"]).astype(np.float32)
    wet = pedalboard.Reverb(room_size=0.8, wet_level=1.0, dry_level=0.0).process(send, rate)
    meter = pyloudnorm.Meter(rate)
    rest = np.sum(list(song.values()), axis=0)
    now = (meter.integrated_loudness(wet.T.astype(np.float64))
           - meter.integrated_loudness(rest.T.astype(np.float64)))
    return gain(wet, vs_rest_lu - now)


def plate(x: np.ndarray, db: float, rate: int = 44100, *, seconds: float = 1.2) -> np.ndarray:
    """A part's own reverb return: the part convolved with noise decaying 60 dB over
    `seconds` (so it follows the part by construction), `db` down."""
    from scipy import signal

    t = np.arange(int(seconds * rate)) / rate
    tail = np.random.default_rng(2).standard_normal(t.size) * np.exp(-6.9 * t / seconds)
    wet = signal.fftconvolve(x, tail[np.newaxis] / np.sqrt(np.sum(tail ** 2)), axes=1)
    return gain(wet[:, :x.shape[1]], db)


def plate_song(folder, *, vocal_db: float = 0.0, plate_db: float = -20.0,
               duration_s: float = 6.0, rate: int = 44100):
    """The synth song's parts as files in `folder` (Lead Vox, Snare, Hats, …), the vocal
    `vocal_db` from where it was made, beside 'Snare Plate', the snare's own return
    (`plate`, `plate_db` down): a return that is the snare's by its name."""
    import soundfile as sf

    from dsp.synth import make_song

    song = make_song(duration_s=duration_s, sample_rate=rate)
    folder.mkdir()
    names = {"vocal": "Lead Vox", "snare": "Snare", "cymbals": "Hats"}
    for role, x in song.items():
        x = gain(x, vocal_db) if role == "vocal" else x
        sf.write(folder / f"{names.get(role, role.title())}.wav", x.T, rate, subtype="FLOAT")
    sf.write(folder / "Snare Plate.wav", plate(song["snare"], plate_db, rate).T, rate,
             subtype="FLOAT")
    return folder


def vs_rest_lu(audio: dict[str, np.ndarray], name: str, rate: int = 44100) -> float:
    """One stem (frames, 2) against the sum of every other, by pyloudnorm: over the 0.4 s
    windows (100 ms apart) where the stem plays, within 20 dB of its loudest window (the
    definition of SessionAnalysis.level_vs_rest_lu), each window's K-weighted mean square
    read from its loudness."""
    import pyloudnorm

    rest = sum(x for stem, x in audio.items() if stem != name)
    meter, hop, size = pyloudnorm.Meter(rate), rate // 10, 4 * rate // 10

    def power(x: np.ndarray) -> np.ndarray:
        return np.array([10 ** ((meter.integrated_loudness(x[i:i + size]) + 0.691) / 10)
                         for i in range(0, len(x) - size + 1, hop)])

    own, others = power(audio[name]), power(rest)
    plays = own > own.max() / 100
    return float(10 * np.log10(own[plays].mean() / others[plays].mean()))
