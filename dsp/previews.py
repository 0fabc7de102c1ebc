"""Before/after previews a listener can compare fairly: the same loudness, no clipping.

A louder version sounds better to almost everyone, so a comparison is only honest at
matched loudness. The louder file is turned down to the quieter one (never up, never
clipped), and both are turned down further if either would pass the true-peak ceiling.
What is reported is measured on the files as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dsp.audio import load_audio
from dsp.meter import Loudness, measure_loudness
from dsp.writing import write_wav

__all__ = ["PREVIEW_CEILING_DBTP", "Previews", "matched_gains_db", "write_previews"]

PREVIEW_CEILING_DBTP = -1.0


@dataclass(frozen=True)
class Previews:
    before: Path
    after: Path
    before_written: Loudness
    after_written: Loudness


def matched_gains_db(before: Loudness, after: Loudness, *,
                     ceiling_dbtp: float = PREVIEW_CEILING_DBTP) -> tuple[float, float]:
    """Gains (dB, both <= 0) that bring two signals to one loudness with neither true peak
    over the ceiling: the common level is the lowest that every constraint allows."""
    common = min(before.integrated_lufs, after.integrated_lufs,
                 before.integrated_lufs + ceiling_dbtp - _peak(before),
                 after.integrated_lufs + ceiling_dbtp - _peak(after))
    return common - before.integrated_lufs, common - after.integrated_lufs


def _peak(loudness: Loudness) -> float:
    """The higher of the two true-peak readings (the precise one may be NaN if not taken)."""
    return float(np.nanmax([loudness.true_peak_dbtp, loudness.precise_peak_dbtp]))


def write_previews(folder: str | Path, original: np.ndarray, original_loudness: Loudness,
                   master: np.ndarray, master_loudness: Loudness, sample_rate: int, *,
                   protect: Iterable[Path] = ()) -> Previews:
    """before.wav (the user's own mix) and after.wav (the master) at matched loudness.
    The loudness of each is what the render already measured; the files as written are
    measured again, since that is what the figures shown describe."""
    folder = Path(folder)
    protect = list(protect)
    before_gain, after_gain = matched_gains_db(original_loudness, master_loudness)
    written = []
    for name, samples, gain_db in (("before.wav", original, before_gain),
                                   ("after.wav", master, after_gain)):
        scaled = samples * np.float32(10 ** (gain_db / 20))
        path = write_wav(folder / name, scaled, sample_rate, protect=protect)
        audio = load_audio(path)
        written.append((path, measure_loudness(audio.samples, audio.sample_rate)))
    (before_path, before_lufs), (after_path, after_lufs) = written
    return Previews(before_path, after_path, before_lufs, after_lufs)
