"""Turning measurements into findings a musician can read, each with its evidence."""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import numpy as np

from dsp.analysis import SMALL_SPEAKER_HZ, TrackAnalysis
from dsp.carve import BARELY
from dsp.check import VOCAL_ROLES
from dsp.stem_analysis import (
    LOW_MID_BAND_HZ,
    LOW_MID_FIT_HZ,
    LOW_MID_SKIRTS_HZ,
    PRESENCE_BAND_HZ,
    PRESENCE_FIT_HZ,
    SessionAnalysis,
    band_excess_db,
)
from dsp.wording import khz_band, part_name, percent, signed, signed_range, the_part

__all__ = ["FAR_UNDER_SMALL_SPEAKERS_DB", "KICK_BASS_MASKING", "Finding", "Measure",
           "carve_rival", "complaint_measures", "diagnose", "ducks_bass", "fighting_measured",
           "is_song", "joined", "low_mid_excess_db", "overlap_label", "reference_ranges",
           "small_speaker_shortfall", "spectrum_low_mid_excess_db"]


@dataclass(frozen=True)
class Finding:
    layer: str
    problem: str
    severity: str
    evidence: str
    measured: float
    reference: tuple[float, float]
    source: str
    also: tuple[str, ...] = ()
    """Other parts this finding stands for (see joined); `layer`, `measured`, `reference`
    and `evidence` are the first part's."""
    also_evidence: str = ""
    """The other parts' own figures, each clause once: said where a line has room (`moozix
    analyze`), not in the chat, where every part's ran to 13 lines at 80x24."""

    @property
    def every_figure(self) -> str:
        """The evidence with the other parts' own figures."""
        return "; ".join(e for e in (self.evidence, self.also_evidence) if e)


def joined(findings: Sequence[Finding]) -> Finding:
    """One finding for several parts with one problem (a low-mid build-up that one plan cuts
    on every part): the first's part, severity, figure and evidence (for a build-up, the
    mix's figure the parts share beside the first's own), the others in `also` and their
    own clauses, each once, in `also_evidence`."""
    first, *rest = findings
    said = set(first.evidence.split("; "))
    clauses = dict.fromkeys(c for f in rest for c in f.evidence.split("; ") if c not in said)
    return replace(first, also=tuple(f.layer for f in rest), also_evidence="; ".join(clauses))


@lru_cache(maxsize=1)
def reference_ranges() -> dict:
    text = resources.files("dsp").joinpath("data/reference_ranges.toml").read_text("utf-8")
    return tomllib.loads(text)


def low_mid_excess_db(track: TrackAnalysis) -> float:
    """150–400 Hz against the track's own trend over 50 Hz–2 kHz (fitted away from the band's
    skirts): how a mix's or a part's low mids build up (reference_ranges.toml
    [low_mid_excess_db])."""
    return spectrum_low_mid_excess_db(track.spectrum_hz, track.spectrum_db)


def spectrum_low_mid_excess_db(hz: np.ndarray, db: np.ndarray) -> float:
    """low_mid_excess_db of any smoothed spectrum (a predicted one, say)."""
    return band_excess_db(hz, db, LOW_MID_BAND_HZ, LOW_MID_FIT_HZ, skirts=LOW_MID_SKIRTS_HZ)


@dataclass(frozen=True)
class Measure:
    """The measurement of record for a complaint: what sized its moves, and what a
    before/after row shows, measured again on the rendered audio."""
    label: str
    value: float
    unit: str
    typical: tuple[float, float] | None
    signed: bool = False
    """A value relative to something (a part against the rest, a band over its trend),
    printed with its sign either way: '+8.5 LU'."""


_BAND_WORDS = {"low_mid": "150–400 Hz share", "presence": "2–8 kHz share",
               "air": "8–20 kHz share", "low": "60–150 Hz share"}
_TONE_BAND = {"muddy": "low_mid", "boomy": "low", "harsh": "presence", "dull": "air",
              "thin": "low"}


_KICKS = frozenset({"kick", "drums"})


