"""NAM: names of people, places and organisations, checked against the gazetteer.

* NAM001 misspelled name: a capitalised name that is no known form of anything, close to exactly
  one entity's forms ("Anthony Blinken" -> "Antony Blinken", "Yerevn" -> "Yerevan").
* NAM002 foreign-language form: a form of another language leaked into the copy ("Erevan",
  "Poutine", "OTAN" in English copy).
* NAM003 variant not preferred (off by default): an accepted variant where house style prefers
  another form ("Zelensky" -> "Zelenskyy").
* NAM004 ambiguous name (neutral, listed): close to several entities, no clear winner.
* NAM005 name in the source missing from the translation (needs the source).

How a text is read (``analyse``):

1. Candidate spans: runs of capitalised words joined by single spaces or hyphens, with the
   particles of names (al-, bin, von der, de...), and all-caps abbreviations; possessives
   ("Putin's") are cut off.
2. Exact pass: inside each run, the longest sub-spans that are a known form (any tier, any role,
   case- and diacritic-insensitive) are classified: preferred form, accepted variant (NAM003),
   form of another language only (NAM002; also another language's accents on an accepted name,
   "Taïwan", and GeoNames alternates of a curated place that are its name respelt, "Kabool"),
   other GeoNames alternates (known, left alone). Forms written with lower-case words
   ("Arabie saoudite") are looked for separately.
3. Fuzzy pass: windows of 2-6 words that share a word exactly with a multi-word form and differ
   in the others by an edit or two ("Anthony Blinken", "Nikol Pachinyan"), chosen across the
   run by closeness, then preferred forms, then length; then single unknown words of five
   letters or more against one-word forms, which must also sound alike (``skeleton``). Never
   fuzzy-matched: a word inside a known multi-word form, a word that is part of any known form,
   a common word of the copy's language ("Nice", "Reading", "Police", "Of"), an abbreviation, a
   derived or feminine form ("Azerbaijani", "Navalnaya"), a word followed by an unknown name
   ("Malick Peiris": a first name). A finding needs a unique best match, better by at least one
   edit than the best match with another suggestion; a tie is NAM004. A lone word must also be
   close to a form accepted in the copy's language: another language's form alone ("Kanada"
   for "Kanda") may make a tie, never a misspelling.
4. A person's foreign form inside the name of something else is not reported: a run with an
   institution word ("Carlos III Health Institute", "Hospital Carlos III"), or a regnal number
   after another name word that is no title ("Health Carlos III"; "King Carlos III" is reported).

Sentences that the language detector confidently puts in another language are left to the UNT
rules (an untranslated French sentence is one fault, not one per name in it), and a name of the
source left in its own script in the translation is UNT002's finding, not NAM005's: so the NAM
rules declare no ``supersedes``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from mtcheck.checks.language import same_language
from mtcheck.context import CheckContext
from mtcheck.gazetteer import (
    ALTERNATE,
    DERIVED,
    NAME,
    OTHER,
    SHORT,
    VARIANT,
    FormRef,
    FuzzyTarget,
    Gazetteer,
    LanguageForms,
    arabic_bases,
    fold,
    get_gazetteer,
    inflects,
    is_latin,
    source_word_keys,
)
from mtcheck.registry import Example, Hit, rule
from mtcheck.types import Severity

GAZETTEER_DATA = "gazetteer"  # the signature's data entry (see pipeline._data_version)

# ---------------------------------------------------------------------------------------------
# Tokens and candidate spans

# Dotted abbreviations (U.S., U.N.), then words with inner apostrophes (O'Brien, N'Djamena).
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = ("'s", "’s")
_POSSESSIVE_LENGTH = 2  # of each suffix above
_PRESENCE_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
# Lower-case particles inside names: Mohammed bin Salman, Ursula von der Leyen, Bashar al-Assad.
PARTICLES = frozenset(
    "al el bin bint ben ibn abu von van der den de da dos das du la le di del della des ter".split()
)
_SPACE_JOINTS = frozenset({" ", "\u00a0"})
_HYPHEN_JOINTS = frozenset({"-", "‐", "‑"})
_MAX_EXACT_TOKENS = 6
_MAX_WINDOW_TOKENS = 6
_MIN_FUZZY_LETTERS = 5
# A sentence this surely in another language is untranslated text (UNT's findings), not names.
_OTHER_LANGUAGE_CONFIDENCE = 0.9
_OTHER_LANGUAGE_MIN_WORDS = 5


# A NamedTuple: ~10^3 per article, built 2.5x faster than a frozen dataclass.
class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str  # folded
    capitalised: bool
    all_caps: bool
    particle: bool
    joint: str  # how it is joined to the previous token: " ", "-" or "" (not joined)


def _tokens(text: str, start: int, end: int) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    previous_end = -1
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        word_start, match_end = match.span()
        word_end = match_end
        if len(word) > _POSSESSIVE_LENGTH and word.endswith(_POSSESSIVE):
            word = word[:-_POSSESSIVE_LENGTH]
            word_end -= _POSSESSIVE_LENGTH
        gap = text[previous_end:word_start] if previous_end >= 0 else ""
        joint = " " if gap in _SPACE_JOINTS else "-" if gap in _HYPHEN_JOINTS else ""
        append(
            Token(  # positional (start, end, text, key, capitalised, all_caps, particle, joint): faster
                word_start,
                word_end,
                word,
                fold(word),
                word[0].isupper(),
                len(word) >= 2 and word.isupper(),
                word in PARTICLES,
                joint,
            )
        )
        previous_end = match_end
    return tokens


def candidate_runs(tokens: Sequence[Token]) -> list[list[Token]]:
    """Runs of capitalised words (and particles between or before them) joined by a single
    space or hyphen. Particles at the end of a run are dropped."""
    runs: list[list[Token]] = []
    current: list[Token] = []

    def close() -> None:
        while current and current[-1].particle:
            current.pop()
        if any(t.capitalised for t in current):
            runs.append(list(current))
        current.clear()

    for token in tokens:
        if not (token.capitalised or token.particle) or not is_latin(token.text):
            close()
            continue
        if current and not token.joint:
            close()
        current.append(token)
    close()
    return runs


# ---------------------------------------------------------------------------------------------
# Matching helpers


# Digraphs first: French ch and German sch are English sh (Pachinian = Pashinyan, Sholz = Scholz).
_SKELETON_DIGRAPHS = (("x", "ks"), ("sch", "x"), ("ch", "x"), ("sh", "x"), ("zh", "x"), ("ph", "f"))
_SKELETON_LETTERS = str.maketrans("cqzvwj", "kksffg", "aeiouyh")


@lru_cache(maxsize=50_000)
def skeleton(key: str) -> str:
    """A phonetic key: the consonants of a folded form, with the ones transliterations swap
    merged (c/k/q, s/z, f/v/w, g/j, sh/ch/sch) and doubles collapsed. Erdogen = Erdogan,
    Pellosi = Pelosi, Pachinian = Pashinyan, Sholz = Scholz; Bernd != Bern, Peskov != Petkov,
    Ginza != Giza, Kyodo != Kyoto. (Metaphone, tried first, says Erdogen != Erdogan and
    Kyodo = Kyoto: wrong both times for news names.)"""
    for digraph, replacement in _SKELETON_DIGRAPHS:
        key = key.replace(digraph, replacement)
    letters = "".join(c for c in key if c.isascii() and c.isalpha()).translate(_SKELETON_LETTERS)
    return "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])


def sounds_alike(a: str, b: str) -> bool:
    return skeleton(a) == skeleton(b)


_VOWELS = frozenset("aeiouy")
# Below this length a one-vowel change makes another name more often than a typo
# (Misako/Masako, Sanyo/Sanya, Kairi/Kairo, Vivos/Vives), while Erdogen/Erdogan is a typo.
_MIN_LETTERS_FOR_VOWEL_CHANGE = 7


def _vowel_swap(a: str, b: str) -> bool:
    """``a`` and ``b`` differ in exactly one vowel replaced by another."""
    if len(a) != len(b):
        return False
    differences = [(x, y) for x, y in zip(a, b) if x != y]
    return len(differences) == 1 and differences[0][0] in _VOWELS and differences[0][1] in _VOWELS


# Endings that make another word of a name rather than a misspelling of it: demonyms,
# adjectives and plurals of places and organisations (Azerbaijani, Armenian, Israelis), and
# feminine forms of surnames (Navalnaya, Aliyeva, Lavrova). Only where they can apply: "Modii"
# is a misspelt Modi, not a demonym, and "Silvaa" no feminine of Silva.
_DERIVATIONAL = frozenset("s es n an ian ians ans ns i is ese ite ites ic ism ist ists ish".split())
_FEMININE = frozenset("a aya aia ova eva ina yna ska".split())
_PLACE_LIKE = frozenset({"place", "organisation"})


def related_by_suffix(a: str, b: str, types: frozenset[str] = frozenset({"place", "organisation", "person"})) -> bool:
    """One of ``a`` and ``b`` is the other with a derivational (places) or feminine (people)
    ending: another word, not a misspelling."""
    short, long = sorted((a, b), key=len)
    if len(long) <= len(short):
        return False
    endings: set[str] = set()
    if types & _PLACE_LIKE:
        endings |= _DERIVATIONAL
    if "person" in types and short[-1] not in "aeiou":
        endings |= _FEMININE
    if long.startswith(short) and long[len(short) :] in endings:
        return True
    stem = short.rstrip("yi")  # Navalny -> Navaln-aya, Zelenskyy -> Zelensk-a
    return stem != short and len(stem) >= 4 and long.startswith(stem) and long[len(stem) :] in endings


@lru_cache(maxsize=1)
def _osa():  # noqa: ANN202 - rapidfuzz's OSA module, imported on first use (keeps startup light)
    from rapidfuzz.distance import OSA

    return OSA


def _allowed_edits(length: int) -> int:
    return 0 if length < 4 else 1 if length <= 7 else 2


def _token_distance(candidate: str, target: str, types: frozenset[str], short_ok: bool = False) -> int | None:
    """Edits between two words of a name, or None when they are not the same word misspelt.
    ``short_ok``: a one-letter slip in a word of two or three letters is allowed (when the other
    words of the name vouch for it: "Kim Jong Unn")."""
    if candidate == target:
        return 0
    OSA = _osa()
    if min(len(candidate), len(target)) < 4:
        if short_ok and max(len(candidate), len(target)) >= 3 and abs(len(candidate) - len(target)) == 1:
            return 1 if OSA.distance(candidate, target, score_cutoff=1) == 1 else None
        return None
    if related_by_suffix(candidate, target, types):
        return None
    allowed = _allowed_edits(max(len(candidate), len(target)))
    distance = OSA.distance(candidate, target, score_cutoff=allowed)
    if distance > allowed:
        return None
    if candidate[0] != target[0] and not sounds_alike(candidate, target):
        return None
    return distance


@dataclass(frozen=True)
class Match:
    """A fuzzy match of a span against one target form."""

    distance: int
    phonetic: bool
    target: FuzzyTarget


# ---------------------------------------------------------------------------------------------
# Analysis of one text


@dataclass(frozen=True)
class NameIssue:
    kind: str  # misspelling | foreign | variant | ambiguous
    start: int
    end: int
    suggestion: str | None
    message: str
    confidence: float
    entities: tuple[int, ...]


@dataclass
class NameAnalysis:
    issues: list[NameIssue] = field(default_factory=list)
    mentioned: set[int] = field(default_factory=set)  # entities the text names (any form)
    folded_words: str = " "  # the text's folded words, space-separated, for phrase presence


def _quote(text: str) -> str:
    return f"“{text}”"


def _suggest(gazetteer: Gazetteer, ref: FormRef, target: str) -> str:
    """The preferred form in the target language, full or short like the matched form."""
    entity = gazetteer.entities[ref.entity]
    preferred = entity.forms_for(target)
    one_word_form = len(fold(ref.form).split()) == 1
    wants_short = ref.role == SHORT or (one_word_form and len(preferred.name.split()) > 1)
    return entity.preferred(target, short=wants_short)


def _forms_lang(gazetteer: Gazetteer, entity_index: int, target: str) -> str:
    entity = gazetteer.entities[entity_index]
    return target if target in entity.forms else "en"


_LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German"}


def _language_name(code: str | None) -> str:
    return _LANGUAGE_NAMES.get(code or "", code or "another language's")


def _who(gazetteer: Gazetteer, entity_index: int) -> str:
    entity = gazetteer.entities[entity_index]
    if entity.role:
        return f"{entity.english.name} ({entity.role})"
    where = ", ".join(p for p in (entity.kind, entity.country) if p)
    return f"{entity.english.name} ({where})" if where else entity.english.name


def _raw_key(form: str) -> str:
    """Case-insensitive, separator-insensitive, but diacritic-sensitive (Erdoğan != Erdogan)."""
    return " ".join(form.casefold().replace("-", " ").replace("’", "'").replace(".", "").split())


_PREFERRED_ROLES = frozenset({NAME, SHORT})
# Words that make a person's name part of the name of something else (English, and the other
# languages' words MT leaves in English copy): "Carlos III Health Institute", "Hospital Carlos III".
_INSTITUTION_WORDS = frozenset(
    """institute institution university universidad universite universitat universita college
    school academy hospital clinic foundation fundacion fondation stiftung fund trust
    street avenue boulevard road square plaza place bridge tunnel airport aeropuerto aeroport
    station port harbour harbor prize award awards medal trophy cup stadium estadio arena park
    parque garden gardens museum museo musee library biblioteca centre center centro hall
    palace palacio theatre theater teatro cathedral church mosque temple base barracks
    highway expressway canal dam lake mountain glacier island islands peninsula bay reef
    avenida calle instituto colegio escuela""".split()
)
# Roman numerals of regnal names (Carlos III, Abdullah II, Benedict XVI)
_REGNAL = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_TITLE_WORDS = frozenset(
    """king queen pope prince princess emperor empress tsar czar tsarina sultan emir sheikh shah
    saint st sir lord lady duke duchess crown regent kaiser rey reina roi reine konig papa pape
    principe prinz""".split()
)
# Tiers whose GeoNames alternates (other languages' spellings, untagged) are flagged as foreign
# forms in copy when they are plainly the same name respelt (Kabool, Nairoby, Kathmandou)
_CURATED_TIERS = frozenset({"curated", "cldr"})


class _Analyser:
    def __init__(self, gazetteer: Gazetteer, target: str) -> None:
        self.gazetteer = gazetteer
        self.target = target
        self.common = gazetteer.common_words.get(target, frozenset())
        self.result = NameAnalysis()

    # -- exact ---------------------------------------------------------------------------------

    def exact_spans(self, run: list[Token]) -> list[tuple[int, int, list[FormRef]]]:
        """Known forms in the run, longest first; between equally long ones, the one with more
        words that are not common words ("Mohammed ben Salmane" before "Crown Prince
        Mohammed"), then the leftmost."""
        found = []
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + _MAX_EXACT_TOKENS) + 1):
                if j - i == 1 and run[i].particle:
                    continue  # a lone "de" or "al" is no name
                key = " ".join(t.key for t in run[i:j])
                refs = self.gazetteer.refs(key) if len(key) >= 2 else []
                if refs:
                    name_words = sum(1 for t in run[i:j] if t.key not in self.common and not t.particle)
                    found.append((-(j - i), -name_words, i, j, refs))
        taken = [False] * len(run)
        spans = []
        for _, _, i, j, refs in sorted(found, key=lambda f: f[:3]):
            if not any(taken[i:j]):
                taken[i:j] = [True] * (j - i)
                spans.append((i, j, refs))
        return sorted(spans, key=lambda s: s[0])

    def phrase_spans(self, text: str, tokens: list[Token]) -> None:
        """Known forms written with lower-case words, which capitalised runs cannot hold
        ("Arabie saoudite", "Organisation mondiale de la santé"): only forms that themselves
        contain a lower-case word are looked for, so ordinary text is never matched."""
        for i, token in enumerate(tokens):
            if not token.capitalised or not is_latin(token.text):
                continue
            best = None
            for j in range(i + 2, min(len(tokens), i + _MAX_EXACT_TOKENS) + 1):
                if not tokens[j - 1].joint:
                    break
                words = tokens[i:j]
                if all(t.capitalised or t.particle for t in words):
                    continue  # a capitalised run: the exact pass has it
                refs = [r for r in self.gazetteer.refs(" ".join(t.key for t in words))
                        if any(w[:1].islower() for w in r.form.split()[1:])]
                if refs:
                    best = (words[0].start, words[-1].end, refs)
            if best is not None:
                self.classify_exact(text, *best)

    def classify_exact(self, text: str, start: int, end: int, refs: list[FormRef]) -> None:
        gazetteer, target = self.gazetteer, self.target
        span_text = text[start:end]
        key = fold(span_text)
        raw = _raw_key(span_text)
        entities = sorted({r.entity for r in refs})
        self.result.mentioned.update(entities)
        accepted = [e for e in entities if key in gazetteer.entities[e].accepted(target)]
        foreign = [
            r for r in refs
            if r.role == OTHER or (r.role in (NAME, SHORT, VARIANT) and r.lang != _forms_lang(gazetteer, r.entity, target))
        ]
        if accepted:
            variant_suggestions: dict[str, int] = {}
            for e in accepted:
                forms = gazetteer.entities[e].forms_for(target)
                accepted_raw = {_raw_key(f) for f in forms.accepted()} | {_raw_key(f) for f in gazetteer.entities[e].derived}
                if raw in (_raw_key(forms.name), _raw_key(forms.short or "")):
                    return  # a preferred form of some entity
                if raw in {_raw_key(v) for v in forms.variants}:
                    ref = next(r for r in refs if r.entity == e and _raw_key(r.form) == raw)
                    variant_suggestions[_suggest(gazetteer, ref, target)] = e
                elif raw not in accepted_raw and any(_raw_key(r.form) == raw for r in foreign):
                    # the accents of another language on an accepted name: "Taïwan", "Ismaïl"
                    self._foreign(span_text, start, end, [r for r in foreign if _raw_key(r.form) == raw])
                    return
            if len(variant_suggestions) == 1:
                suggestion, e = next(iter(variant_suggestions.items()))
                self.result.issues.append(
                    NameIssue(
                        "variant", start, end, suggestion,
                        f"{_quote(span_text)} is an accepted variant of {_who(gazetteer, e)}; house style "
                        f"prefers {_quote(suggestion)}.",
                        0.9, (e,),
                    )
                )
            return
        # the very form: "Pashinian" in English copy is no leak of Spanish "Pashinián"
        foreign = [r for r in foreign if _raw_key(r.form) == raw or fold(r.form) == _raw_key(r.form)]
        if not foreign:
            foreign = self._respelt_alternates(key, refs)
        if not foreign:
            return  # GeoNames alternates: known names, never flagged
        if len(key.split()) == 1 and key in self.common and not span_text.isupper():
            return  # "Roma": an ordinary word of the copy's language that is also a foreign form
        self._foreign(span_text, start, end, foreign)

    def _respelt_alternates(self, key: str, refs: list[FormRef]) -> list[FormRef]:
        """GeoNames alternates of a curated place that are its English name respelt the way
        other languages write it (Kabool, Nairoby, Kathmandou, Ryad: same consonants, an edit or
        two): leaked foreign forms in copy. Alternates that are other names altogether (Erebuni
        for Yerevan) stay known names, never flagged."""
        from rapidfuzz.distance import OSA

        found = []
        for ref in refs:
            entity = self.gazetteer.entities[ref.entity]
            if ref.role != ALTERNATE or entity.tier not in _CURATED_TIERS:
                continue
            for form in entity.forms_for(self.target).accepted():
                form_key = fold(form)
                if (
                    len(form_key.split()) == len(key.split())
                    and OSA.distance(key, form_key) <= _allowed_edits(max(len(key), len(form_key)))
                    and sounds_alike(key, form_key)
                ):
                    found.append(FormRef(ref.entity, OTHER, None, ref.form))
                    break
        return found

    def _foreign(self, span_text: str, start: int, end: int, foreign: list[FormRef]) -> None:
        gazetteer, target = self.gazetteer, self.target
        suggestions: dict[str, list[FormRef]] = {}
        for ref in foreign:
            suggestions.setdefault(_suggest(gazetteer, ref, target), []).append(ref)
        if len(suggestions) > 1:
            self._ambiguous(span_text, start, end, sorted(suggestions), sorted({r.entity for r in foreign}), "a foreign form")
            return
        suggestion, found = next(iter(suggestions.items()))
        ref = found[0]
        languages = sorted({_language_name(r.lang) for r in found if r.lang})
        what = (
            f"is the {' and '.join(languages)} form of {_who(gazetteer, ref.entity)}" if languages
            else f"is not a {_language_name(target)} form of {_who(gazetteer, ref.entity)}: other "
            "languages use it, or machine translation leaks it"
        )
        self.result.issues.append(
            NameIssue(
                "foreign", start, end, suggestion,
                f"{_quote(span_text)} {what}; {_language_name(target)} copy uses {_quote(suggestion)}.",
                0.95, tuple(sorted({r.entity for r in found})),
            )
        )

    def _ambiguous(self, span_text: str, start: int, end: int, suggestions: list[str], entities: list[int], how: str) -> None:
        listed = "; ".join(_who(self.gazetteer, e) for e in entities[:4])
        self.result.issues.append(
            NameIssue(
                "ambiguous", start, end, None,
                f"{_quote(span_text)} may be {how} of several names: {listed}. Check which one is meant "
                f"(candidates: {', '.join(_quote(s) for s in suggestions[:4])}).",
                0.5, tuple(entities),
            )
        )

    # -- fuzzy ---------------------------------------------------------------------------------

    def _anchor(self, key: str) -> bool:
        """A word that vouches for a name: not a common word, not a particle, three letters or more."""
        return len(key) >= 3 and key not in self.common and key not in PARTICLES

    def window_matches(self, window: list[Token], fixed: Sequence[bool] = ()) -> list[Match]:
        """Multi-word forms the window may be a misspelling of. ``fixed``: words inside a known
        multi-word form, which are spelt right and so may not differ from the target."""
        keys = [t.key for t in window]
        matches = []
        for target in self.gazetteer.fuzzy.multi_candidates(keys).values():
            exact_count = sum(1 for k, t in zip(keys, target.tokens) if k == t and k not in PARTICLES)
            distances = []
            for key, target_token in zip(keys, target.tokens):
                distance = _token_distance(key, target_token, target.types, short_ok=exact_count >= 2)
                if distance is None:
                    break
                distances.append(distance)
            else:
                total = sum(distances)
                exact_words = [k for k, d in zip(keys, distances) if d == 0 and k not in PARTICLES]
                changed = [(k, t) for k, t, d in zip(keys, target.tokens, distances) if d > 0]
                if not exact_words or not changed:
                    continue
                if any(d > 0 and f for d, f in zip(distances, fixed)):
                    continue  # "Prince Mohammad bin Salman": the known variant is not misspelt
                # Something must vouch for the name: a word of it that is no common word, or
                # changed words that are no common words either, or a single slip that keeps
                # the sound ("Ariel Henri", "Javier Mile"); so "John Berry" is not John Kerry.
                anchored = (
                    any(self._anchor(k) for k in exact_words)
                    or all(k not in self.common for k, _ in changed)
                    or (sum(distances) == 1 and all(sounds_alike(k, t) for k, t in changed))
                )
                if not anchored:
                    continue
                all_known = all(self.gazetteer.refs(k) for k in keys)
                limit = 1 if all_known else (3 if len(target.key) >= 16 else 2)
                if total > limit:
                    continue
                agrees = all(sounds_alike(k, t) for k, t in zip(keys, target.tokens))
                matches.append(Match(total, agrees, target))
        return matches

    def single_matches(self, token: Token) -> list[Match]:
        key = token.key
        allowed = 1 if len(key) <= 8 else 2
        matches = []
        for _, target in self.gazetteer.fuzzy.close_singles(key, allowed):
            distance = _token_distance(key, target.key, target.types)
            if distance is None or distance > allowed:
                continue
            # A lone word has no other word to vouch for it: it must also sound the same
            # (Bernd is not Bern, Peskov is not Petkov, Ginza is not Giza).
            if not sounds_alike(key, target.key):
                continue
            if len(key) < _MIN_LETTERS_FOR_VOWEL_CHANGE and _vowel_swap(key, target.key):
                continue
            matches.append(Match(distance, True, target))
        return matches

    def _accepted_ref(self, ref: FormRef) -> bool:
        """``ref`` is a form accepted in the copy's language (preferred or variant), not another
        language's form."""
        return ref.role in (NAME, SHORT, VARIANT) and ref.lang == _forms_lang(self.gazetteer, ref.entity, self.target)

    def _ranked(self, matches: list[Match]) -> list[tuple[str, tuple[int, bool, bool, FormRef, bool]]]:
        """Suggestions with their best (distance, sounds different, not a preferred form, ref,
        matched only through forms of other languages)."""
        best: dict[str, tuple[int, bool, bool, FormRef, bool]] = {}
        accepted: set[str] = set()  # suggestions matched through a form accepted in the copy's language
        for match in matches:
            for ref in match.target.refs:
                suggestion = _suggest(self.gazetteer, ref, self.target)
                if self._accepted_ref(ref):
                    accepted.add(suggestion)
                score = (match.distance, not match.phonetic, ref.role not in _PREFERRED_ROLES, ref, True)
                if suggestion not in best or score[:3] < best[suggestion][:3]:
                    best[suggestion] = score
        ranked = [(s, (*score[:4], s not in accepted)) for s, score in best.items()]
        return sorted(ranked, key=lambda item: (item[1][:3], item[0]))

    def resolve(self, text: str, start: int, end: int, matches: list[Match], single: bool = False) -> NameIssue | None:
        """The issue for the best of ``matches``, or the tie (not recorded yet). ``single``: a
        lone word, which no other word of a name vouches for."""
        gazetteer = self.gazetteer
        ranked = self._ranked(matches)
        if not ranked:
            return None
        span_text = text[start:end]
        suggestion, (distance, _, _, ref, _) = ranked[0]
        if len(ranked) > 1 and ranked[1][1][0] <= distance:
            tied = [s for s, score in ranked if score[0] == distance]
            entities = sorted({score[3].entity for s, score in ranked if score[0] == distance})
            listed = "; ".join(_who(gazetteer, e) for e in entities[:4])
            return NameIssue(
                "ambiguous", start, end, None,
                f"{_quote(span_text)} may be a misspelling of several names: {listed}. Check which one is "
                f"meant (candidates: {', '.join(_quote(s) for s in tied[:4])}).",
                0.5, tuple(entities),
            )
        if single and ranked[0][1][4]:
            # a lone word close only to another language's form ("Kanda", a Tokyo district, is
            # one letter from German "Kanada", two from "Canada"): a foreign form is a finding
            # when written exactly (NAM002), never the only basis of a misspelling (it may still
            # make a tie, NAM004, above)
            return None
        letters = "1 letter differs" if distance == 1 else f"{distance} letters differ"
        not_phonetic = ranked[0][1][1]
        confidence = (0.9 if distance == 1 else 0.75) + (0.0 if not_phonetic else 0.05)
        return NameIssue(
            "misspelling", start, end, suggestion,
            f"{_quote(span_text)} looks like a misspelling of {_who(gazetteer, ref.entity)}: "
            f"{letters} from {_quote(ref.form)}.",
            confidence, (ref.entity,),
        )

    def _record(self, issue: NameIssue) -> None:
        self.result.mentioned.update(issue.entities)
        self.result.issues.append(issue)

    def fuzzy_run(self, text: str, run: list[Token], exact: list[tuple[int, int, list[FormRef]]]) -> list[tuple[int, int]]:
        """Fuzzy matches in what the exact pass left; returns the spans reported."""
        covered = [False] * len(run)  # inside a known multi-word form
        known = [False] * len(run)  # inside any known form
        for i, j, _ in exact:
            for k in range(i, j):
                known[k] = True
                covered[k] = j - i > 1
        reported: list[tuple[int, int]] = []
        used = [False] * len(run)
        candidates: list[tuple[tuple[int, bool, int, int], int, int, NameIssue]] = []
        for i in range(len(run)):
            for n in range(2, min(_MAX_WINDOW_TOKENS, len(run) - i) + 1):
                window = run[i : i + n]
                if window[0].particle or window[-1].particle or any(t.all_caps for t in window):
                    continue
                if all(known[i : i + n]) and any(covered[i : i + n]):
                    continue  # a known multi-word form with nothing unknown next to it
                matches = self.window_matches(window, covered[i : i + n])
                issue = self.resolve(text, window[0].start, window[-1].end, matches) if matches else None
                if issue is None:
                    continue
                best = self._ranked(matches)[0][1]
                # the closest match wins; then one to a preferred form ("Ali Khamenie" ->
                # "Ali Khamenei" rather than "Ayatollah Ali Khamenie" -> the variant); then the
                # longer, then the leftmost
                candidates.append(((best[0], best[2], -n, i), i, n, issue))
        for _, i, n, issue in sorted(candidates, key=lambda c: c[0]):
            if any(used[i : i + n]):
                continue
            self._record(issue)
            reported.append((issue.start, issue.end))
            used[i : i + n] = [True] * n
        for position, token in enumerate(run):
            if used[position] or known[position] or not self._single_candidate(token):
                continue
            if self._before_unknown_name(run, position, known):
                continue
            matches = self.single_matches(token)
            issue = self.resolve(text, token.start, token.end, matches, single=True) if matches else None
            if issue is not None:
                self._record(issue)
                reported.append((issue.start, issue.end))
        return reported

    def _named_after(self, text: str, run: list[Token], i: int, j: int, refs: list[FormRef]) -> bool:
        """The span ``run[i:j]``, a form of a person, is part of a longer name of something
        else: the run holds an institution word ("Carlos III Health Institute", "Juan Carlos
        University", "Hospital Carlos III"), or the span ends in a regnal number and follows
        another name word that is no title ("Health Carlos III", but not "King Carlos III")."""
        if not all(self.gazetteer.entities[r.entity].type == "person" for r in refs):
            return False
        if any(t.key in _INSTITUTION_WORDS for k, t in enumerate(run) if not i <= k < j):
            return True
        if i == 0 or not _REGNAL.match(run[j - 1].text):
            return False
        previous = run[i - 1]
        possessive = text[previous.end : previous.end + _POSSESSIVE_LENGTH] in _POSSESSIVE
        return previous.capitalised and not previous.particle and not possessive and previous.key not in _TITLE_WORDS

    def _before_unknown_name(self, run: list[Token], position: int, known: Sequence[bool]) -> bool:
        """The word is followed by an unknown name ("Malick Peiris", "Sofya Tolstaya"): it is
        most likely the first name of someone the gazetteer does not know, not a place or a
        surname one letter off."""
        following = position + 1
        return (
            following < len(run)
            and not known[following]
            and run[following].capitalised
            and not run[following].all_caps
            and run[following].key not in self.common
        )

    def _single_candidate(self, token: Token) -> bool:
        return (
            token.capitalised
            and not token.all_caps
            and not token.particle
            and len(token.key) >= _MIN_FUZZY_LETTERS
            and token.key.isalpha()
            and token.key not in self.common
            and token.key not in self.gazetteer.known_tokens
        )

    # -- driver --------------------------------------------------------------------------------

    def analyse(self, text: str, ranges: Sequence[tuple[int, int]]) -> NameAnalysis:
        for start, end in ranges:
            tokens = _tokens(text, start, end)
            for run in candidate_runs(tokens):
                exact = self.exact_spans(run)
                before = len(self.result.issues)
                known = [False] * len(run)
                for i, j, _ in exact:
                    known[i:j] = [True] * (j - i)
                for i, j, refs in exact:
                    if j - i == 1 and self._before_unknown_name(run, i, known):
                        self.result.mentioned.update(r.entity for r in refs)
                        continue
                    before_span = len(self.result.issues)
                    self.classify_exact(text, run[i].start, run[j - 1].end, refs)
                    if self._named_after(text, run, i, j, refs):
                        # "Carlos III Health Institute": an institution named after someone,
                        # not that person's name in another language
                        self.result.issues[before_span:] = [
                            issue for issue in self.result.issues[before_span:] if issue.kind != "foreign"
                        ]
                exact_issues = self.result.issues[before:]
                del self.result.issues[before:]
                fuzzy = self.fuzzy_run(text, run, exact)
                # a fuzzy match over a longer span replaces what the exact pass said inside it
                self.result.issues.extend(
                    issue for issue in exact_issues
                    if not any(s < issue.end and issue.start < e for s, e in fuzzy)
                )
            before = len(self.result.issues)
            self.phrase_spans(text, tokens)
            phrases = [(i.start, i.end) for i in self.result.issues[before:]]
            if phrases:
                # "Organización de las Naciones Unidas" is one finding, not also "Naciones Unidas"
                self.result.issues[:before] = [
                    i for i in self.result.issues[:before]
                    if not any(s <= i.start and i.end <= e for s, e in phrases)
                ]
        # with digits too ("G7", "G20"), for NAM005's phrase presence
        self.result.folded_words = " " + " ".join(
            fold(w) for start, end in ranges for w in _PRESENCE_WORD.findall(text, start, end)
        ) + " "
        self.result.issues.sort(key=lambda issue: (issue.start, issue.end))
        return self.result


