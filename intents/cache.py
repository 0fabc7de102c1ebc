"""A disk cache of what the intents package builds from its rule files.

Building the vocabulary from intents/data takes ~0.3 s, paid by every `moozix` command that
reads words. The built objects are kept in the user's cache folder under a key that hashes
every byte that can change them: the rule files, the intents package's own code and the
Python version. Hashing the code stands in for the package version and is stricter: an
edited checkout changes the key with no version bump (and importlib.metadata, the way to
read the version here, would add 10 ms to every start). A file whose key differs, whose bytes do
not match the digest written with them, or that cannot be read is ignored and rebuilt; a
cache folder that cannot be written only means the next run builds again. So the cache is
never required and never stale.

The files are pickles. They are read only from the user's own cache folder, which anyone
able to write to can already change the user's shell start-up files.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

__all__ = ["cache_dir", "cached"]

T = TypeVar("T")
_MAGIC = b"moozix-intents-cache 1"


def cache_dir() -> Path:
    """Moozix's folder in the user's cache: $MOOZIX_HOME/cache when that is set, else the
    platform's cache folder ($XDG_CACHE_HOME or ~/.cache; ~/Library/Caches on macOS;
    %LOCALAPPDATA% on Windows). Raises RuntimeError when there is no home folder."""
    if home := os.environ.get("MOOZIX_HOME"):
        return Path(home).expanduser() / "cache"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        # the XDG spec: a relative path is invalid and is ignored
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "moozix"


def _sources() -> list[tuple[str, bytes]]:
    """Every file whose bytes can change what is built: the rule files and the code."""
    package = resources.files("intents")
    files = [(f"data/{f.name}", f) for f in package.joinpath("data").iterdir() if f.is_file()]
    files += [(f.name, f) for f in package.iterdir() if f.name.endswith(".py")]
    return [(name, f.read_bytes()) for name, f in sorted(files, key=lambda pair: pair[0])]


@lru_cache(maxsize=1)
def _key() -> str:
    digest = hashlib.sha256()
    digest.update(f"{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    for name, data in _sources():
        digest.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return digest.hexdigest()


def _proxy(table: dict) -> MappingProxyType:
    return MappingProxyType(table)


class _Pickler(pickle.Pickler):
    """Pickles read-only mappings (MappingProxyType has no pickle support of its own)."""

    def reducer_override(self, obj):
        if type(obj) is MappingProxyType:
            return _proxy, (dict(obj),)
        return NotImplemented


def _load(path: Path, key: str, kind: type[T]) -> T | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    fields = data.split(b"\n", 3)
    if len(fields) != 4 or fields[:2] != [_MAGIC, key.encode()] \
            or fields[2] != hashlib.sha256(fields[3]).hexdigest().encode():
        return None
    # the collector would walk the tuples being made again and again; once after is enough
    # (loading and a first reading: 40 -> 31 ms)
    collecting = gc.isenabled()
    gc.disable()
    try:
        built = pickle.loads(fields[3])
    except Exception:  # a file that passed its digest but will not load is just rebuilt
        return None
    finally:
        if collecting:
            gc.enable()
    return built if isinstance(built, kind) else None


def _store(path: Path, key: str, built: object) -> None:
    """Write atomically (temp file, then rename); give up quietly on any OS error. No fsync:
    a file cut short by a crash fails its digest and is rebuilt."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(built)
    body = buffer.getvalue()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(b"\n".join([_MAGIC, key.encode(),
                                  hashlib.sha256(body).hexdigest().encode(), body]))
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def cached(name: str, kind: type[T], build: Callable[[], T]) -> T:
    """build()'s result, from the cache when the rule files and code are what built it."""
    try:
        path = cache_dir() / "intents" / f"{name}.pickle"
    except RuntimeError:
        return build()
    key = _key()
    built = _load(path, key, kind)
    if built is None:
        built = build()
        _store(path, key, built)
    return built
