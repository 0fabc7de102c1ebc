"""Rule-file examples, the JSON contract, stems, clarifications, questions and robustness."""

from __future__ import annotations

import json
import time
import tomllib
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intents import (
    LAYERS,
    PROBLEMS,
    WHOLE_SONG_PROBLEMS,
    parse,
    stem_role,
    stems_for,
    understand,
)
from moozix_tui.cli import main

FAMILIES = [tomllib.loads(resources.files("intents").joinpath(f"data/{name}").read_text())
            for name in ("cues.toml", "lexicon.toml")]
EXAMPLES = [(p, e) for table in FAMILIES for p, entry in table.items() if isinstance(entry, dict)
            for e in entry.get("examples", [])]
COUNTER = [(p, e) for table in FAMILIES for p, entry in table.items() if isinstance(entry, dict)
           for e in entry.get("counter_examples", [])]


@pytest.mark.parametrize(("problem", "text"), EXAMPLES)
def test_every_rule_example_reads_as_its_problem(problem, text):
    problems = {i.problem for i in parse(text)}
    assert problem in problems or WHOLE_SONG_PROBLEMS[problem] in problems


@pytest.mark.parametrize(("problem", "text"), COUNTER)
def test_counter_examples_do_not_trigger_their_problem(problem, text):
    assert problem not in {i.problem for i in parse(text)}


