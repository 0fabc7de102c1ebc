"""The chat's commands (help, go, undo, export, target…), one function each, dispatched
from COMMANDS. Each takes the session and the command's value and returns a Turn."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from moozix_tui.engine import dialogue, flow, intake
from moozix_tui.engine.commands import style_name, target_name
from moozix_tui.engine.demo import demo_ready
from moozix_tui.engine.model import Turn
from moozix_tui.engine.paths import parse_path
from moozix_tui.engine.plan_edits import SCALE_LESS, SCALE_MORE, find_move, rescaled
from moozix_tui.engine.present import layer_names, status_text
from moozix_tui.engine.session import Session, is_number
from moozix_tui.engine.store import SessionState
from moozix_tui.engine.wording import HELP, md_code, md_literal

__all__ = ["COMMANDS", "default_export_folder"]


def _help(session: Session, _value) -> Turn:
    return session.reply([HELP])


def _status(session: Session, _value) -> Turn:
    state = session.state
    return session.reply([status_text(state, session.active_moves(), session.active_notes(),
                                      session.store.folder, session.target_words(),
                                      session.rendered_moves())])


def _reset(session: Session, _value) -> Turn:
    session.state = SessionState(created=session.state.created, demo=session.state.demo)
    session.forget_audio()
    if session.state.demo and demo_ready():
        intake.fill_demo(session)
    return session.reply(["Fresh start (same session folder). What sounds wrong?"])


def _cancel(session: Session, _value) -> Turn:
    if session.job is None:
        return session.reply(["Nothing is running."])
    session.job.cancel_event.set()
    return session.reply(["Cancelling… nothing will be written."])


def _stereo_only(session: Session, _value) -> Turn:
    return flow.stereo_only(session, [])


def _approve(session: Session, _value) -> Turn:
    state = session.state
    asked = dialogue.ask_again(session)
    if asked is not None:
        return asked
    if state.phase == "plan" and state.moves:
        return flow.start_render(session, [])
    if state.intents and session.selected_sources():
        if state.analysed and not any(not i.get("done") for i in state.intents):
            return flow.start_render(session, [])
        return flow.start_analysis(session, [])
    if state.files and not state.intents:
        return session.reply(["I have your files. What sounds wrong? (Or say *the whole song "
                              "is too quiet* to just master it.)"])
    if state.intents:
        return session.reply(["I have no audio yet. Type or paste the stems' paths (a folder "
                              "works too), press **ctrl+o** to pick files, or say *I only "
                              "have the stereo mix* and give me that file."])
    return session.reply(["Tell me what sounds wrong first, then give me the stems."])


def _rescale(session: Session, command: str, factor: float, word: str,
             value: str | None) -> Turn:
    """Every move stronger or gentler, or with `value` ('2 3') only those moves."""
    from dsp.moves import Move

    state = session.state
    active = state.moves[:state.applied]
    if not active:
        return session.reply(["There's no plan to change yet."])
    if value is None:
        state.remember_plan(f"made every move {word}")
        state.moves = rescaled(active, factor)
        return flow.replay(session, f"Made every move {word}.")
    numbers = sorted({int(n) for n in value.split()})
    if not all(1 <= n <= len(active) for n in numbers):
        return session.reply([_which_move(command, len(active))])
    moves = [rescaled([m], factor)[0] if n in numbers else m
             for n, m in enumerate(active, 1)]
    said = "; ".join(f"move {n} ({Move.from_dict(moves[n - 1]).action(layer_names())})"
                     for n in numbers)
    state.remember_plan(f"made {said} {word}")
    state.moves = moves
    rest = " The others stay as they were." if len(numbers) < len(active) else ""
    return flow.replay(session, f"Made {said} {word}.{rest}")


def _which_move(command: str, count: int) -> str:
    """What `skip`, `more` or `less` take, said to a number not in a plan of `count` moves."""
    which = f"`{command} 1`" + (f" to `{command} {count}`" if count > 1 else "")
    every = f", or `{command}` for every move" if command != "skip" else ""
    return (f"Which move? The plan has {count} move{'s' if count > 1 else ''}: say {which}"
            f"{every} (see `status`).")


def _more(session: Session, value) -> Turn:
    return _rescale(session, "more", SCALE_MORE, f"stronger (×{SCALE_MORE:g})", value)


def _less(session: Session, value) -> Turn:
    return _rescale(session, "less", SCALE_LESS, f"gentler (×{SCALE_LESS:g})", value)


def _skip(session: Session, value) -> Turn:
    from dsp.moves import Move

    state = session.state
    active = state.moves[:state.applied]
    index = find_move(active, value)
    if index is None:
        if not active:
            return session.reply(["No moves to skip."])
        return session.reply([_which_move("skip", len(active))])
    start = _holds_before(active, index)
    said = (f"dropped move {index + 1} ({Move.from_dict(active[index]).action(layer_names())})"
            f"{_holds_said(active[start:index])}")
    state.remember_plan(said)
    del active[start:index + 1]
    state.moves, state.applied = active, len(active)
    return flow.replay(session, f"{said[0].upper()}{said[1:]}.")


def _undo(session: Session, _value) -> Turn:
    from dsp.moves import Move

    state = session.state
    newest = state.undo_log.pop() if state.undo_log else "moves"
    if newest == "files" and state.replaced:
        return intake.undo_replacement(session)
    if newest == "direction" and state.directions:
        state.restore_direction()
        return _direction(session, f"Back to {_direction_words(session)}.")
    if newest == "plan" and state.plans:
        kept = state.plans.pop()
        state.undone.append({"kind": "plan", "moves": state.moves, "applied": state.applied,
                             "said": kept["said"]})
        state.moves, state.applied = kept["moves"], kept["applied"]
        return flow.replay(session, f"Undid: {kept['said']}. `redo` brings it back.")
    if state.applied == 0:
        return session.reply(["Nothing to undo."])
    last = state.applied - 1
    state.applied = _holds_before(state.moves, last)
    count = last + 1 - state.applied
    state.undone.append({"kind": "moves", "count": count})
    move = Move.from_dict(state.moves[state.applied + count - 1])
    holds = _holds_said(state.moves[state.applied:state.applied + count - 1])
    return flow.replay(session, f"Undid: {move.action(layer_names())}{holds}. `redo` brings "
                                f"{'them' if holds else 'it'} back.")


def _holds_before(moves: list[dict], index: int) -> int:
    """Where the move at `index` starts with the holds planned right before it (first among
    its plan's moves): taken back (`undo`) or dropped (`skip`), it takes them along, as they
    hold an earlier fix against nothing now and alone push its part past where that fix
    put it."""
    while index and moves[index - 1].get("holds"):
        index -= 1
    return index


def _holds_said(holds: list[dict]) -> str:
    """', and the move that held an earlier fix in place against it (Turn the lead vocal
    up 0.4 dB)'; '' for none."""
    from dsp.moves import Move

    if not holds:
        return ""
    actions = "; ".join(Move.from_dict(m).action(layer_names()) for m in holds)
    return (f", and the move{'s' if len(holds) > 1 else ''} that held an earlier fix in "
            f"place against it ({actions})")


