"""Batch input: one JSON record per line (DESIGN.md §3), read without loading the whole stream.

Record: ``{"id": str, "text": str, "source": str?, "source_lang": str?, "lang": str?}``.

- ``id`` may be missing (it becomes the line number, as a string: "7") or a number (its string
  form: 12 -> "12", 1.5 -> "1.5"); ``null`` counts as missing.
- ``text`` must be a non-empty string (not only whitespace).
- ``source`` is a string or null; ``source_lang`` / ``lang`` are ISO 639-1 codes (two lowercase
  letters) or null.
- other keys are ignored, so producers can carry their own metadata.

Errors are InputError with ``type``: ``json`` (not valid JSON, not UTF-8, empty line), ``record``
(valid JSON but not a valid record), ``encoding`` (a lone surrogate such as ``"\\ud800"``: it can
be parsed but never written back out as UTF-8), ``too-large`` (a line over MAX_RECORD_BYTES or a
text over MAX_INPUT_BYTES). Each is about its own line only; the batch goes on.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, BinaryIO

from mtcheck.errors import InputError
from mtcheck.io.text import MAX_INPUT_BYTES
from mtcheck.types import Article

# A record carries the text JSON-escaped (``\\u0627`` is 6 bytes for a 2-byte Arabic letter) and
# maybe a source text: allow three times the article limit for the whole line.
MAX_RECORD_BYTES = 3 * MAX_INPUT_BYTES

_LANGUAGE_CODE = re.compile(r"[a-z]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
# Salvage for broken lines: the first "id" key with a string or number value.
_ID_IN_BROKEN_LINE = re.compile(rb'"id"\s*:\s*(?:"((?:[^"\\\n]|\\.){1,200})"|(-?\d{1,30}(?:\.\d{1,30})?))')
_READ_CHUNK = 1 << 20
_UTF8_BOM = b"\xef\xbb\xbf"


def iter_lines(stream: BinaryIO, max_line_bytes: int = MAX_RECORD_BYTES) -> Iterator[bytes]:
    """The lines of ``stream`` without their line ends, in bounded memory.

    Handles ``\\n`` and ``\\r\\n`` endings, a last line without a newline and a UTF-8 BOM before
    the first line. A line longer than ``max_line_bytes`` is yielded cut to ``max_line_bytes + 1``
    bytes (so ``parse_record`` reports it as too large and ``record_id_of`` can still find its id)
    and the rest of it is skipped, never held in memory. Every line is yielded, blank ones too:
    the batch owes one output line per input line.
    """
    first = True
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
        if first:
            first = False
            if line.startswith(_UTF8_BOM):
                line = line[len(_UTF8_BOM) :]
        if line.endswith(b"\n"):
            line = line[:-1]
            if line.endswith(b"\r"):
                line = line[:-1]
        yield line


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_READ_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def parse_record(line: bytes, line_number: int) -> Article:
    """The article in one JSONL line; InputError (json, record, encoding, too-large) otherwise."""
    where = f"line {line_number}"
    if len(line) > MAX_RECORD_BYTES:
        raise InputError(
            f"{where}: record longer than the {MAX_RECORD_BYTES // (1024 * 1024)} MB limit for one line", type="too-large"
        )
    if not line.strip():
        raise InputError(f"{where}: empty line, expected a JSON object", type="json")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{where}: not valid UTF-8 (byte {error.start}); JSONL must be UTF-8", type="json") from None
    try:
        record = json.loads(text, parse_constant=reject_constant)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: invalid JSON ({error.msg} at column {error.colno})", type="json") from None
    except ValueError as error:  # NaN / Infinity
        raise InputError(f"{where}: invalid JSON ({error})", type="json") from None
    except RecursionError:
        raise InputError(f"{where}: invalid JSON (nested too deeply)", type="json") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {json_type(record)}", type="record")

    record_id = _record_id(record.get("id"), line_number, where)
    article_text = record.get("text")
    if article_text is None:
        raise InputError(f"{where}: record has no \"text\"", type="record")
    if not isinstance(article_text, str):
        raise InputError(f"{where}: \"text\" must be a string, got {json_type(article_text)}", type="record")
    if not article_text.strip():
        raise InputError(f"{where}: \"text\" is empty", type="record")
    source = record.get("source")
    if source is not None and not isinstance(source, str):
        raise InputError(f"{where}: \"source\" must be a string, got {json_type(source)}", type="record")
    source_lang = _language(record, "source_lang", where)
    lang = _language(record, "lang", where)

    # Escapes are the only way a lone surrogate gets into valid UTF-8 JSON; look only then.
    if _SURROGATE_ESCAPE.search(line):
        field = _field_with_lone_surrogate(record)
        if field is not None:
            raise InputError(
                f"{where}: {field} contains a lone surrogate (an unpaired \\ud800-\\udfff escape), not valid Unicode",
                type="encoding",
            )
    for field, value in (("text", article_text), ("source", source)):
        if value is not None and len(value) > MAX_INPUT_BYTES // 4 and len(value.encode("utf-8")) > MAX_INPUT_BYTES:
            raise InputError(
                f"{where}: \"{field}\" is larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit for one article",
                type="too-large",
            )
    article = Article(
        id=record_id,
        text=article_text,
        source=source if source and source.strip() else None,
        source_lang=source_lang,
        lang=lang,
        origin=where,
        input_format="jsonl",
    )
    record_format = record.get("format", "text")
    if record_format == "text":
        return article
    if record_format not in RECORD_FORMATS:
        shown = f'"{record_format}"' if isinstance(record_format, str) else json_type(record_format)
        raise InputError(f"{where}: \"format\" must be one of {', '.join(RECORD_FORMATS)}, got {shown}", type="record")
    return _read_formatted(article, record_format)


# What a record's "format" says its "text" holds; a wire item is read as `mtcheck check` reads the file.
RECORD_FORMATS = ("text", "html", "nitf", "newsml", "ninjs")


def _read_formatted(article: Article, record_format: str) -> Article:
    where = article.origin
    if record_format == "html":
        from mtcheck.io.html import html_to_text

        text = html_to_text(article.text)
        if not text.strip():
            raise InputError(f"{where}: \"text\" is HTML with no visible text", type="record")
        return replace(article, text=text, input_format="html")
    from mtcheck.io.wire import read_wire

    try:
        items = read_wire(article.text, f"{where}, text", article.id, "ninjs" if record_format == "ninjs" else "xml")
    except InputError as error:
        # The record itself is good JSON: broken ninjs inside "text" is a bad record, not a bad line.
        raise InputError(str(error), type="record" if error.type == "json" else error.type) from None
    if len(items) != 1:
        raise InputError(
            f"{where}: \"text\" holds {len(items)} news items; a record carries one (check the file with `mtcheck check` or `watch`)",
            type="record",
        )
    item = items[0]
    if isinstance(item, InputError):
        raise item
    if item.item is not None and item.item.format != record_format:
        raise InputError(f"{where}: \"format\" is {record_format} but \"text\" is a {item.item.format} item", type="record")
    return item.with_languages(article.lang, article.source_lang, id=article.id, origin=where, source=article.source)


def record_id_of(line: bytes, line_number: int) -> str:
    """The id of a record for its error line: from the JSON if it parses, else salvaged, else the line number."""
    try:
        record = json.loads(line[:MAX_RECORD_BYTES].decode("utf-8"))
    except (ValueError, RecursionError):
        record = None
    if isinstance(record, dict):
        try:
            return _record_id(record.get("id"), line_number, "")
        except InputError:
            return str(line_number)
    match = _ID_IN_BROKEN_LINE.search(line[: 64 * 1024])
    if match:
        if match.group(2) is not None:
            return match.group(2).decode("ascii")
        try:
            salvaged = json.loads(b'"' + match.group(1) + b'"')
        except ValueError:
            salvaged = None
        if isinstance(salvaged, str) and salvaged and not _LONE_SURROGATE.search(salvaged):
            return salvaged
    return str(line_number)


def _record_id(value: Any, line_number: int, where: str) -> str:
    if value is None:
        return str(line_number)
    if isinstance(value, bool):  # bool is an int in Python; true/false is not an id
        raise InputError(f"{where}: \"id\" must be a string or a number, got {json_type(value)}", type="record")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    if isinstance(value, str):
        if _LONE_SURROGATE.search(value):
            raise InputError(f"{where}: \"id\" contains a lone surrogate, not valid Unicode", type="encoding")
        return value
    raise InputError(f"{where}: \"id\" must be a string or a number, got {json_type(value)}", type="record")


def language_of(value: object) -> str | None:
    """``value`` if it is an ISO 639-1 code as records and the API take them (two lowercase
    letters, e.g. ``en``), else None."""
    return value if isinstance(value, str) and _LANGUAGE_CODE.fullmatch(value) else None


def _language(record: dict[str, Any], field: str, where: str) -> str | None:
    value = record.get(field)
    if value is None:
        return None
    if language_of(value) is None:
        shown = json.dumps(value, ensure_ascii=True)[:40]
        raise InputError(
            f"{where}: \"{field}\" must be an ISO 639-1 code (two lowercase letters, e.g. \"en\"), got {shown}",
            type="record",
        )
    return value


def _field_with_lone_surrogate(record: dict[str, Any]) -> str | None:
    """Where a lone surrogate is (a key or a value at any depth), or None; iterative, any depth."""
    pending: list[tuple[str, Any]] = [(json.dumps(key), value) for key, value in record.items()]
    for key in record:
        if _LONE_SURROGATE.search(key):
            return "a key"
    while pending:
        name, value = pending.pop()
        if isinstance(value, str):
            if _LONE_SURROGATE.search(value):
                return name if name.startswith('"') else f"a value in {name}"
        elif isinstance(value, dict):
            for key, inner in value.items():
                if _LONE_SURROGATE.search(key):
                    return f"a key in {name}"
                pending.append((name.strip('"'), inner))
        elif isinstance(value, list):
            pending.extend((name.strip('"'), inner) for inner in value)
    return None


def reject_constant(name: str) -> float:
    """``parse_constant`` for ``json.loads``: NaN, Infinity and -Infinity are not JSON."""
    raise ValueError(f"{name} is not valid JSON")


def json_type(value: Any) -> str:
    """What a JSON value is, for messages: "null", "a boolean", "a number", "a string"..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number" if not (isinstance(value, float) and math.isinf(value)) else "infinity"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
