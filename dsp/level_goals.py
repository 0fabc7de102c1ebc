"""The level goals of a plan: each sized level move aims its part at a level against the
rest, and the goals settle together once the plan's other moves are known (a mud cut on the
vocal lowers the vocal too). Earlier fixes kept in a chat are goals as well, holding their
parts where the audio has them, and give way when they would chase the new goals; the notes
say where the parts land, predicted from the spectra or measured on the audio.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from dsp.moves import MEASURED_GAIN_DB, FixRequest, Move, signature
from dsp.predict import level_now, level_shift, move_target, weighted_spectra
from dsp.sized import Counting, Sized, counted_note, level_landing, resized_level
from dsp.stem_analysis import SessionAnalysis
from dsp.wording import listing, signed, the_part

__all__ = ["LevelGoal", "Nudge", "drop_idle_levels", "held_at_limit", "hold_levels",
           "hold_notes", "idle_notes", "measured_landing", "measured_nudges", "nudge_words",
           "settle_levels"]

_LEVEL_PROBLEMS = ("too_quiet", "too_loud")


@dataclass(frozen=True)
class LevelGoal:
    """The level against the rest (`goal_lu`, LU) a gain move aims its part (`layer`: a part
    or one file) at once the plan's other moves have acted; settle_levels resizes `move`."""

    move: Move
    layer: str
    goal_lu: float
    reason: str
    holds: int = 0
    """An earlier fix kept in place (see plan_fixes' `kept`): 1 for a part lifted, which the
    plan's other moves must not take back under `goal_lu`, -1 for a part lowered, not to
    rise over it. Its move only ever counters the other moves, and goes when none is needed."""
    yields: bool = False
    """A hold that would go _HOLD_MAX_DB past its fall (_fall): the goals it conflicts with
    win."""
    conflict: bool = False
    """A move stopped _HOLD_MAX_DB past its own step: the plan's goals can't all stand."""


@dataclass(frozen=True)
class Nudge:
    """A nudge's note, which says how far the part moves against the rest: said as the
    nudge is sized, and again once the plan's moves are measured on the audio (see
    plan_fixes' `measure`)."""

    note: str
    opening: str
    """The note up to what the nudge did (the measurement, where the level sits)."""
    layer: str
    current: float
    step: float
    """The nudge asked, LU: its sign is the way the words asked."""


def hold_levels(kept: Sequence[FixRequest], requests: Sequence[FixRequest],
                 analysis: SessionAnalysis, moves: list[Move], goals: list[LevelGoal],
                 names: Mapping[str, str]) -> None:
    """A goal (and a gain move, sized by settle_levels) for each part an earlier level fix
    moved, to hold it where `analysis` measures it: a bass lifted to -6.0 LU against the
    rest, a vocal lifted after it took the bass back to -8.0. Not for a part this plan's
    own complaints move the level of: the newer words win."""
    asked = {r.layer for r in requests if r.problem in _LEVEL_PROBLEMS}
    place = 0
    for request in kept:
        if request.problem not in _LEVEL_PROBLEMS or request.layer in asked:
            continue
        one_file = request.file in analysis.file_level_vs_rest_lu
        layer = request.file if one_file else request.layer
        stem = request.file if one_file else move_target(analysis, layer)
        current = (analysis.file_level_vs_rest_lu if one_file
                   else analysis.level_vs_rest_lu).get(layer)
        if stem is None or current is None or not np.isfinite(current) \
                or any(goal.layer == layer for goal in goals):
            continue
        up = request.problem == "too_quiet"
        reason = (f"holds {the_part(layer, names)} where your earlier fix put it "
                  f"({signed(current)} LU against the rest)")
        # first among this plan's moves, beside the earlier fix: `undo` takes back the
        # newest move, which is the new complaint's
        moves.insert(place, Move(stem, "gain", {"gain_db": 0.0}, reason, request.source))
        goals.append(LevelGoal(moves[place], layer, current, reason, holds=1 if up else -1))
        place += 1


