"""The human-readable renderers: terminal text, Markdown and HTML."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mtcheck.config import Config
from mtcheck.pipeline import check_article, error_report
from mtcheck.report import render
from mtcheck.report import html as html_report
from mtcheck.report.markdown import escape_markdown
from mtcheck.types import Article, Finding, LanguageGuess, Report, SegmentLanguage, Severity, SkippedRule

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "seeds" / "putin-yerevan-baku.txt").read_text(encoding="utf-8")
ANSI = re.compile(r"\x1b\[")


def _finding(text: str, needle: str, severity: str, code: str, *, length: int | None = None, **fields) -> Finding:
    start = text.index(needle)
    end = start + (len(needle) if length is None else length)
    defaults = {"name": "test-rule", "category": "style", "message": f"Message for {code}.", "suggestion": None}
    defaults.update(fields)
    return Finding(code=code, severity=Severity(severity), start=start, end=end, text=text[start:end], **defaults)


def _report(text: str, findings: list[Finding], *, segmented: bool = True, **fields) -> Report:
    """A report around hand-made findings; sentences found by the real segmenter."""
    segments: tuple[SegmentLanguage, ...] = ()
    if segmented:
        from mtcheck.segment import split_sentences

        segments = tuple(SegmentLanguage(s, LanguageGuess("en", 0.99)) for s in split_sentences(text))
    values = dict(
        id="test",
        language=LanguageGuess("en", 0.97),
        source_language=LanguageGuess.undetermined(),
        words=len(text.split()),
        score=80.0,
        verdict="fail",
        findings=tuple(sorted(findings, key=lambda f: (f.start, f.end, f.code))),
        signature="mtcheck:test|lid:none",
        segments=segments,
        origin="test.txt",
        text=text,
    )
    values.update(fields)
    return Report(**values)


def _seed_many() -> Report:
    t = SEED_TEXT
    return _report(
        t,
        [
            _finding(t, "Putin", "minor", "TST001"),
            _finding(t, "Anthony Blinken", "major", "NAM001", suggestion="Antony Blinken", message="Misspelled name."),
            _finding(t, "Anthony", "minor", "TST002"),
            _finding(t, "the nineties of the last century", "major", "CAL001", suggestion="the 1990s"),
            _finding(t, "knowing that", "minor", "CAL002", suggestion="given that"),
            _finding(t, "United States.\n\nHe stressed", "critical", "REP001"),
            _finding(t, "Follow our latest", "major", "BPL001", length=len(t) - t.index("Follow our latest"), suggestion=""),
        ],
        skipped=(SkippedRule("BTR001", "needs a translation model (--backtranslate)"),),
        origin="seeds/putin-yerevan-baku.txt",
    )


HOSTILE_TEXT = (
    'Breaking <script>alert(1)</script> news "><img src=x onerror=alert(1)> from Baku.\n\n'
    "See javascript:alert(2) and </textarea><b>bold</b> {{ 7*7 }} & co | pipe * star ` tick [x](javascript:alert(3)).\n"
    "Second line with \x1b[31mANSI\x1b[0m and \u202eflipped text."
)


def _hostile() -> Report:
    t = HOSTILE_TEXT
    return _report(
        t,
        [
            _finding(t, "<script>alert(1)</script>", "critical", "TST001", message='Quote <b>"x"</b>', suggestion="<img src=y onerror=alert(9)>"),
            _finding(t, '"><img src=x onerror=alert(1)>', "major", "TST002"),
            _finding(t, 'news "><img', "major", "TST003"),  # overlaps the previous one
            _finding(t, "javascript:alert(2)", "minor", "TST004", suggestion="</textarea>"),
            _finding(t, "{{ 7*7 }} & co | pipe", "minor", "TST005"),
            _finding(t, "ANSI", "minor", "TST006"),
        ],
        id='hostile"<id>',
        origin="<b>evil</b>.txt",
    )


def _error() -> Report:
    return error_report("line 3", "line 3", "empty", "line 3: empty input\nsecond line", Config())


def _clean() -> Report:
    return _report("Oil prices rose on Monday.", [], score=100.0, verdict="pass")


def _all_reports() -> list[Report]:
    real = check_article(Article(id="seed", text=SEED_TEXT, origin="seeds/putin-yerevan-baku.txt", lang="fr"), Config())
    return [real, _seed_many(), _hostile(), _error(), _clean()]


# --- text -------------------------------------------------------------------------------------


def test_text_marks_the_span_in_its_sentence_without_colour() -> None:
    out = render([_seed_many()], "text", color=False)
    assert not ANSI.search(out)
    # The span, marked, inside its own sentence; the next sentence is not part of the excerpt.
    line = next(l for l in out.splitlines() if "⟦the nineties of the last century⟧" in l)
    assert "The conflict between Armenia and Azerbaijan in ⟦the nineties" in line
    assert "Follow our" not in line
    assert "→ the 1990s" in out
    assert "→ (delete)" in out  # empty suggestion = delete the span
    assert "skipped BTR001" in out and "signature mtcheck:test" in out


def test_text_with_colour_underlines_the_span() -> None:
    out = render([_seed_many()], "text", color=True)
    assert "\x1b[4;33mthe nineties of the last century\x1b[0m" in out
    assert "⟦" not in out


def test_text_positions_are_line_and_column() -> None:
    out = render([_seed_many()], "text")
    start = SEED_TEXT.index("Anthony Blinken")
    line = SEED_TEXT.count("\n", 0, start) + 1
    column = start - SEED_TEXT.rfind("\n", 0, start)
    assert f"NAM001 test-rule  {line}:{column}" in out


def test_text_shortens_huge_and_multiline_spans() -> None:
    out = render([_seed_many()], "text")
    boilerplate = next(l for l in out.splitlines() if "⟦Follow our latest" in l)
    assert "via Google news⟧" in boilerplate and "\n" not in boilerplate
    crossing = next(l for l in out.splitlines() if "⟦" in l and "He stressed⟧" in l)
    assert "United States. ¶ He stressed" in crossing  # the paragraph break shown, not printed
    whole = _report(SEED_TEXT, [_finding(SEED_TEXT, SEED_TEXT, "critical", "LNG001")])
    shown = render([whole], "text")
    assert len(max(shown.splitlines(), key=len)) < 200
    assert f"span of {len(SEED_TEXT)} characters, shortened" in shown


def test_text_span_at_start_and_end_and_without_segments() -> None:
    text = "Alpha beta gamma.\nDelta epsilon."
    report = _report(text, [_finding(text, "Alpha", "minor", "AAA001"), _finding(text, "epsilon.", "minor", "AAA002")], segmented=False)
    out = render([report], "text")
    assert "⟦Alpha⟧ beta gamma." in out
    assert "Delta ⟦epsilon.⟧" in out


def test_text_never_passes_terminal_controls_from_the_article() -> None:
    for color in (False, True):
        out = render([_hostile()], "text", color=color)
        assert "\x1b[31mANSI" not in out and "\u202e" not in out
        assert "<U+001B>" in out and "<U+202E>" in out
    assert not ANSI.search(render([_hostile()], "text", color=False))


def test_text_error_is_one_line_and_several_reports_get_a_total() -> None:
    reports = [_seed_many(), _error(), _clean()]
    out = render(reports, "text")
    error_lines = [l for l in out.splitlines() if "ERROR" in l]
    assert error_lines == ["line 3: ERROR empty: line 3: empty input second line"]
    assert out.rstrip().splitlines()[-1].startswith("3 reports: 1 pass, 0 review, 1 fail, 1 error; 7 findings")
    assert "no findings" in out


# --- Markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a*b*c", r"a\*b\*c"),
        ("x | y", r"x \| y"),
        ("<script>", "&lt;script&gt;"),
        ("`code`", r"\`code\`"),
        ("[link](javascript:alert(1))", r"\[link\](javascript:alert(1))"),
        ("# not a heading", r"\# not a heading"),
        ("- not a bullet", r"\- not a bullet"),
        ("1990. A year", r"1990\. A year"),
        ("AT&T", "AT&amp;T"),
        ("two\n\nparagraphs", "two ¶ paragraphs"),
        ("Nagorno-Karabakh 6,500 #1", "Nagorno-Karabakh 6,500 #1"),  # ordinary text left readable
    ],
)
def test_escape_markdown(raw: str, escaped: str) -> None:
    assert escape_markdown(raw) == escaped


def test_markdown_quotes_the_sentence_with_the_span_in_bold() -> None:
    out = render([_seed_many()], "markdown")
    assert "> The conflict between Armenia and Azerbaijan in **the nineties of the last century** over" in out
    assert "| Score | Verdict |" in out and "Suggestion: → **the 1990s**" in out


def test_markdown_hostile_text_renders_as_text() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    source = render([_hostile()], "markdown")
    page = markdown_it.MarkdownIt("commonmark").enable("table").render(source)
    parsed = _parse(page)
    assert {"script", "img", "textarea", "b"}.isdisjoint(parsed.tags)
    assert not [a for a in parsed.attributes if a[0].startswith("on") or "javascript:" in (a[1] or "")]
    assert "<script>alert(1)</script>" in parsed.text
    assert "{{ 7*7 }} & co | pipe" in parsed.text
    # The summary table keeps its eight columns.
    assert re.search(r"<tr>\s*(<td[^>]*>.*?</td>\s*){8}</tr>", page, re.S)


# --- HTML -------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Tags, attributes and visible text of a page; checks that tags nest properly."""

    VOID = {"meta", "br", "input", "img", "link", "hr", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.nesting_errors: list[str] = []
        self.text_parts: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.mark_text: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)
        self.elements.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag if tag != "mark" else f"mark:{dict(attrs).get('data-f')}")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        top = self.stack.pop() if self.stack else None
        if top is None or top.split(":")[0] != tag:
            self.nesting_errors.append(f"</{tag}> closes {top}")

    def handle_data(self, data):
        current = self.stack[-1] if self.stack else ""
        if current == "script":
            self.scripts.append(data)
        elif current == "style":
            self.styles.append(data)
        else:
            self.text_parts.append(data)
            for entry in self.stack:
                if entry.startswith("mark:"):
                    self.mark_text.setdefault(entry[5:], []).append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def test_html_hostile_text_is_only_ever_text() -> None:
    page = render([_hostile()], "html")
    parsed = _parse(page)
    assert parsed.tags.count("script") == 1 and parsed.scripts == [html_report._SCRIPT]
    assert {"img", "textarea", "iframe", "object", "embed", "base", "link", "b"}.isdisjoint(parsed.tags)
    assert not [name for name, _ in parsed.attributes if name.startswith("on")]
    assert not [value for name, value in parsed.attributes if name in ("href", "src") and "javascript:" in (value or "")]
    text = " ".join(parsed.text.split())
    for visible in ('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "</textarea><b>bold</b>", "{{ 7*7 }} & co | pipe", "javascript:alert(2)"):
        assert visible in text
    assert "<b>evil</b>.txt" in text  # the origin, also escaped
    assert parsed.nesting_errors == []


def test_html_content_security_policy_allows_only_its_own_style_and_script() -> None:
    page = render([_hostile()], "html")
    parsed = _parse(page)
    policy = next(a["content"] for tag, a in parsed.elements if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    for source in (parsed.scripts[0], parsed.styles[0]):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    # Self-contained: nothing is fetched.
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page


def test_html_overlapping_spans_nest_and_keep_their_text() -> None:
    for report in (_seed_many(), _hostile()):
        parsed = _parse(render([report], "html"))
        assert parsed.nesting_errors == []
        for number, finding in enumerate(report.findings, 1):
            shown = "".join(parsed.mark_text[f"r1-f{number}"])
            # Paragraph breaks become <p> boundaries, so compare without whitespace.
            assert "".join(shown.split()) == "".join(finding.text.split())


def test_html_marks_are_focusable_and_links_go_both_ways() -> None:
    report = _seed_many()
    parsed = _parse(render([report, _hostile(), _error()], "html"))
    ids = [a["id"] for _, a in parsed.elements if "id" in a]
    assert len(ids) == len(set(ids))
    targets = {a["href"][1:] for tag, a in parsed.elements if tag == "a" and (a.get("href") or "").startswith("#")}
    assert targets <= set(ids)
    for number in range(1, len(report.findings) + 1):
        assert {f"r1-f{number}", f"r1-m{number}"} <= set(ids)  # table row and first mark
        assert {f"r1-f{number}", f"r1-m{number}"} <= targets  # each links to the other
    focusable = [a for tag, a in parsed.elements if tag == "mark" and a.get("tabindex") == "0"]
    assert len(focusable) == sum(len(r.findings) for r in (report, _hostile()))
    assert all(a.get("title") for tag, a in parsed.elements if tag == "mark" and "data-f" in a)


def test_html_keeps_paragraphs_and_shows_errors_and_whole_article_findings() -> None:
    whole = _report(SEED_TEXT, [_finding(SEED_TEXT, SEED_TEXT, "critical", "LNG001", message="Not French.")])
    page = render([whole, _error(), _clean()], "html")
    parsed = _parse(page)
    paragraphs = [p for p in re.split(r"\n\s*\n", SEED_TEXT) if p.strip()]
    assert page.count('<p dir="auto">') == len(paragraphs) + 1  # + the clean one-paragraph report
    assert "Whole article" in parsed.text and "Not French." in parsed.text
    assert "line 3: empty input" in parsed.text
    assert parsed.tags.count("section") >= 3


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "jsonl"])
def test_every_format_renders_every_kind_of_report_the_same_twice(fmt: str) -> None:
    reports = _all_reports()
    first = render(reports, fmt, color=True)
    assert first and first == render(_all_reports(), fmt, color=True)


def test_a_finding_with_stale_offsets_does_not_break_rendering() -> None:
    text = "Short text."
    stale = Finding("TST001", "test-rule", "style", Severity.MAJOR, 40, 50, "gone", "Offsets past the end.")
    report = _report(text, [stale])
    for fmt in ("text", "markdown", "html"):
        assert "gone" in render([report], fmt)


def test_renderers_accept_reports_without_segments() -> None:
    text = "First sentence here. Second sentence there."
    one = _finding(text, "Second", "minor", "TST001")
    report = replace(_report(text, [one], segmented=False), segments=())
    assert "First sentence here. ⟦Second⟧ sentence there." in render([report], "text")
    assert "<mark" in render([report], "html")
