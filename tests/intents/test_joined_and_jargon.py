"""Parts joined by a sign, and level said in a mixer's jargon or a show's voices."""

from __future__ import annotations

import pytest

from intents import parse
from intents.text import clause_bounds, tokenize


def read(text: str) -> set[tuple[str, str]]:
    return {(i.layer, i.problem) for i in parse(text)}


@pytest.mark.parametrize(("text", "expected"), [
    # "/" had broken the clause: only the part after it kept the problem
    ("the vocal/guitar track was drowning in reverb",
     {("vocal", "too_much_reverb"), ("guitars", "too_much_reverb")}),
    ("vocals+guitars are muddy", {("vocal", "muddy"), ("guitars", "muddy")}),
    ("the kick & snare are way too loud", {("kick", "too_loud"), ("snare", "too_loud")}),
])
def test_parts_joined_by_a_sign_share_their_problem(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", ["recorded at 24/96, the vocal is too loud",
                                  "and/or the vocal is too loud",
                                  "w/the vocal too loud"])
def test_a_sign_between_numbers_one_letter_or_a_joiner_joins_nothing(text):
    assert [t.raw for t in tokenize(text) if t.word == "and" and t.raw != "and"] == []
    assert read(text) == {("vocal", "too_loud")}


def test_a_joining_slash_starts_no_clause():
    text = "the vocal/guitar were buried"
    assert len(set(clause_bounds(text, tokenize(text)))) == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("the kick is way hotter than everything else", {("kick", "too_loud")}),
    ("the synth is a good 6 dB hotter than the rest", {("keys", "too_loud")}),
    ("the vocal could be hotter than the guitars", {("vocal", "too_quiet")}),
    ("this summer is hotter than the last one", set()),
    ("everything is pushed to 11", {("mix", "loud_master")}),
    ("the snare is cranked up to 11", {("snare", "too_loud")}),
    ("tracks 1 to 11 are great", set()),
    ("the host is much quieter than the guest", {("vocal", "too_quiet")}),
    ("the commentary is drowned out by the crowd noise", {("vocal", "too_quiet")}),
    ("we host the files on dropbox", set()),
    ("my mic is too quiet compared to the game audio", {("vocal", "too_quiet")}),
    ("my kick mic is distorted", {("kick", "distorted")}),
    # a synthetic singer is the vocal; a string articulation is the keys' (the taxonomy's
    # strings)
    ("the vocaloid is very quiet", {("vocal", "too_quiet")}),
    ("the TTS voice is distorted", {("vocal", "distorted")}),
    ("the pizzicato is too loud", {("keys", "too_loud")}),
])
def test_level_in_a_mixers_jargon_and_a_shows_voices(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the car is a playback device like the phone (the taxonomy names both)
    ("the mix sounds terrible in the car", {("mix", "mono_collapse")}),
    ("the kick gets lost in my car", {("kick", "mono_collapse")}),
    ("I listened to it in the car on the way home", set()),
    # the whole song quiet where it is heard is its loudness, and stays
    ("my mixes are so quiet in my car", {("mix", "quiet_master")}),
    ("the song is way too loud on my phone", {("mix", "loud_master")}),
    ("the vocal is too quiet on my phone", {("vocal", "mono_collapse")}),
])
def test_a_device_says_where_a_fault_is_heard(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a manner word denied anywhere before it in its clause is no praise
    ("I can't hear the dialogue in the game properly", {("vocal", "too_quiet")}),
    ("not being able to hear the dialogue properly", {("vocal", "too_quiet")}),
    ("the vocal sits nicely on top", set()),
    # a game's background music is the backing under its voices
    ("the bgm overshadows the voices", {("instruments", "too_loud")}),
    ("the bgm sounds like it's clipping", {("mix", "distorted")}),
    # the listener's volume at its top to hear the song
    ("even with my speakers maxed out it's quiet", {("mix", "quiet_master")}),
    ("I have to max out the volume to hear it", {("mix", "quiet_master")}),
])
def test_hearing_denied_a_games_music_and_a_volume_at_its_top(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Bruce's guitar is mixed pretty low, and Roy's piano is considerably louder",
     {("guitars", "too_quiet"), ("keys", "too_loud")}),
    ("the snare is mixed rather loud", {("snare", "too_loud")}),
    ("the song was mixed pretty quickly", set()),
])
def test_a_part_mixed_low_or_loud_through_a_word_of_degree(text, expected):
    assert read(text) == expected
