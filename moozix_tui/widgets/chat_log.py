"""The conversation: one widget per turn, a subclass per role so CSS can style each."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from moozix_tui.engine import Reply

__all__ = ["AssistantMessage", "ChatLog", "NoticeMessage", "UserMessage"]


class UserMessage(Static):
    """What the musician typed, shown exactly: never parsed as markup or Markdown."""

    DEFAULT_CSS = """
    UserMessage { margin: 1 0 0 8; padding: 0 1; border: round $secondary; }
    """

    def __init__(self, text: str) -> None:
        super().__init__(Text(text), markup=False)
        self.border_title = "you"


class AssistantMessage(Markdown):
    """Engine-written Markdown (the engine escapes any user text inside it)."""

    DEFAULT_CSS = """
    AssistantMessage { margin: 1 4 0 0; padding: 0 1; border: round $primary; }
    """
    TITLE = "moozix"

    def __init__(self, markdown: str) -> None:
        super().__init__(markdown)
        self.border_title = self.TITLE


class NoticeMessage(AssistantMessage):
    DEFAULT_CSS = """
    NoticeMessage { border: round $error; }
    """
    TITLE = "problem"


class ChatLog(VerticalScroll):
    DEFAULT_CSS = """
    ChatLog { height: 1fr; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.anchor()

    def add(self, reply: Reply) -> None:
        if reply.role == "user":
            widget = UserMessage(reply.markdown)
        elif reply.kind == "error":
            widget = NoticeMessage(reply.markdown)
        else:
            widget = AssistantMessage(reply.markdown)
        self.mount(widget)