def hold_notes(analysis: SessionAnalysis, measured: Callable[[str], float] | None,
                goals: Sequence[LevelGoal], moves: Sequence[Move], names: Mapping[str, str],
                counting: Counting, about: dict[str, set[tuple[str, str, str]]]) -> list[str]:
    """What the plan says of each part it holds where an earlier fix left it, and (one
    note) of the parts that yield to this plan's own goals."""
    near = "" if measured else "about "
    notes: list[str] = []

    def say(note: str, about_moves: Sequence[Move], then: str) -> None:
        notes.append(note)
        about.setdefault(note, set()).update(signature(m) for m in about_moves)
        counting[note] = (counted_note(note, then=then), None)

    for goal in goals:
        if not goal.holds or goal.move not in moves:
            continue
        gain = float(goal.move.params["gain_db"])
        the = the_part(goal.layer, names)
        # short: the plan's row says where the part stood and where the other moves take it
        note = (f"Your earlier fix stays: I turned {the} {'up' if gain > 0 else 'down'} "
                f"{abs(gain):.1f} dB to keep it at "
                f"{near}{signed(_landing(analysis, measured, goal.layer, moves))} LU against "
                "the rest.")
        say(note, [goal.move], ", so the part may not land there.")
    torn = [goal for goal in goals if goal.conflict and goal.move in moves]
    if len(torn) > 1:
        lands = listing([f"{the_part(g.layer, names)} near {near}"
                         f"{signed(_landing(analysis, measured, g.layer, moves))}"
                         for g in torn])
        note = (f"The levels asked of {listing([the_part(g.layer, names) for g in torn])} "
                "can't all stand at once: each part moved changes the rest the others are "
                f"measured against. I stopped each move {_HOLD_MAX_DB:g} dB past its own "
                f"step, so {lands} LU against the rest.")
        say(note, [g.move for g in torn], ", so the parts may not land there.")
    yielding = [goal for goal in goals if goal.yields]
    if not yielding:
        return notes
    asking = [g for g in goals if not g.holds and g.move in moves]
    asked = listing([the_part(g.layer, names) for g in asking])
    by = (f"this plan's move on {asked} puts" if len(asking) == 1 else
          f"this plan's moves on {asked} put" if asking else "this plan's other moves put")
    parts = listing([the_part(g.layer, names) for g in yielding])
    one = len(yielding) == 1
    left = listing([signed(g.goal_lu) for g in yielding])
    lands = listing([f"{near}{signed(_landing(analysis, measured, g.layer, moves))}"
                     for g in yielding])
    asks = " or ".join(f'"{"bring up" if g.holds > 0 else "turn down"} '
                       f'{the_part(g.layer, names)}"' for g in yielding)
    it = "it" if one else "them"
    note = (f"{parts[0].upper()}{parts[1:]} {'gives' if one else 'give'} way: {by} {it} at "
            f"{lands} LU against the rest (your earlier fix left {it} at {left} LU); holding "
            f"{it} too would {f'chase {asked}' if asking else 'chase the rest'}, as the "
            f"levels can't all stand at once. Say {asks} if {'it' if one else 'one'} should "
            "win instead.")
    say(note, [g.move for g in asking], ", so the parts may not land there.")
    return notes


_SETTLE_ROUNDS = 3
_HOLD_MIN_DB = 0.3
_HOLD_MAX_DB = 3.0
"""The most a level move goes past its own step to keep up with the plan's other level
moves: a new goal's past its gap, a hold's past the fall the plan's own moves make
(_fall). Past it the goals conflict (a new goal's move stops there, a hold yields): a lead vocal
lifted into its typical range beside drums and bass held near 0 LU against the rest would
leave three parts each near as loud as everything else, and every part lifted to chase it
sinks the ones no complaint named (the demo's keys from -9.5 to -18.2 LU)."""


def settle_levels(analysis: SessionAnalysis, goals: list[LevelGoal], moves: list[Move],
                  measured: SessionAnalysis | None = None) -> tuple[str, ...]:
    """Resize each level move so its part lands on its goal once every other move of the
    plan has acted (a mud cut on the vocal lowers the vocal too; cuts on the other parts
    lower the rest). A few rounds settle level moves that change each other's rest, on
    what the parts' spectra predict; or one round on what the plan's moves `measured` on
    the audio (the part's own gain moves it against the rest by exactly that gain, so the
    rest of its change is the other moves'). A part held where an earlier fix left it
    (hold_levels) that would go more than _HOLD_MAX_DB past its fall yields: its move
    goes, and the other goals settle without it. Returns the stems whose move stops at
    MEASURED_GAIN_DB short of its goal."""
    band_power = weighted_spectra(analysis)
    limited: list[str] = []
    rounds, done = _SETTLE_ROUNDS if measured is None else 1, 0
    while done < rounds:
        yielded, done = sum(g.yields for g in goals), done + 1
        limited = [goals[n].move.stem for n in range(len(goals))
                   if _settle_goal(analysis, goals, n, moves, measured, band_power)]
        if any(g.yields for g in goals):
            _yield_together(goals, moves)
        if measured is None and done == rounds and sum(g.yields for g in goals) > yielded:
            rounds += 1   # settle the others once more without the holds that yielded
    return tuple(limited)


