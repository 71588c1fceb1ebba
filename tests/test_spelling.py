"""SPL001: typos flagged with their correction; names, quotes, URLs, British spellings left alone."""

from __future__ import annotations

import pytest

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.types import Article, Finding


def _spelling(text: str, lang: str = "en") -> list[Finding]:
    report = check_article(Article(id="t", text=text, lang=lang), Config(select=("SPL001",)))
    return [f for f in report.findings if f.code == "SPL001"]


@pytest.mark.parametrize(
    ("text", "typo", "correction"),
    [
        ("Rescuers foudn two survivors under the rubble.", "foudn", "found"),
        ("Many of thsoe who fled have returned.", "thsoe", "those"),
        ("The goverment denied the report.", "goverment", "government"),
        ("The decison was announced after a long meeting.", "decison", "decision"),
        ("Police said the suspect was arrested yesterdy in the capital.", "yesterdy", "yesterday"),
        ("Thsoe who voted against the bill were few.", "Thsoe", "Those"),
    ],
)
def test_typos_are_flagged_with_the_correction(text: str, typo: str, correction: str) -> None:
    findings = _spelling(text)
    assert [(f.text, f.suggestion) for f in findings] == [(typo, correction)]


@pytest.mark.parametrize(
    "text",
    [
        # British and American spellings
        "The organisation's centre will analyse the colour of the programme and its defence.",
        "The organization's center will analyze the color of the program and its defense.",
        "The travelling minister cancelled the labour talks and apologised to the neighbours.",
        # names, gazetteer forms, acronyms, numbers, URLs, handles
        "Putin called Pashinyan and Aliyev about Nagorno-Karabakh and Khankendi.",
        "Volodymyr Zelenskyy met Recep Tayyip Erdoğan in Ankara.",
        "NATO, the OSCE and UNHCR said COVID-19 cases and 5G masts rose by 12km.",
        "Details at https://example.com/goverment-foudn or mail press@goverment.org.",
        "Follow @reutrs and #goverment for updates.",
        # quotes: the writer is quoting on purpose
        "The sign read \"goverment offise\" and the crowd laughed.",
        "Protesters chanted “thsoe liars” outside.",
        "The so-called 'goverment' of the region was not recognised.",
        # compounds, possessives, abbreviations
        "A well-known anti-corruption campaigner's co-founder spoke.",
        "The govt. sources said approx. 300 people left, i.e. most.",
        # foreign text is UNT's job
        "The minister said: Wir schaffen das nicht allein, sagte er am Montag in Berlin.",
    ],
)
def test_correct_copy_passes(text: str) -> None:
    assert _spelling(text) == []


def test_sentence_initial_name_is_not_a_typo() -> None:
    assert _spelling("Toray supplies carbon fibre. Anatoly Altstein is a virologist.") == []


def test_rare_word_with_no_clear_correction_is_left_alone() -> None:
    assert _spelling("Riboflavin, folic and pantothenic acids help; so does dashi stock.") == []


@pytest.mark.parametrize(
    ("text", "lang", "typo"),
    [
        ("Le gouvernment a annoncé de nouvelles mesures jeudi.", "fr", "gouvernment"),
        ("El gobeirno anunció nuevas medidas el jueves en la capital.", "es", "gobeirno"),
    ],
)
def test_other_target_languages(text: str, lang: str, typo: str) -> None:
    assert typo in [f.text for f in _spelling(text, lang)]


def test_unsupported_language_is_skipped() -> None:
    assert _spelling("Правительство объявило о новых мерах в четверг.", "ru") == []


def test_dictionary_loads_once_and_fast() -> None:
    import time

    from mtcheck.checks.spelling import load_dictionary

    load_dictionary.cache_clear()
    started = time.perf_counter()
    first = load_dictionary("en")
    assert time.perf_counter() - started < 1.0
    assert load_dictionary("en") is first
