"""Which measured problems a diagnosis leads with (the chat's choices and `moozix fix`'s
answer to a vague complaint share them)."""

from __future__ import annotations

from dsp.diagnosis import Finding
from moozix_tui.engine.decide import answers, leading_findings


def finding(layer: str, problem: str, severity: str = "strong") -> Finding:
    return Finding(layer, problem, severity, f"{layer} {problem} measured", 0.0, (0.0, 1.0),
                   "diagnosis")


def test_mud_on_every_part_is_offered_once_beside_the_next_problem():
    """The demo song: mud shows on four parts and the vocal is buried. One muddy complaint
    cuts every part that carries the band, so four muddy lines would push the buried vocal
    off a list of three."""
    found = [finding("keys", "muddy"), finding("vocal", "muddy"), finding("bass", "muddy"),
             finding("drums", "muddy"), finding("vocal", "too_quiet", "normal"),
             finding("keys", "too_quiet", "normal"), finding("mix", "tonal_balance", "mild")]
    led = leading_findings(found, most=3)
    assert [(f.layer, f.problem) for f in led] == [
        ("keys", "muddy"), ("vocal", "too_quiet"), ("keys", "too_quiet")]
    assert led[0].evidence.endswith("the same shows on the vocal, bass and drums")
    assert led[1].evidence == "vocal too_quiet measured"


def test_mild_findings_are_not_led_with():
    assert leading_findings([finding("mix", "tonal_balance", "mild")], most=3) == []


def test_the_complaints_a_render_answers_name_a_whole_song_tone_by_its_direction():
    said = [{"layer": "keys", "problem": "too_loud", "severity": "normal"},
            {"layer": "mix", "problem": "tonal_balance", "severity": "mild", "tone": "muddy"}]
    assert answers(said) == ["keys/too_loud", "mix/muddy"]
