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