def analyse(text: str, gazetteer: Gazetteer, target: str, ranges: Sequence[tuple[int, int]] | None = None) -> NameAnalysis:
    """Every name issue in ``text`` (copy in ``target``), limited to ``ranges`` if given."""
    return _Analyser(gazetteer, target).analyse(text, ranges if ranges is not None else [(0, len(text))])


def checked_ranges(context: CheckContext) -> list[tuple[int, int]]:
    """The sentences to read: all but those confidently in another language (UNT's job)."""
    ranges = []
    for sentence, guess in zip(context.sentences, context.sentence_languages):
        foreign = (
            guess.code != "und"
            and not same_language(context.target_lang, guess.code)
            and guess.confidence >= _OTHER_LANGUAGE_CONFIDENCE
            and len(sentence.text.split()) >= _OTHER_LANGUAGE_MIN_WORDS
        )
        if not foreign:
            ranges.append((sentence.start, sentence.end))
    return ranges


def context_gazetteer(context: CheckContext) -> Gazetteer:
    return get_gazetteer(context.config.gazetteer)


def _supported(context: CheckContext, gazetteer: Gazetteer) -> bool:
    """Name checks run on copy in a language the gazetteer has preferred forms for."""
    return context.target_lang in gazetteer.languages


def _analysis(context: CheckContext) -> NameAnalysis:
    def compute(ctx: CheckContext) -> NameAnalysis:
        gazetteer = context_gazetteer(ctx)
        if not _supported(ctx, gazetteer):
            return NameAnalysis()
        return analyse(ctx.text, gazetteer, ctx.target_lang, checked_ranges(ctx))

    return context.shared("names", compute)


