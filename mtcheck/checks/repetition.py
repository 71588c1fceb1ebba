"""REP: text repeated by mistake (copy-paste, MT) within one article.

- REP001 repeated sentence or passage: a later sentence that nearly duplicates an earlier one, or
  a long passage (>= 8 words) repeated word for word in a later sentence.
- REP002 MT loop: the same word or n-gram (n = 1..8) three or more times in a row.
- REP003 doubled function word: "the the", "of of".

Everything here is linear in the text: words are interned to integers once, repeated passages
are found through an index of 8-word shingles (first occurrence only), near-duplicate sentences
through an inverted index of word bigrams whose posting lists are capped, and loops by one pass
per period n. No pairwise comparison of sentences.

What professional copy repeats on purpose (measured on the WMT22 English references) is left
alone: the headline and standfirst restated in the lead and body, a paraphrase next to the quote
it paraphrases, a quote recalled later, names and titles repeated in full, and parallel
statistics ("spent 275.5 billion rubles on this brand's cars over 10 months" ... "spent 229.4
billion rubles on this brand's cars over 10 months").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from mtcheck.context import CheckContext
from mtcheck.registry import Example, Hit, rule
from mtcheck.types import Segment, Severity

# A number with inner separators (5.2, 6,500, 11:30) is one token; otherwise words with inner
# hyphens/apostrophes (non-profit, brand's) are one token, so names like "Shonai-gawa" count once.
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)+(?!\w)|\w+(?:[-'’]\w+)*")
_QUOTE_OR_NEWLINE = re.compile(r"[\"“”«»„]|\n")
_SENTENCE_FINAL = re.compile(r"[.!?…。！？؟][\"'”’»)\]]*\s*$")
_HEADLINE_FINAL = re.compile(r"[!?！？؟][\"'”’»)\]]*\s*$")

MIN_PASSAGE_TOKENS = 8  # a verbatim repeat shorter than this is phrasing, not a copy error
MIN_PASSAGE_CONTENT = 3  # lower-case content words in it: names and titles repeat legitimately
MIN_SENTENCE_TOKENS = 6
NEAR_DUPLICATE_SIMILARITY = 0.7  # shared word bigrams / bigrams of the longer sentence
POSTING_CAP = 16  # bigrams in more sentences than this are too common to point at a duplicate
DISPLAY_PARAGRAPHS = 3  # headline, kicker, standfirst: at most this many at the top
HEADLINE_MAX_TOKENS = 30
# The issue asks for n = 1..6; periods 7 and 8 close the gap below REP001's 8-word passages,
# which cannot see copies that overlap the shingle window.
MAX_LOOP_PERIOD = 8
MIN_LOOP_COPIES = 3

# Single words people really do say three times ("no, no, no", "ha ha ha", "very, very, very").
_EXPRESSIVE_WORDS = frozenset(
    "ha haha he hee ho hi no yes yeah yep nope very so oh ah aah eh hey bye go la na da blah bla "
    "boom bang knock tick tock ding dong hip hooray bravo encore shame more many wow please "
    "help run come faster again hush chop quick".split()
)
# English function words: a repeated run made of names plus these ("Head of the Genome
# Engineering Laboratory at the Moscow Institute of Physics and Technology") is a title, not a
# copy error. Other languages' function words count as content, which only makes REP001 stricter
# about what it calls a name run.
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from by with without about into onto over under after before "
    "since during between among against through per as than and or but nor so yet if that which "
    "who whom whose what when where why how this these those there here it its they them their "
    "he him his she her we us our you your i me my is are was were be been being am has have had "
    "do does did will would shall should can could may might must not no also only just more "
    "most some any all each other such very too then".split()
)
# Function words that are (almost) never correctly doubled. "that that", "had had", "is is",
# "in in" ("moved in in 2020"), "on on" ("switched on on Monday") all occur in good copy.
_NEVER_DOUBLED = frozenset({"the", "a", "an", "of", "and", "to", "with", "from"})


# A NamedTuple: one per word of the article, built 2x faster than a frozen dataclass.
class Token(NamedTuple):
    start: int
    end: int
    word_id: int
    ordinary: bool  # starts with a lower-case letter: not a name, not a number
    number: bool
    line: int
    quoted: bool
    display: bool  # inside the headline / standfirst block at the top


@dataclass(frozen=True)
class Loop:
    first: int  # token index of the first copy
    period: int
    copies: int


@dataclass(frozen=True)
class Analysis:
    """Tokens and the repetitions found in one text (shared by the three rules)."""

    tokens: tuple[Token, ...]
    loops: tuple[Loop, ...]
    function_ids: frozenset[int]  # word ids of _FUNCTION_WORDS present in the text


# -- tokens -------------------------------------------------------------------------------------


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, paragraph by paragraph (reset at each newline)."""
    ranges: list[tuple[int, int]] = []
    opened_at: int | None = None
    for mark in _QUOTE_OR_NEWLINE.finditer(text):
        char = mark.group()
        if char == "\n":
            if opened_at is not None:  # unclosed at the line end: the quote runs to here
                ranges.append((opened_at, mark.start()))
            opened_at = None
        elif char in "“«„" or (char == '"' and opened_at is None):
            opened_at = mark.end() if opened_at is None else opened_at
        elif opened_at is not None:  # a closing mark: ” » or a second "
            ranges.append((opened_at, mark.start()))
            opened_at = None
    if opened_at is not None:
        ranges.append((opened_at, len(text)))
    return ranges