def _duck_pair(named: Collection[str]) -> frozenset[str]:
    """Kick (or the kit) and bass named as fighting are a pair of their own ("the guitars
    and keys fight, and the kick and bass don't gel")."""
    named = frozenset(named)
    return named & _KICKS | {"bass"} if "bass" in named and named & _KICKS else frozenset()


def ducks_bass(layer: str, named: Collection[str], analysis: SessionAnalysis) -> bool:
    """Whether `layer`, named with `named` as fighting, is answered by the bass stepping
    aside when the kick hits: the kick/bass pair, or the kick or the bass named alone."""
    alone = set(named) == {layer} and layer in ("kick", "bass")
    return (layer in _duck_pair(named) or alone) and analysis.kick_source is not None


KICK_BASS_MASKING = 0.5
"""A kick/bass overlap over this is a finding of its own (diagnose)."""


def fighting_measured(layer: str, named: Collection[str], analysis: SessionAnalysis) -> bool:
    """Whether `layer`, named with `named` as fighting, measurably sits on the parts it
    fights: the kick/bass pair by its overlap below 150 Hz (over KICK_BASS_MASKING, as
    diagnose finds it), any other pair by its shared energy in the competing bands (at least
    dsp.carve.BARELY, the share a carve acts on)."""
    if ducks_bass(layer, named, analysis):
        return (analysis.kick_bass_overlap or 0.0) > KICK_BASS_MASKING
    return layer in analysis.band_power and any(
        analysis.overlap(layer, other) >= BARELY
        for other in _fought(layer, named, analysis) if other in analysis.band_power)


def carve_rival(layer: str, named: Collection[str], analysis: SessionAnalysis) -> str | None:
    """The loaded part a part named as fighting makes room for: the first other part named
    outside the kick/bass pair (or in it, when there is no other); None if none is loaded."""
    others = set(named) - {layer}
    rivals = sorted(others - _duck_pair(named)) or sorted(others)
    return next((n for n in rivals if n in analysis.tracks), None)


def _fought(layer: str, named: Sequence[str], analysis: SessionAnalysis) -> tuple[str, ...]:
    """The parts `layer`'s masking carve sets it apart from (see dsp.recipes._masking): a
    voice's rivals make room for it; another part makes room for its carve_rival, or for
    the voice when it names none. Empty for the kick/bass pair and when a voice is named
    along (the voice's complaint carries the pair)."""
    voices = [v for v in VOCAL_ROLES if v in named]
    if layer in VOCAL_ROLES:
        return tuple(n for n in sorted(set(named) - set(VOCAL_ROLES)) if n in analysis.tracks)
    if voices or ducks_bass(layer, named, analysis):
        return ()
    rival = carve_rival(layer, named, analysis) or next(
        (v for v in VOCAL_ROLES if v in analysis.tracks), None)
    return (rival,) if rival is not None else ()


