"""The Textual app: a thin view over the conversation engine.

Widgets show engine state; every decision is the engine's. Long jobs run in a
worker thread and talk back only through messages.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.command import Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input, ProgressBar

from moozix_tui.engine import Engine, Job, Reply, StateError, Turn, preload_dsp
from moozix_tui.messages import JobFailed, JobFinished, JobProgress
from moozix_tui.screens.file_picker import FilePicker
from moozix_tui.screens.help import HelpScreen
from moozix_tui.widgets.chat_log import ChatLog
from moozix_tui.widgets.prompt import Prompt
from moozix_tui.widgets.side_panel import SidePanel
from moozix_tui.widgets.summary_card import SummaryCard

__all__ = ["MoozixApp", "run_app"]


class MoozixCommands(Provider):
    """Command-palette entries for the main actions."""

    ACTIONS = (
        ("Open files…", "app.open_files"), ("Undo", "app.say('undo')"),
        ("Redo", "app.say('redo')"), ("Export", "app.say('export')"),
        ("Help", "app.help"), ("Status", "app.say('status')"),
        ("Target: streaming −14 LUFS", "app.say('target streaming')"),
        ("Target: Apple Music −16 LUFS", "app.say('target apple')"),
        ("Target: club −9 LUFS", "app.say('target club')"),
        ("Style: warm", "app.say('style warm')"), ("Style: bright", "app.say('style bright')"),
        ("Style: punchy", "app.say('style punchy')"), ("New session (reset)", "app.say('reset')"),
    )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action in self.ACTIONS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name),
                          lambda action=action: self.app.run_action(action))


class MoozixApp(App[int]):
    TITLE = "Moozix"
    SUB_TITLE = "say what sounds wrong"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    COMMANDS = App.COMMANDS | {MoozixCommands}
    BINDINGS = [
        ("ctrl+o", "open_files", "Files"),
        ("ctrl+z", "say('undo')", "Undo"),
        ("ctrl+y", "say('redo')", "Redo"),
        ("ctrl+e", "say('export')", "Export"),
        ("f1", "help", "Help"),
        ("escape", "cancel_job", "Cancel"),
        ("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield ChatLog()
                yield SummaryCard()
            yield SidePanel()
        yield ProgressBar(id="progress", show_eta=False)
        yield Prompt(id="prompt")
        yield Footer()

    def on_mount(self) -> None:
        log = self.query_one(ChatLog)
        history = self.engine.view.history
        for reply in history:
            log.add(reply)
        self.show_turn(self.engine.greeting())
        self.query_one(Prompt).focus()
        self.preload_dsp()

    @work(thread=True, group="preload")
    def preload_dsp(self) -> None:
        preload_dsp()

    def show_turn(self, turn: Turn) -> None:
        log = self.query_one(ChatLog)
        for reply in turn.replies:
            log.add(reply)
        view = self.engine.view
        self.query_one(SidePanel).show(view)
        self.query_one(SummaryCard).show(view.summary)
        if turn.job is not None:
            self.start_job(turn.job)

    def start_job(self, job: Job) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.add_class("-busy")
        bar.update(total=100, progress=0)
        self.run_job(job)

    @work(thread=True, exclusive=True, group="job")
    def run_job(self, job: Job) -> None:
        try:
            outcome = job.run(lambda stage, f: self.post_message(JobProgress(job, stage, f)))
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the engine
            self.post_message(JobFailed(job, exc))
        else:
            self.post_message(JobFinished(job, outcome))

    @on(JobProgress)
    def show_progress(self, message: JobProgress) -> None:
        self.query_one("#progress", ProgressBar).update(progress=100 * message.fraction)
        self.sub_title = f"{message.job.label}: {message.stage}"

    @on(JobFinished)
    def take_result(self, message: JobFinished) -> None:
        self.job_done()
        self.show_turn(self.engine.finish(message.job, message.outcome))

    @on(JobFailed)
    def report_failure(self, message: JobFailed) -> None:
        self.job_done()
        self.show_turn(self.engine.fail(message.job, message.error))

    def job_done(self) -> None:
        self.query_one("#progress", ProgressBar).remove_class("-busy")
        self.sub_title = "say what sounds wrong"

    @on(Input.Submitted, "#prompt")
    def send_message(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        prompt = self.query_one(Prompt)
        prompt.value = ""
        if text:
            prompt.remember(text)
            self.action_say(text)

    def action_say(self, text: str) -> None:
        turn = self.engine.handle(text)
        self.query_one(ChatLog).add(Reply("user", text))
        self.show_turn(turn)

    def action_open_files(self) -> None:
        def chosen(paths: list[Path] | None) -> None:
            if paths:
                self.show_turn(self.engine.add_files(paths))

        self.push_screen(FilePicker(Path.cwd()), chosen)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_cancel_job(self) -> None:
        if self.engine.busy:
            self.show_turn(self.engine.cancel())


def run_app(*, demo: bool = False, resume: str | None = None,
            sessions_dir: str | None = None) -> int:
    try:
        engine = (Engine.resume(resume, sessions_dir=sessions_dir) if resume
                  else Engine.new(sessions_dir=sessions_dir, demo=demo))
    except StateError as exc:
        print(f"moozix: {exc}", file=sys.stderr)
        return 2
    MoozixApp(engine).run()
    return 0
