"""A reading made by a doubtful rule comes with its closest alternatives; a sure one with none.

Each expectation is worked out by hand from the taxonomy and the sentence: which part
the words could be about, and which problem they name.
"""

from __future__ import annotations

import json

import pytest

from intents import understand
from intents.guessing import DOUBTS
from moozix_tui.cli import main


def _read(text: str):
    u = understand(text)
    return ([(i.layer, i.problem) for i in u.intents],
            [(g.layer, g.problem, g.instead_of) for g in u.guesses])


@pytest.mark.parametrize("text", [
    "the vocal is too quiet",                       # part and problem words side by side
    "the bass is muddy and the kick is weak",       # two readings, each in its own clause
    "the snare is too loud compared to the vocal",  # a plain level word beside another part
    "there is some nasty sibilance on the strings",
    "the bass disappears when I play it on my phone",   # the mono word in the cue's clause
])
def test_a_sure_reading_gets_no_alternatives(text):
    intents, guesses = _read(text)
    assert intents and guesses == []


def test_a_part_reached_past_another_part_offers_that_part():
    # "harsh" pairs with the subject (vocal); the guitars stand between them
    intents, guesses = _read("the vocal next to the guitars sounds harsh")
    assert intents == [("vocal", "harsh")]
    assert guesses == [("guitars", "harsh", 0)]


def test_a_part_carried_from_another_sentence_offers_the_whole_song():
    # "Way too loud." names no part: the vocal comes from the sentence before, or the song
    intents, guesses = _read("The lead vocal comes in at the chorus. Way too loud.")
    assert intents == [("vocal", "too_loud")]
    assert guesses == [("mix", "loud_master", 0)]


def test_a_problem_changed_by_a_context_word_outside_its_clause_offers_its_own_words():
    # "disappears" is too quiet; "phone", in the next clause, makes it a mono collapse
    intents, guesses = _read("the bass disappears, mostly when I play it on my phone")
    assert intents == [("bass", "mono_collapse")]
    assert guesses == [("bass", "too_quiet", 0)]


def test_a_problem_left_as_it_is_while_the_message_names_mono_elsewhere_offers_the_collapse():
    # the taxonomy: a part that vanishes in mono is a mono collapse; here "mono" is two
    # sentences before, out of the rule's reach, so "disappears" stays too quiet
    intents, guesses = _read("I summed my mix to mono. The verses hold up well. When the "
                             "chorus hits, the vocal disappears")
    assert intents == [("vocal", "too_quiet")]
    assert guesses == [("vocal", "mono_collapse", 0)]


def test_a_part_implied_by_the_problem_word_offers_the_part_the_sentence_names():
    # sibilance implies a voice, but the sentence names the violins (keys); said "in the
    # violins", it is theirs (tests/intents/test_confusions.py)
    intents, guesses = _read("the sibilance really jumps out over the violins")
    assert ("keys", "harsh") in [g[:2] for g in guesses]
    assert all(g[2] == intents.index(("vocal", "harsh")) for g in guesses)


def test_alternatives_never_repeat_a_reading_already_made():
    u = understand("The lead vocal comes in at the chorus. Way too loud. The mix is too loud.")
    made = {(i.layer, i.problem) for i in u.intents}
    assert not made & {(g.layer, g.problem) for g in u.guesses}


def test_the_kinds_of_doubt_are_named():
    assert set(DOUBTS) == {"context", "relation", "direction", "part_in_words", "voiceless",
                           "implied", "carried", "beside_the_song", "compound", "past_a_part",
                           "past_the_song", "distant"}


@pytest.mark.parametrize(("text", "reading", "other"), [
    # too much of a part in a group's or the song's sound may be that part too loud
    ("the instrumental has excessive bass", ("instruments", "muddy"), ("bass", "too_loud")),
    ("my whole track has way too much reverb", ("mix", "too_much_reverb"),
     ("fx", "too_much_reverb")),
    # not enough of it: that part too quiet
    # (the beat in the hip-hop sense is the band: its thin sound is the band's, not the kit's)
    ("the beat needs more bass", ("instruments", "thin"), ("bass", "too_quiet")),
])
def test_problem_words_naming_a_part_in_a_group_reading_offer_that_part(text, reading, other):
    intents, guesses = _read(text)
    assert intents == [reading]
    assert guesses[0] == (*other, 0)   # first; "the instrumental" may be the song as well


def test_a_named_part_with_too_much_of_another_is_sure():
    # "the guitar has too much bass": the guitar is named, its low end is the complaint
    assert _read("the guitar has too much bass") == ([("guitars", "muddy")], [])


def test_a_relation_read_by_the_verbs_voice_offers_the_other_party_the_other_way():
    # "A is drowning B" is A too loud by the taxonomy; the other reading is B too quiet,
    # then A and B fighting (A's masking)
    intents, guesses = _read("the synth pad is drowning the vocal")
    assert intents == [("keys", "too_loud")]
    assert guesses == [("vocal", "too_quiet", 0), ("keys", "masking", 0)]


