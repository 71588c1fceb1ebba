"""GRM001 (a/an) and GRM002 (agreement): must-flag and must-pass cases."""

from __future__ import annotations

import pytest

from mtcheck.checks.grammar import starts_with_vowel_sound
from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.types import Article, Finding


def _findings(text: str, code: str, lang: str = "en") -> list[Finding]:
    report = check_article(Article(id="t", text=text, lang=lang), Config(select=(code,)))
    return [f for f in report.findings if f.code == code]


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("The meeting lasted a hour.", "a hour", "an hour"),
        ("He was a honest broker.", "a honest", "an honest"),
        ("She is an European diplomat.", "an European", "a European"),
        ("An UN convoy was hit.", "An UN", "A UN"),
        ("Police questioned a FBI agent.", "a FBI", "an FBI"),
        ("He is a MP for Kent.", "a MP", "an MP"),
        ("It was an unique chance.", "an unique", "a unique"),
        ("They held an one-day strike.", "an one-day", "a one-day"),
        ("A HSE student was detained.", "A HSE", "An HSE"),
        ("He used a unscented bleach.", "a unscented", "an unscented"),
        ("It was an NATO summit.", "an NATO", "a NATO"),
        ("A Ukrainian and a Iraqi official spoke.", "a Iraqi", "an Iraqi"),
    ],
)
def test_wrong_article_is_flagged(text: str, span: str, suggestion: str) -> None:
    findings = _findings(text, "GRM001")
    assert [(f.text, f.suggestion) for f in findings] == [(span, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "A UN official, a US-led coalition, a UK minister and an EU envoy met.",
        "An FBI agent, an MP, an NGO worker and an HIV clinic were named.",
        "An hour later an honest answer came from an heir.",
        "A university, a unit, a union, a European, a euro bond and a one-off payment.",
        "An historic deal was signed in an hotel; an herb garden was planted.",
        "An unidentified man, an unarmed guard and an unprecedented move.",
        "Plan A is cheaper. Grade A eggs. Vitamin A and Exhibit A or B.",
        "A NATO summit and a NASA probe; a SARS outbreak.",
        "A U-turn, an X-ray, an F-16 and an e-mail.",
        "An Uzbek and a Uruguayan met a Ugandan and an Iraqi.",
        "The REV Ocean yacht, a REV Ocean project.",
        'He said "a" and "an" are articles.',
        "Il a dit qu'il a un plan.",
    ],
)
def test_right_article_passes(text: str) -> None:
    assert _findings(text, "GRM001") == []


def test_article_rule_is_english_only() -> None:
    assert _findings("Ele foi a Europa e a Ásia.", "GRM001", lang="pt") == []


@pytest.mark.parametrize(
    ("word", "vowel"),
    [("hour", True), ("house", False), ("UN", False), ("FBI", True), ("EU", True), ("one", False),
     ("umbrella", True), ("university", False), ("historic", None)],
)
def test_first_sound(word: str, vowel: bool | None) -> None:
    assert starts_with_vowel_sound(word) is vowel


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("Officials said they was ready.", "they was", "they were"),
        ("The company said it are committed.", "it are", "it is"),
        ("The minister said she have resigned.", "she have", "she has"),
        ("Residents said we has no water.", "we has", "we have"),
        ("These kind of attacks are rare.", "These kind", "These kinds"),
        ("He rejected those sort of claims.", "those sort", "those sorts"),
    ],
)
def test_agreement_slip_is_flagged(text: str, span: str, suggestion: str) -> None:
    findings = _findings(text, "GRM002")
    assert [(f.text, f.suggestion) for f in findings] == [(span, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "They were ready; he has resigned; it is over; we have water.",
        "Did he have a role? Does she have a lawyer? Will they have time?",
        "The court insisted that he have a lawyer present.",
        "Let it have its say, and make it do the work.",
        '"We was robbed," the coach said.',
        "These kinds of attacks and this kind of claim are rare.",
        "Whatever they do, she does, if he were there, as it were.",
        "The number of people who said they have left is rising.",
    ],
)
def test_agreement_passes(text: str) -> None:
    assert _findings(text, "GRM002") == []
