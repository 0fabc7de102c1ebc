"""Recipes: turning a complaint and the measurements into moves with numbers.

Each recipe reads the analysis to size its moves (how far a part sits from its
typical range, where its low-mid energy sits, which frequency rings) and
scales them by severity. When the measurement does not back the complaint the
move stays small and the plan says so: the musician's ears win, but gently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from dsp.analysis import SMALL_SPEAKER_HZ
from dsp.carve import LEVEL_BUDGET_DB, Cut, carve
from dsp.check import DRUM_ROLES, RETURN, VOCAL_ROLES, against_words
from dsp.diagnosis import (
    FAR_UNDER_SMALL_SPEAKERS_DB,
    carve_rival,
    ducks_bass,
    low_mid_excess_db,
    overlap_label,
    reference_ranges,
    small_speaker_shortfall,
)
from dsp.level_goals import (
    LevelGoal,
    Nudge,
    drop_idle_levels,
    held_at_limit,
    hold_levels,
    hold_notes,
    idle_notes,
    measured_landing,
    measured_nudges,
    nudge_words,
    settle_levels,
)
from dsp.moves import MEASURED_GAIN_DB, SEVERITY_SCALE, FixRequest, Move, Note, Plan, signature
from dsp.mud_cuts import (
    CARRIES,
    explain_mud_cuts,
    finish_mud_cuts,
    low_mid_centre,
    mix_low_mid_excess_after,
    mud_cuts,
)
from dsp.overlap import Copy
from dsp.predict import (
    MIX,
    level_now,
    level_shift,
    move_target,
    weighted_spectra,
    weighted_spectrum,
)
from dsp.sized import Counting, Sized, counted_note, level_landing
from dsp.stem_analysis import (
    LOW_MID_BAND_HZ,
    PRESENCE_BAND_HZ,
    PRESENCE_FIT_HZ,
    Harshness,
    SessionAnalysis,
)
from dsp.targets import TARGETS
from dsp.wording import (
    hz,
    khz_band,
    listing,
    part_name,
    percent,
    rounded,
    signed,
    signed_range,
    the_part,
)

__all__ = ["plan_fixes"]

WIDE_ROLES = ("guitars", "keys", "fx", "backing_vocals")
_HOSTS = {"kick": ("drums", "instruments"), "snare": ("drums", "instruments"),
          "cymbals": ("drums", "instruments"), "backing_vocals": ("vocal",),
          "bass": ("instruments",), "keys": ("instruments",), "guitars": ("instruments",)}
_LOW_MID_HELPERS = ("bass", "keys", "guitars", "fx")
_UNSUPPORTED_MUD_CUT_DB = 3.0
"""The deepest mud cut when the mix's low mids measure inside their typical range."""
_MONO_BELOW_HZ = 150.0
"""The mono split passes half the level at its cutoff, so to clear the sides below 120 Hz
(what the analysis measures) it sits a third of an octave higher."""


class _Context:
    def __init__(self, request: FixRequest, analysis: SessionAnalysis, moves: list[Move],
                 named: frozenset[str], goals: list[LevelGoal],
                 names: Mapping[str, str], counting: Counting,
                 return_parts: Mapping[str, str], nudges: list[Nudge]) -> None:
        self.request = request
        self.analysis = analysis
        self.scale = SEVERITY_SCALE[request.severity]
        self.source = request.source
        self.moves = moves
        """The whole plan so far: every recipe adds to the same list."""
        self.notes: list[str] = []
        self.ranges = reference_ranges()
        self.named = named
        """Every part the user named with this same problem (each gets its own request)."""
        self.goals = goals
        """The level each sized gain move aims at: settled once the whole plan is known."""
        self.held_back = False
        """A move was kept small because the measurement doesn't back a bigger one."""
        self.limited: list[str] = []
        """Stems whose level move stops at MEASURED_GAIN_DB (one file's, never settled)."""
        self.names = names
        """Each part's name for people (see plan_fixes)."""
        self.counting = counting
        self.return_parts = return_parts
        """Each effects return's part as its file name says it (see plan_fixes)."""
        self.nudges = nudges
        """The plan's nudges, whose notes the measured plan says again (see Nudge)."""

    def the(self, role: str) -> str:
        """The part as a sentence names it: 'the lead vocal'."""
        return the_part(role, self.names)

    @property
    def layer(self) -> str:
        return self.request.layer

    def target(self, layer: str) -> str | None:
        return move_target(self.analysis, layer)

    def host(self, layer: str) -> str | None:
        """The loaded stem a part without its own stem lives in (hats in 'drums', backing
        vocals in 'vocal'), or None."""
        if self.analysis.parts_of(layer):
            return None
        return next((h for h in _HOSTS.get(layer, ()) if h in self.analysis.roles), None)

    def add(self, stem: str, op: str, reason: str, sized: Sized | None = None,
            **params: float | str) -> Move | None:
        """Plan a move, unless the very same move is already planned (two complaints that
        lead to one cut must not make it twice as deep); the move planned, or None."""
        if any(m.stem == stem and m.op == op and m.params == params for m in self.moves):
            return None
        self.moves.append(Move(stem, op, params, reason, self.source, sized))
        return self.moves[-1]


def _level(ctx: _Context, louder: bool, layer: str | None = None,
           file: str | None = None) -> None:
    """A level move on `layer` (default: the complaint's), or on one `file` of it (default:
    the file the complaint singled out), sized on where it measures against the rest."""
    layer = layer or ctx.layer
    stem = ctx.target(layer)
    one_file = file or (ctx.request.file if layer == ctx.layer else None)
    # a part with no stem of its own may still be one named file of another ('the
    # doubles' in the lead vocal's 'Lead Vox Dbl'): that file moves
    if stem is None and one_file not in ctx.analysis.file_level_vs_rest_lu:
        _stereo_only(ctx)
        return
    low, high = ctx.ranges["level_vs_rest_lu"].get(layer, (-9.0, -3.0))
    current = ctx.analysis.level_vs_rest_lu.get(layer)
    if one_file in ctx.analysis.file_level_vs_rest_lu:   # that file against everything else
        stem, layer = one_file, one_file
        current = ctx.analysis.file_level_vs_rest_lu[one_file]
    if current is None or not np.isfinite(current):
        if set(ctx.analysis.roles) == {stem}:
            ctx.notes.append(_lone_part_note(ctx.the(layer), louder))
            return
        ctx.add(stem, "gain", "no other stem to compare with: a modest step",
                gain_db=round((2.0 if louder else -2.0) * ctx.scale, 1))
        return
    centre = (low + high) / 2
    goal = centre + (ctx.scale - 1.0) * (high - low) / 2 * (1 if louder else -1)
    needed = goal - current
    if (needed > 0) == louder and abs(needed) >= 1.0:
        gain = float(np.clip(needed, -MEASURED_GAIN_DB, MEASURED_GAIN_DB))
        reason = (f"{ctx.the(layer)} measured {signed(current)} LU against the rest; typical "
                  f"{signed_range(low, high)} LU, so move it to about {signed(goal)} LU")
        if one_file is not None and file is None:   # settled with the plan's other moves
            # otherwise (a return of the named part, `file`, too)
            held = "".join(held_at_limit(needed, gain, current + gain))
            ctx.add(stem, "gain", reason + held, level_landing(), gain_db=round(gain, 1))
            if held:
                ctx.limited.append(stem)
            return
        move = ctx.add(stem, "gain", reason, gain_db=round(gain, 1))
        if move is not None:
            ctx.goals.append(LevelGoal(move, layer, goal, reason))
        return
    small = 1.0 * ctx.scale * (1 if louder else -1)
    reason = (f"{ctx.the(layer)} measured {signed(current)} LU against the rest already "
              f"(typical {signed_range(low, high)} LU): a small nudge only, to about "
              f"{signed(current + small)} LU")
    move = ctx.add(stem, "gain", reason, gain_db=round(small, 1))
    settled = move is not None and (one_file is None or file is not None)
    if settled:
        # a nudge is a step in the part's level against the rest, where it lands once the
        # plan's other moves have acted: lifting the vocal 7 dB left a keys "nudge up" of
        # 1 dB 1 LU lower against the rest than before
        ctx.goals.append(LevelGoal(move, layer, current + small, reason))
    opening = (f"The measurement doesn't back a big move on {ctx.the(layer)}, measured at "
               f"{signed(current)} LU against the rest, "
               f"{_where_level_sits(current, low, high, louder)}. ")
    note = nudge_words(opening, small, small)
    ctx.notes.append(note)
    ctx.nudges.append(Nudge(note, opening, layer, current, small))
    if settled:   # a step against the rest as it is once every move of the plan has acted
        ctx.counting[note] = (counted_note(note, then=", so the part may not land there."),
                              None)
    ctx.held_back = True


