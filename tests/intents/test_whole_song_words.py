"""Whole-song complaints said in the words of mastering forums and record reviews (issue 12).

Loud and crushed masters, quiet masters and the song's tone, family by family. Every
sentence was written for these tests in the voice of remaster reviews, loudness-war
complaints and mastering threads; none is in the labelled sets. Expectations follow the
taxonomy (shared/intent-taxonomy.md): a whole song squashed, brickwalled or too hot is
`mix` + `loud_master`, too quiet next to released music `mix` + `quiet_master`, its tone
`mix` + `tonal_balance`. Each family holds several phrasings and near-misses that must stay
empty (praise, advice, a style described, the loudness war as history).
"""

from __future__ import annotations

import pytest
from phrasing_families import each_phrasing, read

from intents import parse, understand

LOUD = {("mix", "loud_master")}
QUIET = {("mix", "quiet_master")}

# The loudness itself judged, or a level damned by the manner of its excess.
LOUDNESS_JUDGED = [
    ("the relentless loudness of this remaster wears you out", LOUD),
    ("the loudness on this reissue is exhausting", LOUD),
    ("sheer loudness is the problem with this master", LOUD),
    ("the record is unlistenably loud", LOUD),
    ("the master is ear-bleedingly loud", LOUD),
    ("the new master is mercilessly loud from start to finish", LOUD),
    ("it's loud for the sake of loud", LOUD),
    ("I suffer from loudness fatigue after two songs of this album", LOUD),
    # near-misses: loudness praised, a loud record as a style, loudness as a topic
    ("the master is loud but clean", set()),
    ("the album is loud and proud", set()),
    ("the loudness is fine for streaming", set()),
]

# The dynamics taken away, said as the harm done; the peaks and transients cut off.
DYNAMICS_TAKEN = [
    ("the mastering destroys the dynamics", LOUD),
    ("the dynamics were sacrificed for loudness on the remaster", LOUD),
    ("they traded dynamics for volume on this reissue", LOUD),
    ("the transients have been shaved off", LOUD),
    ("the peaks have been chopped off by the limiter", LOUD),
    ("there's no headroom left on this master", LOUD),
    ("the remaster is louder at the expense of dynamics", LOUD),
    # near-misses: dynamics kept, praised, or asked about
    ("the remaster keeps the dynamics of the original", set()),
    ("the dynamics on this record are wonderful", set()),
]

# A level that never changes: loud all the time, the quiet parts as loud as the loud ones.
NEVER_LETS_UP = [
    ("everything is loud all the time", LOUD),
    ("the quiet parts are as loud as the loud parts", LOUD),
    ("the remaster never lets up, it's constantly loud", LOUD),
    ("the verses are as loud as the choruses on the new master", LOUD),
    # near-misses: a static balance of faders, a band that plays loud
    ("static mixes, where every fader sits at the same level throughout, sound unfinished",
     set()),
    ("the band plays loud all night and the crowd loves it", set()),
    ("the drumming never lets up", set()),
    ("the energy never lets up from start to finish", set()),
]

# Mastered or pushed louder than the song bears; a part pushed too hard is too loud.
MASTERED_HOT = [
    ("the album was mastered way too hot", LOUD),
    ("the reissue is mastered insanely loud", LOUD),
    ("the master is pushed too hard", LOUD),
    ("the mix is pushed hard into the limiter", LOUD),
    ("the remaster is over-maximized", LOUD),
    ("the vocal is pushed too hard", {("vocal", "too_loud")}),
    # near-misses: distortion as a guitar tone, pushing people
    ("the guitars are driven hard and it rules", set()),
    ("the producer pushed the band too hard in the studio", set()),
]

# Quiet next to released music, or mastered short of it.
MASTERED_SHORT = [
    ("the master was mastered too conservatively", QUIET),
    ("my track is way lower in volume than other tracks on soundcloud", QUIET),
    ("the final master is really low in volume", QUIET),
    ("the master isn't hot enough", QUIET),
    ("my master doesn't hold up loudness-wise", QUIET),
    ("my songs sit well below commercial loudness", QUIET),
    ("the vocal isn't hot enough in the chorus", {("vocal", "too_quiet")}),
    # near-misses: loud enough, a quiet record as a style
    ("the master is hot enough now", set()),
    ("the album is quiet and intimate", set()),
]

