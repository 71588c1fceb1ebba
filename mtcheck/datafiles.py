"""Data files shipped in mtcheck/data (lists kept as data, not code), loaded once per process."""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tomllib
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

_T = TypeVar("_T")


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict[str, Any]:
    """The parsed ``mtcheck/data/<name>.toml``; every data file has a ``version`` key."""
    file = resources.files("mtcheck.data").joinpath(f"{name}.toml")
    data = parse_toml(file.read_bytes(), str(file))
    if "version" not in data:
        raise ValueError(f"data file {name}.toml has no version")
    return data


def data_version(name: str) -> str:
    return f"{name}@{load_toml(name)['version']}"


def cache_dir() -> Path | None:
    """Where derived data is cached between runs: ``$MTCHECK_CACHE_DIR`` (empty: no cache), else
    ``$XDG_CACHE_HOME/mtcheck`` or ``~/.cache/mtcheck``."""
    configured = os.environ.get("MTCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mtcheck"


def parse_toml(raw: bytes, slot: str) -> dict[str, Any]:
    """``tomllib.loads(raw)`` (same errors), memoised on disk: tomllib is pure Python and the
    shipped TOML files (calque packs, lists) take ~20 ms to parse, their marshalled parse ~1 ms."""
    return cached(slot, raw, lambda: tomllib.loads(raw.decode()), dict)


# Bumped when what a cached value holds changes; the interpreter's version is part of the key too
# (marshal's format is version-specific).
_CACHE_FORMAT = 1


def _code_digest(compute: Callable[[], Any]) -> str:
    """mtcheck's version and a hash of the source file that defines ``compute``: a value derived
    by code that has changed since it was cached is never used."""
    from mtcheck import __version__

    return f"{__version__}:{_file_digest(compute.__code__.co_filename)}"


@lru_cache(maxsize=None)
def _file_digest(filename: str) -> str:
    try:
        return hashlib.sha256(Path(filename).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unknown"


def cached(slot: str, key: bytes, compute: Callable[[], _T], kind: type) -> _T:
    """``compute()``, kept on disk in marshal format under a hash of ``key`` (all the value is
    derived from) and of the code that computes it (:func:`_code_digest`). ``slot`` names the file; a new key for the same slot removes the old file.
    Any problem with the cache (missing, unreadable, not marshallable) means computing afresh,
    never an error; a value marshal cannot hold is simply not cached."""
    folder = cache_dir()
    if folder is None:
        return compute()
    version = f"{_CACHE_FORMAT}:{sys.implementation.cache_tag}:{marshal.version}:{_code_digest(compute)}".encode()
    digest = hashlib.sha256(version + b"\0" + key).hexdigest()[:24]
    prefix = f"data-{hashlib.sha256(slot.encode()).hexdigest()[:12]}-"
    path = folder / f"{prefix}{digest}.marshal"
    try:
        value = marshal.loads(path.read_bytes())
        if isinstance(value, kind):
            return value  # type: ignore[return-value]
    except Exception:  # noqa: BLE001 - rebuilt below
        pass
    value = compute()
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return value
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(payload)
        os.replace(temporary, path)
        for stale in folder.glob(f"{prefix}*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        temporary.unlink(missing_ok=True)
    return value
