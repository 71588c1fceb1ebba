"""One renderer per output format. Each takes the reports of one run and returns the output text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module

from mtcheck.types import Report

FORMATS = ("text", "json", "jsonl", "markdown", "html")


def render(reports: Sequence[Report], fmt: str, *, color: bool = False) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    module = import_module(f"mtcheck.report.{fmt if fmt != 'jsonl' else 'json'}")
    renderer: Callable[..., str] = getattr(module, "render_jsonl" if fmt == "jsonl" else "render")
    return renderer(reports, color=color)
