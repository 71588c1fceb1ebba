"""Paragraphs and sentences with character offsets into the original text.

Every segment satisfies ``text[s.start:s.end] == s.text`` and is trimmed of surrounding
whitespace; nothing is normalised (``\\r\\n`` stays, offsets count code points of the text as
given).

Paragraphs are separated by blank lines (also ``\\r\\n`` ones), form feeds and U+2029. A text
with no blank line at all has one paragraph per line, except that a line which does not end a
sentence and is followed by a line starting in lower case is taken as hard-wrapped and joined.

Sentences end at ``. ! ? …`` (and ``؟ ۔ ։ ። ;(U+037E)``) followed by closing quotes or brackets
and whitespace, and at CJK ``。！？｡`` and the full-width ``．`` and Devanagari ``। ॥`` without
needing a space. A full stop does not end a sentence when the next word starts in lower case,
after a title ("Mr.", "Gen.", "Lt. Col."), before a number after "No."/"Jan."/"Art.", inside
numbers, versions, URLs and e-mail addresses (no space follows the dot), or after an ambiguous
abbreviation ("Inc.", "U.S.", "a.m.") or an initial ("J. K. Rowling") unless the next word is a
common sentence opener ("...in the U.S. The president"). The Arabic comma "،" is a comma and
does not end sentences. Lists live in ``mtcheck/data/abbreviations.toml``.

Everything is linear in the length of the text: the boundary pattern uses possessive quantifiers
and a look-behind so a run of 300 KB of dots is one candidate, and each candidate looks at most
a bounded window before and after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mtcheck.datafiles import load_toml
from mtcheck.types import Segment

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*+\n[\s]*+|[\f\u2029]\s*+")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")

_CLOSERS = "\"'”’»›)\\]}」』）】〕》〉"
_OPENERS = "\"'“‘«‹([{「『（【〔《〈„‚¿¡"
_SPACED_TERMINATORS = ".!?…‼⁇⁈⁉؟۔։።\u037e"
_STRONG_TERMINATORS = frozenset("!?‼⁇⁈⁉؟۔։።\u037e")
_CLOSERS_CLASS = re.escape(_CLOSERS)
_SPACED_CLASS = re.escape(_SPACED_TERMINATORS)

_BOUNDARY = re.compile(
    rf"(?P<spaced>(?<![{_SPACED_CLASS}])[{_SPACED_CLASS}]++[{_CLOSERS_CLASS}]*+)(?=\s|\Z)"
    rf"|(?P<cjk>[。！？｡।॥]++[{_CLOSERS_CLASS}]*+)"
    rf"|(?P<fullwidth>(?<![0-9０-９])．[{_CLOSERS_CLASS}]*+)"
    rf"|(?P<greek>(?<=[\u0370-\u03ff\u1f00-\u1fff]);[{_CLOSERS_CLASS}]*+)(?=\s)"
    rf"|(?P<armenian>(?<=[\u0531-\u0587]):[{_CLOSERS_CLASS}]*+)(?=\s)"
)
_NON_SPACE = re.compile(r"\S")
_DOTTED_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_WORD_AHEAD = re.compile(r"[^\W\d_]{1,40}")
# How far back a full stop looks for the word it ends, and how far ahead for the next word.
_MAX_WORD = 64
_MAX_OPENERS = 4
_DIGITS_AHEAD = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class _Abbreviations:
    never_final: frozenset[str]
    before_number: frozenset[str]
    ambiguous: frozenset[str]
    sentence_starters: frozenset[str]


@lru_cache(maxsize=1)
def _abbreviations() -> _Abbreviations:
    data = load_toml("abbreviations")
    return _Abbreviations(
        never_final=frozenset(data["never_final"]),
        before_number=frozenset(data["before_number"]),
        ambiguous=frozenset(data["ambiguous"]),
        sentence_starters=frozenset(data["sentence_starters"]),
    )


def split_paragraphs(text: str) -> list[Segment]:
    """Paragraphs: blocks separated by blank lines, or lines when the text has no blank line."""
    if _BLANK_LINE.search(text):
        breaks = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    else:
        breaks = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(text) if not _is_wrapped_line(text, m.start(), m.end())]
    paragraphs: list[Segment] = []
    position = 0
    for start, end in [*breaks, (len(text), len(text))]:
        _append_trimmed(paragraphs, text, position, start, len(paragraphs))
        position = end
    return [Segment(i, i, s.start, s.end, s.text) for i, s in enumerate(paragraphs)]


def split_sentences(text: str, paragraphs: list[Segment] | None = None) -> list[Segment]:
    """Sentences of every paragraph, numbered through the text, each with its paragraph index."""
    sentences: list[Segment] = []
    for paragraph in split_paragraphs(text) if paragraphs is None else paragraphs:
        position = paragraph.start
        for end in _sentence_ends(text, paragraph.start, paragraph.end):
            _append_trimmed(sentences, text, position, end, paragraph.index)
            position = end
        _append_trimmed(sentences, text, position, paragraph.end, paragraph.index)
    return sentences


def segment(text: str) -> tuple[list[Segment], list[Segment]]:
    """(paragraphs, sentences) of ``text``."""
    paragraphs = split_paragraphs(text)
    return paragraphs, split_sentences(text, paragraphs)


def _is_wrapped_line(text: str, line_end: int, next_start: int) -> bool:
    """A line break inside a sentence: the line does not end one and the next starts in lower case."""
    before = line_end - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    if before < 0 or text[before] in _SPACED_TERMINATORS or text[before] in _CLOSERS or text[before] in "。！？:":
        return False
    after = next_start
    while after < len(text) and text[after] in " \t":
        after += 1
    return after < len(text) and text[after].islower()


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    ends: list[int] = []
    for match in _BOUNDARY.finditer(text, start, end):
        kind = match.lastgroup
        boundary = match.end()
        next_match = _NON_SPACE.search(text, boundary, end)
        following = next_match.start() if next_match else end
        if following >= end:
            ends.append(boundary)  # the paragraph ends here anyway
            continue
        if kind == "spaced":
            if _spaced_boundary(text, match.start(), match.end(kind), following, end):
                ends.append(boundary)
        elif kind == "cjk":
            # "「…。」と言った": a quoted sentence followed by the quotative particle goes on.
            closed_quote = match.end(kind) > match.start() and text[match.end(kind) - 1] in _CLOSERS
            if not (closed_quote and text[following] == "と"):
                ends.append(boundary)
        elif kind == "fullwidth":
            if not _DIGITS_AHEAD.match(text, following):
                ends.append(boundary)
        elif not text[following].islower():  # Greek ";" and Armenian ":" used as terminators
            ends.append(boundary)
    return ends


def _spaced_boundary(text: str, start: int, match_end: int, following: int, end: int) -> bool:
    """Whether the terminator run at ``start`` (closers up to ``match_end``) ends a sentence."""
    closers_start = start
    while closers_start < match_end and text[closers_start] in _SPACED_TERMINATORS:
        closers_start += 1
    run = text[start:closers_start]
    first, first_position = _first_word_character(text, following, end)
    if first is None:
        return True  # a dash, a bullet, a symbol: a new item
    if any(c in _STRONG_TERMINATORS for c in run):
        return not first.islower()  # "Yahoo! executives", "Who? asked" stay together
    if first.islower():
        return False  # "etc. and", "U.S. officials", "He said... the"
    if run != ".":
        return True  # an ellipsis before a capital, digit or another script
    word = _word_before(text, start)
    key = word.lower()
    lists = _abbreviations()
    if key in lists.never_final:
        return False
    if first.isdigit():
        return key not in lists.before_number
    if _looks_ambiguous(word, key, lists):
        next_word = _WORD_AHEAD.match(text, first_position)
        return bool(next_word) and next_word.group().lower() in lists.sentence_starters
    return True


def _first_word_character(text: str, position: int, end: int) -> tuple[str | None, int]:
    """The first letter or digit at ``position``, past at most a few opening quotes or brackets."""
    for offset in range(_MAX_OPENERS + 1):
        index = position + offset
        if index >= end:
            return None, index
        char = text[index]
        if char.isalnum():
            return char, index
        if char not in _OPENERS:
            return None, index
    return None, position


def _word_before(text: str, terminator: int) -> str:
    """The token ending at ``terminator`` (at most _MAX_WORD characters), opening quotes removed."""
    start = terminator
    limit = max(terminator - _MAX_WORD, 0)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return text[start:terminator].lstrip(_OPENERS)


def _looks_ambiguous(word: str, key: str, lists: _Abbreviations) -> bool:
    if key in lists.ambiguous:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. K. Rowling", "George W. Bush"
    return bool(_DOTTED_ACRONYM.fullmatch(word))  # "U.S", "a.m", "N.Y.C"


def _append_trimmed(out: list[Segment], text: str, start: int, end: int, paragraph: int) -> None:
    piece = text[start:end]
    stripped_left = piece.lstrip()
    start += len(piece) - len(stripped_left)
    stripped = stripped_left.rstrip()
    if stripped:
        out.append(Segment(len(out), paragraph, start, start + len(stripped), stripped))
