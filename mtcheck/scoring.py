"""Findings -> MQM penalty -> 0-100 score -> verdict.

    penalty = sum of the severity weight of every finding (minor 1, major 5, critical 25)
    score   = 100 * max(0, 1 - penalty / words), rounded to 2 decimals
    verdict = "fail"   if any critical finding, or score < fail-below (90)
              "review" if any major finding, or score < pass-at (98)
              "pass"   otherwise

A critical finding (a changed number, a story in the wrong language) fails an article whatever
its length; a major one (a leaked site footer, a misspelt name) always sends it to a human; minor
ones pass it until they add up: a 400-word story passes with up to eight of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from mtcheck.config import Config
from mtcheck.types import Finding, Severity

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,:/-]\d+)*", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def count_words(text: str) -> int:
    """Words in ``text``; scripts written without spaces count one word per two characters."""
    cjk_characters = len(_CJK.findall(text))
    other_words = len(_WORD.findall(_CJK.sub(" ", text))) if cjk_characters else len(_WORD.findall(text))
    return other_words + (cjk_characters + 1) // 2


def penalty(findings: Iterable[Finding], config: Config) -> float:
    """Neutral findings weigh nothing: they are listed, not counted."""
    return sum(config.weights.get(f.severity.value, 0.0) for f in findings)


def score(total_penalty: float, words: int) -> float:
    return round(100.0 * max(0.0, 1.0 - total_penalty / max(words, 1)), 2)


def verdict(score_value: float, findings: Sequence[Finding], config: Config) -> str:
    if any(f.severity is Severity.CRITICAL for f in findings) or score_value < config.fail_below:
        return "fail"
    if any(f.severity is Severity.MAJOR for f in findings) or score_value < config.pass_at:
        return "review"
    return "pass"