def _lone_part_note(part: str, louder: bool) -> str:
    """A level asked of the only part there is: mastering brings the whole song to its
    loudness target, so a gain on everything is undone there (a +2.0 dB 'modest step' on a
    lone vocal came out of `moozix fix` at the same -14 LUFS as without it)."""
    # the plan does not know the target in use: a number is only louder than the default
    default = TARGETS["streaming"].lufs
    way, target = ("louder", default + 2) if louder else ("quieter", default - 2)
    return (f"{part[0].upper()}{part[1:]} is the only part I have, so its level is the whole "
            "song's: mastering brings the song to its loudness target whatever that level "
            f"is, and a level move on it would be undone. To set {part} against the rest, give "
            f"me the other stems too; to make the whole song {way}, set a {way} loudness "
            f"target than the one in use (from the default {default:g} LUFS, say target "
            f"{target:g} in the chat, or give moozix fix --target {target:g}).")


def _where_level_sits(current: float, low: float, high: float, louder: bool) -> str:
    """Where a level sits that the asked move would not take further: inside its typical
    range, already past it the way the words ask, or within a step of the move's goal."""
    span = f"typical {signed_range(low, high)} LU"
    if low <= current <= high:
        return f"inside the {span}"
    if current > high and louder:
        return f"already over the {span}: louder than usual, not quieter"
    if current < low and not louder:
        return f"already under the {span}: quieter than usual, not louder"
    return f"within 1 LU of where the move would take it ({span})"


def _named_clean_of_mud(ctx: _Context, role: str, share: float, cut: float) -> float:
    """A named part that holds little of the mix's 150–400 Hz and whose own low mids
    measure typical for its kind: a gentle cut, and a note with what was measured (on the
    audit song 'the kick' got the full 6 dB beside '0% of it is in the kick', its own low
    mids -6.3 dB, inside the typical -10…-2 dB)."""
    typical = ctx.ranges["low_mid_excess_db"].get(role)
    own = low_mid_excess_db(ctx.analysis.tracks[role])
    gentle = _UNSUPPORTED_MUD_CUT_DB * ctx.scale
    if typical is None or own > typical[1] or cut <= gentle:
        return cut
    ctx.notes.append(f"The measurement doesn't back a deep cut on {ctx.the(role)}: it holds "
                     f"{percent(share)} of the mix's 150–400 Hz, and its own 150–400 Hz "
                     f"stands {signed(own)} dB over its trend, inside the typical "
                     f"{signed_range(*typical, 1)} dB. I kept it to {gentle:.1f} dB.")
    ctx.held_back = True
    return gentle


def _muddy(ctx: _Context) -> None:
    named = ctx.analysis.parts_of(ctx.layer) or tuple(filter(None, [ctx.host(ctx.layer)]))
    helpers = [r for r in _LOW_MID_HELPERS if r in ctx.analysis.roles and r not in named
               and r not in ctx.named and ctx.analysis.low_mid_share.get(r, 0.0) >= CARRIES]
    if not named and not helpers:
        _stereo_only(ctx)
        return
    if named:
        _note_host(ctx, named[0])
    low, high = ctx.ranges["low_mid_excess_db"]["mix"]
    build_up = low_mid_excess_db(ctx.analysis.mix)
    depth = float(np.clip(2.0 + 1.5 * (build_up - (low + high) / 2), 1.0, 6.0))
    supported = build_up > high
    if not supported:
        depth = min(depth, _UNSUPPORTED_MUD_CUT_DB)
    depth *= ctx.scale
    carried = listing([f"{ctx.the(r)} ({percent(ctx.analysis.low_mid_share[r])})"
                       for r in helpers])
    cut_too = ""
    if not named:
        cut_too = (f"There's no stem for {ctx.the(ctx.layer)} among your files, so I cut where "
                   f"the mix's 150–400 Hz energy measurably is: {carried}. Add a "
                   f"stem for {ctx.the(ctx.layer)} and I'll work on it too.")
    elif helpers:
        cut_too = (f"Besides {ctx.the(ctx.layer)}, the mix's 150–400 Hz energy is "
                   f"measurably in {carried} too, so I cut there as well.")
    if cut_too:   # says what was cut, not where anything lands
        ctx.notes.append(cut_too)
        ctx.counting[cut_too] = (counted_note(cut_too, then=".", counted="those cuts",
                                              says_apart=False), tuple(helpers))
    targets = list(dict.fromkeys([*named, *helpers]))
    for role in targets:
        share_of_mix = ctx.analysis.low_mid_share.get(role, 0.0)
        cut = depth
        if role in named and share_of_mix < CARRIES:
            cut = _named_clean_of_mud(ctx, role, share_of_mix, cut)
        why = (f"the mix's 150–400 Hz stands {signed(build_up)} dB against its own trend "
               f"(typical {signed_range(low, high, 1)}); {percent(share_of_mix)} of it is in "
               f"{ctx.the(role)}")
        for stem in _muddy_files(ctx, role) or (role,):
            centre = low_mid_centre(ctx.analysis, stem)
            held = "" if stem == role else f", its build-up in {stem}"
            ctx.add(stem, "bell", f"{why}{held}, centred near {centre:.0f} Hz",
                    freq_hz=round(centre), gain_db=-round(cut, 1), q=1.0)
    if not supported:
        ctx.notes.append(f"The mix's low mids stand {signed(build_up)} dB against its own "
                         f"trend, inside the typical {signed_range(low, high, 1)} dB, so the "
                         f"measurement doesn't call for deep cuts: I kept them to "
                         f"{depth:.1f} dB.")
        ctx.held_back = True


def _muddy_files(ctx: _Context, role: str) -> tuple[str, ...]:
    """The files of a part that carry its low-mid build-up (SessionAnalysis.carriers, each
    file's own 150–400 Hz over its trend against the top of the part's typical range), with
    a note naming them and those left; empty when the part is cut as a whole. A file the
    complaint singled out is cut whatever its siblings carry (plan_fixes moves the part's
    cut onto it)."""
    typical = ctx.ranges["low_mid_excess_db"].get(role)
    if typical is None or ctx.request.file in ctx.analysis.parts.get(role, ()):
        return ()
    own = {f: low_mid_excess_db(t) for f, t in ctx.analysis.file_tracks.items()}
    found = ctx.analysis.carriers(role, LOW_MID_BAND_HZ, own, typical[1])
    if found:
        _note_carriers(ctx, role, found, own, LOW_MID_BAND_HZ,
                       f"typical {signed_range(*typical, 1)} dB")
    return found


def _harsh(ctx: _Context) -> None:
    stem = ctx.target(ctx.layer)
    role = stem if stem in ctx.analysis.tracks else None
    host = ctx.host(ctx.layer) if stem is None else None
    if host is not None:
        _harsh_inside(ctx, host)
        return
    if stem is None:
        _stereo_only(ctx)
        return
    peaks = ctx.analysis.harshness[role].peaks if role else ()
    freq, excess = next(((f, d) for f, d in peaks if 2000 <= f <= 9000), (4500.0, 0.0))
    if ctx.layer in VOCAL_ROLES:
        reduction = float(np.clip(3.0 + excess, 3.0, 9.0)) * ctx.scale
        ctx.add(stem, "deess", f"sibilance and edge ring near {hz(freq)} "
                               f"({excess:.1f} dB above the surrounding spectrum)",
                freq_hz=round(freq), q=1.5, threshold_db=-30.0,
                max_reduction_db=round(reduction, 1))
        return
    if _harsh_against_typical(ctx, stem):
        return
    rings = {f: _ring_at(h.peaks, freq) for f, h in ctx.analysis.file_harshness.items()}
    ringing = ctx.analysis.carriers(stem, (freq / _RING_SPAN, freq * _RING_SPAN), rings,
                                    _RING_DB) if role else ()
    if ringing:
        _note_carriers(ctx, stem, ringing, rings, (freq / _RING_SPAN, freq * _RING_SPAN),
                       f"a ring counts from {_RING_DB:g} dB",
                       f"in the third of an octave around {hz(freq)}")
    presence = ctx.analysis.mix.band_share_db["presence"]
    p_low, p_high = ctx.ranges["mix"]["presence_share_db"]
    calm = presence <= (p_low + p_high) / 2
    cuts = {name: float(np.clip(2.0 + rings[name] if ringing else 2.0 + excess, 2.0, 9.0))
            * ctx.scale / (2 if calm else 1) for name in ringing or (stem,)}
    if calm:
        ctx.notes.append(f"The mix's 2–8 kHz share measures {presence:.1f} dB, on the calm side "
                         f"of the typical {p_low:g}…{p_high:g}: I halved the cut on "
                         + listing([f"{ctx.the(name)} to {cut:.1f} dB"
                                    for name, cut in cuts.items()]) + ".")
    for name, cut in cuts.items():
        ring = rings[name] if ringing else excess
        ctx.add(name, "bell", f"a ring near {hz(freq)} in {ctx.the(name)}, "
                              f"{ring:.1f} dB above the surrounding spectrum",
                freq_hz=round(freq), gain_db=-round(cut, 1), q=1.2)


