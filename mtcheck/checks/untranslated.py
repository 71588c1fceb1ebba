"""UNT: text left untranslated in the copy.

* UNT001 foreign-language span: three or more words in the article's own script that are in
  another language ("..., sagte der Sprecher am Montag in Berlin.").
* UNT002 foreign-script run: letters in a script the target language is not written in
  ("are ожидаются", "Cyanuric acid and 三聚氰胺").
* UNT003 copied from source: four or more words copied verbatim from the source text (needs the
  source), names, numbers, URLs and code-like tokens aside.

One fragment is reported once: UNT003 leaves alone a copied run that UNT001 or UNT002 already
reports (when those rules run), since "this is Russian" and "this is copied from the source" are
the same fix. When the whole article is in another language than the declared one, LNG001
reports it and UNT001/UNT002 stay quiet rather than flag every sentence.

Everything here is linear in the length of the text: the language detector only sees clauses
and, inside clauses that look mixed, 4-word windows (at most ``_MAX_WINDOWS`` per article).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from mtcheck.checks.language import same_language
from mtcheck.context import CheckContext
from mtcheck.langid import LanguageDetector, detect, letter_scripts, script_of, scripts_of_language
from mtcheck.registry import Example, Hit, rule
from mtcheck.types import Severity

CATEGORY = "accuracy/untranslated"

# ---------------------------------------------------------------------------------------------
# Shared helpers

_LANGUAGE_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean",
    "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "th": "Thai", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}


def language_name(code: str) -> str:
    return _LANGUAGE_NAMES.get(code, code)


def _target_scripts(context: CheckContext) -> frozenset[str]:
    """Scripts that belong in the copy. Latin is always accepted in copy written in another
    script (names, acronyms and brands are routinely left in Latin in Russian or Japanese news);
    Korean copy may carry hanja."""
    target = context.target_lang
    if target == "und":
        counts = letter_scripts(context.text)
        if not counts:
            return frozenset({"Latin"})
        scripts = {counts.most_common(1)[0][0]}
    else:
        scripts = set(scripts_of_language(target))
    if target == "ko":
        scripts.add("Han")
    if scripts != {"Latin"}:
        scripts.add("Latin")
    return frozenset(scripts)


# ---------------------------------------------------------------------------------------------
# UNT002: foreign-script runs

# Letters that a Latin-script lookalike can replace, for words that mix scripts ("Pаris" with a
# Cyrillic а): the usual outcome of OCR or of typing on the wrong keyboard layout.
_LOOKALIKES = dict(
    zip(
        "АВЕКМНОРСТХаеорсухіјѕІЈЅԁԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧονρ",
        "ABEKMHOPCTXaeopcyxijsIJSdqwABEZHIKMNOPTYXovp",
    )
)


# Kanji and kana write Japanese together: "ウクライナ情勢" is one run, not two.
_RUN_SCRIPT = {"Kana": "Han/Kana", "Han": "Han/Kana", "Bopomofo": "Han/Kana"}


@dataclass(frozen=True)
class ScriptRun:
    start: int
    end: int
    script: str
    letters: int
    inside_word: bool  # touches a letter of an accepted script: a mixed-script word


# A letter (str.isalpha) that is not ASCII, or a non-ASCII numeric character: [^\W\d_] is every
# alphanumeric character but decimal digits and "_".
_NON_ASCII_LETTER = re.compile(r"(?![a-zA-Z])[^\W\d_]")


def foreign_script_runs(text: str, accepted: frozenset[str]) -> list[ScriptRun]:
    """Maximal runs of letters in scripts not in ``accepted``. Letters of one foreign script
    separated only by spaces, punctuation or digits (no accepted letter, no line break) form one
    run, so "Путин заявил, что" is one finding, not three."""
    if "Latin" in accepted and _NON_ASCII_LETTER.search(text) is None:
        return []  # every letter is an ASCII (Latin) one: no run (most English copy; saves a pass)
    runs: list[ScriptRun] = []
    run_start = run_end = -1
    run_script = ""
    letters = 0
    for index, char in enumerate(text):
        if unicodedata.category(char)[0] == "M":
            if run_start >= 0 and run_end == index:
                run_end = index + 1  # a combining mark belongs to the letter before it
            continue
        if not char.isalpha():
            if char == "\n" and run_start >= 0:
                runs.append(_close(text, run_start, run_end, run_script, letters, accepted))
                run_start = -1
            continue
        script = script_of(char)
        if script is None:
            continue
        if script in accepted:
            if run_start >= 0:
                runs.append(_close(text, run_start, run_end, run_script, letters, accepted))
                run_start = -1
            continue
        script = _RUN_SCRIPT.get(script, script)
        if run_start >= 0 and script != run_script:
            runs.append(_close(text, run_start, run_end, run_script, letters, accepted))
            run_start = -1
        if run_start < 0:
            run_start, run_script, letters = index, script, 0
        run_end = index + 1
        letters += 1
    if run_start >= 0:
        runs.append(_close(text, run_start, run_end, run_script, letters, accepted))
    return runs


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _close(text: str, start: int, end: int, script: str, letters: int, accepted: frozenset[str]) -> ScriptRun:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    inside = any(c.isalpha() and script_of(c) in accepted for c in (before, after))
    return ScriptRun(start, end, script, letters, inside)


_OPENERS = "([（【〔"
_CLOSERS = ")]）】〕"
_QUOTES = "\"'“”‘’«»„‚「」『』"


def _is_name_gloss(text: str, run: ScriptRun, accepted: frozenset[str]) -> bool:
    """The run is an original-script gloss in brackets right after a capitalised name:
    "Xi Jinping (习近平)", "Kyiv (Київ)". Deliberate, not left over."""
    left = run.start - 1
    while left >= 0 and (text[left].isspace() or text[left] in _QUOTES):
        left -= 1
    right = run.end
    while right < len(text) and (text[right].isspace() or text[right] in _QUOTES + ".,;"):
        right += 1
    if left < 0 or right >= len(text) or text[left] not in _OPENERS or text[right] not in _CLOSERS:
        return False
    before = text[max(0, left - 60) : left].rstrip()
    words = before.split()
    if not words:
        return False
    last = words[-1].strip(_QUOTES + ",")
    return bool(last) and last[0].isupper() and all(script_of(c) in accepted for c in last if c.isalpha())


_ADDRESS = re.compile(r"://|@|^www\.|\.[^\W\d_]{2,}/?$|/")


def _in_address(text: str, run: ScriptRun) -> bool:
    """The run is part of a web or e-mail address (the whitespace-delimited token around it)."""
    start, end = run.start, run.end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    token = text[start:end].strip("()[]<>\"'«»“”.,;:!?")
    return bool(_ADDRESS.search(token)) and "." in token


def _script_findings(context: CheckContext) -> list[Hit]:
    text = context.text
    accepted = _target_scripts(context)
    target = language_name(context.target_lang)
    hits: list[Hit] = []
    for run in foreign_script_runs(text, accepted):
        fragment = text[run.start : run.end]
        if run.script == "Greek" and run.letters == 1:
            continue  # α-synuclein, 5 μg, Δ: Greek letters as symbols
        if _is_name_gloss(text, run, accepted):
            continue
        if _in_address(text, run):
            continue  # премияарсеньева.рф, user@пример.рф: addresses are quoted as they are
        if run.inside_word and run.letters <= 3 and all(c in _LOOKALIKES for c in fragment if c.isalpha()):
            word_start, word_end = _word_around(text, run.start, run.end)
            word = text[word_start:word_end]
            fixed = "".join(_LOOKALIKES.get(c, c) for c in word)
            hits.append(
                Hit(
                    word_start,
                    word_end,
                    f"“{word}” mixes {run.script} letters into a word of {target} copy; it looks "
                    "right, but search, spell-check and name matching will miss it.",
                    suggestion=fixed,
                    confidence=0.9,
                    severity=Severity.MINOR,
                )
            )
            continue
        guess = ""
        if run.letters >= 2:
            ranked = context.detector.ranked(fragment, k=1)
            if ranked and ranked[0][1] >= 0.5:
                guess = f" (looks like {language_name(ranked[0][0])})"
        hits.append(
            Hit(
                run.start,
                run.end,
                f"{_script_label(run.script, fragment)} left in {target} copy{guess}: translate it, "
                "or transliterate it if it is a name.",
                confidence=0.95 if run.letters >= 2 else 0.8,
            )
        )
    return hits


def _script_label(script: str, fragment: str) -> str:
    if script == "Han/Kana":
        if any(script_of(c) == "Kana" for c in fragment):
            return "Japanese text"
        return "Han characters (Chinese or Japanese)"
    return f"{script} text"


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and (text[start - 1].isalpha() or _is_mark(text[start - 1])):
        start -= 1
    while end < len(text) and (text[end].isalpha() or _is_mark(text[end])):
        end += 1
    return start, end


@rule(
    code="UNT002",
    supersedes=["UNT003"],
    name="foreign-script-run",
    category=CATEGORY,
    severity=Severity.MAJOR,
    summary="Letters in a script the target language is not written in.",
    what="""
        Any run of letters in another script than the copy's (Cyrillic, Han, kana, Arabic...
        in English copy). Runs of one script separated only by spaces, punctuation or digits
        are one finding. A word that mixes scripts ("Pаris" with a Cyrillic "а") is flagged as
        a minor finding with the all-Latin spelling as the suggestion. Left alone: a single
        Greek letter used as a symbol (α-synuclein, 5 μg), symbols that are not letters (°, €,
        ™, µ), an original-script gloss in brackets right after a capitalised name ("Xi
        Jinping (习近平)"), Latin names and acronyms in copy written in another script, and
        articles wholly in another language (LNG001 reports those).
    """,
    why="""
        MT systems leave words they cannot translate in the source script, typically rare terms
        and names ("are ожидаются", "Cyanuric acid and 三聚氰胺"). Readers cannot read them and
        the meaning of the sentence is lost.
    """,
    fix="Translate the fragment; if it is a name, transliterate it to the house spelling.",
    must_flag=[
        Example("Rain and strong winds are ожидаются across the region on Tuesday.", flags="ожидаются"),
        Example("Cyanuric acid and 三聚氰胺 were found in the samples, the ministry said.", flags="三聚氰胺"),
        Example(
            "The agency said Путин заявил, что talks would continue in Geneva next week.",
            flags="Путин заявил, что",
        ),
        Example("Officials in Pаris confirmed the figures on Monday.", flags="Pаris",
                note="Cyrillic а inside a Latin word"),
        Example("Тhe central bank raised rates by 50 basis points.", flags="Тhe"),
        Example("Prime Minister Kishida said the ウクライナ situation was serious.", flags="ウクライナ"),
    ],
    must_pass=[
        Example("Chinese President Xi Jinping (习近平) arrived in Moscow on Monday for a three-day visit."),
        Example("Infants should get no more than 5 μg a day, and α-synuclein levels were normal."),
        Example("Temperatures reached 40°C, and tickets cost €25 each, a ™-protected brand said."),
        Example("Глава «Газпрома» Алексей Миллер встретился с представителями Shell и BP.", lang="ru"),
        Example("政府は12日、NATOとの協力を強化すると発表した。", lang="ja"),
        Example("Le président a rencontré son homologue à Paris mardi.", lang="fr"),
    ],
)
def check_foreign_script(context: CheckContext) -> Iterator[Hit]:
    yield from _script_findings(context)


# ---------------------------------------------------------------------------------------------
# UNT001: foreign-language spans in the article's own script

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# Where a clause ends inside a sentence.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]«»\"“”„‟‹›–—]|\s-\s|\.\.\.|…")
_MIN_WORDS = 3
# A span's language is judged by its ordinary (lower-case) words: capitalised words are names or
# titles ("Frankfurter Allgemeine Zeitung") and need no translation. Windows need two.
_MIN_LOWERCASE_WORDS = 2
_MIN_REPORTED_LOWERCASE_WORDS = 3
_WINDOW = 4
_MAX_WINDOWS = 2000  # per article; keeps a pathological text linear and bounded
_BLOCK_WORDS = 40  # clauses longer than this are examined in blocks
# Thresholds, chosen on the WMT22 references (false alarms) and synthetic insertions (recall):
# see benchmarks/false_alarms_untranslated.py.
_CLAUSE_MIN_PROBABILITY = 0.5  # a span with four or more ordinary words
_SHORT_MIN_PROBABILITY = 0.85  # a span with exactly three ("while 96.49 per cent" is not Italian)
_WINDOW_MIN_PROBABILITY = 0.5
_TARGET_MAX_PROBABILITY = 0.05
_SENTENCE_SURE = 0.97  # a sentence this surely in the target language is not looked into
_MIXED_BELOW = 0.9  # a clause with less target-language probability than this gets windows
# Codes a 4-word window of names or numbers lands on by chance: constructed and classical
# languages, and lid.176 labels with no ISO 639-1 code (small Wikipedias: ceb, war, pms...).
_UNREPORTED_LANGUAGES = frozenset({"eo", "ia", "io", "ie", "vo", "la"})


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    lowercase: bool


@dataclass(frozen=True)
class ForeignSpan:
    start: int
    end: int
    language: str
    probability: float


def _words(text: str, start: int, end: int, accepted: frozenset[str]) -> list[Word]:
    words = []
    for match in _WORD.finditer(text, start, end):
        token = match.group()
        if all(script_of(c) in accepted for c in token if c.isalpha()):
            words.append(Word(match.start(), match.end(), token[0].islower()))
    return words


def _reportable(words: list[Word], ranked: list[tuple[str, float]], target: str) -> tuple[str, float] | None:
    """The language of a candidate span if it is worth reporting: enough ordinary words, and a
    detector confident enough for its length."""
    ordinary = sum(w.lowercase for w in words)
    if ordinary < _MIN_REPORTED_LOWERCASE_WORDS:
        return None
    minimum = _SHORT_MIN_PROBABILITY if ordinary == _MIN_REPORTED_LOWERCASE_WORDS else _CLAUSE_MIN_PROBABILITY
    return _foreign(ranked, target, minimum)


def _foreign(
    ranked: list[tuple[str, float]], target: str, minimum: float
) -> tuple[str, float] | None:
    if not ranked:
        return None
    code, probability = ranked[0]
    if same_language(target, code) or probability < minimum:
        return None
    if code in _UNREPORTED_LANGUAGES or len(code) != 2:
        return None
    target_probability = sum(p for c, p in ranked if same_language(target, c))
    if target_probability > _TARGET_MAX_PROBABILITY:
        return None
    return code, probability


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    clauses = []
    position = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        clauses.append((position, match.start()))
        position = match.end()
    clauses.append((position, end))
    return clauses


def _language_findings(context: CheckContext) -> list[ForeignSpan]:
    if context.target_lang == "und":
        return []
    text = context.text
    target = context.target_lang
    accepted = _target_scripts(context)
    detector = context.detector
    spans: list[ForeignSpan] = []
    windows_left = _MAX_WINDOWS
    for sentence, guess in zip(context.sentences, context.sentence_languages):
        if same_language(target, guess.code) and guess.confidence >= _SENTENCE_SURE:
            continue
        for clause_start, clause_end in _clauses(text, sentence.start, sentence.end):
            words = _words(text, clause_start, clause_end, accepted)
            for block_start in range(0, len(words), _BLOCK_WORDS):
                block = words[block_start : block_start + _BLOCK_WORDS]
                if len(block) < _MIN_WORDS:
                    continue
                span_start, span_end = block[0].start, block[-1].end
                ranked = detector.ranked(text[span_start:span_end], k=5)
                found = _reportable(block, ranked, target)
                if found:
                    spans.append(ForeignSpan(span_start, span_end, *found))
                    continue
                target_probability = sum(p for c, p in ranked if same_language(target, c))
                if len(block) <= _WINDOW or target_probability >= _MIXED_BELOW or windows_left <= 0:
                    continue
                found_spans, used = _window_spans(text, block, target, detector, windows_left)
                windows_left -= used
                spans.extend(found_spans)
    return _merge(spans, text)


def _window_spans(
    text: str, words: list[Word], target: str, detector: LanguageDetector, budget: int
) -> tuple[list[ForeignSpan], int]:
    """Foreign runs inside a mixed clause. Every 4-word window votes on each of its words; a word
    is foreign when more than half of the windows that contain it are (so "said" before "that el
    equipo no jugó" stays English), and on a tie when the word alone is not in the target
    language; consecutive foreign words form a run that is checked again as
    a whole."""
    foreign_votes = [0] * len(words)
    votes = [0] * len(words)
    used = 0
    for i in range(0, len(words) - _WINDOW + 1):
        if used >= budget:
            break
        window = words[i : i + _WINDOW]
        is_foreign = False
        if sum(w.lowercase for w in window) >= _MIN_LOWERCASE_WORDS:
            used += 1
            ranked = detector.ranked(text[window[0].start : window[-1].end], k=5)
            is_foreign = _foreign(ranked, target, _WINDOW_MIN_PROBABILITY) is not None
        for j in range(i, i + _WINDOW):
            votes[j] += 1
            foreign_votes[j] += is_foreign
    marked = [votes[j] > 0 and 2 * foreign_votes[j] >= votes[j] for j in range(len(words))]
    for j, word in enumerate(words):
        if marked[j] and 2 * foreign_votes[j] == votes[j]:
            # A tie ("that" in "said that el equipo"): the word alone breaks it.
            alone = detector.ranked(text[word.start : word.end], k=1)
            marked[j] = not (alone and same_language(target, alone[0][0]))
    spans = []
    i = 0
    while i < len(words):
        if not marked[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and marked[j + 1]:
            j += 1
        run = words[i : j + 1]
        if len(run) >= _MIN_WORDS:
            ranked = detector.ranked(text[run[0].start : run[-1].end], k=5)
            found = _reportable(run, ranked, target)
            if found:
                spans.append(ForeignSpan(run[0].start, run[-1].end, *found))
        i = j + 1
    return spans, used


def _merge(spans: list[ForeignSpan], text: str) -> list[ForeignSpan]:
    """Adjacent spans in the same language separated only by punctuation become one."""
    merged: list[ForeignSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged:
            last = merged[-1]
            gap = text[last.end : span.start]
            if last.language == span.language and "\n" not in gap and not any(c.isalnum() for c in gap):
                merged[-1] = ForeignSpan(last.start, max(last.end, span.end), last.language,
                                         max(last.probability, span.probability))
                continue
            if span.start < last.end:
                continue
        merged.append(span)
    return merged


@rule(
    code="UNT001",
    supersedes=["UNT003"],
    name="foreign-language-span",
    category=CATEGORY,
    severity=Severity.MAJOR,
    summary="Three or more words in another language, in the copy's own script.",
    what="""
        A clause, or a run of at least three words inside one, in the copy's script but in
        another language: a German clause in English copy, a Spanish phrase in French copy. The
        language detector looks at each clause of every sentence that is not surely in the
        target language, and inside clauses that look mixed at 4-word windows; a span is
        reported when the detector is confident (>= 0.85 for the clause or run) and gives the
        target language almost nothing (<= 0.05). Runs of capitalised words (names, titles of
        organisations) need at least two lower-case words to count, and Latin, Esperanto and
        similar languages that short runs of names are mistaken for are not reported.
    """,
    why="""
        A fragment the MT system copied or half-translated reads as gibberish to the reader and
        usually hides a quote or a fact that was never translated.
    """,
    fix="Translate the fragment from the source; keep it only if it is a deliberate quote, and "
        "then add a translation.",
    must_flag=[
        Example(
            "The ministry expects more talks next week. Officials in both capitals said a deal was "
            "close, but several questions remained open. The delegations will meet again on "
            "Thursday, sagte der Sprecher am Montag in Berlin.",
            flags="sagte der Sprecher am Montag in Berlin",
        ),
        Example(
            "Officials said the measures would take effect in January. They are expected to cost "
            "the treasury about 2 billion euros a year, according to the finance ministry. Le "
            "gouvernement a annoncé une hausse des prix de l'énergie pour les ménages. Opposition "
            "parties criticised the plan.",
            flags="Le gouvernement a annoncé une hausse des prix de l'énergie pour les ménages",
        ),
        Example(
            "The coach said that el equipo no jugó bien en la primera parte and promised changes "
            "before Sunday's match against Sevilla. The club is third in the league, five points "
            "behind the leaders.",
            flags="el equipo no jugó bien en la primera parte",
            note="a foreign run inside an English clause, found by 4-word windows",
        ),
    ],
    must_pass=[
        Example("The Frankfurter Allgemeine Zeitung reported the deal on Monday, citing officials."),
        Example("The ruling was a de facto ban, and the status quo will remain, the court said."),
        Example("Der Sprecher sagte am Montag in Berlin, die Gespräche würden fortgesetzt.", lang="de"),
        Example("Scholz met Macron and Meloni in Rome on Tuesday to discuss the budget."),
    ],
)
def check_foreign_language(context: CheckContext) -> Iterator[Hit]:
    target = language_name(context.target_lang)
    for span in _language_findings(context):
        yield Hit(
            span.start,
            span.end,
            f"This looks like {language_name(span.language)} (confidence {span.probability:.2f}), "
            f"not {target}: translate it.",
            confidence=span.probability,
        )


# ---------------------------------------------------------------------------------------------
# UNT003: runs copied verbatim from the source

_COPY_MIN_WORDS = 4
_COPY_MIN_CONTENT_WORDS = 2
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+(?:['’.\-/@:][^\W_]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_URL_OR_CODE = re.compile(r"[/@_:]|\.[a-z]{2,}$|^www|[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    key: str
    weight: float  # words it counts for: CJK characters are half a word
    content: bool  # an ordinary word (not a name, number, URL or code)


def _tokens(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if _CJK.fullmatch(token):
            tokens.append(Token(match.start(), match.end(), token, 0.5, True))
            continue
        content = (
            any(c.isalpha() for c in token)
            and not any(c.isdigit() for c in token)
            and not _URL_OR_CODE.search(token)
            and not token[0].isupper()
            and (len(token) >= 3 or not token.islower())
        )
        tokens.append(Token(match.start(), match.end(), token.casefold(), 1.0, content))
    return tokens


def copied_runs(translation: str, source: str) -> list[tuple[int, int]]:
    """Character spans of ``translation`` made of 4-token sequences that also occur in
    ``source`` (case-insensitively), merged, keeping runs of at least four words of which at
    least two are ordinary words. Linear: one hash set of the source's 4-grams."""
    source_tokens = _tokens(source)
    seen = {
        tuple(t.key for t in source_tokens[i : i + _COPY_MIN_WORDS])
        for i in range(len(source_tokens) - _COPY_MIN_WORDS + 1)
    }
    target_tokens = _tokens(translation)
    covered = [False] * len(target_tokens)
    for i in range(len(target_tokens) - _COPY_MIN_WORDS + 1):
        if tuple(t.key for t in target_tokens[i : i + _COPY_MIN_WORDS]) in seen:
            for j in range(i, i + _COPY_MIN_WORDS):
                covered[j] = True
    runs = []
    i = 0
    while i < len(target_tokens):
        if not covered[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(target_tokens) and covered[j + 1] and "\n\n" not in translation[target_tokens[j].end : target_tokens[j + 1].start]:
            j += 1
        run = target_tokens[i : j + 1]
        if sum(t.weight for t in run) >= _COPY_MIN_WORDS and sum(t.weight for t in run if t.content) >= _COPY_MIN_CONTENT_WORDS:
            runs.append((run[0].start, run[-1].end))
        i = j + 1
    return runs


def _copied_findings(context: CheckContext) -> list[tuple[int, int]]:
    source = context.source
    if not source:
        return []
    source_lang = context.article.source_lang or context.config.source_lang
    if not source_lang:
        guess = detect(context.detector, source)
        source_lang = guess.code if guess.confidence >= 0.5 else None
    if source_lang and same_language(source_lang, context.target_lang):
        return []  # a same-language "source" (an edit of the copy) shares its words legitimately
    return copied_runs(context.text, source)


@rule(
    code="UNT003",
    name="copied-from-source",
    category=CATEGORY,
    severity=Severity.MAJOR,
    needs=["source"],
    summary="Four or more words copied verbatim from the source text.",
    what="""
        A run of at least four words (CJK characters count half a word) that appears verbatim
        (ignoring case) in the source text, with at least two ordinary words in it: runs made
        only of names (capitalised words), numbers, URLs, e-mail addresses and code-like tokens
        are left alone, as are words of one or two lower-case letters ("de", "la"). Runs that
        UNT001 or UNT002 already report are not reported again, and nothing is reported when the
        source language (declared, or detected with confidence >= 0.5) is the target language.
    """,
    why="""
        Source text copied into the translation is untranslated text the reader cannot follow;
        with the source at hand the check is certain where language detection can only guess.
    """,
    fix="Translate the copied words (names keep their house spelling).",
    must_flag=[
        Example(
            "Le ministre a déclaré que la réforme entrera en vigueur en janvier, the minister said.",
            source="Le ministre a déclaré que la réforme entrera en vigueur en janvier.",
            flags="Le ministre a déclaré que la réforme entrera en vigueur en janvier",
        ),
        Example(
            "Officials said 14 people died when вблизи границы фиксировались отдельные обстрелы.",
            source="Власти сообщили, что вблизи границы фиксировались отдельные обстрелы.",
            flags="вблизи границы фиксировались отдельные обстрелы",
        ),
    ],
    must_pass=[
        Example(
            "Ulrich Weigeldt, Die Welt reported on Saturday, December 11.",
            source="Об этом сообщает Ulrich Weigeldt, Die Welt, 11 декабря.",
            note="names only",
        ),
        Example(
            "The minister said the reform would take effect in January.",
            source="Le ministre a déclaré que la réforme entrera en vigueur en janvier.",
        ),
        Example(
            "Details: https://www.example.org/news/2022/12/11 BioNTech/Pfizer COVID-19 mRNA-1273 "
            "data were published.",
            source="Подробности: https://www.example.org/news/2022/12/11 BioNTech/Pfizer COVID-19 "
            "mRNA-1273.",
            note="URLs, code-like tokens and names",
        ),
    ],
)
def check_copied_from_source(context: CheckContext) -> Iterator[Hit]:
    for start, end in _copied_findings(context):
        yield Hit(
            start,
            end,
            "Copied verbatim from the source text: translate it.",
            confidence=0.95,
        )