def complaint_measures(layer: str, problem: str, analysis: SessionAnalysis, *,
                       names: Mapping[str, str] | None = None,
                       fighting: Sequence[str] = (),
                       returns: Sequence[str] = (),
                       files: Sequence[str] = ()) -> tuple[Measure, ...]:
    """The figures a complaint about `layer` is judged by, each with its typical range
    where there is one (reference_ranges.toml). Call it on the analysis before and after
    a render for a before/after row; empty when nothing measurable stands for it. Labels
    name each part by `names` (intents.LAYER_NAMES, from the caller), as the chat does.
    `fighting`: every part named as fighting (masking) with `layer`. `returns`: the
    effects return files a reverb complaint about a part moved (its own: dsp.recipes), each
    measured against the rest; with none, only a complaint about the whole song or the
    effects has a return to measure. `files`: files of a part a tone complaint's moves cut
    on their own (those that carry the part's tone, or one singled out), each measured as
    its part is, after the part's own figure."""
    names = names or {}
    ranges = reference_ranges()
    levels = analysis.level_vs_rest_lu
    if problem in ("too_quiet", "too_loud") and layer in levels:
        return (Measure(f"{part_name(layer, names)} vs rest", levels[layer], "LU",
                        _pair(ranges["level_vs_rest_lu"].get(layer)), signed=True),)
    if problem in ("too_much_reverb", "too_dry"):
        typical = _pair(ranges["level_vs_rest_lu"]["fx"])
        if returns:
            return tuple(Measure(f"{file} vs rest", analysis.file_level_vs_rest_lu[file], "LU",
                                 typical, signed=True)
                         for file in returns if file in analysis.file_level_vs_rest_lu)
        if layer in ("mix", "fx") and "fx" in levels:
            return (Measure("reverb return vs rest", levels["fx"], "LU", typical,
                            signed=True),)
        return ()
    if problem in ("weak", "over_compressed"):
        parts = analysis.parts_of("drums" if layer == "mix" else layer)
        return tuple(Measure(f"{part_name(part, names)} crest factor",
                             analysis.tracks[part].crest_db, "dB",
                             _pair(ranges["crest_db"].get(part, ranges["crest_db"]["drums"])))
                     for part in parts)
    if problem == "muddy":
        return (Measure("mix 150–400 Hz over its trend", low_mid_excess_db(analysis.mix),
                        "dB", _pair(ranges["low_mid_excess_db"]["mix"]), signed=True),
                ) + _build_up_measures(layer, analysis, ranges, names) + tuple(
                    Measure(f"{file} 150–400 Hz over its own trend",
                            low_mid_excess_db(analysis.file_tracks[file]), "dB",
                            _pair(ranges["low_mid_excess_db"].get(_part_of(analysis, file))),
                            signed=True)
                    for file in files if file in analysis.file_tracks)
    if problem == "harsh" and (edges := _edge_measures(layer, analysis, ranges, names)):
        over = f"{khz_band(PRESENCE_BAND_HZ)} over its {khz_band(PRESENCE_FIT_HZ)} trend"
        return edges + tuple(
            Measure(f"{file} {over}", analysis.file_harshness[file].excess_db, "dB",
                    _pair(ranges["presence_excess_db"].get(_part_of(analysis, file))),
                    signed=True)
            for file in files if file in analysis.file_harshness)
    if problem in _TONE_BAND:
        return _band_measures(layer, problem, analysis, ranges, names)
    if problem == "mono_collapse":
        # each part's low side energy too: the figure its 'mono below' move is sized on,
        # which the whole mix's mono loss hardly shows (a pad's centred lows moved the mix's
        # 0.2 -> 0.2 dB while its part's went -17 -> -39 dB)
        sides = tuple(Measure(f"{part_name(part, names)} side energy below 120 Hz",
                              analysis.tracks[part].side_low_db, "dB",
                              _pair(ranges["mix"]["side_low_db"]))
                      for part in (analysis.parts_of(layer) if layer != "mix" else ())
                      if part in analysis.tracks)
        mono = (Measure("mix mono loss", analysis.mix.mono_loss_db, "dB",
                        _pair(ranges["mix"]["mono_loss_db"])),) + sides
        small = ranges["small_speaker_share_db"]
        if layer not in small or layer not in analysis.tracks:
            return mono
        return (Measure(f"{part_name(layer, names)} share above {SMALL_SPEAKER_HZ:.0f} Hz",
                        analysis.tracks[layer].small_speaker_share_db, "dB",
                        _pair(small[layer])),) + mono
    if problem == "masking":
        return _overlap_measures(layer, fighting or (layer,), analysis, names)
    if problem == "tonal_balance":
        return (Measure("mix tilt", analysis.mix.tilt_db_per_octave, "dB/oct",
                        _pair(ranges["mix"]["tilt_db_per_octave"]), signed=True),)
    return ()


def _overlap_measures(layer: str, fighting: Sequence[str], analysis: SessionAnalysis,
                      names: Mapping[str, str]) -> tuple[Measure, ...]:
    """How much the parts a masking complaint sets apart sit on each other: the kick/bass
    overlap for the pair the bass ducks for, each carved pair's otherwise."""
    if ducks_bass(layer, fighting, analysis):
        return (Measure(analysis.overlap_label, 100 * analysis.kick_bass_overlap, "%",
                        (0.0, 50.0)),)
    if layer not in analysis.band_power:
        return ()
    return tuple(Measure(overlap_label(layer, other, names),
                         100 * analysis.overlap(layer, other), "%", None)
                 for other in _fought(layer, fighting, analysis))


