"""The watch folder: ``mtcheck watch INDIR --out OUTDIR`` checks wire items as they arrive.

Layout (defaults)::

    INDIR/                      items arrive here (atomic rename, or written in place)
    OUTDIR/NAME.HASH.json       one report per item content (HASH: 12 hex digits of its SHA-256;
                                the extension follows --format: .json .html .md .txt)
    OUTDIR/done/NAME.HASH       the checked item, moved out of INDIR once its report is in place
    OUTDIR/quarantine/NAME.HASH the items that cannot be read (empty, binary, undecodable, too
    OUTDIR/quarantine/NAME.HASH.reason.txt     large, hostile XML...), with the reason (one line)

Items are read like ``mtcheck check FILE`` reads them (``read_article_bytes``): text and HTML in
any common encoding, and NITF, NewsML-G2 and ninjs wire items. A file holding several news items
(a newsMessage, a ninjs array) gets one report file with a report per item (a JSON array); an
item of it that cannot be read gets an error report there, and the file is quarantined only when
none of its items can be read.

``NAME.HASH`` is the item's name with the hash put before its extension (``story.txt`` ->
``story.3fa2b1c9d0e1.txt``; report ``story.3fa2b1c9d0e1.txt.json``). The hash tells apart a story
that the wire re-sends under the same name with a correction: the correction gets its own report
beside the first one, and both versions are kept in ``done/``. An item re-sent byte for byte is
not checked again: its report already exists, the item is moved to ``done/`` and the log says
``already reported``. (To force a re-check, delete the report.)

When an item is complete. Scanning polls INDIR with ``os.scandir`` every ``--poll`` seconds (portable,
no inotify dependency; ``watchfiles`` could replace the polling later). Dotfiles, ``*.tmp``,
``*.part``, ``*.partial``, ``*.filepart``, ``*.crdownload``, ``*.download``, ``*.swp``, ``*~`` and
anything that is not a regular file are ignored: they are partial files by convention. An item is
taken when either

- the last change to it was not a write: its status-change time (ctime) is later than its
  modification time (mtime), the mark of a file written elsewhere and then renamed or linked into
  INDIR, or copied with its times kept (``mv``, ``rsync``, ``cp -p``). Such an item is taken at
  once (POSIX only; where write and rename fall in the same clock tick the next rule applies); or
- its size, mtime, ctime and inode have not changed for ``--settle`` seconds, measured with this
  process's monotonic clock (not the file server's, which may be skewed).

Exactly once, across crashes and restarts. For each item, in this order:

1. claim it: rename ``INDIR/NAME`` to ``INDIR/.NAME.TOKEN.claim`` (TOKEN: 12 random hex digits;
   a dotfile, so the scan skips it). From then on the producer cannot touch this version: a
   correction renamed over ``NAME`` meanwhile is a new file, another item, checked on its own;
2. read the claimed file's bytes once, then fstat it: if it changed since it was taken (a writer
   still had it open), it is put back under ``NAME`` and waits to settle again. The hash, the
   check and the report all come from those same bytes;
3. hash them and derive the report name from name and hash; if that report already exists, the
   item was checked before a crash (or re-sent unchanged): go to 5 without checking it again;
4. check them and write the report atomically and durably (temporary dotfile in OUTDIR, fsync,
   ``os.replace``, fsync of the folder);
5. move the claimed file to ``done/NAME.HASH`` (a rename; across filesystems: copy, fsync,
   rename, unlink).

An unreadable item: write ``quarantine/NAME.HASH.reason.txt`` (atomically), then move the claimed
file beside it. At start (under the lock, so no other watcher is running) every ``.claim`` file
left in INDIR is an item a killed run had claimed: it is processed first, under the name its
claim name carries, by steps 2-5. So whatever the instant of a crash (SIGKILL, power cut), a
restart finds the item:

- in INDIR under its name (crash before the claim; the rename is atomic): taken as usual;
- claimed, without a report (crash while reading or checking it, or while writing the report,
  whose temporary is deleted at start): checked then, and only then, as the killed run left no
  report;
- claimed, with its report (crash between the report and the move): moved to ``done/`` without a
  second check (``already reported``);
- claimed and whole in ``done/`` too (crash in the copy of a cross-filesystem move): moved
  again, same content, no second report;
- in ``done/`` with its report: nothing left to do;
- an unreadable item claimed, its reason written: quarantined again (same reason).

A claimed item goes back under its name (when it changed while being read, or when its report
cannot be written and the watcher stops) by a link then an unlink, never by a rename over a new
version that arrived meanwhile (then the claim stays and is processed at the next pass); a crash
between the two leaves the same bytes under both names, and the second is ``already reported``.
Temporary files of a killed run are deleted at start. A lock (``.mtcheck-watch.lock`` in INDIR
and OUTDIR, ``flock``; released if start-up fails) keeps a second watcher off the same folders,
so that two processes never check one item.

Remaining windows: a producer that writes in place into an item *after* it looked complete (no
write for ``--settle`` seconds, or a chmod mid-write) and whose writes all come after the read
gets the version that was there when it was read (writes during the read are seen, step 2); the
log line comes after the move to ``done/``, so a kill between the two loses the line (not the
report). Symbolic links in INDIR are not followed (ignored). An item whose name is too long for
the claim's additions (over about 235 bytes) is claimed under the shortened name its report and
``done/`` copy get anyway.

The configuration, rules, gazetteer and language-ID model are loaded once, at start (the warm-up
check ``pipeline.warm_up``, shared with ``batch`` and ``serve``); the loop keeps no per-item state
beyond the names currently in INDIR and the claims in hand.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from mtcheck.config import Config
from mtcheck.errors import InputError
from mtcheck.io import MAX_INPUT_BYTES, read_article_bytes
from mtcheck.io.atomic import move_atomic, remove_stale_temporaries, write_atomic
from mtcheck.pipeline import check_article, error_report
from mtcheck.pipeline import warm_up as warm_up_checker
from mtcheck.report import render
from mtcheck.types import Article, Report

WATCH_FORMATS = {"json": "json", "html": "html", "markdown": "md", "text": "txt"}
LOCK_NAME = ".mtcheck-watch.lock"
HASH_LENGTH = 12

# Names that are partial files by convention (download managers, scp/WinSCP, editors, rsync).
_PARTIAL_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".filepart", ".crdownload", ".download", ".swp", "~")
_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")
# File names are at most 255 bytes; keep room for ".HASH", ".reason.txt" and ".NAME.PID.tmp".
_MAX_STEM_BYTES = 180
_SLEEP_SLICE = 0.05
# An item being processed: INDIR/.NAME.TOKEN.claim (a dotfile, so the scan skips it).
_CLAIM = re.compile(r"^\.(?P<name>.+)\.(?P<token>[0-9a-f]{12})\.claim$", re.DOTALL)


class WatchError(InputError):
    """The watcher itself cannot go on (folder missing, not writable, already watched)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, type="watch")