def _hits(context: CheckContext, kind: str) -> Iterator[Hit]:
    for issue in _analysis(context).issues:
        if issue.kind == kind:
            yield Hit(issue.start, issue.end, issue.message, suggestion=issue.suggestion, confidence=issue.confidence)


# ---------------------------------------------------------------------------------------------
# Names in the source


@dataclass(frozen=True)
class SourceMention:
    entity: int
    start: int
    end: int
    form: str


# Latin runs apart from other scripts: "NATOも" is NATO and も.
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_SOURCE_WORD = re.compile(rf"[{_LATIN}]+(?:['’][{_LATIN}]+)*|[^\W\d_{_LATIN}]+(?:['’][^\W\d_{_LATIN}]+)*")


def _is_cjk(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff"


def source_mentions(source: str, gazetteer: Gazetteer) -> list[SourceMention]:
    """Entities named in ``source``, in any script: original-script forms (Russian case endings
    and Arabic attached prefixes handled), Han/kana forms inside unspaced text, and Latin-script
    forms (NATO in Japanese text, Poutine in French). Only curated, CLDR and house entities:
    GeoNames' untagged alternates include ordinary words."""
    from mtcheck.gazetteer import SOURCE_TIERS

    index = gazetteer.script_index
    mentions: list[SourceMention] = []
    # Word-based scripts and Latin names
    tokens = list(_SOURCE_WORD.finditer(source))
    i = 0
    while i < len(tokens):
        found = None
        for j in range(min(len(tokens), i + max(index.max_tokens, _MAX_EXACT_TOKENS)), i, -1):
            if any(source[tokens[k].end() : tokens[k + 1].start()] not in _SPACE_JOINTS | _HYPHEN_JOINTS for k in range(i, j - 1)):
                continue
            words = [t.group() for t in tokens[i:j]]
            if not words[0][:1].isupper() and not _has_caseless_script(words[0]):
                continue
            found = _match_source_words(words, gazetteer, SOURCE_TIERS)
            if found is not None:
                mentions.append(SourceMention(found, tokens[i].start(), tokens[j - 1].end(), source[tokens[i].start() : tokens[j - 1].end()]))
                i = j
                break
        else:
            i += 1
    # Unspaced scripts: longest form starting at each position
    position = 0
    while position < len(source) - 1:
        if not _is_cjk(source[position]):
            position += 1
            continue
        best: tuple[str, FormRef] | None = None
        for compact, ref in index.cjk.get(source[position : position + 2], ()):
            if not source.startswith(compact, position) or (best is not None and len(compact) <= len(best[0])):
                continue
            if _inside_katakana_word(source, position, position + len(compact)):
                continue  # タイ (Thailand) inside タイトル (title)
            best = (compact, ref)
        if best is None:
            position += 1
            continue
        mentions.append(SourceMention(best[1].entity, position, position + len(best[0]), best[0]))
        position += len(best[0])
    mentions.sort(key=lambda m: m.start)
    return mentions


def _is_katakana(char: str) -> bool:
    return "\u30a0" <= char <= "\u30ff" or "\u31f0" <= char <= "\u31ff" or char == "\uff70"


def _inside_katakana_word(text: str, start: int, end: int) -> bool:
    """A katakana form that runs on into more katakana is part of another word; the middle dot
    between katakana words (ジョー・バイデン) is a boundary."""
    if not _is_katakana(text[end - 1]):
        return False
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return any(c and c != "・" and _is_katakana(c) for c in (before, after))


def _has_caseless_script(word: str) -> bool:
    return any(c.isalpha() and not (c.isupper() or c.islower()) for c in word)


def _match_source_words(words: list[str], gazetteer: Gazetteer, tiers: frozenset[str]) -> int | None:
    """The one entity these source words name, if any."""
    if all(is_latin(w) for w in words):
        key = fold(" ".join(words))
        # A lone surname that is also a common word ("Das" opening a German sentence is not
        # Shaktikanta Das); place names are common words too ("Paris"), so only short forms.
        common_surname = len(words) == 1 and gazetteer.is_common_word(key)
        refs = [
            r
            for r in gazetteer.refs(key)
            if r.role not in (ALTERNATE, DERIVED)
            and _same_capitals(words, r.form.split())
            and not (common_surname and r.role == SHORT)
        ]
        entities = {r.entity for r in refs if gazetteer.entities[r.entity].tier in tiers}
        return next(iter(entities)) if len(entities) == 1 else None
    index = gazetteer.script_index.tokens
    for key in itertools.product(*(source_word_keys(w) for w in words)):
        refs = index.get(key)
        if not refs:
            continue
        for word_keys in _prefix_variants(words):
            entities = {r.entity for r in refs if _inflection_of(word_keys, fold(r.form).split())}
            if entities:
                return next(iter(entities)) if len(entities) == 1 else None
    return None


def _same_capitals(words: list[str], form_words: list[str]) -> bool:
    """Source words written like the form: an abbreviation in capitals ("BEI", not German "bei"),
    and a capital wherever the form has one ("Le Maire", not French "le maire")."""
    if len(words) != len(form_words):
        return False
    for word, form_word in zip(words, form_words):
        if form_word.isupper() and len(form_word) > 1 and word != form_word:
            return False
        if form_word[:1].isupper() and not word[:1].isupper():
            return False
    return True


def _prefix_variants(words: list[str]) -> list[list[str]]:
    """The folded words, and with an Arabic attached prefix removed from the first one."""
    first, rest = fold(words[0]), [fold(w) for w in words[1:]]
    return [[base, *rest] for base in (arabic_bases(first) if _is_arabic(first) else [first])]


def _inflection_of(words: list[str], form_words: list[str]) -> bool:
    return len(words) == len(form_words) and all(inflects(w, f) for w, f in zip(words, form_words))


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in word)


