"""The before/after card: key measurements and the spectrum of both versions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable
from textual_plotext import PlotextPlot

from moozix_tui.engine import SummaryCard as CardData

__all__ = ["SummaryCard"]


def _cell(value: float | None, unit: str) -> str:
    return "–" if value is None else f"{value:.1f} {unit}"


class SummaryCard(Horizontal):
    DEFAULT_CSS = """
    SummaryCard { height: 14; border: round $accent; display: none; }
    SummaryCard.-shown { display: block; }
    SummaryCard DataTable { width: auto; max-width: 50; height: 12; }
    SummaryCard PlotextPlot { width: 1fr; height: 12; min-width: 20; }
    """

    def compose(self) -> ComposeResult:
        yield DataTable(show_cursor=False, zebra_stripes=True)
        yield PlotextPlot()

    def on_mount(self) -> None:
        self.border_title = "before → after"
        self.query_one(DataTable).add_columns("measurement", "before", "after")

    def show(self, card: CardData | None) -> None:
        self.set_class(card is not None, "-shown")
        if card is None:
            return
        table = self.query_one(DataTable)
        table.clear()
        for row in card.rows:
            table.add_row(row.label, _cell(row.before, row.unit), _cell(row.after, row.unit))
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.xscale("log")
        plt.plot(list(card.spectrum_hz), list(card.spectrum_before_db), label="before")
        plt.plot(list(card.spectrum_hz), list(card.spectrum_after_db), label="after")
        plt.title("spectrum, dB")
        plot.refresh()
