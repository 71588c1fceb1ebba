"""NEG001 on real-shaped source/translation pairs, through the pipeline."""

from __future__ import annotations

from mtcheck.checks.negation import polarity
from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.types import Article

SOURCE_RU = (
    "Министерство обороны России во вторник заявило, что ситуация на границе остаётся напряжённой. "
    "Ведомство не подтвердило сообщения о гибели трёх военнослужащих. "
    "По данным источников, переговоры возобновятся на следующей неделе."
)
GOOD_EN = (
    "Russia's Defence Ministry said on Tuesday that the situation on the border remained tense. "
    "The ministry did not confirm reports of the deaths of three servicemen. "
    "According to sources, talks will resume next week."
)


def _neg(text: str, source: str, source_lang: str | None = None) -> list:
    article = Article(id="t", text=text, source=source, source_lang=source_lang, lang="en")
    return [f for f in check_article(article, Config(select=("NEG001",))).findings]


def test_faithful_translation_passes() -> None:
    assert _neg(GOOD_EN, SOURCE_RU) == []


def test_dropped_negation_is_flagged_on_the_translation_sentence() -> None:
    flipped = GOOD_EN.replace("did not confirm", "confirmed")
    findings = _neg(flipped, SOURCE_RU)
    assert [f.text for f in findings] == ["The ministry confirmed reports of the deaths of three servicemen."]
    assert findings[0].severity.value == "major"
    assert "не" in findings[0].message


def test_invented_negation_is_flagged_on_the_cue() -> None:
    flipped = GOOD_EN.replace("talks will resume", "talks will not resume")
    findings = _neg(flipped, SOURCE_RU)
    assert [(f.text, flipped[f.start : f.end]) for f in findings] == [("not", "not")]


def test_negation_expressed_by_a_verb_is_not_a_flip() -> None:
    assert _neg(GOOD_EN.replace("did not confirm", "declined to confirm"), SOURCE_RU) == []


def test_without_source_language_support_nothing_is_said() -> None:
    # Hindi has no cue list: no comparison, no finding.
    assert _neg("The ministry confirmed the reports.", "मंत्रालय ने रिपोर्टों की पुष्टि नहीं की।", "hi") == []


def test_cues_per_language() -> None:
    assert polarity("Несколько небольших городов остались без света.", "ru").cues == []
    assert polarity("Он не пришёл.", "ru").cues
    assert polarity("Il n'a jamais dit cela.", "fr").cues
    assert polarity("Er hat keine Zeit.", "de").cues
    assert polarity("他没有来。", "zh").cues
    assert polarity("价格不断上涨。", "zh").cues == []
    assert polarity("Not only prices but wages rose.", "en").cues == []
    assert polarity("Kimetsu no Yaiba is a manga.", "en").cues == []
    assert polarity("It was No. 5 on the list.", "en").cues == []
    assert polarity("彼は来なかった。", "ja").cues
    assert polarity("少ない人数で", "ja").cues == []


def test_english_no_before_a_noun_is_a_cue_but_not_before_a_capitalised_title() -> None:
    from mtcheck.checks.negation import polarity

    for sentence in ("Moscow has no plans to attack.", "There is no tsunami threat.", "No party won a majority."):
        assert polarity(sentence, "en").cues, sentence
    assert not polarity('He attended the premiere of "No Time to Die".', "en").cues


def test_constant_prices_and_faute_de_are_not_flips() -> None:
    from mtcheck.checks.negation import polarity

    assert not polarity("按不变价格计算增长5.2%。", "zh").cues
    assert polarity("faute d'accord sur le financement", "fr").lexical


def test_russian_words_that_english_renders_with_not_are_lexical() -> None:
    from mtcheck.checks.negation import polarity

    for sentence in ("Власти обязали непривитых туристов соблюдать карантин.", "Он живет недалеко от Чунли.",
                     "Жители высказались против независимости."):
        assert polarity(sentence, "ru").lexical, sentence
