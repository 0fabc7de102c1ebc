"""Loading, checking and harmonising files: clear messages, nothing lost."""

from __future__ import annotations

import hashlib
import os
import stat

import numpy as np
import pytest
import soundfile as sf

from dsp.audio import load_audio
from dsp.check import check_audio, harmonise
from dsp.errors import AudioContentError, AudioFileError, OutputPathError
from dsp.writing import write_wav


def tone(seconds=2.0, rate=44100, channels=2, level=0.3, freq=220.0):
    t = np.arange(int(seconds * rate)) / rate
    x = level * np.sin(2 * np.pi * freq * t)
    return np.tile(x, (channels, 1)).astype(np.float32)


@pytest.mark.parametrize("fmt", ["wav", "flac", "aiff", "ogg"])
def test_formats_load_as_channels_first_float32(tmp_path, fmt):
    path = tmp_path / f"x.{fmt}"
    sf.write(path, tone().T, 44100)
    audio = load_audio(path)
    assert audio.samples.dtype == np.float32
    assert audio.samples.shape == (2, 88200)


def test_missing_folder_empty_and_garbage_files_say_what_to_do(tmp_path):
    with pytest.raises(AudioFileError, match="not found"):
        load_audio(tmp_path / "nope.wav")
    with pytest.raises(AudioFileError, match="folder"):
        load_audio(tmp_path)
    (tmp_path / "empty.wav").write_bytes(b"")
    with pytest.raises(AudioFileError, match="empty"):
        load_audio(tmp_path / "empty.wav")
    (tmp_path / "notes.wav").write_text("not audio at all")
    with pytest.raises(AudioFileError, match="export it as"):
        load_audio(tmp_path / "notes.wav")


def test_three_channels_and_too_short_are_refused(tmp_path):
    sf.write(tmp_path / "surround.wav", tone(channels=3).T, 44100)
    with pytest.raises(AudioContentError, match="3 channels"):
        load_audio(tmp_path / "surround.wav")
    sf.write(tmp_path / "blip.wav", tone(seconds=0.2).T, 44100)
    with pytest.raises(AudioContentError, match="at least"):
        load_audio(tmp_path / "blip.wav")


def test_check_reports_silence_clipping_and_nan(tmp_path):
    sf.write(tmp_path / "silent.wav", np.zeros((44100, 2)), 44100)
    silent = check_audio(load_audio(tmp_path / "silent.wav"))
    assert not silent.ok and "silent" in silent.notices[0].message
    hot = np.clip(tone(level=1.5), -1, 1)
    sf.write(tmp_path / "hot.wav", hot.T, 44100, subtype="FLOAT")
    clipped = check_audio(load_audio(tmp_path / "hot.wav"))
    assert clipped.ok and clipped.clipped_samples > 1000
    broken = tone()
    broken[0, 100:110] = np.nan
    sf.write(tmp_path / "nan.wav", broken.T, 44100, subtype="FLOAT")
    check = check_audio(load_audio(tmp_path / "nan.wav"))
    assert check.nonfinite_samples == 10 and check.ok


def test_harmonise_resamples_and_pads_and_keeps_mono_mono(tmp_path):
    sf.write(tmp_path / "a.wav", tone(2.0, 48000).T, 48000)
    sf.write(tmp_path / "b.wav", tone(2.0, 48000).T, 48000)
    sf.write(tmp_path / "c.wav", tone(1.5, 44100, channels=1, freq=1000).T, 44100)
    files = {r: load_audio(tmp_path / f"{n}.wav") for r, n in
             (("keys", "a"), ("guitars", "b"), ("fx", "c"))}
    stems = harmonise(list(files.items()))
    assert stems.sample_rate == 48000 and stems.frames == 96000
    fx = stems.get("c").samples
    assert fx.shape == (1, 96000)
    spectrum = np.abs(np.fft.rfft(fx[0, :72000]))
    assert np.argmax(spectrum) * 48000 / 72000 == pytest.approx(1000, abs=2)
    codes = {n.code for n in stems.notices}
    assert {"resampled", "padded"} <= codes


def test_drums_layer_means_the_split_kit(song):
    from pathlib import Path

    from dsp.audio import AudioFile

    files = [(r, AudioFile(Path(f"{r}.wav"), x, 44100, "WAV", "PCM_24")) for r, x in song.items()]
    stems = harmonise(files)
    assert {s.role for s in stems.layer_stems("drums")} == {"kick", "snare", "cymbals"}
    assert "vocal" not in {s.role for s in stems.layer_stems("instruments")}