# The loudness war named: a record charged with it is a complaint, the war as history is not.
LOUDNESS_WAR = [
    ("this album is a casualty of the loudness war", LOUD),
    ("the remaster is brickwalled", LOUD),
    ("sounds like it was mastered for the loudness war", LOUD),
    ("streaming services ended the loudness war", set()),
    ("the loudness war is over thanks to normalisation", set()),
    ("I read an article about the loudness war", set()),
]

# A style described in the words of a fault is no complaint; the fault said in excess is.
STYLE = [
    ("a loud, brash punk record", set()),
    ("a harsh noise record from Japan", set()),
    ("the mix is way too brash", {("mix", "tonal_balance")}),
    ("the master is brash and shrill", {("mix", "tonal_balance")}),
]

TONE = {("mix", "tonal_balance")}

# The top end turned up as far as it goes, cooked, or leaning bright; said of a part, harsh.
TOP_CRANKED = [
    ("the remaster has had its treble jacked up", TONE),
    ("it sounds like someone maxed out the treble on the reissue", TONE),
    ("the highs are overcooked on this master", TONE),
    ("the remaster is searingly bright", TONE),
    ("the new master has a bright tilt", TONE),
    ("the top end sounds etched and brittle", TONE),
    ("the acoustic sounds like someone jacked up the treble", {("guitars", "harsh")}),
    # near-misses: a knob on the gear, brightness praised
    ("the treble knob on my amp is broken", set()),
    ("the remaster is bright and detailed, finally", set()),
]

# Leaning dark, or worn down like a copy of a copy; said of a part, dull.
LEANING_DARK = [
    ("the mix leans dark", TONE),
    ("the master is tilted dark compared to the original", TONE),
    ("the whole thing sounds like a worn cassette", TONE),
    ("the reissue sounds like a tape copy of a tape copy", TONE),
    ("the vocal sounds like a cassette dub", {("vocal", "dull")}),
    # near-misses: a dark song, a tape as an instrument
    ("the album leans into dark themes", set()),
    ("I bounced the demo to a cassette for fun", set()),
]

# A low end out of hand or a hump in the mids, said of the song; the band alone asks which
# part, a part named takes it.
LOW_OUT_OF_HAND = [
    ("the low end of the record is overblown", TONE),
    ("the low end on this remaster is out of control", TONE),
    ("there's an uncontrolled low end on the whole record", TONE),
    ("the whole record sounds like the bass boost is on", TONE),
    ("the mix has a hump in the low mids", TONE),
    ("the mix is mid-forward", TONE),
    ("the low end of the bass is out of control", {("bass", "muddy")}),
    # near-misses: a production overblown in ambition, a low end in hand
    ("the production is overblown and pretentious", set()),
    ("the low end is under control now", set()),
]

# The bottom taken out or the middle hollowed, said of the song; thin for a part.
BOTTOM_TAKEN = [
    ("the remaster sucked the bottom end out", TONE),
    ("the remaster gutted the low end", TONE),
    ("there's a hole in the midrange", TONE),
    ("the mids are missing on the whole album", TONE),
    ("the mix has a v-shaped sound", TONE),
    ("the new master is stripped of its low end", TONE),
    ("the remaster gutted the low end of the bass", {("bass", "thin")}),
    # near-misses: gutted as a feeling, a hole in the schedule
    ("I was gutted when the label dropped the album", set()),
    ("there's a hole in the release schedule", set()),
]

# Recorded on a phone, through a telephone, in a tin can: the thin sound of a small box,
# not a part lost on a phone; a phone used to record is no complaint.
PHONE_RECORDED = [
    ("the mix sounds like it was recorded on a phone", TONE),
    ("the vocal sounds like it was recorded on a phone", {("vocal", "thin")}),
    ("the vocal sounds like it was recorded through a telephone", {("vocal", "thin")}),
    ("the guitar sounds like it was recorded in a tin can", {("guitars", "thin")}),
    ("honestly it sounds like a voice memo", TONE),
    ("the bass disappears on my phone", {("bass", "mono_collapse")}),
    # near-misses: a phone used to record
    ("I recorded the demo on my phone", set()),
    ("I recorded it on my phone before the session", set()),
]

