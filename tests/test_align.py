"""Sentence alignment: real-shaped source/translation pairs, moves other than 1-1, anchors, size."""

from __future__ import annotations

import time

from mtcheck.align import AlignedPair, align, align_document, aligned_pairs, sentence_anchors
from mtcheck.config import Config
from mtcheck.context import CheckContext
from mtcheck.langid import get_detector
from mtcheck.segment import split_sentences
from mtcheck.types import Article, LanguageGuess

RU = (
    "Президент России Владимир Путин провёл телефонный разговор с премьер-министром Армении. "
    "Стороны обсудили ситуацию на границе. "
    "По данным Кремля, разговор длился около 40 минут. "
    "Ранее в МИД заявили, что переговоры в Брюсселе пройдут 14 ноября.\n"
    "Эксперты считают, что напряжённость сохранится. Они напоминают о войне 2020 года."
)
EN = (
    "Russian President Vladimir Putin held a telephone conversation with the Armenian prime minister. "
    "The sides discussed the situation on the border. "
    "According to the Kremlin, the conversation lasted about 40 minutes. "
    "Earlier, the Foreign Ministry said talks in Brussels would take place on November 14.\n"
    "Experts believe tensions will persist. They recall the war of 2020."
)


def _align(source: str, target: str) -> list[AlignedPair]:
    return align(split_sentences(source), split_sentences(target), source, target)


def test_one_to_one_news_pair() -> None:
    pairs = _align(RU, EN)
    assert [(p.source, p.target) for p in pairs] == [((i,), (i,)) for i in range(6)]


def test_dropped_sentence_is_a_one_to_zero_pair() -> None:
    target = EN.replace("Earlier, the Foreign Ministry said talks in Brussels would take place on November 14.", "")
    pairs = _align(RU, target)
    assert [p.source for p in pairs if not p.target] == [(3,)]
    assert [p.kind for p in pairs].count("1-1") == 5


def test_added_sentence_is_a_zero_to_one_pair() -> None:
    target = EN.replace(
        "Experts believe tensions will persist.",
        "Experts believe tensions will persist. Follow our latest news on Google News for more updates.",
    )
    pairs = _align(RU, target)
    unaligned = [p.target for p in pairs if not p.source]
    # Lengths alone cannot tell which of two adjacent sentences is the extra one: either is fine,
    # as long as exactly one translation sentence is left without a source.
    assert unaligned in ([(4,)], [(5,)])
    assert sum(p.kind == "1-1" for p in pairs) == 6


def test_split_sentence_is_one_to_two() -> None:
    target = EN.replace(
        "Earlier, the Foreign Ministry said talks in Brussels would take place on November 14.",
        "Earlier, the Foreign Ministry made a statement. Talks in Brussels would take place on November 14.",
    )
    pairs = _align(RU, target)
    assert ((3,), (3, 4)) in [(p.source, p.target) for p in pairs]


def test_chinese_to_english_uses_the_length_ratio_of_the_texts() -> None:
    source = (
        "国家统计局15日发布数据显示，10月份全国居民消费价格同比上涨2.1%。"
        "其中，食品价格上涨7%。"
        "分析人士认为，物价总体保持稳定。"
        "NVIDIA公司当天股价下跌3%。"
    )
    target = (
        "Data released by the National Bureau of Statistics on the 15th showed that consumer prices "
        "rose 2.1% year on year in October. Food prices rose 7%. "
        "Analysts believe prices have remained generally stable. Shares of NVIDIA fell 3% that day."
    )
    result = align_document(split_sentences(source), split_sentences(target), source, target)
    assert [(p.source, p.target) for p in result.pairs] == [((i,), (i,)) for i in range(4)]
    assert result.ratio > 2  # English needs several times the characters of Chinese


def test_anchors_normalise_digits_and_find_names() -> None:
    assert "num:6500" in sentence_anchors("Погибли 6 500 человек", non_latin_text=True)
    assert "num:2022" in sentence_anchors("قال في ٢٠٢٢ إن", non_latin_text=True)
    assert "lat:nato" in sentence_anchors("NATO峰会今天开幕", non_latin_text=True)
    russian = sentence_anchors("Об этом заявил Путин в среду", non_latin_text=True)
    english = sentence_anchors("This was said by Putin on Wednesday", non_latin_text=False)
    assert russian & english


def test_similarity_callback_can_override_lengths() -> None:
    source = "Первое предложение. Второе предложение здесь."
    target = "First sentence here. Second sentence."
    calls: list[tuple[tuple[int, ...], tuple[int, ...]]] = []

    def similarity(source_indices: tuple[int, ...], target_indices: tuple[int, ...]) -> float | None:
        calls.append((source_indices, target_indices))
        return 1.0 if source_indices == target_indices else 0.0

    pairs = align(split_sentences(source), split_sentences(target), source, target, similarity, "replace")
    assert calls
    assert [(p.source, p.target) for p in pairs] == [((0,), (0,)), ((1,), (1,))]


def test_empty_sides() -> None:
    segments = split_sentences(EN)
    assert [p.kind for p in align([], segments, "", EN)] == ["0-1"] * len(segments)
    assert align([], [], "", "") == []


def test_large_input_is_linear() -> None:
    source = "\n".join([RU] * 300)
    target = "\n".join([EN] * 300)
    started = time.perf_counter()
    pairs = _align(source, target)
    elapsed = time.perf_counter() - started
    assert sum(p.kind == "1-1" for p in pairs) >= 0.98 * 1800
    assert elapsed < 20


def test_aligned_pairs_is_cached_per_article() -> None:
    article = Article(id="a", text=EN, source=RU, lang="en")
    sentences = split_sentences(EN)
    context = CheckContext(
        article=article,
        paragraphs=(),
        sentences=tuple(sentences),
        language=LanguageGuess("en", 1.0),
        target_lang="en",
        sentence_languages=(),
        detector=get_detector(Config().lid_backend),
        config=Config(),
    )
    first = aligned_pairs(context)
    assert len(first) == 6
    assert context.shared("alignment", lambda ctx: None).pairs == tuple(first)
