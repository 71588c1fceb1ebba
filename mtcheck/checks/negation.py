"""NEG: negation that flipped between the source and the translation.

NEG001 counts negation cues (words such as "not", "never", "не", "nicht", "不", "没有") in each
confidently aligned sentence pair (see :mod:`mtcheck.align`). A source sentence with a cue whose
translation has none, or a translation with a cue whose source has none, is a finding.

Precision comes first, because a flipped negation is a major error and the desk must trust it:

* fixed phrases that look negative but are not ("not only ... but", "no doubt", "never before",
  "不仅", "不断", "无论") are removed before counting;
* negation can be carried by a word rather than a particle ("refused", "failed", "unable",
  "impossible", "невозможно", "unmöglich"): a side with such a word is not said to lack negation;
* double negatives and counts are not compared (one cue against two is no evidence), only
  presence against absence;
* only 1-1 pairs with a low alignment cost are compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mtcheck.align import AlignedPair, aligned_pairs
from mtcheck.context import CheckContext
from mtcheck.registry import Example, Hit, rule
from mtcheck.types import Severity

_WORD = r"(?<![\w'’-]){}(?![\w-])"


def _words(*words: str) -> str:
    return "|".join(_WORD.format(w) for w in words)


# Cues: particles and words that negate the clause they are in.
_CUES: dict[str, str] = {
    "en": _words("not", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot")
    + r"|(?<![\w'’-])no(?![\w-])(?!\.\s*\d)(?-i:(?!\s+[A-Z]))|n[’']t(?!\w)",
    "fr": _words("ne", "n", "pas", "jamais", "rien", "personne", "aucun", "aucune", "non", "ni") + r"|(?<!\w)n[’'](?=\w)",
    "de": _words("nicht", "nie", "niemals", "nichts", "niemand", "weder", "kein", "keine", "keinen", "keinem", "keiner", "keines"),
    "es": _words("no", "nunca", "jamás", "ni", "ningún", "ninguna", "ninguno", "nadie", "nada", "tampoco"),
    "it": _words("non", "mai", "nessuno", "nessuna", "nessun", "niente", "nulla", "né"),
    "pt": _words("não", "nunca", "nem", "nenhum", "nenhuma", "ninguém", "nada", "jamais"),
    "ru": _words("не", "нет", "ни", "никогда", "ничего", "никто", "нигде", "никакой", "никакие", "никаких", "нельзя"),
    "uk": _words("не", "немає", "ні", "ніколи", "нічого", "ніхто", "ніде", "жодного", "жодних"),
    "pl": _words("nie", "nigdy", "nic", "nikt", "żaden", "żadna", "żadne", "żadnych"),
    "zh": r"不|没有|没|未(?!来|必|知|婚|成年)|并非|绝非|无法|毫无|从未|别(?=[再让把说去做])|勿",
    "ja": r"(?<=[ぁ-んァ-ヶ一-龯])(?:ない|なかった|ません|ず(?=[、。にとも])|ぬ(?=[、。]))|未だ|決して",
    "ar": _words("لا", "لم", "لن", "ليس", "ليست", "ليسوا", "لست", "غير", "بدون", "دون", "أبدا", "أبداً"),
}

# Phrases removed before counting: negative in form, not in meaning, or translated without
# any negation as a matter of course ("not only" -> "не только" but also "both"...).
_NOT_NEGATION: dict[str, str] = {
    "en": r"not only|not just|not least|no doubt|no later than|no less than|no more than|no sooner|"
    r"never before|nothing but|none other than|no matter|not to mention|whether or not|if not|or not|"
    r"no longer|not yet|no one else|no exception|nor|neither",
    "fr": r"non seulement|ne serait-ce|non loin|non plus|n[’']importe|sans doute|ne\s+\w+\s+que\b|n[’']\w+\s+que\b",
    "de": r"nicht nur|nicht zuletzt|nicht mehr|noch nicht|kein Wunder|nichtsdestotrotz",
    "es": r"no solo|no sólo|no obstante|no dejar de|ni siquiera|sin embargo|no más que|no menos",
    "it": r"non solo|non soltanto|non appena|nonostante|mai prima",
    "pt": r"não só|não apenas|não obstante|nem sequer|nunca antes",
    "ru": r"не только|не менее|не более|не раньше|не позднее|не позже|не так давно|ни разу|несмотря|"
    r"не смотря|ничуть|никак не|как бы то ни было|не должно быть|не без|больше не|уже не|ещё не|еще не|"
    r"как никогда|если не|это не звучало",
    "uk": r"не тільки|не лише|не менше|не більше|незважаючи",
    "pl": r"nie tylko|nie mniej|nie więcej|niemniej|mimo",
    "zh": r"不仅|不但|不断|不少|不同|不过|不久|不管|不论|不得不|不错|不利|不足|不止|不再|无论|毫不|不太|不一|"
    r"不由|不禁|不妨|不免|不如|不安|不满|不确定|不稳定|不平等|不公|不良|不当|不变|未来|无人机|无线",
    "ja": r"少ない|危ない|間もない|間もなく|もない|じゃない|ではないか|かもしれない|に違いない|"
    r"ならない|いけない|しかない|ほかない|に過ぎない|にすぎない|かねない|ざるを得ない|ずつ|わずか|必ず|まず|とりあえず|相変わらず|"
    r"にもかかわらず|かかわらず|思わず|たまらない|ずに済|少なくない|欠かせない|見逃せない|忘れず|変わらない|つまらない|"
    r"ないか|ませんか|なかったのですか|ないでしょうか|ないですか",
    "ar": r"لا سيما|لاسيما|لا بد|لابد|ما لا يقل|لا يزال|لا تزال|لم يعد|غير أن|من دون شك|دون أن|إلا",
}

# Words that carry negation lexically. Their presence on the side without a cue means the
# negation may well be there, expressed another way ("did not agree" = "refused").
_LEXICAL_NEGATION: dict[str, str] = {
    "en": r"\b(?:refus|den(?:y|ied|ies|ial)|reject|fail|lack|absen|unabl|impossib|illeg|"
    r"prevent|avoid|declin|unlike|without|rather than|instead|hardly|barely|yet to|has yet|have yet|"
    r"neither|nor|no longer|nowhere|ceas|stop|halt|miss(?:ed|ing|es)?\b|rule[sd]? out|dismiss|bann|ban\b|"
    r"un(?!der|til|ion|it|iver|ique|less)\w{3,}|ir(?!an|on|ish|ela)\w{4,}|only|merely|just|little|few|than ever|in vain|doubt|"
    r"in(?:capab|abil|suffic|complet|valid)|"
    r"dis(?:agree|approv|allow|miss|continu)|\w{3,}less\b|non-|anti)",
    "fr": r"\b(?:sans|faute d|refus|nier|ni[ée]|rejet|impossib|incapab|manqu|absen|[ée]chou|in\w{4,}|d[ée]s\w{3,}|interdi)",
    "de": r"(?:ohne|verweiger|ablehn|lehnt|unmöglich|un\w{3,}|\w{3,}los\b|fehl|verbot|nie\w+|weder|abgelehnt|bestritt|bestreit)",
    "es": r"\b(?:sin|rechaz|neg[óoa]|impos|incapa|falt|ausen|in\w{4,}|des\w{4,}|prohib|evit)",
    "it": r"\b(?:senza|rifiut|neg[aò]|impossib|incapac|manc|assen|in\w{4,}|vieta|evit)",
    "pt": r"\b(?:sem|recus|neg[oa]u|impossív|incapa|falt|ausên|in\w{4,}|des\w{4,}|proib|evit)",
    "ru": r"(?:без|отказ|отрица|отверг|невозмож|неизвест|недостат|неудач|нежела|несоглас|неспособ|неправ|"
    r"нисколько|ничуть|никак|бес\w{3,}|запрет|избега|лиш[её]н|нельзя|отсутств|"
    r"отклон|провал|меньше|менее|освобожд|противопоказ|лишь|только|непривит|недалек|против)",
    "uk": r"(?:без|відмов|заперечу|неможлив|не\w{4,}|заборон|відсутн)",
    "pl": r"(?:bez|odmów|odmow|zaprzecz|niemożliw|nie\w{3,}|zakaz|brak)",
    "zh": r"(?:拒绝|否认|否决|反对|缺乏|失败|禁止|无|非|免|防止|避免|难以|不再|停止|取消|并未|尚未)",
    "ja": r"(?:拒否|否定|否認|反対|欠|失敗|禁止|無|非|不|未|防止|避け|中止|取り消|見送|なく|なし|無し|ぬ|しか|だけ|か。|か」|だろう)",
    "ar": r"(?:رفض|نفى|نفي|منع|فشل|غياب|عدم|دون|بلا|تجنب|حظر|مستحيل|إلغاء|ألغ)",
}

# Quoted speech is translated freely; a pair whose polarity differs only inside quotation
# marks is still compared (a flipped quote is the worst kind), but its cue must be outside any
# reported-speech hedging: nothing more is done here, precision comes from the rules above.

_MAX_PAIR_COST = 2.5  # aligned pairs costlier than this are not trusted for polarity


@dataclass(frozen=True)
class _Polarity:
    cues: list[tuple[int, int]]  # cue spans, relative to the sentence
    lexical: bool  # a word that negates lexically


@lru_cache(maxsize=64)
def _compiled(language: str) -> tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None] | None:
    cue = _CUES.get(language)
    if cue is None:
        return None
    flags = re.IGNORECASE
    exceptions = _NOT_NEGATION.get(language)
    lexical = _LEXICAL_NEGATION.get(language)
    return (
        re.compile(cue, flags),
        re.compile(exceptions, flags) if exceptions else None,
        re.compile(lexical, flags) if lexical else None,
    )


def polarity(text: str, language: str) -> _Polarity | None:
    """The negation cues of a sentence, after removing phrases that only look negative. None
    when the language has no cue list."""
    patterns = _compiled(language)
    if patterns is None:
        return None
    cue_pattern, exception_pattern, lexical_pattern = patterns
    masked = text
    if exception_pattern is not None:
        # Blank out the fixed phrases, keeping offsets (same length).
        masked = exception_pattern.sub(lambda m: " " * len(m.group()), text)
    cues = [(m.start(), m.end()) for m in cue_pattern.finditer(masked)]
    lexical = bool(lexical_pattern.search(text)) if lexical_pattern is not None else False
    # A phrase that only looks negative ("no doubt", "not yet", "не только") still shows that
    # the sentence is built around a negative form: the other side may well keep a real one.
    lexical = lexical or masked != text
    return _Polarity(cues, lexical)


def source_language(context: CheckContext) -> str:
    """The source's language: given, else detected (shared with other source-aware rules)."""

    def compute(ctx: CheckContext) -> str:
        given = ctx.article.source_lang or ctx.config.source_lang
        if given:
            return given.lower().split("-")[0]
        from mtcheck.langid import detect

        return detect(ctx.detector, ctx.source or "").code

    return context.shared("source_language", compute)