def test_json_contract_example(capsys):
    assert main(["parse", "--json", "the vox is way too low and the 808 is muddy"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["intents"] == [
        {"layer": "vocal", "problem": "too_quiet", "route": "mix", "severity": "strong",
         "stems": ["vocal", "instruments"], "evidence": "vox is way too low"},
        {"layer": "bass", "problem": "muddy", "route": "mix", "severity": "normal",
         "stems": ["bass", "kick", "guitars", "keys"], "evidence": "808 is muddy"},
    ]


def test_stdin_mode_keeps_order(capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("kick too quiet\nhello\nhats r harsh\n"))
    assert main(["parse", "--json", "-"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["text"] for x in lines] == ["kick too quiet", "hello", "hats r harsh"]
    assert lines[1]["intents"] == []


def test_problem_without_a_part_asks_where():
    u = understand("it's muddy")
    assert u.intents == ()
    assert u.unclear[0].problem == "muddy"
    assert {"bass", "kick", "guitars", "keys", "mix"} <= set(u.unclear[0].candidates)


RULES = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())
BAND_ONLY = RULES["band_only"]
@pytest.mark.parametrize("text", RULES["craft"]["examples"])
def test_the_writing_or_playing_judged_is_no_mix_complaint(text):
    assert parse(text) == []


@pytest.mark.parametrize(("text", "layer", "problem"), RULES["craft"]["counter_examples"])
def test_a_part_named_beside_the_writing_keeps_its_complaint(text, layer, problem):
    assert (layer, problem) in {(i.layer, i.problem) for i in parse(text)}


# frames whose examples name the part and problem they must give
FRAMES = ("lack_frame", "excess_frame", "comparative", "quantity", "steps", "compound",
          "all_and_none", "sections", "said_a_lot", "size_in_mix")


@pytest.mark.parametrize(("text", "layer", "problem"),
                         [e for name in FRAMES for e in RULES[name]["examples"]])
def test_frame_examples_give_their_part_and_problem(text, layer, problem):
    assert (layer, problem) in {(i.layer, i.problem) for i in parse(text)}


@pytest.mark.parametrize(("text", "layer", "problem"), RULES["sections"]["change_examples"])
def test_a_level_that_changes_at_a_section_jumps(text, layer, problem):
    assert [(i.layer, i.problem) for i in parse(text)] == [(layer, problem)]


@pytest.mark.parametrize(("text", "layer", "problem"),
                         RULES["sections"]["change_counter_examples"])
def test_a_change_wished_for_at_a_section_is_the_wish(text, layer, problem):
    assert [(i.layer, i.problem) for i in parse(text)] == [(layer, problem)]


@pytest.mark.parametrize("text", RULES["sections"]["counter_examples"])
def test_sections_not_set_against_each_other_keep_their_level(text):
    """One section, sections alike, or a part set against another: no uneven level."""
    assert RULES["sections"]["becomes"] not in {i.problem for i in parse(text)}


@pytest.mark.parametrize("text", [e for name in FRAMES if name != "sections"
                                  for e in RULES[name]["counter_examples"]])
def test_frame_counter_examples_are_not_that_frame(text):
    """A remedy word that praises or reports, a request for more: no frame reading."""
    problems = {i.problem for i in parse(text)}
    assert not problems & {"too_loud", "muddy", "harsh", "too_much_reverb", "dull"}


@pytest.mark.parametrize("text", BAND_ONLY["examples"])
def test_a_band_word_alone_asks_which_part(text):
    u = understand(text)
    assert u.intents == ()
    assert [(c.problem, "bass" in c.candidates, "mix" in c.candidates) for c in u.unclear] == [
        ("muddy", True, True)]


@pytest.mark.parametrize("text", BAND_ONLY["counter_examples"])
def test_a_band_word_beside_a_part_or_the_song_is_not_asked(text):
    u = understand(text)
    assert u.unclear == ()
    assert {i.problem for i in u.intents} & {"muddy", "tonal_balance"}


def test_whole_song_problem_without_a_part_is_the_mix():
    assert [(i.layer, i.problem) for i in parse("it's way too compressed")] == [
        ("mix", "loud_master")]


def test_questions_are_their_own_kind():
    assert understand("should I mix or master first?").topic == "mix_vs_master"
    assert understand("what stems should I upload?").kind == "question"
    assert understand("nice weather today").kind == "other"


def test_corrections_are_reported():
    u = understand("the vocla is burried")
    assert ("vocla", "vocal") in {(c.typed, c.understood) for c in u.corrections}


# English words one edit (two for "competition") from the vocabulary word the near-miss
# correction used to read them as: spelled right, so never "corrected"
@pytest.mark.parametrize(("word", "near"), [
    ("competition", "competitive"), ("powder", "power"), ("dearth", "death"),
    ("plight", "light"), ("blight", "bright"), ("tingle", "single"), ("ringer", "singer"),
    ("sneaker", "speaker"), ("wading", "fading"), ("flurry", "blurry"), ("barrow", "narrow"),
    ("hummed", "summed"), ("floated", "bloated")])
def test_a_correctly_spelled_word_is_not_corrected_into_a_nearby_one(word, near):
    u = understand(f"the {word} thing is too loud")
    assert not [c for c in u.corrections if c.typed == word], (word, near)


def test_severity_words():
    assert parse("the snare is way too loud")[0].severity == "strong"
    assert parse("the snare is a bit too loud")[0].severity == "mild"
    assert parse("the snare is too loud")[0].severity == "normal"
    assert parse("I think the vocal might be quiet")[0].severity == "mild"


def test_stems_follow_the_taxonomy():
    assert stems_for("kick", "masking") == ("kick", "bass")
    assert stems_for("mix", "quiet_master") == ("mix",)
    assert stems_for("cymbals", "harsh") == ("cymbals",)
    for layer in LAYERS:
        for problem in PROBLEMS:
            assert stems_for(layer, problem)


@pytest.mark.parametrize(("name", "role"), [
    ("Lead Vox_final v3.wav", "vocal"), ("808.wav", "bass"), ("OH L.wav", "cymbals"),
    ("Beat (no vocals).wav", "instruments"), ("Kick In.wav", "kick"),
    ("BGV harmony 2.flac", "backing_vocals"), ("rough mix.wav", "mix"),
    ("Snare Top.aif", "snare"), ("Gtr DI.wav", "guitars"), ("Reverb Return.wav", "fx"),
    ("/home/me/song/LeadVocal.wav", "vocal"), ("Strings.wav", "keys"),
    ("take 7.wav", None), ("", None),
])
def test_stem_role_from_file_names(name, role):
    assert stem_role(name) == role


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_parses_deterministically(text):
    first = understand(text)
    assert understand(text) == first
    assert first.kind in ("complaint", "question", "other")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["[bold]", "[/]", "\x00", "\u202e", "🎛️", "vocal", "too",
                                 "quiet", "not", "bass", "muddy", ",", "\n", "808", "…", "ﬁ",
                                 "Ｂass"]),
                max_size=40))
def test_markup_and_control_characters(words):
    """Markup and control characters are just text: every quote the chat shows back is the
    user's own characters, piece by piece, from the span it names."""
    text = " ".join(words)
    for intent in understand(text).intents:
        start, stop = intent.span
        for piece in intent.evidence.split(" ... "):
            assert piece and piece in text[start:stop], (intent, text)
            at = text.index(piece, start)
            assert not (text[at - 1:at].isalnum() and piece[0].isalnum()), (intent, text)


