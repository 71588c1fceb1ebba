"""The gazetteer: people, places and organisations in the news, with their forms per language.

The shipped file ``mtcheck/data/gazetteer.json.gz`` is built by ``gazetteer/build.py`` (format:
``gazetteer/README.md``). This module

- loads it lazily, once per process (``get_gazetteer``);
- merges house-style files (YAML or CSV, the curated entity schema): an entry with an existing
  ``id`` makes its forms the preferred ones for the languages it gives (the built-in preferred
  forms become accepted variants), an entry with a new ``id`` adds an entity;
- builds, on first use, the indexes the name checks need: exact forms (diacritic- and
  case-insensitive) with each form's role, a blocked index for fuzzy matching, and an index of
  original-script forms for source texts.

Importing this module is cheap: nothing is read or built until a gazetteer is asked for.
"""

from __future__ import annotations

import csv
import gc
import gzip
import hashlib
import io
import json
import os
import pickle
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from mtcheck.datafiles import cache_dir

BUILTIN_NAME = "gazetteer.json.gz"
SCHEMA = "mtcheck.gazetteer/1"
ENTITY_TYPES = ("person", "place", "organisation")
HOUSE_TIER = "house"

# Roles a form can have for an entity.
NAME = "name"  # preferred full form in a language
SHORT = "short"  # preferred short form (second mention) in a language
VARIANT = "variant"  # accepted form in a language
OTHER = "other"  # Latin-script form of another language / a form MT leaks
ALTERNATE = "alternate"  # GeoNames alternate name: known, never flagged, never suggested
DERIVED = "derived"  # demonym or adjective ("Armenian", "Azerbaijani"): known, accepted
SCRIPT = "script"  # non-Latin form, for matching sources

# GeoNames-only cities are numerous and their names short and varied: a capitalised unknown word
# one letter away from one of 6,000 cities is far more often another name than a typo. Only the
# big ones are fuzzy-match targets (their exact forms are always known).
GEONAMES_FUZZY_MIN_POPULATION = 1_000_000

_LANG_CODE = re.compile(r"^[a-z]{2}$")


class GazetteerError(ValueError):
    """A gazetteer or house file that cannot be used; the message is one line."""


# ---------------------------------------------------------------------------------------------
# Normalisation

_SPECIAL_LETTERS = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
        "Œ": "OE", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
        "ħ": "h", "ŧ": "t",
        # Cyrillic й is a letter of its own, not и with a breve: Николай is not Николаи
        "й": "\ue000", "Й": "\ue000",
    }
)
_SHORT_I_PLACEHOLDER = "\ue000"
# Deleted: apostrophes and dots; combining marks (after NFKD: accents, Arabic and Hebrew vowel
# points). Mapped to a space: hyphens, dashes, underscores, middle dots.
_FOLD_TABLE: dict[int, Any] = {ord(c): None for c in "'’‘ʼʻ`´."}
_FOLD_TABLE.update({cp: None for cp in (*range(0x300, 0x370), *range(0x483, 0x48A), *range(0x591, 0x5C8),
                                       *range(0x64B, 0x660), 0x670, 0x6E1)})
_FOLD_TABLE.update({ord(c): " " for c in "-‐‑‒–—_·・\u00a0"})


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """The matching key of a form: case-folded, without diacritics (Erdoğan = Erdogan,
    Pékin = Pekin), apostrophes and dots dropped (U.S. = US, N'Djamena = NDjamena), hyphens and
    runs of spaces as one space (Nagorno-Karabakh = Nagorno Karabakh). Non-Latin letters are
    kept (Cyrillic й and ё fold to и and е, Arabic vowel marks are dropped)."""
    if text.isascii() and text.isalpha():
        return text.lower()  # the common case, kept fast: most forms and words are plain
    folded = text.translate(_SPECIAL_LETTERS)
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded)
    folded = folded.casefold().translate(_FOLD_TABLE)
    if _SHORT_I_PLACEHOLDER in folded:
        folded = folded.replace(_SHORT_I_PLACEHOLDER, "й")
    return " ".join(folded.split())


def is_latin(text: str) -> bool:
    """Every letter of ``text`` is Latin (after folding diacritics)."""
    for char in text:
        if char.isalpha() and not ("a" <= char.lower() <= "z" or _latin_letter(char)):
            return False
    return True


@lru_cache(maxsize=4096)
def _latin_letter(char: str) -> bool:
    try:
        return "LATIN" in unicodedata.name(char)
    except ValueError:
        return False


# ---------------------------------------------------------------------------------------------
# Entities


class LanguageForms(NamedTuple):
    name: str
    short: str | None = None
    variants: tuple[str, ...] = ()

    def accepted(self) -> tuple[str, ...]:
        return tuple(f for f in (self.name, self.short, *self.variants) if f)


class Entity(NamedTuple):
    id: str
    type: str
    tier: str
    forms: dict[str, LanguageForms]
    kind: str = ""
    role: str = ""
    country: str = ""
    years: str = ""
    other: tuple[str, ...] = ()
    script: tuple[str, ...] = ()
    alternates: tuple[str, ...] = ()
    derived: tuple[str, ...] = ()  # demonyms and adjectives (English, and per language if given)
    population: int = 0
    origin: str = "built-in"  # or the house file that added or changed it

    @property
    def english(self) -> LanguageForms:
        return self.forms["en"]

    def forms_for(self, lang: str) -> LanguageForms:
        """The forms for copy in ``lang``: its own, else the English ones."""
        return self.forms.get(lang) or self.forms["en"]

    def preferred(self, lang: str, short: bool = False) -> str:
        forms = self.forms_for(lang)
        return (forms.short or forms.name) if short else forms.name

    def accepted(self, lang: str) -> frozenset[str]:
        """Folded forms accepted in copy of ``lang``: preferred, short, variants (and, in English
        copy, the demonyms and adjectives, which are English)."""
        derived = self.derived if lang == "en" else ()
        return frozenset(fold(f) for f in (*self.forms_for(lang).accepted(), *derived))

    def describe(self) -> str:
        parts = [self.type]
        if self.role:
            parts.append(self.role)
        elif self.kind:
            parts.append(self.kind)
        if self.country:
            parts.append(self.country)
        return ", ".join(parts)