@dataclass(frozen=True)
class WatchOptions:
    indir: Path
    outdir: Path
    done: Path | None = None  # default OUTDIR/done
    quarantine: Path | None = None  # default OUTDIR/quarantine
    fmt: str = "json"
    poll: float = 1.0
    settle: float = 2.0

    @property
    def done_dir(self) -> Path:
        return self.done if self.done is not None else self.outdir / "done"

    @property
    def quarantine_dir(self) -> Path:
        return self.quarantine if self.quarantine is not None else self.outdir / "quarantine"


@dataclass
class WatchSummary:
    checked: int = 0
    already: int = 0
    quarantined: int = 0

    def describe(self) -> str:
        return f"{self.checked} checked, {self.quarantined} quarantined, {self.already} already reported"


@dataclass(frozen=True)
class _Signature:
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, st: os.stat_result) -> _Signature:
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@dataclass
class _Seen:
    signature: _Signature
    since: float  # monotonic time at which this signature was first observed


def is_partial_name(name: str) -> bool:
    """Dotfiles and the usual partial-file names, which the watcher never takes."""
    return name.startswith(".") or name.lower().endswith(_PARTIAL_SUFFIXES)


def keyed_name(name: str, digest: str | None) -> str:
    """``story.txt`` + hash -> ``story.HASH.txt``: the item's name in done/, quarantine/ and reports."""
    suffix = Path(name).suffix
    if not _SUFFIX.match(suffix):
        suffix = ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    encoded = stem.encode("utf-8", errors="surrogateescape")
    if len(encoded) > _MAX_STEM_BYTES:
        stem = encoded[:_MAX_STEM_BYTES].decode("utf-8", errors="ignore")
    return f"{stem}.{digest}{suffix}" if digest else f"{stem}{suffix}"


