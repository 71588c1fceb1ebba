"""What a check sees: the article, its segments and languages, and the configuration."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from mtcheck.config import Config
from mtcheck.langid import LanguageDetector
from mtcheck.types import Article, LanguageGuess, Segment

_T = TypeVar("_T")


@dataclass(frozen=True)
class CheckContext:
    article: Article
    paragraphs: tuple[Segment, ...]
    sentences: tuple[Segment, ...]
    language: LanguageGuess  # detected language of the whole text
    target_lang: str  # declared language (--lang / record "lang"), else the detected one
    sentence_languages: tuple[LanguageGuess, ...]  # aligned with ``sentences``
    detector: LanguageDetector
    config: Config
    # Work that several rules of a family share (one tokenisation for REP001-REP003, one scan
    # for BPL001/BPL002), computed once per article; see ``shared``.
    _shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # Article-level measurements rules report besides findings (back-translation chrF/BLEU/TER
    # and their sacrebleu signatures); the pipeline copies them into ``Report.metrics``, and the
    # translation models listed under ``metrics["backtranslation"]["models"]`` into the signature.
    metrics: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def shared(self, key: str, compute: Callable[[CheckContext], _T]) -> _T:
        """``compute(self)``, computed once per article and kept under ``key``."""
        if key not in self._shared:
            self._shared[key] = compute(self)
        return self._shared[key]

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def source(self) -> str | None:
        return self.article.source

    @cached_property
    def source_sentences(self) -> tuple[Segment, ...]:
        from mtcheck.segment import split_sentences

        return tuple(split_sentences(self.article.source)) if self.article.source else ()
