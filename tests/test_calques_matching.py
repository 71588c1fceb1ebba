"""How pack matches are reported: which pack speaks when several match the same words, and how
the suggestion's first letter follows the sentence (issue 5, pack engine)."""

from __future__ import annotations

from mtcheck.checks.calques import find_calques
from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.types import Article


def _findings(text: str, lang: str = "en", **article):
    report = check_article(Article(id="t", text=text, lang=lang, **article), Config())
    return [f for f in report.findings if f.code[:3] in ("CAL", "STY")]


def _entry(finding) -> str:
    return finding.message.rsplit("[pattern ", 1)[-1].rstrip("]")


def _suggestion_for(text: str, flagged: str, lang: str = "en") -> str | None:
    for match in find_calques(text, lang):
        for candidate in match.candidates:
            if text[candidate.start : candidate.end] == flagged:
                return candidate.suggestion
    raise AssertionError(f"{flagged!r} not matched in {text!r}")


# --- capitalisation ---------------------------------------------------------------------------


def test_sentence_initial_span_gets_a_capitalised_suggestion() -> None:
    assert _suggestion_for("Presidente Biden anunció nuevas sanciones.", "Presidente", "es") == "El presidente"
    assert _suggestion_for("In the course of the talks, they agreed.", "In the course of") == "During"


def test_a_capital_mid_sentence_does_not_capitalise_the_suggestion() -> None:
    # Spanish titles take a lower case; the capital of the flagged title is what is wrong.
    assert _suggestion_for("Ayer, Presidente Biden anunció nuevas sanciones.", "Presidente", "es") == "el presidente"
    # An English institution named mid-sentence: "the Interior Ministry", not "The Interior Ministry".
    text = "Fines are imposed, the Ministry of Internal Affairs explained."
    assert _suggestion_for(text, "the Ministry of Internal Affairs") == "the Interior Ministry"


def test_a_capital_the_pack_wrote_is_kept() -> None:
    assert _suggestion_for("Troops entered the Zionist entity at dawn.", "the Zionist entity") == "Israel"


# --- several packs on the same words ----------------------------------------------------------

FRENCH_MT = (
    "The President of the Republic will travel to Algeria at the end of the month. "
    "In the night of Saturday to Sunday, a fire ravaged a building in Marseille; the balance is "
    "three dead. Two men were interpellated, the parquet said."
)


def test_the_pack_of_the_inferred_source_reports_a_shared_phrase() -> None:
    findings = _findings(FRENCH_MT)
    president = next(f for f in findings if f.text == "The President of the Republic")
    assert _entry(president).startswith("fr-en-"), president.message


def test_the_pack_of_a_given_source_reports_a_shared_phrase() -> None:
    text = "The President of the Republic will travel to Algeria at the end of the month."
    for source, prefix in (("fr", "fr-en-"), ("ar", "ar-en-")):
        findings = _findings(text, source_lang=source)
        president = next(f for f in findings if f.text == "The President of the Republic")
        assert _entry(president).startswith(prefix), (source, president.message)


def test_one_finding_per_place_whoever_reports_it() -> None:
    findings = _findings(FRENCH_MT)
    spans = [(f.start, f.end) for f in findings]
    assert len(spans) == len(set(spans))
    for (start, end), (next_start, _) in zip(sorted(spans), sorted(spans)[1:]):
        assert end <= next_start


def test_a_source_text_decides_which_pack_reports() -> None:
    text = "The President of the Republic will travel to Algeria at the end of the month."
    source = "Le président de la République se rendra en Algérie à la fin du mois, a annoncé l'Élysée."
    findings = _findings(text, source=source)
    president = next(f for f in findings if f.text == "The President of the Republic")
    assert _entry(president).startswith("fr-en-"), president.message


def test_the_longest_match_at_a_place_reports_when_no_source_is_known() -> None:
    # es-en flags "The actual president", fr-en only "actual": the longer span reports.
    findings = _findings("The actual president of the club, Joan Laporta, denied the report.")
    assert [f.text for f in findings if "actual" in f.text] == ["The actual president"]


def test_context_a_pattern_reads_does_not_hide_the_next_calque() -> None:
    # "engaged itself to" flags "engaged itself"; "to revalorize ... of 10%" flags "of": the calques
    # in between and after are still found, and no two flagged spans overlap.
    text = "The government engaged itself to revalorize the salaries of teachers of 10% next year."
    flagged = [text[m.start : m.end] for m in find_calques(text, "en")]
    assert flagged == ["engaged itself", "revalorize", "of"]


def _entry_ids(text: str, target: str = "en") -> set[str]:
    return {candidate.entry.id for match in find_calques(text, target) for candidate in match.candidates}


def test_prefilter_sees_letters_the_engine_folds_to_ascii() -> None:
    # The engine matches (?i)i to "İ" and "ı", s to "ſ", k to the Kelvin sign; str.lower() does
    # not map them to those letters, so the prefilter folds them first or loses the entry.
    plain = "Putin calls Yerevan and Baku to calm down, knowing that Russia is an ally."
    expected = _entry_ids(plain)
    assert expected
    for odd, letter in (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k")):
        folded = plain.replace(letter, odd).replace(letter.upper(), odd)
        assert _entry_ids(folded) == expected, odd


def test_each_copy_language_keeps_its_own_cached_prefilter(tmp_path, monkeypatch) -> None:
    from mtcheck.checks import calques

    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    for target in ("en", "fr"):
        calques._lazy_entries([e for e in calques.all_entries() if e.target == target])
    assert len(list(tmp_path.glob("data-*.marshal"))) == 2  # one per language, not one evicting the other