@dataclass(frozen=True)
class _Step:
    """Where one goal's part stands in a round of settle_levels, and what its move needs."""

    current: float
    """The part's level against the rest in the audio the plan starts from."""
    shift: float
    """How far the plan's other moves take it against the rest."""
    gap: float
    """From `current` to the goal."""
    needed: float
    """The gain that lands the part on its goal, stopped _HOLD_MAX_DB past the gap in a
    conflict."""
    conflict: bool


def _settle_goal(analysis: SessionAnalysis, goals: list[LevelGoal], n: int, moves: list[Move],
                 measured: SessionAnalysis | None, band_power: dict[str, np.ndarray]) -> bool:
    """One round for goals[n]: its move resized (in `moves` and the goal) for where the
    plan's other moves take its part; a hold past its fall yields. True for a move that
    stops at MEASURED_GAIN_DB short of its goal (`more` goes past it only)."""
    goal = goals[n]
    index = _place(moves, goal.move)
    step = _step(analysis, goal, [m for i, m in enumerate(moves) if i != index], measured,
                 band_power)
    gain = round(float(np.clip(step.needed, -MEASURED_GAIN_DB, MEASURED_GAIN_DB)), 1)
    gain = gain if gain * (goal.holds or step.gap) > 0 else 0.0
    holds = [g.move for g in goals if g.holds]
    if goal.holds and (goal.yields or abs(gain) > _HOLD_MAX_DB + _fall(
            analysis, goal, [m for m in moves if m not in holds], band_power)):
        goal, gain = replace(goal, yields=True), 0.0
    elif goal.holds and abs(gain) < _HOLD_MIN_DB:
        gain = 0.0   # the part stays within a fraction of a dB of where it was
    reason, sized, held = _settled_reason(goal, step, gain)
    moves[index] = replace(goal.move, params={**goal.move.params, "gain_db": gain},
                           reason=reason, sized=sized)
    goals[n] = replace(goal, move=moves[index], conflict=step.conflict)
    return held and not goal.holds and not step.conflict


def _step(analysis: SessionAnalysis, goal: LevelGoal, others: Sequence[Move],
          measured: SessionAnalysis | None, band_power: dict[str, np.ndarray]) -> _Step:
    """Where the goal's part stands once `others` (the plan's other moves) have acted: as
    `measured` on the audio, less the part's own gain then, or predicted from the spectra."""
    current = level_now(analysis, goal.layer)
    gap = goal.goal_lu - current
    shift = (level_now(measured, goal.layer) - current - float(goal.move.params["gain_db"])
             if measured is not None else level_shift(analysis, goal.layer, others, band_power))
    needed = gap - shift
    # chasing the rest the plan's other level moves raise: past a few dB the goals
    # conflict, and a move that kept on would only sink the parts no one named
    conflict = not goal.holds and needed * gap > 0 and abs(needed) - abs(gap) > _HOLD_MAX_DB
    if conflict:
        needed = float(np.sign(gap)) * (abs(gap) + _HOLD_MAX_DB)
    return _Step(current, shift, gap, needed, conflict)


def _settled_reason(goal: LevelGoal, step: _Step, gain: float) -> tuple[str, Sized, bool]:
    """A settled level move's reason and sizing, and whether MEASURED_GAIN_DB held it."""
    held, lands = held_at_limit(step.needed, gain, step.current + step.shift + gain)
    limited = bool(held)
    if step.conflict and not held:
        held = (f"; held there, {_HOLD_MAX_DB:g} dB past its own step: the plan's "
                "level goals can't all stand at once")
        lands = f", so it lands near {signed(step.current + step.shift + gain)} LU"
    if goal.holds:
        return (f"{goal.reason}: the plan's other moves would take it to "
                f"{signed(step.current + step.shift)} LU{held}{lands}", level_landing(), limited)
    if abs(step.needed - step.gap) >= 0.3:
        clause, sized = resized_level(abs(step.needed - step.gap),
                                      abs(step.needed) > abs(step.gap), held, lands)
        return goal.reason + clause, sized, limited
    return goal.reason + held + lands, level_landing(), limited


def _yield_together(goals: list[LevelGoal], moves: list[Move]) -> None:
    """Holds that chase the goals give way together: one kept where another yielded would
    have sunk it further (the demo's bass held and its drums at -6.9 LU against the
    rest)."""
    for n, goal in enumerate(goals):
        if goal.holds and not goal.yields:
            index = _place(moves, goal.move)
            moves[index] = replace(goal.move, params={**goal.move.params, "gain_db": 0.0})
            goals[n] = replace(goal, move=moves[index], yields=True)


def _place(moves: Sequence[Move], move: Move) -> int:
    return next(i for i, m in enumerate(moves) if m is move)


