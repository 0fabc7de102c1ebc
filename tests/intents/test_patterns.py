"""The reading mechanisms one by one, each on phrasings the labelled sets do not hold.

Expectations follow the taxonomy's labelling rules (shared/intent-taxonomy.md).
"""

from __future__ import annotations

import pytest

from intents import parse, understand

CASES = [
    # voice: a participle with its object after it is active, with "be" or "by" passive
    ("the synths overwhelmed the vocals", [("keys", "too_loud")]),
    ("the vocals were overwhelmed by the synths", [("vocal", "too_quiet")]),
    ("vocals buried by the guitars", [("vocal", "too_quiet")]),
    ("the pads buried the piano", [("keys", "too_loud")]),
    # word forms through the stemmer
    ("there's a lot of muddiness in the bass", [("bass", "muddy")]),
    ("the guitars sound muddied", [("guitars", "muddy")]),
    ("the snare has a real harshness to it", [("snare", "harsh")]),
    # plurals of part words
    ("the flutes are clipping", [("keys", "distorted")]),
    # named lists share one problem
    ("the kick, the snare and the toms are too quiet",
     [("kick", "too_quiet"), ("snare", "too_quiet"), ("drums", "too_quiet")]),
    # the owner of a problem noun
    ("tone down the boominess on the drums", [("drums", "muddy")]),
    # "too much" before a problem word is that problem
    ("way too much sibilance on the vocal", [("vocal", "harsh")]),
    # "the lead" from context
    ("the backing vocals drown out the lead", [("backing_vocals", "too_loud")]),
    ("the guitar solo is great but the lead is too quiet in the bridge",
     [("guitars", "too_quiet")]),
    # ... also inside a request's verb and particle, but not as "the lead up to" a section
    ("could you bring the lead up a bit?", [("vocal", "too_quiet")]),
    ("turn the lead down, it's way too hot", [("vocal", "too_loud")]),
    ("push the leads up a little", [("keys", "too_quiet")]),
    ("the lead up to the chorus drags", []),
    ("the lead time on mastering was too long", []),
    # "the room" and "the double" from context (taxonomy: room is fx, doubles backing vocals)
    ("the room is too loud", [("fx", "too_much_reverb")]),
    ("the room is too loud on the drums", [("drums", "too_much_reverb")]),
    ("bring the room down a bit", [("fx", "too_much_reverb")]),
    ("the cymbals are the loudest thing in the room", [("cymbals", "too_loud")]),
    ("the double is way too loud", [("backing_vocals", "too_loud")]),
    ("the double kick is too loud", [("kick", "too_loud")]),
    # graded words count only after words of excess
    ("the piano is way too bright", [("keys", "harsh")]),
    ("the piano is bright and lovely", []),
    # a negation reaches across "or"; a clause negator covers its clause
    ("the vocal isn't muffled or too dark", []),
    ("it's not that the kick is weak, the bass is just too loud", [("bass", "too_loud")]),
    # frequency bands are the whole song unless parts are named beside them
    ("the highs are brittle", [("mix", "tonal_balance")]),
    ("the low end is muddy, the bass and keys turn into mush", [("bass", "muddy"),
                                                               ("keys", "muddy")]),
    # a focus word hands the previous clause's problem to the parts it names
    ("the high end is super harsh, especially the cymbals", [("cymbals", "harsh")]),
    ("the mix is muddy, mostly the guitars and keys", [("guitars", "muddy"), ("keys", "muddy")]),
    # reverb named beside a part: "too much" is that part's reverb
    ("the reverb is too much on the vocals", [("vocal", "too_much_reverb")]),
    # letters held for emphasis
    ("the mastering is SOOOO harsh", [("mix", "tonal_balance")]),
    ("the bass is muddddy", [("bass", "muddy")]),
    # faults of an export or a player are no mix complaint
    ("after exporting to mp3 the bass is distorted", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_mechanism(text, expected):
    assert sorted((i.layer, i.problem) for i in parse(text)) == sorted(expected)


def test_export_fault_keeps_its_words_as_guesses():
    u = understand("after exporting to mp3 the bass is distorted")
    assert u.intents == () and ("bass", "distorted") in {(g.layer, g.problem) for g in u.guesses}
