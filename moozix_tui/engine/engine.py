"""The conversation engine: from a complaint in plain words to a finished master.

UI-free. `handle(text)` reads a message and answers with replies, sometimes with a Job
the UI runs off its thread; `finish(job, outcome)` takes the result back. Every change
of state is saved at once, so quitting or a crash loses nothing. Messages and files that
arrive while a job runs are queued and handled, in order, when it ends.

The work itself lives in small modules: dialogue (complaints and questions), intake
(files), handlers (commands), flow (measure, plan, render, export), jobs (the work
functions), present (what is written), view (what the UI draws).
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from dsp.wording import listing
from moozix_tui.engine import dialogue, flow, intake
from moozix_tui.engine.commands import read_command
from moozix_tui.engine.demo import demo_mix, demo_ready, make_demo
from moozix_tui.engine.handlers import COMMANDS
from moozix_tui.engine.model import Job, Reply, SessionView, Turn
from moozix_tui.engine.paths import closest_name, looks_like_path, parse_path, read_paths
from moozix_tui.engine.present import part_word
from moozix_tui.engine.session import Session
from moozix_tui.engine.store import SessionState, SessionStore, StateError, touched
from moozix_tui.engine.view import build_view
from moozix_tui.engine.wording import md_code, md_literal

__all__ = ["Engine", "StateError", "preload_dsp"]

_WHILE_BUSY = ("cancel", "status", "help")   # answered at once, even while a job runs
_FINISHED = {"check": intake.finished_check, "analyse": flow.finished_analyse,
             "diagnose": flow.finished_diagnose,
             "render": flow.finished_render, "export": flow.finished_export}


def preload_dsp() -> None:
    """Import the DSP stack (numpy, scipy, soundfile, pedalboard: about 0.7 s) ahead of
    the first job, from a background thread, so the first analysis doesn't wait for it."""
    import dsp.diagnosis
    import dsp.pipeline
    import dsp.recipes  # noqa: F401


