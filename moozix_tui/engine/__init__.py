"""The UI-free conversation engine: session state, persistence, undo, replies and jobs.

Never imports Textual; the DSP core loads only inside jobs (or in the background,
see preload_dsp), so the chat reaches its prompt fast.
"""

from moozix_tui.engine.engine import Engine, StateError, preload_dsp
from moozix_tui.engine.model import (
    Job,
    Reply,
    SessionView,
    StemSlot,
    SummaryCard,
    SummaryRow,
    Turn,
)
from moozix_tui.engine.wording import md_literal

__all__ = ["Engine", "Job", "Reply", "SessionView", "StateError", "StemSlot", "SummaryCard",
           "SummaryRow", "Turn", "md_literal", "preload_dsp"]