def _redo(session: Session, _value) -> Turn:
    from dsp.moves import Move

    state = session.state
    last = state.undone.pop() if state.undone else {"kind": "moves"}
    if last["kind"] == "plan":
        state.plans.append({"moves": state.moves, "applied": state.applied,
                            "said": last["said"]})
        state.undo_log.append("plan")
        state.moves, state.applied = last["moves"], last["applied"]
        return flow.replay(session, f"Redid: {last['said']}.")
    if state.applied >= len(state.moves):
        return session.reply(["Nothing to redo."])
    count = min(last.get("count", 1), len(state.moves) - state.applied)
    state.applied += count
    state.undo_log.append("moves")
    move = Move.from_dict(state.moves[state.applied - 1])
    holds = _holds_said(state.moves[state.applied - count:state.applied - 1])
    return flow.replay(session, f"Redid: {move.action(layer_names())}{holds}.")


def _direction_words(session: Session) -> str:
    state = session.state
    words = (f"target **{md_literal(session.target_words(label=True))}**, "
             f"style **{state.style}**")
    if state.reference:
        words += f", reference {md_code(Path(state.reference).name)}"
    return words


def _direction(session: Session, text: str) -> Turn:
    if session.state.phase == "rendered":
        return flow.replay(session, text)
    return session.reply([text])