# A mix that fails to translate to a playback device named after it loses there: the part
# named, or the whole song, collapses; with no device it names no problem, and translation
# said well, or of words, is no complaint.
TRANSLATION = [
    ("the mix doesn't translate to small speakers", {("mix", "mono_collapse")}),
    ("my mix doesn't translate to earbuds at all", {("mix", "mono_collapse")}),
    ("the bass doesn't translate to small speakers", {("bass", "mono_collapse")}),
    ("the bass isn't translating on small speakers", {("bass", "mono_collapse")}),
    ("my mixes aren't translating to the car", {("mix", "mono_collapse")}),
    ("the kick translates badly on laptop speakers", {("kick", "mono_collapse")}),
    ("the mix fails to translate to my car", {("mix", "mono_collapse")}),
    ("the guitars don't hold up on small speakers", {("guitars", "mono_collapse")}),
    # near-misses: no device, translation praised, words translated
    ("the mix doesn't translate to other systems", set()),
    ("the mix translates really well on my phone", set()),
    ("the mix translates fine on a phone", set()),
    ("the lyrics don't translate to other languages", set()),
    ("the songs don't translate live", set()),
]

# A part flattened by a heavier one: said of the part it happens to, too quiet ("by A" is
# not read as A too loud); said with A as the subject, A too loud.
TRAMPLED = [
    ("the bass gets trampled by the guitars", {("bass", "too_quiet")}),
    ("the bass is getting steamrolled in the chorus", {("bass", "too_quiet")}),
    ("the bass got bulldozed once the synths came in", {("bass", "too_quiet")}),
    ("the vocal gets run over by the guitars", {("vocal", "too_quiet")}),
    ("the guitars walk all over the vocal", {("guitars", "too_loud")}),
    ("the drums stomp all over the vocal", {("drums", "too_loud")}),
    # near-misses: a budget run over, a compressor flattening
    ("I ran over my budget on this record", set()),
    ("the vocal is getting flattened by the compressor", {("vocal", "over_compressed")}),
]

# A part up against a crowd too big to name competes with the rest of the band: masking of
# the part and of the band (rules.toml [reciprocal] crowd_layer).
# The listener's volume or device turned up for the song is the song too quiet; turned up
# once in a story it says nothing.
LISTENER_TURNS_UP = [
    ("I have to turn my amp way up to hear this record properly", QUIET),
    ("I always have to turn the volume up for this album", QUIET),
    ("you have to crank the stereo up to get it to the level of other CDs", QUIET),
    ("turn the volume up on the vocal", {("vocal", "too_quiet")}),
    ("we turned the amp up and played the whole set", set()),
]

CROWD = {("vocal", "masking"), ("instruments", "masking")}
COMPETING_CROWD = [
    ("the vocal is competing with way too much", CROWD),
    ("the vocal has so much to compete with", CROWD),
    ("the vocal is fighting against way too much in the chorus", CROWD),
    ("the vocal is competing with too many things in the chorus", CROWD),
    ("the synth lead competes with too much in the drop",
     {("keys", "masking"), ("instruments", "masking")}),
    # near-misses: a band competing with other bands
    ("we are competing with a lot of other bands for the slot", set()),
]

# Remastered louder and worse for it; the limiting or compression doing harm to a part.
REMASTERED_LOUDER = [
    ("the reissue was remastered for loudness", LOUD),
    ("the new remaster is louder and worse", LOUD),
    ("the remaster is louder and flatter than the original", LOUD),
    ("the limiting kills the drums", {("drums", "over_compressed")}),
    ("the compression flattens the snare on the remaster", {("snare", "over_compressed")}),
    # near-misses: a remaster praised, a louder part asked for
    ("the remaster is louder and clearer, a real improvement", set()),
    ("the remastered edition adds two bonus tracks", set()),
]


