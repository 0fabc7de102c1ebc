"""A message longer than the intent engine reads is read in part, and the reply says so
with both lengths; a complaint inside the read part is still heard."""

from __future__ import annotations

import json

from intents import understand
from intents.text import MAX_CHARS
from moozix_tui.cli_parse import _json_line


def _long(complaint: str, at: int, total: int) -> str:
    filler = "and then we played the second set. "
    head = (filler * (at // len(filler) + 1))[:at]
    text = head + complaint + " " + filler * (total // len(filler))
    return text[:total - 1] + "."


def test_the_engine_tells_how_much_of_a_long_message_it_read():
    text = _long("the vocal is buried.", 100, 3 * MAX_CHARS)
    heard = understand(text)
    assert heard.read_chars == MAX_CHARS
    assert ("vocal", "too_quiet") in {(i.layer, i.problem) for i in heard.intents}
    assert understand("the vocal is buried").read_chars is None


def test_a_complaint_past_the_read_part_is_not_claimed_heard():
    text = _long("the vocal is buried.", MAX_CHARS + 500, 2 * MAX_CHARS)
    assert understand(text).intents == ()


def test_the_chat_says_the_message_was_read_in_part(chat):
    text = _long("the vocal is buried.", 100, 24_021)
    reply = chat.say(text)
    assert "24,021 characters" in reply and f"first {MAX_CHARS:,}" in reply
    assert "vocal" in reply.lower()
    assert "characters long" not in chat.say("the snare is too loud")


def test_parse_json_carries_the_read_part():
    text = _long("the vocal is buried.", 100, 2 * MAX_CHARS)
    assert json.loads(_json_line(text))["read_chars"] == MAX_CHARS
    assert "read_chars" not in json.loads(_json_line("the vocal is buried"))
