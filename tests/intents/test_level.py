"""Level, masking and master-loudness families, each on phrasings written for these tests.

None of these sentences is in the labelled sets; expectations are hand-labelled with the
taxonomy's rules (shared/intent-taxonomy.md). Each family holds several phrasings so a
rule fitted to one sentence fails the others; the rule tables' own examples and
counter-examples run here too.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from intents import parse, understand

RULES = tomllib.loads(resources.files("intents").joinpath("data/rules.toml").read_text())


def _read(text: str) -> set[tuple[str, str]]:
    return {(i.layer, i.problem) for i in parse(text)}


PLACEMENT = [
    # a sinking verb before a quiet position
    ("the rhodes is tucked so far back you miss it", {("keys", "too_quiet")}),
    ("the ad-libs keep slipping behind the synths", {("backing_vocals", "too_quiet")}),
    ("the bass line hides underneath the guitars", {("bass", "too_quiet")}),
    # a plain placement with a degree of excess or a part it is set against
    ("the snare sits way back in the verses", {("snare", "too_quiet")}),
    ("the toms are mixed so far down you barely notice them", {("drums", "too_quiet")}),
    ("the organ sits right on top of the vocal", {("keys", "too_loud")}),
    ("the kick is miles in front of the bass and way too far forward",
     {("kick", "too_loud")}),
    # wished for: the opposite problem
    ("the guitars could stand to sit a bit further back", {("guitars", "too_loud")}),
    ("I'd have the vocal come forward a touch", {("vocal", "too_quiet")}),
    # where a part should be, or a place in time
    ("the lead vocal sits right up front where it belongs", set()),
    ("the bass sits underneath it all and holds the song together", set()),
    ("the drummer plays slightly behind the beat", set()),
]


@pytest.mark.parametrize(("text", "expected"), PLACEMENT, ids=[c[0][:40] for c in PLACEMENT])
def test_where_a_part_sits_says_its_level(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "layer", "problem"), RULES["placement"]["examples"])
def test_placement_examples(text, layer, problem):
    assert (layer, problem) in _read(text)


@pytest.mark.parametrize("text", RULES["placement"]["counter_examples"])
def test_placement_counter_examples(text):
    assert _read(text) == set()


RECIPROCAL = RULES["reciprocal"]


@pytest.mark.parametrize(("text", "layers"), RECIPROCAL["doing_examples"])
def test_parts_doing_something_to_each_other_mask_each_other(text, layers):
    assert _read(text) == {(layer, "masking") for layer in layers}


@pytest.mark.parametrize("text", RECIPROCAL["doing_counter_examples"] + [
    "the song turned into one big singalong",
    "the backing vocals and lead answer one another beautifully"])
def test_friendly_doings_are_no_masking(text):
    assert _read(text) == set()


TOGETHER = [
    # a verb of going together denied, the parts before it or around it
    ("the kick and the bass never quite lock in", {"kick", "bass"}),
    ("my drums and bass don't go well together at all", {"drums", "bass"}),
    ("the guitar and vocal never really blend", {"guitars", "vocal"}),
    ("the vocal and the guitars are not gelling well", {"vocal", "guitars"}),
    ("the kick and bass don't sound good together", {"kick", "bass"}),
    ("the vocals don't sit in the beat", {"vocal", "instruments"}),
    # wished for, or a wish that failed
    ("how can I get the vocal to sit with the guitars", {"vocal", "guitars"}),
    ("i can't get the kick and bass to gel", {"kick", "bass"}),
    ("how do I make the kick and 808 sit together", {"kick", "bass"}),
]


@pytest.mark.parametrize(("text", "layers"), RECIPROCAL["together_examples"] + TOGETHER)
def test_parts_that_do_not_go_together_mask_each_other(text, layers):
    assert _read(text) == {(layer, "masking") for layer in layers}


@pytest.mark.parametrize("text", RECIPROCAL["together_counter_examples"] + [
    "the guitars and keys don't play in the verse",
    "the drums and bass lock in perfectly",
    "I made the beat and the vocal sits well in it"])
def test_parts_that_go_together_or_do_not_play_are_no_masking(text):
    assert _read(text) == set()


@pytest.mark.parametrize("text", ["the vocal doesn't sit in the mix",
                                  "I can't get the snare to sit right in the track"])
def test_one_part_that_does_not_sit_is_offered_its_usual_problems(text):
    understanding = understand(text)
    assert not understanding.intents
    part = "vocal" if "vocal" in text else "snare"
    assert {g.problem for g in understanding.guesses if g.layer == part} & {
        "too_quiet", "too_loud"}


@pytest.mark.parametrize("text", RECIPROCAL["crowd_examples"])
def test_all_the_parts_at_odds_is_the_band_masking(text):
    assert _read(text) == {(RECIPROCAL["crowd_layer"], "masking")}


@pytest.mark.parametrize("text", RECIPROCAL["crowd_counter_examples"])
def test_a_part_against_everything_is_no_band_masking(text):
    assert (RECIPROCAL["crowd_layer"], "masking") not in _read(text)


@pytest.mark.parametrize(("text", "layer", "problem"), RULES["contrast"]["examples"]
                         + RULES["contrast"]["counter_examples"])
def test_telling_one_part_from_another_is_masking_telling_one_part_alone_is_level(
        text, layer, problem):
    assert (layer, problem) in _read(text)


@pytest.mark.parametrize("text", RULES["contrast"]["undecided_examples"])
def test_what_cannot_be_told_is_no_sound(text):
    understanding = understand(text)
    assert understanding.intents == () and understanding.unclear == ()


@pytest.mark.parametrize("text", [
    "the vocal sits nicely with the band and the master breathes",
    "the vocal comes through clearly even on a phone",
    "the hats sit perfectly on top of the kit",
])
def test_a_verb_done_well_is_praise(text):
    assert _read(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("the vocal is clearly buried", {("vocal", "too_quiet")}),
    ("I have to strain to hear the vocals clearly, they're so quiet", {("vocal", "too_quiet")}),
])
def test_a_manner_word_after_be_or_an_object_praises_nothing(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a good quality denied by struggling, failing or barely managing
    ("the rhythm guitar struggles to come through in the verses", {("guitars", "too_quiet")}),
    ("the snare barely cuts through the guitars", {("snare", "too_quiet")}),
    ("the lead vocal never quite stands out", {("vocal", "too_quiet")}),
    ("the piano fails to poke through the pads", {("keys", "too_quiet")}),
    # said plainly the quality is praise
    ("the snare cuts through the guitars", set()),
    ("the vocal stands out", set()),
])
def test_struggling_or_failing_denies_a_good_quality(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the kick could use a few dB more", {("kick", "too_quiet")}),
    ("the vocal needs another 2 dB", {("vocal", "too_quiet")}),
    ("the hats could do with a couple of decibels", {("cymbals", "too_quiet")}),
])
def test_an_amount_of_level_asked_for(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the vocals get shoved to the front", {("vocal", "too_loud")}),
    ("the guitars were pushed way back", {("guitars", "too_quiet")}),
    ("the harmonies tend to get pushed back into the song", {("backing_vocals", "too_quiet")}),
    ("the strings ought to be pushed back", {("keys", "too_loud")}),
])
def test_a_part_pushed_anywhere_is_off_that_way(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("my master is way too loud compared to commercial tracks", {("mix", "loud_master")}),
    ("the song is brutally loud next to other songs", {("mix", "loud_master")}),
    ("my song sounds quiet compared to commercial tracks", {("mix", "quiet_master")}),
])
def test_the_level_word_says_which_way_the_song_is_off_against_released_music(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "the quiet intro builds into a loud chorus",
    "in the louder sections the band really opens up",
    "quiet songs like this one need a light touch",
    "the softer verses give the song room",
])
def test_a_level_word_describing_a_stretch_of_music_is_no_complaint(text):
    assert _read(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("the vocals were excruciatingly loud", {("vocal", "too_loud")}),
    ("the hats are needlessly loud", {("cymbals", "too_loud")}),
    ("the kick is nowhere and the bass is too loud", {("kick", "too_quiet"),
                                                      ("bass", "too_loud")}),
    ("nothing that sticks out as too soft or loud", set()),
])
def test_degree_words_and_absence(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a level word denied after "as"
    ("the drums aren't quite as up front as they should be", {("drums", "too_quiet")}),
    ("the bass is nowhere near as present as the kick", {("bass", "too_quiet")}),
    ("the vocal is as loud as the guitars", set()),
    # the excess of a part
    ("the kick drum was way overdone", {("kick", "too_loud")}),
    ("the reverb on the vocal is overdone", {("vocal", "too_much_reverb")}),
    ("the mix favours the guitars at the expense of the vocals", {("vocal", "too_quiet")}),
    # high and low need a verb that places; "be" gives pitch
    ("the guitars are mixed too high", {("guitars", "too_loud")}),
    ("the bass is turned way up", {("bass", "too_loud")}),
    ("the vocals need to be turned up", {("vocal", "too_quiet")}),
    ("the vocals are too high for the singer's range", set()),
    ("I turned up the vocals and it got better", set()),
    # over the band as a whole is where a lead sits
    ("the vocal sits on top of the band", set()),
    ("the vocals are mixed above the guitars", {("vocal", "too_loud")}),
])
def test_level_said_by_comparison_excess_and_placement(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text", RULES["perception"]["counter_examples"])
def test_wondering_why_is_no_complaint(text):
    assert _read(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    # a sentence that only names the export leaves the others their complaints
    ("I exported my mix last night. The vocal is buried under the guitars.",
     {("vocal", "too_quiet")}),
    ("Here's the mp3 of the new one. The kick is way too loud.", {("kick", "too_loud")}),
    # an export or a player judged: a device fault, no mix complaint
    ("When I export to mp3 the vocal disappears.", set()),
    ("The bass crackles in the exported file. It plays fine in my DAW.", set()),
    # a bounce is an export; a bounce played on a phone is heard there, no fault of its own
    ("When I bounced the song to disk, the panning disappeared. It all came through in mono.",
     set()),
    ("On bounce the hats crackle and the vocal gets a hiss.", set()),
    ("I bounced it to disk last night. The snare is way too loud.", {("snare", "too_loud")}),
    ("I bounced a new version and the vocal is still buried.", {("vocal", "too_quiet")}),
    # the playback chain at fault: a turntable, a phone's ringtone
    ("the music from my turntable is weak and distorted", set()),
    ("my ringtone is way too quiet", set()),
    # a tape as a simile is the mix's own sound
    ("it sounds dull and rolled off, as if recorded on a cheap tape deck",
     {("mix", "tonal_balance")}),
])
def test_an_export_named_in_passing_is_no_device_fault(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the music sets the time: the problem after it is said of the mix
    ("when the chorus kicks in the piano gets lost", {("keys", "too_quiet")}),
    ("whenever the horns play the vocal disappears", {("vocal", "too_quiet")}),
    ("when the drums kick in the vocals get buried", {("vocal", "too_quiet")}),
    # the listener sets it: a condition
    ("when I turn it up the bass gets muddy", set()),
    ("the kick in the chorus is too loud", {("kick", "too_loud")}),
])
def test_when_the_music_does_something_the_problem_stands(text, expected):
    assert _read(text) == expected


def test_kicks_as_a_part_are_no_phrasal_verb():
    assert _read("the kicks in the chorus are weak") == {("kick", "weak")}


@pytest.mark.parametrize(("text", "expected"), [
    ("way too loud next to commercial tracks, it's fatiguing", {("mix", "loud_master")}),
    ("the master is crushed and tiring to listen to", {("mix", "loud_master")}),
    # fatigue said of another part, or with no loudness beside it, stays harsh
    ("the cymbals are fatiguing, and the master is way too loud",
     {("cymbals", "harsh"), ("mix", "loud_master")}),
    ("the hats are fatiguing", {("cymbals", "harsh")}),
    # words lost in a part's own reverb are the reverb's effect; buried is said apart
    ("there's so much reverb on the vocal that no one can understand the words",
     {("vocal", "too_much_reverb")}),
    ("the vocal is drowned in reverb and unintelligible", {("vocal", "too_much_reverb")}),
    ("the vocal is buried and there's too much reverb on it",
     {("vocal", "too_quiet"), ("vocal", "too_much_reverb")}),
])
def test_fatigue_beside_loudness_is_its_effect(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # room taken: the part taking it is too loud, the part left without it too quiet
    ("the guitars leave no room for the vocal", {("guitars", "too_loud")}),
    ("there's no room for the vocal with all that going on", {("vocal", "too_quiet")}),
    ("there is not enough space for the snare", {("snare", "too_quiet")}),
    ("the pads take up too much space", {("keys", "too_loud")}),
    ("the synths take up the whole mix", {("keys", "too_loud")}),
    # what is done to a part with no part doing it leaves that part under
    ("the mix swamps the singer", {("vocal", "too_quiet")}),
    # ... and a named doer is too loud by the taxonomy, every part a word names
    ("the rhythm section swamps the singer", {("drums", "too_loud"), ("bass", "too_loud")}),
    ("drowning out the vocal is the real problem here", {("vocal", "too_quiet")}),
    ("an ear splitting bass ruins it", {("bass", "too_loud")}),
])
def test_room_taken_and_room_left(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("her voice is a whisper beneath the synths", {("vocal", "too_quiet")}),
    ("the singer is reduced to a murmur", {("vocal", "too_quiet")}),
    ("the bass gets pushed aside by the keyboards", {("bass", "too_quiet")}),
    ("the piano tends to fade behind the strings", {("keys", "too_quiet")}),
    ("she sings in a whisper on the last track", set()),
])
def test_a_part_reduced_pushed_aside_or_fading_is_too_quiet(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the cowbell pokes out of the mix way too much", {("drums", "too_loud")}),
    ("the master isn't too quiet compared to commercial stuff", set()),
    ("the vocal sounds stuffy", {("vocal", "dull")}),
])
def test_percussion_by_name_and_plain_words_kept_whole(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the vocal needs to sit higher", {("vocal", "too_quiet")}),
    ("the hats could sit lower", {("cymbals", "too_loud")}),
    ("the vocals dip a little lower in the verses", {("vocal", "too_quiet")}),
    ("the guitars are mixed higher than the vocal", {("guitars", "too_loud")}),
    ("the bridge is mixed lower and it works", set()),
])
def test_higher_and_lower_after_a_verb_that_places(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the instruments all seem to occupy the same range", {("instruments", "masking")}),
    ("the guitars all fight for the same space", {("guitars", "masking")}),
    ("I cut those same frequencies on the vocal and now it's dull", {("vocal", "dull")}),
    ("the song is missing a lot of bass frequencies", {("mix", "tonal_balance")}),
    ("the kick lacks low frequencies", {("kick", "thin")}),
])
def test_one_part_all_at_odds_and_bands_named_by_frequency(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "the bridge gives the vocals more room to breathe",
    "static mixes rarely sound finished",
    "the rapper sounds a little mush-mouthed on the second verse",
    "the mono compatibility is exceptional",
])
def test_idioms_and_praise_that_hold_problem_words(text):
    assert _read(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("the 808 and kick aren't playing nice together", {("bass", "masking"), ("kick", "masking")}),
    ("the piano and the vocal are constantly at odds", {("keys", "masking"), ("vocal", "masking")}),
    ("the kick and bass aren't separated enough", {("kick", "masking"), ("bass", "masking")}),
    ("the kick and bass sit well together", set()),
    ("the kick and bass are working together nicely", set()),
])
def test_parts_that_do_not_get_on_mask_each_other(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the master is pushed into the limiter so hard", {("mix", "loud_master")}),
    ("the aggressive limiting ruins the record", {("mix", "loud_master")}),
    ("the vocal is driven into a limiter", {("vocal", "over_compressed")}),
    ("every transient is gone", {("mix", "loud_master")}),
    ("the loudness is off the charts", {("mix", "loud_master")}),
])
def test_limiting_and_lost_transients_are_loudness(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # hand percussion is the kit's percussion (taxonomy: drums), not its cymbals
    ("the shaker is louder than the vocal", {("drums", "too_loud")}),
    ("the hats and the tambourine clash with each other",
     {("cymbals", "masking"), ("drums", "masking")}),
])
def test_hand_percussion_is_drums(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "stems"), [
    ("the guitars and the keys are fighting", {"guitars": ("guitars", "keys"),
                                               "keys": ("keys", "guitars")}),
    ("the vocal fights the guitars", {"vocal": ("vocal", "guitars"),
                                      "guitars": ("guitars", "vocal")}),
    ("the kick and bass don't gel", {"kick": ("kick", "bass"), "bass": ("bass", "kick")}),
])
def test_parts_named_as_fighting_ask_for_each_others_stems(text, stems):
    """'The guitars and the keys are fighting' asked for the guitars and 'the music under
    the vocal' (the whole band), not for the keys they fight."""
    assert {i.layer: i.stems for i in understand(text).intents} == stems


