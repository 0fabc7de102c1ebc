"""Measure, plan, render, export: starting the jobs and taking their outcomes back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dsp.outputs import STEMS_FOLDER
from dsp.wording import removed_outputs, replaced_outputs
from moozix_tui.engine import decide, jobs
from moozix_tui.engine.model import Turn
from moozix_tui.engine.needs import missing_stems
from moozix_tui.engine.present import (
    finding_line,
    layer_names,
    more_hint,
    normalised,
    notes_quote,
    part_word,
    plan_text,
    problem_word,
    say_more,
    stem_request,
    summary_text,
)
from moozix_tui.engine.session import Session
from moozix_tui.engine.sizing import active_notes, in_render, merged_notes, planned
from moozix_tui.engine.wording import md_code, md_literal

__all__ = ["plan_changed", "replay", "start_analysis", "start_export", "start_render"]


def start_analysis(session: Session, replies: list[str], *, then_render: bool = False,
                   diagnose: bool = False) -> Turn:
    from dsp.moves import Move

    state = session.state
    sources = session.selected_sources()
    if not sources:
        pending = [i["layer"] for i in state.intents if not i.get("done")]
        missing = missing_stems(pending, state.needed, set(), stereo_only=False) or ["mix"]
        replies.append(stem_request(missing, state.files))
        return session.reply(replies, "checklist")
    complaints = [] if diagnose else [i for i in state.intents if not i.get("done")]
    result = session.result
    # a new complaint is planned on the audio as the moves made so far leave it: measured
    # by the last render when it made exactly those moves, else measured now
    under = session.active_moves()
    rendered = result is not None and len(under) == len(result.moves) and all(
        in_render(m, result.moves) for m in under)
    known = result.after if rendered else None
    choices = (state.pending or {}).get("choices", [])
    alternatives = [(reading, choice) for choice in choices if "instead_of" in choice
                    for reading in complaints if _same(reading, choice["instead_of"])]
    # and the fixes among those moves stay goals: a later complaint must not undo them
    kept = [] if diagnose else decide.standing(state.intents, under)
    work = jobs.analyse(sources, complaints, alternatives=alternatives, kept=kept,
                        stems=session.stems, before=session.analysis,
                        under=[Move.from_dict(m) for m in under], known=known,
                        then_render=then_render, left_out=session.left_out())
    if not diagnose:  # measuring to answer "what's wrong?" leaves the plan and master as they are
        state.phase = "analysing"
    waiting = [Path(p).name for p in (state.pending or {}).get("unplaced", [])]
    if waiting:
        names = ", ".join(md_code(n) for n in waiting)
        replies.append(f"{names} {'is' if len(waiting) == 1 else 'are'} still waiting for "
                       "a part, so I leave it out of this mix — say which part (e.g. *keys*) "
                       "to add it.")
    what = "the stereo mix" if [r for r, _ in sources] == ["mix"] else "the stems"
    replies.append(f"Listening to {what} and measuring…")
    job = session.new_job("diagnose" if diagnose else "analyse", f"Analysing {what}", work)
    return session.reply(replies, job=job)


def stereo_only(session: Session, replies: list[str]) -> Turn:
    """No stems, only the stereo mix: say plainly what that allows, then work from it."""
    session.state.stereo_only = True
    replies = [*replies, (
        "No problem. **What a stereo mix allows**: overall loudness, broad tone, peak "
        "control, and gentle moves in the range a part lives in. **What it can't do**: turn "
        "one part up or down on its own, pull the kick away from the bass, or remove reverb "
        "from one instrument — every move touches everything in that range.")]
    if "mix" not in session.roles():
        return session.reply([*replies, "Give me the stereo mix file (path or **ctrl+o**) and "
                                        "I'll do what it honestly allows."])
    return start_analysis(session, replies)


def _same(a: dict, b: dict) -> bool:
    return (a["layer"], a["problem"]) == (b["layer"], b["problem"])


def _settled(session: Session, swapped: Sequence[tuple[dict, dict]]) -> None:
    """Readings the measurement swapped for an alternative: the complaint is replaced, and
    the reading the user's words first gave becomes the choice that takes it back."""
    state = session.state
    choices = (state.pending or {}).get("choices", [])
    for reading, taken in swapped:
        state.intents[:] = [taken if i is reading or _same(i, reading) else i
                            for i in state.intents]
        back = {"layer": reading["layer"], "problem": reading["problem"],
                "evidence": reading.get("evidence", ""),
                "instead_of": {"layer": taken["layer"], "problem": taken["problem"]}}
        choices = [back if "instead_of" in c and _same(c, taken) and
                   _same(c["instead_of"], reading) else c for c in choices]
    if swapped and choices:
        state.pending = {**state.pending, "choices": choices}