def test_write_is_atomic_and_never_overwrites_inputs(tmp_path):
    source = tmp_path / "in.wav"
    sf.write(source, tone().T, 44100)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    with pytest.raises(OutputPathError, match="input"):
        write_wav(source, tone(), 44100, protect=[source])
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest
    out = write_wav(tmp_path / "out" / "x.wav", tone(), 44100, bit_depth=16, dither=True)
    assert sf.info(out).subtype == "PCM_16"
    assert [p.name for p in out.parent.iterdir()] == ["x.wav"]


def test_written_files_get_the_usual_mode_not_mkstemps_0600(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    out = write_wav(tmp_path / "x.wav", tone(), 44100)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


@pytest.mark.parametrize(("fmt", "subtype"), [("wav", "PCM_24"), ("wav", "FLOAT"),
                                              ("aiff", "PCM_16"), ("flac", "PCM_16")])
def test_a_file_cut_short_is_reported_as_truncated(tmp_path, fmt, subtype):
    """The header says 8 s, the data holds about half: libsndfile quietly reads a shorter
    whole file, so only the header tells."""
    path = tmp_path / f"cut.{fmt}"
    sf.write(path, tone(seconds=8.0).T, 44100, subtype=subtype)
    whole = check_audio(load_audio(path))
    assert not [n for n in whole.notices if n.code == "truncated"]
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    audio = load_audio(path)
    assert audio.duration_s < 5.0
    notice = next(n for n in check_audio(audio).notices if n.code == "truncated")
    assert notice.level == "warning" and "8.00 s" in notice.message
    assert f"cut.{fmt}" in notice.message


def test_an_unreadable_file_names_itself_once_and_says_why(tmp_path):
    folder = tmp_path / "My Song Export"
    folder.mkdir()
    bad = folder / "broken.wav"
    bad.write_bytes(b"not audio at all, just text")
    with pytest.raises(AudioFileError) as caught:
        load_audio(bad)
    message = str(caught.value)
    assert message.startswith("broken.wav could not be read as audio (format not recognised)")
    assert str(folder) not in message and "Error opening" not in message


def test_a_float_file_over_full_scale_is_not_called_clipped(tmp_path):
    """A 32-bit float export peaking 6 dB over full scale holds its peaks whole: saying it
    has clipped samples that can't be undone would be false. One cut flat at 1.2 is
    clipped, by exactly the samples the cut flattened."""
    x = tone(level=2.0)                                   # +6.02 dB over full scale
    sf.write(tmp_path / "hot.wav", x.T, 44100, subtype="FLOAT")
    check = check_audio(load_audio(tmp_path / "hot.wav"))
    assert check.clipped_samples == 0
    (note,) = [n for n in check.notices if n.code == "over_full_scale"]
    assert "6.0 dB over full scale" in note.message and note.level == "note"
    cut = np.clip(x, -1.2, 1.2)
    sf.write(tmp_path / "cut.wav", cut.T, 44100, subtype="FLOAT")
    check = check_audio(load_audio(tmp_path / "cut.wav"))
    assert check.clipped_samples == int(np.count_nonzero(np.abs(x) > 1.2))
    assert not [n for n in check.notices if n.code == "over_full_scale"]


def test_a_much_shorter_file_is_told_where_it_plays_and_how_to_place_it(tmp_path):
    """A 0.5 s impact beside 4 s stems plays from the start once padded: said, with how to
    export it in place. A file 0.25 s short is a trimmed tail: only noted."""
    sf.write(tmp_path / "Keys.wav", tone(4.0).T, 44100)
    sf.write(tmp_path / "Impact.wav", tone(0.5).T, 44100)
    sf.write(tmp_path / "Pad.wav", tone(3.75).T, 44100)
    stems = harmonise([(r, load_audio(tmp_path / f"{n}.wav")) for r, n in
                       (("keys", "Keys"), ("fx", "Impact"), ("keys", "Pad"))])
    padded = {n.message.split(" ")[0]: n for n in stems.notices if n.code == "padded"}
    assert padded["Impact.wav"].level == "warning"
    assert "3.50 s shorter" in padded["Impact.wav"].message
    assert "from the start (bar 1)" in padded["Impact.wav"].message
    assert padded["Pad.wav"].level == "note" and "0.25 s shorter" in padded["Pad.wav"].message
    assert "bar 1" not in padded["Pad.wav"].message


def test_a_count_of_clipped_samples_is_written_with_thousands_separators(tmp_path):
    """A DAW export's clipped hats read '22 Hats.wav has 498024 clipped samples' in the chat
    and the side panel: six digits run together. The count is the injected flat run's."""
    x = tone(seconds=1.0, channels=1)
    x[0, 1000:13345] = 1.0                                # one run of 12,345 at full scale
    sf.write(tmp_path / "hot.wav", x.T, 44100, subtype="PCM_24")
    check = check_audio(load_audio(tmp_path / "hot.wav"))
    (note,) = [n for n in check.notices if n.code == "clipped"]
    assert "hot.wav has 12,345 clipped samples" in note.message
