"""The disk cache of the built vocabulary: a cached build is the fresh build, and a changed,
corrupt, foreign or unwritable cache only means building again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from intents import cache
from intents.cache import cache_dir, cached
from intents.grammar import Grammar, _compile
from intents.vocabulary import Vocabulary, _build

INTENTS = Path(__file__).resolve().parents[2] / "intents"


class Counted:
    """A build that counts its calls (1 = built, 0 = read from the cache)."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def _path(name: str) -> Path:
    return cache_dir() / "intents" / f"{name}.pickle"


def test_the_cached_vocabulary_and_grammar_equal_a_fresh_build():
    fresh = _build()
    build = Counted(fresh)
    assert cached("vocabulary", Vocabulary, build) is fresh and build.calls == 1
    again = Counted(None)
    loaded = cached("vocabulary", Vocabulary, again)
    assert again.calls == 0 and loaded is not fresh
    assert loaded == fresh
    assert dict(loaded.rules) == dict(fresh.rules) and type(loaded.rules) is type(fresh.rules)
    grammar = _compile(fresh)
    cached("grammar", Grammar, lambda: grammar)
    assert cached("grammar", Grammar, Counted(None)) == grammar


def test_the_key_covers_every_rule_file_and_every_module_of_the_package():
    named = {name for name, _ in cache._sources()}
    on_disk = {f"data/{p.name}" for p in (INTENTS / "data").iterdir() if p.is_file()}
    assert on_disk <= named and {"vocabulary.py", "text.py", "grammar.py"} <= named


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],                          # cut short
    lambda data: data[:-10] + bytes(10),                          # payload changed
    lambda data: data.replace(b"too_quiet", b"too_loud!"),        # still loads, wrong
    lambda data: data.replace(b"moozix-intents-cache 1", b"moozix-intents-cache 0"),
    lambda data: b"",
    lambda data: os.urandom(len(data)),
])
def test_a_damaged_cache_file_is_rebuilt_and_rewritten(damage):
    value = {"phrases": {("too", "quiet"): "too_quiet"}}
    cached("probe", dict, Counted(value))
    path = _path("probe")
    path.write_bytes(damage(path.read_bytes()))
    build = Counted(value)
    assert cached("probe", dict, build) == value and build.calls == 1
    again = Counted(None)
    assert cached("probe", dict, again) == value and again.calls == 0


def test_a_file_written_under_another_key_is_not_read(monkeypatch):
    cached("probe", dict, Counted({"built": "before"}))
    monkeypatch.setattr(cache, "_key", lambda: "0" * 64)
    build = Counted({"built": "after"})
    assert cached("probe", dict, build) == {"built": "after"} and build.calls == 1


def test_a_file_of_the_wrong_kind_is_not_read():
    cached("probe", list, Counted([1, 2]))
    build = Counted({"a": 1})
    assert cached("probe", dict, build) == {"a": 1} and build.calls == 1


def test_an_unwritable_cache_folder_only_means_building(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MOOZIX_HOME", str(blocker))
    build = Counted({"a": 1})
    assert cached("probe", dict, build) == {"a": 1}
    assert cached("probe", dict, build) == {"a": 1} and build.calls == 2


def test_the_cache_lives_in_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("MOOZIX_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert cache_dir() == tmp_path / "xdg" / "moozix"
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert cache_dir() == tmp_path / "home" / ".cache" / "moozix"
    monkeypatch.setenv("MOOZIX_HOME", str(tmp_path / "mh"))
    assert cache_dir() == tmp_path / "mh" / "cache"


def test_an_edited_rule_file_is_read_on_the_next_run(tmp_path):
    """End to end, in fresh interpreters over a copy of the package: the first run writes
    the cache, a descriptor is added to lexicon.toml, and the second run must know it."""
    shutil.copytree(INTENTS, tmp_path / "intents", ignore=shutil.ignore_patterns("__pycache__"))
    probe = ("from intents.vocabulary import vocabulary; "
             "print(('zorbly',) in vocabulary().cue_phrases)")
    env = {**os.environ, "MOOZIX_HOME": str(tmp_path / "home"), "PYTHONPATH": str(tmp_path)}

    def run() -> str:
        return subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env,
                              capture_output=True, text=True, check=True).stdout.strip()

    assert run() == "False"
    assert (tmp_path / "home" / "cache" / "intents" / "vocabulary.pickle").exists()
    lexicon = tmp_path / "intents" / "data" / "lexicon.toml"
    text = lexicon.read_text(encoding="utf-8")
    edited = text.replace("\ndescriptors = [", '\ndescriptors = ["zorbly", ', 1)
    assert edited != text
    lexicon.write_text(edited, encoding="utf-8")
    assert run() == "True"
