"""The before/after card: frequencies on the spectrum's axis in Hz, never a "-0.0"."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from moozix_tui.app import MoozixApp
from moozix_tui.engine import Engine, SummaryRow
from moozix_tui.engine import SummaryCard as CardData
from moozix_tui.widgets.summary_card import MIN_PLOT_WIDTH, SummaryCard
from tests.support.pilot import wait_for


class CardApp(App):
    def compose(self):
        yield SummaryCard()


def card_data() -> CardData:
    hz = tuple(float(20 * 1.2 ** i) for i in range(38))  # 20 Hz … ~20 kHz
    flat = tuple(-0.04 for _ in hz)  # top of the normalised spectrum, rounds to -0.0
    tilted = tuple(-0.3 * i for i in range(len(hz)))
    return CardData(rows=(SummaryRow("mono loss", -0.04, 0.2, "dB"),
                          SummaryRow("vocal vs rest", -7.6, -0.01, "LU")),
                    spectrum_hz=hz, spectrum_before_db=flat, spectrum_after_db=tilted,
                    outputs=())


async def test_card_shows_hz_and_no_negative_zero():
    app = CardApp()
    async with app.run_test(size=(120, 40)) as pilot:
        card = app.query_one(SummaryCard)
        card.show(card_data())
        table = card.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == 2, "the table filled")
        cells = [str(table.get_cell_at((r, c))) for r in range(2) for c in range(3)]
        assert "0.0 dB" in cells and "0.0 LU" in cells
        assert not any("-0.0" in cell for cell in cells), cells
        assert "-0.0" not in str(card.query_one("#fold", Static).render())
        plot = card.query_one(PlotextPlot)
        await wait_for(pilot, lambda: plot.size.width > 20, "the plot laid out")
        drawn = str(plot.render())
        assert "Hz" in drawn
        for label in ("100", "1k", "10k"):
            assert f" {label} " in drawn or f" {label}\n" in drawn, drawn
        assert "-0" not in drawn.replace("-0.3", "")
        await pilot.resize_terminal(140, 40)  # drawn again at a new size, curves intact
        await wait_for(pilot, lambda: plot.size.width > 80, "the plot re-laid out")
        drawn = str(plot.render())
        assert "1k" in drawn and sum(ch in _CURVE for ch in drawn) > 20, drawn


_CURVE = set("▄▀▖▗▘▝▚▞▙▛▜▟▌▐█")


def demo_like_card() -> CardData:
    """Twelve rows, as many as a render of the demo song shows, with its longest labels."""
    labels = ("vocal vs rest", "mix 2–8 kHz share", "drums vs rest", "bass vs rest",
              "drums 2–8 kHz", "mix 150–400 Hz share", "mix mono loss", "kick/bass overlap",
              "loudness", "true peak", "BS.1770 true peak", "LRA")
    hz = tuple(float(25 * 1.15 ** i) for i in range(48))
    return CardData(rows=tuple(SummaryRow(label, -18.9, -14.0, "LUFS") for label in labels),
                    spectrum_hz=hz, spectrum_before_db=tuple(-0.5 * i for i in range(48)),
                    spectrum_after_db=tuple(-0.4 * i for i in range(48)), outputs=())


@pytest.mark.parametrize("width", [80, 90, 100, 105, 110, 113, 115, 120, 140])
async def test_card_is_readable_at_every_width(tmp_path, width):
    """At ~110 columns the spectrum was squeezed to ~20 columns with its legend drawn over
    the low end and cut; and a twelfth row hid behind the table's scrollbar. Now every row
    shows, and the spectrum either has room for its axis and curves with its legend whole
    above it, or is left out."""
    app = MoozixApp(Engine.new(sessions_dir=tmp_path / "sessions"))
    async with app.run_test(size=(width, 40)) as pilot:
        card = app.part(SummaryCard)
        card.show(demo_like_card())
        table = card.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == 12 and table.size.height > 0,
                       "the table laid out")
        spectrum, plot = card.query_one("#spectrum"), card.query_one(PlotextPlot)

        seen: list[tuple] = []

        def settled() -> bool:
            """The card has decided on the spectrum for the table's final width, and the
            plot has been laid out to what is left; a busy machine draws in between, and an
            in-between layout can look decided, so the same layout must be seen three
            checks running."""
            room = card.content_size.width - table.outer_size.width
            seen.append((table.outer_size.width, card.content_size.width, spectrum.display,
                         plot.size.width))
            if card.has_class("-cramped") != (room < MIN_PLOT_WIDTH):
                return False
            return len(seen) >= 3 and len(set(seen[-3:])) == 1 and (
                not spectrum.display or plot.size.width == spectrum.size.width > 0)

        await wait_for(pilot, settled, "the spectrum fitted to the room beside the table")
        await pilot.pause()
        assert table.outer_size.height == 13, "the header and all twelve rows, no scrolling"
        if width >= 120:
            assert spectrum.display, "room enough: the spectrum is drawn"
        if width <= 100:
            assert not spectrum.display, "80–100 columns leave no room beside the table"
        if spectrum.display:
            legend = card.query_one("#legend", Static)
            text = str(legend.render())
            assert "before" in text and "after" in text
            assert legend.size.width >= len("dB  ━━ before  ━━ after")
            drawn = str(plot.render())
            assert "before" not in drawn and "after" not in drawn, "no legend over the curves"
            axis = next(line for line in drawn.splitlines() if "└" in line)
            inner = axis.split("└", 1)[1].rsplit("┘", 1)[0]
            assert len(inner) >= 24, f"the curves get {len(inner)} columns"
            assert "10k" in drawn and "1k" in drawn


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_f2_folds_and_unfolds_the_card_at_any_height(tmp_path, size):
    app = MoozixApp(Engine.new(sessions_dir=tmp_path / "sessions"))
    async with app.run_test(size=size) as pilot:
        card = app.query_one(SummaryCard)
        card.show(card_data())
        await wait_for(pilot, lambda: card.outer_size.height > 3, "the card in full")
        await pilot.press("f2")
        await wait_for(pilot, lambda: card.outer_size.height == 1, "F2 folds it to a line")
        await pilot.press("f2")
        await wait_for(pilot, lambda: card.outer_size.height > 3, "F2 again: in full")


@pytest.mark.parametrize("size", [(80, 24), (80, 40), (72, 30), (100, 30)])
async def test_a_label_too_long_for_the_card_wraps_and_every_figure_stays_whole(tmp_path,
                                                                               size):
    """'drums 3–7 kHz over its 1–16 kHz trend' at 80 columns pushed the after column out of
    the card and cut the before figures ('-37.0 dB', '-2.4 dBT') behind a scrollbar; at 100
    a stereo-only render's 'mix 150–400 Hz over its trend' cut '-5.4 d'."""
    app = MoozixApp(Engine.new(sessions_dir=tmp_path / "s"))
    rows = (SummaryRow("drums 3–7 kHz over its 1–16 kHz trend", 3.2, 2.6, "dB"),
            SummaryRow("mix 150–400 Hz over its trend", 1.6, -5.4, "dB"),
            SummaryRow("drums 2–8 kHz", -37.0, -38.1, "dBFS"),
            SummaryRow("true peak", -2.4, -1.1, "dBTP"))
    async with app.run_test(size=size) as pilot:
        card = app.part(SummaryCard)
        card.show(CardData(rows=rows, spectrum_hz=(), spectrum_before_db=(),
                           spectrum_after_db=(), outputs=()))
        table = card.query_one(DataTable)

        def fitted() -> bool:
            """The labels wrapped to the card's width and the table laid out again (the card
            refills the table after its first layout; a busy machine draws in between)."""
            return (table.row_count == 4 and table.size.width > 0
                    and table.virtual_size.width <= table.scrollable_content_region.width
                    and table.outer_size.height == table.virtual_size.height)

        await wait_for(pilot, fitted, "every figure inside the card, no row hidden")
        await pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.outer_size.height == table.virtual_size.height, "no row hidden"
        shown = " ".join(str(table.get_cell_at((r, c))) for r in range(4) for c in range(3))
        for figure in ("3.2 dB", "2.6 dB", "1.6 dB", "-5.4 dB", "-37.0 dBFS", "-38.1 dBFS",
                       "-2.4 dBTP", "-1.1 dBTP"):
            assert figure in shown
        label = str(table.get_cell_at((0, 0)))
        assert " ".join(label.split()) == "drums 3–7 kHz over its 1–16 kHz trend"
        await pilot.resize_terminal(160, size[1])  # wide again: one line a label
        await wait_for(pilot, lambda: "\n" not in str(table.get_cell_at((0, 0))),
                       "the label on one line again")


