"""Measurements between stems: who is loud against whom, who crowds the low mids,
whose low end collides, and which frequencies actually ring.

Everything comes from one pass over the stems (dsp.scan): each stem K-weighted once,
the mix and the rest of the mix as sums of those.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

import numpy as np
from scipy import fft as scipy_fft
from scipy import signal

from dsp.analysis import TrackAnalysis, smoothed_db, track_analysis
from dsp.check import DRUM_ROLES, RETURN, VOCAL_ROLES, StemSet, working_against
from dsp.meter import SILENCE_LUFS, integrated_from_hops, loudness_from_hops, window_power
from dsp.overlap import SAME_SOUND, Copy, band_frames, copies, moving_together, shared_energy
from dsp.returns import follows
from dsp.scan import Gram, TrackSums, hann, mid, scan
from dsp.threads import thread_pool

__all__ = ["MOST_OF_EXCESS", "Harshness", "SessionAnalysis", "analyse_session", "band_excess_db",
           "resonances"]

_ACTIVE_RANGE_DB = 20.0
MOST_OF_EXCESS = 2.0 / 3.0
"""The files that carry a part's tone hold this much of its energy over their trends."""
LIKE_A_CARRIER = 0.5
"""A file over the range holding at least this much of what the least of the files that
carry a part's tone holds carries it too: three guitar files of 34, 33 and 33% are cut
alike, not the first two."""
_BLOCK_S = 0.4


@dataclass(frozen=True)
class Harshness:
    presence_share_db: float
    peaks: tuple[tuple[float, float], ...]
    excess_db: float
    """How far 3–7 kHz stands above the part's own 1–16 kHz trend (band_excess_db); for a
    part with drums in it, measured where the cymbals ring alone (see _cymbal_spectrum)."""


