"""The whole job, top to bottom: load → check → analyse → fix → mix → master → export.

Each step is a function the chat engine can also call on its own (it analyses
once, plans, and re-renders after every change of plan).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from dsp.analysis import TrackAnalysis, analyse_track
from dsp.atomic import atomic_write_bytes, ensure_not_input
from dsp.audio import AudioFile, load_audio
from dsp.check import (
    FileCheck,
    Notice,
    StemSet,
    check_file,
    export_names,
    harmonise,
    left_out,
)
from dsp.errors import AudioContentError, Cancelled
from dsp.mastering import MasterResult, MasterSettings, master
from dsp.meter import Loudness, measure_loudness, true_peaks
from dsp.mixing import mix_stems
from dsp.moves import Move, Plan
from dsp.outputs import STEMS_FOLDER, OutputNames
from dsp.predict import MIX
from dsp.processing import apply_moves
from dsp.report import build_report, render_markdown
from dsp.staging import staged, swap_in
from dsp.stem_analysis import SessionAnalysis, analyse_session
from dsp.threads import thread_pool
from dsp.writing import MASTER_BIT_DEPTH, STEM_BIT_DEPTH, write_wav

__all__ = ["Balance", "ExportResult", "Progress", "RenderResult", "export", "load_stems",
           "render"]

Progress = Callable[[str, float], None]


def _quiet(stage: str, fraction: float) -> None:
    return None


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("cancelled — nothing was written")


def load_stems(sources: Sequence[tuple[str, Path]], *, true_peaks: bool = False,
               progress: Progress | None = None,
               read: Callable[[Path], AudioFile] = load_audio,
               part_names: Mapping[str, str] | None = None,
               kept_out: Sequence[Notice] = (),
               ) -> tuple[StemSet, tuple[FileCheck, ...]]:
    """Read and check every (part, file) source (both cores), any number per part. A file
    that can't be used (unreadable, silent, too short, surround) is left out, and the set's
    first notices say which and why; only a set with no usable file is refused, and a path
    that does not exist always is (a mistyped name is not a file to leave out).
    `true_peaks` adds each file's true peak to its check (see check_audio). The set's
    notices then hold every usable file's check notices (NaN/Inf repaired, clipped,
    truncated…) and harmonising's (rate converted, padded…), so whoever shows a render or
    its report shows what analysis showed. The checks returned are the usable files'.
    `kept_out`: the caller's notices of files it kept out before loading (not audio, a mix
    beside the stems…), first of all: every file given is accounted for.

    Each file is read and checked by the same worker, so while one measures (much of which
    holds the GIL) the other can be decoding (which does not). `read` decodes a file
    (ReadAhead.load takes files decoded ahead). The stems take over the files' arrays:
    nothing here keeps the AudioFiles.
    """
    report = progress or _quiet
    report("loading", 0.0)
    with thread_pool(2) as pool:
        checked = list(pool.map(lambda path: check_file(path, true_peak=true_peaks, read=read),
                                [Path(path) for _, path in sources]))
    unusable = [c for c in checked if c.audio is None]
    missing = [c.error for c in unusable if not c.path.expanduser().exists()]
    if missing or len(unusable) == len(checked):
        raise AudioContentError("; ".join(missing or [c.error for c in unusable]))
    report("harmonising", 0.8)
    usable = [(role, c) for (role, _), c in zip(sources, checked, strict=True)
              if c.audio is not None]
    stems = harmonise([(role, c.audio) for role, c in usable], reuse_arrays=True,
                      part_names=part_names)
    gone = tuple(Notice("warning", "left_out", left_out(c.error)) for c in unusable)
    found = tuple(n for _, c in usable for n in c.check.notices)
    notices = (*kept_out, *gone, *found, *stems.notices)
    return stems.replace(notices=notices), tuple(c.check for _, c in usable)


@dataclass(frozen=True, eq=False)
class RenderResult:
    stems: StemSet
    premaster: np.ndarray
    headroom_db: float
    master: MasterResult
    before: SessionAnalysis
    after: SessionAnalysis
    moves: tuple[Move, ...]
    original: Loudness
    """The user's own mix as given (the original stems summed at unity, or their stereo
    file), with its true peak: what every "before" figure of the whole song describes."""
    answers: tuple[str, ...] = ()
    """Every complaint the moves answer, as layer/problem (FixRequest.source), including
    those that needed no move of their own: each gets its before/after row."""
    idle: tuple[Move, ...] = ()
    """The plan's moves its other moves made unnecessary (Plan.idle), not made: a reverb
    complaint whose return's move was one still gets that return's row."""

    @cached_property
    def master_analysis(self) -> TrackAnalysis:
        """The master's spectrum and figures, for a before/after plot: measured on first
        use, since exporting does not need them."""
        return analyse_track(self.master.samples, self.stems.sample_rate,
                             loudness=self.master.after)


def _processed(stems: StemSet, moves: Sequence[Move]) -> StemSet:
    """The stems with the moves on them applied (the moves on the whole mix act later,
    on their sum)."""
    return apply_moves(stems, [m for m in moves if m.stem != "mix"])


def _audio_of(moves: Sequence[Move]) -> list[tuple[str, str, dict]]:
    """What of the moves makes the processed stems' audio (not their reasons or sizing)."""
    return [(m.stem, m.op, dict(m.params)) for m in moves if m.stem != "mix"]


