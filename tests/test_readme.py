"""The README stays true: its two set-up commands, CI, and the outputs it quotes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from mtcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _between(begin: str, end: str) -> str:
    return README.split(begin, 1)[1].split(end, 1)[0]


def _setup_commands() -> list[str]:
    section = _between("## Set-up: two commands", "\n## ")
    return re.findall(r"```sh\n(.*?)\n```", section, re.S)


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one() -> None:
    commands = _setup_commands()
    assert len(commands) == 2
    run_seed, run_tests = commands
    assert "mtcheck check seeds/putin-yerevan-baku.txt" in run_seed
    assert "pytest" in run_tests
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert run_tests in ci_script.splitlines()
    assert (ROOT / ".ci" / "run").stat().st_mode & 0o111, ".ci/run must be executable"


def test_worked_example_is_the_real_output() -> None:
    quoted = _between("<!-- example:begin -->\n```text\n", "```\n<!-- example:end -->")
    result = CliRunner().invoke(app, ["check", "seeds/putin-yerevan-baku.txt", "--no-color"])
    assert result.stdout == quoted, "update the README's worked example (after reviewing it)"


def test_json_example_is_the_real_output() -> None:
    quoted = json.loads(_between("<!-- json-example:begin -->\n```json\n", "```\n<!-- json-example:end -->"))
    result = CliRunner().invoke(app, ["check", "seeds/putin-yerevan-baku.txt", "--format", "json"])
    real = json.loads(result.stdout)
    real["segments"] = real["segments"][:2]
    assert real == quoted
