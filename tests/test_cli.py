"""`moozix` itself: the session options and each command's help."""

from __future__ import annotations

import argparse

import pytest

from moozix_tui.cli import build_parser, main


@pytest.mark.parametrize("argv", [
    ["chat", "--resume", "gone", "--sessions-dir", "{dir}"],
    ["--sessions-dir", "{dir}", "chat", "--resume", "gone"],
    ["--resume", "gone", "--sessions-dir", "{dir}", "chat"],
])
def test_resume_is_read_before_or_after_chat(tmp_path, capsys, argv):
    """`moozix chat --resume` is how many type it: it reaches the session store (which has
    no such session here) instead of stopping at 'unrecognized arguments'."""
    assert main([a.format(dir=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert f"no session at {tmp_path / 'gone'}" in err


def commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices


@pytest.mark.parametrize("command", ["chat", "demo", "analyze", "master", "fix", "parse"])
def test_every_command_explains_itself(command):
    """`moozix COMMAND --help` says what the command does and what each argument is."""
    parser = commands()[command]
    assert parser.description
    assert all(action.help for action in parser._actions), command