def _display_ranges(paragraphs: Sequence[Segment]) -> list[tuple[int, int]]:
    """The headline block: the first paragraphs that are not body sentences.

    A paragraph at the top without sentence-final punctuation is a headline, kicker or
    standfirst. A short first paragraph ending in "?" or "!" is a headline too; one ending in a
    period is not: a one-sentence lede of 25 words is the commonest first paragraph in wire copy.
    """
    ranges = []
    for paragraph in paragraphs[:DISPLAY_PARAGRAPHS]:
        no_final_stop = not _SENTENCE_FINAL.search(paragraph.text)
        question_headline = (
            paragraph.index == 0
            and len(paragraphs) > 1
            and _HEADLINE_FINAL.search(paragraph.text) is not None
            and len(_TOKEN.findall(paragraph.text)) <= HEADLINE_MAX_TOKENS
        )
        if not (no_final_stop or question_headline):
            break
        ranges.append((paragraph.start, paragraph.end))
    return ranges


def _tokenize(
    text: str, paragraphs: Sequence[Segment]
) -> tuple[tuple[Token, ...], dict[str, int]]:
    quoted = _quoted_ranges(text)
    display = _display_ranges(paragraphs)
    word_ids: dict[str, int] = {}
    tokens: list[Token] = []
    line = 0
    previous_end = 0
    quote_index = display_index = 0
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        line += text.count("\n", previous_end, start)
        previous_end = end
        word = match.group().casefold().replace("’", "'")
        word_id = word_ids.setdefault(word, len(word_ids))
        while quote_index < len(quoted) and quoted[quote_index][1] <= start:
            quote_index += 1
        while display_index < len(display) and display[display_index][1] <= start:
            display_index += 1
        first = match.group()[0]
        tokens.append(
            Token(  # positional (start, end, word_id, ordinary, number, line, quoted, display): faster
                start,
                end,
                word_id,
                first.isalpha() and first.islower(),
                first.isdigit(),
                line,
                quote_index < len(quoted) and quoted[quote_index][0] <= start,
                display_index < len(display) and display[display_index][0] <= start,
            )
        )
    return tuple(tokens), word_ids


def _analyse(text: str, paragraph_spans: tuple[tuple[int, int, int], ...]) -> Analysis:
    paragraphs = [Segment(i, i, s, e, text[s:e]) for i, s, e in paragraph_spans]
    tokens, word_ids = _tokenize(text, paragraphs)
    function_ids = frozenset(word_ids[w] for w in _FUNCTION_WORDS if w in word_ids)
    return Analysis(tokens, tuple(_find_loops(tokens)), function_ids)


def analyse(context: CheckContext) -> Analysis:
    """The article's tokens and loops, computed once for the three rules."""

    def compute(context: CheckContext) -> Analysis:
        spans = tuple((p.index, p.start, p.end) for p in context.paragraphs)
        return _analyse(context.text, spans)

    return context.shared("repetition", compute)


# -- REP002: loops --------------------------------------------------------------------------------


