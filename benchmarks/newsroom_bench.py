"""Newsroom benchmark: the HTTP API of ``mtcheck serve`` and the watch folder of ``mtcheck watch``.

Run from the repository root:

    .venv/bin/python benchmarks/newsroom_bench.py --quick    # 200 articles, about 40 s on 2 cores
    .venv/bin/python benchmarks/newsroom_bench.py            # every WMT22 English text (565)

The articles are the English texts of the WMT22 news test documents in ``../shared/data/wmt22``
(read with ``benchmarks/wmt22.py``): each document's reference and its four online MT systems'
outputs, one article each (headline = first line, one paragraph per line), in a fixed shuffled
order. Without that data the seed article is repeated, and the output says so.

Everything is measured in one run, side by side with ``mtcheck batch --workers 1`` on the same
articles, so that the API's and the watch folder's overheads are ratios on the same machine:

* ``mtcheck serve --lang en`` on a free loopback port: time from process start to the first
  healthy ``GET /healthz`` (start-up and warm-up), then each article POSTed to ``/check`` on one
  keep-alive connection (``http.client``: median and p95 latency, articles/s), the same articles
  in one ``POST /batch`` (JSON array) and in ``/batch`` chunks of 50; the server's peak RSS
  (``VmHWM``) and CPU time (``/proc/PID/stat``).
* ``mtcheck watch INDIR --out OUTDIR --once --lang en`` on the articles delivered as ``.txt``
  items, then as minimal NITF documents (written elsewhere, then renamed in): articles/s end to
  end, start-up, atomic report writes and moves to ``done/`` included; peak RSS.
* the steady mode, ``mtcheck watch --poll 0.2 --settle 0.5``: items renamed into INDIR in bursts
  of 50, each burst once the previous one is reported; latency from the last rename of a burst to
  its last report (the ``checked`` line on stderr), per-item latency, throughput over the bursts;
  then SIGTERM, exit code 0 and every item reported exactly once (asserted).

A benchmark, not a test: it exits 0 whatever the figures; an assertion fails only when a tool
breaks its contract (an item reported twice or never, a non-zero exit, a failed request).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/ (scripts run from their folder)
from run import (  # noqa: E402  benchmarks/run.py: the CLI, child measurement, targets, table
    REPO,
    SEED_ARTICLE,
    TARGET_ARTICLES_PER_S_PER_WORKER,
    TARGET_PEAK_RSS_MB,
    WMT22_DIR,
    Cli,
    NewsArticle,
    Row,
    print_table,
    run_measured,
    verify_batch_output,
    write_jsonl,
)
from wmt22 import load_documents  # noqa: E402

QUICK_ARTICLES = 200
CHUNK = 50  # records per /batch chunk, items per watch burst
POLL_S, SETTLE_S = 0.2, 0.5
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CHECKED = "mtcheck: checked "


# --------------------------------------------------------------------------------------------
# The articles.
# --------------------------------------------------------------------------------------------


def load_articles(limit: int | None) -> tuple[list[NewsArticle], str]:
    """(articles, a line saying where they come from)."""
    if any(WMT22_DIR.glob("*.jsonl")):
        articles = []
        for document in load_documents(WMT22_DIR):
            pair = f"{document['source_lang']}-{document['lang']}"
            for version, text in sorted({"reference": document["reference"], **document["systems"]}.items()):
                lines = [line.strip() for line in text.split("\n") if line.strip()]
                articles.append(NewsArticle(id=f"wmt22-{pair}/{document['id']}/{version}", text="\n\n".join(lines) + "\n"))
        total = len(articles)
        random.Random(20220101).shuffle(articles)  # a feed mixes outlets, systems and lengths
        articles = articles[:limit] if limit else articles
        where = f"WMT22 English references and Online-A/B/G/Y outputs from {WMT22_DIR}, {len(articles)} of {total}"
    else:
        text = SEED_ARTICLE.read_text(encoding="utf-8")
        articles = [NewsArticle(id=f"seed/{n:04d}", text=text) for n in range(limit or QUICK_ARTICLES)]
        where = f"NO WMT22 DATA in {WMT22_DIR}: the seed article {SEED_ARTICLE.name} repeated {len(articles)} times"
    assert len({a.id for a in articles}) == len(articles), "article ids must be unique"
    return articles, where


def record(article: NewsArticle) -> dict[str, str]:
    """The batch/API record, as ``write_jsonl`` writes it (the desk declares English copy)."""
    return {"id": article.id, "text": article.text, "lang": "en"}


def as_nitf(article: NewsArticle) -> str:
    """A minimal NITF document: the first paragraph as headline, the others as body paragraphs."""
    headline, *body = article.text.strip().split("\n\n")
    paragraphs = "\n".join(f"      <p>{escape(p)}</p>" for p in body)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<nitf xml:lang="en">\n'
        f"  <head><title>{escape(headline)}</title></head>\n  <body>\n"
        f"    <body.head><hedline><hl1>{escape(headline)}</hl1></hedline></body.head>\n"
        f"    <body.content>\n{paragraphs}\n    </body.content>\n  </body>\n</nitf>\n"
    )


def item_name(number: int, fmt: str) -> str:
    return f"item-{number:04d}.{'txt' if fmt == 'txt' else 'nitf.xml'}"


# --------------------------------------------------------------------------------------------
# Small helpers: figures, /proc, ports.
# --------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def proc_status_mb(pid: int, key: str = "VmHWM") -> float:
    """A memory line of /proc/PID/status (VmHWM: peak resident set), in MB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def proc_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a live process."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14, 15)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load_average() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


