"""Sentence alignment, NEG001, OMI001 and ADD001 on WMT22 general-task documents.

Reads /work/shared/data/wmt22/*.jsonl (source, professional reference and MT system outputs,
aligned line by line; never copied into the repository) and prints:

1. alignment accuracy: the joined texts are segmented with mtcheck.segment and aligned; a pair
   is correct when all its sentences come from the same line of the line-aligned original
   (with the line breaks kept as paragraphs, and with lines joined by spaces: no paragraphs);
2. false alarms per rule per 1,000 words on the references (a professional translation);
3. findings per rule per 1,000 words on each MT system, with a few examples to read;
4. detection on injected errors in the references: a dropped sentence, a dropped clause (a long
   sentence cut at a comma), an added sentence (taken from another document), a removed
   English negation, an inserted one. A detection is a finding of the rule overlapping the
   changed sentence (for a dropped sentence: either neighbour).

    .venv/bin/python benchmarks/fidelity_alignment.py [--data DIR] [--examples N]
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

from mtcheck.align import align_document
from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.scoring import count_words
from mtcheck.segment import split_sentences
from mtcheck.types import Article

RULES = ("NEG001", "OMI001", "ADD001")
CONFIG = Config(select=RULES)


def _line_of(lines: list[str], separator: str, segments) -> list[int]:
    starts, position = [], 0
    for line in lines:
        starts.append(position)
        position += len(line) + len(separator)
    return [bisect.bisect_right(starts, s.start) - 1 for s in segments]


def alignment_accuracy(documents: list[dict], separator: str) -> tuple[int, int, int, int]:
    good_pairs = pairs = good_sentences = sentences = 0
    for doc in documents:
        source_lines, target_lines = doc["source"].split("\n"), doc["reference"].split("\n")
        source, target = separator.join(source_lines), separator.join(target_lines)
        source_segments, target_segments = split_sentences(source), split_sentences(target)
        source_gold = _line_of(source_lines, separator, source_segments)
        target_gold = _line_of(target_lines, separator, target_segments)
        for pair in align_document(source_segments, target_segments, source, target).pairs:
            lines = {source_gold[i] for i in pair.source} | {target_gold[j] for j in pair.target}
            correct = len(lines) == 1 and bool(pair.source) and bool(pair.target)
            pairs += 1
            good_pairs += correct
            sentences += len(pair.target)
            good_sentences += len(pair.target) if correct else 0
    return good_pairs, pairs, good_sentences, sentences


def findings(doc: dict, text: str) -> list:
    article = Article(id=doc["id"], text=text, source=doc["source"], source_lang=doc["source_lang"], lang=doc["lang"])
    return list(check_article(article, CONFIG).findings)


_NEGATED = re.compile(r"\b(?:(is|was|are|were|will|would|could|can|did|does|do|has|have|had) not|(\w+)n't)\b")
_AUXILIARY = re.compile(r"\b(is|was|are|were|will|would|could|has|have|had)\b(?! not)")


def inject(doc: dict, other: dict, rng: random.Random) -> list[tuple[str, str, str, int, int]]:
    """(kind, rule, text, start, end): the changed reference and where the rule should fire."""
    text = doc["reference"]
    sentences = [s for s in split_sentences(text) if len(s.text) >= 60]
    cases = []
    if len(sentences) >= 3:
        victim = sentences[rng.randrange(1, len(sentences) - 1)]
        changed = text[: victim.start] + text[victim.end :].lstrip(" ")
        cases.append(("drop sentence", "OMI001", changed, max(0, victim.start - 200), victim.start + 200))
    long = [s for s in sentences if len(s.text) >= 140 and ", " in s.text[40:-40]]
    if long:
        victim = rng.choice(long)
        cut = victim.text.find(", ", len(victim.text) // 3)
        if 0 < cut < len(victim.text) * 0.6:
            shorter = victim.text[:cut] + "."
            changed = text[: victim.start] + shorter + text[victim.end :]
            cases.append(("drop clause", "OMI001", changed, victim.start, victim.start + len(shorter)))
    extra = [s.text for s in split_sentences(other["reference"]) if 80 <= len(s.text) <= 250]
    if extra and sentences:
        after = rng.choice(sentences)
        added = rng.choice(extra)
        changed = text[: after.end] + " " + added + text[after.end :]
        cases.append(("add sentence", "ADD001", changed, after.end + 1, after.end + 1 + len(added)))
    negated = [s for s in split_sentences(text) if _NEGATED.search(s.text)]
    if negated:
        victim = rng.choice(negated)
        match = _NEGATED.search(victim.text)
        plain = (match.group(1) or {"can": "can", "won": "will", "don": "do", "doesn": "does", "didn": "did"}.get(
            (match.group(2) or "").lower(), match.group(2) or ""
        ))
        new = victim.text[: match.start()] + plain + victim.text[match.end() :]
        changed = text[: victim.start] + new + text[victim.end :]
        cases.append(("remove negation", "NEG001", changed, victim.start, victim.start + len(new)))
    positive = [s for s in split_sentences(text) if _AUXILIARY.search(s.text) and not _NEGATED.search(s.text)
                and not re.search(r"\b(?:no|never|not|nothing|none|without)\b", s.text, re.I)]
    if positive:
        victim = rng.choice(positive)
        match = _AUXILIARY.search(victim.text)
        new = victim.text[: match.end()] + " not" + victim.text[match.end() :]
        changed = text[: victim.start] + new + text[victim.end :]
        cases.append(("insert negation", "NEG001", changed, victim.start, victim.start + len(new)))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/work/shared/data/wmt22")
    parser.add_argument("--examples", type=int, default=4)
    args = parser.parse_args()
    files = sorted(Path(args.data).glob("*.jsonl"))
    documents = {f.stem: [json.loads(line) for line in f.open(encoding="utf-8")] for f in files}

    print("1. Alignment accuracy (pairs whose sentences all come from one line of the original)")
    for pair_name, docs in documents.items():
        for label, separator in (("line breaks kept", "\n"), ("lines joined by spaces", " ")):
            good, total, good_sentences, sentences = alignment_accuracy(docs, separator)
            print(f"   {pair_name} {label:24} pairs {good}/{total} = {good / total:.3f}   "
                  f"translation sentences {good_sentences}/{sentences} = {good_sentences / sentences:.3f}")

    print("\n2. False alarms on references (per 1,000 words)")
    for pair_name, docs in documents.items():
        counts: Counter[str] = Counter()
        words = 0
        shown = []
        for doc in docs:
            words += count_words(doc["reference"])
            for finding in findings(doc, doc["reference"]):
                counts[finding.code] += 1
                shown.append((doc["id"], finding))
        rates = "  ".join(f"{code} {1000 * counts[code] / words:.2f} ({counts[code]})" for code in RULES)
        print(f"   {pair_name} ({words} words): {rates}")
        for doc_id, finding in shown[: args.examples]:
            print(f"      {doc_id} {finding.code}: {finding.text[:110]!r}")

    print("\n3. MT system outputs (findings per 1,000 words; read them, they are not all errors)")
    for pair_name, docs in documents.items():
        for system in sorted(docs[0]["systems"]):
            counts = Counter()
            words = 0
            examples = defaultdict(list)
            for doc in docs:
                output = doc["systems"].get(system) or ""
                if not output.strip():
                    continue
                words += count_words(output)
                for finding in findings(doc, output):
                    counts[finding.code] += 1
                    examples[finding.code].append(finding)
            rates = "  ".join(f"{code} {1000 * counts[code] / max(words, 1):.2f} ({counts[code]})" for code in RULES)
            print(f"   {pair_name} {system:9} ({words} words): {rates}")
            for code in RULES:
                for finding in examples[code][: args.examples // 2]:
                    print(f"      {code}: {finding.text[:100]!r} | {finding.message[:150]!r}")

    print("\n4. Injected errors in the references (detected / injected)")
    rng = random.Random(20221)
    detected: Counter[str] = Counter()
    injected: Counter[str] = Counter()
    for pair_name, docs in documents.items():
        for number, doc in enumerate(docs):
            other = docs[(number + 7) % len(docs)]
            for kind, code, text, start, end in inject(doc, other, rng):
                injected[f"{pair_name} {kind}"] += 1
                hit = any(f.code == code and f.start < end and f.end > start for f in findings(doc, text))
                detected[f"{pair_name} {kind}"] += hit
    for key in sorted(injected):
        print(f"   {key:28} {detected[key]}/{injected[key]} = {detected[key] / injected[key]:.2f}")


if __name__ == "__main__":
    main()
