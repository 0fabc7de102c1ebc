"""Session folders and their state file, written atomically after every change.

A session is a folder (default under the user's data directory) holding
state.json and the render previews. A state file that cannot be read is moved
aside, never deleted, and the user is told.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from dsp.atomic import atomic_write_bytes

__all__ = ["SessionState", "SessionStore", "StateError", "default_sessions_dir", "touched"]

STATE_FILE = "state.json"
STATE_VERSION = 1


class StateError(Exception):
    """A session could not be found or read; the message says what to do."""


def default_sessions_dir() -> Path:
    if os.environ.get("MOOZIX_HOME"):
        return Path(os.environ["MOOZIX_HOME"]).expanduser() / "sessions"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "moozix" / "sessions"


@dataclass
class SessionState:
    version: int = STATE_VERSION
    created: str = ""
    history: list[dict] = field(default_factory=list)
    intents: list[dict] = field(default_factory=list)
    pending: dict | None = None
    needed: list[str] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)   # {path, role, status, note}
    stereo_only: bool = False
    target: str = "streaming"
    style: str = "balanced"
    reference: str | None = None
    moves: list[dict] = field(default_factory=list)
    """dsp Move.to_dict plus `id`; a move sized beside others keeps their ids (`sized_with`)
    and its words as they come and go (`sized`, dsp.sized); one made stronger or gentler
    how far from its measured size (`asked`). Shown through sizing.active_moves."""
    applied: int = 0
    idle: list[dict] = field(default_factory=list)
    """dsp Move.to_dict of the moves the last plan measured and did not make, its other moves
    having made them unnecessary (dsp Plan.idle): a render still measures the complaint each
    answers on what it would have moved (a reverb return's row in the report)."""
    notes: list[dict] = field(default_factory=list)
    """{text, sized_with?, sized?, about?}: shown through sizing.active_notes, worded for the
    moves in (the moves and each plan's moves keep `sized_with` and `sized` the same way),
    and left out when none of the moves it is about (`about`, their ids) is in."""
    phase: str = "listen"
    analysed: bool = False
    summary: dict | None = None
    outputs: list[str] = field(default_factory=list)
    demo: bool = False
    queued: list[str] = field(default_factory=list)   # typed while a job ran, in order
    replaced: list[dict] = field(default_factory=list)  # file swaps, newest last, for undo
    directions: list[dict] = field(default_factory=list)  # target/style/reference, for undo
    replanned_from: list[str] | None = None   # the plan before the stems changed
    set_aside: list[str] = field(default_factory=list)
    """Files the user left out when asked their part (a click, a guide track), by path:
    listed and reported, never mixed; given again, a file is asked about again."""
    undo_log: list[str] = field(default_factory=list)
    """What each change was, newest last ("moves", "plan", "files" or "direction"): `undo`
    takes back the newest; with the log empty it steps back through the applied moves."""
    plans: list[dict] = field(default_factory=list)   # the plan before each more/less/skip
    undone: list[dict] = field(default_factory=list)
    """What `undo` took back, newest last, for `redo`: {"kind": "moves"} (one applied move)
    or {"kind": "plan", ...} (the plan as it was before the undo). A new change clears it."""

    def log_change(self, kind: str) -> None:
        self.undo_log.append(kind)
        self.undone.clear()

    def remember_direction(self) -> None:
        """Keep the target, style and reference as they are, so `undo` can bring them back."""
        self.directions.append({"target": self.target, "style": self.style,
                                "reference": self.reference})
        self.log_change("direction")

    def remember_plan(self, said: str) -> None:
        """Keep the plan as it is before an edit of every move or of one ('more', 'skip 2'),
        so `undo` puts it back; `said` is the edit in words, for undo and redo to name."""
        self.plans.append({"moves": list(self.moves), "applied": self.applied, "said": said})
        self.log_change("plan")

    def restore_direction(self) -> None:
        """Back to the target, style and reference before the newest direction change."""
        kept = self.directions.pop()
        self.target, self.style, self.reference = kept["target"], kept["style"], kept["reference"]

    @classmethod
    def from_dict(cls, data: dict) -> SessionState:
        from moozix_tui.engine.old_sessions import upgraded

        known = {k: v for k, v in upgraded(data).items() if k in cls.__dataclass_fields__}
        if "stems" in data and "files" not in data:  # version 1 kept one file per part
            known["files"] = [{**info, "role": role} for role, info in data["stems"].items()]
        return cls(**known)


class SessionStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def state_path(self) -> Path:
        return self.folder / STATE_FILE

    @classmethod
    def create(cls, root: Path | None = None) -> SessionStore:
        root = root or default_sessions_dir()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        folder = root / stamp
        n = 1
        while folder.exists():
            n += 1
            folder = root / f"{stamp}-{n}"
        folder.mkdir(parents=True)
        return cls(folder)

    @classmethod
    def find(cls, which: str | Path = "latest", root: Path | None = None, *,
             demo: bool = False) -> SessionStore:
        """The named session, or the latest one (with `demo`, the latest demo session)."""
        root = root or default_sessions_dir()
        if str(which) != "latest":
            folder = Path(which).expanduser()
            if not folder.is_absolute() and not folder.exists():
                folder = root / str(which)
            if not (folder / STATE_FILE).exists():
                raise StateError(f"no session at {folder} — run `moozix` to start a new one")
            return cls(folder)
        latest = cls.latest(root, demo=demo)
        if latest is None:
            kind, start = ("demo ", "moozix demo") if demo else ("", "moozix")
            raise StateError(f"no saved {kind}sessions in {root} — run `{start}` to start one")
        return latest

    @classmethod
    def latest(cls, root: Path | None = None, *, demo: bool = False) -> SessionStore | None:
        """The newest session anything was said or given in (with `demo`, the newest such
        demo session): one opened and closed untouched must not stand in front of the
        work before it. None if there is none."""
        root = root or default_sessions_dir()
        sessions = sorted((p for p in root.glob("*/" + STATE_FILE)),
                          key=lambda p: p.stat().st_mtime) if root.exists() else []
        for path in reversed(sessions):
            data = _read(path)
            if touched(data) and (not demo or data.get("demo") is True):
                return cls(path.parent)
        return None

    def save(self, state: SessionState) -> None:
        data = json.dumps(asdict(state), indent=1, ensure_ascii=False).encode("utf-8")
        atomic_write_bytes(self.state_path, data)

    def load(self) -> tuple[SessionState, str | None]:
        """The saved state, or a fresh one plus a message if the file was unreadable."""
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            return SessionState.from_dict(data), None
        except (OSError, ValueError, TypeError) as exc:
            aside = self.state_path.with_name(f"state.unreadable-{int(time.time())}.json")
            if self.state_path.exists():
                self.state_path.replace(aside)
            return SessionState(), (f"The saved session file could not be read ({exc}); "
                                    f"I kept it as {aside.name} and started fresh here.")


def touched(data: dict) -> bool:
    """Whether anything was said in a session (a state's fields), or files given to it (the
    demo's own files are not the user's)."""
    said = any(isinstance(h, dict) and h.get("role") == "user" for h in data.get("history", []))
    return said or bool(data.get("files")) and data.get("demo") is not True


def _read(state_path: Path) -> dict:
    """A state file's fields; {} for one that can't be read (`load` says why, on opening)."""
    try:
        data = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
