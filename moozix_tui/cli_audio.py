"""`moozix analyze|master|fix`: the DSP pipeline from the command line.

Heavy modules load inside the run functions, so `moozix parse` and the chat's
start-up never pay for numpy, scipy and pedalboard.
"""

from __future__ import annotations

import argparse
import json
import math
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["StemArgs", "add_parsers", "parse_stem_args"]

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """A command-line argument the user has to change."""


def _must_exist(path: Path) -> Path:
    """`path`, or BadInput naming the nearest existing name, as the chat answers a mistyped
    path ('My Song [Final Mix] v3' beside the real v2)."""
    if path.exists():
        return path
    from moozix_tui.engine.paths import closest_name

    nearest = closest_name(path)
    hint = f"; the closest I see is {nearest}" if nearest else ""
    raise BadInput(f"{path.name}: not found at {path}{hint} — check the path and try again")


@dataclass(frozen=True)
class StemArgs:
    sources: tuple[tuple[str, Path], ...]
    """(part, file) for every audio file given, any number per part."""
    notes: tuple[tuple[str, str], ...]
    """(level, message): what was left out and why (a folder's notes and MIDI, a mix beside
    the stems, a file that can't be used); the report carries them with the checks'."""

    @property
    def paths(self) -> list[Path]:
        return [path for _, path in self.sources]


def parse_stem_args(items: list[str]) -> StemArgs:
    """ROLE=PATH, a PATH whose part comes from its file name, or a folder (every audio file
    in it; ROLE=FOLDER puts them all in that part). Any number of files per part; a file
    whose part can't be told stops the command with how to name it. A file named as
    ROLE=PATH beside a folder that holds it takes that part ("FOLDER keys=FOLDER/Audio 1.wav"
    is how the message says to place it)."""
    from dsp.intake import audio_files_in
    from intents import LAYERS, not_for_mix, stem_role, stem_roles
    from moozix_tui.engine.wording import NOT_FOR_MIX

    roles = list(LAYERS)
    given: list[tuple[str | None, Path]] = []
    for item in items:
        role, sep, rest = item.partition("=")
        named = (role if role in roles else stem_role(role)) if sep else None
        if sep and not named and "/" not in role and "." not in role:
            raise BadInput(f"unknown stem role {role!r} — roles: {', '.join(roles)}")
        given.append((named, _must_exist(Path(rest if named else item).expanduser())))
    placed = {path.resolve() for named, path in given if named and not path.is_dir()}
    every: list[tuple[str | None, Path]] = []
    notes: list[tuple[str, str]] = []
    for named, path in given:
        files = [path]
        if path.is_dir():
            listing = audio_files_in(path)
            if not listing.audio:
                raise BadInput(f"no audio files in {path} — give WAV, FLAC, AIFF, OGG or MP3 "
                               "files")
            files = [f for f in listing.audio if f.resolve() not in placed]
            if listing.skipped:
                count = len(listing.skipped)
                notes.append(("note", f"{path.name}: left out {count} "
                              f"{'file that is' if count == 1 else 'files that are'} not "
                              f"audio ({', '.join(p.name for p in listing.skipped[:5])}"
                              f"{'…' if count > 5 else ''})"))
        every += [(named, file) for file in files]
    # the files whose part comes from their names are read together, as the chat reads
    # what is dropped at once (a project name in front of every file is no part)
    from_names = iter(stem_roles([file.name for named, file in every if not named]))
    sources: list[tuple[str, Path]] = []
    unknown: list[Path] = []
    set_aside: list[Path] = []
    for named, file in every:
        chosen = named or next(from_names)
        if not named and not_for_mix(file.name):
            set_aside.append(file)
        elif chosen is None:
            unknown.append(file)
        else:
            sources.append((chosen, file))
    if set_aside:
        aside = (f"left out {', '.join(p.name for p in set_aside)}: {NOT_FOR_MIX} — give "
                 "it as ROLE=PATH to mix it")
        notes.append(("note", aside))
    unknown, unusable = _usable(unknown, notes)
    if set_aside:
        unusable.append(aside)
    if unknown:
        raise BadInput(_name_each(unknown, roles))
    if not sources:  # every file given is one that can't be used: say why, as master does
        raise BadInput("; ".join(unusable))
    seen: dict[Path, str] = {}
    for _, file in sources:
        key = file.resolve()
        if key in seen:
            raise BadInput(f"{file.name} is given twice — give each file once")
        seen[key] = file.name
    return _without_mix_beside_stems(sources, notes)


