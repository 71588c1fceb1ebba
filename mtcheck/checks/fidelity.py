"""OMI/ADD: content of the source missing from the translation, content the translation added.

Both read the sentence alignment of :mod:`mtcheck.align`:

* OMI001: a source sentence aligned to nothing, or a pair whose translation is far shorter than
  the document's own length ratio predicts (a dropped clause);
* ADD001: a translation sentence aligned to nothing, or a pair whose translation is far longer.

Thresholds are in characters of the translation (source lengths are scaled by the ratio the
aligner measured on the document), so they mean the same for zh→en and fr→en. Short sentences
("Ура!", a dateline) are never reported: a missing greeting is no news.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtcheck.align import AlignedPair, Alignment, document_alignment
from mtcheck.context import CheckContext
from mtcheck.registry import Example, Hit, rule
from mtcheck.types import Segment, Severity

# A whole sentence is reported when it has at least this many characters (translation units,
# spaces excluded) and this many words or CJK characters.
_MIN_SENTENCE_CHARS = 30
_MIN_SENTENCE_WORDS = 5
# A pair is under- or over-length when the translation is below/above these fractions of its
# expected length AND the difference is at least _MIN_GAP_CHARS (translation units).
_SHORT_FRACTION = 0.45
_LONG_FRACTION = 1.8
_MIN_GAP_CHARS = 45


def _size(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def _words(text: str) -> int:
    cjk = sum(1 for ch in text if "\u3040" <= ch <= "\u9fff")
    return len(text.split()) + cjk // 2


def _substantial(text: str, scale: float) -> bool:
    return _size(text) * scale >= _MIN_SENTENCE_CHARS and _words(text) >= _MIN_SENTENCE_WORDS


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _nearest_target(pairs: tuple[AlignedPair, ...], position: int, sentences: tuple[Segment, ...]) -> Segment | None:
    """The translation sentence nearest to the gap at pair ``position``: the one before it, else
    the one after (a finding needs a non-empty span)."""
    for pair in reversed(pairs[:position]):
        if pair.target:
            return sentences[pair.target[-1]]
    for pair in pairs[position + 1 :]:
        if pair.target:
            return sentences[pair.target[0]]
    return None


def _pair_text(segments: tuple[Segment, ...], indices: tuple[int, ...]) -> str:
    return " ".join(segments[i].text for i in indices)


def _omissions(context: CheckContext, alignment: Alignment) -> Iterator[Hit]:
    sources, targets = context.source_sentences, context.sentences
    if not sources or not targets:
        return
    pairs = alignment.pairs
    for position, pair in enumerate(pairs):
        if pair.source and not pair.target:
            missing = _pair_text(sources, pair.source)
            if not _substantial(missing, alignment.ratio):
                continue
            anchor = _nearest_target(pairs, position, targets)
            if anchor is None:
                continue
            yield Hit(
                anchor.start,
                anchor.end,
                f"A source sentence has no translation near here: “{_clip(missing)}”.",
                confidence=0.6,
            )
        elif pair.source and pair.target:
            source_text = _pair_text(sources, pair.source)
            target_sentences = [targets[i] for i in pair.target]
            expected = _size(source_text) * alignment.ratio
            actual = sum(_size(s.text) for s in target_sentences)
            if actual < _SHORT_FRACTION * expected and expected - actual >= _MIN_GAP_CHARS:
                yield Hit(
                    target_sentences[0].start,
                    target_sentences[-1].end,
                    f"The translation is much shorter than its source ({actual} characters where about "
                    f"{round(expected)} were expected): part of it may be missing. Source: “{_clip(source_text)}”.",
                    confidence=0.5,
                )


def _additions(context: CheckContext, alignment: Alignment) -> Iterator[Hit]:
    sources, targets = context.source_sentences, context.sentences
    if not sources or not targets:
        return
    for pair in alignment.pairs:
        if pair.target and not pair.source:
            for index in pair.target:
                sentence = targets[index]
                if _substantial(sentence.text, 1.0):
                    yield Hit(
                        sentence.start,
                        sentence.end,
                        "This sentence has no counterpart in the source: it may have been added.",
                        confidence=0.6,
                    )
        elif pair.source and pair.target:
            source_text = _pair_text(sources, pair.source)
            target_sentences = [targets[i] for i in pair.target]
            expected = _size(source_text) * alignment.ratio
            actual = sum(_size(s.text) for s in target_sentences)
            if actual > _LONG_FRACTION * expected and actual - expected >= _MIN_GAP_CHARS:
                yield Hit(
                    target_sentences[0].start,
                    target_sentences[-1].end,
                    f"The translation is much longer than its source ({actual} characters where about "
                    f"{round(expected)} were expected): something may have been added. Source: “{_clip(source_text)}”.",
                    confidence=0.5,
                )


_RU_SOURCE = (
    "Президент России Владимир Путин провёл телефонный разговор с премьер-министром Армении Николом Пашиняном. "
    "Стороны обсудили ситуацию на армяно-азербайджанской границе и подготовку к переговорам, намеченным на 14 ноября. "
    "Эксперты считают, что напряжённость в регионе сохранится ещё как минимум несколько месяцев."
)
_EN_TRANSLATION = (
    "Russian President Vladimir Putin held a telephone conversation with Armenian Prime Minister Nikol Pashinyan. "
    "The sides discussed the situation on the Armenian-Azerbaijani border and preparations for talks scheduled for November 14. "
    "Experts believe tensions in the region will persist for at least several more months."
)
_ZH_SOURCE = (
    "国家统计局15日发布的数据显示，10月份全国居民消费价格同比上涨2.1%，涨幅比上月扩大0.6个百分点。"
    "其中，城市上涨2.0%，农村上涨2.4%；食品价格上涨7.0%，非食品价格上涨1.1%。"
    "分析人士认为，随着猪肉价格回升，物价总体仍将保持在合理区间。"
)
_EN_FROM_ZH = (
    "Data released by the National Bureau of Statistics on the 15th showed that consumer prices rose 2.1% "
    "year on year in October, 0.6 percentage points more than the previous month. "
    "Urban prices rose 2.0% and rural prices 2.4%; food prices rose 7.0% and non-food prices 1.1%. "
    "Analysts believe that, as pork prices recover, prices overall will remain within a reasonable range."
)
_DE_SOURCE = (
    "Die Bundesregierung hat am Mittwoch ein neues Entlastungspaket für Familien beschlossen. "
    "Das Paket umfasst unter anderem eine Erhöhung des Kindergeldes und einen Zuschuss zu den Heizkosten. "
    "Die Opposition kritisierte die Maßnahmen als unzureichend und forderte weitere Hilfen für Rentner."
)
_EN_FROM_DE = (
    "The federal government on Wednesday approved a new relief package for families. "
    "The package includes, among other things, an increase in child benefit and a subsidy for heating costs. "
    "The opposition criticised the measures as inadequate and called for further help for pensioners."
)
_FR_SOURCE = (
    "Le gouvernement a annoncé mardi un plan de soutien de 2 milliards d'euros pour les agriculteurs touchés par la sécheresse. "
    "Les aides seront versées à partir du mois de septembre. "
    "Les syndicats agricoles ont salué une mesure attendue depuis plusieurs mois."
)
_EN_FROM_FR = (
    "The government announced on Tuesday a 2 billion euro support plan for farmers hit by the drought. "
    "The aid will be paid from September. "
    "Farmers' unions welcomed a measure that had been awaited for several months."
)
_ES_SOURCE = (
    "El Banco Central Europeo decidió este jueves mantener los tipos de interés sin cambios. "
    "La presidenta de la institución explicó que la inflación sigue siendo demasiado alta en la zona euro. "
    "Los mercados reaccionaron con caídas moderadas en las principales bolsas europeas."
)
_EN_FROM_ES = (
    "The European Central Bank decided on Thursday to keep interest rates unchanged. "
    "The head of the institution explained that inflation remains too high in the euro zone. "
    "Markets reacted with moderate falls on the main European stock exchanges."
)


@rule(
    code="OMI001",
    name="omission",
    category="accuracy/omission",
    severity=Severity.MAJOR,
    needs=["source"],
    summary="A source sentence (or a large part of one) has no translation.",
    what="""
        The source and the translation are aligned sentence by sentence (lengths, with numbers,
        names and quotation marks as anchors). A source sentence of some size (30 characters
        and five words or more, in translation units) that is aligned to nothing is flagged on
        the nearest translation sentence, quoting what seems missing. A pair whose translation
        is less than half the length the document's own ratio predicts, by 45 characters or
        more, is flagged too: a dropped clause.
    """,
    why="""
        Machine translation drops sentences and clauses silently, and the copy still reads well:
        a casualty figure, a denial or an attribution can vanish without a trace in the English.
    """,
    fix="""
        Compare the flagged sentence with the quoted source and translate what is missing, or
        confirm that the source part was boilerplate not meant for the copy.
    """,
    must_flag=[
        Example(
            _EN_TRANSLATION.replace(
                "The sides discussed the situation on the Armenian-Azerbaijani border and preparations for talks scheduled for November 14. ", ""
            ),
            flags="Russian President Vladimir Putin held a telephone conversation with Armenian Prime Minister Nikol Pashinyan.",
            source=_RU_SOURCE,
            note="ru: the second sentence was dropped",
        ),
        Example(
            _EN_FROM_ZH.replace(
                "Urban prices rose 2.0% and rural prices 2.4%; food prices rose 7.0% and non-food prices 1.1%. ", ""
            ),
            flags="Data released by the National Bureau of Statistics on the 15th showed that consumer prices rose 2.1% "
            "year on year in October, 0.6 percentage points more than the previous month.",
            source=_ZH_SOURCE,
            note="zh: the sentence with the breakdown was dropped",
        ),
        Example(
            _EN_FROM_DE.replace(
                "The package includes, among other things, an increase in child benefit and a subsidy for heating costs.",
                "The package includes an increase.",
            ),
            flags="The package includes an increase.",
            source=_DE_SOURCE,
            note="de: most of a sentence dropped",
        ),
        Example(
            _EN_FROM_FR.replace("Farmers' unions welcomed a measure that had been awaited for several months.", "")
            + " The aid is modest.",
            flags="The aid is modest.",
            source=_FR_SOURCE
            + " Le ministre de l'Agriculture a précisé que les éleveurs seraient prioritaires dans l'attribution des aides.",
            note="fr: two long sentences reduced to one short one",
        ),
    ],
    must_pass=[
        Example(_EN_TRANSLATION, source=_RU_SOURCE),
        Example(_EN_FROM_ZH, source=_ZH_SOURCE),
        Example(_EN_FROM_DE, source=_DE_SOURCE),
        Example(_EN_FROM_FR, source=_FR_SOURCE),
        Example(_EN_FROM_ES, source=_ES_SOURCE),
    ],
)
def check_omission(context: CheckContext) -> Iterator[Hit]:
    yield from _omissions(context, document_alignment(context))


@rule(
    code="ADD001",
    name="addition",
    category="accuracy/addition",
    severity=Severity.MAJOR,
    needs=["source"],
    summary="A translation sentence (or a large part of one) has no counterpart in the source.",
    what="""
        The source and the translation are aligned sentence by sentence. A translation sentence
        of some size (30 characters and five words or more) aligned to nothing in the source is
        flagged, and so is a pair whose translation is more than 1.8 times as long as the document's
        own ratio predicts, by 45 characters or more.
    """,
    why="""
        An invented sentence is the hardest error for the desk to see: it reads naturally and
        may state as fact what the source never said (a casualty figure, a quote, a claim).
    """,
    fix="""
        Check the flagged sentence against the source; delete what the source does not say, or
        confirm that it is an editor's addition (background, a house line) that belongs.
    """,
    must_flag=[
        Example(
            _EN_FROM_ES.replace(
                "Markets reacted",
                "Analysts expect the bank to cut rates by 0.25 points at its meeting on 14 December. Markets reacted",
            ),
            flags="Analysts expect the bank to cut rates by 0.25 points at its meeting on 14 December.",
            source=_ES_SOURCE,
            note="es: an invented sentence",
        ),
        Example(
            _EN_TRANSLATION.replace(
                "Experts believe",
                "The Kremlin said the call lasted 40 minutes and had been requested by Yerevan. Experts believe",
            ),
            flags="The Kremlin said the call lasted 40 minutes and had been requested by Yerevan.",
            source=_RU_SOURCE,
            note="ru: an invented sentence",
        ),
        Example(
            _EN_FROM_ZH.replace(
                "Urban prices rose 2.0% and rural prices 2.4%; food prices rose 7.0% and non-food prices 1.1%.",
                "Urban prices rose 2.0% and rural prices 2.4%; food prices rose 7.0% and non-food prices 1.1%, "
                "a sign, according to several economists consulted by state media, that the recovery of domestic "
                "demand is finally gaining momentum after months of weak consumption.",
            ),
            flags="Urban prices rose 2.0% and rural prices 2.4%; food prices rose 7.0% and non-food prices 1.1%, "
            "a sign, according to several economists consulted by state media, that the recovery of domestic "
            "demand is finally gaining momentum after months of weak consumption.",
            source=_ZH_SOURCE,
            note="zh: a clause invented at the end of a sentence",
        ),
        Example(
            _EN_FROM_DE + " Critics also warned that rents in Berlin and Munich rose by 12 percent last year.",
            flags="Critics also warned that rents in Berlin and Munich rose by 12 percent last year.",
            source=_DE_SOURCE,
            note="de: an invented closing sentence",
        ),
    ],
    must_pass=[
        Example(_EN_TRANSLATION, source=_RU_SOURCE),
        Example(_EN_FROM_ZH, source=_ZH_SOURCE),
        Example(_EN_FROM_DE, source=_DE_SOURCE),
        Example(_EN_FROM_FR, source=_FR_SOURCE),
        Example(_EN_FROM_ES, source=_ES_SOURCE),
    ],
)
def check_addition(context: CheckContext) -> Iterator[Hit]:
    yield from _additions(context, document_alignment(context))
