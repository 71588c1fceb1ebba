"""SPL: misspelled ordinary words.

* SPL001 misspelled word: a lower-case word that no dictionary of the target language knows and
  that is one edit (insertion, deletion, substitution, transposition) away from a word that is
  ("foudn" → "found", "thsoe" → "those", "goverment" → "government").

Precision first. A word counts as known when it is in pyspellchecker's word-frequency list for
the language (MIT; built from OpenSubtitles, so it speaks American English and lacks news
vocabulary), in the gazetteer's list of common words (wordfreq, Zipf ≥ 3: news words such as
"cryptocurrency", British spellings) or among the tokens of any name the gazetteer knows. A
British spelling whose American form is known ("colour", "organisation", "defence", "centre") is
known too. What is never looked at: capitalised words (names; a sentence-initial word only when
nothing suggests a name), all-caps and mixed-case words (acronyms, brands), words with digits,
URLs, e-mail addresses, handles and hashtags, text in quotation marks, words with letters the
target language does not use and sentences in another language (UNT's job), abbreviations (a
short word followed by a period), possessive endings, and hyphenated compounds whose parts are
words. A word with no close dictionary word is left alone: far more often it is a rare term than
a typo. The dictionary is read on first use (~0.1 s), not at import.

Russian (``ru``): pyspellchecker's list has 19,880 words, one or two forms of most, so a word is
also known when its stem (the word less a noun, adjective, verb or participle ending) is the stem
of a dictionary word ("гриппа" by "грипп", "предлагая" by "предлагаю"), or with a fleeting vowel
of the genitive plural ("сестер" by "сестра"); ё is compared as е; words of fewer than five
letters and words without a vowel ("трлн", "млрд") are not checked; a candidate weighs as much as
its family of forms. Only swapped, dropped and doubled letters are flagged, never at the first
letter: a substituted or extra letter made another real word in 42 of the 44 false alarms on the
WMT22 Russian sources ("отмечает" / "отвечает", "издание" / "здание").
"""

from __future__ import annotations

import gzip
import json
import os
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from mtcheck.checks.language import same_language
from mtcheck.checks.repetition import _quoted_ranges
from mtcheck.context import CheckContext
from mtcheck.datafiles import cached
from mtcheck.gazetteer import Gazetteer, fold, get_gazetteer
from mtcheck.registry import Example, Hit, rule
from mtcheck.types import Severity

# Target languages with a pyspellchecker dictionary. Russian's list is small (19,880 words from
# subtitles), so Russian words are also known by their inflections (below); Arabic copy gets no
# spell check (its list has no vowel-less news vocabulary to be precise with).
_ALPHABETS = {
    "ru": "абвгдежзийклмнопрстуфхцчшщъыьэюя",
    "en": "abcdefghijklmnopqrstuvwxyz",
    "fr": "abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ",
    "es": "abcdefghijklmnopqrstuvwxyzáéíñóúü",
    "de": "abcdefghijklmnopqrstuvwxyzäöüß",
    "pt": "abcdefghijklmnopqrstuvwxyzáâãàçéêíóôõú",
    "it": "abcdefghijklmnopqrstuvwxyzàèéìíòóù",
    "nl": "abcdefghijklmnopqrstuvwxyzéëïóöü",
}
SUPPORTED_LANGUAGES = frozenset(_ALPHABETS)

# A word, with inner apostrophes and hyphens ("don't", "well-known", "aujourd'hui").
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
# Tokens whose words are never spell-checked: URLs, e-mail addresses, handles, hashtags, file
# names and anything glued to digits or underscores ("COVID-19", "5G", "mp3", "snake_case").
_UNCHECKED = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|[@#]\w+|\w+\.(?:com|org|net|gov|ru|uk|fr|de|html?|pdf)\b"
    r"|\w*\d\w*(?:[-/.]\w+)*|\w+_\w+",
    re.IGNORECASE,
)
_SINGLE_QUOTED = re.compile(r"(?<!\w)['‘][^'‘’\n]{1,60}['’](?!\w)")
_ELISION = re.compile(r"^(?:[ldjmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|dall|dell|nell|sull|all)['’]", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|\n\s*)[\"“«„'‘(\[]*$")

