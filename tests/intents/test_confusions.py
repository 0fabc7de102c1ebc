"""Right part, wrong problem; right problem, wrong part: each family of confusions on
phrasings written for these tests (none is in the labelled sets).

Expectations are hand-labelled with the taxonomy's labelling rules
(shared/intent-taxonomy.md), quoted in each test's docstring; every family holds several
phrasings and near misses that must keep their reading, so a rule fitted to one sentence
fails the others.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from intents import parse


def _read(text: str) -> set[tuple[str, str]]:
    return {(i.layer, i.problem) for i in parse(text)}


MONO_BEFORE = [
    ("I listened to the bounce on my phone. The kick was completely gone!",
     {("kick", "mono_collapse")}),
    ("Checked it in the car last night. The bass line just vanishes.",
     {("bass", "mono_collapse")}),
    ("I summed the mix to mono. The pads disappear completely.",
     {("keys", "mono_collapse")}),
    ("Played it on my laptop speakers... the guitars are just not there",
     {("guitars", "mono_collapse")}),
]
MONO_NOT_BEFORE = [
    # the device two sentences back, or none at all: the part is only hard to hear
    ("I summed the mix to mono. The verses hold up fine. In the chorus the pads disappear.",
     {("keys", "too_quiet")}),
    ("I bounced the mix last night. The kick was completely gone!", {("kick", "too_quiet")}),
]


@pytest.mark.parametrize(("text", "expected"), MONO_BEFORE + MONO_NOT_BEFORE,
                         ids=[c[0][:40] for c in MONO_BEFORE + MONO_NOT_BEFORE])
def test_a_device_named_in_the_sentence_before_makes_a_vanishing_part_a_collapse(
        text, expected):
    """Taxonomy: "A part that vanishes 'on my phone' or 'in the car' is `mono_collapse`."
    People name the device first and what goes missing there in the next sentence."""
    assert _read(text) == expected


RULES = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())
BAND = RULES["band_level"]

BAND_LEVEL = [
    ("the master is completely missing on the bottom end", {("mix", "tonal_balance")}),
    ("the master is too quiet in the top end next to the demo", {("mix", "tonal_balance")}),
    ("honestly the mix is way too loud across the low mids", {("mix", "tonal_balance")}),
    # a place in the song or a device is no band: the level stays the song's
    ("the master is too quiet at the top of the second verse", {("mix", "quiet_master")}),
    ("the song is way too loud in the bridge", {("mix", "loud_master")}),
]


@pytest.mark.parametrize(("text", "expected"), BAND_LEVEL, ids=[c[0][:40] for c in BAND_LEVEL])
def test_the_song_too_loud_or_quiet_in_a_band_is_its_tone(text, expected):
    """Taxonomy: "Whole-song tone (muddy, harsh, dull, thin, too bright, too dark across the
    whole mix) is `mix` + `tonal_balance`"; `quiet_master`/`loud_master` are the whole
    song's level. A song too quiet "in the highs" or missing "on the bottom" is off in one
    band: its tone, not its level."""
    assert _read(text) == expected


@pytest.mark.parametrize("text", BAND["where_examples"])
def test_band_level_where_examples(text):
    assert _read(text) == {("mix", "tonal_balance")}


@pytest.mark.parametrize(("text", "layer", "problem"), BAND["where_counter_examples"])
def test_band_level_where_counter_examples(text, layer, problem):
    assert _read(text) == {(layer, problem)}


@pytest.mark.parametrize("text", [
    "my de-esser has a hard time chasing the esses on the lead vocal",
    "the mix is way too loud across the low mids",
    "I spent an hour chasing a clicky kick"])
def test_everyday_words_are_not_typos_of_problem_words(text):
    """"chasing" is not "phasing" (a mono collapse) and "across" is not "cross": a word
    corrected into the vocabulary changes the problem read."""
    from intents import understand

    u = understand(text)
    assert not {c.typed.lower() for c in u.corrections} & {"chasing", "across"}
    assert "mono_collapse" not in {i.problem for i in u.intents}


OWNED_AFTER = [
    ("the album had ridiculously dry sounding vocals", {("vocal", "too_dry")}),
    ("this record has muddy, boomy bass", {("bass", "muddy")}),
    ("it has harsh sounding cymbals all the way through", {("cymbals", "harsh")}),
    ("the EP came with thin sounding drums", {("drums", "thin")}),
    # a part before the verb keeps the words: its own sound
    ("the kicks all have that distorted drum sound", {("kick", "distorted")}),
    ("the guitars have a thin vocal-like tone", {("guitars", "thin")}),
]


@pytest.mark.parametrize(("text", "expected"), OWNED_AFTER, ids=[c[0][:40] for c in OWNED_AFTER])
def test_a_descriptor_had_by_the_song_belongs_to_the_part_after_it(text, expected):
    """Taxonomy: "If the user can name the part, fix the part"; an unnamed "it" is the whole
    song only "with no part in the text". "The album had dry vocals" names the vocal: the
    song only holds it."""
    assert _read(text) == expected


HEADS = RULES["part_heads"]


@pytest.mark.parametrize(("text", "layer", "problem"), HEADS["examples"] + [
    ("honestly the brass instruments drown out everything", "keys", "too_loud"),
    ("the choir instrument sounds muffled", "backing_vocals", "dull"),
    ("the hi-hat drum track is way too loud", "cymbals", "too_loud")])
def test_a_part_before_a_word_for_the_band_is_that_part(text, layer, problem):
    """Taxonomy: "`instruments` is only for the band or beat as a whole"; "Strings, violins,
    horns and other melodic parts without a layer of their own count as `keys`"; `cymbals`
    covers "overheads, OH" and `drums` "the kit as a whole"."""
    assert _read(text) == {(layer, problem)}


@pytest.mark.parametrize(("text", "layer", "problem"), HEADS["counter_examples"])
def test_the_band_word_alone_stays_the_band(text, layer, problem):
    assert (layer, problem) in _read(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("the instruments and the vocals sound thin", {("instruments", "thin"), ("vocal", "thin")}),
    ("the backing track sounds thin and tinny", {("instruments", "thin")}),
    ("the drum kit sounds thin", {("drums", "thin")}),
])
def test_the_band_thin_is_the_band_not_the_kit(text, expected):
    """Taxonomy: `instruments` covers "the music, instrumental, the beat (hip-hop sense),
    backing track, everything but the vocal"; `drums` is "the kit as a whole"."""
    assert _read(text) == expected


