"""OMI001 and ADD001 on real-shaped source/translation pairs, through the pipeline."""

from __future__ import annotations

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.types import Article

SOURCE = (
    "Президент России Владимир Путин в среду провёл совещание с членами Совета безопасности.\n\n"
    "Участники обсудили ситуацию на Украине и меры по обеспечению безопасности критической инфраструктуры. "
    "По словам пресс-секретаря Кремля Дмитрия Пескова, совещание продлилось около 40 минут.\n\n"
    "Ранее Министерство обороны сообщило, что за сутки были сбиты 12 беспилотников над Белгородской областью. "
    "Губернатор региона Вячеслав Гладков заявил, что пострадавших нет."
)
TRANSLATION = (
    "Russian President Vladimir Putin held a meeting with members of the Security Council on Wednesday.\n\n"
    "The participants discussed the situation in Ukraine and measures to protect critical infrastructure. "
    "According to Kremlin spokesman Dmitry Peskov, the meeting lasted about 40 minutes.\n\n"
    "Earlier, the Defence Ministry said 12 drones had been shot down over the Belgorod region in a day. "
    "The region's governor, Vyacheslav Gladkov, said there were no casualties."
)


def _findings(text: str, code: str, source: str = SOURCE) -> list:
    article = Article(id="t", text=text, source=source, lang="en")
    return [f for f in check_article(article, Config(select=(code,))).findings]


def test_faithful_translation_passes_both_rules() -> None:
    assert _findings(TRANSLATION, "OMI001") == []
    assert _findings(TRANSLATION, "ADD001") == []


def test_dropped_sentence_is_reported_next_to_the_gap_with_the_source_quoted() -> None:
    dropped = TRANSLATION.replace(
        "Earlier, the Defence Ministry said 12 drones had been shot down over the Belgorod region in a day. ", ""
    )
    findings = _findings(dropped, "OMI001")
    assert len(findings) == 1
    assert findings[0].text in (
        "According to Kremlin spokesman Dmitry Peskov, the meeting lasted about 40 minutes.",
        "The region's governor, Vyacheslav Gladkov, said there were no casualties.",
    )
    assert "12 беспилотников" in findings[0].message
    assert _findings(dropped, "ADD001") == []


def test_dropped_clause_is_an_under_length_pair() -> None:
    cut = TRANSLATION.replace(
        "The participants discussed the situation in Ukraine and measures to protect critical infrastructure.",
        "The participants discussed Ukraine.",
    )
    findings = _findings(cut, "OMI001")
    assert [f.text for f in findings] == ["The participants discussed Ukraine."]


def test_added_sentence_is_flagged() -> None:
    added = TRANSLATION.replace(
        "The region's governor",
        "Ukraine has launched more than 300 drones at Russian regions since the start of the year. The region's governor",
    )
    findings = _findings(added, "ADD001")
    assert [f.text for f in findings] == [
        "Ukraine has launched more than 300 drones at Russian regions since the start of the year."
    ]
    assert _findings(added, "OMI001") == []


def test_short_sentences_are_never_reported() -> None:
    source = SOURCE + "\n\nСледите за новостями."
    assert _findings(TRANSLATION, "OMI001", source) == []


def test_rules_are_skipped_without_source() -> None:
    report = check_article(Article(id="t", text=TRANSLATION, lang="en"), Config(select=("OMI001", "ADD001")))
    assert {s.code for s in report.skipped} == {"OMI001", "ADD001"}


def test_single_sentence_dropped_clause_with_a_number_is_reported_with_the_missing_part() -> None:
    source = "«Газпром» сократил экспорт газа в Европу на 55,6% до 28,3 млрд кубометров, следует из данных компании."
    findings = _findings("Gazprom cut gas exports to Europe by 55.6%, according to company data.", "OMI001", source)
    assert len(findings) == 1
    assert "28,3 млрд" in findings[0].message.split("perhaps")[1].split("Source:")[0]
    full = "Gazprom cut gas exports to Europe by 55.6% to 28.3 billion cubic metres, according to company data."
    assert _findings(full, "OMI001", source) == []


def test_single_sentence_dropped_clause_without_numbers_needs_a_lost_clause() -> None:
    source = "El Gobierno aprobó el proyecto de ley de amnistía, que ahora deberá ser debatido en el Congreso de los Diputados."
    assert _findings("The government approved the amnesty bill.", "OMI001", source)
    full = "The government approved the amnesty bill, which must now be debated in the Congress of Deputies."
    assert _findings(full, "OMI001", source) == []


def test_a_number_with_a_cjk_multiplier_is_no_evidence_of_omission() -> None:
    source = "米国によるウクライナへの軍事支援は今年、約４億５０００万ドル規模に達した。"
    # Short for the ja->en prior, but 4億5000万 = 450 million: nothing is missing.
    assert _findings("US military support for Ukraine reached 450 million dollars.", "OMI001", source) == []
