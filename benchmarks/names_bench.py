"""Recall, false alarms and speed of the name rules (NAM001-NAM005).

    .venv/bin/python benchmarks/names_bench.py [--data DIR] [--runs N]

1. **Recall** on benchmarks/data/names/misspellings.tsv: wire sentences with a misspelt name or
   a foreign form leaked into English copy (columns: sentence, span, expected suggestion, kind).
   A row counts when a NAM001 or NAM002 finding has exactly that span and that suggestion
   (target >= 90%). Every miss is listed with what was reported instead.
2. **Accepted variants** in benchmarks/data/names/variants.tsv (Zelensky, Kiev, Erdoğan,
   Haftar...): major name findings on them (target 0), listed.
3. **False alarms on edited news**: the English references of the WMT22 news documents
   (../shared/data/wmt22/*.jsonl, or --data DIR; skipped, saying so, when absent), checked as
   English copy, and a second time with their Russian/Japanese source so that NAM005 runs.
   Major name findings per 1,000 words (target <= 0.5), every finding listed for reading.
   Findings that are real errors in the references (benchmarks/data/names/reference_errors.tsv:
   document, rule, a span inside the finding, and the reason) are listed apart and not counted.
4. **Speed**, medians side by side in one run: milliseconds the name rules add to the check of
   a ~400-word article (all default rules vs the same without NAM; target <= 5 ms), and the
   gazetteer's first-use cost in a fresh process (load + exact and fuzzy indexes; target
   <= 0.3 s), from the on-disk index cache and, for comparison, built from the compiled file.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.registry import select_rules
from mtcheck.scoring import count_words
from mtcheck.types import Article, Finding, Severity
from wmt22 import load_documents  # benchmarks/wmt22.py (scripts run from their folder)

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "names"
DEFAULT_WMT = HERE.parent.parent / "shared" / "data" / "wmt22"
REPO = HERE.parent
NAMES = Config(select=("NAM",))
MAJOR_CODES = ("NAM001", "NAM002", "NAM005")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def name_findings(text: str, source: str | None = None, source_lang: str | None = None) -> list[Finding]:
    article = Article(id="bench", text=text, source=source, source_lang=source_lang, lang="en")
    return [f for f in check_article(article, NAMES).findings if f.code.startswith("NAM")]


def recall() -> float:
    rows = read_tsv(DATA / "misspellings.tsv")
    hits = Counter[str]()
    totals = Counter[str]()
    misses = []
    for row in rows:
        totals[row["kind"]] += 1
        findings = name_findings(row["sentence"])
        right = [
            f for f in findings
            if f.code in ("NAM001", "NAM002") and f.text == row["span"] and f.suggestion == row["expected"]
        ]
        if right:
            hits[row["kind"]] += 1
        else:
            got = "; ".join(f"{f.code} {f.text!r} -> {f.suggestion!r}" for f in findings) or "nothing"
            misses.append(f"  [{row['kind']}] {row['span']!r} -> {row['expected']!r}: got {got}\n      {row['sentence']}")
    total = sum(totals.values())
    rate = sum(hits.values()) / total
    print(f"1. Recall with the right suggestion: {sum(hits.values())}/{total} = {rate:.1%} (target >= 90%)")
    for kind in sorted(totals):
        print(f"   {kind:<12} {hits[kind]}/{totals[kind]} = {hits[kind] / totals[kind]:.1%}")
    if misses:
        print(f"   misses ({len(misses)}):")
        print("\n".join(misses))
    return rate


def variants() -> int:
    rows = read_tsv(DATA / "variants.tsv")
    flagged = []
    minor = 0
    for row in rows:
        for finding in name_findings(row["sentence"]):
            if finding.severity.rank >= Severity.MAJOR.rank:
                flagged.append(f"  {finding.code} {finding.text!r} -> {finding.suggestion!r}: {row['sentence']}")
            else:
                minor += 1
    print(f"\n2. Accepted variants flagged major: {len(flagged)} in {len(rows)} sentences (target 0); "
          f"minor/neutral findings: {minor} (NAM003 is off by default)")
    print("\n".join(flagged))
    return len(flagged)


def false_alarms(data_dir: Path) -> float | None:
    if not data_dir.is_dir() or not list(data_dir.glob("*.jsonl")):
        print(f"\n3. False alarms: no WMT22 data in {data_dir}; skipped.")
        return None
    known = read_tsv(DATA / "reference_errors.tsv")
    docs = load_documents(data_dir)
    words = 0
    counted = Counter[str]()
    listed: list[str] = []
    real_errors: list[str] = []
    neutral: list[str] = []
    for doc in docs:
        text = doc["reference"]
        words += count_words(text)
        findings = name_findings(text, doc["source"], doc["source_lang"])
        for finding in findings:
            line = f"  {doc['id']} {finding.code} {finding.text[:70]!r} -> {finding.suggestion!r}: {finding.message[:160]}"
            if finding.severity is Severity.NEUTRAL:
                neutral.append(line)
            elif why := next((r["why"] for r in known if r["doc"] == doc["id"] and r["code"] == finding.code
                              and r["span"] in finding.text), None):
                real_errors.append(f"{line}\n      (a real error in the reference: {why})")
            elif finding.code in MAJOR_CODES:
                counted[finding.code] += 1
                listed.append(line)
            else:
                listed.append(line + "   [minor, off by default]")
    major = sum(counted.values())
    rate = 1000 * major / words
    print(f"\n3. False name alarms on {len(docs)} professionally edited English news articles (WMT22 references "
          f"in {data_dir}, {words:,} words, checked with their sources):")
    print(f"   major: {major} = {rate:.3f} per 1,000 words (target <= 0.5); "
          + ", ".join(f"{code} {counted.get(code, 0)}" for code in MAJOR_CODES))
    print(f"   every finding ({len(listed)}):")
    print("\n".join(listed) if listed else "   (none)")
    print(f"   real errors in the references, not counted ({len(real_errors)}):")
    print("\n".join(real_errors) if real_errors else "   (none)")
    print(f"   neutral (NAM004, listed, never counted) ({len(neutral)}):")
    print("\n".join(neutral) if neutral else "   (none)")
    return rate


def four_hundred_words(data_dir: Path) -> list[str]:
    """~400-word English news articles: WMT22 references cut at line ends, or the seed."""
    articles: list[str] = []
    if data_dir.is_dir():
        for doc in load_documents(data_dir):
            lines, size = [], 0
            for line in doc["reference"].splitlines():
                lines.append(line)
                size += len(line.split())
                if size >= 400:
                    articles.append("\n".join(lines))
                    lines, size = [], 0
    if not articles:
        articles = [(REPO / "seeds" / "putin-yerevan-baku.txt").read_text(encoding="utf-8")]
    return articles[:40]


def speed(data_dir: Path, runs: int) -> tuple[float, float]:
    articles = four_hundred_words(data_dir)
    with_names = Config()
    without_names = Config(ignore=("NAM",))
    assert any(r.family == "NAM" for r in select_rules(with_names.select, with_names.ignore))
    for text in articles:  # warm up: gazetteer, indexes, language ID
        check_article(Article(id="w", text=text, lang="en"), with_names)
    added: list[float] = []
    for _ in range(runs):
        for text in articles:
            article = Article(id="s", text=text, lang="en")
            start = time.perf_counter()
            check_article(article, without_names)
            middle = time.perf_counter()
            check_article(article, with_names)
            end = time.perf_counter()
            added.append((end - middle) - (middle - start))
    words = statistics.median(count_words(t) for t in articles)
    child = (
        "import time; t = time.perf_counter(); from mtcheck.gazetteer import get_gazetteer; g = get_gazetteer(); "
        "g.exact; g.fuzzy; g.known_tokens; print(time.perf_counter() - t)"
    )
    import os

    warm, cold = [], []
    for _ in range(5):  # interleaved: from the on-disk index cache, and with the cache off
        for cache_dir, times in ((None, warm), ("", cold)):
            env = dict(os.environ)
            if cache_dir is not None:
                env["MTCHECK_CACHE_DIR"] = cache_dir
            out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True, cwd=REPO, env=env)
            times.append(float(out.stdout.strip()))
    added_ms = 1000 * statistics.median(added)
    load_s = statistics.median(warm)
    print(f"\n4. Speed (medians, one run): name rules add {added_ms:.2f} ms to a {words:.0f}-word article "
          f"({len(articles)} articles x {runs} runs, all default rules with and without NAM; target <= 5 ms)")
    print(f"   gazetteer first use in a fresh process (load + exact and fuzzy indexes, 5 runs each): "
          f"{load_s:.3f} s from the on-disk index cache ({min(warm):.3f}-{max(warm):.3f}; target <= 0.3 s), "
          f"{statistics.median(cold):.3f} s building from the compiled file ({min(cold):.3f}-{max(cold):.3f}; "
          "once per gazetteer version and house files)")
    return added_ms, load_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_WMT, help="folder with the WMT22 *.jsonl files")
    parser.add_argument("--runs", type=int, default=5, help="timing runs over the ~400-word articles")
    args = parser.parse_args()
    from mtcheck.gazetteer import get_gazetteer

    print(f"gazetteer: {get_gazetteer().signature}\n")
    rate = recall()
    flagged = variants()
    alarms = false_alarms(args.data)
    added_ms, load_s = speed(args.data, args.runs)
    print("\nSummary")
    print(f"  recall with the right suggestion  {rate:.1%}   target >= 90%   {'PASS' if rate >= 0.9 else 'MISS'}")
    print(f"  variants flagged major            {flagged}       target 0        {'PASS' if flagged == 0 else 'MISS'}")
    if alarms is None:
        print("  false alarms per 1,000 words      skipped (no WMT22 data)")
    else:
        print(f"  false alarms per 1,000 words      {alarms:.3f}   target <= 0.5   {'PASS' if alarms <= 0.5 else 'MISS'}")
    print(f"  ms added to a 400-word article    {added_ms:.2f}    target <= 5     {'PASS' if added_ms <= 5 else 'MISS'}")
    print(f"  gazetteer load (s, cached index)  {load_s:.3f}   target <= 0.3   {'PASS' if load_s <= 0.3 else 'MISS'}")


if __name__ == "__main__":
    main()
