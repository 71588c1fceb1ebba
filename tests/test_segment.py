"""Paragraphs and sentences: exact offsets, abbreviations, scripts, linear time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.segment import segment, split_paragraphs, split_sentences

SEED = Path(__file__).resolve().parents[1] / "seeds" / "putin-yerevan-baku.txt"


def sentences(text: str) -> list[str]:
    found = split_sentences(text)
    for s in found:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
    return [s.text for s in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Gen. John Allen and Lt. Col. Ivanov in the U.S. capital. They talked.",
            ["Mr. Smith met Gen. John Allen and Lt. Col. Ivanov in the U.S. capital.", "They talked."],
        ),
        (
            "He lives in the U.S. The president said no. Apple Inc. said it would. Shares of Apple Inc. The company fell.",
            ["He lives in the U.S.", "The president said no.", "Apple Inc. said it would.", "Shares of Apple Inc.", "The company fell."],
        ),
        (
            "The meeting is on Jan. 5 at 10 a.m. Eastern time. It ended at 5 p.m. The talks resume on Sept. 11.",
            ["The meeting is on Jan. 5 at 10 a.m. Eastern time.", "It ended at 5 p.m.", "The talks resume on Sept. 11."],
        ),
        (
            "J. K. Rowling wrote it. George W. Bush agreed. Version 1.2.3 costs 3.5 dollars. See www.example.com. Mail j.doe@x.org now.",
            ["J. K. Rowling wrote it.", "George W. Bush agreed.", "Version 1.2.3 costs 3.5 dollars.", "See www.example.com.", "Mail j.doe@x.org now."],
        ),
        (
            '"We want peace." He said it twice. "Really?" she asked. He waited... the end. He waited... Then left.',
            ['"We want peace."', "He said it twice.", '"Really?" she asked.', "He waited... the end.", "He waited...", "Then left."],
        ),
        (
            "No. 10 Downing Street said e.g. the rules apply, i.e. all of them, etc. and more. Deaths rose in 2019. 2020 was worse.",
            ["No. 10 Downing Street said e.g. the rules apply, i.e. all of them, etc. and more.", "Deaths rose in 2019.", "2020 was worse."],
        ),
        ("Putin said “peace.” He left.", ["Putin said “peace.”", "He left."]),
        ("The war ended. «Non», dit-il. (It was over.) Next.", ["The war ended.", "«Non», dit-il.", "(It was over.)", "Next."]),
        ("He spoke Russian. Путин ответил. Then English.", ["He spoke Russian.", "Путин ответил.", "Then English."]),
        ("قال بوتين إن موسكو مستعدة. وأضاف أن الوضع خطير؟ نعم، قال ذلك.", ["قال بوتين إن موسكو مستعدة.", "وأضاف أن الوضع خطير؟", "نعم، قال ذلك."]),
        ("He said in Arabic. قال بوتين ذلك. Done.", ["He said in Arabic.", "قال بوتين ذلك.", "Done."]),
        ("وقال ۔ اور پھر", ["وقال ۔", "اور پھر"]),
        (
            "俄罗斯总统普京呼吁保持克制。他表示莫斯科愿意调解！是吗？「こんにちは。」と彼は言った。",
            ["俄罗斯总统普京呼吁保持克制。", "他表示莫斯科愿意调解！", "是吗？", "「こんにちは。」と彼は言った。"],
        ),
        ("価格は３．５円だ．次の文．", ["価格は３．５円だ．", "次の文．"]),
        ("यह एक वाक्य है। यह दूसरा है।", ["यह एक वाक्य है।", "यह दूसरा है।"]),
        ("Τι έγινε; Δεν ξέρω.", ["Τι έγινε;", "Δεν ξέρω."]),
        ("Hello! What? Yahoo! executives met.", ["Hello!", "What?", "Yahoo! executives met."]),
        ("No punctuation at all", ["No punctuation at all"]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_paragraphs_by_blank_lines_with_crlf() -> None:
    text = "Headline\r\n\r\nPara one.\r\nsame para.\r\n \r\nPara two.\u2029Para three."
    paragraphs = split_paragraphs(text)
    assert [p.text for p in paragraphs] == ["Headline", "Para one.\r\nsame para.", "Para two.", "Para three."]
    assert all(text[p.start : p.end] == p.text for p in paragraphs)


def test_paragraphs_by_lines_when_no_blank_line_joining_hard_wraps() -> None:
    text = "Headline\nPara one is wrapped and\ncontinues here.\nPara two."
    assert [p.text for p in split_paragraphs(text)] == ["Headline", "Para one is wrapped and\ncontinues here.", "Para two."]


def test_sentences_carry_paragraph_indexes_and_run_through_the_text() -> None:
    paragraphs, found = segment("One. Two.\n\nThree.")
    assert [(s.index, s.paragraph, s.text) for s in found] == [(0, 0, "One."), (1, 0, "Two."), (2, 1, "Three.")]
    assert [(p.index, p.paragraph) for p in paragraphs] == [(0, 0), (1, 1)]


def test_seed_article_offsets_are_exact() -> None:
    text = SEED.read_text(encoding="utf-8")
    paragraphs, found = segment(text)
    assert (len(paragraphs), len(found)) == (14, 14)  # one sentence per paragraph in the seed
    assert found[0].text == "Putin calls Yerevan and Baku to calm down"
    assert found[-1].text.startswith("Follow our latest local and sports news")
    for s in [*paragraphs, *found]:
        assert text[s.start : s.end] == s.text


def test_empty_and_whitespace_text() -> None:
    assert segment("") == ([], [])
    assert segment(" \n\n \t") == ([], [])


PATHOLOGICAL = {
    "no punctuation": "'word ' * 60_000",
    "a-dot": "'a.' * 150_000",
    "a-dot-space": "'a. ' * 100_000",
    "capital initials": "'A. ' * 100_000",
    "dots": "'.' * 300_000",
    "dot-spaces": "'. ' * 150_000",
    "one word": "'x' * 300_000",
    "closers": "'.' + '\"' * 300_000",
    "blank lines": "'a\\n\\n' * 100_000",
    "lines": "'a\\n' * 150_000",
    "titles": "'Mr. ' * 75_000",
    "cjk stops": "'。' * 300_000",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_300_kb_texts_finish(name: str) -> None:
    """A hang guard (speed targets live in benchmarks): quadratic code would take minutes here."""
    code = (
        "from mtcheck.segment import segment\n"
        f"text = {PATHOLOGICAL[name]}\n"
        "paragraphs, found = segment(text)\n"
        "assert all(text[s.start:s.end] == s.text for s in found)\n"
        "print('done')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=10, text=True)
    assert result.stdout.strip() == "done", result.stderr
