from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.config import Config, ConfigError, load_config
from mtcheck.registry import select_rules
from mtcheck.types import Severity


def test_defaults_when_no_file(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config == Config()


def test_pyproject_tool_table_is_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "desk"\n\n[tool.mtcheck]\nignore = ["REP"]\nmin-severity = "major"\n'
        "fail-under = 95\n[tool.mtcheck.weights]\nmajor = 4\n"
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    config = load_config(start=nested)
    assert config.ignore == ("REP",)
    assert config.min_severity is Severity.MAJOR
    assert config.fail_under == 95
    assert config.weights == {"minor": 1.0, "major": 4.0, "critical": 25.0}
    assert config.path == str(tmp_path / "pyproject.toml")


def test_mtcheck_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mtcheck]\nignore = ["REP"]\n')
    (tmp_path / "mtcheck.toml").write_text('select = ["LNG"]\nlang = "en"\n')
    config = load_config(start=tmp_path)
    assert config.select == ("LNG",)
    assert config.ignore == ()
    assert config.lang == "en"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('selct = ["REP"]\n', "unknown key"),
        ('select = ["XYZ"]\n', "no rule matches"),
        ('min-severity = "fatal"\n', "unknown severity"),
        ('lang = "english"\n', "ISO 639-1"),
        ("select = [\n", "invalid TOML"),
        ('lid-backend = "cld3"\n', "lid-backend"),
    ],
)
def test_bad_settings_give_one_line_errors(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "mtcheck.toml").write_text(content)
    with pytest.raises(ConfigError) as raised:
        load_config(start=tmp_path)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    assert str(tmp_path / "mtcheck.toml") in str(raised.value)


def test_selection_by_prefix_and_ignore() -> None:
    every = {r.code for r in select_rules()}
    assert "LNG001" in every
    only_lng = {r.code for r in select_rules(("LNG",))}
    assert only_lng == {c for c in every if c.startswith("LNG")}
    assert "LNG001" not in {r.code for r in select_rules(("ALL",), ("LNG001",))}


def test_command_line_overrides_file(tmp_path: Path) -> None:
    (tmp_path / "mtcheck.toml").write_text('min-severity = "critical"\n')
    config = load_config(start=tmp_path).with_overrides(min_severity=Severity.MINOR, select=None)
    assert config.min_severity is Severity.MINOR
