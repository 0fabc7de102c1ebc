"""The fast paths for reading, checking and writing give what the slow ones gave."""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

import dsp.atomic
import dsp.audio
import dsp.check
import dsp.writing
from dsp.audio import AudioFile, load_audio
from dsp.check import check_audio, harmonise
from dsp.errors import AudioFileError, OutputPathError
from dsp.meter import hop_power, sample_peak_dbfs, window_power
from dsp.writing import write_wav

RATE = 48000


def noise(channels: int, frames: int, level: float = 0.5, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (level * rng.standard_normal((channels, frames))).astype(np.float32)


def pcm_read(path: Path, bits: int) -> np.ndarray:
    """The integer sample values in a PCM file, (channels, frames)."""
    return (sf.read(path, dtype="int32", always_2d=True)[0] >> (32 - bits)).T


def rounded(samples: np.ndarray, bits: int) -> np.ndarray:
    full = 2.0 ** (bits - 1)
    return np.clip(np.rint(samples.astype(np.float64) * full), -full, full - 1).astype(np.int64)


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks far shorter than the test signals, so every block edge is crossed."""
    monkeypatch.setattr(dsp.writing, "_BLOCK_FRAMES", 1000)
    monkeypatch.setattr(dsp.audio, "_BLOCK_FRAMES", 1000)


@pytest.mark.parametrize("channels, frames", [(2, 4321), (1, 3001), (2, 999)])
@pytest.mark.parametrize("bits", [24, 16])
def test_pcm_is_the_input_rounded_to_nearest_and_clipped(tmp_path, small_blocks, channels,
                                                         frames, bits):
    x = noise(channels, frames)
    x[0, :6] = [1.5, -1.5, 1.0, -1.0, 0.5 / 2 ** (bits - 1), -1.49 / 2 ** (bits - 1)]
    path = write_wav(tmp_path / "x.wav", x, RATE, bit_depth=bits)
    info = sf.info(path)
    assert (info.format, info.subtype) == ("WAV", f"PCM_{bits}")
    assert (info.samplerate, info.channels, info.frames) == (RATE, channels, frames)
    assert np.array_equal(pcm_read(path, bits), rounded(x, bits))
    data = channels * frames * bits // 8
    assert path.stat().st_size == 44 + data + data % 2


@pytest.mark.parametrize("channels, frames", [(2, 4321), (1, 3001)])
def test_float_holds_every_sample_as_it_is_over_full_scale_too(tmp_path, small_blocks,
                                                               channels, frames):
    """Processed stems are written so: a file a move took past 0 dBFS is not clipped."""
    x = noise(channels, frames, level=2.0)
    x[0, :3] = [np.nan, np.inf, -np.inf]
    path = write_wav(tmp_path / "x.wav", x, RATE, bit_depth=32)
    info = sf.info(path)
    assert (info.format, info.subtype, info.channels, info.frames) == (
        "WAV", "FLOAT", channels, frames)
    decoded, rate = sf.read(path, dtype="float32", always_2d=True)
    expected = x.copy()
    expected[0, :3] = [0.0, 1.0, -1.0]
    assert rate == RATE and np.array_equal(decoded.T, expected)
    assert np.abs(decoded).max() > 4.0


def test_float_file_is_what_scipy_writes_with_no_peak_chunk(tmp_path, small_blocks):
    """Float stems are written here, not through libsndfile (which scanned every sample for
    a PEAK chunk and fsynced the file before dsp.atomic did): byte for byte the canonical
    float WAV of an independent writer."""
    from scipy.io import wavfile

    for channels, frames in [(2, 4321), (1, 3001)]:
        x = noise(channels, frames, level=2.0)
        ours = write_wav(tmp_path / "ours.wav", x, RATE, bit_depth=32)
        wavfile.write(tmp_path / "ref.wav", RATE, x.T if channels == 2 else x[0])
        assert ours.read_bytes() == (tmp_path / "ref.wav").read_bytes()


def test_24_bit_header_is_what_libsndfile_writes(tmp_path):
    for channels, frames in [(2, 1000), (1, 1001)]:
        ints = rounded(noise(channels, frames), 24)
        reference = tmp_path / "ref.wav"
        sf.write(reference, (ints.T << 8).astype(np.int32), RATE, subtype="PCM_24")
        ours = write_wav(tmp_path / "ours.wav", ints / np.float32(2 ** 23), RATE)
        assert ours.read_bytes() == reference.read_bytes()


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed")
def test_ffmpeg_reads_the_24_bit_file_as_soundfile_does(tmp_path):
    x = noise(2, 4801)
    path = write_wav(tmp_path / "x.wav", x, RATE)
    decoded = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "s32le",
                              "-acodec", "pcm_s32le", "-"], capture_output=True, check=True)
    ffmpeg = np.frombuffer(decoded.stdout, "<i4").reshape(-1, 2).T >> 8
    assert np.array_equal(ffmpeg, rounded(x, 24))


def test_broken_samples_are_written_as_silence_or_full_scale(tmp_path):
    x = np.array([[np.nan, np.inf, -np.inf, 0.25]], dtype=np.float32)
    path = write_wav(tmp_path / "x.wav", x, RATE)
    assert pcm_read(path, 24).tolist() == [[0, 2 ** 23 - 1, -(2 ** 23), 2 ** 21]]


def whole_file_dither(samples: np.ndarray, bits: int, seed: int) -> np.ndarray:
    """The dither as it was computed before blocks: two whole-file draws."""
    frames = samples.T
    full = float(2 ** (bits - 1))
    rng = np.random.default_rng(seed)
    scaled = frames * full + (rng.random(frames.shape, dtype=np.float32)
                              - rng.random(frames.shape, dtype=np.float32))
    return np.clip(np.round(scaled), -full, full - 1).astype(np.int64).T


@pytest.mark.parametrize("channels, frames", [(2, 4321), (1, 3001)])
@pytest.mark.parametrize("bits", [16, 24])
def test_dither_does_not_depend_on_the_block_size(tmp_path, small_blocks, channels, frames,
                                                  bits):
    x = noise(channels, frames, level=0.01)
    path = write_wav(tmp_path / "x.wav", x, RATE, bit_depth=bits, dither=True, seed=3)
    written = pcm_read(path, bits)
    assert np.array_equal(written, whole_file_dither(x, bits, seed=3))
    error = written - x.astype(np.float64) * 2 ** (bits - 1)
    assert np.abs(error).max() < 1.5 and 0.3 < error.std() < 0.8


def test_inputs_are_refused_as_outputs_by_any_spelling(tmp_path):
    source = tmp_path / "in.wav"
    sf.write(source, noise(2, 1000).T, RATE)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    (tmp_path / "link.wav").symlink_to(source)
    for spelling in (source, tmp_path / "link.wav", tmp_path / "sub" / ".." / "in.wav"):
        with pytest.raises(OutputPathError, match="input"):
            write_wav(spelling, noise(2, 1000), RATE, protect=[source])
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path, small_blocks, monkeypatch):
    target = write_wav(tmp_path / "x.wav", noise(2, 500), RATE)
    before = target.read_bytes()
    calls = []

    def failing_block(block, bits, dither):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_block(block, bits, dither)

    real_block = dsp.writing._pcm_block
    monkeypatch.setattr(dsp.writing, "_pcm_block", failing_block)
    with pytest.raises(OSError, match="disk full"):
        write_wav(target, noise(2, 5000), RATE)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["x.wav"]


def test_data_is_fsynced_before_the_rename(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.fstat(fd).st_size))
        real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", Path(dst).name))
        real_replace(src, dst)

    monkeypatch.setattr(dsp.atomic.os, "fsync", fsync)
    monkeypatch.setattr(dsp.atomic.os, "replace", replace)
    write_wav(tmp_path / "x.wav", noise(2, 1000), RATE)
    assert events == [("fsync", 44 + 6000), ("replace", "x.wav")]


@pytest.mark.parametrize("channels, frames, subtype",
                         [(2, 24321, "PCM_24"), (1, 30001, "FLOAT")])
def test_blockwise_read_equals_soundfile_read(tmp_path, small_blocks, channels, frames,
                                              subtype):
    path = tmp_path / "x.wav"
    sf.write(path, noise(channels, frames, seed=channels).T, RATE, subtype=subtype)
    audio = load_audio(path)
    expected = sf.read(path, dtype="float32", always_2d=True)[0].T
    assert audio.samples.dtype == np.float32 and audio.samples.flags.c_contiguous
    assert np.array_equal(audio.samples, expected)


def reference_check(samples: np.ndarray, rate: int) -> tuple:
    """check_audio's figures the way they were computed before the fast paths."""
    finite = np.isfinite(samples)
    nonfinite = int(samples.size - np.count_nonzero(finite))
    clean = np.where(finite, samples, 0.0).astype(np.float32) if nonfinite else samples
    blocks = window_power(hop_power(clean, rate), rate, 0.4)
    loudest = float(blocks.max(initial=0.0))
    hop_db = 10.0 * np.log10(loudest) if loudest > 0 else float("-inf")
    peak = sample_peak_dbfs(clean)
    return (nonfinite, peak, bool(peak < -90.0 or hop_db <= -70.0),
            clipped_in_runs(clean), float(np.abs(clean.mean(axis=1)).max()))


def clipped_in_runs(samples: np.ndarray, level: float = 0.999, run: int = 3) -> int:
    """The rule as the check states it, one sample at a time: samples in runs of 3 or more
    at full scale (|x| >= 0.999) are clipped; shorter runs are legal peaks."""
    total = 0
    for row in samples:
        for hot, group in itertools.groupby((np.abs(row) >= level).tolist()):
            length = sum(1 for _ in group)
            total += length if hot and length >= run else 0
    return total


def test_clip_count_is_the_hand_counted_runs_of_three_or_more():
    x = np.zeros((2, 1000), np.float32)
    x[0, 100:105] = 1.0      # a run of 5: clipped
    x[0, 200] = 1.0          # an isolated peak: legal
    x[0, 300:302] = -1.0     # a run of 2: legal
    x[1, 400:403] = -1.0     # a run of 3: clipped
    x[1, 500:504] = 0.9995   # a run of 4 within 0.001 of full scale: clipped
    x[1, 600:610] = 0.998    # a run of 10 below the clip level: not clipped
    assert check_audio(audio_file(x)).clipped_samples == 5 + 3 + 4


def audio_file(samples: np.ndarray, rate: int = RATE) -> AudioFile:
    """A fixed-point file's samples (a float file's peaks over full scale are whole, and
    only its flat tops count as clipped: test_audio_check)."""
    return AudioFile(Path("x.wav"), samples, rate, "WAV", "PCM_24")


def checked_cases() -> list[np.ndarray]:
    quiet = noise(2, RATE + 1234, level=1e-4)
    hot = np.clip(noise(2, RATE * 2, level=2.0), -1.0, 1.0)
    offset = noise(2, RATE, level=0.1) + np.float32(0.03)
    broken = noise(2, RATE, level=0.3)
    broken[0, 10:20] = np.nan
    broken[1, 5] = np.inf
    cancelling = noise(2, RATE, level=0.3)
    cancelling[1, [7, 9]] = [np.inf, -np.inf]
    near_full = noise(2, RATE, level=0.1)
    near_full[0, 100:103] = 0.999
    return [quiet, hot, offset, broken, cancelling, near_full, np.zeros((2, RATE), np.float32)]


@pytest.mark.parametrize("samples", checked_cases())
def test_check_figures_match_the_straightforward_computation(samples):
    check = check_audio(audio_file(samples))
    nonfinite, peak, silent, clipped, dc = reference_check(samples, RATE)
    assert check.nonfinite_samples == nonfinite
    assert check.peak_dbfs == peak
    assert check.silent == silent
    assert check.clipped_samples == clipped
    assert check.dc_offset == dc


def test_harmonise_reusing_arrays_gives_the_same_stems_without_copies():
    originals = {"keys": noise(2, RATE, level=0.1) + np.float32(0.02),
                 "bass": noise(2, RATE - 100, level=0.1, seed=1),
                 "fx": noise(2, RATE, level=0.1, seed=2)}
    originals["fx"][0, 3] = np.nan
    copied = harmonise([(r, audio_file(x.copy())) for r, x in originals.items()])
    files = {r: audio_file(x.copy()) for r, x in originals.items()}
    reused = harmonise(list(files.items()), reuse_arrays=True)
    for stem, again in zip(copied.stems, reused.stems, strict=True):
        assert np.array_equal(again.samples, stem.samples)
    assert reused.notices == copied.notices
    assert np.shares_memory(reused.part("keys")[0].samples, files["keys"].samples)
    kept = {r: audio_file(x.copy()) for r, x in originals.items()}
    harmonise(list(kept.items()))
    for role, x in originals.items():
        assert np.array_equal(kept[role].samples, x, equal_nan=True)


@pytest.mark.parametrize("frames", [RATE // 2, RATE * 3 + 4799, RATE * 12 + 1])
def test_loudest_hop_is_the_same_summed_a_second_at_a_time(frames):
    samples = noise(2, frames, level=0.2)
    samples[:, frames // 3:frames // 2] *= 3.0
    hops = hop_power(samples, RATE)
    loudest = float(window_power(hops, RATE, 0.4).max(initial=0.0))
    assert dsp.check._loudest_hop_db(samples, RATE) == 10.0 * np.log10(loudest)


@pytest.mark.parametrize("bits", [16, 24])
def test_pcm_grid_is_what_the_written_file_decodes_to(tmp_path, bits):
    """The master is measured on on_pcm_grid's samples: libsndfile must read them back from
    the file write_wav makes, bit for bit (loud, quiet, clipped and NaN samples)."""
    samples = noise(2, 50_000, level=0.7, seed=bits)
    samples[:, 100:110] = np.float32(1.5)
    samples[:, 200:210] = np.float32(-1.5)
    samples[0, 300] = np.nan
    samples[1, 400:500] *= np.float32(1e-6)
    path = write_wav(tmp_path / "x.wav", samples, RATE, bit_depth=bits)
    decoded = load_audio(path).samples
    grid = dsp.writing.on_pcm_grid(samples.copy(), bits)
    assert np.array_equal(decoded, grid)
    assert not np.array_equal(grid, samples)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_dsp_keeps_numpy_blas_on_one_thread():
    """OpenBLAS worker threads spin while they wait; dsp runs its own threads, so with
    BLAS threads too the cores go to spinning (2.3x the CPU time on `moozix fix`)."""
    code = ("import os, dsp, numpy as np; x = np.ones((256, 256), np.float32); x @ x; "
            "print(len(os.listdir('/proc/self/task')))")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True, cwd=Path(__file__).resolve().parents[2])
    assert int(out.stdout) == 1


def test_read_ahead_gives_what_load_audio_gives_and_its_errors(tmp_path):
    good = write_wav(tmp_path / "good.wav", noise(2, 30_000), RATE)
    broken = tmp_path / "broken.wav"
    broken.write_text("not audio")
    with dsp.audio.ReadAhead([good, broken]) as early:
        first = early.load(good)
        assert np.array_equal(first.samples, load_audio(good).samples)
        with pytest.raises(AudioFileError, match="could not be read"):
            early.load(broken)
        again = early.load(good)  # asked twice: decoded again, not shared
        assert again.samples is not first.samples
        assert np.array_equal(again.samples, first.samples)
