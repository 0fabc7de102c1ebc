"""What a musician says after hearing a change ("that's too much", "a little more", "I liked
it better before") is a command on the plan, with the words of how much or how sure around
it; a complaint about a part, or a plain "go" with words before it, is not."""

from __future__ import annotations

import pytest

from moozix_tui.engine.commands import Command, read_command


@pytest.mark.parametrize(("text", "name"), [
    ("that's too much", "less"),
    ("that's way too much!", "less"),
    ("back off a bit please", "less"),
    ("a little less", "less"),
    ("too far, bring it back a little", "less"),
    ("a bit much", "less"),
    ("a little more", "more"),
    ("not enough", "more"),
    ("I liked it better before", "undo"),
    ("now undo that", "undo"),
])
def test_a_command_said_with_words_of_degree_is_the_command(text, name):
    assert read_command(text) == Command(name)


@pytest.mark.parametrize("text", ["the vocal is too much", "it's too loud", "that's perfect",
                                  "ok go now", "much better"])
def test_a_complaint_or_a_verdict_is_no_command(text):
    assert read_command(text) is None


@pytest.mark.parametrize(("text", "command"), [
    ("more 2", Command("more", "2")),
    ("a bit more on move 2", Command("more", "2")),
    ("stronger #3 please", Command("more", "3")),
    ("less 1 and 3", Command("less", "1 3")),
    ("more 2, 3", Command("more", "2 3")),
])
def test_more_or_less_with_move_numbers_is_for_those_moves(text, command):
    assert read_command(text) == command


@pytest.mark.parametrize("text", ["more vocal", "more of the bass", "less reverb",
                                  "more 2 dB on the vocal"])
def test_more_or_less_with_a_part_is_a_complaint(text):
    """'more vocal' wants a louder vocal; `more` on its move, a cut, would take it down."""
    assert read_command(text) is None