@dataclass
class Figures:
    """The rows of the final table, and the rate everything is compared with."""

    batch_rate: float = 0.0
    rows: list[Row] = field(default_factory=list)

    def context(self, figure: str, measured: str) -> None:
        self.rows.append(Row(figure, measured, "", None))

    def target(self, figure: str, measured: str, target: str, passed: bool) -> None:
        self.rows.append(Row(figure, measured, target, passed))

    def rate(self, figure: str, rate: float, extra: str = "") -> None:
        """An articles/s figure with its ratio to ``mtcheck batch --workers 1`` of this run."""
        self.context(figure, f"{rate:.1f} articles/s = {rate / self.batch_rate:.2f}x batch{extra}")

    def rss(self, figure: str, megabytes: float) -> None:
        self.target(figure, f"{megabytes:.0f} MB", f"<= {TARGET_PEAK_RSS_MB:.0f} MB (README, check/batch)",
                    megabytes <= TARGET_PEAK_RSS_MB)


# --------------------------------------------------------------------------------------------
# mtcheck batch --workers 1: the yardstick.
# --------------------------------------------------------------------------------------------


def bench_batch(cli: Cli, articles: list[NewsArticle], folder: Path, figures: Figures) -> None:
    input_path, output_path = folder / "articles.jsonl", folder / "reports.jsonl"
    write_jsonl(articles, input_path)
    result = run_measured(cli.batch(input_path, output_path, 1))
    ok, message, errors = verify_batch_output(articles, output_path)
    assert result.returncode in (0, 1) and ok, f"mtcheck batch failed: exit {result.returncode}, {message}"
    figures.batch_rate = len(articles) / result.wall_s
    per_cpu = len(articles) / result.cpu_s
    print(f"  batch --workers 1: {result.wall_s:.2f} s wall (start-up included), {figures.batch_rate:.1f} articles/s, "
          f"{per_cpu:.1f} per CPU-second, peak RSS {result.max_rss_mb:.0f} MB; {message}, {errors} error lines")
    figures.target("batch --workers 1 (end to end)", f"{figures.batch_rate:.1f} articles/s ({per_cpu:.1f}/CPU-s)",
                   f">= {TARGET_ARTICLES_PER_S_PER_WORKER:.0f} per worker",
                   figures.batch_rate >= TARGET_ARTICLES_PER_S_PER_WORKER)
    figures.rss("batch --workers 1: peak RSS", result.max_rss_mb)


# --------------------------------------------------------------------------------------------
# mtcheck serve.
# --------------------------------------------------------------------------------------------


