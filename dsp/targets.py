"""Loudness targets: a name ('streaming', 'apple'...) or a LUFS number, and the ceiling.

Kept apart from dsp.mastering, which needs numpy and scipy: the chat names its target
on the first screen, before any audio work has loaded them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from dsp.errors import DspError

__all__ = ["TARGETS", "MasterTarget", "resolve_target"]


@dataclass(frozen=True)
class MasterTarget:
    name: str
    lufs: float
    ceiling_dbtp: float
    source: str = ""
    label: str = ""

    def __post_init__(self) -> None:
        if not -40.0 <= self.lufs <= -5.0:
            raise DspError(f"target loudness {self.lufs:g} LUFS is out of range — "
                           "choose between -40 and -5 LUFS")
        if not -6.0 <= self.ceiling_dbtp <= 0.0:
            raise DspError(f"ceiling {self.ceiling_dbtp:g} dBTP is out of range — "
                           "choose between -6 and 0 dBTP")


def _load_targets() -> MappingProxyType[str, MasterTarget]:
    text = resources.files("dsp").joinpath("data/targets.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)
    return MappingProxyType({
        name: MasterTarget(name=name, lufs=float(e["lufs"]),
                           ceiling_dbtp=float(e["ceiling_dbtp"]), source=e["source"],
                           label=e["label"])
        for name, e in table.items()
    })


TARGETS = _load_targets()


def resolve_target(name_or_lufs: str | float | None, *,
                   ceiling_dbtp: float | None = None) -> MasterTarget:
    """A named target ('streaming', 'apple'…) or a LUFS number; None means streaming."""
    if name_or_lufs is None:
        base = TARGETS["streaming"]
    elif isinstance(name_or_lufs, int | float):
        base = MasterTarget("custom", float(name_or_lufs), -1.0, "your own number", "Custom")
    else:
        text = str(name_or_lufs).strip().lower()
        if text in TARGETS:
            base = TARGETS[text]
        else:
            try:
                lufs = float(text.replace("lufs", "").strip())
            except ValueError:
                names = ", ".join(TARGETS)
                raise DspError(f"unknown loudness target {name_or_lufs!r} — use one of "
                               f"{names} or a number like -14") from None
            base = MasterTarget("custom", lufs, -1.0, "your own number", "Custom")
    if ceiling_dbtp is None:
        return base
    return MasterTarget(base.name, base.lufs, float(ceiling_dbtp), base.source, base.label)