def _usable(unknown: list[Path],
            notes: list[tuple[str, str]]) -> tuple[list[Path], list[str]]:
    """Files whose part is asked for only if they can be used, as the chat does: the
    others are left out with what is wrong with them (returned too). A path that does not
    exist stops the command: a mistyped name is not a file to leave out."""
    if not unknown:
        return [], []
    from dsp.check import check_file, left_out

    usable, unusable = [], []
    for path in unknown:
        checked = check_file(path)
        if checked.audio is None and not path.exists():
            raise BadInput(checked.error)
        if checked.audio is None:
            notes.append(("warning", left_out(checked.error)))
            unusable.append(checked.error)
        else:
            usable.append(path)
    return usable, unusable


def _name_each(unknown: list[Path], roles: list[str]) -> str:
    """How to place files whose names tell no part: a ROLE=PATH the shell keeps whole."""
    names = ", ".join(p.name for p in unknown)
    example = shlex.quote(f"keys={unknown[0]}")
    return (f"can't tell which part {names} {'is' if len(unknown) == 1 else 'are'} — add "
            f"each as ROLE=PATH after the folder or files (e.g. {example}); roles: "
            f"{', '.join(roles)}")


def _without_mix_beside_stems(sources: list[tuple[str, Path]],
                              notes: list[tuple[str, str]]) -> StemArgs:
    """A bounced mix next to the stems would play everything twice: it is left out, and
    the note says so."""
    mixes = [path for role, path in sources if role == "mix"]
    if mixes and len(mixes) < len(sources):
        notes.append(("note", f"left out {', '.join(p.name for p in mixes)}: it looks like "
                      "the whole mix, and the stems are here — give it alone to master it, or "
                      "name it as a part (e.g. fx=PATH)"))
        sources = [(role, path) for role, path in sources if role != "mix"]
    return StemArgs(tuple(sources), tuple(notes))


class _Progress:
    """A one-line progress bar on stderr, drawn only on a terminal; a message written while a
    bar is open first ends its line, so the two never run together."""

    def __init__(self) -> None:
        self.line_open = False

    def __call__(self, stage: str, fraction: float) -> None:
        if not sys.stderr.isatty():
            return
        width = 24
        filled = int(width * min(max(fraction, 0.0), 1.0))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {stage:<32}")
        self.line_open = fraction < 1.0
        if not self.line_open:
            sys.stderr.write("\n")
        sys.stderr.flush()

    def say(self, message: str) -> None:
        if self.line_open:
            sys.stderr.write("\n")
            self.line_open = False
        sys.stderr.write(f"moozix: {message}\n")
        sys.stderr.flush()


_progress = _Progress()


def _add_master_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--target", help="streaming (default), apple, club, ebu, podcast, "
                                         "or a LUFS number like -14")
    parser.add_argument("--ceiling", type=float, help="true-peak ceiling in dBTP (default -1)")
    parser.add_argument("--style", default="balanced",
                        help="balanced (default), warm, bright or punchy")
    parser.add_argument("--reference", help="a finished track whose tone (and loudness, when "
                                            "no --target is given) to match")
    parser.add_argument("--out", default="moozix-out", help="output folder (default ./moozix-out)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary on stdout")


_STEM_HELP = ("ROLE=PATH, PATH or FOLDER (the part comes from the file name); a part may "
              "have many files")


def add_parsers(subparsers) -> None:
    analyze = subparsers.add_parser(
        "analyze", help="check stems and diagnose the mix",
        description="Check each file (format, rate, length, peaks, clipping), then measure "
                    "the parts against each other and list what stands out; nothing is "
                    "written.")
    analyze.add_argument("stems", nargs="+", metavar="STEM", help=_STEM_HELP)
    analyze.add_argument("--json", action="store_true",
                         help="print the checks and findings as one JSON object")
    analyze.set_defaults(run=lambda a: _guarded(_analyze, a))

    master = subparsers.add_parser(
        "master", help="master a stereo mix to a loudness target",
        description="Master a stereo mix to a loudness target under a true-peak ceiling, and "
                    "write the master, a 16-bit copy, the premaster and a report to --out.")
    master.add_argument("mix", metavar="MIX", help="the stereo mix (WAV, FLAC, AIFF, OGG "
                                                 "or MP3)")
    _add_master_options(master)
    master.set_defaults(run=lambda a: _guarded(_master, a))

    fix = subparsers.add_parser(
        "fix", help="understand a complaint, fix the stems, master",
        description="Read the complaint in --say as the chat does, measure the stems, make "
                    "the moves the measurement backs, master, and write the master, each "
                    "processed stem and a report to --out.")
    fix.add_argument("--say", required=True, metavar="TEXT", help="what sounds wrong")
    fix.add_argument("stems", nargs="+", metavar="STEM", help=_STEM_HELP)
    _add_master_options(fix)
    fix.set_defaults(run=lambda a: _guarded(_fix, a))


def _guarded(command, args) -> int:
    from dsp.errors import DspError

    try:
        return command(args)
    except (BadInput, DspError) as exc:
        _progress.say(str(exc))
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
        _progress.say(f"internal error: {type(exc).__name__}: {exc}")
        return EXIT_INTERNAL