def _present(analysis: NameAnalysis, gazetteer: Gazetteer, entity_index: int, translation: str) -> bool:
    """The translation names the entity: any known form, a fuzzy match, or even the source's
    own script (left untranslated: UNT002 reports that)."""
    if entity_index in analysis.mentioned:
        return True
    entity = gazetteer.entities[entity_index]
    words = analysis.folded_words
    forms: list[str] = [*entity.derived, *entity.other, *entity.alternates]
    for lang_forms in entity.forms.values():
        forms.extend(lang_forms.accepted())
    if entity.type == "place":
        # "Korea" or "Korean" for South Korea, "Arabia" for Saudi Arabia: translations shorten
        # multi-word place names when the context makes them clear
        forms.extend(f.split()[-1] for f in list(forms) if len(f.split()) > 1 and len(f.split()[-1]) >= 4)
        # "Kharkiv" for the Kharkiv region, "Niigata" for Niigata Prefecture: a region is often
        # translated by its name without the word for what it is
        forms.extend(
            " ".join(f.split()[:-1]) for f in list(forms)
            if len(f.split()) > 1 and f.split()[-1].casefold() in _REGION_WORDS
        )
    present_words = set(words.split())
    for form in forms:
        key = fold(form)
        if key and f" {key} " in words:
            return True
        if " " not in key and len(key) >= 4 and any(
            w.startswith(key) and w[len(key) :] in _DERIVATIONAL for w in present_words
        ):
            return True  # "Crimean" for Crimea
    return any(form in translation for form in entity.script if len(form) >= 2)