_RING_SPAN = 2 ** (1 / 6)
"""A file's ring counts as the part's when its peak lies in the third of an octave
around the part's (this ratio either side)."""
_RING_DB = 1.0
"""A peak this far over the spectrum's own trend is a ring (resonances' min_db)."""


def _ring_at(peaks: Sequence[tuple[float, float]], freq: float) -> float:
    """How far a file's strongest peak within _RING_SPAN of `freq` stands over its trend."""
    return max((d for f, d in peaks if freq / _RING_SPAN <= f <= freq * _RING_SPAN),
               default=0.0)


_BAND_MEAN_PER_DB = 0.6
"""How much of a bell's gain (Q about 1, centred in 3–7 kHz) shows in the 3–7 kHz mean
against the 1–16 kHz trend (stem_analysis.PRESENCE_BAND_HZ): +8 dB at 5 kHz on hats raised
it 4.6–4.9 dB on generated hats and 4.7–6.2 dB on sampled ones."""


_DEEPEST_EDGE_CUT_DB = 9.0
"""The deepest cut on an edge far above its typical range (before `more`)."""
_GENTLE_HARSH_DB = 2.0
"""The deepest cut on an edge that measures inside its typical range."""


def _harsh_against_typical(ctx: _Context, stem: str, freq: float | None = None) -> bool:
    """A stem whose 3–7 kHz edge has a typical range (cymbals, a kit), judged where the
    cymbals ring: above the range, one cut at the peak sized to bring the edge back to its
    top; inside it, a gentle cut and a note with what was measured. The cut is a bell on
    the named part's own stem, a dynamic cut on a stem the part lives inside. A part of
    several files is cut on the files that carry its edge (SessionAnalysis.carriers), each
    sized on its own figure, the others left untouched and a note saying so; or on the one
    file the complaint singled out; as a whole only when its files don't differ."""
    typical = ctx.ranges["presence_excess_db"].get(stem)
    if typical is None or stem not in ctx.analysis.harshness:
        return False
    edges = {name: h.excess_db for name, h in ctx.analysis.file_harshness.items()}
    files = ctx.analysis.parts.get(stem, ())
    if ctx.request.file in files and ctx.request.file in edges:
        cut: tuple[str, ...] = (ctx.request.file,)
    else:
        cut = ctx.analysis.carriers(stem, PRESENCE_BAND_HZ, edges, typical[1])
        if cut:
            _note_carriers(ctx, stem, cut, edges, PRESENCE_BAND_HZ,
                           f"where the cymbals ring; typical "
                           f"{signed_range(*typical, 1)} dB")
    for name in cut or (stem,):
        harshness = ctx.analysis.file_harshness.get(name) or ctx.analysis.harshness[name]
        _edge_cut(ctx, stem, name, harshness, typical, freq)
    return True


def _edge_cut(ctx: _Context, stem: str, name: str, harshness: Harshness,
              typical: tuple[float, float], freq: float | None) -> None:
    """The cut on `name` (the stem, or one of its files) sized on its own edge."""
    low, high = typical
    edge = harshness.excess_db
    band_low, band_high = PRESENCE_BAND_HZ
    if freq is None or name != stem:
        # on the part's own stem the cut goes where its edge is measured (and where
        # _BAND_MEAN_PER_DB was calibrated): at the strongest ring inside 3–7 kHz, else the
        # band's middle. A ring at 2.9 kHz on the hats took the cut below the band and left
        # the edge at 2.7 -> 2.7 dB. Inside a kit's stem the caller picks a ring clear of
        # the snare's (on one of its files, the file's own ring from there up).
        floor = band_low if freq is None else freq
        freq = next((f for f, _ in harshness.peaks if floor <= f <= band_high),
                    freq or float(np.sqrt(band_low * band_high)))
    measured = (f"{khz_band(PRESENCE_BAND_HZ)} stands {signed(edge)} dB against the "
                f"{khz_band(PRESENCE_FIT_HZ)} trend of {ctx.the(name)} where the cymbals ring "
                f"(typical {signed_range(low, high, 1)} dB)")
    inside = stem != ctx.layer
    if edge > high:
        asked = (edge - high) / _BAND_MEAN_PER_DB
        depth = float(np.clip(asked, 3.0 if inside else 2.0, _DEEPEST_EDGE_CUT_DB))
        how = f"a cut near {hz(freq)} sized to bring it back to {signed(high)} dB"
        if asked > _DEEPEST_EDGE_CUT_DB:   # the edge stays above typical: say so, and
            how = (f"a cut near {hz(freq)}, held at {depth * ctx.scale:.1f} dB, the deepest "
                   "one measured cut makes here")   # where a static cut lands
            if not inside:
                lands = edge - depth * ctx.scale * _BAND_MEAN_PER_DB
                how += f", so it lands near {signed(lands)} dB"
    else:
        depth = _GENTLE_HARSH_DB
        how = f"just a gentle cut near {hz(freq)}"
        ctx.notes.append(f"The measurement doesn't back a deep cut on {ctx.the(ctx.layer)}: "
                         f"{measured}. I kept it to {depth * ctx.scale:.1f} dB.")
        ctx.held_back = True
    depth = round(depth * ctx.scale, 1)
    if inside:
        ctx.add(name, "deess", f"{ctx.the(ctx.layer)} inside the stem for {ctx.the(stem)}: "
                               f"{measured}; {how}, only while that band flares",
                freq_hz=round(freq), q=1.2, threshold_db=-36.0, max_reduction_db=depth)
    else:
        ctx.add(name, "bell", f"{measured}; {how}", freq_hz=round(freq), gain_db=-depth, q=1.2)


def _note_carriers(ctx: _Context, stem: str, cut: Sequence[str], excess: Mapping[str, float],
                   band_hz: tuple[float, float], typical: str, where: str = "") -> None:
    """Which files of a part carry what its band holds above the files' own trends
    (`excess`: each file's dB over its trend; `typical`: the range it is judged against;
    `where`: the band in words, by default its edges) and which were left as they are, with
    the figures that say so."""
    shares = ctx.analysis.excess_shares(stem, band_hz, excess)
    left = [f for f in ctx.analysis.parts[stem] if f not in cut]

    def figures(files: Sequence[str]) -> str:
        return listing([f"{f} {percent(shares[f])} ({signed(excess[f])} dB over its own "
                        "trend)" for f in files])

    ctx.notes.append(f"Of the energy the files of {ctx.the(stem)} hold "
                     f"{where or 'in ' + khz_band(band_hz)} "
                     f"above their own trends, {figures(cut)} "
                     f"{'holds' if len(cut) == 1 else 'hold'} the most, against "
                     f"{figures(left)} ({typical}). I cut "
                     f"{'that file' if len(cut) == 1 else 'those files'} alone and left "
                     f"{'the other' if len(left) == 1 else 'the others'} untouched.")


def _harsh_inside(ctx: _Context, host: str) -> None:
    """The named part lives inside a loaded stem (hats in the drums): a dynamic cut on that
    stem at the presence peak its spectrum shows, acting only while the band flares."""
    low_hz = 4000.0 if ctx.layer == "cymbals" else 2000.0
    peaks = ctx.analysis.harshness[host].peaks
    freq, excess = next(((f, d) for f, d in peaks if low_hz <= f <= 10000), (6000.0, 0.0))
    if ctx.layer != "cymbals" or not _harsh_against_typical(ctx, host, freq):
        reduction = float(np.clip(3.0 + excess, 3.0, 9.0)) * ctx.scale
        ctx.add(host, "deess", f"a ring near {hz(freq)} from {ctx.the(ctx.layer)} "
                               f"inside the stem for {ctx.the(host)}, {excess:.1f} dB above "
                               "that stem's own spectral trend: a dynamic cut there, only "
                               "while it flares",
                freq_hz=round(freq), q=1.2, threshold_db=-36.0,
                max_reduction_db=round(reduction, 1))
    _note_host(ctx, host)


def _note_host(ctx: _Context, stem: str) -> None:
    if stem != ctx.layer and ctx.host(ctx.layer) == stem:
        part, host = ctx.the(ctx.layer), ctx.the(stem)
        ctx.notes.append(f"There is no separate stem for {part}: the part plays inside the stem "
                         f"for {host}, so I worked there, in the band the measurement points "
                         "to; given a "
                         f"stem for {part}, I'd leave the rest of {host} alone.")


