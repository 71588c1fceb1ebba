"""Sentence alignment of a source text and its translation.

The aligner is a Gale–Church dynamic programme over character lengths, with three kinds of
evidence added to the length cost of each candidate pair:

* **Anchors**: numbers (ASCII, full-width, Arabic-Indic and Persian digits, separators ignored),
  Latin-script words left inside zh/ja/ar/ru text ("NATO", "iPhone"), capitalised Cyrillic names
  transliterated ("Путин" ~ "Putin"), and quotation marks. Anchors shared by both sides pull a
  pair together; anchors on one side only push it apart.
* **Paragraphs**: translations keep paragraph breaks, so a pair that merges sentences across a
  paragraph break, or starts a paragraph on one side only, costs extra (only when both texts
  have comparable numbers of paragraphs).
* **Similarity** (optional): a callback ``similarity(source_indices, target_indices) -> float``
  in [0, 1] (e.g. chrF of the back-translation) that is added to the length cost, or replaces it
  (``similarity_mode="replace"``). Returning ``None`` means "no opinion" for that pair.

Moves: 1-1, 1-2, 2-1, 1-0 (a source sentence with no translation: an omission) and 0-1 (a
translation sentence with no source: an addition).

The length ratio of the language pair (and the variance of the length differences) is estimated
from the texts themselves: a first pass uses the ratio of the total lengths, a second pass the
median ratio and the spread measured on the first pass's 1-1 pairs. Short texts are pulled
towards a prior (1.0 between alphabetic scripts, 2.6 from Chinese/Japanese to alphabetic text)
so that one dropped sentence in a three-sentence story does not become the "normal" ratio. Above 200 x 200 sentences the DP keeps
a beam of 41 cells per row that follows the best path, so time and memory grow linearly with the
number of sentences.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mtcheck.types import Segment

if TYPE_CHECKING:
    from mtcheck.context import CheckContext

Similarity = Callable[[tuple[int, ...], tuple[int, ...]], "float | None"]

# Prior probabilities of each move (Gale & Church 1993 found 1-1 0.89, 1-0/0-1 0.01, 2-1/1-2
# 0.09 on the Hansards; MT and news translation omit and add whole sentences rarely).
_MOVES: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.88),
    (1, 2, 0.02),
    (2, 1, 0.02),
    (1, 0, 0.004),
    (0, 1, 0.004),
)
_MOVE_PRIOR_COST = {(ds, dt): -math.log(p) for ds, dt, p in _MOVES}
# Variance of the length difference per character (Gale & Church: 6.8 for English/French).
_DEFAULT_VARIANCE = 6.8
_ANCHOR_WEIGHT = 3.0
_PARAGRAPH_PENALTY = 2.5
_SIMILARITY_WEIGHT = 8.0
# The full DP up to this many cells (200 x 200 sentences); above, a beam of this half-width.
_FULL_DP_CELLS = 40_000
_BEAM = 20


@dataclass(frozen=True)
class AlignedPair:
    """Source sentence indices aligned to translation sentence indices (either may be empty)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    cost: float

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class Alignment:
    """An alignment and the length model it was computed with (target chars per source char)."""

    pairs: tuple[AlignedPair, ...]
    ratio: float
    variance: float


# ---------------------------------------------------------------------------------------------
# Anchors

_DIGIT_TABLE = str.maketrans(
    "０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹",
    "012345678901234567890123456789",
)
_NUMBER = re.compile(r"\d+(?:[.,\u066b\u066c\u00a0 ]\d{3})*(?:[.,\u066b]\d+)?")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z0-9]|[A-Z]")
_CYRILLIC_NAME = re.compile(r"(?<![\w])[А-ЯЁІЇЄҐ][а-яёіїєґ]{2,}")
_QUOTES = frozenset("\"“”«»„「」『』")
_CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
        "ї": "i", "є": "e", "ґ": "g",
    }
)
# Latin words common at the start of English sentences are no evidence of a shared name.
_COMMON_LATIN = frozenset(
    "the a an and or but in on at of to for by with from as is are was were be it he she they we "
    "i you this that these those his her their its said says will would has have had not no".split()
)