_REGION_WORDS = frozenset(
    "region oblast province krai territory state prefecture governorate okrug district republic".split()
)


def _aligned_range(context: CheckContext, source_start: int) -> tuple[int, int]:
    """The translation sentence(s) aligned to the source sentence at ``source_start``; the whole
    translation when that sentence is aligned to nothing (OMI001 then reports the gap too)."""
    from mtcheck.align import target_range_for_source

    aligned = target_range_for_source(context, source_start)
    if aligned is not None:
        return aligned
    text = context.text
    return len(text) - len(text.lstrip()), len(text.rstrip())


def _missing_names(context: CheckContext) -> list[Hit]:
    gazetteer = context_gazetteer(context)
    if not _supported(context, gazetteer) or not context.source:
        return []
    analysis = _analysis(context)
    hits = []
    reported: set[int] = set()
    for mention in source_mentions(context.source, gazetteer):
        if mention.entity in reported or _present(analysis, gazetteer, mention.entity, context.text):
            continue
        reported.add(mention.entity)
        entity = gazetteer.entities[mention.entity]
        expected = _expected_forms(entity.forms_for(context.target_lang))
        start, end = _aligned_range(context, mention.start)
        if start >= end:
            continue
        hits.append(
            Hit(
                start, end,
                f"The source names {_who(gazetteer, mention.entity)} as {_quote(mention.form)}, "
                f"but the translation has none of its forms ({expected}): a name omitted or mistranslated.",
                confidence=0.8,
            )
        )
    return hits


