"""The calque benchmark's paragraphs are well formed (issue 5: >= 60 per major pack)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HELDOUT = REPO / "benchmarks" / "data" / "calques" / "heldout"


def _bench():
    spec = importlib.util.spec_from_file_location("calques_bench", REPO / "benchmarks" / "calques_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("calques_bench", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("pack", ["ar-en", "ru-en", "fr-en"])
def test_heldout_sets_have_60_marked_paragraphs(pack: str) -> None:
    rows = _bench().read_marked(HELDOUT / f"{pack}.tsv")
    assert len(rows) >= 60
    assert len({row.identifier for row in rows}) == len(rows)
    assert sum(len(row.spans) for row in rows) >= 60
    for row in rows:
        assert "[[" not in row.text and "]]" not in row.text, row.identifier
        for start, end, accepted in row.spans:
            assert row.text[start:end].strip() == row.text[start:end] != "", row.identifier
            assert accepted, row.identifier


def test_marks_are_read_with_exact_offsets() -> None:
    bench = _bench()
    path = HELDOUT / "ar-en.tsv"
    raw = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("ar-h001\t"))
    row = next(r for r in bench.read_marked(path) if r.identifier == "ar-h001")
    spans = [row.text[start:end] for start, end, _ in row.spans]
    assert spans == re.findall(r"\[\[([^\]|]+)\|", raw)
    assert row.spans[0][2] == ("on Monday",)
