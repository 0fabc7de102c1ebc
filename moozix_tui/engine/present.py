"""What the assistant writes: plans, stem checklists, summaries, status. Pure text.

Numbers are shown as measured; user text and file names go through md_literal/md_code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from dsp import wording
from dsp.wording import against_its_fix, change, figure, listing, number, row_change
from moozix_tui.engine.sizing import in_render
from moozix_tui.engine.wording import PROBLEM_WORDS, md_code, md_literal

__all__ = ["change", "figure", "finding_line", "group_files", "layer_names", "limit_note",
           "more_hint", "more_words", "move_lines", "normalised", "notes_quote", "number",
           "part_word", "parts_word", "plan_text", "problem_word", "restate", "say_more",
           "stem_request", "status_text", "summary_text", "the_part"]

MASTER_ONLY = "Say `go` to master the mix as it is, or tell me another problem."


def normalised(db: Iterable[float]) -> list[float]:
    values = [float(x) for x in db]
    top = max(values)
    return [round(x - top, 1) + 0.0 for x in values]


def part_word(role: str) -> str:
    """A layer's name for people, from the taxonomy's data (intents' layers.toml); any other
    stem (one file's name) as it is."""
    return wording.part_name(role, layer_names())


def problem_word(problem: str) -> str:
    return PROBLEM_WORDS.get(problem, problem.replace("_", " "))


def parts_word(layer: str, also: Sequence[str] = ()) -> str:
    """A finding's or complaint's parts: 'keys, lead vocal, bass and drums'."""
    return listing([part_word(role) for role in (layer, *also)])


def the_part(role: str) -> str:
    """The part's words after "the": "the lead vocal", "the music under the vocal" (whose
    words hold their own article)."""
    return wording.the_part(role, layer_names())


def layer_names() -> Mapping[str, str]:
    """Each layer's name for people, for what dsp words (Move.action, the plan's reasons and
    notes, the findings' evidence, the report)."""
    from intents import LAYER_NAMES

    return LAYER_NAMES


def finding_line(layer: str, problem: str, evidence: str = "",
                 also: Sequence[str] = ()) -> str:
    """A measured finding: the parts, what is wrong with them, then the numbers."""
    what = problem_word(problem)
    return (f"**{parts_word(layer, also)}** — {what}"
            + (f" ({md_literal(evidence)})" if evidence else ""))


def restate(item: dict, *, quoted: bool = True) -> str:
    """One complaint as the chat says it back: part, problem, why that route, and (when
    `quoted`) the words or the measurement it came from."""
    part = parts_word(item["layer"], item.get("also", ()))
    what = problem_word(item["problem"])
    if item.get("tone"):
        what = f"{PROBLEM_WORDS[item['tone']]} overall"
    if item["route"] == "master":
        why = "mastering: a whole-song problem, the stereo mix is enough"
    elif item.get("measured"):
        why = ("mixing: the measurement points to " + ("these parts, each fixed on its own "
               "stem" if item.get("also") else "this part, and it is fixed on its own stem"))
    else:
        why = "mixing, best on its own stem"
    source = f" (“{md_literal(item['evidence'])}”)" if quoted else ""
    return f"- **{part}** — {what} · *{why}*{source}"


def move_lines(moves: Sequence[dict], *, reasons: bool = False) -> list[str]:
    """Numbered moves in plain words: '1. Turn the vocal up 8.6 dB', with the why if asked."""
    from dsp.moves import Move

    lines = []
    for i, data in enumerate(moves, 1):
        move, names = Move.from_dict(data), layer_names()
        lines.append(f"{i}. {move.describe(names) if reasons else move.action(names)}")
    return lines


def _stopped(limited: Sequence[str]) -> tuple[str, str]:
    """'the level move on the lead vocal stops at 12 dB, …', and the pronoun for the moves."""
    from dsp.moves import MEASURED_GAIN_DB

    one = len(limited) == 1
    return (f"the level move{'' if one else 's'} on {listing(map(the_part, limited))} "
            f"stop{'s' if one else ''} at {MEASURED_GAIN_DB:g} dB, the most one measured move "
            "makes", "it" if one else "them")


def more_words(numbers: Sequence[int], count: int) -> str:
    """The words that make these moves (numbered as the plan shows them) stronger, in a plan
    of `count` moves: '`more 2`', '`more 2 3`', or '`more`' when they are every move."""
    every = sorted(set(numbers)) == list(range(1, count + 1))
    return "`more`" if every else f"`more {' '.join(map(str, sorted(set(numbers))))}`"


def say_more(numbers: Sequence[int], count: int) -> str:
    """The one way the chat offers `more`, with exactly what it does: '`more 2` (move 2
    ×1.3, the other moves as they are)'; bare `more` makes every move of the plan stronger."""
    from moozix_tui.engine.plan_edits import SCALE_MORE

    chosen = sorted(set(numbers))
    words = more_words(chosen, count)
    if words == "`more`":
        return f"{words} (×{SCALE_MORE:g}{', every move' if count > 1 else ''})"
    which = (f"move {chosen[0]}" if len(chosen) == 1
             else f"moves {listing(map(str, chosen))}")
    return f"{words} ({which} ×{SCALE_MORE:g}, the other moves as they are)"


def more_hint(limited: Sequence[str], numbers: Sequence[int], count: int) -> str:
    """The chat's word on level moves held at the limit of one measured move
    (dsp.moves.MEASURED_GAIN_DB), `numbers` theirs in a plan of `count` moves: `more` on
    them takes them on, up to MOST_GAIN_DB; '' for none."""
    from dsp.moves import MOST_GAIN_DB

    if not limited:
        return ""
    stopped, them = _stopped(limited)
    return (f"{stopped[0].upper()}{stopped[1:]}; say {say_more(numbers, count)} to take "
            f"{them} on, up to {MOST_GAIN_DB['gain']:g} dB.")


def limit_note(limited: Sequence[str], numbers: Sequence[int], count: int) -> str:
    """`moozix fix` takes no `more`, and a stronger --say sizes a level move to the same
    limit: where the moves stop and what does go further; '' when none stops. `numbers`:
    the moves' numbers in the plan, as the chat shows the same plan."""
    from dsp.moves import MOST_GAIN_DB

    if not limited:
        return ""
    stopped, them = _stopped(limited)
    return (f"{stopped}, and saying it more strongly in --say won't pass that; in the chat "
            f"(moozix), {more_words(numbers, count)} takes {them} up to "
            f"{MOST_GAIN_DB['gain']:g} dB, or raise the part in your session and export it "
            "again")


def notes_quote(notes: Sequence[str], tail: str = "") -> str:
    """The plan's notes as one quote, a paragraph each (never run into one sentence);
    `tail` (markdown) ends the last one. '' for no notes."""
    quoted = [f"> {md_literal(n)}" for n in notes]
    if quoted and tail:
        quoted[-1] += f" {tail}"
    return "\n>\n".join(quoted)


def plan_text(moves: Sequence[dict], aside: str = "") -> str:
    """The plan, then `aside` (what else the measurement found), then what to say next."""
    lines = move_lines(moves, reasons=True)
    plan = ("**The plan**\n\n" + "\n".join(lines) if lines
            else "No moves in the plan: I'll only master.")
    return "\n\n".join(p for p in (plan, aside, next_steps(len(lines))) if p)


def next_steps(count: int) -> str:
    """What to say under a plan of `count` moves."""
    if not count:
        return MASTER_ONLY
    edits = ("`more` / `less`" if count == 1 else
             "`more` / `less` (every move) · `more N` / `less N` (move N alone)")
    return f"Say `go` to render · {edits} · `skip N` · or tell me another problem."


def group_files(files: Sequence[dict]) -> dict[str, list[dict]]:
    """Files by part, in the order the parts first appeared."""
    groups: dict[str, list[dict]] = {}
    for info in files:
        groups.setdefault(info["role"], []).append(info)
    return groups


def stem_request(missing: Sequence[str], files: Sequence[dict]) -> str:
    have = [f"- ✓ **{part_word(role)}** — "
            + ", ".join(md_literal(Path(i["path"]).name) for i in infos)
            for role, infos in group_files([f for f in files
                                            if f.get("status") != "error"]).items()]
    # the part's name for `name=path`, where it isn't the word already shown ("bass (bass)")
    lines = [f"- ○ **{part_word(r)}**" + (f" (`{r}`)" if part_word(r) != r else "")
             for r in missing]
    return ("**Stems I need** (the part and what competes with it):\n\n"
            + "\n".join(have + lines)
            + "\n\nType or paste their paths (a folder works too; `vocal=path` names a "
              "part), or press **ctrl+o** to pick files. Only have the stereo mix? Say "
              "*I only have the stereo mix*."
            + (" Say `go` to work with what's there." if have else ""))


def summary_text(rows: Sequence[dict], warnings: Sequence[str], previews,
                 before: str) -> str:
    """The render in a few sentences; the card beside the chat holds every row. The sentence
    leads with every complaint's figure of record (dsp.report.complaint_rows: the rows that
    carry a 'typical' entry, None where the figure has no typical range, as an overlap).
    `before`: what the "before" figures measure (dsp.report.before_is)."""
    by_label = {r["label"]: r for r in rows}
    lead = [r for r in rows if "typical" in r] or rows[:2]
    shown = [*lead, *(by_label[k] for k in ("loudness", "true peak") if k in by_label)]
    figures = " · ".join(f"{md_literal(r['label'])} {row_change(r)}"
                         for r in dict((r["label"], r) for r in shown).values())
    parts = [f"**Before → after** (before: {before}; after: the master): "
             + figures + ". Every figure is in the card below (**F2** folds it)."]
    # not bare `more`: it makes every move stronger, the ones that outweighed this one too
    parts += [f"> {md_literal(said)} If you still hear it, say so again, more strongly "
              "(*still way too …*): that adds to this fix alone."
              for said in map(against_its_fix, lead) if said]
    parts += [f"> {md_literal(w)}" for w in warnings]
    if previews is not None:
        parts.append(
            f"Previews at matched loudness ({number(previews.before_written.integrated_lufs)} and "
            f"{number(previews.after_written.integrated_lufs)} LUFS as written, true peaks "
            f"{number(previews.before_written.precise_peak_dbtp)} and "
            f"{number(previews.after_written.precise_peak_dbtp)} dBTP): "
            f"{md_code(previews.before.name)} ({before}) and {md_code(previews.after.name)} (the "
            f"master) in {md_code(str(previews.before.parent))}.")
    parts.append("Say `export` (or `export ~/some/folder`) for the final files, `undo` to "
                 "step back, or tell me what still bothers you.")
    return "\n\n".join(parts)


def status_text(state, moves: Sequence[dict], notes: Sequence[str], folder: Path,
                target: str, rendered: Sequence = ()) -> str:
    """`notes`: the plan's notes for the moves active now; `rendered`: the moves (dsp Move)
    of the last render, a plan move not among them is marked."""
    complaints = [restate(i) for i in state.intents] or ["- nothing yet"]
    stems = [f"- {part_word(role)}: " + ", ".join(
        f"{md_literal(Path(i['path']).name)} ({i.get('status')})" for i in infos)
        for role, infos in group_files(state.files).items()] or ["- none yet"]
    plan = [line if not state.summary or in_render(move, rendered)
            else f"{line} *(not rendered yet)*"
            for line, move in zip(move_lines(moves), moves, strict=True)] or ["no moves yet"]
    if notes:
        plan.append("\n" + notes_quote(notes))
    rendered = ""
    if state.summary:
        before = state.summary.get("before", "your mix as you gave it")
        rendered = (f"\n\n**Last render** (before: {before}; after: the "
                    "master)\n\n" + "\n".join(
                        f"- {md_literal(r['label'])}: {row_change(r)}"
                        for r in state.summary["rows"]))
    return ("**Complaints**\n\n" + "\n".join(complaints) + "\n\n**Stems**\n\n"
            + "\n".join(stems) + f"\n\n**Target** {md_literal(target)} · **style** "
            f"{state.style}\n\n**Plan**\n\n" + "\n".join(plan) + rendered
            + f"\n\nSession folder: {md_code(str(folder))}")
