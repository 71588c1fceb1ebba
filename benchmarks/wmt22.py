"""The WMT22 news documents in ../shared/data/wmt22/*.jsonl, as the benchmarks read them."""

from __future__ import annotations

import json
from pathlib import Path


def load_documents(data_dir: Path) -> list[dict]:
    """Every document of every ``*.jsonl`` file in ``data_dir``, files in name order."""
    documents = []
    for path in sorted(data_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            documents.extend(json.loads(line) for line in handle if line.strip())
    return documents
