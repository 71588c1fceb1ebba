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

import re
from collections.abc import Iterator

from mtcheck.align import AlignedPair, Alignment, _has_non_latin_letters, document_alignment, sentence_anchors
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
# A dropped clause leaves a pair at 40-70% of its expected length: below _CLAUSE_FRACTION (and
# _CLAUSE_GAP_CHARS shorter) a pair is flagged when there is evidence that content is missing:
# a source number with no counterpart, or more source clauses than translation clauses.
# On the fidelity benchmark's correct pairs the lowest ratio to the language-pair prior is 0.77.
_CLAUSE_FRACTION = 0.72
_CLAUSE_GAP_CHARS = 25
_CLAUSE_ONLY_FRACTION = 0.66  # below this, more source than translation clauses is evidence enough
# Characters of English per character of source, per source language (medians measured on news
# copy: benchmarks/data/fidelity and WMT22 ja-en). Used instead of the document's own ratio when
# the document has too few pairs to measure one (a single-sentence story).
_PAIR_PRIOR = {"zh": 3.2, "ja": 2.3, "ru": 1.0, "uk": 1.0, "de": 0.92, "fr": 0.92, "es": 0.95, "it": 0.95, "pt": 0.95}
_MIN_MEASURED_PAIRS = 3
# Clause boundaries: commas and semicolons (not "6,500"). Colons and dashes mark labels and
# headline tails ("編集部：", "- Yahoo!ニュース") more often than clauses.
_CLAUSE_BREAK = re.compile(r"(?<!\d)[,;](?!\d)|[，；]")
# A source number written with a Chinese/Japanese multiplier (４億５０００万 = 450 million) has no
# digit string in common with its translation: no evidence of a missing number.
_MULTIPLIED = re.compile(r"[0-9０-９]\s*[十百千万萬亿億兆]")


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


def _clauses(text: str) -> list[str]:
    return [part.strip() for part in _CLAUSE_BREAK.split(text) if _words(part.strip()) >= 2]


def _pair_ratio(context: CheckContext, alignment: Alignment) -> float:
    """The expected length ratio: the document's own when it has enough 1-1 pairs to measure it,
    else the language pair's (the aligner's estimate for one pair is pulled by the pair itself)."""
    measured = sum(1 for p in alignment.pairs if p.kind == "1-1")
    if measured >= _MIN_MEASURED_PAIRS or not context.target_lang.lower().startswith("en"):
        return alignment.ratio
    from mtcheck.checks.negation import source_language

    return _PAIR_PRIOR.get(source_language(context), alignment.ratio)


def _missing_part(source_text: str, target_text: str, short: float) -> str | None:
    """Evidence that a pair lost content, as the likely missing source part: the source clause
    whose number has no counterpart in the translation, else (when the source has more clauses
    than the translation) the source clause sharing fewest anchors with it; None without evidence."""
    non_latin = _has_non_latin_letters(source_text)
    target_anchors = sentence_anchors(target_text, _has_non_latin_letters(target_text))
    clauses = _clauses(source_text) or [source_text]
    for clause in clauses:
        if _MULTIPLIED.search(clause):
            continue
        numbers = {a for a in sentence_anchors(clause, non_latin) if a.startswith("num:")}
        if numbers - target_anchors:
            return clause
    # Clause counts are weaker evidence (Chinese strings clauses with commas that English joins
    # with "and"): only for a pair well under its expected length.
    if short < _CLAUSE_ONLY_FRACTION and len(clauses) >= 2 and len(clauses) > len(_clauses(target_text)):
        return clauses[-1]
    return None


def _omissions(context: CheckContext, alignment: Alignment) -> Iterator[Hit]:
    sources, targets = context.source_sentences, context.sentences
    if not sources or not targets:
        return
    pairs = alignment.pairs
    ratio = _pair_ratio(context, alignment)
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
                continue
            expected = _size(source_text) * ratio
            if actual < _CLAUSE_FRACTION * expected and expected - actual >= _CLAUSE_GAP_CHARS:
                target_text = " ".join(s.text for s in target_sentences)
                missing = _missing_part(source_text, target_text, actual / expected)
                if missing is None:
                    continue
                yield Hit(
                    target_sentences[0].start,
                    target_sentences[-1].end,
                    f"The translation is shorter than its source ({actual} characters where about "
                    f"{round(expected)} were expected) and seems to lack part of it, perhaps “{_clip(missing, 100)}”. "
                    f"Source: “{_clip(source_text)}”.",
                    confidence=0.4,
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


# Professional translations (ru, zh, de, fr, es) that neither OMI001 nor ADD001 may flag.
_FAITHFUL_TRANSLATIONS = (
    Example(_EN_TRANSLATION, source=_RU_SOURCE),
    Example(_EN_FROM_ZH, source=_ZH_SOURCE),
    Example(_EN_FROM_DE, source=_DE_SOURCE),
    Example(_EN_FROM_FR, source=_FR_SOURCE),
    Example(_EN_FROM_ES, source=_ES_SOURCE),
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
        Example(
            "Typhoon Yagi made landfall in Wenchang, Hainan.",
            flags="Typhoon Yagi made landfall in Wenchang, Hainan.",
            source="台风“摩羯”在海南文昌登陆，造成3人死亡、近百人受伤。",
            note="zh, one sentence: the casualty clause dropped (length prior + a clause with no counterpart)",
        ),
        Example(
            "Gazprom cut gas exports to Europe by 55.6%.",
            flags="Gazprom cut gas exports to Europe by 55.6%.",
            source="«Газпром» сократил экспорт газа в Европу на 55,6% до 28,3 млрд кубометров, следует из данных компании.",
            note="ru, one sentence: a clause with a number dropped",
        ),
    ],
    must_pass=[
        *_FAITHFUL_TRANSLATIONS,
        Example(
            "Typhoon Yagi made landfall in Wenchang, Hainan, killing 3 people and injuring nearly a hundred.",
            source="台风“摩羯”在海南文昌登陆，造成3人死亡、近百人受伤。",
            note="zh, one sentence: the full translation",
        ),
        Example(
            "Gazprom cut gas exports to Europe by 55.6% to 28.3 billion cubic metres, according to company data.",
            source="«Газпром» сократил экспорт газа в Европу на 55,6% до 28,3 млрд кубометров, следует из данных компании.",
        ),
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
        *_FAITHFUL_TRANSLATIONS,
    ],
)
def check_addition(context: CheckContext) -> Iterator[Hit]:
    yield from _additions(context, document_alignment(context))
