"""What the engine hands the UI: replies, jobs to run off the UI thread, and a view."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Job", "Progress", "Reply", "SessionView", "StemSlot", "SummaryCard", "SummaryRow",
           "Turn"]

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Reply:
    role: str
    markdown: str
    kind: str = "text"

    def to_dict(self) -> dict:
        return {"role": self.role, "markdown": self.markdown, "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict) -> Reply:
        return cls(str(data["role"]), str(data["markdown"]), str(data.get("kind", "text")))


@dataclass(frozen=True, eq=False)
class Job:
    """Long work for a worker thread: pure computation, no engine state is touched."""

    id: str
    kind: str
    label: str
    work: Callable[[Progress, threading.Event], object]
    cancel_event: threading.Event = field(default_factory=threading.Event)

    def run(self, progress: Progress, cancel: threading.Event | None = None) -> object:
        return self.work(progress, cancel or self.cancel_event)


@dataclass(frozen=True)
class Turn:
    replies: tuple[Reply, ...] = ()
    job: Job | None = None


@dataclass(frozen=True)
class StemSlot:
    role: str
    name: str
    """The part's name for people (present.part_word), as the chat says it."""
    status: str
    path: str | None = None
    note: str = ""


@dataclass(frozen=True)
class SummaryRow:
    label: str
    before: float | None
    after: float | None
    unit: str
    typical: tuple[float, float] | None = None
    """The typical range of a complaint's measurement of record (dsp.report rows)."""
    signed: bool = False
    """A value relative to something, printed with its sign (dsp.diagnosis.Measure)."""
    better: int | None = None
    """Which way the complaint's own move pushes it, +1 up or -1 down (dsp.report rows)."""


@dataclass(frozen=True)
class SummaryCard:
    rows: tuple[SummaryRow, ...]
    spectrum_hz: tuple[float, ...]
    spectrum_before_db: tuple[float, ...]
    spectrum_after_db: tuple[float, ...]
    outputs: tuple[str, ...]


@dataclass(frozen=True)
class SessionView:
    session_dir: Path
    stems: tuple[StemSlot, ...]
    target: str
    style: str
    plan: tuple[str, ...]
    applied_moves: int
    can_undo: bool
    can_redo: bool
    busy: bool
    summary: SummaryCard | None
    history: tuple[Reply, ...]
    reference: str = ""
    """The reference track's file name, '' with none."""