def _fall(analysis: SessionAnalysis, goal: LevelGoal, own: Sequence[Move],
          band_power: dict[str, np.ndarray]) -> float:
    """How far the plan's own moves (`own`: not its holds) take a held part back the way
    its earlier fix moved it, in LU, as the parts' spectra predict: what its hold has to
    make up before any chase."""
    return max(0.0, -goal.holds * level_shift(analysis, goal.layer, own, band_power))


def nudge_words(opening: str, nudge: float, step: float) -> str:
    """The nudge note: the move `nudge` made (its sign the way asked), and the `step` its
    part takes against the rest, which the plan's other moves can turn the other way."""
    if step * nudge > 0:
        return f"{opening}I made a nudge of {abs(step):.1f} LU against the rest."
    if round(step, 1) == 0:
        return (f"{opening}I made a nudge, but with the plan's other moves the part stays "
                "where it was against the rest.")
    return (f"{opening}I made a nudge, but with the plan's other moves the part still ends "
            f"{abs(step):.1f} LU {'lower' if nudge > 0 else 'higher'} against the rest.")


def held_at_limit(needed: float, gain: float, lands: float) -> tuple[str, str]:
    """The end of a level move's reason when it needs more than one measured move makes:
    what holds it, and where that leaves the part."""
    if not gain or abs(needed) <= MEASURED_GAIN_DB:
        return "", ""
    return (f"; held at {MEASURED_GAIN_DB:g} dB, the limit of one measured move",
            f", so it lands near {signed(lands)} LU")


def drop_idle_levels(goals: list[LevelGoal], moves: list[Move]) -> list[LevelGoal]:
    """A part (or a return's file) the other moves already bring to its goal loses its own
    move. Returns the goals whose move was taken out."""
    idle = [goal for goal in goals if goal.move.params["gain_db"] == 0.0]
    for goal in idle:
        moves.remove(goal.move)
    return idle


def _landing(analysis: SessionAnalysis, measured: Callable[[str], float] | None, layer: str,
             moves: Sequence[Move]) -> float:
    """Where a part (or one file) stands against the rest once `moves` have acted: as the
    audio they make measures (`measured`, see measured_landing), else predicted from the
    parts' spectra."""
    if measured is not None:
        return measured(layer)
    band_power = weighted_spectra(analysis)
    return level_now(analysis, layer) + level_shift(analysis, layer, moves, band_power)


def measured_landing(measured: SessionAnalysis, gains_then: Mapping[str, float],
                      goals: Sequence[LevelGoal]) -> Callable[[str], float]:
    """Where each part lands, from the plan's moves as `measured` on the audio when each
    goal's move had the gain `gains_then` gives it: a part's own gain since moves it
    against the rest by exactly the change (the others' changes since, a fraction of a dB
    each, move its rest a fraction of that), so one pass over the audio serves."""
    now = {goal.layer: float(goal.move.params["gain_db"]) for goal in goals}
    return lambda layer: (level_now(measured, layer) + now.get(layer, 0.0)
                          - gains_then.get(layer, 0.0))


def idle_notes(analysis: SessionAnalysis, measured: Callable[[str], float] | None,
                idle: Sequence[LevelGoal], moves: Sequence[Move], names: Mapping[str, str],
                counting: Counting) -> list[str]:
    """What the plan says of each move it took out: where the other moves bring its part."""
    notes = []
    for goal in idle:
        landing = _landing(analysis, measured, goal.layer, moves)
        which = "that part" if goal.layer in analysis.level_vs_rest_lu else goal.layer
        note = (f"The plan's other moves bring {the_part(goal.layer, names)} to about "
                f"{signed(landing)} LU against the rest on their own, so {which} gets "
                "no level move of its own.")
        notes.append(note)
        then = ", so the part" if which == "that part" else f", so {which}"
        counting[note] = (counted_note(note, then=then + " may not land there."), None)
    return notes


def measured_nudges(nudges: Sequence[Nudge], measured: Callable[[str], float],
                     notes: list[str], about: dict[str, set], counting: Counting) -> None:
    """Each nudge's note says the step its part takes against the rest as the plan's moves,
    applied to the audio, measure (the figure the report will show after the render)."""
    for nudge in nudges:
        said = nudge_words(nudge.opening, nudge.step, measured(nudge.layer) - nudge.current)
        if said == nudge.note or nudge.note not in notes:
            continue
        notes[notes.index(nudge.note)] = said
        if nudge.note in about:
            about[said] = about.pop(nudge.note)
        if nudge.note in counting:
            counting.pop(nudge.note)
            counting[said] = (counted_note(said, then=", so the part may not land there."),
                              None)

