"""Data files shipped in mtcheck/data (lists kept as data, not code), loaded once per process."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict[str, Any]:
    """The parsed ``mtcheck/data/<name>.toml``; every data file has a ``version`` key."""
    with resources.files("mtcheck.data").joinpath(f"{name}.toml").open("rb") as handle:
        data = tomllib.load(handle)
    if "version" not in data:
        raise ValueError(f"data file {name}.toml has no version")
    return data


def data_version(name: str) -> str:
    return f"{name}@{load_toml(name)['version']}"
