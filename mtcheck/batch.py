"""``mtcheck batch``: JSONL records in, exactly one JSON report per input line out, in order.

A record that cannot be read or checked still gets its line, with ``"error": {type, message}``,
and the batch goes on. Input is read in windows so memory stays flat on endless streams; with
``--workers N`` each window is checked by N processes and written back in input order.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from mtcheck.config import Config
from mtcheck.errors import InputError
from mtcheck.io.jsonl import iter_lines, parse_record, record_id_of
from mtcheck.pipeline import error_report, safe_check, warm_up
from mtcheck.report.json import dumps
from mtcheck.types import Report

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

RECORDS_PER_WORKER_WINDOW = 32


@dataclass
class BatchSummary:
    records: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: {"pass": 0, "review": 0, "fail": 0, "error": 0})

    @property
    def errors(self) -> int:
        return self.outcomes["error"]

    @property
    def failed(self) -> int:
        return self.outcomes["fail"]

    def describe(self) -> str:
        parts = ", ".join(f"{count} {name}" for name, count in self.outcomes.items())
        return f"{self.records} records: {parts}"


# Set in each worker process (and in-process for one worker) so records do not carry the config.
_worker_config: Config | None = None


def _init_worker(config: Config) -> None:
    global _worker_config
    _worker_config = config


def _warm_before_fork(config: Config) -> bool:
    """Load, in the parent, what every worker would otherwise load for itself, so the forked
    workers share it copy-on-write (time and memory); then move it all out of the cyclic
    garbage collector's reach (``gc.freeze``), so that collections in the workers do not touch,
    and so copy, those pages. Skipped with --backtranslate: torch and fork do not mix.
    True when it froze (the caller unfreezes once the pool is gone)."""
    if config.backtranslate:
        return False
    try:
        warm_up(config)
    except Exception:  # noqa: BLE001 - a real record will meet (and report) the same problem
        pass
    gc.freeze()  # (no gc.collect() first: the warm-up leaves next to no cyclic garbage, and it costs 15 ms)
    return True


def _outcome(report: Report, config: Config) -> str:
    if report.error is not None or report.score is None or report.verdict is None:
        return "error"
    if config.fail_under is not None and report.score < config.fail_under:
        return "fail"
    return report.verdict


def check_record(numbered_line: tuple[int, bytes]) -> tuple[str, str]:
    """One input line -> (its JSON report line, its outcome). Never raises for bad input."""
    line_number, raw = numbered_line
    config = _worker_config
    assert config is not None, "_init_worker was not called"
    origin = f"line {line_number}"
    try:
        article = parse_record(raw, line_number)
    except InputError as error:
        report = error_report(record_id_of(raw, line_number), origin, error.type, str(error), config)
    else:
        # An InputError (e.g. a back-translation model that is not installed) or any other failure
        # becomes this record's error line: one broken record must not end the batch.
        report = safe_check(article, config, origin=origin)
    return dumps(report), _outcome(report, config)


def _checked_in_pool(pool: Pool, windows: Iterator[list[tuple[int, bytes]]]) -> Iterator[tuple[str, str]]:
    """Results in input order, with the next window already submitted while one is written,
    so workers do not wait on the writer; at most two windows are held in memory."""
    pending = None
    for window in windows:
        submitted = pool.map_async(check_record, window, chunksize=4)
        if pending is not None:
            yield from pending.get()
        pending = submitted
    if pending is not None:
        yield from pending.get()


def _windows(lines: Iterator[tuple[int, bytes]], size: int) -> Iterator[list[tuple[int, bytes]]]:
    window: list[tuple[int, bytes]] = []
    for item in lines:
        window.append(item)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


class _Progress:
    """A one-line counter on stderr, redrawn at most ten times a second."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.enabled = enabled
        self.total = total
        self.started = time.monotonic()
        self.last_drawn = 0.0

    def update(self, summary: BatchSummary, *, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self.last_drawn < 0.1:
            return
        self.last_drawn = now
        rate = summary.records / max(now - self.started, 1e-6)
        done = f"{summary.records}/{self.total}" if self.total else f"{summary.records}"
        sys.stderr.write(f"\rmtcheck: {done} records, {rate:.0f}/s, {summary.errors} errors")
        if final:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _count_lines(path: str) -> int | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read(64 * 1024 * 1024)
            if handle.read(1):
                return None  # too big to count cheaply; show a plain counter
    except OSError:
        return None
    return data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)


def _open_input(input_path: str, stack: ExitStack) -> BinaryIO:
    if input_path == "-":
        return sys.stdin.buffer
    path = Path(input_path)
    if not path.is_file():
        raise InputError(f"{input_path}: no such file", type="not-found")
    try:
        return stack.enter_context(path.open("rb"))
    except OSError as error:
        raise InputError(f"{input_path}: cannot read: {error.strerror}", type="io") from None


def run_batch(input_path: str, output: str, config: Config, *, workers: int, show_progress: bool) -> BatchSummary:
    """Check every record of ``input_path`` and write one report line per input line to ``output``."""
    summary = BatchSummary()
    progress = _Progress(show_progress, None if input_path == "-" else _count_lines(input_path))
    with ExitStack() as stack:
        source = _open_input(input_path, stack)
        sink, commit = _open_output(output, stack)
        numbered = ((number, line) for number, line in enumerate(iter_lines(source), start=1))
        if workers > 1:
            import multiprocessing

            if _warm_before_fork(config):
                stack.callback(gc.unfreeze)
            pool = stack.enter_context(
                multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker, initargs=(config,))
            )
            results = _checked_in_pool(pool, _windows(numbered, workers * RECORDS_PER_WORKER_WINDOW))
        else:
            _init_worker(config)
            results = (check_record(item) for item in numbered)
        for line, outcome in results:
            sink.write(line + "\n")
            summary.records += 1
            summary.outcomes[outcome] += 1
            progress.update(summary)
        sink.flush()
        commit()
    progress.update(summary, final=True)
    return summary


def _open_output(output: str, stack: ExitStack) -> tuple[TextIO, Callable[[], None]]:
    """stdout, or a temporary file beside the target that is renamed into place at the end."""
    if output == "-":
        return sys.stdout, lambda: None
    target = Path(output)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        handle = stack.enter_context(temporary.open("w", encoding="utf-8", newline="\n"))
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror}", type="io") from None
    stack.callback(lambda: temporary.unlink(missing_ok=True))

    def commit() -> None:
        handle.close()
        os.replace(temporary, target)

    return handle, commit