class Engine:
    """One chat session. Not thread-safe: call it from the UI thread only."""

    def __init__(self, store: SessionStore, state: SessionState, *,
                 notice: str | None = None, interrupted: str | None = None,
                 sessions_dir: Path | str | None = None,
                 earlier: SessionStore | None = None) -> None:
        self.session = Session(store, state)
        self._notice = notice
        self._interrupted = interrupted
        self._sessions_dir = sessions_dir   # as given, for the commands the chat prints
        self._earlier = earlier   # a new session's predecessor of its kind, to offer back

    @property
    def state(self) -> SessionState:
        return self.session.state

    @property
    def store(self) -> SessionStore:
        return self.session.store

    # -- lifecycle -----------------------------------------------------------------------
    @classmethod
    def new(cls, *, sessions_dir: Path | str | None = None, demo: bool = False) -> Engine:
        root = Path(sessions_dir).expanduser() if sessions_dir else None
        earlier = SessionStore.latest(root, demo=demo)
        store = SessionStore.create(root)
        engine = cls(store, SessionState(created=time.strftime("%Y-%m-%d %H:%M:%S"),
                                         demo=demo), sessions_dir=sessions_dir, earlier=earlier)
        if demo and demo_ready():
            intake.fill_demo(engine.session)
        engine.session.save()
        return engine

    @classmethod
    def resume(cls, session: str | Path = "latest", *,
               sessions_dir: Path | str | None = None, demo: bool = False) -> Engine:
        root = Path(sessions_dir).expanduser() if sessions_dir else None
        store = SessionStore.find(session, root, demo=demo)
        state, problem = store.load()
        interrupted = None
        if state.phase in ("analysing", "rendering"):
            interrupted = ("The last render was interrupted — say `go` to run it again."
                           if state.phase == "rendering" else
                           "The last analysis was interrupted — say `go` to run it again.")
            state.phase = "plan" if state.moves else "listen"
        for info in state.files:
            if info.get("status") == "checking":
                info.update(status="error", note="the check was interrupted — add the file "
                                                 "again")
        return cls(store, state, notice=problem, interrupted=interrupted,
                   sessions_dir=sessions_dir)

    # -- what the UI shows ---------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.session.busy

    @property
    def view(self) -> SessionView:
        return build_view(self.session)

    # -- conversation --------------------------------------------------------------------
    def greeting(self) -> Turn:
        session = self.session
        if session.state.history:
            replies = []
            if self._notice:
                replies.append(session.say(md_literal(self._notice), "error"))
            replies.append(session.say(
                f"Welcome back. This session lives in {md_code(str(session.store.folder))}; "
                "everything so far is restored. Say `status` for where we are."))
            if self._interrupted:
                replies.append(session.say(self._interrupted))
            return session.turn(*replies)
        back = self._earlier_offer()
        if session.state.demo:
            if demo_ready():
                return session.reply([
                    "**Demo song loaded**: drums, bass, keys and a lead vocal, mixed badly on "
                    f"purpose. {_hear_it()} Tell me what you hear — try *the vocal is too low* "
                    "or *the low end is muddy*.", back])
            job = session.new_job("demo", "Preparing the demo song",
                                  lambda progress, cancel: make_demo())
            return session.reply([
                "Preparing the **demo song** (drums, bass, keys and a lead vocal, mixed badly "
                "on purpose)… Meanwhile, tell me what you hear — try *the vocal is too "
                "low*.", back], job=job)
        return session.reply([
            "Hi! Tell me what bothers you about your mix, in your own words — *the vocal is "
            "too low*, *the 808 is muddy*, *the whole song is too quiet*. Give me your stems "
            "(paste a folder or press **ctrl+o**) or just the stereo mix. Say `help` for "
            "everything I understand.", back])

    def _earlier_offer(self) -> str:
        """A new session opened where an earlier one of its kind holds work: how to go back to
        it ('' if there is none)."""
        if self._earlier is None:
            return ""
        kind = "demo " if self.state.demo else ""
        return (f"Your last {kind}session is saved ({md_code(self._earlier.folder.name)}): to "
                f"carry on with it instead, press **ctrl+q** and run "
                f"{md_code(self.resume_command())}.")

    def resume_command(self, name: str | None = None) -> str:
        """The command that reopens the latest session of this kind (or the one `name`d)."""
        where = (f" --sessions-dir {shlex.quote(str(self._sessions_dir))}"
                 if self._sessions_dir else "")
        demo = " demo" if self.state.demo else ""
        return f"moozix{demo}{where} --resume" + (f" {shlex.quote(name)}" if name else "")

    def farewell(self) -> str:
        """What the terminal says once the app has closed: where the session is and how to
        come back; a session nothing was said in points at the one `--resume` will open."""
        folder = self.store.folder
        if touched(asdict(self.state)):
            return (f"Session saved in {folder}\n"
                    f"Come back to it with:  {self.resume_command()}\n"
                    f"(or, after starting others:  {self.resume_command(folder.name)})")
        latest = SessionStore.latest(folder.parent, demo=self.state.demo)
        if latest is None:
            return f"Nothing was said in this session ({folder}), so there's nothing to resume."
        return (f"Nothing was said in this session. Your last one, {latest.folder}, comes "
                f"back with:  {self.resume_command()}")

    def handle(self, text: str) -> Turn:
        text = text.strip()
        if not text:
            return Turn()
        session = self.session
        command = read_command(text) if session.busy else None   # _read reads it otherwise
        if session.busy and (command is None or command.name not in _WHILE_BUSY):
            session.state.history.append(Reply("user", text).to_dict())
            session.state.queued.append(text)
            return session.reply(["Noted — I'll get to that as soon as the current step is "
                                  "done (`cancel` stops it)."])
        session.state.history.append(Reply("user", text).to_dict())
        return self._read(text)

    def _read(self, text: str) -> Turn:
        session = self.session
        command = read_command(text)
        # '1', 'yes', 'the first one' answer the question just asked (a path never does:
        # dialogue.picked_numbers)
        if session.state.pending:
            chosen = dialogue.choose(session, text)
            if chosen is not None:
                return chosen
        if command is not None:
            return COMMANDS[command.name](session, command.value)
        paths, missing = read_paths(text)
        if paths:
            if not missing:
                return intake.add(session, paths)
            gone = session.say("\n\n".join(_not_found_line(p) for p in missing), "error")
            turn = intake.add(session, paths)
            return Turn((gone, *turn.replies), turn.job)
        if looks_like_path(text):
            return self._not_found(text)
        if session.state.pending:
            answered = dialogue.answer_pending(session, text)
            if answered is not None:
                return answered
        return dialogue.listen(session, text)

    def _not_found(self, text: str) -> Turn:
        path = parse_path(text.split("=", 1)[1] if "=" in text.split("/")[0] else text)
        return self.session.reply([_not_found_line(path, text)], "error")

    def add_files(self, paths: Sequence[Path]) -> Turn:
        if self.session.busy:
            session = self.session
            session.state.queued.append(" ".join(f'"{p}"' for p in paths))
            names = ", ".join(md_code(Path(p).name) for p in paths)
            return session.reply([f"Noted — I'll add {names} as soon as the current step is "
                                  "done (`cancel` stops it)."])
        return intake.add(self.session, [(None, Path(p)) for p in paths])

    # -- jobs coming back ------------------------------------------------------------------
    def finish(self, job: Job, outcome: object) -> Turn:
        session = self.session
        if session.job is job:
            session.job = None
        if job.kind == "demo":
            turn = self._finished_demo()
        else:
            turn = _FINISHED[job.kind](session, outcome)
        return self._drain(turn)

    def fail(self, job: Job, error: BaseException) -> Turn:
        from dsp.errors import Cancelled, DspError

        session = self.session
        if session.job is job:
            session.job = None
        state = session.state
        if job.kind in ("analyse", "render"):
            state.phase = "plan" if state.moves else "listen"
        if job.kind == "check":
            for info in state.files:
                if info.get("status") == "checking":
                    info.update(status="error", note=str(error))
        if isinstance(error, Cancelled):
            turn = session.reply(["Cancelled. Nothing was written; the plan is as it was."])
        elif isinstance(error, DspError):
            turn = session.reply([md_literal(str(error))], "error")
        else:
            turn = session.reply([f"Something went wrong on my side "
                                  f"({md_literal(type(error).__name__)}: "
                                  f"{md_literal(str(error))}). Your files are untouched; "
                                  "try again, or `reset`."], "error")
        return self._drain(turn)

    def _drain(self, turn: Turn) -> Turn:
        """Handle what was typed during the job, in order, until one starts a new job."""
        replies = list(turn.replies)
        while turn.job is None and self.session.state.queued:
            turn = self._read(self.session.state.queued.pop(0))
            replies += turn.replies
        return Turn(tuple(replies), turn.job)

    def cancel(self) -> Turn:
        return COMMANDS["cancel"](self.session, None)

    def _finished_demo(self) -> Turn:
        intake.fill_demo(self.session)
        parts = listing([part_word(f["role"]) for f in self.session.state.files])
        text = f"The demo song is ready: **{parts}**."
        if any(not i.get("done") for i in self.session.state.intents):
            return flow.start_analysis(self.session, [text])
        return self.session.reply([f"{text} {_hear_it()} What do you hear?"])


