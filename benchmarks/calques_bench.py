"""Precision and recall of the translationese rules (CAL*, STY*, SPL*, GRM*), issue 5 item 5.

    .venv/bin/python benchmarks/calques_bench.py [--data DIR] [--show-mt N] [--list-missed]

(a) Precision: findings per 1,000 words of CAL*, STY*, SPL* and GRM* on the WMT22 English
    references (professionally translated and edited news, ``../shared/data/wmt22/*.jsonl``,
    field ``reference``; 113 documents), each finding listed for reading. Target ≤ 0.3 together.
    With ``--show-mt N``, also what fires on the four online MT systems' outputs of the same
    documents (the first N findings listed). Skipped, with a note, when the data is absent.
(b) Recall: on the machine-translated paragraphs in ``benchmarks/data/calques/<pack>.tsv``
    (tab-separated: id, expected entry ids comma-separated, paragraph; a header row is allowed),
    the share of expected entry ids that fire, per pack. An entry fires when a CAL/STY finding
    names it (``[pattern <id>]`` in the message) or ``calques.find_calques`` reports it among
    the entries matching at one place. Target ≥ 80% per pack.
(c) Source-language inference: on the same paragraphs, the share whose report
    ``source_language.code`` is the pack's source language (the pack file is ``<src>-<tgt>``).
    0 when ``mtcheck/source_inference.py`` does not exist yet.

Not a test: exits 0 whether or not a target is met.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.config import Config  # noqa: E402
from mtcheck.pipeline import check_article  # noqa: E402
from mtcheck.registry import all_rules  # noqa: E402
from mtcheck.types import Article, Finding  # noqa: E402

FAMILIES = ("CAL", "STY", "SPL", "GRM")
PRECISION_TARGET = 0.3  # findings per 1,000 words, all four families together
RECALL_TARGET = 0.8
WMT_DIRECTORY = ROOT.parent / "shared" / "data" / "wmt22"
CALQUE_DATA = ROOT / "benchmarks" / "data" / "calques"
_PATTERN_ID = re.compile(r"\[pattern ([a-z0-9-]+)\]")


def _codes() -> tuple[str, ...]:
    """The rule codes of the four families that exist now (calques.py may not have landed)."""
    return tuple(r.code for r in all_rules() if r.family in FAMILIES and r.default_enabled)


def _word_count(text: str) -> int:
    return len(text.split())


@dataclass
class Tally:
    documents: int = 0
    words: int = 0
    seconds: float = 0.0

    def per_thousand(self, count: int) -> float:
        return 1000 * count / self.words if self.words else 0.0


def _check(identifier: str, text: str, codes: tuple[str, ...], lang: str = "en"):
    return check_article(Article(id=identifier, text=text, lang=lang), Config(select=codes))


def _context(text: str, finding: Finding, width: int = 50) -> str:
    before = text[max(0, finding.start - width):finding.start].replace("\n", " ")
    after = text[finding.end:finding.end + width].replace("\n", " ")
    return f"…{before}[{finding.text}]{after}…"


def precision(codes: tuple[str, ...], data: Path, show_mt: int) -> None:
    files = sorted(data.glob("*.jsonl"))
    if not files:
        print(f"(a) precision: skipped, no WMT22 data in {data}")
        return
    records = [json.loads(line) for path in files for line in path.open(encoding="utf-8")]
    for label, field in (("references", "reference"), ("MT outputs", "systems")):
        if field == "systems" and show_mt <= 0:
            continue
        tally = Tally()
        found: list[tuple[str, str, Finding]] = []
        started = time.perf_counter()
        for record in records:
            versions = (
                [(record["id"], record["reference"])]
                if field == "reference"
                else [(f"{record['id']}/{name}", text) for name, text in sorted(record["systems"].items())]
            )
            for identifier, text in versions:
                tally.documents += 1
                tally.words += _word_count(text)
                report = _check(identifier, text, codes)
                found += [(identifier, text, f) for f in report.findings if f.code[:3] in FAMILIES]
        tally.seconds = time.perf_counter() - started
        by_family = Counter(f.code[:3] for _, _, f in found)
        rate = tally.per_thousand(len(found))
        verdict = ("PASS" if rate <= PRECISION_TARGET else "MISS") if field == "reference" else ""
        print(
            f"(a) WMT22 {label}: {tally.documents} documents, {tally.words} words, {len(found)} findings "
            f"= {rate:.3f} per 1,000 words (target ≤ {PRECISION_TARGET} on references) {verdict}; "
            + ", ".join(f"{family} {by_family.get(family, 0)} ({tally.per_thousand(by_family.get(family, 0)):.3f})"
                        for family in FAMILIES)
            + f"; {1000 * tally.seconds / tally.documents:.1f} ms per document (whole pipeline, these rules only)"
        )
        limit = len(found) if field == "reference" else show_mt
        for identifier, text, finding in found[:limit]:
            print(f"    {finding.code} {identifier}: {_context(text, finding)} → {finding.suggestion!r}")


def _read_paragraphs(path: Path) -> list[tuple[str, list[str], str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 3 or not row[0].strip() or row[0].startswith("#") or row[0].strip() == "id":
                continue
            expected = [e.strip() for e in row[1].split(",") if e.strip()]
            rows.append((row[0].strip(), expected, "\t".join(row[2:]).replace("\\n", "\n")))
    return rows


def _fired_entries(text: str, target: str, findings: list[Finding]) -> set[str]:
    fired = {m.group(1) for f in findings if f.code[:3] in ("CAL", "STY") for m in _PATTERN_ID.finditer(f.message)}
    try:
        from mtcheck.checks.calques import find_calques
    except ImportError:
        return fired
    for match in find_calques(text, target):
        fired.update(entry.id for entry in match.entries)
    return fired


def recall(codes: tuple[str, ...], list_missed: bool) -> None:
    files = sorted(CALQUE_DATA.glob("*.tsv"))
    if not files:
        print(f"(b) recall: no paragraphs yet in {CALQUE_DATA.relative_to(ROOT)}")
        print("(c) source-language inference: 0 paragraphs")
        return
    inference_exists = importlib.util.find_spec("mtcheck.source_inference") is not None
    recall_codes = codes + tuple(r.code for r in all_rules() if r.family in FAMILIES and not r.default_enabled)
    total_expected = total_hit = total_paragraphs = total_right = 0
    for path in files:
        source, _, target = path.stem.partition("-")
        target = target or "en"
        paragraphs = _read_paragraphs(path)
        expected_count = hit_count = right_language = 0
        inferred: Counter[str] = Counter()
        missed: list[str] = []
        for identifier, expected, text in paragraphs:
            report = _check(identifier, text, recall_codes, lang=target)
            fired = _fired_entries(text, target, list(report.findings))
            expected_count += len(expected)
            hits = [e for e in expected if e in fired]
            hit_count += len(hits)
            missed += [f"{identifier}:{e}" for e in expected if e not in fired]
            code = report.source_language.code if inference_exists else "und"
            inferred[code] += 1
            right_language += code == source
        share = hit_count / expected_count if expected_count else 0.0
        verdict = "PASS" if share >= RECALL_TARGET else "MISS"
        accuracy = right_language / len(paragraphs) if paragraphs else 0.0
        print(
            f"(b) {path.stem}: {len(paragraphs)} paragraphs, {hit_count}/{expected_count} expected entries "
            f"fire = {share:.1%} (target ≥ {RECALL_TARGET:.0%}) {verdict}"
        )
        print(
            f"(c) {path.stem}: source language inferred as {source!r} in {right_language}/{len(paragraphs)} "
            f"= {accuracy:.1%}; inferred: {dict(inferred.most_common(5))}"
            + ("" if inference_exists else " (mtcheck/source_inference.py not there yet: reported as 0)")
        )
        if list_missed and missed:
            print("    missed: " + ", ".join(missed))
        total_expected += expected_count
        total_hit += hit_count
        total_paragraphs += len(paragraphs)
        total_right += right_language
    if total_expected:
        print(f"(b) all packs: {total_hit}/{total_expected} = {total_hit / total_expected:.1%}")
    if total_paragraphs:
        print(f"(c) all packs: {total_right}/{total_paragraphs} = {total_right / total_paragraphs:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=WMT_DIRECTORY, help="folder of WMT22 *.jsonl files")
    parser.add_argument("--show-mt", type=int, default=0, metavar="N",
                        help="also run on the MT systems' outputs and list the first N findings")
    parser.add_argument("--list-missed", action="store_true", help="list expected entries that did not fire")
    args = parser.parse_args()
    codes = _codes()
    print(f"rules: {', '.join(codes) or '(none)'}")
    precision(codes, args.data, args.show_mt)
    recall(codes, args.list_missed)


if __name__ == "__main__":
    main()
