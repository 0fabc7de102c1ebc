"""The read-only snapshot the UI draws: stems grouped by part, direction, plan, summary."""

from __future__ import annotations

from pathlib import Path

from moozix_tui.engine.model import Reply, SessionView, StemSlot, SummaryCard, SummaryRow
from moozix_tui.engine.needs import missing_stems
from moozix_tui.engine.present import move_lines, part_word
from moozix_tui.engine.session import Session

__all__ = ["SET_ASIDE", "WAITING", "build_view"]

WAITING = "which part?"
"""Where the files whose part the name can't tell are listed until the user says it."""
SET_ASIDE = "left out"
"""Where the files the user left out when asked their part are listed."""


def _slot(file: dict, unused: dict[str, str]) -> StemSlot:
    """A usable file the render leaves out (the stereo mix beside its stems) says so."""
    status = file.get("status", "ok")
    if file.get("path") in unused:
        return StemSlot(file["role"], part_word(file["role"]), "unused", file.get("path"),
                        f"not in the render: {unused[file['path']]}")
    return StemSlot(file["role"], part_word(file["role"]), status, file.get("path"),
                    file.get("note", ""))


def build_view(session: Session) -> SessionView:
    s = session.state
    order = list(dict.fromkeys(f["role"] for f in s.files))
    unused = session.not_rendered()
    slots = [_slot(f, unused) for role in order for f in s.files if f["role"] == role]
    pending = [i["layer"] for i in s.intents if not i.get("done")]
    slots += [StemSlot(role, part_word(role), "missing") for role in missing_stems(
        pending, s.needed, session.roles(), stereo_only=s.stereo_only) if role not in order]
    slots += [StemSlot(WAITING, WAITING, "waiting", path, "not in the mix until you say its part")
              for path in (s.pending or {}).get("unplaced", [])]
    slots += [StemSlot(SET_ASIDE, SET_ASIDE, "unused", path, f"not in the mix: {why}")
              for path, why in session.set_aside().items()]
    summary = None
    if s.summary:
        summary = SummaryCard(
            rows=tuple(SummaryRow(**{**row, "typical": tuple(row["typical"])
                                     if row.get("typical") else None})
                       for row in s.summary["rows"]),
            spectrum_hz=tuple(s.summary["spectrum_hz"]),
            spectrum_before_db=tuple(s.summary["before_db"]),
            spectrum_after_db=tuple(s.summary["after_db"]),
            outputs=tuple(s.summary["outputs"]),
        )
    return SessionView(
        session_dir=session.store.folder, stems=tuple(slots), target=session.target_words(),
        style=s.style,
        plan=tuple(move_lines(session.active_moves())), applied_moves=s.applied,
        can_undo=s.applied > 0 or bool(s.directions or s.replaced or s.plans),
        can_redo=s.applied < len(s.moves) or bool(s.undone), busy=session.busy,
        summary=summary, history=tuple(Reply.from_dict(r) for r in s.history),
        reference=Path(s.reference).name if s.reference else "")
