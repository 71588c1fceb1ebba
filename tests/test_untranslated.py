"""UNT001-UNT003 end to end through the pipeline: spans, offsets, precedence, speed."""

from __future__ import annotations

import time

import pytest

from mtcheck.checks.untranslated import copied_runs, foreign_script_runs
from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.types import Article, Finding, Severity

LEAD = (
    "The ministry expects more talks next week. Officials in both capitals said a deal was close, "
    "but several questions remained open. "
)


def findings(text: str, *, lang: str = "en", source: str | None = None, select: tuple[str, ...] = ("UNT",),
             source_lang: str | None = None, **config: object) -> list[Finding]:
    article = Article(id="t", text=text, lang=lang, source=source, source_lang=source_lang)
    report = check_article(article, Config(select=select, **config))
    for finding in report.findings:
        assert text[finding.start : finding.end] == finding.text
    return [f for f in report.findings if f.code.startswith("UNT")]


def spans(found: list[Finding], code: str) -> list[str]:
    return [f.text for f in found if f.code == code]


# --- UNT002 -----------------------------------------------------------------------------------


def test_issue_examples_cyrillic_and_han() -> None:
    found = findings(LEAD + "Rain and strong winds are ожидаются across the region. Cyanuric acid and 三聚氰胺 were found.")
    assert spans(found, "UNT002") == ["ожидаются", "三聚氰胺"]
    cyrillic = found[0]
    assert cyrillic.severity is Severity.MAJOR
    assert cyrillic.category == "accuracy/untranslated"
    assert "Cyrillic" in cyrillic.message


def test_run_spans_punctuation_but_not_lines() -> None:
    text = LEAD + "He said Путин заявил, что nothing changed.\nЦены выросли on Monday, officials said."
    assert spans(findings(text), "UNT002") == ["Путин заявил, что", "Цены выросли"]


def test_japanese_kanji_and_kana_are_one_run() -> None:
    found = findings(LEAD + "Prime Minister Kishida said the ウクライナ情勢 was serious.")
    assert spans(found, "UNT002") == ["ウクライナ情勢"]
    assert "Japanese" in found[0].message


def test_mixed_script_word_gets_latin_suggestion() -> None:
    found = findings(LEAD + "Officials in Pаris confirmed the figures on Monday.")
    (finding,) = [f for f in found if f.code == "UNT002"]
    assert finding.text == "Pаris"
    assert finding.suggestion == "Paris"
    assert finding.severity is Severity.MINOR


@pytest.mark.parametrize(
    "text",
    [
        "Chinese President Xi Jinping (习近平) arrived in Moscow on Monday.",
        "Ukraine's capital Kyiv (Київ) was quiet on Sunday.",
        "Infants should get no more than 5 μg a day; α-synuclein levels and Δ were normal.",
        "Temperatures reached 40°C and tickets cost €25, the ™ owner said, citing 5 µm particles.",
        "Details are on the site премияарсеньева.рф and at info@пример.рф, organisers said.",
    ],
)
def test_legitimate_other_script_is_left_alone(text: str) -> None:
    assert spans(findings(text), "UNT002") == []


def test_gloss_after_a_lowercase_word_is_flagged() -> None:
    assert spans(findings("The officials met the company (株式会社) on Monday."), "UNT002") == ["株式会社"]


def test_latin_in_russian_copy_is_fine_but_han_is_not() -> None:
    text = "Глава компании встретился с представителями Shell и BP, а также 三菱商事 в Токио."
    assert spans(findings(text, lang="ru"), "UNT002") == ["三菱商事"]


def test_whole_article_in_another_language_is_left_to_lng001() -> None:
    text = "Правительство во вторник одобрило повышение минимального размера оплаты труда на 10%."
    found = findings(text, lang="en", select=("UNT", "LNG"))
    assert spans(found, "UNT002") == []
    report = check_article(Article(id="t", text=text, lang="en"), Config(select=("LNG",)))
    assert [f.code for f in report.findings] == ["LNG001"]


def test_foreign_script_runs_helper() -> None:
    text = "abc где-то 12 там xyz"
    runs = foreign_script_runs(text, frozenset({"Latin"}))
    assert [(text[r.start : r.end], r.script) for r in runs] == [("где-то 12 там", "Cyrillic")]


# --- UNT001 -----------------------------------------------------------------------------------


def test_german_clause_in_english() -> None:
    text = LEAD + "The delegations will meet again on Thursday, sagte der Sprecher am Montag in Berlin."
    found = findings(text)
    assert spans(found, "UNT001") == ["sagte der Sprecher am Montag in Berlin"]
    assert "German" in found[0].message
    assert found[0].severity is Severity.MAJOR


def test_foreign_run_inside_an_english_clause() -> None:
    text = (
        "The coach said that el equipo no jugó bien en la primera parte and promised changes before "
        "Sunday's match against Sevilla. The club is third in the league, five points behind the leaders."
    )
    assert spans(findings(text), "UNT001") == ["el equipo no jugó bien en la primera parte"]


