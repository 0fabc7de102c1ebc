"""The conversation: one widget per turn, a subclass per role so CSS can style each."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Markdown, Static

from moozix_tui.engine import Reply
from moozix_tui.widgets.values import ValueParagraph

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
    /* tables as compact as the card's: one line a row, no rules between rows */
    AssistantMessage MarkdownTableContent { grid-gutter: 0 1; keyline: none; }
    AssistantMessage > *:last-child { margin-bottom: 0; }
    /* a reply that opens with a note (a quote) starts on the border's first row too */
    AssistantMessage > MarkdownBlockQuote:first-child { margin: 0 0 1 0; }
    /* a quote of several notes: a blank line between them, as between any paragraphs */
    AssistantMessage MarkdownBlockQuote > MarkdownParagraph { margin: 0 0 1 0; }
    AssistantMessage MarkdownBlockQuote > MarkdownParagraph:last-child { margin-bottom: 0; }
    """
    TITLE = "moozix"
    BLOCKS = {**Markdown.BLOCKS, "paragraph_open": ValueParagraph}  # "-3.2 dB" stays whole

    def __init__(self, markdown: str) -> None:
        super().__init__(markdown)
        self.border_title = self.TITLE


class NoticeMessage(AssistantMessage):
    DEFAULT_CSS = """
    NoticeMessage { border: round $error; }
    """
    TITLE = "problem"


class ChatLog(VerticalScroll):
    """Stays at the newest turn; a reply taller than the view is shown from its top, so its
    first lines (what I heard, the plan) are what the musician sees, not its last."""

    DEFAULT_CSS = """
    ChatLog { height: 1fr; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.newest: Widget | None = None

    def on_mount(self) -> None:
        self.anchor()

    def add(self, reply: Reply) -> None:
        if reply.role == "user":
            widget = UserMessage(reply.markdown)
        elif reply.kind == "error":
            widget = NoticeMessage(reply.markdown)
        else:
            widget = AssistantMessage(reply.markdown)
        self.newest = widget
        self.anchor()
        self.mount(widget)
        if isinstance(widget, UserMessage):
            self.call_after_refresh(self.show_newest)

    @on(Markdown.TableOfContentsUpdated)
    def reply_laid_out(self, event: Markdown.TableOfContentsUpdated) -> None:
        if event.markdown is self.newest:
            self.call_after_refresh(self.show_newest)

    def show_newest(self) -> None:
        newest = self.newest
        if newest is None or not newest.is_mounted:
            return
        if newest.outer_size.height > self.scrollable_content_region.height:
            self.scroll_to_widget(newest, top=True, animate=False, immediate=True)
            self.release_anchor()
        else:
            self.scroll_end(animate=False, immediate=True)