def _unsized(quality: str, spread: str) -> str:
    """Dull and thin are heard against the instrument's own nature, which no range we hold
    captures: clean sampled keys and guitars (FluidR3 and TimGM6mb, programs 0, 4, 16, 24,
    27, 30, 48) read -24…-77 dB of their energy above 8 kHz and -3…-27 dB in 60–150 Hz.
    The move is a first step sized by the words alone, and says so."""
    return (f"how {quality} a part should be depends on the instrument (clean sampled keys "
            f"and guitars spread over {spread}), so no measurement sizes it, only how "
            "strongly you put it")


def _dull(ctx: _Context) -> None:
    stem = ctx.target(ctx.layer) or MIX
    ctx.add(stem, "high_shelf",
            "a first step up top as you asked; " + _unsized("bright", "50 dB above 8 kHz"),
            cutoff_hz=6000.0, gain_db=round(3.0 * ctx.scale, 1))
    _note_if_stereo(ctx, stem)


def _thin(ctx: _Context) -> None:
    if _flip_against(ctx):
        return
    stem = ctx.target(ctx.layer) or MIX
    ctx.add(stem, "low_shelf",
            "a first step of body as you asked; " + _unsized("full", "24 dB in 60–150 Hz"),
            cutoff_hz=180.0, gain_db=round(3.0 * ctx.scale, 1))
    _note_if_stereo(ctx, stem)


def _flip_against(ctx: _Context) -> bool:
    """Flip each file of the complaint's parts that works against the others (a mic in
    reverse polarity): the body it cancels comes back by the measured amount, which no EQ
    move sizes. Whether any was flipped."""
    flipped = False
    for part in ctx.analysis.parts_of(ctx.layer) if ctx.layer != MIX else ():
        found = ctx.analysis.working_against.get(part)
        if found is not None:
            others = [n for n in ctx.analysis.parts[part] if n != found[0]]
            ctx.add(found[0], "polarity", against_words(found[0], others, ctx.the(part),
                                                        found[1]))
            flipped = True
    return flipped


def _weak(ctx: _Context) -> None:
    layer = ctx.layer if ctx.layer != MIX else "drums"
    _flip_against(ctx)
    if ctx.target(layer) is None:
        ctx.add(MIX, "transient", "brings the attack forward on the whole mix (gently: with no "
                                  f"stem for {ctx.the(layer)}, everything else gets it too)",
                attack_db=round(2.0 * ctx.scale, 1), sustain_db=0.0)
        _note_if_stereo(ctx, MIX)
        return
    _restore_attack(ctx, ctx.analysis.parts_of(layer))
    low, high = ctx.ranges["level_vs_rest_lu"].get(layer, (-6.0, 0.0))
    current = ctx.analysis.level_vs_rest_lu.get(layer)
    if current is not None and np.isfinite(current) and current < low:
        ctx.add(ctx.target(layer), "gain", f"{ctx.the(layer)} measured {signed(current)} LU "
                                           f"against the rest; typical "
                                           f"{signed_range(low, high)} LU",
                gain_db=round(float(np.clip((low + high) / 2 - current, 0, 10)), 1))


_ATTACK_PER_DB = 1.5
"""Transient-designer attack per dB of missing crest factor: the designer lifts only the
first milliseconds, so it takes about 1.5 dB of attack gain to win back 1 dB of crest
(measured on kick, snare and hats crushed at 20:1 with a 0.1 ms attack)."""


def _restore_attack(ctx: _Context, parts: Sequence[str]) -> None:
    """A transient move on each part sized by how far its crest factor (peak to RMS) sits
    under the typical range of uncompressed parts of its kind."""
    typical = ctx.ranges["crest_db"]
    calm = []
    for role in parts:
        low, high = typical.get(role, typical["drums"])
        crest = ctx.analysis.tracks[role].crest_db
        centre = (low + high) / 2
        if crest < low:
            attack = float(np.clip(_ATTACK_PER_DB * (centre - crest), 3.0, 12.0)) * ctx.scale
            ctx.add(role, "transient", f"the crest factor (peak to RMS) of {ctx.the(role)} "
                                       f"measured {crest:.1f} dB, under the {low:g}…{high:g} dB "
                                       "typical without compression: the hits have lost their "
                                       f"front edge; sized to bring it back toward {centre:g} dB",
                    attack_db=round(attack, 1), sustain_db=-1.0)
        else:
            calm.append(f"{ctx.the(role)} at {crest:.1f} dB, typical {low:g}…{high:g}")
            ctx.add(role, "transient", f"the crest factor of {ctx.the(role)}, {crest:.1f} dB, is "
                                       f"already typical ({low:g}…{high:g} dB): a small lift only",
                    attack_db=round(2.0 * ctx.scale, 1), sustain_db=0.0)
    if calm:
        ctx.notes.append("The hits measure as sharp as uncompressed drums usually are ("
                         + "; ".join(calm) + "), so I only lifted their attack a little.")


_WORDS_HZ = 2500.0
"""Where a lead's words live: the carve that makes room for them."""
_CARVE_DB = 2.5
"""A normal request's carve for a voice (mild 1.5, strong 3.5)."""
_CARVE_MOST_DB = 6.0
"""The deepest cut a normal request makes between two other parts (mild 3.6, strong 8.4)."""

def _masking(ctx: _Context) -> None:
    """Parts named as fighting. Kick and bass: the bass steps aside when the kick hits. A
    voice: the parts it fights make room where its words live. Two other parts: each is cut
    where the other leads it (dsp.carve), so each keeps a band of its own."""
    layer, named, analysis = ctx.layer, ctx.named, ctx.analysis
    if ducks_bass(layer, named, analysis):
        _duck_bass(ctx)
        return
    stem = ctx.target(layer)
    if stem is None:
        _stereo_only(ctx)
        return
    if layer not in VOCAL_ROLES and named & set(VOCAL_ROLES):
        return   # the voice's own request makes the room (below), once
    if layer in VOCAL_ROLES:
        rivals = [r for r in (ctx.target(n) for n in sorted(named - set(VOCAL_ROLES))) if r]
        rivals = rivals or [r for r in [ctx.target("instruments")] if r]
        if not rivals:
            ctx.notes.append(f"To unmask {ctx.the(layer)} I need the competing parts as stems.")
        for rival in rivals:
            ctx.add(rival, "bell", f"makes room for {ctx.the(layer)} at 2–3 kHz, where the "
                                   "words live",
                    freq_hz=_WORDS_HZ, gain_db=-round(_CARVE_DB * ctx.scale, 1), q=1.0)
        return
    rival = carve_rival(layer, named, analysis)
    voice = next((v for v in VOCAL_ROLES if v in analysis.tracks), None)
    if (rival is None or layer not in analysis.tracks) and voice is not None:
        # fighting no part named: most often the voice, the part a listener follows
        ctx.add(stem, "bell", f"makes room for {ctx.the(voice)} at 2–3 kHz, where the words "
                              "live", freq_hz=_WORDS_HZ,
                gain_db=-round(_CARVE_DB * ctx.scale, 1), q=1.0)
        return
    if rival is None or layer not in analysis.tracks:
        ctx.notes.append(f"Tell me which part fights with {ctx.the(layer)} (or give me its "
                         "stem), and I'll carve room between the two.")
        return
    _separate(ctx, stem, rival)


def _duck_bass(ctx: _Context) -> None:
    """The bass steps aside under 150 Hz whenever the kick hits; a kick inside the kit's
    stem is keyed by that stem's low end only, so hats and snare don't move the bass."""
    if any(m.op == "duck" for m in ctx.moves):
        return
    analysis = ctx.analysis
    source = analysis.kick_source
    overlap = analysis.kick_bass_overlap or 0.0
    depth = float(np.clip(3.0 + 6.0 * overlap, 3.0, 8.0)) * ctx.scale
    bass = ctx.the("bass")
    kick = ctx.the("kick") + ("" if source == "kick" else f" inside {ctx.the(source)}")
    low_end = ctx.the("kick") if source == "kick" else f"the low end of {ctx.the(source)}"
    key = {} if source == "kick" else {"key_hz": 150.0}
    ctx.add("bass", "duck", f"{low_end} and {bass} share {percent(overlap)} of their energy "
                            f"below 150 Hz: {bass} steps aside when {kick} hits",
            trigger=source, depth_db=round(depth, 1), cutoff_hz=150.0, attack_ms=2.0,
            release_ms=90.0, **key)