@pytest.mark.parametrize(
    "text",
    [
        LEAD + "The Frankfurter Allgemeine Zeitung and Deutsche Bahn were cited by Bundesamt für Verfassungsschutz.",
        LEAD + "The ruling was a de facto ban, and the status quo will remain, the court said.",
        LEAD + "We met Mr. Li Wan-hu and Mr. Lee Min-ga in Seoul, while 96.49 per cent voted.",
        LEAD + "Fans of Kimetsu no Yaiba queued for hours in Tokyo.",
    ],
)
def test_names_titles_and_loanwords_are_not_foreign_spans(text: str) -> None:
    assert spans(findings(text), "UNT001") == []


def test_other_target_language() -> None:
    text = (
        "Le gouvernement a annoncé mardi une hausse du salaire minimum. Les syndicats ont salué la "
        "décision, the minister told reporters in Paris on Tuesday evening after the meeting."
    )
    found = spans(findings(text, lang="fr"), "UNT001")
    assert found == ["the minister told reporters in Paris on Tuesday evening after the meeting"]


# --- UNT003 -----------------------------------------------------------------------------------

SOURCE_FR = "Le ministre a déclaré que la réforme entrera en vigueur en janvier. Les syndicats ont protesté."


def test_copied_french_clause_is_flagged_once() -> None:
    text = LEAD + "Le ministre a déclaré que la réforme entrera en vigueur en janvier, the minister said."
    found = findings(text, source=SOURCE_FR, source_lang="fr")
    # UNT001 reports the French clause; UNT003 does not report it a second time.
    assert spans(found, "UNT001") == ["Le ministre a déclaré que la réforme entrera en vigueur en janvier"]
    assert spans(found, "UNT003") == []
    alone = findings(text, source=SOURCE_FR, source_lang="fr", select=("UNT003",))
    assert spans(alone, "UNT003") == ["Le ministre a déclaré que la réforme entrera en vigueur en janvier"]


def test_copy_that_language_id_misses_is_caught_from_the_source() -> None:
    source = "Der Vertrag wurde am Montag unterzeichnet, teilte das Ministerium mit."
    text = LEAD + "The contract was signed on Monday, teilte das Ministerium mit, officials said."
    copied = spans(findings(text, source=source, source_lang="de", select=("UNT003",)), "UNT003")
    assert copied == ["teilte das Ministerium mit"]


def test_names_numbers_and_addresses_are_not_copies() -> None:
    source = "Об этом сообщает Ulrich Weigeldt, Die Welt, 11 декабря, https://www.welt.de/a/123 BioNTech/Pfizer COVID-19."
    text = "Ulrich Weigeldt, Die Welt reported on December 11 (https://www.welt.de/a/123 BioNTech/Pfizer COVID-19)."
    assert spans(findings(text, source=source, source_lang="ru"), "UNT003") == []


def test_same_language_source_is_not_checked() -> None:
    text = "The minister said the reform would take effect in January."
    assert findings(text, source=text, source_lang="en", select=("UNT003",)) == []


def test_unt003_is_skipped_without_source() -> None:
    report = check_article(Article(id="t", text="Some text here.", lang="en"), Config(select=("UNT003",)))
    assert [s.code for s in report.skipped] == ["UNT003"]


def test_copied_runs_helper_counts_cjk_as_half_words() -> None:
    source = "政府は来年度から最低賃金を引き上げる方針を決定した。"
    assert copied_runs("The 最低賃金 rose.", source) == []  # 4 characters: two words
    text = "It said 来年度から最低賃金を引き上げる today."
    assert [text[s:e] for s, e in copied_runs(text, source)] == ["来年度から最低賃金を引き上げる"]


# --- Whole pipeline ---------------------------------------------------------------------------


def test_clean_english_copy_has_no_findings() -> None:
    text = (
        "WASHINGTON (Reuters) - The U.S. Senate on Tuesday passed a $1.2 trillion spending bill, "
        "averting a partial government shutdown hours before the deadline.\n\n"
        '"We are not going to stand by and watch this happen," Governor Kathy Hochul told reporters in Albany.\n\n'
        "The Bank of England raised its key rate by a quarter point to 4.25%, its eleventh increase in a row."
    )
    assert findings(text) == []


def test_output_is_deterministic() -> None:
    text = LEAD + "Rain are ожидаются, sagte der Sprecher am Montag in Berlin."
    assert findings(text) == findings(text)


def test_min_severity_filters_the_homoglyph() -> None:
    text = LEAD + "Officials in Pаris confirmed the figures."
    assert findings(text, min_severity=Severity.MAJOR) == []


def test_400_words_take_milliseconds_and_300_kb_without_punctuation_seconds() -> None:
    paragraph = LEAD * 12  # ~400 words
    config = Config(select=("UNT",))
    check_article(Article(id="w", text=paragraph, lang="en"), config)
    started = time.perf_counter()
    check_article(Article(id="a", text=paragraph, lang="en"), config)
    assert time.perf_counter() - started < 0.5
    blob = ("the minister said talks would continue sagte der Sprecher am Montag in Berlin " * 4000)[:300_000]
    started = time.perf_counter()
    report = check_article(Article(id="b", text=blob, lang="en"), config)
    assert time.perf_counter() - started < 10
    assert all(blob[f.start : f.end] == f.text for f in report.findings)


def test_same_language_source_detected_when_not_declared() -> None:
    text = LEAD + "The minister said the reform would take effect in January, officials said."
    assert findings(text, source=text, select=("UNT003",)) == []