def _analyze(args) -> int:
    from dsp.audio import ReadAhead

    given = parse_stem_args(args.stems)
    with ReadAhead(given.paths) as early:
        from dsp.stem_analysis import analyse_session
        from moozix_tui.engine.decide import diagnosis, leading_findings
        from moozix_tui.engine.present import part_word, parts_word, problem_word

        stems, checks = _load(given, true_peaks=True, read=early.load)
    analysis = analyse_session(stems)
    findings = diagnosis(analysis)
    if args.json:
        from dsp.report import FORMAT_VERSION

        print(json.dumps({
            "format_version": FORMAT_VERSION,
            "files": [{"path": str(c.path), "format": c.format, "subtype": c.subtype,
                       "sample_rate": c.sample_rate, "channels": c.channels,
                       "duration_s": round(c.duration_s, 3), "peak_dbfs": round(c.peak_dbfs, 2),
                       "true_peak_dbtp": round(c.true_peak_dbtp, 2),
                       "clipped_samples": c.clipped_samples,
                       "notices": [n.message for n in c.notices]} for c in checks],
            "notices": [n.message for n in stems.notices],
            "parts": {role: [{"name": s.name, "sources": [p.name for p in s.sources],
                              "lufs": _rounded(analysis.file_lufs[s.name]),
                              "vs_rest_lu": _rounded(analysis.file_level_vs_rest_lu.get(s.name))}
                             for s in stems.part(role)] for role in stems.parts},
            "level_vs_rest_lu": {k: round(v, 2) for k, v in analysis.level_vs_rest_lu.items()},
            "findings": [{"layer": f.layer, "problem": f.problem, "severity": f.severity,
                          "evidence": f.evidence} for f in findings]}))
        return EXIT_OK
    for check in checks:
        print(f"{check.path.name}: {check.format} {check.subtype}, {check.sample_rate} Hz, "
              f"{check.channels} ch, {check.duration_s:.1f} s, peak {check.peak_dbfs:.1f} dBFS, "
              f"true peak {check.true_peak_dbtp:.1f} dBTP")
    for notice in stems.notices:
        print(f"{notice.level}: {notice.message}")
    for role in stems.parts:
        print(f"{part_word(role)}: {', '.join(s.name for s in stems.part(role))}")
    print("findings:" if findings else "findings: nothing stands out against typical ranges")
    for f in leading_findings(findings, most=len(findings), mild=True):
        print(f"  {parts_word(f.layer, f.also)} — {problem_word(f.problem)} ({f.severity}): "
              f"{f.every_figure}")
    return EXIT_OK


def _load(given: StemArgs, **options):
    """The files loaded and checked, and what was left out before loading (not audio, a
    mix beside the stems, a file of no known part that can't be used) first among the
    set's notices: every file given is accounted for wherever the notices go."""
    from dsp.check import Notice
    from dsp.pipeline import load_stems
    from moozix_tui.engine.present import layer_names

    told = [Notice(level, "left_out", message) for level, message in given.notes]
    return load_stems(given.sources, part_names=layer_names(), kept_out=told, **options)


def _warn_about_inputs(stems) -> None:
    """The same check warnings `analyze` prints (files left out, repaired NaN/Inf,
    clipping, converted rates, padded or truncated files), on stderr; the report carries
    them too."""
    for notice in stems.notices:
        _progress.say(f"{notice.level}: {notice.message}")


def _rounded(value: float | None) -> float | None:
    return round(value, 2) if value is not None and math.isfinite(value) else None


def _settings(args):
    from dsp.mastering import MasterSettings
    from dsp.targets import resolve_target

    return MasterSettings(resolve_target(args.target, ceiling_dbtp=args.ceiling), args.style)


def _reference_path(args) -> Path | None:
    """--reference checked before any audio is decoded: a mistyped name is said at once,
    with the closest one, not after minutes of work on the stems."""
    return _must_exist(Path(args.reference).expanduser()) if args.reference else None


def _reference(path: Path | None):
    if path is None:
        return None
    from dsp.audio import load_audio

    ref = load_audio(path)
    return ref.samples, ref.sample_rate


def _settings_with_reference(args, reference):
    from dsp.mastering import MasterSettings
    from dsp.meter import integrated_lufs
    from dsp.targets import resolve_target

    if reference is not None and args.target is None:
        lufs = integrated_lufs(*reference)
        return MasterSettings(resolve_target(round(lufs, 1), ceiling_dbtp=args.ceiling),
                              args.style)
    return _settings(args)