@dataclass(frozen=True, eq=False)
class SessionAnalysis:
    """Measured per part (the sum of the part's files), plus each file's loudness."""

    sample_rate: int
    tracks: Mapping[str, TrackAnalysis]
    """Each part (role) as the sum of its files."""
    mix: TrackAnalysis
    level_vs_rest_lu: Mapping[str, float]
    """Each part and layer group (drums, instruments) against the rest where it plays."""
    kick_bass_overlap: float | None
    kick_source: str | None
    """The part the kick's low end is measured from: "kick" when it has a stem of its own,
    "drums" when it plays inside the kit's stem (its low end under 150 Hz is the kick's,
    bar the toms), None without a bass to set it against."""
    low_mid_crowders: tuple[str, ...]
    low_mid_share: Mapping[str, float]
    harshness: Mapping[str, Harshness]
    gram: Gram | None
    """The files' K-weighted hop energies, kept so a later analysis can reuse them."""
    low_band_power: Mapping[str, np.ndarray]
    """Kick and bass parts' energy below 150 Hz per 20 ms, kept for the same reason."""
    band_power: Mapping[str, np.ndarray]
    """Each part's energy per 20 ms in the bands where parts compete (dsp.overlap); empty
    for a lone part."""
    parts: Mapping[str, tuple[str, ...]]
    """Each part's files (StemSet names), in order."""
    file_lufs: Mapping[str, float]
    """Each file's integrated loudness as it plays in the mix (a mono file in both channels)."""
    file_level_vs_rest_lu: Mapping[str, float]
    """Each file against everything else in the mix, where the file plays."""
    working_against: Mapping[str, tuple[str, float]]
    """For a part with a file in reverse polarity against its others, that file and how
    much louder (dB) the part sums with it flipped (dsp.check.working_against)."""
    return_sources: Mapping[str, tuple[str, ...]]
    """Each effects return's file (the RETURN part's): the dry parts it follows, measured
    (dsp.returns.follows); empty when it follows none (a riser, a return of no loaded part)."""
    file_tracks: Mapping[str, TrackAnalysis]
    """Each file of a part with several files, measured on its own (as it plays in the
    mix): which of them carries a tone a part-level figure shows (dsp.carriers)."""
    file_harshness: Mapping[str, Harshness]
    """The same files' edge, measured as their part's is (where the cymbals ring, for a
    kit's files)."""
    copies: Mapping[tuple[str, str], tuple[Copy, ...]]
    """Each pair of parts (in sorted order) that holds one sound by their band energies
    (dsp.overlap.SAME_SOUND, as dsp.carve measures them), one of them of several files:
    which file of each is the copy of which, each file measured on its own
    (dsp.overlap.copies)."""

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self.tracks)

    @property
    def overlap_label(self) -> str:
        """The kick/bass overlap's name on a card or report row, after the part measured."""
        return f"{self.kick_source or 'kick'}/bass overlap"

    def overlap(self, part: str, other: str) -> float:
        """How much two parts sit on each other between 160 Hz and 6.3 kHz: the share of
        their energy they have in common, band by band and 20 ms at a time."""
        return shared_energy(self.band_power[part], self.band_power[other])

    def excess_shares(self, part: str, band_hz: tuple[float, float],
                      excess: Mapping[str, float]) -> dict[str, float]:
        """Each file's share of the energy the part's files hold in `band_hz` above their
        own trends (`excess`: each file's dB over its trend); empty for a part of one file,
        or one with a file not measured on its own."""
        files = self.parts.get(part, ())
        if len(files) < 2 or any(f not in self.file_tracks or f not in excess for f in files):
            return {}
        above = {f: _band_energy(self.file_tracks[f], *band_hz)
                 * max(1.0 - 10.0 ** (-excess[f] / 10.0), 0.0) for f in files}
        total = sum(above.values())
        return {f: value / total for f, value in above.items()} if total > 0 else {}

    def carriers(self, part: str, band_hz: tuple[float, float], excess: Mapping[str, float],
                 over: float) -> tuple[str, ...]:
        """The files of `part` that carry a tone the part shows in `band_hz`: the fewest
        files, each measuring over `over` on its own, that hold MOST_OF_EXCESS of the
        part's energy above the files' trends there (excess_shares). On the audit song the
        hats file (+6.9 dB over its trend, 78% of the band) holds 77% of it and the
        overheads (+7.0 dB, from the crash) 23%: the hats alone carry a hat's edge. Empty
        when the part is one file, or when its files don't differ (all of them are needed,
        or those over `over` hold too little): then the part moves as a whole."""
        shares = self.excess_shares(part, band_hz, excess)
        over_it = sorted((f for f in shares if excess[f] > over), key=lambda f: -shares[f])
        found, held = [], 0.0
        for name in over_it:
            if held >= MOST_OF_EXCESS:
                break
            found.append(name)
            held += shares[name]
        if found:   # a file like those found carries it as much (three equal guitars: all)
            found += [f for f in over_it[len(found):]
                      if shares[f] >= LIKE_A_CARRIER * shares[found[-1]]]
        if held < MOST_OF_EXCESS or len(found) == len(shares):
            return ()
        return tuple(f for f in shares if f in found)

    def parts_of(self, layer: str) -> tuple[str, ...]:
        """The loaded parts a layer stands for: the part itself, the kit's pieces for
        drums, every part but the vocals for instruments; empty when none is loaded."""
        if layer in self.tracks:
            return (layer,)
        if layer == "drums":
            return tuple(r for r in self.tracks if r in ("kick", "snare", "cymbals"))
        if layer == "instruments":
            return tuple(r for r in self.tracks if r not in ("vocal", "backing_vocals", "mix"))
        return ()


def resonances(track: TrackAnalysis, low_hz: float, high_hz: float,
               *, min_db: float = 1.0) -> tuple[tuple[float, float], ...]:
    """Peaks that stand above the spectrum's own 1-octave trend, strongest first."""
    db = track.spectrum_db
    kernel = np.ones(13) / 13.0
    trend = np.convolve(np.pad(db, 6, mode="edge"), kernel, mode="valid")
    excess = db - trend
    band = (track.spectrum_hz >= low_hz) & (track.spectrum_hz <= high_hz)
    idx = np.flatnonzero(band)
    if idx.size == 0:
        return ()
    local, _ = signal.find_peaks(excess[idx])
    peaks = [(float(track.spectrum_hz[idx[i]]), float(excess[idx[i]])) for i in local
             if excess[idx[i]] >= min_db]
    return tuple(sorted(peaks, key=lambda p: -p[1]))


