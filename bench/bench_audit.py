"""Audit: `moozix fix` on the audit song (bench/audit_song.py, 32 files nobody tuned on),
each complaint's written files measured by independent means and set beside every number
the report prints and beside the injected fault.

Independent means: pyloudnorm (BS.1770 loudness, and its K-weighting filters for "part vs
rest" over 400 ms blocks where the part plays, within 20 dB of its loudest), true peak as
the peak of scipy.signal.resample_poly x4, band energies by scipy.signal.welch. For each
complaint the table says what each move claims (its gain, or its bell's depth) and what
the written files measured; which files changed (against the inputs, bit for bit at 24
bits) and whether they are the files the moves name; whether every input file is written,
as long as the input and at lag 0; each "vs rest" row and tone row before/after against the
same figure measured on the inputs and the written stems; the master's LUFS and true peak
against the report's; and, for the faults the complaint is about, the fault measured on the
input and what is left of it in the output (against the unbroken file in /tmp/audit/clean).

Run by hand:  .venv/bin/python bench/bench_audit.py [--reuse] [name ...]   (after
audit_song.py; --reuse measures the outputs of an earlier run again)

What it measured on 2026-11-30, complaint by complaint: bench/README.md (the audit).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SONG = Path("/tmp/audit")
MOOZIX = [sys.executable, "-m", "moozix_tui"]

COMPLAINTS = (
    ("guitars_quiet", "I can barely hear the guitars", ("guitars_low",)),
    ("bass_muddy", "the bass is muddy", ("bass_mud",)),
    ("piano_muddy", "the piano sounds muddy", ("piano_mud",)),
    ("hats_harsh", "the hats are harsh", ("hats_harsh",)),
    ("vocal_reverb", "there's way too much reverb on the vocal", ("vocal_reverb",)),
    ("kick_thin", "the kick sounds thin", ("kick_polarity",)),
    ("pad_mono", "the pad disappears in mono", ("pad_mono",)),
    ("vocal_loud", "the vocal is too loud", ()),
    ("snare_loud", "the snare is too loud", ()),
    ("bgv_quiet", "the backing vocals are too quiet", ()),
    ("vocal_dull", "the vocal sounds dull", ()),
    ("gtr_vocal_masking", "the guitars are drowning the vocal", ("guitars_low",)),
    ("song_quiet", "the whole song is too quiet", ()),
    ("song_loud", "the whole song is too loud", ()),
    ("song_harsh", "the whole song sounds harsh", ("hats_harsh",)),
    ("song_muddy", "the mix is muddy", ("bass_mud", "piano_mud")),
)


def load(path: Path) -> tuple[np.ndarray, int]:
    import soundfile as sf

    data, rate = sf.read(path, dtype="float32", always_2d=True)
    return data.T.copy(), rate


def two(x: np.ndarray) -> np.ndarray:
    return np.vstack([x, x]) if x.shape[0] == 1 else x


def lufs(x: np.ndarray, rate: int) -> float:
    import pyloudnorm

    return float(pyloudnorm.Meter(rate).integrated_loudness(two(x).T.astype(np.float64)))


def true_peak_dbtp(x: np.ndarray) -> float:
    from scipy.signal import resample_poly

    return float(20 * np.log10(np.abs(resample_poly(x, 4, 1, axis=1)).max()))


def k_filter(x: np.ndarray, rate: int) -> np.ndarray:
    """BS.1770 K-weighting by pyloudnorm's two filters, float32, channels kept."""
    import pyloudnorm
    from scipy.signal import sosfilt, tf2sos

    filters = pyloudnorm.Meter(rate)._filters.values()
    sos = np.vstack([tf2sos(f.b, f.a) for f in filters])
    return sosfilt(sos, x, axis=1).astype(np.float32)


def blocks(k: np.ndarray, rate: int) -> np.ndarray:
    """Power per 400 ms block of a K-weighted signal, channels summed."""
    block = int(0.4 * rate)
    usable = k.shape[1] // block * block
    return np.square(k[:, :usable], dtype=np.float64).reshape(
        k.shape[0], -1, block).mean(axis=2).sum(axis=0)