def _forms_from(raw: Any) -> LanguageForms | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        return LanguageForms(raw)
    name = raw.get("name")
    if not name:
        return None
    variants = tuple(v for v in (raw.get("variants") or ()) if v)
    return LanguageForms(str(name), raw.get("short") or None, tuple(str(v) for v in variants))


def entity_from_dict(raw: dict[str, Any], *, tier: str | None = None, origin: str = "built-in") -> Entity:
    """An entity from the compiled file's JSON or a house file's entry (already validated)."""
    forms: dict[str, LanguageForms] = {}
    raw_forms = raw.get("forms")
    if raw_forms is None:  # curated / house schema: languages as top-level keys
        raw_forms = {k: v for k, v in raw.items() if _LANG_CODE.match(k)}
    for lang, value in raw_forms.items():
        parsed = _forms_from(value)
        if parsed is not None:
            forms[lang] = parsed
    derived = [raw.get(key) for key in ("demonym", "demonym_plural", "adjective")]
    return Entity(
        id=str(raw["id"]),
        type=str(raw.get("type") or ""),
        tier=tier or str(raw.get("tier") or HOUSE_TIER),
        forms=forms,
        kind=str(raw.get("kind") or ""),
        role=str(raw.get("role") or ""),
        country=str(raw.get("country") or ""),
        years=str(raw.get("years") or ""),
        other=tuple(str(f) for f in raw.get("other") or () if f),
        script=tuple(str(f) for f in raw.get("script") or () if f),
        alternates=tuple(str(f) for f in raw.get("alternates") or () if f),
        derived=tuple(str(f) for f in derived if isinstance(f, str) and f),
        population=int(raw.get("population") or 0),
        origin=origin,
    )


def override_entity(base: Entity, house: Entity) -> Entity:
    """``base`` with the house entry's preferences: for each language the house entry gives, its
    name/short become preferred, the built-in ones become accepted variants."""
    forms = dict(base.forms)
    for lang, house_forms in house.forms.items():
        old = base.forms.get(lang)
        kept = [] if old is None else [f for f in old.accepted() if f not in (house_forms.name, house_forms.short)]
        variants = tuple(dict.fromkeys([*house_forms.variants, *kept]))
        forms[lang] = LanguageForms(house_forms.name, house_forms.short, variants)
    return base._replace(
        forms=forms,
        other=tuple(dict.fromkeys([*base.other, *house.other])),
        script=tuple(dict.fromkeys([*base.script, *house.script])),
        derived=tuple(dict.fromkeys([*base.derived, *house.derived])),
        kind=house.kind or base.kind,
        role=house.role or base.role,
        country=house.country or base.country,
        years=house.years or base.years,
        origin=house.origin,
    )


# ---------------------------------------------------------------------------------------------
# Indexes


class FormRef(NamedTuple):
    """One form of one entity, with its role (and language for name/short/variant)."""

    entity: int  # index into Gazetteer.entities
    role: str
    lang: str | None
    form: str


class FuzzyTarget(NamedTuple):
    key: str  # folded form
    tokens: tuple[str, ...]
    refs: tuple[FormRef, ...]
    types: frozenset[str]  # of the entities it is a form of (person, place, organisation)


# First letters that transliterations swap (Kadyrov/Qadyrov, Zelensky/Selensky, Wladimir/Vladimir).
_FIRST_LETTER_CLASS = str.maketrans("kqzwjy", "ccsvii")


def block_letter(key: str) -> str:
    return key[:1].translate(_FIRST_LETTER_CLASS)


