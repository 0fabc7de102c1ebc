"""Fixes as data: a Move says what to do to which stem and why, in plain words.

Moves are serialisable (the chat session stores them) and replayable: undo is
rendering the original stems with fewer moves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from dsp.sized import Sized
from dsp.wording import hz, percent, the_part

__all__ = ["MEASURED_GAIN_DB", "MOST_GAIN_DB", "OPERATIONS", "SEVERITY_SCALE", "TONES",
           "FixRequest", "Move", "Note", "Plan", "signature"]

OPERATIONS = ("gain", "high_pass", "low_shelf", "high_shelf", "bell", "deess", "compress",
              "transient", "parallel_compress", "duck", "mono_below", "phase_repair", "width",
              "reverb_send", "expand", "saturate", "harmonics", "polarity")
SEVERITY_SCALE = MappingProxyType({"mild": 0.6, "normal": 1.0, "strong": 1.4})
TONES = ("muddy", "harsh", "dull", "thin")
_STRENGTH_KEYS = ("mix", "amount")
MOST_GAIN_DB = MappingProxyType({"gain": 18.0, "bell": 15.0, "low_shelf": 15.0,
                                 "high_shelf": 15.0})
"""How far `more` may take a move's gain: past it a level or EQ move stops being a mix
decision (a 22 dB vocal lift was possible)."""
MEASURED_GAIN_DB = 12.0
"""The most a level move sized by the measurement makes, however strongly the complaint is
put; `more` may take it on to MOST_GAIN_DB."""


@dataclass(frozen=True)
class FixRequest:
    layer: str
    problem: str
    severity: str = "normal"
    file: str | None = None
    """One file of the part the complaint singles out ("the DI guitar"), by its StemSet
    name; None for the whole part."""
    tone: str = ""
    """Which way a whole-song tone (tonal_balance) is off, as the part problem the words
    named: muddy, harsh, dull or thin; empty when they don't say."""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITY_SCALE:
            raise ValueError(f"FixRequest.severity must be one of {list(SEVERITY_SCALE)}, "
                             f"got {self.severity!r}")
        if self.tone and self.tone not in TONES:
            raise ValueError(f"FixRequest.tone must be one of {sorted(TONES)}, got "
                             f"{self.tone!r}")

    @property
    def source(self) -> str:
        """The complaint a move answers, as layer/problem; a whole-song tone names its
        direction instead (mix/muddy), which picks its measurement of record."""
        return f"{self.layer}/{self.tone or self.problem}"


@dataclass(frozen=True)
class Move:
    stem: str
    """A part (each of its files), a layer ("drums"), one file's name, or "mix" (the bus);
    see StemSet.select."""
    op: str
    params: Mapping[str, float | str]
    reason: str
    source: str
    sized: Sized | None = None
    """Which other moves of its plan the reason counts on, and its words as they come and
    go (dsp.sized); None: the reason holds whatever else is planned. The plan's to say, not
    the move's: to_dict leaves it out, and a session keeps it beside the move."""

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
        """Stronger (factor > 1) or gentler: strengths scale, frequencies and times do not;
        gains stop at MOST_GAIN_DB."""
        params = {}
        for key, value in self.params.items():
            if isinstance(value, int | float) and (key.endswith("_db") or key in _STRENGTH_KEYS):
                value = round(float(value) * factor, 2)
                if key in _STRENGTH_KEYS:
                    value = min(max(value, 0.0), 1.0)
                if key == "gain_db" and self.op in MOST_GAIN_DB:
                    most = MOST_GAIN_DB[self.op]
                    value = min(max(value, -most), most)
            params[key] = value
        return replace(self, params=params)

    def action(self, names: Mapping[str, str]) -> str:
        """What the move does, as a sentence with its numbers: 'Turn the lead vocal up 8.6
        dB'. `names`: each layer's name for people (intents.LAYER_NAMES, from the caller:
        dsp never reads the words' data); a stem that is one file is named as it is."""
        params = dict(self.params)
        if "trigger" in params:  # a duck's trigger part
            params["trigger"] = the_part(str(params["trigger"]), names)
        return _ACTIONS[self.op](the_part(self.stem, names), params)

    def describe(self, names: Mapping[str, str]) -> str:
        """The action and why: 'Turn the lead vocal up 8.6 dB — it sat 9.1 LU under the
        rest'."""
        action = self.action(names)
        return f"{action} — {self.reason}" if self.reason else action


def _db(value: float) -> str:
    """A size in dB without a sign ('3.1 dB'); never '-0.0'."""
    return f"{abs(float(value)):.1f} dB"


def _up_down(part: str, gain_db: float) -> str:
    if abs(gain_db) < 0.05:
        return f"Leave {part} where it is"
    return f"Turn {part} {'up' if gain_db > 0 else 'down'} {_db(gain_db)}"


def _boost_cut(gain_db: float) -> str:
    return "Lift" if gain_db > 0 else "Cut"