def vs_rest(part: np.ndarray, rest: np.ndarray) -> float:
    with np.errstate(divide="ignore"):
        db = 10 * np.log10(part)
    active = (db > db.max() - 20) & (db > -70 - 0.691)
    return float(10 * np.log10(part[active].mean() / rest[active].mean()))


def band_db(x: np.ndarray, rate: int, low: float, high: float) -> float:
    from scipy.signal import welch

    f, p = welch(x.mean(axis=0), rate, nperseg=16384)
    return float(10 * np.log10(p[(f >= low) & (f < high)].sum() + 1e-30))


def ls_gain_db(new: np.ndarray, old: np.ndarray) -> float:
    """Least-squares gain of new against old, dB."""
    return float(20 * np.log10(abs(np.vdot(old, new)) / max(np.vdot(old, old), 1e-30)))


def lag_samples(a: np.ndarray, b: np.ndarray, rate: int) -> int:
    """The shift (samples) at which b best matches a, over the loudest 10 s of a."""
    from scipy.signal import correlate

    a, b = a.mean(axis=0), b.mean(axis=0)
    hop = rate * 10
    at = int(np.argmax([np.square(a[i:i + hop]).sum() for i in range(0, a.size - hop, hop)]))
    lo = at * hop
    seg_a = a[lo:lo + hop]
    seg_b = b[max(lo - 2000, 0):lo + hop + 2000]
    if not np.any(seg_a) or not np.any(seg_b):
        return 0
    c = correlate(seg_b, seg_a, mode="valid", method="fft")
    return int(np.argmax(np.abs(c))) - (lo - max(lo - 2000, 0))


class Inputs:
    """The export as given, the unbroken faulted files, and K-weighted copies of both."""

    def __init__(self) -> None:
        self.faults = json.loads((SONG / "faults.json").read_text())
        self.rate = self.faults["rate"]
        self.files = {p.name: load(p)[0] for p in sorted((SONG / "song").iterdir())}
        self.clean = {p.name: load(p)[0] for p in sorted((SONG / "clean").iterdir())}
        self.k = {n: k_filter(x, self.rate) for n, x in self.files.items()}
        self.k_clean = {n: k_filter(x, self.rate) for n, x in self.clean.items()}

    def entry(self, sources: list[str], *, k: bool = False, clean: bool = False) -> np.ndarray:
        """A report entry's input as the product sees it: one file in two channels, or a
        left/right pair of mono files joined."""
        pool = (self.k if k else self.files)
        if clean:
            pool = {**pool, **(self.k_clean if k else self.clean)}
        if len(sources) == 1:
            return two(pool[sources[0]])
        return np.vstack([pool[s][0] for s in sources])


def run(name: str, say: str, *, reuse: bool = False) -> dict:
    out = SONG / "runs" / name
    if reuse and (out / "master.wav").exists() and (out / "stdout.txt").exists():
        return {**json.loads((out / "report.json").read_text()),
                "stdout": (out / "stdout.txt").read_text()}
    proc = subprocess.run([*MOOZIX, "fix", "--say", say, str(SONG / "song"), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-300:], "stdout": proc.stdout}
    (out / "stdout.txt").write_text(proc.stdout)
    return {**json.loads((out / "report.json").read_text()), "stdout": proc.stdout}


def part_vs_rest(k: dict[str, np.ndarray], members: list[str], rate: int) -> float:
    part = sum(k[m] for m in members)
    total = sum(k.values())
    return vs_rest(blocks(part, rate), blocks(total - part, rate))


