"""Numbers in running text: where they are and what they are worth, in many languages.

``extract_numbers(text, lang)`` returns every number mention of ``text`` with its exact span
(``text[m.start:m.end] == m.text``) and a normalised value:

* digits in any of ASCII, Arabic-Indic (٣٠٠), Persian (۳۰۰) and full-width (３００) forms;
* separators read by locale: "1,000.5" in English, "1.000,5" in German, "6 500" (space, no-break
  or thin space) in French and Russian. A single separator followed by exactly three digits
  ("3,300") is ambiguous across locales: the copy's language decides the reading and the other
  one is kept as an alternative, so a translation that kept its source's convention still matches;
* scale words after digits ("3.3 million", "3,3 millions", "3,3 млн", "5bn") and CJK multipliers
  ("330万", "1.2亿", "3千"), Chinese/Japanese numerals ("三百", "二十五万");
* spelled-out numbers in en, fr, es, de, it, pt, ru, uk for the common range ("twenty-five",
  "two hundred", "трех", "dix-sept"); plurals used as vague amounts ("dozens", "hundreds",
  "десятки", "тысячи") are not numbers;
* percentages ("12%", "12 per cent", "12 процентов", "yüzde 12"), ordinals ("11th", "11-й"),
  years (1800-2100, also in ranges "2020-2022"), dates with a month name or CJK 月日
  ("11 декабря", "December 11", "11. Dezember", "12月11日") and numeric dates ("11.12.2021"),
  times of day ("10:30").

Numbers that are part of a name ("G20", "COVID-19", "MH17", "Boeing 737", "Rossiya 1", "5G")
are returned with ``label=True``: they may match a number on the other side but are never
reported as changed, missing or added.

Every pass is a regular expression without nested quantifiers over the text, plus bounded
look-arounds, so extraction is linear in the length of the text; digit runs longer than
``MAX_DIGITS`` (identifiers, phone numbers) are skipped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_DIGITS = 15

# Digits of other scripts mapped one character to one character, so offsets are unchanged.
_DIGIT_MAP = str.maketrans(
    {
        **{chr(0x660 + i): str(i) for i in range(10)},  # Arabic-Indic
        **{chr(0x6F0 + i): str(i) for i in range(10)},  # Persian (Extended Arabic-Indic)
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
        "\uff0e": ".",  # full-width full stop inside full-width numbers
        "\uff05": "%",
        "\u30fb": ".",  # Japanese 1・5 (1.5); between letters it is a name separator, never read
    }
)

# Languages that write decimals with a comma and group thousands with a dot or a space.
COMMA_DECIMAL = frozenset("de fr es it pt ru uk pl tr nl cs sk sl hr sr bg ro sv da no nb fi id az kk be el hu lt lv et".split())
# Languages where an ordinary space groups thousands ("6 500"); elsewhere only no-break/thin spaces do.
SPACE_GROUPING = frozenset("fr ru uk pl cs sk bg sv no nb fi kk be hu et lt lv".split())


@dataclass(frozen=True)
class Reading:
    """One reading of a number: its value and the rounding unit it was written to (3.3 million
    is 3,300,000 to the nearest 100,000)."""

    value: float
    unit: float = 1.0


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float
    kind: str  # number | year | percent | ordinal | date | time
    unit: float = 1.0
    alternatives: tuple[Reading, ...] = ()  # other readings of an ambiguous separator
    scale: float = 1.0  # the multiplier of its scale word (million: 1e6), for formatting
    decimals: int = 0
    spelled: bool = False  # written in words (or CJK numerals for a single digit)
    label: bool = False  # part of a name: matched, never reported
    month: int = 0  # dates: value is the day of the month
    tentative: bool = False  # a bare scale word ("thousand", "a million"): often a vague amount

    @property
    def readings(self) -> tuple[Reading, ...]:
        return (Reading(self.value, self.unit), *self.alternatives)

    @property
    def weak(self) -> bool:
        """Evidence too thin to report as missing or added: a spelled-out small number ("one",
        "два", a lone 三) is as often a pronoun, an article or a paraphrase as a quantity."""
        return self.spelled and (self.value < 100 or self.tentative) and self.kind != "date"


# ---------------------------------------------------------------------------------------------
# Word tables

_MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"),
    "en_abbr": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    "de": ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"),
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"),
    "tr": ("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"),
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
}
_MONTH_NUMBER: dict[str, int] = {}
for _names in _MONTHS.values():
    for _index, _name in enumerate(_names, start=1):
        _MONTH_NUMBER.setdefault(_name, _index)
_MONTH_NUMBER["sep"] = 9
_MONTH_NUMBER["setiembre"] = 9

_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag lunes martes miércoles jueves viernes sábado domingo".split()
)
# Capitalised words that often stand before a number at the start of a sentence: the number is
# a quantity, not the number in a name like "Boeing 737".
_OPENERS = frozenset(
    """in on at by for from since until till to of about around over under nearly almost only all just some more
    less than after before between among within up and or but the a an its their his her our these those this that
    as per with without through during some another each every both top page total
    в во на с со по до за около более менее только уже ещё еще из от к ко и а но почти свыше порядка примерно
    im am um von bis seit mit über rund etwa fast nur und oder die der das den dem des ein eine
    le la les en dans depuis plus moins environ près et ou de du des un une à au aux sur sous entre
    el los las con desde más unos unas casi y o del al por para sobre hasta entre
    il lo gli nel nei dal per oltre circa e dei delle degli
    em os as cerca mais da do das dos para""".split()
)

_PERCENT_WORDS = (
    r"%|٪|％|per\s?cent|percent|pct|pour\s?cent|por\s?ciento|por\s?cento|per\s?cento|prozent|"
    r"процент[а-я]*|відсот[а-яі]*|procent[a-ząęóśćżźł]*|بالمئة|بالمائة|في\s?المئة|في\s?المائة|درصد|パーセント"
)

# Scale words after digits: the multiplier, and for words whose value differs by language
# (French/German/Spanish "billion" is 10^12) the languages that differ.
_SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12,
    "mille": 1e3, "milliers": 1e3, "milliard": 1e9, "milliards": 1e9, "mds": 1e9, "md": 1e9, "mrd": 1e9,
    "tausend": 1e3, "mio": 1e6, "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9, "billionen": 1e12,
    "mil": 1e3, "millón": 1e6, "millones": 1e6, "millardo": 1e9, "millardos": 1e9, "billón": 1e12, "billones": 1e12,
    "mila": 1e3, "milione": 1e6, "milioni": 1e6, "miliardo": 1e9, "miliardi": 1e9,
    "milhão": 1e6, "milhões": 1e6, "milhao": 1e6, "milhoes": 1e6, "bilhão": 1e9, "bilhões": 1e9, "bi": 1e9, "mi": 1e6,
    "тыс": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "тысячу": 1e3, "тысячах": 1e3, "тысячам": 1e3, "тысячами": 1e3,
    "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "миллионах": 1e6, "миллионам": 1e6, "миллионами": 1e6,
    "миллиардах": 1e9, "миллиардам": 1e9, "миллиардами": 1e9,
    "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9, "трлн": 1e12, "триллион": 1e12, "триллиона": 1e12, "триллионов": 1e12,
    "тисяча": 1e3, "тисячі": 1e3, "тисяч": 1e3, "мільйон": 1e6, "мільйони": 1e6, "мільйонів": 1e6, "мільярд": 1e9, "мільярди": 1e9, "мільярдів": 1e9,
    "tys": 1e3, "mln.": 1e6, "milion": 1e6, "miliony": 1e6, "milionów": 1e6, "mld": 1e9, "miliard": 1e9, "miliardy": 1e9, "miliardów": 1e9,
    "bin": 1e3, "milyon": 1e6, "milyar": 1e9,
    "ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
    "هزار": 1e3, "میلیون": 1e6, "میلیارد": 1e9,
}
_SCALE_BY_LANGUAGE: dict[tuple[str, str], float] = {
    ("fr", "billion"): 1e12, ("fr", "billions"): 1e12, ("de", "billion"): 1e12, ("es", "billón"): 1e12,
    ("fr", "m"): 0.0, ("de", "m"): 0.0, ("es", "m"): 0.0, ("it", "m"): 0.0, ("pt", "m"): 0.0,
}
# A lone "m" or "k" is a million/thousand only after a currency sign ("$5m"); otherwise metres.
_CURRENCY_ONLY_SCALES = frozenset({"m", "k", "mi", "bi"})
_CURRENCY = "$€£¥₽₴₺₹"

_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "两": 2, "兩": 2}
_CJK_SMALL = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}
# Counters after a lone CJK numeral that make it a quantity (三人, 二度, 五年) and not part of a
# word (三重, 九州, 唯一).
_CJK_COUNTERS = "人名年月日回件歳岁度倍割個个台機机隻只世户戸帯所本枚頭头位号条項项点秒分時时週周円元ドル％%万萬億亿千百カヶか次家国場场种種天艘辆架座"
# Counters that make a lone numeral a quantity even right after another ideograph (分拆为六个,
# 为期两天, 两艘船, 五年来): the numeral is then a word of its own, not part of 唯一 or 统一.
_CJK_STRONG_COUNTERS = "个個天艘辆架座名位人年家项项条倍"


_EN_ORDINAL_WORDS = tuple("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())


def _spelled_table() -> dict[str, dict[str, int]]:
    tables: dict[str, dict[str, int]] = {}
    en_units = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
    en_tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()
    en = {w: i for i, w in enumerate(en_units)}
    en.update({w: 20 + 10 * i for i, w in enumerate(en_tens)})
    en.update({"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12})
    del en["zero"]
    # Ordinal words, so "the second workshop" answers 2回目 and "the 21st" answers двадцать первое;
    # as spelled-out small numbers they are matched, never reported.
    en.update({w: i for i, w in enumerate(_EN_ORDINAL_WORDS, start=1)})
    tables["en"] = en

    fr_units = "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize".split()
    fr = {w: i for i, w in enumerate(fr_units)}
    fr.update({"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70,
               "huitante": 80, "octante": 80, "nonante": 90, "cent": 100, "cents": 100, "mille": 1000,
               "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9})
    del fr["zéro"]
    tables["fr"] = fr

    es = {w: i for i, w in enumerate("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve veinte".split())}
    del es["cero"]
    for i, w in enumerate("veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve".split(), start=21):
        es[w] = i
    es.update({"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
               "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
               "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600, "setecientos": 700, "ochocientos": 800,
               "novecientos": 900, "mil": 1000, "millón": 10**6, "millones": 10**6})
    tables["es"] = es

    de = {w: i for i, w in enumerate("null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn".split())}
    del de["null"]
    de.update({"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
               "neunzig": 90, "hundert": 100, "tausend": 1000, "million": 10**6, "millionen": 10**6,
               "milliarde": 10**9, "milliarden": 10**9})
    # German writes 21-99 as one word: einundzwanzig, fünfundvierzig.
    for unit_word, unit in (("ein", 1), ("zwei", 2), ("drei", 3), ("vier", 4), ("fünf", 5), ("sechs", 6), ("sieben", 7), ("acht", 8), ("neun", 9)):
        for tens_word in ("zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"):
            de[f"{unit_word}und{tens_word}"] = unit + de[tens_word]
    tables["de"] = de

    it = {w: i for i, w in enumerate("zero uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove venti".split())}
    del it["zero"]
    it.update({"trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60, "settanta": 70, "ottanta": 80, "novanta": 90,
               "cento": 100, "mille": 1000, "mila": 1000, "milione": 10**6, "milioni": 10**6, "miliardo": 10**9, "miliardi": 10**9})
    tables["it"] = it

    pt = {w: i for i, w in enumerate("zero um dois três quatro cinco seis sete oito nove dez onze doze treze catorze quinze dezesseis dezessete dezoito dezenove vinte".split())}
    del pt["zero"], pt["um"]
    pt.update({"duas": 2, "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60, "setenta": 70, "oitenta": 80,
               "noventa": 90, "cem": 100, "cento": 100, "mil": 1000, "milhão": 10**6, "milhões": 10**6})
    tables["pt"] = pt

    ru: dict[str, int] = {}
    for value, forms in {
        1: "один одна одно одного одной одному одним одну",
        2: "два две двух двум двумя",
        3: "три трех трёх трем трём тремя",
        4: "четыре четырех четырёх четырем четырём четырьмя",
        8: "восемь восьми восемью",
        40: "сорок сорока",
        90: "девяносто девяноста",
        100: "сто ста",
        200: "двести двухсот",
        300: "триста трехсот трёхсот",
        500: "пятьсот пятисот",
        1000: "тысяча тысячу тысячи тысяч тысячами",
        10**6: "миллион миллиона миллионов",
        10**9: "миллиард миллиарда миллиардов",
    }.items():
        for form in forms.split():
            ru[form] = value
    # Numbers in -ь decline -ь/-и/-ью: пять, пяти, пятью.
    for value, word in ((5, "пять"), (6, "шесть"), (7, "семь"), (9, "девять"), (10, "десять"), (11, "одиннадцать"),
                        (12, "двенадцать"), (13, "тринадцать"), (14, "четырнадцать"), (15, "пятнадцать"), (16, "шестнадцать"),
                        (17, "семнадцать"), (18, "восемнадцать"), (19, "девятнадцать"), (20, "двадцать"), (30, "тридцать")):
        stem = word[:-1]
        ru.update({word: value, stem + "и": value, word + "ю": value})
    for value, word, oblique in ((50, "пятьдесят", "пятидесяти"), (60, "шестьдесят", "шестидесяти"),
                                 (70, "семьдесят", "семидесяти"), (80, "восемьдесят", "восьмидесяти")):
        ru.update({word: value, oblique: value})
    tables["ru"] = ru

    uk: dict[str, int] = {}
    for value, forms in {
        1: "один одна одне одного одної", 2: "два дві двох", 3: "три трьох", 4: "чотири чотирьох", 5: "п'ять п’ять п'яти",
        6: "шість шести", 7: "сім семи", 8: "вісім восьми", 9: "дев'ять дев’ять дев'яти", 10: "десять десяти",
        20: "двадцять двадцяти", 30: "тридцять", 40: "сорок", 50: "п'ятдесят", 100: "сто",
        1000: "тисяча тисячу тисячі тисяч", 10**6: "мільйон мільйона мільйонів", 10**9: "мільярд мільярда мільярдів",
    }.items():
        for form in forms.split():
            uk[form] = value
    tables["uk"] = uk
    return tables


_SPELLED = _spelled_table()
# Scale words that are numbers on their own only in the singular ("a thousand people", "тысяча
# человек"); their plurals ("thousands", "тысячи") are vague amounts and never stand alone.
_STANDALONE_SCALES = frozenset("hundred thousand million billion mille cent cien mil hundert tausend cento сто тысяча тысячу".split())
_SPELLED_JOINERS = frozenset({"and", "et", "y", "e", "und"})


# ---------------------------------------------------------------------------------------------
# Patterns


class _LazyPattern:
    """A module-level pattern compiled on first use: importing this module compiled two dozen
    patterns (~8 ms) that a check without a source never uses."""

    __slots__ = ("_arguments", "_compiled")

    def __init__(self, *arguments: Any) -> None:
        self._arguments = arguments
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._arguments)
        return getattr(compiled, name)


def _lazy(pattern: str, flags: int = 0) -> Any:
    return _LazyPattern(pattern, flags)

_SEP_CLASS_STRICT = r"[,.'’\u00a0\u202f\u2009]"
_SEP_CLASS_SPACED = r"[,.'’\u00a0\u202f\u2009 ]"


@lru_cache(maxsize=4)
def _number_pattern(space_grouping: bool) -> re.Pattern[str]:
    sep = _SEP_CLASS_SPACED if space_grouping else _SEP_CLASS_STRICT
    return re.compile(
        rf"(?<![\d.,])(?:\d{{1,3}}(?P<sep>{sep})\d{{3}}(?:(?P=sep)\d{{3}})*(?:(?!(?P=sep))[.,]\d+)?(?![\d])|\d++(?:[.,]\d++)?)"
    )


_SCALE_AFTER = _lazy(
    r"[ \u00a0\u202f\u2009]?(" + "|".join(sorted((re.escape(w) for w in _SCALES), key=len, reverse=True)) + r")\.?(?![^\W\d_])",
    re.IGNORECASE,
)
_PERCENT_AFTER = _lazy(rf"[ \u00a0\u202f\u2009]?(?:{_PERCENT_WORDS})", re.IGNORECASE)
_PERCENT_BEFORE = _lazy(r"(?:%|٪|yüzde\s|百分之)$", re.IGNORECASE)
_ORDINAL_AFTER = _lazy(r"(?:st|nd|rd|th|er|ère|e|ème|eme|º|ª|°|-?(?:й|го|я|е|ого|ый|ая|ое|ий|ї|го))(?![^\W\d_])", re.IGNORECASE)
_DECADE_AFTER = _lazy(r"['’]?s(?![^\W\d_])")
# Case matters: "5g" is grams, "5G" a network generation (a name).
_UNIT_AFTER = _lazy(
    r"(?:km|kg|mm|cm|m|g|t|ha|MW|GW|kW|kWh|mph|ft|mi|lb|lbs|h|min|sec|bn|mn|mln|k|x|kt|km²|m²|m3|м|км|кг|т|га|ч)(?![^\W\d_])"
)
# Multipliers after digits, and the digit groups that may continue them: 6万5000, 4億5000万.
_CJK_AFTER = _lazy(rf"[{''.join(_CJK_SMALL)}{''.join(_CJK_BIG)}]+(?:\d{{1,4}}[{''.join(_CJK_SMALL)}{''.join(_CJK_BIG)}]*){{0,4}}")
_CJK_TOKEN = _lazy(r"\d+(?:\.\d+)?|.")
_CJK_RUN = _lazy(rf"(?<![{''.join(_CJK_DIGITS)}{''.join(_CJK_SMALL)}{''.join(_CJK_BIG)}\d])[{''.join(_CJK_DIGITS)}十][{''.join(_CJK_DIGITS)}{''.join(_CJK_SMALL)}{''.join(_CJK_BIG)}]{{0,12}}")
_IDEOGRAPH = _lazy(r"[\u3400-\u9fff\uf900-\ufaff]")
_TIME = _lazy(r"(?<![\d.:,])([01]?\d|2[0-3])[:h]([0-5]\d)(?![\d:])")
# 午前0時31分, 11時半, 8時: a time of day (half past is 半).
# 2pm, 5 p.m.: hours only.
_CLOCK_HOUR = _lazy(r"(?<![\d.:,])(1[0-2]|0?[1-9])(?:[.:]([0-5]\d))?[ \u00a0]?([ap])(?:\.m\.?|m)(?![^\W\d_])", re.IGNORECASE)
# 24-hour clock times with a clock word: "14.30 Uhr", "um 20 Uhr", "à 20 heures", "après 21 h",
# "a las 14.30 horas". German "Uhr" is always a time of day; French "heures" and Spanish "horas"
# are also durations ("pendant 10 heures"), so they count as a time only after a clock
# preposition or with minutes.
_CLOCK_24 = _lazy(
    r"(?<![\d.:,])([01]?\d|2[0-3])(?:[.:]([0-5]\d))?[ \u00a0]?Uhr(?:[ \u00a0]?([0-5]\d))?(?![^\W\d_])"
    r"|(?:(?<![^\W\d_])(?:à|après|avant|vers|dès|jusqu'à|jusqu’à|a las|hasta las|desde las|sobre las)[ \u00a0]+)"
    r"(?P<fr>[01]?\d|2[0-3])(?:[.:](?P<frm>[0-5]\d))?[ \u00a0]?(?:heures?|h|horas)(?:[ \u00a0]?(?P<frm2>[0-5]\d))?(?![^\W\d_])"
    r"|(?<![\d.:,])(?P<hm>[01]?\d|2[0-3])[ \u00a0]?(?:heures|h|horas)[ \u00a0]?(?P<hmm>[0-5]\d)(?![\d:])",
    re.IGNORECASE,
)
# "XXI века", "XIXe siècle": centuries in Roman numerals.
_ROMAN_CENTURY = _lazy(
    r"(?<![^\W\d_])([IVX]{1,5})(?:e|ème)?[ \u00a0]+(?=век|столет|siècle|Jahrhundert|siglo|secolo|século|stulec|yüzyıl)"
)
_ROMAN = {"I": 1, "V": 5, "X": 10}
_CJK_TIME = _lazy(r"(?<![\d.])([01]?\d|2[0-3])時(?:([0-5]?\d)分|(半))?")
# 12月 without a day: a month name ("December"), not a quantity.
_CJK_MONTH = _lazy(r"(?<![\d.])(0?[1-9]|1[0-2])月(?!\d{1,2}[日号])")
# 十月, 十月份, 三月: a month name in CJK numerals (十 there is October, not ten).
_CJK_NUMERAL_MONTH = _lazy(
    rf"(?<![{''.join(_CJK_DIGITS)}{''.join(_CJK_SMALL)}{''.join(_CJK_BIG)}\d第])(十[一二]?|[一二三四五六七八九])月"
    rf"(?![{''.join(_CJK_DIGITS)}十\d]{{1,3}}[日号])"
)
_NUMERIC_DATE = _lazy(r"(?<![\d.,/])(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.((?:19|20)\d\d)(?![\d.,]\d)")
_CJK_DATE = _lazy(rf"(?:(\d{{1,2}})|([{''.join(_CJK_DIGITS)}十]{{1,3}}))月(?:(\d{{1,2}})|([{''.join(_CJK_DIGITS)}十]{{1,3}}))[日号]")
_MONTH_ALTERNATION = "|".join(sorted((re.escape(m) for m in _MONTH_NUMBER), key=len, reverse=True))
_DAY_MONTH = _lazy(
    rf"(?<![\d.,])(0?[1-9]|[12]\d|3[01])(?:\.|-?го|er|º|°)?[ \u00a0]+(?:de[ \u00a0]+)?({_MONTH_ALTERNATION})(?![^\W\d_])",
    re.IGNORECASE,
)
_MONTH_DAY = _lazy(
    rf"(?<![^\W\d_])({_MONTH_ALTERNATION})\.?[ \u00a0]+(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d.,]\d|\d|[^\W\d_])",
    re.IGNORECASE,
)
_WORD = _lazy(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*")
_PREVIOUS_WORD = _lazy(r"([^\W\d_]+)[ \u00a0]$")


# ---------------------------------------------------------------------------------------------
# Extraction


def normalise_digits(text: str) -> str:
    """``text`` with Arabic-Indic, Persian and full-width digits as ASCII; same length."""
    return text.translate(_DIGIT_MAP)


def _round_unit_of_integer(digits: str) -> float:
    """How precisely a written integer is known: 1,100,000 is to the nearest 100,000 (a rounded
    figure), but 320 and 25,000 are taken as exact (trailing zeros up to the last two digits)."""
    if len(digits) < 5:
        return 1.0
    trailing = len(digits) - len(digits.rstrip("0"))
    return float(10 ** min(trailing, len(digits) - 2))


def _read_digits(raw: str, lang: str) -> list[Reading] | None:
    """The readings of a digit string with separators, the copy's locale's first."""
    compact = raw.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ").replace("’", "'")
    if sum(ch.isdigit() for ch in compact) > MAX_DIGITS:
        return None
    separators = [ch for ch in compact if not ch.isdigit()]
    if not separators:
        return [Reading(float(compact), _round_unit_of_integer(compact))]
    groups = re.split(r"[^\d]", compact)
    kinds = set(separators)
    if len(kinds) == 2 or (len(separators) > 1 and separators[-1] != separators[0]):
        # "1,000.5" / "1.000,5": the last separator is the decimal one.
        whole = "".join(groups[:-1])
        return [Reading(float(f"{whole}.{groups[-1]}"), 10.0 ** -len(groups[-1]))]
    if len(separators) > 1 or separators[0] in " '":
        whole = "".join(groups)
        return [Reading(float(whole), _round_unit_of_integer(whole))]
    integer, fraction = groups
    decimal = Reading(float(f"{integer}.{fraction}"), 10.0 ** -len(fraction))
    if len(fraction) != 3 or integer == "0":
        return [decimal]
    grouped = Reading(float(integer + fraction), _round_unit_of_integer(integer + fraction))
    comma_decimal = lang in COMMA_DECIMAL
    grouped_first = (separators[0] == ",") != comma_decimal
    return [grouped, decimal] if grouped_first else [decimal, grouped]


def _parse_cjk(run: str, leading: float | None = None) -> float | None:
    """Value of Chinese/Japanese numerals, optionally after a digit number (330万, 3千万, 二十五万)."""
    total = 0.0
    section = 0.0
    number = leading if leading is not None else 0.0
    positional = all(ch in _CJK_DIGITS for ch in run) and leading is None  # 二〇二二 is read digit by digit
    previous = ""
    for ch in _CJK_TOKEN.findall(run):
        if ch[0].isdigit():
            number = float(ch)
        elif ch in _CJK_DIGITS:
            number = number * 10 + _CJK_DIGITS[ch] if positional else _CJK_DIGITS[ch]
        elif ch in _CJK_SMALL:
            section += (number or 1) * _CJK_SMALL[ch]
            number = 0
        elif ch in _CJK_BIG:
            section += number
            if section == 0:
                if total and previous in _CJK_BIG:
                    total *= _CJK_BIG[ch]  # 万亿: ten thousand times a hundred million (10^12)
                    previous = ch
                    continue
                return None
            total += section * _CJK_BIG[ch]
            section = 0
            number = 0
        else:
            return None
        previous = ch
    return total + section + number


def _cjk_scale(run: str) -> float:
    """The multiplier a CJK number ends in: 万 10^4, 亿 10^8, 万亿 10^12."""
    trailing = len(run) - len(run.rstrip("".join(_CJK_BIG)))
    if trailing:
        return math.prod(_CJK_BIG[ch] for ch in run[len(run) - trailing :])
    return _CJK_SMALL.get(run[-1:]) or 1.0


def _cjk_unit(run: str, leading_unit: float) -> float:
    """The rounding unit of a CJK number: its smallest multiplier times the leading number's unit."""
    last = run[-1] if run else ""
    if last.isdigit():
        return 1.0  # 6万5000: exact
    multiplier = _CJK_BIG.get(last) or _CJK_SMALL.get(last) or 1.0
    if all(ch in _CJK_BIG for ch in run):
        return leading_unit * math.prod(_CJK_BIG[ch] for ch in run)  # 2.9万亿: to the nearest 10^11
    if len(_CJK_TOKEN.findall(run)) > 1:
        return multiplier  # 4億5000万: to the nearest 万
    return leading_unit * multiplier