def _name_key(word: str) -> str:
    """A rough phonetic key shared by "Путин"/"Putin", "Зеленский"/"Zelensky": first 4 letters
    of the Latin form with vowels other than the first letter dropped."""
    latin = word.lower().translate(_CYRILLIC_TO_LATIN)
    latin = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    if not latin:
        return ""
    consonants = latin[0] + re.sub(r"[aeiouy]", "", latin[1:]).replace("kh", "h").replace("ck", "k")
    return "name:" + consonants[:4]


def _has_non_latin_letters(text: str) -> bool:
    return any(ch.isalpha() and ord(ch) > 0x24F for ch in text[:2000])


def sentence_anchors(text: str, non_latin_text: bool) -> frozenset[str]:
    """The anchors of one sentence: normalised numbers, names, quotation marks."""
    anchors: set[str] = set()
    normalised = text.translate(_DIGIT_TABLE)
    for match in _NUMBER.finditer(normalised):
        # "6,500", "6500" and "6 500" are one anchor; one-digit numbers are too common to count.
        digits = re.sub(r"\D", "", match.group()).lstrip("0")
        if len(digits) >= 2:
            anchors.add("num:" + digits)
    for match in _LATIN_WORD.finditer(text):
        word = match.group()
        if word.lower() in _COMMON_LATIN or len(word) < 2:
            continue
        if non_latin_text:
            anchors.add("lat:" + word.lower())  # a Latin word left in zh/ja/ru text
        elif word[0].isupper() and match.start() > 0:
            anchors.add(_name_key(word))  # a capitalised name in Latin-script text
    for match in _CYRILLIC_NAME.finditer(text):
        if match.start() > 0:  # sentence-initial capitals are no evidence of a name
            anchors.add(_name_key(match.group()))
    if any(ch in _QUOTES for ch in text):
        anchors.add("quote")
    anchors.discard("")
    return frozenset(anchors)


def _anchor_cost(source: frozenset[str], target: frozenset[str]) -> float:
    """In [-w/2, w/2]: negative when the anchors agree, positive when they do not."""
    # Numbers are the surest anchors of news copy ("14 ноября" / "November 14"): one on one side
    # only is evidence against the pair, whatever else the sentences share.
    source_numbers = {a for a in source if a.startswith("num:")}
    target_numbers = {a for a in target if a.startswith("num:")}
    unmatched_numbers = min(len(source_numbers ^ target_numbers), 2)
    return _ANCHOR_WEIGHT * 0.5 * unmatched_numbers + _shared_anchor_cost(source, target)


def _shared_anchor_cost(source: frozenset[str], target: frozenset[str]) -> float:
    total = len(source) + len(target)
    if not total or not source or not target:
        # One side without anchors at all is weak evidence (a name may be translated away).
        return 0.0 if total <= 1 else _ANCHOR_WEIGHT * 0.15
    shared = len(source & target)
    return _ANCHOR_WEIGHT * (0.5 - 2 * shared / total)


def _orphaned(own: frozenset[str], other: frozenset[str]) -> bool:
    """A sentence with numbers, none of which the other side has (names are not used: a
    Japanese name has no key that its English form could share)."""
    hard = {anchor for anchor in own if anchor.startswith("num:")}
    return bool(hard) and not hard & other


# ---------------------------------------------------------------------------------------------
# Length model


def _length(segment: Segment) -> int:
    return sum(1 for ch in segment.text if not ch.isspace())


def _phi_tail_cost(delta: float) -> float:
    """-log P(|Z| >= |delta|) for a standard normal Z, without underflow for large deltas."""
    tail = math.erfc(abs(delta) / math.sqrt(2))
    if tail > 1e-300:
        return -math.log(tail)
    return delta * delta / 2 + math.log(abs(delta) * math.sqrt(math.pi / 2))


def _length_cost(source_length: int, target_length: int, ratio: float, variance: float) -> float:
    expected = source_length * ratio
    mean = (expected + target_length) / 2
    if mean <= 0:
        return 0.0
    delta = (target_length - expected) / math.sqrt(variance * mean)
    return _phi_tail_cost(delta)


# ---------------------------------------------------------------------------------------------
# The DP


@dataclass(frozen=True)
class _Side:
    lengths: list[int]
    anchors: list[frozenset[str]]
    paragraphs: list[int]


