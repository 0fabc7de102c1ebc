"""The before/after report: one dict (report.json) and its Markdown rendering (report.md)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from dsp.diagnosis import complaint_measures
from dsp.meter import Loudness, amplitude_db, sample_peak
from dsp.predict import MIX
from dsp.wording import figure, part_name, rounded

if TYPE_CHECKING:
    from dsp.moves import Plan
    from dsp.pipeline import RenderResult
    from dsp.stem_analysis import SessionAnalysis

__all__ = ["FORMAT_VERSION", "GLOSSARY", "before_is", "build_report", "comparison_rows",
           "complaint_rows", "render_markdown"]


_MARKUP = re.compile(r"([\\`*_\[\]<>|])")


def _md(text: str) -> str:
    """A file name as literal Markdown text (a name may hold `|`, `*` or `_`)."""
    return _MARKUP.sub(r"\\\1", str(text))


def _num(value: float, digits: int = 1) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return rounded(value, digits)


def before_is(result: RenderResult) -> str:
    """What every "before" figure was measured on, in the words the chat, `moozix fix` and
    the report all use. Stems are summed as given, at unity: a bounce of the whole mix
    given beside them is not what "before" measures (it is left out of the render), and
    it may hold bus processing the stems lack."""
    if result.stems.parts == (MIX,):
        return "your mix as you gave it"
    return "your stems summed as given"


def comparison_rows(result: RenderResult, *,
                    names: Mapping[str, str] | None = None) -> list[dict]:
    """Key measurements before and after: what the summary card and the report show, each
    rounded once to the tenth they are shown at (true peaks had been kept to the hundredth
    and rounded again for the chat: a master at -1.150001 dBTP read -1.1 there and -1.2 in
    `moozix master` and the export message, which round the figure once). The
    whole mix's figures after are the master's, as the card says ("after: the master"): the
    mastering tone moves them (a bright style took 2–8 kHz 0.5 dB past the premaster's).
    Labels name each part by `names` (intents.LAYER_NAMES, from the caller), as the chat
    does: 'lead vocal vs rest'."""
    names = names or {}
    before, after = result.before, _mastered(result)
    rows = []
    layers = ("vocal", "drums", "bass", "kick")
    if "vocal" not in before.level_vs_rest_lu:
        layers += ("instruments",)
    for layer in layers:
        if layer in before.level_vs_rest_lu and layer in after.level_vs_rest_lu:
            rows.append({"label": f"{part_name(layer, names)} vs rest", "unit": "LU",
                         "before": _num(before.level_vs_rest_lu[layer]),
                         "after": _num(after.level_vs_rest_lu[layer]), "signed": True})
    rows += _tone_rows(result, names)
    bands = (("low_mid", "mix 150–400 Hz share"), ("presence", "mix 2–8 kHz share"))
    for band, label in bands:
        rows.append({"label": label, "unit": "dB",
                     "before": _num(before.mix.band_share_db[band]),
                     "after": _num(after.mix.band_share_db[band])})
    if before.kick_bass_overlap is not None and after.kick_bass_overlap is not None:
        rows.append({"label": after.overlap_label, "unit": "%",
                     "before": _num(100 * before.kick_bass_overlap, 0),
                     "after": _num(100 * after.kick_bass_overlap, 0)})
    rows.append({"label": "mix mono loss", "unit": "dB",
                 "before": _num(before.mix.mono_loss_db), "after": _num(after.mix.mono_loss_db)})
    found = complaint_rows(result, names=names)
    shown = {row["label"] for row in found}   # a complaint's own row replaces its twin
    rows = found + [row for row in rows if row["label"] not in shown]
    original, mastered = result.original, result.master.after
    rows += [
        {"label": "loudness", "unit": "LUFS", "before": _num(original.integrated_lufs),
         "after": _num(mastered.integrated_lufs)},
        {"label": "true peak", "unit": "dBTP", "before": _num(original.precise_peak_dbtp),
         "after": _num(mastered.precise_peak_dbtp)},
        {"label": "BS.1770 true peak", "unit": "dBTP", "before": _num(original.true_peak_dbtp),
         "after": _num(mastered.true_peak_dbtp)},
        {"label": "LRA", "unit": "LU", "before": _num(original.loudness_range_lu),
         "after": _num(mastered.loudness_range_lu)},
    ]
    return rows


def _mastered(result: RenderResult) -> SessionAnalysis:
    """The rendered parts, with the master standing for the whole mix."""
    return replace(result.after, mix=result.master_analysis)


_BETTER = {"too_quiet": 1, "too_loud": -1, "too_dry": 1, "too_much_reverb": -1, "weak": 1,
           "over_compressed": 1, "muddy": -1, "harsh": -1, "boomy": -1, "dull": 1, "thin": 1,
           "masking": -1}
"""Which way a complaint's figures go as its move answers it (+1: up). None for a complaint
whose figures go both ways (mono: the loss down, a small speaker's share up) or depend on
its words (an overall tone)."""


def complaint_rows(result: RenderResult, *,
                   names: Mapping[str, str] | None = None) -> list[dict]:
    """Each complaint's measurement of record (see dsp.diagnosis.complaint_measures),
    before and after, with its typical range ('typical', None where it has none: only
    these rows carry the entry): the first of comparison_rows. A row whose complaint has a
    move of its own says which way that move pushes it ('better', +1 up or -1 down)."""
    names = names or {}
    found, seen = [], set()
    sources = dict.fromkeys([*result.answers, *(move.source for move in result.moves)])
    fighting = [s.partition("/")[0] for s in sources if s.endswith("/masking")]
    for source in sources:
        layer, _, problem = source.partition("/")
        returns = [m.stem for m in (*result.moves, *result.idle)   # one file's, not the
                   if m.source == source and m.stem in result.before.return_sources  # part's
                   and m.stem not in result.before.parts]
        files = [m.stem for m in result.moves   # one file of a part, cut on its own
                 if m.source == source and m.stem in result.before.file_tracks]
        before = complaint_measures(layer, problem, result.before, names=names,
                                    fighting=fighting, returns=returns, files=files)
        after = {m.label: m for m in complaint_measures(layer, problem, _mastered(result),
                                                        names=names, fighting=fighting,
                                                        returns=returns, files=files)}
        for measure in before:
            if measure.label in seen or measure.label not in after:
                continue
            seen.add(measure.label)
            row = {"label": measure.label, "unit": measure.unit,
                   "before": _num(measure.value), "after": _num(after[measure.label].value),
                   "typical": list(measure.typical) if measure.typical else None,
                   "signed": measure.signed}
            if problem in _BETTER and any(m.source == source for m in result.moves):
                row["better"] = _BETTER[problem]   # a move of its own pushes it that way
            found.append(row)
    return found


_TONE_BANDS = {"muddy": ("low_mid", "150–400 Hz"), "harsh": ("presence", "2–8 kHz"),
               "dull": ("air", "8–20 kHz"), "thin": ("low", "60–150 Hz")}


def _tone_rows(result: RenderResult, names: Mapping[str, str]) -> list[dict]:
    """The band a tone complaint is about, measured on each part its moves touched, or on
    the one file of a part they touched (its other files were left as they were).

    The mix's band share also moves with every other change (a vocal lifted 8 dB brings
    its own 150–400 Hz body), so the part's own level shows what its fix did."""
    rows, seen = [], set()
    for move in result.moves:
        problem = move.source.partition("/")[2]
        if problem not in _TONE_BANDS or (move.stem, problem) in seen:
            continue
        before, after = (analysis.tracks.get(move.stem) or analysis.file_tracks.get(move.stem)
                         for analysis in (result.before, result.after))
        if before is None or after is None:
            continue
        seen.add((move.stem, problem))
        band, words = _TONE_BANDS[problem]
        rows.append({"label": f"{part_name(move.stem, names)} {words}", "unit": "dBFS",
                     "before": _num(before.band_level_dbfs[band]),
                     "after": _num(after.band_level_dbfs[band])})
    return rows


def _touched(result: RenderResult) -> list[list[str]]:
    """For each move, the files it processed ("mix" moves process the summed bus)."""
    return [["mix"] if move.stem == "mix" else [s.name for s in result.stems.select(move.stem)]
            for move in result.moves]


def _files(result: RenderResult, touched: list[list[str]], written: list[str],
           names: Mapping[str, str]) -> list[dict]:
    """Every source, grouped by part (its id and its name for people): where it came from,
    where it was written, and the moves (1-based) that processed it."""
    stems = result.stems
    ordered = [stem for role in stems.parts for stem in stems.part(role)]
    where = dict(zip((s.name for s in stems.stems), written, strict=False))
    return [{"part": stem.role, "part_name": names.get(stem.role, stem.role), "name": stem.name,
             "sources": [path.name for path in stem.sources],
             "output": where.get(stem.name),
             "moves": [i for i, names in enumerate(touched, 1) if stem.name in names]}
            for stem in ordered]


def _stems(result: RenderResult) -> dict:
    """How the written stems (32-bit float, as the mix plays them: dsp.writing.STEM_BIT_DEPTH)
    make the premaster, and which of them peak over full scale (by 0.05 dB or more: a
    clipped input file whose DC offset was taken off reads +0.0)."""
    peaks = {stem.name: amplitude_db(sample_peak(stem.samples)) for stem in result.stems.stems}
    over = [(name, db) for name, db in peaks.items() if db >= 0.05]
    return {"gain_to_premaster_db": round(result.headroom_db, 2),
            "over_full_scale": [{"name": name, "peak_dbfs": round(db, 1)} for name, db in over]}


FORMAT_VERSION = 2
"""The version of the JSON Moozix writes about audio: report.json and the `--json` output of
`moozix analyze`, `fix` and `master` carry it as "format_version". Version 1 (no such key,
until 12-01) had "true_peak_dbtp" by BS.1770's 4x meter; from 2 it is the precise one
(dsp.meter.true_peaks), which reads up to ~0.5 dB higher on bright material, and the 4x
figure is "bs1770_peak_dbtp" (report.json's written_master, fix's and master's master).
A reader of "true_peak_dbtp" checks the version: the same name is another meter."""


def build_report(result: RenderResult, *, plan: Plan, written: Loudness,
                 outputs: dict, names: Mapping[str, str]) -> dict:
    """`outputs["stems"]` lists the written stem files in the order of result.stems; `names`
    each layer's name for people (see Move.action)."""
    target = result.master.target
    touched = _touched(result)
    return {
        "format_version": FORMAT_VERSION,
        "target": {"name": target.name, "lufs": target.lufs, "ceiling_dbtp": target.ceiling_dbtp,
                   "source": target.source},
        "sample_rate": result.stems.sample_rate,
        "duration_s": round(result.stems.frames / result.stems.sample_rate, 3),
        "moves": [{**m.to_dict(), "action": m.action(names), "files": files}
                  for m, files in zip(result.moves, touched, strict=True)],
        "files": _files(result, touched, outputs.get("stems", []), names),
        "stems": _stems(result),
        "notes": list(plan.said),
        "input_notices": [{"level": n.level, "message": n.message}
                          for n in result.stems.notices],
        "warnings": list(result.master.warnings),
        "mastering_tone": list(result.master.tone_moves),
        "before_is": before_is(result),
        "measurements": comparison_rows(result, names=names),
        "written_master": {"integrated_lufs": _num(written.integrated_lufs, 2),
                           "true_peak_dbtp": _num(written.precise_peak_dbtp, 2),
                           "bs1770_peak_dbtp": _num(written.true_peak_dbtp, 2),
                           "loudness_range_lu": _num(written.loudness_range_lu, 1)},
        "outputs": outputs,
    }


def render_markdown(report: dict) -> str:
    target = report["target"]
    written = report["written_master"]
    lines = ["# Moozix report", "",
             f"Target: **{target['name']}** ({target['lufs']:g} LUFS, ceiling "
             f"{target['ceiling_dbtp']:g} dBTP) — {target['source']}", "",
             f"Written master: {written['integrated_lufs']} LUFS integrated, "
             f"true peak {written['true_peak_dbtp']} dBTP ({written['bs1770_peak_dbtp']} "
             "by BS.1770's 4x meter), "
             f"loudness range {written['loudness_range_lu']} LU.", "", "## Moves", ""]
    if report["moves"]:
        for i, move in enumerate(report["moves"], 1):
            files = ("on the summed mix, not a file" if move["stem"] == "mix" else "files: "
                     + (", ".join(_md(name) for name in move["files"]) or "no file of that name"))
            lines.append(f"{i}. {move['action']} — {move['reason']} ({files})")
    else:
        lines.append("No mix moves: mastering only.")
    lines += ["", "## Files", "", "| part | file | from | written as | moves |",
              "|---|---|---|---|---|"]
    for file in report["files"]:
        moves = ", ".join(str(i) for i in file["moves"]) or "—"
        lines.append(f"| {_md(file['part_name'])} | {_md(file['name'])} | "
                     f"{_md(' + '.join(file['sources'])) or '—'} | "
                     f"{_md(file['output'] or '—')} | {moves} |")
    stems = report["stems"]
    bus = [str(i) for i, move in enumerate(report["moves"], 1) if move["stem"] == "mix"]
    if not report["outputs"].get("stems"):   # a stereo mix mastered alone: no stems written
        lines += ["", "No stems written: the stereo mix is the only input."]
    else:
        lines += ["", "The stems are 32-bit float WAV, as the mix plays them: summed"
                  + (f", through move{'s' if len(bus) > 1 else ''} {', '.join(bus)} on the "
                     "whole mix," if bus else "")
                  + f" and turned {figure(stems['gain_to_premaster_db'], 'dB', sign=True)}, "
                  f"they make {report['outputs']['premaster']}."]
    if stems["over_full_scale"] and report["outputs"].get("stems"):
        lines[-1] += (" Over 0 dBFS (not clipped; lower them before converting to fixed "
                      "point): " + ", ".join(f"{_md(s['name'])} "
                                             f"{figure(s['peak_dbfs'], 'dBFS', sign=True)}"
                                             for s in stems["over_full_scale"]) + ".")
    if report["mastering_tone"]:
        lines += ["", "Mastering tone: " + "; ".join(report["mastering_tone"]) + "."]
    lines += ["", "## Before and after", "",
              f"Before: {report['before_is']}; after: the master.", "",
              "| measurement | before | after | typical |",
              "|---|---|---|---|"]
    for row in report["measurements"]:
        typical = row.get("typical")
        span = f"{typical[0]:g} to {typical[1]:g} {row['unit']}" if typical else ""
        sign = row.get("signed", False)
        lines.append(f"| {_md(row['label'])} | {figure(row['before'], row['unit'], sign=sign)} | "
                     f"{figure(row['after'], row['unit'], sign=sign)} | {span} |")
    if report["notes"]:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in report["notes"]]
    warnings = [f"{n['level']}: {n['message']}" for n in report["input_notices"]]
    warnings += report["warnings"]
    if warnings:
        lines += ["", "## Warnings", ""] + [f"- {n}" for n in warnings]
    lines += ["", "## Words used here", ""] + [f"- **{term}**: {meaning}"
                                               for term, meaning in GLOSSARY]
    return "\n".join(lines) + "\n"