def _is_label(norm: str, start: int, end: int) -> bool:
    """Whether the number at start:end is part of a name: glued to letters (G20, COVID-19, 5G)
    or after a capitalised word that is not a month, a weekday or a sentence opener (Boeing 737)."""
    before = norm[start - 1] if start else ""
    if before.isalpha() and not _IDEOGRAPH.match(before):
        return True
    if before in "-‑" and start >= 2 and norm[start - 2].isalpha() and not _IDEOGRAPH.match(norm[start - 2]):
        return True
    previous = _PREVIOUS_WORD.search(norm, max(0, start - 40), start)
    if previous:
        word = previous.group(1)
        key = word.lower()
        if (
            word[0].isupper()
            and not _IDEOGRAPH.match(word[0])
            and key not in _OPENERS
            and key not in _MONTH_NUMBER
            and key not in _WEEKDAYS
            and key not in _SCALES
            and not word.isupper()  # "USD 5", "EUR 3": currency codes
        ):
            return True
    return False


def extract_numbers(text: str, lang: str) -> list[NumberMention]:
    """Every number mention of ``text`` (written in ``lang``), in text order."""
    norm = normalise_digits(text)
    lang = (lang or "und").split("-")[0].lower()
    # Dates and times first: their numbers are not quantities.
    candidates = list(_candidates(text, norm, lang))
    # Higher priority (lower number) wins overlaps; then the longer span.
    candidates.sort(key=lambda c: (c[0], c[1].start, -(c[1].end - c[1].start)))
    occupied = _Occupancy(len(text))
    kept: list[NumberMention] = []
    for _, mention in candidates:
        if occupied.free(mention.start, mention.end):
            occupied.take(mention.start, mention.end)
            kept.append(mention)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


