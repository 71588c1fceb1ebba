"""Likely source language: inferred from translationese when no source is given."""

from __future__ import annotations

from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.source_inference import MINIMUM_EVIDENCE, decide
from mtcheck.types import Article

ARABIC_MT = (
    "The minister affirmed on the importance of unity, knowing that the talks resumed. "
    "The visit comes within the framework of efforts to end the Ukrainian war. "
    "It is worth mentioning that the conflict in the nineties of the last century killed thousands."
)
EDITED = (
    "Russia's central bank cut its key rate to 7.5% on Friday, citing slowing inflation. "
    "Economists polled by Reuters had expected a smaller cut."
)


def _source(text: str, **article) -> object:
    return check_article(Article(id="t", text=text, **article), Config()).source_language


def test_arabic_translationese_is_inferred_as_arabic() -> None:
    guess = _source(ARABIC_MT)
    assert (guess.code, guess.method) == ("ar", "inferred")
    assert 0.6 <= guess.confidence <= 1.0


def test_edited_copy_stays_undetermined() -> None:
    guess = _source(EDITED)
    assert (guess.code, guess.method) == ("und", "none")


def test_a_given_source_language_wins() -> None:
    guess = _source(ARABIC_MT, source_lang="fr")
    assert (guess.code, guess.method) == ("fr", "given")


def test_one_phrase_alone_is_thin_evidence() -> None:
    assert decide({"ar": MINIMUM_EVIDENCE - 1}).code == "und"


def test_mixed_evidence_is_undetermined() -> None:
    assert decide({"ar": 5, "fr": 4}).code == "und"
    assert decide({"ar": 9, "fr": 1}).code == "ar"


def test_confidence_grows_with_evidence() -> None:
    assert decide({"ar": 4}).confidence < decide({"ar": 9}).confidence


def test_a_family_of_languages_does_not_hide_the_leader() -> None:
    # Five French calques that also hint at Spanish, Italian and Portuguese: French leads clearly.
    assert decide({"fr": 15, "es": 10, "it": 10, "pt": 10}).code == "fr"
    # A near tie between two languages stays undetermined.
    assert decide({"fr": 6, "es": 5}).code == "und"
    assert decide({"ru": 5, "uk": 4}).code == "und"


def test_french_mt_article_is_inferred_as_french() -> None:
    french_mt = (
        "In the night of Saturday to Sunday, a fire ravaged a building in Marseille. The balance is "
        "three dead, according to the firefighters.\n\n"
        "Several thousand people marched this Tuesday at the call of the syndicates. Two men were "
        "interpellated, the parquet said."
    )
    guess = _source(french_mt)
    assert (guess.code, guess.method) == ("fr", "inferred")


def test_russian_mt_article_is_inferred_as_russian() -> None:
    russian_mt = (
        "It became known that the governor will attend. In the subjects of the Russian Federation, "
        "18,000 new cases were detected, the operational headquarters reported.\n\n"
        "The AFU shelled the village of Tetkino, the head of the region said."
    )
    guess = _source(russian_mt)
    assert (guess.code, guess.method) == ("ru", "inferred")
