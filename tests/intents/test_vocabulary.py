"""The descriptor lexicon's own rules: band-named tone words and the whole song."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from intents import parse, stem_role, understand

WHOLE_SONG = tomllib.loads(resources.files("intents").joinpath("data/lexicon.toml")
                           .read_text())["whole_song"]


@pytest.mark.parametrize("text", WHOLE_SONG["said_of_the_song"])
def test_a_band_named_tone_word_with_no_part_is_the_whole_songs_tone(text):
    assert [(i.layer, i.problem) for i in parse(text)] == [("mix", "tonal_balance")]


@pytest.mark.parametrize(("text", "layer", "problem"), WHOLE_SONG["said_of_a_part"])
def test_a_part_named_beside_a_band_named_tone_word_keeps_it(text, layer, problem):
    assert [(i.layer, i.problem) for i in parse(text)] == [(layer, problem)]


def test_a_vague_verdicts_words_are_not_corrected_as_typos():
    u = understand("the mix just isn't gelling")
    assert u.vague and u.corrections == ()


@pytest.mark.parametrize("text", [
    "Speaking of the bass, it is great",
    "the faucet in the studio is leaking again",
    "I was sneaking a listen on the train and the drums sound fine",
])
def test_everyday_words_one_letter_from_a_problem_word_are_not_typos(text):
    # "speaking" and "leaking" are one letter from "peaking": words, not misspellings
    u = understand(text)
    assert u.intents == () and u.corrections == ()


@pytest.mark.parametrize(("text", "expected"), [
    ("the snare got boxier after the new eq", ("snare", "muddy")),
    ("the guitars are fizzier than on the demo", ("guitars", "harsh")),
    ("this is the boomiest bass I have heard", ("bass", "muddy")),
    ("the piano sounds tinnier on the remaster", ("keys", "thin")),
])
def test_comparatives_and_superlatives_read_through_their_word_form(text, expected):
    assert expected in [(i.layer, i.problem) for i in parse(text)]


@pytest.mark.parametrize(("filename", "layer"), [
    ("Gang Vocals.wav", "backing_vocals"), ("Upright Bass.wav", "bass"),
    ("Plate Reverb.wav", "fx"), ("Open Hats.wav", "cymbals"), ("Hammond.wav", "keys"),
    ("Hook Synth.wav", "keys"), ("MC verse.wav", "vocal"),
])
def test_new_part_words_name_stem_files_too(filename, layer):
    assert stem_role(filename) == layer


def test_a_typo_is_matched_among_the_words_within_reach_as_among_all_of_them():
    """The words a typo is corrected towards are kept by length (a word out of reach of the
    cutoff by its length alone is never tried): rapidfuzz over every word must agree."""
    import random

    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from intents.vocabulary import vocabulary

    vocab = vocabulary()
    every = sorted({w for words in vocab.fuzzy_words.values() for w in words})
    rng = random.Random(12)
    letters = "abcdefghijklmnopqrstuvwxyz"
    typed = []
    for word in every:
        k = rng.randrange(len(word))
        typed += [word[:k] + word[k + 1:], word[:k] + rng.choice(letters) + word[k:],
                  word[:k] + rng.choice(letters) + word[k + 1:], word + word[-2:],
                  word[:-2] + word[-1] + word[-2]]
    typed += ["".join(rng.choice(letters) for _ in range(rng.randint(5, 24)))
              for _ in range(300)]
    cutoff = vocab.fuzzy_cutoff / 100.0
    for text in typed:
        everywhere = process.extractOne(text, every, scorer=OSA.normalized_similarity,
                                        score_cutoff=cutoff)
        within = process.extractOne(text, vocab.fuzzy_words.get(len(text), ()),
                                    scorer=OSA.normalized_similarity, score_cutoff=cutoff)
        assert (everywhere and everywhere[:2]) == (within and within[:2]), text


CONFUSED = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())[
    "confused_words"]


@pytest.mark.parametrize(("text", "layer", "problem"), CONFUSED["examples"])
def test_a_real_word_typed_for_a_problem_word_reads_as_it_where_it_ends_its_clause(
        text, layer, problem):
    assert (layer, problem) in {(i.layer, i.problem) for i in parse(text)}


@pytest.mark.parametrize("text", CONFUSED["counter_examples"])
def test_a_real_word_before_what_it_qualifies_stays_itself(text):
    assert not {i.problem for i in parse(text)} & {"too_quiet", "quiet_master"}


def test_a_key_that_slid_into_a_composition_is_refused():
    # TOML puts every key after `[[problem.composed]]` into that composition: a problem's
    # `graded` or `examples` written below one would silently stop counting
    from intents.model import IntentError
    from intents.vocabulary import _lexicon

    table = tomllib.loads(resources.files("intents").joinpath("data/lexicon.toml").read_text())
    table["too_much_reverb"]["composed"][0]["graded"] = ["wet"]
    with pytest.raises(IntentError, match="graded"):
        _lexicon(table)


@pytest.mark.parametrize(("text", "expected"), [
    ("the compression gives the drums a nice glue", []),
    ("the keys sound gluey", [("keys", "muddy")]),
])
def test_a_word_read_another_way_is_no_form_of_a_problem_word(text, expected):
    """"glue" is what a finished record has; only "gluey" is muddy, though both share a
    word form."""
    assert sorted((i.layer, i.problem) for i in parse(text)) == expected


def test_the_lexicon_repeats_no_phrase_the_core_cues_hold():
    """cues.toml is read first and wins: a lexicon copy of one of its phrases would be a
    second place to edit that does nothing."""
    from intents.text import words_of
    from intents.vocabulary import _cues, _read

    rules = _read("rules.toml")
    core, _ = _cues(_read("cues.toml"), rules["denied_quality"], rules["gaps"])
    lexicon = _read("lexicon.toml")
    repeated = [(problem, phrase) for problem, entry in lexicon.items()
                if isinstance(entry, dict)
                for kind in ("descriptors", "object_after", "object_only", "against")
                for phrase in entry.get(kind, []) if words_of(phrase) in core]
    assert repeated == []


@pytest.mark.parametrize("phrase", tomllib.loads(
    resources.files("intents").joinpath("data/rules.toml").read_text())["scope"]["devices"][
    "phrases"])
def test_a_device_listed_once_is_a_mono_collapse_cue(phrase):
    assert [(i.layer, i.problem) for i in parse(f"the bass is weird {phrase}")] == [
        ("bass", "mono_collapse")]
