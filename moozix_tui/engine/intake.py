"""Files coming in: which part each is, checking them, and what changes when they do.

A session holds any number of files, many per part. A file the user gives again under
the same name in the same part replaces the old one (said, and undoable); anything else
is added beside what is there. Nothing is dropped without a word.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from moozix_tui.engine import flow, jobs
from moozix_tui.engine.demo import demo_files
from moozix_tui.engine.model import Turn
from moozix_tui.engine.needs import missing_stems
from moozix_tui.engine.paths import RoleHint
from moozix_tui.engine.present import move_lines, part_word, stem_request
from moozix_tui.engine.session import Session
from moozix_tui.engine.wording import NOT_FOR_MIX, md_code, md_literal

__all__ = ["add", "fill_demo", "finished_check", "place_unplaced", "undo_replacement"]


def fill_demo(session: Session) -> None:
    session.state.files = [{"path": str(path), "role": role, "status": "ok",
                            "note": "demo stem"} for role, path in demo_files().items()]


def _role(hint: str | None, from_name: str | None) -> str | None:
    from intents import LAYERS, stem_role

    if hint:
        named = hint if hint in LAYERS else stem_role(hint)
        if named:
            return named
    return from_name


def add(session: Session, found: list[RoleHint]) -> Turn:
    """Files whose part the name tells join the session; the others are checked first, so
    the question 'which part is it?' is asked only about files that can be used."""
    from intents import not_for_mix, stem_roles

    assigned, unknown = [], []
    given = {str(path) for _, path in found}   # a file left out and given again is asked anew
    session.state.set_aside = [p for p in session.state.set_aside if p not in given]
    aside = [path for hint, path in found if not hint and not_for_mix(path.name)]
    if aside:   # a click or guide track by its name: out of the mix, and said to be
        session.state.set_aside += [str(p) for p in aside]
        found = [(hint, path) for hint, path in found if path not in aside]
        if not found:
            return _next_step(session, [_aside_told(aside)])
    from_names = stem_roles([path.name for _, path in found])   # read together (a project
    for (hint, path), from_name in zip(found, from_names, strict=True):  # name in front)
        # a file already placed keeps its part when given again with a name that tells none
        role = _role(hint, from_name) or next((f["role"] for f in session.state.files
                                               if Path(f["path"]) == path), None)
        (unknown if role is None else assigned).append((role, path))
    replies = [_take(session, assigned)] if assigned else [
        "Checking " + ", ".join(md_code(p.name) for _, p in unknown) + "…"]
    if aside:
        replies.append(_aside_told(aside))
    if unknown:   # beside any choices still open: a file upload does not answer them, and
        open_ = dict(session.state.pending or {})
        earlier = open_.pop("unplaced", [])   # files still waiting from before wait on
        session.state.pending = {**open_,   # the file question, asked last, comes last
                                 "unplaced": [*earlier, *(str(p) for _, p in unknown
                                                          if str(p) not in earlier)]}
    job = session.new_job("check", "Checking your files",
                          lambda progress, cancel: jobs.check_files([*assigned, *unknown],
                                                                    progress))
    return session.reply(replies, job=job)


def _aside_told(paths: list[Path]) -> str:
    names = ", ".join(md_code(p.name) for p in paths)
    return (f"Left {names} out of the mix: {NOT_FOR_MIX}. To mix it, give it again with its "
            f"part, e.g. {md_code(_named_example('keys', paths[0]))}.")


def _named_example(role: str, path: Path) -> str:
    example = str(path)
    return f'{role}="{example}"' if " " in example else f"{role}={example}"


def _ask_part(paths: list[Path]) -> str:
    names = ", ".join(md_code(p.name) for p in paths)
    if len(paths) == 1:
        return (f"I couldn't tell which part {names} is, so it is not in the mix yet. Which "
                "part is it? Say e.g. *keys* or *backing vocals*, or *leave it out* (a click "
                "or guide track).")
    example = _named_example("keys", paths[0])
    return (f"I couldn't tell which part {names} are, so they are not in the mix yet. Which "
            f"part are they? Say e.g. *keys* (for all of them), or name each like "
            f"{md_code(example)}, or *leave them out* (a click or guide track).")


def _take(session: Session, assigned: list[tuple[str, Path]]) -> str:
    """Put the files in the session (status 'checking') and say what happened to each: new
    files one line per part ('- kick ← `Kick In.wav`, `Kick Out.wav`'), a file given again
    or replacing a namesake on its own line."""
    state = session.state
    lines, added = [], {}
    for role, path in assigned:
        same = next((f for f in state.files if Path(f["path"]) == path), None)
        if same is not None:
            same.update(role=role, status="checking", note="")
            lines.append(f"- {part_word(role)} ← {md_code(path.name)} (again: checking it anew)")
            continue
        namesake = next((f for f in state.files if f["role"] == role
                         and Path(f["path"]).name == path.name), None)
        entry = {"path": str(path), "role": role, "status": "checking", "note": ""}
        if namesake is not None:
            state.replaced.append({"old": dict(namesake), "new": str(path)})
            state.log_change("files")
            state.files[state.files.index(namesake)] = entry
            lines.append(f"- {part_word(role)}: {md_code(namesake['path'])} → "
                         f"{md_code(str(path))} (replaced; `undo` puts the old one back)")
        else:
            state.files.append(entry)
            added.setdefault(role, []).append(md_code(path.name))
    lines += [f"- {part_word(role)} ← {', '.join(names)}" for role, names in added.items()]
    _files_changed(session)
    return "Checking:\n\n" + "\n".join(lines)


def _files_changed(session: Session) -> None:
    """The audio changed: measurements go, and a plan made on the old set is made again
    on the new one once the files are checked."""
    state = session.state
    session.forget_audio()
    # a plan with no moves counts too: a lone stem's says to give the other stems
    if state.moves or any(i.get("done") for i in state.intents):
        state.replanned_from = [line.split(". ", 1)[1] for line in
                                move_lines(state.moves[:state.applied])]
        state.moves, state.applied = [], 0
        state.summary = None
        for intent in state.intents:
            intent["done"] = False


def place_unplaced(session: Session, text: str) -> Turn | None:
    """'keys' after 'which part are they?': the waiting files join that part; a part named
    beside what the file is not ('keys, not the click') is the answer, before any words of
    leaving it out. A complaint that names a part ('the kick is boomy') is a complaint, not
    the answer: the files keep waiting."""
    from intents import LAYERS, answered_part, understand
    from moozix_tui.engine.commands import says_leave_out

    said = text.strip().lower().strip(".!")
    paths = session.state.pending["unplaced"]
    if said not in LAYERS and understand(text).intents:
        return None
    role = said if said in LAYERS else answered_part(said)
    if role is None:
        return _set_aside(session, paths) if says_leave_out(text) else None
    _placed(session.state, [])
    return add(session, [(role, Path(p)) for p in paths])


def _set_aside(session: Session, paths: list[str]) -> Turn:
    """'leave it out' after 'which part is it?': the files stay out of the mix, listed."""
    state = session.state
    _placed(state, [])
    state.set_aside += [p for p in paths if p not in state.set_aside]
    names = ", ".join(md_code(Path(p).name) for p in paths)
    told = (f"Left {names} out of the mix; the report lists {'it' if len(paths) == 1 else 'them'}"
            ". Give the file again to say its part.")
    return _next_step(session, [told])


def _placed(state, waiting: list[Path]) -> None:
    """The files still waiting for a part; other open questions stay open."""
    rest = {k: v for k, v in (state.pending or {}).items() if k != "unplaced"}
    if waiting:
        rest["unplaced"] = [str(p) for p in waiting]
    state.pending = rest or None


def undo_replacement(session: Session) -> Turn:
    state = session.state
    swap = state.replaced.pop()
    index = next((i for i, f in enumerate(state.files) if f["path"] == swap["new"]), None)
    if index is None:
        return session.reply(["That file is no longer in the session."])
    state.files[index] = swap["old"]
    _files_changed(session)
    text = (f"Put {md_code(swap['old']['path'])} back in place of "
            f"{md_code(swap['new'])}.")
    return _next_step(session, [text])


def finished_check(session: Session, results: list[jobs.FileResult]) -> Turn:
    state = session.state
    lines, good = [], []
    placed = {Path(f["path"]) for f in state.files}   # named since: 'keys=/…/Audio 7.wav'
    waiting = [Path(p) for p in (state.pending or {}).get("unplaced", [])
               if Path(p) not in placed]
    for res in results:
        if res.role is None:  # its part is unknown: asked only if it can be used
            if res.error and res.path in waiting:
                waiting.remove(res.path)
                lines.append(f"- ✗ {_failed(res)}")
            continue
        slot = next((f for f in state.files if Path(f["path"]) == res.path), None)
        if slot is None:
            continue
        if res.error:
            slot.update(status="error", note=res.error)
            lines.append(f"- ✗ **{part_word(res.role)}** {_failed(res)}")
        else:
            slot.update(status="warning" if res.problems else "ok",
                        note="; ".join(res.problems))
            if res.problems:
                first, *more = res.problems
                lines.append(f"- ⚠ **{part_word(res.role)}** "
                             + "; ".join([_named(res.path.name, first),
                                          *(md_literal(p) for p in more)]))
            else:
                good.append(res)
    lines += _good_files(good, alone=not lines)
    lines += _mix_beside_stems(session, {str(r.path) for r in results if not r.error})
    replies = ["\n".join(lines)] if lines else []
    if "unplaced" in (state.pending or {}):
        _placed(state, waiting)
    if waiting:
        return session.reply([*replies, _ask_part(waiting)], "question")
    return _next_step(session, replies)


def _mix_beside_stems(session: Session, checked: set[str]) -> list[str]:
    """A stereo mix just checked that the render leaves out (the stems are here), said as
    the check ends, as `moozix fix` says it: the panel alone showed it."""
    unused = session.not_rendered()
    mixes = [f["path"] for f in session.state.files
             if f["role"] == "mix" and f["path"] in unused and f["path"] in checked]
    if not mixes:
        return []
    names = ", ".join(md_code(Path(p).name) for p in mixes)
    return [f"- – {names} {'is' if len(mixes) == 1 else 'are'} the whole mix: not in the "
            f"render, the stems are mixed instead (say *I only have the stereo mix* to work "
            f"from {'it' if len(mixes) == 1 else 'them'})"]


def _failed(res: jobs.FileResult) -> str:
    """What is wrong, then that the file is left out (dsp's wording, as the CLI says it)."""
    from dsp.check import left_out

    return _named(res.path.name, left_out(res.error)) + "."


def _named(name: str, message: str) -> str:
    """The file and what is wrong with it, the name said once (the check's own message
    usually starts with it: "notes.wav could not be read as audio …")."""
    if message.startswith(name):
        return md_code(name) + md_literal(message[len(name):])
    return f"{md_code(name)}: {md_literal(message)}"


_LISTED = 3
"""Up to this many files that pass their checks are listed one by one; more are counted
per part (a DAW export of 30 files needs no 30 lines of 'looks good')."""


def _good_files(good: list[jobs.FileResult], alone: bool) -> list[str]:
    if len(good) <= _LISTED:
        return [f"- ✓ **{part_word(r.role)}** {md_code(r.path.name)}: looks good"
                for r in good]
    parts = Counter(part_word(r.role) for r in good)
    counted = ", ".join(f"{part} ×{n}" if n > 1 else part for part, n in parts.items())
    every = "All" if alone else "The other"
    return [f"- ✓ {every} {len(good)} files look good ({counted})"]


def _next_step(session: Session, replies: list[str]) -> Turn:
    state = session.state
    if any(f.get("status") == "checking" for f in state.files):
        return session.reply(replies, "checklist")
    if (state.pending or {}).get("diagnose") and session.selected_sources():
        from moozix_tui.engine.dialogue import diagnose_song

        return diagnose_song(session, replies)
    pending = [i["layer"] for i in state.intents if not i.get("done")]
    missing = missing_stems(pending, state.needed, session.roles(),
                            stereo_only=state.stereo_only)
    if pending and not missing:
        return flow.start_analysis(session, replies)
    if pending:
        replies.append(stem_request(missing, state.files))
    elif "choices" in (state.pending or {}):
        count = len(state.pending["choices"])
        replies.append(f"Your pick from the list above is still open — say a number (1–{count}) "
                       "or describe it in your own words.")
    elif state.phase == "rendered":   # only files that were left out: nothing changed
        replies.append("The master is as it was. Tell me what still bothers you, or say "
                       "`export`.")
    elif state.intents:
        replies.append("The plan is as it was: say `go` to render it, or tell me another "
                       "problem.")
    else:
        replies.append("What sounds wrong in it?")
    return session.reply(replies, "checklist")