class Server:
    """``mtcheck serve`` in a child process on a free loopback port."""

    def __init__(self, cli: Cli, log_path: Path) -> None:
        self.port = free_port()
        self.log_path = log_path
        self._log = log_path.open("wb")
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [str(cli.script), "serve", "--port", str(self.port), "--lang", "en"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT, cwd=REPO,
        )
        self.startup_s = self._wait_healthy(started)
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)

    def _wait_healthy(self, started: float, timeout_s: float = 60) -> float:
        while time.perf_counter() - started < timeout_s:
            if self.process.poll() is not None:
                raise RuntimeError(f"mtcheck serve exited {self.process.returncode} before answering /healthz")
            try:
                probe = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                probe.request("GET", "/healthz")
                if probe.getresponse().status == 200:
                    probe.close()
                    return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.01)
        raise RuntimeError(f"mtcheck serve not healthy after {timeout_s:.0f} s")

    def post(self, path: str, body: bytes) -> tuple[float, object]:
        """(seconds, decoded JSON) of one POST on the keep-alive connection."""
        started = time.perf_counter()
        self.connection.request("POST", path, body, {"Content-Type": "application/json"})
        response = self.connection.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - started
        assert response.status == 200, f"POST {path}: HTTP {response.status}: {data[:200]!r}"
        return elapsed, json.loads(data)

    def stop(self) -> tuple[int, bool]:
        """SIGTERM; (exit status, whether uvicorn logged a graceful shutdown)."""
        self.connection.close()
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self._log.close()
        return code, b"Finished server process" in self.log_path.read_bytes()


def bench_serve(cli: Cli, articles: list[NewsArticle], folder: Path, figures: Figures) -> None:
    n = len(articles)
    bodies = [json.dumps(record(a), ensure_ascii=False).encode() for a in articles]
    server = Server(cli, folder / "serve.log")
    pid = server.process.pid
    print(f"  start-up to first healthy /healthz: {server.startup_s * 1000:.0f} ms (warm-up included)")
    figures.context("serve: process start -> healthy /healthz", f"{server.startup_s * 1000:.0f} ms (warm-up included)")

    cpu = proc_cpu_s(pid)
    latencies = []
    for article, body in zip(articles, bodies):
        elapsed, report = server.post("/check", body)
        assert report["id"] == article.id, f"/check answered for {report['id']!r}, sent {article.id!r}"
        latencies.append(elapsed)
    wall, cpu = sum(latencies), proc_cpu_s(pid) - cpu
    rate = n / wall
    median, p95 = statistics.median(latencies), percentile(latencies, 0.95)
    print(f"  POST /check x {n} (keep-alive): median {median * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms; {rate:.1f} articles/s, server {n / cpu:.1f} per CPU-second")
    figures.context("serve: POST /check latency", f"median {median * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")
    figures.rate("serve: POST /check one by one", rate, f" ({n / cpu:.1f}/CPU-s)")

    for size, label in ((n, f"one POST /batch of {n}"), (CHUNK, f"POST /batch in chunks of {CHUNK}")):
        cpu, wall = proc_cpu_s(pid), 0.0
        for start in range(0, n, size):
            chunk = articles[start : start + size]
            body = b"[" + b",".join(bodies[start : start + size]) + b"]"
            elapsed, reports = server.post("/batch", body)
            assert [r["id"] for r in reports] == [a.id for a in chunk], "/batch: reports out of order or missing"
            wall += elapsed
        cpu = proc_cpu_s(pid) - cpu
        print(f"  {label}: {wall:.2f} s, {n / wall:.1f} articles/s, server {n / cpu:.1f} per CPU-second")
        figures.rate(f"serve: {label}", n / wall, f" ({n / cpu:.1f}/CPU-s)")

    peak = proc_status_mb(pid)
    code, graceful = server.stop()
    # uvicorn (>= 0.29) shuts down gracefully on SIGTERM, then re-raises the signal: status -15.
    print(f"  server peak RSS (VmHWM) {peak:.0f} MB; SIGTERM -> {'graceful shutdown, ' if graceful else ''}"
          f"exit status {code}")
    assert graceful and code in (0, -signal.SIGTERM), f"mtcheck serve: exit {code} on SIGTERM, graceful={graceful}"
    figures.rss("serve: server peak RSS (VmHWM)", peak)


# --------------------------------------------------------------------------------------------
# mtcheck watch.
# --------------------------------------------------------------------------------------------