@dataclass
class FuzzyIndex:
    # single-token targets by (first-letter class, length)
    single: dict[tuple[str, int], list[FuzzyTarget]] = field(default_factory=dict)
    # multi-token targets by (token count, position, token): complete for windows that share at
    # least one token exactly with the target, which the matcher requires
    multi: dict[tuple[int, int, str], list[FuzzyTarget]] = field(default_factory=dict)
    single_keys: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # aligned with ``single``

    def __getstate__(self) -> dict[str, Any]:
        # For the on-disk cache: a check reads a few blocks, unpickling them all costs ~35 ms.
        return {name: _Packed.of(value) for name, value in self.__dict__.items()}

    def close_singles(self, key: str, max_distance: int) -> list[tuple[int, FuzzyTarget]]:
        """Single-word targets within ``max_distance`` edits (optimal string alignment) of
        ``key``, in its block: the edit distances are computed in C by rapidfuzz."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        letter = block_letter(key)
        found = []
        for length in range(len(key) - max_distance, len(key) + max_distance + 1):
            targets = self.single.get((letter, length))
            if not targets:
                continue
            keys = self.single_keys[(letter, length)]
            for _, distance, position in process.extract(
                key, keys, scorer=OSA.distance, score_cutoff=max_distance, limit=None
            ):
                found.append((int(distance), targets[position]))
        return found

    def multi_candidates(self, tokens: Sequence[str]) -> dict[str, FuzzyTarget]:
        found: dict[str, FuzzyTarget] = {}
        for position, token in enumerate(tokens):
            for target in self.multi.get((len(tokens), position, token), ()):
                found[target.key] = target
        return found


# Arabic letters attached to the front of a word: conjunctions and prepositions (و ف ب ل ك), the
# article (ال), and their combinations (وال، بال، لل...). Longest first.
_ARABIC_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
# Russian (and Ukrainian) inflection of names, crude but safe: a form is indexed under its base
# (the nominative without its final vowel-like ending: Москва -> Москв, Зеленский -> Зеленск,
# Путин -> Путин), and a source word matches when it is the form itself or the base plus a case
# ending (Москвы, Зеленского, Путиным). Stemming both sides instead made Николай (a first name)
# = Николаев (Mykolaiv) and Роман = Романов.
_ADJECTIVAL_ENDINGS = ("ий", "ый", "ой", "ая")  # only after -ск-/-цк-: Зеленский, Заполярская
_NOMINATIVE_ENDINGS = ("а", "я", "ь", "й", "о", "е")
# Singular cases only: names are rarely plural in news copy, and the plural endings (-ов, -ах,
# -ами...) turned surnames into places: Смирнов = Смирна (Smyrna, Izmir) + -ов.
_CASE_ENDINGS = frozenset("а я у ю е ы и ом ем ой ей ым им ого его ому ему ую юю ою ею".split())
_MIN_CYRILLIC_BASE = 4


def cyrillic_base(form: str) -> str:
    """The base a Cyrillic form is indexed under (see above)."""
    for ending in _ADJECTIVAL_ENDINGS:
        if form.endswith(ending) and form[: -len(ending)].endswith(("ск", "цк")):
            return form[: -len(ending)]
    for ending in _NOMINATIVE_ENDINGS:
        if form.endswith(ending) and len(form) - len(ending) >= _MIN_CYRILLIC_BASE:
            return form[: -len(ending)]
    return form


def inflects(word: str, form_word: str) -> bool:
    """``word`` (folded) is ``form_word`` (folded) or, in Cyrillic, its base plus a case ending:
    Путиным -> Путин, Москвы -> Москва; not Самой -> Самоа (й is no case ending)."""
    if word == form_word:
        return True
    if _script_of_word(form_word) != "Cyrillic":
        return False
    base = cyrillic_base(form_word)
    return word.startswith(base) and word[len(base) :] in _CASE_ENDINGS


def cyrillic_bases(word: str) -> list[str]:
    """The bases ``word`` may be an inflection of: itself (an indeclinable or consonant-final
    nominative), its nominative base, and the word without a case ending."""
    bases = [word, cyrillic_base(word)]
    for size in (1, 2, 3):
        if len(word) - size >= _MIN_CYRILLIC_BASE and word[-size:] in _CASE_ENDINGS:
            bases.append(word[:-size])
    return list(dict.fromkeys(bases))


def arabic_bases(word: str) -> list[str]:
    """``word`` and the words left after removing attached prefixes (وبوتين -> بوتين)."""
    bases = [word]
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            bases.append(word[len(prefix) :])
    return bases


def _script_of_word(word: str) -> str:
    for char in word:
        if char.isalpha():
            if "\u0400" <= char <= "\u04ff":
                return "Cyrillic"
            if "\u0600" <= char <= "\u06ff":
                return "Arabic"
            if "\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
                return "CJK"
            if is_latin(char):
                return "Latin"
            return "Other"
    return "None"


def _is_katakana(char: str) -> bool:
    return "\u30a0" <= char <= "\u30ff" or "\u31f0" <= char <= "\u31ff" or char == "\uff70"


def script_form_key(word: str) -> str:
    """The key one word of a (non-CJK) script form is indexed under."""
    folded = fold(word)
    if _script_of_word(folded) == "Cyrillic":
        return cyrillic_base(folded)
    return folded


def source_word_keys(word: str) -> list[str]:
    """The keys a word of a source text may match: Cyrillic inflections and Arabic attached
    prefixes undone."""
    folded = fold(word)
    script = _script_of_word(folded)
    if script == "Cyrillic":
        return cyrillic_bases(folded)
    if script == "Arabic":
        return arabic_bases(folded)
    return [folded]


@dataclass
class ScriptIndex:
    """Forms in non-Latin scripts, for finding entities in source texts."""

    # word-based scripts: tuple of token keys -> refs (Cyrillic tokens stemmed)
    tokens: dict[tuple[str, ...], list[FormRef]] = field(default_factory=dict)
    max_tokens: int = 1
    # scripts written without spaces (Han, kana): the first two characters -> forms
    cjk: dict[str, list[tuple[str, FormRef]]] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# The gazetteer

# Tiers whose script forms are trusted for source matching; GeoNames alternates are untagged and
# include ordinary words (a Japanese ward called 中央, "central").
SOURCE_TIERS = frozenset({"curated", "cldr", HOUSE_TIER})


@dataclass
class Gazetteer:
    version: str
    entities: Sequence[Entity]  # a list, or a _PackedList when loaded from the on-disk cache
    common_words: dict[str, Any]  # language -> container of folded common words
    sources: list[dict[str, Any]] = field(default_factory=list)
    house_files: tuple[str, ...] = ()
    house_hash: str | None = None

    def __getstate__(self) -> dict[str, Any]:
        """For the on-disk cache, the entities and the exact index are pickled value by value and
        unpickled on first read: a check reads a few dozen of the ~10^4 entities and ~10^5 forms,
        and unpickling them all took ~100 ms of every start (now ~20 ms)."""
        state = dict(self.__dict__)
        state["entities"] = _PackedList.of(self.entities)
        if "exact" in state:
            state["exact"] = _Packed.of(state["exact"])
        return state

    def warm(self) -> None:
        """Build every index now (before caching the whole on disk)."""
        # (the script index is left out: only checks with a source need it, and it builds in 0.04 s)
        self.exact, self.fuzzy, self.known_tokens, self.languages, self.by_id  # noqa: B018
        for words in self.common_words.values():
            "" in words  # noqa: B015 - folds the list

    @property
    def signature(self) -> str:
        """What goes into the report signature: the built-in version, and a hash of house files."""
        suffix = f"+house.{self.house_hash}" if self.house_hash else ""
        return f"gazetteer@{self.version}{suffix}"

    @cached_property
    def languages(self) -> frozenset[str]:
        """Languages with forms of their own in the curated data (target languages the checks
        know the preferred forms of)."""
        found: set[str] = set()
        for entity in self.entities:
            if entity.tier != "geonames":
                found.update(entity.forms)
        return frozenset(found)

    @cached_property
    def by_id(self) -> dict[str, int]:
        return {e.id: i for i, e in enumerate(self.entities)}

    def is_common(self, word: str, lang: str) -> bool:
        return fold(word) in self.common_words.get(lang, frozenset())

    def is_common_word(self, key: str) -> bool:
        """``key`` (folded) is a common word of any language the gazetteer has lists for."""
        return any(key in words for words in self.common_words.values())

    # -- exact index ---------------------------------------------------------------------------

    @cached_property
    def exact(self) -> Mapping[str, list[FormRef]]:
        """Folded Latin-script form -> every entity form it is."""
        with _gc_paused():
            return self._build_exact()

    def _build_exact(self) -> dict[str, list[FormRef]]:
        index: dict[str, list[FormRef]] = {}

        def add(form: str, ref: FormRef) -> None:
            key = fold(form)
            if key:
                index.setdefault(key, []).append(ref)

        for number, entity in enumerate(self.entities):
            for lang, forms in entity.forms.items():
                add(forms.name, FormRef(number, NAME, lang, forms.name))
                if forms.short:
                    add(forms.short, FormRef(number, SHORT, lang, forms.short))
                for variant in forms.variants:
                    add(variant, FormRef(number, VARIANT, lang, variant))
            for form in entity.other:
                add(form, FormRef(number, OTHER, None, form))
            for form in entity.derived:
                add(form, FormRef(number, DERIVED, "en", form))
            for form in entity.alternates:
                add(form, FormRef(number, ALTERNATE, None, form))
            for form in entity.script:
                if is_latin(form):  # a Latin form filed under script by mistake is still a form
                    add(form, FormRef(number, OTHER, None, form))
        return index

    def refs(self, key: str) -> list[FormRef]:
        return self.exact.get(key, [])

    @cached_property
    def known_tokens(self) -> frozenset[str]:
        """Every token of every known Latin form (so a word that is part of a known name, such as
        "Karabakh", is never taken for a misspelling of something else)."""
        return frozenset(token for key in self.exact for token in key.split())

    # -- fuzzy index ---------------------------------------------------------------------------

    @cached_property
    def fuzzy(self) -> FuzzyIndex:
        grouped: dict[str, list[FormRef]] = {}
        for key, refs in self.exact.items():
            for ref in refs:
                if ref.role in (ALTERNATE, DERIVED):
                    continue
                entity = self.entities[ref.entity]
                if entity.tier == "geonames" and (
                    ref.role != NAME or entity.population < GEONAMES_FUZZY_MIN_POPULATION
                ):
                    continue
                if ref.form.isupper() or len(key.replace(" ", "")) < 4:
                    continue  # abbreviations (NATO, OTAN) are matched exactly or not at all
                grouped.setdefault(key, []).append(ref)
        index = FuzzyIndex()
        for key, refs in grouped.items():
            tokens = tuple(key.split())
            types = frozenset(self.entities[r.entity].type for r in refs)
            target = FuzzyTarget(key, tokens, tuple(refs), types)
            if len(tokens) == 1:
                index.single.setdefault((block_letter(key), len(key)), []).append(target)
                index.single_keys.setdefault((block_letter(key), len(key)), []).append(key)
            else:
                for position, token in enumerate(tokens):
                    index.multi.setdefault((len(tokens), position, token), []).append(target)
        return index

    # -- source-script index -------------------------------------------------------------------

    @cached_property
    def script_index(self) -> ScriptIndex:
        index = ScriptIndex()
        for number, entity in enumerate(self.entities):
            if entity.tier not in SOURCE_TIERS:
                continue
            for form in entity.script:
                ref = FormRef(number, SCRIPT, None, form)
                folded = fold(form)
                if not folded:
                    continue
                script = _script_of_word(folded)
                if script == "CJK":
                    # matched against the raw source text: composed, not folded (NFKD would
                    # split プ into フ and a combining mark)
                    compact = unicodedata.normalize("NFC", form).replace(" ", "")
                    # 日本語 ("Japanese language") is no place: GeoNames lists language names
                    # among the alternate names of some cities
                    # katakana words of two characters are as often ordinary loanwords (ゴム
                    # "rubber" is also Qom, タイ "tie" also Thailand): three or more
                    min_length = 3 if all(_is_katakana(c) for c in compact) else 2
                    if len(compact) >= min_length and not compact.endswith("語") and not compact.endswith("语"):
                        index.cjk.setdefault(compact[:2], []).append((compact, ref))
                    continue
                if script == "Cyrillic" and not form[:1].isupper():
                    continue  # "рыбная столица" (the fish capital) is a nickname, not a name
                tokens = tuple(script_form_key(t) for t in folded.split())
                if len("".join(tokens)) < 3:
                    continue
                index.tokens.setdefault(tokens, []).append(ref)
                index.max_tokens = max(index.max_tokens, len(tokens))
        return index

    # -- lookup for people ---------------------------------------------------------------------

    def lookup(self, name: str, *, fuzzy: bool = True, limit: int = 10) -> list[LookupResult]:
        """Entities ``name`` is a form of (exact, any role), else the closest by edit distance."""
        key = fold(name)
        results: dict[int, LookupResult] = {}
        for ref in self.refs(key):
            how = _how(ref)
            current = results.get(ref.entity)
            if current is None or _HOW_RANK[how] < _HOW_RANK[current.how]:
                results[ref.entity] = LookupResult(self.entities[ref.entity], how, 0, ref)
        if results or not fuzzy:
            return sorted(results.values(), key=lambda r: (_HOW_RANK[r.how], r.entity.id))
        from rapidfuzz.distance import OSA

        limit_distance = max(1, min(3, len(key) // 4))
        scored: list[tuple[int, str, FormRef]] = []
        for target_key, refs in self.exact.items():
            if abs(len(target_key) - len(key)) > limit_distance:
                continue
            distance = OSA.distance(key, target_key, score_cutoff=limit_distance)
            if distance <= limit_distance:
                scored.extend((distance, target_key, ref) for ref in refs)
        for distance, _, ref in sorted(scored, key=lambda s: (s[0], s[1])):
            if ref.entity not in results:
                results[ref.entity] = LookupResult(self.entities[ref.entity], "fuzzy", distance, ref)
            if len(results) >= limit:
                break
        return list(results.values())


@dataclass(frozen=True)
class LookupResult:
    entity: Entity
    how: str  # preferred | variant | foreign | alternate | derived | fuzzy
    distance: int
    ref: FormRef


_HOW_RANK = {"preferred": 0, "variant": 1, "derived": 2, "foreign": 3, "alternate": 4, "fuzzy": 5}


def _how(ref: FormRef) -> str:
    if ref.role in (NAME, SHORT):
        return "preferred" if ref.lang == "en" else "foreign"
    if ref.role == VARIANT:
        return "variant" if ref.lang == "en" else "foreign"
    if ref.role == OTHER:
        return "foreign"
    return ref.role


# ---------------------------------------------------------------------------------------------
# Values unpickled on first read (the on-disk cache)


class _Packed(Mapping):
    """A read-only dict whose values stay pickled until first read."""

    __slots__ = ("_blobs", "_values")

    def __init__(self, blobs: dict[Any, bytes]) -> None:
        self._blobs = blobs
        self._values: dict[Any, Any] = {}

    @classmethod
    def of(cls, values: Mapping[Any, Any]) -> _Packed:
        if isinstance(values, _Packed):
            return values
        return cls({key: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for key, value in values.items()})

    def __getitem__(self, key: Any) -> Any:
        try:
            return self._values[key]
        except KeyError:
            value = self._values[key] = pickle.loads(self._blobs[key])
            return value

    def get(self, key: Any, default: Any = None) -> Any:
        try:
            return self._values[key]
        except KeyError:
            blob = self._blobs.get(key)
            if blob is None:
                return default
            value = self._values[key] = pickle.loads(blob)
            return value

    def __contains__(self, key: object) -> bool:
        return key in self._blobs

    def __iter__(self) -> Iterator[Any]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Packed, (self._blobs,))


class _PackedList(Sequence):
    """A read-only list whose items stay pickled until first read."""

    __slots__ = ("_blobs", "_values")

    def __init__(self, blobs: list[bytes]) -> None:
        self._blobs = blobs
        self._values: list[Any] = [None] * len(blobs)

    @classmethod
    def of(cls, values: Sequence[Any]) -> _PackedList:
        if isinstance(values, _PackedList):
            return values
        return cls([pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for value in values])

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._blobs)))]
        value = self._values[index]
        if value is None:
            value = self._values[index] = pickle.loads(self._blobs[index])
        return value

    def __iter__(self) -> Iterator[Any]:
        for index in range(len(self._blobs)):
            yield self[index]

    def __len__(self) -> int:
        return len(self._blobs)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, _PackedList)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like a list

    def __reduce__(self) -> tuple[Any, ...]:
        return (_PackedList, (self._blobs,))


# ---------------------------------------------------------------------------------------------
# Loading


def builtin_path() -> Path:
    return Path(str(resources.files("mtcheck.data").joinpath(BUILTIN_NAME)))


def read_compiled(path: Path) -> dict[str, Any]:
    """The compiled gazetteer (``.json.gz`` or ``.json``) as parsed JSON."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read the gazetteer: {error.strerror}") from None
    try:
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        data = json.loads(raw)
    except (OSError, ValueError) as error:
        raise GazetteerError(f"{path}: not a compiled gazetteer: {error}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise GazetteerError(f"{path}: not a compiled gazetteer (schema {SCHEMA} expected)")
    return data


class _CommonWords:
    """A language's common words, folded on first use (most runs need one language only).

    Pickled (for the on-disk cache) as one newline-joined string of the folded words: unpickling
    a frozenset of 30,000 strings costs more than splitting one string on first use."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words: Iterable[str] = words
        self._joined_folded: str | None = None
        self._folded: frozenset[str] | None = None

    def _set(self) -> frozenset[str]:
        if self._folded is None:
            if self._joined_folded is not None:
                self._folded = frozenset(self._joined_folded.split("\n"))
            else:
                self._folded = frozenset(fold(w) for w in self._words)
        return self._folded

    def __contains__(self, key: object) -> bool:
        return key in self._set()

    def __getstate__(self) -> dict[str, Any]:
        return {"joined_folded": "\n".join(sorted(self._set()))}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._words = ()
        self._joined_folded = state["joined_folded"]
        self._folded = None


def gazetteer_from_compiled(data: dict[str, Any]) -> Gazetteer:
    entities = [entity_from_dict(raw) for raw in data["entities"] if (raw.get("forms") or {}).get("en")]
    common = {lang: _CommonWords(words) for lang, words in (data.get("common_words") or {}).items()}
    return Gazetteer(
        version=str(data.get("version", "unknown")),
        entities=entities,
        common_words=common,
        sources=list(data.get("sources") or []),
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building the indexes allocates ~10^5 small objects that all live on; letting the cyclic
    garbage collector scan them again and again costs a third of the load time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=4)
def _load_builtin(path: str) -> Gazetteer:
    with _gc_paused():
        return gazetteer_from_compiled(read_compiled(Path(path)))


def get_gazetteer(house_files: Sequence[str] = (), builtin: str | Path | None = None) -> Gazetteer:
    """The built-in gazetteer merged with ``house_files`` (later files win), cached per process
    and, with its indexes built, on disk (see ``_cached``)."""
    return _merged(str(builtin or builtin_path()), tuple(str(p) for p in house_files))


# The on-disk cache: decoding 1.5 MB of gzipped JSON and building the indexes takes ~0.5 s, a
# pickle of the result loads in ~0.03 s (its big parts are unpickled value by value on first read,
# see _Packed). Keyed by everything it is built from (this module's
# format, mtcheck's version, the compiled file's size and mtime, the house files' contents), so
# a stale entry is never used; any problem with the cache means building afresh, never an error.
CACHE_FORMAT = 2  # 2: entities, exact and fuzzy index values pickled one by one (_Packed)
_CACHE_MIN_ENTITIES = 1000  # small (test) gazetteers build faster than they unpickle


def _cache_path(builtin: str, house_digests: Sequence[str]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    from mtcheck import __version__

    try:
        stat = os.stat(builtin)
    except OSError:
        return None
    # This module's own source is part of the key: the pickle holds its classes' state, so any
    # change to them must never meet an old cache.
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    # Named <built-in and code>-<house files>: entries for several house-file sets live side by
    # side, and those of an older gazetteer or older code can be recognised and removed.
    base = json.dumps([CACHE_FORMAT, __version__, code, os.path.abspath(builtin), stat.st_size, stat.st_mtime_ns])
    house = json.dumps(list(house_digests))
    return folder / f"gazetteer-{_short_hash(base)}-{_short_hash(house)}.pickle"


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _cached(path: Path | None, build: Callable[[], Gazetteer]) -> Gazetteer:
    if path is not None:
        try:
            with _gc_paused(), path.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, Gazetteer):
                return cached
        except Exception:  # noqa: BLE001 - a cache that cannot be used is rebuilt, never an error
            pass
    gazetteer = build()
    if path is not None and len(gazetteer.entities) >= _CACHE_MIN_ENTITIES:
        with _gc_paused():
            gazetteer.warm()
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with temporary.open("wb") as handle:
                pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)
        else:
            _remove_stale_caches(path)
    return gazetteer


def _remove_stale_caches(current: Path) -> None:
    """Cache files of an older gazetteer or older code (~10 MB each) are never read again."""
    prefix = current.name.split("-")[1]
    for stale in current.parent.glob("gazetteer-*.pickle"):
        if stale.name.split("-")[1] != prefix:
            stale.unlink(missing_ok=True)


@lru_cache(maxsize=16)
def _merged(builtin: str, house_files: tuple[str, ...]) -> Gazetteer:
    if not house_files:
        return _cached(_cache_path(builtin, ()), lambda: _load_builtin(builtin))
    house_bytes = [_read_house_bytes(path) for path in house_files]
    digests = [f"{os.path.abspath(path)}:{hashlib.sha256(raw).hexdigest()}" for path, raw in zip(house_files, house_bytes)]
    return _cached(_cache_path(builtin, digests), lambda: _merge(builtin, house_files, house_bytes))


def _merge(builtin: str, house_files: tuple[str, ...], house_bytes: list[bytes]) -> Gazetteer:
    base = _merged(builtin, ())
    entities = list(base.entities)
    by_id = {e.id: i for i, e in enumerate(entities)}
    digest = hashlib.sha256()
    for path, raw_bytes in zip(house_files, house_bytes):
        digest.update(hashlib.sha256(raw_bytes).digest())
        problems, entries = parse_house_file(path, raw_bytes, known_ids=frozenset(by_id))
        if problems:
            first = problems[0]
            more = f" (and {len(problems) - 1} more; run `mtcheck gazetteer validate {path}`)" if len(problems) > 1 else ""
            raise GazetteerError(f"{path}:{first.line}: {first.message}{more}")
        for entry in entries:
            house = entity_from_dict(entry.data, tier=HOUSE_TIER, origin=path)
            if house.id in by_id:
                entities[by_id[house.id]] = override_entity(entities[by_id[house.id]], house)
            else:
                by_id[house.id] = len(entities)
                entities.append(house)
    return Gazetteer(
        version=base.version,
        entities=entities,
        common_words=base.common_words,
        sources=base.sources,
        house_files=house_files,
        house_hash=digest.hexdigest()[:10],
    )


def _read_house_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read house gazetteer: {error.strerror or error}") from None


def clear_caches() -> None:
    """Forget loaded gazetteers (tests that swap the built-in file)."""
    _load_builtin.cache_clear()
    _merged.cache_clear()


# ---------------------------------------------------------------------------------------------
# House files: parsing and validation with line numbers


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


@dataclass(frozen=True)
class HouseEntry:
    line: int
    data: dict[str, Any]


_SCALAR_KEYS = ("id", "type", "kind", "role", "country", "years", "demonym", "demonym_plural", "adjective")
_LIST_KEYS = ("other", "script")
_FORM_KEYS = ("name", "short", "variants")


def parse_house_file(
    path: str, raw: bytes | None = None, known_ids: frozenset[str] = frozenset()
) -> tuple[list[Problem], list[HouseEntry]]:
    """Problems (with line numbers) and entries of a house file (YAML, or CSV by extension).
    ``known_ids``: ids of the built-in gazetteer (an entry with one of them overrides it)."""
    if raw is None:
        raw = _read_house_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return [Problem(1, f"not UTF-8 text ({error.reason} at byte {error.start})")], []
    if path.lower().endswith((".csv", ".tsv")):
        located = _csv_entries(text, "\t" if path.lower().endswith(".tsv") else ",")
    else:
        located = _yaml_entries(text)
    problems: list[Problem] = []
    entries: list[HouseEntry] = []
    if isinstance(located, Problem):
        return [located], []
    seen: dict[str, int] = {}
    for line, data, key_lines in located:
        entry_problems = _validate_entry(data, key_lines, line, known_ids)
        entity_id = data.get("id")
        if isinstance(entity_id, str) and entity_id:
            if entity_id in seen:
                entry_problems.append(Problem(key_lines.get("id", line), f"duplicate id {entity_id!r} (first at line {seen[entity_id]})"))
            else:
                seen[entity_id] = line
        problems.extend(entry_problems)
        if not entry_problems:
            entries.append(HouseEntry(line, data))
    problems.sort(key=lambda p: p.line)
    return problems, entries


_Located = list[tuple[int, dict[str, Any], dict[str, int]]]


def _yaml_entries(text: str) -> _Located | Problem:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return Problem(line, f"invalid YAML: {reason}")
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        return Problem(root.start_mark.line + 1, "a house file is a YAML list of entities (`- id: ...`)")
    located: _Located = []
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            located.append((line, {"__not_mapping__": True}, {}))
            continue
        key_lines = {}
        for key_node, value_node in node.value:
            key_lines[str(key_node.value)] = value_node.start_mark.line + 1
        data = yaml.safe_load(yaml.serialize(node))
        if not isinstance(data, dict):
            data = {"__not_mapping__": True}
        located.append((line, {str(k): v for k, v in data.items()}, key_lines))
    return located


def _csv_entries(text: str, delimiter: str) -> _Located | Problem:
    """CSV columns: id, type, kind, role, country, years, en.name, en.short, en.variants,
    fr.name, ..., other, script; list cells separated by ``|``."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        return Problem(reader.line_num or 1, f"invalid CSV: {error}")
    if not rows:
        return []
    header = [h.strip() for h in rows[0]]
    located: _Located = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        data: dict[str, Any] = {}
        for column, cell in zip(header, row):
            cell = cell.strip()
            if not cell:
                continue
            if "." in column:
                lang, part = column.split(".", 1)
                forms = data.setdefault(lang, {})
                if isinstance(forms, dict):
                    forms[part] = [v.strip() for v in cell.split("|") if v.strip()] if part == "variants" else cell
            elif column in _LIST_KEYS:
                data[column] = [v.strip() for v in cell.split("|") if v.strip()]
            else:
                data[column] = cell
        if len(row) > len(header):
            data["__extra_cells__"] = True
        located.append((number, data, {}))
    return located


def _validate_entry(data: dict[str, Any], key_lines: dict[str, int], line: int, known_ids: frozenset[str]) -> list[Problem]:
    problems: list[Problem] = []

    def at(key: str) -> int:
        return key_lines.get(key, line)

    if data.get("__not_mapping__"):
        return [Problem(line, "an entity must be a mapping with at least `id` and `en`")]
    if data.get("__extra_cells__"):
        problems.append(Problem(line, "more cells than header columns"))
    entity_id = data.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        problems.append(Problem(line, "missing `id` (a Wikidata QID such as Q7747, or mtcheck:<slug>)"))
    is_override = isinstance(entity_id, str) and entity_id in known_ids
    for key, value in data.items():
        if key.startswith("__"):
            continue
        if _LANG_CODE.match(key):
            problems.extend(_validate_forms(key, value, at(key)))
        elif key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(Problem(at(key), f"`{key}` must be a list of non-empty strings"))
        elif key in _SCALAR_KEYS:
            if value is not None and not isinstance(value, str | int):
                problems.append(Problem(at(key), f"`{key}` must be a string"))
        elif key in ("population",):
            if not isinstance(value, int):
                problems.append(Problem(at(key), "`population` must be a whole number"))
        else:
            problems.append(Problem(at(key), f"unknown key `{key}`"))
    entity_type = data.get("type")
    if entity_type is not None and entity_type not in ENTITY_TYPES:
        problems.append(Problem(at("type"), f"`type` must be one of {', '.join(ENTITY_TYPES)}, not {entity_type!r}"))
    if not is_override:
        if entity_type is None:
            problems.append(Problem(line, f"new entity {entity_id!r} needs a `type` ({', '.join(ENTITY_TYPES)}); "
                                          "to change a built-in entity use its id (see `mtcheck gazetteer lookup`)"))
        if not isinstance(data.get("en"), dict | str) or not _name_of(data.get("en")):
            problems.append(Problem(line, f"new entity {entity_id!r} needs an English name (`en: {{name: ...}}`)"))
    elif not any(_LANG_CODE.match(k) for k in data) and not any(k in data for k in _LIST_KEYS):
        problems.append(Problem(line, f"entry for built-in {entity_id!r} changes nothing (give forms for a language)"))
    country = data.get("country")
    if isinstance(country, str) and not re.fullmatch(r"[A-Z]{2}", country):
        problems.append(Problem(at("country"), f"`country` must be an ISO 3166-1 alpha-2 code such as AM, not {country!r}"))
    english = data.get("en")
    accepted_en = {fold(f) for f in _all_forms(english)}
    for form in data.get("other") or []:
        if isinstance(form, str) and fold(form) in accepted_en:
            problems.append(Problem(at("other"), f"{form!r} is listed in `other` (flagged as a foreign form) "
                                                 "but is also an accepted English form"))
    return problems


def _name_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        name = value.get("name")
        return name.strip() if isinstance(name, str) and name.strip() else None
    return None


def _all_forms(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        forms = [value.get("name"), value.get("short"), *(value.get("variants") or [])]
        return [f for f in forms if isinstance(f, str) and f]
    return []


def _validate_forms(lang: str, value: Any, line: int) -> list[Problem]:
    if isinstance(value, str):
        return [] if value.strip() else [Problem(line, f"`{lang}` is empty")]
    if not isinstance(value, dict):
        return [Problem(line, f"`{lang}` must be a name or a mapping with name, short, variants")]
    problems = []
    for key in value:
        if key not in _FORM_KEYS:
            problems.append(Problem(line, f"unknown key `{lang}.{key}` (expected name, short, variants)"))
    if not _name_of(value):
        problems.append(Problem(line, f"`{lang}.name` is required"))
    short = value.get("short")
    if short is not None and (not isinstance(short, str) or not short.strip()):
        problems.append(Problem(line, f"`{lang}.short` must be a non-empty string"))
    variants = value.get("variants")
    if variants is not None:
        if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
            problems.append(Problem(line, f"`{lang}.variants` must be a list of non-empty strings"))
        elif _name_of(value) in variants:
            problems.append(Problem(line, f"`{lang}.variants` repeats the preferred name {_name_of(value)!r}"))
    return problems


def validate_house_file(path: str) -> list[Problem]:
    """Problems in a house file, each with its line number (empty when the file is clean)."""
    try:
        known = frozenset(get_gazetteer().by_id)
    except GazetteerError:
        known = frozenset()
    problems, _ = parse_house_file(path, known_ids=known)
    return problems


def iter_forms(entity: Entity) -> Iterable[tuple[str, str, str]]:
    """(language or kind, role, form) for display."""
    for lang in sorted(entity.forms, key=lambda k: (k != "en", k)):
        forms = entity.forms[lang]
        yield lang, NAME, forms.name
        if forms.short:
            yield lang, SHORT, forms.short
        for variant in forms.variants:
            yield lang, VARIANT, variant
    for form in dict.fromkeys(entity.derived):
        yield "en", DERIVED, form
    for form in entity.other:
        yield "other", OTHER, form
    for form in entity.script:
        yield "script", SCRIPT, form
    for form in entity.alternates:
        yield "geonames", ALTERNATE, form


_HOW_TEXT = {
    "preferred": "exact: a preferred form",
    "variant": "exact: an accepted variant",
    "derived": "exact: a demonym or adjective",
    "foreign": "exact: a form of another language (flagged in copy where it is not accepted)",
    "alternate": "exact: a GeoNames alternate name (known, never flagged)",
}


def describe_lookup(gazetteer: Gazetteer, name: str, lang: str = "en") -> tuple[str, bool]:
    """The text `mtcheck gazetteer lookup` prints, and whether anything matched."""
    results = gazetteer.lookup(name)
    lines = [f"{name!r}: gazetteer {gazetteer.signature}"]
    if not results:
        lines.append("  no entity has this form or one close to it")
        return "\n".join(lines) + "\n", False
    for result in results:
        entity = result.entity
        if result.how == "fuzzy":
            how = f"fuzzy: {result.distance} edit{'s' if result.distance != 1 else ''} from {result.ref.form!r}"
        else:
            how = _HOW_TEXT.get(result.how, result.how)
            if result.how in ("preferred", "variant", "foreign") and result.ref.lang:
                how += f" [{result.ref.lang} {result.ref.role}]"
        lines.append("")
        lines.append(f"{entity.id}  {entity.english.name}  ({entity.describe()}; {entity.tier}"
                     f"{'; ' + entity.years if entity.years else ''}; from {entity.origin})")
        lines.append(f"  matched: {how}")
        preferred = entity.forms_for(lang)
        lines.append(f"  preferred in {lang}: {preferred.name}" + (f" (short: {preferred.short})" if preferred.short else ""))
        by_lang: dict[str, list[str]] = {}
        for where, role, form in iter_forms(entity):
            label = {NAME: "", SHORT: " (short)", VARIANT: " (variant)", DERIVED: " (demonym/adjective)"}.get(role, "")
            by_lang.setdefault(where, []).append(form + label)
        for where, forms in by_lang.items():
            shown = forms if len(forms) <= 12 else [*forms[:12], f"... {len(forms) - 12} more"]
            lines.append(f"  {where + ':':<10}{', '.join(shown)}")
    return "\n".join(lines) + "\n", True