def _separate(ctx: _Context, stem: str, rival: str) -> None:
    """`ctx.layer` makes room for `rival` (dsp.carve): cut where the rival leads it and
    the two have most in common, as deep as its own level allows."""
    layer, analysis = ctx.layer, ctx.analysis
    pair = sorted((layer, rival))
    found = carve(tuple(analysis.band_power[r] for r in (layer, rival)),
                  tuple(weighted_spectrum(analysis, r) for r in (layer, rival)),
                  analysis.tracks[layer].spectrum_hz, analysis.sample_rate,
                  _CARVE_MOST_DB * ctx.scale)
    if found is None:
        ctx.notes.append(f"{ctx.the(pair[0]).capitalize()} and {ctx.the(pair[1])} have only "
                         f"{percent(analysis.overlap(layer, rival))} of their energy in common "
                         "(160 Hz–6.3 kHz, 20 ms at a time): they barely sit on each other, "
                         "so I carved nothing between them.")
        return
    if found.same_sound:
        ctx.notes.append(f"Where {ctx.the(pair[0])} and {ctx.the(pair[1])} meet they hold "
                         "the same sound: band by band their energy rises and falls together "
                         f"(correlation {found.together:.2f}, 160 Hz–6.3 kHz, 20 ms at a "
                         "time), so an EQ carve can't set them apart and I cut neither. "
                         + _copy_advice(ctx, tuple(pair)))
        return
    cut = found.cuts[0]
    if cut is None:
        ctx.notes.append(f"No cut that leaves {ctx.the(layer)} within "
                         f"{LEVEL_BUDGET_DB:g} dB of its level sets it further apart from "
                         f"{ctx.the(rival)}, so it stays as it was.")
        return
    label = overlap_label(layer, rival, ctx.names)
    ctx.add(stem, "bell", f"makes room for {ctx.the(rival)}: {_lead(ctx, rival, layer, cut)}; "
                          f"{hz(cut.reach[0])}–{hz(cut.reach[1])} holds {percent(cut.shared)} of "
                          "the energy the two have in common. The level of "
                          f"{ctx.the(layer)} {_level_change(cut.level_db)}, and this cut "
                          f"alone takes the {label} from {percent(found.overlap)} to "
                          f"about {percent(cut.overlap_after)}",
            freq_hz=cut.freq_hz, gain_db=cut.gain_db, q=cut.q)


def _copy_advice(ctx: _Context, pair: tuple[str, str]) -> str:
    """What to do about two parts that hold one sound, naming the files that do where the
    analysis found them file by file (SessionAnalysis.copies): 'Synth (keys) moves with
    Snare Bottom and Snare Top (snare), correlation 0.99: mute the copy, or turn one down.'"""
    found = ctx.analysis.copies.get(pair, ())
    if not found:
        return "If one holds a copy of the other, mute the copy; or turn one of them down."

    def side(files: tuple[str, ...], part: str) -> str:
        return f"{listing(files)} ({part_name(part, ctx.names)})"

    def figure(c: Copy) -> str:  # '0.99', or the range '0.92–0.97'
        return "–".join(dict.fromkeys(f"{v:.2f}" for v in c.together))

    said = "; ".join(f"{side(c.first, pair[0])} {'moves' if len(c.first) == 1 else 'move'} "
                     f"with {side(c.second, pair[1])} (correlation {figure(c)})"
                     for c in found)
    return f"File by file, {said}: mute the copy, or turn one of them down."


def _lead(ctx: _Context, rival: str, layer: str, cut: Cut) -> str:
    """How the two parts stand in the band the cut is centred on: a lead that rounds to
    nothing ('+0.0 dB') is said as the two being level there."""
    if rounded(cut.lead_db) == 0:
        return f"{ctx.the(rival)} and {ctx.the(layer)} are level at {hz(cut.freq_hz)}"
    return f"{ctx.the(rival)} against {ctx.the(layer)} at {hz(cut.freq_hz)}, " \
           f"{signed(cut.lead_db)} dB"


def _level_change(level_db: float) -> str:
    """'changes -0.6 dB', or 'barely changes (under 0.1 dB)' where that rounds to nothing."""
    if rounded(level_db) == 0:
        return "barely changes (under 0.1 dB)"
    return f"changes {signed(level_db)} dB"


_HARMONICS_SPLIT_HZ = 150.0
"""The low band the harmonics are made from: the fundamentals of bass notes and kicks."""
_SMALL_SPEAKER_LIFT_DB = 3.0
"""How far over the bottom of its typical range a normal request takes a low part's share
above SMALL_SPEAKER_HZ (mild 1.8, strong 4.2 dB)."""


def _small_speakers(ctx: _Context, role: str) -> None:
    """A low part named as vanishing on small speakers: whether enough of it lies where
    they play, and if not, upper harmonics of its own low end to carry it there."""
    low, high = ctx.ranges["small_speaker_share_db"][role]
    share = ctx.analysis.tracks[role].small_speaker_share_db
    where = (f"{signed(share)} dB of the energy of {ctx.the(role)} lies above "
             f"{SMALL_SPEAKER_HZ:.0f} Hz, where phone and laptop speakers start to play "
             f"(typical {signed_range(low, high)} dB)")
    if not small_speaker_shortfall(ctx.analysis, role):
        ctx.notes.append(f"Enough of {ctx.the(role)} reaches small speakers already: {where}, "
                         "so I added no harmonics.")
        return
    goal = low + _SMALL_SPEAKER_LIFT_DB * ctx.scale
    ctx.add(role, "harmonics", f"only {where}: harmonics of the part's own low end carry it there, "
                               f"lifting that share to about {signed(goal)} dB; the low end "
                               "itself stays as it was",
            split_hz=_HARMONICS_SPLIT_HZ, above_hz=SMALL_SPEAKER_HZ,
            lift_db=round(goal - share, 1))


def _mono(ctx: _Context) -> None:
    roles = [r for r in ctx.analysis.roles]
    candidates = ctx.analysis.parts_of(ctx.layer) if ctx.layer != MIX else tuple(roles)
    if ctx.layer != MIX and small_speaker_shortfall(ctx.analysis, ctx.layer) is not None:
        _small_speakers(ctx, ctx.layer)
    elif ctx.layer == MIX:   # the whole song on a phone: the low parts that are nearly all sub
        for role in candidates:
            if (small_speaker_shortfall(ctx.analysis, role) or 0.0) \
                    >= FAR_UNDER_SMALL_SPEAKERS_DB:
                _small_speakers(ctx, role)
    fixed = False
    for role in candidates:
        track = ctx.analysis.tracks[role]
        if track.correlation < -0.3:
            ctx.add(role, "phase_repair", f"the left and right of {ctx.the(role)} cancel each "
                                          f"other (correlation {signed(track.correlation, 2)}, "
                                          f"{track.mono_loss_db:.1f} dB lost in mono)",
                    mode="flip_right")
            fixed = True
        elif track.mono_loss_db > 3.0:
            ctx.add(role, "width", f"{track.mono_loss_db:.1f} dB of {ctx.the(role)} is lost in "
                                   "mono",
                    side_gain_db=-round(3.0 * ctx.scale, 1))
            fixed = True
    low, high = ctx.ranges["mix"]["side_low_db"]
    for role in candidates:
        side_low = ctx.analysis.tracks[role].side_low_db
        if side_low > high:
            ctx.add(role, "mono_below", f"side energy below 120 Hz in {ctx.the(role)} sits at "
                                        f"{side_low:.0f} dB of its level (a centred low end "
                                        f"stays under {high:g} dB); it cancels in mono, so "
                                        f"everything under {_MONO_BELOW_HZ:g} Hz goes to "
                                        "the centre", cutoff_hz=_MONO_BELOW_HZ)
            fixed = True
    if not fixed and ctx.layer == MIX:
        ctx.notes.append("Nothing measured collapses in mono (no stem loses more than 3 dB "
                         "when folded); I left the stereo image alone.")
    elif not fixed and candidates:
        losses = listing([f"{ctx.analysis.tracks[r].mono_loss_db + 0.0:.1f} dB of {ctx.the(r)}"
                          for r in candidates])
        ctx.notes.append(f"Folded to mono, {losses} {'is' if len(candidates) == 1 else 'are'} "
                         "lost, under the 3 dB where parts start to cancel: I left the stereo "
                         "image alone.")


_MONO_CORRELATION = 0.98
"""Above this left/right correlation a part is mono: it has no side signal to widen."""


def _narrow(ctx: _Context) -> None:
    targets = [r for r in WIDE_ROLES if r in ctx.analysis.roles]
    if ctx.layer not in (MIX,) and ctx.target(ctx.layer):
        targets = [ctx.target(ctx.layer)]
    for role in targets or [MIX]:
        track = ctx.analysis.tracks.get(role, ctx.analysis.mix if role == MIX else None)
        if track is not None and track.correlation > _MONO_CORRELATION:
            ctx.notes.append(f"There is no side signal to widen in {ctx.the(role)} (left/right "
                             f"correlation {track.correlation:.2f}: mono), so I left the width "
                             "alone. A double-tracked take, or a stereo version of the part, "
                             "is what would make it wide.")
            continue
        ctx.add(role, "width", "widens the side signal; the centre stays put",
                side_gain_db=round(3.0 * ctx.scale, 1))