NO_LAYER = RULES["no_layer"]


@pytest.mark.parametrize(("text", "layer", "problem"), NO_LAYER["place_examples"] + [
    ("I hear nasty sibilance across the cymbals", "cymbals", "harsh"),
    ("there's sibilance on the backing vocals", "backing_vocals", "harsh")])
def test_a_problem_word_with_its_own_part_yields_to_the_part_it_is_placed_in(
        text, layer, problem):
    """Taxonomy: "`harsh`: ... sibilant, essy" is for named parts; sibilance implies a voice
    only when no part is named. Said "in the violins", it is the violins' (`keys`)."""
    assert _read(text) == {(layer, problem)}


@pytest.mark.parametrize(("text", "layer", "problem"), NO_LAYER["place_counter_examples"])
def test_a_part_set_against_the_problem_word_leaves_it_its_own_part(text, layer, problem):
    assert (layer, problem) in _read(text)


WASHED = RULES["washed_by"]


@pytest.mark.parametrize(("text", "layer", "problem"), WASHED["examples"] + [
    ("the pads are way too loud and the lead vocal is washed out", "vocal", "too_quiet"),
    ("the snare gets washed out under the crash cymbals", "snare", "too_quiet")])
def test_a_part_washed_out_by_a_louder_part_is_too_quiet(text, layer, problem):
    """Taxonomy: "'B is buried by / under / behind A' ... are about B: `B` + `too_quiet`
    only"; `too_much_reverb` is "washy, distant, too wet, drowned in reverb"."""
    assert (layer, problem) in _read(text)
    assert (layer, "too_much_reverb") not in _read(text)


@pytest.mark.parametrize(("text", "layer", "problem"), WASHED["counter_examples"] + [
    ("the guitars sound great, but the vocal is washed out in a long hall", "vocal",
     "too_much_reverb")])
def test_a_part_washed_out_with_no_rival_is_too_wet(text, layer, problem):
    assert _read(text) == {(layer, problem)}


AMOUNTS = RULES["amount_objects"]


@pytest.mark.parametrize("text", AMOUNTS["examples"] + [
    "the drums need more variety in the fills", "the lead guitar needs more feeling",
    "the drums are more of a texture than a groove"])
def test_an_amount_of_playing_or_writing_is_no_level(text):
    """Taxonomy: "Not a mix complaint (noise, timing, arrangement, software bugs, praise,
    chit-chat): no intent"; how a part is played or written is no level of it."""
    assert _read(text) == set()


@pytest.mark.parametrize(("text", "layer", "problem"), AMOUNTS["counter_examples"] + [
    ("the strings need more legato and they are way too quiet", "keys", "too_quiet")])
def test_an_amount_of_the_part_itself_is_its_level(text, layer, problem):
    assert (layer, problem) in _read(text)


