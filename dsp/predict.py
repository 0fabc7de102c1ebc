"""Where a plan's moves put each part: the stem a move on a part goes to, and what gains
and static EQ do to the parts' spectra and to a part's level against the rest, predicted
from the parts' long-term spectra (before any audio is rendered).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import signal

from dsp.meter import k_weighting_sections
from dsp.moves import Move
from dsp.processing import equaliser_sections
from dsp.stem_analysis import SessionAnalysis

__all__ = ["MIX", "level_now", "level_shift", "move_target", "powers_after",
           "weighted_spectrum", "weighted_spectra"]

MIX = "mix"


def move_target(analysis: SessionAnalysis, layer: str) -> str | None:
    """The stem (or layer group) a move on `layer` goes to, or None if it is missing."""
    stems = analysis.parts_of(layer)
    if not stems:
        return None
    return layer if len(stems) > 1 or layer in stems else stems[0]


def weighted_spectrum(analysis: SessionAnalysis, role: str) -> np.ndarray:
    """A part's K-weighted power in each 1/6-octave band of its spectrum (the mean bin
    power times the band's width, which grows with its centre)."""
    track = analysis.tracks[role]
    _, response = signal.sosfreqz(k_weighting_sections(analysis.sample_rate),
                                  worN=track.spectrum_hz, fs=analysis.sample_rate)
    return 10 ** (track.spectrum_db / 10) * track.spectrum_hz * np.abs(response) ** 2


def _power_gain(move: Move, freqs: np.ndarray, rate: int) -> np.ndarray | None:
    if move.op == "gain":
        return np.full(freqs.shape, 10 ** (float(move.params["gain_db"]) / 10))
    sections = equaliser_sections(move, rate)
    if sections is None:
        return None
    _, response = signal.sosfreqz(sections, worN=freqs, fs=rate)
    return np.abs(response) ** 2


def weighted_spectra(analysis: SessionAnalysis) -> dict[str, np.ndarray]:
    """Every part's weighted_spectrum, the form level_shift takes."""
    return {role: weighted_spectrum(analysis, role) for role in analysis.roles}


def powers_after(analysis: SessionAnalysis, moves: Sequence[Move],
                  power: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each part's spectral power (`power`, on the parts' common spectrum bins) once the
    gains and static EQ in `moves` have acted. A move on the mix acts on every part, an EQ
    move on one file of a part on the file's share of it (a file's level move is sized on
    the file's own level, not its part's); dynamic moves are taken as level- and
    tone-neutral (most restore their input)."""
    rate = analysis.sample_rate
    after = dict(power)
    for move in moves:
        for role in analysis.parts_of(move.stem) or (tuple(after) if move.stem == MIX else ()):
            gain = _power_gain(move, analysis.tracks[role].spectrum_hz, rate)
            if gain is not None:
                after[role] = after[role] * gain
        if move.stem in analysis.file_tracks and move.op != "gain":
            role, share = _file_share(analysis, move.stem)
            gain = _power_gain(move, analysis.tracks[role].spectrum_hz, rate)
            if gain is not None and role in after:
                after[role] = after[role] * (1.0 + share * (gain - 1.0))
    return after


def _file_share(analysis: SessionAnalysis, file: str) -> tuple[str, np.ndarray]:
    """A file's part, and the file's share of the part's power in each spectrum bin (the
    files' powers taken as adding up): what an EQ move on the file does to the part."""
    role = next(r for r, files in analysis.parts.items() if file in files)
    powers = [10 ** (analysis.file_tracks[f].spectrum_db / 10) for f in analysis.parts[role]]
    return role, 10 ** (analysis.file_tracks[file].spectrum_db / 10) / np.maximum(
        sum(powers), 1e-30)


def level_shift(analysis: SessionAnalysis, layer: str, moves: Sequence[Move],
                 band_power: dict[str, np.ndarray]) -> float:
    """How far gains and static EQ in `moves` move a layer's level against the rest (LU),
    predicted from each part's long-term spectrum (`band_power`, see weighted_spectrum)."""
    after = powers_after(analysis, moves, band_power)

    def change_db(roles: Sequence[str]) -> float:
        was = sum(band_power[r].sum() for r in roles)
        return float(10 * np.log10(sum(after[r].sum() for r in roles) / was)) if was > 0 \
            else 0.0

    own = analysis.parts_of(layer)
    if not own:   # one file: its part's moves act on it, and the rest is every other part
        own = tuple(r for r, files in analysis.parts.items() if layer in files)
    rest = [r for r in analysis.roles if r not in own]
    return change_db(own) - change_db(rest) if own and rest else 0.0


def level_now(analysis: SessionAnalysis, layer: str) -> float:
    """A part's or layer's level against the rest, or one file's (a return of a part)."""
    if layer in analysis.level_vs_rest_lu:
        return analysis.level_vs_rest_lu[layer]
    return analysis.file_level_vs_rest_lu[layer]

