"""False alarms of the number rules (NUM001-NUM003) on edited news, and what they flag on MT.

    .venv/bin/python benchmarks/false_alarms_numbers.py [--show-mt N] [--data DIR]

1. **False alarms**: each WMT22 document's `reference` (a professional English translation,
   lines joined with newlines) checked against its Russian/Japanese `source`. A finding there is
   almost always a false alarm: reported per rule per 1,000 words (target <= 0.3 for the family)
   and listed in full with the source sentence it was paired with.
2. **MT output**: the same documents as translated by the online systems; counts per rule and,
   with --show-mt N, the first N findings per rule.
3. **Speed**: extraction over 300 KB of digits and separators.

The data is read where it lies (../shared/data/wmt22, or --data DIR), never copied.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from mtcheck.config import Config
from mtcheck.numbers import extract_numbers
from mtcheck.pipeline import check_article
from mtcheck.scoring import count_words
from mtcheck.types import Article, Finding
from wmt22 import load_documents  # benchmarks/wmt22.py (scripts run from their folder)

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "wmt22"
CODES = ("NUM001", "NUM002", "NUM003")
CONFIG = Config(select=("NUM",))
TARGET_PER_THOUSAND = 0.3


def check(doc: dict, text: str, suffix: str) -> list[Finding]:
    article = Article(
        id=f"{doc['id']}{suffix}", text=text, source=doc["source"], source_lang=doc["source_lang"], lang=doc.get("lang", "en")
    )
    return list(check_article(article, CONFIG).findings)


def per_thousand(counts: Counter[str], words: int) -> str:
    parts = [f"{code} {counts.get(code, 0):3d} ({1000 * counts.get(code, 0) / max(words, 1):.3f}/1k)" for code in CODES]
    total = sum(counts.values())
    parts.append(f"all {total:3d} ({1000 * total / max(words, 1):.3f}/1k)")
    return "  ".join(parts)


def show(doc_id: str, finding: Finding) -> str:
    suggestion = f" -> {finding.suggestion!r}" if finding.suggestion else ""
    return f"  {finding.code} {doc_id} [{finding.start}:{finding.end}] {finding.text[:90]!r}{suggestion}\n      {finding.message[:160]}"


def real_data(data_dir: Path, show_mt: int) -> None:
    if not data_dir.is_dir():
        print(f"WMT22 data not found at {data_dir}: false-alarm and MT parts skipped.\n")
        return
    docs = load_documents(data_dir)
    print(f"## 1. False alarms on WMT22 references ({len(docs)} documents, {data_dir})\n")
    counts: Counter[str] = Counter()
    words = 0
    listed = []
    for doc in docs:
        words += count_words(doc["reference"])
        for finding in check(doc, doc["reference"], "/reference"):
            counts[finding.code] += 1
            listed.append((doc["id"], finding))
    print(f"words: {words}")
    print(f"findings: {per_thousand(counts, words)}   (target <= {TARGET_PER_THOUSAND}/1k for the family)")
    for doc_id, finding in listed:
        print(show(doc_id, finding))

    print("\n## 2. Findings on MT output (same documents)\n")
    systems = sorted({name for doc in docs for name in doc.get("systems", {})})
    for system in systems:
        counts = Counter()
        words = 0
        examples: dict[str, list[str]] = {code: [] for code in CODES}
        for doc in docs:
            output = doc.get("systems", {}).get(system)
            if not output:
                continue
            words += count_words(output)
            for finding in check(doc, output, f"/{system}"):
                counts[finding.code] += 1
                if len(examples[finding.code]) < show_mt:
                    examples[finding.code].append(show(doc["id"], finding))
        print(f"{system:10s} words {words:6d}  {per_thousand(counts, words)}")
        for code in CODES:
            for line in examples[code]:
                print(line)


def speed() -> None:
    print("\n## 3. Speed\n")
    for label, text, lang in (
        ("300 KB of digits", "1" * 300_000, "en"),
        ("300 KB of '1,'", "1," * 150_000, "en"),
        ("300 KB of '1 ' (fr grouping)", "1 " * 150_000, "fr"),
        ("300 KB of 一", "一" * 300_000, "zh"),
    ):
        started = time.perf_counter()
        mentions = extract_numbers(text, lang)
        print(f"{label:32s} {time.perf_counter() - started:6.2f} s  ({len(mentions)} mentions)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-mt", type=int, default=0, metavar="N", help="list the first N MT findings per rule")
    args = parser.parse_args()
    real_data(args.data, args.show_mt)
    speed()


if __name__ == "__main__":
    main()
