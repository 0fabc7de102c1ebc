"""`moozix parse`: show how a message is understood (readable, or JSON for scoring)."""

from __future__ import annotations

import argparse
import json
import sys

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "parse", help="show how a complaint is understood",
        description="Show the intents read from TEXT. With --json and TEXT '-', read one "
                    "message per line from stdin and write one JSON object per line.",
    )
    parser.add_argument("text", metavar="TEXT", help="the message, or - for stdin")
    parser.add_argument("--json", action="store_true", help="print the taxonomy's JSON object")
    parser.set_defaults(run=run)


def _json_line(text: str) -> str:
    from intents import understand

    u = understand(text)
    obj = {"text": text, "intents": [i.to_dict() for i in u.intents]}
    if u.unclear:
        obj["unclear"] = [c.to_dict() for c in u.unclear]
    if u.corrections:
        obj["corrections"] = [c.to_dict() for c in u.corrections]
    if u.guesses:
        obj["guesses"] = [g.to_dict() for g in u.guesses]
    if u.vague:
        obj["vague"] = True
    if u.read_chars is not None:
        obj["read_chars"] = u.read_chars
    obj["kind"] = u.kind
    if u.topic:
        obj["topic"] = u.topic
    return json.dumps(obj, ensure_ascii=False)


def _readable(text: str) -> str:
    from intents import understand
    from moozix_tui.engine.wording import unread_note

    u = understand(text)
    lines = []
    if u.read_chars is not None:
        lines.append(f"note: {unread_note(len(text), u.read_chars)}")
    for c in u.corrections:
        lines.append(f"read {c.typed!r} as {c.understood!r}")
    for i in u.intents:
        why = "a named part: fix it from its stem" if i.route == "mix" \
            else "the whole song: mastering works from the stereo mix"
        lines.append(f"{i.layer} / {i.problem}  [{i.route}, {i.severity}]  ({why})")
        lines.append(f"    evidence: {i.evidence!r}; stems to ask for: {', '.join(i.stems)}")
    for c in u.unclear:
        lines.append(f"unclear: {c.problem} — where? {', '.join(c.candidates)}")
    if u.vague:
        lines.append("a vague whole-song complaint: measure the song to find what is wrong")
    for n, g in enumerate(u.guesses, 1):
        instead = "" if g.instead_of is None else (
            f"instead of {u.intents[g.instead_of].layer} / {u.intents[g.instead_of].problem}, ")
        lines.append(f"guess {n}: {g.layer} / {g.problem}  ({instead}score {g.score}, from "
                     f"{g.evidence!r})")
    if not lines:
        lines.append(f"no mix complaint found ({u.kind}"
                     + (f", topic {u.topic})" if u.topic else ")"))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.text == "-":
        out = sys.stdout
        for line in sys.stdin:
            message = line.rstrip("\n")
            out.write((_json_line(message) if args.json else _readable(message)) + "\n")
        return 0
    print(_json_line(args.text) if args.json else _readable(args.text))
    return 0