class Balance:
    """What a render of some moves will measure between the parts (its `after`, which the
    report shows): the moves applied to the stems and the result analysed, as render does.
    For a plan to say where a part lands (dsp.recipes.plan_fixes' `measure`).

    The last measurement is kept, processed stems and all (only the files a move touched
    are new arrays): the same moves again are not measured again, and other moves are
    measured reusing it (dsp.stem_analysis.analyse_session's `reuse`), so moves that only
    settled their levels since are not K-weighted again. render takes it over (`take`)."""

    def __init__(self, stems: StemSet, before: SessionAnalysis) -> None:
        self.stems = stems
        self.before = before
        self._last: tuple[list, StemSet, SessionAnalysis] | None = None

    def __call__(self, moves: Sequence[Move]) -> SessionAnalysis:
        return self.measure(moves)[1]

    def measure(self, moves: Sequence[Move]) -> tuple[StemSet, SessionAnalysis]:
        """The stems with `moves` on them and their analysis."""
        audio = _audio_of(moves)
        if self._last is not None and self._last[0] == audio:
            return self._last[1], self._last[2]
        reuse = (self._last[1], self._last[2]) if self._last else (self.stems, self.before)
        fixed = _processed(self.stems, moves)
        self._last = (audio, fixed, analyse_session(fixed, reuse=reuse))
        return fixed, self._last[2]

    def take(self) -> tuple[list, StemSet, SessionAnalysis] | None:
        """The last measurement (the moves' audio-making part, the processed stems, their
        analysis), no longer kept here: a render that takes it holds the only copy."""
        last, self._last = self._last, None
        return last


