"""The plan's notes after `skip`, `undo` and `redo`: the chat reprinted the plan without
them while `status` was the only place they could be read. Both now show the notes as they
read for the moves in the plan, in the same words."""

from __future__ import annotations

from markdown_it import MarkdownIt


def _quotes(markdown: str) -> list[str]:
    """The paragraphs inside the reply's quote, as the chat draws them (escapes undone)."""
    html = MarkdownIt().render(markdown)
    if "<blockquote>" not in html:
        return []
    quote = html.split("<blockquote>", 1)[1].split("</blockquote>", 1)[0]
    return [p.split("</p>", 1)[0].replace("&quot;", '"').replace("&amp;", "&")
            .replace("&#x27;", "'") for p in quote.split("<p>")[1:]]


def test_skip_undo_and_redo_show_the_notes_status_shows(demo_chat):
    chat = demo_chat
    plan = chat.say("the vocal is too quiet and muddy")
    first = _quotes(plan)
    predicted = next(n for n in first if n.startswith("With every move in"))
    assert "(predicted after:" in predicted
    bass = next(line for line in plan.splitlines() if "Cut the bass" in line)

    skipped = _quotes(chat.say(f"skip {bass.split('.')[0]}"))
    # the words a note takes with one of the moves it counts on left out, as the report
    # words them (test_plan_notes_counting_on_a_move_left_out_or_added_say_so)
    lowmid = next(n for n in skipped if n.startswith("With every move in"))
    assert "(predicted after:" not in lowmid and "One of those moves is now left out" in lowmid
    assert any(n.endswith("One of those cuts is now left out.") for n in skipped)
    assert _quotes(chat.say("status")) == skipped

    undone = _quotes(chat.say("undo"))
    assert predicted in undone and _quotes(chat.say("status")) == undone
    redone = _quotes(chat.say("redo"))
    assert redone == skipped and _quotes(chat.say("status")) == redone


def test_a_note_about_a_move_taken_back_is_no_longer_shown(demo_chat):
    """On the demo the bass sits inside its typical range, so "the bass is a bit quiet" gets
    a nudge and a note that says so. `undo` took the nudge back and the chat and `status`
    still said "I made a nudge"; `redo` brings both back."""
    chat = demo_chat
    chat.say("the vocal is too quiet")
    planned = chat.say("the bass is a bit too quiet")
    assert "I made a nudge" in planned
    assert "I made a nudge" in chat.say("status")
    undone = chat.say("undo")
    assert "I made a nudge" not in undone and "I made a nudge" not in chat.say("status")
    assert "I made a nudge" in chat.say("redo")


def test_a_prediction_counting_on_a_move_made_stronger_says_it_may_not_hold(demo_chat):
    """'(predicted after: +2.4 dB)' stayed under the plan after `more` made every move
    stronger, though it was worked out for the moves as first sized."""
    chat = demo_chat
    predicted = next(n for n in _quotes(chat.say("the vocal is too quiet and muddy"))
                     if n.startswith("With every move in"))
    assert "(predicted after:" in predicted
    stronger = next(n for n in _quotes(chat.say("more"))
                    if n.startswith("With every move in"))
    assert "(predicted after:" not in stronger and "since made stronger or gentler" in stronger
    assert stronger in _quotes(chat.say("status"))
