"""The machine-readable report, ``mtcheck.report/1`` (schema: mtcheck/schema/report-1.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from mtcheck.types import LanguageGuess, Report, WireItem

SCHEMA_ID = "mtcheck.report/1"


def _language(guess: LanguageGuess) -> dict[str, Any]:
    return {"code": guess.code, "confidence": round(guess.confidence, 4), "method": guess.method}


def _item(item: WireItem) -> dict[str, Any]:
    """The wire item's own identity (NITF, NewsML-G2, ninjs); only in reports of wire items."""
    return {
        "format": item.format,
        "guid": item.guid,
        "version": item.version,
        "language": item.language,
        "headline": item.headline,
        "byline": item.byline,
        "dateline": item.dateline,
        "index": item.index,
        "count": item.count,
        "parts": [{"name": name, "start": start, "end": end} for name, start, end in item.parts],
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    head: dict[str, Any] = {"schema": SCHEMA_ID, "id": report.id, "origin": report.origin}
    if report.item is not None:
        head["item"] = _item(report.item)  # absent for plain text/HTML: those reports are unchanged
    return head | {
        "language": _language(report.language),
        "source_language": _language(report.source_language),
        "words": report.words,
        "score": report.score,
        "verdict": report.verdict,
        "penalty": report.penalty,
        "findings": [f.to_dict() for f in report.findings],
        "metrics": report.metrics,
        "segments": [
            {
                "index": s.segment.index,
                "paragraph": s.segment.paragraph,
                "start": s.segment.start,
                "end": s.segment.end,
                "language": _language(s.language),
            }
            for s in report.segments
        ],
        "signature": report.signature,
        "skipped": [{"code": s.code, "reason": s.reason} for s in report.skipped],
        "incomplete": report.incomplete,
        "error": None if report.error is None else {"type": report.error.type, "message": report.error.message},
    }


def dumps(report: Report) -> str:
    """One report as one line of JSON; byte-identical for the same input and options."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def render(reports: Sequence[Report], *, color: bool = False) -> str:
    """One report: a JSON object. Several: a JSON array."""
    payload: Any = report_to_dict(reports[0]) if len(reports) == 1 else [report_to_dict(r) for r in reports]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(reports: Sequence[Report], *, color: bool = False) -> str:
    return "".join(dumps(r) + "\n" for r in reports)
