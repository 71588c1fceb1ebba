"""GRM: grammar slips typical of MT output that a pattern catches reliably (English copy only).

* GRM001 wrong indefinite article: "a" before a vowel sound or "an" before a consonant sound
  ("a hour", "an European", "an UN official", "a FBI agent").
* GRM002 pronoun-verb agreement: a subject pronoun with a verb form of the other number ("they
  was", "he have", "it are") and "these kind of".

Doubled words ("the the") are REP003's. Only what sounds unambiguous is flagged: words whose
first sound the spelling leaves open ("an historic", "an herb") and acronyms
that may be read as a word or letter by letter ("SARS", "FIFA") are left alone unless listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtcheck.checks.repetition import _quoted_ranges
from mtcheck.context import CheckContext
from mtcheck.registry import Example, Hit, rule
from mtcheck.types import Severity

_ARTICLE_AND_WORD = re.compile(
    r"(?<![\w'’&-])(a|an|A|An|AN)\s+([\"“‘']?)([A-Za-z](?:[\w'’]|\.(?=\w))*(?:-\w+)*)"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|\n\s*|[\"“‘(]\s*)$")

# Words spelled with a vowel but read with a consonant sound ("a university", "a one-off").
_YOU_OR_W_PREFIXES = (
    "uni", "unan", "use", "usu", "usur", "uti", "uto", "ute", "ura", "uri", "uro", "ubiq",
    "uku", "ukr", "uga", "uru", "ufo", "eu", "ewe", "one", "once", "ouija",
)
# ... except these "un-" words, which start with the "uh" sound ("an unidentified man").
_UN_PREFIX_WORDS = ("unin", "unim", "unid", "unip")
# Words spelled with "h" but read with a vowel sound ("an hour", "an honest").
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
# "an historic", "an hotel", "an herb" are accepted (British or American usage): never flagged.
_OPEN_H = ("hist", "hot", "herb", "homage", "hum", "hab", "hyst", "hero", "hypo")

# Letters whose names start with a vowel sound: "an FBI agent", "an MP", "an NGO".
_VOWEL_NAMED_LETTERS = frozenset("AEFHILMNORSX")
# Acronyms read as words, with the sound they start with.
_WORD_ACRONYMS_CONSONANT = frozenset(
    "NATO NASA NAFTA SARS MERS FIFA FEMA LIBOR NASDAQ SWIFT MENA SEATO SALT START HAMAS NEET "
    "NICE MOMA SIM SPAC RAM ROM LIDAR RADAR NIMBY FTSE FRONTEX MERCOSUR MINUSMA MONUSCO SEAL "
    "SWAT HUD NOAA".split()
)
_WORD_ACRONYMS_VOWEL = frozenset("OPEC OSCE ISIS AIDS ASEAN IMF".split())


def starts_with_vowel_sound(word: str) -> bool | None:
    """True / False when the first sound of ``word`` is clear from its spelling, else None."""
    letters = word.replace(".", "")
    if not letters or not letters[0].isalpha():
        return None
    head = re.split(r"[-'’]", letters)[0]
    if head.isupper() and len(head) >= 2:
        return _initialism_vowel_sound(head)
    if len(head) == 1:
        # a single letter: "an X-ray", "a U-turn", "an F-16", "an e-mail", "a T-shirt"
        return head.upper() in _VOWEL_NAMED_LETTERS or head.upper() in "AEIO"
    lower = head.lower()
    if not head[1:].islower() and not head[1:].isalpha():
        return None
    if lower.startswith(_SILENT_H):
        return True
    if lower.startswith(_OPEN_H):
        return None
    if lower[0] == "h":
        return False
    if lower.startswith(_UN_PREFIX_WORDS):
        return True
    if lower.startswith(_YOU_OR_W_PREFIXES):
        return False
    if lower.startswith(("ou", "ui", "uy")) and head[0].isupper():
        return None  # Ouattara, Ouagadougou, Uighur: French and Turkic names vary
    if lower[0] in "aeiou":
        return True
    if lower[0] == "y":
        return None if lower.startswith(("ytt", "yp")) else False
    return False


def _initialism_vowel_sound(token: str) -> bool | None:
    if token in _WORD_ACRONYMS_VOWEL:
        return True
    if token in _WORD_ACRONYMS_CONSONANT:
        return False
    first = token[0]
    if first in "AEIO":
        return True
    if first not in _VOWEL_NAMED_LETTERS:
        return False  # B, C, D, ... and U ("a UN official", "a US-led")
    # F H L M N R S X: letter by letter ("an FBI", "an MP") unless it may read as a word
    # ("REV Ocean", "MEP" either way): a vowel in second place leaves it open
    pronounceable = len(token) >= 3 and token[1] in "AEIOUY"
    return None if pronounceable else True


def foreign_sentences(context: CheckContext) -> list[tuple[int, int]]:
    """Sentences confidently in another language than the target (UNT's business): "a" is a
    verb in French and a preposition in Spanish and Portuguese."""
    from mtcheck.checks.language import same_language

    return [
        (sentence.start, sentence.end)
        for sentence, guess in zip(context.sentences, context.sentence_languages)
        if guess.code not in ("und", "")
        and not same_language(context.target_lang, guess.code)
        and guess.confidence >= 0.8
        and len(sentence.text.split()) >= 4
    ]


def _article_findings(text: str, skipped: list[tuple[int, int]]) -> Iterator[Hit]:
    for match in _ARTICLE_AND_WORD.finditer(text):
        article, word = match.group(1), match.group(3)
        start = match.start(1)
        if any(s <= start < e for s, e in skipped):
            continue
        if article in ("A", "An", "AN") and not _SENTENCE_START.search(text[max(0, start - 4):start]):
            continue  # "Plan A", "Grade A": a letter, not the article
        if article == "AN" and not text[match.end(3):match.end(3) + 40].isupper():
            continue
        vowel = starts_with_vowel_sound(word)
        if vowel is None:
            continue
        wants_an = article.lower() == "an"
        if wants_an == vowel:
            continue
        right = ("an" if vowel else "a")
        if article[0].isupper():
            right = right.capitalize()
        yield Hit(
            start,
            match.end(3),
            f"“{article} {word}”: use “{right}” before a {'vowel' if vowel else 'consonant'} sound.",
            suggestion=f"{right}{text[match.end(1):match.end(3)]}",
            confidence=0.9,
        )


@rule(
    code="GRM001",
    name="wrong-indefinite-article",
    category="fluency/grammar",
    severity=Severity.MINOR,
    summary="\"a\" before a vowel sound or \"an\" before a consonant sound (\"a hour\", \"an European\").",
    what="""
        The indefinite article that does not match the sound of the next word: "a" before a
        vowel sound ("a hour", "a honest", "a MP", "a FBI agent") or "an" before a consonant
        sound ("an European", "an university", "an one-off", "an UN official", "an NATO
        summit"). Initialisms read letter by letter take the sound of their first letter's name
        ("an FBI agent", "a UN official", "an EU official"); acronyms read as words take the
        sound of the word ("a NATO summit"). Left alone: words whose first sound the spelling
        leaves open ("an historic", "an hotel", "an herb" are accepted usage), unlisted acronyms
        that could be read either way, "A" that is a letter ("Plan A, a…"), numbers.
    """,
    why="""
        MT systems pick the article before the next word is fixed, and post-editors who replace
        the noun often forget the article; the slip is conspicuous in print.
    """,
    fix="Use the article in the suggestion.",
    must_flag=[
        Example("The talks lasted a hour and ended without a deal.", flags="a hour"),
        Example("He is an European Commission official.", flags="an European"),
        Example("An UN official said the convoy was hit.", flags="An UN"),
        Example("A FBI agent testified on Monday.", flags="A FBI"),
        Example("It was an unique opportunity, an university spokesman said.", flags="an unique"),
    ],
    must_pass=[
        Example("A UN official and an EU diplomat met an FBI agent and a NATO envoy."),
        Example("It was an honest mistake made in an hour by a European and a one-off."),
        Example("An historic agreement was signed in a hotel; an unidentified man watched."),
        Example("The bonds were rated Plan A in an update. Grade A eggs cost more."),
        Example("A U-turn by a Ukrainian MP, an MP from a US-led coalition, and an X-ray."),
    ],
)
def check_indefinite_article(context: CheckContext) -> Iterator[Hit]:
    if context.target_lang != "en":
        return
    # Quotations are checked: a quote is translated copy too. Only other-language sentences
    # are skipped.
    yield from _article_findings(context.text, foreign_sentences(context))


# -- GRM002 ---------------------------------------------------------------------------------

_SINGULAR_PRONOUNS = ("he", "she", "it")
_PLURAL_PRONOUNS = ("they", "we")
_AGREEMENT = re.compile(
    r"(?<![\w'’-])(?P<subject>[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Ww]e)\s+"
    r"(?P<verb>are|have|do|don't|don’t|were|was|has|is|does|doesn't|doesn’t)(?![\w'’-])"
)
_THESE_KIND = re.compile(r"(?<![\w'’-])(?P<det>[Tt]hese|[Tt]hose)\s+(?P<noun>kind|sort|type)\s+of\b")
# Verbs a singular subject pronoun must not take, and their right form.
_WRONG_FOR_SINGULAR = {"are": "is", "have": "has", "do": "does", "don't": "doesn't", "don’t": "doesn’t"}
_WRONG_FOR_PLURAL = {"was": "were", "has": "have", "is": "are", "does": "do", "doesn't": "don't",
                     "doesn’t": "don’t"}
# Before the pronoun, words that make the pronoun an object or the clause a question, an
# infinitive or a subjunctive: "did he have", "let it have", "insist that he have", "make it do".
_NOT_A_SUBJECT_BEFORE = re.compile(
    r"(?:\b(?:do|does|did|will|would|shall|should|can|could|may|might|must|to|not|let|lets|"
    r"make|makes|made|making|help|helps|helped|have|has|had|see|saw|watch|hear|heard|demand|"
    r"demanded|insist|insisted|require|required|suggest|suggested|recommend|recommended|"
    r"request|requested|propose|proposed|that|than|as|what|how|where|when|why|which|who|"
    r"whether|if|whatever|wherever|nor|neither|so|about|because|into|for|with|of|on|in|at|by|"
    r"from|like|watching|seeing|leaving|having|letting|keep|keeping)|['’]ll|['’]d)[\s,]*$",
    re.IGNORECASE,
)


def _agreement_findings(context: CheckContext) -> Iterator[Hit]:
    text = context.text
    quoted = _quoted_ranges(text)

    def in_quote(position: int) -> bool:
        return any(s <= position < e for s, e in quoted)

    for match in _AGREEMENT.finditer(text):
        subject, verb = match.group("subject"), match.group("verb")
        table = _WRONG_FOR_SINGULAR if subject.lower() in _SINGULAR_PRONOUNS else _WRONG_FOR_PLURAL
        if verb not in table or in_quote(match.start()):
            continue  # dialect and speech are quoted as spoken
        before = text[max(0, match.start() - 30):match.start()]
        if _NOT_A_SUBJECT_BEFORE.search(before):
            continue
        if verb in ("have", "do") and subject.lower() == "it":
            continue  # "it" is an object as often as a subject ("to give it have", "get it do")
        right = table[verb]
        yield Hit(
            match.start(),
            match.end(),
            f"“{subject} {verb}”: the verb does not agree with “{subject}”.",
            suggestion=f"{subject} {right}",
            confidence=0.85,
        )
    for match in _THESE_KIND.finditer(text):
        if in_quote(match.start()):
            continue
        determiner, noun = match.group("det"), match.group("noun")
        yield Hit(
            match.start(),
            match.end("noun"),
            f"“{determiner} {noun} of”: a plural determiner with a singular noun.",
            suggestion=f"{determiner} {noun}s",
            confidence=0.85,
        )


@rule(
    code="GRM002",
    name="agreement-slip",
    category="fluency/grammar",
    severity=Severity.MINOR,
    summary="A subject pronoun with a verb of the other number (\"they was\", \"he have\"), \"these kind of\".",
    what="""
        A subject pronoun followed directly by a verb form of the other number: "he/she/it are",
        "he/she have", "he/she/it do(n't)", "they/we was", "they/we has", "they/we is",
        "they/we does(n't)"; and "these/those kind/sort/type of". Not flagged: inside quotation
        marks (speech is quoted as spoken), after words that make the pronoun an object or the
        clause a question or subjunctive ("did he have", "let them", "insist that he have",
        "as it were"), and "it have/do" (too often an object).
    """,
    why="""
        MT systems that lose track of the subject across a long source clause produce these
        slips; they read as careless and are quick to fix.
    """,
    fix="Use the verb form in the suggestion.",
    must_flag=[
        Example("The ministers said they was ready to resume talks.", flags="they was"),
        Example("Officials said he have resigned from the board.", flags="he have"),
        Example("These kind of attacks are rare, the ministry said.", flags="These kind"),
    ],
    must_pass=[
        Example("Asked whether he had resigned, he said he was ready. They were not."),
        Example("Did he have any role? The court demanded that he have a lawyer."),
        Example("\"We was robbed,\" the coach said. These kinds of losses hurt."),
        Example("It is what it is, and we have what they have; as it were, she does."),
    ],
)
def check_agreement(context: CheckContext) -> Iterator[Hit]:
    if context.target_lang != "en":
        return
    yield from _agreement_findings(context)