def band_excess_db(hz: np.ndarray, db: np.ndarray, band: tuple[float, float],
                   fit: tuple[float, float], *,
                   skirts: tuple[float, float] | None = None) -> float:
    """Mean level of a smoothed spectrum inside `band` above a straight line (dB against
    octaves) fitted to the same spectrum over `fit`, outside the band (and outside its
    `skirts` when given): a local bump (mud at 150–400 Hz, edge at 3–7 kHz) measured
    against the part's own spectral trend, not against an absolute curve that differs from
    one instrument to the next."""
    inside = (hz >= band[0]) & (hz <= band[1])
    low, high = skirts or band
    around = (hz >= fit[0]) & (hz <= fit[1]) & ~((hz >= low) & (hz <= high))
    if inside.sum() == 0 or around.sum() < 2:
        return 0.0
    slope, offset = np.polyfit(np.log2(hz[around]), db[around], 1)
    return float(np.mean(db[inside] - (slope * np.log2(hz[inside]) + offset)))


LOW_MID_BAND_HZ = (150.0, 400.0)
LOW_MID_FIT_HZ = (50.0, 2000.0)
LOW_MID_SKIRTS_HZ = (110.0, 550.0)
"""Left out of the low-mid trend: a build-up spreads past the band (a Q-1 bell at 250 Hz is
still +3 dB at 150 and 400 Hz), and fitted on its own skirts the trend rose with it: +7 dB
at 250 Hz on bass, keys and guitars moved a sampled mix's figure 3.1–4.3 dB with the band
alone left out, 3.6–4.7 dB with the skirts left out too (bench/bench_faults.py songs)."""
PRESENCE_BAND_HZ = (3000.0, 7000.0)
"""Where a cymbal's edge is judged: across four General MIDI soundfonts' acoustic hats the
3–7 kHz excess spread 1.4 dB where the 2–8 kHz one spread 3.5 dB (their 2–3 kHz, stick and
bleed, varies most), and +8 dB at 5 kHz moved it 4.5–6.2 dB (bench/calibrate_tone.py)."""
PRESENCE_FIT_HZ = (1000.0, 16000.0)
_CYMBAL_FRAME_S = 0.012
_CYMBAL_FRAMES_KEPT = 0.15
"""Share of a drum part's short frames kept as 'cymbals alone': those where the highs
outweigh everything under 1 kHz the most (kick and snare bodies absent)."""
_CYMBAL_FRAMES_READ = 5000
"""At most this many frames (a minute's worth), evenly spread over the song, are read."""


