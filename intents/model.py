"""What the intent engine returns: small frozen records the chat, CLI and tests share."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SEVERITIES", "Clarification", "Correction", "Guess", "Intent", "IntentError",
           "Understanding"]

SEVERITIES = ("mild", "normal", "strong")


class IntentError(Exception):
    """Root of the intent engine's errors (a broken rule file names the entry)."""


@dataclass(frozen=True)
class Intent:
    layer: str
    problem: str
    route: str
    severity: str
    stems: tuple[str, ...]
    evidence: str
    span: tuple[int, int]
    tone: str = ""
    """For whole-song tone (tonal_balance): which way the words say it is off, as the
    part problem they named (muddy, harsh, dull, thin); empty when they don't say."""

    def to_dict(self) -> dict:
        out = {"layer": self.layer, "problem": self.problem, "route": self.route,
               "severity": self.severity, "stems": list(self.stems),
               "evidence": self.evidence}
        return {**out, "tone": self.tone} if self.tone else out


@dataclass(frozen=True)
class Clarification:
    """A problem named without a part, where the part decides the fix."""

    problem: str
    candidates: tuple[str, ...]
    evidence: str
    span: tuple[int, int]

    def to_dict(self) -> dict:
        return {"problem": self.problem, "candidates": list(self.candidates),
                "evidence": self.evidence}


@dataclass(frozen=True)
class Guess:
    """A close reading offered as a choice: when no intent is found, or beside a doubtful
    one as what the words may mean instead."""

    layer: str
    problem: str
    route: str
    evidence: str
    score: float
    """0..1: how much the words support this reading (for ranking, not a probability)."""
    instead_of: int | None = None
    """Index in `Understanding.intents` of the doubtful reading this is an alternative to;
    None for a guess made when no intent was found."""

    def to_dict(self) -> dict:
        return {"layer": self.layer, "problem": self.problem, "route": self.route,
                "evidence": self.evidence, "score": self.score, "instead_of": self.instead_of}


@dataclass(frozen=True)
class Correction:
    typed: str
    understood: str

    def to_dict(self) -> dict:
        return {"typed": self.typed, "understood": self.understood}


@dataclass(frozen=True)
class Understanding:
    text: str
    kind: str
    intents: tuple[Intent, ...]
    unclear: tuple[Clarification, ...] = ()
    corrections: tuple[Correction, ...] = ()
    topic: str | None = None
    guesses: tuple[Guess, ...] = ()
    """Ranked closest readings (never a dead end): when `intents` is empty, what the words
    may mean; beside doubtful intents, their alternatives (`Guess.instead_of`). A sure
    reading has none."""
    vague: bool = False
    """A whole-song complaint that names no problem ("sounds amateur", "something's off"):
    the chat measures the song and proposes what it finds."""
    read_chars: int | None = None
    """How many characters of a message longer than the engine reads (`text.MAX_CHARS`)
    were read; None when all of it was."""

    def to_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind,
                "intents": [i.to_dict() for i in self.intents],
                "unclear": [c.to_dict() for c in self.unclear],
                "corrections": [c.to_dict() for c in self.corrections],
                "topic": self.topic, "guesses": [g.to_dict() for g in self.guesses],
                "vague": self.vague, "read_chars": self.read_chars}
