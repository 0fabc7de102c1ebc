"""The chat's before/after sentence names every complaint's figure of record."""

from __future__ import annotations

from moozix_tui.engine.present import summary_text


def _row(label: str, unit: str, before: float, after: float, **extra) -> dict:
    return {"label": label, "unit": unit, "before": before, "after": after, **extra}


def test_a_figure_without_a_typical_range_is_still_in_the_sentence():
    """'The vocal is too low and the guitars and keys are fighting': the overlap row has no
    typical range, so the sentence kept only the vocal's row, which has one."""
    rows = [_row("lead vocal vs rest", "LU", -14.1, -2.1, typical=[-4.0, 0.0]),
            _row("guitars/keys overlap", "%", 19.0, 12.0, typical=None),
            _row("mix 150–400 Hz share", "dB", -6.0, -6.2),
            _row("mix mono loss", "dB", 0.4, 0.4),
            _row("loudness", "LUFS", -20.0, -14.0),
            _row("true peak", "dBTP", -3.0, -1.0)]
    sentence = summary_text(rows, (), None, "your stems summed as given").split("\n\n")[0]
    assert "lead vocal vs rest" in sentence and "guitars/keys overlap" in sentence
    assert "loudness" in sentence and "true peak" in sentence
    assert "150–400" not in sentence and "mono loss" not in sentence


def test_a_signed_figure_keeps_its_sign_in_the_sentence():
    """'lead vocal vs rest -5.8 → 8.5 LU' read as a distance: the vocal ended 8.5 LU over
    the rest."""
    rows = [_row("lead vocal vs rest", "LU", -5.8, 8.5, typical=[-4.0, 0.0], signed=True),
            _row("loudness", "LUFS", -20.0, -14.0)]
    sentence = summary_text(rows, (), None, "your stems summed as given").split("\n\n")[0]
    assert "lead vocal vs rest -5.8 → +8.5 LU" in sentence
    assert "loudness -20.0 → -14.0 LUFS" in sentence


def test_without_complaint_rows_the_first_figures_stand_in():
    rows = [_row("mix 150–400 Hz share", "dB", -6.0, -6.2), _row("mix mono loss", "dB", 0.4, 0.4),
            _row("mix 2–8 kHz share", "dB", -9.0, -9.0)]
    sentence = summary_text(rows, (), None, "your stems summed as given").split("\n\n")[0]
    assert "150–400" in sentence and "mono loss" in sentence and "2–8 kHz" not in sentence
