"""Numbers as the chat and the reports print them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["against_its_fix", "change", "definite", "figure", "khz_band", "listing", "number",
           "part_name", "percent", "removed_outputs", "replaced_outputs", "rounded",
           "row_change", "signed", "signed_range", "spoken", "the_part"]


_ID_WORDS = {"backing_vocals": "backing vocals"}


def spoken(role: str) -> str:
    """A part's id as a word ('backing vocals', never 'backing_vocals'), where no name for
    people was given (see part_name); a file's name as it is."""
    return _ID_WORDS.get(role, role)


def part_name(role: str, names: Mapping[str, str]) -> str:
    """A part as a sentence names it: its name for people from `names` (intents.LAYER_NAMES,
    given by the caller: dsp never reads the words' data), else its id as a word; a stem
    that is one file by the file's name. Names are singular ('lead vocal') or plural ('hats
    and cymbals'), so dsp's sentences about a part are worded to fit either."""
    return names.get(role) or spoken(role)


def the_part(role: str, names: Mapping[str, str]) -> str:
    """part_name after 'the': 'the lead vocal', 'the music under the vocal'."""
    return definite(part_name(role, names))


def rounded(value: float, digits: int = 1) -> float:
    """A figure as printed to `digits`, as a number: what a sentence decides on ('are level
    there' when it is 0) is what it prints. Never -0.0, which would print '-0.0'."""
    return round(float(value), digits) + 0.0


def signed(value: float, digits: int = 1) -> str:
    """A signed figure ('+3.1', '-0.4', '+0.0'): never '-0.0', which rounding a small
    negative number to `digits` would otherwise print."""
    return f"{rounded(value, digits):+.{digits}f}"


def number(value: float | None, digits: int = 1, *, sign: bool = False) -> str:
    """A measured figure: '–' when there is none, never '-0.0'. `sign`: a value relative to
    something (a part against the rest, a band over its trend) carries its sign either way,
    '+8.5'."""
    if value is None:
        return "–"
    if sign:
        return signed(value, digits)
    return f"{rounded(value, digits):.{digits}f}"


def figure(value: float | None, unit: str, digits: int = 1, *, sign: bool = False) -> str:
    """A figure and its unit, the one way the chat, the card, the report and the CLI print
    it: '-3.2 dB', '215 Hz', '+8.5 LU' (`sign`, see number), and a percentage whole and
    closed up, '38%'."""
    if value is None:
        return "–"
    if unit == "%":
        return f"{number(value, 0, sign=sign)}%"
    return f"{number(value, digits, sign=sign)} {unit}"


def change(before: float | None, after: float | None, unit: str, *, sign: bool = False) -> str:
    """A before/after pair with its unit once: '-7.6 → +1.0 LU' (`sign`), '38 → 22%'."""
    return (f"{number(before, 0 if unit == '%' else 1, sign=sign)} → "
            f"{figure(after, unit, sign=sign)}")


def row_change(row: Mapping) -> str:
    """A before/after row of dsp.report (label, before, after, unit, signed) as change
    writes it."""
    return change(row["before"], row["after"], row["unit"], sign=row.get("signed", False))


def against_its_fix(row: Mapping) -> str:
    """A complaint's figure that ended the other way from where its own move pushes it
    (dsp.report.complaint_rows 'better'), said rather than left in the row: a 1.5 dB lift
    above 8 kHz beside a vocal turned up 6.8 dB took the mix's 8–20 kHz share -22.0 → -22.1
    dB. '' when it went the way of its fix, or stayed."""
    better, before, after = row.get("better"), row.get("before"), row.get("after")
    if not better or before is None or after is None or (after - before) * better >= 0:
        return ""
    return (f"The {row['label']} moved the other way ({row_change(row)}): the rest of the "
            "render (the plan's other moves, the mastering) outweighed the move made for it.")


def percent(share: float) -> str:
    """A share (0..1) as a percentage: '38%'."""
    return figure(100 * share, "%")


def signed_range(low: float, high: float, digits: int = 0) -> str:
    """A typical range with its signs ('-20…-10', '-1…+3')."""
    return f"{signed(low, digits)}…{signed(high, digits)}"


def hz(value: float) -> str:
    """A frequency as people read it: '188 Hz', '2.5 kHz'."""
    return f"{value / 1000:.1f} kHz" if value >= 1000 else f"{value:.0f} Hz"


def khz_band(band: tuple[float, float]) -> str:
    """A band in kHz ('3–7 kHz', '1–16 kHz'), or in Hz below 1 kHz ('150–400 Hz')."""
    if band[1] < 1000:
        return f"{band[0]:g}–{band[1]:g} Hz"
    return f"{band[0] / 1000:g}–{band[1] / 1000:g} kHz"


_TRACK_NUMBERED = re.compile(r"^(?:\d{1,2}|0\d{2})[\s_.\-]+\S")
"""A file's name opening on a DAW track number ('10 808', '07_Drums Room'; not '808 Sub')."""


def definite(name: str) -> str:
    """A part's name after 'the' ('the lead vocal'), unless it holds its own article ('the
    music under the vocal'). A file named with its track number is quoted instead: 'the 10
    808' reads as ten 808s."""
    if _TRACK_NUMBERED.match(name):
        return f"“{name}”"
    return name if name.startswith("the ") else f"the {name}"


def listing(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return " and ".join(items) if len(items) < 3 else ", ".join(items[:-1]) + " and " + items[-1]


def replaced_outputs(folder: Path, replaced: Sequence[Path]) -> str:
    """What an export wrote over: 'replaced 3 files an earlier run had written in out/
    (master.wav, stems/v.wav, report.md)'."""
    count, shown = _files_in(folder, replaced)
    return f"replaced {count} an earlier run had written in {folder} ({shown})"


def removed_outputs(folder: Path, removed: Sequence[Path]) -> str:
    """The stems an earlier run wrote for other inputs, taken away by this export:
    'removed 2 files an earlier run had written in out/ for other inputs (stems/a.wav,
    stems/b.wav)'."""
    count, shown = _files_in(folder, removed)
    return f"removed {count} an earlier run had written in {folder} for other inputs ({shown})"


def _files_in(folder: Path, paths: Sequence[Path]) -> tuple[str, str]:
    """('3 files', 'master.wav, stems/v.wav, report.md'): `paths` as named in `folder`."""
    names = [path.relative_to(folder).as_posix() for path in paths]
    shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    return f"{len(names)} file{'s' if len(names) != 1 else ''}", shown
