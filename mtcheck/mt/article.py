"""An article's sentences translated back into the source language, computed once per article
and shared by the aligner (as a similarity between sentences) and the BTR rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mtcheck.context import CheckContext


@dataclass(frozen=True)
class BackTranslation:
    source_lang: str
    sentences: tuple[str, ...]  # one back-translation per translation sentence
    model: str  # the translator's describe(), for the report signature


def source_language(context: CheckContext) -> str | None:
    """The source language: declared, or detected from the source text."""
    declared = context.article.source_lang or context.config.source_lang
    if declared:
        return declared
    if context.source and context.source.strip():
        from mtcheck.langid import detect

        guess = detect(context.detector, context.source)
        return guess.code if guess.code != "und" else None
    return None


def back_translated_sentences(context: CheckContext) -> BackTranslation | None:
    """The translation's sentences in the source language (None when the source language is
    unknown or is the copy's own language)."""

    def compute(ctx: CheckContext) -> BackTranslation | None:
        from mtcheck.mt.catalogue import get_translator

        source_lang = source_language(ctx)
        if source_lang is None or source_lang == ctx.target_lang or not ctx.sentences:
            return None
        config = ctx.config
        spec = config.models[0] if config.models else None
        translator = get_translator(spec, ctx.target_lang, source_lang, config.model_compute_type)
        sentences = translator.translate([s.text.strip() for s in ctx.sentences])
        return BackTranslation(source_lang, tuple(sentences), translator.describe())

    return context.shared("backtranslated-sentences", compute)


def chrf_similarity(context: CheckContext, back: BackTranslation) -> Callable[[tuple[int, ...], tuple[int, ...]], float]:
    """For the aligner: chrF/100 between source sentences and the back-translation of
    translation sentences (memoised: the dynamic programme asks for the same cells often)."""
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    sources = context.source_sentences
    scores: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}

    def similarity(source: tuple[int, ...], target: tuple[int, ...]) -> float:
        key = (source, target)
        if key not in scores:
            hypothesis = " ".join(back.sentences[i] for i in target)
            reference = " ".join(sources[i].text.strip() for i in source)
            scores[key] = chrf.sentence_score(hypothesis, [reference]).score / 100.0
        return scores[key]

    return similarity
