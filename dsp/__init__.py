"""The DSP core: load and check audio, analyse, plan fixes, mix, master, export.

No UI and no text parsing. Audio inside is float32 shaped (channels, frames).
Names load lazily, so importing `dsp` (or its numpy-free `dsp.atomic`) is cheap
until audio work actually starts.
"""

from __future__ import annotations

import importlib
import os

# numpy's OpenBLAS keeps a pool of worker threads that spin while they wait for work.
# dsp's matrix products are small (the true-peak interpolators, the scan's energies) and
# dsp runs its own threads, one per core, so a second pool only burns the cores they need:
# `moozix fix` on the benchmark session took 11.4 s of CPU with BLAS on two threads and
# 4.9 s on one. Read once, when numpy loads: the CLI and the app import dsp before numpy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

_EXPORTS = {
    "errors": ("DspError", "AudioFileError", "AudioContentError", "OutputPathError", "Cancelled"),
    "audio": ("AudioFile", "load_audio", "SUPPORTED_EXTENSIONS"),
    "writing": ("write_wav",),
    "atomic": ("atomic_write_bytes",),
    "meter": ("Loudness", "measure_loudness", "integrated_lufs", "short_term_lufs",
              "loudness_range_lu", "true_peak_dbtp", "sample_peak_dbfs"),
    "intake": ("FolderListing", "audio_files_in", "split_stereo_pairs"),
    "check": ("Notice", "FileCheck", "check_audio", "Stem", "StemSet", "harmonise"),
    "analysis": ("BANDS", "TrackAnalysis", "analyse_track"),
    "stem_analysis": ("Harshness", "SessionAnalysis", "analyse_session"),
    "diagnosis": ("Finding", "diagnose"),
    "moves": ("FixRequest", "Move", "Plan"),
    "recipes": ("plan_fixes",),
    "processing": ("apply_moves",),
    "mixing": ("mix_stems",),
    "targets": ("MasterTarget", "TARGETS", "resolve_target"),
    "mastering": ("STYLES", "MasterSettings", "MasterResult", "master"),
    "pipeline": ("load_stems", "RenderResult", "render", "ExportResult", "export"),
    "synth": ("make_song",),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'dsp' has no attribute {name!r}")
    return getattr(importlib.import_module(f"dsp.{_WHERE[name]}"), name)
