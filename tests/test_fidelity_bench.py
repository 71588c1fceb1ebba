"""The fidelity benchmark's injectors: each changes a correct translation in the intended way,
the same way every run."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

BENCH_PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "fidelity_bench.py"
_spec = importlib.util.spec_from_file_location("fidelity_bench", BENCH_PATH)
bench = importlib.util.module_from_spec(_spec)
sys.modules["fidelity_bench"] = bench
_spec.loader.exec_module(bench)

DE = bench.Pair(
    "t-de", "de",
    "Die Polizei in Hamburg nahm am Samstag 14 Demonstranten fest, nachdem es bei einer Kundgebung zu Ausschreitungen gekommen war.",
    "Police in Hamburg arrested 14 demonstrators on Saturday after violence broke out at a rally.",
)
FR = bench.Pair(
    "t-fr", "fr",
    "Le suspect, âgé de 27 ans, n'a jamais été condamné, a précisé le procureur de Nanterre.",
    "The 27-year-old suspect has never been convicted, the Nanterre prosecutor said.",
)
ES = bench.Pair(
    "t-es", "es",
    "Las inundaciones en Valencia han dejado al menos 216 muertos, y decenas de personas siguen desaparecidas.",
    "The floods in Valencia have left at least 216 people dead, and dozens of people are still missing.",
)
RU = bench.Pair(
    "t-ru", "ru",
    "Министр обороны Сергей Шойгу посетил Пхеньян, где встретился с лидером КНДР Ким Чен Ыном.",
    "Defence Minister Sergei Shoigu visited Pyongyang, where he met North Korean leader Kim Jong Un.",
)
ZH = bench.Pair(
    "t-zh", "zh",
    "重庆一处煤矿发生瓦斯爆炸，造成16人死亡，事故原因正在调查中。",
    "A gas explosion at a coal mine in Chongqing killed 16 people, and the cause of the accident is under investigation.",
)
PAIRS = (DE, FR, ES, RU, ZH)


def inject(kind: str, pair, seed: int = 0):
    return bench.INJECTORS[kind](pair, bench.rng_for(pair, kind, seed))


def numbers(text: str) -> list[str]:
    return re.findall(r"\d[\d,.]*\d|\d", text)


@pytest.mark.parametrize("kind", list(bench.INJECTORS))
@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.id)
def test_injection_is_reproducible_and_changes_the_text(kind, pair):
    first, again = inject(kind, pair), inject(kind, pair)
    if first is None:
        pytest.skip(f"nothing to inject for {kind}")
    assert first == again
    assert first.text != pair.translation


@pytest.mark.parametrize("pair", (DE, ES, ZH), ids=lambda p: p.id)
def test_number_changes_exactly_one_number(pair):
    injection = inject("number", pair)
    before, after = numbers(pair.translation), numbers(injection.text)
    assert len(before) == len(after)
    assert sum(a != b for a, b in zip(before, after)) == 1
    assert re.sub(r"\d[\d,.]*\d|\d", "#", pair.translation) == re.sub(r"\d[\d,.]*\d|\d", "#", injection.text)


@pytest.mark.parametrize(
    ("digits", "decimals", "expected"),
    [("30,000", None, "3,000"), ("6", "5", "5.6"), ("216", None, "261"), ("5,381", None, "53,810")],
)
def test_wrong_number_is_a_realistic_slip(digits, decimals, expected):
    assert bench.wrong_number(digits, decimals, bench.random.Random(0)) == expected


def test_wrong_year_moves_by_one():
    assert bench.wrong_number("2020", None, bench.random.Random(0)) in ("2019", "2021")


def test_negation_removed_where_present():
    assert inject("negation", FR).text == "The 27-year-old suspect has been convicted, the Nanterre prosecutor said."


def test_negation_added_where_absent():
    injection = inject("negation", ES)
    assert not bench.has_negation(ES.translation)
    assert bench.has_negation(injection.text)
    assert injection.text.replace("not ", "", 1) == ES.translation


def test_name_dropped_keeps_the_rest():
    injection = inject("name", RU)
    dropped = injection.detail.split("'")[1]
    assert dropped in RU.translation and dropped not in injection.text
    assert len(injection.text.split()) < len(RU.translation.split())


def test_titled_person_becomes_the_title():
    pair = bench.Pair("t", "de", "Finanzminister Christian Lindner sagte nein.", "Finance Minister Christian Lindner said no.")
    assert inject("name", pair).text == "The Finance Minister said no."


def test_place_after_preposition_is_dropped():
    assert inject("name", DE).text == "Police arrested 14 demonstrators on Saturday after violence broke out at a rally."


def test_clause_dropped_is_a_suffix_or_infix_of_the_original():
    injection = inject("clause", ES)
    assert injection.text == "The floods in Valencia have left at least 216 people dead."


def test_clause_boundary_is_not_a_thousands_separator():
    pair = bench.Pair("t", "de", "x", "About 100,000 people marched in Munich, while the organisers put the figure at 250,000.")
    assert inject("clause", pair).text == "About 100,000 people marched in Munich."


def test_untranslated_puts_source_words_in_place_of_english():
    injection = inject("untranslated", ES)
    assert "y decenas de personas siguen desaparecidas" in injection.text or "Las inundaciones en Valencia" in injection.text
    assert injection.text.endswith(".")


def test_untranslated_cjk_fragment_is_long_enough():
    injection = inject("untranslated", ZH)
    cjk = "".join(bench.CJK_RE.findall(injection.text))
    assert len(cjk) >= 5 and cjk in ZH.source.replace("，", "")


def test_number_words_change_when_there_are_no_digits():
    pair = bench.Pair("t", "de", "Es dauerte sechs Monate.", "It took six months.")
    assert inject("number", pair).text == "It took seven months."


def test_nothing_to_inject_is_skipped():
    pair = bench.Pair("t", "de", "Ja.", "Yes.")
    assert inject("number", pair) is None and inject("clause", pair) is None and inject("name", pair) is None


def test_committed_data_gives_at_least_100_of_each_type():
    pairs = bench.read_pairs()
    assert len(pairs) >= 200
    for lang in ("zh", "ru", "de", "fr", "es"):
        assert sum(p.source_lang == lang for p in pairs) >= 40
    injections, _ = bench.build_injections(pairs)
    counts = bench.Counter(i.kind for i in injections)
    assert all(counts[kind] >= 100 for kind in bench.INJECTORS), counts
    assert injections == bench.build_injections(pairs)[0]
