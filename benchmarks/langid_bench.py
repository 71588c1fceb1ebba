"""Language-identification accuracy and speed, per backend, on news sentences and 4-word spans.

    .venv/bin/python benchmarks/langid_bench.py [--backends fasttext,langdetect,...]

Data: ``benchmarks/data/langid/<lang>.txt``, one news sentence a line, written for this
benchmark (16 languages, 41-42 sentences each; see the README there). Sentences at even line
numbers (0, 2, 4...) are the *dev* half the detector was tuned on; odd lines are *held out*.

Items:
* **sentences**: each line as a whole;
* **4-word spans**: consecutive, non-overlapping 4-word windows of each sentence (whitespace
  tokens, a trailing window shorter than 4 words is dropped). Chinese and Japanese are written
  without spaces, so a "4-word span" there is a window of 8 consecutive non-space characters
  (about four words at two characters a word, the same rate ``mtcheck.scoring.count_words``
  uses). Windows with no letter at all are skipped.

Backends: ``fasttext`` and ``langdetect`` are mtcheck's detectors as the pipeline uses them (ISO
codes, script constraint); ``fasttext-raw`` / ``langdetect-raw`` are the same models without the
script constraint, for comparison; ``lingua`` is added when the package happens to be installed.

When ``../shared/data/wmt22`` (or ``$MTCHECK_WMT22``) exists, a second table reports accuracy on
the WMT22 source sentences (ru, ja) and their English references: real news the detector was not
tuned on.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "langid"
WMT22 = Path(os.environ.get("MTCHECK_WMT22", HERE.parent.parent / "shared" / "data" / "wmt22"))
UNSPACED = {"zh", "ja"}
SPAN_WORDS = 4
SPAN_CHARS = 8

sys.path.insert(0, str(HERE.parent))

from mtcheck.langid import get_detector, iso639_1  # noqa: E402


@dataclass(frozen=True)
class Item:
    lang: str  # the gold ISO 639-1 code
    text: str
    held_out: bool
    group: str = ""  # the table row it counts in (its language unless given)

    @property
    def row(self) -> str:
        return self.group or self.lang


def spans_of(sentence: str, lang: str) -> list[str]:
    """Consecutive non-overlapping 4-word windows (8-character windows for zh/ja)."""
    if lang in UNSPACED:
        characters = "".join(sentence.split())
        windows = [characters[i : i + SPAN_CHARS] for i in range(0, len(characters) - SPAN_CHARS + 1, SPAN_CHARS)]
    else:
        words = sentence.split()
        windows = [" ".join(words[i : i + SPAN_WORDS]) for i in range(0, len(words) - SPAN_WORDS + 1, SPAN_WORDS)]
    return [w for w in windows if any(c.isalpha() for c in w)]


def load_sentences() -> list[Item]:
    items = []
    for path in sorted(DATA.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        items.extend(Item(path.stem, line, index % 2 == 1) for index, line in enumerate(lines))
    return items


def as_spans(sentences: Iterable[Item]) -> list[Item]:
    return [Item(s.lang, span, s.held_out, s.group) for s in sentences for span in spans_of(s.text, s.lang)]


Predictor = Callable[[str], str]


def predictors(names: list[str]) -> dict[str, Predictor]:
    chosen: dict[str, Predictor] = {}
    for name in names:
        if name in ("fasttext", "langdetect"):
            detector = get_detector(name)
            chosen[name] = lambda text, d=detector: (d.ranked(text, k=1) or [("und", 0.0)])[0][0]
        elif name in ("fasttext-raw", "langdetect-raw"):
            detector = get_detector(name.removesuffix("-raw"))
            chosen[name] = lambda text, d=detector: iso639_1((d.raw_ranked(text, k=1) or [("und", 0.0)])[0][0])
        elif name == "lingua":
            try:
                from lingua import LanguageDetectorBuilder
            except ImportError:
                print("lingua: not installed, skipped", file=sys.stderr)
                continue
            lingua = LanguageDetectorBuilder.from_all_languages().build()

            def predict_lingua(text: str, detector=lingua) -> str:
                language = detector.detect_language_of(text)
                return language.iso_code_639_1.name.lower() if language else "und"

            chosen[name] = predict_lingua
        else:
            raise SystemExit(f"unknown backend {name!r}")
    return chosen


@dataclass
class Result:
    correct: dict[str, int]
    total: dict[str, int]
    seconds: float
    items: int
    misses: list[tuple[str, str, str]]

    def accuracy(self, key: str) -> float:
        return self.correct.get(key, 0) / self.total[key] if self.total.get(key) else float("nan")


def evaluate(predict: Predictor, items: list[Item]) -> Result:
    correct: dict[str, int] = {}
    total: dict[str, int] = {}
    misses = []
    # Warm up outside the clock: the first call loads the model.
    predict("warm up")
    started = time.perf_counter()
    predictions = [predict(item.text) for item in items]
    seconds = time.perf_counter() - started
    for item, predicted in zip(items, predictions):
        keys = [item.row, "all", "held-out" if item.held_out else "dev"]
        for key in keys:
            total[key] = total.get(key, 0) + 1
            correct[key] = correct.get(key, 0) + (predicted == item.lang)
        if predicted != item.lang:
            misses.append((item.lang, predicted, item.text))
    return Result(correct, total, seconds, len(items), misses)


def table(title: str, rows: list[str], columns: dict[str, Result], show_rows: list[str]) -> str:
    header = f"| {title} | " + " | ".join(columns) + " |"
    lines = [header, "|" + " --- |" * (len(columns) + 1)]
    for row in rows:
        if row not in show_rows:
            continue
        cells = []
        for result in columns.values():
            n = result.total.get(row, 0)
            cells.append(f"{result.accuracy(row):.3f} ({n})" if n else "-")
        lines.append(f"| {row} | " + " | ".join(cells) + " |")
    lines.append("| ms per item | " + " | ".join(f"{1000 * r.seconds / max(r.items, 1):.3f}" for r in columns.values()) + " |")
    return "\n".join(lines)


def wmt22_items() -> list[Item] | None:
    if not WMT22.is_dir():
        return None
    items = []
    for path in sorted(WMT22.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            document = json.loads(line)
            for field, lang in (("source", document["source_lang"]), ("reference", document["lang"])):
                for segment in document[field].splitlines():
                    if segment.strip():
                        group = f"{lang} {field} ({path.stem})"
                        items.append(Item(lang, segment.strip(), True, group))
    return items


def run_wmt22(chosen: dict[str, Predictor], show_misses: int) -> None:
    items = wmt22_items()
    if items is None:
        print(f"\nWMT22 data not found at {WMT22}: real-data table skipped.")
        return
    print(f"## WMT22 general test set, news (real data, never tuned on): {WMT22}\n")
    groups = sorted({i.row for i in items})
    for kind, subset in (("sentences", items), ("4-word spans", as_spans(items))):
        results = {name: evaluate(predict, subset) for name, predict in chosen.items()}
        print(table(f"WMT22 {kind}", groups + ["all"], results, groups + ["all"]))
        print()
        if show_misses:
            for name, result in results.items():
                for gold_lang, predicted, text in result.misses[:show_misses]:
                    print(f"  {name} miss: {gold_lang} -> {predicted}: {text[:100]}")
            print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="fasttext,fasttext-raw,langdetect,langdetect-raw,lingua")
    parser.add_argument("--misses", type=int, default=0, help="print up to N misclassified items per table")
    args = parser.parse_args()
    chosen = predictors([b.strip() for b in args.backends.split(",") if b.strip()])

    sentences = load_sentences()
    spans = as_spans(sentences)
    languages = sorted({s.lang for s in sentences})
    print(f"# Language ID: {len(sentences)} news sentences, {len(spans)} 4-word spans, {len(languages)} languages")
    print(f"# data: {DATA}; dev = even lines, held-out = odd lines\n")
    for kind, items in (("sentences", sentences), ("4-word spans", spans)):
        results = {name: evaluate(predict, items) for name, predict in chosen.items()}
        print(table(kind, languages + ["dev", "held-out", "all"], results, languages + ["dev", "held-out", "all"]))
        print()
        if args.misses:
            for name, result in results.items():
                for gold_lang, predicted, text in result.misses[: args.misses]:
                    print(f"  {name} miss: {gold_lang} -> {predicted}: {text}")
            print()
    run_wmt22(chosen, args.misses)


if __name__ == "__main__":
    main()
