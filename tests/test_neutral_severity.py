"""Neutral findings (MQM's zero-weight level) are listed in every format but never counted."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.report import render
from mtcheck.scoring import penalty, verdict
from mtcheck.types import Article, Finding, Severity

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Oil prices fell on Monday as traders weighed new supply data from OPEC members."


def _report_with_neutral_finding():
    report = check_article(Article(id="a", text=TEXT), Config())
    start = TEXT.index("OPEC")
    note = Finding("NAM004", "ambiguous-name", "terminology", Severity.NEUTRAL, start, start + 4, "OPEC", "Listed only.")
    return replace(report, findings=(*report.findings, note))


def test_neutral_weighs_nothing_and_does_not_change_the_verdict() -> None:
    note = _report_with_neutral_finding().findings[-1]
    assert penalty([note], Config()) == 0
    assert verdict(100.0, [note], Config()) == "pass"


def test_neutral_findings_are_rendered_in_every_format() -> None:
    report = _report_with_neutral_finding()
    schema = json.loads((ROOT / "mtcheck" / "schema" / "report-1.schema.json").read_text())
    jsonschema.validate(json.loads(render([report], "json")), schema)
    assert "NEUTRAL NAM004" in render([report], "text")
    assert "| Neutral |" in render([report], "markdown")
    page = render([report], "html")
    assert 'class="sev-neutral' in page and 'id="show-neutral"' in page
