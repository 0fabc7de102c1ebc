"""Which measured problems a diagnosis leads with (the chat's choices and `moozix fix`'s
answer to a vague complaint share them)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from dsp.diagnosis import Finding
from moozix_tui.engine.decide import (
    answers,
    complaint,
    leading_findings,
    settle_doubtful,
    single_out,
)


def finding(layer: str, problem: str, severity: str = "strong", evidence: str = "") -> Finding:
    return Finding(layer, problem, severity, evidence or f"{layer} {problem} measured", 0.0,
                   (0.0, 1.0), "diagnosis")


def test_mud_on_every_part_is_offered_once_beside_the_next_problem():
    """The demo song: mud shows on four parts and the vocal is buried. One muddy complaint
    cuts every part that carries the band, so four muddy lines would push the buried vocal
    off a list of three."""
    mix = "the mix's 150–400 Hz stands +6.8 dB"
    found = [finding("keys", "muddy", evidence=f"{mix}; 16% of it is in the keys"),
             finding("vocal", "muddy", evidence=f"the vocal's own stands +17.4 dB; {mix}"),
             finding("bass", "muddy", evidence=f"the bass's own stands +11.0 dB; {mix}"),
             finding("drums", "muddy", evidence=f"the drums' own stands +2.8 dB; {mix}"),
             finding("vocal", "too_quiet", "normal"),
             finding("keys", "too_quiet", "normal"), finding("mix", "tonal_balance", "mild")]
    led = leading_findings(found, most=3)
    assert [(f.layer, f.problem) for f in led] == [
        ("keys", "muddy"), ("vocal", "too_quiet"), ("keys", "too_quiet")]
    assert led[0].also == ("vocal", "bass", "drums")
    # the chat says the first's figures (every part's ran to 13 lines at 80x24), a report
    # each part's own, the mix's once
    assert led[0].evidence == f"{mix}; 16% of it is in the keys"
    assert led[0].every_figure == (f"{mix}; 16% of it is in the keys; the vocal's own stands "
                                   "+17.4 dB; the bass's own stands +11.0 dB; the drums' own "
                                   "stands +2.8 dB")
    assert led[1].evidence == "vocal too_quiet measured"


def test_mild_findings_are_not_led_with():
    assert leading_findings([finding("mix", "tonal_balance", "mild")], most=3) == []


def test_the_complaints_a_render_answers_name_a_whole_song_tone_by_its_direction():
    said = [{"layer": "keys", "problem": "too_loud", "severity": "normal"},
            {"layer": "mix", "problem": "tonal_balance", "severity": "mild", "tone": "muddy"}]
    assert answers(said) == ["keys/too_loud", "mix/muddy"]


def test_a_finding_on_several_parts_names_them_all_as_the_chat_and_cli_say_them():
    """The choice read 'keys — muddy (…; the same shows on the vocal, bass and drums)'."""
    from moozix_tui.engine.present import finding_line, restate

    [led] = leading_findings([finding("keys", "muddy"), finding("vocal", "muddy"),
                              finding("drums", "muddy")], most=3)
    assert finding_line(led.layer, led.problem, also=led.also) == (
        "**keys, lead vocal and drums** — muddy")
    said = restate({"layer": "keys", "problem": "muddy", "route": "mix", "evidence": "x",
                    "measured": True, "also": list(led.also)})
    assert said.startswith("- **keys, lead vocal and drums** — muddy · *mixing: "
                           "the measurement points to these parts")


@pytest.mark.parametrize(("said", "names", "layer", "file"), [
    ("the 808 is muddy", ("808", "Bass DI", "Sub"), "bass", "808"),
    ("the sub is too loud", ("808", "Bass DI", "Sub"), "bass", "Sub"),
    ("the bass is muddy", ("808", "Bass DI", "Sub"), "bass", None),
    ("the organ is muddy", ("Organ", "Rhodes", "Pad"), "keys", "Organ"),
    ("the keys are muddy", ("Organ", "Rhodes", "Keys 2"), "keys", None),
    ("the guitar is too loud", ("Guitar 1", "Gtr DI"), "guitars", None),
    ("the DI guitar is too loud", ("Guitar 1", "Gtr DI"), "guitars", "Gtr DI"),
    ("the vox is buried", ("Lead Vox", "Vox Comp"), "vocal", None),
    # a label (a position, a letter, a number) names a file only beside a word for the part:
    # on a DAW export, "buried in the mix" turned only "Kick In" up
    ("the kick is buried in the mix", ("Kick In", "Kick Out"), "kick", None),
    ("the kik is buried, the vox harsh in the chorus", ("Kick In", "Kick Out"), "kick", None),
    ("the kick sticks out too much", ("Kick In", "Kick Out"), "kick", None),
    ("the kick in is too boomy", ("Kick In", "Kick Out"), "kick", "Kick In"),
    ("the vocals are too quiet and a bit harsh", ("Vox A", "Vox B"), "vocal", None),
    ("vox b is too quiet", ("Vox A", "Vox B"), "vocal", "Vox B"),
    ("make the guitar 2 dB quieter", ("Guitar 1", "Guitar 2"), "guitars", None),
    ("the second guitar is too loud", ("Guitar 1", "Guitar 2"), "guitars", "Guitar 2"),
    ("the snare is too loud at the top of the song", ("Snare Top", "Snare Bottom"), "snare",
     None),
    ("the snare top is too bright", ("Snare Top", "Snare Bottom"), "snare", "Snare Top"),
    # words compare by their form: the hats are the "Hi Hat" file, the overheads "Overhead"
    ("the hats are harsh", ("Hi Hat", "Overhead L", "Overhead R", "Ride"), "cymbals",
     "Hi Hat"),
    ("the rides are too loud", ("Hi Hat", "OH", "Ride"), "cymbals", "Ride"),
    # a number after a take's word names the take ("take 2" had named both takes)
    ("the BV take 2 is too loud", ("BV take 2", "BV take 3"), "backing_vocals", "BV take 2"),
    ("the lead vox comp 3 is harsh", ("Lead Vox Comp 2", "Lead Vox Comp 3"), "vocal",
     "Lead Vox Comp 3"),
    ("take 2 dB off the BGVs", ("BGV 1", "BGV 2"), "backing_vocals", None),
])
def test_a_kind_of_part_singles_out_its_file_a_name_of_the_whole_part_does_not(
        said, names, layer, file):
    assert single_out(said, names, layer) == file


def test_a_doubtful_reading_that_stands_is_fixed_as_said_without_a_note():
    """'The kick and bass are fighting' came with two notes that it 'was not certain',
    though it was fixed exactly as said; only a reading the measurement changes is told."""
    fighting = complaint("kick", "masking", evidence="kick and bass are fighting")
    quiet = complaint("kick", "too_quiet")
    unmeasured = SimpleNamespace(kick_source=None, kick_bass_overlap=None, band_power={})
    kept, notes, swapped = settle_doubtful([fighting], [(fighting, quiet)], [], unmeasured)
    assert kept == [fighting] and notes == [] and swapped == []
    changed, notes, swapped = settle_doubtful([fighting], [(fighting, quiet)],
                                              [finding("kick", "too_quiet", "normal")],
                                              unmeasured)
    assert changed[0]["problem"] == "too_quiet" and len(notes) == 1 and len(swapped) == 1


def _band_noise(low_hz: float, high_hz: float, db: float, seed: int) -> np.ndarray:
    """Stereo noise with its energy between two frequencies, 8 s at 44.1 kHz."""
    from scipy import signal

    noise = np.random.default_rng(seed).standard_normal((2, 44100 * 8))
    sos = signal.butter(4, (low_hz, high_hz), "bandpass", fs=44100, output="sos")
    x = signal.sosfilt(sos, noise, axis=1)
    return (x / np.abs(x).max() * 10 ** (db / 20)).astype(np.float32)


@pytest.mark.parametrize(("keys_band", "carved"), [((200.0, 3000.0), True),
                                                   ((6000.0, 12000.0), False)])
def test_two_parts_named_fighting_are_carved_where_they_measurably_sit_on_each_other(
        keys_band, carved):
    """Only a guitar and a piano loaded: the piano, 6 dB louder, stands over "the rest" (the
    guitar alone), and that level finding took "the guitars and the keys are fighting" for
    the keys too loud (an 11 dB cut, and a note asking which part fights the guitars). Two
    noises in one band share most of their energy there: the reading stands and the pair is
    carved (the quieter guitar where the piano leads it). A piano far above the guitar's
    band shares next to nothing: the level reading the measurement backs takes its place."""
    from dsp.check import Stem, StemSet
    from dsp.stem_analysis import analyse_session
    from intents import understand
    from moozix_tui.engine.decide import diagnosis, plan, without_questions

    guitar = _band_noise(200.0, 3000.0, -12.0, 1)
    keys = _band_noise(*keys_band, -6.0, 2)
    analysis = analyse_session(StemSet((Stem("guitars", guitar), Stem("keys", keys)),
                                       44100, guitar.shape[1]))
    complaints, notes = without_questions(understand("the guitars and the keys are fighting"),
                                          analysis, diagnosis(analysis))
    moves = plan(complaints, analysis).moves
    if carved:
        assert {c["problem"] for c in complaints} == {"masking"} and notes == []
        assert any(m.op == "bell" for m in moves) and not any(m.op == "gain" for m in moves)
    else:
        assert ("keys", "too_loud") in {(c["layer"], c["problem"]) for c in complaints}


def test_voices_alone_are_not_judged_as_a_song():
    """A lead vocal and a backing vocal only, asked what is wrong: their sum was judged
    against a whole song's ranges ("the mix tilts +3.5 dB/octave", the backing vocals
    "+6 LU against the rest") and the plan cut the whole song's highs. Voices alone give
    no such findings, and the answer says why."""
    from dsp.check import Stem, StemSet
    from dsp.stem_analysis import analyse_session
    from intents import understand
    from moozix_tui.engine.decide import diagnosis, without_questions

    lead = _band_noise(150.0, 9000.0, -12.0, 3)
    backing = _band_noise(300.0, 12000.0, -6.0, 4)
    analysis = analyse_session(StemSet((Stem("vocal", lead), Stem("backing_vocals", backing)),
                                       44100, lead.shape[1]))
    findings = diagnosis(analysis)
    assert not [f for f in findings if f.layer == "mix" or f.problem in ("too_loud", "too_quiet")]
    complaints, notes = without_questions(understand("what's wrong with it?"), analysis,
                                          findings)
    assert complaints == [] and "only voices are loaded" in notes[-1]