_MEASURES = {"too_quiet": "level", "too_loud": "level", "quiet_master": "loudness",
             "loud_master": "loudness", "weak": "crest", "over_compressed": "crest",
             "too_dry": "space", "too_much_reverb": "space", "thin": "body", "muddy": "body",
             "dull": "brightness", "harsh": "brightness"}
"""What a problem is judged on. Opposite readings share one measure (too quiet and too loud
are one level, either way; thin and muddy one body; dull and harsh one brightness), so a
finding is never offered beside, or against, a complaint on the same measure."""
_MOVE_MEASURES = {"gain": "level", "transient": "crest"}
"""What a move changes whatever complaint it answers: the drums lifted for 'no punch' is
their level, and their attack restored is their crest factor."""


def _judged(layer: str, problem: str, tone: str = "") -> set[tuple[str, str]]:
    """The (part, measure) pairs a problem of `layer` is judged on. A part's reverb is
    measured on the returns, whose level is the mix's space: 'too much reverb on the snare'
    and the return measured too dry are one measure read two ways. A whole-song tone
    complaint is judged on its tone's measure too (muddy: the body)."""
    measure = _MEASURES.get(problem, problem)
    if measure == "space" or (layer == "fx" and measure == "level"):
        return {("fx", "space")}
    return {(layer, measure)} | ({(layer, _MEASURES.get(tone, tone))} if tone else set())


