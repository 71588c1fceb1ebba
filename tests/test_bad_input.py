"""Bad input, end to end through the CLI: a clear one-line error or a correct report, never a
traceback, a hang or unescaped article text in HTML. (Reader-level cases: test_io, test_html.)"""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "inputs"
SEED = (ROOT / "seeds" / "putin-yerevan-baku.txt").read_text(encoding="utf-8")


def mtcheck(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mtcheck", *args], capture_output=True, text=True, timeout=timeout
    )


def _one_line_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("mtcheck: error:")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "empty"), (b"  \n\t\n", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary")],
    ids=["empty", "whitespace", "png"],
)
def test_empty_and_binary_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    result = mtcheck("check", str(path))
    _one_line_error(result)
    assert expected in result.stderr


def test_missing_file() -> None:
    result = mtcheck("check", "no/such/article.txt")
    _one_line_error(result)
    assert "no/such/article.txt" in result.stderr


@pytest.mark.parametrize(
    ("fixture", "language", "expected"),
    [
        ("arabic-cp1256.txt", "ar", "expected-arabic.txt"),
        ("russian-koi8r.txt", "ru", "expected-russian.txt"),
        # An English line then a longer Russian one: mostly Russian, so with no declared
        # language the English line is the odd one out (UNT001).
        ("english-utf16le-bom.txt", "ru", None),
    ],
)
def test_legacy_encodings_are_decoded_and_offsets_hold(fixture: str, language: str, expected: str | None) -> None:
    result = mtcheck("check", str(FIXTURES / fixture), "-f", "json")
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["language"]["code"] == language
    if expected is None:
        text = (FIXTURES / fixture).read_bytes().decode("utf-16")
    else:
        text = (FIXTURES / expected).read_text(encoding="utf-8")
    assert report["segments"][-1]["end"] <= len(text)
    for finding in report["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["text"]


def test_five_megabyte_article_gets_a_report(tmp_path: Path) -> None:
    # Varied text: 5 MB of one article repeated would be one long list of REP001 findings.
    paragraphs = [p for p in SEED.split("\n\n") if p.strip()]
    parts = []
    size = 0
    number = 0
    while size < 5_000_000:
        paragraph = paragraphs[number % len(paragraphs)].replace("2020", str(1000 + number))
        paragraph = f"Item {number}: " + paragraph.replace("Putin", f"Official {number}")
        parts.append(paragraph)
        size += len(paragraph) + 2
        number += 1
    path = tmp_path / "huge.txt"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    result = mtcheck("check", str(path), "-f", "json", "--ignore", "REP", timeout=300)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["words"] > 700_000
    assert report["language"]["code"] == "en"


def test_over_the_size_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (2 * 1024 * 1024 + 10))  # a little over 10 MB
    result = mtcheck("check", str(path))
    _one_line_error(result)
    assert "10 MB" in result.stderr or "MiB" in result.stderr


def test_300_kb_without_punctuation_is_checked_without_hanging(tmp_path: Path) -> None:
    words = (SEED.replace(".", " ").replace(",", " ").replace('"', " ")).split()
    text = " ".join(words[i % len(words)].lower() for i in range(60_000))[:300_000]
    path = tmp_path / "flat.txt"
    path.write_text(text, encoding="utf-8")
    result = mtcheck("check", str(path), "-f", "json", timeout=120)
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["words"] > 40_000


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.bad_attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        self.bad_attributes += [name for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_article_is_rendered_to_html_as_text(tmp_path: Path) -> None:
    hostile = (
        'Officials said <script>alert("x")</script> the talks failed. '
        'The ministry added "><img src=x onerror=alert(1)> in a statement.\n\n'
        "Follow our latest local and sports news via Google news"
    )
    path = tmp_path / "hostile.txt"
    path.write_text(hostile, encoding="utf-8")
    out = tmp_path / "report.html"
    result = mtcheck("check", str(path), "-f", "html", "-o", str(out))
    assert result.returncode in (0, 1), result.stderr
    page = out.read_text(encoding="utf-8")
    assert '<script>alert("x")</script>' not in page
    assert "<img src=x onerror" not in page
    collector = _Collector()
    collector.feed(page)
    own_scripts = page.count("<script")  # the report's own inline script, if any
    assert collector.scripts == own_scripts
    assert collector.bad_attributes == []
    visible = "".join(collector.text)
    assert '<script>alert("x")</script>' in visible
    assert '"><img src=x onerror=alert(1)>' in visible