def _reverb(ctx: _Context) -> None:
    if _set_returns(ctx, louder=False):
        return
    stem = ctx.target(ctx.layer) or MIX
    ctx.add(stem, "expand", "an expander pulls down the reverb tails between phrases",
            threshold_db=-40.0, ratio=round(1.5 + 0.5 * ctx.scale, 1), release_ms=80.0)
    where = ctx.the(ctx.layer) if stem != MIX else "the mix"
    # nothing measured says how much reverb there is: the note says what a file with no
    # return means, not that the reverb was found
    if RETURN in ctx.analysis.roles:
        example = f"{part_name(ctx.layer, ctx.names).title()} Verb"
        ctx.notes.append(f"{_none_of_its_own(ctx)} so I left them alone. Any reverb on "
                         f"{ctx.the(ctx.layer)} is printed into {where}: all I can honestly do "
                         "is pull its tails down between phrases (which also shortens the "
                         f"natural decay). Send {_whose(ctx, ctx.layer)} own reverb return, "
                         f"named for it (such as '{example}'), and I'll set its level by "
                         "measurement.")
        return
    ctx.notes.append(f"With no reverb return among your files, any reverb is printed into "
                     f"{where}, so all I can honestly do is pull its tails down between "
                     "phrases (which also shortens the natural decay). Send the dry stem and "
                     "its reverb return (or the reverb as its own 'fx' stem) and I'll set the "
                     "balance by measurement.")


def _dry(ctx: _Context) -> None:
    if _set_returns(ctx, louder=True):
        return
    stem = ctx.target(ctx.layer) or MIX
    ctx.add(stem, "reverb_send", "adds a short room so the part sits in a space",
            wet_db=round(-18.0 + 3.0 * (ctx.scale - 1), 1), room_size=0.35, predelay_ms=20.0)
    if RETURN in ctx.analysis.roles:
        ctx.notes.append(f"{_none_of_its_own(ctx)} so I left them alone and gave "
                         f"{ctx.the(ctx.layer)} a short room of its own.")
    _note_if_stereo(ctx, stem)


def _set_returns(ctx: _Context, louder: bool) -> bool:
    """A reverb complaint where effects returns are loaded: about the mix or the effects,
    the whole return part's level; about a part, the level of each return that is that
    part's (by its file name first, else by measurement: dsp.returns), with a note of which
    returns were and were not taken. False when none is the part's."""
    if RETURN not in ctx.analysis.roles:
        return False
    if ctx.layer in (MIX, RETURN):
        _level(ctx, louder=louder, layer=RETURN)
        return True
    own = [f for f, (part, _) in _return_owners(ctx).items() if _is_of(part, ctx.layer)]
    if not own:
        return False
    for file in own:
        _level(ctx, louder=louder, layer=RETURN, file=file)
    others = len(ctx.analysis.parts[RETURN]) > len(own)
    ctx.notes.append(f"{_owners_said(ctx, own)}: I {'raised' if louder else 'lowered'} "
                     f"{'it' if len(own) == 1 else 'those'}"
                     f"{' and left the other effects returns as they were' if others else ''}.")
    return True


def _return_owners(ctx: _Context) -> dict[str, tuple[str | None, str]]:
    """Each return file: the part it is of (None: no one part), and a clause saying so and
    how it is known — its file name (plan_fixes' `return_parts`), else by measurement
    (dsp.returns: its level rises and falls with the part's, band by band)."""
    owners: dict[str, tuple[str | None, str]] = {}
    for file in ctx.analysis.parts.get(RETURN, ()):
        named = ctx.return_parts.get(file)
        followed = ctx.analysis.return_sources.get(file, ())
        if named == RETURN:
            owners[file] = (None, f"{file} is an effect of its own (by its name)")
        elif named:
            owners[file] = (named, f"{file} is {_whose(ctx, named)} (by its name)")
        elif len(followed) == 1:
            owners[file] = (followed[0], f"{file} follows {ctx.the(followed[0])} (measured)")
        else:
            whom = listing([ctx.the(p) for p in followed]) + " alike" if followed else "no part"
            owners[file] = (None, f"{file} follows {whom} (measured)")
    return owners


def _whose(ctx: _Context, part: str) -> str:
    name = ctx.the(part)
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _is_of(part: str | None, layer: str) -> bool:
    """Whether a return of `part` belongs to a complaint about `layer`: its own, a kit
    piece's for the drums (and the kit's, a room mic, for a kit piece), any instrument's
    for the instruments."""
    if part is None:
        return False
    if part == layer or ("drums" in (part, layer) and {part, layer} <= set(DRUM_ROLES)):
        return True
    return layer == "instruments" and part not in VOCAL_ROLES


def _owners_said(ctx: _Context, files: Sequence[str]) -> str:
    owners = _return_owners(ctx)
    return listing([owners[f][1] for f in files])


def _none_of_its_own(ctx: _Context) -> str:
    """The note's opening when no return is the complaint's part's."""
    owners = _return_owners(ctx)
    return (f"None of your effects returns is {_whose(ctx, ctx.layer)}: "
            f"{_owners_said(ctx, list(owners))},")


def _inconsistent(ctx: _Context) -> None:
    stem = ctx.target(ctx.layer) or MIX
    role = stem if stem in ctx.analysis.tracks else next(iter(ctx.analysis.tracks))
    track = ctx.analysis.tracks[role]
    lra = track.loudness.loudness_range_lu
    threshold = track.loudness.integrated_lufs - 2.0
    ratio = float(np.clip(1.5 + lra / 6.0, 2.0, 5.0)) * ctx.scale
    ctx.add(stem, "compress", f"loudness range {lra:.1f} LU: levelling the loud and quiet "
                              "lines toward each other",
            threshold_db=round(threshold, 1), ratio=round(ratio, 1), attack_ms=15.0,
            release_ms=150.0, makeup_db=round(1.0 * ctx.scale, 1))


def _over_compressed(ctx: _Context) -> None:
    stem = ctx.target(ctx.layer)
    if stem is None:
        ctx.add(MIX, "transient", "restores some of the attack the compression took",
                attack_db=round(3.0 * ctx.scale, 1), sustain_db=-1.0)
        _note_if_stereo(ctx, MIX)
    else:
        _restore_attack(ctx, ctx.analysis.parts_of(ctx.layer))
    ctx.notes.append(f"Compression can't be undone: I brought back some attack on "
                     f"{ctx.the(ctx.layer)}, but an uncompressed export would be better.")


def _distorted(ctx: _Context) -> None:
    stem = ctx.target(ctx.layer) or MIX
    ctx.add(stem, "high_shelf", "softens the crackle a little above 8 kHz",
            cutoff_hz=8000.0, gain_db=-round(1.5 * ctx.scale, 1))
    ctx.notes.append(f"Whatever distortion is in {ctx.the(ctx.layer)} is printed into the file: "
                     "I can soften it, not remove it. Re-export it with the level lower if you "
                     "can.")


def _tonal(ctx: _Context) -> None:
    """Whole-song tone. Said which way ("the mix is muddy", "too harsh"), the move goes
    that way: sized from the measurement where it bears the words out, a gentle step with
    a sentence saying what was measured where it doesn't. Said no way, only what the
    measurement finds outside its typical range is moved."""
    mix = ctx.analysis.mix
    low, high = ctx.ranges["mix"]["tilt_db_per_octave"]
    tilt = mix.tilt_db_per_octave
    lm_low, lm_high = ctx.ranges["low_mid_excess_db"]["mix"]
    build_up, mud_words = _mix_build_up(ctx)
    tilt_words = f"the mix tilts {signed(tilt)} dB/octave"
    typical_tilt = f"typical {low:g}…{high:g}"
    tone = ctx.request.tone
    if tone in ("", "harsh") and tilt > high:
        ctx.add(MIX, "high_shelf", f"{tilt_words}, brighter than the {typical_tilt}",
                cutoff_hz=5000.0, gain_db=-round(min(tilt - high + 1.0, 4.0) * ctx.scale, 1))
    elif tone in ("", "dull") and tilt < low:
        ctx.add(MIX, "high_shelf", f"{tilt_words}, darker than the {typical_tilt}",
                cutoff_hz=5000.0, gain_db=round(min(low - tilt + 1.0, 4.0) * ctx.scale, 1))
    elif tone == "thin" and tilt > high:
        ctx.add(MIX, "low_shelf", f"{tilt_words}, brighter than the {typical_tilt}: the "
                                  "lows are short", cutoff_hz=150.0,
                gain_db=round(min(tilt - high + 1.0, 4.0) * ctx.scale, 1))
    if tone in ("", "muddy") and build_up > lm_high:
        ctx.add(MIX, "bell", mud_words, freq_hz=250.0,
                gain_db=-round(min(build_up - lm_high + 1.0, 4.0) * ctx.scale, 1), q=0.8)
    if any(m.source == ctx.source for m in ctx.moves):
        return
    if tone:
        _gentle_tone(ctx, tone, f"{tilt_words} ({typical_tilt})"
                     if tone != "muddy" else mud_words)
        return
    ctx.notes.append(f"The overall tone measures inside the typical range (tilt {signed(tilt)} "
                     "dB/octave); the mastering style can still warm or brighten it.")