def _find_loops(tokens: Sequence[Token]) -> list[Loop]:
    """Runs of one n-gram (n = 1..8) repeated >= 3 times in a row on one line; shortest period
    first, so "ha ha ha ha" is one 1-gram loop and not also a 2-gram loop. Runs of numbers are
    not loops (tables and scores repeat "0 0 0"); interjections are filtered by REP002 itself
    but still claim their tokens, so REP001/REP003 do not report them either."""
    count = len(tokens)
    claimed = bytearray(count)
    loops: list[Loop] = []
    ids = [t.word_id for t in tokens]
    lines = [t.line for t in tokens]
    for period in range(1, MAX_LOOP_PERIOD + 1):
        limit = count - period
        k = 0
        # Only where a word recurs ``period`` tokens later can a run start (found in one pass).
        for start in [i for i, (a, b) in enumerate(zip(ids, ids[period:])) if a == b]:
            if start < k or lines[start] != lines[start + period]:
                continue
            k = start
            run = 1
            while k + run < limit and ids[k + run] == ids[k + run + period] and lines[k + run] == lines[k + run + period]:
                run += 1
            copies = (run + period) // period
            last = k + copies * period
            if (
                copies >= MIN_LOOP_COPIES
                and not any(claimed[k:last])
                and not all(t.number for t in tokens[k:k + period])
            ):
                loops.append(Loop(k, period, copies))
                claimed[k:last] = b"\x01" * (last - k)
            k += run
    loops.sort(key=lambda loop: loop.first)
    return loops


def _is_expressive_word(text: str, token: Token) -> bool:
    return text[token.start:token.end].casefold() in _EXPRESSIVE_WORDS


# -- REP001: repeated sentences and passages ------------------------------------------------------


@dataclass(frozen=True)
class Repeat:
    start: int  # the later occurrence (the span to flag)
    end: int
    earlier_start: int
    earlier_end: int
    whole_sentence: bool
    similarity: float


def _near_duplicate_sentences(
    tokens: Sequence[Token], sentences: Sequence[Segment]
) -> list[Repeat]:
    """Later sentences that nearly duplicate an earlier body sentence (bigram overlap)."""
    postings: dict[int, list[int]] = {}
    bigram_sets: list[frozenset[int]] = []
    sentence_display: list[bool] = []
    repeats: list[Repeat] = []
    token_index = 0
    width = 1 << 32
    for number, sentence in enumerate(sentences):
        while token_index < len(tokens) and tokens[token_index].start < sentence.start:
            token_index += 1
        first = token_index
        while token_index < len(tokens) and tokens[token_index].end <= sentence.end:
            token_index += 1
        words = tokens[first:token_index]
        bigrams = frozenset(
            a.word_id * width + b.word_id for a, b in zip(words, words[1:])
        )
        bigram_sets.append(bigrams)
        sentence_display.append(bool(words) and words[0].display)
        if (
            len(words) >= MIN_SENTENCE_TOKENS
            and sum(t.ordinary for t in words) >= 3
        ):
            votes: Counter[int] = Counter()
            for bigram in bigrams:
                for earlier in postings.get(bigram, ()):
                    if not sentence_display[earlier]:
                        votes[earlier] += 1
            for earlier, _ in votes.most_common(3):
                shared = len(bigrams & bigram_sets[earlier])
                similarity = shared / max(len(bigrams), len(bigram_sets[earlier]))
                if similarity >= NEAR_DUPLICATE_SIMILARITY:
                    previous = sentences[earlier]
                    repeats.append(
                        Repeat(sentence.start, sentence.end, previous.start, previous.end,
                               True, similarity)
                    )
                    break
        for bigram in bigrams:
            posting = postings.setdefault(bigram, [])
            if len(posting) < POSTING_CAP:
                posting.append(number)
    return repeats