_ACTIONS = {
    "gain": lambda part, p: _up_down(part, p["gain_db"]),
    "high_pass": lambda part, p: f"Roll off {part} below {hz(p['cutoff_hz'])}",
    "low_shelf": lambda part, p: (f"{_boost_cut(p['gain_db'])} the lows of {part} below "
                                  f"{hz(p['cutoff_hz'])} by {_db(p['gain_db'])}"),
    "high_shelf": lambda part, p: (f"{_boost_cut(p['gain_db'])} the highs of {part} above "
                                   f"{hz(p['cutoff_hz'])} by {_db(p['gain_db'])}"),
    "bell": lambda part, p: (f"{_boost_cut(p['gain_db'])} {part} at {hz(p['freq_hz'])} "
                             f"by {_db(p['gain_db'])}"),
    "deess": lambda part, p: (f"Tame {part} around {hz(p['freq_hz'])} only while that band "
                              f"flares, by up to {_db(p['max_reduction_db'])}"),
    "compress": lambda part, p: (f"Even out {part}: compress {p['ratio']:.1f}:1 above "
                                 f"{p['threshold_db']:.0f} dBFS"),
    "transient": lambda part, p: (f"{'Sharpen' if p['attack_db'] >= 0 else 'Soften'} the hits "
                                  f"of {part} by {_db(p['attack_db'])}"),
    "parallel_compress": lambda part, p: (f"Thicken {part} with parallel compression "
                                          f"({percent(p['mix'])} blend)"),
    "duck": lambda part, p: (f"Dip {part}"
                             + (f" below {hz(p['cutoff_hz'])}" if p.get("cutoff_hz") else "")
                             + f" by up to {_db(p['depth_db'])} when "
                             + (f"the low end of {p['trigger']} hits" if p.get("key_hz")
                                else f"{p['trigger']} plays")),
    "mono_below": lambda part, p: f"Make {part} mono below {hz(p['cutoff_hz'])}",
    "phase_repair": lambda part, p: f"Repair the stereo phase of {part}",
    "polarity": lambda part, p: f"Flip the polarity of {part}",
    "width": lambda part, p: (f"{'Widen' if p['side_gain_db'] > 0 else 'Narrow'} {part} by "
                              f"{_db(p['side_gain_db'])} of side level"),
    "reverb_send": lambda part, p: f"Add reverb to {part}, {abs(p['wet_db']):.0f} dB under it",
    "expand": lambda part, p: (f"Pull down the tails of {part} below {p['threshold_db']:.0f} "
                               f"dBFS ({p['ratio']:.1f}:1)"),
    "saturate": lambda part, p: f"Warm {part} with gentle saturation ({_db(p['drive_db'])} drive)",
    "harmonics": lambda part, p: (f"Give {part} harmonics above {hz(p['above_hz'])} so small "
                                  "speakers can play it"),
}


@dataclass(frozen=True)
class Note:
    """Something the plan says beside its moves, and what of them it counts on."""
    text: str
    sized: Sized | None = None
    about: tuple[int, ...] = ()
    """The moves the note is about (those its request planned), by their place in
    Plan.moves: with every one of them left out ("I made a nudge of 1.0 LU" after `undo`
    took the nudge back) the note no longer holds. Empty: about no move."""


@dataclass(frozen=True)
class Plan:
    moves: tuple[Move, ...] = ()
    notes: tuple[Note, ...] = field(default=())
    gentle: tuple[int, ...] = ()
    """The moves (by place in `moves`) of a request kept small because the measurement
    doesn't back a bigger one (the notes say what was measured): the user can still ask
    for more of those."""
    limited: tuple[str, ...] = ()
    """The stems whose level move stops at MEASURED_GAIN_DB short of its goal (its reason
    says where the part lands): `more` takes it further, a stronger complaint does not."""
    idle: tuple[Move, ...] = ()
    """Level moves the plan's other moves made unnecessary (the notes say so): not made,
    but the complaint each answers is still measured on what it would have moved
    (dsp.pipeline.render's `idle`)."""
    held: tuple[str, ...] = ()
    """The sources of earlier fixes (plan_fixes' `kept`) whose parts this plan holds where
    the audio it was measured on has them (with a move of its own, or none needed): with
    this plan's moves in, those fixes' landings stand."""

    @property
    def at_limit(self) -> tuple[int, ...]:
        """The level moves (by place in `moves`) on the `limited` stems: those `more` takes
        further."""
        return tuple(i for i, m in enumerate(self.moves)
                     if m.op == "gain" and m.stem in self.limited)

    @property
    def said(self) -> tuple[str, ...]:
        """The notes' words as planned, every move in: what the CLI and the report print."""
        return tuple(n.text for n in self.notes)

    def noting(self, texts: Sequence[str]) -> Plan:
        """The plan with notes that count on none of its moves said first."""
        return replace(self, notes=(*(Note(t) for t in texts), *self.notes))


def signature(move: Move) -> tuple[str, str, str]:
    """What stays of a move while the plan settles it (its size and reason may change)."""
    return move.stem, move.op, move.source
