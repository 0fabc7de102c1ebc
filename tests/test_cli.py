"""`moozix` itself: the session options and each command's help."""

from __future__ import annotations

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


def test_the_commands_are_the_ones_the_readme_lists():
    """The parsers kept by build_parser are the ones `moozix COMMAND` runs: one per command
    named in the README, each its own `moozix COMMAND` parser."""
    cli = build_parser()
    assert set(cli.commands) == {"chat", "demo", "parse", "analyze", "fix", "master"}
    for name, parser in cli.commands.items():
        assert parser.prog == f"moozix {name}"
    assert cli.parser.parse_args(["demo"]).command == "demo"


DOCUMENTED = {"_exit"}
"""os._exit is documented API (ending a process without waiting for its threads)."""


def test_the_command_line_reads_no_argparse_internals():
    """argparse's underscored names (`_actions`, `_SubParsersAction`) may change between
    Python versions; the `moozix` command is built only from its public calls."""
    import ast
    import pathlib

    import moozix_tui

    package = pathlib.Path(moozix_tui.__file__).parent
    for path in sorted(package.glob("cli*.py")):
        private = [node.attr for node in ast.walk(ast.parse(path.read_text()))
                   if isinstance(node, ast.Attribute) and node.attr.startswith("_")
                   and not node.attr.startswith("__") and node.attr not in DOCUMENTED]
        assert not private, (path.name, private)


def commands():
    return build_parser().commands


@pytest.mark.parametrize("command", ["chat", "demo", "analyze", "master", "fix", "parse"])
def test_every_command_explains_itself(command):
    """`moozix COMMAND --help` says what the command does and what each argument is."""
    parser = commands()[command]
    assert parser.description
    assert all(action.help for action in parser._actions), command


def _saved_session(root, name: str, *, demo: bool, age_s: float):
    import os
    import time

    from moozix_tui.engine.store import SessionState, SessionStore

    store = SessionStore(root / name)
    store.folder.mkdir(parents=True)
    store.save(SessionState(demo=demo, history=[{"role": "user", "markdown": "too quiet",
                                                 "kind": "text"}]))
    stamp = time.time() - age_s
    os.utime(store.state_path, (stamp, stamp))
    return store.folder


@pytest.fixture
def opened(monkeypatch) -> list:
    """The session folder each app run opened (the app itself is not started)."""
    from moozix_tui import app

    folders: list = []
    monkeypatch.setattr(app.MoozixApp, "run", lambda self: folders.append(
        self.engine.store.folder))
    return folders


@pytest.mark.parametrize("argv", [["--resume", "demo"], ["demo", "--resume"]])
def test_resume_demo_continues_the_latest_demo_session(tmp_path, opened, argv):
    """`moozix --resume demo` took "demo" as a session's name ("no session at …/demo");
    it means the demo, as `moozix demo --resume` does: the latest demo session, even when
    a chat session is newer."""
    demo = _saved_session(tmp_path, "20260101-100000", demo=True, age_s=60)
    _saved_session(tmp_path, "20260101-110000", demo=False, age_s=0)
    assert main([*argv, "--sessions-dir", str(tmp_path)]) == 0
    assert opened == [demo]


def test_resume_chat_is_the_latest_session(tmp_path, opened):
    _saved_session(tmp_path, "20260101-100000", demo=True, age_s=60)
    newest = _saved_session(tmp_path, "20260101-110000", demo=False, age_s=0)
    assert main(["--sessions-dir", str(tmp_path), "--resume", "chat"]) == 0
    assert opened == [newest]


def test_resume_demo_with_no_demo_session_says_how_to_start_one(tmp_path, capsys, opened):
    _saved_session(tmp_path, "20260101-110000", demo=False, age_s=0)
    assert main(["--resume", "demo", "--sessions-dir", str(tmp_path)]) == 2
    assert "no saved demo sessions" in capsys.readouterr().err and opened == []


def test_a_session_named_like_a_command_is_reached_by_its_path(tmp_path, capsys, opened):
    """A session folder literally called 'demo': `--resume demo` is ambiguous, so it opens
    nothing and says both ways; the path it gives opens that session."""
    named = _saved_session(tmp_path, "demo", demo=False, age_s=0)
    assert main(["--resume", "demo", "--sessions-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "moozix demo --resume" in err and opened == []
    path = err.split("give its path: moozix --resume ", 1)[1].split(";", 1)[0]
    assert main(["--resume", path]) == 0
    assert opened == [named]


def test_resume_before_a_command_that_takes_none_says_so(tmp_path, capsys):
    assert main(["--resume", "fix", "--say", "the vocal is too quiet"]) == 2
    assert "--resume continues a chat session" in capsys.readouterr().err


def test_a_reader_that_stops_early_ends_the_command_quietly():
    """`moozix parse --json - | head -1` printed a BrokenPipeError traceback."""
    import subprocess
    import sys

    lines = "".join(f"the vocal is too quiet {i}\n" for i in range(2000))
    proc = subprocess.Popen([sys.executable, "-m", "moozix_tui", "parse", "--json", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdin.write(lines)
    proc.stdin.close()
    first = proc.stdout.readline()
    proc.stdout.close()   # the reader goes away, as `head -1` does
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert '"too_quiet"' in first
    assert "Traceback" not in err and "BrokenPipe" not in err


def _said_on_ctrl_c(monkeypatch, capsys, command: str, argv: list[str]) -> str:
    """What `argv` says on stderr when its command (cli_audio's `command`) gets a Ctrl+C."""
    import moozix_tui.cli_audio as cli_audio

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_audio, command, interrupted)
    assert main(argv) == 130
    return capsys.readouterr().err


def test_ctrl_c_exits_130_and_says_to_run_it_again(monkeypatch, capsys):
    """Ctrl+C is no internal error (exit 1): it exits 128 + SIGINT, as a shell reports an
    interrupted command, and says what to do."""
    said = _said_on_ctrl_c(monkeypatch, capsys, "_master", ["master", "mix.wav"])
    assert said.startswith("moozix: interrupted") and "run the command again" in said


def test_ctrl_c_names_no_export_for_a_command_that_writes_none(monkeypatch, capsys):
    """'analyze' writes nothing: its Ctrl+C must not speak of an unfinished export or an
    --out it has not got."""
    said = _said_on_ctrl_c(monkeypatch, capsys, "_analyze", ["analyze", "mix.wav"])
    assert said.startswith("moozix: interrupted") and "run the command again" in said
    assert "export" not in said and "--out" not in said
