"""Terminal report (placeholder until the full renderer lands)."""

from __future__ import annotations

from collections.abc import Sequence

from mtcheck.types import Report


def render(reports: Sequence[Report], *, color: bool = False) -> str:
    lines = []
    for report in reports:
        lines.append(f"{report.origin}: {report.language.code} score {report.score} {report.verdict}")
        for f in report.findings:
            lines.append(f"  {f.start}-{f.end} {f.code} {f.severity.value} {f.text!r}: {f.message}")
        lines.append(f"  signature: {report.signature}")
    return "\n".join(lines) + "\n"
