"""False alarms of the boilerplate (BPL) and repetition (REP) rules on real, edited news.

Reads the WMT22 news test documents from ../shared/data/wmt22/*.jsonl (relative to the
repository; override with --data DIR). Each document's `reference` lines, joined with newlines,
form one professionally edited English article: a finding there is almost always a false alarm.
Prints findings per 1,000 words for each rule (target <= 0.1) and lists every finding, then the
same counts on the four online MT systems' outputs (real machine translations), with the
findings listed so they can be read.

    .venv/bin/python benchmarks/false_alarms_core.py            # summary + reference findings
    .venv/bin/python benchmarks/false_alarms_core.py --show-mt  # also list the MT findings

The data is not part of the repository: when it is absent the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.scoring import count_words
from mtcheck.types import Article
from wmt22 import load_documents  # benchmarks/wmt22.py (scripts run from their folder)

RULE_PREFIXES = ("BPL", "REP")
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "wmt22"


def _run(articles: list[Article], config: Config) -> tuple[int, Counter[str], list[tuple[str, object]]]:
    words = 0
    per_rule: Counter[str] = Counter()
    listed = []
    for article in articles:
        report = check_article(article, config)
        words += count_words(article.text)
        for finding in report.findings:
            per_rule[finding.code] += 1
            listed.append((article.id, finding))
    return words, per_rule, listed


def _print_rates(title: str, words: int, per_rule: Counter[str], codes: list[str]) -> None:
    print(f"\n{title}: {words:,} words")
    for code in codes:
        rate = per_rule[code] * 1000 / words if words else 0.0
        print(f"  {code}  {per_rule[code]:4d} findings  {rate:.3f} per 1,000 words")


def _print_findings(listed: list[tuple[str, object]]) -> None:
    for article_id, finding in listed:
        text = " ".join(finding.text.split())
        print(f"  [{finding.code}] {article_id} {finding.start}-{finding.end}: {text[:110]!r}")
        print(f"           {finding.message[:160]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of WMT22 *.jsonl")
    parser.add_argument("--show-mt", action="store_true", help="list findings on MT outputs too")
    args = parser.parse_args(argv)

    if not args.data.is_dir() or not any(args.data.glob("*.jsonl")):
        print(f"WMT22 data not found at {args.data}; nothing to measure (skipped).")
        return 0

    config = Config(select=RULE_PREFIXES, lang="en")
    from mtcheck.registry import select_rules

    codes = [r.code for r in select_rules(RULE_PREFIXES)]
    documents = load_documents(args.data)
    print(f"Data: {args.data} ({len(documents)} documents); rules: {', '.join(codes)}")

    references = [
        Article(id=d["id"], text=d["reference"], lang="en") for d in documents if d.get("reference")
    ]
    words, per_rule, listed = _run(references, config)
    _print_rates("References (false alarms)", words, per_rule, codes)
    _print_findings(listed)

    systems = sorted({name for d in documents for name in d.get("systems", {})})
    for system in systems:
        outputs = [
            Article(id=d["id"], text=d["systems"][system], lang="en")
            for d in documents
            if d.get("systems", {}).get(system)
        ]
        words, per_rule, listed = _run(outputs, config)
        _print_rates(f"MT system {system}", words, per_rule, codes)
        if args.show_mt:
            _print_findings(listed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