class _Occupancy:
    """Which characters already belong to a kept mention (a bytearray: O(span) per query)."""

    def __init__(self, length: int) -> None:
        self._used = bytearray(length + 1)

    def free(self, start: int, end: int) -> bool:
        return not any(self._used[start:end])

    def take(self, start: int, end: int) -> None:
        self._used[start:end] = b"\x01" * (end - start)


def _candidates(text: str, norm: str, lang: str) -> Iterable[tuple[int, NumberMention]]:
    yield from ((0, m) for m in _dates(text, norm))
    yield from ((0, m) for m in _times(text, norm))
    yield from ((1, m) for m in _digit_numbers(text, norm, lang))
    yield from ((2, m) for m in _cjk_numbers(text, norm))
    yield from ((3, m) for m in _spelled_numbers(text, lang))


def _dates(text: str, norm: str) -> Iterable[NumberMention]:
    for match in _DAY_MONTH.finditer(norm):
        month = _MONTH_NUMBER[match.group(2).lower()]
        yield NumberMention(match.start(), match.end(), text[match.start() : match.end()], float(match.group(1)), "date", month=month)
    for match in _MONTH_DAY.finditer(norm):
        month = _MONTH_NUMBER[match.group(1).lower()]
        yield NumberMention(match.start(), match.end(), text[match.start() : match.end()], float(match.group(2)), "date", month=month)
    for match in _NUMERIC_DATE.finditer(norm):
        # "11.12.2021": the day and month are a date, the year a year of its own.
        yield NumberMention(match.start(), match.end(2), text[match.start() : match.end(2)], float(match.group(1)), "date", month=int(match.group(2)))
        yield NumberMention(match.start(3), match.end(3), text[match.start(3) : match.end(3)], float(match.group(3)), "year")
    for match in _CJK_DATE.finditer(norm):
        month = int(match.group(1)) if match.group(1) else _parse_cjk(match.group(2))
        day = float(match.group(3)) if match.group(3) else _parse_cjk(match.group(4))
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            yield NumberMention(match.start(), match.end(), text[match.start() : match.end()], float(day), "date", month=int(month))