def test_the_folded_card_shows_whole_rows_only():
    """Folded on 100 columns the line ended 'drums vs rest -3.8 → -5.…': a figure cut in
    two reads as another number."""
    from moozix_tui.widgets.summary_card import fold_line

    rows = (SummaryRow("vocal vs rest", -4.2, 1.0, "LU", signed=True),
            SummaryRow("drums vs rest", -3.8, -5.8, "LU", signed=True),
            SummaryRow("mix 150–400 Hz share", -6.0, -4.8, "dB"))
    card = CardData(rows=rows, spectrum_hz=(), spectrum_before_db=(), spectrum_after_db=(),
                    outputs=())
    whole = ["vocal vs rest -4.2 → +1.0 LU", "drums vs rest -3.8 → -5.8 LU",
             "mix 150–400 Hz share -6.0 → -4.8 dB"]
    full = "before → after " + " · ".join(whole)
    assert fold_line(card, len(full)).plain == full
    first = "before → after " + whole[0]
    for width in range(len(first), len(first) + len(" · …")):
        assert fold_line(card, width).plain == first
    for width in range(len(first) + len(" · …"), len(full)):
        line = fold_line(card, width).plain
        assert len(line) <= width and line.endswith(" · …"), (width, line)
        shown = line.removeprefix("before → after ").removesuffix(" · …").split(" · ")
        assert shown == whole[:len(shown)], (width, line)


