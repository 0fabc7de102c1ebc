"""Fixes as data: a Move says what to do to which stem and why, in plain words.

Moves are serialisable (the chat session stores them) and replayable: undo is
rendering the original stems with fewer moves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

__all__ = ["OPERATIONS", "SEVERITY_SCALE", "FixRequest", "Move", "Plan"]

OPERATIONS = ("gain", "high_pass", "low_shelf", "high_shelf", "bell", "deess", "compress",
              "transient", "parallel_compress", "duck", "mono_below", "phase_repair", "width",
              "reverb_send", "expand", "saturate")
SEVERITY_SCALE = MappingProxyType({"mild": 0.6, "normal": 1.0, "strong": 1.4})
_STRENGTH_KEYS = ("mix", "amount")


@dataclass(frozen=True)
class FixRequest:
    layer: str
    problem: str
    severity: str = "normal"

    def __post_init__(self) -> None:
        if self.severity not in SEVERITY_SCALE:
            raise ValueError(f"FixRequest.severity must be one of {list(SEVERITY_SCALE)}, "
                             f"got {self.severity!r}")

    @property
    def source(self) -> str:
        return f"{self.layer}/{self.problem}"


@dataclass(frozen=True)
class Move:
    stem: str
    op: str
    params: Mapping[str, float | str]
    reason: str
    source: str

    def __post_init__(self) -> None:
        if self.op not in OPERATIONS:
            raise ValueError(f"Move.op must be one of {OPERATIONS}, got {self.op!r}")
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def to_dict(self) -> dict:
        return {"stem": self.stem, "op": self.op, "params": dict(self.params),
                "reason": self.reason, "source": self.source}

    @classmethod
    def from_dict(cls, data: Mapping) -> Move:
        return cls(stem=str(data["stem"]), op=str(data["op"]), params=dict(data["params"]),
                   reason=str(data.get("reason", "")), source=str(data.get("source", "")))

    def scaled(self, factor: float) -> Move:
        """Stronger (factor > 1) or gentler: strengths scale, frequencies and times do not."""
        params = {}
        for key, value in self.params.items():
            if isinstance(value, int | float) and (key.endswith("_db") or key in _STRENGTH_KEYS):
                value = round(float(value) * factor, 2)
                if key in _STRENGTH_KEYS:
                    value = min(max(value, 0.0), 1.0)
            params[key] = value
        return replace(self, params=params)

    def describe(self) -> str:
        """One line a musician can read: '{stem}: +8.3 dB gain — reason'."""
        return f"{self.stem}: {_op_words(self)} — {self.reason}"


def _hz(value: float) -> str:
    return f"{value / 1000:.1f} kHz" if value >= 1000 else f"{value:.0f} Hz"


def _op_words(move: Move) -> str:
    p = move.params
    words = {
        "gain": lambda: f"{p['gain_db']:+.1f} dB level",
        "high_pass": lambda: f"high-pass at {_hz(p['cutoff_hz'])}",
        "low_shelf": lambda: f"low shelf {p['gain_db']:+.1f} dB below {_hz(p['cutoff_hz'])}",
        "high_shelf": lambda: f"high shelf {p['gain_db']:+.1f} dB above {_hz(p['cutoff_hz'])}",
        "bell": lambda: f"EQ {p['gain_db']:+.1f} dB at {_hz(p['freq_hz'])}",
        "deess": lambda: f"de-ess up to {p['max_reduction_db']:.1f} dB around {_hz(p['freq_hz'])}",
        "compress": lambda: f"compress {p['ratio']:.1f}:1 above {p['threshold_db']:.0f} dBFS",
        "transient": lambda: f"transients {p['attack_db']:+.1f} dB",
        "parallel_compress": lambda: f"parallel compression, {p['mix'] * 100:.0f}% blend",
        "duck": lambda: f"duck {p['depth_db']:.1f} dB when the {p['trigger']} hits",
        "mono_below": lambda: f"mono below {_hz(p['cutoff_hz'])}",
        "phase_repair": lambda: "repair the stereo phase",
        "width": lambda: f"stereo width {p['side_gain_db']:+.1f} dB",
        "reverb_send": lambda: f"reverb at {p['wet_db']:.0f} dB",
        "expand": lambda: f"expander {p['ratio']:.1f}:1 under {p['threshold_db']:.0f} dBFS",
        "saturate": lambda: f"saturation {p['drive_db']:.1f} dB drive",
    }
    return words[move.op]()


@dataclass(frozen=True)
class Plan:
    moves: tuple[Move, ...] = ()
    notes: tuple[str, ...] = field(default=())