MUSIC = RULES["music_as_song"]


@pytest.mark.parametrize(("text", "layer", "problem"), MUSIC["owned_examples"] + [
    ("our music sounds squashed and harsh on every speaker", "mix", "tonal_balance")])
def test_the_writers_own_music_is_the_song(text, layer, problem):
    """Taxonomy: `mix` is "the whole song, the track, the master, overall"; `instruments` is
    "the music ... everything but the vocal". "Your music", "my music" is someone's song."""
    assert (layer, problem) in _read(text)
    assert not {p for lay, p in _read(text) if lay == "instruments"}


@pytest.mark.parametrize(("text", "layer", "problem"), MUSIC["owned_counter_examples"] + [
    ("the music drowns out the singer", "instruments", "too_loud")])
def test_the_music_under_a_part_stays_the_band(text, layer, problem):
    assert (layer, problem) in _read(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The guitars bury the vocal, and the bass drowns out everything.",
     {("guitars", "too_loud"), ("bass", "too_loud")}),
    ("the pads smother the vocals, and the hats drown out the snare",
     {("keys", "too_loud"), ("cymbals", "too_loud")}),
    # a list before one verb stays a list
    ("the guitars, bass and drums overpower the vocal",
     {("guitars", "too_loud"), ("bass", "too_loud"), ("drums", "too_loud")}),
])
def test_an_object_then_a_subject_with_its_own_verb_are_no_list(text, expected):
    """Taxonomy: "'A covers up / drowns out / swallows / wipes out / is louder than B' is
    `A` + `too_loud`"; "A named list of parts keeps each part". The object of one clause
    and the subject of the next are no list: B is not too loud."""
    assert _read(text) == expected


SENSES = RULES["part_senses"]


@pytest.mark.parametrize(("text", "layer", "problem"), SENSES["examples"] + [
    ("the backing vocals are way too soft in the bridge", "backing_vocals", "too_quiet"),
    ("compared to other records the whole track sounds soft", "mix", "quiet_master")])
def test_soft_said_of_a_voice_an_instrument_or_the_song_is_too_quiet(text, layer, problem):
    """Taxonomy: `too_quiet` is "buried, low, can't hear, ... not loud enough"; `weak` is
    "no punch, no impact, flat, lacks energy, limp (drums, kick, snare)"."""
    assert (layer, problem) in _read(text)


@pytest.mark.parametrize(("text", "layer", "problem"), SENSES["counter_examples"])
def test_soft_said_of_a_drum_is_weak(text, layer, problem):
    assert (layer, problem) in _read(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("summed to mono, the guitars get hollow and phasey", {("guitars", "mono_collapse")}),
    ("the room mic and the close mic together in mono make the snare sound hollow",
     {("snare", "mono_collapse")}),
    # no mono in sight: a hollow part is thin
    ("the snare sounds hollow and papery", {("snare", "thin")}),
])
def test_a_part_gone_hollow_in_mono_is_a_collapse(text, expected):
    """Taxonomy: `mono_collapse` is "disappears or falls apart in mono, phasey"; `thin` is
    "thin, no body, weak low end, small, tinny". Hollow in mono is the sound of phase
    cancellation."""
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the remaster was brickwalled at the expense of warmth",
     {("mix", "loud_master"), ("mix", "tonal_balance")}),
    ("the snare got brighter at the cost of punch", {("snare", "weak")}),
    # a part as what is paid: that part is too quiet
    ("the guitars are pushed up at the expense of the vocal",
     {("guitars", "too_loud"), ("vocal", "too_quiet")}),
])
def test_a_quality_paid_for_something_else_is_missing(text, expected):
    """Taxonomy: `thin` is "no body, weak low end"; `weak` is "no punch, no impact";
    "B is buried by / under / behind A" is `B` + `too_quiet`. What is lost "at the expense
    of" is lacking: a quality names its own problem, a part is too quiet."""
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("tinny-sounding drums all the way through", {("drums", "thin")}),
    ("the snare is tiny sounding next to the kick", {("snare", "thin")}),
    ("the kick sounds tiny", {("kick", "thin")}),
])
def test_tiny_and_tinny_are_thin_however_said(text, expected):
    """Taxonomy: `thin` is "thin, no body, weak low end, small, tinny"; `weak` is "no punch,
    no impact". "Tiny sounding" is small, as "sounds tiny" is."""
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("muddy bass and harsh cymbals ruin the chorus", {("bass", "muddy"), ("cymbals", "harsh")}),
    ("a mix of buried vocals and overbearing guitars",
     {("vocal", "too_quiet"), ("guitars", "too_loud")}),
    # two words of one part stay its own
    ("the bass is muddy and harsh", {("bass", "muddy"), ("bass", "harsh")}),
])
def test_a_descriptor_after_and_belongs_to_the_part_after_it(text, expected):
    """Taxonomy: "A named list of parts keeps each part": each descriptor is the problem of
    the part it stands before."""
    assert _read(text) == expected


