"""Performance benchmark for mtcheck: cold start, batch throughput, peak memory.

Run from the repository root:

    .venv/bin/python benchmarks/run.py            # full run (about 40 s on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions, 200 articles

What it measures (every figure comes from this one run, side by side):

* **cold start** of ``mtcheck check seeds/putin-yerevan-baku.txt``: a fresh process each time,
  the installed console script next to ``sys.executable``; one warm-up run (OS file cache), then
  median and min/max of N runs, interleaved with ``python -c "pass"`` and
  ``python -c "import mtcheck.cli"`` so the three are comparable. A child process also runs the
  same command in-process and reports whether torch / transformers / sentencepiece / langdetect
  ended up in ``sys.modules``; ``python -X importtime`` gives the biggest imports.
* **batch throughput** of ``mtcheck batch IN.jsonl -o OUT.jsonl --workers N`` (N = 1, 2) on
  >= 200 news articles of ~400 words, median of 3 runs each (runs interleaved); the output is
  verified: one report per input line, in input order, ids echoed.
* **peak RSS**: per process from ``os.wait4`` (Linux reports the largest of the child and its
  reaped descendants), and the whole process tree (sum over live processes, sampled every 50 ms
  from /proc) for multi-worker batches.

The articles are assembled at run time into a temporary folder (never committed) from the WMT22
news test set in ``../shared/data/wmt22`` (English references and four online MT systems' outputs,
cut/merged into ~400-word articles) when it is present, otherwise from the small committed corpus
in ``benchmarks/data/articles/`` (original wire stories, multiplied by paragraph shuffles). A
handful of non-English articles are always mixed in so language ID sees other languages. The
output says which corpus was used.

It is a benchmark, not a test: it exits 0 whether or not the targets are met, and 1 only when the
tool crashed (unexpected exit code, traceback, or missing output).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO / "seeds" / "putin-yerevan-baku.txt"
COMMITTED_CORPUS = REPO / "benchmarks" / "data" / "articles"
WMT22_DIR = REPO.parent / "shared" / "data" / "wmt22"
WMT22_PAIRS = ("ru-en", "ja-en")

# Targets from issue 2, item 10.
TARGET_COLD_START_S = 0.8
TARGET_ARTICLES_PER_S_PER_WORKER = 50.0
TARGET_PEAK_RSS_MB = 400.0

ARTICLE_WORDS = 400  # the size of a typical wire story
MIN_ARTICLES = 200
HEAVY_MODULES = ("torch", "transformers", "sentencepiece", "langdetect")
# Exit codes the contract allows for a completed check: 0 passed, 1 below threshold / verdict fail.
OK_EXIT_CODES = (0, 1)


# --------------------------------------------------------------------------------------------
# The CLI invocations, all in one place: if the command-line contract changes, change it here.
# --------------------------------------------------------------------------------------------


class Cli:
    """Builds the command lines the benchmark times (the installed console script)."""

    def __init__(self, script: Path | None = None) -> None:
        self.python = Path(sys.executable)
        # The console script installed with the package, next to the interpreter of the venv.
        self.script = script or self.python.parent / "mtcheck"

    def check(self, path: Path) -> list[str]:
        return [str(self.script), "check", str(path)]

    def batch(self, input_path: Path, output_path: Path, workers: int) -> list[str]:
        return [str(self.script), "batch", str(input_path), "-o", str(output_path), "--workers", str(workers)]

    def python_pass(self) -> list[str]:
        return [str(self.python), "-c", "pass"]

    def python_import_cli(self) -> list[str]:
        return [str(self.python), "-c", "import mtcheck.cli"]

    def importtime_check(self, path: Path) -> list[str]:
        return [str(self.python), "-X", "importtime", "-m", "mtcheck", "check", str(path)]

    def modules_after_check(self, path: Path, result_file: Path) -> list[str]:
        """Run ``mtcheck check PATH`` in-process in a child, then dump its sys.modules names.

        The module list is written even when the check raises, with the exception named, so a
        crash is reported as a crash rather than as "could not determine".
        """
        code = (
            "import json, runpy, sys\n"
            f"sys.argv = ['mtcheck', 'check', {str(path)!r}]\n"
            "error = None\n"
            "try:\n"
            "    runpy.run_module('mtcheck', run_name='__main__', alter_sys=True)\n"
            "except SystemExit:\n"
            "    pass\n"
            "except BaseException as exc:\n"
            "    error = f'{type(exc).__name__}: {exc}'\n"
            f"open({str(result_file)!r}, 'w').write(json.dumps({{'modules': sorted(sys.modules), 'error': error}}))\n"
        )
        return [str(self.python), "-c", code]

    def available(self) -> tuple[bool, str]:
        """Whether the console script exists and has a ``batch`` command."""
        if not self.script.exists():
            return False, f"{self.script} not found"
        probe = subprocess.run(
            [str(self.script), "batch", "--help"], capture_output=True, text=True, cwd=REPO, timeout=60
        )
        if probe.returncode != 0:
            last = (probe.stderr.strip().splitlines() or ["no output"])[-1]
            return False, f"`mtcheck batch --help` exited {probe.returncode}: {last}"
        return True, ""


# --------------------------------------------------------------------------------------------
# Measuring one child process: wall time, exit code, peak RSS.
# --------------------------------------------------------------------------------------------


@dataclass
class RunResult:
    command: list[str]
    wall_s: float
    returncode: int
    max_rss_mb: float  # largest single process (child or any reaped descendant), from wait4
    tree_rss_mb: float = 0.0  # largest sum over the live process tree, sampled (0 if not sampled)
    cpu_s: float = 0.0  # user + system CPU of the child and its reaped descendants (pool workers)
    stderr: str = ""

    @property
    def crashed(self) -> bool:
        return self.returncode not in OK_EXIT_CODES or "Traceback (most recent call last)" in self.stderr


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS over ``root`` and its descendants (scans /proc: no per-task children file here)."""
    parent_of: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # The command name (field 2) may contain spaces; ppid is the 2nd field after ")".
                parent_of[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parent_of.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(_rss_kb(pid) for pid in tree)


def run_measured(
    command: Sequence[str],
    *,
    stdout_path: Path | None = None,
    sample_tree: bool = False,
    env: dict[str, str] | None = None,
    timeout_s: float = 900,
) -> RunResult:
    """Run ``command`` once; stdout goes to ``stdout_path`` (or /dev/null), stderr is kept.

    The child is reaped with ``os.wait4`` rather than ``Popen.wait`` because wait4 returns the
    child's own resource usage (peak RSS), whereas RUSAGE_CHILDREN would mix all children.
    """
    with tempfile.TemporaryFile() as err, open(stdout_path or os.devnull, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command), stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=REPO, env=env
        )
        peak_tree_kb = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak_tree_kb
            while not stop.is_set():
                peak_tree_kb = max(peak_tree_kb, _tree_rss_kb(process.pid))
                stop.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True) if sample_tree else None
        if sampler:
            sampler.start()
        timer = threading.Timer(timeout_s, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            stop.set()
        wall = time.perf_counter() - started
        if sampler:
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return RunResult(
        command=list(command),
        wall_s=wall,
        returncode=process.returncode,
        max_rss_mb=usage.ru_maxrss / 1024,  # Linux: kilobytes
        tree_rss_mb=peak_tree_kb / 1024,
        cpu_s=usage.ru_utime + usage.ru_stime,
        stderr=stderr,
    )


# --------------------------------------------------------------------------------------------
# The articles.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewsArticle:
    id: str
    text: str
    source: str | None = None
    source_lang: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Corpus:
    name: str
    description: str
    articles: list[NewsArticle] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(a.words for a in self.articles)

    @property
    def non_english(self) -> int:
        return sum(1 for a in self.articles if a.id.startswith("non-en/"))


def _paragraphs(sentences: Sequence[str], headline: bool = True) -> str:
    """Lay sentences out as a wire story: headline, then paragraphs of two sentences."""
    if not sentences:
        return ""
    head = [sentences[0]] if headline else []
    rest = sentences[1:] if headline else sentences
    body = [" ".join(rest[i : i + 2]) for i in range(0, len(rest), 2)]
    return "\n\n".join([*head, *body]) + "\n"


@dataclass(frozen=True)
class Line:
    """One sentence of a WMT22 document: which document, its position there, its text."""

    document: int
    number: int
    text: str
    source: str | None


def _layout(lines: Sequence[Line]) -> str:
    """Lay out sentences of one or more documents; each document keeps its own paragraphs.

    A document's first line is its headline; a chunk that starts mid-document has none.
    """
    groups: list[list[Line]] = []
    for line in lines:
        if not groups or groups[-1][0].document != line.document:
            groups.append([])
        groups[-1].append(line)
    return "\n".join(
        _paragraphs([l.text for l in group if l.text.strip()], headline=group[0].number == 0) for group in groups
    )


def _chunks(word_counts: Sequence[int], target_words: int) -> list[tuple[int, int]]:
    """Cut lines into (start, end) ranges of about ``target_words`` words.

    A short tail (under half the target) is merged into the previous chunk so that no article
    is a two-line stub.
    """
    cuts: list[tuple[int, int]] = []
    start, words = 0, 0
    for index, count in enumerate(word_counts):
        words += count
        if words >= target_words:
            cuts.append((start, index + 1))
            start, words = index + 1, 0
    if start < len(word_counts):
        if cuts and words < target_words // 2:
            cuts[-1] = (cuts[-1][0], len(word_counts))
        else:
            cuts.append((start, len(word_counts)))
    return cuts


def wmt22_corpus(with_source: bool) -> Corpus:
    """English references and MT outputs of WMT22 news documents as ~400-word articles.

    Long documents are cut at sentence boundaries; documents shorter than ~250 words are merged
    with the next document of the same pair and version, as a wire digest would run them.
    """
    articles: list[NewsArticle] = []
    for pair in WMT22_PAIRS:
        path = WMT22_DIR / f"{pair}.jsonl"
        documents = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        versions = ["reference", *sorted(documents[0]["systems"])]
        for version in versions:
            pending_ids: list[str] = []
            pending: list[Line] = []
            for number, document in enumerate(documents):
                target = document["reference"] if version == "reference" else document["systems"][version]
                lines = target.split("\n")
                sources = document["source"].split("\n")
                aligned = len(sources) == len(lines)  # alignment is line by line; keep it honest
                pending_ids.append(document["id"])
                pending.extend(
                    Line(number, i, text, sources[i] if aligned else None) for i, text in enumerate(lines)
                )
                if sum(len(l.text.split()) for l in pending) < ARTICLE_WORDS * 5 // 8:
                    continue  # too short for an article on its own: merge with the next document
                ranges = _chunks([len(l.text.split()) for l in pending], ARTICLE_WORDS)
                for part, (start, end) in enumerate(ranges, 1):
                    chunk = pending[start:end]
                    suffix = f"#{part}" if len(ranges) > 1 else ""
                    has_source = with_source and all(l.source is not None for l in chunk)
                    source_text = (
                        _layout([Line(l.document, l.number, l.source or "", None) for l in chunk])
                        if has_source
                        else None
                    )
                    articles.append(
                        NewsArticle(
                            id=f"wmt22-{pair}/{'+'.join(pending_ids)}/{version}{suffix}",
                            text=_layout(chunk),
                            source=source_text,
                            source_lang=pair.split("-")[0] if has_source else None,
                        )
                    )
                pending_ids, pending = [], []
        # Non-English copy: the untranslated Russian/Japanese originals of a few documents.
        # Japanese has no spaces, so its "words" are counted per line-ish run: cut shorter.
        for document in documents[:3]:
            lines = [s for s in document["source"].split("\n") if s.strip()]
            start, end = _chunks([len(l.split()) for l in lines], ARTICLE_WORDS if pair != "ja-en" else 60)[0]
            articles.append(
                NewsArticle(id=f"non-en/wmt22-{pair}/{document['id']}/source", text=_paragraphs(lines[start:end]))
            )
    articles.extend(committed_non_english())
    description = (
        f"WMT22 news test set ({', '.join(WMT22_PAIRS)}) from {WMT22_DIR}: English references and "
        "Online-A/B/G/Y outputs cut/merged into ~400-word articles, plus non-English originals"
    )
    return Corpus("wmt22", description, _interleave(articles))


def _read_story(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip() + "\n"


def committed_non_english() -> list[NewsArticle]:
    return [
        NewsArticle(id=f"non-en/{path.stem}", text=_read_story(path))
        for path in sorted(COMMITTED_CORPUS.glob("*.txt"))
        if not path.name.startswith("en-")
    ]


def committed_corpus(count: int) -> Corpus:
    """The committed wire stories, multiplied to ``count`` by paragraph shuffles.

    Variant 0 of each story is as written; later variants keep the headline and the lead
    paragraph (a wire story always starts with them) and reorder the rest, sometimes also moving
    sentences between paragraphs, so that no two articles are the same text.
    """
    stories = sorted(COMMITTED_CORPUS.glob("en-*.txt"))
    if not stories:
        raise SystemExit(f"no committed corpus in {COMMITTED_CORPUS} and no WMT22 data in {WMT22_DIR}")
    non_english = committed_non_english()
    articles: list[NewsArticle] = []
    variant = 0
    while len(articles) + len(non_english) < count:
        for path in stories:
            paragraphs = [p.strip() for p in _read_story(path).split("\n\n") if p.strip()]
            if variant:
                rng = random.Random(f"{path.stem}/{variant}")
                head, body = paragraphs[:2], paragraphs[2:]
                rng.shuffle(body)
                if variant % 2 == 0 and len(body) > 2:
                    # Re-flow: split the body into sentences and regroup them two or three a paragraph.
                    sentences = [s for p in body for s in re.split(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])", p)]
                    body, i = [], 0
                    while i < len(sentences):
                        size = rng.choice((2, 3))
                        body.append(" ".join(sentences[i : i + size]))
                        i += size
                paragraphs = head + body
            articles.append(NewsArticle(id=f"committed/{path.stem}/v{variant}", text="\n\n".join(paragraphs) + "\n"))
        variant += 1
    articles = articles[: count - len(non_english)] + non_english
    description = f"committed corpus {COMMITTED_CORPUS.relative_to(REPO)} ({len(stories)} stories x paragraph shuffles)"
    return Corpus("committed", description, _interleave(articles))


def _interleave(articles: list[NewsArticle]) -> list[NewsArticle]:
    """A fixed pseudo-random order: a real feed mixes outlets, lengths and languages."""
    ordered = list(articles)
    random.Random(20220101).shuffle(ordered)
    return ordered


def load_corpus(choice: str, with_source: bool, limit: int | None) -> Corpus:
    """The benchmark corpus; with ``limit``, its first ``limit`` articles, non-English ones kept."""
    if choice == "wmt22" or (choice == "auto" and all((WMT22_DIR / f"{p}.jsonl").exists() for p in WMT22_PAIRS)):
        corpus = wmt22_corpus(with_source)
    else:
        corpus = committed_corpus(limit or MIN_ARTICLES)
    if limit and limit < len(corpus.articles):
        keep = {a.id for a in corpus.articles if a.id.startswith("non-en/")}
        english = [a for a in corpus.articles if a.id not in keep][: limit - len(keep)]
        keep.update(a.id for a in english)
        corpus.articles = [a for a in corpus.articles if a.id in keep]  # same interleaved order
    ids = [a.id for a in corpus.articles]
    assert len(ids) == len(set(ids)), "article ids must be unique"
    return corpus


def write_jsonl(articles: Sequence[NewsArticle], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            record: dict[str, str] = {"id": article.id, "text": article.text, "lang": "en"}
            if article.source:
                record["source"] = article.source
                record["source_lang"] = article.source_lang or ""
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------------------------
# The benchmarks.
# --------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the final table."""

    figure: str
    measured: str
    target: str
    passed: bool | None  # None: context only, no target


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _spread(values: Sequence[float]) -> str:
    return f"median {_ms(statistics.median(values))} (min {_ms(min(values))}, max {_ms(max(values))})"


@dataclass
class Outcome:
    rows: list[Row] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)

    def crash(self, what: str, result: RunResult) -> None:
        tail = " | ".join(result.stderr.strip().splitlines()[-3:])
        self.crashes.append(f"{what}: exit {result.returncode}: {tail}")


def bench_cold_start(cli: Cli, runs: int, outcome: Outcome) -> None:
    print(f"\n== Cold start: `mtcheck check {SEED_ARTICLE.relative_to(REPO)}` ({runs} runs after 1 warm-up) ==")
    commands = {
        'python -c "pass"': cli.python_pass(),
        'python -c "import mtcheck.cli"': cli.python_import_cli(),
        "mtcheck check seed": cli.check(SEED_ARTICLE),
        "mtcheck check seed, .pyc cached": cli.check(SEED_ARTICLE),
    }
    bytecode_off = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
    with tempfile.TemporaryDirectory(prefix="mtcheck-pycache-") as pycache:
        # An editable install with PYTHONDONTWRITEBYTECODE set (as here) recompiles mtcheck's own
        # sources at every start; a normal install has .pyc files. Measure both: the second
        # variant lets Python write bytecode to a private cache folder (the warm-up fills it).
        cached_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached_env["PYTHONPYCACHEPREFIX"] = pycache
        envs: dict[str, dict[str, str] | None] = {name: None for name in commands}
        envs["mtcheck check seed, .pyc cached"] = cached_env
        for name, command in commands.items():  # warm-up: OS file cache, bytecode cache
            run_measured(command, env=envs[name])
        results: dict[str, list[RunResult]] = {name: [] for name in commands}
        for _ in range(runs):  # interleaved, so that machine noise hits all of them alike
            for name, command in commands.items():
                results[name].append(run_measured(command, env=envs[name]))
    for name, runs_of in results.items():
        for result in runs_of:
            if result.crashed:
                outcome.crash(name, result)
                break
        walls = [r.wall_s for r in runs_of]
        print(f"  {name:34s} {_spread(walls)}   peak RSS {max(r.max_rss_mb for r in runs_of):.0f} MB")
    print(f"  (PYTHONDONTWRITEBYTECODE is {'set' if bytecode_off else 'not set'} in this environment)")
    base = statistics.median(r.wall_s for r in results['python -c "pass"'])
    imp = statistics.median(r.wall_s for r in results['python -c "import mtcheck.cli"'])
    check = statistics.median(r.wall_s for r in results["mtcheck check seed"])
    print(
        f"  -> interpreter {_ms(base)}, importing mtcheck.cli adds {_ms(imp - base)}, "
        f"checking the seed adds {_ms(check - imp)} more; check/pass = {check / base:.1f}x"
    )
    exit_codes = sorted({r.returncode for r in results["mtcheck check seed"]})
    print(f"  mtcheck check exit code(s): {exit_codes}")

    heavy, error = heavy_modules_after_check(cli)
    label = "CLI never imports " + "/".join(HEAVY_MODULES)
    if heavy is None:
        print(f"  heavy imports: could not determine ({error})")
        heavy_row = Row(label, "unknown", "none imported", False)
    else:
        verdict = "none imported" if not heavy else "IMPORTED: " + ", ".join(heavy)
        crashed = f" (but the in-process check raised {error})" if error else ""
        print(f"  heavy imports after `mtcheck check seed` in-process ({', '.join(HEAVY_MODULES)}): {verdict}{crashed}")
        heavy_row = Row(label, verdict + (" (check raised)" if error else ""), "none imported", not heavy)
        if error:
            outcome.crashes.append(f"in-process `mtcheck check seed` raised {error}")
    print_import_profile(cli)

    check_crashed = any(r.crashed for r in results["mtcheck check seed"])
    outcome.rows.append(
        Row(
            "cold start `mtcheck check seed` (median)",
            _ms(check) + (" (CRASHED)" if check_crashed else ""),
            f"<= {_ms(TARGET_COLD_START_S)}",
            check <= TARGET_COLD_START_S and not check_crashed,
        )
    )
    cached = statistics.median(r.wall_s for r in results["mtcheck check seed, .pyc cached"])
    outcome.rows.append(Row("  context: same, mtcheck .pyc cached", _ms(cached), "", None))
    outcome.rows.append(Row('  context: python -c "pass" (median)', _ms(base), "", None))
    outcome.rows.append(Row('  context: python -c "import mtcheck.cli"', _ms(imp), "", None))
    outcome.rows.append(heavy_row)
    peak = max(r.max_rss_mb for r in results["mtcheck check seed"])
    outcome.rows.append(Row("peak RSS, single check", f"{peak:.0f} MB", f"<= {TARGET_PEAK_RSS_MB:.0f} MB", peak <= TARGET_PEAK_RSS_MB))


def heavy_modules_after_check(cli: Cli) -> tuple[list[str] | None, str | None]:
    """(heavy top-level modules imported by an in-process `mtcheck check`, error it raised)."""
    with tempfile.TemporaryDirectory() as folder:
        result_file = Path(folder) / "modules.json"
        run_measured(cli.modules_after_check(SEED_ARTICLE, result_file))
        if not result_file.exists():
            return None, "the child wrote no module list"
        result = json.loads(result_file.read_text())
    return sorted({m.split(".")[0] for m in result["modules"]} & set(HEAVY_MODULES)), result["error"]


def print_import_profile(cli: Cli, top: int = 8) -> None:
    """The biggest top-level imports of `mtcheck check`, from ``python -X importtime``."""
    completed = subprocess.run(
        cli.importtime_check(SEED_ARTICLE), capture_output=True, text=True, cwd=REPO, timeout=120
    )
    entries: list[tuple[int, str]] = []
    for line in completed.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(3)) <= 1:  # top level only: nested imports are inside these
            entries.append((int(match.group(2)), match.group(4)))
    if not entries:
        return
    entries.sort(reverse=True)
    shown = ", ".join(f"{name} {us / 1000:.0f}" for us, name in entries[:top])
    total = sum(us for us, _ in entries) / 1000
    print(f"  biggest imports of `mtcheck check` (cumulative ms, -X importtime, {total:.0f} ms total): {shown}")


def verify_batch_output(articles: Sequence[NewsArticle], output: Path) -> tuple[bool, str, int]:
    """One report per input line, in order, ids echoed. Returns (ok, message, error lines)."""
    lines = output.read_text(encoding="utf-8").splitlines() if output.exists() else []
    if len(lines) != len(articles):
        return False, f"{len(lines)} output lines for {len(articles)} input lines", 0
    errors = 0
    for number, (line, article) in enumerate(zip(lines, articles), 1):
        try:
            report = json.loads(line)
        except json.JSONDecodeError:
            return False, f"output line {number} is not JSON", errors
        if report.get("id") != article.id:
            return False, f"output line {number} has id {report.get('id')!r}, expected {article.id!r}", errors
        if report.get("error"):
            errors += 1
    return True, "one report per line, in order, ids echoed", errors


def bench_batch(cli: Cli, corpus: Corpus, workers_list: Sequence[int], runs: int, outcome: Outcome) -> None:
    n, words = len(corpus.articles), corpus.words
    print(f"\n== Batch: `mtcheck batch IN.jsonl -o OUT.jsonl --workers N` on {n} articles, {words} words ==")
    with tempfile.TemporaryDirectory(prefix="mtcheck-bench-") as folder:
        input_path = Path(folder) / "articles.jsonl"
        write_jsonl(corpus.articles, input_path)
        results: dict[int, list[RunResult]] = {w: [] for w in workers_list}
        for _ in range(runs):  # interleaved, for the same reason as above
            for workers in workers_list:
                output_path = Path(folder) / f"out-{workers}.jsonl"
                output_path.unlink(missing_ok=True)
                result = run_measured(cli.batch(input_path, output_path, workers), sample_tree=True)
                results[workers].append(result)
                if result.crashed:
                    outcome.crash(f"batch --workers {workers}", result)
                ok, message, errors = verify_batch_output(corpus.articles, output_path)
                if not ok:
                    outcome.crashes.append(f"batch --workers {workers}: output check failed: {message}")
        base_rate: float | None = None
        for workers, runs_of in results.items():
            wall = statistics.median(r.wall_s for r in runs_of)
            rate = n / wall
            per_worker = rate / workers
            base_rate = base_rate or rate
            process_peak = max(r.max_rss_mb for r in runs_of)
            tree_peak = max(max(r.tree_rss_mb for r in runs_of), process_peak)
            ok, message, errors = verify_batch_output(corpus.articles, Path(folder) / f"out-{workers}.jsonl")
            print(
                f"  --workers {workers}: wall {_spread([r.wall_s for r in runs_of])}; "
                f"{rate:.1f} articles/s, {words / wall:,.0f} words/s; per worker {per_worker:.1f} articles/s, "
                f"{words / wall / workers:,.0f} words/s; speed-up vs first {rate / base_rate:.2f}x"
            )
            cpu = statistics.median(r.cpu_s for r in runs_of)
            print(
                f"              CPU time {cpu:.2f} s -> {n / cpu:.1f} articles per CPU-second "
                f"(independent of other load on the machine; wall/CPU = {wall / cpu:.2f})"
            )
            print(
                f"              peak RSS: largest process {process_peak:.0f} MB, whole tree {tree_peak:.0f} MB; "
                f"exit codes {sorted({r.returncode for r in runs_of})}; output: {message}"
                f"{f'; {errors} error lines' if errors else ''}"
            )
            outcome.rows.append(
                Row(
                    f"batch --workers {workers}: articles/s per worker",
                    f"{per_worker:.1f} ({rate:.1f} total, {words / wall:,.0f} words/s)",
                    f">= {TARGET_ARTICLES_PER_S_PER_WORKER:.0f}",
                    per_worker >= TARGET_ARTICLES_PER_S_PER_WORKER and ok,
                )
            )
            outcome.rows.append(
                Row(
                    f"batch --workers {workers}: peak RSS (whole tree)",
                    f"{tree_peak:.0f} MB",
                    f"<= {TARGET_PEAK_RSS_MB:.0f} MB",
                    tree_peak <= TARGET_PEAK_RSS_MB,
                )
            )
            outcome.rows.append(
                Row(f"  context: --workers {workers}, articles per CPU-second", f"{n / cpu:.1f}", "", None)
            )
            outcome.rows.append(Row(f"batch --workers {workers}: output contract", message, "1 per line, in order", ok))


def bench_api(corpus: Corpus, outcome: Outcome) -> None:
    """In-process throughput of ``check_article``: the ceiling the CLI's batch can approach."""
    sys.path.insert(0, str(REPO))
    import mtcheck.checks  # noqa: F401  (registers the rules, as the CLI does)
    from mtcheck.config import Config
    from mtcheck.pipeline import check_article
    from mtcheck.types import Article

    config = Config(lang="en")
    check_article(Article(id="warm-up", text=corpus.articles[0].text), config)  # loads the LID model
    started = time.perf_counter()
    for article in corpus.articles:
        check_article(
            Article(id=article.id, text=article.text, source=article.source, source_lang=article.source_lang, lang="en"),
            config,
        )
    wall = time.perf_counter() - started
    rate = len(corpus.articles) / wall
    print(
        f"\n== In-process API (context): check_article() on {len(corpus.articles)} articles: "
        f"{rate:.0f} articles/s, {corpus.words / wall:,.0f} words/s, {wall / len(corpus.articles) * 1000:.1f} ms/article =="
    )
    outcome.rows.append(Row("  context: in-process check_article(), 1 process", f"{rate:.0f} articles/s", "", None))


def print_table(rows: Sequence[Row]) -> None:
    width = max(len(r.figure) for r in rows)
    measured_width = max(len(r.measured) for r in rows)
    target_width = max(len(r.target) for r in rows)
    print("\n== Summary ==")
    print(f"  {'figure':{width}s}  {'measured':{measured_width}s}  {'target':{target_width}s}  result")
    for row in rows:
        result = "" if row.passed is None else ("PASS" if row.passed else "MISS")
        print(f"  {row.figure:{width}s}  {row.measured:{measured_width}s}  {row.target:{target_width}s}  {result}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 cold-start runs, 1 batch run each, 200 articles")
    parser.add_argument("--cold-runs", type=int, default=5, help="timed cold-start runs (default 5)")
    parser.add_argument("--batch-runs", type=int, default=3, help="timed runs per worker count (default 3)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--articles", type=int, default=0, help="use only the first N articles (>= 200; default all)")
    parser.add_argument("--corpus", choices=("auto", "wmt22", "committed"), default="auto",
                        help="auto: WMT22 from ../shared/data when present, else the committed corpus")
    parser.add_argument("--with-source", action="store_true", help="attach the aligned source text (WMT22 only)")
    parser.add_argument("--mtcheck", type=Path, default=None,
                        help="the mtcheck executable to time (default: the console script next to sys.executable)")
    parser.add_argument("--skip-cold", action="store_true", help="skip the cold-start benchmark")
    parser.add_argument("--skip-batch", action="store_true", help="skip the batch benchmark")
    args = parser.parse_args(argv)
    if args.quick:
        args.cold_runs, args.batch_runs = 3, 1
        args.articles = args.articles or MIN_ARTICLES
    workers_list = [int(w) for w in args.workers.split(",") if w.strip()]

    cli = Cli(args.mtcheck)
    corpus = load_corpus(args.corpus, args.with_source, max(MIN_ARTICLES, args.articles) if args.articles else None)
    words = [a.words for a in corpus.articles]
    print(f"mtcheck benchmark  python {sys.version.split()[0]}  {os.cpu_count()} CPUs  "
          f"load average {os.getloadavg()[0]:.2f} (a shared machine adds noise)  {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"console script: {cli.script}")
    print(f"corpus: {corpus.name}: {corpus.description}")
    print(
        f"        {len(corpus.articles)} articles ({corpus.non_english} non-English), {corpus.words} words, "
        f"median {statistics.median(words):.0f} words/article (min {min(words)}, max {max(words)})"
        f"{', with source texts' if any(a.source for a in corpus.articles) else ''}"
    )

    outcome = Outcome()
    available, why = cli.available()
    if not available:
        print(f"\nCLI not available ({why}): timing the in-process API only.")
    if available and not args.skip_cold:
        bench_cold_start(cli, args.cold_runs, outcome)
    if available and not args.skip_batch:
        bench_batch(cli, corpus, workers_list, args.batch_runs, outcome)
    bench_api(corpus, outcome)

    print_table(outcome.rows)
    if outcome.crashes:
        print("\nThe tool crashed or broke its output contract:")
        for crash in outcome.crashes:
            print(f"  - {crash}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
