"""The Textual app: a thin view over the conversation engine.

Widgets show engine state; every decision is the engine's. Long jobs run in a
worker thread and talk back only through messages.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TypeVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Header, Input, ProgressBar

from moozix_tui.engine import Engine, Job, Reply, StateError, Turn, preload_dsp
from moozix_tui.messages import JobFailed, JobFinished, JobProgress
from moozix_tui.screens.file_picker import FilePicker
from moozix_tui.screens.help import HelpScreen
from moozix_tui.widgets.chat_log import ChatLog
from moozix_tui.widgets.footer import KeysFooter
from moozix_tui.widgets.prompt import Prompt
from moozix_tui.widgets.side_panel import SidePanel, SidePanelScroll
from moozix_tui.widgets.summary_card import SummaryCard

__all__ = ["MoozixApp", "run_app"]

W = TypeVar("W", bound=Widget)
_MAIN_SCREEN_ACTIONS = ("say", "scroll_chat", "toggle_card", "open_files", "cancel_job",
                        "focus_panel")


class MoozixCommands(Provider):
    """Command-palette entries for the main actions."""

    ACTIONS = (
        ("Open files…", "app.open_files"), ("Undo", "app.say('undo')"),
        ("Redo", "app.say('redo')"), ("Export", "app.say('export')"),
        ("Help", "app.help"), ("Status", "app.say('status')"),
        ("Scroll the side panel (F3)", "app.focus_panel"),
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
    SCREENS = {"help": HelpScreen}
    """Installed screens are built on first use and kept: the help's hundred-odd Markdown
    blocks took about a second to build on every F1."""
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (72, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    COMMANDS = App.COMMANDS | {MoozixCommands}
    BINDINGS = [
        # first, so the footer shows it whole on 80 columns while a job runs
        Binding("escape", "cancel_job", "Cancel", tooltip="stop the running job"),
        Binding("ctrl+o", "open_files", "Files", tooltip="pick audio files"),
        # priority: the prompt's own ctrl+e (end of line) would swallow it while typing
        Binding("ctrl+e", "say('export')", "Export", priority=True,
                tooltip="write the master and report"),
        Binding("ctrl+z", "say('undo')", "Undo", tooltip="undo the last move"),
        Binding("ctrl+y", "say('redo')", "Redo", show=False, tooltip="redo"),
        # priority again: the prompt binds PgUp/PgDn to scrolling itself, which does nothing
        Binding("pageup", "scroll_chat('page_up')", "Scroll", key_display="PgUp/PgDn",
                priority=True, tooltip="scroll the chat a page"),
        Binding("pagedown", "scroll_chat('page_down')", "", show=False, priority=True),
        Binding("ctrl+home", "scroll_chat('home')", "Top", show=False, key_display="ctrl+home",
                tooltip="the chat's first message"),
        Binding("ctrl+end", "scroll_chat('end')", "End", show=False, key_display="ctrl+end",
                tooltip="the newest message"),
        Binding("f2", "toggle_card", "Card", tooltip="fold or unfold before → after"),
        Binding("f3", "focus_panel", "Panel", show=False,
                tooltip="scroll the side panel with ↑/↓ PgUp/PgDn; Esc or F3 goes back to "
                        "typing"),
        Binding("f1", "help", "Help", tooltip="this help"),
        Binding("ctrl+q", "quit", "Quit", tooltip="quit; `moozix --resume` brings you back"),
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
            with SidePanelScroll():
                yield SidePanel()
        yield ProgressBar(id="progress", show_eta=False)
        yield Prompt(id="prompt")
        yield KeysFooter()

    def part(self, kind: type[W]) -> W:
        """A widget of the main screen, also while a dialog (help, picker) is on top."""
        return self.screen_stack[0].query_one(kind)

    @property
    def closing(self) -> bool:
        return not self.screen_stack  # a job can end after the screens are gone

    def on_mount(self) -> None:
        log = self.part(ChatLog)
        history = self.engine.view.history
        for reply in history:
            log.add(reply)
        self.show_turn(self.engine.greeting())
        self.part(Prompt).focus()
        self.preload_dsp()

    @work(thread=True, group="preload")
    def preload_dsp(self) -> None:
        preload_dsp()

    def show_turn(self, turn: Turn) -> None:
        if self.closing:
            return
        log = self.part(ChatLog)
        for reply in turn.replies:
            log.add(reply)
        view = self.engine.view
        self.part(SidePanel).show(view)
        card = self.part(SummaryCard)
        card.show(view.summary)
        if turn.replies and turn.replies[-1].kind != "summary":
            card.fold()  # an answer after the result (to what was typed meanwhile) gets the room
        if turn.job is not None:
            self.start_job(turn.job)
        self.refresh_bindings()

    def start_job(self, job: Job) -> None:
        bar = self.part(ProgressBar)
        bar.add_class("-busy")
        bar.update(total=100, progress=0)
        self.run_job(job)

    # not exclusive: the engine runs one job at a time (what arrives meanwhile is queued),
    # and "exclusive" would cancel a finished job's worker in the instant before it returns
    @work(thread=True, group="job")
    def run_job(self, job: Job) -> None:
        try:
            outcome = job.run(lambda stage, f: self.post_message(JobProgress(job, stage, f)))
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the engine
            self.post_message(JobFailed(job, exc))
        else:
            self.post_message(JobFinished(job, outcome))

    @on(JobProgress)
    def show_progress(self, message: JobProgress) -> None:
        if self.closing:
            return
        self.part(ProgressBar).update(progress=100 * message.fraction)
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
        if self.closing:
            return
        self.part(ProgressBar).remove_class("-busy")
        self.sub_title = "say what sounds wrong"

    @on(Input.Submitted, "#prompt")
    def send_message(self, event: Input.Submitted) -> None:
        text = event.value.strip()   # the prompt cleared itself as it sent (LineInput)
        if text:
            self.part(Prompt).remember(text)
            self.part(SummaryCard).fold()
            self.action_say(text)

    def action_say(self, text: str) -> None:
        turn = self.engine.handle(text)
        self.part(ChatLog).add(Reply("user", text))
        self.show_turn(turn)

    def action_open_files(self) -> None:
        def chosen(paths: list[Path] | None) -> None:
            if paths:
                self.show_turn(self.engine.add_files(paths))

        self.push_screen(FilePicker(Path.cwd()), chosen)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen("help")

    def action_scroll_chat(self, where: str) -> None:
        """PgUp/PgDn scroll the chat, or the side panel while it has the keys (F3)."""
        panel = self.part(SidePanelScroll)
        view = panel if panel.has_focus else self.part(ChatLog)
        {"page_up": view.scroll_page_up, "page_down": view.scroll_page_down,
         "home": view.scroll_home, "end": view.scroll_end}[where](animate=False)

    def action_focus_panel(self) -> None:
        """F3: the side panel takes the keys to scroll it; F3 or Esc there gives them back."""
        panel = self.part(SidePanelScroll)
        if panel.has_focus or not panel.display:
            self.part(Prompt).focus()
        else:
            panel.focus()

    def action_toggle_card(self) -> None:
        self.part(SummaryCard).toggle()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.closing:
            return True
        if isinstance(self.screen, ModalScreen) and action in _MAIN_SCREEN_ACTIONS:
            return False  # a dialog's own keys (its PgUp, its ctrl+e) come first
        if action == "cancel_job":
            return self.engine.busy
        if action == "toggle_card":
            return self.part(SummaryCard).card is not None
        return True

    def action_cancel_job(self) -> None:
        if self.engine.busy:
            self.show_turn(self.engine.cancel())


def run_app(*, demo: bool = False, resume: str | None = None,
            sessions_dir: str | None = None) -> int:
    try:
        engine = (Engine.resume(resume, sessions_dir=sessions_dir, demo=demo) if resume
                  else Engine.new(sessions_dir=sessions_dir, demo=demo))
    except StateError as exc:
        print(f"moozix: {exc}", file=sys.stderr)
        return 2
    MoozixApp(engine).run()
    print(engine.farewell())
    return 0