def _repeated_passages(
    tokens: Sequence[Token], loops: Sequence[Loop], function_ids: frozenset[int]
) -> list[Repeat]:
    """Maximal runs of >= 8 tokens that already occurred earlier, word for word."""
    count = len(tokens)
    k = MIN_PASSAGE_TOKENS
    in_loop = bytearray(count)
    for loop in loops:
        in_loop[loop.first:loop.first + loop.period * loop.copies] = b"\x01" * (
            loop.period * loop.copies
        )
    ids = [t.word_id for t in tokens]
    first_seen: dict[int, int] = {}
    repeats: list[Repeat] = []
    i = 0
    while i + k <= count:
        key = hash(tuple(ids[i:i + k]))
        j = first_seen.get(key)
        if j is None or j + k > i:  # new, or overlapping itself (a loop: REP002's business)
            if j is None:
                first_seen[key] = i
            i += 1
            continue
        length = 0
        while i + length < count and j + length < i and ids[i + length] == ids[j + length]:
            length += 1
        if length < k:  # a hash collision
            i += 1
            continue
        earlier, later = tokens[j:j + length], tokens[i:i + length]
        if earlier[0].display and not later[0].display:
            # The headline restated in the body is normal; from now on the body occurrence is
            # the one a third copy repeats.
            for position in range(i, i + length - k + 1):
                first_seen[hash(tuple(ids[position:position + k]))] = position
        elif _passage_is_a_copy_error(tokens, j, i, length, in_loop, function_ids):
            # A run ends wherever the wording diverges, often on a dangling "and" or "in the";
            # the span stops at the last content word so it reads as a phrase.
            shown = length
            while shown > 1 and later[shown - 1].word_id in function_ids:
                shown -= 1
            repeats.append(
                Repeat(later[0].start, later[shown - 1].end, earlier[0].start,
                       earlier[shown - 1].end, False, 1.0)
            )
        i += length
    return repeats


def _passage_is_a_copy_error(
    tokens: Sequence[Token],
    earlier: int,
    later: int,
    length: int,
    in_loop: bytearray,
    function_ids: frozenset[int],
) -> bool:
    run = tokens[later:later + length]
    if any(in_loop[later:later + length]):
        return False
    if tokens[later].display:  # kicker / standfirst restating the headline
        return False
    if sum(t.ordinary and t.word_id not in function_ids for t in run) < MIN_PASSAGE_CONTENT:
        return False  # mostly names, titles and numbers: repeated in full on purpose
    if _majority_quoted(tokens[earlier:earlier + length]) or _majority_quoted(run):
        return False  # a quote next to its paraphrase, or a quote recalled
    # Parallel statistics: the runs sit in the same frame with a different number in the slot.
    before_earlier, before_later = earlier - 1, later - 1
    if before_earlier >= 0 and tokens[before_earlier].number and tokens[before_later].number:
        return False
    after_earlier, after_later = earlier + length, later + length
    if (
        after_later < len(tokens)
        and tokens[after_earlier].number
        and tokens[after_later].number
    ):
        return False
    return True


def _majority_quoted(run: Sequence[Token]) -> bool:
    return sum(t.quoted for t in run) * 2 > len(run)


def find_repeats(context: CheckContext) -> list[Repeat]:
    analysis = analyse(context)
    sentences = context.sentences
    whole = _near_duplicate_sentences(analysis.tokens, sentences)
    passages = _repeated_passages(analysis.tokens, analysis.loops, analysis.function_ids)
    flagged = sorted((r.start, r.end) for r in whole)
    starts = [s for s, _ in flagged]
    kept = list(whole)
    for passage in passages:
        # A passage inside a sentence already flagged as a whole duplicate is the same finding.
        position = bisect_right(starts, passage.start) - 1
        overlaps_before = position >= 0 and flagged[position][1] > passage.start
        overlaps_after = position + 1 < len(flagged) and flagged[position + 1][0] < passage.end
        if not (overlaps_before or overlaps_after):
            kept.append(passage)
    kept.sort(key=lambda r: r.start)
    return kept