_GENTLE_TONE_DB = 1.5
"""The whole-song tone move the measurement does not back: a step the ear can judge."""
_GENTLE_TONE = {"muddy": ("bell", "cut", "around 250 Hz", {"freq_hz": 250.0, "q": 0.8}, -1),
                "harsh": ("bell", "cut", "around 4 kHz", {"freq_hz": 4000.0, "q": 0.7}, -1),
                "dull": ("high_shelf", "lift", "above 8 kHz", {"cutoff_hz": 8000.0}, 1),
                "thin": ("low_shelf", "lift", "below 120 Hz", {"cutoff_hz": 120.0}, 1)}


def _mix_build_up(ctx: _Context) -> tuple[float, str]:
    """The mix's low-mid build-up a whole-song move is sized on, and words for it: once the
    plan's moves on the parts have acted (whole-song tone is planned after them), so a
    muddy mix the part cuts already clear gets no second cut on top."""
    low, high = ctx.ranges["low_mid_excess_db"]["mix"]
    measured = low_mid_excess_db(ctx.analysis.mix)
    words = f"the mix's 150–400 Hz stands {signed(measured)} dB against its own trend"
    typical = f"(typical {signed_range(low, high, 1)})"
    part_moves = [m for m in ctx.moves if m.stem != MIX]
    if part_moves:
        predicted = mix_low_mid_excess_after(ctx.analysis, part_moves)
        if abs(predicted - measured) >= 0.3:
            return predicted, (f"{words}, {signed(predicted)} dB once the moves on the parts "
                               f"act {typical}")
    return measured, f"{words} {typical}"


def _gentle_tone(ctx: _Context, tone: str, measured: str) -> None:
    op, verb, where, params, sign = _GENTLE_TONE[tone]
    gain = round(sign * _GENTLE_TONE_DB * ctx.scale, 1)
    ctx.add(MIX, op, f"{measured}: a gentle {verb} only", gain_db=gain, **params)
    ctx.notes.append(f"The measurement doesn't back a big tone move: {measured}. I made a "
                     f"gentle {abs(gain):.1f} dB {verb} {where}.")
    ctx.held_back = True


def _master_level(ctx: _Context) -> None:
    words = {"quiet_master": "Loudness is the mastering step's job: the master will be brought "
                             "to your target with true-peak-safe limiting.",
             "loud_master": "The master will be limited only as far as the target needs; "
                            "pick a quieter target (e.g. Apple Music −16) for more dynamics."}
    ctx.notes.append(words[ctx.request.problem])


def _stereo_only(ctx: _Context) -> None:
    """No stem for the part: do what a stereo file honestly allows, and say so."""
    layer, problem = ctx.layer, ctx.request.problem
    scale = ctx.scale
    moves_before, notes_before = len(ctx.moves), len(ctx.notes)
    if problem == "too_quiet" and layer in VOCAL_ROLES:
        ctx.add(MIX, "bell", "lifts the range where the words live (affects everything there)",
                freq_hz=2500.0, gain_db=round(2.0 * scale, 1), q=0.9)
        ctx.add(MIX, "bell", "thins the low mids that crowd the voice",
                freq_hz=300.0, gain_db=-round(1.0 * scale, 1), q=0.9)
    elif problem == "too_loud" and layer in VOCAL_ROLES:
        ctx.add(MIX, "bell", "dips the vocal range a little (affects everything there)",
                freq_hz=2500.0, gain_db=-round(1.5 * scale, 1), q=0.9)
    elif layer == MIX and problem in ("too_quiet", "too_loud"):
        ctx.notes.append("The whole song's loudness is set by the mastering target (say "
                         "`target` and a name or a LUFS figure); no mix move needed for it.")
    elif layer == MIX and problem == "masking":
        ctx.notes.append("Tell me which parts fight (e.g. 'the kick and bass fight') and I'll "
                         "measure and separate them; 'the mix' alone doesn't say which.")
    elif problem in ("too_quiet", "too_loud", "masking"):
        missing = (f"There's no stem for {ctx.the(layer)} among your files, so"
                   if _parts_loaded(ctx) else "With only the stereo mix,")
        host = ctx.host(layer) if problem != "masking" else None
        # the stem it plays in can still move, all of it: say how, in words that read back
        instead = (f", or say 'turn {ctx.the(host)} {'down' if problem == 'too_loud' else 'up'}'"
                   f" to move the whole {part_name(host, ctx.names)} stem it plays in"
                   if host else "")
        ctx.notes.append(f"{missing} I can't change the level of {ctx.the(layer)} on its own. "
                         f"Add a stem for {ctx.the(layer)} and I'll set it against the "
                         f"rest{instead}.")
    elif problem == "muddy":
        ctx.add(MIX, "bell", "a broad low-mid cut on the whole mix",
                freq_hz=250.0, gain_db=-round(2.5 * scale, 1), q=0.9)
    elif problem == "harsh":
        peaks = ctx.analysis.harshness[next(iter(ctx.analysis.tracks))].peaks
        freq = next((f for f, _ in peaks if 2000 <= f <= 9000), 4500.0)
        ctx.add(MIX, "deess", f"a dynamic cut near {hz(freq)} on the whole mix",
                freq_hz=round(freq), q=1.5, threshold_db=-30.0,
                max_reduction_db=round(3.0 * scale, 1))
    parts = _parts_loaded(ctx)
    if len(ctx.moves) == moves_before:
        if len(ctx.notes) == notes_before:
            missing = (f"There's no stem for {ctx.the(layer)} among your files" if parts
                       else "With only the stereo mix")
            ctx.notes.append(f"{missing}, I can't work on {ctx.the(layer)} apart from the rest. "
                             f"Add a stem for {ctx.the(layer)} and I'll work on that stem.")
        return
    if parts:
        loaded = ", ".join(part_name(r, ctx.names) for r in parts)
        ctx.notes.append(f"There's no stem for {ctx.the(layer)} among your files ({loaded}), so "
                         "this works on the whole mix and touches every part in the same range. "
                         f"Add a stem for {ctx.the(layer)} and I can fix that part alone.")
        return
    ctx.notes.append(f"You named {ctx.the(layer)}, but I only have the stereo mix: anything I "
                     f"do there touches every part in the same range. Give me a stem for "
                     f"{ctx.the(layer)} (and the rest as one 'instruments' stem) and I can fix "
                     "that part properly.")


def _parts_loaded(ctx: _Context) -> list[str]:
    return sorted(r for r in ctx.analysis.roles if r != MIX)


def _note_if_stereo(ctx: _Context, stem: str) -> None:
    if stem == MIX and ctx.layer != MIX:
        ctx.notes.append(f"Without a stem for {ctx.the(ctx.layer)} this move applies to the "
                         "whole mix.")


_RECIPES: dict[str, Callable[[_Context], None]] = {
    "too_quiet": lambda c: _level(c, louder=True),
    "too_loud": lambda c: _level(c, louder=False),
    "muddy": _muddy, "harsh": _harsh, "dull": _dull, "thin": _thin, "weak": _weak,
    "masking": _masking, "narrow": _narrow, "mono_collapse": _mono,
    "too_much_reverb": _reverb, "too_dry": _dry, "inconsistent": _inconsistent,
    "over_compressed": _over_compressed, "distorted": _distorted,
    "quiet_master": _master_level, "loud_master": _master_level, "tonal_balance": _tonal,
}
RECIPE_PROBLEMS = tuple(_RECIPES)
ONE_FOR_ALL_PARTS = frozenset({"muddy"})
"""Problems whose plan reaches every part that measurably carries them, whichever part was
named (the muddy recipe cuts the parts holding the band and the plan-wide finish the rest):
one complaint stands for all, so a diagnosis offers them once."""


def _onto_one_file(moves: list[Move], first: int, request: FixRequest,
                   ctx: _Context) -> None:
    """A complaint about one file of a part: the part's moves go to that file alone (a
    level move was already sized on the file itself)."""
    moved = False
    for i in range(first, len(moves)):
        if moves[i].stem == request.layer:
            moves[i] = replace(moves[i], stem=request.file)
            moved = True
    if moved:
        ctx.notes.append(f"You singled out {ctx.the(request.file)}: the moves for "
                         f"{ctx.the(request.layer)} go to that file only (sized on what the part "
                         "measures).")


