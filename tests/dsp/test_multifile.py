"""Sessions with many files per part: split-stereo pairs, names, each part measured as the
sum of its files, moves on a part or on one file, and a mix that holds every file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile as sf
from scipy import signal

from dsp.audio import AudioFile
from dsp.check import _unique_names, harmonise
from dsp.intake import audio_files_in, pair_rules, split_stereo_pairs
from dsp.mastering import MasterSettings
from dsp.meter import hop_power, k_weight, window_power
from dsp.moves import FixRequest, Move
from dsp.pipeline import load_stems, render
from dsp.processing import apply_moves
from dsp.recipes import plan_fixes
from dsp.stem_analysis import _level_vs_rest, analyse_session
from dsp.targets import resolve_target

RATE = 44100


def audio(name: str, x: np.ndarray, rate: int = RATE) -> AudioFile:
    return AudioFile(Path(f"{name}.wav"), np.ascontiguousarray(x, dtype=np.float32), rate,
                     "WAV", "PCM_24")


@pytest.fixture(scope="module")
def files(song):
    """A DAW-style export: several files per part, mono and stereo, one split-stereo pair."""
    keys, vocal, cymbals = song["keys"], song["vocal"], song["cymbals"]
    return [
        ("guitars", audio("Gtr DI", keys[:1] * 0.5)),
        ("guitars", audio("Guitar 2", np.roll(keys, 2205, axis=1) * 0.4)),
        ("vocal", audio("Lead Vox", vocal)),
        ("vocal", audio("Vox Dbl", np.roll(vocal[1:], 441, axis=1) * 0.4)),
        ("cymbals", audio("OH L", cymbals[:1])),
        ("cymbals", audio("OH R", cymbals[1:] * 0.8)),
        ("kick", audio("Kick In", song["kick"] * 0.7)),
        ("kick", audio("Kick Out", song["kick"][1:] * 0.3)),
        ("drums", audio("Drum Room", song["snare"] * 0.3 + song["cymbals"] * 0.5)),
        ("bass", audio("bass", song["bass"])),
    ]


@pytest.fixture(scope="module")
def stems(files):
    return harmonise([(role, audio(f.path.stem, f.samples)) for role, f in files])


def as_played(x: np.ndarray) -> np.ndarray:
    """A file as it sits in the stereo mix: mono in both channels."""
    return np.repeat(x, 2, axis=0) if x.shape[0] == 1 else x


def test_the_naming_rules_pair_their_examples_and_nothing_else():
    for rule in pair_rules():
        for left, right in rule.pairs:
            assert len(split_stereo_pairs([("x", left), ("x", right)])) == 1, (left, right)
            assert len(split_stereo_pairs([("x", right), ("x", left)])) == 1, (right, left)
        for a, b in rule.not_pairs:
            assert split_stereo_pairs([("x", a), ("x", b)]) == [], (a, b)
    assert split_stereo_pairs([("keys", "Piano L"), ("pad", "Piano R")]) == []
    assert split_stereo_pairs([("x", "OH L"), ("x", "OH L"), ("x", "OH R")]) == []


def test_a_split_stereo_pair_becomes_one_stereo_source(files, stems):
    left, right = files[4][1], files[5][1]
    overheads = stems.get("OH")
    assert overheads.role == "cymbals"
    assert [p.name for p in overheads.sources] == ["OH L.wav", "OH R.wav"]
    expected = np.vstack([left.samples[0], right.samples[0]])
    expected -= expected.mean(axis=1, keepdims=True)
    np.testing.assert_allclose(overheads.samples, expected, atol=1e-6)
    joined = [n for n in stems.notices if n.code == "split_stereo"]
    assert len(joined) == 1 and "OH L.wav" in joined[0].message
    assert len(stems.stems) == len(files) - 1


def test_files_that_only_look_like_a_pair_stay_apart():
    tone = np.sin(np.arange(RATE) * 2 * np.pi * 220 / RATE).astype(np.float32) * 0.3
    stereo = np.vstack([tone, tone])
    cases = [  # one side already stereo; different parts; different rates
        [("keys", audio("Piano L", stereo)), ("keys", audio("Piano R", tone[None]))],
        [("keys", audio("Piano L", tone[None])), ("guitars", audio("Piano R", tone[None]))],
        [("keys", audio("Piano L", tone[None])),
         ("keys", audio("Piano R", tone[None, :48000], 48000))],
    ]
    for files in cases:
        stems = harmonise(files)
        assert len(stems.stems) == 2
        assert not [n for n in stems.notices if n.code == "split_stereo"]


def test_every_source_gets_a_name_a_move_can_target_alone():
    names = _unique_names([("vocal", "vocal", "vocal.wav"), ("vocal", "Vox Dbl", "Vox Dbl.mp3"),
                           ("guitars", "Guitar", "Guitar.wav"), ("guitars", "guitar", "guitar.aif"),
                           ("keys", "a:b/c", "a:b/c.wav"), ("bass", "bass", "bass.wav"),
                           ("fx", "drums", "drums.wav"), ("keys", "Keys", "Keys.flac"),
                           ("keys", "Keys 2", "Keys 2.aif"), ("drums", "Kit", "Kit.wav"),
                           ("drums", "Kit", "Kit.wav")])
    # a name that can't be used is said as its whole file name; numbers only when even
    # that is taken (the same file name twice)
    assert names == ["vocal.wav", "Vox Dbl", "Guitar", "guitar.aif", "a_b_c", "bass",
                     "drums.wav", "Keys.flac", "Keys 2", "Kit", "Kit 2"]


def test_each_part_is_measured_as_the_sum_of_its_files(files, stems):
    analysis = analyse_session(stems)
    meter = pyloudnorm.Meter(RATE)
    parts = {}
    for role, f in files:
        parts.setdefault(role, []).append(f)
    for role, members in parts.items():
        if role == "cymbals":  # the pair plays as one stereo source
            summed = np.vstack([members[0].samples[0], members[1].samples[0]])
        else:
            summed = sum(as_played(f.samples) for f in members)
        expected = meter.integrated_loudness(summed.T.astype(np.float64))
        assert analysis.tracks[role].loudness.integrated_lufs == pytest.approx(expected, abs=0.1)
    dbl = files[3][1].samples
    assert analysis.file_lufs["Vox Dbl"] == pytest.approx(
        meter.integrated_loudness(as_played(dbl).T.astype(np.float64)), abs=0.1)
    assert analysis.parts["guitars"] == ("Gtr DI", "Guitar 2")
    assert set(analysis.level_vs_rest_lu) >= {"guitars", "vocal", "drums", "instruments"}


def test_a_file_and_a_part_against_the_rest_match_measuring_the_rest_directly(stems):
    """Both come from sums of the per-hop energies; here each is K-weighted on its own."""
    analysis = analyse_session(stems)
    mix = stems.mixdown()

    def versus_rest(audio):
        audio = as_played(audio)
        return _level_vs_rest(
            window_power(hop_power(k_weight(audio, RATE), RATE), RATE, 0.4),
            window_power(hop_power(k_weight(mix - audio, RATE), RATE), RATE, 0.4))

    for name in ("Vox Dbl", "Gtr DI", "OH"):
        assert analysis.file_level_vs_rest_lu[name] == pytest.approx(
            versus_rest(stems.get(name).samples), abs=0.01), name
    guitars = stems.mixdown(stems.part("guitars"))
    assert analysis.level_vs_rest_lu["guitars"] == pytest.approx(versus_rest(guitars),
                                                                 abs=0.01)


def test_a_move_on_a_part_touches_each_file_and_a_named_file_only_itself(stems):
    quieter = 10 ** (-6 / 20)
    on_part = apply_moves(stems, [Move("guitars", "gain", {"gain_db": -6.0}, "", "")])
    for before, after in zip(stems.stems, on_part.stems, strict=True):
        if before.role == "guitars":
            np.testing.assert_allclose(after.samples, before.samples * quieter, rtol=1e-6)
        else:
            assert after.samples is before.samples
    on_file = apply_moves(stems, [Move("Gtr DI", "gain", {"gain_db": -6.0}, "", "")])
    changed = [s.name for s, b in zip(on_file.stems, stems.stems, strict=True)
               if s.samples is not b.samples]
    assert changed == ["Gtr DI"]
    widened = apply_moves(stems, [Move("Gtr DI", "width", {"side_gain_db": 3.0}, "", "")])
    assert widened.get("Gtr DI").samples.shape == (2, stems.frames)


def test_reusing_the_analysis_after_a_move_on_one_file_of_a_part(stems):
    before = analyse_session(stems)
    moved = apply_moves(stems, [Move("Vox Dbl", "gain", {"gain_db": 6.0}, "", "")])
    reused = analyse_session(moved, reuse=(stems, before))
    fresh = analyse_session(moved)
    for name, level in fresh.level_vs_rest_lu.items():
        assert reused.level_vs_rest_lu[name] == pytest.approx(level, abs=0.01), name
    assert reused.tracks["vocal"].band_share_db["presence"] == pytest.approx(
        fresh.tracks["vocal"].band_share_db["presence"], abs=0.01)
    assert reused.tracks["vocal"].loudness.integrated_lufs > \
        before.tracks["vocal"].loudness.integrated_lufs + 0.5


@pytest.fixture(scope="module")
def folder(song, tmp_path_factory):
    """Twelve files at two rates and several lengths, plus what a DAW export folder holds
    besides audio."""
    folder = tmp_path_factory.mktemp("export")
    rng = np.random.default_rng(3)
    layout = [("Kick In", "kick", RATE), ("Kick Out", "kick", 48000),
              ("Snare Top", "snare", RATE), ("Snare Bottom", "snare", RATE),
              ("OH L", "cymbals", RATE), ("OH R", "cymbals", RATE),
              ("Bass DI", "bass", 48000), ("BGV 1", "vocal", RATE), ("BGV 2", "vocal", RATE),
              ("BGV 10", "vocal", 48000), ("Pad 1", "keys", RATE), ("Pad 2", "keys", RATE)]
    for index, (name, role, rate) in enumerate(layout):
        x = song[role] * np.float32(0.5 + 0.05 * index)
        if name.startswith("OH"):
            x = x[:1] if name.endswith("L") else x[1:]
        elif index % 3 == 0:
            x = x[:1]
        if rate != RATE:
            from scipy.signal import resample_poly

            x = resample_poly(x, 160, 147, axis=1)
        x = x[:, : x.shape[1] - int(rng.integers(0, 3) * rate)]
        sf.write(folder / f"{name}.wav", x.T, rate, subtype="FLOAT")
    (folder / "notes.txt").write_text("mix notes")
    (folder / "song.mid").write_bytes(b"MThd")
    (folder / "._Kick In.wav").write_bytes(b"\0" * 100)
    return folder, layout


def test_folder_intake_lists_audio_in_reading_order_and_skips_the_rest(folder):
    path, layout = folder
    listing = audio_files_in(path)
    assert [p.stem for p in listing.audio] == sorted(
        (n for n, _, _ in layout), key=lambda n: [int(t) if t.isdigit() else t.lower()
                                                  for t in __import__("re").split(r"(\d+)", n)])
    assert {p.name for p in listing.skipped} == {"notes.txt", "song.mid"}


def test_mixed_rates_and_lengths_across_many_files(folder):
    path, layout = folder
    roles = {name: role for name, role, _ in layout}
    stems, checks = load_stems([(roles[p.stem], p) for p in audio_files_in(path).audio])
    assert len(checks) == 12 and len(stems.stems) == 11
    assert stems.sample_rate == RATE
    assert all(s.samples.shape[1] == stems.frames for s in stems.stems)
    resampled = [n for n in stems.notices if n.code == "resampled"]
    assert len(resampled) == sum(rate != RATE for _, _, rate in layout)
    assert stems.part("vocal") and [s.name for s in stems.part("vocal")] == [
        "BGV 1", "BGV 2", "BGV 10"]


def test_the_mix_holds_every_file(folder):
    """The premaster's energy is that of all the inputs summed as a DAW plays them
    (computed here straight from the files with numpy), after the stated headroom gain."""
    path, layout = folder
    same_rate = [p for p in audio_files_in(path).audio
                 if sf.info(p).samplerate == RATE]
    roles = {name: role for name, role, _ in layout}
    stems, _ = load_stems([(roles[p.stem], p) for p in same_rate])
    result = render(stems, [], MasterSettings(resolve_target("streaming")))
    decoded = {p.stem: sf.read(p, dtype="float32", always_2d=True)[0].T for p in same_rate}
    mix = np.zeros((2, max(x.shape[1] for x in decoded.values())))
    for name, x in decoded.items():
        x = x - x.mean(axis=1, keepdims=True)
        if name == "OH L":
            mix[0, :x.shape[1]] += x[0]
        elif name == "OH R":
            mix[1, :x.shape[1]] += x[0]
        else:
            mix[:, :x.shape[1]] += x
    expected_db = 10 * np.log10(np.sum(mix ** 2)) + result.headroom_db
    premaster_db = 10 * np.log10(np.sum(result.premaster.astype(np.float64) ** 2))
    assert premaster_db == pytest.approx(expected_db, abs=0.01)
    without_one = mix - np.pad(decoded["Pad 2"] - decoded["Pad 2"].mean(axis=1, keepdims=True),
                               ((0, 0), (0, mix.shape[1] - decoded["Pad 2"].shape[1])))
    assert abs(10 * np.log10(np.sum(without_one ** 2)) + result.headroom_db
               - premaster_db) > 0.1


def test_a_re_render_takes_the_users_mix_as_measured_before(stems, monkeypatch):
    """After undo or "more" the original stems are the same: their mix is not measured
    again (its sum and true peak: about 0.19 s on a 3.5-minute, 6-stem session)."""
    import dsp.pipeline

    settings = MasterSettings(resolve_target("streaming"))
    first = render(stems, [], settings)

    def measured_again(_samples):
        raise AssertionError("the user's mix was measured again")

    monkeypatch.setattr(dsp.pipeline, "true_peaks", measured_again)
    again = render(stems, [], settings, before=first.before, original=first.original)
    assert again.original == first.original


def _offsets(stems_set) -> list[str]:
    return [n.message for n in stems_set.notices if n.code == "offset"]


def test_a_file_exported_from_a_later_start_point_is_named_with_its_offset(song):
    """Kick in and kick out record one drum: a 300 ms shift between them is an export from
    a different start point, and the warning says which file and by how much."""
    shift = RATE * 300 // 1000
    late = np.pad(song["kick"], ((0, 0), (shift, 0)))[:, :song["kick"].shape[1]] * 0.5
    found = harmonise([("kick", audio("Kick In", song["kick"])),
                       ("kick", audio("Kick Out", late.astype(np.float32))),
                       ("bass", audio("Bass", song["bass"]))])
    (message,) = _offsets(found)
    assert "Kick Out runs 300 ms behind Kick In" in message


def test_parts_that_simply_enter_later_are_not_called_misaligned(song):
    """A snare whose first hit comes 600 ms after the kick, and two files of one part that
    line up, raise no offset warning (each part enters when the song says so)."""
    gap = RATE * 600 // 1000
    snare = np.pad(song["snare"][:, gap:], ((0, 0), (gap, 0)))
    found = harmonise([("kick", audio("Kick In", song["kick"])),
                       ("kick", audio("Kick Out", song["kick"] * np.float32(0.5))),
                       ("snare", audio("Snare", snare)),
                       ("bass", audio("Bass", song["bass"]))])
    assert _offsets(found) == []


def test_a_repeating_pattern_that_lines_up_is_not_called_misaligned():
    """Two hat files of a loop: their hits fall together as exported, but the accents of
    the second repeat the first's one bar (1 s) later, so their envelopes match best at a
    one-bar shift. Lined up as they are (hit for hit), they are no late export."""
    step = RATE // 4                                     # a hit every 250 ms
    accents = np.random.default_rng(3).uniform(0.3, 1.0, 40)
    first, second = np.zeros((2, 1, step * 40), np.float32)
    click = np.hanning(64).astype(np.float32)
    for i in range(40):
        first[0, i * step:i * step + 64] = click * accents[i]
        second[0, i * step:i * step + 64] = click * accents[(i - 4) % 40]
    found = harmonise([("cymbals", audio("Hat", first)), ("cymbals", audio("Hat 2", second))])
    assert _offsets(found) == []


def test_toms_played_one_after_the_other_are_not_called_misaligned():
    """A fill down two toms, as in the audit song: Tom 1 on two sixteenths, Tom 2 on the
    next two (312 ms later), every 2.5 s bar. Both were exported from bar 1; their
    envelopes match best at the 312 ms shift only because one drum plays after the
    other."""
    bar, sixteenth = RATE * 5 // 2, RATE * 5 // 32
    t = np.arange(RATE // 4) / RATE
    hits = {"Tom 1": np.sin(2 * np.pi * 150 * t) * np.exp(-t / 0.08),
            "Tom 2": np.sin(2 * np.pi * 95 * t) * np.exp(-t / 0.1)}
    toms = {name: np.zeros((1, bar * 12 + RATE), np.float32) for name in hits}
    for b in range(12):
        for step, name in ((12, "Tom 1"), (13, "Tom 1"), (14, "Tom 2"), (15, "Tom 2")):
            at = b * bar + step * sixteenth
            toms[name][0, at:at + t.size] += hits[name] * (0.9 if b % 2 else 0.6)
    found = harmonise([("drums", audio(name, x)) for name, x in toms.items()])
    assert _offsets(found) == []


def _polarity(stems_set) -> list[str]:
    return [n.message for n in stems_set.notices if n.code == "polarity"]


def test_a_microphone_in_reverse_polarity_is_named_with_what_flipping_it_gains(song):
    """Kick Out is the kick through a darker microphone, exported in reverse polarity (the
    audit song's fault): the notice names it and says how much louder the kick sums with
    it flipped: the power of in + out against in - out as the mix hears them (mono),
    worked out here with numpy."""
    kick_in = song["kick"] * np.float32(0.7)
    darker = signal.sosfilt(signal.butter(2, 400, "lowpass", fs=RATE, output="sos"),
                            song["kick"]).astype(np.float32) * np.float32(0.6)
    found = harmonise([("kick", audio("Kick In", kick_in)),
                       ("kick", audio("Kick Out", -darker)),
                       ("bass", audio("Bass", song["bass"]))])
    a, b = kick_in.mean(axis=0, dtype=np.float64), darker.mean(axis=0, dtype=np.float64)
    gain_db = 10 * np.log10(np.sum((a + b) ** 2) / np.sum((a - b) ** 2))
    assert gain_db > 3
    (message,) = _polarity(found)
    assert message.startswith("Kick Out works against Kick In: with its polarity flipped "
                              f"the kick sums {gain_db:.1f} dB louder")
    in_phase = harmonise([("kick", audio("Kick In", kick_in)),
                          ("kick", audio("Kick Out", darker))])
    assert _polarity(in_phase) == []


def test_a_thin_kick_with_a_microphone_in_reverse_polarity_gets_it_flipped(song):
    """'The kick sounds thin' with Kick Out reversed: the plan flips Kick Out (no EQ guess),
    its reason's figure is what numpy gives for in + out against in - out, and the kick
    written by the render sums by that much louder, with nothing left working against."""
    kick_in = song["kick"] * np.float32(0.7)
    darker = signal.sosfilt(signal.butter(2, 400, "lowpass", fs=RATE, output="sos"),
                            song["kick"]).astype(np.float32) * np.float32(0.6)
    stems = harmonise([("kick", audio("Kick In", kick_in)), ("kick", audio("Kick Out", -darker)),
                       ("bass", audio("Bass", song["bass"]))])
    a, b = kick_in.mean(axis=0, dtype=np.float64), darker.mean(axis=0, dtype=np.float64)
    gain_db = 10 * np.log10(np.sum((a + b) ** 2) / np.sum((a - b) ** 2))
    plan = plan_fixes([FixRequest("kick", "thin")], analyse_session(stems))
    (move,) = plan.moves
    assert (move.stem, move.op) == ("Kick Out", "polarity")
    assert f"the kick sums {gain_db:.1f} dB louder" in move.reason
    result = render(stems, plan.moves, MasterSettings(resolve_target("streaming")))

    def kick_db(stem_set):
        kick = sum(s.samples.mean(axis=0, dtype=np.float64) for s in stem_set.part("kick"))
        return 10 * np.log10(np.sum(kick ** 2))

    assert kick_db(result.stems) - kick_db(stems) == pytest.approx(gain_db, abs=0.05)
    assert "kick" not in result.after.working_against


def test_files_that_play_different_things_raise_no_polarity_notice(files, song):
    """Guitars, vocals, overheads and kick mics that are in phase, and two unrelated
    sounds in one part, one of them negated: flipping any of them moves the part's sum by
    well under the 3 dB that says a file works against the others."""
    assert _polarity(harmonise([(role, audio(f.path.stem, f.samples)) for role, f in files])) \
        == []
    found = harmonise([("keys", audio("Piano", song["keys"])),
                       ("keys", audio("Organ", -song["vocal"]))])
    assert _polarity(found) == []


def test_a_file_that_does_not_sound_like_its_part_is_named_with_the_parts_name(song):
    """Hats given as the vocal: the notice said 'given as vocal', where the chat had just
    listed the file under 'lead vocal'."""
    given = [("vocal", audio("Hats", song["cymbals"])), ("bass", audio("Bass", song["bass"]))]
    said = [n.message for n in harmonise(given, part_names={"vocal": "lead vocal"}).notices
            if n.code == "label"]
    assert said == ["Hats.wav was given as lead vocal but its sound is mostly outside 150 Hz–5 kHz "
                    "— check the file is the right part"]
