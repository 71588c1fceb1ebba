"""Terminal report for the copy desk: a header per article, then each finding in its sentence.

With ``color=False`` the output is plain text fit for a log: the span is marked ⟦like this⟧.
Brackets rather than a caret line underneath, because carets misalign under wide (CJK) and
right-to-left (Arabic) text, and rather than »…« because French copy uses guillemets itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from mtcheck.report._excerpt import (
    ReportView,
    format_confidence,
    format_metric,
    format_score,
    id_worth_showing,
    make_visible,
    one_line,
    severity_counts,
    skipped_by_reason,
    totals_line,
)
from mtcheck.types import Finding, Report, Severity

SPAN_OPEN, SPAN_CLOSE = "⟦", "⟧"
INDENT = "  "

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_SEVERITY_STYLE = {
    Severity.CRITICAL: "\x1b[1;31m",  # bold red
    Severity.MAJOR: "\x1b[33m",  # yellow
    Severity.MINOR: "\x1b[36m",  # cyan
    Severity.NEUTRAL: "\x1b[2m",  # dim: listed, not counted
}
_SPAN_STYLE = {  # underlined, in the severity colour, so the span reads even without colour vision
    Severity.CRITICAL: "\x1b[4;1;31m",
    Severity.MAJOR: "\x1b[4;33m",
    Severity.MINOR: "\x1b[4;36m",
    Severity.NEUTRAL: "\x1b[4;2m",
}
_VERDICT_STYLE = {"pass": "\x1b[1;32m", "review": "\x1b[1;33m", "fail": "\x1b[1;31m"}


class _Painter:
    """Applies ANSI styles only when colour is on, so the layout code is written once."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, style: str, text: str) -> str:
        return f"{style}{text}{_RESET}" if self.color and text else text


def render(reports: Sequence[Report], *, color: bool = False) -> str:
    paint = _Painter(color)
    blocks = [_render_report(report, paint) for report in reports]
    if len(reports) > 1:
        blocks.append(paint(_BOLD, totals_line(reports)) + "\n")
    return "\n".join(blocks)


def _render_report(report: Report, paint: _Painter) -> str:
    title = _clean(report.origin or report.id or "(unnamed)")
    if report.error is not None:
        # One line, so a batch log stays greppable: origin, ERROR, type, message.
        return (
            f"{paint(_BOLD, title)}: {paint(_VERDICT_STYLE['fail'], 'ERROR')} "
            f"{_clean(report.error.type)}: {_clean(report.error.message)}\n"
        )

    lines: list[str] = [paint(_BOLD, title) + (f"  (id {_clean(report.id)})" if id_worth_showing(report) else "")]
    if report.item is not None:
        lines.append(INDENT + _clean(report.item.summary()))
    lines.append(INDENT + " · ".join(_header_facts(report)))
    verdict = report.verdict or "?"
    counts = severity_counts(report.findings)
    count_text = ", ".join(paint(_SEVERITY_STYLE[s], f"{n} {s.value}") if n else f"{n} {s.value}" for s, n in counts.items())
    lines.append(
        f"{INDENT}score {paint(_BOLD, format_score(report.score))} · "
        f"{paint(_VERDICT_STYLE.get(verdict, _BOLD), verdict.upper())} · {count_text}"
        + (" · incomplete" if report.incomplete else "")
    )
    if report.metrics:
        metrics = " · ".join(f"{_clean(str(k))} {format_metric(v)}" for k, v in sorted(report.metrics.items()))
        lines.append(f"{INDENT}metrics: {metrics}")

    view = ReportView(report)
    for number, finding in enumerate(report.findings, 1):
        lines.append("")
        lines.extend(_render_finding(number, finding, view, paint))

    if report.findings:
        lines.append("")
    else:
        lines.append(f"{INDENT}no findings")
    for reason, codes in skipped_by_reason(report):
        lines.append(f"{INDENT}skipped {', '.join(_clean(c) for c in codes)}: {_clean(reason)}")
    lines.append(paint(_DIM, f"{INDENT}signature {_clean(report.signature)}"))
    return "\n".join(lines) + "\n"


def _header_facts(report: Report) -> list[str]:
    language = report.language
    facts = [f"language {_clean(language.code)} ({format_confidence(language.confidence)})"]
    source = report.source_language
    if source.code != "und":
        how = "given" if source.method == "given" else format_confidence(source.confidence)
        facts.append(f"source {_clean(source.code)} ({how})")
    else:
        facts.append("source unknown")
    facts.append(f"{report.words} word{'s' if report.words != 1 else ''}")
    return facts


def _render_finding(number: int, finding: Finding, view: ReportView, paint: _Painter) -> list[str]:
    line, column = view.position(finding.start)
    end_line, end_column = view.position(max(finding.end - 1, finding.start))
    where = f"{line}:{column}" + (f"–{end_line}:{end_column}" if end_line != line else "")
    severity = finding.severity
    head = (
        f"{INDENT}{number}. {paint(_SEVERITY_STYLE[severity], severity.value.upper())} "
        f"{paint(_BOLD, _clean(finding.code))} {_clean(finding.name)}  {where}"
    )
    if finding.confidence < 1:
        head += paint(_DIM, f"  confidence {format_confidence(finding.confidence)}")
    out = [head, f"{INDENT * 2}{_clean(finding.message)}"]
    if finding.suggestion is not None:
        out.append(f"{INDENT * 2}→ {paint(_BOLD, _clean(finding.suggestion) or '(delete)')}")

    shown = view.excerpt(finding)
    if paint.color:
        marked = paint(_SPAN_STYLE[severity], shown.span)
    else:
        marked = f"{SPAN_OPEN}{shown.span}{SPAN_CLOSE}"
    quote = (
        ("…" if shown.clipped_before else "")
        + shown.before
        + marked
        + shown.after
        + ("…" if shown.clipped_after else "")
    )
    out.append(f"{INDENT * 2}│ {quote}")
    if shown.span_truncated:
        out.append(paint(_DIM, f"{INDENT * 2}│ (span of {shown.span_length} characters, shortened)"))
    return out


def _clean(text: str) -> str:
    """Rule messages and origins can quote the article: one line, nothing that drives the terminal."""
    return make_visible(one_line(text))
