"""Numbers as a musician reads them on screen: fixed decimals and never a negative zero."""

from __future__ import annotations

import math

__all__ = ["number"]


def number(value: float | None, digits: int = 1, *, signed: bool = False,
           missing: str = "–") -> str:
    """`value` with `digits` decimals; a value that rounds to zero is shown without a sign
    (-0.04 is "0.0", never "-0.0"); `signed` puts a + on positive values."""
    if value is None or not math.isfinite(value):
        return missing
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    if float(text) == 0:
        return f"{0:.{digits}f}"
    return text
