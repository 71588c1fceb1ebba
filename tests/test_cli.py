"""The command line, through typer's CliRunner and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "putin-yerevan-baku.txt"
FRENCH = (
    "Le président russe Vladimir Poutine a appelé mardi l'Arménie et l'Azerbaïdjan à la retenue, "
    "après les affrontements les plus meurtriers depuis 2020 entre les deux pays du Caucase."
)

runner = CliRunner()


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def test_check_seed_prints_a_scored_report() -> None:
    result = run("check", str(SEED), "--no-color")
    assert result.exit_code == 0, result.output
    assert "putin-yerevan-baku.txt" in result.output
    assert "signature" in result.output.lower()


def test_check_json_is_the_contract_and_deterministic() -> None:
    first = run("check", str(SEED), "--format", "json")
    second = run("check", str(SEED), "--format", "json")
    assert first.exit_code == 0
    assert first.stdout == second.stdout
    report = json.loads(first.stdout)
    assert report["schema"] == "mtcheck.report/1"
    assert report["language"]["code"] == "en"
    assert 0 <= report["score"] <= 100
    assert report["verdict"] in {"pass", "review", "fail"}
    text = SEED.read_text(encoding="utf-8")
    for finding in report["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["text"]


def test_wrong_declared_language_fails_with_exit_1(tmp_path: Path) -> None:
    article = tmp_path / "fr.txt"
    article.write_text(FRENCH, encoding="utf-8")
    result = run("check", str(article), "--lang", "en", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["verdict"] == "fail"
    assert [f["code"] for f in report["findings"]] == ["LNG001"]
    # Declaring the right language passes it.
    assert run("check", str(article), "--lang", "fr").exit_code == 0
    # Without LNG001 the French clauses are reported one by one as untranslated text...
    clauses = json.loads(run("check", str(article), "--lang", "en", "--ignore", "LNG", "-f", "json").stdout)
    assert {f["code"] for f in clauses["findings"]} == {"UNT001"}
    # ...and ignoring both families by prefix leaves nothing to report.
    assert run("check", str(article), "--lang", "en", "--ignore", "LNG,UNT").exit_code == 0


def test_fail_under_turns_a_low_score_into_exit_1(tmp_path: Path) -> None:
    article = tmp_path / "fr.txt"
    article.write_text(FRENCH, encoding="utf-8")
    assert run("check", str(SEED), "--fail-under", "100.0", "--select", "LNG").exit_code == 0
    assert run("check", str(article), "--lang", "en", "--fail-under", "50", "--min-severity", "critical").exit_code == 1


def test_min_severity_filters_findings(tmp_path: Path) -> None:
    article = tmp_path / "fr.txt"
    article.write_text(FRENCH, encoding="utf-8")
    kept = json.loads(run("check", str(article), "--lang", "en", "-f", "json", "--min-severity", "critical").stdout)
    assert [f["severity"] for f in kept["findings"]] == ["critical"]
    assert "min:critical" in kept["signature"]


def test_stdin_directories_and_globs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The central bank raised its key rate by half a point on Thursday.")
    (tmp_path / "b.txt").write_text("Oil prices fell on Monday as traders weighed new supply data.")
    from_stdin = run("check", "-", "-f", "json", input=SEED.read_bytes())
    assert from_stdin.exit_code == 0
    assert json.loads(from_stdin.stdout)["words"] > 300
    folder = json.loads(run("check", str(tmp_path), "-f", "json").stdout)
    assert [Path(r["origin"]).name for r in folder] == ["a.txt", "b.txt"]
    pattern = json.loads(run("check", str(tmp_path / "*.txt"), "-f", "json").stdout)
    assert len(pattern) == 2


def test_output_file_and_every_format(tmp_path: Path) -> None:
    for fmt, marker in [("text", "signature"), ("json", '"schema"'), ("jsonl", '"schema"'), ("markdown", "#"), ("html", "<!DOCTYPE html>")]:
        out = tmp_path / f"report.{fmt}"
        result = run("check", str(SEED), "-f", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
        content = out.read_text(encoding="utf-8")
        assert marker.lower() in content.lower(), fmt
    assert json.loads((tmp_path / "report.jsonl").read_text().strip())["id"] == "putin-yerevan-baku.txt"


def test_input_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
    for path in (tmp_path / "missing.txt", empty, binary):
        result = run("check", str(path))
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("mtcheck: error:"), result.stderr
        assert "Traceback" not in result.output


def test_one_bad_file_among_good_ones_still_reports_the_good_ones(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The central bank raised its key rate by half a point on Thursday.")
    result = run("check", str(good), str(tmp_path / "missing.txt"), "-f", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["id"] == "good.txt"
    assert "missing.txt" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(SEED), "--format", "pdf"],
        ["check", str(SEED), "--select", "NOPE"],
        ["check", str(SEED), "--min-severity", "fatal"],
        ["check", str(SEED), "--lang", "english"],
        ["check", str(SEED), str(ROOT / "README.md"), "--source", str(SEED)],
        ["explain", "XYZ999"],
        ["batch", "missing.jsonl"],
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("mtcheck: error:")


def test_rules_lists_every_rule_and_explain_documents_one() -> None:
    from mtcheck.registry import all_rules

    listing = run("rules")
    assert listing.exit_code == 0
    for rule in all_rules():
        assert rule.code in listing.stdout
        explained = run("explain", rule.code.lower())
        assert explained.exit_code == 0
        for section in ("What it flags", "Why it matters", "Example", "Suggestion"):
            assert section in explained.stdout, (rule.code, section)
        assert "this is a bug" not in explained.stdout
    as_json = json.loads(run("rules", "--format", "json").stdout)
    assert {r["code"] for r in as_json} == {r.code for r in all_rules()}


def test_readme_rule_list_is_generated_from_the_registry() -> None:
    from mtcheck.rules_doc import README_BEGIN, README_END, render_rule_list

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    generated = readme.split(README_BEGIN, 1)[1].split(README_END, 1)[0].strip()
    assert generated == render_rule_list("markdown").strip(), "run: mtcheck rules --format markdown"


def test_subprocess_usage_error_has_no_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mtcheck", "check", "--format", "xml", str(SEED)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("mtcheck: error:")
    assert "Traceback" not in result.stderr