def _expected_forms(forms: LanguageForms) -> str:
    listed = [forms.name] + ([forms.short] if forms.short else [])
    return " or ".join(_quote(f) for f in listed)


# ---------------------------------------------------------------------------------------------
# Rules

_GAZETTEER_NOTE = """
    Names are checked against the gazetteer (`mtcheck gazetteer lookup NAME`) merged with the
    house-style files given with `--gazetteer FILE` or the `gazetteer` configuration key.
"""


@rule(
    code="NAM001",
    name="misspelled-name",
    category="fluency/spelling",
    severity=Severity.MAJOR,
    data_files=[GAZETTEER_DATA],
    summary="A name spelled wrong: close to exactly one person, place or organisation in the gazetteer.",
    what="""
        A capitalised name (or a run of them: "Anthony Blinken", "Georgia Meloni") that is no
        known form of any entity, but is an edit or two away from the forms of exactly one
        entity, clearly closer than to anything else. Multi-word names must share a word with
        the entity's form ("Blinken", "Meloni"); single words need five letters or more and are
        never common words of the copy's language (so "Nice", "Reading" or "Police" are never
        taken for places). Words that are themselves known forms ("Austria" next to
        "Australia"), parts of known names, and derived or feminine forms ("Azerbaijani",
        "Navalnaya", "Aliyeva") are left alone. The suggestion must come from a form accepted
        in the copy's language: a word close only to another language's form ("Kanda", a Tokyo
        district, one letter from German "Kanada") is left alone.
    """
    + _GAZETTEER_NOTE,
    why="""
        A misspelt name is the error a copy desk is most embarrassed by, and machine translation
        makes it often: it transliterates a name afresh instead of using the established
        spelling ("Anthony Blinken", "Nikol Pachinian", "Erdogen").
    """,
    fix="Use the suggested spelling: the preferred form in the copy's language, full or short like the span.",
    must_flag=[
        Example("US Secretary of State Anthony Blinken called for a lasting peace.", flags="Anthony Blinken"),
        Example("Italian Prime Minister Giorgia Melonni met the president in Rome.", flags="Giorgia Melonni"),
        Example("Armenian Prime Minister Nikol Pachinyan said talks would resume.", flags="Nikol Pachinyan"),
        Example("Clashes were reported near Yerevn on Tuesday.", flags="Yerevn"),
        Example("Turkish President Recep Tayyip Erdogen spoke by telephone.", flags="Recep Tayyip Erdogen"),
    ],
    must_pass=[
        Example("Russian President Vladimir Putin called on Armenia and Azerbaijan to show restraint."),
        Example("US House Speaker Nancy Pelosi visited Yerevan; Baku and Moscow protested, according to Washington."),
        Example("Nice and Reading are twinned. Police said the Of river flooded."),
        Example("Austria and Australia played in the final.", note="both are known forms: never misspellings"),
        Example("Azerbaijani President Ilham Aliyev succeeded his father Heydar Aliyev in 2003."),
        Example("Armenian Prime Minister Nikol Pashinyan met French singer Nicole Croisille."),
        Example("Volodymyr Zelenskyy, Zelensky and Zelenskiy are all accepted spellings."),
        Example("Typhoon Yagi made landfall in Hainan, then moved on to Guangxi and Yunnan.",
                note="provinces are known names: Hainan is not a misspelt Huainan (a city)"),
        Example("Drones hit the Zaporizhzhia region and the Kharkov Oblast; Bashkortostan and Punjab voted.",
                note="oblasts with their older romanisations (as Kyiv/Kiev) are accepted"),
        Example("Shoppers crowded the second-hand bookshops of Kanda in central Tokyo.",
                note="one letter from German “Kanada”: another language's form is no basis for a misspelling"),
    ],
)
def check_misspelled_name(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "misspelling")