@pytest.mark.parametrize(("text", "expected"), [
    # any way of saying it is hard, before any verb of picking a sound out (lexicon.toml
    # [[too_quiet.composed]]): the two halves are composed, not listed as pairs
    ("I can't pick out the bass in the mix", {("bass", "too_quiet")}),
    ("it's really hard to single out the piano", {("keys", "too_quiet")}),
    ("you can scarcely hear the snare", {("snare", "too_quiet")}),
    ("I can hardly detect the kick", {("kick", "too_quiet")}),
    ("nobody can hear the backing vocals", {("backing_vocals", "too_quiet")}),
    ("it is hard to catch the lyrics", {("vocal", "too_quiet")}),
    ("the vocal is hard to discern", {("vocal", "too_quiet")}),
    ("it's nearly impossible to distinguish the rhythm guitar", {("guitars", "too_quiet")}),
    ("I have a tough time making out the toms", {("drums", "too_quiet")}),
    ("it's a challenge to perceive the organ at all", {("keys", "too_quiet")}),
    # the listener's effort told in the past is still how the mix is heard
    ("I struggled to hear the vocals", {("vocal", "too_quiet")}),
    ("we strained to make out the lyrics in the chorus", {("vocal", "too_quiet")}),
    ("I struggled to catch the vocals in the second verse", {("vocal", "too_quiet")}),
    # a verb that needs the part after it
    ("I can barely locate the snare", {("snare", "too_quiet")}),
    ("it's difficult to identify the problem with the bass", set()),
    # the verb's own object is no part ([grammar] object_reach, clause_objects)
    ("I couldn't make out what the fuss was about", set()),
    ("it's hard to understand what he was going for", set()),
    ("I could not make out what the singer was saying", {("vocal", "too_quiet")}),
    ("you can barely hear the sometimes pretty complex guitars", {("guitars", "too_quiet")}),
    # where a sound sits, not how loud it is
    ("you can't pick out the piano or the strings in any one location", set()),
    ("I can't hear the guitars in any particular channel, they're all in the middle",
     {("guitars", "narrow")}),
])
def test_not_hearing_a_part_is_read_from_its_two_halves(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a wish or a plea before a verb of hearing, with the part after it (lexicon.toml
    # [[too_quiet.composed]]): the halves are composed, not listed as pairs
    ("would have loved to actually hear the guitars", {("guitars", "too_quiet")}),
    ("it would be nice to be able to hear the piano", {("keys", "too_quiet")}),
    ("it would be great to hear the backing vocals", {("backing_vocals", "too_quiet")}),
    ("I just want to be able to hear the lyrics", {("vocal", "too_quiet")}),
    ("let me hear the vocals!", {("vocal", "too_quiet")}),
    ("if only we could have made out the lyrics", {("vocal", "too_quiet")}),
    ("would it kill you to let us hear the bass", {("bass", "too_quiet")}),
    # no part after the wish, or a wish to hear something else than the mix as it is
    ("I wish I could hear it live", set()),
    ("I'd love to hear your next song", set()),
    ("I'd love to hear the band live someday", set()),
    ("let me hear the chorus again", set()),
    ("I just want to hear the bass on its own for a second", set()),
])
def test_a_part_wished_heard_is_read_from_its_two_halves(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a denial or a struggle before a way of rising over or coming through, composed
    # (lexicon.toml [[too_quiet.composed]] as "against"): the part before is under its rival
    ("the vocal seldom rises above the guitars", {("vocal", "too_quiet")}),
    ("the vocal can't quite keep up with the guitars", {("vocal", "too_quiet")}),
    ("the vocal cannot hold its own against the drums", {("vocal", "too_quiet")}),
    ("the vocal never really makes it through the guitars", {("vocal", "too_quiet")}),
    ("the piano can't quite break through the wall of synths", {("keys", "too_quiet")}),
    ("the vocal never rises above mediocre", set()),
    ("I can't get past the vocals", set()),
    # a verb of covering or forcing with "out", and the rival after it ([[too_loud.composed]])
    ("the piano blots out the vocal", {("keys", "too_loud")}),
    ("the pads wash out the lead vocal", {("keys", "too_loud")}),
    ("the bass is blocking out the kick", {("bass", "too_loud")}),
    ("the drummer stomps out the beat", set()),
    # ... under it when passive, the rival after its agent
    ("the vocal is blotted out by the pads", {("vocal", "too_quiet")}),
    ("the vocal is outshined by the guitars", {("vocal", "too_quiet")}),
    # besting a part by weight or size
    ("the kick outweighs the bass", {("kick", "too_loud")}),
    ("the pads engulf the vocal", {("keys", "too_loud")}),
    # a part after a mass of it ([grammar] masses)
    ("the vocal is lost under a sea of guitars", {("vocal", "too_quiet")}),
    ("I can barely hear the vocal over the wall of guitars", {("vocal", "too_quiet")}),
])
def test_a_part_over_or_under_its_rival_is_read_from_composed_halves(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # words that place a part, with no part named, ask which part ([no_layer] said_of_song)
    ("the chorus feels like an afterthought", set()),
    ("the second verse plays second fiddle to the first", set()),
    # ... words that can be said of a whole song still read it
    ("my song is so much softer than others on spotify", {("mix", "quiet_master")}),
    ("the track is barely audible", {("mix", "quiet_master")}),
    ("the master is way too quiet", {("mix", "quiet_master")}),
])
def test_placing_words_with_no_part_ask_which_part(text, expected):
    heard = understand(text)
    assert {(i.layer, i.problem) for i in heard.intents} == expected
    if not expected:
        assert [(c.problem, "vocal" in c.candidates) for c in heard.unclear] == [
            ("too_quiet", True)]