def _confident(pair: AlignedPair) -> bool:
    return pair.kind == "1-1" and pair.cost <= _MAX_PAIR_COST


def _flipped(context: CheckContext) -> Iterator[Hit]:
    source_lang = source_language(context)
    target_lang = context.target_lang.lower().split("-")[0]
    if source_lang == target_lang or _compiled(source_lang) is None or _compiled(target_lang) is None:
        return
    for pair in aligned_pairs(context):
        if not _confident(pair):
            continue
        source_sentence = context.source_sentences[pair.source[0]]
        target_sentence = context.sentences[pair.target[0]]
        source_polarity = polarity(source_sentence.text, source_lang)
        target_polarity = polarity(target_sentence.text, target_lang)
        if source_polarity is None or target_polarity is None:
            continue
        if source_polarity.cues and not target_polarity.cues and not target_polarity.lexical:
            cue = source_sentence.text[slice(*source_polarity.cues[0])]
            yield Hit(
                target_sentence.start,
                target_sentence.end,
                f"The source sentence is negative (“{cue}”: “{_clip(source_sentence.text)}”) but its "
                "translation has no negation: the meaning may be reversed.",
                confidence=0.7,
            )
        elif target_polarity.cues and not source_polarity.cues and not source_polarity.lexical:
            start, end = target_polarity.cues[0]
            yield Hit(
                target_sentence.start + start,
                target_sentence.start + end,
                f"The translation negates (“{target_sentence.text[start:end]}”) but the source sentence "
                f"has no negation (“{_clip(source_sentence.text)}”): the meaning may be reversed.",
                confidence=0.7,
            )


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@rule(
    code="NEG001",
    name="flipped-negation",
    category="accuracy/mistranslation",
    severity=Severity.MAJOR,
    needs=["source"],
    summary="A negation in the source is missing from the translation, or the translation adds one.",
    what="""
        Negation cues ("not", "never", "no"; "ne ... pas", "jamais"; "nicht", "kein"; "не", "нет",
        "никогда"; "不", "没有", "未"; "no", "nunca"; "non"; "nie"; "ない", "ません"; "لا", "لم")
        are counted in each pair of sentences that the aligner pairs one to one with
        confidence. A source sentence with a cue whose translation has none, and no word that
        negates by itself ("refused", "unable", "impossible", "without"), is flagged on the
        translation sentence; a translation with a cue whose source sentence has none is flagged
        on the cue. Phrases that only look negative ("not only", "no doubt", "never before",
        "не только", "不仅", "不断") are ignored, and counts are not compared (a double negative
        is not a flip).
    """,
    why="""
        A dropped "not" turns "the ministry did not confirm the deaths" into the opposite story.
        Machine translation drops and invents negation more often than it garbles a sentence
        visibly, and the result reads fluently, so only the source shows the error.
    """,
    fix="""
        Read the source sentence quoted in the message and restore (or remove) the negation.
        If the negation is expressed another way ("failed to", "denied"), dismiss the finding.
    """,
    must_flag=[
        Example(
            "The ministry confirmed the deaths of three soldiers on Tuesday.",
            flags="The ministry confirmed the deaths of three soldiers on Tuesday.",
            source="Министерство не подтвердило гибель трёх военнослужащих во вторник.",
            note="ru: не dropped",
        ),
        Example(
            "The company said it would raise prices this year.",
            flags="The company said it would raise prices this year.",
            source="该公司表示今年不会提高价格。",
            note="zh: 不会 dropped",
        ),
        Example(
            "The chancellor said Germany will not send tanks to the region.",
            flags="not",
            source="Der Kanzler sagte, Deutschland werde Panzer in die Region schicken.",
            note="de: a negation invented",
        ),
        Example(
            "The president has accepted the invitation to visit Madrid.",
            flags="The president has accepted the invitation to visit Madrid.",
            source="Le président n'a jamais accepté l'invitation à se rendre à Madrid.",
            note="fr: n'... jamais dropped",
        ),
        Example(
            "The government approved the budget for next year.",
            flags="The government approved the budget for next year.",
            source="El Gobierno no aprobó el presupuesto para el próximo año.",
            note="es: no dropped",
        ),
    ],
    must_pass=[
        Example(
            "The ministry did not confirm the deaths of three soldiers on Tuesday.",
            source="Министерство не подтвердило гибель трёх военнослужащих во вторник.",
        ),
        Example(
            "Not only prices but also wages rose sharply last year.",
            source="Не только цены, но и зарплаты в прошлом году резко выросли.",
            note="not only ... but: not a negation",
        ),
        Example(
            "Prices have been rising steadily in several regions.",
            source="在一些地区，价格不断上涨。",
            note="zh 不断 (continuously) is not a negation",
        ),
        Example(
            "The chancellor refused to send tanks to the region.",
            source="Der Kanzler lehnte es ab, Panzer in die Region zu schicken, und sagte nicht mehr dazu.",
            note="de: negation carried by a verb on the other side",
        ),
        Example(
            "The president has never accepted the invitation to visit Madrid.",
            source="Le président n'a jamais accepté l'invitation à se rendre à Madrid.",
        ),
        Example(
            "Several small towns were left without electricity for a day.",
            source="Несколько небольших городов на сутки остались без электричества.",
            note="ru: несколько/небольших are not negations; без = without",
        ),
        Example(
            "The government did not approve the budget for next year.",
            source="El Gobierno no aprobó el presupuesto para el próximo año.",
        ),
        Example(
            "Putin said that Moscow has no plans to attack NATO countries.",
            source="Путин заявил, что Москва не планирует нападать на страны НАТО.",
            note="en: “no” before a noun is a negation (it was once missed under IGNORECASE)",
        ),
        Example(
            "China's GDP grew 5.2% last year at constant prices.",
            source="中国去年国内生产总值按不变价格计算增长5.2%。",
            note="zh: 不变价格 (constant prices) is not a negation",
        ),
    ],
)
def check_flipped_negation(context: CheckContext) -> Iterator[Hit]:
    yield from _flipped(context)