def _side(segments: Sequence[Segment], text: str) -> _Side:
    non_latin = _has_non_latin_letters(text)
    return _Side(
        lengths=[_length(s) for s in segments],
        anchors=[sentence_anchors(s.text, non_latin) for s in segments],
        paragraphs=[s.paragraph for s in segments],
    )


def align(
    source: Sequence[Segment],
    target: Sequence[Segment],
    source_text: str,
    target_text: str,
    similarity: Similarity | None = None,
    similarity_mode: str = "add",
) -> list[AlignedPair]:
    """Align source sentences with translation sentences, in order."""
    return list(align_document(source, target, source_text, target_text, similarity, similarity_mode).pairs)


def align_document(
    source: Sequence[Segment],
    target: Sequence[Segment],
    source_text: str,
    target_text: str,
    similarity: Similarity | None = None,
    similarity_mode: str = "add",
) -> Alignment:
    """The alignment with the length model it used (see the module docstring)."""
    if similarity_mode not in ("add", "replace"):
        raise ValueError(f"similarity_mode must be 'add' or 'replace', not {similarity_mode!r}")
    source_side = _side(source, source_text)
    target_side = _side(target, target_text)
    total_source = sum(source_side.lengths)
    total_target = sum(target_side.lengths)
    if not source or not target:
        pairs = [AlignedPair((i,), (), 0.0) for i in range(len(source))]
        pairs += [AlignedPair((), (j,), 0.0) for j in range(len(target))]
        return Alignment(tuple(pairs), 1.0, _DEFAULT_VARIANCE)
    prior = _prior_ratio(source_text, target_text)
    ratio = _blend(prior, total_target / max(total_source, 1), min(len(source), len(target)))
    variance = _DEFAULT_VARIANCE * max(ratio, 1.0)
    use_paragraphs = _comparable_paragraphs(source_side, target_side)
    pairs = _dp(source_side, target_side, ratio, variance, use_paragraphs, similarity, similarity_mode)
    # Second pass: the length model measured on the confident 1-1 pairs of the first.
    ratio, variance = _reestimate(pairs, source_side, target_side, prior, ratio, variance)
    pairs = _dp(source_side, target_side, ratio, variance, use_paragraphs, similarity, similarity_mode)
    return Alignment(tuple(pairs), ratio, variance)


def _comparable_paragraphs(source: _Side, target: _Side) -> bool:
    source_count = len(set(source.paragraphs))
    target_count = len(set(target.paragraphs))
    return source_count > 1 and target_count > 1 and 0.7 <= source_count / target_count <= 1.43


# Characters of Latin/Cyrillic/Arabic text per character of Chinese or Japanese text (measured
# on WMT22 ja-en references: 2.3; zh-en runs higher), used as a prior for short documents.
_CJK_TO_ALPHABETIC = 2.6
# How many sentence pairs' worth of evidence the prior counts for.
_PRIOR_WEIGHT = 8


