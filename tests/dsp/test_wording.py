"""Signed figures in reasons and findings never read '-0.0'."""

from dsp.wording import signed, signed_range


def test_a_small_negative_figure_rounds_to_plus_zero_not_minus_zero():
    assert f"{-0.04:+.1f}" == "-0.0"  # what a plain format spec prints
    assert signed(-0.04) == "+0.0"
    assert signed(-0.4, 0) == "+0"
    assert signed(-0.06) == "-0.1"
    assert signed(2.0) == "+2.0"


def test_a_typical_range_keeps_both_signs():
    assert signed_range(-20.0, -10.0) == "-20…-10"
    assert signed_range(-1.0, 3.0) == "-1…+3"


def test_a_move_on_every_part_but_the_vocal_says_so():
    """A move on the 'instruments' layer processes every part but the vocal (kick, snare,
    bass, keys…); 'Cut the instruments' read as one stem."""
    from dsp.moves import Move

    cut = Move("instruments", "bell", {"freq_hz": 2500.0, "gain_db": -2.0, "q": 1.0}, "", "")
    assert cut.action() == "Cut everything but the vocal at 2.5 kHz by 2.0 dB"