MIN_WORD_LENGTH = 4  # shorter unknown words are abbreviations, interjections, foreign particles
ABBREVIATION_MAX_LENGTH = 5  # "approx.", "govt.", "incl.": a short word before a period
# A suggestion is given when the best candidate is this many times as frequent as the next.
SUGGESTION_DOMINANCE = 10
# A candidate must be this frequent (pyspellchecker's counts; 50 is the floor of its list) for an
# unknown word to be called a misspelling of it: on the WMT22 references the rare neighbours of
# rare good words ("glycemic" → "glyceric", "slideshow" → "sideshow") were the false alarms.
MIN_CANDIDATE_COUNT = 2000
# A capitalised word at the start of a sentence is a name more often than a typo ("Toray" is one
# edit from "Today"): flagged only when swapping two letters gives a word, or the word is one of
# the most frequent.
SENTENCE_INITIAL_MIN_COUNT = 1_000_000
# The same floor for lists of another size than English's (160,572 words): Russian's has 19,880,
# with counts about twenty times lower.
MIN_CANDIDATE_COUNTS = {"ru": 300}

# British endings and the American ones a dictionary built from subtitles knows instead. Applied
# to a word as a whole ending, or to a stem ("organisation" → "organization").
_BRITISH_TO_AMERICAN: tuple[tuple[str, str], ...] = (
    ("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"),
    ("ises", "izes"), ("ising", "izing"), ("iser", "izer"), ("isers", "izers"),
    ("yse", "yze"), ("ysed", "yzed"), ("yses", "yzes"), ("ysing", "yzing"),
    ("our", "or"), ("ours", "ors"), ("oured", "ored"), ("ouring", "oring"), ("ourable", "orable"),
    ("ourite", "orite"), ("ourites", "orites"), ("ourful", "orful"),
    ("tre", "ter"), ("tres", "ters"), ("ence", "ense"), ("ences", "enses"),
    ("ogue", "og"), ("ogues", "ogs"), ("mme", "m"), ("mmes", "ms"),
    ("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("llers", "lers"),
    ("ement", "ment"), ("ae", "e"), ("oe", "e"),
)
# Russian inflection. A word is known when it is a stem plus one of these endings and the same
# stem plus any of them is in the dictionary ("гриппа": "грипп"; "предлагая": "предлагаю";
# "системам": "система"): the list has one or two forms of most words, news uses all of them.
_RU_NOUN_ENDINGS = (
    "", "а", "я", "о", "е", "ь", "и", "ы", "у", "ю", "ой", "ей", "ою", "ею", "ом", "ем", "ам", "ям",
    "ами", "ями", "ах", "ях", "ов", "ев", "ий", "ия", "ие", "ию", "ии", "ием", "иям", "иями", "иях",
    "ья", "ье", "ьи", "ью", "ьем", "ьям", "ьями", "ьях", "ьев", "ей", "ость", "ости", "остью",
)
_RU_ADJECTIVE_ENDINGS = (
    "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
    "ую", "юю", "ых", "их", "ыми", "ими", "ою", "ею", "ее", "ей", "ейший", "айший",
)
_RU_VERB_ENDINGS = (
    "ть", "ти", "чь", "ю", "у", "ешь", "ет", "ем", "ете", "ют", "ут", "ишь", "ит", "им", "ите", "ят",
    "ат", "л", "ла", "ло", "ли", "й", "йте", "и", "ите", "я", "а", "в", "вши", "ши",
)
_RU_PARTICIPLE_SUFFIXES = ("ющ", "ящ", "ущ", "ащ", "вш", "ш", "нн", "енн", "ённ", "н", "т", "ем", "им", "ом")


def _russian_endings() -> frozenset[str]:
    adjective_forms = _RU_ADJECTIVE_ENDINGS + ("", "а", "о", "ы")  # short forms: "снят", "снята"
    endings = set(_RU_NOUN_ENDINGS) | set(_RU_ADJECTIVE_ENDINGS) | set(_RU_VERB_ENDINGS)
    endings |= {suffix + ending for suffix in _RU_PARTICIPLE_SUFFIXES for ending in adjective_forms}
    endings |= {ending + reflexive for ending in _RU_VERB_ENDINGS + ("",) for reflexive in ("ся", "сь")}
    endings |= {
        suffix + ending + "ся"
        for suffix in ("ющ", "ящ", "ущ", "ащ", "вш", "ш") for ending in _RU_ADJECTIVE_ENDINGS
    }
    return frozenset(endings)


_RU_ENDINGS = _russian_endings()
_RU_MAX_ENDING = max(map(len, _RU_ENDINGS))
RU_MIN_STEM = 3  # shorter stems match too much ("до" + "ма")
RU_MIN_WORD_LENGTH = 5  # "трем", "суды", "тона": a short form is one letter from too many words

# Portuguese written in Brazil and in Portugal differ in the accent on a stressed e or o before m
# or n; the list mixes both.
_PT_VARIANTS = str.maketrans("ôêâóéá", "óéáôêâ")

# Common abbreviations written without a period in wire copy.
_ABBREVIATIONS = frozenset(
    "approx govt dept etc incl vs mln bln bn pct mph kmh kph sq ft yr yrs hr hrs min mins sec "
    "secs cm mm km kg mg ml tbsp tsp pp vol nos jr sr".split()
)


@dataclass(frozen=True)
class Dictionary:
    """A language's known words (folded) and the word frequencies used to rank corrections."""

    lang: str
    counts: dict[str, int]
    alphabet: str

    def knows(self, word: str) -> bool:
        return word in self.counts


@lru_cache(maxsize=8)
def russian_stems(lang: str = "ru") -> dict[str, int]:
    """Every stem of a Russian dictionary word (the word less one of the endings, at least
    ``RU_MIN_STEM`` letters), with the summed counts of the words built on it."""
    stems: dict[str, int] = {}
    for word, count in load_dictionary(lang).counts.items():
        for cut in range(0, min(_RU_MAX_ENDING, len(word) - RU_MIN_STEM) + 1):
            if word[len(word) - cut:] in _RU_ENDINGS:
                stem = word[: len(word) - cut]
                stems[stem] = stems.get(stem, 0) + count
    return stems


def _russian_splits(word: str) -> Iterator[str]:
    """The stems of ``word``: what remains when one of the endings is cut off."""
    for cut in range(0, min(_RU_MAX_ENDING, len(word) - RU_MIN_STEM) + 1):
        if word[len(word) - cut:] in _RU_ENDINGS:
            yield word[: len(word) - cut]


def yo_to_ye(word: str) -> str:
    """Russian copy writes е for ё ("трем" for "трём"): both are compared without it."""
    return word.replace("ё", "е").replace("Ё", "Е")


@lru_cache(maxsize=8)
def load_dictionary(lang: str) -> Dictionary:
    """pyspellchecker's word-frequency list for ``lang``, read once per process (through the
    on-disk cache: unzipping and decoding the JSON takes ~50 ms for English, the marshalled
    dictionary ~20 ms)."""
    file = resources.files("spellchecker") / "resources" / f"{lang}.json.gz"
    try:
        stat = os.stat(str(file))
        key = f"{file}:{stat.st_size}:{stat.st_mtime_ns}".encode()
    except OSError:
        key = b""
    if not key:
        counts: dict[str, int] = _read_counts(file, lang)
    else:
        counts = cached(f"spelling/{lang}", key + (b":yo" if lang == "ru" else b""), lambda: _read_counts(file, lang), dict)
    return Dictionary(lang, counts, _ALPHABETS[lang])


def _read_counts(file, lang: str = "") -> dict[str, int]:
    counts: dict[str, int] = json.loads(gzip.decompress(file.read_bytes()))
    if lang == "ru":  # ё written е, as news copy writes it; the counts of both spellings summed
        folded: dict[str, int] = {}
        for word, count in counts.items():
            key = yo_to_ye(word)
            folded[key] = folded.get(key, 0) + count
        counts = folded
    return counts


def _edits1(word: str, alphabet: str) -> Iterator[str]:
    """Every string one Damerau edit away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for left, right in splits:
        if right:
            yield left + right[1:]
            for letter in alphabet:
                yield left + letter + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for letter in alphabet:
            yield left + letter + right


@dataclass(frozen=True)
class Lexicon:
    """Everything that makes a word known for one target language."""

    dictionary: Dictionary
    gazetteer: Gazetteer | None

    def knows(self, word: str) -> bool:
        """``word`` is lower-case."""
        if self.dictionary.knows(word):
            return True
        if self.gazetteer is not None:
            key = fold(word)
            if self.gazetteer.is_common(word, self.dictionary.lang) or key in self.gazetteer.known_tokens:
                return True
        if self.dictionary.lang == "en":
            return any(self.dictionary.knows(variant) for variant in _american_forms(word))
        if self.dictionary.lang == "pt" and any(char in word for char in "ôêâóéá"):
            # Brazilian "fenômeno", "econômico" and European "fenómeno", "económico"
            return self.dictionary.knows(word.translate(_PT_VARIANTS))
        if self.dictionary.lang == "ru":
            stems = russian_stems(self.dictionary.lang)
            if any(stem in stems for stem in _russian_splits(word)):
                return True
            # a fleeting vowel in the genitive plural: "сестер" (сестра), "окон" (окно)
            return len(word) > 4 and word[-2] in "ео" and word[-1] not in "аеиоуыэюяйь" and (
                word[:-2] + word[-1] in stems
            )
        return False

    def corrections(self, word: str) -> list[tuple[str, int]]:
        """Dictionary words one edit away, most frequent first (for Russian, a word weighs as much
        as the most frequent family of forms it belongs to: "правительство" with "правительства",
        "правительству"...)."""
        counts = self.dictionary.counts
        lang = self.dictionary.lang
        floor = MIN_CANDIDATE_COUNTS.get(lang, MIN_CANDIDATE_COUNT)
        found: dict[str, int] = {}
        stems = russian_stems(lang) if lang == "ru" else None
        for candidate in _edits1(word, self.dictionary.alphabet):
            count = counts.get(candidate, 0)
            if not count:
                continue
            if stems is not None:
                count = max([count] + [stems.get(stem, 0) for stem in _russian_splits(candidate)])
            if count >= floor:
                found[candidate] = count
        return sorted(found.items(), key=lambda item: -item[1])


def _american_forms(word: str) -> Iterator[str]:
    for british, american in _BRITISH_TO_AMERICAN:
        if word.endswith(british):
            yield word[: len(word) - len(british)] + american
        if british in ("isation", "ise", "our", "ae", "oe", "ence") and british in word[:-1]:
            yield word.replace(british, american, 1)


def _lexicon(context: CheckContext) -> Lexicon:
    def compute(ctx: CheckContext) -> Lexicon:
        try:
            gazetteer: Gazetteer | None = get_gazetteer(ctx.config.gazetteer)
        except Exception:  # a broken house file is NAM's to report; spelling still runs
            gazetteer = None
        return Lexicon(load_dictionary(ctx.target_lang), gazetteer)

    return context.shared("spelling-lexicon", compute)


def _skipped_ranges(context: CheckContext) -> list[tuple[int, int]]:
    """Quotations, URL-like tokens and sentences in another language than the target."""
    text = context.text
    ranges = list(_quoted_ranges(text))
    ranges += [m.span() for m in _SINGLE_QUOTED.finditer(text)]
    ranges += [m.span() for m in _UNCHECKED.finditer(text)]
    for sentence, guess in zip(context.sentences, context.sentence_languages):
        if guess.code not in ("und", "") and not same_language(context.target_lang, guess.code):
            if guess.confidence >= 0.8 and len(sentence.text.split()) >= 4:
                ranges.append((sentence.start, sentence.end))
    ranges.sort()
    return ranges


def _inside(ranges: list[tuple[int, int]], start: int, end: int, starts: list[int] | None = None) -> bool:
    """``ranges`` sorted; ``starts``: their starts, if the caller has them (faster bisection)."""
    k = (bisect_right(starts, start) if starts is not None else bisect_right(ranges, (start, float("inf")))) - 1
    # ranges may overlap: look back over the few that start before ``start``
    while k >= 0:
        range_start, range_end = ranges[k]
        if range_start <= start and end <= range_end:
            return True
        if start - range_start > 2000:
            break
        k -= 1
    return False


@dataclass(frozen=True)
class Misspelling:
    start: int
    end: int
    word: str
    suggestion: str | None
    candidates: tuple[str, ...]


def _word_case(word: str) -> str:
    """'lower', 'title' or 'other' (all-caps, camelCase: never checked)."""
    if word.islower():
        return "lower"
    if word[0].isupper() and (len(word) == 1 or word[1:].islower()):
        return "title"
    return "other"


def _check_word(
    lexicon: Lexicon, word: str, *, sentence_initial: bool
) -> tuple[str | None, tuple[str, ...]] | None:
    """None when ``word`` passes; else (suggestion, candidates)."""
    lower = word.lower()
    russian = lexicon.dictionary.lang == "ru"
    if russian:
        lower = yo_to_ye(lower)
        if len(lower) < RU_MIN_WORD_LENGTH or not any(vowel in lower for vowel in "аеиоуыэюя"):
            return None  # "трлн", "млрд", "пгт": abbreviations have no vowel
    if len(lower) < MIN_WORD_LENGTH or lower in _ABBREVIATIONS:
        return None
    if any(char not in lexicon.dictionary.alphabet for char in lower):
        return None  # a letter the target language does not use: a foreign word or a name
    if lexicon.knows(lower):
        return None
    candidates = lexicon.corrections(lower)
    if russian:
        candidates = [(c, n) for c, n in candidates if _russian_typo(lower, c)]
    if not candidates:
        return None
    best, best_count = candidates[0]
    runner_up = candidates[1][1] if len(candidates) > 1 else 0
    if best_count < SUGGESTION_DOMINANCE * runner_up:
        return None  # several plausible corrections: more often a rare word than a typo
    if _looks_inflected_or_foreign(lower, best):
        return None
    if sentence_initial:
        if not (_is_transposition(lower, best) or best_count >= SENTENCE_INITIAL_MIN_COUNT):
            return None
        best = best[0].upper() + best[1:]
    return best, tuple(c for c, _ in candidates[:3])


def _russian_typo(word: str, candidate: str) -> bool:
    """The slips a Russian word is flagged for: two neighbouring letters swapped, a letter dropped
    or a letter doubled, never at the first letter. A substituted letter, or an extra one, more
    often makes another real word the small list lacks ("отмечает" / "отвечает", "издание" /
    "здание") than a typo."""
    if _is_transposition(word, candidate):
        return word[0] == candidate[0]
    first = next((i for i, (a, b) in enumerate(zip(word, candidate)) if a != b), min(len(word), len(candidate)))
    if first == 0:
        return False
    if len(candidate) == len(word) + 1:  # a letter dropped
        return True
    if len(word) == len(candidate) + 1:  # a letter doubled: "правительсство"
        return word[first] == word[first - 1]
    return False


def _is_transposition(word: str, candidate: str) -> bool:
    if len(word) != len(candidate):
        return False
    differ = [i for i, (a, b) in enumerate(zip(word, candidate)) if a != b]
    return len(differ) == 2 and differ[1] == differ[0] + 1 and word[differ[0]] == candidate[differ[1]]


def _looks_inflected_or_foreign(word: str, candidate: str) -> bool:
    """An unknown word that is a known one plus or minus a plural "s" ("bedsheet",
    "micronutrients") is an inflection the list lacks; one that differs from a known word only
    in a final vowel ("dashi", "machina") is a loanword."""
    if word + "s" == candidate or candidate + "s" == word:
        return True
    return word[-1] in "aiou" and word[:-1] == candidate[: len(word) - 1] and len(candidate) >= len(word) - 1


def find_misspellings(context: CheckContext) -> list[Misspelling]:
    lang = context.target_lang
    if lang not in SUPPORTED_LANGUAGES:
        return []
    text = context.text
    lexicon = _lexicon(context)
    skipped = _skipped_ranges(context)
    skipped_starts = [range_start for range_start, _ in skipped]
    found: list[Misspelling] = []
    mid_sentence_title_words: set[str] | None = None
    for match in _WORD.finditer(text):
        start, end = match.span()
        token = match.group()
        if _inside(skipped, start, end, skipped_starts):
            continue
        following = text[end:end + 1]
        if following == "." and len(token) <= ABBREVIATION_MAX_LENGTH and not text[end + 1:end + 2].isspace():
            continue  # "e.g", "a.m", "approx.X"
        if following == "." and len(token) <= ABBREVIATION_MAX_LENGTH and token.lower() not in ("the",):
            # "approx. 5", "govt. sources": a short word before a period may be an abbreviation
            if not lexicon.knows(token.lower()):
                continue
        preceding = text[max(0, start - 1):start]
        if preceding in ("@", "#", "/", "\\", ".", "_") or following in ("@", "_", "/"):
            continue
        core = token
        if lang in ("fr", "it"):
            core = _ELISION.sub("", core)
        if lang == "en":
            core = _POSSESSIVE.sub("", core) if core.endswith(("'s", "’s", "'", "’")) else core
        parts = core.split("-")
        if len(parts) > 1 and any(part[:1].isupper() for part in parts):
            continue  # "Shonai-gawa", "San-digi": part of a name
        offset = start + (len(token) - len(core) if core != token and token.endswith(core) else 0)
        if len(parts) > 1 and lexicon.knows(core.lower()):
            continue
        position = offset
        for part in parts:
            part_start = position
            position += len(part) + 1
            if "'" in part or "’" in part:
                continue  # contractions and elisions the dictionaries spell their own way
            case = _word_case(part)
            if case == "other":
                continue
            sentence_initial = False
            if case == "title":
                if part_start != start or not _SENTENCE_START.search(text[max(0, start - 12):start]):
                    continue  # a name
                if mid_sentence_title_words is None:
                    mid_sentence_title_words = _mid_sentence_title_words(text)
                if part in mid_sentence_title_words:
                    continue  # written capitalised mid-sentence elsewhere: a name
                sentence_initial = True
            verdict = _check_word(lexicon, part, sentence_initial=sentence_initial)
            if verdict is None:
                continue
            suggestion, candidates = verdict
            found.append(Misspelling(part_start, part_start + len(part), part, suggestion, candidates))
    return found


def _mid_sentence_title_words(text: str) -> set[str]:
    """Capitalised words after a lower-case word or a comma: names, in any script."""
    found = set()
    for match in re.finditer(r"(?<=[^\W\d_,;] |[,;] )([^\W\d_])([^\W\d_]*)", text):
        before = text[match.start() - 2]
        first, rest = match.groups()
        if (before.islower() or before in ",;") and first.isupper() and rest and rest.islower():
            found.add(match.group())
    return found


@rule(
    code="SPL001",
    name="misspelled-word",
    category="fluency/spelling",
    severity=Severity.MINOR,
    summary="An ordinary word misspelled (\"goverment\", \"foudn\").",
    what="""
        A word no dictionary of the target language knows (pyspellchecker's word lists for en,
        fr, es, de, pt, it, nl, ru, with the gazetteer's common words and names) that is one edit
        away from a frequent dictionary word. British and American spellings are both accepted,
        and Brazilian and European Portuguese accents. In Russian, inflected forms of dictionary
        words are known, ё counts as е, and only swapped, dropped or doubled letters are flagged.
        Never flagged: names and other capitalised words (a sentence-initial word only with a
        clear correction and never when the same word is capitalised mid-sentence elsewhere),
        acronyms, words with digits, URLs, e-mail addresses, handles, hashtags, words in
        quotation marks, foreign words and sentences (UNT's job), abbreviations, possessives,
        and hyphenated compounds made of words. Unknown words with no close dictionary word are
        left alone: they are far more often rare terms than typos.
    """,
    why="""
        A typo in published copy costs credibility; in MT output it usually marks a word the
        system copied from a garbled source or a post-editor's slip.
    """,
    fix="Use the suggested spelling when there is one; otherwise check the word.",
    must_flag=[
        Example("The police foudn the car near the border on Monday.", flags="foudn"),
        Example("Many of thsoe who fled have not returned.", flags="thsoe"),
        Example("The goverment announced new measures on Tuesday.", flags="goverment"),
        Example("The ministry said the decison was final.", flags="decison"),
        Example("В понедельник правительсвто объявило новые меры.", flags="правительсвто", lang="ru"),
        Example("Встреча президнета с министрами прошла в Кремле.", flags="президнета", lang="ru"),
    ],
    must_pass=[
        Example("The organisation's centre in Kyiv will analyse the colour of the programme."),
        Example("Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev."),
        Example("NATO and the OSCE said COVID-19 cases rose; see https://example.com/updatez."),
        Example("She wrote \"teh goverment\" in her post, quoting the typo."),
        Example("A well-known anti-corruption campaigner emailed info@newsdesk.org and @reutrs."),
        Example("Le gouvernement a annoncé jeudi de nouvelles mesures.", lang="fr"),
        Example("Цены на газ выросли, запасы газа сократились, а вакцинация от гриппа идет.", lang="ru"),
        Example("Издание отмечает, что с учетом инфляции ставки вырастут на треть.", lang="ru"),
    ],
)
def check_misspelled_word(context: CheckContext) -> Iterator[Hit]:
    for found in find_misspellings(context):
        if found.suggestion:
            message = f"“{found.word}” is not in the {context.target_lang} dictionary; did you mean “{found.suggestion}”?"
        else:
            options = ", ".join(f"“{c}”" for c in found.candidates)
            message = f"“{found.word}” is not in the {context.target_lang} dictionary (close: {options})."
        yield Hit(
            found.start,
            found.end,
            message,
            suggestion=found.suggestion,
            confidence=0.8 if found.suggestion else 0.6,
        )