def render(stems: StemSet, moves: Sequence[Move], settings: MasterSettings, *,
           before: SessionAnalysis | None = None,
           reference: tuple[np.ndarray, int] | None = None,
           progress: Progress | None = None,
           cancel: threading.Event | None = None,
           original: Loudness | None = None,
           original_mix: np.ndarray | None = None,
           answers: Sequence[str] = (), idle: Sequence[Move] = (),
           measured: Balance | None = None) -> RenderResult:
    """`original`: the user's own mix as an earlier render of these same stems measured it
    (re-renders after undo or "more" don't measure it again); `original_mix`: their sum,
    when the caller has it already; `answers`, `idle`: see RenderResult. `measured`: the
    plan's measure of these stems (see Balance), whose last measurement is taken over: the
    very moves it measured are neither applied nor measured again, and others are measured
    reusing it."""
    report = progress or _quiet
    report("analysing", 0.02)
    before = before or analyse_session(stems)
    # the user's own mix's true peak, for the "before" figures: measured on a spare thread
    # while the moves are applied and mixed (numpy and BLAS release the GIL)
    with thread_pool(1) as spare:
        original_peaks = None if original is not None else spare.submit(
            lambda: true_peaks(stems.mixdown() if original_mix is None else original_mix))
        _check_cancel(cancel)
        report("applying moves", 0.1)
        bus_moves = [m for m in moves if m.stem == "mix"]
        last = measured.take() if measured is not None and measured.stems is stems else None
        same = last is not None and last[0] == _audio_of(moves)
        fixed = last[1] if same else _processed(stems, moves)
        _check_cancel(cancel)
        report("mixing", 0.25)
        premaster, headroom = mix_stems(fixed, mix_moves=bus_moves)
        _check_cancel(cancel)
        report("measuring the new balance", 0.3)
        after = last[2] if same else analyse_session(
            fixed, reuse=(last[1], last[2]) if last is not None else (stems, before))
        last = None   # the measured stems, when not these, are no longer needed
        if bus_moves:
            # the moves on the whole mix act after the stems are summed: the mix's own
            # figures are those of the bus they leave (at the mix's level, before headroom)
            bus = premaster * np.float32(10 ** (-headroom / 20))
            after = replace(after, mix=analyse_track(bus, stems.sample_rate))
        _check_cancel(cancel)
        mastered = master(premaster, stems.sample_rate, settings, reference=reference,
                          measured=after.mix.loudness.scaled(headroom),
                          progress=lambda stage, f: report(f"mastering: {stage}",
                                                           0.45 + 0.45 * f),
                          cancel=cancel)
        _check_cancel(cancel)
        if original_peaks is not None:
            peaks = original_peaks.result()
            original = replace(before.mix.loudness, true_peak_dbtp=peaks.standard_dbtp,
                               precise_peak_dbtp=peaks.precise_dbtp)
    report("done", 1.0)
    return RenderResult(stems=fixed, premaster=premaster, headroom_db=headroom,
                        master=mastered, before=before, after=after,
                        moves=tuple(moves), original=original, answers=tuple(answers),
                        idle=tuple(idle))


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    names: OutputNames
    written_lufs: float
    written_true_peak_dbtp: float
    """The precise figure (the long 16x filter): what ideal interpolation reads on the
    band-limited master; written_bs1770_peak_dbtp is BS.1770's 4x one."""
    written_bs1770_peak_dbtp: float
    replaced: tuple[Path, ...] = ()
    """Outputs of an earlier run that were already in the folder and are now replaced: a
    rerun into the same --out never overwrites without saying so."""
    removed: tuple[Path, ...] = ()
    """Stems an earlier run wrote (its report.json lists them) that this set has not: a
    rerun with other inputs leaves no stale stems in stems/."""

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self.folder / name for name in self.names.every)

    @property
    def master(self) -> Path:
        return self.folder / self.names.master

    @property
    def premaster(self) -> Path:
        return self.folder / self.names.premaster

    @property
    def stems(self) -> tuple[Path, ...]:
        return tuple(self.folder / name for name in self.names.stems)

    @property
    def report_json(self) -> Path:
        return self.folder / self.names.report_json

    @property
    def report_md(self) -> Path:
        return self.folder / self.names.report_md