def _cymbal_spectrum(samples: np.ndarray, rate: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The averaged spectrum of a drum part where its cymbals ring alone: in a whole kit
    the snare's and kick's 2–8 kHz hide the hats (+8 dB on the hats moved a kit's 2–8 kHz
    share by 0.5 dB), but in the 12 ms frames where highs dominate most the hats' own
    shape shows (kit and hats-only stem 0.5–0.8 dB apart with +8 dB on the hats, 0.5–2.3 dB
    clean)."""
    frames = 1 << int(np.round(np.log2(_CYMBAL_FRAME_S * rate)))
    count = samples.shape[1] // frames
    if count < 8:
        return None
    step = -(-count // _CYMBAL_FRAMES_READ)
    channels = samples[:, :count * frames].reshape(samples.shape[0], count, frames)[:, ::step]
    segments = channels.mean(axis=0, dtype=np.float32)
    spectra = scipy_fft.rfft(segments * hann(frames), axis=1)
    power = np.square(spectra.real) + np.square(spectra.imag)
    hz = np.fft.rfftfreq(frames, 1.0 / rate)
    low, high = power[:, hz < 1000].sum(axis=1), power[:, hz >= 2000].sum(axis=1)
    active = high > high.max() * 1e-3
    if active.sum() < 8:
        return None
    ratio = high / (low + high + 1e-30)
    kept = active & (ratio >= np.quantile(ratio[active], 1.0 - _CYMBAL_FRAMES_KEPT))
    return smoothed_db(hz, power[kept].mean(axis=0, dtype=np.float64))


def _harshness(role: str, track: TrackAnalysis, samples: np.ndarray | None,
               rate: int) -> Harshness:
    """A part's or one of its files' edge (`samples` are read only for a kit's)."""
    shape = (_cymbal_spectrum(samples, rate) if samples is not None and role in _KIT_ROLES
             else None) or (track.spectrum_hz, track.spectrum_db)
    return Harshness(track.band_share_db["presence"], resonances(track, 1500.0, 10000.0),
                     band_excess_db(*shape, PRESENCE_BAND_HZ, PRESENCE_FIT_HZ))


_KIT_ROLES = ("cymbals", "drums")


def _level_vs_rest(part: np.ndarray, rest: np.ndarray) -> float:
    """Stem against the rest over the blocks where the stem plays (within 20 dB of its max)."""
    with np.errstate(divide="ignore"):
        part_db = 10 * np.log10(part)
    active = (part_db > part_db.max() - _ACTIVE_RANGE_DB) & (part_db > SILENCE_LUFS)
    if not active.any() or rest[active].sum() <= 0:
        return float("inf") if active.any() else float("-inf")
    return float(10 * np.log10(part[active].mean() / rest[active].mean()))


def _groups(stems: StemSet, parts: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """What is measured against the rest: each part's files, and the layers that gather
    parts (drums is the whole kit even when one part is called drums; instruments)."""
    groups = dict(parts)
    roles = stems.parts
    drums = tuple(r for r in roles if r in DRUM_ROLES)
    if len(drums) > 1 or (drums and "drums" not in roles):
        groups["drums"] = tuple(s.name for s in stems.layer_stems("drums"))
    instruments = tuple(r for r in roles if r not in VOCAL_ROLES + ("mix",))
    if "instruments" not in roles and instruments and len(instruments) < len(roles):
        groups["instruments"] = tuple(s.name for s in stems.layer_stems("instruments"))
    return groups


def _kick_source(parts: Mapping[str, object]) -> str | None:
    if "bass" not in parts:
        return None
    return next((role for role in ("kick", "drums") if role in parts), None)


def _kick_bass_overlap(low_band: Mapping[str, np.ndarray],
                       kick_source: str | None) -> float | None:
    """Share of kick and bass low-band energy (per 20 ms) that the two have in common."""
    if kick_source is None:
        return None
    return shared_energy(low_band[kick_source], low_band["bass"])


def _band_energy(track: TrackAnalysis, low_hz: float, high_hz: float) -> float:
    band = (track.spectrum_hz >= low_hz) & (track.spectrum_hz < high_hz)
    return float((10 ** (track.spectrum_db[band] / 10)).sum())


def analyse_session(stems: StemSet, *,
                    reuse: tuple[StemSet, SessionAnalysis] | None = None) -> SessionAnalysis:
    """Everything measured between parts, each part being the sum of its files.

    Loudness figures carry no true peak (NaN): the mix is mastered, and mastering measures
    the true peak of what it is given. `reuse` is an earlier stem set and its analysis:
    files whose audio is the very same array keep their K-weighted energies, and when every
    file is either that or the old audio times a constant (moves that only changed levels),
    nothing is K-weighted again — the old energies are scaled. A part whose files all
    changed by one gain keeps its measurements, scaled; other parts and the mix are
    scanned for their spectra again.
    """
    rate = stems.sample_rate
    arrays = {s.name: s.samples for s in stems.stems}
    parts = {role: tuple(s.name for s in stems.part(role)) for role in stems.parts}
    groups = _groups(stems, parts)
    gains = _level_changes(stems, reuse) if reuse is not None else {}
    part_gains = _part_gains(parts, reuse[1].parts, gains) if reuse is not None else {}
    rescale = (reuse is not None and reuse[1].gram is not None and len(gains) == len(arrays)
               and len(reuse[1].gram.names) == len(arrays) and len(part_gains) == len(parts))
    several = len(arrays) > 1
    mix = {"mix": tuple(arrays)} if several else {}
    spread = {name: role for role, members in parts.items() if len(members) > 1
              for name in members}
    old_files = reuse[1].file_tracks if reuse is not None else {}
    kept = {name for name in spread if name in gains and name in old_files}
    kick_source = _kick_source(parts)
    low_parts = (kick_source, "bass") if kick_source is not None else ()
    sums = scan(arrays, rate, groups={**parts, **mix}, stereo=True,
                loudness=() if rescale else None,
                blocks=() if rescale else list(parts.values()),
                detailed=[r for r in parts if r not in part_gains] + list(mix)
                + [name for name in spread if name not in kept],
                low_band=[r for r in low_parts if r not in part_gains])
    gram = reuse[1].gram.scaled(gains) if rescale else sums.gram
    old = reuse[1] if reuse is not None else None
    low_power = {role: old.low_band_power[role] * part_gains[role] ** 2
                 if role in part_gains else sums.tracks[role].low_band_power
                 for role in low_parts}
    tracks = {role: _rescaled(old.tracks[role], part_gains[role]) if role in part_gains
              else _track(sums.tracks[role], gram.of(members), rate)
              for role, members in parts.items()}
    levels = {}
    if len(parts) > 1:
        for name, members in groups.items():
            levels[name] = _level_vs_rest(window_power(gram.of(members), rate, _BLOCK_S),
                                          window_power(gram.without(members), rate, _BLOCK_S))
    mix_track = (_track(sums.tracks["mix"], gram.total(), rate) if several
                 else tracks[stems.parts[0]])
    mix_low_mid = _band_energy(mix_track, 150.0, 400.0)
    shares = {role: _band_energy(t, 150.0, 400.0) / max(mix_low_mid, 1e-20)
              for role, t in tracks.items()}
    crowders = tuple(r for r, share in sorted(shares.items(), key=lambda kv: -kv[1])
                     if share > 0.2 and r != "mix" and len(parts) > 1)
    harsh = {role: reuse[1].harshness[role] if role in part_gains else
             _harshness(role, t, _part_audio(stems, role), rate)
             for role, t in tracks.items()}
    band_power = _band_powers(stems, old, part_gains)
    file_tracks = {name: _rescaled(old_files[name], gains[name]) if name in kept
                   else _track(sums.tracks[name], gram.of([name]), rate) for name in spread}
    file_harsh = {name: old.file_harshness[name] if name in kept else
                  _harshness(role, file_tracks[name], stems.get(name).samples, rate)
                  for name, role in spread.items()}
    return SessionAnalysis(
        sample_rate=rate, tracks=MappingProxyType(tracks), mix=mix_track,
        level_vs_rest_lu=MappingProxyType(levels),
        kick_bass_overlap=_kick_bass_overlap(low_power, kick_source), kick_source=kick_source,
        low_mid_crowders=crowders,
        low_mid_share=MappingProxyType(shares), harshness=MappingProxyType(harsh),
        gram=gram, low_band_power=MappingProxyType(low_power),
        band_power=MappingProxyType(band_power),
        parts=MappingProxyType(parts), **_file_levels(gram, rate),
        working_against=MappingProxyType(_working_against(stems, old, part_gains)),
        return_sources=old.return_sources if reuse is not None and _same_files(stems, reuse[0])
        else _return_sources(stems, band_power),
        file_tracks=MappingProxyType(file_tracks), file_harshness=MappingProxyType(file_harsh),
        copies=old.copies if reuse is not None and _same_files(stems, reuse[0])
        else _copies(stems, band_power),
    )


def _same_files(stems: StemSet, old: StemSet) -> bool:
    """The same sources under the same names and parts (processed or not)."""
    def files(s: StemSet) -> list:
        return [(stem.name, stem.role, stem.sources) for stem in s.stems]

    return files(stems) == files(old) and stems.frames == old.frames


def _return_sources(stems: StemSet,
                    band_power: Mapping[str, np.ndarray]) -> Mapping[str, tuple[str, ...]]:
    """Which dry parts each return follows (dsp.returns). Kept from an earlier analysis of
    the same files: a move changes a part's level or tone, never when it plays."""
    dry = {role: power for role, power in band_power.items() if role != RETURN}
    returns = stems.part(RETURN)
    if not dry or not returns:
        return MappingProxyType({})
    if len(returns) == 1:
        return MappingProxyType({returns[0].name: follows(band_power[RETURN], dry)})
    return MappingProxyType({stem.name: follows(band_frames(mid(stem.samples), stems.sample_rate),
                                                dry) for stem in returns})


def _copies(stems: StemSet, band_power: Mapping[str, np.ndarray]
            ) -> Mapping[tuple[str, str], tuple[Copy, ...]]:
    """Pairs of parts that hold one sound, one of them of several files, and which of their
    files do (a part's files measured one by one only for such a pair: a copy is rare, the
    measure is not cheap). Kept from an earlier analysis of the same files, as a move never
    makes two files one sound or sets them apart."""
    several = {role for role in band_power if len(stems.part(role)) > 1}
    pairs = [(a, b) for a, b in itertools.combinations(sorted(band_power), 2)
             if {a, b} & several
             and moving_together(band_power[a], band_power[b]) >= SAME_SOUND]
    frames = {}
    for role in sorted({role for pair in pairs for role in pair}):
        files = stems.part(role)
        frames |= ({files[0].name: band_power[role]} if len(files) == 1 else
                   {f.name: band_frames(mid(f.samples), stems.sample_rate) for f in files})
    return MappingProxyType({(a, b): copies(frames, [f.name for f in stems.part(a)],
                                            [f.name for f in stems.part(b)])
                             for a, b in pairs})


def _band_powers(stems: StemSet, old: SessionAnalysis | None,
                 part_gains: Mapping[str, float]) -> dict[str, np.ndarray]:
    """Each part's energy per 20 ms in the competing bands (dsp.overlap.band_frames), two
    parts at a time; a part that only changed level keeps its old figures, scaled. Empty
    for a lone part (a mix being mastered): there is no pair to measure."""
    def measure(role: str) -> np.ndarray:
        if role in part_gains:
            return old.band_power[role] * np.float32(part_gains[role] ** 2)
        return band_frames(_part_mono(stems, role), stems.sample_rate)

    if len(stems.parts) < 2:
        return {}
    with thread_pool(2) as pool:
        return dict(zip(stems.parts, pool.map(measure, stems.parts), strict=True))


def _working_against(stems: StemSet, old: SessionAnalysis | None,
                     part_gains: Mapping[str, float]) -> dict[str, tuple[str, float]]:
    """A part whose files all changed by one gain keeps its old finding: flipping a file
    gains the same against a sum scaled as a whole."""
    found = {}
    for role in stems.parts:
        if role in part_gains and old is not None:
            result = old.working_against.get(role)
        else:
            result = working_against(stems.part(role))
        if result is not None:
            found[role] = result
    return found


def _part_mono(stems: StemSet, role: str) -> np.ndarray:
    """A part's mid signal: the sum of its files' (dsp.scan.mid); a lone file's own, not
    added to a silent copy."""
    files = stems.part(role)
    if len(files) == 1:
        return mid(files[0].samples)
    total = np.zeros(stems.frames, dtype=np.float32)
    for stem in files:
        total += mid(stem.samples)
    return total


def _part_audio(stems: StemSet, role: str) -> np.ndarray | None:
    """A kit part's audio (the sum of its files) for the cymbal measure; None otherwise."""
    if role not in _KIT_ROLES:
        return None
    files = [s.samples for s in stems.part(role)]
    if len(files) == 1:
        return files[0]
    width = max(f.shape[0] for f in files)
    total = np.zeros((width, files[0].shape[1]), dtype=np.float32)
    for f in files:
        total += f
    return total


def _file_levels(gram: Gram, rate: int) -> dict[str, Mapping[str, float]]:
    lufs, versus = {}, {}
    for name in gram.names:
        own = gram.of([name])
        lufs[name] = integrated_from_hops(own, rate)
        if len(gram.names) > 1:
            versus[name] = _level_vs_rest(window_power(own, rate, _BLOCK_S),
                                          window_power(gram.without([name]), rate, _BLOCK_S))
    return {"file_lufs": MappingProxyType(lufs),
            "file_level_vs_rest_lu": MappingProxyType(versus)}


def _part_gains(parts: Mapping[str, tuple[str, ...]], old_parts: Mapping[str, tuple[str, ...]],
                gains: Mapping[str, float]) -> dict[str, float]:
    """For each part with the same files as before, all changed by one plain gain, that
    gain."""
    found = {}
    for role, members in parts.items():
        if old_parts.get(role) == members and all(m in gains for m in members):
            values = [gains[m] for m in members]
            if max(values) - min(values) <= 1e-6 * max(values):
                found[role] = values[0]
    return found


def _track(sums: TrackSums, hop_power: np.ndarray, rate: int) -> TrackAnalysis:
    return track_analysis(sums, rate, loudness_from_hops(hop_power, rate, peak=sums.peak))


def _level_changes(stems: StemSet,
                   reuse: tuple[StemSet, SessionAnalysis]) -> dict[str, float]:
    """For each file that is the earlier file's audio times a constant, that constant
    (1.0 for the very same array); files that changed otherwise are left out."""
    old_stems, old = reuse
    known = set(old.gram.names) if old.gram is not None else set()
    gains = {}
    for stem in stems.stems:
        previous = old_stems.get(stem.name)
        if previous is None or stem.name not in known or previous.role != stem.role:
            continue
        if previous.samples is stem.samples:
            gains[stem.name] = 1.0
        elif (gain := _plain_gain(previous.samples, stem.samples)) is not None:
            gains[stem.name] = gain
    return gains


_CHECK_FRAMES = 1 << 16


def _plain_gain(old: np.ndarray, new: np.ndarray) -> float | None:
    """g when new == g * old up to float32 rounding, else None.

    From three float64 dot products: the residual |new - g old|^2 = |new|^2 - <new,old>^2
    / |old|^2 is zero for a plain gain and large for any EQ, dynamics or edit."""
    if old.shape != new.shape:
        return None
    sums = np.zeros(3)
    for start in range(0, old.shape[1], _CHECK_FRAMES):
        a = old[:, start:start + _CHECK_FRAMES].astype(np.float64).ravel()
        b = new[:, start:start + _CHECK_FRAMES].astype(np.float64).ravel()
        sums += (np.dot(a, a), np.dot(b, b), np.dot(a, b))
    old_energy, new_energy, cross = sums
    if old_energy <= 0:
        return None
    gain = cross / old_energy
    residual = new_energy - cross * gain
    return float(gain) if gain > 0 and residual <= 1e-9 * new_energy else None


def _rescaled(track: TrackAnalysis, gain: float) -> TrackAnalysis:
    """The analysis of the same audio after a plain gain change: levels move, shapes stay."""
    gain_db = 20.0 * np.log10(gain)
    return replace(track, loudness=track.loudness.scaled(gain_db),
                   spectrum_db=track.spectrum_db + gain_db,
                   band_level_dbfs=MappingProxyType(
                       {band: level + gain_db for band, level in track.band_level_dbfs.items()}))