SHARED_VERB = RULES["shared_verb"]


@pytest.mark.parametrize(("text", "layer", "problem"), SHARED_VERB["examples"] + [
    ("turn the vocal up 2 db and the guitars down 1 db", "guitars", "too_loud"),
    ("make the vocal louder, the pads softer", "keys", "too_loud")])
def test_a_request_verb_said_once_serves_both_moves(text, layer, problem):
    """"Turn the bass up and the hats down" asks for two moves: the hats are too loud, as
    "turn the hats down" alone says (taxonomy: too_loud is "too much, sticks out")."""
    read = _read(text)
    assert (layer, problem) in read
    assert (layer, {"too_loud": "too_quiet", "too_quiet": "too_loud"}[problem]) not in read


@pytest.mark.parametrize(("text", "layer", "problem"), SHARED_VERB["counter_examples"])
def test_a_second_clause_with_its_own_verb_keeps_it(text, layer, problem):
    assert (layer, problem) in _read(text)


UNHEARD_BEFORE = RULES["unheard_before"]


@pytest.mark.parametrize("text", UNHEARD_BEFORE["examples"])
def test_never_heard_before_is_no_part_hard_to_hear(text):
    assert not {p for _, p in _read(text)} & {"too_quiet"}


@pytest.mark.parametrize(("text", "layer", "problem"), UNHEARD_BEFORE["counter_examples"] + [
    # "that's when" points at a moment, it sets no condition ([conditional] moment_openers)
    ("that's when it hit me they were over compressing the music", "mix", "loud_master"),
    ("this is when the vocal gets buried", "vocal", "too_quiet")])
def test_a_part_unheard_or_a_moment_pointed_at_keeps_its_complaint(text, layer, problem):
    assert (layer, problem) in _read(text)


ACCOMPANIMENT = RULES["accompaniment"]


@pytest.mark.parametrize(("text", "layer", "problem"),
                         ACCOMPANIMENT["examples"] + ACCOMPANIMENT["counter_examples"])
def test_the_orchestra_beside_a_voice_is_the_band_under_it(text, layer, problem):
    """Taxonomy: strings count as `keys`; `instruments` is "everything but the vocal"."""
    assert (layer, problem) in _read(text)


@pytest.mark.parametrize(("text", "layer", "problem", "not_read"), [
    ("an overpowering bass ruins the chorus", "bass", "too_loud", "too_quiet"),
    ("the overwhelming pads make it a mess", "keys", "too_loud", "too_quiet"),
    ("a subdued vocal in the verses", "vocal", "too_quiet", "too_loud"),
    ("the smothered snare never cuts", "snare", "too_quiet", "too_loud"),
])
def test_a_participle_after_a_determiner_describes_the_part_after_it(text, layer, problem,
                                                                    not_read):
    """"The overpowering bass" is the bass too loud (taxonomy: too_loud "overpowering"); the
    participle is an adjective there, not a verb done to the bass."""
    read = _read(text)
    assert (layer, problem) in read and (layer, not_read) not in read


@pytest.mark.parametrize(("text", "expected"), [
    ("the snare sounds icy", {("snare", "harsh")}),
    ("the vocal sounds pinched", {("vocal", "thin")}),
    ("the 808 sounded fried on the club system", {("bass", "distorted")}),
    ("the vocal is too chesty", {("vocal", "muddy")}),
    ("I'm fried after this session", set()),
])
def test_engineers_descriptors_read_their_problem(text, expected):
    """Taxonomy words: harsh "sharp, shrill, brittle, ice pick"; thin "no body, tinny"
    (a pinched, nasal narrowness); distorted "crackling, unwanted distortion"; muddy "boomy,
    woolly, congested low mids" (a chesty vocal). Tired is not a sound."""
    assert _read(text) == expected


ALL_BUT_VOICE = RULES["all_but_voice"]


@pytest.mark.parametrize(("text", "layer", "problem"),
                         ALL_BUT_VOICE["examples"] + ALL_BUT_VOICE["counter_examples"])
def test_everything_but_the_vocal_is_the_band_under_it(text, layer, problem):
    """Taxonomy: `instruments` is "everything but the vocal"; `mix` is the whole song."""
    assert _read(text) == {(layer, problem)}
