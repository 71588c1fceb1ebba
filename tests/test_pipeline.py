"""The pipeline as a whole: spans, overlapping rules, determinism, the seed article."""

from __future__ import annotations

from pathlib import Path

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.types import Article

SEED = Path(__file__).resolve().parents[1] / "seeds" / "putin-yerevan-baku.txt"
ENGLISH = (
    "Russian President Vladimir Putin on Tuesday called on Armenia and Azerbaijan to show "
    "restraint after the deadliest clashes between the two countries since 2020.\n\n"
    "More than 200 Armenian soldiers and about 80 Azerbaijani soldiers were killed last week."
)


def _codes(report) -> list[str]:
    return [f.code for f in report.findings]


def test_seed_report_flags_footer_and_repetition_but_no_names() -> None:
    text = SEED.read_text(encoding="utf-8")
    report = check_article(Article(id="seed", text=text), Config())
    assert report.language.code == "en"
    by_code = {f.code: f for f in report.findings}
    footer = by_code["BPL001"]
    assert footer.text == (
        "Follow our latest local and sports news and the latest political and economic "
        "developments via Google news"
    )
    assert by_code["REP001"].text == "an unprecedented escalation of violence since the 2020 war"
    names = ["Putin", "Pelosi", "Yerevan", "Baku", "Moscow", "Nagorno-Karabakh", "Caucasus", "Washington"]
    for finding in report.findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.text not in names
    assert report.verdict in {"pass", "review", "fail"}
    assert report.signature.startswith("mtcheck:")


def test_foreign_footer_is_boilerplate_not_also_untranslated_text() -> None:
    text = ENGLISH + "\n\nتابعونا على تطبيق واتساب"
    report = check_article(Article(id="a", text=text, lang="en"), Config())
    assert "BPL001" in _codes(report)
    assert not [c for c in _codes(report) if c.startswith("UNT")]
    # Without the boilerplate rule the same words are untranslated text.
    report = check_article(Article(id="a", text=text, lang="en"), Config(ignore=("BPL",)))
    assert "UNT002" in _codes(report)


def test_article_in_the_wrong_language_is_one_finding_not_many() -> None:
    french = (
        "Le président russe Vladimir Poutine a appelé mardi l'Arménie et l'Azerbaïdjan à la "
        "retenue. Plus de 200 soldats arméniens ont été tués la semaine dernière, selon Erevan."
    )
    report = check_article(Article(id="fr", text=french, lang="en"), Config())
    assert _codes(report) == ["LNG001"]
    assert report.verdict == "fail"


def test_same_input_same_report() -> None:
    text = SEED.read_text(encoding="utf-8")
    first = check_article(Article(id="seed", text=text), Config())
    second = check_article(Article(id="seed", text=text), Config())
    assert first == second


def test_rules_that_need_a_source_are_reported_as_skipped() -> None:
    report = check_article(Article(id="a", text=ENGLISH), Config())
    assert "UNT003" in [s.code for s in report.skipped]
    assert report.incomplete
    with_source = check_article(Article(id="a", text=ENGLISH, source="Путин призвал к сдержанности."), Config())
    assert "UNT003" not in [s.code for s in with_source.skipped]
