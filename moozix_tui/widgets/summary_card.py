"""The before/after card: key measurements and the spectrum of both versions.

Once the musician moves on (types again), the card folds to a single line so the newest
reply has the room, at any height. F2 (toggle) folds what is shown in full and unfolds
what is shown folded.

The table is as tall as its rows, so no row hides behind a scrollbar, except on a short
screen, where it scrolls past ten rows so the reply above keeps its room. The spectrum is
drawn only where it gets MIN_PLOT_WIDTH columns beside the table, and its legend is a
line of its own above it: plotext draws a legend inside the plot, over the low end.
"""

from __future__ import annotations

import math
import textwrap

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from moozix_tui.engine import SummaryCard as CardData
from moozix_tui.engine.present import change, figure, number

__all__ = ["MIN_PLOT_WIDTH", "SummaryCard", "hz_label", "hz_ticks"]

MIN_PLOT_WIDTH = 30
"""Columns the spectrum needs beside the table: its dB labels and, for the curves and the
axis (30 … 10k), at least 24 more; with fewer, the card shows the table alone."""
_MIN_LABEL = 12
_COLUMNS = ("measurement", "before", "after")
BEFORE_RGB, AFTER_RGB = (86, 180, 233), (230, 159, 0)   # Okabe–Ito sky blue and orange


def legend() -> Text:
    text = Text("dB  ", style="bold")
    text.append("━━", style="rgb({},{},{})".format(*BEFORE_RGB))
    text.append(" before  ")
    text.append("━━", style="rgb({},{},{})".format(*AFTER_RGB))
    text.append(" after")
    return text


def hz_label(hz: float) -> str:
    """Axis label for a frequency: 100, 1k, 10k, 2.5k."""
    if hz >= 1000:
        return f"{hz / 1000:g}k"
    return f"{hz:g}"


def hz_ticks(low_hz: float, high_hz: float) -> list[float]:
    """Decade ticks (and 3x in-between) inside the plotted range, on a log axis."""
    ticks = []
    for decade in range(int(math.floor(math.log10(max(low_hz, 1.0)))),
                        int(math.ceil(math.log10(max(high_hz, 1.0)))) + 1):
        for step in (1, 3):
            hz = step * 10.0 ** decade
            if low_hz <= hz <= high_hz:
                ticks.append(hz)
    return ticks


def db_ticks(values: list[float]) -> list[float]:
    """Every 10 dB (or 5 dB for a small range) across the plotted values."""
    low, high = min(values), max(values)
    step = 10.0 if high - low > 20 else 5.0
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) // step) + 1)]


def fold_line(card: CardData, width: int | None = None) -> Text:
    """The card on one line: 'vocal vs rest -7.6 → 1.0 LU · …', as many whole rows as fit
    in `width`; a figure is never cut (a cut "-5.…" reads as another number)."""
    text = Text("before → after ", style="bold")
    rest = " · …"
    for i, row in enumerate(card.rows):
        item = f"{row.label} {change(row.before, row.after, row.unit, sign=row.signed)}"
        tail = 0 if i == len(card.rows) - 1 else len(rest)
        if i and width is not None and len(text) + 3 + len(item) + tail > width:
            if len(text) + len(rest) <= width:
                text.append(rest, style="dim")
            break
        if i:
            text.append(" · ", style="dim")
        text.append(item)
    return text


class FoldLine(Static):
    """The folded card, laid out for its own width."""

    def __init__(self) -> None:
        super().__init__(id="fold", markup=False)
        self.card: CardData | None = None

    def show(self, card: CardData) -> None:
        self.card = card
        self.refresh()

    def render(self) -> Text:
        return fold_line(self.card, self.content_size.width) if self.card else Text()