def stage(articles: Sequence[NewsArticle], first: int, fmt: str, staging: Path) -> list[Path]:
    """Write items outside INDIR (delivery is a rename, as the README asks of producers)."""
    paths = []
    for number, article in enumerate(articles, first):
        path = staging / item_name(number, fmt)
        path.write_text(as_nitf(article) if fmt == "nitf" else article.text, encoding="utf-8")
        paths.append(path)
    # A rename in the same clock tick as the write leaves ctime == mtime, and the watcher would
    # wait --settle seconds; a producer's rename comes later than that in practice.
    time.sleep(0.05)
    return paths


def verify_watch(names: Sequence[str], outdir: Path, stderr_lines: Sequence[str]) -> str:
    """Every item reported exactly once: one report file, one item in done/, one `checked` line."""
    checked = Counter(line[len(CHECKED):].split(" -> ")[0] for line in stderr_lines if line.startswith(CHECKED))
    reports = [p for p in outdir.glob("*.json") if not p.name.startswith(".")]
    done = list((outdir / "done").iterdir())
    quarantined = list((outdir / "quarantine").iterdir())
    counts = (f"{len(names)} items: {len(reports)} reports, {len(done)} in done/, {len(quarantined)} quarantined, "
              f"{sum(checked.values())} `checked` lines, {sum(1 for c in checked.values() if c > 1)} items twice")
    print(f"    {counts}")
    assert set(checked) == set(names) and all(c == 1 for c in checked.values()), "an item not reported exactly once"
    assert len(reports) == len(done) == len(names) and not quarantined, counts
    return counts


def watch_command(cli: Cli, indir: Path, outdir: Path, *extra: str) -> list[str]:
    return [str(cli.script), "watch", str(indir), "--out", str(outdir), "--lang", "en", "--settle", str(SETTLE_S), *extra]


def bench_watch_once(cli: Cli, articles: list[NewsArticle], fmt: str, folder: Path, figures: Figures) -> None:
    root = folder / f"once-{fmt}"
    indir, outdir, staging = root / "in", root / "out", root / "staging"
    for path in (indir, staging):
        path.mkdir(parents=True)
    for path in stage(articles, 1, fmt, staging):
        path.rename(indir / path.name)
    result = run_measured(watch_command(cli, indir, outdir, "--once"))
    assert result.returncode == 0, f"watch --once exited {result.returncode}: {result.stderr[-500:]}"
    rate = len(articles) / result.wall_s
    print(f"  watch --once, {fmt} items: {result.wall_s:.2f} s (start-up included), {rate:.1f} articles/s, "
          f"{len(articles) / result.cpu_s:.1f} per CPU-second, peak RSS {result.max_rss_mb:.0f} MB")
    verify_watch([item_name(i, fmt) for i in range(1, len(articles) + 1)], outdir, result.stderr.splitlines())
    figures.rate(f"watch --once, {fmt} items (end to end)", rate, f" ({len(articles) / result.cpu_s:.1f}/CPU-s)")
    figures.rss(f"watch --once, {fmt}: peak RSS", result.max_rss_mb)


