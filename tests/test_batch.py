"""`mtcheck batch`: one report per input line, in order, nothing lost, as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "mtcheck" / "schema" / "report-1.schema.json").read_text())
SEED = (ROOT / "seeds" / "putin-yerevan-baku.txt").read_text(encoding="utf-8")

GOOD = [
    {"id": "seed", "text": SEED, "lang": "en"},
    {"id": "fr", "text": "Le président russe a appelé mardi l'Arménie et l'Azerbaïdjan à la retenue "
     "après les combats les plus meurtriers depuis 2020.", "lang": "en"},
    {"id": 42, "text": "Oil prices fell on Monday as traders weighed new supply data from OPEC."},
    {"text": "The central bank raised its key rate by half a point on Thursday, its third rise this year."},
]


def _batch(payload: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "mtcheck", "batch", "-", *args],
        input=payload,
        capture_output=True,
        timeout=120,
    )


def _jsonl(records: list) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_one_report_per_line_in_order_with_broken_records(workers: str) -> None:
    lines = [
        _jsonl(GOOD[:1]),
        b"{not json at all\n",
        _jsonl(GOOD[1:2]),
        b'{"id": "surrogate", "text": "bad \\ud800 half"}\n',
        b'{"id": "no-text"}\n',
        b"\n",
        b"[1, 2, 3]\n",
        b'{"id": "bytes", "text": "caf\xe9"}\n',
        _jsonl(GOOD[2:]),
    ]
    result = _batch(b"".join(lines), "--workers", workers)
    assert result.returncode == 2, result.stderr  # some records were broken
    assert b"Traceback" not in result.stderr
    assert result.stderr.decode().strip().count("\n") == 0  # the summary, one line
    reports = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(reports) == 10
    for report in reports:
        jsonschema.validate(report, SCHEMA)
    ids = [r["id"] for r in reports]
    assert ids == ["seed", "2", "fr", "surrogate", "no-text", "6", "7", "bytes", "42", "10"]
    errors = {r["id"]: r["error"]["type"] for r in reports if r["error"]}
    assert errors == {"2": "json", "surrogate": "encoding", "no-text": "record", "6": "json", "7": "record", "bytes": "json"}
    assert [f["code"] for f in reports[2]["findings"]] == ["LNG001"]


def test_output_file_is_written_whole_and_exit_1_on_a_failing_record(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(_jsonl(GOOD))
    out = tmp_path / "out.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "mtcheck", "batch", str(source), "-o", str(out), "--workers", "2"],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 1  # the French record fails; none is broken
    assert result.stdout == b""
    reports = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in reports] == ["seed", "fr", "42", "4"]
    assert {p.name for p in tmp_path.iterdir()} == {"in.jsonl", "out.jsonl"}  # no temporary left


def test_batch_output_is_byte_identical_across_runs_and_worker_counts() -> None:
    payload = _jsonl(GOOD * 20)
    one = _batch(payload, "--workers", "1").stdout
    again = _batch(payload, "--workers", "1").stdout
    two = _batch(payload, "--workers", "2").stdout
    assert one == again == two
    assert len(one.splitlines()) == 80


def test_batch_exit_0_when_everything_passes() -> None:
    result = _batch(_jsonl([GOOD[2], GOOD[3]]))
    assert result.returncode == 0
    assert b"2 records: 2 pass" in result.stderr


def test_a_missing_input_file_is_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mtcheck", "batch", "/nonexistent/in.jsonl"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr == "mtcheck: error: /nonexistent/in.jsonl: no such file\n"


def test_progress_goes_to_stderr_only_and_never_into_the_output() -> None:
    result = _batch(_jsonl(GOOD[2:]), "--progress")
    assert result.returncode == 0
    assert b"\rmtcheck: 2/" in result.stderr or b"\rmtcheck: 2 records" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["42", "2"]


def test_a_record_whose_check_fails_is_an_error_line_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """check_record goes through pipeline.safe_check: an InputError keeps its type, anything else
    is an "internal" error report; the origin is the record's line."""
    from mtcheck import batch, pipeline
    from mtcheck.config import Config
    from mtcheck.errors import InputError

    real_check = pipeline.check_article

    def flaky(article, config):  # noqa: ANN001, ANN202
        if "boom" in article.text:
            raise RuntimeError("boom")
        if "model" in article.text:
            raise InputError("no translation model installed", type="model")
        return real_check(article, config)

    monkeypatch.setattr(pipeline, "check_article", flaky)
    batch._init_worker(Config())
    lines = [
        json.dumps({"id": f"r{i}", "text": text}).encode()
        for i, text in enumerate(["It went boom.", "The model is missing.", "The minister said on Monday the talks would go on."], 1)
    ]
    results = [batch.check_record((number, raw)) for number, raw in enumerate(lines, 1)]
    reports = [json.loads(line) for line, _ in results]
    assert [outcome for _, outcome in results][:2] == ["error", "error"] and results[2][1] != "error"
    assert reports[0]["error"] == {"type": "internal", "message": "RuntimeError: boom"} and reports[0]["origin"] == "line 1"
    assert reports[1]["error"]["type"] == "model" and reports[1]["origin"] == "line 2"
    assert reports[2]["error"] is None and reports[2]["id"] == "r3"
