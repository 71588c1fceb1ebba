"""Fidelity benchmark: do the source-aware rules catch injected translation errors?

    .venv/bin/python benchmarks/fidelity_bench.py [--seed N] [--show N] [--list-injections]

Data: benchmarks/data/fidelity/pairs.tsv, news sentences in zh/ru/de/fr/es with a faithful
English translation each. From every correct translation this script derives, deterministically
(seeded per pair and error type), up to five erroneous ones:

- **number**: one number changed to a realistic wrong value (30,000 -> 3,000, 2020 -> 2021,
  6.5 -> 5.6, five -> six);
- **negation**: polarity flipped (a "not"/"never"/"no" removed, or "not" added after an
  auxiliary, or "did not" put before a past-tense verb);
- **name**: a person, place or organisation name dropped (title + name -> "the" + title, an
  appositive name removed, "in Hamburg" removed);
- **clause**: a subordinate/coordinated clause or the trailing reporting clause removed;
- **untranslated**: a source fragment (>= 3 words, or >= 5 CJK characters) put in place of the
  English it corresponds to (aligned by comma-separated chunks, or by the sentence tail).

A pair with nothing to inject for a type is skipped for that type; the counts are printed.

Every correct and erroneous translation is checked with its source (``lang="en"``, default
rules). An injection counts as **detected** when the erroneous text gets a finding of a rule that
fits the error (number -> NUM*, negation -> NEG*, name -> NAM005 or OMI001, clause -> OMI001,
untranslated -> UNT*) that the correct translation did not get (same code, span text and
message), so a false alarm already on the correct text does not count as a catch. Rules that are
not registered yet simply find nothing (0%). The correct translations give the false-alarm
figure: the share with any finding of severity major or worse, each listed for reading.

Not a test: it exits 0 whether or not a target is met.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.types import Article, Finding, Severity

HERE = Path(__file__).resolve().parent
PAIRS_FILE = HERE / "data" / "fidelity" / "pairs.tsv"
LANGUAGE_ORDER = ("zh", "ru", "de", "fr", "es", "ar", "ja")


@dataclass(frozen=True)
class Pair:
    id: str
    source_lang: str
    source: str
    translation: str


@dataclass(frozen=True)
class Injection:
    pair: Pair
    kind: str
    text: str  # the erroneous translation
    detail: str  # what changed, for reading ("30,000 -> 3,000")


def read_pairs(path: Path = PAIRS_FILE) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Pair(row["id"], row["source_lang"], row["source"], row["translation"]) for row in reader]


def rng_for(pair: Pair, kind: str, seed: int) -> random.Random:
    # A string seed is hashed with SHA-512 by random.seed: the same across runs and machines.
    return random.Random(f"{seed}/{pair.id}/{kind}")


def replace_span(text: str, start: int, end: int, replacement: str) -> str:
    return text[:start] + replacement + text[end:]


# --- changed number -----------------------------------------------------------------------

# A number not glued to letters or hyphens, so "G20", "An-24" and the "2-1" of a score stay.
NUMBER_RE = re.compile(r"(?<![\w.,\-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w\-]|[.,]\d)")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)


def wrong_number(digits: str, decimals: str | None, rng: random.Random) -> str:
    """A realistic wrong value for a number written as in English copy."""
    if decimals is not None:
        swapped = digits[::-1] if len(digits) == 1 and len(decimals) == 1 else None
        if swapped is not None and digits != decimals:
            return f"{decimals}.{digits}"  # 6.5 -> 5.6: a transposition
        return f"{digits}.{int(decimals) + 1:0{len(decimals)}d}" if not decimals.endswith("9") else f"{int(digits) + 1}.{decimals}"
    value = int(digits.replace(",", ""))
    if "," in digits:  # 30,000 -> 3,000 (a dropped zero) or 5,381 -> 53,810 (an extra one)
        changed = value // 10 if value % 10 == 0 else value * 10
        return f"{changed:,}"
    if 1900 <= value <= 2099:
        return str(value + rng.choice((-1, 1)))  # 2020 -> 2021
    if value >= 100:
        swapped_digits = digits[0] + digits[2] + digits[1] + digits[3:]
        return swapped_digits if swapped_digits != digits else str(value + 100)  # 216 -> 261
    return str(value + rng.choice((1, 2, 3)))


def inject_number(pair: Pair, rng: random.Random) -> Injection | None:
    text = pair.translation
    matches = list(NUMBER_RE.finditer(text))
    if matches:
        match = rng.choice(matches)
        wrong = wrong_number(match.group(1), match.group(2), rng)
        return Injection(pair, "number", replace_span(text, match.start(), match.end(), wrong), f"{match.group(0)} -> {wrong}")
    words = list(NUMBER_WORD_RE.finditer(text))
    if not words:
        return None
    match = rng.choice(words)
    index = NUMBER_WORDS.index(match.group(1).lower())
    wrong = NUMBER_WORDS[index + 1] if index + 1 < len(NUMBER_WORDS) else NUMBER_WORDS[index - 1]
    if match.group(1)[0].isupper():
        wrong = wrong.capitalize()
    return Injection(pair, "number", replace_span(text, match.start(), match.end(), wrong), f"{match.group(0)} -> {wrong}")


# --- flipped negation ---------------------------------------------------------------------

def _article_for(match: re.Match[str]) -> str:
    following = match.string[match.end():].lstrip()
    article = "an " if following[:1].lower() in "aeiou" else "a "
    return article.capitalize() if match.group(0)[0].isupper() else article


# Removals, tried in order; the first that matches is applied. Replacements keep the sentence
# grammatical ("has not yet confessed" -> "has already confessed", "no reason" -> "a reason").
NEGATION_REMOVALS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"\bnot yet\b"), "already"),
    (re.compile(r"\bno longer\b"), "still"),
    (re.compile(r"\bwithout ever\b"), "while"),
    (re.compile(r"\bnever "), ""),
    (re.compile(r"\bcannot\b"), "can"),
    (re.compile(r"\bnot "), ""),
    (re.compile(r"\bnobody\b"), "somebody"),
    (re.compile(r"\bNone of\b"), "One of"),
    (re.compile(r"\bnone\b"), "some"),
    (re.compile(r"\b[Nn]o (?=[\w-]+s\b)"), ""),  # "no casualties" -> "casualties"
    (re.compile(r"\b[Nn]o\b "), _article_for),  # "no reason" -> "a reason"
)

MODAL_OR_BE_RE = re.compile(r"\b(will|would|could|should|must|is|are|was|were)\b (?!not\b|still\b)")
PERFECT_RE = re.compile(r"\b(has|have|had)\b (?=(?:\w+ed|been|made|won|grown|risen|fallen|left|taken|given|seen|become)\b)")
CAN_RE = re.compile(r"\bcan\b")
# Past tense -> base form of news verbs, to write "did not <verb>" (reporting verbs left out).
PAST_TO_BASE = {
    "announced": "announce", "rose": "rise", "fell": "fall", "killed": "kill", "won": "win",
    "beat": "beat", "sold": "sell", "reached": "reach", "raised": "raise", "cut": "cut",
    "arrested": "arrest", "signed": "sign", "delivered": "deliver", "carried": "carry",
    "made": "make", "earned": "earn", "exceeded": "exceed", "grew": "grow", "rejected": "reject",
    "decided": "decide", "declared": "declare", "adopted": "adopt", "passed": "pass",
    "struck": "strike", "received": "receive", "visited": "visit", "arrived": "arrive",
    "elected": "elect", "blocked": "block", "evacuated": "evacuate", "rescued": "rescue",
    "closed": "close", "proposed": "propose", "promised": "promise", "fined": "fine",
    "sentenced": "sentence", "recorded": "record", "expects": "expect", "demanded": "demand",
    "resigned": "resign", "signed": "sign", "paid": "pay", "achieved": "achieve", "went": "go",
    "eliminates": "eliminate", "voted": "vote", "released": "release", "exported": "export",
    "called": "call", "dropped": "drop", "forced": "force", "left": "leave", "shook": "shake",
    "broke": "break", "hit": "hit", "surged": "surge", "agreed": "agree", "reported": "report",
    "extended": "extend", "published": "publish", "planned": "plan", "met": "meet",
    "delivered": "deliver", "invested": "invest", "urged": "urge", "lost": "lose",
}
PAST_VERB_RE = re.compile(r"(?<!\bto )\b(" + "|".join(sorted(PAST_TO_BASE, key=len, reverse=True)) + r")\b")


def has_negation(text: str) -> bool:
    return any(pattern.search(text) for pattern, _ in NEGATION_REMOVALS)


def inject_negation(pair: Pair, rng: random.Random) -> Injection | None:
    """Removes the first negation, or adds one where the sentence has none."""
    text = pair.translation
    for pattern, replacement in NEGATION_REMOVALS:
        match = pattern.search(text)
        if match:
            new = replacement(match) if callable(replacement) else replacement
            return Injection(pair, "negation", replace_span(text, match.start(), match.end(), new), f"removed {match.group(0).strip()!r}")
    candidates: list[tuple[int, int, str]] = []
    for match in MODAL_OR_BE_RE.finditer(text):
        candidates.append((match.end(), match.end(), "not "))
    for match in PERFECT_RE.finditer(text):
        candidates.append((match.end(), match.end(), "not "))
    for match in CAN_RE.finditer(text):
        candidates.append((match.start(), match.end(), "cannot"))
    if not candidates:
        for match in PAST_VERB_RE.finditer(text):
            verb = match.group(1)
            base = PAST_TO_BASE[verb]
            auxiliary = "does not" if verb.endswith("s") and not verb.endswith("ss") else "did not"
            candidates.append((match.start(), match.end(), f"{auxiliary} {base}"))
    if not candidates:
        return None
    start, end, new = rng.choice(sorted(candidates))
    return Injection(pair, "negation", replace_span(text, start, end, new), f"added {new.strip()!r}")


# --- dropped name -------------------------------------------------------------------------

NAME_WORD = r"[A-ZÀ-ÖØ-Þ](?:[\w'’\-]|\.(?=\w))*"  # "St", "An-24", but not the full stop of "Un."
NAME_RE = rf"{NAME_WORD}(?: (?:de |da |von |van |Da )?{NAME_WORD})*"
TITLES = (
    "President", "Chancellor", "Prime Minister", "Premier", "Minister", "Secretary of State",
    "Secretary-General", "Director-General", "spokesman", "spokeswoman", "governor", "mayor",
    "Skipper", "Ambassador", "leader", "head", "striker", "governor",
)
TITLE_RE = "|".join(re.escape(title) for title in TITLES)
# "[the] [Modifiers] Title Name": the name is dropped and "the" added where needed.
TITLED_PERSON_RE = re.compile(rf"(?:\b(?P<the>[Tt]he) )?(?<![\w'’])(?P<np>(?:{NAME_WORD} )*?(?:[a-z][a-z\-]* )?(?:{TITLE_RE})) (?P<name>{NAME_RE})")
# ", Manuela Schwesig," (a person's full name); ", Hainan," after a town is not an apposition.
APPOSITIVE_RE = re.compile(rf", (?P<name>{NAME_WORD}(?: (?:de |da )?{NAME_WORD})+),")
# "Police in Hamburg arrested" -> "Police arrested"; "residents of Orsk" -> "residents".
# A place with its region ("in Yancheng, Jiangsu,") goes as a whole; "arrived in Ankara, where"
# is left alone, as dropping the place would leave "where" pointing at nothing.
# Nouns a place name can modify ("the Moscow region"); there the name goes, not the phrase.
MODIFIED_NOUNS = r"(?:region|regional|government|city|municipal|prosecutor|prosecutor's|authorities|plant|market|union|court|criminal|site|airport|crude)\b"
# "Police in Hamburg arrested" -> "Police arrested"; "pressure from Brazil and Colombia" -> "pressure".
# "in Wenchang, Hainan," and "arrived in Ankara, where" are left alone: no grammatical cut.
PLACE_RE = re.compile(
    rf" (?:in|at|near|from|to|of|against|with) (?P<name>{NAME_RE}(?: and {NAME_RE})?)(?!['’]s)\b"
    rf"(?!, [A-Z]|, where| {MODIFIED_NOUNS})"
)
# "the Moscow region" -> "the region". Only before those nouns: "the Moscow Exchange exceeded" and
# "the Gironde is" are names in their own right.
MODIFIER_RE = re.compile(rf"\b(?P<the>[Tt]he) (?P<name>{NAME_WORD}) (?={MODIFIED_NOUNS})")
POSSESSIVE_RE = re.compile(rf"(?<![\w'’])(?P<name>{NAME_RE})['’]s (?=[a-z])")
NOT_NAMES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Article", "The", "A", "An", "Metro", "Line", "Celsius", "US",
    "Federal", "National", "State", "Central", "European", "Chinese", "Russian", "German",
}


def is_name(candidate: str) -> bool:
    """A capitalised run that is not a month, a weekday or a generic word. Every name in a
    translation of pairs.tsv comes from its source (the translations are faithful), so the
    source itself is not searched: it spells places differently (München/Munich, 北京/Beijing)."""
    return candidate.split()[0] not in NOT_NAMES


def starts_a_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before.endswith(("-", ".", ")"))


def inject_name(pair: Pair, rng: random.Random) -> Injection | None:
    text = pair.translation
    candidates: list[tuple[int, int, str, str]] = []  # start, end, replacement, dropped name
    for match in TITLED_PERSON_RE.finditer(text):
        name = match.group("name")
        if not is_name(name) or len(name.split()) < 2:  # a person's full name, not "President Xi"'s "Xi"
            continue
        if match.group("the"):
            the = match.group("the") + " "
        elif text[: match.start()].rstrip().endswith(("'s", "’s")):
            the = ""  # "the capital's mayor Sergei Sobyanin" -> "the capital's mayor"
        else:
            the = "The " if starts_a_sentence(text, match.start()) else "the "
        np = match.group("np")
        if the == "The " and np.startswith("Former "):
            np = "former " + np[len("Former "):]
        candidates.append((match.start(), match.end(), f"{the}{np}", name))
    for pattern in (APPOSITIVE_RE, PLACE_RE):
        for match in pattern.finditer(text):
            # "the Federal Office for Migration" is one name: its tail is not a place to drop.
            inside_a_name = text[: match.start()].split()[-1:] and text[: match.start()].split()[-1][:1].isupper() \
                and not starts_a_sentence(text, text[: match.start()].rstrip().rfind(" ") + 1)
            if is_name(match.group("name")) and not inside_a_name:
                candidates.append((match.start(), match.end(), "", match.group("name")))
    for pattern in (MODIFIER_RE, POSSESSIVE_RE):
        for match in pattern.finditer(text):
            if is_name(match.group("name")):
                the = "The" if starts_a_sentence(text, match.start()) else "the"
                candidates.append((match.start(), match.end(), f"{the} ", match.group("name")))
    if not candidates:
        return None
    start, end, replacement, name = rng.choice(sorted(candidates))
    return Injection(pair, "name", replace_span(text, start, end, replacement), f"dropped {name!r}")


# --- dropped clause -----------------------------------------------------------------------

# A clause runs to the next comma (not a thousands separator: "250,000") or the full stop.
CLAUSE_END = r"(?=[,;](?=\s)|\.$|$)"
CLAUSE_RE = re.compile(
    r", (?:and|but|while|whereas|although|though|because|after|before|when|where|which|who|so|until|[a-z]+ing)"
    rf" [^;]*?{CLAUSE_END}"
    # Subordinate clauses need no comma: "... unconstitutional because the lawmakers did not ...".
    rf"| (?:because|although|whereas) [^;]*?{CLAUSE_END}"
)
LEADING_CLAUSE_RE = re.compile(r"^(?:After|Although|While|When|If|Because|As) [^,]*, ")
REPORTING_RE = re.compile(r", [^,]*? (?:said|says|announced|reported|added|shows|forecasts|confirmed)\b[^,]*?(?=\.$)")


def inject_clause(pair: Pair, rng: random.Random) -> Injection | None:
    text = pair.translation
    candidates: list[tuple[int, int, str]] = []
    for pattern in (CLAUSE_RE, REPORTING_RE):
        for match in pattern.finditer(text):
            candidates.append((match.start(), match.end(), ""))
    match = LEADING_CLAUSE_RE.search(text)
    if match:
        rest = text[match.end():]
        candidates.append((match.start(), match.end() + 1, rest[:1].upper()))
    usable = [
        (start, end, new) for start, end, new in candidates
        if len(text[start:end].split()) >= 3 and len((text[:start] + new + text[end:]).split()) >= 5
    ]
    if not usable:
        return None
    start, end, new = rng.choice(sorted(usable))
    dropped = text[start:end].strip(" ,")
    return Injection(pair, "clause", replace_span(text, start, end, new), f"dropped {dropped!r}")


# --- untranslated fragment ----------------------------------------------------------------

# Chunk separators: a comma (semicolon, colon) before a space, so "1,500" and "0,9%" stay
# whole, or CJK punctuation, which needs no space.
CHUNK_SEPARATOR_RE = re.compile(r"[,;:](?=\s)|[，；：、]")
LONGEST_REPLACED_CHUNK = 14  # words: an untranslated fragment, not a whole untranslated sentence
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def fragment_is_long_enough(fragment: str) -> bool:
    """>= 3 words, or >= 5 characters of CJK text (which has no spaces between words)."""
    if CJK_RE.search(fragment):
        return len(CJK_RE.findall(fragment)) >= 5
    return len(fragment.split()) >= 3


def chunks(text: str) -> list[tuple[int, int]]:
    """Separator-delimited chunks as (start, end), without the separators and surrounding spaces."""
    spans = []
    start = 0
    for end in [m.start() for m in CHUNK_SEPARATOR_RE.finditer(text)] + [len(text)]:
        piece = text[start:end]
        if piece.strip():
            offset = start + len(piece) - len(piece.lstrip())
            spans.append((offset, offset + len(piece.strip())))
        start = end + 1
    return spans


def inject_untranslated(pair: Pair, rng: random.Random) -> Injection | None:
    """Puts a source chunk in place of the English chunk at the same position. Chunks are
    aligned by position when source and translation have as many; otherwise the last chunk of
    each (news sentences usually end on the same content)."""
    source, text = pair.source, pair.translation
    end_punct = re.compile(r"[.。!?！？]+$")
    source_body = end_punct.sub("", source.strip())
    text_body_end = len(end_punct.sub("", text.rstrip()))
    source_chunks = chunks(source_body)
    target_chunks = chunks(text[:text_body_end])
    options: list[tuple[tuple[int, int], tuple[int, int]]] = []
    if len(source_chunks) == len(target_chunks) and len(source_chunks) >= 2:
        options = list(zip(source_chunks, target_chunks))
    elif len(source_chunks) >= 2 and len(target_chunks) >= 2:
        options = [(source_chunks[-1], target_chunks[-1])]
    options = [
        (src, tgt) for src, tgt in options
        if fragment_is_long_enough(source_body[src[0]:src[1]])
        and 3 <= len(text[tgt[0]:tgt[1]].split()) <= LONGEST_REPLACED_CHUNK
    ]
    if not options:
        # One-chunk sentence: the second half of the source for the second half of the English.
        source_words = source_body.split()
        if CJK_RE.search(source_body):
            fragment = source_body[len(source_body) // 2:]
        elif len(source_words) >= 6:
            fragment = " ".join(source_words[len(source_words) // 2:])
        else:
            return None
        words = text[:text_body_end].split(" ")
        kept = " ".join(words[: len(words) // 2])
        erroneous = f"{kept} {fragment}{text[text_body_end:]}"
        return Injection(pair, "untranslated", erroneous, f"tail -> {fragment!r}")
    (source_start, source_end), (target_start, target_end) = rng.choice(options)
    fragment = source_body[source_start:source_end]
    replaced = text[target_start:target_end]
    return Injection(pair, "untranslated", replace_span(text, target_start, target_end, fragment), f"{replaced!r} -> {fragment!r}")


INJECTORS: dict[str, Callable[[Pair, random.Random], Injection | None]] = {
    "number": inject_number,
    "negation": inject_negation,
    "name": inject_name,
    "clause": inject_clause,
    "untranslated": inject_untranslated,
}


def build_injections(pairs: list[Pair], seed: int = 0) -> tuple[list[Injection], Counter[str]]:
    """Every injection that applies, in pair order, and per-type counts of skipped pairs."""
    injections: list[Injection] = []
    skipped = Counter[str]()
    for pair in pairs:
        for kind, injector in INJECTORS.items():
            injection = injector(pair, rng_for(pair, kind, seed))
            if injection is None or injection.text == pair.translation:
                skipped[kind] += 1
            else:
                injections.append(injection)
    return injections, skipped


# --- running the pipeline -----------------------------------------------------------------

FITTING_RULES: dict[str, tuple[str, ...]] = {
    "number": ("NUM",),
    "negation": ("NEG",),
    "name": ("NAM005", "OMI001"),
    "clause": ("OMI001",),
    "untranslated": ("UNT",),
}
TARGETS: dict[str, str] = {
    "number": ">= 95%", "negation": ">= 60%", "name": ">= 60%", "clause": ">= 50%", "untranslated": "-",
}
CONFIG = Config()


def findings_for(text: str, pair: Pair) -> list[Finding]:
    article = Article(id=pair.id, text=text, source=pair.source, source_lang=pair.source_lang, lang="en")
    return list(check_article(article, CONFIG).findings)


def finding_key(finding: Finding) -> tuple[str, str, str]:
    return (finding.code, finding.text, finding.message)


def new_fitting_findings(kind: str, erroneous: list[Finding], correct: list[Finding]) -> list[Finding]:
    already = {finding_key(f) for f in correct}
    return [f for f in erroneous if f.code.startswith(FITTING_RULES[kind]) and finding_key(f) not in already]


def share(hits: int, total: int) -> str:
    return f"{hits / total:6.1%} ({hits}/{total})" if total else "     - (0/0)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=5, help="misses listed per error type")
    parser.add_argument("--list-injections", action="store_true", help="print every injection and exit")
    args = parser.parse_args(argv)

    pairs = read_pairs()
    injections, skipped = build_injections(pairs, args.seed)
    if args.list_injections:
        for injection in injections:
            print(f"{injection.pair.id}\t{injection.kind}\t{injection.detail}\n    {injection.pair.translation}\n    {injection.text}")
        return 0

    languages = [lang for lang in LANGUAGE_ORDER if any(p.source_lang == lang for p in pairs)]
    per_language = Counter(p.source_lang for p in pairs)
    print(f"pairs: {len(pairs)} (" + ", ".join(f"{lang} {per_language[lang]}" for lang in languages) + ")")
    kinds = list(INJECTORS)
    made = Counter(i.kind for i in injections)
    print("injections: " + ", ".join(f"{kind} {made[kind]} (skipped {skipped[kind]})" for kind in kinds))

    started = time.perf_counter()
    errors: list[str] = []
    correct_findings: dict[str, list[Finding]] = {}
    for pair in pairs:
        try:
            correct_findings[pair.id] = findings_for(pair.translation, pair)
        except Exception as error:  # a crash is reported, not allowed to hide the other figures
            errors.append(f"{pair.id} (correct): {type(error).__name__}: {error}")
            correct_findings[pair.id] = []
    hits: dict[str, Counter[str]] = defaultdict(Counter)
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    misses: dict[str, list[str]] = defaultdict(list)
    for injection in injections:
        lang = injection.pair.source_lang
        totals[injection.kind][lang] += 1
        try:
            found = findings_for(injection.text, injection.pair)
        except Exception as error:
            errors.append(f"{injection.pair.id} ({injection.kind}): {type(error).__name__}: {error}")
            found = []
        if new_fitting_findings(injection.kind, found, correct_findings[injection.pair.id]):
            hits[injection.kind][lang] += 1
        else:
            got = "; ".join(sorted({f.code for f in found})) or "nothing"
            misses[injection.kind].append(f"  {injection.pair.id} {injection.detail} (got: {got})\n      {injection.text}")
    elapsed = time.perf_counter() - started
    checks = len(pairs) + len(injections)
    print(f"checked {checks} translations in {elapsed:.1f} s ({1000 * elapsed / checks:.1f} ms each)")

    print("\nDetected (a fitting finding the correct translation did not get):")
    header = f"{'error':<13}{'rules':<14}" + "".join(f"{lang:>18}" for lang in languages) + f"{'all':>18}  target"
    print(header)
    for kind in kinds:
        row = f"{kind:<13}{'/'.join(FITTING_RULES[kind]):<14}"
        row += "".join(f"{share(hits[kind][lang], totals[kind][lang]):>18}" for lang in languages)
        all_hits, all_total = sum(hits[kind].values()), sum(totals[kind].values())
        rate = all_hits / all_total if all_total else 0.0
        verdict = ""
        if TARGETS[kind] != "-":
            verdict = "PASS" if rate >= float(TARGETS[kind].strip(">=% ")) / 100 else "MISS"
        print(f"{row}{share(all_hits, all_total):>18}  {TARGETS[kind]} {verdict}")

    alarms = {
        pair_id: [f for f in found if f.severity.rank >= Severity.MAJOR.rank]
        for pair_id, found in correct_findings.items()
    }
    flagged = {pair_id: found for pair_id, found in alarms.items() if found}
    by_language = Counter(pair_id.split("-")[0] for pair_id in flagged)
    row = f"{'correct major+':<27}" + "".join(f"{share(by_language[lang], per_language[lang]):>18}" for lang in languages)
    rate = len(flagged) / len(pairs)
    print(f"{row}{share(len(flagged), len(pairs)):>18}  <= 5% {'PASS' if rate <= 0.05 else 'MISS'}")

    codes = Counter(f.code for found in flagged.values() for f in found)
    print(f"\nFalse alarms on correct translations (major or worse), by rule: {dict(sorted(codes.items())) or 'none'}")
    pairs_by_id = {p.id: p for p in pairs}
    for pair_id, found in flagged.items():
        print(f"  {pair_id}: {pairs_by_id[pair_id].translation}")
        for finding in found:
            print(f"      {finding.code} {finding.severity.value} {finding.text!r}: {finding.message}")

    for kind in kinds:
        if misses[kind] and args.show:
            print(f"\nMissed {kind} ({len(misses[kind])}), first {min(args.show, len(misses[kind]))}:")
            print("\n".join(misses[kind][: args.show]))
    if errors:
        print(f"\nERRORS ({len(errors)}): the pipeline raised on these")
        print("\n".join(f"  {line}" for line in errors[:20]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