def finished_analyse(session: Session, outcome: jobs.AnalyseOutcome) -> Turn:
    state = session.state
    fresh = outcome.stems is not session.stems  # loaded now: its notes are news
    session.stems = outcome.stems
    # renders always start from the original stems, so "before" is their analysis
    session.analysis = outcome.before
    state.analysed = True
    state.log_change("moves")
    _settled(session, outcome.swapped)
    for intent in state.intents:
        intent["done"] = True
    plan = outcome.plan
    # moves left out stay measured, as the moves made stay in: a later complaint's plan (or
    # a resumed session's `go`, which measures the files again) adds to them
    state.idle += [m for m in (m.to_dict() for m in plan.idle) if m not in state.idle]
    earlier = state.moves[:state.applied]
    # the moves made before, in the audio this plan was measured on, count in its sizing
    moves, notes = planned(plan.moves, plan.notes, [m["id"] for m in earlier])
    # a move that holds an earlier fix in place against this plan's moves goes with them
    # (handlers' undo): alone it would push the part past where that fix put it
    moves = [{**m, "holds": True} if m.get("source") in plan.held else m for m in moves]
    # and an earlier fix this plan holds in place counts on this plan's moves: it lands
    earlier = [{**m, "sized_with": [*m["sized_with"], *(n["id"] for n in moves)]}
               if "sized" in m and m.get("source") in plan.held else m for m in earlier]
    state.moves = earlier + moves
    state.applied = len(state.moves)
    state.notes = merged_notes(state.notes, notes)
    state.phase = "plan"
    parts = []
    # what each file's own check found was said when the file came in (its note), and
    # the files it left out with it; a session reopened loads its files again, and what
    # the chat said of them before is no news
    said = [f.get("note", "") for f in state.files]
    told = "\n".join(h["markdown"] for h in state.history if h.get("role") == "assistant")
    news = [n.message for n in outcome.stems.notices
            if n.code != "left_out" and not any(n.message in note for note in said)
            and md_literal(n.message) not in told]
    if fresh and news:
        parts.append("**About your files**\n\n" + "\n".join(
            f"- {md_literal(message)}" for message in news))
    named = {key for i in state.intents
             for key in _judged(i["layer"], i["problem"], i.get("tone", ""))}
    # a finding on a measure the plan already answered is no news: the kick named too
    # quiet and measured loud is said in the plan's note, the whole song muddy when the
    # bass was named muddy is the figure the bass cut is sized on
    # nor is a part the plan already moves on that measure: the keys cut for "the bass
    # is muddy", where the keys carry the low mids too, is not "keys — muddy" again
    analysis = session.analysis
    named |= {key for m in state.moves[:state.applied]
              for part in (m["stem"], *analysis.parts_of(m["stem"]))
              for key in _judged(part, _MOVE_MEASURES.get(m["op"])
                                 or m.get("source", "").partition("/")[2])}
    extra = decide.leading_findings(
        [f for f in outcome.findings if not _judged(f.layer, f.problem) & named
         and not (f.layer == "mix" and {m for _, m in _judged(f.layer, f.problem)}
                  & {m for _, m in named})],
        most=4, mild=True)
    aside = ("**Also worth a look**\n\n" + "\n".join(
        f"- {finding_line(f.layer, f.problem, f.evidence, f.also)}" for f in extra)
             if extra else "")
    # the plan's moves follow the earlier ones: `more` takes their numbers as shown
    first, count = len(earlier) + 1, state.applied
    gentle = [first + i for i in plan.gentle]
    parts.append(notes_quote(active_notes(notes, state.moves, state.applied),
                             f"Say {say_more(gentle, count)} if you still hear it." if gentle
                             else ""))
    if plan.limited:
        at_limit = [first + i for i in plan.at_limit]
        parts.append(f"> {more_hint(plan.limited, at_limit, count)}")
    choices = (state.pending or {}).get("choices", [])
    for reading, _ in outcome.swapped:
        number = next((n for n, c in enumerate(choices, 1) if _same(c, reading)), None)
        if number is not None:
            parts.append(f"Say {number} to go back to the first reading of your words: "
                         f"{part_word(reading['layer'])} — "
                         f"{problem_word(reading['problem'])}.")
    if state.replanned_from is not None:
        before = state.replanned_from
        state.replanned_from = None
        parts.append("**I planned again from the full set, as the files are now.** Before: "
                     + ("; ".join(before) or "no moves") + ".")
    if outcome.then_render:
        return start_render(session, [*parts, aside])
    parts.append(plan_text(session.active_moves(), aside))
    return session.reply(parts, "plan")


def finished_diagnose(session: Session, outcome: jobs.AnalyseOutcome) -> Turn:
    """What the measurement finds, worst first, offered as choices."""
    from moozix_tui.engine.dialogue import offer

    session.stems = outcome.stems
    session.analysis = outcome.before
    session.state.analysed = True
    found = decide.leading_findings(outcome.findings, most=4) or list(outcome.findings)[:4]
    if not found:
        return session.reply([
            "I measured every part against typical ranges and nothing stands out: levels, "
            "low mids, brightness, stereo and dynamics all sit where mixes usually do. "
            + ("Tell me what you hear, say *louder* or *quieter* to move the master's "
               "loudness, or *export* for the final files." if session.state.summary else
               "Tell me what you hear — or say *the whole song is too quiet* to master it.")])
    choices = [{"layer": f.layer, "problem": f.problem, "evidence": f.evidence,
                "also": list(f.also), "measured": True} for f in found]
    return session.reply(["**What stands out when I measure it** (furthest from typical "
                          "first):\n\n" + offer(session, choices)], "question")