def _times(text: str, norm: str) -> Iterable[NumberMention]:
    for match in _TIME.finditer(norm):
        minutes = int(match.group(1)) * 60 + int(match.group(2))
        yield NumberMention(match.start(), match.end(), text[match.start() : match.end()], float(minutes), "time")
    for match in _CJK_TIME.finditer(norm):
        minutes = int(match.group(1)) * 60 + (int(match.group(2)) if match.group(2) else 30 if match.group(3) else 0)
        yield NumberMention(match.start(), match.end(), text[match.start() : match.end()], float(minutes), "time")
    for match in _CLOCK_HOUR.finditer(norm):
        hours = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
        minutes = int(match.group(2) or 0)
        yield NumberMention(match.start(), match.end(), text[match.start() : match.end()], float(hours * 60 + minutes), "time")
    for match in _CLOCK_24.finditer(norm):
        for hour_group, minute_groups in ((1, (2, 3)), ("fr", ("frm", "frm2")), ("hm", ("hmm",))):
            if match.group(hour_group) is not None:
                break
        minutes = next((int(match.group(g)) for g in minute_groups if match.group(g)), 0)
        start = match.start(hour_group)  # the span starts at the hour, not the preposition
        yield NumberMention(start, match.end(), text[start : match.end()], float(int(match.group(hour_group)) * 60 + minutes), "time")
    for match in _ROMAN_CENTURY.finditer(norm):
        yield NumberMention(match.start(1), match.end(1), match.group(1), float(_roman(match.group(1))), "ordinal")
    for match in _CJK_MONTH.finditer(norm):
        # Matched against a number of the other side if there is one, never reported.
        yield NumberMention(match.start(), match.end(), text[match.start() : match.end()], float(match.group(1)), "number", label=True)
    for match in _CJK_NUMERAL_MONTH.finditer(norm):
        month = _parse_cjk(match.group(1)) or 0
        yield NumberMention(match.start(), match.end(), text[match.start() : match.end()], float(month), "number", label=True)


