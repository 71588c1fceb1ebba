"""Every JSON report validates against mtcheck/schema/report-1.schema.json, and the docs match it."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from mtcheck.config import Config
from mtcheck.pipeline import check_article, error_report
from mtcheck.report import render
from mtcheck.report.json import dumps, report_to_dict
from mtcheck.types import CATEGORIES, Article, Finding, Report, Severity, SkippedRule

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "mtcheck" / "schema" / "report-1.schema.json"
DOC_PATH = ROOT / "README.md"  # the JSON report is documented field by field there
SEED_TEXT = (ROOT / "seeds" / "putin-yerevan-baku.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _seed(**article_fields: object) -> Report:
    article = Article(id="seed", text=SEED_TEXT, origin="seeds/putin-yerevan-baku.txt", **article_fields)
    return check_article(article, Config())


def _with_many_findings(report: Report) -> Report:
    """The seed report plus hand-made findings of every severity, category and shape."""
    text = report.text
    findings = []
    for number, (needle, severity, category) in enumerate(
        [
            ("Putin", Severity.MINOR, "style"),  # at the very start
            ("Anthony Blinken", Severity.MAJOR, "terminology"),
            ("Anthony", Severity.MINOR, "fluency/spelling"),  # nested in the previous one
            ("the nineties of the last century", Severity.MAJOR, "style"),
            ("United States.\n\nHe stressed", Severity.CRITICAL, "fluency/repetition"),  # across paragraphs
            ("via Google news", Severity.MINOR, "accuracy/addition"),  # at the very end
        ]
    ):
        start = text.index(needle)
        end = start + len(needle)
        findings.append(
            Finding(
                code=f"TST{number:03d}",
                name="test-rule",
                category=category,
                severity=severity,
                start=start,
                end=end,
                text=text[start:end],
                message=f"Hand-made finding {number}.",
                suggestion=None if number % 2 else "replacement",
                confidence=0.5 + number / 20,
            )
        )
    return replace(
        report,
        findings=tuple(sorted([*report.findings, *findings], key=lambda f: (f.start, f.end, f.code))),
        skipped=(SkippedRule("BTR001", "needs a translation model (--backtranslate)"),),
        metrics={"chrf": 54.21, "bleu": 23.1},
    )


def _reports() -> dict[str, Report]:
    seed = _seed()
    clean_text = "Oil prices rose on Monday after the talks in Vienna ended without a deal."
    clean = check_article(Article(id="clean", text=clean_text, origin="clean.txt"), Config())
    return {
        "seed": seed,
        "seed-declared-fr": _seed(lang="fr"),
        "seed-with-source-lang": _seed(source_lang="ar"),
        "many-findings": _with_many_findings(seed),
        "no-findings": replace(clean, findings=()),
        "error": error_report("line 3", "line 3", "empty", "line 3: empty input", Config()),
    }


REPORTS = _reports()


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_validates(name: str, validator: jsonschema.Draft202012Validator) -> None:
    payload = json.loads(dumps(REPORTS[name]))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(payload)]
    assert errors == []


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_finding_offsets_point_at_their_text(name: str) -> None:
    """What the schema cannot say: end > start and text[start:end] == finding.text."""
    report = REPORTS[name]
    for finding in report.findings:
        assert 0 <= finding.start < finding.end <= len(report.text)
        assert report.text[finding.start : finding.end] == finding.text


def test_json_and_jsonl_outputs_validate(validator: jsonschema.Draft202012Validator) -> None:
    reports = list(REPORTS.values())
    single = json.loads(render(reports[:1], "json"))
    assert validator.is_valid(single)
    array = json.loads(render(reports, "json"))
    assert len(array) == len(reports) and all(validator.is_valid(item) for item in array)
    lines = render(reports, "jsonl").splitlines()
    assert len(lines) == len(reports) and all(validator.is_valid(json.loads(line)) for line in lines)


def test_json_is_byte_identical_for_the_same_input() -> None:
    first = [render([_seed(lang="fr")], fmt) for fmt in ("json", "jsonl")]
    second = [render([_seed(lang="fr")], fmt) for fmt in ("json", "jsonl")]
    assert first == second


@pytest.mark.parametrize(
    "breakage",
    [
        pytest.param(lambda d: d.update(score=None), id="score null without error"),
        pytest.param(lambda d: d.update(verdict="maybe"), id="unknown verdict"),
        pytest.param(lambda d: d.update(score=101), id="score above 100"),
        pytest.param(lambda d: d.update(unexpected=1), id="undocumented field"),
        pytest.param(lambda d: d["language"].update(code="english"), id="language code"),
        pytest.param(lambda d: d["language"].update(confidence=1.5), id="confidence above 1"),
        pytest.param(lambda d: d["findings"][0].update(severity="blocker"), id="unknown severity"),
        pytest.param(lambda d: d["findings"][0].update(category="accuracy"), id="unknown category"),
        pytest.param(lambda d: d["findings"][0].update(start=-1), id="negative offset"),
        pytest.param(lambda d: d["findings"][0].update(code="nam1"), id="bad rule code"),
        pytest.param(lambda d: d["findings"][0].pop("suggestion"), id="missing suggestion"),
        pytest.param(lambda d: d.update(error={"type": "x", "message": "y"}), id="error with a score"),
        pytest.param(lambda d: d.update(incomplete=False), id="skipped but complete"),
    ],
)
def test_schema_rejects_broken_reports(breakage, validator: jsonschema.Draft202012Validator) -> None:
    payload = report_to_dict(REPORTS["many-findings"])
    assert validator.is_valid(json.loads(json.dumps(payload)))
    breakage(payload)
    assert not validator.is_valid(json.loads(json.dumps(payload)))


def test_schema_category_enum_matches_types() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$defs"]["finding"]["properties"]["category"]["enum"] == list(CATEGORIES)


def test_every_schema_field_is_documented() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    documented = set(re.findall(r"^\| `([a-z_]+)`(?:, `([a-z_]+)`)? \|", DOC_PATH.read_text(encoding="utf-8"), re.M))
    names = {name for pair in documented for name in pair if name}
    fields = set(schema["properties"])
    for definition in schema["$defs"].values():
        fields |= set(definition.get("properties", {}))
    assert fields - names == set()


def test_doc_examples_validate(validator: jsonschema.Draft202012Validator) -> None:
    blocks = re.findall(r"```json\n(.*?)```", DOC_PATH.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 2
    for block in blocks:
        payload = json.loads(block)
        errors = [e.message for e in validator.iter_errors(payload)]
        assert errors == []
