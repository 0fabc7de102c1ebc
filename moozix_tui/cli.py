"""The `moozix` command line.

Each subcommand imports only what it needs when it runs, so `moozix parse` never
pays for numpy and the chat reaches its prompt before the DSP core is loaded.
Exit codes: 0 done, 2 bad input (one-line reason on stderr), 1 internal error, 130
interrupted (Ctrl+C: 128 + SIGINT, as shells report it).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class CommandLine:
    """The `moozix` parser and its subcommands' parsers by name, kept as `build_parser`
    made them so nothing has to be read back out of argparse's internals."""

    parser: argparse.ArgumentParser
    commands: Mapping[str, argparse.ArgumentParser]


def build_parser() -> CommandLine:
    parser = argparse.ArgumentParser(
        prog="moozix",
        description="Describe what sounds wrong with your mix; get a fixed, mastered file.",
    )
    _session_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    chat = sub.add_parser("chat", help="open the chat (the default)",
                          description="Open the chat: say what sounds wrong, give it your stems "
                                      "or stereo mix, hear the fix, export the master.")
    demo = sub.add_parser("demo", help="open the chat on the built-in demo song",
                          description="Open the chat on a demo song (drums, bass, keys and a "
                                      "lead vocal, mixed badly on purpose) to try Moozix "
                                      "without your own files.")
    # the session options are accepted after the command too (`moozix chat --resume`); their
    # defaults are suppressed there so they never overwrite what was given before it
    _session_options(chat, default=argparse.SUPPRESS)
    _session_options(demo, default=argparse.SUPPRESS,
                     resume_help="continue the latest demo session (or the named one)")

    from moozix_tui import cli_audio, cli_parse

    cli_parse.add_parser(sub)
    cli_audio.add_parsers(sub)
    return CommandLine(parser, sub.choices)


def _session_options(parser: argparse.ArgumentParser, *, default: object = None,
                     resume_help: str = "continue the latest (or the named) chat session"
                     ) -> None:
    parser.add_argument("--resume", nargs="?", const="latest", metavar="SESSION",
                        default=default, help=resume_help)
    parser.add_argument(
        "--sessions-dir", metavar="DIR", default=default,
        help="where chat sessions are kept (default: the user's data directory)",
    )


def _command_after_resume(argv: Sequence[str], commands: Collection[str]) -> int | None:
    """Where a bare `--resume` is followed by a command ('moozix --resume demo'), which
    argparse would take as the session's name: that command's index, else None."""
    for i, arg in enumerate(argv):
        if arg in commands:
            return None
        if arg == "--resume" and i + 1 < len(argv) and argv[i + 1] in commands:
            return i + 1
    return None


def _session_named(name: str, sessions_dir: str | None) -> Path | None:
    """A saved session folder called `name`, where `--resume NAME` would look for it."""
    from moozix_tui.engine.store import STATE_FILE, default_sessions_dir

    root = Path(sessions_dir).expanduser() if sessions_dir else default_sessions_dir()
    return next((folder for folder in (Path(name), root / name)
                 if (folder / STATE_FILE).is_file()), None)


def main(argv: Sequence[str] | None = None) -> int:
    cli = build_parser()
    as_command = argv is None   # the process itself, not a caller (tests) given argv
    argv = list(sys.argv[1:] if argv is None else argv)
    at = _command_after_resume(argv, cli.commands)
    if at is not None:  # 'moozix --resume demo' is 'moozix demo --resume'
        if argv[at] not in ("chat", "demo"):
            print(f"moozix: --resume continues a chat session; `{argv[at]}` runs on its own, "
                  "so leave --resume out", file=sys.stderr)
            return EXIT_BAD_INPUT
        argv[at - 1:at + 1] = [argv[at], "--resume"]
    args = cli.parser.parse_args(argv)
    command = args.command or "chat"
    if at is not None:
        named = _session_named(command, args.sessions_dir)
        if named is not None:
            print(f"moozix: `{command}` is a command, and a saved session is named "
                  f"{command} too. To continue that session, give its path: moozix --resume "
                  f"{shlex.quote(str(named.resolve()))}; to resume with the command, put it "
                  f"first: moozix {command} --resume", file=sys.stderr)
            return EXIT_BAD_INPUT
    if command in ("chat", "demo"):
        from moozix_tui.app import run_app

        return run_app(
            demo=command == "demo", resume=args.resume, sessions_dir=args.sessions_dir
        )
    try:
        return args.run(args)
    except KeyboardInterrupt:
        # only a command that exports has an --out to speak of ('analyze', 'parse' do not)
        left = (" — an unfinished export leaves --out as it was"
                if getattr(args, "out", None) else "")
        print(f"moozix: interrupted{left}: run the command again", file=sys.stderr)
        if as_command:
            # ends here: work a Ctrl+C left running on other threads (see dsp.threads) is
            # not waited for, as interpreter exit would; the export has tidied up already
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(EXIT_INTERRUPTED)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (`moozix parse - | head`): stop quietly, as Unix tools do;
        # stdout is pointed at devnull so the interpreter's final flush can't raise again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
