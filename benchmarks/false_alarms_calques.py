"""False alarms of the calque packs (CAL001-CAL005, STY001) on real, edited news.

Each WMT22 document's `reference` lines (../shared/data/wmt22/*.jsonl, relative to the repository;
override with --data DIR), joined with newlines, form one professionally edited English article:
a pack finding there is almost always a false alarm. Prints findings per rule per 1,000 words
(target: <= 0.3 for all packs together), lists every finding with its pack entry, and reports the
source language inferred for each document that is not `und` (all would be wrong guesses for
professional English).

    .venv/bin/python benchmarks/false_alarms_calques.py

The data is not part of the repository: when it is absent the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from mtcheck.checks.calques import KIND_TO_CODE
from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.scoring import count_words
from mtcheck.types import Article

CODES = sorted(set(KIND_TO_CODE.values()))
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "wmt22"
TARGET_RATE = 0.3


def _articles(data_dir: Path) -> list[Article]:
    articles = []
    for path in sorted(data_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    articles.append(Article(id=record["id"], text=record["reference"], lang="en"))
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    articles = _articles(args.data)
    if not articles:
        print(f"no WMT22 data in {args.data}; nothing to measure")
        return 0
    config = Config(select=tuple(CODES))
    words = 0
    per_rule: Counter[str] = Counter()
    listed = []
    inferred = []
    for article in articles:
        report = check_article(article, config)
        words += count_words(article.text)
        for finding in report.findings:
            per_rule[finding.code] += 1
            listed.append((article.id, finding))
        if report.source_language.code != "und":
            inferred.append((article.id, report.source_language))
    total = sum(per_rule.values())
    print(f"WMT22 references: {len(articles)} documents, {words:,} words")
    for code in CODES:
        print(f"  {code}  {per_rule[code]:4d} findings  {per_rule[code] * 1000 / words:.3f} per 1,000 words")
    rate = total * 1000 / words
    verdict = "OK" if rate <= TARGET_RATE else "ABOVE TARGET"
    print(f"  all   {total:4d} findings  {rate:.3f} per 1,000 words (target <= {TARGET_RATE}) {verdict}")
    print("\nFindings on the references:")
    for article_id, finding in listed:
        entry = finding.message.rsplit("[pattern ", 1)[-1].rstrip("]")
        print(f"  {article_id}  {finding.code}  {entry}: {finding.text!r} -> {finding.suggestion!r}")
    print(f"\nSource language inferred (not und) on {len(inferred)} of {len(articles)} references:")
    for article_id, guess in inferred:
        print(f"  {article_id}  {guess.code} ({guess.confidence:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
