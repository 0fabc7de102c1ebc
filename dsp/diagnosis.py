"""Turning measurements into findings a musician can read, each with its evidence."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dsp.stem_analysis import SessionAnalysis

__all__ = ["Finding", "diagnose", "reference_ranges"]


@dataclass(frozen=True)
class Finding:
    layer: str
    problem: str
    severity: str
    evidence: str
    measured: float
    reference: tuple[float, float]
    source: str


@lru_cache(maxsize=1)
def reference_ranges() -> dict:
    text = resources.files("dsp").joinpath("data/reference_ranges.toml").read_text("utf-8")
    return tomllib.loads(text)


def _severity(distance: float) -> str:
    return "strong" if distance > 6 else "normal" if distance > 3 else "mild"


def diagnose(analysis: SessionAnalysis) -> tuple[Finding, ...]:
    ranges = reference_ranges()
    source = ranges["source"]
    findings = []
    for layer, level in analysis.level_vs_rest_lu.items():
        low, high = ranges["level_vs_rest_lu"].get(layer, (None, None))
        mirror = layer == "instruments" and "vocal" in analysis.level_vs_rest_lu
        if low is None or mirror or not abs(level) < 90:
            continue
        if level < low - 1.0:
            findings.append(Finding(layer, "too_quiet", _severity(low - level),
                                    f"{layer} sits {level:+.1f} LU against the rest; "
                                    f"typical {low:+.0f}…{high:+.0f} LU", level, (low, high),
                                    source))
        elif level > high + 1.0:
            findings.append(Finding(layer, "too_loud", _severity(level - high),
                                    f"{layer} sits {level:+.1f} LU against the rest; "
                                    f"typical {low:+.0f}…{high:+.0f} LU", level, (low, high),
                                    source))
    mix = analysis.mix
    checks = (
        ("low_mid_share_db", mix.band_share_db["low_mid"], "muddy",
         "150–400 Hz holds {v:.1f} dB of the mix's energy"),
        ("mono_loss_db", mix.mono_loss_db, "mono_collapse",
         "the mix loses {v:.1f} dB when folded to mono"),
        ("tilt_db_per_octave", mix.tilt_db_per_octave, "tonal_balance",
         "spectral tilt {v:.1f} dB per octave"),
        ("side_low_db", mix.side_low_db, "mono_collapse",
         "the sides carry {v:.0f} dB of the mix's energy below 120 Hz"),
    )
    for key, value, problem, words in checks:
        low, high = ranges["mix"][key]
        if value > high + 0.5 or (key == "tilt_db_per_octave" and value < low - 0.5):
            distance = value - high if value > high else low - value
            layer = "mix"
            findings.append(Finding(layer, "tonal_balance" if problem == "muddy" else problem,
                                    _severity(distance * 2),
                                    words.format(v=value) + f"; typical {low:g}…{high:g}",
                                    value, (low, high), source))
    for role, track in analysis.tracks.items():
        if role != "mix" and track.mono_loss_db > 6.0:
            findings.append(Finding(role, "mono_collapse", "strong",
                                    f"{role} loses {track.mono_loss_db:.1f} dB in mono "
                                    f"(correlation {track.correlation:+.2f})",
                                    track.mono_loss_db, (0.0, 1.5), source))
    if analysis.kick_bass_overlap is not None and analysis.kick_bass_overlap > 0.5:
        findings.append(Finding("bass", "masking", "normal",
                                f"kick and bass share {analysis.kick_bass_overlap:.0%} of "
                                "their energy below 150 Hz", analysis.kick_bass_overlap,
                                (0.0, 0.5), source))
    return tuple(findings)