@pytest.mark.parametrize(("text", "expected", "asked"), [
    # a part-less excess that places a part asks which one; the song's own loudness does not
    ("the chorus sticks out way too much", set(), ["too_loud"]),
    ("the song is way too loud", {("mix", "loud_master")}, []),
    ("it's deafening", {("mix", "loud_master")}, []),
    ("a bit quieter please", {("mix", "loud_master")}, []),
    # ... and after another problem's words, it sizes that problem
    ("the sibilance is too much", {("vocal", "harsh")}, []),
    ("the mud is way too much", set(), ["muddy"]),
    ("the harshness is too much in the chorus", set(), ["harsh"]),
    # ... and in talk that is not about the music it asks nothing
    ("life hits too hard sometimes", set(), []),
])
def test_a_partless_excess_is_the_songs_only_in_words_of_loudness(text, expected, asked):
    heard = understand(text)
    assert {(i.layer, i.problem) for i in heard.intents} == expected
    assert [c.problem for c in heard.unclear] == asked


@pytest.mark.parametrize(("text", "expected"), [
    # a part placed by a degree of distance, "well" among them ([placement] degrees)
    ("the vocal is mixed well below the band", {("vocal", "too_quiet")}),
    ("the vocal sits well behind the guitars", {("vocal", "too_quiet")}),
    ("the guitars are pushed well back", {("guitars", "too_quiet")}),
    ("the vocal sits well in the mix", set()),
    # ranked below, hidden from view or given too small a share
    ("the vocals play second fiddle to the guitars", {("vocal", "too_quiet")}),
    ("the vocal is obscured by the guitars", {("vocal", "too_quiet")}),
    ("the pads are obscuring the lead vocal", {("keys", "too_loud")}),
    ("the bass is underrepresented", {("bass", "too_quiet")}),
    # what a part does not do, set beside what it does ([negation] set_aside)
    ("the kick pushes the bass guitar rather than obscures it", set()),
    ("the snare cuts through rather than getting buried", set()),
    ("the overall mix was mostly mono and distant, rather than present",
     {("mix", "narrow"), ("mix", "too_much_reverb")}),
    ("the vocal is buried rather than up front", {("vocal", "too_quiet")}),
])
def test_a_part_ranked_below_and_what_it_does_not_do(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a remedy names the problem it cures (lexicon.toml `remedies`), the part after it...
    ("tighten up the bass", {("bass", "muddy")}),
    ("soften the snare", {("snare", "harsh")}),
    ("open up the vocal", {("vocal", "dull")}),
    ("thicken the vocal", {("vocal", "thin")}),
    ("warm up the guitars a little", {("guitars", "thin")}),
    ("punch up the drums", {("drums", "weak")}),
    ("take the edge off the hats", {("cymbals", "harsh")}),
    # ... or before a frame of need (`remedy_frames`), in any word form
    ("the bass needs tightening", {("bass", "muddy")}),
    ("the guitars could do with some thickening", {("guitars", "thin")}),
    ("the snare needs livening up", {("snare", "weak")}),
    ("the vocal would benefit from some softening", {("vocal", "harsh")}),
    # no part after or before it: no cure asked for
    ("tighten the timing on the drums", set()),
    ("the band needs to warm up before the show", set()),
    ("soften the blow", set()),
    # room made for a part is room it lacks (a composed verb of making room x the room)
    ("carve some space for the vocal", {("vocal", "too_quiet")}),
    ("free up a pocket for the snare", {("snare", "too_quiet")}),
    ("leave room for improvement", set()),
])
def test_a_cure_asked_for_names_the_problem_it_cures(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a loud noise made over a rival, composed (lexicon.toml [[too_loud.composed]])
    ("the toms thunder over the vocal", {("drums", "too_loud")}),
    ("the brass is blaring above the lead vocal", {("keys", "too_loud")}),
    ("the vocal soars over the band", set()),
    # ... or over every other part ([reciprocal] crowd as the rival)
    ("the toms thunder over everything", {("drums", "too_loud")}),
    ("the kick bullies everything", {("kick", "too_loud")}),
    ("the vocal can't compete with everything", {("vocal", "too_quiet")}),
    # nothing else heard: "but" after "anything"/"nothing" starts no clause (text.toml)
    ("I can't hear anything but the drums", {("drums", "too_loud")}),
    ("I hear nothing but the kick", {("kick", "too_loud")}),
    ("the low end is nothing but mud", set()),
    # a place ahead needs a part after it
    ("the bass is miles ahead of the competition", set()),
])
def test_a_part_heard_over_everything_else(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # words as often praise as complaint are graded: alone they describe, after an
    # intensifier they complain (lexicon.toml `graded`)
    ("the music's dense, and the guitars are huge", set()),
    ("the mix is way too dense", {("mix", "tonal_balance")}),
    ("the bass is thick", set()),
    ("the bass is way too thick", {("bass", "muddy")}),
    ("vocals and lyrics are front and center", set()),
    ("the vocals are way too front and center", {("vocal", "too_loud")}),
    ("the drums are roomy", set()),
    ("the drums are far too roomy", {("drums", "too_much_reverb")}),
    ("the bass is dominant", set()),
    ("the bass is too dominant", {("bass", "too_loud")}),
    # a part that can be heard is heard: "can" after a subject wishes only for a
    # comparative ([desire] abilities)
    ("all the instruments can be heard loud and clear", set()),
    ("the guitar can be heard", set()),
    ("the vocal can be louder", {("vocal", "too_quiet")}),
    ("can the vocal be heard better?", {("vocal", "too_quiet")}),
])
def test_words_of_praise_as_often_as_complaint_complain_only_when_graded(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a part told louder is too loud, asked louder too quiet ([reported] of_parts)
    ("the hats are way louder", {("cymbals", "too_loud")}),
    ("the hats are much louder in the second verse", {("cymbals", "too_loud")}),
    ("the snare is a bit louder than it should be", {("snare", "too_loud")}),
    ("the vocal should be louder", {("vocal", "too_quiet")}),
    ("the vocal a bit louder please", {("vocal", "too_quiet")}),
    # ... the song told louder, and a part compared with itself, are read by other rules
    ("the remaster is louder and clearer, a real improvement", set()),
    ("the guitars are much louder in the chorus than in the verse",
     {("guitars", "inconsistent")}),
])
def test_a_part_told_louder_is_too_loud_asked_louder_too_quiet(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # one part's level in one section set against another by "but" is uneven ([sections])
    ("the kick is loud in the verse but disappears in the chorus", {("kick", "inconsistent")}),
    ("the vocal is fine in the verse but gets buried in the chorus",
     {("vocal", "inconsistent")}),
    # ... not when another part is set against it, or no second section is named
    ("the vocal is buried in the chorus, but the guitars are great in the verse",
     {("vocal", "too_quiet")}),
    ("the vocal is buried in the chorus but it's fine otherwise", {("vocal", "too_quiet")}),
])
def test_a_parts_level_in_two_sections_set_against_each_other_is_uneven(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a form made by one rewrite starts another: "couldn't even" -> "cannot even" -> "cannot"
    ("I couldn't even hear the vocal", {("vocal", "too_quiet")}),
    ("I couldn't really hear the bass", {("bass", "too_quiet")}),
    ("we couldn't quite hear the piano", {("keys", "too_quiet")}),
    ("I could not even make out the lyrics", {("vocal", "too_quiet")}),
    ("I could hardly even hear the vocal", {("vocal", "too_quiet")}),
    ("I could barely even hear the snare", {("snare", "too_quiet")}),
    # what someone sings or says, not heard, is the vocal ([heard_person] sung)
    ("many couldn't even hear what it was that Geddy was singing", {("vocal", "too_quiet")}),
    ("you can barely hear what he's rapping over the beat", {("vocal", "too_quiet")}),
    ("I can't understand what you're saying", set()),
    ("I couldn't make out what the fuss was about", set()),
])
def test_not_hearing_through_chained_rewrites_and_what_is_sung(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # chat shorthand: "2" for "too" before a word of degree, "voc" for the vocal
    ("808 2 loud", {("bass", "too_loud")}),
    ("the keys r way 2 loud", {("keys", "too_loud")}),
    ("voc too loud tbh", {("vocal", "too_loud")}),
    ("track 2 is loud", set()),
    ("I have 2 guitars that clash", {("guitars", "masking")}),
])
def test_chat_shorthand(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # striking too hard, composed (a verb of striking x an excess of force)
    ("the snare slaps too hard lol", {("snare", "too_loud")}),
    ("the 808 knocks way too hard", {("bass", "too_loud")}),
    ("the kick hits hard", set()),
    ("the kick doesn't hit hard", {("kick", "weak")}),
])
def test_striking_too_hard_is_too_loud(text, expected):
    assert _read(text) == expected
