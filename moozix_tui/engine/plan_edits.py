"""Edits to the plan: stronger, gentler, drop a move, an explicit level. Pure: moves in
(as the dicts the session stores), moves out."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["LOUDEST_TARGET_LUFS", "MAX_EXPLICIT_GAIN_DB", "QUIETEST_TARGET_LUFS", "SCALE_LESS",
           "SCALE_MORE", "asked_clause", "explicit_gain", "find_move", "new_target", "rescaled"]

SCALE_MORE, SCALE_LESS = 1.3, 0.7
MAX_EXPLICIT_GAIN_DB = 12.0
LOUDEST_TARGET_LUFS = -7.0
"""Past this, limiting flattens any music; a louder ask stops here and says so."""
QUIETEST_TARGET_LUFS = -24.0
_TARGET_STEP_LU = {"mild": 1.0, "normal": 2.0, "strong": 3.0}


def new_target(master_lufs: float, severity: str, louder: bool) -> float | None:
    """The loudness target for 'louder' / 'quieter' said about a master that measures
    `master_lufs`: a step of 1, 2 or 3 LU by how strongly it was said, to a whole LUFS
    figure; None when the master is already at the limit that way."""
    step = _TARGET_STEP_LU.get(severity, 2.0) * (1 if louder else -1)
    goal = float(round(master_lufs + step))
    goal = min(max(goal, QUIETEST_TARGET_LUFS), LOUDEST_TARGET_LUFS)
    if (goal < master_lufs + 0.5) if louder else (goal > master_lufs - 0.5):
        return None
    return goal


def rescaled(moves: Sequence[dict], factor: float) -> list[dict]:
    """Every move stronger or gentler. Each keeps how far the musician has taken it from
    its measured size (`asked`, ×1.69 after two `more`), which its reason says when shown
    (asked_clause), so it never claims a size the move no longer has."""
    from dsp.moves import Move

    out = []
    for data in moves:
        total = round(float(data.get("asked", 1.0)) * factor, 2)
        kept = {k: v for k, v in data.items() if k != "asked"}
        out.append({**kept, **Move.from_dict(data).scaled(factor).to_dict(),
                    **({"asked": total} if abs(total - 1.0) >= 0.005 else {})})
    return out


def asked_clause(move: dict) -> str:
    """What a move's reason adds once the musician has taken it from its measured size:
    '; you asked for ×1.69 of the measured move', and where `more` stops it."""
    from dsp.moves import MOST_GAIN_DB

    if "asked" not in move:
        return ""
    said = f"; you asked for ×{float(move['asked']):g} of the measured move"
    most = MOST_GAIN_DB.get(move["op"])
    if most is not None and abs(float(move["params"].get("gain_db", 0.0))) >= most:
        said += f", held at {most:g} dB"
    return said


def find_move(moves: Sequence[dict], which: str | None) -> int | None:
    """The index of the move a user means by 'skip 2', 'skip #2' or 'skip the vocal cut'."""
    if not which:
        return None
    said = which.strip().lstrip("#")
    if said.isdigit():
        index = int(said) - 1
        return index if 0 <= index < len(moves) else None
    words = [w for w in said.lower().split() if w not in ("the", "a", "move", "on")]
    for i, move in enumerate(moves):
        text = f"{move['stem']} {move['op']} {move['reason']}".lower()
        if words and all(w in text or (w == "cut" and move["op"] == "bell") for w in words):
            return i
    return None


def explicit_gain(layer: str, problem: str, asked_db: float) -> tuple[dict, float]:
    """A level move for 'make the vocal 2 dB louder': (move, the dB actually planned).
    More than MAX_EXPLICIT_GAIN_DB in one step is capped, and the caller says so."""
    from dsp.moves import Move

    sign = 1.0 if problem in ("too_quiet", "quiet_master") else -1.0
    planned = round(sign * min(abs(asked_db), MAX_EXPLICIT_GAIN_DB), 1)
    move = Move(layer, "gain", {"gain_db": planned}, f"you asked for {sign * asked_db:+g} dB",
                f"{layer}/{problem}")
    return move.to_dict(), planned