GLOSSARY = (
    ("LUFS", "loudness as people hear it, measured the ITU-R BS.1770 way over the whole "
             "song; streaming services play songs at about -14 LUFS"),
    ("LU", "a difference in loudness: +3 LU is as much louder as +3 dB of level"),
    ("dBTP", "true peak: the highest point of the waveform between the samples, measured "
             "at 16x through a long reconstruction filter; at or under -1 dBTP a file "
             "survives conversion to MP3/AAC without clipping"),
    ("BS.1770 true peak", "the same peak by the standard's 4x oversampling, which can "
                          "under-read the highest points of bright material by a few tenths "
                          "of a dB; the master is held under the ceiling by both"),
    ("LRA", "loudness range: how far the quiet and loud parts of the song are apart, in LU"),
    ("dBFS", "level relative to digital full scale (0 dBFS is the largest sample value)"),
    ("vs rest", "a part's loudness against everything else, measured where the part plays, "
                "in LU: 0 is as loud as all the rest together"),
    ("share", "how much of the mix's or a part's energy lies in a band (150-400 Hz: low mids, "
              "where mud builds up; 2-8 kHz: presence, where harshness lives; above 200 Hz: what "
              "phone and laptop speakers can play), in dB against the whole"),
    ("over its trend", "how far a band stands above the smooth curve the rest of the "
                       "spectrum follows, in dB"),
    ("overlap", "how much two parts sit on each other: of the energy the two put into the "
                "same moments (20 ms at a time) and bands, the share they have in common, "
                "from 0% (never together) to 100% (the same everywhere); kick/bass overlap "
                "below 150 Hz (drums/bass when the kick plays inside the drums stem), two "
                "other parts named as fighting (guitars/keys overlap) in third-octave bands "
                "from 160 Hz to 6.3 kHz"),
    ("mix mono loss", "how much quieter the mix gets when its two channels are summed to one, as "
                  "a phone speaker or a club does; several dB means parts cancel"),
)
