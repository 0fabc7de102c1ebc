"""`moozix analyze|master|fix`: the DSP pipeline on the command line (filled in below)."""

from __future__ import annotations


def add_parsers(subparsers) -> None:
    """Registered once the pipeline lands."""
