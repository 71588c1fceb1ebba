"""What a check sees: the article, its segments and languages, and the configuration."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from mtcheck.config import Config
from mtcheck.langid import LanguageDetector
from mtcheck.types import Article, LanguageGuess, Segment


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