def export(out_dir: str | Path, result: RenderResult, *, plan: Plan, names: Mapping[str, str],
           inputs: Iterable[Path] = (), progress: Progress | None = None) -> ExportResult:
    """Write every output, as one set (see dsp.staging): a failure half-way leaves the
    folder as it was, and stems an earlier run wrote for other inputs go with the swap.
    The master is measured as written, not as computed: it is read back, and its figures
    are those mastering measured only if it decodes to the very samples they were
    measured on; otherwise it is measured again. `names`: each layer's name for people,
    for the report (see Move.action).

    Three threads for two cores: one reads the master back and measures it as soon as it
    is on disk, while the others write the rest, each spending part of a file on fsync.
    """
    report = progress or _quiet
    folder = Path(out_dir).expanduser()
    inputs = [Path(p) for p in inputs]
    rate = result.stems.sample_rate
    # a stereo mix mastered alone is no stem: its copy would be the input again
    stems = () if result.stems.parts == (MIX,) else result.stems.stems
    outputs = OutputNames.with_stems(export_names(stems))
    for path in (folder, *(folder / name for name in outputs.every)):
        ensure_not_input(path, inputs)
    earlier = _earlier_outputs(folder)
    report("writing the master, premaster and stems", 0.1)
    with staged(folder) as staging:
        jobs = [(staging / outputs.master, result.master.samples, MASTER_BIT_DEPTH, False),
                (staging / outputs.master_16bit, result.master.samples, 16, True),
                (staging / outputs.premaster, result.premaster, 24, False)]
        jobs += [(staging / name, stem.samples, STEM_BIT_DEPTH, False)
                 for name, stem in zip(outputs.stems, stems, strict=True)]
        # the report's master figures are measured while the files are written
        loudness = _write_all(jobs, rate, result.master, report,
                              meanwhile=lambda: result.master_analysis)
        data = build_report(result, plan=plan, written=loudness, names=names,
                            outputs=outputs.listed)
        atomic_write_bytes(staging / outputs.report_json,
                           json.dumps(data, indent=2).encode("utf-8"))
        atomic_write_bytes(staging / outputs.report_md, render_markdown(data).encode("utf-8"))
        swapped = swap_in(staging, folder, outputs.every, earlier=earlier, protect=inputs)
    report("done", 1.0)
    return ExportResult(folder=folder, names=outputs, written_lufs=loudness.integrated_lufs,
                        written_true_peak_dbtp=loudness.precise_peak_dbtp,
                        written_bs1770_peak_dbtp=loudness.true_peak_dbtp,
                        replaced=swapped.replaced, removed=swapped.removed)


def _write_all(jobs: Sequence[tuple[Path, np.ndarray, int, bool]], rate: int,
               mastered: MasterResult, report: Progress, *,
               meanwhile: Callable[[], object] = lambda: None) -> Loudness:
    """Write every (path, samples, bit depth, dither) job, the first being the master, and
    return the master's figures as written; `meanwhile` runs on this thread as they are
    written (it would only wait for them). Stopped (an error, Ctrl+C), the writes not yet
    begun are dropped rather than waited for."""
    def write(job: tuple[Path, np.ndarray, int, bool]) -> Path:
        path, samples, bits, dither = job
        return write_wav(path, samples, rate, bit_depth=bits, dither=dither)

    def measure(written: Future[Path]) -> Loudness:
        audio = load_audio(written.result())
        if audio.sample_rate == rate and np.array_equal(audio.samples, mastered.samples):
            return mastered.after  # measured on these very samples (see master)
        return measure_loudness(audio.samples, audio.sample_rate)

    # not dsp.threads.thread_pool: even a Ctrl+C waits for the writes in progress, as a
    # write left running after staged() removed its folder would make it again (atomic
    # writes make their folder) and leave it in the user's --out
    pool = ThreadPoolExecutor(max_workers=3)
    try:
        writes = [pool.submit(write, jobs[0])]
        measured = pool.submit(measure, writes[0])
        writes += [pool.submit(write, job) for job in jobs[1:]]
        meanwhile()
        for done in writes:
            done.result()
        report("checking the written master", 0.8)
        return measured.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _earlier_outputs(folder: Path) -> list[str]:
    """The stems an earlier export into `folder` wrote, as its report.json lists them; a
    report that isn't one of ours names none. Only plain names under stems/ are taken, so
    nothing outside the folder's stems/ can be named."""
    try:
        listed = json.loads((folder / OutputNames().report_json).read_text("utf-8"))
        stems = listed["outputs"]["stems"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    if not isinstance(stems, list):
        return []
    prefix = f"{STEMS_FOLDER}/"
    return [name for name in stems if isinstance(name, str) and name.startswith(prefix)
            and "/" not in name[len(prefix):] and name[len(prefix):] not in ("", ".", "..")
            and name.endswith(".wav")]