def _hear_it() -> str:
    return f"Play {md_code(str(demo_mix()))} to hear it as it stands."


def _not_found_line(path: Path | None, text: str = "") -> str:
    if path is not None and path.is_dir():
        return _no_audio_line(path)
    nearest = closest_name(path) if path is not None else None
    hint = f" The closest I see is {md_code(str(nearest))}." if nearest else ""
    return (f"Not found: {md_code(str(path or text))}.{hint} Check the spelling, or drag the "
            "file into the terminal.")


def _no_audio_line(folder: Path) -> str:
    """A folder that exists but holds no audio file at its top: what is there instead."""
    from dsp.intake import SUPPORTED_EXTENSIONS

    try:
        entries = sorted((p for p in folder.iterdir() if not p.name.startswith(".")),
                         key=lambda p: (not p.is_dir(), p.name.casefold()))
    except OSError as exc:
        return f"I can't open {md_code(str(folder))} ({md_literal(exc.strerror or '')})."
    kinds = ", ".join(dict.fromkeys(e.lstrip(".").upper() for e in SUPPORTED_EXTENSIONS))
    if not entries:
        return (f"{md_code(str(folder))} is empty. Give me the folder your stems were "
                f"exported to, or the files themselves ({kinds}).")
    shown = ", ".join(md_code(p.name + ("/" if p.is_dir() else "")) for p in entries[:6])
    more = f" and {len(entries) - 6} more" if len(entries) > 6 else ""
    inner = (" If the stems are in a folder inside it, give me that folder."
             if entries[0].is_dir() else "")
    return (f"There are no audio files in {md_code(str(folder))} — I read {kinds}; it holds "
            f"{shown}{more}.{inner}")
