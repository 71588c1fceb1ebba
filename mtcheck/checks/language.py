"""LNG: the article is not in the language it was declared to be in."""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.context import CheckContext
from mtcheck.registry import Example, Hit, rule
from mtcheck.types import Severity

# Languages a detector cannot tell apart reliably; a declared one of these accepts the others.
_INTERCHANGEABLE = [{"hr", "sr", "bs", "sh"}, {"ms", "id"}, {"no", "nb", "nn"}]
_MIN_CONFIDENCE = 0.5


def same_language(declared: str, detected: str) -> bool:
    if declared == detected:
        return True
    return any(declared in group and detected in group for group in _INTERCHANGEABLE)


@rule(
    code="LNG001",
    supersedes=["UNT"],
    name="language-mismatch",
    category="accuracy/untranslated",
    severity=Severity.CRITICAL,
    summary="The article is not in the declared target language.",
    what="""
        The whole article, as detected, is in another language than the one it was declared in
        (`--lang`, the batch record's `lang`, or `lang` in the configuration). Only runs when a
        language was declared, and only when the detector is reasonably sure (confidence >= 0.5).
    """,
    why="""
        An item in the wrong language (an untranslated original, or a translation into the wrong
        language) must not reach the page; it is the most expensive mistake in the pipeline.
    """,
    fix="Send the item back for translation, or correct the declared language.",
    must_flag=[
        Example(
            "Le président russe a appelé l'Arménie et l'Azerbaïdjan à la retenue après les combats "
            "les plus violents depuis 2020 entre les deux pays.",
            flags="Le président russe a appelé l'Arménie et l'Azerbaïdjan à la retenue après les "
            "combats les plus violents depuis 2020 entre les deux pays.",
            lang="en",
        ),
    ],
    must_pass=[
        Example(
            "Russian President Vladimir Putin called on Armenia and Azerbaijan to show restraint "
            "after the most violent clashes since 2020.",
            lang="en",
        ),
        Example("Rusya Devlet Başkanı Putin, Ermenistan ve Azerbaycan'a itidal çağrısı yaptı.", lang="tr"),
    ],
)
def check_language_mismatch(context: CheckContext) -> Iterator[Hit]:
    declared = context.article.lang or context.config.lang
    detected = context.language
    if not declared or detected.code == "und" or detected.confidence < _MIN_CONFIDENCE:
        return
    if same_language(declared, detected.code):
        return
    text = context.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    yield Hit(
        start,
        end,
        f"The article is in {detected.code} (confidence {detected.confidence:.2f}), "
        f"not in the declared language {declared}.",
        confidence=detected.confidence,
    )
