"""Batch records: the JSONL contract, one error per broken line, bounded-memory reading."""

from __future__ import annotations

import io

import pytest

from mtcheck.errors import InputError
from mtcheck.io.jsonl import MAX_RECORD_BYTES, iter_lines, parse_record, record_id_of


def test_full_record() -> None:
    line = '{"id": "afp-1", "text": "Putin met Pashinyan.", "source": "التقى بوتين باشينيان.", "source_lang": "ar", "lang": "en", "extra": [1]}'
    article = parse_record(line.encode(), 3)
    assert (article.id, article.text, article.source, article.source_lang, article.lang) == (
        "afp-1",
        "Putin met Pashinyan.",
        "التقى بوتين باشينيان.",
        "ar",
        "en",
    )
    assert (article.origin, article.input_format) == ("line 3", "jsonl")


@pytest.mark.parametrize(
    ("line", "record_id"),
    [
        (b'{"text": "x"}', "7"),
        (b'{"id": null, "text": "x"}', "7"),
        (b'{"id": 42, "text": "x"}', "42"),
        (b'{"id": 4.5, "text": "x"}', "4.5"),
        (b'{"id": "\\ud83d\\ude00", "text": "emoji pair \\ud83d\\ude00 is fine"}', "\U0001f600"),
    ],
)
def test_ids(line: bytes, record_id: str) -> None:
    assert parse_record(line, 7).id == record_id


@pytest.mark.parametrize(
    ("line", "error_type", "words", "salvaged_id"),
    [
        (b'{"id": "a1", "text": "broken', "json", "invalid JSON", "a1"),
        (b"", "json", "empty line", "9"),
        (b"\xff\xfe{}", "json", "not valid UTF-8", "9"),
        (b'{"id": "n", "text": NaN}', "json", "NaN", "n"),
        (b"[" * 100_000, "json", "nested too deeply", "9"),
        (b'["text"]', "record", "expected a JSON object, got an array", "9"),
        (b'{"id": "m"}', "record", 'no "text"', "m"),
        (b'{"id": "e", "text": "  "}', "record", '"text" is empty', "e"),
        (b'{"id": "t", "text": 5}', "record", '"text" must be a string', "t"),
        (b'{"id": true, "text": "x"}', "record", '"id" must be a string or a number', "9"),
        (b'{"id": "s", "text": "x", "source": ["y"]}', "record", '"source" must be a string', "s"),
        (b'{"id": "l", "text": "x", "lang": "EN"}', "record", "ISO 639-1", "l"),
        (b'{"id": "l", "text": "x", "source_lang": "eng"}', "record", "ISO 639-1", "l"),
        (b'{"id": "u", "text": "lone \\ud800 surrogate"}', "encoding", "lone surrogate", "u"),
        (b'{"id": "v", "text": "x", "meta": {"k": ["\\udc00"]}}', "encoding", "lone surrogate", "v"),
        (b'{"id": "\\udfff", "text": "x"}', "encoding", "lone surrogate", "9"),
    ],
)
def test_broken_records(line: bytes, error_type: str, words: str, salvaged_id: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_record(line, 9)
    assert caught.value.type == error_type
    assert str(caught.value).startswith("line 9: ") and words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert record_id_of(line, 9) == salvaged_id


def test_huge_line_is_an_error_for_that_line_only() -> None:
    huge = b'{"id": "big", "text": "' + b"a" * (MAX_RECORD_BYTES + 10) + b'"}'
    stream = io.BytesIO(b'{"id": "before", "text": "x"}\n' + huge + b'\n{"id": "after", "text": "y"}\n')
    lines = list(iter_lines(stream))
    assert len(lines) == 3
    assert len(lines[1]) == MAX_RECORD_BYTES + 1
    with pytest.raises(InputError) as caught:
        parse_record(lines[1], 2)
    assert caught.value.type == "too-large"
    assert record_id_of(lines[1], 2) == "big"
    assert [parse_record(lines[i], i + 1).id for i in (0, 2)] == ["before", "after"]


def test_iter_lines_endings_bom_and_last_line() -> None:
    data = b'\xef\xbb\xbf{"id": 1}\r\n\n{"id": 2}\n{"id": 3}'
    assert list(iter_lines(io.BytesIO(data))) == [b'{"id": 1}', b"", b'{"id": 2}', b'{"id": 3}']
    assert list(iter_lines(io.BytesIO(b"one\n"))) == [b"one"]
    assert list(iter_lines(io.BytesIO(b""))) == []


def test_iter_lines_is_lazy() -> None:
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
            chunk = b'{"id": "x", "text": "y"}\n' * 100
            size = min(len(buffer), len(chunk))
            buffer[:size] = chunk[:size]
            return size

    lines = iter_lines(io.BufferedReader(Endless()))
    assert [next(lines) for _ in range(3)] == [b'{"id": "x", "text": "y"}'] * 3