def _cjk_share(text: str) -> float:
    sample = [ch for ch in text[:3000] if ch.isalpha()]
    if not sample:
        return 0.0
    return sum(1 for ch in sample if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af") / len(sample)


def _prior_ratio(source_text: str, target_text: str) -> float:
    """A length ratio to expect before seeing the alignment: alphabetic scripts are about as
    long as one another; Chinese and Japanese take a fraction of the characters."""
    source_cjk = _cjk_share(source_text) > 0.5
    target_cjk = _cjk_share(target_text) > 0.5
    if source_cjk and not target_cjk:
        return _CJK_TO_ALPHABETIC
    if target_cjk and not source_cjk:
        return 1 / _CJK_TO_ALPHABETIC
    return 1.0


def _blend(prior: float, observed: float, evidence: int) -> float:
    """The observed ratio, pulled towards the prior when there are few sentences (geometric
    mean, so that 2.0 and 0.5 are equally far from 1.0)."""
    if observed <= 0:
        return prior
    weight = evidence / (evidence + _PRIOR_WEIGHT)
    return math.exp(weight * math.log(observed) + (1 - weight) * math.log(prior))


def _reestimate(
    pairs: list[AlignedPair], source: _Side, target: _Side, prior: float, ratio: float, variance: float
) -> tuple[float, float]:
    sample = [
        (source.lengths[p.source[0]], target.lengths[p.target[0]])
        for p in pairs
        if p.kind == "1-1" and source.lengths[p.source[0]] >= 10
    ]
    if len(sample) < 3:
        return ratio, variance
    # The median of the pairs' ratios: a dropped clause or an added one does not move it.
    pair_ratios = sorted(t / s for s, t in sample)
    new_ratio = _blend(prior, pair_ratios[len(pair_ratios) // 2], len(sample))
    spread = [(t - s * new_ratio) ** 2 / ((s * new_ratio + t) / 2) for s, t in sample]
    spread.sort()
    # The median is robust to a few bad pairs; 0.455 is the median of a chi-square with 1 dof.
    measured = spread[len(spread) // 2] / 0.455
    default = _DEFAULT_VARIANCE * max(new_ratio, 1.0)
    weight = len(sample) / (len(sample) + _PRIOR_WEIGHT)
    new_variance = weight * measured + (1 - weight) * default
    return new_ratio, min(max(new_variance, 2.0), 60.0)


def _dp(
    source: _Side,
    target: _Side,
    ratio: float,
    variance: float,
    use_paragraphs: bool,
    similarity: Similarity | None,
    similarity_mode: str,
) -> list[AlignedPair]:
    n, m = len(source.lengths), len(target.lengths)
    full = (n + 1) * (m + 1) <= _FULL_DP_CELLS
    inf = math.inf
    # Row i holds the cells j in [low[i], high[i]]. Small inputs get the full matrix; large ones
    # a beam: each row's window is centred where the best path of the previous row would go, so
    # the cost is O(n * window) and the window follows the path even when the lengths drift.
    low = [0] * (n + 1)
    high = [0] * (n + 1)
    costs: list[list[float]] = []
    moves: list[bytearray] = []
    move_index = {(ds, dt): k for k, (ds, dt, _) in enumerate(_MOVES)}
    step = m / n if n else 0.0
    best_previous = 0
    for i in range(n + 1):
        if full:
            low[i], high[i] = 0, m
        else:
            centre = best_previous + round(step) if i else 0
            low[i] = max(0, min(centre - _BEAM, m))
            high[i] = min(m, centre + _BEAM)
            if i == n:
                high[i] = m  # the path must end in (n, m): 0-1 moves along the last row reach it
        row_cost = [inf] * (high[i] - low[i] + 1)
        row_move = bytearray(high[i] - low[i] + 1)
        costs.append(row_cost)
        moves.append(row_move)
        for j in range(low[i], high[i] + 1):
            if i == 0 and j == 0:
                row_cost[0] = 0.0
                continue
            best = inf
            best_move = 0
            for ds, dt, _ in _MOVES:
                pi, pj = i - ds, j - dt
                if pi < 0 or pj < low[pi] or pj > high[pi]:
                    continue
                previous = costs[pi][pj - low[pi]]
                if previous == inf:
                    continue
                total = previous + _pair_cost(
                    source, target, pi, i, pj, j, ratio, variance, use_paragraphs, similarity, similarity_mode
                )
                if total < best:
                    best = total
                    best_move = move_index[(ds, dt)]
            row_cost[j - low[i]] = best
            row_move[j - low[i]] = best_move
        if not full:
            best_previous = low[i] + min(range(len(row_cost)), key=row_cost.__getitem__)
    pairs: list[AlignedPair] = []
    i, j = n, m
    while i > 0 or j > 0:
        ds, dt, _ = _MOVES[moves[i][j - low[i]]]
        pi, pj = i - ds, j - dt
        step = costs[i][j - low[i]] - costs[pi][pj - low[pi]]
        pairs.append(AlignedPair(tuple(range(pi, i)), tuple(range(pj, j)), round(step, 4)))
        i, j = pi, pj
    pairs.reverse()
    return pairs


def _pair_cost(
    source: _Side,
    target: _Side,
    s0: int,
    s1: int,
    t0: int,
    t1: int,
    ratio: float,
    variance: float,
    use_paragraphs: bool,
    similarity: Similarity | None,
    similarity_mode: str,
) -> float:
    ds, dt = s1 - s0, t1 - t0
    source_length = sum(source.lengths[s0:s1])
    target_length = sum(target.lengths[t0:t1])
    length_cost = _length_cost(source_length, target_length, ratio, variance)
    cost = _MOVE_PRIOR_COST[(ds, dt)]
    if ds and dt:
        source_anchors = source.anchors[s0] if ds == 1 else source.anchors[s0] | source.anchors[s0 + 1]
        target_anchors = target.anchors[t0] if dt == 1 else target.anchors[t0] | target.anchors[t0 + 1]
        cost += _anchor_cost(source_anchors, target_anchors)
        # In a merge, a sentence whose numbers are all missing from the other side is
        # more likely dropped (or invented) than merged.
        for index in range(s0, s1) if ds == 2 else ():
            if _orphaned(source.anchors[index], target_anchors):
                cost += _ANCHOR_WEIGHT
        for index in range(t0, t1) if dt == 2 else ():
            if _orphaned(target.anchors[index], source_anchors):
                cost += _ANCHOR_WEIGHT
        if similarity is not None:
            score = similarity(tuple(range(s0, s1)), tuple(range(t0, t1)))
            if score is not None:
                similarity_cost = _SIMILARITY_WEIGHT * (1.0 - max(0.0, min(1.0, score)))
                if similarity_mode == "replace":
                    length_cost = 0.0
                cost += similarity_cost
    else:
        # A sentence left unaligned: numbers in it make that less likely (they are rarely
        # dropped or invented whole). Names are not counted: an added line is often a name
        # ("Follow us on Google News").
        lonely = source.anchors[s0] if ds else target.anchors[t0]
        numbers = sum(1 for anchor in lonely if anchor.startswith("num:"))
        cost += 0.5 * _ANCHOR_WEIGHT * min(numbers, 2) / 2
        # The Gale-Church length term makes a dropped sentence all but impossible when lengths
        # vary little (delta grows with the square root of its length): a sentence that vanished
        # is a structural event, priced by its prior alone, not a length mismatch.
        length_cost = 0.0
    cost += length_cost
    if use_paragraphs:
        if ds == 2 and source.paragraphs[s0] != source.paragraphs[s0 + 1]:
            cost += _PARAGRAPH_PENALTY
        if dt == 2 and target.paragraphs[t0] != target.paragraphs[t0 + 1]:
            cost += _PARAGRAPH_PENALTY
        if ds and dt:
            source_starts = s0 == 0 or source.paragraphs[s0 - 1] != source.paragraphs[s0]
            target_starts = t0 == 0 or target.paragraphs[t0 - 1] != target.paragraphs[t0]
            if source_starts != target_starts:
                cost += _PARAGRAPH_PENALTY
    return cost


# ---------------------------------------------------------------------------------------------
# Per-article cache


def document_alignment(context: CheckContext) -> Alignment:
    """The article's alignment, computed once and shared by every source-aware rule."""

    def compute(ctx: CheckContext) -> Alignment:
        similarity = None
        if ctx.config.backtranslate and ctx.source:
            # With a model at hand, how well each translation sentence back-translates into each
            # source sentence tells dropped and merged sentences apart where lengths cannot.
            from mtcheck.mt.article import back_translated_sentences, chrf_similarity

            back = back_translated_sentences(ctx)
            if back is not None:
                similarity = chrf_similarity(ctx, back)
        return align_document(ctx.source_sentences, ctx.sentences, ctx.source or "", ctx.text, similarity)

    return context.shared("alignment", compute)


def aligned_pairs(context: CheckContext) -> list[AlignedPair]:
    """The article's aligned sentence pairs (cached in ``context.shared("alignment")``)."""
    return list(document_alignment(context).pairs)


def target_range_for_source(context: CheckContext, source_offset: int) -> tuple[int, int] | None:
    """The character range of the translation aligned to the source sentence containing
    ``source_offset`` (None when that sentence is aligned to nothing or the offset is outside
    every sentence). For rules that find something in the source and look for it in the
    translation, such as a name (NAM005) or a number."""
    sentences = context.source_sentences
    index = next((s.index for s in sentences if s.start <= source_offset < s.end), None)
    if index is None:
        return None
    for pair in document_alignment(context).pairs:
        if index in pair.source:
            if not pair.target:
                return None
            targets = [context.sentences[j] for j in pair.target]
            return targets[0].start, targets[-1].end
    return None
