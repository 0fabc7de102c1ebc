"""Numbers as the chat and the reports print them."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["PLURAL_PARTS", "khz_band", "listing", "signed", "signed_range"]

PLURAL_PARTS = frozenset({"keys", "drums", "guitars", "backing_vocals", "cymbals", "instruments"})
"""Parts whose name is a plural noun: "the keys carry", "the bass carries"."""


def signed(value: float, digits: int = 1) -> str:
    """A signed figure ('+3.1', '-0.4', '+0.0'): never '-0.0', which rounding a small
    negative number to `digits` would otherwise print."""
    rounded = round(float(value), digits) + 0.0
    return f"{rounded:+.{digits}f}"


def signed_range(low: float, high: float, digits: int = 0) -> str:
    """A typical range with its signs ('-20…-10', '-1…+3')."""
    return f"{signed(low, digits)}…{signed(high, digits)}"


def khz_band(band: tuple[float, float]) -> str:
    """A band in kHz ('3–7 kHz', '1–16 kHz')."""
    return f"{band[0] / 1000:g}–{band[1] / 1000:g} kHz"


def listing(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return " and ".join(items) if len(items) < 3 else ", ".join(items[:-1]) + " and " + items[-1]
