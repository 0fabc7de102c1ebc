"""The `moozix` command line.

Each subcommand imports only what it needs when it runs, so `moozix parse` never
pays for numpy and the chat reaches its prompt before the DSP core is loaded.
Exit codes: 0 done, 2 bad input (one-line reason on stderr), 1 internal error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
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
    _session_options(chat, resume=True, default=argparse.SUPPRESS)
    _session_options(demo, resume=False, default=argparse.SUPPRESS)

    from moozix_tui import cli_audio, cli_parse

    cli_parse.add_parser(sub)
    cli_audio.add_parsers(sub)
    return parser


def _session_options(parser: argparse.ArgumentParser, *, resume: bool = True,
                     default: object = None) -> None:
    if resume:
        parser.add_argument(
            "--resume", nargs="?", const="latest", metavar="SESSION", default=default,
            help="continue the latest (or the named) chat session",
        )
    parser.add_argument(
        "--sessions-dir", metavar="DIR", default=default,
        help="where chat sessions are kept (default: the user's data directory)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "chat"
    if command in ("chat", "demo"):
        from moozix_tui.app import run_app

        return run_app(
            demo=command == "demo", resume=args.resume, sessions_dir=args.sessions_dir
        )
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("moozix: interrupted", file=sys.stderr)
        return EXIT_INTERNAL