def _sentence_number(sentence_starts: Sequence[int], offset: int) -> int:
    return max(bisect_right(sentence_starts, offset), 1)


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@rule(
    code="REP001",
    name="repeated-sentence",
    category="fluency/repetition",
    severity=Severity.MAJOR,
    summary="A sentence, or a long passage, repeats an earlier one nearly verbatim.",
    what="""
        Two cases, both flagged on the LATER occurrence, with the earlier one's sentence number
        and character offsets in the message:
        (1) a whole sentence that nearly duplicates an earlier sentence (>= 70% of word bigrams
        shared; at least 6 words); the span is the whole later sentence;
        (2) a passage of >= 8 words (3 of them lower-case content words, not names, numbers or
        function words) that occurred earlier word for word, inside an otherwise different
        sentence; the span is exactly the repeated words (trailing function words dropped), and
        the severity is minor: rewording is a style fix, not an error of meaning.
        Not flagged: the headline/standfirst block restated in the body (paragraphs at the top
        without final punctuation, or a short first line ending in "?" or "!"), a passage inside
        quotation
        marks in either place (a paraphrase next to its quote, a quote recalled), runs of names
        and titles, and parallel statistics (the same frame around a different number).
        Known miss: a standfirst that MT ended with a period looks like a body sentence, so a
        body sentence restating it is flagged.
    """,
    why="""
        A sentence or clause said twice is the signature of an MT segment duplicated in
        alignment, or of a copy-paste slip; the reader notices at once, and the duplicate often
        hides a sentence that was lost.
    """,
    fix="""
        For a duplicated sentence: delete it (the suggestion is "", meaning delete) or restore the
        sentence that should have been there. For a repeated passage: rewrite the later sentence
        so it adds information instead of repeating the earlier one (no automatic suggestion).
    """,
    must_flag=[
        Example(
            "More than 200 Armenian soldiers and about 80 Azerbaijani soldiers were killed last "
            "week, in an unprecedented escalation of violence since the 2020 war.\n\n"
            "Moscow is facing difficulties in Ukraine.\n\n"
            "These clashes constitute an unprecedented escalation of violence since the 2020 war "
            "for control of the separatist Nagorno-Karabakh region.",
            flags="an unprecedented escalation of violence since the 2020 war",
            note="the seed article's repeated passage",
        ),
        Example(
            "Oil prices fell on Monday.\n\nThe central bank raised its key rate by half a point "
            "to curb inflation. Analysts had expected a smaller move. The central bank raised its "
            "key rate by half a point to curb inflation.",
            flags="The central bank raised its key rate by half a point to curb inflation.",
            note="a sentence duplicated verbatim",
        ),
        Example(
            "Talks resumed in Geneva.\n\nThe two delegations agreed to meet again next month in "
            "Vienna. Officials gave no details. The two delegations have agreed to meet again "
            "next month in Vienna.",
            flags="The two delegations have agreed to meet again next month in Vienna.",
            note="a near-duplicate sentence (one word differs)",
        ),
    ],
    must_pass=[
        Example(
            "WHO tentatively considers Omicron to be less dangerous than Delta\n"
            "The World Health Organization (WHO) tentatively considers Omicron to be less "
            "dangerous than the Delta coronavirus strain.",
            note="headline restated in the lead",
        ),
        Example(
            "Experts say two doses of the vaccine do not provide sufficient protection against "
            "infection with the new variant. \"It indicates that two doses do not provide "
            "sufficient protection against infection with the new variant,\" the companies said.",
            note="paraphrase next to the quote it paraphrases",
        ),
        Example(
            "Russians spent 275.5 billion rubles on this brand's cars over 10 months. Russians "
            "spent 229.4 billion rubles on this brand's cars over 10 months, 28% more.",
            note="parallel statistics around a different number",
        ),
        Example(
            "Virologist Pavel Volchkov, Head of the Genome Engineering Laboratory at the Moscow "
            "Institute of Physics and Technology, noted that this group suffers severely from "
            "COVID. Children are less at risk, according to Volchkov, Head of the Genome "
            "Engineering Laboratory at the Moscow Institute of Physics and Technology.",
            note="a name and title repeated in full",
        ),
        Example(
            "Are used homes the answer?\n"
            "Are used homes the answer to the housing shortage in Japan, economists ask.",
            note="question headline restated in the lead",
        ),
    ],
)
def check_repeated_sentence(context: CheckContext) -> Iterator[Hit]:
    text = context.text
    sentence_starts = [s.start for s in context.sentences]
    for repeat in find_repeats(context):
        number = _sentence_number(sentence_starts, repeat.earlier_start)
        where = f"sentence {number} (characters {repeat.earlier_start}–{repeat.earlier_end})"
        earlier_text = _quote(text[repeat.earlier_start:repeat.earlier_end])
        if repeat.whole_sentence:
            kind = "Repeats" if repeat.similarity >= 0.999 else "Nearly repeats"
            yield Hit(
                repeat.start,
                repeat.end,
                f"{kind} {where}: “{earlier_text}”.",
                suggestion="",
                confidence=0.95 if repeat.similarity >= 0.999 else 0.85,
            )
        else:
            yield Hit(
                repeat.start,
                repeat.end,
                f"Repeats word for word a passage of {where}: “{earlier_text}”.",
                suggestion=None,
                confidence=0.8,
                # Restating a phrase inside an otherwise new sentence costs the reader little and
                # is sometimes deliberate; a whole duplicated sentence (major) is an error.
                severity=Severity.MINOR,
            )


