"""The long work a chat turn starts: pure functions the UI runs in a worker thread.

Each returns its outcome and touches no session state; the engine takes the outcome
back on the UI thread (flow.py). The DSP core is imported here, inside the work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["AnalyseOutcome", "FileResult", "RenderOutcome", "analyse", "check_files", "export",
           "load_sources", "render"]

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class FileResult:
    role: str | None  # None: a file whose part its name does not tell
    path: Path
    problems: tuple[str, ...]
    error: str | None


def check_files(assigned: Sequence[tuple[str | None, Path]],
                progress: Progress) -> list[FileResult]:
    """Load and check each file on its own, so one bad file never hides the others."""
    from dsp.check import check_file

    results = []
    for n, (role, path) in enumerate(assigned):
        progress(f"checking {path.name}", n / max(len(assigned), 1))
        checked = check_file(path)
        problems = tuple(x.message for x in checked.check.notices
                         if x.level != "error") if checked.audio is not None else ()
        results.append(FileResult(role, path, problems, checked.error))
    progress("checked", 1.0)
    return results


def load_sources(sources: Sequence[tuple[str, Path]], progress: Progress,
                 left_out: Sequence[str] = ()):
    """Every (part, file) into one StemSet at one rate and length; `left_out` (the files
    the checks kept out, said why) first among its notices, as `moozix fix` does, so the
    report accounts for every file given."""
    from dsp.check import Notice
    from dsp.pipeline import load_stems
    from moozix_tui.engine.present import layer_names

    told = [Notice("warning", "left_out", message) for message in left_out]
    stems, _ = load_stems(list(sources), progress=progress, part_names=layer_names(),
                          kept_out=told)
    return stems


@dataclass(frozen=True, eq=False)
class AnalyseOutcome:
    stems: object                 # the original files as a StemSet
    before: object                # their analysis (the "before" of every render)
    analysis: object              # what the plan was sized on: with the moves made so far
    findings: tuple
    plan: object
    then_render: bool
    swapped: tuple = ()           # (reading, alternative) complaints the measurement settled


def analyse(sources: Sequence[tuple[str, Path]], complaints: Sequence[dict], *,
            alternatives: Sequence[tuple[dict, dict]] = (), kept: Sequence[dict] = (),
            stems=None, before=None, under: Sequence = (), known=None,
            then_render: bool = False, left_out: Sequence[str] = ()
            ) -> Callable[[Progress, threading.Event], AnalyseOutcome]:
    """Load (unless `stems` are loaded already), measure them (unless `before`) and with
    the moves made so far, `under`, applied (unless `known`), settle doubtful readings by
    measurement (`alternatives`: pairs of a complaint and another reading of its words;
    decide.settle_doubtful), plan on top of `under` (holding the fixes of `kept`,
    decide.plan). `left_out`: see load_sources."""

    def work(progress: Progress, cancel: threading.Event) -> AnalyseOutcome:
        from dsp.pipeline import Balance
        from dsp.stem_analysis import analyse_session
        from moozix_tui.engine.decide import diagnosis, plan, settle_doubtful

        loaded = stems if stems is not None else load_sources(
            sources, lambda s, f: progress(s, 0.4 * f), left_out)
        progress("measuring each part", 0.5)
        original = before or analyse_session(loaded)
        balance = Balance(loaded, original)   # the plan's measure starts from it
        analysis = known or (balance(under) if under else original)
        progress("planning the moves", 0.9)
        findings = diagnosis(analysis)
        settled, notes, swapped = settle_doubtful(complaints, alternatives, findings,
                                                   analysis)
        planned = plan(settled, analysis, loaded, before=original, under=under, kept=kept,
                       balance=balance)
        return AnalyseOutcome(loaded, original, analysis, findings, planned.noting(notes),
                              then_render=then_render, swapped=tuple(swapped))

    return work


@dataclass(frozen=True, eq=False)
class RenderOutcome:
    result: object                # dsp RenderResult
    previews: object              # dsp Previews, measured as written


def render(stems, analysis, moves, settings, *, reference_path: str | None,
           preview_folder: Path, protect: Sequence[Path], original=None,
           answers: Sequence[str] = (), idle: Sequence = ()
           ) -> Callable[[Progress, threading.Event], RenderOutcome]:
    """`original`: the user's mix as the last render of these stems measured it;
    `answers`, `idle`: see dsp.pipeline.RenderResult."""
    def work(progress: Progress, cancel: threading.Event) -> RenderOutcome:
        from dsp.audio import load_audio
        from dsp.pipeline import render as render_mix
        from dsp.previews import write_previews

        reference = None
        if reference_path:
            ref = load_audio(reference_path)
            reference = (ref.samples, ref.sample_rate)
        mix = stems.mixdown()   # the user's own mix: measured once, and the "before" preview
        result = render_mix(stems, moves, settings, before=analysis, reference=reference,
                            progress=lambda s, f: progress(s, 0.8 * f), cancel=cancel,
                            original=original, original_mix=mix, answers=answers,
                            idle=idle)
        progress("measuring the master", 0.82)
        result.master_analysis  # noqa: B018 - measured here, off the UI thread
        progress("writing previews at matched loudness", 0.88)
        previews = write_previews(preview_folder, mix, result.original,
                                  result.master.samples, result.master.after,
                                  stems.sample_rate, protect=protect)
        return RenderOutcome(result, previews)

    return work


def export(folder: Path, result, notes: Sequence[str], inputs: Sequence[Path]
           ) -> Callable[[Progress, threading.Event], object]:
    def work(progress: Progress, cancel: threading.Event):
        from dsp.moves import Plan
        from dsp.pipeline import export as export_files
        from moozix_tui.engine.present import layer_names

        return export_files(folder, result, plan=Plan(tuple(result.moves)).noting(notes),
                            names=layer_names(), inputs=inputs, progress=progress)

    return work
