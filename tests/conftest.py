"""Shared fixtures. The translation-model fixtures build a tiny MarianMT offline (see
tests/mt_fixtures.py) once per test session; tests that use them skip cleanly when the ``mt``
extra (torch, transformers, sentencepiece, ctranslate2) is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny English -> Portuguese MarianMT folder that reproduces mt_fixtures.FIXTURE_PAIRS."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("sentencepiece")
    from mt_fixtures import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian") / "opus-mt-tiny-en-pt")


@pytest.fixture(scope="session")
def tiny_marian_ct2(tiny_marian: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same model converted to CTranslate2 (float32), tokenizer files copied in."""
    pytest.importorskip("ctranslate2")
    from mt_fixtures import convert_to_ctranslate2

    return convert_to_ctranslate2(tiny_marian, tmp_path_factory.mktemp("tiny-marian-ct2") / "opus-mt-tiny-en-pt-ct2")
