from __future__ import annotations

import pytest

from mtcheck.config import Config, ConfigError
from mtcheck.scoring import count_words, penalty, score, verdict
from mtcheck.types import Finding, Severity


def _finding(severity: Severity) -> Finding:
    return Finding("TST001", "test", "style", severity, 0, 1, "x", "m")


def test_words_are_counted_in_spaced_and_unspaced_scripts() -> None:
    assert count_words("Putin calls Yerevan and Baku to calm down") == 8
    assert count_words("It left 6,500 people dead in 2020.") == 7
    assert count_words("Nagorno-Karabakh's war") == 2
    assert count_words("普京呼吁亚美尼亚") == 4  # eight characters, two per word
    assert count_words("") == 0


def test_penalty_uses_mqm_weights() -> None:
    findings = [_finding(Severity.MINOR), _finding(Severity.MAJOR), _finding(Severity.CRITICAL)]
    assert penalty(findings, Config()) == 31
    custom = Config().with_overrides(weights={"minor": 0.5, "major": 2, "critical": 10})
    assert penalty(findings, custom) == 12.5


def test_score_is_normalised_per_word_and_bounded() -> None:
    assert score(0, 400) == 100.0
    assert score(5, 400) == 98.75
    assert score(500, 400) == 0.0
    assert score(1, 0) == 0.0


@pytest.mark.parametrize(
    ("score_value", "severities", "expected"),
    [
        (100.0, [], "pass"),
        (98.0, [Severity.MINOR], "pass"),
        (97.99, [Severity.MINOR], "review"),
        (99.5, [Severity.MAJOR], "review"),
        (90.0, [], "review"),
        (89.99, [], "fail"),
        (99.5, [Severity.CRITICAL], "fail"),
    ],
)
def test_verdict_thresholds(score_value: float, severities: list[Severity], expected: str) -> None:
    assert verdict(score_value, [_finding(s) for s in severities], Config()) == expected


def test_bad_thresholds_are_refused() -> None:
    with pytest.raises(ConfigError):
        Config().with_overrides(pass_at=80.0, fail_below=90.0)
    with pytest.raises(ConfigError):
        Config().with_overrides(weights={"minor": 1, "major": 5})