def audit(name: str, say: str, faults: tuple[str, ...], inp: Inputs, *,
          reuse: bool = False) -> dict:
    rate = inp.rate
    report = run(name, say, reuse=reuse)
    row: dict = {"name": name, "say": say}
    if "error" in report:
        row.update(error=report["error"], stdout=report["stdout"])
        return row
    out_dir = SONG / "runs" / name
    entries = {e["name"]: e for e in report["files"]}
    written, k_out, changed, problems = {}, {}, {}, []
    for n, e in entries.items():
        before = inp.entry(e["sources"])
        path = out_dir / e["output"] if e["output"] else None
        if path is None or not path.exists():
            problems.append(f"{n} not written")
            continue
        after, out_rate = load(path)
        after = two(after)
        written[n] = after
        if out_rate != rate or after.shape != before.shape:
            problems.append(f"{n}: {after.shape} at {out_rate} Hz, input {before.shape}")
            continue
        dc = before.mean(axis=1, keepdims=True) - after.mean(axis=1, keepdims=True)
        if float(np.abs(after + dc - before).max()) > 2 ** -21:
            lag = lag_samples(before, after, rate)
            if abs(lag) > rate // 1000:
                problems.append(f"{n} moved {lag} samples")
            changed[n] = round(ls_gain_db(after, before), 1)
            k_out[n] = k_filter(after, rate)
        else:
            k_out[n] = inp.entry(e["sources"], k=True)
    k_in = {n: inp.entry(e["sources"], k=True) for n, e in entries.items()}
    row["files"] = (f"{len(written)} written of {len(entries)} entries for "
                    f"{sum(len(e['sources']) for e in entries.values())} inputs "
                    f"({len(inp.files)} in the folder)")
    named = {f for m in report["moves"] for f in m["files"]}
    row["moves"] = [_move(m, written, entries, inp) for m in report["moves"]]
    for move in row["moves"]:
        if move["op"] == "polarity":
            # what the flip claims: how much louder its part sums (mono), as written
            flipped = entries[move["files"][0]]["part"]
            members = [n for n, e in entries.items() if e["part"] == flipped]

            def power(xs):
                total = sum(x.mean(axis=0, dtype=np.float64) for x in xs)
                return 10 * np.log10(np.sum(total ** 2))

            gain = (power(written[n] for n in members)
                    - power(inp.entry(entries[n]["sources"]) for n in members))
            move["measured"].append(f"{flipped} sum {gain:+.2f} dB")
    row["changed"] = changed
    row["changed_not_named"] = sorted(set(changed) - named)
    row["named_not_changed"] = sorted(n for n in named - set(changed) if n != "mix")
    row["problems"] = problems
    master, _ = load(out_dir / "master.wav")
    row["rows"] = _rows(report, entries, written, k_in, k_out, master, inp)
    row["master"] = {"report": report["written_master"],
                     "measured": {"lufs": round(lufs(master, rate), 2),
                                  "tp_x4": round(true_peak_dbtp(master), 2)}}
    row["faults"] = [_fault(f, entries, written, k_in, k_out, inp) for f in faults]
    row["notes"] = report["notes"]
    row["stdout"] = report["stdout"]
    # about 1 GB of audio a run: keep the report, not the files measured
    shutil.rmtree(out_dir / "stems", ignore_errors=True)
    for wav in out_dir.glob("*.wav"):
        wav.unlink()
    return row


def _move(move: dict, written: dict, entries: dict, inp: Inputs) -> dict:
    rate, p = inp.rate, move["params"]
    measured = []
    for f in move["files"]:
        if f not in written:
            continue
        before, after = inp.entry(entries[f]["sources"]), written[f]
        if move["op"] == "gain":
            measured.append(f"{f} {ls_gain_db(after, before):+.1f} dB")
        elif "freq_hz" in p:
            lo, hi = p["freq_hz"] / 2 ** (1 / 12), p["freq_hz"] * 2 ** (1 / 12)
            d = band_db(after, rate, lo, hi) - band_db(before, rate, lo, hi)
            measured.append(f"{f} {d:+.1f} dB at {p['freq_hz']:.0f} Hz")
        elif "cutoff_hz" in p:
            c = p["cutoff_hz"]
            lo, hi = (20, c / 2) if move["op"] == "low_shelf" else (c * 2, 20000)
            d = band_db(after, rate, lo, hi) - band_db(before, rate, lo, hi)
            measured.append(f"{f} {d:+.1f} dB in {lo:.0f}-{hi:.0f} Hz")
    return {"claim": move["action"], "op": move["op"], "params": p, "files": move["files"],
            "measured": measured}


