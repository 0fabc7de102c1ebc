"""A scripted chat: runs the engine's jobs synchronously, as the UI does in a thread."""

from __future__ import annotations

import threading
from pathlib import Path

from moozix_tui.engine import Engine, Turn


class Chat:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.replies: list = []

    def drain(self, turn: Turn) -> list:
        out = list(turn.replies)
        while turn.job is not None:
            job = turn.job
            try:
                outcome = job.run(lambda stage, f: None, threading.Event())
            except Exception as exc:  # noqa: BLE001 - handed to the engine like the UI does
                turn = self.engine.fail(job, exc)
            else:
                turn = self.engine.finish(job, outcome)
            out.extend(turn.replies)
        self.replies.extend(out)
        return out

    def say(self, text: str) -> str:
        return "\n\n".join(r.markdown for r in self.drain(self.engine.handle(text)))

    def start(self) -> str:
        return "\n\n".join(r.markdown for r in self.drain(self.engine.greeting()))

    def plan_quiet_vocal(self, folder: Path) -> str:
        """'the vocal is too quiet', then the `buried_vocal_files` stems (the vocal 9 dB
        down, and the beat): the plan most engine tests start from. Returns the plan."""
        self.say("the vocal is too quiet")
        return self.say(f'"{folder / "Lead Vox.wav"}" "{folder / "beat.wav"}"')

    def render_quiet_vocal(self, folder: Path) -> str:
        """`plan_quiet_vocal`, then `go`. Returns the render's reply."""
        self.plan_quiet_vocal(folder)
        return self.say("go")
