"""Markdown report, for pasting into a ticket or a CMS note.

Everything that is not ours (article text, rule messages that quote it, file names) goes through
``escape_markdown``: ``<``, ``>`` and ``&`` become entities (so no HTML gets through to renderers
that allow it), other Markdown punctuation is backslash-escaped (so no emphasis, link, code span,
table cell or heading is started by the article), and text is kept on one line.
"""

from __future__ import annotations

import re
import unicodedata
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
from mtcheck.types import Finding, Report

# Punctuation that opens or closes a construct anywhere in a line (emphasis, code, links, table
# cells, strikethrough; braces for template engines that run before Markdown).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Punctuation that matters only at the start of a line: headings, bullets, ordered lists.
_BLOCK_AT_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s|$)|-{3,}|\d+[.)](?=\s|$))")


def escape_markdown(text: str) -> str:
    """Text that renders literally in CommonMark/GFM, on one line, inside or outside a table."""
    flat = make_visible(one_line(text))
    escaped = "".join(_ENTITIES.get(char, char) for char in flat)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    return _BLOCK_AT_LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)[:-1]}\\{m.group(2)[-1]}", escaped)


def render(reports: Sequence[Report], *, color: bool = False) -> str:
    parts = ["# mtcheck report\n"]
    if len(reports) > 1:
        parts.append(escape_markdown(totals_line(reports)) + "\n")
    parts.extend(_render_report(report) for report in reports)
    return "\n".join(parts)


def _render_report(report: Report) -> str:
    title = escape_markdown(report.origin or report.id or "(unnamed)")
    lines = [f"## {title}", ""]
    if id_worth_showing(report):
        lines += [f"ID: {escape_markdown(report.id)}", ""]
    if report.item is not None:
        lines += [f"Item: {escape_markdown(report.item.summary())}", ""]
    if report.error is not None:
        lines += [f"**Error** ({escape_markdown(report.error.type)}): {escape_markdown(report.error.message)}", ""]
        lines += [f"Signature: {_code(report.signature)}", ""]
        return "\n".join(lines)

    counts = severity_counts(report.findings)
    source = report.source_language
    source_text = (
        "unknown" if source.code == "und" else f"{escape_markdown(source.code)} ({'given' if source.method == 'given' else format_confidence(source.confidence)})"
    )
    lines += [
        "| Score | Verdict | Language | Source language | Words | "
        + " | ".join(severity.value.capitalize() for severity in counts)
        + " |",
        "| ---: | :---: | :---: | :---: | ---: |" + " ---: |" * len(counts),
        (
            f"| {format_score(report.score)} | **{(report.verdict or '?').upper()}** "
            f"| {escape_markdown(report.language.code)} ({format_confidence(report.language.confidence)}) "
            f"| {source_text} | {report.words} | " + " | ".join(str(n) for n in counts.values()) + " |"
        ),
        "",
    ]
    if report.incomplete:
        lines += ["*Incomplete: some rules were skipped (see below).*", ""]
    if report.metrics:
        metrics = ", ".join(f"{escape_markdown(str(k))} {escape_markdown(format_metric(v))}" for k, v in sorted(report.metrics.items()))
        lines += [f"Metrics: {metrics}", ""]

    lines += [f"### Findings ({len(report.findings)})", ""]
    if not report.findings:
        lines += ["No findings.", ""]
    view = ReportView(report)
    for number, finding in enumerate(report.findings, 1):
        lines += _render_finding(number, finding, view)

    if report.skipped:
        lines += ["### Skipped rules", ""]
        lines += [
            f"- {', '.join(_code(code) for code in codes)}: {escape_markdown(reason)}"
            for reason, codes in skipped_by_reason(report)
        ]
        lines.append("")
    lines += [f"Signature: {_code(report.signature)}", ""]
    return "\n".join(lines)


def _render_finding(number: int, finding: Finding, view: ReportView) -> list[str]:
    line, column = view.position(finding.start)
    confidence = f" (confidence {format_confidence(finding.confidence)})" if finding.confidence < 1 else ""
    # Continuation lines are indented by the width of "N. " so they stay inside the list item.
    pad = " " * (len(str(number)) + 2)
    out = [
        f"{number}. **{finding.severity.value.upper()}** {_code(finding.code)} {escape_markdown(finding.name)}"
        f" — line {line}, column {column}{confidence}  ",
        f"{pad}{escape_markdown(finding.message)}  ",
    ]
    if finding.suggestion is not None:
        suggestion = escape_markdown(finding.suggestion) if finding.suggestion else "*(delete)*"
        out.append(f"{pad}Suggestion: → **{suggestion}**  " if finding.suggestion else f"{pad}Suggestion: → {suggestion}  ")
    shown = view.excerpt(finding)
    before = ("…" if shown.clipped_before else "") + escape_markdown(shown.before)
    after = escape_markdown(shown.after) + ("…" if shown.clipped_after else "")
    quote = before + _bold(before, shown.span, after) + after
    out += ["", f"{pad}> {quote}"]
    if shown.span_truncated:
        out += [f"{pad}>", f"{pad}> *(span of {shown.span_length} characters, shortened)*"]
    out.append("")
    return out


def _bold(before: str, span: str, after: str) -> str:
    """The span in bold between already-escaped context.

    ``**`` only works where CommonMark's flanking rules allow it: not next to a space inside the
    delimiters, and not between a letter and punctuation (``States**. He**``). Edge spaces move
    outside; where the rules would still fail, fall back to ``<strong>``, which we write ourselves
    around escaped text.
    """
    stripped = span.strip()
    if not stripped:
        return "**␣**"
    leading = span[: len(span) - len(span.lstrip())]
    trailing = span[len(span.rstrip()) :]
    inner = escape_markdown(stripped)
    prev_char = leading[-1:] or before[-1:]
    next_char = trailing[:1] or after[:1]
    opens = not _is_punctuation(inner[0]) or not prev_char or prev_char.isspace() or _is_punctuation(prev_char)
    closes = not _is_punctuation(inner[-1]) or not next_char or next_char.isspace() or _is_punctuation(next_char)
    if opens and closes:
        return f"{leading}**{inner}**{trailing}"
    return f"{leading}<strong>{inner}</strong>{trailing}"


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _code(text: str) -> str:
    """A code span for our own identifiers (codes, signatures); backticks cannot occur in them,
    but if one did, a longer fence keeps the span closed."""
    flat = make_visible(one_line(text))
    fence = "``" if "`" in flat else "`"
    return f"{fence} {flat} {fence}" if fence == "``" else f"`{flat}`"