def overlap_label(part: str, other: str, names: Mapping[str, str]) -> str:
    """A carved pair's overlap as every face names it, the same whichever part is asked
    about: a voice first (the others make room for it), then by part ('bass/keys overlap',
    'lead vocal/guitars overlap'). The plan's reason and the row once named one pair two
    ways ('bass/keys' beside 'keys/bass')."""
    a, b = sorted((part, other), key=lambda p: (p not in VOCAL_ROLES, p))
    return f"{part_name(a, names)}/{part_name(b, names)} overlap"


def _band_measures(layer: str, problem: str, analysis: SessionAnalysis,
                   ranges: dict, names: Mapping[str, str]) -> tuple[Measure, ...]:
    band = _TONE_BAND[problem]
    if layer == "mix" or not analysis.parts_of(layer):
        return (Measure(f"mix {_BAND_WORDS[band]}", analysis.mix.band_share_db[band], "dB",
                        _pair(ranges["mix"].get(f"{band}_share_db"))),)
    return tuple(Measure(f"{part_name(part, names)} {_BAND_WORDS[band]}",
                         analysis.tracks[part].band_share_db[band], "dB", None)
                 for part in analysis.parts_of(layer))


def _build_up_measures(layer: str, analysis: SessionAnalysis, ranges: dict,
                       names: Mapping[str, str]) -> tuple[Measure, ...]:
    """Each named part's own 150–400 Hz over its trend, against every clean part of its
    kind (the figure a muddy finding judges it by); a part of a kind with no such range
    shows its 150–400 Hz share."""
    typical = ranges["low_mid_excess_db"]
    parts = analysis.parts_of(layer) if layer != "mix" else ()
    if not parts:
        return _band_measures(layer, "muddy", analysis, ranges, names)
    return tuple(Measure(f"{part_name(part, names)} 150–400 Hz over its own trend",
                         low_mid_excess_db(analysis.tracks[part]), "dB", _pair(typical[part]),
                         signed=True)
                 if part in typical else
                 Measure(f"{part_name(part, names)} {_BAND_WORDS['low_mid']}",
                         analysis.tracks[part].band_share_db["low_mid"], "dB", None)
                 for part in parts)


def _edge_measures(layer: str, analysis: SessionAnalysis, ranges: dict,
                   names: Mapping[str, str]) -> tuple[Measure, ...]:
    """The cymbal edge that sized a harsh cut (recipes._harsh_beyond_typical) and that a
    harsh finding reports: for each named kit part with a typical range, or for the kit
    stem the named cymbals live in."""
    typical = ranges["presence_excess_db"]
    parts = analysis.parts_of(layer) or (
        ("drums",) if layer == "cymbals" and "drums" in analysis.tracks else ())
    over = f"{khz_band(PRESENCE_BAND_HZ)} over its {khz_band(PRESENCE_FIT_HZ)} trend"
    return tuple(Measure(f"{part_name(part, names)} {over}",
                         analysis.harshness[part].excess_db, "dB", _pair(typical[part]),
                         signed=True)
                 for part in parts if part in typical and part in analysis.harshness)


def _part_of(analysis: SessionAnalysis, file: str) -> str | None:
    return next((part for part, files in analysis.parts.items() if file in files), None)


def _pair(values) -> tuple[float, float] | None:
    return (float(values[0]), float(values[1])) if values is not None else None


def _severity(distance: float) -> str:
    return "strong" if distance > 6 else "normal" if distance > 3 else "mild"


def is_song(analysis: SessionAnalysis) -> bool:
    """Whether the parts loaded make a song to judge as one: anything besides voices."""
    return any(role not in VOCAL_ROLES for role in analysis.roles)


