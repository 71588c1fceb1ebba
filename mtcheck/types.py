"""The values that flow through mtcheck: articles in, findings and reports out.

All are frozen dataclasses so that a report, once built, cannot drift from its signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """MQM severity levels, ordered. ``neutral`` (MQM's zero-weight level) lists something for
    the desk to look at that is not an error, such as a name that matches two people."""

    NEUTRAL = "neutral"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        try:
            return cls(str(value.value if isinstance(value, Severity) else value).lower())
        except ValueError:
            allowed = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {allowed})") from None


_SEVERITY_RANK = {Severity.NEUTRAL: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}

# The MQM core typology, as used in findings. Documented in README ("Categories").
CATEGORIES: dict[str, str] = {
    "accuracy/mistranslation": "The target does not mean what the source means.",
    "accuracy/omission": "Content of the source is missing from the target.",
    "accuracy/addition": "The target contains content that is not in the source.",
    "accuracy/untranslated": "Source-language (or other-language) text left in the target.",
    "fluency/spelling": "Misspelled words or names.",
    "fluency/grammar": "Grammar errors.",
    "fluency/repetition": "Text repeated by mistake.",
    "terminology": "A term or name not in its accepted form.",
    "style": "Awkward, unidiomatic or non-house style.",
    "locale-convention": "Numbers, dates, units or names not in the target locale's form.",
}


@dataclass(frozen=True)
class LanguageGuess:
    """A language as an ISO 639-1 code ("und" when undetermined) and a confidence in [0, 1]."""

    code: str
    confidence: float
    method: str = "detected"  # detected | given | inferred | none

    @classmethod
    def undetermined(cls) -> LanguageGuess:
        return cls("und", 0.0, "none")


@dataclass(frozen=True)
class Segment:
    """A sentence (or a paragraph) with character offsets into the article text."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class WireItem:
    """What a wire item (NITF, NewsML-G2, ninjs) says about itself, kept in the report.

    ``parts`` maps the item's fields to their place in ``Article.text``: ``(name, start, end)``
    with name ``headline``, ``byline``, ``dateline`` or ``body`` (one per body paragraph run), so
    a CMS can tell a finding in the headline from one in the body.
    """

    format: str  # nitf | newsml | ninjs
    guid: str | None = None  # NITF doc-id@id-string, NewsML-G2 newsItem@guid, ninjs uri
    version: str | None = None  # NITF du-key@version, NewsML-G2 newsItem@version, ninjs version
    language: str | None = None  # the declared language as written (xml:lang, language tag, ninjs language)
    headline: str | None = None
    byline: str | None = None
    dateline: str | None = None
    index: int = 1  # 1-based position in a file holding several items (newsMessage, ninjs array)
    count: int = 1
    parts: tuple[tuple[str, int, int], ...] = ()

    def summary(self) -> str:
        """One line for report headers: ``NITF item urn:x · version 3 · declared en · 2 of 3``."""
        name = {"nitf": "NITF", "newsml": "NewsML-G2", "ninjs": "ninjs"}.get(self.format, self.format)
        facts = [f"{name} item {self.guid}" if self.guid else f"{name} item (no guid)"]
        if self.version:
            facts.append(f"version {self.version}")
        if self.language:
            facts.append(f"declared {self.language}")
        if self.count > 1:
            facts.append(f"{self.index} of {self.count}")
        return " · ".join(facts)


@dataclass(frozen=True)
class Article:
    """One item to check, as read and decoded. Offsets in findings refer to ``text``."""

    id: str
    text: str
    source: str | None = None
    source_lang: str | None = None
    lang: str | None = None
    origin: str = ""  # file path, "-" or "line N", for messages
    input_format: str = "text"  # text | html | jsonl | nitf | newsml | ninjs
    item: WireItem | None = None  # wire formats only: guid, version, declared language...

    def with_languages(self, lang: str | None, source_lang: str | None, **changes: Any) -> Article:
        """This article with the languages the user gave (--lang, a form, a record) winning over
        those it declares itself (a wire item's xml:lang); ``changes`` as for ``replace``."""
        return replace(self, lang=lang or self.lang, source_lang=source_lang or self.source_lang, **changes)


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    category: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestion: str | None = None
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class SkippedRule:
    code: str
    reason: str


@dataclass(frozen=True)
class ReportError:
    type: str
    message: str


@dataclass(frozen=True)
class SegmentLanguage:
    segment: Segment
    language: LanguageGuess


@dataclass(frozen=True)
class Report:
    id: str
    language: LanguageGuess
    source_language: LanguageGuess
    words: int
    score: float | None  # None only on error reports
    verdict: str | None  # pass | review | fail; None only on error reports
    findings: tuple[Finding, ...]
    signature: str
    penalty: float = 0.0
    segments: tuple[SegmentLanguage, ...] = ()
    metrics: dict[str, Any] = field(default_factory=dict)
    skipped: tuple[SkippedRule, ...] = ()
    origin: str = ""
    # The text the offsets refer to; renderers need it, the JSON report does not carry it.
    text: str = field(default="", repr=False)
    error: ReportError | None = None
    item: WireItem | None = None  # copied from Article.item (wire formats)

    @property
    def incomplete(self) -> bool:
        return bool(self.skipped) or self.error is not None