class SummaryCard(Horizontal):
    DEFAULT_CSS = """
    SummaryCard { height: auto; border: round $accent; display: none; }
    SummaryCard.-shown { display: block; }
    SummaryCard DataTable { width: auto; max-width: 100%; height: auto; }
    SummaryCard #spectrum { width: 1fr; height: 12; }
    SummaryCard.-cramped #spectrum { display: none; }
    SummaryCard #legend { height: 1; width: 1fr; text-align: center; }
    SummaryCard PlotextPlot { height: 1fr; }
    SummaryCard #fold { display: none; width: 1fr; height: 1;
                        text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.card: CardData | None = None
        self._label_width: int | None = None

    def compose(self) -> ComposeResult:
        yield DataTable(show_cursor=False, zebra_stripes=True)
        with Vertical(id="spectrum"):
            yield Static(legend(), id="legend")
            yield PlotextPlot()
        yield FoldLine()

    def on_mount(self) -> None:
        self.border_title = "before → after"
        self.query_one(DataTable).add_columns(*_COLUMNS)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Labels wrapped to the card's width, then the spectrum only where it has room."""
        self._fill()
        self.call_after_refresh(self.fit_spectrum)

    def fit_spectrum(self) -> None:
        """The spectrum beside the table only where it has room to be read."""
        room = self.content_size.width - self.query_one(DataTable).outer_size.width
        self.set_class(room < MIN_PLOT_WIDTH, "-cramped")

    def fold(self, folded: bool = True) -> None:
        self.set_class(folded, "-folded")

    def toggle(self) -> None:
        shown_folded = self.query_one("#fold").styles.display != "none"
        self.set_class(False, "-folded")
        self.set_class(not shown_folded, "-collapsed")

    def show(self, card: CardData | None) -> None:
        """Show the newest result; a new result always arrives unfolded."""
        self.set_class(card is not None, "-shown")
        if card is None or card == self.card:
            self.card = card
            return
        self.card = card
        self.set_class(False, "-folded", "-collapsed")
        self._label_width = None
        self._fill()
        self.query_one(FoldLine).show(card)
        self._plot(card)
        self.call_after_refresh(self.fit)

    def _fill(self) -> None:
        """The rows, each label wrapped to the width the figures leave it, so a long label
        ('drums 3–7 kHz over its 1–16 kHz trend') never pushes a figure out of the card."""
        if self.card is None:
            return
        cells = [(row.label, figure(row.before, row.unit, sign=row.signed),
                  figure(row.after, row.unit, sign=row.signed))
                 for row in self.card.rows]
        figures = sum(max([len(head), *(len(c[i]) for c in cells)]) + 2   # + cell padding
                      for i, head in enumerate(_COLUMNS) if i)
        width = self.content_size.width
        label_width = max(width - figures - 2, _MIN_LABEL) if width else None
        if label_width == self._label_width and self.query_one(DataTable).row_count:
            return
        self._label_width = label_width
        table = self.query_one(DataTable)
        table.clear(columns=True)   # columns keep their widest cell's width otherwise
        table.add_columns(*_COLUMNS)
        for label, before, after in cells:
            lines = textwrap.wrap(label, label_width) if label_width else [label]
            table.add_row(Text("\n".join(lines or [label])), before, after,
                          height=max(len(lines), 1))

    def _plot(self, card: CardData) -> None:
        # the axis is log10(Hz) drawn by hand: plotext's own log scale re-applies itself on
        # every build, so the second draw (any resize) lost the curves and crashed
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        x = [math.log10(max(hz, 1.0)) for hz in card.spectrum_hz]
        plt.plot(x, list(card.spectrum_before_db), color=BEFORE_RGB)
        plt.plot(x, list(card.spectrum_after_db), color=AFTER_RGB)
        if x:
            ticks = hz_ticks(min(card.spectrum_hz), max(card.spectrum_hz))
            plt.xticks([math.log10(t) for t in ticks], [hz_label(t) for t in ticks])
            levels = db_ticks([*card.spectrum_before_db, *card.spectrum_after_db])
            plt.yticks(levels, [number(v, 0) for v in levels])
        plt.xlabel("Hz")
        plot.refresh()