def _finish(args, result, plan, inputs) -> int:
    from dsp.pipeline import export
    from dsp.report import FORMAT_VERSION, before_is, complaint_rows
    from dsp.wording import against_its_fix, removed_outputs, replaced_outputs, row_change
    from moozix_tui.engine.present import layer_names, limit_note

    exported = export(args.out, result, plan=plan, names=layer_names(), inputs=inputs,
                      progress=_progress)
    measured = complaint_rows(result, names=layer_names())
    summary = {
        "format_version": FORMAT_VERSION,
        "outputs": [str(p) for p in exported.paths],
        "master": {"integrated_lufs": round(exported.written_lufs, 2),
                   "true_peak_dbtp": round(exported.written_true_peak_dbtp, 2),
                   "bs1770_peak_dbtp": round(exported.written_bs1770_peak_dbtp, 2),
                   "target_lufs": result.master.target.lufs},
        "moves": [m.to_dict() for m in result.moves],
        "notes": list(plan.said), "warnings": list(result.master.warnings),
        "input_notices": [{"level": n.level, "message": n.message}
                          for n in result.stems.notices],
        "gentle": list(plan.gentle), "limited": list(plan.limited),
        "before": before_is(result),
        "measured": measured,
        "replaced": [str(p) for p in exported.replaced],
        "removed": [str(p) for p in exported.removed],
    }
    if args.json:
        print(json.dumps(summary))
    else:
        for move in result.moves:
            print(f"move: {move.describe(layer_names())}")
        if measured:
            print(f"before: {before_is(result)}; after: the master")
        for row in measured:
            print(f"measured: {row['label']} {row_change(row)}")
        for said in filter(None, map(against_its_fix, measured)):
            print(f"note: {said} Say it more strongly in --say for a deeper move.")
        for note in (*plan.said, *result.master.warnings):
            print(f"note: {note}")
        if plan.gentle:
            kept = "; ".join(plan.moves[i].action(layer_names()) for i in plan.gentle)
            print(f"note: kept gentle: {kept}. If you still hear it, say that complaint more "
                  "strongly in --say (\"way too …\", \"really …\") for deeper "
                  "moves on it")
        if plan.limited:
            at_limit = [i + 1 for i in plan.at_limit]
            print(f"note: {limit_note(plan.limited, at_limit, len(plan.moves))}")
        if exported.replaced:
            print(f"note: {replaced_outputs(exported.folder, exported.replaced)}")
        if exported.removed:
            print(f"note: {removed_outputs(exported.folder, exported.removed)}")
        print(f"master: {exported.written_lufs:.1f} LUFS, {exported.written_true_peak_dbtp:.1f} "
              f"dBTP -> {exported.folder}")
    return EXIT_OK


def _master(args) -> int:
    from dsp.audio import ReadAhead

    mix = _must_exist(Path(args.mix).expanduser())
    reference_path = _reference_path(args)
    with ReadAhead([mix]) as early:
        from dsp.moves import Plan
        from dsp.pipeline import load_stems, render

        stems, _ = load_stems([("mix", mix)], progress=_progress, read=early.load)
    _warn_about_inputs(stems)
    reference = _reference(reference_path)
    settings = _settings_with_reference(args, reference)
    result = render(stems, [], settings, reference=reference, progress=_progress)
    inputs = [mix] + ([reference_path] if reference_path else [])
    return _finish(args, result, Plan(), inputs)


def _fix(args) -> int:
    """The chat's decision path without the questions: the same words and stems give the
    same plan (moozix_tui.engine.decide); a part-less complaint is resolved by measurement.
    The files decode while the analysis modules load and the words are read."""
    from dsp.audio import ReadAhead

    given = parse_stem_args(args.stems)
    reference_path = _reference_path(args)
    with ReadAhead(given.paths) as early:
        from dsp.pipeline import Balance, render
        from dsp.stem_analysis import analyse_session
        from intents import understand
        from moozix_tui.engine.decide import answers, diagnosis, plan, without_questions
        from moozix_tui.engine.wording import unread_note

        heard = understand(args.say)
        if not (heard.intents or heard.unclear or heard.vague or heard.guesses):
            raise BadInput(f"I couldn't find anything about the sound in {args.say!r} — try "
                           "e.g. \"the vocal is too low\"")
        stems, _ = _load(given, progress=_progress, read=early.load)
    _warn_about_inputs(stems)
    analysis = analyse_session(stems)
    complaints, notes = without_questions(heard, analysis, diagnosis(analysis))
    if heard.read_chars is not None:
        notes = [unread_note(len(args.say), heard.read_chars), *notes]
    balance = Balance(stems, analysis)
    planned = plan(complaints, analysis, stems, balance=balance)
    planned = planned.noting(notes)
    reference = _reference(reference_path)
    settings = _settings_with_reference(args, reference)
    result = render(stems, planned.moves, settings, before=analysis, reference=reference,
                    progress=_progress, answers=answers(complaints), idle=planned.idle,
                    measured=balance)
    inputs = given.paths + ([reference_path] if reference_path else [])
    return _finish(args, result, planned, inputs)