def diagnose(analysis: SessionAnalysis, *,
             names: Mapping[str, str] | None = None) -> tuple[Finding, ...]:
    """What stands outside its typical range, worst first, each with its evidence in words.
    `names`: each part's name for people (intents.LAYER_NAMES, from the caller), which the
    evidence uses; without it, a part's id as a word. Voices alone are no song: their
    levels against each other and their sum's tone have no typical range (a lead vocal,
    its double and a backing vocal read as a mix tilting +3.5 dB/octave, "too bright"), so
    only what each part shows on its own is judged."""
    names = names or {}
    ranges = reference_ranges()
    source = ranges["source"]
    findings = []
    song = is_song(analysis)
    for layer, level in analysis.level_vs_rest_lu.items() if song else ():
        low, high = ranges["level_vs_rest_lu"].get(layer, (None, None))
        mirror = layer == "instruments" and "vocal" in analysis.level_vs_rest_lu
        if low is None or mirror or not abs(level) < 90:
            continue
        where = (f"the reverb return sits {signed(level)} LU against the dry parts where they "
                 "play" if layer == "fx" else
                 f"{the_part(layer, names)} measured {signed(level)} LU against the rest")
        evidence = f"{where}; typical {signed_range(low, high)} LU"
        if level < low - 1.0 and layer == "fx":
            # a quiet return is a drier mix, a matter of taste more than a fault: it never
            # leads the findings
            findings.append(Finding(layer, "too_dry", "mild", evidence, level, (low, high),
                                    source))
        elif level < low - 1.0:
            findings.append(Finding(layer, "too_quiet", _severity(low - level), evidence,
                                    level, (low, high), source))
        elif level > high + 1.0:
            problem = "too_much_reverb" if layer == "fx" else "too_loud"
            findings.append(Finding(layer, problem, _severity(level - high), evidence,
                                    level, (low, high), source))
    for role, track in analysis.tracks.items():
        if role not in ranges["crest_db"]:
            continue
        low, high = ranges["crest_db"][role]
        if track.crest_db < low - 1.0:
            findings.append(Finding(role, "over_compressed", _severity(low - track.crest_db),
                                    f"the crest factor (peak to RMS) of "
                                    f"{the_part(role, names)} measured {track.crest_db:.1f} dB; "
                                    f"{low:g}…{high:g} dB is typical without compression: the "
                                    "hits are squashed",
                                    track.crest_db, (low, high),
                                    source))
    mix = analysis.mix
    checks = (
        ("mono_loss_db", mix.mono_loss_db, "mono_collapse",
         "the mix loses {v:.1f} dB when folded to mono", "dB"),
        ("tilt_db_per_octave", mix.tilt_db_per_octave, "tonal_balance",
         "the mix's spectrum tilts {v:+.1f} dB per octave", "dB per octave"),
        ("side_low_db", mix.side_low_db, "mono_collapse",
         "the sides carry {v:.0f} dB of the mix's energy below 120 Hz", "dB"),
    )
    for key, value, problem, words, unit in checks if song else ():
        low, high = ranges["mix"][key]
        if value > high + 0.5 or (key == "tilt_db_per_octave" and value < low - 0.5):
            distance = value - high if value > high else low - value
            findings.append(Finding("mix", problem, _severity(distance * 2),
                                    words.format(v=value) + f"; typical {low:g}…{high:g} {unit}",
                                    value, (low, high), source))
    if song:
        findings += _muddy(analysis, ranges, names)
        findings += _harsh(analysis, ranges, names)
    for role, track in analysis.tracks.items():
        if role != "mix" and track.mono_loss_db > 6.0:
            findings.append(Finding(role, "mono_collapse", "strong",
                                    f"{track.mono_loss_db:.1f} dB of {the_part(role, names)} is "
                                    f"lost in mono (correlation {signed(track.correlation, 2)})",
                                    track.mono_loss_db, (0.0, 1.5), source))
    findings += _small_speakers(analysis, ranges, names)
    if analysis.kick_bass_overlap is not None \
            and analysis.kick_bass_overlap > KICK_BASS_MASKING:
        findings.append(Finding("bass", "masking", "normal",
                                f"{the_part(analysis.kick_source or 'kick', names)} and "
                                f"{the_part('bass', names)} "
                                f"share {percent(analysis.kick_bass_overlap)} of their energy "
                                "below 150 Hz", analysis.kick_bass_overlap,
                                (0.0, 0.5), source))
    return tuple(sorted(findings, key=_rank))