def plan_fixes(requests: Sequence[FixRequest], analysis: SessionAnalysis, *,
               names: Mapping[str, str] | None = None,
               return_parts: Mapping[str, str] | None = None,
               measure: Callable[[Sequence[Move]], SessionAnalysis] | None = None,
               kept: Sequence[FixRequest] = ()) -> Plan:
    """The moves and notes for `requests`. `names`: each part's name for people
    (intents.LAYER_NAMES, from the caller), which every reason and note uses; without it,
    a part's id as a word. `return_parts`: for effects returns whose file name says whose
    they are ('Vox Verb': vocal; intents.effect_source, from the caller), that part, or
    RETURN for an effect sound of its own ('FX Riser'); a
    reverb complaint about a part moves only that part's returns (the others by
    measurement, SessionAnalysis.return_sources). `measure`: the analysis of the stems with
    some moves applied, as a render measures it (dsp.pipeline.Balance): where the
    plan says where a part lands (a nudge, a move the others made unnecessary), it says
    what that measures; without it, a prediction from the parts' spectra. `kept`: complaints
    fixed earlier (in a chat) whose moves are in the audio `analysis` measures: each level
    fix among them stays a goal of this plan, its part held where that audio has it
    (hold_levels), so a later complaint does not undo an earlier one."""
    names = names or {}
    return_parts = return_parts or {}
    moves: list[Move] = []
    notes: list[str] = []
    goals: list[LevelGoal] = []
    nudges: list[Nudge] = []
    counting: Counting = {}
    about: dict[str, set[tuple[str, str, str]]] = {}
    held: list[set[tuple[str, str, str]]] = []
    limited: list[str] = []
    for request in sorted(requests, key=lambda r: r.problem == "tonal_balance"):
        recipe = _RECIPES.get(request.problem)
        if recipe is None:
            notes.append(f"No recipe for {request.problem}: left alone.")
            continue
        ctx = _Context(request, analysis, moves,
                       frozenset(r.layer for r in requests if r.problem == request.problem),
                       goals, names, counting, return_parts, nudges)
        first = len(moves)
        recipe(ctx)
        if request.file is not None:
            _onto_one_file(moves, first, request, ctx)
        notes.extend(n for n in ctx.notes if n not in notes)
        for note in ctx.notes:
            about.setdefault(note, set()).update(signature(m) for m in moves[first:])
        if ctx.held_back:
            held.append({signature(m) for m in moves[first:]})
        limited += ctx.limited
    hold_levels(kept, requests, analysis, moves, goals, names)
    settled = settle_levels(analysis, goals, moves)
    mud = next((r for r in requests if r.problem == "muddy" and r.layer != MIX), None)
    if mud:
        # a mud cut lowers its part's level and a level move raises its low mids: twice
        # round, then the levels once more against the final cuts
        start = mix_low_mid_excess_after(analysis, moves)
        deepened = finish_mud_cuts(analysis, moves, mud.source)
        settle_levels(analysis, goals, moves)
        deepened = finish_mud_cuts(analysis, moves, mud.source) | deepened
        notes.extend(explain_mud_cuts(analysis, moves, start, deepened, names, counting))
        settled = settle_levels(analysis, goals, moves)
    measured = None
    if measure is not None and (nudges or any(g.holds or g.move.params["gain_db"] == 0.0
                                              for g in goals)):
        # where the plan says where a part lands, the levels settle on the audio measured
        for _ in range(2):   # once more if a hold yields on the audio: the others move
            yielded = sum(g.yields for g in goals)
            heard = measure(moves)
            then = {g.layer: float(g.move.params["gain_db"]) for g in goals}
            settled = settle_levels(analysis, goals, moves, heard)
            if sum(g.yields for g in goals) == yielded:
                break
        measured = measured_landing(heard, then, goals)
    # a hold no other move takes its part past is not needed, and no news
    idle = [goal for goal in drop_idle_levels(goals, moves) if not goal.holds]
    if measured is not None:
        measured_nudges(nudges, measured, notes, about, counting)
    notes.extend(idle_notes(analysis, measured, idle, moves, names, counting))
    # first: what stays of the earlier words, then this plan's own notes, the last of
    # which a held-back move's "say `more`" ends
    notes[:0] = hold_notes(analysis, measured, goals, moves, names, counting, about)
    notes.extend(_losing_ground(analysis, moves, {r.layer for r in requests}, names,
                                counting, measure))
    # a move kept small that the plan then took out (a nudge made idle) holds nothing back
    gentle = tuple(i for i, m in enumerate(moves) if any(signature(m) in kept for kept in held))
    return Plan(moves=_counted_moves(moves), notes=_counted_notes(analysis, notes, moves,
                                                                    counting, about),
                gentle=gentle, limited=tuple(dict.fromkeys([*limited, *settled])),
                idle=tuple(goal.move for goal in idle),
                held=tuple(g.move.source for g in goals if g.holds and not g.yields))


_LOSES_GROUND_LU = 2.0
"""A part the plan leaves alone that its moves take this far down against the rest, and
below its typical range, gets a note: lifting the drums and bass 3 dB each took the demo's
vocal 2.4 LU further under."""


def _losing_ground(analysis: SessionAnalysis, moves: Sequence[Move], named: set[str],
                   names: Mapping[str, str], counting: Counting,
                   measure: Callable[[Sequence[Move]], SessionAnalysis] | None) -> list[str]:
    """One note on the parts no complaint named and no move touches that the plan's moves
    take down against the rest by _LOSES_GROUND_LU or more and under their typical range
    (a vocal lifted leaves the others lower, as asked; the rhythm section lifted sinks the
    vocal), with the words that would lift each back. Found from the parts' spectra as the
    plan sizes its level moves; said as `measure` finds it on the audio when given (the
    spectra put the vocal of a generated song at -2.7 where the render measured -2.3). The
    effects returns are left out: they follow their sources."""
    typical = reference_ranges()["level_vs_rest_lu"]
    touched = {m.stem for m in moves}
    band_power = weighted_spectra(analysis)

    def sinks(role: str, shift: float) -> bool:
        return shift <= -_LOSES_GROUND_LU and role in typical \
            and level_now(analysis, role) + shift < typical[role][0]

    falls = []
    for role in analysis.roles:
        files = set(analysis.parts.get(role, ())) | {role}
        if role in named or role in (MIX, RETURN) or files & touched:
            continue
        shift = level_shift(analysis, role, moves, band_power)
        if sinks(role, shift):
            now = level_now(analysis, role)
            falls.append((role, now, now + shift))
    if falls and measure is not None:
        heard = measure(moves)
        falls = [(role, now, level_now(heard, role)) for role, now, _ in falls
                 if sinks(role, level_now(heard, role) - now)]
    if not falls:
        return []
    about = "" if measure is not None else "about "
    note = ("The plan's moves take " + listing([
        f"{the_part(role, names)} from {signed(now)} to {about}{signed(then)} LU"
        for role, now, then in falls]) + " against the rest. If "
        + ("it" if len(falls) == 1 else "one") + " should keep its place, say "
        + " or ".join(f"\"bring up {the_part(role, names)}\"" for role, _, _ in falls) + ".")
    counting[note] = (counted_note(note, then=", so the fall may be smaller."), None)
    return [note]


def _counted_moves(moves: Sequence[Move]) -> tuple[Move, ...]:
    """The plan's moves, each sized one counting on every other move (by its place in the
    plan, now the moves are final)."""
    return tuple(replace(m, sized=replace(m.sized, counts_on=tuple(
        i for i in range(len(moves)) if i != n))) if m.sized else m for n, m in enumerate(moves))


def _counted_notes(analysis: SessionAnalysis, notes: Sequence[str], moves: Sequence[Move],
                   counting: Counting,
                   about: Mapping[str, set[tuple[str, str, str]]]) -> tuple[Note, ...]:
    """The plan's notes, each counting one on every move of the plan or on the low-mid
    cuts it says were made, and each about the moves its request planned. A note about
    moves the plan itself then took out (a nudge the other moves made idle) is dropped: "I
    made a nudge" stood beside "that part gets no level move of its own"."""
    out = []
    for text in notes:
        on_moves = tuple(i for i, m in enumerate(moves) if signature(m) in about.get(text, ()))
        if about.get(text) and not on_moves:
            continue
        if text not in counting:
            out.append(Note(text, about=on_moves))
            continue
        sized, cuts = counting[text]
        on = range(len(moves)) if cuts is None else sorted(
            i for r in cuts for i in mud_cuts(analysis, moves, r))
        out.append(Note(text, replace(sized, counts_on=tuple(on)), on_moves))
    return tuple(out)
