"""Numbers that changed, went missing or were added between the source and the translation.

* NUM001 changed number: a translation number that matches no source number, where the aligned
  source sentence has an unmatched number of the same class (year, date, percentage, time or
  quantity) that it probably replaced. Suggestion: the source number in the target's style.
* NUM002 missing number: a source number that no translation number matches.
* NUM003 added number: a translation number that matches no source number and replaces none.

How numbers are paired (``compare``):

1. Both texts are read by :func:`mtcheck.numbers.extract_numbers` in their own language (the
   source's is given, else detected), so "3,3 млн" and "3.3 million", "11 декабря" and "December
   11", "двух" and "two", "330万" and "3.3 million" are the same numbers.
2. Matching is by value over the whole article, not sentence by sentence: a number the
   translator moved to another sentence is still there. A number matches if one side is the
   other rounded to the precision it is written with (3.27 million ≈ 3.3 million, 1,144,700 ≈
   1.1 million). Dates match dates by day and month; a date's day also matches a bare day
   number ("the 11th"). Unit conversions (miles to km) are out of scope.
3. Matched numbers anchor a sentence alignment: source sentence i maps onto the translation by
   piecewise-linear interpolation between anchors (plain proportional position where there are
   none). ``mtcheck.align`` did not exist when this was written; this is the simple mapping.
4. Unmatched numbers on both sides within one sentence of each other (after mapping) and of the
   same class are a change (NUM001); the rest are missing (NUM002, on the translation sentence
   the source sentence maps to) or added (NUM003).

5. Spelled-out small numbers ("seven", "Six") are paired only within one aligned sentence pair
   of :mod:`mtcheck.align`: one that matches no source number (or matches only a source number
   that the pair's digits already render, as "four goals" next to a 4-0 score) while the aligned
   source sentence has an unmatched number of the same class (шесть, 六, 8) is a change
   (NUM001). "one" and ordinal words ("first") never are.

Never reported: numbers inside names (G20, COVID-19, Boeing 737, Rossiya 1, 5G), and spelled-out
small numbers as missing or added ("one", "два", a lone 三: articles, pronouns and paraphrases
more often than quantities); they still match numbers on the other side.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from mtcheck.align import AlignedPair, aligned_pairs
from mtcheck.context import CheckContext
from mtcheck.langid import detect
from mtcheck.numbers import NumberMention, extract_numbers, format_mention, mentions_match, number_class, spelled_form
from mtcheck.registry import Example, Hit, rule
from mtcheck.types import Segment, Severity

# How far apart (in translation sentences, after mapping) a source number and the translation
# number that replaced it may be.
_CHANGE_WINDOW = 1.0


@dataclass(frozen=True)
class Located:
    mention: NumberMention
    sentence: int


@dataclass
class NumberComparison:
    changed: list[tuple[Located, Located]] = field(default_factory=list)  # (translation, source)
    missing: list[tuple[Located, int]] = field(default_factory=list)  # (source, translation sentence)
    added: list[Located] = field(default_factory=list)


def _locate(mentions: Sequence[NumberMention], sentences: Sequence[Segment]) -> list[Located]:
    starts = [s.start for s in sentences]
    return [Located(m, max(0, bisect.bisect_right(starts, m.start) - 1)) for m in mentions]


def _source_lang(context: CheckContext) -> str:
    declared = context.article.source_lang or context.config.source_lang
    if declared:
        return declared
    return detect(context.detector, context.source or "").code


class _SentenceMap:
    """Source sentence index → translation sentence position, interpolated between anchors."""

    def __init__(self, anchors: list[tuple[int, int]], source_count: int, target_count: int) -> None:
        # Keep a monotone chain of anchors (greedy by source order): crossing pairs are repeats.
        chain: list[tuple[float, float]] = [(-1.0, -1.0)]
        for source_index, target_index in sorted(set(anchors)):
            if source_index > chain[-1][0] and target_index > chain[-1][1]:
                chain.append((float(source_index), float(target_index)))
        chain.append((float(max(source_count, 1)), float(max(target_count, 1))))
        self._chain = chain
        self._sources = [s for s, _ in chain]
        self._target_count = target_count

    def __call__(self, source_index: int) -> float:
        position = bisect.bisect_right(self._sources, source_index)
        position = min(max(position, 1), len(self._chain) - 1)
        (s0, t0), (s1, t1) = self._chain[position - 1], self._chain[position]
        mapped = t0 + (t1 - t0) * (source_index - s0) / (s1 - s0) if s1 != s0 else t0
        return min(max(mapped, 0.0), max(self._target_count - 1, 0))


def compare(context: CheckContext) -> NumberComparison:
    """Pair the numbers of the source and the translation (see the module docstring)."""
    result = NumberComparison()
    if not context.source:
        return result
    target = _locate(extract_numbers(context.text, context.target_lang), context.sentences)
    source = _locate(extract_numbers(context.source, _source_lang(context)), context.source_sentences)
    if not target and not source:
        return result

    target_count = max(len(context.sentences), 1)
    source_count = max(len(context.source_sentences), 1)
    target_matched = [False] * len(target)
    source_matched = [False] * len(source)
    anchors: list[tuple[int, int]] = []
    for ti, t in enumerate(target):
        best: tuple[float, int] | None = None
        for si, s in enumerate(source):
            if mentions_match(t.mention, s.mention):
                source_matched[si] = True
                target_matched[ti] = True
                distance = abs(s.sentence / source_count - t.sentence / target_count)
                if best is None or distance < best[0]:
                    best = (distance, si)
        if best is not None and not t.mention.label and not t.mention.weak:
            anchors.append((source[best[1]].sentence, t.sentence))
    sentence_map = _SentenceMap(anchors, len(context.source_sentences), len(context.sentences))

    open_sources = [i for i, s in enumerate(source) if not source_matched[i] and not s.mention.label]
    paired_sources: set[int] = set()
    for ti, t in enumerate(target):
        if target_matched[ti] or t.mention.label or t.mention.weak:
            continue  # a spelled-out "one" is as often a pronoun as a changed number
        best_source: tuple[float, int] | None = None
        for si in open_sources:
            s = source[si]
            if si in paired_sources or number_class(s.mention) != number_class(t.mention):
                continue
            if s.mention.weak and t.mention.value >= 100:
                continue  # a lone 二 or "три" is no evidence for what "8020 billion" replaced
            distance = abs(sentence_map(s.sentence) - t.sentence)
            if distance <= _CHANGE_WINDOW and (best_source is None or distance < best_source[0]):
                best_source = (distance, si)
        if best_source is not None:
            paired_sources.add(best_source[1])
            result.changed.append((t, source[best_source[1]]))
        else:
            result.added.append(t)
    _pair_spelled_changes(context, target, source, target_matched, open_sources, paired_sources, result)
    for si in open_sources:
        s = source[si]
        if si not in paired_sources and not s.mention.weak:
            result.missing.append((s, round(sentence_map(s.sentence))))
    return result


def _changeable_small(mention: NumberMention) -> bool:
    """A spelled-out small number that can stand for a changed quantity: not "one" (an article
    or a pronoun as often as a number), not an ordinal word ("the first visit"), not in a name."""
    return not mention.label and mention.kind != "ordinal" and mention.value != 1


def _aligned_pairs_by_target(context: CheckContext) -> dict[int, AlignedPair]:
    """Translation sentence index → its aligned pair."""
    return {target_index: pair for pair in aligned_pairs(context) for target_index in pair.target}


def _surplus(ti: int, pair: AlignedPair, target: list[Located], source: list[Located]) -> bool:
    """Whether the spelled-out target[ti] matched a source number of its aligned pair that the
    pair's digit numbers already account for: "4-0 ... four goals" against "4:0 ... drei Tore"
    (the score's 4 is the 4-0, so "four" stands where "drei" was)."""
    t = target[ti]
    matches = [s for s in source if s.sentence in pair.source and mentions_match(t.mention, s.mention)]
    if not matches:
        return False  # matched elsewhere in the article: a moved number, not a changed one
    digits = [
        other
        for other in target
        if other is not t and not other.mention.spelled and other.sentence in pair.target
        and any(mentions_match(other.mention, s.mention) for s in matches)
    ]
    return len(digits) >= len(matches)


def _pair_spelled_changes(
    context: CheckContext,
    target: list[Located],
    source: list[Located],
    target_matched: list[bool],
    open_sources: list[int],
    paired_sources: set[int],
    result: NumberComparison,
) -> None:
    """A spelled-out number of the translation ("seven") that matches nothing, where the aligned
    source sentence has an unmatched number of the same class (шесть, 六, 6): a changed number.
    Only within one aligned sentence pair (the alignment of ``mtcheck.align``): a spelled-out
    small number is too weak to pair across sentences."""
    candidates = [ti for ti, t in enumerate(target) if t.mention.weak and _changeable_small(t.mention)]
    if not candidates:
        return
    pairs = _aligned_pairs_by_target(context)
    for ti in candidates:
        t = target[ti]
        pair = pairs.get(t.sentence)
        if pair is None or not pair.source:
            continue
        if target_matched[ti] and not _surplus(ti, pair, target, source):
            continue
        sentences = pair.source
        options = [
            si
            for si in open_sources
            if si not in paired_sources
            and source[si].sentence in sentences
            and _changeable_small(source[si].mention)
            and number_class(source[si].mention) == number_class(t.mention)
            and (source[si].mention.spelled or source[si].mention.value < 100)
        ]
        if not options:
            continue
        # The source number at the most similar position in its sentence.
        target_sentence = context.sentences[t.sentence]
        position = (t.mention.start - target_sentence.start) / max(len(target_sentence.text), 1)

        def offset(si: int) -> float:
            sentence = context.source_sentences[source[si].sentence]
            return abs((source[si].mention.start - sentence.start) / max(len(sentence.text), 1) - position)

        best = min(options, key=offset)
        paired_sources.add(best)
        result.changed.append((t, source[best]))


def _comparison(context: CheckContext) -> NumberComparison:
    return context.shared("numbers", compare)


_HOW_PAIRED = """
    Numbers are read on both sides in their own language: digits of any script, locale
    separators (1.000,5 / 1,000.5 / 6 500), scale words and CJK multipliers (3,3 млн, 330万),
    spelled-out numbers, percentages, years and dates, and matched by value across the whole
    article with tolerance for rounding (3.27 million ≈ 3.3 million). Numbers inside names (G20,
    COVID-19, Boeing 737) are never reported.
"""


@rule(
    code="NUM001",
    name="changed-number",
    category="accuracy/mistranslation",
    severity=Severity.CRITICAL,
    needs=["source"],
    summary="A number in the translation differs from the number in the corresponding source sentence.",
    what="""
        A number, year, date or percentage of the translation that matches no number of the
        source, while the aligned source sentence (or its neighbour) has a number of the same
        kind that the translation does not render: the translation probably replaced it. The
        finding is on the translation's number; the suggestion is the source's number written
        in the translation's style when its reading is unambiguous.
    """
    + _HOW_PAIRED,
    why="""
        A wrong figure, year or date changes the story and is the error readers and corrections
        desks notice first; machine translation swaps digits, scales (million/billion) and
        separators (3,300 read as 3.3).
    """,
    fix="Check the figure against the source and correct it; the suggestion shows the source's value.",
    must_flag=[
        Example(
            "The fire destroyed 3,500 hectares of forest.",
            source="Пожар уничтожил 5300 гектаров леса.",
            flags="3,500",
            note="ru source, digits swapped",
        ),
        Example(
            "The company's revenue reached 3.3 billion yuan.",
            source="该公司收入达到330万元。",
            flags="3.3 billion",
            note="zh multiplier 万 read as a billion",
        ),
        Example(
            "Unemployment fell to 5.2% in March.",
            source="Die Arbeitslosigkeit sank im März auf 5,7 Prozent.",
            flags="5.2",
        ),
        Example(
            "La grève a commencé le 12 décembre.",
            source="The strike began on December 11.",
            flags="12 décembre",
            lang="fr",
        ),
        Example(
            "The tournament was held in 2019.",
            source="El torneo se celebró en 2018.",
            flags="2019",
        ),
        Example(
            "The storm killed 30 people.",
            source="أودت العاصفة بحياة ٣٠٠ شخص.",
            flags="30",
        ),
        Example(
            "Alibaba announced that it will split into seven business groups.",
            source="阿里巴巴宣布将分拆为六个业务集团。",
            flags="seven",
            note="spelled-out small number changed (六 → seven), same aligned sentence",
        ),
        Example(
            "Six people were detained in Dagestan.",
            source="В Дагестане задержаны пять человек.",
            flags="Six",
        ),
        Example(
            "Bayern won 4-0, with Harry Kane scoring four goals.",
            source="Bayern gewann mit 4:0, Harry Kane erzielte drei Tore.",
            flags="four",
            note="'four' matches the score's 4, which the translation's 4-0 already renders",
        ),
    ],
    must_pass=[
        Example("The fire destroyed 5,300 hectares of forest.", source="Пожар уничтожил 5300 гектаров леса."),
        Example("The company's revenue reached 3.3 million yuan.", source="该公司收入达到330万元。"),
        Example("Unemployment fell to 5.7 per cent in March.", source="Die Arbeitslosigkeit sank im März auf 5,7 Prozent."),
        Example("La grève a commencé le 11 décembre.", source="The strike began on December 11.", lang="fr"),
        Example("About 1.1 million people voted.", source="Votaron 1.144.700 personas."),
        Example("The storm killed 300 people.", source="أودت العاصفة بحياة ٣٠٠ شخص."),
        Example("Two doses were not enough.", source="Двух доз оказалось недостаточно."),
        Example("Exports amounted to 2.9 trillion dollars.", source="出口总额为2.9万亿美元。", note="万亿 is 10^12"),
        Example("The accident happened at around 2.30 pm.", source="Das Unglück ereignete sich gegen 14.30 Uhr."),
        Example("No trains will run after 8 pm.", source="Aucun train ne circulera après 20 heures."),
        Example("Measles cases rose thirtyfold.", source="Le nombre de cas de rougeole a été multiplié par 30."),
        Example("Putin paid a two-day state visit, his first trip abroad.", source="普京进行为期两天的国事访问，这是他的首次出访。"),
    ],
)
def check_changed_number(context: CheckContext) -> Iterator[Hit]:
    for target, source in _comparison(context).changed:
        t, s = target.mention, source.mention
        yield Hit(
            t.start,
            t.end,
            f"{t.text!r} matches no number of the source, whose corresponding sentence has {s.text!r}.",
            suggestion=(t.spelled and spelled_form(s.value, context.target_lang, t.text)) or format_mention(s, context.target_lang),
            confidence=0.8 if not (t.spelled or s.spelled) else 0.6,
        )


@rule(
    code="NUM002",
    name="missing-number",
    category="accuracy/omission",
    severity=Severity.CRITICAL,
    needs=["source"],
    summary="A number of the source does not appear anywhere in the translation.",
    what="""
        A number, year, date or percentage of the source that no number of the translation
        matches, and that no translation number replaced (that is NUM001). The finding is on the
        translation sentence that the source sentence corresponds to (by position, anchored on
        the numbers both sides share). Spelled-out small numbers ("два", "one") are not reported:
        they are paraphrased too often.
    """
    + _HOW_PAIRED,
    why="""
        A dropped figure (a death toll, a sum, a date) is an omission that changes what the
        reader learns, and only a comparison with the source reveals it.
    """,
    fix="Restore the number from the source, or confirm it was dropped on purpose.",
    must_flag=[
        Example(
            "The earthquake destroyed many houses. Rescue teams arrived in the evening.",
            source="Землетрясение разрушило 120 домов. Спасатели прибыли вечером.",
            flags="The earthquake destroyed many houses.",
        ),
        Example(
            "Prices rose sharply last year.",
            source="去年价格上涨了12%。",
            flags="Prices rose sharply last year.",
        ),
        Example(
            "Die Regierung kündigte neue Hilfen an.",
            source="The government announced 3.5 billion euros in new aid.",
            flags="Die Regierung kündigte neue Hilfen an.",
            lang="de",
        ),
    ],
    must_pass=[
        Example(
            "The earthquake destroyed 120 houses. Rescue teams arrived in the evening.",
            source="Землетрясение разрушило 120 домов. Спасатели прибыли вечером.",
        ),
        Example("Prices rose 12 per cent last year.", source="去年价格上涨了12%。"),
        Example(
            "La réunion a eu lieu le 3 mars à Genève.",
            source="La reunión tuvo lugar el 3 de marzo en Ginebra.",
            lang="fr",
        ),
        Example("Both sides met in the G20 format.", source="Обе стороны встретились в формате G20."),
    ],
)
def check_missing_number(context: CheckContext) -> Iterator[Hit]:
    sentences = context.sentences
    if not sentences:
        return
    for source, sentence_index in _comparison(context).missing:
        sentence = sentences[min(sentence_index, len(sentences) - 1)]
        s = source.mention
        yield Hit(
            sentence.start,
            sentence.end,
            f"The source's {s.text!r} has no counterpart in the translation.",
            confidence=0.7,
        )


@rule(
    code="NUM003",
    name="added-number",
    category="accuracy/addition",
    severity=Severity.MAJOR,
    needs=["source"],
    summary="A number in the translation has no counterpart in the source.",
    what="""
        A number, year, date or percentage of the translation that matches no number of the
        source and does not stand where a source number was (that is NUM001): something the
        translation added. Numbers inside names (G20, COVID-19, Boeing 737) and spelled-out small
        numbers are not reported.
    """
    + _HOW_PAIRED,
    why="""
        An invented figure or date is an addition the source does not support; on the wire it
        becomes a fact other outlets copy.
    """,
    fix="Remove the number or check where it comes from.",
    must_flag=[
        Example(
            "The minister resigned on Monday after 12 years in office.",
            source="Le ministre a démissionné lundi.",
            flags="12",
        ),
        Example(
            "Police said 40 people were arrested.",
            source="La policía dijo que hubo detenidos.",
            flags="40",
        ),
    ],
    must_pass=[
        Example("The minister resigned on Monday after 12 years in office.", source="Le ministre a démissionné lundi après douze ans au pouvoir."),
        Example("COVID-19 cases fell in the G20 countries.", source="В странах G20 снизилось число случаев COVID-19."),
        Example("Dozens of people were arrested.", source="Были задержаны десятки человек."),
    ],
)
def check_added_number(context: CheckContext) -> Iterator[Hit]:
    for target in _comparison(context).added:
        t = target.mention
        yield Hit(t.start, t.end, f"{t.text!r} has no counterpart in the source.", confidence=0.6)