@rule(
    code="NAM002",
    name="foreign-name-form",
    category="terminology",
    severity=Severity.MAJOR,
    data_files=[GAZETTEER_DATA],
    summary="A name in the form of another language leaked into the copy (Erevan, Poutine, OTAN in English).",
    what="""
        A name that is exactly a form of another language in the gazetteer (the French, Spanish
        or German forms, or the other-language forms MT is known to leak) and is not an
        accepted form in the copy's language. Left alone: forms that are also accepted in the
        copy's language ("Paris"), GeoNames alternate names, single words that are common
        words of the copy's language ("Roma"), and a person's form inside the name of an
        institution, street or prize named after them ("Carlos III Health Institute").
    """
    + _GAZETTEER_NOTE,
    why="""
        Machine translation from French, Spanish or German, or through a pivot language, keeps
        the source language's exonyms: "Erevan", "Bakou", "Moscou", "Netanyahou", "Ben Salmane",
        "Loukachenko", "OTAN". Readers stumble on them, and search and archives miss them.
    """,
    fix="Replace it with the copy's form of the name (the suggestion).",
    must_flag=[
        Example("Russian President Vladimir Poutine arrived on Tuesday.", flags="Vladimir Poutine"),
        Example("The OTAN summit opened in Madrid.", flags="OTAN"),
        Example("Israeli Prime Minister Benjamin Netanyahou met his cabinet.", flags="Benjamin Netanyahou"),
        Example("Talks between Bakou and Erevan resumed.", flags="Bakou"),
    ],
    must_pass=[
        Example("Russian President Vladimir Putin arrived in Moscow on Tuesday."),
        Example("The NATO summit opened in Madrid; Paris and Berlin sent ministers."),
        Example("Le président russe Vladimir Poutine est arrivé à Moscou mardi.", lang="fr"),
        Example("Researchers at the Carlos III Health Institute in Madrid sequenced the variant.",
                note="an institution named after a king is not the king's Spanish name"),
    ],
)
def check_foreign_form(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "foreign")