async def test_on_a_short_screen_a_fresh_card_leaves_the_reply_in_sight(tmp_path):
    """On 80x24 a render of the demo song (seventeen rows) filled the whole chat area: the
    reply above it, with the figures in words and where the previews are, had no row."""
    from moozix_tui.widgets.chat_log import ChatLog

    app = MoozixApp(Engine.new(sessions_dir=tmp_path / "sessions"))
    async with app.run_test(size=(80, 24)) as pilot:
        card = app.query_one(SummaryCard)
        labels = [f"part {i} 150–400 Hz" for i in range(17)]
        card.show(CardData(rows=tuple(SummaryRow(x, -30.2, -27.2, "dBFS") for x in labels),
                           spectrum_hz=(), spectrum_before_db=(), spectrum_after_db=(),
                           outputs=()))
        table, log = card.query_one(DataTable), app.query_one(ChatLog)
        await wait_for(pilot, lambda: table.row_count == 17 and table.size.height > 0,
                       "the table laid out")
        await pilot.pause()
        assert log.size.height >= 6, "the chat keeps rows for the newest reply"
        assert table.max_scroll_y > 0 and table.scrollbars_enabled[0]
        assert table.outer_size.width <= card.content_size.width, "no sideways scrolling"


async def _figures(card: CardData) -> list[list[str]]:
    """The before and after cells of each row of the card's table."""
    async with CardApp().run_test(size=(100, 30)) as pilot:
        summary = pilot.app.query_one(SummaryCard)
        summary.show(card)
        table = summary.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == len(card.rows), "the rows in the table")
        return [[str(table.get_cell_at((r, c))) for c in (1, 2)] for r in range(len(card.rows))]


async def test_the_card_writes_a_percentage_as_the_chat_does():
    """The card showed 'kick/bass overlap 38.0 %' where the chat says '15% of it'."""
    from moozix_tui.widgets.summary_card import fold_line

    card = CardData(rows=(SummaryRow("kick/bass overlap", 38.0, 22.0, "%"),),
                    spectrum_hz=(), spectrum_before_db=(), spectrum_after_db=(), outputs=())
    assert fold_line(card).plain == "before → after kick/bass overlap 38 → 22%"
    assert await _figures(card) == [["38%", "22%"]]


async def test_a_level_against_the_rest_shows_its_sign_and_a_loudness_range_does_not():
    """The card read 'vocal vs rest -5.8 → 8.5 LU': 8.5 LU over the rest, printed like a
    distance. A loudness range is a width, never signed."""
    card = CardData(rows=(SummaryRow("vocal vs rest", -5.8, 8.5, "LU", signed=True),
                          SummaryRow("LRA", 6.2, 4.1, "LU")),
                    spectrum_hz=(), spectrum_before_db=(), spectrum_after_db=(), outputs=())
    assert await _figures(card) == [["-5.8 LU", "+8.5 LU"], ["6.2 LU", "4.1 LU"]]
