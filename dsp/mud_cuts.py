"""The plan-wide finish of a muddy complaint: low-mid cuts deepened (or added) part by part
until the mix's 150–400 Hz, predicted once every move of the plan has acted, stands inside
its typical range, and the note that says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from dsp.diagnosis import low_mid_excess_db, reference_ranges, spectrum_low_mid_excess_db
from dsp.moves import Move
from dsp.predict import powers_after
from dsp.sized import Counting, counted_note, landing_cut
from dsp.stem_analysis import LOW_MID_BAND_HZ, SessionAnalysis
from dsp.wording import listing, signed, signed_range, the_part

__all__ = ["CARRIES", "explain_mud_cuts", "finish_mud_cuts", "low_mid_centre",
           "mix_low_mid_excess_after", "mud_cuts"]

CARRIES = 0.1
"""A part holding this share of the mix's 150–400 Hz energy joins a mud cut unnamed."""


def low_mid_centre(analysis: SessionAnalysis, stem: str) -> float:
    """Where a part's (or one of its files') 150–400 Hz energy is centred."""
    track = analysis.tracks.get(stem) or analysis.file_tracks[stem]
    band = (track.spectrum_hz >= 150) & (track.spectrum_hz <= 400)
    power = 10 ** (track.spectrum_db[band] / 10)
    centre = np.exp(np.sum(np.log(track.spectrum_hz[band]) * power) / max(power.sum(), 1e-20))
    return float(np.clip(centre, 180.0, 350.0))


_MUD_STEP_DB = 0.5
_MAX_MUD_CUT_DB = 6.0


def _is_mud_cut(move: Move, stem: str) -> bool:
    return (move.stem == stem and move.op == "bell" and float(move.params["gain_db"]) < 0
            and LOW_MID_BAND_HZ[0] <= float(move.params["freq_hz"]) <= LOW_MID_BAND_HZ[1])


def _low_mid_after(analysis: SessionAnalysis, moves: Sequence[Move]) -> dict[str, np.ndarray]:
    """Each part's spectral power once the plan's gains and static EQ have acted."""
    spectra = {r: 10 ** (analysis.tracks[r].spectrum_db / 10) for r in analysis.roles}
    return powers_after(analysis, moves, spectra)


def _excess(freqs: np.ndarray, power: np.ndarray) -> float:
    return spectrum_low_mid_excess_db(freqs, 10 * np.log10(np.maximum(power, 1e-30)))


def mix_low_mid_excess_after(analysis: SessionAnalysis, moves: Sequence[Move]) -> float:
    """How far the mix's 150–400 Hz stands over its trend once `moves` have acted (dB),
    predicted from the parts' spectra."""
    return _excess(analysis.mix.spectrum_hz, sum(_low_mid_after(analysis, moves).values()))


def finish_mud_cuts(analysis: SessionAnalysis, moves: list[Move],
                     source: str) -> dict[str, float]:
    """Deepen or add low-mid cuts until the mix's 150–400 Hz, predicted once every move of
    the plan has acted, stands inside its typical range. A level lift brings the lifted
    part's own low mids up with it, and a part nobody named can hold most of the band:
    sized part by part, a muddy plan left the demo's mix at +4.9 dB (typical up to +2.5).
    Only parts whose own low mids measured over the top of their typical range
    (reference_ranges.toml) are cut, back towards the middle of that range: a part that
    measures typical for its kind is left alone. Each step goes to the part furthest over
    its typical top, among those carrying a real share of the band. Returns each
    part cut further, with its own low-mid figure when the first step went to it."""
    ranges = reference_ranges()["low_mid_excess_db"]
    high = ranges["mix"][1]
    freqs = analysis.mix.spectrum_hz
    band = (freqs >= LOW_MID_BAND_HZ[0]) & (freqs <= LOW_MID_BAND_HZ[1])
    typical = {r: ranges.get(r, ranges["mix"]) for r in analysis.roles}
    faulted = {r for r in analysis.roles
               if low_mid_excess_db(analysis.tracks[r]) > typical[r][1]}
    deepened: dict[str, float] = {}
    while True:
        after = _low_mid_after(analysis, moves)
        if _excess(freqs, sum(after.values())) <= high:
            break
        in_band = sum(p[band].sum() for p in after.values())
        depth = {r: _mud_depth(analysis, moves, r) for r in after}
        candidates = [(_excess(freqs, p), r) for r, p in after.items()
                      if p[band].sum() >= CARRIES * in_band
                      and depth[r] + _MUD_STEP_DB <= _MAX_MUD_CUT_DB]
        over = [(own - typical[r][1], own, r) for own, r in candidates
                if r in faulted and own > sum(typical[r]) / 2]
        if not over:
            break
        _, own, role = max(over)
        indexes = mud_cuts(analysis, moves, role)
        if not indexes:
            moves.append(Move(role, "bell", {"freq_hz": round(low_mid_centre(analysis, role)),
                                              "gain_db": 0.0, "q": 1.0}, "", source))
            indexes = [len(moves) - 1]
        for index in indexes:
            move = moves[index]
            moves[index] = replace(move, params={
                **move.params, "gain_db": round(float(move.params["gain_db"]) - _MUD_STEP_DB,
                                                1)})
        deepened.setdefault(role, own)
    return deepened