@pytest.mark.parametrize("before", ["Hmm…", "Ｏk,", "ﬁrst thing:", "½ the time", "Café\u0301,",
                                    "™"])
def test_the_quote_shown_back_is_the_users_words_after_any_character(before):
    """A character that folds to several ("…" to "...") or none must not shift the quote:
    it had shown "cal is too quiet" after "Hmm…"."""
    (intent,) = understand(f"{before} the vocal is too quiet").intents
    assert intent.evidence == "vocal is too quiet"


def test_huge_message_is_bounded():
    text = "the vocal is too quiet and the bass is muddy. " * 2500
    start = time.perf_counter()
    result = understand(text)
    assert time.perf_counter() - start < 20
    assert {(i.layer, i.problem) for i in result.intents} == {("vocal", "too_quiet"),
                                                              ("bass", "muddy")}


@pytest.mark.parametrize("text", ["the drums are too loud compared to everything else",
                                  "the vocal sits too low compared to everything else"])
def test_a_comparison_with_the_rest_carries_no_direction_of_its_own(text):
    """'compared to everything else' only says what the part is set against; the part's
    own words say which way (it used to add a second, opposite reading)."""
    problems = {i.problem for i in parse(text)}
    assert len(problems & {"too_loud", "too_quiet"}) == 1


def test_a_part_that_is_both_loud_and_quiet_in_one_sentence_is_uneven():
    problems = {(i.layer, i.problem) for i in parse(
        "The vocal jumps out in some lines and disappears in others.")}
    assert problems == {("vocal", "inconsistent")}


@pytest.mark.parametrize("text", ["the song has way too much kick",
                                  "the mix got way too much bass"])
def test_too_much_of_a_part_in_the_song_is_that_part_too_loud(text):
    """Not 'the song buries the kick': an amount's object is what there is too much of."""
    assert {i.problem for i in parse(text)} == {"too_loud"}


@pytest.mark.parametrize("text", ["idk it just sounds kinda amatuer",
                                  "this sounds unproffesional"])
def test_a_misspelt_one_word_verdict_is_still_vague(text):
    assert understand(text).vague


def test_so_that_opens_a_result_not_an_object():
    """'so hot that the cymbals…': the song is too hot; the cymbals are not buried by it."""
    found = {(i.layer, i.problem) for i in parse(
        "the mastering is so hot that the cymbals turn to white noise")}
    assert ("mix", "loud_master") in found and ("cymbals", "too_quiet") not in found


@pytest.mark.parametrize(("text", "tone"), [("the whole mix is muddy", "muddy"),
                                            ("the song sounds harsh overall", "harsh"),
                                            ("the master is dull", "dull"),
                                            ("the tonal balance is off", None)])
def test_whole_song_tone_says_which_way_in_the_json(text, tone):
    from intents import understand

    (intent,) = understand(text).intents
    assert (intent.layer, intent.problem) == ("mix", "tonal_balance")
    assert intent.to_dict().get("tone") == tone


@pytest.mark.parametrize(("text", "expected"), [
    # two clauses, each with its verb: praise or a part in one stays out of the other
    ("the vocal is great and the low end is muddy", {("mix", "tonal_balance")}),
    ("the singer gets lost and the low end is mushy",
     {("vocal", "too_quiet"), ("mix", "tonal_balance")}),
    ("the kick and bass clash and the vocal is buried",
     {("kick", "masking"), ("bass", "masking"), ("vocal", "too_quiet")}),
    # one clause: parts joined, or two verbs sharing their subject
    ("the bass and keys are muddy", {("bass", "muddy"), ("keys", "muddy")}),
    ("the snare could be louder or have more punch", {("snare", "too_quiet"), ("snare", "weak")}),
    ("the album was over-compressed and limited so that it sounded terrible",
     {("mix", "loud_master")}),
])
def test_and_between_two_clauses_starts_a_clause(text, expected):
    from intents import understand

    assert {(i.layer, i.problem) for i in understand(text).intents} == expected


def test_parts_clashing_in_their_own_clause_leave_the_other_clause_out():
    from intents import understand

    said = understand("the bass and kick are fighting and the vocal gets lost").intents
    assert {(i.layer, i.problem) for i in said} == {
        ("bass", "masking"), ("kick", "masking"), ("vocal", "too_quiet")}