FAR_UNDER_SMALL_SPEAKERS_DB = 6.0
"""A low part this far under its typical share above SMALL_SPEAKER_HZ is nearly all sub
(a sine 808 reads 20 dB under the bass programs' span): it is raised unasked, and a
complaint about the whole mix on small speakers works on it."""


def small_speaker_shortfall(analysis: SessionAnalysis, role: str) -> float | None:
    """How far a low part's share above SMALL_SPEAKER_HZ falls under its typical range, in
    dB (0 inside it); None for a part with no such range."""
    typical = reference_ranges()["small_speaker_share_db"].get(role)
    if typical is None or role not in analysis.tracks:
        return None
    return max(typical[0] - analysis.tracks[role].small_speaker_share_db, 0.0)


def _small_speakers(analysis: SessionAnalysis, ranges: dict,
                    names: Mapping[str, str]) -> list[Finding]:
    findings = []
    for role, (low, high) in ranges["small_speaker_share_db"].items():
        shortfall = small_speaker_shortfall(analysis, role)
        if shortfall is None or shortfall < FAR_UNDER_SMALL_SPEAKERS_DB:
            continue
        share = analysis.tracks[role].small_speaker_share_db
        findings.append(Finding(role, "mono_collapse", _severity(shortfall),
                                f"only {signed(share)} dB of the energy of "
                                f"{the_part(role, names)} "
                                f"lies above {SMALL_SPEAKER_HZ:.0f} Hz, where phone and laptop "
                                f"speakers start to play (typical {signed_range(low, high)} "
                                "dB): it all but vanishes on them",
                                share, (low, high), ranges["source"]))
    return findings


_CARRIES = 0.1
"""A part holding this share of the mix's 150–400 Hz energy is named in a build-up."""
_HEARD = 0.03
"""A part's own build-up counts only when it holds this share of the mix's 150–400 Hz: a
quieter part's mud is not heard in the mix."""
_OWN_LOW_MIDS = ("vocal", "backing_vocals", "kick", "snare", "cymbals", "drums")
"""Parts whose body lives in the low mids (a voice's fundamentals, a snare's shell): named
in a build-up only when no other part carries a share of it (the demo's +6 dB on bass and
keys left its raised vocal holding 46% of the mix's low mids)."""


def _muddy(analysis: SessionAnalysis, ranges: dict,
           names: Mapping[str, str]) -> list[Finding]:
    """Low-mid build-up, judged on the mix and on each part (150–400 Hz against the track's
    own trend over 50 Hz–2 kHz). The mix's figure varies little between clean songs, but
    moves little when parts that own the band (a vocal's fundamentals, a snare's shell) hold
    most of it; a part's own figure moves by the whole build-up, but clean instruments of one
    kind spread over 11–30 dB. So the evidence adds up: how far the mix stands over its
    typical range, plus how far each part that is heard in the band stands over everything
    clean of its kind. Parts over their kind are named first, then the backing parts that
    carry a measurable share of the mix's low mids; a vocal or drum part only when no other
    does."""
    typical = ranges["low_mid_excess_db"]
    low, high = typical["mix"]
    excess = low_mid_excess_db(analysis.mix)
    own = _own_build_ups(analysis, typical) if len(analysis.tracks) > 1 else {}
    over = {role: value for role, value in own.items() if value > typical[role][1]}
    distance = excess - high + sum(value - typical[role][1] for role, value in over.items())
    if distance <= 0.5:
        return []
    severity = _severity(2 * distance)
    source = ranges["source"]
    mix_words = (f"the mix's 150–400 Hz stands {signed(excess)} dB against its own trend "
                 f"(typical {signed_range(low, high, 1)} dB)")
    carriers: list[str] = []
    if excess > high:
        carrying = [r for r in analysis.tracks
                    if analysis.low_mid_share.get(r, 0.0) >= _CARRIES]
        backing = [r for r in carrying if r not in _OWN_LOW_MIDS]
        carriers = [r for r in sorted(backing or carrying,
                                      key=lambda r: -analysis.low_mid_share[r])
                    if r not in over]
        if not over and (len(analysis.tracks) < 2 or not carriers):
            return [Finding("mix", "muddy", severity, mix_words, excess, (low, high), source)]
    # every part's finding quotes the shares of all the parts named, biggest first: the
    # findings join into one line (joined) led by the part furthest over its range, and
    # the demo's led with "15% of it is in the keys" beside drums holding 51%
    shares = _low_mid_shares(analysis, [*over, *carriers], names)
    findings = [Finding(role, "muddy", severity,
                        f"the 150–400 Hz of {the_part(role, names)} stands {signed(value)} dB "
                        f"over the part's own trend (clean {part_name(role, names)}: "
                        f"{signed_range(*typical[role], 0)} dB); {mix_words}; {shares}",
                        value, _pair(typical[role]), source)
                for role, value in sorted(over.items(),
                                          key=lambda kv: typical[kv[0]][1] - kv[1])]
    return findings + [Finding(role, "muddy", severity, f"{mix_words}; {shares}", excess,
                               (low, high), source) for role in carriers]