@rule(
    code="NAM003",
    name="variant-not-preferred",
    category="terminology",
    severity=Severity.MINOR,
    default_enabled=False,
    data_files=[GAZETTEER_DATA],
    summary="An accepted spelling of a name where house style prefers another (off by default).",
    what="""
        A name that is an accepted variant (never a misspelling) of an entity whose preferred form
        in the copy's language is different: "Zelensky" where the gazetteer prefers "Zelenskyy".
        Off by default: turn it on with `--select NAM003`, and give the desk's own preferences
        in a house-style file (a desk that writes "Zelensky" or "Kiev" gets no finding).
    """
    + _GAZETTEER_NOTE,
    why="""
        Consistency: one story, one spelling, the one the style guide chose, so that the copy
        reads as one voice and archive searches find every story.
    """,
    fix="Use the house form (the suggestion), or make the variant the preferred form in a house-style file.",
    must_flag=[
        Example("Ukrainian President Volodymyr Zelensky addressed parliament.", flags="Volodymyr Zelensky"),
    ],
    must_pass=[
        Example("Ukrainian President Volodymyr Zelenskyy addressed parliament."),
    ],
)
def check_variant(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "variant")


@rule(
    code="NAM004",
    name="ambiguous-name",
    category="fluency/spelling",
    severity=Severity.NEUTRAL,
    data_files=[GAZETTEER_DATA],
    summary="A name that may be misspelt but is as close to several entities: listed, not counted.",
    what="""
        A capitalised name that is no known form but is equally close to the forms of two or
        more entities with different spellings, so that no single suggestion can be made. The
        message lists the candidates; the finding is neutral (MQM weight 0): it is listed for
        the desk to look at and does not lower the score.
    """
    + _GAZETTEER_NOTE,
    why="""
        A name that is near two different people or places is worth a look, but a wrong
        automatic correction would be worse than none.
    """,
    fix="Check which entity is meant and spell it as the gazetteer does; no automatic suggestion.",
    must_flag=[
        Example("Former British prime minister Kameron said on Monday that talks had failed.", flags="Kameron",
                note="one letter from Cameron (David Cameron) and one from Kamerun (Cameroon in German)"),
    ],
    must_pass=[
        Example("Former British prime minister Cameron said on Monday that talks had failed."),
    ],
)
def check_ambiguous(context: CheckContext) -> Iterator[Hit]:
    yield from _hits(context, "ambiguous")


@rule(
    code="NAM005",
    name="source-name-missing",
    category="accuracy/omission",
    severity=Severity.MAJOR,
    needs=["source"],
    data_files=[GAZETTEER_DATA],
    summary="A person, place or organisation named in the source does not appear in the translation.",
    what="""
        Entities named in the source text, found through their forms in any script (Cyrillic,
        Arabic, Han, kana...; Russian case endings and Arabic attached prefixes are handled, and
        Latin names inside other scripts are found too), that the translation does not name in
        any known form, not even a misspelt one (NAM001 reports those), a demonym or adjective
        ("Russian" for Russia). The finding is on the translation's paragraph or sentence that
        corresponds to the source's, or on the whole translation when the two do not align.
        Only entities curated in the gazetteer (people, organisations, countries, places in the
        news) are looked for.
    """
    + _GAZETTEER_NOTE,
    why="""
        A name dropped or replaced by a wrong one changes who did what: an omission or a
        mistranslation that only a comparison with the source reveals.
    """,
    fix="Restore the name in its preferred form, or check that it was left out on purpose.",
    must_flag=[
        Example(
            "The president said he would meet the prime minister next week.",
            source="Путин заявил, что встретится с Пашиняном на следующей неделе.",
            flags="The president said he would meet the prime minister next week.",
        ),
    ],
    must_pass=[
        Example(
            "Putin said he would meet Pashinyan next week.",
            source="Путин заявил, что встретится с Пашиняном на следующей неделе.",
        ),
        Example(
            "Russian forces shelled the outskirts of Kyiv.",
            source="Российские войска обстреляли окраины Киева.",
        ),
    ],
)
def check_missing_name(context: CheckContext) -> Iterator[Hit]:
    yield from _missing_names(context)