# Compressed to a degree said right after it, or the compression judged too strong; a master
# behind in loudness.
COMPRESSED_TO_A_DEGREE = [
    ("the vocal is compressed flat", {("vocal", "over_compressed")}),
    ("the vocals have been compressed so much they sound lifeless",
     {("vocal", "over_compressed")}),
    ("the acoustic guitar is compressed to a pulp", {("guitars", "over_compressed")}),
    ("the compression on the vocal is too heavy", {("vocal", "over_compressed")}),
    ("the limiting on this master is too heavy", LOUD),
    ("my master is anemic in loudness", QUIET),
    ("my track lags in loudness next to the others", QUIET),
    # near-misses: compression denied or praised
    ("the compression on the vocal is not too heavy", set()),
    ("the vocal is compressed, but not too much", set()),
]

# Hard on the ears, heavy on a band, asked darker: the song's tone, or the part's named.
EARS_AND_BANDS = [
    ("the mix is tough on the ears", TONE),
    ("the new master isn't easy on the ears", TONE),
    ("it's heavy on the low end", TONE),
    ("the master is heavy on the top end", TONE),
    ("can you darken the mix a bit", TONE),
    ("take some top off the master please", TONE),
    ("the kick is heavy on the low end", {("kick", "muddy")}),
    ("darken the vocal a bit", {("vocal", "harsh")}),
    # near-misses: easy on the ears, heavy on a part
    ("the mix is easy on the ears", set()),
    ("the mix is heavy on the cymbals", {("cymbals", "too_loud")}),
]


@pytest.mark.parametrize("text", [
    "the album is ruined by the mastering", "the mastering is atrocious",
    "a botched remaster of a classic record", "the mix is shoddy",
    "the master doesn't stand up to commercial releases"])
def test_a_damning_word_about_the_sound_is_a_vague_complaint(text):
    """No problem named, but the sound is judged: measure the song and propose ([vague])."""
    u = understand(text)
    assert u.vague and not u.intents


@pytest.mark.parametrize("text", [
    "the rain ruined our outdoor gig", "my weekend was ruined", "the lyrics are atrocious"])
def test_a_damning_word_about_something_else_is_no_complaint(text):
    u = understand(text)
    assert not u.vague and not u.intents


FAMILIES = {"loudness judged": LOUDNESS_JUDGED, "dynamics taken": DYNAMICS_TAKEN,
            "never lets up": NEVER_LETS_UP, "mastered hot": MASTERED_HOT,
            "mastered short": MASTERED_SHORT, "loudness war": LOUDNESS_WAR,
            "style": STYLE, "top cranked": TOP_CRANKED, "leaning dark": LEANING_DARK,
            "low out of hand": LOW_OUT_OF_HAND, "bottom taken": BOTTOM_TAKEN,
            "phone recorded": PHONE_RECORDED, "translation": TRANSLATION,
            "trampled": TRAMPLED, "competing crowd": COMPETING_CROWD,
            "remastered louder": REMASTERED_LOUDER, "ears and bands": EARS_AND_BANDS,
            "compressed to a degree": COMPRESSED_TO_A_DEGREE,
            "listener turns up": LISTENER_TURNS_UP}


@each_phrasing(FAMILIES)
def test_each_family_reads_its_phrasings_and_not_its_near_misses(family, text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    "the master is pumping",
    "the whole song breathes with the kick",
])
def test_a_master_heard_pumping_is_over_compressed_not_too_loud(text):
    """The taxonomy's table files pumping and breathing under over_compressed; its
    whole-song rule sends only squashed, brickwalled and too hot to loud_master."""
    assert {(i.layer, i.problem) for i in parse(text)} == {("mix", "over_compressed")}


@pytest.mark.parametrize("text", [
    "the mix is squashed",
    "there's no breathing room in the dynamics",
])
def test_a_squashed_master_stays_loud_master(text):
    assert {(i.layer, i.problem) for i in parse(text)} == {("mix", "loud_master")}