@rule(
    code="REP002",
    name="mt-loop",
    category="fluency/repetition",
    severity=Severity.MAJOR,
    summary="The same word or phrase repeated three or more times in a row (an MT loop).",
    what="""
        A word or an n-gram of up to 8 words repeated at least three times in a row on one line
        ("of the war of the war of the war"), punctuation between copies ignored. The span covers
        all the copies; the suggestion is a single copy. Not flagged: repeated numbers (tables,
        scores) and interjections or emphasis said three times ("ha ha ha", "no, no, no",
        "very, very, very").
    """,
    why="""
        Neural MT systems sometimes fall into a loop and repeat a phrase until the length limit;
        the sentence around it is usually garbled or truncated too, so the whole sentence needs a
        look against the source.
    """,
    fix="Keep one copy (the suggestion) and check the rest of the sentence against the source.",
    must_flag=[
        Example(
            "The ministry said the talks would continue of the war of the war of the war in the "
            "region.",
            flags="of the war of the war of the war",
        ),
        Example("Prices rose the the the most since 2008.", flags="the the the"),
        Example(
            "Armenia, Armenia, Armenia and Azerbaijan signed the deal.",
            flags="Armenia, Armenia, Armenia",
        ),
    ],
    must_pass=[
        Example("\"No, no, no,\" the minister said when asked about a deal."),
        Example("The score was 0 0 0 after three rounds, according to the table."),
        Example("Again and again, the two sides accused each other of violating the ceasefire."),
        Example("Putin calls Yerevan and Baku to calm down\n\nPutin called for restraint."),
    ],
)
def check_mt_loop(context: CheckContext) -> Iterator[Hit]:
    text = context.text
    tokens = analyse(context).tokens
    for loop in analyse(context).loops:
        unit = tokens[loop.first:loop.first + loop.period]
        if loop.period == 1 and _is_expressive_word(text, unit[0]):
            continue
        last = tokens[loop.first + loop.period * loop.copies - 1]
        copy = text[unit[0].start:unit[-1].end]
        yield Hit(
            unit[0].start,
            last.end,
            f"“{_quote(copy, 40)}” repeated {loop.copies} times in a row: a typical MT loop.",
            suggestion=copy,
            confidence=0.9,
        )


@rule(
    code="REP003",
    name="doubled-word",
    category="fluency/repetition",
    severity=Severity.MINOR,
    summary="A function word doubled (\"the the\").",
    what=f"""
        Two identical adjacent words separated only by spaces, for the function words that are
        never correctly doubled: {", ".join(sorted(_NEVER_DOUBLED))}. Content words and words
        like "that that", "had had", "in in" ("moved in in 2020") are left alone: good copy
        uses them ("those who voted voted against"). Three or more copies are REP002.
    """,
    why="A doubled article or preposition is a typo or an MT artefact that is cheap to fix.",
    fix="Delete one copy (the suggestion is the single word).",
    must_flag=[
        Example("The minister said the the talks would resume.", flags="the the"),
        Example("It is one of of the largest fields in the region.", flags="of of"),
    ],
    must_pass=[
        Example("96.5% of those who voted voted against independence."),
        Example("He said that that decision was final."),
        Example("The lights were switched on on Monday."),
    ],
)
def check_doubled_word(context: CheckContext) -> Iterator[Hit]:
    text = context.text
    analysis = analyse(context)
    tokens = analysis.tokens
    in_loop = set()
    for loop in analysis.loops:
        in_loop.update(range(loop.first, loop.first + loop.period * loop.copies))
    for k in range(len(tokens) - 1):
        first, second = tokens[k], tokens[k + 1]
        if first.word_id != second.word_id or first.line != second.line or k in in_loop:
            continue  # across a line break it is a headline ending as the body begins
        word = text[first.start:first.end]
        if word.casefold() not in _NEVER_DOUBLED or text[first.end:second.start].strip():
            continue
        yield Hit(
            first.start,
            second.end,
            f"“{word}” is doubled.",
            suggestion=word,
            confidence=0.9,
        )