_KIT = ("kick", "snare", "cymbals", "drums")


def side_low_db(x: np.ndarray, rate: int) -> float:
    """The side's energy below 120 Hz against both channels' (Welch, DC removed)."""
    from scipy.signal import welch

    x = x - x.mean(axis=1, keepdims=True)
    f, side = welch((x[0] - x[1]) / 2, rate, nperseg=16384)
    _, both = welch(x, rate, nperseg=16384)
    return float(10 * np.log10(side[f < 120].sum() / both.sum()))


def mono_loss_db(x: np.ndarray) -> float:
    """Level lost when the two channels are summed to one: the mid's energy against the
    mean channel's."""
    x = two(x).astype(np.float64)
    return float(-10 * np.log10(np.sum(x.mean(axis=0) ** 2) / (np.sum(x ** 2) / 2)))


def _rows(report, entries, written, k_in, k_out, master, inp) -> list[dict]:
    """Each 'X vs rest' row, 'X <band>' dBFS row, the mix's band shares and mono loss and
    the loudness row, remeasured (the mix after is the master, as the report says)."""
    rate = inp.rate
    members_of: dict[str, list[str]] = {}
    for n, e in entries.items():
        members_of.setdefault(e["part_name"], []).append(n)
    members_of["drums"] = [n for n, e in entries.items() if e["part"] in _KIT]
    members_of.update({n: [n] for n in entries if n not in members_of})   # one file's row
    members_of["reverb return"] = [n for n, e in entries.items() if e["part"] == "fx"]
    members_of["instruments"] = [n for n, e in entries.items()
                                 if e["part"] not in ("vocal", "backing_vocals")]
    found = []
    for r in report["measurements"]:
        label = r["label"]
        match = re.fullmatch(r"(.+) ([\d.]+)–([\d.]+) (k?)Hz", label)
        if label.endswith(" vs rest") and label[:-8] in members_of:
            members = members_of[label[:-8]]
            found.append({"label": label, "report": [r["before"], r["after"]],
                          "measured": [round(part_vs_rest(k, members, rate), 1)
                                       for k in (k_in, k_out)]})
        elif r["unit"] == "dBFS" and match and match[1] in members_of:
            lo, hi = (float(v) * (1000 if match[4] else 1) for v in match.group(2, 3))
            members = members_of[match[1]]
            before = sum(inp.entry(entries[n]["sources"]) for n in members)
            after = sum(written[n] for n in members)
            found.append({"label": label + " change",
                          "report": round(r["after"] - r["before"], 1),
                          "measured": round(band_db(after, rate, lo, hi)
                                            - band_db(before, rate, lo, hi), 1)})
        elif label.endswith(" side energy below 120 Hz") and label[:-25] in members_of:
            members = members_of[label[:-25]]
            before = sum(inp.entry(entries[n]["sources"]) for n in members)
            after = sum(written[n] for n in members)
            found.append({"label": label, "report": [r["before"], r["after"]],
                          "measured": [round(side_low_db(x, rate), 1) for x in (before, after)]})
        elif label == "mix mono loss":
            mix = sum(inp.entry(e["sources"]) for e in entries.values())
            found.append({"label": label, "report": [r["before"], r["after"]],
                          "measured": [round(mono_loss_db(mix), 1),
                                       round(mono_loss_db(master), 1)]})
        elif label.startswith("mix ") and label.endswith(" share") and match is None:
            band = re.fullmatch(r"mix ([\d.]+)–([\d.]+) (k?)Hz share", label)
            if band:
                lo, hi = (float(v) * (1000 if band[3] else 1) for v in band.group(1, 2))
                mix = sum(inp.entry(e["sources"]) for e in entries.values())
                shares = [band_db(x, rate, lo, hi) - band_db(x, rate, 20, 20000)
                          for x in (mix, master)]
                found.append({"label": label + " change",
                              "report": round(r["after"] - r["before"], 1),
                              "measured": round(shares[1] - shares[0], 1)})
        elif label == "loudness":
            mix = sum(inp.entry(e["sources"]) for e in entries.values())
            found.append({"label": "loudness before (the inputs' sum)", "report": r["before"],
                          "measured": round(lufs(mix, rate), 1)})
    return found


