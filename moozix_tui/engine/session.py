"""One chat session: its saved state, its folder, and what lives only in memory.

The saved state (`SessionState`, in store.py) is everything needed to resume; the
in-memory part (decoded stems, analyses, the last render, the running job) is
rebuilt on demand and dropped whenever the files change.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from moozix_tui.engine.model import Job, Reply, Turn
from moozix_tui.engine.sizing import active_moves, active_notes
from moozix_tui.engine.store import SessionState, SessionStore

__all__ = ["Session", "is_number"]


def is_number(text: str) -> bool:
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True


class Session:
    """State plus the helpers every handler needs: say, turn, start a job, save."""

    def __init__(self, store: SessionStore, state: SessionState) -> None:
        self.store = store
        self.state = state
        self.job: Job | None = None
        self.stems = None          # dsp StemSet of the original files, once loaded
        self.analysis = None       # their SessionAnalysis (the "before" of every render)
        self.result = None         # the last RenderResult
        self._ids = itertools.count(1)

    def rendered_moves(self) -> tuple:
        """The moves (dsp Move) of the last render: this run's, or as the session file keeps
        them (the master is not kept between runs; which moves it made is, so a resumed
        session doesn't call a move heard and exported 'not rendered yet')."""
        if self.result is not None:
            return tuple(self.result.moves)
        from dsp.moves import Move

        return tuple(Move.from_dict(m) for m in (self.state.summary or {}).get("moves", ()))

    # -- replies and saving ---------------------------------------------------------------
    def say(self, markdown: str, kind: str = "text", role: str = "assistant") -> Reply:
        reply = Reply(role, markdown, kind)
        self.state.history.append(reply.to_dict())
        return reply

    def turn(self, *replies: Reply, job: Job | None = None) -> Turn:
        self.save()
        return Turn(tuple(replies), job)

    def reply(self, parts: list[str], kind: str = "text", *, job: Job | None = None) -> Turn:
        """Several paragraphs as one assistant message; none at all when every part is
        empty (an empty bubble says nothing)."""
        text = "\n\n".join(p for p in parts if p)
        return self.turn(*([self.say(text, kind)] if text else []), job=job)

    def save(self) -> None:
        self.store.save(self.state)

    def new_job(self, kind: str, label: str, work: Callable) -> Job:
        job = Job(f"{kind}-{next(self._ids)}", kind, label, work)
        self.job = job
        return job

    @property
    def busy(self) -> bool:
        return self.job is not None

    # -- files ----------------------------------------------------------------------------
    def active_moves(self) -> list[dict]:
        """The applied moves as every face shows and renders them (sizing.active_moves)."""
        return active_moves(self.state.moves, self.state.applied)

    def active_notes(self) -> list[str]:
        """The plan notes as the chat and the report show them (sizing.active_notes)."""
        return active_notes(self.state.notes, self.state.moves, self.state.applied)

    def usable_files(self) -> list[dict]:
        return [f for f in self.state.files if f.get("status") not in ("error", "checking")]

    def left_out(self) -> list[str]:
        """Every file given that the mix leaves out and why, as the report says it: what is
        wrong with it ('… is silent — check you exported the right track; it is left out of
        the mix'), a usable file the render passes over (not_rendered), a file still
        waiting for its part or set aside (set_aside)."""
        from dsp.check import left_out

        broken = [left_out(f["note"]) for f in self.state.files
                  if f.get("status") == "error" and f.get("note")]
        unused = [f"{Path(path).name} is not in the render: {why}"
                  for path, why in self.not_rendered().items()]
        waiting = [f"{Path(path).name}: its part was never said, so it is left out of the mix"
                   for path in (self.state.pending or {}).get("unplaced", [])]
        aside = [f"{Path(path).name} is left out of the mix: {why}"
                 for path, why in self.set_aside().items()]
        return [*broken, *unused, *waiting, *aside]

    def set_aside(self) -> dict[str, str]:
        """Why each file set aside is out of the mix, by path: its name says it is a click,
        guide or talkback track (intake sets those aside unasked), or the user said to
        leave it out when asked its part."""
        from intents import not_for_mix
        from moozix_tui.engine.wording import NOT_FOR_MIX

        return {path: (NOT_FOR_MIX if not_for_mix(Path(path).name) else "you said so")
                for path in self.state.set_aside}

    def not_rendered(self) -> dict[str, str]:
        """Why each usable file the render passes over is left out, by path: the stereo mix
        beside its stems would count every part twice, and working from the stereo mix
        leaves the stems out."""
        used = {str(path) for _, path in self.selected_sources()}
        return {f["path"]: ("the stems are mixed instead" if f["role"] == "mix"
                            else "you chose to work from the stereo mix")
                for f in self.usable_files() if str(f["path"]) not in used}

    def roles(self) -> set[str]:
        return {f["role"] for f in self.usable_files()}

    def input_paths(self) -> list[Path]:
        paths = [Path(f["path"]) for f in self.state.files]
        if self.state.reference:
            paths.append(Path(self.state.reference))
        return paths

    def selected_sources(self) -> list[tuple[str, Path]]:
        """(role, path) of every file the render uses: all parts, or only the stereo mix
        when the user works from it (a stereo mix beside stems would count everything twice)."""
        files = [(f["role"], Path(f["path"])) for f in self.usable_files()]
        mix = [s for s in files if s[0] == "mix"]
        parts = [s for s in files if s[0] != "mix"]
        if self.state.stereo_only and mix:
            return mix
        return parts or mix

    def forget_audio(self) -> None:
        """The files changed: decoded audio, analyses and the last render no longer apply."""
        self.stems = self.analysis = self.result = None
        self.state.idle = []
        self.state.analysed = False

    def target(self):
        """The loudness target the state names ('streaming', '-12')."""
        from dsp.targets import resolve_target

        target = self.state.target
        return resolve_target(float(target) if is_number(target) else target)

    def target_words(self, *, label: bool = False) -> str:
        """The target with its number: 'streaming, -14 LUFS' (short enough for the side
        panel) or with `label` its full name ('Apple Music, -16 LUFS'); a number the user
        gave has no name: '-12 LUFS'."""
        target = self.target()
        if target.name == "custom":
            return f"{target.lufs:g} LUFS"
        if label:
            return f"{target.label or target.name}, {target.lufs:g} LUFS"
        return f"{target.name}, {target.lufs:g} LUFS"

    def settings(self):
        from dsp.mastering import MasterSettings

        return MasterSettings(self.target(), self.state.style)