def _roman(numeral: str) -> int:
    values = [_ROMAN[ch] for ch in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _digit_numbers(text: str, norm: str, lang: str) -> Iterable[NumberMention]:
    pattern = _number_pattern(lang in SPACE_GROUPING)
    for match in pattern.finditer(norm):
        start, end = match.start(), match.end()
        raw = match.group()
        if raw[-1] in ".,":
            continue
        readings = _read_digits(raw, lang)
        if readings is None:
            continue
        kind = "number"
        scale = 1.0
        label = _is_label(norm, start, end)
        decimals = len(re.split(r"[.,]", raw)[-1]) if readings[0].unit < 1 else 0
        after = norm[end : end + 40]
        cjk = _CJK_AFTER.match(after)
        scale_match = _SCALE_AFTER.match(after)
        percent = _PERCENT_AFTER.match(after)
        if cjk:
            values = [_parse_cjk(cjk.group(), r.value) for r in readings]
            if all(v is not None for v in values):
                readings = [Reading(v, _cjk_unit(cjk.group(), r.unit)) for v, r in zip(values, readings)]  # type: ignore[arg-type]
                scale = _cjk_scale(cjk.group())
                end += cjk.end()
        elif scale_match:
            word = scale_match.group(1).lower()
            multiplier = _SCALE_BY_LANGUAGE.get((lang, word), _SCALES[word])
            currency_before = start > 0 and norm[start - 1] in _CURRENCY
            if multiplier and (word not in _CURRENCY_ONLY_SCALES or currency_before):
                readings = [Reading(r.value * multiplier, r.unit * multiplier) for r in readings]
                scale = multiplier
                end += scale_match.end()
                label = False  # "3.3 million" is a quantity even after a name
        if percent and not cjk and scale == 1.0:
            kind = "percent"
            label = False
        elif _PERCENT_BEFORE.search(norm[max(0, start - 8) : start]):
            kind = "percent"
            label = False
        elif scale == 1.0 and not cjk:
            ordinal = _ORDINAL_AFTER.match(after)
            if _DECADE_AFTER.match(after) and len(raw) == 4:
                kind = "year"
                label = False
            elif ordinal and not _UNIT_AFTER.match(after) and "." not in raw and "," not in raw:
                kind = "ordinal"
                label = label or bool(after[ordinal.end() : ordinal.end() + 1].isalnum())
            elif after[:1].isalpha() and not _IDEOGRAPH.match(after[:1]) and not _UNIT_AFTER.match(after):
                label = True  # 5G, 3D, 4K
        value = readings[0].value
        if kind == "number" and raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100:
            kind = "year"
        yield NumberMention(
            start, end, text[start:end], value, kind, unit=readings[0].unit, alternatives=tuple(readings[1:]),
            scale=scale, decimals=decimals, label=label,
        )


def _cjk_numbers(text: str, norm: str) -> Iterable[NumberMention]:
    for match in _CJK_RUN.finditer(norm):
        run = match.group()
        start, end = match.start(), match.end()
        next_char = norm[end : end + 1]
        before = norm[start - 1 : start]
        single_digit = len(run) == 1 and run in _CJK_DIGITS
        if len(run) == 1:
            # A lone numeral counts before a counter (三人, 二度) and after 第 (第三), not inside a
            # word (唯一, 三重, 九州).
            if not (next_char and next_char in _CJK_COUNTERS) and before != "第":
                continue
            if before and _IDEOGRAPH.match(before) and before != "第":
                strong = next_char in _CJK_STRONG_COUNTERS and run not in "一〇零" and norm[start : end + 2] != "十分"
                if not strong:
                    continue
        value = _parse_cjk(run)
        if value is None or value == 0:
            continue
        last = run[-1]
        unit = _CJK_BIG.get(last) or _CJK_SMALL.get(last) or 1.0
        yield NumberMention(
            start, end, text[start:end], value, "ordinal" if before == "第" else "number",
            unit=float(unit) if len(run) > 1 else 1.0, scale=float(unit), spelled=single_digit or value < 10,
        )


def _spelled_numbers(text: str, lang: str) -> Iterable[NumberMention]:
    table = _SPELLED.get(lang)
    if not table:
        return
    words = [_numeric_prefix(m.start(), m.group().lower(), table) for m in _WORD.finditer(text)]
    index = 0
    while index < len(words):
        run: list[tuple[int, int, int]] = []  # start, end, value of each number word
        cursor = index
        gap_start = -1  # where the text between this word and the run starts
        while cursor < len(words):
            start, end, word = words[cursor]
            gap = text[gap_start:start] if run else ""
            if run and gap.strip(" \u00a0-") != "":
                break
            parts = _number_word_parts(word, table)
            if parts is None:
                # "two hundred and fifty", "vingt et un": a joiner between number words.
                if run and word in _SPELLED_JOINERS and cursor + 1 < len(words) and _number_word_parts(words[cursor + 1][2], table):
                    gap_start = end
                    cursor += 1
                    continue
                break
            if run and not all(_may_follow(a, b) for a, b in zip([run[-1][2], *parts], parts)):
                break  # "one two", "five six": a list of numbers, not one number
            run.extend((start, end, part) for part in parts)
            gap_start = end
            cursor += 1
        if not run:
            index += 1
            continue
        index = cursor
        values = [v for _, _, v in run]
        if len(values) == 1 and values[0] >= 100 and words[cursor - 1][2] not in _STANDALONE_SCALES:
            continue
        value = _combine_number_words(values)
        start, end = run[0][0], run[-1][1]
        after = text[end : end + 40]
        kind = "percent" if _PERCENT_AFTER.match(after) else "number"
        if len(values) == 1 and words[cursor - 1][2] in _EN_ORDINAL_WORDS:
            kind = "ordinal"  # "the first visit", "the second round"
        largest_scale = max((v for v in values if v >= 1000), default=1)
        yield NumberMention(start, end, text[start:end], float(value), kind, unit=float(largest_scale if values[-1] >= 1000 else 1),
                            scale=float(largest_scale), spelled=True,
                            tentative=len(values) == 1 or (len(values) == 2 and values[0] == 1))


def _numeric_prefix(start: int, word: str, table: dict[str, int]) -> tuple[int, int, str]:
    """A word, or its number part when it is a hyphenated compound that starts with a number:
    "two-day" → "two", "twenty-five-year-old" → "twenty-five"."""
    if "-" in word and _number_word_parts(word, table) is None:
        pieces = word.split("-")
        for count in range(len(pieces) - 1, 0, -1):
            prefix = "-".join(pieces[:count])
            if _number_word_parts(prefix, table) is not None:
                return start, start + len(prefix), prefix
    return start, start + len(word), word


def _number_word_parts(word: str, table: dict[str, int]) -> list[int] | None:
    """The values of a (possibly hyphenated) number word: "twenty-five" → [20, 5]; a
    multiplicative "thirtyfold" / "three-fold" is its number."""
    if word in table:
        return [table[word]]
    if word.endswith("fold") and len(word) > 4:
        stem = word[:-4].rstrip("-")
        return [table[stem]] if stem in table and table[stem] < 1000 and stem not in _EN_ORDINAL_WORDS else None
    if "-" in word:
        if word in ("quatre-vingt", "quatre-vingts"):
            return [80]
        pieces = word.split("-")
        if all(piece in table or piece == "et" for piece in pieces):
            return [table[piece] for piece in pieces if piece != "et"] if pieces[0] != "et" else None
    return None


def _may_follow(previous: int, value: int) -> bool:
    """Whether number word ``value`` can continue a number ending in ``previous``: a scale word
    (hundred, thousand), units after tens (twenty-five, soixante-dix, dix-sept), anything
    smaller after hundreds or scales."""
    if value >= 100:
        return value > previous or previous < 100
    if previous >= 100:
        return True
    if previous % 10 == 0 and previous >= 20:
        return value < 20
    return previous == 10 and value < 10


def _combine_number_words(values: list[int]) -> int:
    """Standard additive/multiplicative reading: two hundred fifty thousand → 250,000."""
    total = 0
    current = 0
    for value in values:
        if value == 100:
            current = (current or 1) * 100
        elif value >= 1000:
            total += (current or 1) * value
            current = 0
        else:
            current += value
    return total + current


# ---------------------------------------------------------------------------------------------
# Comparison and formatting


def readings_match(a: Reading, b: Reading) -> bool:
    """Equal, or one is the other rounded to the precision it is written with (3.3 million ≈
    3.27 million; 1.1 million ≈ 1,144,700)."""
    if a.value == b.value:
        return True
    tolerance = max(a.unit, b.unit) / 2
    return abs(a.value - b.value) <= tolerance * (1 + 1e-9)


def mentions_match(a: NumberMention, b: NumberMention) -> bool:
    """Whether two mentions (one per side) can be the same number."""
    if a.kind == "time" or b.kind == "time":
        if a.kind == b.kind:
            return a.value % 720 == b.value % 720  # 15:00 and 3:00 p.m.
        return False
    if a.kind == "date" and b.kind == "date":
        return a.month == b.month and a.value == b.value
    # A date's day also answers a bare day number or ordinal ("11 декабря" ↔ "on the 11th").
    return any(readings_match(x, y) for x in a.readings for y in b.readings)


def number_class(mention: NumberMention) -> str:
    """What a number can be replaced by in a mistranslation: a year by a year, a date by a date."""
    if mention.kind in ("year", "date", "percent", "time"):
        return mention.kind
    return "number"


_MONTH_NAMES_FOR_FORMAT = {"en": "en", "fr": "fr", "de": "de", "es": "es", "it": "it", "pt": "pt", "ru": "ru", "uk": "uk", "pl": "pl", "tr": "tr"}
_SCALE_WORDS_FOR_FORMAT: dict[str, dict[float, str]] = {
    "en": {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"},
    "fr": {1e6: "millions", 1e9: "milliards"},
    "de": {1e6: "Millionen", 1e9: "Milliarden"},
    "es": {1e6: "millones", 1e9: "mil millones"},
    "it": {1e6: "milioni", 1e9: "miliardi"},
    "pt": {1e6: "milhões", 1e9: "bilhões"},
    "ru": {1e3: "тыс.", 1e6: "млн", 1e9: "млрд"},
    "uk": {1e3: "тис.", 1e6: "млн", 1e9: "млрд"},
    "pl": {1e3: "tys.", 1e6: "mln", 1e9: "mld"},
    "tr": {1e3: "bin", 1e6: "milyon", 1e9: "milyar"},
}


def _group(integer: int, lang: str) -> str:
    plain = f"{integer:,}"
    if lang in SPACE_GROUPING:
        return plain.replace(",", "\u00a0")
    if lang in COMMA_DECIMAL:
        # Spanish and others leave four-digit numbers ungrouped; German groups them with a dot.
        return plain.replace(",", ".") if integer >= 10000 or lang == "de" else str(integer)
    return plain


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """``value`` written the way ``lang`` copy writes numbers (1,000.5 / 1.000,5 / 1 000,5)."""
    if decimals <= 0 and value == int(value):
        return _group(int(value), lang)
    digits = f"{value:.{max(decimals, 1)}f}"
    integer, fraction = digits.split(".")
    mark = "," if lang in COMMA_DECIMAL else "."
    return f"{_group(int(integer), lang)}{mark}{fraction}"


def format_mention(mention: NumberMention, lang: str) -> str | None:
    """The source mention written in the target's style, or None when its reading is ambiguous."""
    lang = (lang or "en").split("-")[0].lower()
    if mention.alternatives:
        return None
    if mention.kind == "date":
        day = int(mention.value)
        if lang in ("zh", "ja"):
            return f"{mention.month}月{day}日"
        months = _MONTHS.get(_MONTH_NAMES_FOR_FORMAT.get(lang, ""))
        if not months:
            return None
        month = months[mention.month - 1]
        if lang == "en":
            return f"{month.capitalize()} {day}"
        if lang == "de":
            return f"{day}. {month.capitalize()}"
        if lang in ("es", "pt"):
            return f"{day} de {month}"
        return f"{day} {month}"
    if mention.kind == "time":
        return f"{int(mention.value) // 60:02d}:{int(mention.value) % 60:02d}"
    if mention.kind in ("year",):
        return str(int(mention.value))
    value = mention.value
    if lang in ("zh", "ja") and value >= 1e4:
        big, mark = (1e8, "亿" if lang == "zh" else "億") if value >= 1e8 else (1e4, "万")
        if lang == "zh" and value >= 1e12:
            big, mark = 1e12, "万亿"
        elif lang == "ja" and value >= 1e12:
            big, mark = 1e12, "兆"
        return _trim(value / big) + mark
    words = _SCALE_WORDS_FOR_FORMAT.get(lang, _SCALE_WORDS_FOR_FORMAT["en"] if lang not in COMMA_DECIMAL else {})
    if mention.scale >= 1e6 and mention.scale in words:
        scaled = value / mention.scale
        decimals = max(0, -int(math.floor(math.log10(mention.unit / mention.scale)))) if mention.unit < mention.scale else 0
        return f"{format_number(round(scaled, decimals), lang, decimals)} {words[mention.scale]}"
    if mention.spelled:
        return format_number(value, lang)
    decimals = max(0, -int(math.floor(math.log10(mention.unit)))) if mention.unit < 1 else 0
    return format_number(value, lang, decimals)


def spelled_form(value: float, lang: str, like: str = "") -> str | None:
    """A small whole number in words ("seven"), capitalised like ``like``; None when the
    language's table has no single word for it."""
    table = _SPELLED.get((lang or "").split("-")[0].lower())
    if not table or value != int(value) or not 2 <= value <= 20:
        return None
    word = next((w for w, v in table.items() if v == value and w not in _EN_ORDINAL_WORDS and "-" not in w), None)
    if word and like[:1].isupper():
        word = word.capitalize()
    return word


def _trim(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