def _low_mid_shares(analysis: SessionAnalysis, roles: Sequence[str],
                    names: Mapping[str, str]) -> str:
    """'51% of it is in the drums, then bass 28%, keys 15%': each part's share of the mix's
    150–400 Hz, biggest first (short: the chat has one line of a bullet at 80x24 for it)."""
    share = analysis.low_mid_share
    first, *rest = sorted(roles, key=lambda r: -share.get(r, 0.0))
    said = f"{percent(share.get(first, 0.0))} of it is in {the_part(first, names)}"
    return said + (", then " + ", ".join(f"{part_name(r, names)} {percent(share.get(r, 0.0))}"
                                         for r in rest) if rest else "")


def _own_build_ups(analysis: SessionAnalysis, typical: dict) -> dict[str, float]:
    """Each part's own low-mid figure, for the parts with a typical range for their kind
    that are heard in the band."""
    return {role: low_mid_excess_db(track) for role, track in analysis.tracks.items()
            if role in typical and role != "mix"
            and analysis.low_mid_share.get(role, 0.0) >= _HEARD}


def _harsh(analysis: SessionAnalysis, ranges: dict,
           names: Mapping[str, str]) -> list[Finding]:
    """Edge where cymbals ring: 3–7 kHz against the part's own 1–16 kHz trend, measured
    where the cymbals play alone (inside a whole-kit stem too)."""
    findings = []
    typical = ranges["presence_excess_db"]
    for role, harsh in analysis.harshness.items():
        if role not in typical:
            continue
        low, high = typical[role]
        if harsh.excess_db <= high + 0.5:
            continue
        inside = role != "cymbals" and "cymbals" not in analysis.tracks
        layer = "cymbals" if inside else role
        where = (f"{the_part('cymbals', names)} inside the stem for {the_part(role, names)}"
                 if inside
                 else the_part(role, names))
        findings.append(Finding(
            layer, "harsh", _severity(2 * (harsh.excess_db - high)),
            f"{where}: {khz_band(PRESENCE_BAND_HZ)} stands {signed(harsh.excess_db)} dB against "
            f"the {khz_band(PRESENCE_FIT_HZ)} trend where the cymbals ring alone (typical "
            f"{signed_range(low, high, 1)} dB)",
            harsh.excess_db, (float(low), float(high)), ranges["source"]))
    return findings


_SEVERITY_ORDER = {"strong": 0, "normal": 1, "mild": 2}


def _rank(finding: Finding) -> tuple[int, float]:
    """Worst first: by severity, then by how far outside its typical range the finding
    sits, in widths of that range (so LU, dB and shares compare)."""
    low, high = finding.reference
    outside = max(low - finding.measured, finding.measured - high, 0.0)
    return _SEVERITY_ORDER[finding.severity], -outside / max(high - low, 1e-9)