def start_render(session: Session, replies: list[str]) -> Turn:
    from dsp.moves import Move

    if session.stems is None:
        return start_analysis(session, replies, then_render=True)
    state = session.state
    moves = [Move.from_dict(m) for m in session.active_moves()]
    work = jobs.render(session.stems, session.analysis, moves, session.settings(),
                       reference_path=state.reference,
                       preview_folder=session.store.folder / "preview",
                       protect=session.input_paths(),
                       original=session.result.original if session.result else None,
                       answers=decide.answers(state.intents),
                       idle=[Move.from_dict(m) for m in state.idle])
    state.phase = "rendering"
    what = (f"{len(moves)} move{'s' if len(moves) != 1 else ''} and the master" if moves
            else "the master from your mix as it is, with no moves")
    replies.append(f"Rendering {what}… (you can keep typing; `cancel` stops it)")
    job = session.new_job("render", "Rendering the mix and master", work)
    return session.reply(replies, job=job)


def finished_render(session: Session, outcome: jobs.RenderOutcome) -> Turn:
    from dsp.report import before_is, comparison_rows

    result, previews = outcome.result, outcome.previews
    session.result = result
    state = session.state
    state.phase = "rendered"
    rows = comparison_rows(result, names=layer_names())
    state.summary = {
        "rows": rows,
        "before": before_is(result),
        "spectrum_hz": [round(float(x), 1) for x in result.before.mix.spectrum_hz],
        "before_db": normalised(result.before.mix.spectrum_db),
        "after_db": normalised(result.master_analysis.spectrum_db),
        "outputs": [str(previews.before), str(previews.after)],
        "moves": [m.to_dict() for m in result.moves],
    }
    return session.reply([summary_text(rows, result.master.warnings, previews,
                                       state.summary["before"])], "summary")


def replay(session: Session, text: str) -> Turn:
    """After undo/redo/skip/more/less: render again if a result is on screen, else show the
    plan; either way with the plan's notes as they read for the moves now in it."""
    state = session.state
    replies = [text, notes_quote(session.active_notes())]
    if state.phase == "rendered":
        if session.stems is not None:
            return start_render(session, replies)
        return start_analysis(session, replies, then_render=True)
    return session.reply([*replies, plan_text(session.active_moves())], "plan")


def plan_changed(session: Session, text: str) -> Turn:
    session.state.log_change("moves")
    return replay(session, text)


def start_export(session: Session, folder: Path) -> Turn:
    state = session.state
    if session.result is None:
        if state.phase == "rendered":
            return start_analysis(session, ["The master is not kept between sessions, so I'm "
                                            "rendering it again — say `export` once it's "
                                            "done."], then_render=True)
        if not state.intents:
            return session.reply(["Nothing to export yet: tell me what sounds wrong first "
                                  "(or say *the whole song is too quiet* to just master it)."])
        return session.reply(["Nothing rendered yet — say `go` once the plan looks right."])
    if state.phase != "rendered":  # a complaint or direction since: the master is older
        count = f"{state.applied} move{'s' if state.applied != 1 else ''}"
        return session.reply([f"The master I have was rendered before your latest changes "
                              f"(the plan now has {count}, {state.style} style). Say `go` to "
                              "render them, then `export`."])
    work = jobs.export(folder, session.result, session.active_notes(), session.input_paths())
    job = session.new_job("export", "Writing the master and report", work)
    return session.reply([f"Exporting to {md_code(str(folder))}…"], job=job)


def finished_export(session: Session, exported) -> Turn:
    state = session.state
    state.outputs = [str(p) for p in exported.paths]
    files = ", ".join(md_code(p.name) for p in exported.paths if p.parent == exported.folder)
    return session.reply([
        f"**Exported** to {md_code(str(exported.folder))}: {files}"
        + (f", and every processed stem in {md_code(f'{STEMS_FOLDER}/')}" if exported.stems
           else "")
        + ". The written master measures "
        f"**{exported.written_lufs:.1f} LUFS** and **{exported.written_true_peak_dbtp:.1f} "
        "dBTP**." + (f" I {md_literal(replaced_outputs(exported.folder, exported.replaced))}."
                     if exported.replaced else "")
        + (f" I {md_literal(removed_outputs(exported.folder, exported.removed))}."
           if exported.removed else "")], "summary")