def mud_cuts(analysis: SessionAnalysis, moves: Sequence[Move], role: str) -> list[int]:
    """Where the low-mid cuts on `role` are in the plan: the first on the part, or on each
    of its files that carries the build-up (_muddy_files)."""
    first: dict[str, int] = {}
    for i, m in enumerate(moves):
        if m.stem in (role, *analysis.parts.get(role, ())) and _is_mud_cut(m, m.stem):
            first.setdefault(m.stem, i)
    return sorted(first.values())


def _mud_depth(analysis: SessionAnalysis, moves: Sequence[Move], role: str) -> float:
    """How deep the low mids of `role` are cut: its part's cuts, or its deepest file's."""
    return max((-sum(float(m.params["gain_db"]) for m in moves if _is_mud_cut(m, stem))
                for stem in (role, *analysis.parts.get(role, ()))), default=0.0)


def explain_mud_cuts(analysis: SessionAnalysis, moves: list[Move], start: float,
                      deepened: dict[str, float], names: Mapping[str, str],
                      counting: Counting) -> list[str]:
    """Say why each part's low-mid cut went further than its own recipe sized it, and what
    the plan predicts for the mix. A cut the plan added that ended under 1 dB is dropped:
    it changes nothing anyone hears."""
    low, high = reference_ranges()["low_mid_excess_db"]["mix"]
    for role, own in list(deepened.items()):
        indexes = mud_cuts(analysis, moves, role)
        added = moves[indexes[0]]   # one cut on the part, the only kind the plan adds
        if not added.reason and float(added.params["gain_db"]) > -1.0:
            del moves[indexes[0]], deepened[role]
            continue
        lands, sized = landing_cut(signed_range(low, high, 1))
        why = (f"{lands} (the low mids of {the_part(role, names)} stand {signed(own)} dB over "
               "the part's own trend)")
        for index in indexes:
            move = moves[index]
            reason = f"{move.reason}; deepened {why}" if move.reason else f"a low-mid cut {why}"
            moves[index] = replace(move, reason=reason, sized=sized)
    if not deepened:
        return []
    predicted = mix_low_mid_excess_after(analysis, moves)
    parts = listing([the_part(r, names) for r in deepened])
    cut = (f"With every move in, the mix's 150–400 Hz would still have stood {signed(start)} dB "
           f"over its trend, so I cut the low mids of {parts} further")
    note = (f"{cut} (predicted after: {signed(predicted)} dB; typical "
            f"{signed_range(low, high, 1)}).")
    if predicted > high:
        deepest = [r for r in analysis.roles
                   if _mud_depth(analysis, moves, r) > _MAX_MUD_CUT_DB - _MUD_STEP_DB]
        if deepest:
            note += (f" I cut {listing([the_part(r, names) for r in deepest])} as deep as I "
                     f"go here ({_MAX_MUD_CUT_DB:g} dB); the rest")
        else:
            note += " The rest"
        note += (" is in parts I left alone, whose own low mids measure typical for their "
                 "kind or hold little of the band.")
    # the prediction counts on every move; what was cut stays true without some of them
    counting[note] = (counted_note(note, kept=f"{cut}.", then=", so the mix may not land where "
                                                              "this plan predicted."), None)
    return [note]

