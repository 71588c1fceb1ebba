"""What the human-readable renderers share: where a finding is, the sentence it sits in, and a
short excerpt of that sentence with the span cut out, ready for each format to mark and escape.

Kept free of any output syntax so that text, Markdown and HTML show the same excerpt.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from mtcheck.types import Finding, Report, Segment, Severity

SEVERITIES_HIGH_FIRST: tuple[Severity, ...] = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR, Severity.NEUTRAL)

# Characters of context kept either side of a span, and the longest span shown whole. Chosen so
# that an excerpt fits on two terminal lines and a table cell stays readable.
CONTEXT_CHARS = 70
SPAN_CHARS = 110
# When no sentence contains the span (hand-made reports, no segmentation), look this far around.
FALLBACK_CONTEXT = 160

_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*\n\s*")
_OTHER_WHITESPACE = re.compile(r"\s+")
_SPACE = re.compile(r"\s")
# Characters that would let article text drive a terminal (ANSI escapes), hide itself (bidi
# overrides, as in "Trojan Source") or break an encoder (lone surrogates). Shown as visible codes.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def make_visible(text: str) -> str:
    """``text`` with control, bidi-override and lone-surrogate characters replaced by visible codes."""
    return _UNSAFE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def one_line(text: str) -> str:
    """Collapse whitespace for display: a paragraph break becomes " ¶ ", any other run one space."""
    return _OTHER_WHITESPACE.sub(" ", _PARAGRAPH_BREAK.sub(" ¶ ", text))


class LineIndex:
    """1-based line and column (in characters) of an offset, in O(log lines) per lookup."""

    def __init__(self, text: str) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1


@dataclass(frozen=True)
class Excerpt:
    """A span in its sentence, already windowed and on one line; empty ``span`` never happens."""

    before: str
    span: str
    after: str
    clipped_before: bool  # text was cut before ``before`` (show an ellipsis)
    clipped_after: bool
    span_length: int  # characters of the original span, to say how much a truncated span hides
    span_truncated: bool


class ReportView:
    """A report's text prepared for display: positions and excerpts, each lookup O(log n)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.text = report.text
        self.lines = LineIndex(report.text)
        self._segments: list[Segment] = sorted((s.segment for s in report.segments), key=lambda s: s.start)
        self._segment_starts = [s.start for s in self._segments]

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The start and end of the sentence(s) holding [start, end), or a window of nearby text."""
        end = max(end, start + 1)
        first = max(bisect.bisect_right(self._segment_starts, start) - 1, 0)
        last = bisect.bisect_left(self._segment_starts, end)  # segments[first:last] start before `end`
        # Walk in from both ends only: a span over the whole article must not cost every sentence.
        while first < last and self._segments[first].end <= start:
            first += 1
        if first < last:
            return min(start, self._segments[first].start), max(end, self._segments[last - 1].end)
        text = self.text
        # No sentence: cut at the nearest line break, else at a fixed distance.
        left = text.rfind("\n", max(0, start - FALLBACK_CONTEXT), start)
        right = text.find("\n", end, end + FALLBACK_CONTEXT)
        left = left + 1 if left >= 0 else max(0, start - FALLBACK_CONTEXT)
        right = right if right >= 0 else min(len(text), end + FALLBACK_CONTEXT)
        return left, right

    def excerpt(self, finding: Finding) -> Excerpt:
        """The finding's span in its sentence, trimmed to about CONTEXT_CHARS either side."""
        text = self.text
        start, end = _clamp(finding.start, finding.end, len(text))
        if start == end:  # offsets outside the text (a hand-made or stale report): show what we have
            return Excerpt("", make_visible(one_line(finding.text)) or "∅", "", False, False, len(finding.text), False)
        left, right = self.sentence_bounds(start, end)
        before_raw, after_raw = text[left:start], text[end:right]

        clipped_before = len(before_raw) > CONTEXT_CHARS
        if clipped_before:
            before_raw = _cut_at_word(before_raw[-CONTEXT_CHARS:], keep="end")
        clipped_after = len(after_raw) > CONTEXT_CHARS
        if clipped_after:
            after_raw = _cut_at_word(after_raw[:CONTEXT_CHARS], keep="start")

        span_shown = one_line(text[start:end])
        truncated = len(span_shown) > SPAN_CHARS
        if truncated:
            head = _cut_at_word(span_shown[: SPAN_CHARS * 2 // 3], keep="start")
            tail = _cut_at_word(span_shown[-SPAN_CHARS // 3 :], keep="end")
            span_shown = f"{head.rstrip()} … {tail.lstrip()}"
        return Excerpt(
            before=make_visible(one_line(before_raw)).lstrip(),
            span=make_visible(span_shown),
            after=make_visible(one_line(after_raw)).rstrip(),
            clipped_before=clipped_before,
            clipped_after=clipped_after,
            span_length=end - start,
            span_truncated=truncated,
        )


def id_worth_showing(report: Report) -> bool:
    """The id adds nothing when it is the origin or its file name (the usual case for files)."""
    origin = report.origin.replace("\\", "/")
    return bool(report.id) and report.id != origin and not origin.endswith("/" + report.id)


def short_span(text: str, limit: int = 80) -> str:
    """A span's text on one line, cut in the middle when long (for tables)."""
    shown = one_line(text)
    if len(shown) > limit:
        head = _cut_at_word(shown[: limit * 2 // 3], keep="start")
        tail = _cut_at_word(shown[-limit // 3 :], keep="end")
        shown = f"{head.rstrip()} … {tail.lstrip()}"
    return make_visible(shown)


def severity_counts(findings: Sequence[Finding]) -> dict[Severity, int]:
    counted = Counter(f.severity for f in findings)
    return {severity: counted.get(severity, 0) for severity in SEVERITIES_HIGH_FIRST}


def format_confidence(value: float) -> str:
    return f"{value:.2f}"


def format_score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


# Scores a metric group (such as "backtranslation") may carry, in the order a desk reads them.
_SUMMARY_SCORES = ("chrf", "bleu", "ter")


def format_metric(value: object) -> str:
    """A metric for people: numbers rounded; a group of measurements (a dict) summarised by its
    scores and models, not dumped (the JSON report keeps every detail)."""
    if isinstance(value, dict):
        parts = [f"{name} {format_metric(value[name])}" for name in _SUMMARY_SCORES if isinstance(value.get(name), int | float)]
        if value.get("models"):
            parts.append("model " + ", ".join(make_visible(str(m)) for m in value["models"]))
        if value.get("mode"):
            parts.append(f"against the {make_visible(str(value['mode']))}")
        return " · ".join(parts) if parts else make_visible(", ".join(sorted(str(k) for k in value)))
    if isinstance(value, bool) or value is None:
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:.4g}"
    return make_visible(str(value))


def totals_line(reports: Sequence[Report]) -> str:
    """One line summing a run: verdicts, errors and findings per severity."""
    verdicts = Counter(r.verdict for r in reports if r.error is None)
    errors = sum(1 for r in reports if r.error is not None)
    counts = severity_counts([f for r in reports for f in r.findings])
    parts = [f"{verdicts.get(v, 0)} {v}" for v in ("pass", "review", "fail")]
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    finding_total = sum(counts.values())
    per_severity = ", ".join(f"{n} {s.value}" for s, n in counts.items())
    return (
        f"{len(reports)} reports: {', '.join(parts)}; "
        f"{finding_total} finding{'s' if finding_total != 1 else ''} ({per_severity})"
    )


def _clamp(start: int, end: int, length: int) -> tuple[int, int]:
    start = min(max(start, 0), length)
    return start, min(max(end, start), length)


def _cut_at_word(piece: str, *, keep: str) -> str:
    """Drop the partial word at the cut edge (unless that would drop a third of the piece)."""
    spaces = [m.start() for m in _SPACE.finditer(piece)]
    if not spaces:
        return piece
    if keep == "end":
        return piece[spaces[0] + 1 :] if spaces[0] < len(piece) // 3 else piece
    return piece[: spaces[-1]] if spaces[-1] > len(piece) * 2 // 3 else piece


def skipped_by_reason(report: Report) -> list[tuple[str, list[str]]]:
    """Skipped rules grouped by why ("needs a source text": NAM005, NUM001...), in first-seen
    order: one line per missing input reads better than one per rule."""
    groups: dict[str, list[str]] = {}
    for skipped in report.skipped:
        groups.setdefault(skipped.reason, []).append(skipped.code)
    return list(groups.items())