class StderrLines:
    """Reads a child's stderr in a thread; each line with the time it arrived."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[tuple[float, str]] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stderr is not None
        for line in process.stderr:
            with self._changed:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))
                self._changed.notify_all()

    def wait_for(self, done: Callable[[list[tuple[float, str]]], bool], timeout_s: float) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: done(self.lines), timeout=timeout_s):
                raise RuntimeError(f"timed out; last lines: {[l for _, l in self.lines[-3:]]}")

    def join(self) -> None:
        self._thread.join(timeout=30)


def bench_watch_steady(cli: Cli, articles: list[NewsArticle], folder: Path, figures: Figures) -> None:
    root = folder / "steady"
    indir, outdir, staging = root / "in", root / "out", root / "staging"
    for path in (indir, staging):
        path.mkdir(parents=True)
    started = time.perf_counter()
    process = subprocess.Popen(
        watch_command(cli, indir, outdir, "--poll", str(POLL_S)),
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )
    stderr = StderrLines(process)
    stderr.wait_for(lambda lines: any("mtcheck: watching" in l for _, l in lines), 60)
    ready_s = time.perf_counter() - started
    cpu = proc_cpu_s(process.pid)

    renamed: dict[str, float] = {}
    burst_latencies, spans = [], []
    for first in range(0, len(articles), CHUNK):
        paths = stage(articles[first : first + CHUNK], first + 1, "txt", staging)
        for path in paths:
            path.rename(indir / path.name)
            renamed[path.name] = time.perf_counter()
        names = {p.name for p in paths}
        stderr.wait_for(lambda lines: names <= {l[len(CHECKED):].split(" -> ")[0] for _, l in lines if l.startswith(CHECKED)}, 300)
        last_report = max(t for t, l in stderr.lines if l.startswith(CHECKED) and l[len(CHECKED):].split(" -> ")[0] in names)
        burst_latencies.append(last_report - renamed[paths[-1].name])
        spans.append(last_report - renamed[paths[0].name])
    cpu = proc_cpu_s(process.pid) - cpu
    peak = proc_status_mb(process.pid)
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=30)
    stderr.join()
    lines = [l for _, l in stderr.lines]

    reported = {l[len(CHECKED):].split(" -> ")[0]: t for t, l in stderr.lines if l.startswith(CHECKED)}
    item_latencies = [reported[name] - t for name, t in renamed.items()]
    rate = len(articles) / sum(spans)
    print(f"  watch (poll {POLL_S:g} s, settle {SETTLE_S:g} s): ready {ready_s * 1000:.0f} ms after start; "
          f"{len(spans)} bursts of <= {CHUNK}")
    print(f"    last rename -> last report of a burst: median {statistics.median(burst_latencies):.2f} s, "
          f"max {max(burst_latencies):.2f} s; per item rename -> report: median {statistics.median(item_latencies):.2f} s, "
          f"p95 {percentile(item_latencies, 0.95):.2f} s")
    print(f"    throughput {rate:.1f} articles/s (first rename -> last report, summed over bursts), "
          f"{len(articles) / cpu:.1f} per CPU-second; peak RSS {peak:.0f} MB; SIGTERM -> exit {code}; "
          f"last line: {lines[-1] if lines else '(none)'}")
    counts = verify_watch(list(renamed), outdir, lines)
    assert code == 0, f"mtcheck watch exited {code} on SIGTERM"
    figures.context("watch: process start -> watching", f"{ready_s * 1000:.0f} ms (warm-up included)")
    figures.context(f"watch: burst of {CHUNK}, last rename -> last report",
                    f"median {statistics.median(burst_latencies):.2f} s, max {max(burst_latencies):.2f} s")
    figures.context("watch: per item, rename -> report",
                    f"median {statistics.median(item_latencies):.2f} s, p95 {percentile(item_latencies, 0.95):.2f} s")
    figures.rate(f"watch: steady, bursts of {CHUNK}", rate, f" ({len(articles) / cpu:.1f}/CPU-s)")
    figures.rss("watch: steady, peak RSS (VmHWM)", peak)
    figures.context("watch: SIGTERM, exactly once", f"exit {code}; {counts}")


# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"the first {QUICK_ARTICLES} articles (default: all)")
    parser.add_argument("--articles", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--no-nitf", action="store_true", help="skip the watch --once run on NITF items")
    args = parser.parse_args(argv)
    limit = args.articles or (QUICK_ARTICLES if args.quick else None)

    cli = Cli()
    articles, where = load_articles(limit)
    words = [a.words for a in articles]
    print(f"mtcheck newsroom benchmark  python {sys.version.split()[0]}  {os.cpu_count()} CPUs  "
          f"load average {load_average()} (1/5/15 min; a shared machine adds noise)  {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"corpus: {where}")
    print(f"        {len(articles)} articles, {sum(words)} words, median {statistics.median(words):.0f} words/article")

    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="mtcheck-newsroom-") as name:
        folder = Path(name)
        print("\n== mtcheck batch --workers 1 (the yardstick) ==")
        bench_batch(cli, articles, folder, figures)
        print("\n== mtcheck serve ==")
        bench_serve(cli, articles, folder, figures)
        print("\n== mtcheck watch ==")
        for fmt in ("txt",) if args.no_nitf else ("txt", "nitf"):
            bench_watch_once(cli, articles, fmt, folder, figures)
        bench_watch_steady(cli, articles, folder, figures)

    print_table(figures.rows)
    print(f"\nRatios are to `mtcheck batch --workers 1` on the same articles in this run ({figures.batch_rate:.1f} "
          "articles/s, its start-up included). Load average at the end: " + load_average())
    return 0


if __name__ == "__main__":
    sys.exit(main())