def _fault(key, entries, written, k_in, k_out, inp) -> dict:
    """The fault as injected, as measured in the input, and what is left in the output."""
    fault = inp.faults["faults"][key]
    rate = inp.rate
    files = fault["files"]
    entry_of = {s: n for n, e in entries.items() for s in e["sources"]}
    result = {"fault": key, "size": {k: v for k, v in fault.items() if k != "files"}}

    def channel(x: np.ndarray, src: str) -> np.ndarray:
        sources = entries[entry_of[src]]["sources"]
        return x[sources.index(src)][None] if len(sources) > 1 else x

    if "bell_hz" in fault:
        f0 = fault["bell_hz"]
        lo, hi = f0 / 2 ** 0.25, f0 * 2 ** 0.25

        def shape(x):
            return band_db(x, rate, lo, hi) - band_db(x, rate, 20, 20000)

        result["half-octave band over the whole, against the unbroken file: in -> out"] = [
            f"{src}: {shape(two(inp.files[src])) - shape(two(inp.clean[src])):+.1f} -> "
            f"{shape(channel(written[entry_of[src]], src)) - shape(two(inp.clean[src])):+.1f} dB"
            for src in files]
    elif "gain_db" in fault:
        members = sorted({entry_of[s] for s in files})
        k_clean = {n: inp.entry(e["sources"], k=True, clean=True) for n, e in entries.items()}
        figures = [part_vs_rest(k, members, rate) for k in (k_clean, k_in, k_out)]
        result["vs rest: unbroken / input / output"] = " / ".join(f"{v:+.1f}" for v in figures)
    elif key == "kick_polarity":
        def corr(a, b):
            a, b = a.mean(axis=0), b.mean(axis=0)
            return float(np.dot(a, b) / np.sqrt(np.dot(a, a) * np.dot(b, b)))

        kin, kout = written[entry_of["Kick In.wav"]], written[entry_of["Kick Out.wav"]]
        result["Kick In/Out correlation: unbroken / input / output"] = (
            f"{corr(inp.clean['Kick Out.wav'], inp.files['Kick In.wav']):+.2f} / "
            f"{corr(inp.files['Kick Out.wav'], inp.files['Kick In.wav']):+.2f} / "
            f"{corr(kout, kin):+.2f}")
        kick = ("Kick In.wav", "Kick Out.wav", "Kick Sub.wav")

        def low(xs):
            return band_db(sum(two(x) for x in xs), rate, 40, 120)

        clean_low = low([inp.clean.get(n, inp.files[n]) for n in kick])
        result["kick 40-120 Hz against unbroken: input / output"] = (
            f"{low([inp.files[n] for n in kick]) - clean_low:+.1f} / "
            f"{low([written[entry_of[n]] for n in kick]) - clean_low:+.1f} dB")
    elif key == "pad_mono":
        def loss(x):
            x = x - x.mean(axis=1, keepdims=True)
            return 10 * np.log10(np.mean(np.square(x.mean(axis=0))) / np.mean(np.square(x)))

        result["pad mono loss: unbroken / input / output"] = (
            f"{loss(inp.clean['Pad.wav']):+.1f} / {loss(inp.files['Pad.wav']):+.1f} / "
            f"{loss(written[entry_of['Pad.wav']]):+.1f} dB")
    return result


def main(names: list[str]) -> None:
    reuse = "--reuse" in names
    names = [n for n in names if n != "--reuse"]
    inp = Inputs()
    results = []
    for name, say, faults in COMPLAINTS:
        if names and name not in names:
            continue
        row = audit(name, say, faults, inp, reuse=reuse)
        results.append(row)
        shown = {k: v for k, v in row.items() if k != "stdout"}
        print(json.dumps(shown, ensure_ascii=False), flush=True)
        (SONG / "runs" / f"{name}.audit.json").write_text(
            json.dumps(row, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
