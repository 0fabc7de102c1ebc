"""The names of the files an export writes, in one place: the export writes them under
these names, its report lists them, and the next export into the folder reads that list
to find the stems it left."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["STEMS_FOLDER", "OutputNames"]

STEMS_FOLDER = "stems"


@dataclass(frozen=True)
class OutputNames:
    """Each output's path inside the export folder ('/'-separated)."""

    stems: tuple[str, ...] = ()
    master: str = "master.wav"
    master_16bit: str = "master-16bit.wav"
    premaster: str = "premaster.wav"
    report_json: str = "report.json"
    report_md: str = "report.md"

    @classmethod
    def with_stems(cls, names: Iterable[str]) -> OutputNames:
        """The outputs with a stem file for each name (without .wav)."""
        return cls(stems=tuple(f"{STEMS_FOLDER}/{name}.wav" for name in names))

    @property
    def every(self) -> tuple[str, ...]:
        """Every output, the master first (it is written and read back first)."""
        return (self.master, self.master_16bit, self.premaster, *self.stems,
                self.report_json, self.report_md)

    @property
    def listed(self) -> dict[str, str | list[str]]:
        """The audio outputs as report.json lists them."""
        return {"master": self.master, "master_16bit": self.master_16bit,
                "premaster": self.premaster, "stems": list(self.stems)}