def test_json_carries_alternatives_with_the_reading_they_stand_for(capsys):
    assert main(["parse", "--json", "the vocal next to the guitars sounds harsh"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(i["layer"], i["problem"]) for i in out["intents"]] == [("vocal", "harsh")]
    assert out["guesses"] == [{"layer": "guitars", "problem": "harsh", "route": "mix",
                               "evidence": "guitars sounds harsh",
                               "score": out["guesses"][0]["score"], "instead_of": 0}]
    assert main(["parse", "--json", "what about the snare"]) == 0
    assert all(g["instead_of"] is None for g in json.loads(capsys.readouterr().out)["guesses"])


def test_the_reverbs_problem_offered_on_a_part_is_that_parts_reverb():
    # "it" is the reverb (fx) from the clause before; the taxonomy reads too much reverb
    # on a named part as that part + too_much_reverb, so that is the other reading
    intents, guesses = _read("the reverb he added to the guitars is cool, but it was way "
                             "too much in the end")
    assert intents == [("fx", "too_much_reverb")]
    assert guesses == [("guitars", "too_much_reverb", 0)]


@pytest.mark.parametrize(("text", "reading", "other"), [
    # the song is the subject, but the clause names the part the problem words describe
    # ("suffer from brittle sounding cymbals" is the cymbals' own: test_said_otherwise.py)
    ("these records sound brittle in the cymbals", ("mix", "tonal_balance"),
     ("cymbals", "harsh", 0)),
])
def test_a_whole_song_reading_beside_a_named_part_offers_that_part(text, reading, other):
    intents, guesses = _read(text)
    assert reading in intents
    assert other in guesses


def test_a_pronoun_after_a_named_part_reads_the_part_and_offers_the_song():
    # "it" agrees with "the ride" of the sentence before; "in the mix" could still be the song
    intents, guesses = _read("The ride is fine in the verse. In the chorus it doesn't hold "
                             "enough weight in the mix.")
    assert intents == [("cymbals", "too_quiet")]
    assert ("mix", "quiet_master", 0) in guesses


@pytest.mark.parametrize("text", ["the mix is too loud",
                                  "the mix is muddy and the vocal is too quiet"])
def test_a_whole_song_reading_with_no_part_beside_it_is_sure(text):
    intents, guesses = _read(text)
    assert intents and guesses == []


@pytest.mark.parametrize(("text", "reading", "other"), [
    # two part words as one compound: the drums' overheads, the guitar's vocal mic (a
    # narrower part before a wider one is sure: tests/intents/test_confusions.py)
    ("the drum overheads are way too hot", ("cymbals", "too_loud"), ("drums", "too_loud", 0)),
    ("the guitar vocal mic is too hot", ("vocal", "too_loud"), ("guitars", "too_loud", 0)),
])
def test_a_part_named_as_a_compound_offers_the_part_its_first_word_names(text, reading, other):
    intents, guesses = _read(text)
    assert intents == [reading]
    assert other in guesses


@pytest.mark.parametrize("text", ["the kick drum is too loud", "the snare drum is too loud",
                                  "the guitar amp is too loud"])
def test_one_parts_own_compound_is_sure(text):
    intents, guesses = _read(text)
    assert len(intents) == 1 and guesses == []


def test_a_part_reached_past_the_song_as_a_subject_offers_the_song():
    # "the recording is awash in reverberation": the song is the subject of the words
    text = "the mics were placed so far from the orchestra that the recording is awash in reverb"
    intents, guesses = _read(text)
    assert intents == [("keys", "too_much_reverb")]
    assert ("mix", "too_much_reverb", 0) in guesses


@pytest.mark.parametrize("text", ["the vocal track is way too loud",
                                  "the vocal is way too loud in the mix"])
def test_the_song_as_a_parts_compound_or_a_place_leaves_the_reading_sure(text):
    assert _read(text) == ([("vocal", "too_loud")], [])


def test_a_part_not_heard_named_right_after_is_sure_whoever_else_the_clause_names():
    # "can barely pick out the keys" is about the keys alone; only the relation after
    # "and" ("never rises above the drums") is doubtful, and its rival is the drums
    intents, guesses = _read(
        "honestly I can barely pick out the keys and the vocal never rises above the drums")
    assert intents == [("keys", "too_quiet"), ("vocal", "too_quiet")]
    assert guesses == [("drums", "too_loud", 1), ("vocal", "masking", 1)]
    # with a masker after the part, the keys are set against the vocal
    intents, guesses = _read("I can barely hear the keys over the vocal")
    assert intents == [("keys", "too_quiet")]
    assert guesses == [("vocal", "too_loud", 0), ("keys", "masking", 0)]


def test_parts_named_after_a_join_are_no_party_to_the_words_before_it():
    # "buried" said of the vocal; the sentence then moves on to the guitars and keys, which
    # did not bury it: the vocal reading is sure
    intents, guesses = _read("the vocal is buried and the guitars and keys are fighting")
    assert intents == [("vocal", "too_quiet"), ("guitars", "masking"), ("keys", "masking")]
    # and the guitars and keys are one list: neither reading is "past a part", so no
    # "lead vocal fighting" stands beside them
    assert guesses == [("guitars", "too_loud", 1), ("keys", "too_loud", 2)]
    # with the guitars as the agent, they are offered as too loud beside it
    intents, guesses = _read("the vocal is buried under the guitars")
    assert ("guitars", "too_loud", 0) in guesses


def test_every_part_a_word_for_several_names_is_read_for_sure():
    # "the rhythm section" names the drums and the bass; neither reading is a guess that a
    # part named later in the sentence (the vocal) could replace
    intents, guesses = _read("the rhythm section is buried and the reverb on the vocal goes "
                             "on forever")
    assert intents == [("drums", "too_quiet"), ("bass", "too_quiet"),
                       ("vocal", "too_much_reverb")]
    assert guesses == []
