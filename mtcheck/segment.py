"""Paragraphs and sentences with character offsets into the original text."""

from __future__ import annotations

import re

from mtcheck.types import Segment

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_SENTENCE_END = re.compile(r"[.!?。！？؟…]+[\"'”’»)\]]*(?=\s|$)|[。！？]")


def split_paragraphs(text: str) -> list[Segment]:
    """Paragraphs: blocks separated by blank lines, or lines when the text has no blank line."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    paragraphs: list[Segment] = []
    position = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        _append_trimmed(paragraphs, text, position, end, len(paragraphs))
        if match:
            position = match.end()
    return [Segment(i, i, s.start, s.end, s.text) for i, s in enumerate(paragraphs)]


def split_sentences(text: str) -> list[Segment]:
    sentences: list[Segment] = []
    for paragraph in split_paragraphs(text):
        position = paragraph.start
        for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
            _append_trimmed(sentences, text, position, match.end(), paragraph.index)
            position = match.end()
        _append_trimmed(sentences, text, position, paragraph.end, paragraph.index)
    return [Segment(i, s.paragraph, s.start, s.end, s.text) for i, s in enumerate(sentences)]


def segment(text: str) -> tuple[list[Segment], list[Segment]]:
    return split_paragraphs(text), split_sentences(text)


def _append_trimmed(out: list[Segment], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Segment(len(out), paragraph, start, end, text[start:end]))