def _target(session: Session, value) -> Turn:
    from dsp.errors import DspError
    from dsp.targets import resolve_target

    name = target_name(value or "")
    try:
        target = resolve_target(float(name) if is_number(name) else name)
    except DspError as exc:
        return session.reply([md_literal(str(exc))], "error")
    session.state.remember_direction()
    session.state.target = target.name if target.name != "custom" else f"{target.lufs:g}"
    return _direction(session, f"Target: **{md_literal(session.target_words(label=True))}**, "
                               f"ceiling {target.ceiling_dbtp:g} dBTP.")


def _style(session: Session, value) -> Turn:
    style = style_name(value or "")
    if style is None:
        return session.reply(["Styles: `balanced`, `warm`, `bright`, `punchy`."])
    from dsp.mastering import style_tone_moves

    session.state.remember_direction()
    session.state.style = style
    tone = style_tone_moves(style)
    does = ("the master's tone: " + ", ".join(tone)) if tone else "no tone shaping on the master"
    return _direction(session, f"Style: **{style}** — {does}.")


def _reference(session: Session, value) -> Turn:
    path = parse_path(value or "")
    if path is None or not path.is_file():
        return session.reply([f"I can't find {md_code(value or '')} — give the path of a "
                              "finished track to match."], "error")
    session.state.remember_direction()
    session.state.reference = str(path)
    # the chat's loudness is the target's, a reference or not (moozix master --reference
    # with no --target takes the reference's; here a target is always set)
    return _direction(session, f"Reference: {md_code(path.name)} — I'll match its broad tone. "
                               "The loudness stays on the target, "
                               f"**{md_literal(session.target_words(label=True))}**: say "
                               "`target` and a LUFS figure to change it.")


def default_export_folder(session: Session) -> Path:
    """Where `export` with no folder writes: <session> under $MOOZIX_EXPORT_DIR if set;
    else under $MOOZIX_HOME/exports, beside the sessions and cache a set MOOZIX_HOME holds
    (a test or a second setup must not write into the user's own music); else where a
    musician looks, ~/Music/Moozix."""
    if root := os.environ.get("MOOZIX_EXPORT_DIR"):
        base = Path(root).expanduser()
    elif home := os.environ.get("MOOZIX_HOME"):
        base = Path(home).expanduser() / "exports"
    else:
        base = Path.home() / "Music" / "Moozix"
    return base / session.store.folder.name


def _export(session: Session, value) -> Turn:
    folder = parse_path(value) if value else default_export_folder(session)
    if folder is None:
        return session.reply([f"I can't use {md_code(value)} as a folder — give a path like "
                              f"{md_code('~/Music/my song')}."], "error")
    return flow.start_export(session, folder)


COMMANDS: dict[str, Callable[[Session, str | None], Turn]] = {
    "help": _help, "status": _status, "reset": _reset, "cancel": _cancel,
    "stereo_only": _stereo_only, "approve": _approve, "more": _more, "less": _less,
    "skip": _skip, "undo": _undo, "redo": _redo, "target": _target, "style": _style,
    "reference": _reference, "export": _export,
}
