"""A number and its unit are one value: wrapped text never puts "-3.2" on one line and "dB"
on the next.

Textual and Rich wrap at any Unicode space, the no-break space too, and the Markdown
widget folds every space of a paragraph into a plain one. So a paragraph's value spaces
become a blank that is not a space (U+2800) while it is wrapped, and are drawn, measured
and copied as the plain space they are (as text rewrappers do with a temporary marker).
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.content import Content
from textual.selection import Selection
from textual.strip import Strip
from textual.widgets import Markdown

__all__ = ["VALUE_SPACE", "ValueParagraph", "glue_values"]

VALUE_SPACE = re.compile(r"(?<=\d) (?=(?:dBTP|dBFS|dB|kHz|Hz|LUFS|LU|ms|s)(?!\w))")
"""The space between a number and its unit ("-3.2 dB", "215 Hz"; a percentage has none: "38%")."""

_Paragraph = Markdown.BLOCKS["paragraph_open"]  # its class is not exported by name
_GLUE = "\u2800"  # one cell wide, blank, and not whitespace to any wrapper


def glue_values(text: str, glue: str = _GLUE) -> str:
    return VALUE_SPACE.sub(glue, text)


class ValueParagraph(_Paragraph):
    """A Markdown paragraph that wraps between values, never inside one."""

    def set_content(self, content: Content) -> None:
        glued = glue_values(content.plain)
        if glued != content.plain:  # same length: every span keeps its place
            content = Content(glued, list(content.spans))
        super().set_content(content)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if not any(_GLUE in segment.text for segment in strip):
            return strip
        return Strip([Segment(text.replace(_GLUE, " "), style, control)
                      for text, style, control in strip], strip.cell_length)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        extracted = super().get_selection(selection)
        if extracted is None:
            return None
        text, ending = extracted
        return text.replace(_GLUE, " "), ending