def renamed_in(st: os.stat_result) -> bool:
    """True when the last change to the file was not a write (renamed, linked or copied in whole)."""
    return os.name == "posix" and st.st_ctime_ns > st.st_mtime_ns


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _reason(error: BaseException, path: Path) -> str:
    """The message without the INDIR path the item no longer has (``#2: `` for an item of a
    multi-item file is kept)."""
    message = str(error)
    for prefix in (str(path), path.name):
        if message.startswith(prefix):
            message = message[len(prefix) :]
            message = message[2:] if message.startswith(": ") else message
            break
    return " ".join(message.split()) or type(error).__name__


def _outcome(reports: list[Report]) -> str:
    def one(report: Report) -> str:
        return "error" if report.score is None else f"{report.verdict} {report.score:.2f}"

    if len(reports) == 1:
        return one(reports[0])
    return f"{len(reports)} items: {', '.join(one(r) for r in reports)}"


@dataclass
class Watcher:
    """Checks the complete items of ``options.indir``; see the module docstring for the guarantees.

    Use: ``with Watcher(options, config) as watcher: watcher.run(once=True)``.
    """

    options: WatchOptions
    config: Config
    log: Callable[[str], None] = _stderr
    clock: Callable[[], float] = time.monotonic
    summary: WatchSummary = field(default_factory=WatchSummary)
    _seen: dict[str, _Seen] = field(default_factory=dict, repr=False)
    _locks: list[IO[Any]] = field(default_factory=list, repr=False)
    _claims: dict[Path, str] = field(default_factory=dict, repr=False)  # claim file -> item name

    # -- set-up ------------------------------------------------------------------------------

    def __enter__(self) -> Watcher:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, *, warm_up: bool = True) -> None:
        """Check the folders, lock them, delete temporaries of a killed run, load the checker."""
        options = self.options
        if options.fmt not in WATCH_FORMATS:
            raise WatchError(f"--format must be one of: {', '.join(WATCH_FORMATS)}")
        if options.poll <= 0:
            raise WatchError("--poll must be more than 0 seconds")
        if options.settle < 0:
            raise WatchError("--settle must be 0 or more seconds")
        if not options.indir.is_dir():
            raise WatchError(f"{options.indir}: no such folder")
        for folder in (options.outdir, options.done_dir, options.quarantine_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise WatchError(f"{folder}: cannot create the folder: {error.strerror or error}") from None
            if folder.resolve() == options.indir.resolve():
                raise WatchError(f"{folder}: must not be the watched folder {options.indir}")
        try:
            for folder in dict.fromkeys((options.indir, options.outdir)):
                self._lock(folder)
            for folder in (options.outdir, options.done_dir, options.quarantine_dir):
                remove_stale_temporaries(folder)
            # Items a killed run had claimed (no other watcher holds the lock now): processed
            # first, under their original names.
            self._claims.update(leftover_claims(options.indir))
            if warm_up:
                # Loads the language-ID model, rules and gazetteer now, once, rather than on the
                # first item (and fails now, not per item, if something is broken).
                warm_up_checker(self.config)
        except BaseException:
            self.close()  # release the locks: __exit__ does not run when __enter__ fails
            raise

    def close(self) -> None:
        for handle in self._locks:
            handle.close()  # releases the flock
        self._locks.clear()

    def _lock(self, folder: Path) -> None:
        try:
            import fcntl
        except ImportError:  # Windows: no flock; one watcher per folder is then up to the operator
            return
        try:
            handle = open(folder / LOCK_NAME, "a+")  # noqa: SIM115 - kept open: it holds the lock
        except OSError as error:
            raise WatchError(f"{folder}: cannot write: {error.strerror or error}") from None
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise WatchError(f"{folder}: another `mtcheck watch` is already using this folder") from None
        self._locks.append(handle)

    # -- scanning ----------------------------------------------------------------------------

    def scan(self) -> list[Path]:
        """The complete items in INDIR now, oldest first; remembers the others' state."""
        now = self.clock()
        ready: list[tuple[int, str, Path]] = []
        present: set[str] = set()
        try:
            entries = list(os.scandir(self.options.indir))
        except OSError as error:
            raise WatchError(f"{self.options.indir}: cannot list the folder: {error.strerror or error}") from None
        for entry in entries:
            if is_partial_name(entry.name):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # gone meanwhile
            present.add(entry.name)
            signature = _Signature.of(st)
            seen = self._seen.get(entry.name)
            if seen is None or seen.signature != signature:
                seen = self._seen[entry.name] = _Seen(signature, now)
            if renamed_in(st) or now - seen.since >= self.options.settle:
                ready.append((st.st_mtime_ns, entry.name, Path(entry.path)))
        for name in list(self._seen):
            if name not in present:
                del self._seen[name]
        ready.sort()
        return [path for _, _, path in ready]

    @property
    def waiting(self) -> int:
        """Items seen in INDIR and not yet complete (or not yet taken)."""
        return len(self._seen)

    # -- one item ----------------------------------------------------------------------------

    def report_path(self, name: str, digest: str | None) -> Path:
        return self.options.outdir / f"{keyed_name(name, digest)}.{WATCH_FORMATS[self.options.fmt]}"

    def process(self, path: Path) -> str | None:
        """Check one item (see the module docstring for the order of steps); returns what happened:
        ``checked``, ``already``, ``quarantined``, or None when it was left in INDIR (vanished, or
        changed while being read). Raises WatchError when the watcher cannot write its output."""
        name = path.name
        try:
            before = _Signature.of(os.stat(path, follow_symlinks=False))
        except FileNotFoundError:
            return None
        except OSError as error:
            return self._quarantine(path, name, None, _reason(error, path))
        seen = self._seen.get(name)
        if seen is not None and seen.signature != before:
            self._seen[name] = _Seen(before, self.clock())  # written to since the scan: wait again
            return None
        claim = self._claim(path)
        if claim is None:
            return None  # vanished meanwhile
        # From here on, a new version the producer puts under NAME is another item, left for a
        # later pass: whatever happens to this one (reported, moved, quarantined) is the claimed
        # file's, read once.
        self._seen.pop(name, None)
        return self._process_claim(claim, name, before)

    def _claim(self, path: Path) -> Path | None:
        """Take the item out of the producer's reach: rename it to a dotfile in INDIR."""
        token = secrets.token_hex(HASH_LENGTH // 2)
        for base in (path.name, keyed_name(path.name, None)):
            claim = path.with_name(f".{base}.{token}.claim")
            try:
                os.rename(path, claim)
            except FileNotFoundError:
                return None
            except OSError as error:
                if error.errno == errno.ENAMETOOLONG and base != keyed_name(path.name, None):
                    continue  # a very long name: claimed under the shortened name its report gets
                raise WatchError(f"{path.parent}: cannot take {path.name}: {error.strerror or error}") from None
            self._claims[claim] = path.name
            return claim
        return None

    def _process_claim(self, claim: Path, name: str, before: _Signature | None) -> str | None:
        """Read the claimed file once, then hash, check and report those bytes; move it to done/
        (or quarantine). ``before``: the item's state when it was taken (None for a claim left by
        a killed run, which was complete when claimed)."""
        origin = self.options.indir / name
        try:
            with open(claim, "rb") as handle:
                opened = _Signature.of(os.fstat(handle.fileno()))
                data = handle.read(MAX_INPUT_BYTES + 1)
                after = _Signature.of(os.fstat(handle.fileno()))
        except FileNotFoundError:
            self._claims.pop(claim, None)
            return None
        except OSError as error:
            reason = "permission denied" if isinstance(error, PermissionError) else f"cannot read: {error.strerror or error}"
            return self._quarantine(claim, name, None, reason)
        before = before or opened
        if after.size != before.size or after.mtime_ns != before.mtime_ns or after.inode != before.inode:
            self._release(claim, name)  # still being written: wait until it settles again
            return None
        digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
        report = self.report_path(name, digest)
        if report.exists():
            self._done(claim, name, digest)
            self.summary.already += 1
            self.log(f"mtcheck: already reported {name} -> {report.name} (moved to done, not checked again)")
            return "already"
        try:
            # One article; several for a multi-item wire file (NewsML-G2 newsMessage, ninjs array).
            articles = read_article_bytes(data, name, str(origin))
        except InputError as error:
            return self._quarantine(claim, name, digest, _reason(error, origin))
        if not any(isinstance(a, Article) for a in articles):
            return self._quarantine(claim, name, digest, "; ".join(_reason(e, origin) for e in articles) or "no news item")
        try:
            results = self._check(name, str(origin), articles)
            text = render(results, self.options.fmt)
        except Exception as error:  # noqa: BLE001 - one bad item must not stop the desk's feed
            return self._quarantine(claim, name, digest, f"internal error while checking: {type(error).__name__}: {error}")
        try:
            write_atomic(report, text, durable=True)
        except InputError as error:
            self._release(claim, name)  # left for the next run (or the next pass)
            raise WatchError(str(error)) from None
        self._done(claim, name, digest)
        self.summary.checked += 1
        self.log(f"mtcheck: checked {name} -> {report.name} ({_outcome(results)})")
        return "checked"

    def _release(self, claim: Path, name: str) -> None:
        """Put a claimed item back under its name, unless a new version has arrived there
        meanwhile (never overwritten): then the claim stays and is processed at the next pass.
        A link then an unlink: a crash between the two leaves the same bytes under both names,
        which are then reported once (the second is ``already reported``)."""
        path = self.options.indir / name
        try:
            os.link(claim, path)
        except FileExistsError:
            return  # stays in self._claims
        except OSError:  # no hard links on this filesystem
            if os.path.lexists(path):
                return
            try:
                os.rename(claim, path)
            except OSError:
                return
        else:
            try:
                os.unlink(claim)
            except FileNotFoundError:
                pass
        self._claims.pop(claim, None)

    def _check(self, name: str, origin: str, articles: list[Article | InputError]) -> list[Report]:
        """One report per item, as ``mtcheck check`` does; an item of a multi-item file that cannot
        be read gets an error report in its place (the others are still checked)."""
        config = self.config
        reports: list[Report] = []
        for index, article in enumerate(articles, 1):
            if isinstance(article, InputError):
                item_id = name if len(articles) == 1 else f"{name}#{index}"
                reports.append(error_report(item_id, origin, article.type, str(article), config))
                continue
            reports.append(check_article(article.with_languages(config.lang, config.source_lang), config))
        return reports

    def _done(self, claim: Path, name: str, digest: str | None) -> None:
        target = self.options.done_dir / keyed_name(name, digest)
        try:
            move_atomic(claim, target, durable=True)
        except FileNotFoundError:
            if claim.exists():
                raise WatchError(f"{target.parent}: cannot move {name} there") from None
        except OSError as error:
            raise WatchError(f"{target}: cannot move {name} there: {error.strerror or error}") from None
        self._claims.pop(claim, None)

    def _quarantine(self, source: Path, name: str, digest: str | None, reason: str) -> str:
        """Move ``source`` (the claimed file, or the item itself when it cannot even be stat'ed)
        to quarantine/ with its reason."""
        keyed = keyed_name(name, digest)
        folder = self.options.quarantine_dir
        reason = " ".join(reason.split())
        try:
            write_atomic(folder / f"{keyed}.reason.txt", reason + "\n", durable=True)
            move_atomic(source, folder / keyed, durable=True)
        except FileNotFoundError:
            self._claims.pop(source, None)
            return "quarantined"  # vanished meanwhile
        except (OSError, InputError) as error:
            raise WatchError(f"{folder}: cannot quarantine {name}: {error}") from None
        self._claims.pop(source, None)
        if source.name == name:  # not claimed (it could not even be stat'ed)
            self._seen.pop(name, None)
        self.summary.quarantined += 1
        self.log(f"mtcheck: quarantined {name}: {reason}")
        return "quarantined"

    # -- the loop ----------------------------------------------------------------------------

    def run(self, *, once: bool = False, should_stop: Callable[[], bool] = lambda: False) -> WatchSummary:
        """Process items until ``should_stop()`` (checked between items and while idle).

        ``once``: process what is in INDIR now and return (the cron mode); items not yet complete
        are watched for one ``--settle`` interval, and left for the next run if still changing.
        """
        if once:
            deadline = self.clock() + self.options.settle
            self._process_all(self.scan(), should_stop)
            if self.waiting and not should_stop():
                self._sleep(deadline - self.clock(), should_stop)
                if not should_stop():
                    self._process_all(self.scan(), should_stop)
            return self.summary
        while not should_stop():
            self._process_all(self.scan(), should_stop)
            self._sleep(self.options.poll, should_stop)
        return self.summary

    def _process_all(self, paths: list[Path], should_stop: Callable[[], bool]) -> None:
        # First the claimed items not yet done: left by a killed run, or that could not be put
        # back under their name (a new version had arrived there).
        for claim, name in list(self._claims.items()):
            if should_stop():
                return
            self._process_claim(claim, name, None)
        for path in paths:
            if should_stop():
                return
            self.process(path)

    def _sleep(self, seconds: float, should_stop: Callable[[], bool]) -> None:
        end = self.clock() + seconds
        while not should_stop():
            left = end - self.clock()
            if left <= 0:
                return
            time.sleep(min(_SLEEP_SLICE, left))


def leftover_claims(indir: Path) -> dict[Path, str]:
    """The claim files in INDIR (``.NAME.TOKEN.claim``) -> the names of their items, oldest first."""
    found: list[tuple[int, Path, str]] = []
    try:
        entries = list(os.scandir(indir))
    except OSError:
        return {}
    for entry in entries:
        match = _CLAIM.match(entry.name)
        if not match:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            mtime = entry.stat(follow_symlinks=False).st_mtime_ns
        except OSError:
            continue
        found.append((mtime, Path(entry.path), match["name"]))
    found.sort()
    return {path: name for _, path, name in found}


def stop_on_signals(log: Callable[[str], None] = _stderr) -> threading.Event:
    """SIGTERM/SIGINT: finish the current item, then stop (a second signal interrupts at once)."""
    stop = threading.Event()

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        log(f"mtcheck: {signal.Signals(signum).name}: stopping after the current item")

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, handler)
    return stop
