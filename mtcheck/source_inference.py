"""The likely source language of copy that arrives without its source (issue 5, item 2).

Translationese is evidence about the language a story was translated from. Three kinds of cue are
weighed, each a language with a weight:

- **calque packs** (``mtcheck/data/packs``): every entry that matched contributes its ``hints``
  (weights 1 weak .. 3 strong). An entry counts once at full weight; each repeat adds half its
  weight, up to twice its weight in all, so one phrase repeated ten times cannot outvote five
  different calques;
- **site boilerplate** (``mtcheck/data/boilerplate.toml``): a footer or navigation line whose entry
  is for languages other than the copy's (an Arabic "اقرأ أيضا" left in English copy) weighs 2 for
  each of those languages, once per entry. Entries for the copy's own language say nothing: they
  also cover English MT renderings of every language's footers;
- **untranslated sentences**: a sentence of at least 20 characters that the language detector
  puts in another language with confidence >= 0.9 weighs 1 for that language, at most 3 in all.

**Threshold.** A language is reported only when its total is at least ``MINIMUM_EVIDENCE`` (4: two
strong cues, or one strong and one weak, never one phrase alone), at least ``RUNNER_UP_RATIO``
(1.5) times the runner-up's total and ahead of it by at least ``MINIMUM_MARGIN`` (2); otherwise the
answer is ``und`` (method "none"). The runner-up, not all the evidence, is the yardstick: many
entries hint at a family of languages (French, Spanish, Italian and Portuguese MT share calques:
``{fr = 3, es = 2, it = 2, pt = 2}``), so French copy with five such calques has only a third of
the evidence for French, yet French is clearly the best reading. The confidence is the language's
share of the two leaders' evidence, scaled down while its total is below ``CONFIDENT_EVIDENCE``
(8): best / (best + runner-up) * min(1, best / 8).

Measured with ``benchmarks/calques_bench.py`` (part e): on articles of five MT paragraphs from
Arabic, Russian and French the language is right in 92-100% and never wrong; on single
paragraphs it is mostly ``und`` (one paragraph rarely holds two calques); on the WMT22 English
references (professional translations from Russian and Japanese) it is always ``und``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from mtcheck.context import CheckContext
from mtcheck.types import LanguageGuess

MINIMUM_EVIDENCE = 4.0
RUNNER_UP_RATIO = 1.5
MINIMUM_MARGIN = 2.0
CONFIDENT_EVIDENCE = 8.0
BOILERPLATE_WEIGHT = 2.0
SENTENCE_WEIGHT = 1.0
SENTENCE_CAP = 3.0
SENTENCE_MIN_CHARS = 20
SENTENCE_MIN_CONFIDENCE = 0.9


@dataclass(frozen=True)
class Evidence:
    """How much each language is pointed at, and by what (for explanations and tests)."""

    weights: dict[str, float]
    cues: tuple[str, ...]

    @property
    def total(self) -> float:
        return sum(self.weights.values())


def gather_evidence(context: CheckContext) -> Evidence:
    target = _base(context.target_lang)
    weights: defaultdict[str, float] = defaultdict(float)
    cues: list[str] = []
    _add_calque_hints(context, target, weights, cues)
    _add_boilerplate(context, target, weights, cues)
    _add_foreign_sentences(context, target, weights, cues)
    return Evidence(dict(weights), tuple(cues))


def source_language(context: CheckContext) -> LanguageGuess:
    """The article's source language, worked out once per article: given (the record's or the
    configuration's), else detected from the source text, else inferred from the copy."""
    return context.shared("source-language", _source_language)


def _source_language(context: CheckContext) -> LanguageGuess:
    declared = context.article.source_lang or context.config.source_lang
    if declared:
        return LanguageGuess(declared, 1.0, "given")
    source = context.article.source
    if source and source.strip():
        from mtcheck.langid import detect

        return detect(context.detector, source)
    return infer_source_language(context)


def infer_source_language(context: CheckContext) -> LanguageGuess:
    """The likely source language, ``method="inferred"``; undetermined when the evidence is thin."""
    evidence = gather_evidence(context)
    return decide(evidence.weights)


def decide(weights: dict[str, float]) -> LanguageGuess:
    ranked = sorted(((weight, language) for language, weight in weights.items() if weight > 0), reverse=True)
    if not ranked:
        return LanguageGuess.undetermined()
    best, language = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    if best < MINIMUM_EVIDENCE or best < RUNNER_UP_RATIO * runner_up or best - runner_up < MINIMUM_MARGIN:
        return LanguageGuess.undetermined()
    confidence = best / (best + runner_up) * min(1.0, best / CONFIDENT_EVIDENCE)
    return LanguageGuess(language, round(confidence, 3), "inferred")


def _add_calque_hints(
    context: CheckContext, target: str, weights: defaultdict[str, float], cues: list[str]
) -> None:
    from mtcheck.checks.calques import calque_matches

    occurrences: Counter[str] = Counter()
    hints_by_entry: dict[str, dict[str, float]] = {}
    for found in calque_matches(context):
        for candidate in found.candidates:
            occurrences[candidate.entry.id] += 1
            hints_by_entry[candidate.entry.id] = candidate.entry.hints
    for entry_id, count in occurrences.items():
        factor = min(1.0 + 0.5 * (count - 1), 2.0)
        for language, weight in hints_by_entry[entry_id].items():
            if language != target:
                weights[language] += weight * factor
        cues.append(f"pack entry {entry_id} x{count}")


def _add_boilerplate(
    context: CheckContext, target: str, weights: defaultdict[str, float], cues: list[str]
) -> None:
    from mtcheck.checks.boilerplate import find_boilerplate

    # Same key as the BPL rules: one scan per article, whoever asks first.
    seen: set[str] = set()
    for found in context.shared("boilerplate", lambda c: find_boilerplate(c.text)):
        languages = [_base(code) for code in found.entry.languages]
        if target in languages or found.entry.id in seen:
            continue
        seen.add(found.entry.id)
        for language in languages:
            weights[language] += BOILERPLATE_WEIGHT
        cues.append(f"boilerplate {found.entry.id}")


def _add_foreign_sentences(
    context: CheckContext, target: str, weights: defaultdict[str, float], cues: list[str]
) -> None:
    added: defaultdict[str, float] = defaultdict(float)
    for sentence, guess in zip(context.sentences, context.sentence_languages):
        language = _base(guess.code)
        if (
            language in ("und", target)
            or len(sentence.text.strip()) < SENTENCE_MIN_CHARS
            or guess.confidence < SENTENCE_MIN_CONFIDENCE
            or added[language] >= SENTENCE_CAP
        ):
            continue
        added[language] += SENTENCE_WEIGHT
        weights[language] += SENTENCE_WEIGHT
        cues.append(f"sentence {sentence.index} in {language}")


def _base(code: str) -> str:
    return (code or "und").split("-")[0].split("_")[0].lower()
