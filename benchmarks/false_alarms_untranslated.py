"""False alarms, recall and speed of the untranslated-text rules (UNT001-UNT003).

    .venv/bin/python benchmarks/false_alarms_untranslated.py [--show-mt N] [--data DIR]

1. **False alarms on real, edited news**: the WMT22 news test documents (../shared/data/wmt22,
   or --data DIR). Each document's `reference` lines, joined with newlines, are one
   professionally translated English article, checked with its Russian/Japanese `source` (so
   UNT003 runs too) and `lang="en"`. A finding there is almost always a false alarm: reported per
   rule per 1,000 words (target <= 0.1) and listed in full.
2. **What the rules flag on real MT**: the same documents as translated by the four online
   systems (Online-A/B/G/Y); counts per rule, and with --show-mt N the first N findings per rule.
3. **Recall on synthetic insertions** (no shared data needed): three-sentence English articles
   from benchmarks/data/langid/en.txt with, in the middle sentence, a clause from another
   language's file (UNT001: 5-8 words of de/fr/es/it/pt/nl/pl/tr) or a run in another script
   (UNT002: 1-3 words of ru/uk/ar/fa/zh/ja/ko). Detected = a finding of the rule overlaps at
   least half of the inserted text.
4. **Speed**: a ~400-word article, and 300 KB with no punctuation at all.

When the shared data is absent, parts 1-2 say so and are skipped.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter
from pathlib import Path

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.scoring import count_words
from mtcheck.types import Article, Finding
from wmt22 import load_documents  # benchmarks/wmt22.py (scripts run from their folder)

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "wmt22"
LANGID_DATA = HERE / "data" / "langid"
CODES = ("UNT001", "UNT002", "UNT003")
CONFIG = Config(select=("UNT",))


def check(doc: dict, text: str, suffix: str) -> list[Finding]:
    article = Article(
        id=f"{doc['id']}{suffix}", text=text, source=doc["source"], source_lang=doc["source_lang"], lang="en"
    )
    return list(check_article(article, CONFIG).findings)


def per_thousand(counts: Counter[str], words: int) -> str:
    return "  ".join(f"{code} {counts.get(code, 0):3d} ({1000 * counts.get(code, 0) / max(words, 1):.3f}/1k)" for code in CODES)


def real_data(data_dir: Path, show_mt: int) -> None:
    if not data_dir.is_dir():
        print(f"WMT22 data not found at {data_dir}: false-alarm and MT parts skipped.\n")
        return
    docs = load_documents(data_dir)
    print(f"## 1. False alarms on WMT22 English references ({len(docs)} documents, {data_dir})\n")
    counts: Counter[str] = Counter()
    words = 0
    listed = []
    for doc in docs:
        findings = check(doc, doc["reference"], "/reference")
        words += count_words(doc["reference"])
        for finding in findings:
            counts[finding.code] += 1
            listed.append((doc["id"], finding))
    print(f"words: {words}")
    print(f"findings: {per_thousand(counts, words)}   (target <= 0.1/1k each)")
    for doc_id, finding in listed:
        print(f"  {finding.code} {doc_id}: {finding.text!r} — {finding.message}")
    print()

    print("## 2. What the rules flag on the online MT systems' outputs\n")
    for system in sorted(docs[0]["systems"]):
        counts = Counter()
        words = 0
        examples: dict[str, list[tuple[str, Finding]]] = {code: [] for code in CODES}
        for doc in docs:
            output = doc["systems"][system]
            words += count_words(output)
            for finding in check(doc, output, f"/{system}"):
                counts[finding.code] += 1
                examples[finding.code].append((doc["id"], finding))
        print(f"{system}: {words} words; {per_thousand(counts, words)}")
        for code in CODES:
            for doc_id, finding in examples[code][:show_mt]:
                print(f"    {code} {doc_id}: {finding.text[:80]!r} — {finding.message[:90]}")
    print()


def _lines(lang: str) -> list[str]:
    path = LANGID_DATA / f"{lang}.txt"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _overlap(finding: Finding, start: int, end: int) -> int:
    return max(0, min(finding.end, end) - max(finding.start, start))


def recall(trials: int, show_misses: int) -> None:
    print("## 3. Recall on synthetic insertions into English copy\n")
    rng = random.Random(0)
    english = _lines("en")
    cases = {
        "UNT001": ("de", "fr", "es", "it", "pt", "nl", "pl", "tr"),
        "UNT002": ("ru", "uk", "ar", "fa", "zh", "ja", "ko"),
    }
    for code, languages in cases.items():
        for lang in languages:
            foreign = _lines(lang)
            found = exact = 0
            misses: list[str] = []
            for _ in range(trials):
                first, middle, last = rng.sample(english, 3)
                donor = rng.choice(foreign)
                if lang in ("zh", "ja"):
                    characters = [c for c in donor if c.isalpha()]
                    begin = rng.randrange(max(1, len(characters) - 6))
                    inserted = "".join(characters[begin : begin + rng.randint(2, 6)])
                else:
                    donor_words = [w.strip(",.\"«»“”„()") for w in donor.split()[1:]]
                    donor_words = [w for w in donor_words if w and not any(ch.isdigit() for ch in w)]
                    size = rng.randint(5, 8) if code == "UNT001" else rng.randint(1, 3)
                    begin = rng.randrange(max(1, len(donor_words) - size))
                    inserted = " ".join(donor_words[begin : begin + size])
                middle_words = middle.rstrip(".").split()
                cut = rng.randrange(2, max(3, len(middle_words) - 1))
                if code == "UNT001":
                    # A clause appended after a comma, the typical shape of a half-translated quote.
                    sentence = " ".join(middle_words[:cut]) + ", " + inserted + ", " + " ".join(middle_words[cut:]) + "."
                else:
                    sentence = " ".join(middle_words[:cut]) + " " + inserted + " " + " ".join(middle_words[cut:]) + "."
                text = f"{first} {sentence} {last}"
                start = text.index(inserted)
                end = start + len(inserted)
                report = check_article(Article(id="synthetic", text=text, lang="en"), CONFIG)
                hits = [f for f in report.findings if f.code == code]
                if any(2 * _overlap(f, start, end) >= end - start for f in hits):
                    found += 1
                else:
                    misses.append(f"{inserted!r} in {sentence!r} -> {[f.text for f in hits]}")
                if any(f.start == start and f.end == end for f in hits):
                    exact += 1
            print(f"{code} {lang}: detected {found}/{trials} ({found / trials:.2f}), exact span {exact}/{trials}")
            for miss in misses[:show_misses]:
                print(f"    missed: {miss}")
    print()


def speed() -> None:
    print("## 4. Speed (pipeline with UNT rules only, language ID included)\n")
    english = _lines("en")
    article = "\n\n".join(" ".join(english[i : i + 4]) for i in range(0, 20, 4))
    words = count_words(article)
    check_article(Article(id="warm", text=article, lang="en"), CONFIG)
    times = []
    for _ in range(20):
        started = time.perf_counter()
        check_article(Article(id="a", text=article, lang="en"), CONFIG)
        times.append(time.perf_counter() - started)
    print(f"{words}-word article: median {1000 * statistics.median(times):.1f} ms")
    words_pool = " ".join(english).replace(".", "").replace(",", "").replace('"', "").split()
    blob_words = []
    size = 0
    index = 0
    while size < 300_000:
        word = words_pool[index % len(words_pool)]
        blob_words.append(word)
        size += len(word) + 1
        index += 1
    blob = " ".join(blob_words)
    started = time.perf_counter()
    report = check_article(Article(id="blob", text=blob, lang="en"), CONFIG)
    print(f"{len(blob) // 1000} KB without punctuation: {time.perf_counter() - started:.2f} s, {len(report.findings)} findings")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-mt", type=int, default=3, metavar="N")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N", help="list N missed insertions per language")
    parser.add_argument("--trials", type=int, default=40, help="synthetic articles per language")
    args = parser.parse_args()
    real_data(args.data, args.show_mt)
    recall(args.trials, args.show_misses)
    speed()


if __name__ == "__main__":
    main()
