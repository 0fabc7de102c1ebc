"""The conversation engine: from a complaint in plain words to a finished master.

UI-free. `handle(text)` reads a message and answers with replies, sometimes with
a Job the UI runs off its thread; `finish(job, outcome)` takes the result back.
Every change of state is saved at once, so quitting or a crash loses nothing.
The DSP core is imported only inside jobs and file checks, never at start-up.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from pathlib import Path

from moozix_tui.engine.commands import Command, read_command, style_name, target_name
from moozix_tui.engine.demo import demo_files, demo_ready, make_demo
from moozix_tui.engine.model import (
    Job,
    Reply,
    SessionView,
    StemSlot,
    SummaryCard,
    SummaryRow,
    Turn,
)
from moozix_tui.engine.paths import find_paths
from moozix_tui.engine.store import SessionState, SessionStore, StateError
from moozix_tui.engine.wording import (
    HELP,
    LAYER_WORDS,
    answer_question,
    md_code,
    md_literal,
    restate,
)

__all__ = ["Engine", "StateError", "preload_dsp"]


def preload_dsp() -> None:
    """Import the DSP stack (numpy, scipy, soundfile, pedalboard: about 0.7 s) ahead of
    the first job, from a background thread, so the first analysis doesn't wait for it.
    Jobs import what they need themselves; this only makes those imports free."""
    import dsp.diagnosis
    import dsp.pipeline
    import dsp.recipes  # noqa: F401

_DB_REQUEST = re.compile(r"(\d+(?:\.\d+)?)\s*db", re.IGNORECASE)
_DRUM_PARTS = ("kick", "snare", "cymbals", "drums")
_VOCAL_PARTS = ("vocal", "backing_vocals")
_SCALE_MORE, _SCALE_LESS = 1.3, 0.7


def _covered(layer: str, roles: set[str]) -> bool:
    if layer == "mix":
        return bool(roles)
    if layer in roles:
        return True
    if layer == "drums":
        return bool(roles & set(_DRUM_PARTS))
    if layer == "instruments":
        return bool(roles - set(_VOCAL_PARTS) - {"mix"})
    return False


class Engine:
    """One chat session. Not thread-safe: call it from the UI thread only."""

    def __init__(self, store: SessionStore, state: SessionState, *,
                 notice: str | None = None) -> None:
        self.store = store
        self.state = state
        self._notice = notice
        self._ids = itertools.count(1)
        self._job: Job | None = None
        self._stems = None
        self._analysis = None
        self._result = None
        self._plan_notes: tuple[str, ...] = ()

    # -- lifecycle -----------------------------------------------------------------------
    @classmethod
    def new(cls, *, sessions_dir: Path | str | None = None, demo: bool = False) -> Engine:
        import time

        store = SessionStore.create(Path(sessions_dir).expanduser() if sessions_dir else None)
        state = SessionState(created=time.strftime("%Y-%m-%d %H:%M:%S"), demo=demo)
        engine = cls(store, state)
        if demo and demo_ready():
            engine._fill_demo_slots()
        engine._save()
        return engine

    @classmethod
    def resume(cls, session: str | Path = "latest", *,
               sessions_dir: Path | str | None = None) -> Engine:
        root = Path(sessions_dir).expanduser() if sessions_dir else None
        store = SessionStore.find(session, root)
        state, problem = store.load()
        engine = cls(store, state, notice=problem)
        if state.phase in ("analysing", "rendering"):
            state.phase = "plan" if state.moves else "listen"
        return engine

    def _save(self) -> None:
        self.store.save(self.state)

    def _say(self, markdown: str, kind: str = "text", role: str = "assistant") -> Reply:
        reply = Reply(role, markdown, kind)
        self.state.history.append(reply.to_dict())
        return reply

    def _turn(self, *replies: Reply, job: Job | None = None) -> Turn:
        self._save()
        return Turn(tuple(replies), job)

    def _new_job(self, kind: str, label: str, work) -> Job:
        job = Job(f"{kind}-{next(self._ids)}", kind, label, work)
        self._job = job
        return job

    # -- what the UI shows ---------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def view(self) -> SessionView:
        s = self.state
        slots = [StemSlot(role, info.get("status", "ok"), info.get("path"), info.get("note", ""))
                 for role, info in s.stems.items()]
        for role in s.needed:
            if role not in s.stems and not _covered(role, set(s.stems)):
                slots.append(StemSlot(role, "missing"))
        summary = None
        if s.summary:
            summary = SummaryCard(
                rows=tuple(SummaryRow(**row) for row in s.summary["rows"]),
                spectrum_hz=tuple(s.summary["spectrum_hz"]),
                spectrum_before_db=tuple(s.summary["before_db"]),
                spectrum_after_db=tuple(s.summary["after_db"]),
                outputs=tuple(s.summary["outputs"]),
            )
        return SessionView(
            session_dir=self.store.folder, stems=tuple(slots), target=s.target, style=s.style,
            plan=tuple(self._plan_lines()), applied_moves=s.applied,
            can_undo=s.applied > 0, can_redo=s.applied < len(s.moves), busy=self.busy,
            summary=summary, history=tuple(Reply.from_dict(r) for r in s.history))

    def _active_moves(self):
        from dsp.moves import Move

        return [Move.from_dict(m) for m in self.state.moves[:self.state.applied]]

    def _plan_lines(self, *, reasons: bool = False) -> list[str]:
        """Numbered active moves: 'vocal: +8.6 dB level', with the why when asked."""
        from dsp.moves import Move

        lines = []
        for i, data in enumerate(self.state.moves[:self.state.applied], 1):
            move = Move.from_dict(data)
            lines.append(f"{i}. {move.describe() if reasons else move.describe().split(' — ')[0]}")
        return lines

    # -- conversation --------------------------------------------------------------------
    def greeting(self) -> Turn:
        if self.state.history:
            replies = [self._say(f"Welcome back. This session lives in "
                                 f"{md_code(str(self.store.folder))}; everything so far "
                                 "is restored. Say `status` for where we are.")]
            if self._notice:
                replies.insert(0, self._say(md_literal(self._notice), "error"))
            return self._turn(*replies)
        if self.state.demo:
            text = ("**Demo song loaded**: drums, bass, keys and a lead vocal, mixed badly on "
                    "purpose. Tell me what you hear — try *the vocal is too low* or *the low "
                    "end is muddy*.")
            job = None
            if not demo_ready():
                text = ("Preparing the **demo song** (drums, bass, keys and a lead vocal, mixed "
                        "badly on purpose)… Meanwhile, tell me what you hear — try *the vocal "
                        "is too low*.")
                job = self._new_job("demo", "Preparing the demo song",
                                    lambda progress, cancel: make_demo())
            return self._turn(self._say(text), job=job)
        return self._turn(self._say(
            "Hi! Tell me what bothers you about your mix, in your own words — *the vocal is "
            "too low*, *the 808 is muddy*, *the whole song is too quiet*. Say `help` for "
            "everything I understand."))

    def handle(self, text: str) -> Turn:
        text = text.strip()
        if not text:
            return Turn()
        self.state.history.append(Reply("user", text).to_dict())
        command = read_command(text)
        if self.busy and (command is None or command.name not in ("cancel", "status", "help")):
            return self._turn(self._say("Still working on the last step — send that again "
                                        "when it's done, or say `cancel`."))
        if command is not None:
            return self._command(command)
        paths = find_paths(text)
        if paths:
            return self._add(paths)
        if self.state.pending:
            answered = self._answer_pending(text)
            if answered is not None:
                return answered
        return self._listen(text)

    def add_files(self, paths: Sequence[Path]) -> Turn:
        return self._add([(None, Path(p)) for p in paths])

    def _listen(self, text: str) -> Turn:
        from intents import understand

        heard = understand(text)
        replies = []
        if heard.corrections:
            fixes = ", ".join(f"“{md_literal(c.typed)}” as *{c.understood}*"
                              for c in heard.corrections)
            replies.append(f"(I read {fixes}.)")
        if heard.kind == "question":
            return self._turn(self._say(answer_question(heard.topic)))
        if heard.intents:
            new = [i for i in heard.intents if not any(
                k["layer"] == i.layer and k["problem"] == i.problem and not k.get("done")
                for k in self.state.intents)]
            for intent in new:
                self.state.intents.append({"layer": intent.layer, "problem": intent.problem,
                                           "severity": intent.severity, "route": intent.route,
                                           "evidence": intent.evidence, "done": False})
                for stem in intent.stems:
                    if stem not in self.state.needed:
                        self.state.needed.append(stem)
            lines = [restate(i.layer, i.problem, i.route, i.evidence) for i in heard.intents]
            replies.append("Here's what I heard:\n\n" + "\n".join(lines))
            if heard.unclear:
                replies.append(self._ask(heard.unclear[0]))
                return self._turn(self._say("\n\n".join(replies)))
            return self._after_complaint(replies, text)
        if heard.unclear:
            replies.append(self._ask(heard.unclear[0]))
            return self._turn(self._say("\n\n".join(replies), "question"))
        replies.append("I didn't catch a mix problem there. Tell me what sounds wrong — e.g. "
                       "*the vocal is buried*, *the kick and bass are fighting*, *it's too "
                       "quiet next to Spotify* — or say `help`.")
        return self._turn(self._say("\n\n".join(replies)))

    def _ask(self, clarification) -> str:
        self.state.pending = {"problem": clarification.problem,
                              "candidates": list(clarification.candidates),
                              "evidence": clarification.evidence}
        options = [LAYER_WORDS.get(c, c) for c in clarification.candidates if c != "mix"]
        word = clarification.problem.replace("_", " ")
        return (f"**{word.capitalize()} where** — {', '.join(options)}, or the whole song? "
                "(If you can name the part, I can fix the part.)")

    def _answer_pending(self, text: str) -> Turn | None:
        from intents import route_for, stem_role, stems_for, understand

        lowered = text.lower()
        layer = "mix" if any(w in lowered for w in ("whole", "everything", "overall",
                                                    "entire", "all of it")) else None
        layer = layer or stem_role(text)
        if layer is None:
            heard = understand(text)
            if heard.intents or heard.kind == "question":
                self.state.pending = None
                return None
            return None
        pending = self.state.pending
        self.state.pending = None
        problem = pending["problem"]
        if layer == "mix":
            problem = {"muddy": "tonal_balance", "harsh": "tonal_balance",
                       "dull": "tonal_balance", "thin": "tonal_balance"}.get(problem, problem)
        self.state.intents.append({"layer": layer, "problem": problem, "severity": "normal",
                                   "route": route_for(layer), "evidence": text, "done": False})
        for stem in stems_for(layer, problem):
            if stem not in self.state.needed:
                self.state.needed.append(stem)
        replies = ["Got it:\n\n" + restate(layer, problem, route_for(layer), text)]
        return self._after_complaint(replies, text)

    def _after_complaint(self, replies: list[str], text: str) -> Turn:
        db = _DB_REQUEST.search(text)
        if db and self.state.analysed:
            return self._explicit_gain(replies, float(db.group(1)))
        missing = self._missing_stems()
        if missing and not self.state.stereo_only:
            replies.append(self._stem_request(missing))
            return self._turn(self._say("\n\n".join(replies), "checklist"))
        return self._start_analysis(replies)

    def _missing_stems(self) -> list[str]:
        have = {r for r, info in self.state.stems.items() if info.get("status") != "error"}
        if self.state.stereo_only and "mix" in have:
            return []
        pending = [i for i in self.state.intents if not i.get("done")]
        named = {i["layer"] for i in pending}
        if have and all(_covered(layer, have - ({"mix"} if layer != "mix" else set()))
                        or (layer == "mix" and have) for layer in named):
            return []
        return [role for role in self.state.needed if not _covered(role, have)]

    def _stem_request(self, missing: list[str]) -> str:
        lines = [f"- [ ] **{LAYER_WORDS.get(r, r)}** (`{r}`)" for r in missing]
        have = [f"- [x] **{LAYER_WORDS.get(r, r)}** — {md_literal(Path(i['path']).name)}"
                for r, i in self.state.stems.items() if i.get("status") != "error"]
        return ("**Stems I need** (the part and what competes with it):\n\n"
                + "\n".join(have + lines)
                + "\n\nType or paste their paths (a folder works too; `vocal=path` names a "
                  "part), or press **ctrl+o** to pick files. Only have the stereo mix? Say "
                  "*I only have the stereo mix*. Say `go` to work with what's there.")

    # -- files ---------------------------------------------------------------------------
    def _fill_demo_slots(self) -> None:
        for role, path in demo_files().items():
            self.state.stems[role] = {"path": str(path), "status": "ok",
                                      "note": "demo stem"}

    def _add(self, found: list[tuple[str | None, Path]]) -> Turn:
        from intents import LAYERS, stem_role

        assigned, unknown = [], []
        for hint, path in found:
            role = None
            if hint:
                role = hint if hint in LAYERS else stem_role(hint)
            role = role or stem_role(path.name)
            if role is None:
                unknown.append(path)
            else:
                assigned.append((role, path))
        replies = []
        if unknown:
            names = ", ".join(f"{md_code(p.name)}" for p in unknown)
            replies.append(f"I couldn't tell which part {names} is. Name it like "
                           f"{md_code('vocal=' + str(unknown[0]))}.")
        if not assigned:
            return self._turn(self._say("\n\n".join(replies), "error"))
        for role, path in assigned:
            self.state.stems[role] = {"path": str(path), "status": "checking", "note": ""}
        self._invalidate()
        names = ", ".join(f"{LAYER_WORDS.get(r, r)} ← {md_code(p.name)}" for r, p in assigned)
        replies.append(f"Checking {names}…")
        job = self._new_job("check", "Checking your files",
                            lambda progress, cancel: _check_files(assigned, progress))
        return self._turn(self._say("\n\n".join(replies)), job=job)

    def _invalidate(self) -> None:
        self._stems = self._analysis = self._result = None
        self.state.analysed = False

    # -- commands ------------------------------------------------------------------------
    def _command(self, command: Command) -> Turn:
        handler = getattr(self, f"_cmd_{command.name}")
        return handler(command.value)

    def _cmd_help(self, _value) -> Turn:
        return self._turn(self._say(HELP))

    def _cmd_status(self, _value) -> Turn:
        s = self.state
        complaints = [restate(i["layer"], i["problem"], i["route"], i["evidence"])
                      for i in s.intents] or ["- nothing yet"]
        stems = [f"- {LAYER_WORDS.get(r, r)}: {i.get('status')} "
                 f"({md_literal(Path(i['path']).name)})" for r, i in s.stems.items()] \
            or ["- none yet"]
        plan = [f"{n}" for n in self._plan_lines()] or ["no moves yet"]
        return self._turn(self._say(
            "**Complaints**\n\n" + "\n".join(complaints) + "\n\n**Stems**\n\n" + "\n".join(stems)
            + f"\n\n**Target** {md_literal(s.target)} · **style** {s.style}\n\n**Plan**\n\n"
            + "\n".join(plan) + f"\n\nSession folder: {md_code(str(self.store.folder))}"))

    def _cmd_reset(self, _value) -> Turn:
        demo = self.state.demo
        self.state = SessionState(created=self.state.created, demo=demo)
        self._invalidate()
        if demo and demo_ready():
            self._fill_demo_slots()
        return self._turn(self._say("Fresh start (same session folder). What sounds wrong?"))

    def _cmd_cancel(self, _value) -> Turn:
        return self.cancel()

    def cancel(self) -> Turn:
        if self._job is None:
            return self._turn(self._say("Nothing is running."))
        self._job.cancel_event.set()
        return self._turn(self._say("Cancelling… nothing will be written."))

    def _cmd_stereo_only(self, _value) -> Turn:
        self.state.stereo_only = True
        text = ("No problem. **What a stereo mix allows**: overall loudness, broad tone, "
                "peak control, and gentle moves in the range a part lives in. **What it "
                "can't do**: turn one part up or down on its own, pull the kick away from the "
                "bass, or remove reverb from one instrument — every move touches everything "
                "in that range.")
        if "mix" not in self.state.stems:
            return self._turn(self._say(text + "\n\nGive me the stereo mix file (path or "
                                               "**ctrl+o**) and I'll do what it honestly "
                                               "allows."))
        return self._start_analysis([text])

    def _cmd_approve(self, _value) -> Turn:
        if self.busy:
            return self._turn(self._say("Still working — one moment (or `cancel`)."))
        if self.state.phase == "plan" and self.state.moves:
            return self._start_render([])
        if self.state.intents and self.state.stems:
            return self._start_analysis([])
        if self.state.stems and not self.state.intents:
            return self._turn(self._say("I have your files. What sounds wrong? (Or say *the "
                                        "whole song is too quiet* to just master it.)"))
        return self._turn(self._say("Tell me what sounds wrong first, then give me the "
                                    "stems."))

    def _rescale(self, factor: float, word: str) -> Turn:
        from dsp.moves import Move

        if not self.state.applied:
            return self._turn(self._say("There's no plan to change yet."))
        active = self.state.moves[:self.state.applied]
        self.state.moves = [Move.from_dict(m).scaled(factor).to_dict() for m in active]
        return self._plan_changed(f"Made every move {word}.")

    def _cmd_more(self, _value) -> Turn:
        return self._rescale(_SCALE_MORE, "stronger (×1.3)")

    def _cmd_less(self, _value) -> Turn:
        return self._rescale(_SCALE_LESS, "gentler (×0.7)")

    def _cmd_skip(self, value) -> Turn:
        active = self.state.moves[:self.state.applied]
        index = None
        if value and value.strip().lstrip("#").isdigit():
            index = int(value.strip().lstrip("#")) - 1
        elif value:
            words = set(value.lower().replace("the", " ").split())
            for i, move in enumerate(active):
                text = f"{move['stem']} {move['op']} {move['reason']}".lower()
                if words and all(w in text or (w == "cut" and move["op"] == "bell")
                                 for w in words):
                    index = i
                    break
        if index is None or not 0 <= index < len(active):
            return self._turn(self._say(f"Which move? Say `skip 1` to `skip {len(active)}` "
                                        "(see `status`)." if active else "No moves to skip."))
        dropped = active.pop(index)
        self.state.moves = active
        self.state.applied = len(active)
        return self._plan_changed(f"Dropped move {index + 1} ({dropped['stem']} "
                                  f"{dropped['op']}).")

    def _cmd_undo(self, _value) -> Turn:
        if self.state.applied == 0:
            return self._turn(self._say("Nothing to undo."))
        self.state.applied -= 1
        move = self.state.moves[self.state.applied]
        return self._replay(f"Undid: {move['stem']} {move['op']}. `redo` brings it back.")

    def _cmd_redo(self, _value) -> Turn:
        if self.state.applied >= len(self.state.moves):
            return self._turn(self._say("Nothing to redo."))
        self.state.applied += 1
        move = self.state.moves[self.state.applied - 1]
        return self._replay(f"Redid: {move['stem']} {move['op']}.")

    def _replay(self, text: str) -> Turn:
        if self.state.phase == "rendered" and self._stems is not None:
            return self._start_render([text])
        if self.state.phase == "rendered":
            return self._start_analysis([text], then_render=True)
        return self._turn(self._say(text + "\n\n" + self._plan_text()))

    def _plan_changed(self, text: str) -> Turn:
        if self.state.phase == "rendered":
            return self._replay(text)
        return self._turn(self._say(text + "\n\n" + self._plan_text(), "plan"))

    def _cmd_target(self, value) -> Turn:
        from dsp.errors import DspError
        from dsp.mastering import resolve_target

        name = target_name(value or "")
        try:
            target = resolve_target(float(name) if _is_number(name) else name)
        except DspError as exc:
            return self._turn(self._say(md_literal(str(exc)), "error"))
        self.state.target = target.name if target.name != "custom" else f"{target.lufs:g}"
        return self._direction(f"Target: **{md_literal(target.label or target.name)}** — "
                               f"{target.lufs:g} LUFS, ceiling {target.ceiling_dbtp:g} dBTP.")

    def _cmd_style(self, value) -> Turn:
        style = style_name(value or "")
        if style is None:
            return self._turn(self._say("Styles: `balanced`, `warm`, `bright`, `punchy`."))
        self.state.style = style
        return self._direction(f"Style: **{style}**.")

    def _cmd_reference(self, value) -> Turn:
        found = find_paths(value or "")
        if not found:
            return self._turn(self._say(f"I can't find {md_code(value or '')} — give the "
                                        "path of a finished track to match.", "error"))
        self.state.reference = str(found[0][1])
        return self._direction(f"Reference: {md_code(found[0][1].name)} — I'll match its "
                               "broad tone (and its loudness unless you set a target).")

    def _direction(self, text: str) -> Turn:
        if self.state.phase == "rendered":
            return self._replay(text)
        return self._turn(self._say(text))

    def _cmd_export(self, value) -> Turn:
        if self._result is None:
            if self.state.phase == "rendered":
                return self._start_analysis(["Re-rendering first…"], then_render=True)
            return self._turn(self._say("Nothing rendered yet — say `go` once the plan looks "
                                        "right."))
        folder = Path(value).expanduser() if value else self.store.folder / "export"
        result = self._result
        inputs = [Path(i["path"]) for i in self.state.stems.values()]
        plan_notes = self._plan_notes

        def work(progress, cancel):
            from dsp.moves import Plan
            from dsp.pipeline import export

            return export(folder, result, plan=Plan(tuple(result.moves), plan_notes),
                          inputs=inputs, progress=progress)

        job = self._new_job("export", "Writing the master and report", work)
        return self._turn(self._say(f"Exporting to {md_code(str(folder))}…"), job=job)

    # -- analysis and rendering ----------------------------------------------------------
    def _selected_paths(self) -> dict[str, Path]:
        stems = {r: Path(i["path"]) for r, i in self.state.stems.items()
                 if i.get("status") != "error"}
        if self.state.stereo_only and "mix" in stems:
            return {"mix": stems["mix"]}
        others = {r: p for r, p in stems.items() if r != "mix"}
        return others or stems

    def _settings(self):
        from dsp.mastering import MasterSettings, resolve_target

        target = self.state.target
        return MasterSettings(resolve_target(float(target) if _is_number(target) else target),
                              self.state.style)

    def _start_analysis(self, replies: list[str], *, then_render: bool = False) -> Turn:
        paths = self._selected_paths()
        if not paths:
            replies.append(self._stem_request(self._missing_stems() or ["mix"]))
            return self._turn(self._say("\n\n".join(replies), "checklist"))
        requests = [(i["layer"], i["problem"], i["severity"]) for i in self.state.intents
                    if not i.get("done")]
        base = self._result.stems if self._result is not None else None
        stems_cache = self._stems
        # the last render measured its stems, and the originals keep their analysis until
        # the files change (_invalidate): a new complaint plans on those, no new pass
        known = (self._result.after if self._result is not None
                 else self._analysis if stems_cache is not None else None)

        def work(progress, cancel):
            from dsp.diagnosis import diagnose
            from dsp.moves import FixRequest
            from dsp.pipeline import load_stems
            from dsp.recipes import plan_fixes
            from dsp.stem_analysis import analyse_session

            stems = stems_cache
            if stems is None:
                stems, _ = load_stems(list(paths.items()),
                                      progress=lambda s, f: progress(s, 0.4 * f))
            progress("analysing", 0.5)
            current = base if base is not None else stems
            analysis = known or analyse_session(current)
            progress("planning", 0.9)
            plan = plan_fixes([FixRequest(*r) for r in requests], analysis)
            return stems, analysis, diagnose(analysis), plan, then_render, base is None

        self.state.phase = "analysing"
        replies.append("Listening to the stems and measuring…")
        job = self._new_job("analyse", "Analysing your stems", work)
        return self._turn(self._say("\n\n".join(replies)), job=job)

    def _start_render(self, replies: list[str]) -> Turn:
        stems, analysis = self._stems, self._analysis
        if stems is None:
            return self._start_analysis(replies, then_render=True)
        moves = self._active_moves()
        settings = self._settings()
        reference_path = self.state.reference
        preview = self.store.folder / "preview"

        def work(progress, cancel):
            from dsp.audio import load_audio
            from dsp.pipeline import render
            from dsp.writing import write_wav

            reference = None
            if reference_path:
                ref = load_audio(reference_path)
                reference = (ref.samples, ref.sample_rate)
            result = render(stems, moves, settings, before=analysis, reference=reference,
                            progress=lambda s, f: progress(s, 0.85 * f), cancel=cancel)
            progress("measuring the master", 0.86)
            result.master_analysis  # noqa: B018 - measured here, off the UI thread
            progress("writing previews", 0.92)
            write_wav(preview / "after.wav", result.master.samples, stems.sample_rate,
                      protect=[Path(p) for p in self._input_paths()])
            before = stems.mixdown()
            gain = 10 ** ((result.master.after.integrated_lufs
                           - result.master.before.integrated_lufs) / 20)
            import numpy as np

            before = np.clip(before * np.float32(gain), -1.0, 1.0)
            write_wav(preview / "before.wav", before, stems.sample_rate)
            return result

        self.state.phase = "rendering"
        replies.append(f"Rendering {len(moves)} move{'s' if len(moves) != 1 else ''} and the "
                       "master… (you can keep typing; `cancel` stops it)")
        job = self._new_job("render", "Rendering the mix and master", work)
        return self._turn(self._say("\n\n".join(replies)), job=job)

    def _input_paths(self) -> list[str]:
        return [i["path"] for i in self.state.stems.values()]

    def _plan_text(self) -> str:
        lines = self._plan_lines(reasons=True)
        if not lines:
            return "No moves in the plan: I'll only master."
        return ("**The plan**\n\n" + "\n".join(lines)
                + "\n\nSay `go` to render · `more` / `less` · `skip N` · or tell me another "
                  "problem.")

    def _explicit_gain(self, replies: list[str], amount: float) -> Turn:
        from dsp.moves import Move

        intent = self.state.intents[-1]
        layer = intent["layer"]
        sign = 1 if intent["problem"] in ("too_quiet", "quiet_master") else -1
        if intent["problem"] not in ("too_quiet", "too_loud"):
            return self._start_analysis(replies)
        intent["done"] = True
        move = Move(layer, "gain", {"gain_db": round(sign * min(amount, 12.0), 1)},
                    f"you asked for {sign * amount:+g} dB", f"{layer}/{intent['problem']}")
        self.state.moves = self.state.moves[:self.state.applied] + [move.to_dict()]
        self.state.applied = len(self.state.moves)
        return self._plan_changed("\n\n".join(replies + [f"Added {sign * amount:+g} dB on the "
                                                         f"{LAYER_WORDS.get(layer, layer)}."]))

    # -- jobs coming back ------------------------------------------------------------------
    def finish(self, job: Job, outcome: object) -> Turn:
        if self._job is job:
            self._job = None
        return getattr(self, f"_finished_{job.kind}")(outcome)

    def fail(self, job: Job, error: BaseException) -> Turn:
        from dsp.errors import Cancelled, DspError

        if self._job is job:
            self._job = None
        if job.kind in ("analyse", "render"):
            self.state.phase = "plan" if self.state.moves else "listen"
        if isinstance(error, Cancelled):
            return self._turn(self._say("Cancelled. Nothing was written; the plan is as it "
                                        "was."))
        if job.kind == "check":
            for info in self.state.stems.values():
                if info.get("status") == "checking":
                    info["status"] = "error"
                    info["note"] = str(error)
        if isinstance(error, DspError):
            return self._turn(self._say(md_literal(str(error)), "error"))
        return self._turn(self._say(f"Something went wrong on my side "
                                    f"({md_literal(type(error).__name__)}: "
                                    f"{md_literal(str(error))}). Your files are untouched; "
                                    "try again, or `reset`.", "error"))

    def _finished_demo(self, _outcome) -> Turn:
        self._fill_demo_slots()
        text = "The demo song is ready: **drums, bass, keys, vocal**."
        if any(not i.get("done") for i in self.state.intents):
            return self._start_analysis([text])
        return self._turn(self._say(text + " What do you hear?"))

    def _finished_check(self, results) -> Turn:
        lines = []
        for role, path, problems, error in results:
            slot = self.state.stems.get(role, {"path": str(path)})
            if error:
                slot.update(status="error", note=error)
                lines.append(f"- ✗ **{LAYER_WORDS.get(role, role)}** "
                             f"{md_code(path.name)}: {md_literal(error)}")
            else:
                slot.update(status="warning" if problems else "ok",
                            note="; ".join(problems))
                detail = "; ".join(md_literal(p) for p in problems) or "looks good"
                lines.append(f"- ✓ **{LAYER_WORDS.get(role, role)}** "
                             f"{md_code(path.name)}: {detail}")
            self.state.stems[role] = slot
        replies = ["\n".join(lines)]
        if self.state.intents and not self._missing_stems():
            return self._start_analysis(replies)
        if self.state.intents:
            replies.append(self._stem_request(self._missing_stems()))
        else:
            replies.append("What sounds wrong in it?")
        return self._turn(self._say("\n\n".join(replies), "checklist"))

    def _finished_analyse(self, outcome) -> Turn:
        stems, analysis, findings, plan, then_render, of_original = outcome
        self._stems = stems
        if of_original or self._analysis is None:
            # renders always start from the original stems, so "before" is their analysis;
            # a later round plans on the current result but keeps that reference
            self._analysis = analysis
        self.state.analysed = True
        for intent in self.state.intents:
            intent["done"] = True
        self.state.moves = self.state.moves[:self.state.applied] + [
            m.to_dict() for m in plan.moves]
        self.state.applied = len(self.state.moves)
        self._plan_notes = tuple(dict.fromkeys((*self._plan_notes, *plan.notes)))
        self.state.notes = list(self._plan_notes)
        self.state.phase = "plan"
        parts = []
        if stems.notices:
            parts.append("**About your files**\n\n" + "\n".join(
                f"- {md_literal(n.message)}" for n in stems.notices))
        heard = [f"- **{m.source.replace('/', ' · ')}**: {m.reason}"
                 for m in {m.source: m for m in reversed(plan.moves)}.values()]
        if heard:
            parts.append("**What I measured**\n\n" + "\n".join(reversed(heard)))
        named = {(i["layer"], i["problem"]) for i in self.state.intents}
        extra = [f for f in findings if (f.layer, f.problem) not in named]
        if extra:
            parts.append("**Also worth a look**\n\n" + "\n".join(
                f"- {LAYER_WORDS.get(f.layer, f.layer)}: {f.evidence}"
                for f in extra[:4]))
        if plan.notes:
            parts.append("\n".join(f"> {n}" for n in plan.notes))
        if then_render:
            return self._start_render(parts)
        parts.append(self._plan_text())
        return self._turn(self._say("\n\n".join(parts), "plan"))

    def _finished_render(self, result) -> Turn:
        self._result = result
        self.state.phase = "rendered"
        from dsp.report import comparison_rows

        rows = comparison_rows(result)
        self.state.summary = {
            "rows": rows,
            "spectrum_hz": [round(float(x), 1) for x in result.before.mix.spectrum_hz],
            "before_db": _normalised(result.before.mix.spectrum_db),
            "after_db": _normalised(result.master_analysis.spectrum_db),
            "outputs": [str(self.store.folder / "preview" / "before.wav"),
                        str(self.store.folder / "preview" / "after.wav")],
        }
        table = ["| | before | after |", "|---|---|---|"] + [
            f"| {r['label']} | {_fmt(r['before'])} {r['unit']} | {_fmt(r['after'])} "
            f"{r['unit']} |" for r in rows]
        warnings = [f"> {w}" for w in result.master.warnings]
        text = ("**Before → after**\n\n" + "\n".join(table) + "\n\n"
                + ("\n".join(warnings) + "\n\n" if warnings else "")
                + f"Previews at matched loudness: {md_code(self.state.summary['outputs'][0])}"
                  f" and {md_code(self.state.summary['outputs'][1])}.\n\n"
                  "Say `export` (or `export ~/some/folder`) for the final files, `undo` to step "
                  "back, or tell me what still bothers you.")
        return self._turn(self._say(text, "summary"))

    def _finished_export(self, exported) -> Turn:
        self.state.outputs = [str(p) for p in exported.paths]
        if self.state.summary:
            self.state.summary["outputs"] = self.state.outputs
        return self._turn(self._say(
            f"**Exported** to {md_code(str(exported.folder))}: master.wav (24-bit), "
            f"master-16bit.wav (dithered), premaster.wav, stems/, report.json and report.md. "
            f"The written master measures **{exported.written_lufs:.1f} LUFS** and "
            f"**{exported.written_true_peak_dbtp:.1f} dBTP**.", "summary"))


def _normalised(db) -> list[float]:
    top = max(float(x) for x in db)
    return [round(float(x) - top, 1) for x in db]


def _fmt(value) -> str:
    return "–" if value is None else f"{value:g}"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True


def _check_files(assigned, progress):
    """Load and check each file: (role, path, [problems], error or None)."""
    from dsp.audio import load_audio
    from dsp.check import check_audio
    from dsp.errors import DspError

    results = []
    for n, (role, path) in enumerate(assigned):
        progress(f"checking {path.name}", n / max(len(assigned), 1))
        try:
            check = check_audio(load_audio(path))
        except DspError as exc:
            results.append((role, path, [], str(exc)))
            continue
        errors = [n.message for n in check.notices if n.level == "error"]
        problems = [n.message for n in check.notices if n.level != "error"]
        if check.sample_rate not in (44100, 48000):
            problems.append(f"{path.name} is {check.sample_rate} Hz — it will be converted to "
                            "match the other stems")
        results.append((role, path, problems, "; ".join(errors) or None))
    progress("checked", 1.0)
    return results

